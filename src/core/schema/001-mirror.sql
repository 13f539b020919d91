-- Mirrored CRM data (DOMAIN.md section 2). Replaced by sync, read-only in the app.
-- Money is integer cents; days are 'YYYY-MM-DD'; instants are ISO 8601 UTC
-- ('YYYY-MM-DDTHH:MM:SS.sssZ'); modified_ms is the CRM's last-modified time in
-- epoch milliseconds (the incremental-sync high-water mark).
-- sync_gen is the full-sync generation that last saw the row: a full sync
-- deletes what an older generation saw and the CRM no longer has.

CREATE TABLE owners (
  id          TEXT PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  email       TEXT,
  team        TEXT,
  modified_ms INTEGER NOT NULL DEFAULT 0,
  sync_gen    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE accounts (
  id                 TEXT PRIMARY KEY NOT NULL,
  name               TEXT NOT NULL,
  domain             TEXT,
  owner_id           TEXT,
  exec_owner_id      TEXT,
  segment            TEXT,
  region             TEXT,
  business_unit      TEXT,
  product_line       TEXT,
  arr                INTEGER,
  arr_prior_year     INTEGER,
  currency           TEXT NOT NULL DEFAULT 'USD',
  contract_start     TEXT,
  contract_end       TEXT,
  licensed_seats     INTEGER,
  active_users_30d   INTEGER,
  last_activity      TEXT,
  overdue_amount     INTEGER,
  stage_override     TEXT CHECK (stage_override IN ('onboarding', 'adoption', 'expansion', 'renewal')),
  churn_date         TEXT,
  modified_ms        INTEGER NOT NULL DEFAULT 0,
  sync_gen           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX accounts_owner ON accounts (owner_id);
CREATE INDEX accounts_name ON accounts (name COLLATE NOCASE);
CREATE INDEX accounts_contract_end ON accounts (contract_end);

CREATE TABLE deals (
  id           TEXT PRIMARY KEY NOT NULL,
  account_id   TEXT,            -- NULL or dangling: kept, shown as unlinked
  name         TEXT NOT NULL DEFAULT '',
  category     TEXT CHECK (category IN ('new', 'renewal', 'expansion')),
  amount       INTEGER,
  currency     TEXT NOT NULL DEFAULT 'USD',
  stage        TEXT,
  status       TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  close_date   TEXT,
  owner_id     TEXT,
  modified_ms  INTEGER NOT NULL DEFAULT 0,
  sync_gen     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deals_account ON deals (account_id);
CREATE INDEX deals_close ON deals (status, category, close_date);

CREATE TABLE tickets (
  id           TEXT PRIMARY KEY NOT NULL,
  account_id   TEXT,
  subject      TEXT NOT NULL DEFAULT '',
  priority     TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  created_at   TEXT NOT NULL,
  closed_at    TEXT,
  modified_ms  INTEGER NOT NULL DEFAULT 0,
  sync_gen     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tickets_account ON tickets (account_id, created_at);

CREATE TABLE survey_responses (
  id            TEXT PRIMARY KEY NOT NULL,
  account_id    TEXT,
  type          TEXT NOT NULL CHECK (type IN ('NPS', 'CSAT', 'CES')),
  value         REAL NOT NULL,
  verbatim      TEXT,
  submitted_at  TEXT NOT NULL,
  respondent    TEXT,
  modified_ms   INTEGER NOT NULL DEFAULT 0,
  sync_gen      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX survey_responses_account ON survey_responses (account_id, submitted_at);

-- One row per CRM object type ('owners', 'companies', 'deals', ...).
CREATE TABLE sync_state (
  object_type     TEXT PRIMARY KEY NOT NULL,
  provider        TEXT,
  mode            TEXT,            -- 'full' or 'incremental' of the run in progress/last run
  cursor          TEXT,            -- paging cursor of an interrupted run, NULL when complete
  generation      INTEGER NOT NULL DEFAULT 0,
  high_water_ms   INTEGER NOT NULL DEFAULT 0,
  last_started    TEXT,
  last_finished   TEXT,
  last_success    TEXT,
  records_seen    INTEGER NOT NULL DEFAULT 0,
  records_skipped INTEGER NOT NULL DEFAULT 0,
  records_deleted INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT
);

-- Records a sync skipped, with why; kept until the next run of that type.
CREATE TABLE sync_issues (
  object_type  TEXT NOT NULL,
  record_id    TEXT,
  reason       TEXT NOT NULL,
  seen_at      TEXT NOT NULL
);
CREATE INDEX sync_issues_type ON sync_issues (object_type);
