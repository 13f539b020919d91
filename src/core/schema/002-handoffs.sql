-- App-owned tables of the handoffs module (DOMAIN.md section 3).

-- Handoff plans (DOMAIN.md 7), one per account, keyed by CRM ids without
-- foreign keys to the mirror so they survive any re-sync. Text fields hold
-- what a person typed (dates too: 'YYYY-MM-DD' once valid), so a draft
-- saved with incomplete fields reloads exactly. The history of every save
-- and transition is in audit_log (entity 'handoff').
-- AUTOINCREMENT: a plan id is never reused, so audit rows keep pointing at
-- one plan only.
CREATE TABLE handoff_plans (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id      TEXT NOT NULL UNIQUE,
  deal_id         TEXT,                -- the deal it came from, or NULL
  state           TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'accepted', 'returned')),
  kickoff_date    TEXT,
  go_live_target  TEXT,
  notes           TEXT,
  return_comment  TEXT,                -- the latest return's comment
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,       -- ISO 8601 UTC instants
  updated_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  submitted_by    TEXT,
  submitted_at    TEXT,
  accepted_by     TEXT,
  accepted_at     TEXT,
  returned_by     TEXT,
  returned_at     TEXT
);
CREATE INDEX handoff_plans_state ON handoff_plans (state, account_id);

-- Repeatable rows keep their order in position (0, 1, ...); a save
-- rewrites a plan's rows.
CREATE TABLE handoff_objectives (
  plan_id         INTEGER NOT NULL REFERENCES handoff_plans (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  objective       TEXT,
  success_metric  TEXT,
  target_value    TEXT,
  target_date     TEXT,
  status          TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started', 'on_track', 'at_risk', 'achieved')),
  PRIMARY KEY (plan_id, position)
);

-- The success plan's dated progress notes, oldest first.
CREATE TABLE handoff_progress_notes (
  plan_id             INTEGER NOT NULL,
  objective_position  INTEGER NOT NULL,
  position            INTEGER NOT NULL,
  note                TEXT,
  status              TEXT NOT NULL
                      CHECK (status IN ('not_started', 'on_track', 'at_risk', 'achieved')),
  noted_by            TEXT NOT NULL,
  noted_at            TEXT NOT NULL,
  PRIMARY KEY (plan_id, objective_position, position),
  FOREIGN KEY (plan_id, objective_position)
    REFERENCES handoff_objectives (plan_id, position) ON DELETE CASCADE
);

CREATE TABLE handoff_stakeholders (
  plan_id               INTEGER NOT NULL REFERENCES handoff_plans (id) ON DELETE CASCADE,
  position              INTEGER NOT NULL,
  name                  TEXT,
  role                  TEXT,
  email                 TEXT,
  is_champion           INTEGER NOT NULL DEFAULT 0 CHECK (is_champion IN (0, 1)),
  is_decision_maker     INTEGER NOT NULL DEFAULT 0 CHECK (is_decision_maker IN (0, 1)),
  is_executive_sponsor  INTEGER NOT NULL DEFAULT 0 CHECK (is_executive_sponsor IN (0, 1)),
  PRIMARY KEY (plan_id, position)
);

-- Commitments made during the sale, with their delivery review.
CREATE TABLE handoff_commitments (
  plan_id      INTEGER NOT NULL REFERENCES handoff_plans (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  what         TEXT,
  due_date     TEXT,
  status       TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'delivered', 'at_risk', 'missed')),
  reviewed_by  TEXT,
  reviewed_at  TEXT,
  PRIMARY KEY (plan_id, position)
);

CREATE TABLE handoff_products (
  plan_id   INTEGER NOT NULL REFERENCES handoff_plans (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  product   TEXT,
  seats     INTEGER,
  PRIMARY KEY (plan_id, position)
);

CREATE TABLE handoff_risks (
  plan_id   INTEGER NOT NULL REFERENCES handoff_plans (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  risk      TEXT,
  PRIMARY KEY (plan_id, position)
);

-- The onboarding checklist, copied from the setting when the plan is made.
CREATE TABLE handoff_checklist (
  plan_id   INTEGER NOT NULL REFERENCES handoff_plans (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  item      TEXT,
  is_done   INTEGER NOT NULL DEFAULT 0 CHECK (is_done IN (0, 1)),
  done_by   TEXT,
  done_at   TEXT,
  PRIMARY KEY (plan_id, position)
);
