// Renewal risk assessments (DOMAIN.md 6): validation, saving with history.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tend-assessment.h"
#include "tend-error.h"
#include "tend-money.h"

#define MAX_LINE_TEXT 200

static const char * const risk_names[TEND_N_RISKS] = { "low", "medium", "high" };

static const char * const reason_names[TEND_N_RISK_REASONS] = {
  "price", "product_gap", "support", "champion_loss",
  "budget", "competitor", "merger_acquisition", "other",
};

/* Checks one free-text field: UTF-8, not blank, bounded, and without
 * control characters (newlines only where allow_newlines). */
static gboolean
validate_text (const char  *text,
               const char  *what,
               guint        max_chars,
               gboolean     allow_newlines,
               GError     **error)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The %s is not valid UTF-8 text", what);
      return FALSE;
    }
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The %s is empty; leave it out or write something", what);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The %s is longer than %u characters; shorten it", what, max_chars);
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\t' || (allow_newlines && c == '\n'))
        continue;
      if (c < 0x20 || c == 0x7f)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       allow_newlines ? "The %s contains a control character; use plain text"
                                      : "The %s must be one line of plain text",
                       what);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
strip_dup (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

static char *
reasons_to_json (guint reasons)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < TEND_N_RISK_REASONS; i++)
    if (reasons & (1u << i))
      json_builder_add_string_value (b, reason_names[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Unknown words (from a newer Tend) are left out rather than failing. */
static guint
reasons_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  guint reasons = 0;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return 0;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      TendRiskReason reason;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          tend_risk_reason_from_string (json_node_get_string (node), &reason, NULL))
        reasons |= reason;
    }
  return reasons;
}

static char *
assessment_to_json (const TendAssessment *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) reasons = tend_risk_reasons_to_strv (a->reasons);
  char renewal[11], next_date[11];

  tend_day_format (a->renewal_date, renewal);
  tend_day_format (a->next_step_date, next_date);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "assessment_id");
  json_builder_add_int_value (b, a->id);
  json_builder_set_member_name (b, "account_id");
  json_builder_add_string_value (b, a->account_id);
  json_builder_set_member_name (b, "renewal_date");
  json_builder_add_string_value (b, renewal);
  json_builder_set_member_name (b, "risk");
  json_builder_add_string_value (b, tend_risk_to_string (a->risk));
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; reasons[i] != NULL; i++)
    json_builder_add_string_value (b, reasons[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "mitigation");
  json_builder_add_string_value (b, a->mitigation);
  json_builder_set_member_name (b, "forecast_amount");
  if (a->has_forecast)
    json_builder_add_int_value (b, a->forecast_amount);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "forecast_currency");
  json_builder_add_string_value (b, a->forecast_currency);
  json_builder_set_member_name (b, "owner");
  json_builder_add_string_value (b, a->owner);
  json_builder_set_member_name (b, "next_step");
  json_builder_add_string_value (b, a->next_step);
  json_builder_set_member_name (b, "next_step_date");
  json_builder_add_string_value (b, a->next_step_date != TEND_DAY_NONE ? next_date : NULL);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Reads a row of the columns every SELECT below lists; NULL when the row is unusable
 * (a renewal date that does not parse cannot be placed on any renewal). */
static TendAssessment *
assessment_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(TendAssessment) a = tend_assessment_new ();
  TendRisk risk;

  a->id = sqlite3_column_int64 (stmt, 0);
  a->account_id = tend_stmt_column_dup (stmt, 1);
  if (!tend_day_parse (tend_stmt_column_text (stmt, 2), &a->renewal_date, NULL) ||
      !tend_risk_from_string (tend_stmt_column_text (stmt, 3), &risk, NULL))
    return NULL;
  a->risk = risk;
  a->reasons = reasons_from_json (tend_stmt_column_text (stmt, 4));
  a->mitigation = tend_stmt_column_dup (stmt, 5);
  a->has_forecast = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  a->forecast_amount = sqlite3_column_int64 (stmt, 6);
  a->forecast_currency = tend_stmt_column_dup (stmt, 7);
  a->owner = tend_stmt_column_dup (stmt, 8);
  a->next_step = tend_stmt_column_dup (stmt, 9);
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL &&
      !tend_day_parse (tend_stmt_column_text (stmt, 10), &a->next_step_date, NULL))
    a->next_step_date = TEND_DAY_NONE;
  a->assessed_by = tend_stmt_column_dup (stmt, 11);
  a->assessed_at = tend_stmt_column_dup (stmt, 12);
  return g_steal_pointer (&a);
}

/* Steps stmt to the end, collecting the rows. */
static GPtrArray *
collect_rows (TendStore     *store,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_assessment_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendAssessment *a = assessment_from_row (stmt);
      if (a != NULL)
        g_ptr_array_add (rows, a);
    }
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the risk assessments");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

const char *
tend_risk_to_string (TendRisk risk)
{
  g_return_val_if_fail (risk < TEND_N_RISKS, NULL);

  return risk_names[risk];
}

