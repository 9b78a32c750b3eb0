#!/usr/bin/python3
# test-cli-eml.py: lotse-cli's .eml files as a mail program reads them
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# On the demo office the invitation and the minutes of a jour fixe are
# exported as .eml and parsed back with Python's email package, as a mail
# program would: the headers (UTF-8 names and subject decoded), every
# participant with an address as a recipient and those without named,
# the text, and the attachments equal to the PDFs and the .ics that
# "lotse-cli export" writes (a PDF apart from its creation time). What was
# saved is recorded on the meeting. Bad input changes nothing.

import email
import email.policy
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = os.environ.get("LOTSE_CLI", "lotse-cli")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("not ok:", message)


def run(db, *args):
    return subprocess.run([CLI, "--db", db, *args], capture_output=True, text=True)


def cli(db, *args):
    result = run(db, *args)
    if result.returncode != 0:
        sys.exit(f"lotse-cli {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def query(db, sql, *params):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


def without_creation_date(pdf):
    return re.sub(rb"/CreationDate \([^)]*\)", b"", pdf)


def without_dtstamp(ics):
    """DTSTAMP is when the file was written: two exports a second apart differ there only."""
    return re.sub(rb"DTSTAMP:[0-9TZ]+\r?\n", b"", ics)


def parse(path):
    with open(path, "rb") as f:
        return email.message_from_binary_file(f, policy=email.policy.default)


def attachments(message):
    return {part.get_filename(): part for part in message.iter_attachments()}


def check_invitation(db, tmp, meeting, addresses):
    path = os.path.join(tmp, "invitation.eml")
    out = cli(db, "export", "eml", meeting, "--invitation", "-o", path)
    check("Not addressed" in out and "Nadine Oster" in out, f"the person without an address is named: {out}")
    check("Invitation saved as e-mail on " in out and f"for {len(addresses)} participants" in out,
          f"what was saved is shown: {out}")
    message = parse(path)
    check(message["Subject"] == "Invitation: Jour fixe 10.11.2026", f"subject {message['Subject']!r}")
    to = {a.addr_spec for a in message["To"].addresses}
    check(to == addresses, f"recipients {sorted(to)} are {sorted(addresses)}")
    names = {a.display_name for a in message["To"].addresses}
    check("Katrin Voßmeyer" in names, f"UTF-8 names decoded: {names}")
    check(message.get_content_type() == "multipart/mixed", "multipart/mixed")
    body = message.get_body(preferencelist=("plain",)).get_content()
    check("Jour fixe 10.11.2026" in body and "attached" in body, f"text: {body!r}")

    parts = attachments(message)
    pdfs = [n for n in parts if n.endswith(".pdf")]
    icss = [n for n in parts if n.endswith(".ics")]
    check(len(parts) == 2 and len(pdfs) == 1 and len(icss) == 1, f"attachments {list(parts)}")
    cli(db, "export", "agenda", meeting, "-o", os.path.join(tmp, "agenda.pdf"))
    cli(db, "export", "ics", meeting, "-o", os.path.join(tmp, "meeting.ics"))
    with open(os.path.join(tmp, "agenda.pdf"), "rb") as f:
        check(without_creation_date(parts[pdfs[0]].get_content()) == without_creation_date(f.read()),
              "the agenda PDF is the one export agenda writes")
    with open(os.path.join(tmp, "meeting.ics"), "rb") as f:
        ics = parts[icss[0]].get_payload(decode=True)
        check(b"DTSTAMP:" in ics and without_dtstamp(ics) == without_dtstamp(f.read()),
              "the .ics is the one export ics writes")
    check(parts[pdfs[0]].get_content_type() == "application/pdf", "PDF type")
    check(parts[icss[0]].get_content_type() == "text/calendar", "calendar type")


def check_minutes(db, tmp, meeting):
    path = os.path.join(tmp, "minutes.eml")
    cli(db, "export", "eml", meeting, "--minutes", "-o", path)
    message = parse(path)
    check(message["Subject"] == "Minutes: Jour fixe 10.11.2026", f"subject {message['Subject']!r}")
    parts = attachments(message)
    check(len(parts) == 1 and next(iter(parts)).endswith(".pdf"), f"attachments {list(parts)}")
    cli(db, "export", "minutes", meeting, "-o", os.path.join(tmp, "minutes.pdf"))
    with open(os.path.join(tmp, "minutes.pdf"), "rb") as f:
        pdf = next(iter(parts.values())).get_content()
        check(without_creation_date(pdf) == without_creation_date(f.read()),
              "the minutes PDF is the one export minutes writes")


def check_bad_input(db, tmp, meeting):
    before = query(db, "SELECT count(*) FROM meeting_dispatch")
    for args, status in [
        (["export", "eml", meeting, "-o", os.path.join(tmp, "x.eml")], 2),
        (["export", "eml", meeting, "--minutes", "--invitation", "-o", os.path.join(tmp, "x.eml")], 2),
        (["export", "eml", meeting, "--minutes"], 2),
        (["export", "eml", "not-a-meeting", "--minutes", "-o", os.path.join(tmp, "x.eml")], 1),
    ]:
        result = run(db, *args)
        check(result.returncode == status, f"{args}: status {result.returncode}, {result.stderr}")
    check(not os.path.exists(os.path.join(tmp, "x.eml")), "no file is written on bad input")
    check(query(db, "SELECT count(*) FROM meeting_dispatch") == before, "nothing is recorded on bad input")


def main():
    tmp = tempfile.mkdtemp()
    try:
        db = os.path.join(tmp, "lotse.db")
        cli(db, "demo", "--today", "2026-11-22")
        meeting = query(db, "SELECT id FROM meeting WHERE title = 'Jour fixe 10.11.2026'")[0][0]
        person = cli(db, "add", "person", "name=Nadine Oster").strip()
        cli(db, "attendance", meeting, person, "present")
        addresses = {row[0] for row in query(
            db, "SELECT p.email FROM meeting_participant m JOIN person p ON p.id = m.person_id"
                " WHERE m.meeting_id = ? AND m.deleted = 0 AND p.email IS NOT NULL", meeting)}

        check_invitation(db, tmp, meeting, addresses)
        check_minutes(db, tmp, meeting)
        sent = query(db, "SELECT kind, recipient_count, via FROM meeting_dispatch ORDER BY kind")
        check(sent == [("invitation", len(addresses), "eml"), ("minutes", len(addresses), "eml")],
              f"recorded {sent}")
        check_bad_input(db, tmp, meeting)
    finally:
        shutil.rmtree(tmp)

    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print("ok")


main()
