#!/usr/bin/env python3
# Bad input to every tend-cli command: empty, overlong (100 KB), malformed,
# negative and out-of-range values and unknown options. Each must exit 2
# with one line on stderr that says what is expected, print nothing on
# stdout, and write nothing: the workspace is dumped before and after.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

SIM = os.environ.get("TEND_CRM_SIM")
CLI = os.environ["TEND_CLI"]
TOKEN = "tst-pat-na1-cli-input-token"
TODAY = "2026-11-23"
BIG = "x" * (100 * 1024)
BIG_DIGITS = "9" * (100 * 1024)

# (arguments, what the message must mention). {ACC} is an account, {ENTRY}
# an incentive entry with a clawback, {ALERT} an alert, {OUT} a path in the
# test's folder (no file may appear there), {BIG} 100 KB of text.
CASES = [
    # Global options and commands
    (["--as-of", "", "accounts"], "YYYY-MM-DD"),
    (["--as-of", "2026-02-30", "accounts"], "YYYY-MM-DD"),
    (["--as-of", "-1", "accounts"], "YYYY-MM-DD"),
    (["--as-of", "1899-12-31", "accounts"], "YYYY-MM-DD"),
    (["--as-of", "10000-01-01", "accounts"], "YYYY-MM-DD"),
    (["--as-of", "2026-11-23T00:00:00Z", "accounts"], "YYYY-MM-DD"),
    (["--as-of", "{BIG}", "accounts"], "YYYY-MM-DD"),
    (["accounts", "--as-of"], "needs a value"),
    (["accounts", "--workspace"], "needs a value"),
    (["--workspace", "", "accounts"], "--workspace"),
    (["accounts", "--json", "--as-of", "2026-11-23\nINJECTED"], "YYYY-MM-DD"),
    (["assess", "{ACC}", "--risk", "low\nsecond line"], "low, medium or high"),
    (["--no-such-option", "accounts"], "unknown option"),
    (["frobnicate"], "unknown command"),
    ([""], "unknown command"),
    (["{BIG}"], "unknown command"),
    # sync (checked before any network or token)
    (["sync", "--provider", ""], "hubspot or salesforce"),
    (["sync", "--provider", "zoho"], "hubspot or salesforce"),
    (["sync", "--provider", "{BIG}"], "hubspot or salesforce"),
    (["sync", "--base-url", ""], "https://"),
    (["sync", "--base-url", "not a url"], "https://"),
    (["sync", "--base-url", "ftp://api.hubapi.com"], "https://"),
    (["sync", "--base-url", "https://api.hubapi.com/?x=1"], "https://"),
    (["sync", "--base-url", "https://user:pw@api.hubapi.com"], "https://"),
    (["sync", "--base-url", "https://{BIG}.example"], "https://"),
    (["sync", "extra"], "unexpected argument"),
    # accounts, health, alerts, acknowledge, backtest, snapshot
    (["accounts", "extra"], "unexpected argument"),
    (["health", "--account", ""], "account"),
    (["health", "--account", "{BIG}"], "account"),
    (["health", "--account", "no-such-account"], "account"),
    (["health", "extra"], "unexpected argument"),
    (["alerts", "--owner", ""], "owner"),
    (["alerts", "--owner", "{BIG}"], "owner"),
    (["alerts", "extra"], "unexpected argument"),
    (["acknowledge"], "alert id"),
    (["acknowledge", ""], "alert id"),
    (["acknowledge", "abc"], "alert id"),
    (["acknowledge", "--", "-5"], "alert id"),
    (["acknowledge", "0"], "alert"),
    (["acknowledge", "99999999999999999999999"], "alert id"),
    (["acknowledge", "{BIG_DIGITS}"], "alert id"),
    (["acknowledge", "987654"], "alert"),
    (["acknowledge", "{ALERT}", "{ALERT}"], "alert id"),
    (["backtest", "extra"], "unexpected argument"),
    (["snapshot", "--backfill", "-1"], "--backfill"),
    (["snapshot", "--backfill", "99999"], "--backfill"),
    (["snapshot", "--backfill", "abc"], "--backfill"),
    (["snapshot", "--backfill", ""], "--backfill"),
    (["snapshot", "--backfill", "{BIG_DIGITS}"], "--backfill"),
    (["snapshot", "--backfill", "7", "--step", "0"], "--step"),
    (["snapshot", "--backfill", "7", "--step", "400"], "--step"),
    (["snapshot", "--backfill", "7", "--step", "-7"], "--step"),
    (["snapshot", "extra"], "unexpected argument"),
    # renewals, assess, assessments, milestone
    (["renewals", "--days", "0"], "--days"),
    (["renewals", "--days", "-5"], "--days"),
    (["renewals", "--days", "abc"], "--days"),
    (["renewals", "--days", ""], "--days"),
    (["renewals", "--days", "3661"], "--days"),
    (["renewals", "--days", "99999999999999999999"], "--days"),
    (["renewals", "--days", "{BIG_DIGITS}"], "--days"),
    (["renewals", "--days", "1.5"], "--days"),
    (["renewals", "--format", "xml"], "table, json, csv or ics"),
    (["renewals", "--format", ""], "table, json, csv or ics"),
    (["renewals", "--format", "{BIG}"], "table, json, csv or ics"),
    (["renewals", "--output", ""], "--output"),
    (["renewals", "--format", "ics", "--output", "{OUT}", "extra"], "unexpected argument"),
    (["assess"], "which account"),
    (["assess", "{ACC}"], "--risk"),
    (["assess", "{ACC}", "--risk", ""], "low, medium or high"),
    (["assess", "{ACC}", "--risk", "extreme"], "low, medium or high"),
    (["assess", "{ACC}", "--risk", "HIGH "], "low, medium or high"),
    (["assess", "{ACC}", "--risk", "{BIG}"], "low, medium or high"),
    (["assess", "{ACC}", "--risk", "low", "--reason", "greed"], "price"),
    (["assess", "{ACC}", "--risk", "low", "--reason", ""], "price"),
    (["assess", "{ACC}", "--risk", "low", "--reason", "{BIG}"], "price"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "-5"], "zero or more"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "abc"], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", ""], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "1e5"], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "1,234.50"], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "12.345"], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "99999999999999999999"], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "{BIG_DIGITS}"], "1234.50"),
    (["assess", "{ACC}", "--risk", "low", "--currency", "USD"], "--forecast"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "10", "--currency", "XX"], "currency"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "10", "--currency", ""], "currency"),
    (["assess", "{ACC}", "--risk", "low", "--forecast", "10", "--currency", "{BIG}"], "currency"),
    (["assess", "{ACC}", "--risk", "low", "--mitigation", "{BIG}"], "characters"),
    (["assess", "{ACC}", "--risk", "low", "--owner", "{BIG}"], "characters"),
    (["assess", "{ACC}", "--risk", "low", "--owner", "a\x01b"], "owner"),
    (["assess", "{ACC}", "--risk", "low", "--next-step", "call"], "--next-step-date"),
    (["assess", "{ACC}", "--risk", "low", "--next-step-date", "2026-12-01"], "--next-step"),
    (["assess", "{ACC}", "--risk", "low", "--next-step", "call", "--next-step-date", "2026-02-30"], "YYYY-MM-DD"),
    (["assess", "{ACC}", "--risk", "low", "--next-step", "call", "--next-step-date", ""], "YYYY-MM-DD"),
    (["assess", "{ACC}", "--risk", "low", "--next-step", "call", "--next-step-date", "{BIG}"], "YYYY-MM-DD"),
    (["assess", "{ACC}", "--risk", "low", "--next-step", "{BIG}", "--next-step-date", "2026-12-01"], "characters"),
    (["assess", "", "--risk", "low"], "account"),
    (["assess", "{BIG}", "--risk", "low"], "account"),
    (["assess", "no-such-account", "--risk", "low"], "account"),
    (["assess", "{ACC}", "extra", "--risk", "low"], "unexpected argument"),
    (["assessments"], "ACCOUNT_ID"),
    (["assessments", ""], "account"),
    (["assessments", "{BIG}"], "account"),
    (["assessments", "no-such-account"], "account"),
    (["milestone", "{ACC}"], "KIND"),
    (["milestone", "{ACC}", "bogus"], "proposal_sent"),
    (["milestone", "{ACC}", ""], "proposal_sent"),
    (["milestone", "{ACC}", "{BIG}"], "proposal_sent"),
    (["milestone", "", "proposal_sent"], "account"),
    (["milestone", "{BIG}", "proposal_sent"], "account"),
    (["milestone", "no-such-account", "proposal_sent"], "account"),
    # incentive add/remove, incentives, clawbacks, clawback, nrr
    (["incentive"], "add"),
    (["incentive", "frob"], "add"),
    (["incentive", "add"], "is required"),
    (["incentive", "add", "--person", "P", "--role", "ceo", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-11-01"], "sales, onboarding, csm or executive"),
    (["incentive", "add", "--person", "P", "--role", "", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-11-01"], "sales, onboarding, csm or executive"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "bribe", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-11-01"], "new_business, renewal, expansion or csm_bonus"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "{BIG}", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-11-01"], "new_business, renewal, expansion or csm_bonus"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "-5", "--earned", "2026-11-01"], "zero or more"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "0", "--earned", "2026-11-01"], "amount"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "abc", "--earned", "2026-11-01"], "1234.50"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "", "--earned", "2026-11-01"], "1234.50"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "{BIG_DIGITS}", "--earned", "2026-11-01"], "1234.50"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--currency", "EURO", "--earned", "2026-11-01"], "currency"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--currency", "", "--earned", "2026-11-01"], "currency"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-13-01"], "YYYY-MM-DD"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", ""], "YYYY-MM-DD"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", "{BIG}"], "YYYY-MM-DD"),
    (["incentive", "add", "--person", "", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-11-01"], "person"),
    (["incentive", "add", "--person", "{BIG}", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--amount", "10", "--earned", "2026-11-01"], "characters"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "",
      "--amount", "10", "--earned", "2026-11-01"], "account"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{BIG}",
      "--amount", "10", "--earned", "2026-11-01"], "account"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "no-such-account",
      "--amount", "10", "--earned", "2026-11-01"], "account"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--deal", "no-such-deal", "--amount", "10", "--earned", "2026-11-01"], "deal"),
    (["incentive", "add", "--person", "P", "--role", "csm", "--kind", "renewal", "--account", "{ACC}",
      "--deal", "", "--amount", "10", "--earned", "2026-11-01"], "deal"),
    (["incentive", "remove"], "ENTRY_ID"),
    (["incentive", "remove", ""], "entry"),
    (["incentive", "remove", "abc"], "entry"),
    (["incentive", "remove", "--", "-1"], "entry"),
    (["incentive", "remove", "0"], "entry"),
    (["incentive", "remove", "987654"], "entry"),
    (["incentive", "remove", "{BIG_DIGITS}"], "entry"),
    (["incentives", "--json", "--csv"], "exclude each other"),
    (["incentives", "extra"], "unexpected argument"),
    (["clawbacks", "--json", "--csv"], "exclude each other"),
    (["clawbacks", "extra"], "unexpected argument"),
    (["clawback"], "approve, apply or waive"),
    (["clawback", "approve"], "approve, apply or waive"),
    (["clawback", "frob", "{ENTRY}"], "approve, apply or waive"),
    (["clawback", "", "{ENTRY}"], "approve, apply or waive"),
    (["clawback", "waive", "{ENTRY}"], "--reason"),
    (["clawback", "waive", "{ENTRY}", "--reason", ""], "reason"),
    (["clawback", "waive", "{ENTRY}", "--reason", "{BIG}"], "characters"),
    (["clawback", "approve", "{ENTRY}", "--reason", "x"], "waive only"),
    (["clawback", "approve", "abc"], "entry"),
    (["clawback", "approve", ""], "entry"),
    (["clawback", "approve", "--", "-1"], "entry"),
    (["clawback", "approve", "987654"], "entry"),
    (["clawback", "approve", "{BIG_DIGITS}"], "entry"),
    (["nrr"], "--from and --to"),
    (["nrr", "--from", "2026-01-01"], "--from and --to"),
    (["nrr", "--from", "2026-02-30", "--to", "2026-06-30"], "YYYY-MM-DD"),
    (["nrr", "--from", "", "--to", "2026-06-30"], "YYYY-MM-DD"),
    (["nrr", "--from", "{BIG}", "--to", "2026-06-30"], "YYYY-MM-DD"),
    (["nrr", "--from", "2026-06-30", "--to", "2026-01-01"], "after"),
    (["nrr", "--from", "2026-01-01", "--to", "2026-06-30", "--owner", ""], "owner"),
    (["nrr", "--from", "2026-01-01", "--to", "2026-06-30", "--owner", "{BIG}"], "owner"),
    (["nrr", "extra", "--from", "2026-01-01", "--to", "2026-06-30"], "unexpected argument"),
]


