-- App-owned tables of the health module (DOMAIN.md section 3).

-- One row per scored account per day: the history behind trends, alerts and
-- the backtest. Taken after every sync (replacing that day's rows) and at
-- most once a day otherwise; backfilled rows are recomputations from the
-- cache (source = 'backfill').
CREATE TABLE health_snapshots (
  account_id  TEXT NOT NULL,
  day         TEXT NOT NULL,          -- YYYY-MM-DD, the as-of date
  score       REAL,                   -- unrounded; NULL when no component
  tier        TEXT NOT NULL CHECK (tier IN ('unknown', 'red', 'amber', 'green')),
  coverage    REAL NOT NULL,
  stage       TEXT NOT NULL,
  usage       REAL,                   -- each component NULL when missing
  support     REAL,
  financial   REAL,
  relational  REAL,
  flags       INTEGER NOT NULL DEFAULT 0,
  source      TEXT NOT NULL DEFAULT 'daily' CHECK (source IN ('daily', 'sync', 'backfill')),
  taken_at    TEXT NOT NULL,          -- ISO 8601 UTC instant
  PRIMARY KEY (account_id, day)
);
CREATE INDEX health_snapshots_day ON health_snapshots (day);

-- Alerts routed to the account's owner; a row stays open until someone
-- acknowledges it. (account_id, kind, key) stops the same alert twice: key
-- is 'PREVDAY/DAY' for tier_drop, the snapshot day for score_fall and the
-- renewal date for renewal_at_risk.
CREATE TABLE health_alerts (
  id               INTEGER PRIMARY KEY,
  account_id       TEXT NOT NULL,
  owner_id         TEXT,
  kind             TEXT NOT NULL CHECK (kind IN ('tier_drop', 'score_fall', 'renewal_at_risk')),
  key              TEXT NOT NULL,
  day              TEXT NOT NULL,     -- the snapshot day that raised it
  message          TEXT NOT NULL,
  detail           TEXT,              -- JSON
  created_at       TEXT NOT NULL,
  acknowledged_by  TEXT,
  acknowledged_at  TEXT,
  UNIQUE (account_id, kind, key)
);
CREATE INDEX health_alerts_open ON health_alerts (acknowledged_at, owner_id);
