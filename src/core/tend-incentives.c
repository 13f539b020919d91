// Incentive entries, their clawbacks and the clawback approval flow (DOMAIN.md 8).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tend-error.h"
#include "tend-health.h"
#include "tend-incentives.h"
#include "tend-money.h"

#define PERSON_MAX_CHARS 200
#define REASON_MAX_CHARS 2000

/* A stored decision row, before it is matched against today's churn. */
typedef struct {
  TendClawbackStatus  status;
  TendDay             churn_day;
  gint64              clawback;
  char               *approved_by;
  char               *approved_at;
  char               *applied_by;
  char               *applied_at;
  char               *waived_by;
  char               *waived_at;
  char               *reason;
} Decision;

static const char *role_names[TEND_N_ROLES] = { "sales", "onboarding", "csm", "executive" };
static const char *kind_names[TEND_N_INCENTIVE_KINDS] = {
  [TEND_INCENTIVE_NEW_BUSINESS] = "new_business",
  [TEND_INCENTIVE_RENEWAL] = "renewal",
  [TEND_INCENTIVE_EXPANSION] = "expansion",
  [TEND_INCENTIVE_CSM_BONUS] = "csm_bonus",
};
static const char *rule_names[] = { "none", "pro_rata" };
static const char *status_names[] = { "none", "pending", "approved", "applied", "waived" };

static int
index_of (const char * const *names,
          int                 n,
          const char         *text)
{
  if (text == NULL)
    return -1;
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (names[i], text) == 0)
      return i;
  return -1;
}

const char *
tend_incentive_role_to_string (TendIncentiveRole role)
{
  return ((int) role >= 0 && role < TEND_N_ROLES) ? role_names[role] : NULL;
}

TendIncentiveRole
tend_incentive_role_from_string (const char *text)
{
  return (TendIncentiveRole) index_of (role_names, TEND_N_ROLES, text);
}

const char *
tend_incentive_kind_to_string (TendIncentiveKind kind)
{
  return ((int) kind >= 0 && kind < TEND_N_INCENTIVE_KINDS) ? kind_names[kind] : NULL;
}

TendIncentiveKind
tend_incentive_kind_from_string (const char *text)
{
  return (TendIncentiveKind) index_of (kind_names, TEND_N_INCENTIVE_KINDS, text);
}

const char *
tend_clawback_rule_to_string (TendClawbackRule rule)
{
  return ((int) rule >= 0 && rule <= TEND_CLAWBACK_RULE_PRO_RATA) ? rule_names[rule] : NULL;
}

const char *
tend_clawback_status_to_string (TendClawbackStatus status)
{
  return ((int) status >= 0 && status <= TEND_CLAWBACK_WAIVED) ? status_names[status] : NULL;
}

static TendClawbackStatus
status_from_string (const char *text)
{
  int i = index_of (status_names, G_N_ELEMENTS (status_names), text);

  return i < 0 ? TEND_CLAWBACK_NONE : (TendClawbackStatus) i;
}

/* DOMAIN.md 8. The window is [earned, earned + N months], inclusive, by
 * DOMAIN.md 1's convention for "within N after D": a churn on earned + N
 * months is inside, with every month served and so a clawback of 0; the
 * next day is the first outside. A churn before the earned date is no
 * clawback: the commission was paid on an account that had already gone. */
gboolean
tend_clawback_compute (const TendIncentiveEntry *entry,
                       TendDay                   churn_day,
                       gint64                   *out_clawback,
                       int                      *out_months_served)
{
  int served;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->rule != TEND_CLAWBACK_RULE_PRO_RATA || entry->window_months == 0 ||
      entry->earned == TEND_DAY_NONE || churn_day == TEND_DAY_NONE ||
      churn_day < entry->earned ||
      churn_day > tend_day_add_months (entry->earned, (int) entry->window_months))
    return FALSE;

  served = tend_day_full_months_between (entry->earned, churn_day);
  if (out_months_served != NULL)
    *out_months_served = served;
  if (out_clawback != NULL)
    *out_clawback = tend_money_scale_round (entry->amount,
                                            (gint64) entry->window_months - served,
                                            entry->window_months);
  return TRUE;
}

void
tend_incentive_entry_free (TendIncentiveEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->person);
  g_free (entry->account_id);
  g_free (entry->deal_id);
  g_free (entry->currency);
  g_free (entry->created_by);
  g_free (entry->created_at);
  g_free (entry);
}

