#!/usr/bin/env python3
# Syncs the simulator's book through tend-cli and compares tend-cli's figures
# with the independent implementations in this folder, at several as-of dates.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import health  # noqa: E402
import renewals_clawbacks as rc  # noqa: E402

SIM = os.environ["TEND_CRM_SIM"]
CLI = os.environ["TEND_CLI"]
AS_OF_DATES = ["2026-11-23", "2026-09-30", "2027-01-15"]


def cli_json(ws, as_of, *args):
    out = subprocess.run([CLI, "--workspace", ws, "--as-of", as_of, *args],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def check_renewals(ws):
    import sqlite3
    failures = 0
    db = sqlite3.connect(ws)
    db.row_factory = sqlite3.Row
    for as_of in AS_OF_DATES:
        ref = rc.renewals(db, rc.date.fromisoformat(as_of))
        ours = {r["account_id"]: r for r in cli_json(ws, as_of, "renewals", "--format", "json")}
        bad = sorted(set(ref) ^ set(ours))
        for aid in set(ref) & set(ours):
            for k in ("renewal_date", "days_left", "arr", "tier"):
                if ref[aid][k] != ours[aid][k]:
                    bad.append(f"{aid} {k}: ref {ref[aid][k]} ours {ours[aid][k]}")
        print(f"# renewals as of {as_of}: {len(ref)} in the horizon, {len(bad)} differ {bad[:5]}")
        failures += bool(bad)
    return failures


def check_ics(ws, tmp):
    """The iCalendar export read back by libical, Evolution's parser."""
    ics = os.path.join(tmp, "renewals.ics")
    js = os.path.join(tmp, "renewals.json")
    base = [CLI, "--workspace", ws, "--as-of", "2026-11-23", "renewals", "--days", "365"]
    subprocess.run(base + ["--format", "ics", "--output", ics], check=True, capture_output=True)
    with open(js, "w") as f:
        f.write(subprocess.run(base + ["--format", "json"], check=True, capture_output=True,
                               text=True).stdout)
    # libical's Python bindings are Debian's (python3-gi), so the system python
    system_python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    rc = subprocess.run([system_python, os.path.join(os.path.dirname(__file__), "ics_libical.py"),
                         ics, js]).returncode
    if rc == 77:
        print("# libical (gir1.2-ical-3.0) is not installed: iCalendar check skipped")
        return 0
    return rc != 0


def check_clawbacks(ws):
    import sqlite3
    db = sqlite3.connect(ws)
    db.row_factory = sqlite3.Row
    as_of = "2026-11-23"
    D = rc.date.fromisoformat(as_of)
    deals = rc.deals_by_account(db)
    churned = []
    for a in db.execute("SELECT * FROM accounts ORDER BY id"):
        c = rc.churn_day(a, deals)
        if c is not None and c <= D:
            churned.append((a["id"], c))
    kinds = ["new_business", "expansion", "renewal", "csm_bonus"]
    entries = []
    amounts = [100001, 120000, 99999, 5, 777777]
    n = 0
    for i, (aid, churn) in enumerate(churned[:12]):
        for k in (0, 1, 5, 6, 11, 12, 13):
            earned = rc.add_months(churn, -k)
            for delta in (0, 1):
                e = earned + rc.timedelta(delta)
                if e > D:
                    continue
                kind = kinds[n % 4]
                amount = amounts[n % len(amounts)]
                n += 1
                out = subprocess.run([CLI, "--workspace", ws, "--as-of", as_of, "incentive", "add",
                                      "--person", f"Rep {i}", "--role", "sales", "--kind", kind,
                                      "--account", aid, "--amount", f"{amount // 100}.{amount % 100:02d}",
                                      "--earned", e.isoformat()],
                                     check=True, capture_output=True, text=True).stdout
                entries.append({"entry_id": out.strip(), "kind": kind, "account_id": aid,
                                "amount": amount, "earned": e.isoformat()})
    ref = rc.clawbacks(db, D, entries)
    ours = {c["entry_id"]: c["clawback"] for c in cli_json(ws, as_of, "clawbacks", "--json")}
    bad = [f"{k}: ref {ref.get(k)} ours {ours.get(k)}" for k in sorted(set(ref) | set(ours))
           if ref.get(k) != ours.get(k)]
    print(f"# clawbacks: {len(entries)} entries on {len(churned[:12])} churned accounts, "
          f"{len(ref)} triggered, {len(bad)} differ {bad[:5]}")
    return bool(bad)


def main():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="tend-ref-") as tmp:
        ws = os.path.join(tmp, "ws.db")
        sim = subprocess.Popen([SIM, "--port", "0", "--seed", "7", "--accounts", "400",
                                "--today", "2026-11-23"], stdout=subprocess.PIPE, text=True)
        try:
            url = sim.stdout.readline().split()[-1]
            env = dict(os.environ, TEND_CRM_TOKEN="demo-token")
            subprocess.run([CLI, "--workspace", ws, "sync", "--base-url", url],
                           check=True, env=env, stderr=subprocess.DEVNULL)
        finally:
            sim.terminate()
            sim.wait()
        # a risk assessment so the financial part's third term is exercised
        ours = json.loads(subprocess.run([CLI, "--workspace", ws, "--as-of", "2026-11-23", "renewals",
                                          "--format", "json"], check=True, capture_output=True,
                                         text=True).stdout)
        for i, r in enumerate(ours[:6]):
            subprocess.run([CLI, "--workspace", ws, "--as-of", "2026-11-23", "assess", r["account_id"],
                            "--risk", ("low", "medium", "high")[i % 3]], check=True,
                           capture_output=True)
        failures += check_renewals(ws)
        failures += check_ics(ws, tmp)
        failures += check_clawbacks(ws)
        for as_of in AS_OF_DATES:
            out = subprocess.run([CLI, "--workspace", ws, "--as-of", as_of, "health", "--json"],
                                 check=True, capture_output=True, text=True).stdout
            path = os.path.join(tmp, f"health-{as_of}.json")
            with open(path, "w") as f:
                f.write(out)
            rc = subprocess.run([sys.executable, health.__file__, ws, as_of, path]).returncode
            print(f"# health as of {as_of}: {'ok' if rc == 0 else 'DIFFERS'}")
            failures += rc != 0
    print(f"1..1\n{'not ' if failures else ''}ok 1 health, renewals and clawbacks equal the reference")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
