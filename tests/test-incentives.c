// Tests of incentive entries, clawbacks, their approval flow, exposure and NRR.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include "tend-book.h"
#include "tend-error.h"
#include "tend-health.h"
#include "tend-incentives.h"
#include "tend-nrr.h"
#include "tend-settings.h"
#include "tend-store.h"

typedef struct {
  char         *dir;
  char         *path;
  TendStore    *store;
  TendBook     *book;
  TendSettings  settings;
} Fixture;

static TendDay
day (const char *text)
{
  TendDay d = TEND_DAY_NONE;

  g_assert_true (tend_day_parse (text, &d, NULL));
  return d;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-incentives-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "ws.db", NULL);
  f->store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
  tend_settings_init_defaults (&f->settings);
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

/* Runs SQL on the mirror (as a sync would) and reloads the book. */
static void
mirror (Fixture    *f,
        const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->book, tend_book_free);
  f->book = tend_book_load (f->store, &error);
  g_assert_no_error (error);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static gint64
add_entry (Fixture           *f,
           const char        *person,
           TendIncentiveRole  role,
           TendIncentiveKind  kind,
           const char        *account_id,
           const char        *deal_id,
           gint64             amount,
           const char        *earned,
           const char        *as_of)
{
  g_autoptr(GError) error = NULL;
  TendIncentiveDraft draft = {
    .person = person, .role = role, .kind = kind, .account_id = account_id,
    .deal_id = deal_id, .amount = amount, .earned = day (earned),
  };
  gint64 id = tend_incentive_add (f->store, f->book, &f->settings, &draft, day (as_of), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A pro-rata entry for the pure rule. */
static TendIncentiveEntry
entry_for (gint64      amount,
           const char *earned,
           guint       window)
{
  TendIncentiveEntry e = {
    .amount = amount, .earned = day (earned), .window_months = window,
    .rule = window > 0 ? TEND_CLAWBACK_RULE_PRO_RATA : TEND_CLAWBACK_RULE_NONE,
    .currency = (char *) "USD",
  };
  return e;
}

static gboolean
clawback_on (const TendIncentiveEntry *e,
             const char               *churn,
             gint64                   *out_clawback,
             int                      *out_served)
{
  return tend_clawback_compute (e, day (churn), out_clawback, out_served);
}

static const TendLedgerLine *
line_for (const TendLedger *ledger,
          gint64            id)
{
  for (guint i = 0; i < ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);
      if (line->entry->id == id)
        return line;
    }
  return NULL;
}

static TendLedger *
ledger_at (Fixture    *f,
           const char *as_of,
           GArray     *health)
{
  g_autoptr(GError) error = NULL;
  TendLedger *ledger = tend_ledger_load (f->store, f->book, day (as_of), health, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

/* ---- the rule ---- */

static void
test_window_edges (Fixture       *f,
                   gconstpointer  data)
{
  TendIncentiveEntry e = entry_for (120000, "2025-01-15", 12);
  gint64 c = -1;
  int m = -1;

  /* The earned day itself: nothing served, everything back. */
  g_assert_true (clawback_on (&e, "2025-01-15", &c, &m));
  g_assert_cmpint (m, ==, 0);
  g_assert_cmpint (c, ==, 120000);
  /* The day before the window's last: 11 months served, 1/12 back. */
  g_assert_true (clawback_on (&e, "2026-01-14", &c, &m));
  g_assert_cmpint (m, ==, 11);
  g_assert_cmpint (c, ==, 10000);
  /* The window's last day (earned + 12 months) is inside, as "within N
   * after D" is in DOMAIN.md 1: triggered, every month served, 0 back. */
  g_assert_true (clawback_on (&e, "2026-01-15", &c, &m));
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (c, ==, 0);
  /* The first day outside: nothing is triggered. */
  g_assert_false (clawback_on (&e, "2026-01-16", &c, &m));
  /* A churn before the earned date triggers nothing either. */
  g_assert_false (clawback_on (&e, "2025-01-14", &c, &m));
}

static void
test_month_ends (Fixture       *f,
                 gconstpointer  data)
{
  TendIncentiveEntry jan31 = entry_for (120000, "2025-01-31", 12);
  TendIncentiveEntry leap_jan31 = entry_for (120000, "2024-01-31", 12);
  TendIncentiveEntry leap_day = entry_for (120000, "2024-02-29", 12);
  gint64 c;
  int m;

  /* Jan 31 + 1 month = Feb 28 (2025): one full month on Feb 28. */
  g_assert_true (clawback_on (&jan31, "2025-02-27", &c, &m));
  g_assert_cmpint (m, ==, 0);
  g_assert_true (clawback_on (&jan31, "2025-02-28", &c, &m));
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (c, ==, 110000);
  /* ... + 2 months = Mar 31, not Mar 28. */
  g_assert_true (clawback_on (&jan31, "2025-03-30", &c, &m));
  g_assert_cmpint (m, ==, 1);
  g_assert_true (clawback_on (&jan31, "2025-03-31", &c, &m));
  g_assert_cmpint (m, ==, 2);

  /* 2024 is a leap year: Jan 31 + 1 month = Feb 29. */
  g_assert_true (clawback_on (&leap_jan31, "2024-02-28", &c, &m));
  g_assert_cmpint (m, ==, 0);
  g_assert_true (clawback_on (&leap_jan31, "2024-02-29", &c, &m));
  g_assert_cmpint (m, ==, 1);

  /* Feb 29 + 12 months = Feb 28, 2025: the window ends there. */
  g_assert_true (clawback_on (&leap_day, "2025-02-27", &c, &m));
  g_assert_cmpint (m, ==, 11);
  g_assert_cmpint (c, ==, 10000);
  g_assert_true (clawback_on (&leap_day, "2025-02-28", &c, &m));
  g_assert_cmpint (c, ==, 0);
  g_assert_false (clawback_on (&leap_day, "2025-03-01", &c, &m));
}

static void
test_rounding (Fixture       *f,
               gconstpointer  data)
{
  TendIncentiveEntry odd = entry_for (100001, "2025-01-01", 12);
  TendIncentiveEntry half = entry_for (6, "2025-01-01", 12);
  TendIncentiveEntry below_half = entry_for (5, "2025-01-01", 12);
  gint64 c;
  int m;

  /* 5 months served: 100001 * 7 / 12 = 58333.916... -> 58334 */
  g_assert_true (clawback_on (&odd, "2025-06-01", &c, &m));
  g_assert_cmpint (m, ==, 5);
  g_assert_cmpint (c, ==, 58334);
  /* 1 month served: 100001 * 11 / 12 = 91667.583... -> 91668 */
  g_assert_true (clawback_on (&odd, "2025-02-01", &c, &m));
  g_assert_cmpint (c, ==, 91668);
  /* 11 months served: 6 * 1 / 12 = 0.5 -> 1 (half away from zero) */
  g_assert_true (clawback_on (&half, "2025-12-01", &c, &m));
  g_assert_cmpint (c, ==, 1);
  /* 5 * 1 / 12 = 0.416... -> 0 */
  g_assert_true (clawback_on (&below_half, "2025-12-01", &c, &m));
  g_assert_cmpint (c, ==, 0);
}

/* ---- clawbacks from the workspace ---- */

static void
test_lost_renewal_churn (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TendLedger) ledger = NULL;
  const TendLedgerLine *line;
  gint64 id;

  mirror (f,
    "INSERT INTO accounts (id, name, arr) VALUES ('1', 'Lost Co', 1000000);"
    "INSERT INTO deals (id, account_id, category, status, amount, close_date) VALUES"
    " ('r1', '1', 'renewal', 'lost', 1000000, '2025-05-10T12:00:00.000Z');");
  id = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_EXPANSION, "1", NULL,
                  120000, "2025-01-10", "2025-03-01");

  /* Before the close date nothing is due yet. */
  ledger = ledger_at (f, "2025-05-09", NULL);
  g_assert_cmpint (line_for (ledger, id)->clawback.status, ==, TEND_CLAWBACK_NONE);
  g_clear_pointer (&ledger, tend_ledger_free);

  ledger = ledger_at (f, "2025-06-01", NULL);
  line = line_for (ledger, id);
  g_assert_cmpint (line->clawback.status, ==, TEND_CLAWBACK_PENDING);
  g_assert_cmpuint (line->clawback.churn_day, ==, day ("2025-05-10"));
  g_assert_cmpint (line->clawback.months_served, ==, 4);
  g_assert_cmpint (line->clawback.clawback, ==, 80000);   /* 120000 * 8 / 12 */
}

static void
test_renewal_window (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TendLedger) ledger = NULL;
  gint64 inside, outside;

  mirror (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-07-14');"
    "INSERT INTO accounts (id, name, churn_date) VALUES ('2', 'B', '2025-07-16');");
  inside = add_entry (f, "Rita", TEND_ROLE_CSM, TEND_INCENTIVE_RENEWAL, "1", NULL,
                      60000, "2025-01-15", "2025-02-01");
  outside = add_entry (f, "Rita", TEND_ROLE_CSM, TEND_INCENTIVE_RENEWAL, "2", NULL,
                       60000, "2025-01-15", "2025-02-01");
  ledger = ledger_at (f, "2025-08-01", NULL);

  g_assert_cmpint (line_for (ledger, inside)->entry->window_months, ==, 6);
  g_assert_cmpint (line_for (ledger, inside)->entry->rule, ==, TEND_CLAWBACK_RULE_PRO_RATA);
  /* Jul 14, the day before the window's last: 5 months served, 1/6 back. */
  g_assert_cmpint (line_for (ledger, inside)->clawback.status, ==, TEND_CLAWBACK_PENDING);
  g_assert_cmpint (line_for (ledger, inside)->clawback.clawback, ==, 10000);
  /* Jul 16, the day after earned + 6 months: outside. */
  g_assert_cmpint (line_for (ledger, outside)->clawback.status, ==, TEND_CLAWBACK_NONE);
}

