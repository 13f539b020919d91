// Reading the health history back: snapshot series and an account's alerts.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>

#include "tend-health-history.h"

#define ALERT_COLUMNS \
  "id, account_id, owner_id, kind, key, day, message, detail, created_at," \
  " acknowledged_by, acknowledged_at"

static void
read_point (sqlite3_stmt    *stmt,
            int              first_column,
            TendHealthPoint *point)
{
  if (!tend_day_parse (tend_stmt_column_text (stmt, first_column), &point->day, NULL))
    point->day = TEND_DAY_NONE;
  point->score = sqlite3_column_type (stmt, first_column + 1) == SQLITE_NULL
                 ? NAN : sqlite3_column_double (stmt, first_column + 1);
  point->tier = tend_tier_from_string (tend_stmt_column_text (stmt, first_column + 2));
}

GArray *
tend_health_history_load_account (TendStore   *store,
                                  const char  *account_id,
                                  TendDay      from,
                                  TendDay      to,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT day, score, tier FROM health_snapshots"
    " WHERE account_id = ?1 AND day > ?2 AND day <= ?3 ORDER BY day";
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (TendHealthPoint));
  char from_text[11], to_text[11];
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  tend_day_format (from, from_text);
  tend_day_format (to, to_text);
  tend_stmt_bind_text (stmt, 1, account_id);
  tend_stmt_bind_text (stmt, 2, from_text);
  tend_stmt_bind_text (stmt, 3, to_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHealthPoint point;

      read_point (stmt, 0, &point);
      if (point.day != TEND_DAY_NONE)
        g_array_append_val (points, point);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the health snapshots");
      return NULL;
    }
  return g_steal_pointer (&points);
}

GHashTable *
tend_health_history_load_book (TendStore   *store,
                               TendDay      from,
                               TendDay      to,
                               GError     **error)
{
  /* The day index narrows the scan to the window; ordering by account keeps
   * each series together so one lookup serves a run of rows. */
  static const char sql[] =
    "SELECT account_id, day, score, tier FROM health_snapshots"
    " WHERE day > ?1 AND day <= ?2 ORDER BY account_id, day";
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GArray *current = NULL;
  const char *current_id = NULL;
  char from_text[11], to_text[11];
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  tend_day_format (from, from_text);
  tend_day_format (to, to_text);
  tend_stmt_bind_text (stmt, 1, from_text);
  tend_stmt_bind_text (stmt, 2, to_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_id = tend_stmt_column_text (stmt, 0);
      TendHealthPoint point;

      if (account_id == NULL)
        continue;
      if (current_id == NULL || g_strcmp0 (current_id, account_id) != 0)
        {
          char *key = g_strdup (account_id);

          current = g_array_new (FALSE, TRUE, sizeof (TendHealthPoint));
          g_hash_table_replace (series, key, current);
          current_id = key;
        }
      read_point (stmt, 1, &point);
      if (point.day != TEND_DAY_NONE)
        g_array_append_val (current, point);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the health snapshots");
      return NULL;
    }
  return g_steal_pointer (&series);
}

static TendHealthAlert *
read_alert (sqlite3_stmt *stmt)
{
  TendHealthAlert *alert = g_new0 (TendHealthAlert, 1);

  alert->id = sqlite3_column_int64 (stmt, 0);
  alert->account_id = tend_stmt_column_dup (stmt, 1);
  alert->owner_id = tend_stmt_column_dup (stmt, 2);
  alert->kind = tend_stmt_column_dup (stmt, 3);
  alert->key = tend_stmt_column_dup (stmt, 4);
  if (!tend_day_parse (tend_stmt_column_text (stmt, 5), &alert->day, NULL))
    alert->day = TEND_DAY_NONE;
  alert->message = tend_stmt_column_dup (stmt, 6);
  alert->detail = tend_stmt_column_dup (stmt, 7);
  alert->created_at = tend_stmt_column_dup (stmt, 8);
  alert->acknowledged_by = tend_stmt_column_dup (stmt, 9);
  alert->acknowledged_at = tend_stmt_column_dup (stmt, 10);
  return alert;
}

static GPtrArray *
read_alerts (TendStore     *store,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_health_alert_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (alerts, read_alert (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the health alerts");
      return NULL;
    }
  return g_steal_pointer (&alerts);
}

GPtrArray *
tend_health_history_list_alerts (TendStore   *store,
                                 const char  *account_id,
                                 gboolean     include_acknowledged,
                                 GError     **error)
{
  static const char sql[] =
    "SELECT " ALERT_COLUMNS " FROM health_alerts"
    " WHERE account_id = ?1 AND (?2 OR acknowledged_at IS NULL)"
    " ORDER BY day DESC, id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  tend_stmt_bind_text (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, include_acknowledged ? 1 : 0);
  return read_alerts (store, stmt, error);
}

gint64
tend_health_history_last_alert_id (TendStore  *store,
                                   GError    **error)
{
  static const char sql[] = "SELECT coalesce(max(id), 0) FROM health_alerts";
  sqlite3_stmt *stmt;
  gint64 id = -1;

  g_return_val_if_fail (TEND_IS_STORE (store), -1);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    tend_store_set_error (store, error, "Could not read the health alerts");
  sqlite3_reset (stmt);
  return id;
}

GPtrArray *
tend_health_history_alerts_after (TendStore  *store,
                                  gint64      after_id,
                                  GError    **error)
{
  static const char sql[] =
    "SELECT " ALERT_COLUMNS " FROM health_alerts"
    " WHERE id > ?1 AND acknowledged_at IS NULL ORDER BY day DESC, id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  return read_alerts (store, stmt, error);
}

/* owner_id NULL counts everyone's. */
gint64
tend_health_history_count_open_alerts (TendStore   *store,
                                       const char  *owner_id,
                                       GError     **error)
{
  static const char sql[] =
    "SELECT count(*) FROM health_alerts"
    " WHERE acknowledged_at IS NULL AND (?1 IS NULL OR owner_id = ?1)";
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TEND_IS_STORE (store), -1);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return -1;
  tend_stmt_bind_text (stmt, 1, owner_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tend_store_set_error (store, error, "Could not count the health alerts");
  sqlite3_reset (stmt);
  return n;
}
