-- App-owned tables of the qbr module (DOMAIN.md section 3).

-- The "Asks and next steps" a CSM writes for an account's QBR pack: one text
-- per account, keyed by the CRM id so it survives any re-sync. Every change
-- is in the audit log.
CREATE TABLE qbr_notes (
  account_id  TEXT PRIMARY KEY NOT NULL,
  text        TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL        -- ISO 8601 UTC instant
);
