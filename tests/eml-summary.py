#!/usr/bin/python3
# eml-summary.py: an .eml file as a mail program reads it, for test-ui-send
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   eml-summary.py FILE.eml
#
# Parses the message with Python's email package and prints JSON: the
# decoded subject, the recipients' addresses (sorted, joined by ","), and
# each attachment's file name, MIME type and, for a PDF, its text as
# pdftotext reads it.

import email
import email.policy
import json
import subprocess
import sys


def main(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    attachments = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        entry = {"filename": part.get_filename(), "type": part.get_content_type()}
        if entry["type"] == "application/pdf":
            entry["text"] = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data,
                                           capture_output=True, check=True).stdout.decode()
        attachments.append(entry)
    to = sorted(a.addr_spec for a in message["To"].addresses) if message["To"] else []
    json.dump({"subject": str(message["Subject"]), "to": ",".join(to), "attachments": attachments},
              sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