void
tend_clawback_clear (TendClawback *clawback)
{
  g_clear_pointer (&clawback->approved_by, g_free);
  g_clear_pointer (&clawback->approved_at, g_free);
  g_clear_pointer (&clawback->applied_by, g_free);
  g_clear_pointer (&clawback->applied_at, g_free);
  g_clear_pointer (&clawback->waived_by, g_free);
  g_clear_pointer (&clawback->waived_at, g_free);
  g_clear_pointer (&clawback->reason, g_free);
  memset (clawback, 0, sizeof *clawback);
}

static void
decision_free (Decision *d)
{
  g_free (d->approved_by);
  g_free (d->approved_at);
  g_free (d->applied_by);
  g_free (d->applied_at);
  g_free (d->waived_by);
  g_free (d->waived_at);
  g_free (d->reason);
  g_free (d);
}

static gboolean
text_is_clean (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static const TendDeal *
find_deal (const TendBook *book,
           const char     *deal_id)
{
  for (guint i = 0; i < book->n_deals; i++)
    if (g_strcmp0 (book->deals[i].id, deal_id) == 0)
      return &book->deals[i];
  return NULL;
}

static gboolean
fail_field (TendIncentiveField  field,
            TendIncentiveField *out_field)
{
  if (out_field != NULL)
    *out_field = field;
  return FALSE;
}

/* One message per field, for the first field that is wrong. */
gboolean
tend_incentive_validate (const TendIncentiveDraft  *draft,
                         const TendBook            *book,
                         TendDay                    as_of,
                         TendIncentiveField        *out_field,
                         GError                   **error)
{
  g_autofree char *person = NULL;
  const TendAccount *account;

  g_return_val_if_fail (draft != NULL && book != NULL, FALSE);

  if (out_field != NULL)
    *out_field = TEND_INCENTIVE_FIELD_NONE;

  person = g_strstrip (g_strdup (draft->person ? draft->person : ""));
  if (*person == '\0')
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The person is empty; give the name of the person who earned the incentive");
      return fail_field (TEND_INCENTIVE_FIELD_PERSON, out_field);
    }
  if (!text_is_clean (person) || g_utf8_strlen (person, -1) > PERSON_MAX_CHARS)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The person's name must be text of at most %d characters without control characters",
                   PERSON_MAX_CHARS);
      return fail_field (TEND_INCENTIVE_FIELD_PERSON, out_field);
    }
  if (tend_incentive_role_to_string (draft->role) == NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Unknown role; expected sales, onboarding, csm or executive");
      return fail_field (TEND_INCENTIVE_FIELD_ROLE, out_field);
    }
  if (tend_incentive_kind_to_string (draft->kind) == NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Unknown kind; expected new_business, renewal, expansion or csm_bonus");
      return fail_field (TEND_INCENTIVE_FIELD_KIND, out_field);
    }
  if (draft->account_id == NULL || *draft->account_id == '\0')
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The account is empty; give the CRM id of the account");
      return fail_field (TEND_INCENTIVE_FIELD_ACCOUNT, out_field);
    }
  account = tend_book_find_account (book, draft->account_id);
  if (account == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account “%s” in the cache; check the id with “tend-cli accounts” or sync first",
                   draft->account_id);
      return fail_field (TEND_INCENTIVE_FIELD_ACCOUNT, out_field);
    }
  if (draft->deal_id != NULL)
    {
      const TendDeal *deal = find_deal (book, draft->deal_id);

      if (deal == NULL)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                       "No deal “%s” in the cache; check the deal's CRM id or sync first",
                       draft->deal_id);
          return fail_field (TEND_INCENTIVE_FIELD_DEAL, out_field);
        }
      if (g_strcmp0 (deal->account_id, account->id) != 0)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "The deal “%s” belongs to %s, not to the account “%s”; give a deal of that account",
                       draft->deal_id,
                       deal->account_id ? deal->account_id : "no account", account->id);
          return fail_field (TEND_INCENTIVE_FIELD_DEAL, out_field);
        }
    }
  if (draft->amount <= 0)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The amount must be above zero");
      return fail_field (TEND_INCENTIVE_FIELD_AMOUNT, out_field);
    }
  if (draft->currency != NULL && !tend_currency_is_valid (draft->currency))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is not a currency; expected an ISO 4217 code such as USD",
                   draft->currency);
      return fail_field (TEND_INCENTIVE_FIELD_CURRENCY, out_field);
    }
  if (draft->currency == NULL && !tend_currency_is_valid (account->currency))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The account “%s” has no valid currency; give the entry's currency",
                   account->id);
      return fail_field (TEND_INCENTIVE_FIELD_CURRENCY, out_field);
    }
  if (draft->earned == TEND_DAY_NONE)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The earned date is missing; give it as YYYY-MM-DD");
      return fail_field (TEND_INCENTIVE_FIELD_EARNED, out_field);
    }
  if (draft->earned > as_of)
    {
      char earned[11], day[11];

      tend_day_format (draft->earned, earned);
      tend_day_format (as_of, day);
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The earned date %s is after the as-of date %s; an incentive cannot be earned in the future",
                   earned, day);
      return fail_field (TEND_INCENTIVE_FIELD_EARNED, out_field);
    }
  return TRUE;
}

