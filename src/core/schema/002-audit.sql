-- App-owned data (DOMAIN.md section 3) is keyed by CRM ids without foreign
-- keys to the mirrored tables, so it survives any re-sync.

-- Every change a person made.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,        -- ISO 8601 UTC instant
  actor       TEXT NOT NULL,
  entity      TEXT NOT NULL,        -- 'assessment', 'handoff', 'clawback', ...
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  detail      TEXT                  -- JSON
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Small per-workspace facts (demo flag, last snapshot day, ...).
CREATE TABLE workspace_meta (
  key    TEXT PRIMARY KEY NOT NULL,
  value  TEXT
);
