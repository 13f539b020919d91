// Tests of the renewal calendar, risk assessments, milestones and their
// iCalendar / CSV exports (DOMAIN.md 6), through the core and tend-cli.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "tend-assessment.h"
#include "tend-csv.h"
#include "tend-error.h"
#include "tend-health.h"
#include "tend-ics.h"
#include "tend-renewals.h"
#include "tend-settings.h"
#include "tend-store.h"

/* The as-of day of every test: 2026-01-10. */
#define AS_OF_ISO "2026-01-10"

typedef struct {
  char         *dir;
  char         *path;
  TendStore    *store;
  TendBook     *book;
  TendSettings  settings;
  TendDay       as_of;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-renewals-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ws.db", NULL);
  f->store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
  tend_settings_init_defaults (&f->settings);
  f->as_of = tend_day_from_ymd (2026, 1, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_pointer (&f->book, tend_book_free);
  g_clear_object (&f->store);
  tend_settings_clear (&f->settings);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static void
reload_book (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->book, tend_book_free);
  f->book = tend_book_load (f->store, &error);
  g_assert_no_error (error);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GPtrArray *
list_renewals (Fixture *f,
               guint    horizon)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = tend_renewals_list (f->store, f->book, f->as_of, horizon, &f->settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static const TendRenewal *
find_renewal (GPtrArray  *list,
              const char *account_id)
{
  for (guint i = 0; i < list->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (list, i);
      if (g_str_equal (r->account->id, account_id))
        return r;
    }
  return NULL;
}

static TendAssessment *
save_assessment (Fixture    *f,
                 const char *account_id,
                 TendRisk    risk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAssessment) draft = tend_assessment_new ();
  TendAssessment *saved;

  draft->account_id = g_strdup (account_id);
  draft->risk = risk;
  saved = tend_assessment_save (f->store, f->book, draft, f->as_of, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}

/* A small book around 2026-01-10. */
static void
load_horizon_book (Fixture *f)
{
  exec_sql (f,
    "INSERT INTO owners (id, name) VALUES ('77', 'Casey CSM');"
    "INSERT INTO accounts (id, name, owner_id, arr, currency, contract_end, churn_date) VALUES"
    " ('d0',   'Day Zero',      '77', 1000000, 'USD', '2026-01-10', NULL),"
    " ('d90',  'Day Ninety',    '77', NULL,    'EUR', '2026-04-10', NULL),"
    " ('d91',  'Day Ninety-One','77', 500,     'USD', '2026-04-11', NULL),"
    " ('dm1',  'Yesterday',     '77', 500,     'USD', '2026-01-09', NULL),"
    " ('ref',  'Refined In',    '77', 700,     'USD', '2026-09-01', NULL),"
    " ('out',  'Refined Out',   '77', 700,     'USD', '2026-01-20', NULL),"
    " ('ch',   'Churned',       '77', 900,     'USD', '2026-02-01', '2026-01-05'),"
    " ('chd',  'Churned Today', '77', 900,     'USD', '2026-02-01', '2026-01-10'),"
    " ('chf',  'Churns Later',  '77', 900,     'USD', '2026-02-01', '2026-01-11'),"
    " ('lost', 'Lost Renewal',  '77', 900,     'USD', '2026-02-01', NULL),"
    " ('b',    'beta same day', '77', 100,     'USD', '2026-02-01', NULL),"
    " ('a',    'Alpha same day','77', 100,     'USD', '2026-02-01', NULL),"
    " ('none', 'No Date',       '77', 100,     'USD', NULL,         NULL);"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
    " ('r1', 'ref',  'renewal', 'open', '2026-02-09T12:00:00.000Z'),"
    " ('r2', 'out',  'renewal', 'open', '2026-05-01T12:00:00.000Z'),"
    " ('r3', 'lost', 'renewal', 'lost', '2026-01-08T12:00:00.000Z'),"
    " ('r4', 'd0',   'renewal', 'won',  '2025-01-10T12:00:00.000Z');");
  reload_book (f);
}

static void
test_horizon (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  const TendRenewal *r;
  const char *expected[] = { "d0", "a", "b", "chf", "ref", "d90" };

  load_horizon_book (f);
  list = list_renewals (f, 90);

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((TendRenewal *) g_ptr_array_index (list, i))->account->id, ==, expected[i]);

  r = find_renewal (list, "d0");
  g_assert_cmpint (r->days_left, ==, 0);
  r = find_renewal (list, "d90");
  g_assert_cmpint (r->days_left, ==, 90);
  /* The open renewal deal refines the contract end, in either direction. */
  r = find_renewal (list, "ref");
  g_assert_cmpuint (r->renewal_date, ==, tend_day_from_ymd (2026, 2, 9));
  g_assert_cmpint (r->days_left, ==, 30);
  g_assert_null (find_renewal (list, "out"));
  /* Churn on or before D hides the renewal; a later churn date does not. */
  g_assert_null (find_renewal (list, "ch"));
  g_assert_null (find_renewal (list, "chd"));
  g_assert_nonnull (find_renewal (list, "chf"));
  g_assert_null (find_renewal (list, "lost"));
  g_assert_null (find_renewal (list, "d91"));
  g_assert_null (find_renewal (list, "dm1"));
  g_assert_null (find_renewal (list, "none"));

  /* A longer horizon takes in day 91 and the refined-out renewal. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_renewals (f, 111);
  g_assert_nonnull (find_renewal (list, "d91"));
  g_assert_nonnull (find_renewal (list, "out"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_renewals (f, 1);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_tier_matches_health (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) health = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAssessment) a = NULL;
  const TendRenewal *r;

  exec_sql (f,
    "INSERT INTO accounts (id, name, arr, currency, contract_end, licensed_seats, active_users_30d,"
    " last_activity, overdue_amount) VALUES"
    " ('h', 'Healthy', 100000, 'USD', '2026-02-01', 100, 90, '2026-01-09', 0),"
    " ('u', 'Unknown', 100000, 'USD', '2026-02-01', NULL, NULL, NULL, NULL);");
  reload_book (f);
  a = save_assessment (f, "h", TEND_RISK_LOW);

  list = list_renewals (f, 90);
  health = tend_health_compute_book (f->store, f->book, f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  r = find_renewal (list, "h");
  g_assert_cmpint (r->tier, ==, TEND_TIER_GREEN);
  g_assert_cmpint (r->tier, ==, g_array_index (health, TendHealth, tend_book_account_index (f->book, "h")).tier);
  r = find_renewal (list, "u");
  g_assert_cmpint (r->tier, ==, TEND_TIER_UNKNOWN);
}

static void
test_assessment_supersedes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(TendAssessment) first = NULL;
  g_autoptr(TendAssessment) second = NULL;
  g_autoptr(TendAssessment) current = NULL;
  g_autoptr(GError) error = NULL;
  const TendRenewal *r;

  exec_sql (f, "INSERT INTO accounts (id, name, currency, contract_end) VALUES ('x', 'Acme', 'USD', '2026-03-01');");
  reload_book (f);

  list = list_renewals (f, 90);
  r = find_renewal (list, "x");
  g_assert_null (r->assessment);
  g_clear_pointer (&list, g_ptr_array_unref);

  first = save_assessment (f, "x", TEND_RISK_HIGH);
  second = save_assessment (f, "x", TEND_RISK_LOW);
  g_assert_cmpint (second->id, >, first->id);
  g_assert_cmpuint (first->renewal_date, ==, tend_day_from_ymd (2026, 3, 1));
  g_assert_cmpstr (first->assessed_by, ==, "Test Runner");
  g_assert_true (g_str_has_suffix (first->assessed_at, "Z"));

  list = list_renewals (f, 90);
  r = find_renewal (list, "x");
  g_assert_nonnull (r->assessment);
  g_assert_cmpint (r->assessment->id, ==, second->id);
  g_assert_cmpint (r->assessment->risk, ==, TEND_RISK_LOW);
  /* The milestone was done by the first assessment of this renewal. */
  g_assert_true (r->milestones[TEND_MILESTONE_RISK_ASSESSMENT].is_done);
  g_assert_cmpstr (r->milestones[TEND_MILESTONE_RISK_ASSESSMENT].done_at, ==, first->assessed_at);

  history = tend_assessment_list_for_account (f->store, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((TendAssessment *) g_ptr_array_index (history, 0))->id, ==, second->id);
  g_assert_cmpint (((TendAssessment *) g_ptr_array_index (history, 1))->risk, ==, TEND_RISK_HIGH);

  current = tend_assessment_get_current (f->store, f->book, tend_book_find_account (f->book, "x"), f->as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpint (current->id, ==, second->id);

  /* Every save is audit-logged. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'assessment' "
                                  "AND action = 'add' AND actor = 'Test Runner' "
                                  "AND json_extract (detail, '$.account_id') = 'x'"), ==, 2);
}

static void
test_assessment_of_past_renewal (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAssessment) current = NULL;
  const TendRenewal *r;

  exec_sql (f,
    "INSERT INTO accounts (id, name, currency, contract_end) VALUES"
    " ('p', 'Past', 'USD', '2026-02-20'),"
    " ('m', 'Moved', 'USD', '2026-02-20');"
    /* Last year's renewal of p: history, not current. */
    "INSERT INTO risk_assessments (account_id, renewal_date, risk, assessed_by, assessed_at) VALUES"
    " ('p', '2025-02-20', 'high', 'Old CSM', '2024-12-01T10:00:00Z'),"
    /* m's renewal was planned for March and moved to Feb 20: still current. */
    " ('m', '2026-03-15', 'medium', 'CSM', '2025-12-01T10:00:00Z');");
  reload_book (f);

  list = list_renewals (f, 90);
  r = find_renewal (list, "p");
  g_assert_null (r->assessment);
  g_assert_false (r->milestones[TEND_MILESTONE_RISK_ASSESSMENT].is_done);
  r = find_renewal (list, "m");
  g_assert_nonnull (r->assessment);
  g_assert_cmpint (r->assessment->risk, ==, TEND_RISK_MEDIUM);

  current = tend_assessment_get_current (f->store, f->book, tend_book_find_account (f->book, "p"), f->as_of, &error);
  g_assert_no_error (error);
  g_assert_null (current);
}

static void
test_milestones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendRenewal) r = NULL;
  g_autoptr(TendAssessment) a = NULL;
  const TendMilestone *m;

  /* Renewal on 2026-02-19, 40 days out: due 2025-11-21, 2025-12-21, 2026-01-20. */
  exec_sql (f,
    "INSERT INTO accounts (id, name, currency, contract_end, churn_date) VALUES"
    " ('m', 'Milestones', 'USD', '2026-02-19', NULL),"
    " ('e', 'Edge', 'USD', '2026-03-11', NULL),"
    " ('c', 'Gone', 'USD', '2026-03-11', '2026-01-01');"
    /* A box checked for last year's renewal does not count for this one. */
    "INSERT INTO renewal_milestones (account_id, renewal_date, kind, done_by, done_at) VALUES"
    " ('m', '2025-02-19', 'proposal_sent', 'Old CSM', '2024-12-20T09:00:00Z');");
  reload_book (f);

  r = tend_renewals_get (f->store, f->book, "m", f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->days_left, ==, 40);
  m = r->milestones;
  g_assert_cmpint (m[0].kind, ==, TEND_MILESTONE_RISK_ASSESSMENT);
  g_assert_cmpuint (m[0].days_before, ==, 90);
  g_assert_cmpuint (m[0].due_date, ==, tend_day_from_ymd (2025, 11, 21));
  g_assert_cmpuint (m[1].days_before, ==, 60);
  g_assert_cmpuint (m[1].due_date, ==, tend_day_from_ymd (2025, 12, 21));
  g_assert_cmpuint (m[2].days_before, ==, 30);
  g_assert_cmpuint (m[2].due_date, ==, tend_day_from_ymd (2026, 1, 20));
  g_assert_true (m[0].is_past_due);
  g_assert_true (m[1].is_past_due);
  g_assert_false (m[1].is_done);
  g_assert_false (m[2].is_past_due);
  g_clear_pointer (&r, tend_renewal_free);

  /* Checking: who and when, no longer past due, audit-logged; twice is once. */
  g_assert_true (tend_milestone_check (f->store, f->book, "m", TEND_MILESTONE_PROPOSAL_SENT, f->as_of, &error));
  g_assert_no_error (error);
  g_assert_true (tend_milestone_check (f->store, f->book, "m", TEND_MILESTONE_PROPOSAL_SENT, f->as_of, &error));
  g_assert_no_error (error);
  r = tend_renewals_get (f->store, f->book, "m", f->as_of, &f->settings, &error);
  g_assert_true (r->milestones[1].is_done);
  g_assert_false (r->milestones[1].is_past_due);
  g_assert_cmpstr (r->milestones[1].done_by, ==, "Test Runner");
  g_assert_nonnull (r->milestones[1].done_at);
  g_clear_pointer (&r, tend_renewal_free);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'renewal_milestone' "
                                  "AND entity_id = 'm' AND action = 'check' "
                                  "AND json_extract (detail, '$.kind') = 'proposal_sent' "
                                  "AND json_extract (detail, '$.renewal_date') = '2026-02-19'"), ==, 1);

  /* The risk-assessment milestone follows the assessment, not a checkbox. */
  g_assert_false (tend_milestone_check (f->store, f->book, "m", TEND_MILESTONE_RISK_ASSESSMENT, f->as_of, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  a = save_assessment (f, "m", TEND_RISK_MEDIUM);
  r = tend_renewals_get (f->store, f->book, "m", f->as_of, &f->settings, &error);
  g_assert_true (r->milestones[0].is_done);
  g_assert_false (r->milestones[0].is_past_due);
  g_assert_cmpstr (r->milestones[0].done_by, ==, "Test Runner");
  g_clear_pointer (&r, tend_renewal_free);

  /* Unchecking brings the flag back and leaves last year's row alone. */
  g_assert_true (tend_milestone_uncheck (f->store, f->book, "m", TEND_MILESTONE_PROPOSAL_SENT, f->as_of, &error));
  g_assert_no_error (error);
  r = tend_renewals_get (f->store, f->book, "m", f->as_of, &f->settings, &error);
  g_assert_false (r->milestones[1].is_done);
  g_assert_true (r->milestones[1].is_past_due);
  g_assert_null (r->milestones[1].done_by);
  g_clear_pointer (&r, tend_renewal_free);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM renewal_milestones WHERE account_id = 'm'"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'renewal_milestone' "
                                  "AND action = 'uncheck'"), ==, 1);

  /* Due on D itself is not past due yet (60 days before 2026-03-11). */
  r = tend_renewals_get (f->store, f->book, "e", f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->milestones[1].due_date, ==, f->as_of);
  g_assert_false (r->milestones[1].is_past_due);
  g_assert_true (r->milestones[0].is_past_due);
  g_clear_pointer (&r, tend_renewal_free);

  /* Churned and unknown accounts have no renewal to work on. */
  g_assert_false (tend_milestone_check (f->store, f->book, "c", TEND_MILESTONE_ORDER_FORM_SIGNED, f->as_of, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (tend_milestone_check (f->store, f->book, "nope", TEND_MILESTONE_ORDER_FORM_SIGNED, f->as_of, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM renewal_milestones WHERE account_id IN ('c', 'nope')"), ==, 0);
}

typedef void (*DraftEdit) (TendAssessment *draft);

static void
edit_unknown_account (TendAssessment *d)
{
  g_free (d->account_id);
  d->account_id = g_strdup ("404");
}

static void
edit_churned_account (TendAssessment *d)
{
  g_free (d->account_id);
  d->account_id = g_strdup ("gone");
}

static void
edit_no_renewal (TendAssessment *d)
{
  g_free (d->account_id);
  d->account_id = g_strdup ("nodate");
}

static void
edit_bad_risk (TendAssessment *d)
{
  d->risk = (TendRisk) 7;
}

static void
edit_bad_reason (TendAssessment *d)
{
  d->reasons = 1u << 12;
}

static void
edit_negative_forecast (TendAssessment *d)
{
  d->has_forecast = TRUE;
  d->forecast_amount = -1;
}

static void
edit_bad_currency (TendAssessment *d)
{
  d->has_forecast = TRUE;
  d->forecast_currency = g_strdup ("usd");
}

static void
edit_currency_alone (TendAssessment *d)
{
  d->forecast_currency = g_strdup ("EUR");
}

static void
edit_step_without_date (TendAssessment *d)
{
  d->next_step = g_strdup ("Call the CFO");
}

static void
edit_date_without_step (TendAssessment *d)
{
  d->next_step_date = tend_day_from_ymd (2026, 2, 1);
}

static void
edit_blank_step (TendAssessment *d)
{
  d->next_step = g_strdup ("   ");
  d->next_step_date = tend_day_from_ymd (2026, 2, 1);
}

static void
edit_blank_owner (TendAssessment *d)
{
  d->owner = g_strdup ("");
}

static void
edit_owner_two_lines (TendAssessment *d)
{
  d->owner = g_strdup ("Ann\nBob");
}

static void
edit_control_char (TendAssessment *d)
{
  d->mitigation = g_strdup ("discount\x07");
}

static void
edit_bad_utf8 (TendAssessment *d)
{
  d->mitigation = g_strdup ("caf\xc3");
}

static void
edit_long_mitigation (TendAssessment *d)
{
  d->mitigation = g_strnfill (TEND_ASSESSMENT_MAX_TEXT + 1, 'x');
}

static void
test_assessment_validation (Fixture       *f,
                            gconstpointer  data)
{
  static const struct {
    DraftEdit  edit;
    int        code;
    const char *message_part;
  } cases[] = {
    { edit_unknown_account, TEND_ERROR_NOT_FOUND, "No account with id “404”" },
    { edit_churned_account, TEND_ERROR_STATE, "churned on 2026-01-02" },
    { edit_no_renewal, TEND_ERROR_STATE, "no contract end date" },
    { edit_bad_risk, TEND_ERROR_INVALID_INPUT, "risk level" },
    { edit_bad_reason, TEND_ERROR_INVALID_INPUT, "Unknown risk reason" },
    { edit_negative_forecast, TEND_ERROR_INVALID_INPUT, "negative" },
    { edit_bad_currency, TEND_ERROR_INVALID_INPUT, "not a currency" },
    { edit_currency_alone, TEND_ERROR_INVALID_INPUT, "needs a forecast amount" },
    { edit_step_without_date, TEND_ERROR_INVALID_INPUT, "needs a date" },
    { edit_date_without_step, TEND_ERROR_INVALID_INPUT, "needs the next step" },
    { edit_blank_step, TEND_ERROR_INVALID_INPUT, "next step is empty" },
    { edit_blank_owner, TEND_ERROR_INVALID_INPUT, "owner is empty" },
    { edit_owner_two_lines, TEND_ERROR_INVALID_INPUT, "one line" },
    { edit_control_char, TEND_ERROR_INVALID_INPUT, "control character" },
    { edit_bad_utf8, TEND_ERROR_INVALID_INPUT, "UTF-8" },
    { edit_long_mitigation, TEND_ERROR_INVALID_INPUT, "longer than" },
  };
  TendRisk risk;
  TendRiskReason reason;
  g_autoptr(GError) error = NULL;

  exec_sql (f,
    "INSERT INTO accounts (id, name, currency, contract_end, churn_date) VALUES"
    " ('ok', 'Fine', 'USD', '2026-02-01', NULL),"
    " ('gone', 'Gone', 'USD', '2026-02-01', '2026-01-02'),"
    " ('nodate', 'Undated', 'USD', NULL, NULL);");
  reload_book (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TendAssessment) draft = tend_assessment_new ();
      g_autoptr(TendAssessment) saved = NULL;
      g_autoptr(GError) local = NULL;

      draft->account_id = g_strdup ("ok");
      draft->risk = TEND_RISK_HIGH;
      cases[i].edit (draft);
      saved = tend_assessment_save (f->store, f->book, draft, f->as_of, &local);
      g_assert_null (saved);
      g_assert_error (local, TEND_ERROR, cases[i].code);
      if (strstr (local->message, cases[i].message_part) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, local->message, cases[i].message_part);
    }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM risk_assessments"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, 0);

  g_assert_false (tend_risk_from_string ("severe", &risk, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tend_risk_reason_from_string ("weather", &reason, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (tend_risk_reason_from_string ("merger_acquisition", &reason, &error));
  g_assert_cmpint (reason, ==, TEND_RISK_REASON_MERGER_ACQUISITION);

  /* And the good draft saves, with the account's currency for the forecast. */
  {
    g_autoptr(TendAssessment) draft = tend_assessment_new ();
    g_autoptr(TendAssessment) saved = NULL;
    g_auto(GStrv) words = NULL;

    draft->account_id = g_strdup ("ok");
    draft->risk = TEND_RISK_MEDIUM;
    draft->reasons = TEND_RISK_REASON_COMPETITOR | TEND_RISK_REASON_PRICE;
    draft->has_forecast = TRUE;
    draft->forecast_amount = 12345600;
    draft->owner = g_strdup ("  Dana AE ");
    draft->next_step = g_strdup ("Send the pricing options");
    draft->next_step_date = tend_day_from_ymd (2026, 1, 20);
    saved = tend_assessment_save (f->store, f->book, draft, f->as_of, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (saved->forecast_currency, ==, "USD");
    g_assert_cmpstr (saved->owner, ==, "Dana AE");
    words = tend_risk_reasons_to_strv (saved->reasons);
    g_assert_cmpstrv (words, ((const char *[]) { "price", "competitor", NULL }));
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM risk_assessments WHERE reasons = '[\"price\",\"competitor\"]' "
                                    "AND forecast_amount = 12345600 AND next_step_date = '2026-01-20'"), ==, 1);
  }
}

/* Splits an iCalendar text into its physical lines, checking CRLF ends. */
static char **
ics_physical_lines (const char *ics)
{
  g_assert_true (g_str_has_suffix (ics, "\r\n"));
  for (const char *p = ics; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_assert_true (p > ics && p[-1] == '\r');
      if (*p == '\r')
        g_assert_true (p[1] == '\n');
    }
  return g_strsplit (ics, "\r\n", -1);
}

static char *
ics_unfold (const char *ics)
{
  g_autoptr(GRegex) fold = g_regex_new ("\r\n[ \t]", 0, 0, NULL);

  return g_regex_replace_literal (fold, ics, -1, 0, "", 0, NULL);
}

/* The value of the first property named name (unfolded, still escaped). */
static char *
ics_property (const char *unfolded,
              const char *name,
              const char *after)
{
  g_autofree char *prefix = g_strconcat ("\r\n", name, NULL);
  const char *start = strstr (after != NULL ? strstr (unfolded, after) : unfolded, prefix);
  const char *colon, *end;

  g_assert_nonnull (start);
  colon = strchr (start + 2, ':');
  end = strstr (colon, "\r\n");
  return g_strndup (colon + 1, end - colon - 1);
}

static char *
ics_unescape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
load_ics_book (Fixture *f)
{
  exec_sql (f,
    "INSERT INTO owners (id, name) VALUES ('77', 'Zoë Ærøskøbing');"
    "INSERT INTO accounts (id, name, owner_id, arr, currency, contract_end) VALUES"
    " ('9001', 'Ünïcødé Größhändler 株式会社 — Ωmega Ŝoftware Łódź Ærøskøbing ÉÉÉÉÉÉÉÉÉÉ', '77',"
    "  12000000, 'EUR', '2026-03-31'),"
    " ('42', 'Acme, Inc.; R&D \\ Lab', '77', NULL, 'USD', '2026-02-01');");
  reload_book (f);
}

static void
test_ics_folding_and_escaping (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 1, 10, 8, 30, 5);
  g_autoptr(TendAssessment) draft = tend_assessment_new ();
  g_autoptr(TendAssessment) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *unfolded = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *description_text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *mitigation = "Offer 2 options: 3-year, or 1-year; keep \\ the\nchampion close, ünïcødé ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓";
  guint n_long = 0;

  load_ics_book (f);
  draft->account_id = g_strdup ("9001");
  draft->risk = TEND_RISK_HIGH;
  draft->reasons = TEND_RISK_REASON_CHAMPION_LOSS;
  draft->mitigation = g_strdup (mitigation);
  saved = tend_assessment_save (f->store, f->book, draft, f->as_of, &error);
  g_assert_no_error (error);

  list = list_renewals (f, 90);
  g_assert_cmpuint (list->len, ==, 2);
  ics = tend_ics_renewals (list, f->book, stamp);
  lines = ics_physical_lines (ics);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      g_assert_cmpuint (len, <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (len > 70)
        n_long++;
    }
  g_assert_cmpuint (n_long, >, 2);
  g_assert_cmpstr (lines[0], ==, "BEGIN:VCALENDAR");
  g_assert_nonnull (strstr (ics, "\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nPRODID:-//Tend//Tend Renewals//EN\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nCALSCALE:GREGORIAN\r\n"));
  g_assert_true (g_str_has_suffix (ics, "\r\nEND:VCALENDAR\r\n"));

  unfolded = ics_unfold (ics);
  /* Sorted by date: Acme (Feb 1) first, then the long name (Mar 31). */
  summary = ics_property (unfolded, "SUMMARY", "UID:renewal-42@tend");
  g_assert_cmpstr (summary, ==, "Renewal: Acme\\, Inc.\\; R&D \\\\ Lab (ARR unknown)");
  g_clear_pointer (&summary, g_free);
  summary = ics_property (unfolded, "SUMMARY", "UID:renewal-9001@tend");
  summary_text = ics_unescape (summary);
  g_assert_true (g_str_has_prefix (summary_text, "Renewal: Ünïcødé Größhändler 株式会社 — Ωmega Ŝoftware Łódź Ærøskøbing ÉÉÉÉÉÉÉÉÉÉ (EUR "));
  description = ics_property (unfolded, "DESCRIPTION", "UID:renewal-9001@tend");
  g_assert_null (strchr (description, '\n'));
  description_text = ics_unescape (description);
  g_assert_nonnull (strstr (description_text, "Health: "));
  g_assert_nonnull (strstr (description_text, "Assessment: high risk (champion_loss)"));
  g_assert_nonnull (strstr (description_text, mitigation));
  g_assert_nonnull (strstr (description_text, "Account owner: Zoë Ærøskøbing"));

  g_assert_nonnull (strstr (unfolded, "\r\nDTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTART;VALUE=DATE:20260201\r\nDTEND;VALUE=DATE:20260202\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTAMP:20260110T083005Z\r\n"));
  g_assert_nonnull (strstr (unfolded, "CATEGORIES:Renewal,Assessment missing\r\n"));
}

static void
test_ics_text_primitives (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *escaped = tend_ics_escape_text ("a\\b;c,d\ne\r\nf\rg\x01h\ti");
  g_autofree char *line = NULL;
  g_autofree char *unfolded = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (escaped, ==, "a\\\\b\\;c\\,d\\ne\\nf\\ng" "h\ti");

  /* 3-octet characters at every alignment against the 75/74 octet limits. */
  for (guint shift = 0; shift < 3; shift++)
    {
      g_string_truncate (out, 0);
      g_clear_pointer (&line, g_free);
      g_clear_pointer (&unfolded, g_free);
      g_clear_pointer (&lines, g_strfreev);
      line = g_strconcat ("X-TEST:", shift == 0 ? "" : shift == 1 ? "a" : "ab",
                          "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€", NULL);
      tend_ics_append_line (out, line);
      lines = ics_physical_lines (out->str);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (lines[i]), <=, 75);
          g_assert_true (g_utf8_validate (lines[i], -1, NULL));
          if (i > 0 && lines[i][0] != '\0')
            g_assert_cmpint (lines[i][0], ==, ' ');
        }
      unfolded = ics_unfold (out->str);
      g_assert_true (g_str_has_suffix (unfolded, "\r\n"));
      unfolded[strlen (unfolded) - 2] = '\0';
      g_assert_cmpstr (unfolded, ==, line);
    }

  /* Exactly 75 octets is not folded. */
  g_string_truncate (out, 0);
  g_clear_pointer (&line, g_free);
  line = g_strnfill (75, 'a');
  tend_ics_append_line (out, line);
  g_assert_cmpuint (out->len, ==, 77);
}

static void
test_ics_uid_stable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GDateTime) stamp1 = g_date_time_new_utc (2026, 1, 10, 8, 0, 0);
  g_autoptr(GDateTime) stamp2 = g_date_time_new_utc (2026, 1, 11, 9, 0, 0);
  g_autofree char *ics1 = NULL;
  g_autofree char *ics2 = NULL;
  g_autofree char *uid1 = NULL;
  g_autofree char *uid2 = NULL;

  load_ics_book (f);
  first = list_renewals (f, 90);
  ics1 = tend_ics_renewals (first, f->book, stamp1);

  /* The renewal moves (an open renewal deal): the event keeps its UID. */
  exec_sql (f, "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
               " ('rn', '9001', 'renewal', 'open', '2026-03-20T00:00:00.000Z');");
  reload_book (f);
  second = list_renewals (f, 90);
  ics2 = tend_ics_renewals (second, f->book, stamp2);

  /* The event after Acme's (Feb 1) is the long-named account's. */
  uid1 = ics_property (ics1, "UID", "DTSTART;VALUE=DATE:20260201");
  uid2 = ics_property (ics2, "UID", "DTSTART;VALUE=DATE:20260201");
  g_assert_cmpstr (uid1, ==, "renewal-9001@tend");
  g_assert_cmpstr (uid1, ==, uid2);
  g_assert_nonnull (strstr (ics1, "\r\nUID:renewal-42@tend\r\n"));
  g_assert_nonnull (strstr (ics2, "\r\nUID:renewal-42@tend\r\n"));
  g_assert_nonnull (strstr (ics1, "DTSTART;VALUE=DATE:20260331"));
  g_assert_nonnull (strstr (ics2, "DTSTART;VALUE=DATE:20260320"));
  g_assert_nonnull (strstr (ics1, "DTSTAMP:20260110T080000Z"));
  g_assert_nonnull (strstr (ics2, "DTSTAMP:20260111T090000Z"));
}

