#!/usr/bin/python3
# Reads a renewals iCalendar export with libical (the parser of Evolution
# and GNOME Calendar) and checks it against the renewals JSON.
# usage: ics_libical.py FILE.ics RENEWALS.json  (exit 0 ok, 1 differs, 77 no libical)
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

try:
    import gi
    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib
except (ImportError, ValueError):
    sys.exit(77)

text = open(sys.argv[1], encoding="utf-8").read()
renewals = {r["account_id"]: r for r in json.load(open(sys.argv[2]))}
cal = ICalGLib.Component.new_from_string(text)
problems = []
if cal is None or cal.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
    print("# libical did not read a VCALENDAR")
    sys.exit(1)
if not ICalGLib.restriction_check(cal):
    problems.append("RFC 5545 restrictions violated")
if "X-LIC-ERROR" in cal.as_ical_string():
    problems.append("libical reported parse errors (X-LIC-ERROR)")
seen = 0
event = cal.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
while event is not None:
    seen += 1
    uid = event.get_uid()
    aid = uid[len("renewal-"):].split("@")[0] if uid.startswith("renewal-") else None
    r = renewals.get(aid)
    start = event.get_dtstart()
    day = f"{start.get_year():04d}-{start.get_month():02d}-{start.get_day():02d}"
    if r is None:
        problems.append(f"event {uid} names no renewal")
    else:
        if not start.is_date() or day != r["renewal_date"]:
            problems.append(f"{aid}: DTSTART {day} (date={start.is_date()}) != {r['renewal_date']}")
        if r["name"] not in event.get_summary():
            problems.append(f"{aid}: SUMMARY {event.get_summary()!r} lacks {r['name']!r}")
    event = cal.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
if seen != len(renewals):
    problems.append(f"{seen} events for {len(renewals)} renewals")
print(f"# libical read {seen} events; {len(problems)} problems {problems[:5]}")
sys.exit(1 if problems else 0)
