-- App-owned tables of the renewals module (DOMAIN.md section 6).

-- Risk assessments keep their history: a new one supersedes, old ones stay.
CREATE TABLE risk_assessments (
  id                 INTEGER PRIMARY KEY,
  account_id         TEXT NOT NULL,
  renewal_date       TEXT NOT NULL,      -- the renewal it assesses (YYYY-MM-DD)
  risk               TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  reasons            TEXT NOT NULL DEFAULT '[]',   -- JSON array of reason words
  mitigation         TEXT,
  forecast_amount    INTEGER,            -- cents
  forecast_currency  TEXT,
  owner              TEXT,
  next_step          TEXT,
  next_step_date     TEXT,
  assessed_by        TEXT NOT NULL,
  assessed_at        TEXT NOT NULL       -- ISO 8601 UTC instant
);
CREATE INDEX risk_assessments_account ON risk_assessments (account_id, renewal_date, id);

-- Retention milestones (DOMAIN.md 6) that a person checks: one row per
-- checked box; unchecking deletes the row (the audit log keeps the history).
-- The risk-assessment milestone is not stored here: it is done when the
-- renewal has a current risk assessment.
CREATE TABLE renewal_milestones (
  account_id    TEXT NOT NULL,
  renewal_date  TEXT NOT NULL,         -- the renewal it belongs to (YYYY-MM-DD)
  kind          TEXT NOT NULL CHECK (kind IN ('proposal_sent', 'order_form_signed')),
  done_by       TEXT NOT NULL,
  done_at       TEXT NOT NULL,         -- ISO 8601 UTC instant
  PRIMARY KEY (account_id, renewal_date, kind)
);