/* The first Python that can import icalendar: the one on PATH, else
 * Debian's, where the python3-icalendar package installs it. */
static const char *
find_icalendar_python (void)
{
  static const char * const candidates[] = { "python3", "/usr/bin/python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *argv[] = { candidates[i], "-c", "import icalendar", NULL };
      int status;

      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return candidates[i];
    }
  return NULL;
}

/* An independent parser: python3-icalendar (Debian package
 * python3-icalendar) reads the export back, when it is installed. */
static void
test_ics_validator (Fixture       *f,
                    gconstpointer  data)
{
  static const char script[] =
    "import sys, icalendar\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "ev = [c for c in cal.walk('VEVENT')]\n"
    "assert str(cal['PRODID']) == '-//Tend//Tend Renewals//EN'\n"
    "assert len(ev) == 2, len(ev)\n"
    "for e in ev:\n"
    "    assert (e.decoded('DTEND') - e.decoded('DTSTART')).days == 1\n"
    "    print(e['UID'] + '|' + e['SUMMARY'].replace('\\n', ' '))\n";
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *path = g_build_filename (f->dir, "renewals.ics", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *python = find_icalendar_python ();
  const char *argv[] = { python, "-c", script, path, NULL };
  int status;

  if (python == NULL)
    {
      g_test_skip ("python3-icalendar is not installed");
      return;
    }
  load_ics_book (f);
  list = list_renewals (f, 90);
  ics = tend_ics_renewals (list, f->book, NULL);
  g_assert_true (tend_ics_save (ics, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("icalendar refused the export: %s", err);
  g_assert_cmpstr (out, ==,
                   "renewal-42@tend|Renewal: Acme, Inc.; R&D \\ Lab (ARR unknown)\n"
                   "renewal-9001@tend|Renewal: Ünïcødé Größhändler 株式会社 — Ωmega Ŝoftware Łódź "
                   "Ærøskøbing ÉÉÉÉÉÉÉÉÉÉ (EUR 120,000.00)\n");
}

/* A strict RFC 4180 reader, to prove the writer's output reads back. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (cell, *p);
            }
          p++;
        }
      else
        for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
          {
            g_assert_true (*p != '"' && *p != '\n');
            g_string_append_c (cell, *p);
          }
      g_strv_builder_add (row, cell->str);
      g_string_truncate (cell, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, g_strv_builder_end (row));
          g_clear_pointer (&row, g_strv_builder_unref);
          row = g_strv_builder_new ();
        }
    }
  return rows;
}

static void
test_csv_writer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TendCsvWriter) csv = tend_csv_writer_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  const char *tricky[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "Größe 株式会社", "" };
  GStatBuf st;
  mode_t old_umask;
  char **r;

  tend_csv_writer_add_row (csv, "name", "amount", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    tend_csv_writer_add_text (csv, tricky[i]);
  tend_csv_writer_end_row (csv);
  tend_csv_writer_add_text (csv, "=HYPERLINK(\"http://x\")");
  tend_csv_writer_add_text (csv, "+1");
  tend_csv_writer_add_text (csv, "-2+3");
  tend_csv_writer_add_text (csv, "@SUM(A1)");
  tend_csv_writer_add_text (csv, "\tTAB");
  tend_csv_writer_add_text (csv, "\rCR");
  tend_csv_writer_add_text (csv, "a=b");
  tend_csv_writer_end_row (csv);
  tend_csv_writer_add_number (csv, "-5.00");
  tend_csv_writer_add_number (csv, "12");
  tend_csv_writer_add_number (csv, "-1+1");
  tend_csv_writer_add_number (csv, "=1+1");
  tend_csv_writer_add_money (csv, -500);
  tend_csv_writer_add_money (csv, 123456);
  tend_csv_writer_add_int (csv, -3);
  tend_csv_writer_add_empty (csv);
  tend_csv_writer_add_text (csv, NULL);
  tend_csv_writer_end_row (csv);
  g_assert_cmpuint (tend_csv_writer_get_n_rows (csv), ==, 4);

  g_assert_true (g_str_has_prefix (tend_csv_writer_get_text (csv),
                                   "name,amount\r\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\","));
  g_assert_null (strstr (tend_csv_writer_get_text (csv), "'-5.00"));
  g_assert_true (g_str_has_suffix (tend_csv_writer_get_text (csv),
                                   "\r\n-5.00,12,'-1+1,'=1+1,-5.00,1234.56,-3,,\r\n"));

  rows = csv_parse (tend_csv_writer_get_text (csv));
  g_assert_cmpuint (rows->len, ==, 4);
  r = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (r), ==, G_N_ELEMENTS (tricky));
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    g_assert_cmpstr (r[i], ==, tricky[i]);
  r = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (r[0], ==, "'=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (r[1], ==, "'+1");
  g_assert_cmpstr (r[2], ==, "'-2+3");
  g_assert_cmpstr (r[3], ==, "'@SUM(A1)");
  g_assert_cmpstr (r[4], ==, "'\tTAB");
  g_assert_cmpstr (r[5], ==, "'\rCR");
  g_assert_cmpstr (r[6], ==, "a=b");

  /* Saved with the user's umask. */
  old_umask = umask (027);
  g_assert_true (tend_csv_writer_save (csv, path, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, tend_csv_writer_get_text (csv));
}

/* Runs tend-cli on the fixture's workspace as of AS_OF_ISO. */
static int
run_cli (Fixture     *f,
         char       **out_stdout,
         char       **out_stderr,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TEND_CLI");
  va_list ap;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  g_ptr_array_add (args, (char *) "--workspace");
  g_ptr_array_add (args, f->path);
  g_ptr_array_add (args, (char *) "--as-of");
  g_ptr_array_add (args, (char *) AS_OF_ISO);
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out_stdout, out_stderr, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_members (JsonObject         *o,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (o);
  guint n = 0;

  for (GList *l = members; l != NULL; l = l->next, n++)
    if (!g_strv_contains (names, l->data))
      g_error ("unexpected member “%s”", (char *) l->data);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) names));
}

static void
test_cli_json (Fixture       *f,
               gconstpointer  data)
{
  static const char * const renewal_members[] = {
    "account_id", "name", "renewal_date", "days_left", "arr", "currency", "tier", "assessment",
    "milestones", "owner_id", "assessment_missing", NULL };
  static const char * const assessment_members[] = {
    "risk", "reasons", "mitigation", "forecast_amount", "forecast_currency", "owner", "next_step",
    "next_step_date", "assessed_by", "assessed_at", "assessment_id", "renewal_date", NULL };
  static const char * const milestone_members[] = {
    "kind", "days_before", "due_date", "done", "done_by", "done_at", "past_due", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *array, *milestones;
  JsonObject *o, *a, *m;

  load_horizon_book (f);
  g_assert_cmpint (run_cli (f, &out, &err, "assess", "d90", "--risk", "high", "--reason", "price",
                            "--reason", "budget", "--forecast", "1234.50", "--currency", "EUR",
                            "--owner", "Dana", "--next-step", "Call the CFO",
                            "--next-step-date", "2026-01-20", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "risk"), ==, "high");
  g_assert_cmpint (json_object_get_int_member (o, "forecast_amount"), ==, 123450);
  g_assert_true (json_object_get_boolean_member (o, "current"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "milestone", "d0", "order_form_signed", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "renewals", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 6);

  /* First: Day Zero, due today, with ARR in cents, no assessment. */
  o = json_array_get_object_element (array, 0);
  assert_members (o, renewal_members);
  g_assert_cmpstr (json_object_get_string_member (o, "account_id"), ==, "d0");
  g_assert_cmpstr (json_object_get_string_member (o, "renewal_date"), ==, "2026-01-10");
  g_assert_cmpint (json_object_get_int_member (o, "days_left"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "arr"), ==, 1000000);
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "USD");
  g_assert_nonnull (json_object_get_string_member (o, "tier"));
  g_assert_true (json_object_get_null_member (o, "assessment"));
  g_assert_true (json_object_get_boolean_member (o, "assessment_missing"));
  milestones = json_object_get_array_member (o, "milestones");
  g_assert_cmpuint (json_array_get_length (milestones), ==, 3);
  m = json_array_get_object_element (milestones, 0);
  assert_members (m, milestone_members);
  g_assert_cmpstr (json_object_get_string_member (m, "kind"), ==, "risk_assessment");
  g_assert_cmpint (json_object_get_int_member (m, "days_before"), ==, 90);
  g_assert_cmpstr (json_object_get_string_member (m, "due_date"), ==, "2025-10-12");
  g_assert_false (json_object_get_boolean_member (m, "done"));
  g_assert_true (json_object_get_null_member (m, "done_by"));
  g_assert_true (json_object_get_boolean_member (m, "past_due"));
  m = json_array_get_object_element (milestones, 2);
  g_assert_cmpstr (json_object_get_string_member (m, "kind"), ==, "order_form_signed");
  g_assert_cmpint (json_object_get_int_member (m, "days_before"), ==, 30);
  g_assert_true (json_object_get_boolean_member (m, "done"));
  g_assert_cmpstr (json_object_get_string_member (m, "done_by"), ==, "Test Runner");
  g_assert_false (json_object_get_boolean_member (m, "past_due"));

  /* Sorted by date, then name: Alpha before beta on 2026-02-01. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "name"), ==, "Alpha same day");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "name"), ==, "beta same day");

  /* Last: Day Ninety, ARR unknown, the assessment made above. */
  o = json_array_get_object_element (array, 5);
  g_assert_cmpstr (json_object_get_string_member (o, "account_id"), ==, "d90");
  g_assert_cmpint (json_object_get_int_member (o, "days_left"), ==, 90);
  g_assert_true (json_object_get_null_member (o, "arr"));
  g_assert_false (json_object_get_boolean_member (o, "assessment_missing"));
  a = json_object_get_object_member (o, "assessment");
  assert_members (a, assessment_members);
  g_assert_cmpstr (json_object_get_string_member (a, "risk"), ==, "high");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "reasons")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (a, "reasons"), 1), ==, "budget");
  g_assert_true (json_object_get_null_member (a, "mitigation"));
  g_assert_cmpint (json_object_get_int_member (a, "forecast_amount"), ==, 123450);
  g_assert_cmpstr (json_object_get_string_member (a, "forecast_currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (a, "owner"), ==, "Dana");
  g_assert_cmpstr (json_object_get_string_member (a, "next_step"), ==, "Call the CFO");
  g_assert_cmpstr (json_object_get_string_member (a, "next_step_date"), ==, "2026-01-20");
  g_assert_cmpstr (json_object_get_string_member (a, "assessed_by"), ==, "Test Runner");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (a, "assessed_at"), "Z"));
  m = json_array_get_object_element (json_object_get_array_member (o, "milestones"), 0);
  g_assert_true (json_object_get_boolean_member (m, "done"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --days narrows the horizon, inclusively: "Refined In" is 30 days out. */
  g_assert_cmpint (run_cli (f, &out, &err, "renewals", "--days", "30", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 4), "account_id"), ==, "ref");
}