class Workspace:
    def __init__(self, folder):
        self.folder = folder
        self.db = os.path.join(folder, "work.db")
        self.env = dict(os.environ, TEND_CRM_TOKEN=TOKEN, G_MESSAGES_DEBUG="")

    def cli(self, *args, check=False):
        run = subprocess.run([CLI, "--workspace", self.db, "--as-of", TODAY, *args],
                             capture_output=True, env=self.env, stdin=subprocess.DEVNULL)
        if check and run.returncode != 0:
            sys.exit(f"Bail out! tend-cli {' '.join(args)} exited {run.returncode}: "
                     f"{run.stderr.decode(errors='replace')}")
        return run

    def dump(self):
        db = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        out = [f"user_version={db.execute('PRAGMA user_version').fetchone()[0]}"]
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out += sorted(map(repr, db.execute("SELECT * FROM sqlite_master")))
        for table in tables:
            rows = sorted(map(repr, db.execute(f'SELECT * FROM "{table}"')))
            out.append(f"[{table}] {len(rows)}")
            out += rows
        db.close()
        return "\n".join(out)

    def files(self):
        return sorted(f for f in os.listdir(self.folder) if not f.startswith("work.db"))


def start_sim():
    sim = subprocess.Popen([SIM, "--port", "0", "--accounts", "120", "--seed", "42", "--today", TODAY,
                            "--token", TOKEN], stdout=subprocess.PIPE, text=True)
    line = sim.stdout.readline().strip()
    assert line.startswith("listening on "), line
    return sim, line[len("listening on "):]


