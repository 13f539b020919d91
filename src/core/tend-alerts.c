// Health alerts (DOMAIN.md 5), routed to the account's owner until acknowledged.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "tend-alerts.h"
#include "tend-error.h"

/* A score fall of 15 points computed in doubles may land a hair below. */
#define FALL_EPSILON 1e-9

static int
tier_rank (TendTier tier)
{
  switch (tier)
    {
    case TEND_TIER_GREEN: return 3;
    case TEND_TIER_AMBER: return 2;
    case TEND_TIER_RED:   return 1;
    case TEND_TIER_UNKNOWN:
    case TEND_N_TIERS:
    default:              return 0;
    }
}

static gboolean
insert_alert (TendStore          *store,
              const TendAccount  *account,
              const char         *kind,
              const char         *key,
              const char         *day,
              const char         *message,
              const char         *detail,
              GError            **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO health_alerts (account_id, owner_id, kind, key, day, message,"
    " detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  g_autofree char *now = tend_store_now_iso ();
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, account->id);
  tend_stmt_bind_text (stmt, 2, account->owner_id);
  tend_stmt_bind_text (stmt, 3, kind);
  tend_stmt_bind_text (stmt, 4, key);
  tend_stmt_bind_text (stmt, 5, day);
  tend_stmt_bind_text (stmt, 6, message);
  tend_stmt_bind_text (stmt, 7, detail);
  tend_stmt_bind_text (stmt, 8, now);
  return tend_store_step_done (store, stmt, error);
}

/* Tier drop: the snapshot of `day` against the account's previous one
 * (the latest before `day`); unknown on either side is no drop. */
static gboolean
check_tier_drop (TendStore          *store,
                 const TendAccount  *account,
                 const TendHealth   *h,
                 const char         *day,
                 GError            **error)
{
  static const char sql[] =
    "SELECT day, tier FROM health_snapshots WHERE account_id = ?1 AND day < ?2"
    " ORDER BY day DESC LIMIT 1";
  g_autofree char *prev_day = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  TendTier prev = TEND_TIER_UNKNOWN;
  sqlite3_stmt *stmt;

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, account->id);
  tend_stmt_bind_text (stmt, 2, day);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      prev_day = tend_stmt_column_dup (stmt, 0);
      prev = tend_tier_from_string (tend_stmt_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (prev_day == NULL || tier_rank (prev) == 0 || tier_rank (h->tier) == 0 ||
      tier_rank (h->tier) >= tier_rank (prev))
    return TRUE;

  key = g_strdup_printf ("%s/%s", prev_day, day);
  message = g_strdup_printf ("%s dropped from %s to %s", account->name,
                             tend_tier_to_string (prev), tend_tier_to_string (h->tier));
  detail = g_strdup_printf ("{\"from\": \"%s\", \"to\": \"%s\", \"previous_day\": \"%s\"}",
                            tend_tier_to_string (prev), tend_tier_to_string (h->tier), prev_day);
  return insert_alert (store, account, "tier_drop", key, day, message, detail, error);
}

/* Score fall: the highest score among the account's snapshots of the 30 days
 * before `day` (day-30 <= d < day) against today's; a fall of 15 points or
 * more raises an alert, unless one was already raised for the account in the
 * last 30 days (day-30 < raised <= day), so a long decline is one alert a
 * month, not one a day. */
static gboolean
check_score_fall (TendStore          *store,
                  const TendAccount  *account,
                  const TendHealth   *h,
                  TendDay             as_of,
                  const char         *day,
                  GError            **error)
{
  static const char peak_sql[] =
    "SELECT day, score FROM health_snapshots WHERE account_id = ?1 AND day >= ?2 AND day < ?3"
    " AND score IS NOT NULL ORDER BY score DESC, day LIMIT 1";
  static const char recent_sql[] =
    "SELECT count(*) FROM health_alerts WHERE account_id = ?1 AND kind = 'score_fall' AND day > ?2";
  g_autofree char *peak_day = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  double peak = NAN;
  char from[11];
  sqlite3_stmt *stmt;
  gint64 recent = 0;

  if (isnan (h->score))
    return TRUE;
  tend_day_format (tend_day_add_days (as_of, -30), from);
  if ((stmt = tend_store_prepare (store, peak_sql, error)) == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, account->id);
  tend_stmt_bind_text (stmt, 2, from);
  tend_stmt_bind_text (stmt, 3, day);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      peak_day = tend_stmt_column_dup (stmt, 0);
      peak = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (peak_day == NULL || peak - h->score < 15.0 - FALL_EPSILON)
    return TRUE;

  if ((stmt = tend_store_prepare (store, recent_sql, error)) == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, account->id);
  tend_stmt_bind_text (stmt, 2, from);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    recent = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (recent > 0)
    return TRUE;

  message = g_strdup_printf ("%s's health fell %.1f points since %s (%.1f to %.1f)",
                             account->name, peak - h->score, peak_day, peak, h->score);
  detail = g_strdup_printf ("{\"from_day\": \"%s\", \"from_score\": %.4f, \"to_score\": %.4f}",
                            peak_day, peak, h->score);
  return insert_alert (store, account, "score_fall", day, day, message, detail, error);
}