gboolean
tend_risk_from_string (const char  *text,
                       TendRisk    *out_risk,
                       GError     **error)
{
  for (guint i = 0; i < TEND_N_RISKS; i++)
    if (g_strcmp0 (text, risk_names[i]) == 0)
      {
        *out_risk = (TendRisk) i;
        return TRUE;
      }
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "“%s” is not a risk level; use low, medium or high", text ? text : "");
  return FALSE;
}

const char *
tend_risk_reason_to_string (TendRiskReason reason)
{
  for (guint i = 0; i < TEND_N_RISK_REASONS; i++)
    if (reason == (1u << i))
      return reason_names[i];
  g_return_val_if_reached (NULL);
}

gboolean
tend_risk_reason_from_string (const char      *text,
                              TendRiskReason  *out_reason,
                              GError         **error)
{
  for (guint i = 0; i < TEND_N_RISK_REASONS; i++)
    if (g_strcmp0 (text, reason_names[i]) == 0)
      {
        *out_reason = (TendRiskReason) (1u << i);
        return TRUE;
      }
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "“%s” is not a risk reason; use price, product_gap, support, champion_loss, "
               "budget, competitor, merger_acquisition or other", text ? text : "");
  return FALSE;
}

char **
tend_risk_reasons_to_strv (guint reasons)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < TEND_N_RISK_REASONS; i++)
    if (reasons & (1u << i))
      g_strv_builder_add (builder, reason_names[i]);
  return g_strv_builder_end (builder);
}

TendAssessment *
tend_assessment_new (void)
{
  return g_new0 (TendAssessment, 1);
}

TendAssessment *
tend_assessment_copy (const TendAssessment *a)
{
  TendAssessment *copy;

  g_return_val_if_fail (a != NULL, NULL);

  copy = g_memdup2 (a, sizeof *a);
  copy->account_id = g_strdup (a->account_id);
  copy->mitigation = g_strdup (a->mitigation);
  copy->forecast_currency = g_strdup (a->forecast_currency);
  copy->owner = g_strdup (a->owner);
  copy->next_step = g_strdup (a->next_step);
  copy->assessed_by = g_strdup (a->assessed_by);
  copy->assessed_at = g_strdup (a->assessed_at);
  return copy;
}

void
tend_assessment_free (TendAssessment *a)
{
  if (a == NULL)
    return;
  g_free (a->account_id);
  g_free (a->mitigation);
  g_free (a->forecast_currency);
  g_free (a->owner);
  g_free (a->next_step);
  g_free (a->assessed_by);
  g_free (a->assessed_at);
  g_free (a);
}

/* Everything a person can get wrong, each with a message that says how to
 * put it right. The account itself is checked by tend_assessment_save (). */
gboolean
tend_assessment_validate (const TendAssessment  *draft,
                          GError               **error)
{
  g_return_val_if_fail (draft != NULL, FALSE);

  if (draft->account_id == NULL || *draft->account_id == '\0')
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "An assessment needs the account's id");
      return FALSE;
    }
  if ((guint) draft->risk >= TEND_N_RISKS)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "An assessment needs a risk level: low, medium or high");
      return FALSE;
    }
  if ((draft->reasons & ~TEND_RISK_REASONS_ALL) != 0)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Unknown risk reason; use price, product_gap, support, champion_loss, "
                           "budget, competitor, merger_acquisition or other");
      return FALSE;
    }
  if (!validate_text (draft->mitigation, "mitigation plan", TEND_ASSESSMENT_MAX_TEXT, TRUE, error) ||
      !validate_text (draft->owner, "owner", MAX_LINE_TEXT, FALSE, error) ||
      !validate_text (draft->next_step, "next step", TEND_ASSESSMENT_MAX_TEXT, TRUE, error))
    return FALSE;
  if (draft->has_forecast && draft->forecast_amount < 0)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The forecast amount is negative; expected an amount of zero or more");
      return FALSE;
    }
  if (!draft->has_forecast && draft->forecast_currency != NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "A forecast currency needs a forecast amount");
      return FALSE;
    }
  if (draft->forecast_currency != NULL && !tend_currency_is_valid (draft->forecast_currency))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is not a currency; use an ISO 4217 code such as USD or EUR",
                   draft->forecast_currency);
      return FALSE;
    }
  if ((draft->next_step != NULL) != (draft->next_step_date != TEND_DAY_NONE))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           draft->next_step != NULL
                           ? "The next step needs a date"
                           : "A next-step date needs the next step it is for");
      return FALSE;
    }
  return TRUE;
}

