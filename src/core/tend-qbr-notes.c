// The "Asks and next steps" of an account's QBR pack, which the CSM edits.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>

#include "tend-error.h"
#include "tend-qbr-notes.h"

static const char select_sql[] =
  "SELECT account_id, text, updated_by, updated_at FROM qbr_notes WHERE account_id = ?1";
static const char upsert_sql[] =
  "INSERT INTO qbr_notes (account_id, text, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4) "
  "ON CONFLICT (account_id) DO UPDATE SET text = excluded.text, "
  "updated_by = excluded.updated_by, updated_at = excluded.updated_at";
static const char delete_sql[] = "DELETE FROM qbr_notes WHERE account_id = ?1";

static char *
change_to_json (const char *before,
                const char *after)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "before");
  if (before != NULL)
    json_builder_add_string_value (b, before);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "after");
  if (after != NULL)
    json_builder_add_string_value (b, after);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

void
tend_qbr_notes_free (TendQbrNotes *notes)
{
  if (notes == NULL)
    return;
  g_free (notes->account_id);
  g_free (notes->text);
  g_free (notes->updated_by);
  g_free (notes->updated_at);
  g_free (notes);
}

TendQbrNotes *
tend_qbr_notes_get (TendStore   *store,
                    const char  *account_id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  TendQbrNotes *notes = NULL;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if ((stmt = tend_store_prepare (store, select_sql, error)) == NULL)
    return NULL;
  tend_stmt_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      notes = g_new0 (TendQbrNotes, 1);
      notes->account_id = tend_stmt_column_dup (stmt, 0);
      notes->text = tend_stmt_column_dup (stmt, 1);
      notes->updated_by = tend_stmt_column_dup (stmt, 2);
      notes->updated_at = tend_stmt_column_dup (stmt, 3);
    }
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, "Could not read the QBR notes");
  sqlite3_reset (stmt);
  return notes;
}

gboolean
tend_qbr_notes_set (TendStore       *store,
                    const TendBook  *book,
                    const char      *account_id,
                    const char      *text,
                    GError         **error)
{
  g_autoptr(TendQbrNotes) old = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  const TendAccount *account;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if ((account = tend_book_find_account (book, account_id)) == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account with id “%s” in the cache; sync or check the id", account_id);
      return FALSE;
    }
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The asks and next steps are not valid UTF-8 text");
      return FALSE;
    }
  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (g_utf8_strlen (clean, -1) > TEND_QBR_NOTES_MAX_TEXT)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The asks and next steps are longer than %d characters; shorten them",
                   TEND_QBR_NOTES_MAX_TEXT);
      return FALSE;
    }

  old = tend_qbr_notes_get (store, account->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (g_strcmp0 (old ? old->text : "", clean) == 0)
    return TRUE;

  now = tend_store_now_iso ();
  detail = change_to_json (old ? old->text : NULL, *clean ? clean : NULL);
  if (!tend_store_begin (store, error))
    return FALSE;
  if (*clean != '\0')
    {
      if ((stmt = tend_store_prepare (store, upsert_sql, error)) == NULL)
        goto fail;
      tend_stmt_bind_text (stmt, 1, account->id);
      tend_stmt_bind_text (stmt, 2, clean);
      tend_stmt_bind_text (stmt, 3, tend_store_get_actor (store));
      tend_stmt_bind_text (stmt, 4, now);
    }
  else
    {
      if ((stmt = tend_store_prepare (store, delete_sql, error)) == NULL)
        goto fail;
      tend_stmt_bind_text (stmt, 1, account->id);
    }
  if (!tend_store_step_done (store, stmt, error) ||
      !tend_store_audit (store, "qbr_notes", account->id, *clean ? "set" : "clear", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}