/* Renewal at risk: red on `day` and renewing in [day, day+90]; one alert per
 * renewal date. */
static gboolean
check_renewal_at_risk (TendStore          *store,
                       const TendBook     *book,
                       const TendAccount  *account,
                       const TendHealth   *h,
                       TendDay             as_of,
                       const char         *day,
                       GError            **error)
{
  TendDay renewal = tend_account_renewal_day (book, account);
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  char renewal_text[11];

  if (h->tier != TEND_TIER_RED || renewal == TEND_DAY_NONE ||
      renewal < as_of || renewal > tend_day_add_days (as_of, 90))
    return TRUE;
  tend_day_format (renewal, renewal_text);
  message = g_strdup_printf ("%s is red and renews on %s, in %d days",
                             account->name, renewal_text, (int) (renewal - as_of));
  detail = g_strdup_printf ("{\"renewal_date\": \"%s\", \"score\": %.4f}", renewal_text, h->score);
  return insert_alert (store, account, "renewal_at_risk", renewal_text, day, message, detail, error);
}

void
tend_health_alert_free (TendHealthAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->account_id);
  g_free (alert->owner_id);
  g_free (alert->kind);
  g_free (alert->key);
  g_free (alert->message);
  g_free (alert->detail);
  g_free (alert->created_at);
  g_free (alert->acknowledged_by);
  g_free (alert->acknowledged_at);
  g_free (alert);
}

/* Evaluates the alerts raised by the snapshots of `day` (already written);
 * the UNIQUE key keeps a re-evaluation from raising the same alert twice.
 * Call inside the snapshot's transaction. */
gboolean
tend_health_evaluate_alerts (TendStore       *store,
                             const TendBook  *book,
                             TendDay          day,
                             GArray          *healths,
                             GError         **error)
{
  char day_text[11];

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (healths != NULL, FALSE);

  tend_day_format (day, day_text);
  for (guint i = 0; i < healths->len; i++)
    {
      const TendHealth *h = &g_array_index (healths, TendHealth, i);
      const TendAccount *a = &book->accounts[h->account_index];

      if (!h->is_scored)
        continue;
      if (!check_tier_drop (store, a, h, day_text, error) ||
          !check_score_fall (store, a, h, day, day_text, error) ||
          !check_renewal_at_risk (store, book, a, h, day, day_text, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
tend_health_list_alerts (TendStore   *store,
                         const char  *owner_id,
                         gboolean     include_acknowledged,
                         GError     **error)
{
  static const char sql[] =
    "SELECT id, account_id, owner_id, kind, key, day, message, detail, created_at,"
    " acknowledged_by, acknowledged_at FROM health_alerts"
    " WHERE (?1 OR acknowledged_at IS NULL) AND (?2 IS NULL OR owner_id = ?2)"
    " ORDER BY day DESC, id DESC";
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_health_alert_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_acknowledged ? 1 : 0);
  tend_stmt_bind_text (stmt, 2, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
      g_ptr_array_add (alerts, alert);
    }
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the health alerts");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&alerts);
}

static gboolean
acknowledge_locked (TendStore  *store,
                    gint64      id,
                    GError    **error)
{
  static const char find_sql[] =
    "SELECT account_id, kind, acknowledged_by, acknowledged_at FROM health_alerts WHERE id = ?1";
  static const char update_sql[] =
    "UPDATE health_alerts SET acknowledged_by = ?2, acknowledged_at = ?3 WHERE id = ?1";
  g_autofree char *account_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if ((stmt = tend_store_prepare (store, find_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      account_id = tend_stmt_column_dup (stmt, 0);
      kind = tend_stmt_column_dup (stmt, 1);
      by = tend_stmt_column_dup (stmt, 2);
      at = tend_stmt_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (!found)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "There is no alert %s; run “tend-cli alerts --all” to see the alert ids", id_text);
      return FALSE;
    }
  if (at != NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "Alert %s was already acknowledged by %s at %s", id_text, by ? by : "someone", at);
      return FALSE;
    }

  if ((stmt = tend_store_prepare (store, update_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  tend_stmt_bind_text (stmt, 2, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 3, now);
  if (!tend_store_step_done (store, stmt, error))
    return FALSE;

  /* kind comes from the table's CHECK list; the account id is quoted by
   * json-glib so any CRM id is safe. */
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "account_id");
    json_builder_add_string_value (b, account_id);
    json_builder_set_member_name (b, "kind");
    json_builder_add_string_value (b, kind);
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    detail = json_to_string (root, FALSE);
  }
  return tend_store_audit (store, "alert", id_text, "acknowledged", detail, error);
}

gboolean
tend_health_acknowledge_alert (TendStore  *store,
                               gint64      id,
                               GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;
  if (!acknowledge_locked (store, id, error))
    {
      tend_store_rollback (store);
      return FALSE;
    }
  return tend_store_commit (store, error);
}