static void
add_entry_members (JsonBuilder              *b,
                   const TendIncentiveEntry *e)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
  char earned[11];

  tend_day_format (e->earned, earned);
  json_builder_set_member_name (b, "entry_id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "person");
  json_builder_add_string_value (b, e->person);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, tend_incentive_role_to_string (e->role));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, tend_incentive_kind_to_string (e->kind));
  json_builder_set_member_name (b, "account_id");
  json_builder_add_string_value (b, e->account_id);
  json_builder_set_member_name (b, "deal_id");
  if (e->deal_id != NULL)
    json_builder_add_string_value (b, e->deal_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "amount");
  json_builder_add_int_value (b, e->amount);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, e->currency);
  json_builder_set_member_name (b, "earned_date");
  json_builder_add_string_value (b, earned);
  json_builder_set_member_name (b, "clawback_rule");
  json_builder_add_string_value (b, tend_clawback_rule_to_string (e->rule));
  json_builder_set_member_name (b, "window_months");
  json_builder_add_int_value (b, e->window_months);
}

static char *
builder_to_string (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
entry_to_json (const TendIncentiveEntry *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_entry_members (b, e);
  json_builder_end_object (b);
  return builder_to_string (b);
}

static TendIncentiveEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  TendIncentiveEntry *e = g_new0 (TendIncentiveEntry, 1);
  const char *rule = tend_stmt_column_text (stmt, 9);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->person = tend_stmt_column_dup (stmt, 1);
  e->role = tend_incentive_role_from_string (tend_stmt_column_text (stmt, 2));
  e->kind = tend_incentive_kind_from_string (tend_stmt_column_text (stmt, 3));
  e->account_id = tend_stmt_column_dup (stmt, 4);
  e->deal_id = tend_stmt_column_dup (stmt, 5);
  e->amount = sqlite3_column_int64 (stmt, 6);
  e->currency = tend_stmt_column_dup (stmt, 7);
  if (!tend_day_parse (tend_stmt_column_text (stmt, 8), &e->earned, NULL))
    e->earned = TEND_DAY_NONE;
  e->rule = g_strcmp0 (rule, "pro_rata") == 0 ? TEND_CLAWBACK_RULE_PRO_RATA : TEND_CLAWBACK_RULE_NONE;
  e->window_months = (guint) MAX (0, sqlite3_column_int (stmt, 10));
  e->created_by = tend_stmt_column_dup (stmt, 11);
  e->created_at = tend_stmt_column_dup (stmt, 12);
  return e;
}

#define ENTRY_COLUMNS \
  "id, person, role, kind, account_id, deal_id, amount, currency, earned_date," \
  " clawback_rule, window_months, created_by, created_at"

/* Returns the new entry's id, or 0 with error set. Writes nothing when the
 * draft is not valid. */