static void
test_csm_bonus_none (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TendLedger) ledger = NULL;
  const TendLedgerLine *line;
  gint64 id;

  mirror (f, "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-02-01');");
  id = add_entry (f, "Cleo", TEND_ROLE_CSM, TEND_INCENTIVE_CSM_BONUS, "1", NULL,
                  500000, "2025-01-15", "2025-01-20");
  ledger = ledger_at (f, "2025-03-01", NULL);
  line = line_for (ledger, id);
  g_assert_cmpint (line->entry->rule, ==, TEND_CLAWBACK_RULE_NONE);
  g_assert_cmpint (line->entry->window_months, ==, 0);
  g_assert_cmpint (line->clawback.status, ==, TEND_CLAWBACK_NONE);
  g_assert_cmpint (line->clawback.clawback, ==, 0);
}

static void
test_shared_new_business (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TendLedger) ledger = NULL;
  gint64 sales, onboarding, other;

  mirror (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-04-20');"
    "INSERT INTO accounts (id, name) VALUES ('2', 'B');"
    "INSERT INTO deals (id, account_id, category, status, amount, close_date) VALUES"
    " ('n1', '1', 'new', 'won', 2400000, '2025-01-10');");
  sales = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "1", "n1",
                     240000, "2025-01-10", "2025-02-01");
  onboarding = add_entry (f, "Olly", TEND_ROLE_ONBOARDING, TEND_INCENTIVE_NEW_BUSINESS, "1", "n1",
                          36000, "2025-02-01", "2025-02-01");
  other = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "2", NULL,
                     100000, "2025-01-10", "2025-02-01");
  ledger = ledger_at (f, "2025-05-01", NULL);

  /* Each entry on its own terms: Sam served 3 months of 12, Olly 2. */
  g_assert_cmpint (line_for (ledger, sales)->clawback.status, ==, TEND_CLAWBACK_PENDING);
  g_assert_cmpint (line_for (ledger, sales)->clawback.clawback, ==, 180000);
  g_assert_cmpint (line_for (ledger, onboarding)->clawback.status, ==, TEND_CLAWBACK_PENDING);
  g_assert_cmpint (line_for (ledger, onboarding)->clawback.clawback, ==, 30000);
  g_assert_cmpint (line_for (ledger, other)->clawback.status, ==, TEND_CLAWBACK_NONE);
}

