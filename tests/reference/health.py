#!/usr/bin/env python3
# An independent implementation of DOMAIN.md sections 4 and 5 over a Tend
# workspace's mirrored tables, written from the text alone, to compare with
# `tend-cli health --json` account by account.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sqlite3
import sys
from collections import defaultdict
from datetime import date, timedelta

WEIGHTS = {
    "onboarding": (45, 25, 10, 20),
    "adoption": (35, 25, 15, 25),
    "expansion": (30, 20, 25, 25),
    "renewal": (20, 20, 30, 30),
}
PRIORITY = {"low": 1, "medium": 2, "high": 4, "urgent": 8}
RISK = {"low": 100, "medium": 60, "high": 20}


def day(text):
    return date.fromisoformat(text[:10]) if text else None


def main(db_path, as_of_text):
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    return main_db(db, date.fromisoformat(as_of_text))


def main_db(db, D):
    deals = defaultdict(list)
    for r in db.execute("SELECT * FROM deals"):
        deals[r["account_id"]].append(r)
    tickets = defaultdict(list)
    for r in db.execute("SELECT * FROM tickets"):
        tickets[r["account_id"]].append(r)
    surveys = defaultdict(list)
    for r in db.execute("SELECT * FROM survey_responses ORDER BY submitted_at, id"):
        surveys[r["account_id"]].append(r)
    assessments = defaultdict(list)
    for r in db.execute("SELECT * FROM risk_assessments ORDER BY id"):
        assessments[r["account_id"]].append(r)

    out = []
    for a in db.execute("SELECT * FROM accounts"):
        aid = a["id"]
        churn = day(a["churn_date"])
        if churn is None:
            lost = [day(d["close_date"]) for d in deals[aid]
                    if d["category"] == "renewal" and d["status"] == "lost" and d["close_date"]]
            churn = min(lost) if lost else None
        if churn is not None and churn <= D:
            continue

        start, end = day(a["contract_start"]), day(a["contract_end"])
        if a["stage_override"]:
            stage = a["stage_override"]
        elif start and D - timedelta(90) < start <= D:
            stage = "onboarding"
        elif end and D <= end <= D + timedelta(120):
            stage = "renewal"
        elif any(d["category"] == "expansion" and d["status"] == "open" for d in deals[aid]):
            stage = "expansion"
        else:
            stage = "adoption"

        # usage
        usage = None
        if a["licensed_seats"] is not None and a["licensed_seats"] > 0 and a["active_users_30d"] is not None:
            ratio = a["active_users_30d"] / a["licensed_seats"]
            usage = 100 * min(1, ratio / 0.8)
            last = day(a["last_activity"])
            if last is not None and last < D - timedelta(30):
                usage = min(usage, 20)

        # support
        points = 0
        for t in tickets[aid]:
            c = day(t["created_at"])
            if not (D - timedelta(90) < c <= D):
                continue
            p = PRIORITY[t["priority"]]
            closed = day(t["closed_at"])
            is_open = closed is None or closed > D
            if is_open and c < D - timedelta(14):
                p *= 2
            points += p
        support = max(0, 100 - 10 * points)

        # financial
        parts = []
        if a["arr"] and a["arr_prior_year"] and a["arr"] > 0 and a["arr_prior_year"] > 0:
            d = (a["arr"] - a["arr_prior_year"]) / a["arr_prior_year"]
            parts.append(max(0, min(100, 70 + 150 * d)))
        if a["overdue_amount"] is not None:
            owed = a["overdue_amount"]
            if owed == 0:
                parts.append(100)
            elif a["arr"] and owed < 0.1 * a["arr"]:
                parts.append(50)
            else:
                parts.append(0)
        renewal = end
        open_renewals = [day(d["close_date"]) for d in deals[aid]
                         if d["category"] == "renewal" and d["status"] == "open" and d["close_date"]]
        if open_renewals:
            renewal = min(open_renewals)
        current = [r for r in assessments[aid]
                   if day(r["renewal_date"]) == renewal or day(r["renewal_date"]) >= D]
        if current:
            parts.append(RISK[current[-1]["risk"]])
        financial = sum(parts) / len(parts) if parts else None

        # relational
        recent = [s for s in surveys[aid] if D - timedelta(180) < day(s["submitted_at"]) <= D]
        rel = []
        for kind in ("NPS", "CSAT", "CES"):
            rs = [s for s in recent if s["type"] == kind]
            if kind != "CSAT":
                latest = {}
                anonymous = []
                for s in rs:   # ordered by submitted_at, id
                    if s["respondent"]:
                        latest[s["respondent"]] = s
                    else:
                        anonymous.append(s)
                rs = list(latest.values()) + anonymous
            if not rs:
                continue
            values = [s["value"] for s in rs]
            if kind == "NPS":
                nps = 100 * (sum(v >= 9 for v in values) - sum(v <= 6 for v in values)) / len(values)
                rel.append((nps + 100) / 2)
            elif kind == "CSAT":
                rel.append((sum(values) / len(values) - 1) / 4 * 100)
            else:
                rel.append((sum(values) / len(values) - 1) / 6 * 100)
        relational = sum(rel) / len(rel) if rel else None

        comps = {"usage": usage, "support": support, "financial": financial, "relational": relational}
        w = dict(zip(("usage", "support", "financial", "relational"), WEIGHTS[stage]))
        present = [k for k in comps if comps[k] is not None]
        score = sum(w[k] * comps[k] for k in present) / sum(w[k] for k in present) if present else None
        coverage = sum(w[k] for k in present) / sum(w.values())
        if score is None or coverage < 0.5:
            tier = "unknown"
        elif score >= 70:
            tier = "green"
        elif score >= 45:
            tier = "amber"
        else:
            tier = "red"
        flags = []
        if usage is not None and relational is not None and (
                (usage >= 70 and relational < 40) or (usage < 40 and relational >= 70)):
            flags.append("conflict")
        out.append({"account_id": aid, "stage": stage, "score": score, "tier": tier,
                    "coverage": coverage, "flags": flags, "components": comps})
    return out


if __name__ == "__main__":
    ref = {x["account_id"]: x for x in main(sys.argv[1], sys.argv[2])}
    ours = {x["account_id"]: x for x in json.load(open(sys.argv[3]))}
    # ours are shown rounded to one decimal (half away from zero), so an
    # unrounded reference value must lie within 0.05 of them
    problems = 0
    if set(ref) != set(ours):
        print("# account sets differ:", sorted(set(ref) ^ set(ours))[:10])
        problems += 1
    for aid in sorted(set(ref) & set(ours)):
        r, o = ref[aid], ours[aid]
        diffs = []
        for k in ("stage", "tier", "flags"):
            if r[k] != o[k]:
                diffs.append(f"{k}: ref {r[k]} ours {o[k]}")
        if (r["score"] is None) != (o["score"] is None) or (
                r["score"] is not None and abs(r["score"] - o["score"]) > 0.05 + 1e-9):
            diffs.append(f"score: ref {r['score']} ours {o['score']}")
        if abs(r["coverage"] - o["coverage"]) > 1e-3:
            diffs.append(f"coverage: ref {r['coverage']} ours {o['coverage']}")
        for c, v in r["components"].items():
            ov = o["components"][c]
            if (v is None) != (ov is None) or (v is not None and abs(v - ov) > 0.05 + 1e-9):
                diffs.append(f"{c}: ref {v} ours {ov}")
        if diffs:
            problems += 1
            print("#", aid, "; ".join(diffs))
    print(f"# {len(ref)} accounts compared, {problems} differ")
    sys.exit(1 if problems else 0)