gint64
tend_incentive_add (TendStore                 *store,
                    const TendBook            *book,
                    const TendSettings        *settings,
                    const TendIncentiveDraft  *draft,
                    TendDay                    as_of,
                    TendIncentiveField        *out_field,
                    GError                   **error)
{
  static const char sql[] =
    "INSERT INTO incentive_entries (person, role, kind, account_id, deal_id, amount, currency,"
    " earned_date, clawback_rule, window_months, created_by, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  g_autoptr(TendIncentiveEntry) e = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id_text = NULL;
  const TendAccount *account;
  sqlite3_stmt *stmt;
  char earned[11];

  g_return_val_if_fail (TEND_IS_STORE (store), 0);
  g_return_val_if_fail (settings != NULL, 0);

  if (!tend_incentive_validate (draft, book, as_of, out_field, error))
    return 0;

  account = tend_book_find_account (book, draft->account_id);
  e = g_new0 (TendIncentiveEntry, 1);
  e->person = g_strstrip (g_strdup (draft->person));
  e->role = draft->role;
  e->kind = draft->kind;
  e->account_id = g_strdup (draft->account_id);
  e->deal_id = g_strdup (draft->deal_id);
  e->amount = draft->amount;
  e->currency = g_strdup (draft->currency ? draft->currency : account->currency);
  e->earned = draft->earned;
  /* The kind's window from the settings; a window of 0 months is "none". */
  e->window_months = settings->clawback_months[draft->kind];
  e->rule = e->window_months > 0 ? TEND_CLAWBACK_RULE_PRO_RATA : TEND_CLAWBACK_RULE_NONE;
  e->created_by = g_strdup (tend_store_get_actor (store));
  e->created_at = tend_store_now_iso ();
  tend_day_format (e->earned, earned);

  if (!tend_store_begin (store, error))
    return 0;
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  tend_stmt_bind_text (stmt, 1, e->person);
  tend_stmt_bind_text (stmt, 2, tend_incentive_role_to_string (e->role));
  tend_stmt_bind_text (stmt, 3, tend_incentive_kind_to_string (e->kind));
  tend_stmt_bind_text (stmt, 4, e->account_id);
  tend_stmt_bind_text (stmt, 5, e->deal_id);
  sqlite3_bind_int64 (stmt, 6, e->amount);
  tend_stmt_bind_text (stmt, 7, e->currency);
  tend_stmt_bind_text (stmt, 8, earned);
  tend_stmt_bind_text (stmt, 9, tend_clawback_rule_to_string (e->rule));
  sqlite3_bind_int64 (stmt, 10, e->window_months);
  tend_stmt_bind_text (stmt, 11, e->created_by);
  tend_stmt_bind_text (stmt, 12, e->created_at);
  if (!tend_store_step_done (store, stmt, error))
    goto fail;
  e->id = sqlite3_last_insert_rowid (tend_store_get_db (store));

  detail = entry_to_json (e);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
  if (!tend_store_audit (store, "incentive", id_text, "add", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return e->id;

fail:
  tend_store_rollback (store);
  return 0;
}

gboolean
tend_incentive_parse_id (const char  *text,
                         gint64      *out_id,
                         GError     **error)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 18 ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is not an incentive entry id; see “tend-cli incentives”",
                   text ? text : "");
      return FALSE;
    }
  *out_id = (gint64) value;
  return TRUE;
}

TendIncentiveEntry *
tend_incentive_get (TendStore  *store,
                    gint64      entry_id,
                    GError    **error)
{
  static const char sql[] = "SELECT " ENTRY_COLUMNS " FROM incentive_entries WHERE id = ?1";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  TendIncentiveEntry *e = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    e = entry_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                 "No incentive entry %" G_GINT64_FORMAT "; see “tend-cli incentives” for the ids",
                 entry_id);
  else
    tend_store_set_error (store, error, "Could not read the incentive entries");
  sqlite3_reset (stmt);
  return e;
}

/* Every entry, by earned date then id. */
GPtrArray *
tend_incentive_list (TendStore  *store,
                     GError    **error)
{
  static const char sql[] =
    "SELECT " ENTRY_COLUMNS " FROM incentive_entries ORDER BY earned_date, id";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_incentive_entry_free);
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the incentive entries");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

#define DECISION_COLUMNS \
  "status, churn_date, clawback, approved_by, approved_at, applied_by, applied_at," \
  " waived_by, waived_at, reason"

static Decision *
decision_from_row (sqlite3_stmt *stmt,
                   int           first)
{
  Decision *d = g_new0 (Decision, 1);

  d->status = status_from_string (tend_stmt_column_text (stmt, first));
  if (!tend_day_parse (tend_stmt_column_text (stmt, first + 1), &d->churn_day, NULL))
    d->churn_day = TEND_DAY_NONE;
  d->clawback = sqlite3_column_int64 (stmt, first + 2);
  d->approved_by = tend_stmt_column_dup (stmt, first + 3);
  d->approved_at = tend_stmt_column_dup (stmt, first + 4);
  d->applied_by = tend_stmt_column_dup (stmt, first + 5);
  d->applied_at = tend_stmt_column_dup (stmt, first + 6);
  d->waived_by = tend_stmt_column_dup (stmt, first + 7);
  d->waived_at = tend_stmt_column_dup (stmt, first + 8);
  d->reason = tend_stmt_column_dup (stmt, first + 9);
  return d;
}

/* entry id (gint64 *) -> Decision */
static GHashTable *
load_decisions (TendStore  *store,
                GError    **error)
{
  static const char sql[] = "SELECT entry_id, " DECISION_COLUMNS " FROM clawback_decisions";
  g_autoptr(GHashTable) decisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) decision_free);
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (decisions, key, decision_from_row (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the clawback decisions");
      return NULL;
    }
  return g_steal_pointer (&decisions);
}