static void
test_churn_before_earned (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TendLedger) ledger = NULL;
  gint64 id;

  mirror (f, "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-01-01');");
  id = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_EXPANSION, "1", NULL,
                  100000, "2025-02-01", "2025-02-01");
  ledger = ledger_at (f, "2025-06-01", NULL);
  g_assert_cmpint (line_for (ledger, id)->clawback.status, ==, TEND_CLAWBACK_NONE);
  g_assert_cmpint (line_for (ledger, id)->exposure, ==, 0);
}

/* ---- the approval flow ---- */

static TendClawbackStatus
status_of (Fixture    *f,
           gint64      id,
           const char *as_of)
{
  g_autoptr(GError) error = NULL;
  TendClawback c = { 0 };
  TendClawbackStatus status;

  g_assert_true (tend_clawback_get (f->store, f->book, id, day (as_of), NULL, &c, &error));
  g_assert_no_error (error);
  status = c.status;
  tend_clawback_clear (&c);
  return status;
}

static void
test_approval_flow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TendDay d = day ("2025-06-01");
  TendClawback c = { 0 };
  gint64 a, b, none;

  mirror (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-04-15');"
    "INSERT INTO accounts (id, name) VALUES ('2', 'B');");
  a = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "1", NULL, 120000, "2025-01-15", "2025-02-01");
  b = add_entry (f, "Olly", TEND_ROLE_ONBOARDING, TEND_INCENTIVE_NEW_BUSINESS, "1", NULL, 60000, "2025-01-15", "2025-02-01");
  none = add_entry (f, "Olly", TEND_ROLE_ONBOARDING, TEND_INCENTIVE_NEW_BUSINESS, "2", NULL, 60000, "2025-01-15", "2025-02-01");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'incentive' AND action = 'add'"), ==, 3);

  g_assert_cmpint (status_of (f, a, "2025-06-01"), ==, TEND_CLAWBACK_PENDING);
  /* Applying needs an approval first. */
  g_assert_false (tend_clawback_apply (f->store, f->book, a, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "approve it before applying"));
  g_clear_error (&error);

  g_assert_true (tend_clawback_approve (f->store, f->book, a, d, &error));
  g_assert_no_error (error);
  g_assert_false (tend_clawback_approve (f->store, f->book, a, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (tend_clawback_apply (f->store, f->book, a, d, &error));
  g_assert_no_error (error);
  g_assert_true (tend_clawback_get (f->store, f->book, a, d, NULL, &c, &error));
  g_assert_cmpint (c.status, ==, TEND_CLAWBACK_APPLIED);
  g_assert_cmpstr (c.approved_by, ==, "Test Runner");
  g_assert_cmpstr (c.applied_by, ==, "Test Runner");
  g_assert_nonnull (c.applied_at);
  g_assert_cmpint (c.clawback, ==, 90000);
  tend_clawback_clear (&c);

  /* An applied clawback cannot be waived, nor its entry removed. */
  g_assert_false (tend_clawback_waive (f->store, f->book, a, "goodwill", d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "cannot be waived"));
  g_clear_error (&error);
  g_assert_false (tend_incentive_remove (f->store, f->book, a, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);

  /* A waiver needs a reason; from pending or approved. */
  g_assert_false (tend_clawback_waive (f->store, f->book, b, "  ", d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tend_clawback_waive (f->store, f->book, b, NULL, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (status_of (f, b, "2025-06-01"), ==, TEND_CLAWBACK_PENDING);
  g_assert_true (tend_clawback_approve (f->store, f->book, b, d, &error));
  g_assert_true (tend_clawback_waive (f->store, f->book, b, " retained the customer's parent ", d, &error));
  g_assert_no_error (error);
  g_assert_true (tend_clawback_get (f->store, f->book, b, d, NULL, &c, &error));
  g_assert_cmpint (c.status, ==, TEND_CLAWBACK_WAIVED);
  g_assert_cmpstr (c.reason, ==, "retained the customer's parent");
  g_assert_cmpstr (c.waived_by, ==, "Test Runner");
  tend_clawback_clear (&c);
  g_assert_false (tend_clawback_approve (f->store, f->book, b, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);

  /* Nothing to decide where nothing is triggered; unknown ids are not found. */
  g_assert_false (tend_clawback_approve (f->store, f->book, none, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (tend_clawback_approve (f->store, f->book, 999, d, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* One audit row per transition that happened, none for the refused. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'clawback'"), ==, 4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'clawback'"
                                        " AND action = 'waive' AND detail LIKE '%\"from\":\"approved\"%'"
                                        " AND detail LIKE '%retained%' AND actor = 'Test Runner'"), ==, 1);

  /* A waived entry can be removed; the removal is audited. */
  g_assert_true (tend_incentive_remove (f->store, f->book, b, d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM incentive_entries"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clawback_decisions"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'incentive'"
                                        " AND action = 'remove'"), ==, 1);
}

/* Decisions are keyed by entry and survive a re-sync; a changed churn
 * voids approvals and waivers but never an application. */
static void
test_decisions_after_resync (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendLedger) ledger = NULL;
  TendDay d = day ("2025-06-01");
  gint64 applied, approved;

  mirror (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-04-15');"
    "INSERT INTO accounts (id, name, churn_date) VALUES ('2', 'B', '2025-04-15');");
  applied = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "1", NULL, 120000, "2025-01-15", "2025-02-01");
  approved = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "2", NULL, 120000, "2025-01-15", "2025-02-01");
  g_assert_true (tend_clawback_approve (f->store, f->book, applied, d, &error));
  g_assert_true (tend_clawback_apply (f->store, f->book, applied, d, &error));
  g_assert_true (tend_clawback_approve (f->store, f->book, approved, d, &error));
  g_assert_no_error (error);

  /* A full re-sync replaces the mirror: the same accounts come back. */
  mirror (f, "DELETE FROM accounts;"
             "INSERT INTO accounts (id, name, churn_date) VALUES ('1', 'A', '2025-04-15');"
             "INSERT INTO accounts (id, name, churn_date) VALUES ('2', 'B', '2025-04-15');");
  g_assert_cmpint (status_of (f, applied, "2025-06-01"), ==, TEND_CLAWBACK_APPLIED);
  g_assert_cmpint (status_of (f, approved, "2025-06-01"), ==, TEND_CLAWBACK_APPROVED);

  /* The CRM moves B's churn: the approval was about another day. */
  mirror (f, "UPDATE accounts SET churn_date = '2025-05-20' WHERE id = '2';");
  g_assert_cmpint (status_of (f, approved, "2025-06-01"), ==, TEND_CLAWBACK_PENDING);

  /* Both accounts un-churn: the application stays (money moved), marked
   * as no longer triggered; the approval's form leaves the queue. */
  mirror (f, "UPDATE accounts SET churn_date = NULL;");
  ledger = ledger_at (f, "2025-06-01", NULL);
  g_assert_cmpint (line_for (ledger, applied)->clawback.status, ==, TEND_CLAWBACK_APPLIED);
  g_assert_false (line_for (ledger, applied)->clawback.is_triggered);
  g_assert_cmpint (line_for (ledger, applied)->clawback.clawback, ==, 90000);
  g_assert_cmpuint (line_for (ledger, applied)->clawback.churn_day, ==, day ("2025-04-15"));
  g_assert_cmpint (line_for (ledger, applied)->exposure, ==, 0);
  g_assert_cmpint (line_for (ledger, approved)->clawback.status, ==, TEND_CLAWBACK_NONE);
  /* 4 months served on 2025-06-01: 120000 * 8 / 12. */
  g_assert_cmpint (line_for (ledger, approved)->exposure, ==, 80000);
}

/* ---- exposure ---- */

static void
test_exposure (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TendLedger) ledger = NULL;
  g_autoptr(GArray) health = g_array_new (FALSE, TRUE, sizeof (TendHealth));
  const TendPersonTotals *t;
  gint64 red, green, churned, old, bonus, later_churn;

  mirror (f,
    "INSERT INTO accounts (id, name) VALUES ('r', 'Red Co');"
    "INSERT INTO accounts (id, name) VALUES ('g', 'Green Co');"
    "INSERT INTO accounts (id, name, churn_date) VALUES ('c', 'Gone Co', '2025-05-01');"
    "INSERT INTO accounts (id, name, churn_date) VALUES ('l', 'Later Co', '2025-09-01');");
  /* The book orders accounts by name: Gone, Green, Later, Red. */
  g_array_set_size (health, f->book->n_accounts);
  for (guint i = 0; i < f->book->n_accounts; i++)
    {
      TendHealth *h = &g_array_index (health, TendHealth, i);
      h->account_index = i;
      h->is_scored = TRUE;
      h->tier = g_str_equal (f->book->accounts[i].id, "g") ? TEND_TIER_GREEN : TEND_TIER_RED;
    }

  /* As of 2025-06-15. 120000 earned 2025-01-15: 5 months served -> 7/12 = 70000. */
  red = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "r", NULL, 120000, "2025-01-15", "2025-06-15");
  /* 60000 earned 2025-03-01: 3 months served -> 9/12 = 45000. */
  green = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_EXPANSION, "g", NULL, 60000, "2025-03-01", "2025-06-15");
  /* Churned before D: a clawback, no exposure. */
  churned = add_entry (f, "Sam", TEND_ROLE_SALES, TEND_INCENTIVE_EXPANSION, "c", NULL, 60000, "2025-03-01", "2025-06-15");
  /* Window over by D: no exposure. */
  old = add_entry (f, "Olly", TEND_ROLE_ONBOARDING, TEND_INCENTIVE_NEW_BUSINESS, "r", NULL, 99999, "2024-01-01", "2025-06-15");
  /* CSM bonus: no clawback, no exposure. */
  bonus = add_entry (f, "Olly", TEND_ROLE_CSM, TEND_INCENTIVE_CSM_BONUS, "r", NULL, 50000, "2025-05-01", "2025-06-15");
  /* A churn date after D is not a churn yet: exposure as if it churned on D.
   * Renewal, 6 months, 36000 earned 2025-04-10: 2 months served -> 4/6 = 24000. */
  later_churn = add_entry (f, "Olly", TEND_ROLE_CSM, TEND_INCENTIVE_RENEWAL, "l", NULL, 36000, "2025-04-10", "2025-06-15");

  ledger = ledger_at (f, "2025-06-15", health);
  g_assert_cmpint (line_for (ledger, red)->exposure, ==, 70000);
  g_assert_true (line_for (ledger, red)->is_red);
  g_assert_cmpint (line_for (ledger, green)->exposure, ==, 45000);
  g_assert_false (line_for (ledger, green)->is_red);
  g_assert_cmpint (line_for (ledger, churned)->exposure, ==, 0);
  g_assert_cmpint (line_for (ledger, churned)->clawback.clawback, ==, 60000 * 10 / 12);
  g_assert_cmpint (line_for (ledger, old)->exposure, ==, 0);
  g_assert_cmpint (line_for (ledger, bonus)->exposure, ==, 0);
  g_assert_cmpint (line_for (ledger, later_churn)->exposure, ==, 24000);
  g_assert_cmpint (line_for (ledger, later_churn)->clawback.status, ==, TEND_CLAWBACK_NONE);

  /* People sorted by name: Olly, Sam. */
  g_assert_cmpuint (ledger->people->len, ==, 2);
  t = &g_array_index (ledger->people, TendPersonTotals, 0);
  g_assert_cmpstr (t->person, ==, "Olly");
  g_assert_cmpint (t->earned, ==, 99999 + 50000 + 36000);
  g_assert_cmpint (t->clawed_back, ==, 0);
  g_assert_cmpint (t->exposure, ==, 24000);
  t = &g_array_index (ledger->people, TendPersonTotals, 1);
  g_assert_cmpstr (t->person, ==, "Sam");
  g_assert_cmpint (t->earned, ==, 240000);
  g_assert_cmpint (t->clawed_back, ==, 50000);
  g_assert_cmpint (t->net, ==, 190000);
  g_assert_cmpint (t->exposure, ==, 70000 + 45000);

  /* Red-tier exposure: Red Co's 70000 and Later Co's 24000 (both red). */
  g_assert_cmpuint (ledger->red_exposure->len, ==, 1);
  g_assert_cmpstr (g_array_index (ledger->red_exposure, TendCurrencyAmount, 0).currency, ==, "USD");
  g_assert_cmpint (g_array_index (ledger->red_exposure, TendCurrencyAmount, 0).amount, ==, 94000);

  /* Entries earned after the day did not exist yet on it. */
  g_clear_pointer (&ledger, tend_ledger_free);
  ledger = ledger_at (f, "2025-04-01", NULL);
  g_assert_null (line_for (ledger, bonus));
  g_assert_nonnull (line_for (ledger, red));
  g_assert_cmpuint (ledger->red_exposure->len, ==, 0);
}

/* ---- validation ---- */

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  struct {
    TendIncentiveDraft  draft;
    TendIncentiveField  field;
    int                 code;
  } cases[] = {
    { { .person = "  ", .account_id = "1", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_PERSON, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam\nX", .account_id = "1", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_PERSON, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .role = (TendIncentiveRole) 9, .account_id = "1", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_ROLE, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .kind = (TendIncentiveKind) -1, .account_id = "1", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_KIND, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .account_id = "404", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_ACCOUNT, TEND_ERROR_NOT_FOUND },
    { { .person = "Sam", .account_id = "1", .deal_id = "d2", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_DEAL, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .account_id = "1", .deal_id = "nope", .amount = 100, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_DEAL, TEND_ERROR_NOT_FOUND },
    { { .person = "Sam", .account_id = "1", .amount = 0, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_AMOUNT, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .account_id = "1", .amount = -5, .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_AMOUNT, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .account_id = "1", .amount = 100, .currency = "usd", .earned = day ("2025-01-01") },
      TEND_INCENTIVE_FIELD_CURRENCY, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .account_id = "1", .amount = 100, .earned = TEND_DAY_NONE },
      TEND_INCENTIVE_FIELD_EARNED, TEND_ERROR_INVALID_INPUT },
    { { .person = "Sam", .account_id = "1", .amount = 100, .earned = day ("2025-02-02") },
      TEND_INCENTIVE_FIELD_EARNED, TEND_ERROR_INVALID_INPUT },
  };
  gint64 id;

  mirror (f,
    "INSERT INTO accounts (id, name, currency) VALUES ('1', 'A', 'EUR');"
    "INSERT INTO accounts (id, name) VALUES ('2', 'B');"
    "INSERT INTO deals (id, account_id, category, status) VALUES ('d1', '1', 'new', 'won');"
    "INSERT INTO deals (id, account_id, category, status) VALUES ('d2', '2', 'new', 'won');");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TendIncentiveField field = TEND_INCENTIVE_FIELD_NONE;

      g_test_message ("case %u", i);
      g_assert_cmpint (tend_incentive_add (f->store, f->book, &f->settings, &cases[i].draft,
                                           day ("2025-02-01"), &field, &error), ==, 0);
      g_assert_error (error, TEND_ERROR, cases[i].code);
      g_assert_cmpint (field, ==, cases[i].field);
    }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM incentive_entries"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log"), ==, 0);

  /* The account's currency when none is given; the earned day may be the as-of day. */
  id = add_entry (f, "  Sam  ", TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, "1", "d1", 100, "2025-02-01", "2025-02-01");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM incentive_entries WHERE currency = 'EUR'"
                                        " AND person = 'Sam' AND deal_id = 'd1'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'incentive'"
                                        " AND action = 'add' AND actor = 'Test Runner'"), ==, 1);
  g_assert_cmpint (id, >, 0);
}

