// Tests of the QBR pack, the portfolio review and their CLI commands
// (DOMAIN.md 9), read back with poppler's pdfinfo and pdftotext.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "tend-assessment.h"
#include "tend-error.h"
#include "tend-handoff.h"
#include "tend-health.h"
#include "tend-incentives.h"
#include "tend-qbr-notes.h"
#include "tend-qbr.h"
#include "tend-review.h"
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

  f->dir = g_dir_make_tmp ("tend-reports-XXXXXX", &error);
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

/* A small book around 2026-01-10: Ana's three live accounts and a churned
 * one, Ben's one; health history and a risk assessment for the first. */
static void
load_book (Fixture *f)
{
  exec_sql (f,
    "INSERT INTO owners (id, name, team) VALUES ('o1', 'Ana Souza', 'EMEA'), ('o2', 'Ben Lee', NULL);"
    "INSERT INTO accounts (id, name, owner_id, segment, arr, arr_prior_year, currency, contract_start,"
    " contract_end, licensed_seats, active_users_30d, last_activity, overdue_amount, churn_date) VALUES"
    " ('a1', 'Société Générale Démo', 'o1', 'Enterprise', 12000000, 10000000, 'USD', '2024-03-01',"
    "  '2026-03-01', 60, 42, '2026-01-07', 0, NULL),"
    " ('a2', 'Red Rock Ltd', 'o1', 'SMB', 3000000, 6000000, 'USD', '2023-06-01',"
    "  '2026-02-15', 50, 5, '2025-11-01', 500000, NULL),"
    " ('a3', 'Quiet Co', 'o1', 'SMB', 1000000, NULL, 'USD', '2023-06-01',"
    "  '2026-09-01', NULL, NULL, NULL, NULL, NULL),"
    " ('a4', 'Gone Away', 'o1', 'SMB', 900000, NULL, 'USD', '2023-06-01',"
    "  '2026-06-01', 10, 10, '2025-10-01', 0, '2025-12-01'),"
    " ('b1', 'Ben Corp', 'o2', 'Mid-Market', 4000000, 4000000, 'USD', '2023-06-01',"
    "  '2026-08-01', 20, 20, '2026-01-09', 0, NULL);"
    "INSERT INTO tickets (id, account_id, subject, priority, created_at, closed_at) VALUES"
    " ('t1', 'a1', 'SSO login fails for the Lyon office', 'urgent', '2025-12-01T09:00:00.000Z', NULL),"
    " ('t2', 'a1', 'Export is slow', 'high', '2025-12-15T09:00:00.000Z', '2025-12-18T09:00:00.000Z'),"
    " ('t3', 'a1', 'Question about invoices', 'low', '2026-01-05T09:00:00.000Z', NULL),"
    " ('t4', 'a1', 'Old issue', 'medium', '2025-06-01T09:00:00.000Z', '2025-06-02T09:00:00.000Z'),"
    " ('t5', 'a2', 'Everything is down', 'urgent', '2025-12-20T09:00:00.000Z', NULL);"
    "INSERT INTO survey_responses (id, account_id, type, value, verbatim, submitted_at, respondent) VALUES"
    " ('s1', 'a1', 'NPS', 9, '日本語のサポートがとても良いです', '2025-12-20T10:00:00.000Z', 'kenji@example.jp'),"
    " ('s2', 'a1', 'CSAT', 4, 'Très satisfaite de l''équipe à Montréal', '2025-11-15T10:00:00.000Z', 'chloe@example.fr'),"
    " ('s3', 'a1', 'NPS', 6, 'Pricing went up again', '2025-10-01T10:00:00.000Z', 'sam@example.com'),"
    " ('s4', 'a1', 'CES', 6, NULL, '2025-12-01T10:00:00.000Z', 'sam@example.com'),"
    " ('s5', 'a2', 'NPS', 2, 'Unreliable', '2025-12-10T10:00:00.000Z', 'x@example.com'),"
    " ('s6', 'b1', 'CSAT', 5, 'Great', '2025-12-11T10:00:00.000Z', 'y@example.com');"
    "INSERT INTO health_snapshots (account_id, day, score, tier, coverage, stage, flags, source, taken_at) VALUES"
    " ('a1', '2025-03-10', 58.0, 'amber', 1, 'adoption', 0, 'daily', '2025-03-10T06:00:00.000Z'),"
    " ('a1', '2025-06-10', 66.5, 'amber', 1, 'adoption', 0, 'daily', '2025-06-10T06:00:00.000Z'),"
    " ('a1', '2025-09-10', 74.0, 'green', 1, 'adoption', 0, 'daily', '2025-09-10T06:00:00.000Z'),"
    " ('a1', '2025-12-10', 71.2, 'green', 1, 'renewal', 0, 'daily', '2025-12-10T06:00:00.000Z'),"
    " ('a1', '2024-06-10', 10.0, 'red', 1, 'adoption', 0, 'daily', '2024-06-10T06:00:00.000Z');"
    "INSERT INTO health_alerts (account_id, owner_id, kind, key, day, message, created_at) VALUES"
    " ('a2', 'o1', 'renewal_at_risk', '2026-02-15', '2026-01-05', 'Red Rock Ltd renews on 2026-02-15 and is red',"
    "  '2026-01-05T06:00:00.000Z'),"
    " ('b1', 'o2', 'score_fall', '2026-01-06', '2026-01-06', 'Ben Corp fell 16 points in 30 days',"
    "  '2026-01-06T06:00:00.000Z');");
  reload_book (f);
}