/* NULL with no error when the entry has no decision. */
static Decision *
load_decision (TendStore  *store,
               gint64      entry_id,
               GError    **error)
{
  static const char sql[] = "SELECT " DECISION_COLUMNS " FROM clawback_decisions WHERE entry_id = ?1";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  Decision *d = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    d = decision_from_row (stmt, 0);
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, "Could not read the clawback decisions");
  sqlite3_reset (stmt);
  return d;
}

/* The day the entry's account churned, if it has churned on or before
 * as_of; an account a full sync removed has no known churn. */
static TendDay
entry_churn_day (const TendBook           *book,
                 const TendIncentiveEntry *entry,
                 TendDay                   as_of)
{
  const TendAccount *account = tend_book_find_account (book, entry->account_id);
  TendDay day;

  if (account == NULL)
    return TEND_DAY_NONE;
  day = tend_account_churn_day (book, account);
  return day != TEND_DAY_NONE && day <= as_of ? day : TEND_DAY_NONE;
}

static void
copy_decision (TendClawback   *out,
               const Decision *d)
{
  out->approved_by = g_strdup (d->approved_by);
  out->approved_at = g_strdup (d->approved_at);
  out->applied_by = g_strdup (d->applied_by);
  out->applied_at = g_strdup (d->applied_at);
  out->waived_by = g_strdup (d->waived_by);
  out->waived_at = g_strdup (d->waived_at);
  out->reason = g_strdup (d->reason);
}

/* Matches a stored decision against today's churn. An application is money
 * that moved: it stays, with the amount and churn day it was applied on,
 * even when a re-sync removes or moves the churn. An approval or a waiver
 * holds only for the churn day it was made on; otherwise the form is
 * pending again (or gone when nothing is triggered any more). */
static void
resolve_clawback (const TendIncentiveEntry *entry,
                  TendDay                   churn_day,
                  const Decision           *d,
                  TendClawback             *out)
{
  gint64 amount = 0;
  int served = 0;
  gboolean is_triggered = tend_clawback_compute (entry, churn_day, &amount, &served);

  memset (out, 0, sizeof *out);
  if (d != NULL && d->status == TEND_CLAWBACK_APPLIED)
    {
      out->status = TEND_CLAWBACK_APPLIED;
      out->is_triggered = is_triggered;
      out->churn_day = d->churn_day;
      out->clawback = d->clawback;
      out->months_served = tend_day_full_months_between (entry->earned, d->churn_day);
      copy_decision (out, d);
      return;
    }
  if (!is_triggered)
    return;

  out->is_triggered = TRUE;
  out->churn_day = churn_day;
  out->clawback = amount;
  out->months_served = served;
  if (d != NULL && d->churn_day == churn_day)
    {
      out->status = d->status;
      copy_decision (out, d);
    }
  else
    out->status = TEND_CLAWBACK_PENDING;
}