/* ---- NRR and GRR ---- */

static void
test_nrr (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendNrrReport) report = NULL;
  const TendRetention *r;
  double ratio;

  /* Period [2025-01-01, 2025-12-31], as of 2026-01-15. Ann's USD portfolio:
   *   a1 ARR 1,100,000; won expansion 100,000 on 2025-06-01 (and a EUR
   *      deal that does not count): ARR0 1,000,000, expansion 100,000
   *   a2 ARR 500,000; renewal won on 2025-09-01 at 400,000:
   *      ARR0 500,000, contraction 100,000
   *   a3 ARR 300,000; expansion 50,000 on 2025-03-01, churned 2025-08-01:
   *      ARR0 250,000, all of it churned, its expansion not counted
   *   a4 started 2025-03-01: not active at P0, left out
   *   a5 churned 2024-12-01: not active at P0, left out
   *   a6 ARR 220,000; expansion 20,000 on 2026-01-10 (after P1, before
   *      the as-of day): ARR0 200,000, no expansion in the period
   *   a7 ARR 100,000; renewal lost on 2025-11-30 (no churn date):
   *      ARR0 100,000 churned
   *   a8 no ARR: missing, left out
   * ARR0 = 1,000,000 + 500,000 + 250,000 + 200,000 + 100,000 = 2,050,000
   * NRR = (2,050,000 + 100,000 - 100,000 - 350,000) / 2,050,000 = 1,700,000 / 2,050,000
   * GRR = (2,050,000 - 100,000 - 350,000) / 2,050,000 = 1,600,000 / 2,050,000
   * Ben: b1 EUR 1,000,000 and b2 USD 400,000 (unknown start), nothing happened.
   * USD total: ARR0 2,450,000; NRR 2,100,000 / 2,450,000; GRR 2,000,000 / 2,450,000. */
  mirror (f,
    "INSERT INTO owners (id, name) VALUES ('o1', 'Ann'), ('o2', 'Ben'), ('o3', 'Cy');"
    "INSERT INTO accounts (id, name, owner_id, arr, contract_start, churn_date, currency) VALUES"
    " ('a1', 'A1', 'o1', 1100000, '2024-01-01', NULL, 'USD'),"
    " ('a2', 'A2', 'o1', 500000, '2024-03-01', NULL, 'USD'),"
    " ('a3', 'A3', 'o1', 300000, '2023-01-01', '2025-08-01', 'USD'),"
    " ('a4', 'A4', 'o1', 900000, '2025-03-01', NULL, 'USD'),"
    " ('a5', 'A5', 'o1', 800000, '2023-01-01', '2024-12-01', 'USD'),"
    " ('a6', 'A6', 'o1', 220000, '2024-01-01', NULL, 'USD'),"
    " ('a7', 'A7', 'o1', 100000, '2024-01-01', NULL, 'USD'),"
    " ('a8', 'A8', 'o1', NULL, '2024-01-01', NULL, 'USD'),"
    " ('b1', 'B1', 'o2', 1000000, '2024-01-01', NULL, 'EUR'),"
    " ('b2', 'B2', 'o2', 400000, NULL, NULL, 'USD');"
    "INSERT INTO deals (id, account_id, category, status, amount, currency, close_date) VALUES"
    " ('x1', 'a1', 'expansion', 'won', 100000, 'USD', '2025-06-01'),"
    " ('x1e', 'a1', 'expansion', 'won', 99900, 'EUR', '2025-07-01'),"
    " ('x1o', 'a1', 'expansion', 'open', 70000, 'USD', '2025-10-01'),"
    " ('r2', 'a2', 'renewal', 'won', 400000, 'USD', '2025-09-01'),"
    " ('x3', 'a3', 'expansion', 'won', 50000, 'USD', '2025-03-01'),"
    " ('x4', 'a4', 'expansion', 'won', 50000, 'USD', '2025-06-01'),"
    " ('x6', 'a6', 'expansion', 'won', 20000, 'USD', '2026-01-10'),"
    " ('r7', 'a7', 'renewal', 'lost', 100000, 'USD', '2025-11-30');");

  report = tend_nrr_report_compute (f->book, day ("2025-01-01"), day ("2025-12-31"),
                                    day ("2026-01-15"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->portfolios->len, ==, 3);

  r = &g_array_index (report->portfolios, TendRetention, 0);
  g_assert_cmpstr (r->owner_id, ==, "o1");
  g_assert_cmpstr (r->currency, ==, "USD");
  g_assert_cmpuint (r->n_accounts, ==, 5);
  g_assert_cmpuint (r->n_churned, ==, 2);
  g_assert_cmpuint (r->n_missing_arr, ==, 1);
  g_assert_cmpint (r->arr0, ==, 2050000);
  g_assert_cmpint (r->expansion, ==, 100000);
  g_assert_cmpint (r->contraction, ==, 100000);
  g_assert_cmpint (r->churned, ==, 350000);
  g_assert_true (tend_retention_nrr (r, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 1700000.0 / 2050000.0, 1e-12);
  g_assert_true (tend_retention_grr (r, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 1600000.0 / 2050000.0, 1e-12);

  r = &g_array_index (report->portfolios, TendRetention, 1);
  g_assert_cmpstr (r->owner_id, ==, "o2");
  g_assert_cmpstr (r->currency, ==, "EUR");
  g_assert_cmpint (r->arr0, ==, 1000000);
  r = &g_array_index (report->portfolios, TendRetention, 2);
  g_assert_cmpstr (r->owner_id, ==, "o2");
  g_assert_cmpstr (r->currency, ==, "USD");
  g_assert_true (tend_retention_nrr (r, &ratio));
  g_assert_cmpfloat (ratio, ==, 1.0);

  /* Totals per currency, the one with most accounts first. */
  g_assert_cmpuint (report->totals->len, ==, 2);
  r = &g_array_index (report->totals, TendRetention, 0);
  g_assert_cmpstr (r->currency, ==, "USD");
  g_assert_cmpuint (r->n_accounts, ==, 6);
  g_assert_cmpint (r->arr0, ==, 2450000);
  g_assert_true (tend_retention_nrr (r, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 2100000.0 / 2450000.0, 1e-12);
  g_assert_true (tend_retention_grr (r, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 2000000.0 / 2450000.0, 1e-12);
  g_clear_pointer (&report, tend_nrr_report_free);

  /* One portfolio. */
  report = tend_nrr_report_compute (f->book, day ("2025-01-01"), day ("2025-12-31"),
                                    day ("2026-01-15"), "o2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->portfolios->len, ==, 2);
  g_clear_pointer (&report, tend_nrr_report_free);

  /* A known owner without accounts has an empty portfolio: no ratio. */
  report = tend_nrr_report_compute (f->book, day ("2025-01-01"), day ("2025-12-31"),
                                    day ("2026-01-15"), "o3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->portfolios->len, ==, 0);
  g_clear_pointer (&report, tend_nrr_report_free);

  report = tend_nrr_report_compute (f->book, day ("2025-01-01"), day ("2025-12-31"),
                                    day ("2026-01-15"), "nobody", &error);
  g_assert_null (report);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  report = tend_nrr_report_compute (f->book, day ("2025-12-31"), day ("2025-01-01"),
                                    day ("2026-01-15"), NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
}

/* ---- tend-cli ---- */

static char *
run_cli (Fixture     *f,
         int         *out_status,
         const char  *as_of,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("TEND_CLI");
  char *out = NULL;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (char *) "--as-of");
  g_ptr_array_add (argv, (char *) as_of);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *out_status = WEXITSTATUS (wait_status);
  if (*out_status != 0)
    {
      /* One line that says what is wrong. */
      g_assert_cmpuint (strlen (err), >, 0);
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    }
  return out;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli_add_and_clawbacks (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *array;
  JsonObject *o;
  int status;

  mirror (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES ('9001', 'Acme', '2025-04-15');"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES ('d1', '9001', 'new', 'won', '2025-01-31');");
  g_clear_object (&f->store);

  out = run_cli (f, &status, "2025-03-01", "incentive", "add", "--person", "Sam Sales", "--role", "sales",
                 "--kind", "new_business", "--account", "9001", "--deal", "d1", "--amount", "1000.01",
                 "--currency", "USD", "--earned", "2025-01-31", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);
  out = run_cli (f, &status, "2025-03-01", "incentive", "add", "--person", "Olly", "--role", "onboarding",
                 "--kind", "new_business", "--account", "9001", "--amount", "500", "--earned", "2025-02-01",
                 "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "entry_id"), ==, "2");
  g_assert_cmpint (json_object_get_int_member (o, "amount"), ==, 50000);
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (o, "window_months"), ==, 12);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);

  out = run_cli (f, &status, "2025-06-01", "clawbacks", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "entry_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (o, "person"), ==, "Sam Sales");
  g_assert_cmpstr (json_object_get_string_member (o, "role"), ==, "sales");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "new_business");
  g_assert_cmpstr (json_object_get_string_member (o, "account_id"), ==, "9001");
  g_assert_cmpstr (json_object_get_string_member (o, "deal_id"), ==, "d1");
  g_assert_cmpint (json_object_get_int_member (o, "amount"), ==, 100001);
  /* Jan 31 -> Apr 15: Feb 28 and Mar 31 served, Apr 30 not: 2 months;
   * 100001 * 10 / 12 = 83334.17 -> 83334 */
  g_assert_cmpint (json_object_get_int_member (o, "clawback"), ==, 83334);
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (o, "churn_date"), ==, "2025-04-15");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "pending");
  o = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "person"), ==, "Olly");
  g_assert_true (json_object_get_null_member (o, "deal_id"));
  /* Feb 1 -> Apr 15: 2 months; 50000 * 10 / 12 = 41666.67 -> 41667 */
  g_assert_cmpint (json_object_get_int_member (o, "clawback"), ==, 41667);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* The flow through the CLI: state errors fail (1), a waiver without a reason is bad usage (2). */
  g_free (run_cli (f, &status, "2025-06-01", "clawback", "apply", "1", NULL));
  g_assert_cmpint (status, ==, 1);
  g_free (run_cli (f, &status, "2025-06-01", "clawback", "waive", "1", NULL));
  g_assert_cmpint (status, ==, 2);
  g_free (run_cli (f, &status, "2025-06-01", "clawback", "approve", "1", NULL));
  g_assert_cmpint (status, ==, 0);
  out = run_cli (f, &status, "2025-06-01", "clawback", "apply", "1", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "status"), ==, "applied");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "decided_by"), ==, "Test Runner");
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);

  f->store = tend_store_open (f->path, NULL);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'clawback'"), ==, 2);
}