static void
test_cli_refuses_bad_input (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const bad[][10] = {
    { "assess", "404", "--risk", "low", NULL },
    { "assess", "d90", "--risk", "severe", NULL },
    { "assess", "d90", "--risk", "low", "--reason", "weather", NULL },
    { "assess", "d90", "--risk", "low", "--forecast", "12,50", NULL },
    { "assess", "d90", "--risk", "low", "--forecast", "-5", NULL },
    { "assess", "d90", "--risk", "low", "--forecast", "5", "--currency", "euro", NULL },
    { "assess", "d90", "--risk", "low", "--next-step", "Call", "--next-step-date", "2026-02-30", NULL },
    { "assess", "d90", "--risk", "low", "--next-step", "Call", NULL },
    { "assess", "d90", "--risk", "low", "--next-step-date", "2026-02-01", NULL },
    { "assess", "d90", NULL },
    { "assess", NULL },
    { "renewals", "--days", "0", NULL },
    { "renewals", "--days", "ten", NULL },
    { "renewals", "--days", "-3", NULL },
    { "renewals", "--format", "xml", NULL },
    { "milestone", "d90", "kickoff", NULL },
    { "milestone", "d90", "risk_assessment", NULL },
    { "milestone", "404", "proposal_sent", NULL },
  };

  load_horizon_book (f);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      g_ptr_array_add (args, (char *) g_getenv ("TEND_CLI"));
      g_ptr_array_add (args, (char *) "--workspace");
      g_ptr_array_add (args, f->path);
      g_ptr_array_add (args, (char *) "--as-of=" AS_OF_ISO);
      for (guint j = 0; bad[i][j] != NULL; j++)
        g_ptr_array_add (args, (char *) bad[i][j]);
      g_ptr_array_add (args, NULL);
      g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 2)
        g_error ("case %u (%s %s ...) exited %d: %s", i, bad[i][0], bad[i][1], status, err);
      /* One line on stderr, nothing on stdout. */
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM risk_assessments"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM renewal_milestones"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, 0);
}