gboolean
tend_clawback_get (TendStore           *store,
                   const TendBook      *book,
                   gint64               entry_id,
                   TendDay              as_of,
                   TendIncentiveEntry **out_entry,
                   TendClawback        *out_clawback,
                   GError             **error)
{
  g_autoptr(TendIncentiveEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;
  Decision *d;

  entry = tend_incentive_get (store, entry_id, error);
  if (entry == NULL)
    return FALSE;
  d = load_decision (store, entry_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  resolve_clawback (entry, entry_churn_day (book, entry, as_of), d, out_clawback);
  g_clear_pointer (&d, decision_free);
  if (out_entry != NULL)
    *out_entry = g_steal_pointer (&entry);
  return TRUE;
}

static void
ledger_line_clear (gpointer data)
{
  TendLedgerLine *line = data;

  g_clear_pointer (&line->entry, tend_incentive_entry_free);
  tend_clawback_clear (&line->clawback);
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const TendPersonTotals *x = a, *y = b;
  int c = g_utf8_collate (x->person, y->person);

  if (c == 0)
    c = strcmp (x->person, y->person);
  return c != 0 ? c : strcmp (x->currency, y->currency);
}

static int
compare_currency_amounts (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (((const TendCurrencyAmount *) a)->currency,
                 ((const TendCurrencyAmount *) b)->currency);
}

static gboolean
status_is_due (TendClawbackStatus status)
{
  return status == TEND_CLAWBACK_PENDING || status == TEND_CLAWBACK_APPROVED ||
         status == TEND_CLAWBACK_APPLIED;
}

static void
add_person_totals (TendLedger           *ledger,
                   GHashTable           *index,
                   const TendLedgerLine *line)
{
  const TendIncentiveEntry *e = line->entry;
  g_autofree char *key = g_strconcat (e->person, "\x1f", e->currency, NULL);
  gpointer v = g_hash_table_lookup (index, key);
  TendPersonTotals *t;

  if (v == NULL)
    {
      TendPersonTotals fresh = { .person = e->person, .currency = e->currency };

      g_array_append_val (ledger->people, fresh);
      v = GUINT_TO_POINTER (ledger->people->len);
      g_hash_table_insert (index, g_steal_pointer (&key), v);
    }
  t = &g_array_index (ledger->people, TendPersonTotals, GPOINTER_TO_UINT (v) - 1);
  t->n_entries++;
  t->earned += e->amount;
  if (status_is_due (line->clawback.status))
    t->clawed_back += line->clawback.clawback;
  if (line->clawback.status == TEND_CLAWBACK_APPLIED)
    t->applied += line->clawback.clawback;
  t->net = t->earned - t->clawed_back;
  t->exposure += line->exposure;
}

static void
add_red_exposure (TendLedger           *ledger,
                  const TendLedgerLine *line)
{
  TendCurrencyAmount sum = { .currency = line->entry->currency, .amount = line->exposure };

  for (guint i = 0; i < ledger->red_exposure->len; i++)
    {
      TendCurrencyAmount *c = &g_array_index (ledger->red_exposure, TendCurrencyAmount, i);
      if (strcmp (c->currency, sum.currency) == 0)
        {
          c->amount += sum.amount;
          return;
        }
    }
  g_array_append_val (ledger->red_exposure, sum);
}

/* The ledger as of a day: entries earned on or before it, the clawback of
 * each, and what would fall if each live account churned on that day
 * (exposure; DOMAIN.md 8), per person and for red-tier accounts. */
TendLedger *
tend_ledger_load (TendStore       *store,
                  const TendBook  *book,
                  TendDay          as_of,
                  GArray          *health,
                  GError         **error)
{
  g_autoptr(TendLedger) ledger = g_new0 (TendLedger, 1);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) decisions = NULL;
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TendIncentiveEntry **owned;
  gsize n_entries = 0;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);

  ledger->as_of = as_of;
  ledger->lines = g_array_new (FALSE, TRUE, sizeof (TendLedgerLine));
  g_array_set_clear_func (ledger->lines, ledger_line_clear);
  ledger->people = g_array_new (FALSE, TRUE, sizeof (TendPersonTotals));
  ledger->red_exposure = g_array_new (FALSE, TRUE, sizeof (TendCurrencyAmount));

  if ((entries = tend_incentive_list (store, error)) == NULL ||
      (decisions = load_decisions (store, error)) == NULL)
    return NULL;

  owned = (TendIncentiveEntry **) g_ptr_array_steal (entries, &n_entries);
  for (gsize i = 0; i < n_entries; i++)
    {
      TendIncentiveEntry *e = owned[i];
      gint index = tend_book_account_index (book, e->account_id);
      TendLedgerLine line = { 0 };

      /* An entry earned after the day did not exist yet on it. */
      if (e->earned > as_of)
        {
          tend_incentive_entry_free (e);
          continue;
        }
      resolve_clawback (e, entry_churn_day (book, e, as_of),
                        g_hash_table_lookup (decisions, &e->id), &line.clawback);
      /* An applied clawback whose churn a re-sync removed has already
       * been taken back: nothing more is exposed on it. */
      if (index >= 0 && line.clawback.status != TEND_CLAWBACK_APPLIED &&
          !tend_account_is_churned (book, &book->accounts[index], as_of) &&
          !tend_clawback_compute (e, as_of, &line.exposure, NULL))
        line.exposure = 0;
      if (health != NULL && index >= 0 && (guint) index < health->len)
        {
          const TendHealth *h = &g_array_index (health, TendHealth, index);
          line.is_red = h->is_scored && h->tier == TEND_TIER_RED;
        }
      line.entry = e;
      g_array_append_val (ledger->lines, line);
    }
  g_free (owned);

  for (guint i = 0; i < ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);

      add_person_totals (ledger, people, line);
      if (line->is_red && line->exposure > 0)
        add_red_exposure (ledger, line);
    }
  g_array_sort (ledger->people, compare_people);
  g_array_sort (ledger->red_exposure, compare_currency_amounts);
  return g_steal_pointer (&ledger);
}

void
tend_ledger_free (TendLedger *ledger)
{
  if (ledger == NULL)
    return;
  g_clear_pointer (&ledger->red_exposure, g_array_unref);
  g_clear_pointer (&ledger->people, g_array_unref);
  g_clear_pointer (&ledger->lines, g_array_unref);
  g_free (ledger);
}

