#!/usr/bin/python3
# test-portal.py: lotse-server's web portal and calendar feeds over HTTP
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real lotse-server with --portal on loopback (SQLite, or the PostgreSQL
# that tests/lotse-test-postgresql.sh started), filled by a real client: lotse-cli loads
# the demo office plus an XSS corpus in titles, a decision and an article's
# Markdown, and syncs it up. Then, as a browser would: signed-out pages
# redirect to the sign-in; sign-in without the CSRF token is refused, with
# it sets an HttpOnly SameSite=Strict session cookie; every page carries
# the security headers and shows the corpus only escaped; a POST without
# the token is refused; the German pages are German; the PDFs are PDFs
# that pdftotext reads; the feed, read by python3-icalendar, holds exactly
# the stored meetings with their agendas and the office's VTIMEZONE, and
# a revoked feed token is refused; a session cookie is no API token; sign
# out ends the session.

import html.parser
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

import icalendar

from portal_fixture import CLI, PASSWORD, SERVER, add_users, fill, location, run, start_server

failures = 0


class Elements(html.parser.HTMLParser):
    """What a browser would make of a page: its elements and attributes."""

    def __init__(self):
        super().__init__()
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "svg", "iframe", "object", "embed", "style"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag} {name}={value}")


def check(condition, what):
    global failures
    print(("ok " if condition else "FAIL ") + what)
    if not condition:
        failures += 1


class Client:
    """One browser: keeps its cookies, never follows redirects."""

    def __init__(self, port, lang="en"):
        self.port = port
        self.lang = lang
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = {"Accept-Language": self.lang}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            if "Max-Age=0" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        connection.close()
        return response, data

    def get(self, path):
        return self.request("GET", path)

    def csrf(self, html):
        match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
        return match.group(1) if match else None


def sign_in(client, user="reader", base=""):
    response, data = client.get(base + "/portal/login")
    token = client.csrf(data.decode())
    return client.request("POST", base + "/portal/login",
                          {"csrf": token, "user": user, "password": PASSWORD})


def test_workspace_address(port):
    """The default workspace answers at /w/default/portal/ too, with its own links."""
    client = Client(port)
    response, data = sign_in(client, base="/w/default")
    check(response.status == 303 and response.getheader("Location").endswith("/w/default/portal/"),
          "sign-in at /w/default/portal/")
    response, data = client.get("/w/default/portal/")
    links = re.findall(r'href="(/[^"]*)"', data.decode())
    check(response.status == 200 and links and all(link.startswith("/w/default/portal/") for link in links),
          "its links stay under /w/default/portal/")


def listed_devices(location_args, user):
    """The devices `lotse-server user list` counts for @user."""
    for line in run(SERVER, *location_args, "user", "list").splitlines():
        fields = line.split()
        if fields and fields[0] == user:
            return int(fields[2])
    return None


def test_sessions(port, location_args):
    """Portal sessions and feed tokens are no devices of the account in
    `user list`; a sign-in removes the sessions that expired; no app may
    sign in under their device names."""
    check(listed_devices(location_args, "reader") == 0,
          "`user list` counts no portal session or feed token as a device")

    for name in ("web portal", "calendar feed"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/v1/auth/login", headers={"Content-Type": "application/json"},
                           body=json.dumps({"user": "editor", "password": PASSWORD, "device_name": name}))
        check(connection.getresponse().status == 400, f"an app cannot sign in as “{name}”")

    if location_args[0] != "--data-dir":
        return
    # Sessions that expired ten hours after their sign-in, as the clock
    # would have them: the next sign-in removes them.
    path = os.path.join(location_args[1], "lotse-server.db")
    with sqlite3.connect(path) as db:
        expired = db.execute("UPDATE devices SET created_at = '2020-01-01T08:00:00.000000Z'"
                             " WHERE name = 'web portal'").rowcount
    sign_in(Client(port))
    with sqlite3.connect(path) as db:
        left = db.execute("SELECT count(*) FROM devices WHERE name = 'web portal'"
                          " AND created_at < '2021'").fetchone()[0]
        fresh = db.execute("SELECT count(*) FROM devices WHERE name = 'web portal'").fetchone()[0]
    check(expired > 0 and left == 0 and fresh == 1, "a sign-in removes the expired sessions")


def check_headers(response, what):
    csp = response.getheader("Content-Security-Policy") or ""
    check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp, f"{what}: CSP")
    check(response.getheader("X-Content-Type-Options") == "nosniff", f"{what}: nosniff")