static void
test_cli_exports (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *ics_path = g_build_filename (f->dir, "r.ics", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "r.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char **header, **row;

  load_horizon_book (f);
  exec_sql (f, "UPDATE accounts SET name = '=cmd|'' /C calc''!A0' WHERE id = 'd0'");
  g_assert_cmpint (run_cli (f, &out, &err, "renewals", "--format", "ics", "--output", ics_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (ics_path, &ics, NULL, NULL));
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (ics, "UID:renewal-d0@tend\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "renewals", "--format", "csv", "--output", csv_path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = csv_parse (csv);
  g_assert_cmpuint (rows->len, ==, 7);
  header = g_ptr_array_index (rows, 0);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (header[0], ==, "account_id");
  g_assert_cmpstr (header[5], ==, "arr");
  g_assert_cmpstr (row[0], ==, "d0");
  g_assert_cmpstr (row[1], ==, "'=cmd|' /C calc'!A0");
  g_assert_cmpstr (row[5], ==, "10000.00");
  g_assert_cmpstr (row[8], ==, "missing");
  g_assert_cmpstr (row[19], ==, "2025-10-12");
  g_assert_cmpstr (row[20], ==, "past_due");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The table names the accounts and flags the missing assessments. */
  g_assert_cmpint (run_cli (f, &out, &err, "renewals", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Day Ninety"));
  g_assert_nonnull (strstr (out, "MISSING"));
  g_assert_nonnull (strstr (err, "6 renewals"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/renewals/horizon", test_horizon);
  ADD ("/renewals/tier-matches-health", test_tier_matches_health);
  ADD ("/renewals/assessment/supersedes", test_assessment_supersedes);
  ADD ("/renewals/assessment/past-renewal-not-current", test_assessment_of_past_renewal);
  ADD ("/renewals/assessment/validation", test_assessment_validation);
  ADD ("/renewals/milestones", test_milestones);
  ADD ("/renewals/ics/folding-and-escaping", test_ics_folding_and_escaping);
  g_test_add_func ("/renewals/ics/text-primitives", test_ics_text_primitives);
  ADD ("/renewals/ics/uid-stable", test_ics_uid_stable);
  ADD ("/renewals/ics/validator", test_ics_validator);
  ADD ("/renewals/csv/writer", test_csv_writer);
  ADD ("/renewals/cli/json", test_cli_json);
  ADD ("/renewals/cli/refuses-bad-input", test_cli_refuses_bad_input);
  ADD ("/renewals/cli/exports", test_cli_exports);
#undef ADD

  return g_test_run ();
}