gboolean
tend_assessment_is_for_current_renewal (const TendAssessment *assessment,
                                        const TendBook       *book,
                                        const TendAccount    *account,
                                        TendDay               as_of)
{
  g_return_val_if_fail (assessment != NULL, FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return assessment->renewal_date == tend_account_renewal_day (book, account) ||
         assessment->renewal_date >= as_of;
}

TendAssessment *
tend_assessment_save (TendStore             *store,
                      const TendBook        *book,
                      const TendAssessment  *draft,
                      TendDay                as_of,
                      GError               **error)
{
  static const char sql[] =
    "INSERT INTO risk_assessments (account_id, renewal_date, risk, reasons, mitigation, "
    "forecast_amount, forecast_currency, owner, next_step, next_step_date, assessed_by, assessed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  g_autoptr(TendAssessment) a = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id_text = NULL;
  const TendAccount *account;
  char renewal[11], next_date[11], churn[11];
  sqlite3_stmt *stmt;
  TendDay churn_day;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!tend_assessment_validate (draft, error))
    return NULL;
  account = tend_book_find_account (book, draft->account_id);
  if (account == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account with id “%s” in the workspace; “tend-cli accounts” lists them",
                   draft->account_id);
      return NULL;
    }
  churn_day = tend_account_churn_day (book, account);
  if (churn_day != TEND_DAY_NONE && churn_day <= as_of)
    {
      tend_day_format (churn_day, churn);
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "%s churned on %s; it has no renewal to assess", account->name, churn);
      return NULL;
    }
  if (tend_account_renewal_day (book, account) == TEND_DAY_NONE)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "%s has no contract end date or open renewal deal in the CRM; "
                   "set one there and sync before assessing its renewal", account->name);
      return NULL;
    }

  a = tend_assessment_new ();
  a->account_id = g_strdup (account->id);
  a->renewal_date = tend_account_renewal_day (book, account);
  a->risk = draft->risk;
  a->reasons = draft->reasons;
  a->mitigation = strip_dup (draft->mitigation);
  a->has_forecast = draft->has_forecast;
  a->forecast_amount = draft->has_forecast ? draft->forecast_amount : 0;
  if (draft->has_forecast)
    a->forecast_currency = g_strdup (draft->forecast_currency ? draft->forecast_currency : account->currency);
  a->owner = strip_dup (draft->owner);
  a->next_step = strip_dup (draft->next_step);
  a->next_step_date = draft->next_step_date;
  a->assessed_by = g_strdup (tend_store_get_actor (store));
  a->assessed_at = tend_store_now_iso ();
  tend_day_format (a->renewal_date, renewal);
  tend_day_format (a->next_step_date, next_date);
  reasons = reasons_to_json (a->reasons);

  if (!tend_store_begin (store, error))
    return NULL;
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  tend_stmt_bind_text (stmt, 1, a->account_id);
  tend_stmt_bind_text (stmt, 2, renewal);
  tend_stmt_bind_text (stmt, 3, tend_risk_to_string (a->risk));
  tend_stmt_bind_text (stmt, 4, reasons);
  tend_stmt_bind_text (stmt, 5, a->mitigation);
  tend_stmt_bind_opt_int64 (stmt, 6, a->has_forecast, a->forecast_amount);
  tend_stmt_bind_text (stmt, 7, a->forecast_currency);
  tend_stmt_bind_text (stmt, 8, a->owner);
  tend_stmt_bind_text (stmt, 9, a->next_step);
  tend_stmt_bind_text (stmt, 10, a->next_step_date != TEND_DAY_NONE ? next_date : NULL);
  tend_stmt_bind_text (stmt, 11, a->assessed_by);
  tend_stmt_bind_text (stmt, 12, a->assessed_at);
  if (!tend_store_step_done (store, stmt, error))
    goto fail;
  a->id = sqlite3_last_insert_rowid (tend_store_get_db (store));

  detail = assessment_to_json (a);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
  if (!tend_store_audit (store, "assessment", id_text, "add", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&a);

fail:
  tend_store_rollback (store);
  return NULL;
}

GPtrArray *
tend_assessment_list_for_account (TendStore   *store,
                                  const char  *account_id,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT id, account_id, renewal_date, risk, reasons, mitigation, forecast_amount, "
    "forecast_currency, owner, next_step, next_step_date, assessed_by, assessed_at "
    "FROM risk_assessments WHERE account_id = ?1 ORDER BY id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  tend_stmt_bind_text (stmt, 1, account_id);
  return collect_rows (store, stmt, error);
}

TendAssessment *
tend_assessment_get_current (TendStore          *store,
                             const TendBook     *book,
                             const TendAccount  *account,
                             TendDay             as_of,
                             GError            **error)
{
  g_autoptr(GPtrArray) history = NULL;
  GError *local = NULL;

  g_return_val_if_fail (account != NULL, NULL);

  history = tend_assessment_list_for_account (store, account->id, &local);
  if (history == NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  for (guint i = 0; i < history->len; i++)
    {
      TendAssessment *a = g_ptr_array_index (history, i);
      if (tend_assessment_is_for_current_renewal (a, book, account, as_of))
        return g_ptr_array_steal_index (history, i);
    }
  return NULL;
}

GPtrArray *
tend_assessment_list_all (TendStore  *store,
                          GError    **error)
{
  static const char sql[] =
    "SELECT id, account_id, renewal_date, risk, reasons, mitigation, forecast_amount, "
    "forecast_currency, owner, next_step, next_step_date, assessed_by, assessed_at "
    "FROM risk_assessments ORDER BY id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  return collect_rows (store, stmt, error);
}