static gboolean
write_decision (TendStore           *store,
                gint64               entry_id,
                const TendClawback  *c,
                GError             **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO clawback_decisions (entry_id, " DECISION_COLUMNS ")"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  char churn[11];

  if (stmt == NULL)
    return FALSE;
  tend_day_format (c->churn_day, churn);
  sqlite3_bind_int64 (stmt, 1, entry_id);
  tend_stmt_bind_text (stmt, 2, tend_clawback_status_to_string (c->status));
  tend_stmt_bind_text (stmt, 3, churn);
  sqlite3_bind_int64 (stmt, 4, c->clawback);
  tend_stmt_bind_text (stmt, 5, c->approved_by);
  tend_stmt_bind_text (stmt, 6, c->approved_at);
  tend_stmt_bind_text (stmt, 7, c->applied_by);
  tend_stmt_bind_text (stmt, 8, c->applied_at);
  tend_stmt_bind_text (stmt, 9, c->waived_by);
  tend_stmt_bind_text (stmt, 10, c->waived_at);
  tend_stmt_bind_text (stmt, 11, c->reason);
  return tend_store_step_done (store, stmt, error);
}

static char *
transition_detail (const TendIncentiveEntry *entry,
                   TendClawbackStatus        from,
                   const TendClawback       *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  char churn[11];

  tend_day_format (c->churn_day, churn);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, tend_clawback_status_to_string (from));
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, tend_clawback_status_to_string (c->status));
  json_builder_set_member_name (b, "person");
  json_builder_add_string_value (b, entry->person);
  json_builder_set_member_name (b, "clawback");
  json_builder_add_int_value (b, c->clawback);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, entry->currency);
  json_builder_set_member_name (b, "churn_date");
  json_builder_add_string_value (b, churn);
  if (c->reason != NULL && c->status == TEND_CLAWBACK_WAIVED)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, c->reason);
    }
  json_builder_end_object (b);
  return builder_to_string (b);
}

static gboolean
refuse_transition (const TendIncentiveEntry  *entry,
                   const TendClawback        *c,
                   TendClawbackStatus         to,
                   TendDay                    as_of,
                   GError                   **error)
{
  const char *verb = to == TEND_CLAWBACK_APPROVED ? "approve"
                   : to == TEND_CLAWBACK_APPLIED ? "apply" : "waive";
  char day[11];

  tend_day_format (as_of, day);
  switch (c->status)
    {
    case TEND_CLAWBACK_NONE:
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "Entry %" G_GINT64_FORMAT " has no clawback to %s on %s: its account has not "
                   "churned inside the entry's window",
                   entry->id, verb, day);
      return FALSE;
    case TEND_CLAWBACK_PENDING:
      if (to == TEND_CLAWBACK_APPLIED)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                       "The clawback of entry %" G_GINT64_FORMAT " is pending; approve it before applying it",
                       entry->id);
          return FALSE;
        }
      return TRUE;
    case TEND_CLAWBACK_APPROVED:
      if (to == TEND_CLAWBACK_APPROVED)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                       "The clawback of entry %" G_GINT64_FORMAT " is already approved (by %s); "
                       "apply or waive it",
                       entry->id, c->approved_by ? c->approved_by : "someone");
          return FALSE;
        }
      return TRUE;
    case TEND_CLAWBACK_APPLIED:
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "The clawback of entry %" G_GINT64_FORMAT " was applied (by %s); an applied "
                   "clawback cannot be %s",
                   entry->id, c->applied_by ? c->applied_by : "someone",
                   to == TEND_CLAWBACK_APPROVED ? "approved" : to == TEND_CLAWBACK_APPLIED ? "applied again" : "waived");
      return FALSE;
    case TEND_CLAWBACK_WAIVED:
    default:
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "The clawback of entry %" G_GINT64_FORMAT " was waived (by %s: %s); a waived "
                   "clawback cannot be %s",
                   entry->id, c->waived_by ? c->waived_by : "someone", c->reason ? c->reason : "",
                   to == TEND_CLAWBACK_APPROVED ? "approved" : to == TEND_CLAWBACK_APPLIED ? "applied" : "waived again");
      return FALSE;
    }
}