static void
save_assessment (Fixture    *f,
                 const char *account_id,
                 TendRisk    risk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAssessment) draft = tend_assessment_new ();
  g_autoptr(TendAssessment) saved = NULL;

  draft->account_id = g_strdup (account_id);
  draft->risk = risk;
  draft->reasons = TEND_RISK_REASON_PRICE | TEND_RISK_REASON_CHAMPION_LOSS;
  draft->mitigation = g_strdup ("Executive sponsor meeting in February");
  saved = tend_assessment_save (f->store, f->book, draft, f->as_of, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

/* An accepted handoff plan for a1 with two objectives: its success plan. */
static void
accept_success_plan (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendHandoffPlan) plan = NULL;
  TendHandoffObjective *o;

  plan = tend_handoff_create (f->store, f->book, &f->settings, NULL, "a1", &error);
  g_assert_no_error (error);
  tend_handoff_set_text (&plan->kickoff_date, "2025-09-01");
  tend_handoff_set_text (&plan->go_live_target, "2025-10-15");
  o = tend_handoff_plan_add_objective (plan);
  tend_handoff_set_text (&o->objective, "Roll out to every office from Lyon to Montréal");
  tend_handoff_set_text (&o->success_metric, "Active seats");
  tend_handoff_set_text (&o->target_value, "60");
  tend_handoff_set_text (&o->target_date, "2026-03-01");
  o = tend_handoff_plan_add_objective (plan);
  tend_handoff_set_text (&o->objective, "請求書の処理を自動化する");
  tend_handoff_set_text (&o->success_metric, "Invoices processed without manual work");
  g_assert_true (tend_handoff_save (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (tend_handoff_submit (f->store, plan->id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tend_handoff_accept (f->store, plan->id, &error));
  g_assert_no_error (error);
  g_assert_true (tend_handoff_update_objective (f->store, plan->id, 0, TEND_OBJECTIVE_ON_TRACK,
                                                "42 of 60 seats live", &error));
  g_assert_no_error (error);
  g_assert_true (tend_handoff_update_objective (f->store, plan->id, 1, TEND_OBJECTIVE_AT_RISK,
                                                "Waiting on the finance team", &error));
  g_assert_no_error (error);
}

static void
add_incentive (Fixture    *f,
               const char *person,
               const char *account_id,
               gint64      amount)
{
  g_autoptr(GError) error = NULL;
  TendIncentiveDraft draft = {
    person, TEND_ROLE_SALES, TEND_INCENTIVE_NEW_BUSINESS, account_id, NULL, amount, NULL,
    tend_day_from_ymd (2025, 6, 10),
  };

  g_assert_cmpint (tend_incentive_add (f->store, f->book, &f->settings, &draft, f->as_of, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* Runs a poppler tool on a file and returns its stdout. */
static char *
run_tool (const char *tool,
          const char *option,
          const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv_info[] = { tool, path, NULL };
  const char *argv_text[] = { tool, option, path, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) (option ? argv_text : argv_info), NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
write_bytes (Fixture    *f,
             const char *name,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return path;
}

static int
count_occurrences (const char *haystack,
                   const char *needle)
{
  int n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

/* The score of an account as the health core prints it, with its tier. */
static char *
core_score (Fixture    *f,
            const char *account_id,
            TendTier   *out_tier)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) health = tend_health_compute_book (f->store, f->book, f->as_of, &f->settings, &error);
  const TendHealth *h;

  g_assert_no_error (error);
  h = &g_array_index (health, TendHealth, tend_book_account_index (f->book, account_id));
  g_assert_true (h->is_scored);
  if (out_tier != NULL)
    *out_tier = h->tier;
  return g_strdup_printf ("%.1f", h->score);
}

static char *
render_qbr (Fixture    *f,
            const char *account_id,
            guint      *out_n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendQbr) qbr = tend_qbr_compute (f->store, f->book, account_id, f->as_of, &f->settings, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_strdup_printf ("qbr-%s.pdf", account_id);

  g_assert_no_error (error);
  g_assert_nonnull (qbr);
  bytes = tend_qbr_render (qbr, TEND_PAPER_A4, out_n_pages);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  return write_bytes (f, name, bytes);
}

static void
test_qbr_pack (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *score = NULL;
  g_autofree char *score_line = NULL;
  g_autofree char *info = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;
  TendTier tier;

  load_book (f);
  save_assessment (f, "a1", TEND_RISK_MEDIUM);
  accept_success_plan (f);
  g_assert_true (tend_qbr_notes_set (f->store, f->book, "a1",
                                     "  Introduce us to the CFO before March.\nAgree the rollout to Lyon.  ", &error));
  g_assert_no_error (error);
  score = core_score (f, "a1", &tier);
  /* the fixture's first account is amber: 68.3 */
  g_assert_cmpint (tier, ==, TEND_TIER_AMBER);

  path = render_qbr (f, "a1", &n_pages);
  info = run_tool ("pdfinfo", NULL, path);
  g_assert_nonnull (strstr (info, "QBR — Société Générale Démo — 2026-01-10"));
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);
  g_assert_cmpuint (n_pages, >=, 3);

  raw = run_tool ("pdftotext", "-raw", path);
  pages = g_strsplit (raw, "\f", -1);
  /* the cover: account, period (the quarter ending at the as-of date), CSM */
  g_assert_nonnull (strstr (pages[0], "Société Générale Démo"));
  g_assert_nonnull (strstr (pages[0], "2025-10-11 to 2026-01-10"));
  g_assert_nonnull (strstr (pages[0], "Ana Souza"));
  g_assert_null (strstr (pages[0], "What makes up the score"));

  /* the score as the health core prints it, with its tier in words */
  score_line = g_strdup_printf ("%s of 100 — Amber", score);
  g_assert_nonnull (strstr (raw, score_line));
  /* the explanation in words from the facts */
  g_assert_nonnull (strstr (raw, "42 of 60 seats active (70%)"));
  g_assert_nonnull (strstr (raw, "last activity 3 days ago"));
  g_assert_nonnull (strstr (raw, "1 open for over 14 days counts twice"));
  /* a trend was drawn from the snapshots in the last 12 months only */
  g_assert_nonnull (strstr (raw, "4 snapshots from 2025-03-10 to 2025-12-10"));
  g_assert_null (strstr (raw, "No history yet"));
  /* support: the open tickets, oldest first */
  g_assert_nonnull (strstr (raw, "SSO login fails for the Lyon office"));
  g_assert_nonnull (strstr (raw, "Question about invoices"));
  g_assert_null (strstr (raw, "Export is slow"));
  g_assert_true (strstr (raw, "SSO login") < strstr (raw, "Question about invoices"));
  /* verbatims, latest first, non-Latin and accented text intact */
  g_assert_cmpint (count_occurrences (raw, "日本語のサポートがとても良いです"), ==, 1);
  g_assert_cmpint (count_occurrences (raw, "Très satisfaite de l'équipe à Montréal"), ==, 1);
  g_assert_true (strstr (raw, "日本語のサポート") < strstr (raw, "Très satisfaite"));
  g_assert_true (strstr (raw, "Très satisfaite") < strstr (raw, "Pricing went up again"));
  /* the success plan: each objective once, with its status and progress */
  g_assert_cmpint (count_occurrences (raw, "Roll out to every office from Lyon to Montréal"), ==, 1);
  g_assert_cmpint (count_occurrences (raw, "請求書の処理を自動化する"), ==, 1);
  g_assert_nonnull (strstr (raw, "2 objectives: 1 on track, 1 at risk"));
  g_assert_nonnull (strstr (raw, "60 by 2026-03-01"));
  g_assert_nonnull (strstr (raw, "on track: 42 of 60 seats live"));
  g_assert_nonnull (strstr (raw, "at risk: Waiting on the finance team"));
  /* the renewal and its latest risk assessment */
  g_assert_nonnull (strstr (raw, "2026-03-01 (in 50 days)"));
  g_assert_nonnull (strstr (raw, "Executive sponsor meeting in February"));
  g_assert_nonnull (strstr (raw, "price, champion loss"));
  /* the CSM's asks, trimmed, one paragraph per line */
  g_assert_nonnull (strstr (raw, "Introduce us to the CFO before March."));
  g_assert_nonnull (strstr (raw, "Agree the rollout to Lyon."));
  g_assert_nonnull (strstr (raw, "Written by Test Runner"));
  /* another account's alert is not in this pack */
  g_assert_null (strstr (raw, "Red Rock Ltd renews"));

  text = run_tool ("pdftotext", "-layout", path);
  g_assert_nonnull (strstr (text, "Relational"));
}

static void
test_qbr_without_history (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendQbr) qbr = NULL;

  load_book (f);
  path = render_qbr (f, "a2", NULL);
  raw = run_tool ("pdftotext", "-raw", path);
  g_assert_nonnull (strstr (raw, "Red Rock Ltd"));
  g_assert_nonnull (strstr (raw, "No history yet"));
  g_assert_nonnull (strstr (raw, "— Red"));
  g_assert_nonnull (strstr (raw, "Assessment missing"));
  g_assert_nonnull (strstr (raw, "Red Rock Ltd renews on 2026-02-15 and is red"));
  g_assert_nonnull (strstr (raw, "capped at 20"));
  g_assert_nonnull (strstr (raw, "None written yet."));
  g_assert_nonnull (strstr (raw, "No handoff plan has been accepted for this account yet"));

  /* a churned account still gets a pack, without a score */
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&raw, g_free);
  path = render_qbr (f, "a4", NULL);
  raw = run_tool ("pdftotext", "-raw", path);
  g_assert_nonnull (strstr (raw, "churned on 2025-12-01"));

  qbr = tend_qbr_compute (f->store, f->book, "nope", f->as_of, &f->settings, &error);
  g_assert_null (qbr);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
}

static void
test_qbr_notes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendQbrNotes) notes = NULL;
  g_autofree char *long_text = NULL;

  load_book (f);
  notes = tend_qbr_notes_get (f->store, "a1", &error);
  g_assert_no_error (error);
  g_assert_null (notes);

  g_assert_true (tend_qbr_notes_set (f->store, f->book, "a1", "Renew early: 請求書を確認", &error));
  g_assert_no_error (error);
  notes = tend_qbr_notes_get (f->store, "a1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (notes->text, ==, "Renew early: 請求書を確認");
  g_assert_cmpstr (notes->updated_by, ==, "Test Runner");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'qbr_notes'"
                                  " AND entity_id = 'a1' AND action = 'set'"), ==, 1);

  /* the same text again writes nothing */
  g_assert_true (tend_qbr_notes_set (f->store, f->book, "a1", "Renew early: 請求書を確認  ", &error));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'qbr_notes'"), ==, 1);

  /* bad input changes nothing */
  long_text = g_strnfill (TEND_QBR_NOTES_MAX_TEXT + 1, 'x');
  g_assert_false (tend_qbr_notes_set (f->store, f->book, "a1", long_text, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tend_qbr_notes_set (f->store, f->book, "zz", "x", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'qbr_notes'"), ==, 1);

  /* empty text clears them, audit-logged */
  g_assert_true (tend_qbr_notes_set (f->store, f->book, "a1", "   ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&notes, tend_qbr_notes_free);
  notes = tend_qbr_notes_get (f->store, "a1", &error);
  g_assert_null (notes);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'qbr_notes'"
                                  " AND action = 'clear'"), ==, 1);
}

static void
test_review_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) health = NULL;
  g_autoptr(TendReview) review = NULL;
  g_autoptr(TendReview) everyone = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  guint expected[TEND_N_TIERS] = { 0 };
  guint n = 0, n_pages = 0;

  load_book (f);
  save_assessment (f, "a1", TEND_RISK_MEDIUM);
  add_incentive (f, "Rita Sales", "a2", 120000);
  add_incentive (f, "Omar Other", "b1", 90000);
  health = tend_health_compute_book (f->store, f->book, f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < f->book->n_accounts; i++)
    {
      const TendHealth *h = &g_array_index (health, TendHealth, i);
      if (g_strcmp0 (f->book->accounts[i].owner_id, "o1") == 0 && h->is_scored)
        {
          expected[h->tier]++;
          n++;
        }
    }
  /* the fixture spreads Ana's live accounts over three tiers */
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (expected[TEND_TIER_AMBER], ==, 1);
  g_assert_cmpuint (expected[TEND_TIER_RED], ==, 1);
  g_assert_cmpuint (expected[TEND_TIER_UNKNOWN], ==, 1);

  review = tend_review_compute (f->store, f->book, "o1", f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_review_get_n_accounts (review), ==, n);
  for (int t = 0; t < TEND_N_TIERS; t++)
    g_assert_cmpuint (tend_review_get_tier_count (review, t), ==, expected[t]);
  g_assert_cmpuint (tend_review_get_n_renewals (review), ==, 2);

  bytes = tend_review_render (review, TEND_PAPER_LETTER, &n_pages);
  path = write_bytes (f, "review.pdf", bytes);
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);
  raw = run_tool ("pdftotext", "-raw", path);
  g_assert_nonnull (strstr (raw, "Ana Souza"));
  g_assert_nonnull (strstr (raw, "Green 0 0% —"));
  g_assert_nonnull (strstr (raw, "Amber 1 33% USD 120,000.00"));
  g_assert_nonnull (strstr (raw, "Unknown (not enough data) 1 33% USD 10,000.00"));
  g_assert_nonnull (strstr (raw, "Red 1 33% USD 30,000.00"));
  g_assert_nonnull (strstr (raw, "1 red account, ARR USD 30,000.00."));
  g_assert_nonnull (strstr (raw, "1 churned account is not reviewed."));
  g_assert_nonnull (strstr (raw, "2 renewals, 1 without a risk assessment."));
  g_assert_nonnull (strstr (raw, "Red Rock Ltd renews on 2026-02-15 and is red"));
  g_assert_null (strstr (raw, "Ben Corp"));
  /* December: one NPS of 9 and one of 2 -> 0; no CSAT; CES 6 */
  g_assert_nonnull (strstr (raw, "2025-12 2 +0 0 — 1 6.00"));
  g_assert_nonnull (strstr (raw, "2025-11 0 — 1 4.00 0 —"));
  /* clawback exposure: earned 2025-06-10, 7 of 12 months served, on a red account */
  g_assert_nonnull (strstr (raw, "Rita Sales 1 USD 500.00 USD 500.00"));
  g_assert_nonnull (strstr (raw, "churned on the review date: USD 500.00."));
  g_assert_null (strstr (raw, "Omar Other"));

  everyone = tend_review_compute (f->store, f->book, NULL, f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_review_get_n_accounts (everyone), ==, 4);
  g_assert_null (tend_review_get_owner (everyone));

  g_assert_null (tend_review_compute (f->store, f->book, "o9", f->as_of, &f->settings, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
}

static void
test_review_renewals_break (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO owners (id, name) VALUES ('o3', 'Busy Bea');"
                                         "INSERT INTO accounts (id, name, owner_id, arr, currency,"
                                         " contract_start, contract_end, licensed_seats, active_users_30d,"
                                         " last_activity) VALUES ");
  g_autoptr(GError) error = NULL;
  g_autoptr(TendReview) review = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_auto(GStrv) pages = NULL;
  const guint n_accounts = 70;
  guint pages_with_rows = 0;

  for (guint i = 0; i < n_accounts; i++)
    {
      TendDay end = tend_day_add_days (f->as_of, 1 + (int) i);
      g_autofree char *iso = tend_day_to_iso (end);
      g_string_append_printf (sql, "%s('bulk%02u', 'Bulk account %02u', 'o3', %u00000, 'USD', '2024-01-01',"
                                   " '%s', 10, %u, '2026-01-08')",
                              i ? ", " : "", i, i, 10 + i, iso, 2 + i % 9);
    }
  g_string_append_c (sql, ';');
  exec_sql (f, sql->str);
  reload_book (f);

  review = tend_review_compute (f->store, f->book, "o3", f->as_of, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_review_get_n_renewals (review), ==, n_accounts);
  path = g_build_filename (f->dir, "bulk.pdf", NULL);
  g_assert_true (tend_review_save (review, TEND_PAPER_A4, path, NULL, &error));
  g_assert_no_error (error);

  raw = run_tool ("pdftotext", "-raw", path);
  pages = g_strsplit (raw, "\f", -1);
  /* every page with rows of the renewals table starts it with its header */
  for (guint p = 0; pages[p] != NULL; p++)
    {
      const char *first_row = strstr (pages[p], "Bulk account");
      const char *header = strstr (pages[p], "Renewal Days Account ARR Tier Assessment");

      if (first_row == NULL)
        continue;
      g_assert_nonnull (header);
      g_assert_true (header < first_row);
      pages_with_rows++;
    }
  g_assert_cmpuint (pages_with_rows, >=, 2);
  g_assert_cmpint (count_occurrences (raw, "Renewal Days Account ARR Tier Assessment"), ==, pages_with_rows);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bulk account %02u", i);
      g_assert_nonnull (strstr (raw, name));
    }
}

