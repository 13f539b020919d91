-- App-owned tables of the incentives module (DOMAIN.md section 3).

-- One commission or bonus. The clawback rule is captured when the entry is
-- made, so a later change of the settings never rewrites what was agreed.
-- AUTOINCREMENT: a removed entry's id is never given to another entry, so
-- its audit rows keep pointing at one entry only.
CREATE TABLE incentive_entries (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  person         TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('sales', 'onboarding', 'csm', 'executive')),
  kind           TEXT NOT NULL CHECK (kind IN ('new_business', 'renewal', 'expansion', 'csm_bonus')),
  account_id     TEXT NOT NULL,        -- CRM id, no foreign key (survives re-sync)
  deal_id        TEXT,                 -- CRM id or NULL
  amount         INTEGER NOT NULL CHECK (amount > 0),    -- cents
  currency       TEXT NOT NULL CHECK (length (currency) = 3),
  earned_date    TEXT NOT NULL,        -- YYYY-MM-DD
  clawback_rule  TEXT NOT NULL CHECK (clawback_rule IN ('pro_rata', 'none')),
  window_months  INTEGER NOT NULL CHECK (window_months >= 0),
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL         -- ISO 8601 UTC instant
);
CREATE INDEX incentive_entries_account ON incentive_entries (account_id);
CREATE INDEX incentive_entries_person ON incentive_entries (person);

-- The decision on a triggered clawback, keyed by entry. No row means
-- "pending". A decision holds for the churn day it was made on: when a
-- re-sync moves or removes the churn, an approval or waiver no longer
-- applies, while an application (money moved) always stays.
CREATE TABLE clawback_decisions (
  entry_id     INTEGER PRIMARY KEY NOT NULL REFERENCES incentive_entries (id),
  status       TEXT NOT NULL CHECK (status IN ('approved', 'applied', 'waived')),
  churn_date   TEXT NOT NULL,          -- YYYY-MM-DD the decision was made on
  clawback     INTEGER NOT NULL,       -- cents due on that churn day
  approved_by  TEXT,
  approved_at  TEXT,
  applied_by   TEXT,
  applied_at   TEXT,
  waived_by    TEXT,
  waived_at    TEXT,
  reason       TEXT                    -- required for a waiver
);