def prepare(ws, base_url):
    ws.cli("sync", "--base-url", base_url, check=True)
    db = sqlite3.connect(ws.db)
    acc = db.execute("SELECT id FROM accounts WHERE churn_date IS NULL AND contract_end > ? "
                     "ORDER BY id LIMIT 1", (TODAY,)).fetchone()[0]
    churned = db.execute("SELECT id FROM accounts WHERE churn_date IS NOT NULL AND churn_date <= ? "
                         "ORDER BY id LIMIT 1", (TODAY,)).fetchone()[0]
    db.close()
    ws.cli("assess", acc, "--risk", "high", "--reason", "budget", check=True)
    # An entry on a churned account: its clawback is pending, not approved.
    ws.cli("incentive", "add", "--person", "Robin", "--role", "csm", "--kind", "renewal",
           "--account", churned, "--amount", "1000", "--earned", "2026-09-01", check=True)
    db = sqlite3.connect(ws.db)
    entry = db.execute("SELECT max(id) FROM incentive_entries").fetchone()[0]
    alert = db.execute("SELECT coalesce(max(id), 1) FROM health_alerts").fetchone()[0]
    db.close()
    return {"ACC": acc, "ENTRY": str(entry), "ALERT": str(alert)}


def expand(args, values):
    out = []
    for a in args:
        a = a.replace("{BIG_DIGITS}", BIG_DIGITS).replace("{BIG}", BIG)
        for k, v in values.items():
            a = a.replace("{" + k + "}", v)
        out.append(a)
    return out