static int
run_cli (Fixture     *f,
         char       **out_stderr,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
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
                               &out, out_stderr, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *qbr_path = NULL;
  g_autofree char *review_path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *info = NULL;
  g_autofree char *score = NULL;
  char *err = NULL;

  load_book (f);
  score = core_score (f, "a1", NULL);
  qbr_path = g_build_filename (f->dir, "cli-qbr.pdf", NULL);
  review_path = g_build_filename (f->dir, "cli-review.pdf", NULL);

  g_assert_cmpint (run_cli (f, NULL, "qbr-notes", "a1", "--set", "Ask for a case study", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &err, "qbr", "a1", "--output", qbr_path, "--paper", "letter", NULL), ==, 0);
  g_assert_nonnull (strstr (err, qbr_path));
  g_assert_nonnull (strstr (err, "pages)"));
  g_clear_pointer (&err, g_free);
  info = run_tool ("pdfinfo", NULL, qbr_path);
  g_assert_nonnull (strstr (info, "612 x 792"));
  raw = run_tool ("pdftotext", "-raw", qbr_path);
  g_assert_nonnull (strstr (raw, "Société Générale Démo"));
  g_assert_nonnull (strstr (raw, score));
  g_assert_nonnull (strstr (raw, "Ask for a case study"));
  /* as of the given day, not today */
  g_assert_nonnull (strstr (raw, "2025-10-11 to 2026-01-10"));

  /* an unknown account: exit 2, one line, no file */
  g_assert_cmpint (run_cli (f, &err, "qbr", "nope", "--output", review_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "nope"));
  g_assert_cmpint (count_occurrences (err, "\n"), ==, 1);
  g_assert_false (g_file_test (review_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  /* usage errors */
  g_assert_cmpint (run_cli (f, &err, "qbr", "a1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--output"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, NULL, "qbr", "a1", "--output", qbr_path, "--paper", "a5", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, "review", "--owner", "o1", NULL), ==, 2);
  /* an unwritable output: exit 1 with the path */
  g_assert_cmpint (run_cli (f, &err, "qbr", "a1", "--output", "/nonexistent-dir/qbr.pdf", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent-dir/qbr.pdf"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &err, "review", "--owner", "o1", "--output", review_path, NULL), ==, 0);
  g_assert_nonnull (strstr (err, review_path));
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (pdf_pages (review_path), >=, 2);
  g_assert_cmpint (run_cli (f, &err, "review", "--owner", "o9", "--output", review_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "o9"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, NULL, "qbr-notes", "nope", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/reports/qbr/pack", test_qbr_pack);
  ADD ("/reports/qbr/without-history", test_qbr_without_history);
  ADD ("/reports/qbr/notes", test_qbr_notes);
  ADD ("/reports/review/tier-counts", test_review_counts);
  ADD ("/reports/review/renewals-break-pages", test_review_renewals_break);
  ADD ("/reports/cli", test_cli);
#undef ADD

  return g_test_run ();
}