def check_escaped(text, what):
    parser = Elements()
    parser.feed(text)
    check(not parser.bad, f"{what}: no script, handler, style or javascript: link {parser.bad}")


def page_links(text):
    return sorted(set(re.findall(r'href="(/portal/(?:project|meetings|meeting|article)/[0-9a-f-]+)"', text)))


def test_pages(client):
    queue = ["/portal/", "/portal/meetings", "/portal/registers", "/portal/knowledge"]
    seen = {}
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        response, data = client.get(path)
        text = data.decode()
        check(response.status == 200, f"GET {path}: 200")
        check_headers(response, path)
        check_escaped(text, path)
        seen[path] = text
        queue += [link for link in page_links(text) if link not in seen]
    check(any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in seen.values()),
          "the corpus is shown as text")
    article = [t for p, t in seen.items() if p.startswith("/portal/article/") and "<h1>Safe</h1>" in t]
    check(len(article) == 1 and "<table>" in article[0] and "raw HTML omitted" in article[0],
          "the article's Markdown is rendered, its raw HTML left out")
    return seen


def test_programmes(client, db):
    programmes = json.loads(run(CLI, "--db", db, "list", "programme", "--json"))
    projects = json.loads(run(CLI, "--db", db, "list", "project", "--json", "--limit", "1000"))
    for programme in programmes:
        response, data = client.get(f"/portal/?programme={programme['id']}")
        shown = set(re.findall(r'href="/portal/project/([0-9a-f-]+)"', data.decode()))
        stored = {p["id"] for p in projects if p.get("programme_id") == programme["id"]}
        check(response.status == 200 and shown == stored,
              f"the portfolio of {programme['name']} shows its {len(stored)} projects")


def test_csrf_and_search(client):
    response, data = client.request("POST", "/portal/knowledge", {"q": "Förderung"})
    check(response.status == 403, "a search without the CSRF token is refused")
    token = client.csrf(client.get("/portal/knowledge")[1].decode())
    response, data = client.request("POST", "/portal/knowledge", {"q": "buergerportal", "csrf": token})
    text = data.decode()
    check(response.status == 200 and "Bürgerportal OWL" in text, "search folds umlauts as the app does")


def test_pdfs(client, pages, tmp):
    meeting = [p for p in pages if p.startswith("/portal/meeting/")]
    held = [p for p in meeting if "/portal/pdf/minutes/" in pages[p]]
    targets = ["/portal/pdf/milestones", meeting[0].replace("/meeting/", "/pdf/agenda/")]
    if held:
        targets.append(held[0].replace("/meeting/", "/pdf/minutes/"))
    check(len(targets) == 3, "a held meeting offers its minutes")
    for path in targets:
        response, data = client.get(path)
        check(response.status == 200 and data.startswith(b"%PDF"), f"{path} is a PDF")
        pdf = os.path.join(tmp, "out.pdf")
        with open(pdf, "wb") as f:
            f.write(data)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check(len(text.strip()) > 20, f"{path} has text")