def describe(args):
    return " ".join((a if a.isprintable() else repr(a)) if len(a) < 40 else f"<{len(a)} bytes>" for a in args)


def main():
    if SIM is None:
        print("1..0 # SKIP TEND_CRM_SIM is not set")
        return 0
    commands = []
    with tempfile.TemporaryDirectory(prefix="tend-cli-input-") as folder:
        ws = Workspace(folder)
        sim, base_url = start_sim()
        try:
            values = prepare(ws, base_url)
        finally:
            sim.terminate()
            sim.wait()
        values["OUT"] = os.path.join(folder, "export.ics")

        # Every command the CLI lists, with an option it does not have.
        help_text = ws.cli("--help").stdout.decode()
        commands = re.findall(r"^  ([a-z][a-z-]*) ", help_text, re.M)
        cases = CASES + [([c, "--no-such-option"], "") for c in commands]

        before = ws.dump()
        files = ws.files()
        print(f"1..{len(cases)}")
        failures = 0
        for n, (args, expected) in enumerate(cases, 1):
            argv = expand(args, values)
            run = ws.cli(*argv)
            err = run.stderr.decode(errors="replace")
            problems = []
            if run.returncode != 2:
                problems.append(f"exit {run.returncode}")
            if err.count("\n") != 1 or not err.endswith("\n"):
                problems.append(f"{err.count(chr(10))} lines on stderr")
            if expected.lower() not in err.lower():
                problems.append(f"message lacks “{expected}”")
            if len(err) > 400:
                problems.append(f"message of {len(err)} bytes")
            if run.stdout:
                problems.append(f"{len(run.stdout)} bytes on stdout")
            after = ws.dump()
            if after != before:
                problems.append("the workspace changed")
                before = after
            if ws.files() != files:
                problems.append(f"files appeared: {sorted(set(ws.files()) - set(files))}")
                files = ws.files()
            if problems:
                failures += 1
                print(f"not ok {n} {describe(args)}: {'; '.join(problems)}")
                print(f"# stderr: {err[:300]!r}")
            else:
                print(f"ok {n} {describe(args)}")
        print(f"# {len(cases)} inputs over {len(commands)} commands, {failures} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
