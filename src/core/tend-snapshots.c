// Daily health snapshots (DOMAIN.md 5): the history behind trends and alerts.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>

#include "tend-alerts.h"
#include "tend-snapshots.h"

static const char replace_sql[] =
  "INSERT OR REPLACE INTO health_snapshots (account_id, day, score, tier, coverage, stage,"
  " usage, support, financial, relational, flags, source, taken_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
/* Backfill never overwrites a snapshot that was taken for real. */
static const char keep_sql[] =
  "INSERT OR IGNORE INTO health_snapshots (account_id, day, score, tier, coverage, stage,"
  " usage, support, financial, relational, flags, source, taken_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static void
bind_opt_double (sqlite3_stmt *stmt,
                 int           index,
                 gboolean      present,
                 double        value)
{
  if (present && !isnan (value))
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_snapshots (TendStore      *store,
                  const TendBook *book,
                  TendDay         day,
                  GArray         *healths,
                  const char     *sql,
                  const char     *source,
                  GError        **error)
{
  g_autofree char *now = tend_store_now_iso ();
  char day_text[11];

  tend_day_format (day, day_text);
  for (guint i = 0; i < healths->len; i++)
    {
      const TendHealth *h = &g_array_index (healths, TendHealth, i);
      sqlite3_stmt *stmt;

      if (!h->is_scored)
        continue;
      if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, book->accounts[h->account_index].id);
      tend_stmt_bind_text (stmt, 2, day_text);
      bind_opt_double (stmt, 3, TRUE, h->score);
      tend_stmt_bind_text (stmt, 4, tend_tier_to_string (h->tier));
      sqlite3_bind_double (stmt, 5, h->coverage);
      tend_stmt_bind_text (stmt, 6, tend_stage_to_string (h->stage));
      for (int c = 0; c < TEND_N_COMPONENTS; c++)
        bind_opt_double (stmt, 7 + c, h->components[c].present, h->components[c].value);
      sqlite3_bind_int64 (stmt, 11, h->flags);
      tend_stmt_bind_text (stmt, 12, source);
      tend_stmt_bind_text (stmt, 13, now);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gint64
tend_health_count_snapshots (TendStore  *store,
                             TendDay     day,
                             GError    **error)
{
  static const char sql[] = "SELECT count(*) FROM health_snapshots WHERE day = ?1";
  sqlite3_stmt *stmt;
  char day_text[11];
  gint64 n = -1;

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return -1;
  tend_day_format (day, day_text);
  tend_stmt_bind_text (stmt, 1, day_text);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tend_store_set_error (store, error, "Could not count the health snapshots");
  sqlite3_reset (stmt);
  return n;
}

static gboolean
take_snapshots_locked (TendStore          *store,
                       const TendBook     *book,
                       TendDay             as_of,
                       const TendSettings *settings,
                       gboolean            after_sync,
                       GError            **error)
{
  static const char delete_sql[] = "DELETE FROM health_snapshots WHERE day = ?1";
  g_autoptr(GArray) healths = NULL;
  sqlite3_stmt *stmt;
  char day_text[11];

  tend_day_format (as_of, day_text);
  if (!after_sync)
    {
      gint64 n = tend_health_count_snapshots (store, as_of, error);

      if (n < 0)
        return FALSE;
      if (n > 0)
        return TRUE;   /* once a day at most */
    }
  else
    {
      /* A sync replaces the day's rows, so accounts the CRM dropped go too. */
      if ((stmt = tend_store_prepare (store, delete_sql, error)) == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, day_text);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }

  if ((healths = tend_health_compute_book (store, book, as_of, settings, error)) == NULL)
    return FALSE;
  return insert_snapshots (store, book, as_of, healths, replace_sql,
                           after_sync ? "sync" : "daily", error) &&
         tend_health_evaluate_alerts (store, book, as_of, healths, error);
}

/* After a sync always (replacing that day's rows); otherwise only when the
 * day has no snapshots yet. Alerts are evaluated against the new rows in the
 * same transaction. */
gboolean
tend_health_take_snapshots (TendStore           *store,
                            const TendBook      *book,
                            TendDay              as_of,
                            const TendSettings  *settings,
                            gboolean             after_sync,
                            GError             **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (as_of != TEND_DAY_NONE, FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;
  if (!take_snapshots_locked (store, book, as_of, settings, after_sync, error))
    {
      tend_store_rollback (store);
      return FALSE;
    }
  return tend_store_commit (store, error);
}

/* A recomputation, not a record: every past day is scored from today's
 * cache with that day as the as-of date (tickets, surveys, deals and
 * assessments are dated, so they fall in or out of the windows as they
 * would have; account fields such as seats, active users and ARR are the
 * current values). Days that already have a snapshot keep it, and no alerts
 * are raised for the past. Days run from from_day to to_day inclusive,
 * every step_days. */
gboolean
tend_health_backfill_snapshots (TendStore           *store,
                                const TendBook      *book,
                                TendDay              from_day,
                                TendDay              to_day,
                                guint                step_days,
                                const TendSettings  *settings,
                                GError             **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (step_days > 0, FALSE);
  g_return_val_if_fail (from_day != TEND_DAY_NONE && from_day <= to_day, FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;
  for (TendDay day = from_day; day <= to_day; day += step_days)
    {
      g_autoptr(GArray) healths = tend_health_compute_book (store, book, day, settings, error);

      if (healths == NULL ||
          !insert_snapshots (store, book, day, healths, keep_sql, "backfill", error))
        {
          tend_store_rollback (store);
          return FALSE;
        }
    }
  return tend_store_commit (store, error);
}