def test_feed(client, db, port, location_args):
    out = run(SERVER, *location_args, "feed-token", "create", "reader")
    feed = re.search(r"(/calendar/\S+/all\.ics)", out).group(1)
    response, data = client.get(feed)
    check(response.status == 200 and response.getheader("Content-Type").startswith("text/calendar"),
          "the feed answers with a calendar")
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    meetings = json.loads(run(CLI, "--db", db, "list", "meeting", "--json"))
    stored = {m["id"]: m for m in meetings if m.get("starts_at")}
    check(set(events) == set(stored), "the feed holds exactly the stored meetings")
    check(len(calendar.walk("VTIMEZONE")) == 1, "the feed has one VTIMEZONE")
    for uid, meeting in stored.items():
        start = events[uid].decoded("DTSTART")
        check(start.isoformat() == meeting["starts_at"], f"meeting {uid} starts as stored")
    agendas = [str(e.get("DESCRIPTION", "")) for e in events.values()]
    check(any("Agenda" in text or "Tagesordnung" in text for text in agendas), "agendas are in DESCRIPTION")

    moved = next(iter(stored))
    run(CLI, "--db", db, "update", "meeting", moved, "title=Jour fixe (moved)")
    run(CLI, "--db", db, "sync")
    calendar = icalendar.Calendar.from_ical(client.get(feed)[1])
    titles = {str(e["UID"]).split("@")[0]: str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    check(titles.get(moved) == "Jour fixe (moved)", "the feed follows a changed meeting")

    # The agendas are kept between feeds while only meetings change; a
    # changed agenda item must still reach its meeting's description.
    items = json.loads(run(CLI, "--db", db, "list", "agenda_item", "--json"))
    item = next(i for i in items if i["meeting_id"] in stored)
    run(CLI, "--db", db, "update", "agenda_item", item["id"], "title=Haushalt 2027 (neu)")
    run(CLI, "--db", db, "sync")
    calendar = icalendar.Calendar.from_ical(client.get(feed)[1])
    described = {str(e["UID"]).split("@")[0]: str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")}
    check("Haushalt 2027 (neu)" in described.get(item["meeting_id"], ""),
          "the feed follows a changed agenda item")

    series_id = next(m["series_id"] for m in stored.values() if m.get("series_id"))
    series_feed = feed.replace("/all.ics", f"/series/{series_id}.ics")
    response, data = client.get(series_feed)
    check(response.status == 200, "the feed of a series answers")
    calendar = icalendar.Calendar.from_ical(data)
    described = {str(e["UID"]).split("@")[0]: str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")}
    check(set(described) == {i for i, m in stored.items() if m.get("series_id") == series_id},
          "the series feed holds exactly the series' meetings")
    listed = 0
    for uid in described:
        titles = [i["title"] for i in items if i["meeting_id"] == uid and not i.get("deleted")]
        check(all(t in described[uid] for t in titles), f"meeting {uid} of the series lists its agenda")
        listed += len(titles)
    check(listed > 0, f"the series feed lists agenda items ({listed})")
    response, data = client.get(feed.replace("/all.ics", "/series/00000000-0000-4000-8000-000000000000.ics"))
    check(response.status == 404, "the feed of an unknown series is not found")

    bare = Client(port)
    response, data = bare.get(feed.replace("/all.ics", "/../portal/"))
    check(response.status != 200 or b"Sign in" in data, "a feed token opens no portal page")
    token = feed.split("/")[2]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/v1/sync/pull", headers={"Authorization": "Bearer feed:" + token})
    check(connection.getresponse().status == 401, "a feed token is no API token")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/v1/sync/pull", headers={"Authorization": "Bearer " + token})
    check(connection.getresponse().status == 401, "a feed token alone is no API token")
    run(SERVER, *location_args, "feed-token", "revoke", "reader")
    response, data = bare.get(feed)
    check(response.status == 404, "a revoked feed token is refused")


def main():
    tmp = tempfile.mkdtemp(prefix="lotse-portal-")
    location_args = location(tmp)
    server = None
    try:
        add_users(location_args)
        server, port = start_server(location_args)
        db = os.path.join(tmp, "client.db")
        fill(db, f"http://127.0.0.1:{port}")

        client = Client(port)
        response, data = client.get("/portal/")
        check(response.status == 303 and response.getheader("Location").endswith("/portal/login"),
              "signed out, a page redirects to the sign-in")
        check_headers(response, "redirect")

        response, data = client.request("POST", "/portal/login", {"user": "reader", "password": PASSWORD})
        check(response.status == 403, "sign-in without the CSRF token is refused")
        response, data = sign_in(client)
        check(response.status == 303, "sign-in redirects")
        cookie = [h for h in response.headers.get_all("Set-Cookie") if h.startswith("lotse_session=")]
        check(len(cookie) == 1 and "HttpOnly" in cookie[0] and "SameSite=Strict" in cookie[0],
              "the session cookie is HttpOnly and SameSite=Strict")
        check("Secure" not in cookie[0], "no Secure flag over plain HTTP")

        for bearer in (client.cookies["lotse_session"], "portal:" + client.cookies["lotse_session"]):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/v1/sync/pull", headers={"Authorization": "Bearer " + bearer})
            check(connection.getresponse().status == 401, f"{bearer[:12]}… is no API token")

        pages = test_pages(client)
        test_workspace_address(port)
        test_programmes(client, db)
        test_csrf_and_search(client)
        test_pdfs(client, pages, tmp)

        german = Client(port, "de-DE,de;q=0.9,en;q=0.5")
        sign_in(german)
        response, data = german.get("/portal/")
        check('lang="de"' in data.decode() and "Abmelden" in data.decode(), "German pages are German")

        test_feed(client, db, port, location_args)

        token = client.csrf(client.get("/portal/")[1].decode())
        old = dict(client.cookies)
        response, data = client.request("POST", "/portal/logout", {"csrf": token})
        check(response.status == 303 and "lotse_session" not in client.cookies, "sign-out clears the cookie")
        client.cookies = old
        response, data = client.get("/portal/")
        check(response.status == 303, "the old session cookie no longer works")
        test_sessions(port, location_args)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