static void
test_cli_bad_input (Fixture       *f,
                    gconstpointer  data)
{
  /* Each replaces one option of a good command. */
  static const char *bad[][2] = {
    { "--account", "404" },             /* unknown account */
    { "--deal", "d2" },                 /* a deal of another account */
    { "--deal", "nope" },               /* unknown deal */
    { "--amount", "-5" },
    { "--amount", "0" },
    { "--amount", "0.00" },
    { "--amount", "12,50" },
    { "--amount", "1e3" },
    { "--amount", "1.234" },
    { "--kind", "bonus" },
    { "--role", "ceo" },
    { "--earned", "2025-13-01" },
    { "--earned", "01/02/2025" },
    { "--earned", "2025-06-02" },       /* after the as-of date */
    { "--currency", "usd" },
    { "--currency", "EURO" },
    { "--person", "" },
  };
  static const char *required[] = { "--person", "--role", "--kind", "--account", "--amount", "--earned" };
  int status;

  mirror (f,
    "INSERT INTO accounts (id, name) VALUES ('1', 'A'), ('2', 'B');"
    "INSERT INTO deals (id, account_id, category, status) VALUES ('d1', '1', 'new', 'won'), ('d2', '2', 'new', 'won');");
  g_clear_object (&f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *opts[][2] = {
        { "--person", "Sam" }, { "--role", "sales" }, { "--kind", "new_business" },
        { "--account", "1" }, { "--deal", "d1" }, { "--amount", "100" },
        { "--currency", "USD" }, { "--earned", "2025-06-01" },
      };
      g_autofree char *out = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (opts); k++)
        if (g_str_equal (opts[k][0], bad[i][0]))
          opts[k][1] = bad[i][1];
      g_test_message ("%s %s", bad[i][0], bad[i][1]);
      out = run_cli (f, &status, "2025-06-01", "incentive", "add",
                     opts[0][0], opts[0][1], opts[1][0], opts[1][1], opts[2][0], opts[2][1],
                     opts[3][0], opts[3][1], opts[4][0], opts[4][1], opts[5][0], opts[5][1],
                     opts[6][0], opts[6][1], opts[7][0], opts[7][1], NULL);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      const char *all[][2] = {
        { "--person", "Sam" }, { "--role", "sales" }, { "--kind", "new_business" },
        { "--account", "1" }, { "--amount", "100" }, { "--earned", "2025-06-01" },
      };
      const char *a[12] = { NULL };
      guint n = 0;
      g_autofree char *out = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (all); k++)
        if (!g_str_equal (all[k][0], required[i]))
          {
            a[n++] = all[k][0];
            a[n++] = all[k][1];
          }
      out = run_cli (f, &status, "2025-06-01", "incentive", "add",
                     a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], NULL);
      g_assert_cmpint (status, ==, 2);
    }

  g_free (run_cli (f, &status, "2025-06-01", "nrr", "--from", "2025-06-01", "--to", "2025-01-01", NULL));
  g_assert_cmpint (status, ==, 2);
  g_free (run_cli (f, &status, "2025-06-01", "clawback", "approve", "abc", NULL));
  g_assert_cmpint (status, ==, 2);
  g_free (run_cli (f, &status, "2025-06-01", "clawback", "approve", "77", NULL));
  g_assert_cmpint (status, ==, 2);

  f->store = tend_store_open (f->path, NULL);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM incentive_entries"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clawback_decisions"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log"), ==, 0);
}

