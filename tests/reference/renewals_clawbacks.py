# Independent implementations of DOMAIN.md 6 (the renewal list) and 8 (the
# clawbacks of incentive entries), from the text alone.
# SPDX-License-Identifier: GPL-3.0-or-later
import calendar
from collections import defaultdict
from datetime import date, timedelta

import health

WINDOW = {"new_business": 12, "expansion": 12, "renewal": 6, "csm_bonus": 0}


def day(text):
    return date.fromisoformat(text[:10]) if text else None


def deals_by_account(db):
    deals = defaultdict(list)
    for r in db.execute("SELECT * FROM deals"):
        deals[r["account_id"]].append(r)
    return deals


def churn_day(account, deals):
    if account["churn_date"]:
        return day(account["churn_date"])
    lost = [day(d["close_date"]) for d in deals[account["id"]]
            if d["category"] == "renewal" and d["status"] == "lost" and d["close_date"]]
    return min(lost) if lost else None


def renewals(db, D, horizon=90):
    deals = deals_by_account(db)
    tiers = {h["account_id"]: h["tier"] for h in health.main_db(db, D)}
    out = {}
    for a in db.execute("SELECT * FROM accounts"):
        churn = churn_day(a, deals)
        if churn is not None and churn <= D:
            continue
        when = day(a["contract_end"])
        open_renewals = [day(d["close_date"]) for d in deals[a["id"]]
                         if d["category"] == "renewal" and d["status"] == "open" and d["close_date"]]
        if open_renewals:
            when = min(open_renewals)
        if when is None or not (D <= when <= D + timedelta(horizon)):
            continue
        out[a["id"]] = {"renewal_date": when.isoformat(), "days_left": (when - D).days,
                        "arr": a["arr"], "tier": tiers[a["id"]]}
    return out


def add_months(d, n):
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def clawbacks(db, D, entries):
    """entries: dicts with entry_id, kind, account_id, amount, earned."""
    deals = deals_by_account(db)
    accounts = {a["id"]: a for a in db.execute("SELECT * FROM accounts")}
    out = {}
    for e in entries:
        window = WINDOW[e["kind"]]
        churn = churn_day(accounts[e["account_id"]], deals)
        earned = date.fromisoformat(e["earned"])
        if window == 0 or churn is None or churn > D:
            continue
        if not (earned <= churn <= add_months(earned, window)):
            continue
        served = 0
        while add_months(earned, served + 1) <= churn:
            served += 1
        num = e["amount"] * (window - served)
        q, r = divmod(num, window)
        out[e["entry_id"]] = q + (1 if 2 * r >= window else 0)
    return out
