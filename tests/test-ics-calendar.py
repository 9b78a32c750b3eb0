#!/usr/bin/python3
# test-ics-calendar.py: lotse-cli's iCalendar files as a calendar reads them
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by meson under TZ=UTC and under TZ=Europe/Berlin: the machine's zone
# must change nothing. On the demo office (in Europe/Berlin, its series
# without TZID) the jour fixe is prepared on through the winter into
# summer time, one meeting is cancelled, and then every meeting and the
# two recurring series are exported with lotse-cli and read back with
# python3-icalendar and recurring-ical-events, as a calendar would. Every
# occurrence of a series is compared with the stored meetings, and every
# meeting's file with its stored start: the same moment, and the same
# wall-clock time in Berlin (10:00 for the jour fixe, 14:00 for the
# steering board), in winter and in summer.

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zoneinfo

import icalendar
import recurring_ical_events

CLI = os.environ.get("LOTSE_CLI", "lotse-cli")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = datetime.timezone.utc

# The jour fixe meets every other Tuesday; these run from the demo's last
# meeting (24 November) across New Year into summer time (28 March 2027).
JOUR_FIXE_DATES = [
    "2026-12-08", "2026-12-22", "2027-01-05", "2027-01-19", "2027-02-02", "2027-02-16",
    "2027-03-02", "2027-03-16", "2027-03-30", "2027-04-13",
]
CANCELLED_DATE = "2027-01-05"
# The steering board meets on the first Thursday of every third month.
STEERING_DATES = ["2027-03-04", "2027-06-03"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("not ok:", message)


def cli(db, *args):
    result = subprocess.run([CLI, "--db", db, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"lotse-cli {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def stored_start(meeting):
    return datetime.datetime.fromisoformat(meeting["starts_at"])


def read_calendar(path):
    with open(path, "rb") as f:
        return icalendar.Calendar.from_ical(f.read())


def check_times(what, start, wall_clock):
    local = start.astimezone(BERLIN)
    check(local.strftime("%H:%M") == wall_clock,
          f"{what}: {local.isoformat()} is not at {wall_clock} in Berlin")


def check_series(db, tmp, series, wall_clock):
    meetings = json.loads(cli(db, "list", "meeting", "--json", "--where", f"series_id={series['id']}"))
    held = sorted(stored_start(m) for m in meetings if m["status"] != "cancelled")
    cancelled = [stored_start(m) for m in meetings if m["status"] == "cancelled"]
    path = os.path.join(tmp, f"series-{series['id']}.ics")

    cli(db, "export", "ics", "--series", series["id"], "-o", path)
    calendar = read_calendar(path)
    event = calendar.walk("VEVENT")[0]
    check(event["DTSTART"].params.get("TZID") == "Europe/Berlin",
          f"{series['title']}: DTSTART has TZID {event['DTSTART'].params.get('TZID')}")
    check(any(tz["TZID"] == "Europe/Berlin" for tz in calendar.walk("VTIMEZONE")),
          f"{series['title']}: no VTIMEZONE for Europe/Berlin")

    occurrences = recurring_ical_events.of(calendar).between(held[0], held[-1] + datetime.timedelta(minutes=1))
    starts = sorted(o["DTSTART"].dt for o in occurrences)
    print(f"# {series['title']}: {len(starts)} occurrences, {len(held)} meetings held or planned")
    check([s.astimezone(UTC) for s in starts] == [h.astimezone(UTC) for h in held],
          f"{series['title']}: occurrences {[s.isoformat() for s in starts]} "
          f"are not the meetings {[h.isoformat() for h in held]}")
    for start in starts:
        check_times(f"{series['title']} occurrence", start, wall_clock)
    for start in cancelled:
        check(all(s.astimezone(UTC) != start.astimezone(UTC) for s in starts),
              f"{series['title']}: the cancelled meeting of {start.isoformat()} is still there")

    return meetings


def check_meeting(db, tmp, meeting, wall_clock):
    path = os.path.join(tmp, f"meeting-{meeting['id']}.ics")

    cli(db, "export", "ics", meeting["id"], "-o", path)
    calendar = read_calendar(path)
    events = calendar.walk("VEVENT")
    check(len(events) == 1, f"{meeting['title']}: {len(events)} events")
    start = events[0]["DTSTART"].dt
    check(events[0]["DTSTART"].params.get("TZID") == "Europe/Berlin",
          f"{meeting['title']}: DTSTART has TZID {events[0]['DTSTART'].params.get('TZID')}")
    check(start.astimezone(UTC) == stored_start(meeting).astimezone(UTC),
          f"{meeting['title']}: the file says {start.isoformat()}, the store {meeting['starts_at']}")
    if wall_clock is not None:
        check_times(meeting["title"], start, wall_clock)

    # The title as stored, without a date in the exporter's locale.
    check(str(events[0]["SUMMARY"]) == meeting["title"],
          f"{meeting['title']}: SUMMARY {events[0]['SUMMARY']}")


def main():
    tmp = tempfile.mkdtemp(prefix="lotse-ics-")
    try:
        db = os.path.join(tmp, "office.db")
        # On the day its data are written for: the dates above follow its
        # last meeting of 24 November.
        cli(db, "demo", "--today", "2026-11-22")
        series = json.loads(cli(db, "list", "meeting_series", "--json"))
        jour_fixe = next(s for s in series if s["kind"] == "jour_fixe")
        steering = next(s for s in series if s["kind"] == "steering")
        single = [m for m in json.loads(cli(db, "list", "meeting", "--json")) if m["series_id"] is None]

        for date in JOUR_FIXE_DATES:
            meeting = json.loads(cli(db, "prepare-meeting", jour_fixe["id"], "--date", date, "--json"))
            check_times(f"prepared meeting of {date}", stored_start(meeting), "10:00")
            if date == CANCELLED_DATE:
                cli(db, "update", "meeting", meeting["id"], "status=cancelled")
        for date in STEERING_DATES:
            meeting = json.loads(cli(db, "prepare-meeting", steering["id"], "--date", date, "--json"))
            check_times(f"prepared meeting of {date}", stored_start(meeting), "14:00")

        for s, wall_clock in ((jour_fixe, "10:00"), (steering, "14:00")):
            for meeting in check_series(db, tmp, s, wall_clock):
                if meeting["status"] != "cancelled":
                    check_meeting(db, tmp, meeting, wall_clock)
        for meeting in single:
            check_meeting(db, tmp, meeting, None)
    finally:
        shutil.rmtree(tmp)

    print(f"# TZ={os.environ.get('TZ')}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