static void
test_cli_nrr_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  JsonObject *o, *p, *total;
  JsonArray *portfolios;
  int status;

  /* ARR0 = 1,000,000 (a1: 1,050,000 less a 50,000 expansion) + 500,000 (a2).
   * a2 churns: NRR = (1,500,000 + 50,000 - 500,000) / 1,500,000 = 0.7,
   * GRR = (1,500,000 - 500,000) / 1,500,000 = 2/3. */
  mirror (f,
    "INSERT INTO owners (id, name) VALUES ('77', 'Casey');"
    "INSERT INTO accounts (id, name, owner_id, arr, contract_start, churn_date) VALUES"
    " ('a1', 'A1', '77', 1050000, '2024-01-01', NULL), ('a2', 'A2', '77', 500000, '2024-01-01', '2025-03-01');"
    "INSERT INTO deals (id, account_id, category, status, amount, close_date) VALUES"
    " ('x', 'a1', 'expansion', 'won', 50000, '2025-02-01');");
  g_clear_object (&f->store);

  out = run_cli (f, &status, "2025-06-01", "nrr", "--from", "2025-01-01", "--to", "2025-05-31",
                 "--owner", "77", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2025-01-01");
  g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "2025-05-31");
  portfolios = json_object_get_array_member (o, "portfolios");
  g_assert_cmpuint (json_array_get_length (portfolios), ==, 1);
  p = json_array_get_object_element (portfolios, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "owner_id"), ==, "77");
  g_assert_cmpstr (json_object_get_string_member (p, "owner_name"), ==, "Casey");
  g_assert_cmpint (json_object_get_int_member (p, "arr0"), ==, 1500000);
  g_assert_cmpint (json_object_get_int_member (p, "expansion"), ==, 50000);
  g_assert_cmpint (json_object_get_int_member (p, "contraction"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (p, "churned"), ==, 500000);
  g_assert_cmpint (json_object_get_int_member (p, "accounts"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (p, "currency"), ==, "USD");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "nrr"), 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "grr"), 2.0 / 3.0, 1e-12);
  total = json_object_get_object_member (o, "total");
  g_assert_cmpint (json_object_get_int_member (total, "arr0"), ==, 1500000);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "nrr"), 0.7, 1e-12);

  g_free (run_cli (f, &status, "2025-06-01", "nrr", "--from", "2025-01-01", "--to", "2025-05-31",
                   "--owner", "nobody", NULL));
  g_assert_cmpint (status, ==, 2);
}