static gboolean
transition (TendStore           *store,
            const TendBook      *book,
            gint64               entry_id,
            TendClawbackStatus   to,
            const char          *reason,
            TendDay              as_of,
            GError             **error)
{
  g_autoptr(TendIncentiveEntry) entry = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id_text = NULL;
  TendClawback c = { 0 };
  TendClawbackStatus from;
  const char *actor = tend_store_get_actor (store);

  if (!tend_store_begin (store, error))
    return FALSE;
  if (!tend_clawback_get (store, book, entry_id, as_of, &entry, &c, error) ||
      !refuse_transition (entry, &c, to, as_of, error))
    goto fail;

  from = c.status;
  now = tend_store_now_iso ();
  c.status = to;
  switch (to)
    {
    case TEND_CLAWBACK_APPROVED:
      g_free (c.approved_by);
      g_free (c.approved_at);
      c.approved_by = g_strdup (actor);
      c.approved_at = g_strdup (now);
      break;
    case TEND_CLAWBACK_APPLIED:
      g_free (c.applied_by);
      g_free (c.applied_at);
      c.applied_by = g_strdup (actor);
      c.applied_at = g_strdup (now);
      break;
    case TEND_CLAWBACK_WAIVED:
      g_free (c.waived_by);
      g_free (c.waived_at);
      g_free (c.reason);
      c.waived_by = g_strdup (actor);
      c.waived_at = g_strdup (now);
      c.reason = g_strstrip (g_strdup (reason));
      break;
    case TEND_CLAWBACK_NONE:
    case TEND_CLAWBACK_PENDING:
    default:
      g_assert_not_reached ();
    }

  detail = transition_detail (entry, from, &c);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  if (!write_decision (store, entry_id, &c, error) ||
      !tend_store_audit (store, "clawback", id_text,
                         to == TEND_CLAWBACK_APPROVED ? "approve" : to == TEND_CLAWBACK_APPLIED ? "apply" : "waive",
                         detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  tend_clawback_clear (&c);
  return TRUE;

fail:
  tend_store_rollback (store);
  tend_clawback_clear (&c);
  return FALSE;
}

gboolean
tend_clawback_approve (TendStore       *store,
                       const TendBook  *book,
                       gint64           entry_id,
                       TendDay          as_of,
                       GError         **error)
{
  return transition (store, book, entry_id, TEND_CLAWBACK_APPROVED, NULL, as_of, error);
}

gboolean
tend_clawback_apply (TendStore       *store,
                     const TendBook  *book,
                     gint64           entry_id,
                     TendDay          as_of,
                     GError         **error)
{
  return transition (store, book, entry_id, TEND_CLAWBACK_APPLIED, NULL, as_of, error);
}

gboolean
tend_clawback_waive (TendStore       *store,
                     const TendBook  *book,
                     gint64           entry_id,
                     const char      *reason,
                     TendDay          as_of,
                     GError         **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "A waiver needs a reason; say why the clawback is not taken");
      return FALSE;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > REASON_MAX_CHARS)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The reason must be text of at most %d characters", REASON_MAX_CHARS);
      return FALSE;
    }
  return transition (store, book, entry_id, TEND_CLAWBACK_WAIVED, trimmed, as_of, error);
}

/* Removes an entry made by mistake. One whose clawback is approved or
 * applied stays: money has been or is about to be moved on it. */
gboolean
tend_incentive_remove (TendStore       *store,
                       const TendBook  *book,
                       gint64           entry_id,
                       TendDay          as_of,
                       GError         **error)
{
  static const char delete_decision_sql[] = "DELETE FROM clawback_decisions WHERE entry_id = ?1";
  static const char delete_entry_sql[] = "DELETE FROM incentive_entries WHERE id = ?1";
  g_autoptr(TendIncentiveEntry) entry = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id_text = NULL;
  TendClawback c = { 0 };
  sqlite3_stmt *stmt;

  if (!tend_store_begin (store, error))
    return FALSE;
  if (!tend_clawback_get (store, book, entry_id, as_of, &entry, &c, error))
    goto fail;
  if (c.status == TEND_CLAWBACK_APPROVED || c.status == TEND_CLAWBACK_APPLIED)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "Entry %" G_GINT64_FORMAT " has an %s clawback and cannot be removed%s",
                   entry_id, tend_clawback_status_to_string (c.status),
                   c.status == TEND_CLAWBACK_APPROVED ? "; waive the clawback first" : "");
      goto fail;
    }

  if ((stmt = tend_store_prepare (store, delete_decision_sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (!tend_store_step_done (store, stmt, error))
    goto fail;
  if ((stmt = tend_store_prepare (store, delete_entry_sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (!tend_store_step_done (store, stmt, error))
    goto fail;

  detail = entry_to_json (entry);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  if (!tend_store_audit (store, "incentive", id_text, "remove", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  tend_clawback_clear (&c);
  return TRUE;

fail:
  tend_store_rollback (store);
  tend_clawback_clear (&c);
  return FALSE;
}
