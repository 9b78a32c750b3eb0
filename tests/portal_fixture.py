# portal_fixture.py: a lotse-server with the portal and a filled office,
# for tests/test-portal.py and tests/test-portal-browser.py
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import subprocess
import sys

SERVER = os.environ.get("LOTSE_SERVER", "lotse-server")
CLI = os.environ.get("LOTSE_CLI", "lotse-cli")
PASSWORD = "portal-password-1"

XSS = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "'><svg onload=alert(3)>",
    "</title><script>alert(4)</script>",
]
MARKDOWN = ("# Safe\n\n<script>alert(5)</script>\n\n<img src=x onerror=alert(6)>\n\n"
            "[click](javascript:alert(7))\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")


def run(*args, stdin=None):
    result = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{args} failed: {result.stderr}")
    return result.stdout


def start_server(location_args):
    # GLib translates nothing in a process under C.UTF-8 (g_dgettext()
    # takes it for a locale without translations); a server runs under the
    # system's locale, here the English one install-deps.sh generates.
    env = dict(os.environ, LC_ALL="en_GB.UTF-8", LANG="en_GB.UTF-8")
    process = subprocess.Popen([SERVER, *location_args, "--portal", "--listen", "127.0.0.1:0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = process.stdout.readline()
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))
    return process, port


def fill(db, url):
    run(CLI, "--db", db, "demo")
    programme = json.loads(run(CLI, "--db", db, "list", "programme", "--json"))[0]["id"]
    for text in XSS:
        project = run(CLI, "--db", db, "add", "project", f"title={text}", f"acronym={text[:20]}",
                      f"programme_id={programme}").strip()
        run(CLI, "--db", db, "add", "milestone", f"project_id={project}", f"title={text}",
            "due_date=2020-01-01")
    run(CLI, "--db", db, "add", "article", f"title={XSS[0]}", f"summary={XSS[1]}", f"body={MARKDOWN}")
    meeting = json.loads(run(CLI, "--db", db, "list", "meeting", "--json"))[0]["id"]
    run(CLI, "--db", db, "add", "decision", f"meeting_id={meeting}", f"text={XSS[2]}")
    run(CLI, "--db", db, "sync", "--server", url, "--user", "editor", "--password-stdin",
        stdin=PASSWORD + "\n")

def location(tmp):
    """The server's database: a data directory, or the PostgreSQL of
    tests/lotse-test-postgresql.sh."""
    postgresql = os.environ.get("LOTSE_TEST_POSTGRESQL")
    if postgresql:
        return ["--database", f"postgresql://lotse@/postgres?host={postgresql}"]
    return ["--data-dir", os.path.join(tmp, "server")]


def add_users(location_args):
    for user, role in (("editor", "editor"), ("reader", "reader")):
        run(SERVER, *location_args, "user", "add", user, "--role", role, stdin=PASSWORD + "\n")