static void
test_cli_csv_injection (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  mirror (f, "INSERT INTO accounts (id, name, churn_date) VALUES ('1', '@SUM(A1:A9)', '2025-04-15');");
  g_clear_object (&f->store);
  g_free (run_cli (f, &status, "2025-03-01", "incentive", "add", "--person", "=HYPERLINK(\"http://evil\",\"pay\")",
                   "--role", "sales", "--kind", "new_business", "--account", "1", "--amount", "1200",
                   "--earned", "2025-01-15", NULL));
  g_assert_cmpint (status, ==, 0);

  out = run_cli (f, &status, "2025-06-01", "clawbacks", "--csv", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "entry_id,person,role,kind,account_id,account_name,deal_id,"
                                             "amount,clawback,currency,earned_date,churn_date,"));
  /* 1200.00 earned 2025-01-15, churned 2025-04-15: 3 months served, 9/12 back. */
  g_assert_cmpstr (lines[1], ==, "1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"pay\"\")\",sales,new_business,1,"
                                 "'@SUM(A1:A9),,1200.00,900.00,USD,2025-01-15,2025-04-15,3,12,pending,,,");
  g_assert_cmpstr (lines[2], ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&lines, g_strfreev);

  out = run_cli (f, &status, "2025-06-01", "incentives", "--csv", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "person,currency,entries,earned,clawed_back,applied,net,exposure");
  g_assert_cmpstr (lines[1], ==, "\"'=HYPERLINK(\"\"http://evil\"\",\"\"pay\"\")\",USD,1,1200.00,900.00,0.00,300.00,0.00");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/incentives/clawback/window-edges", test_window_edges);
  ADD ("/incentives/clawback/month-ends", test_month_ends);
  ADD ("/incentives/clawback/rounding", test_rounding);
  ADD ("/incentives/clawback/lost-renewal-churn", test_lost_renewal_churn);
  ADD ("/incentives/clawback/renewal-window", test_renewal_window);
  ADD ("/incentives/clawback/csm-bonus-none", test_csm_bonus_none);
  ADD ("/incentives/clawback/shared-new-business", test_shared_new_business);
  ADD ("/incentives/clawback/churn-before-earned", test_churn_before_earned);
  ADD ("/incentives/flow/approve-apply-waive", test_approval_flow);
  ADD ("/incentives/flow/after-resync", test_decisions_after_resync);
  ADD ("/incentives/exposure", test_exposure);
  ADD ("/incentives/validation", test_validation);
  ADD ("/incentives/nrr/hand-worked", test_nrr);
  ADD ("/incentives/cli/add-and-clawbacks", test_cli_add_and_clawbacks);
  ADD ("/incentives/cli/bad-input", test_cli_bad_input);
  ADD ("/incentives/cli/nrr-json", test_cli_nrr_json);
  ADD ("/incentives/cli/csv-injection", test_cli_csv_injection);
#undef ADD

  return g_test_run ();
}
