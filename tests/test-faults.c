// Fault tests of the sync: every simulator fault, in full and incremental
// runs, leaves a healthy cache and the app's own data untouched.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tend-assessment.h"
#include "tend-book.h"
#include "tend-error.h"
#include "tend-incentives.h"
#include "tend-snapshots.h"
#include "tend-store.h"
#include "tend-sync.h"
#include "tend-test-util.h"

typedef enum {
  EXPECT_SUCCESS,          /* the run succeeds and the mirror is a clean sync's */
  EXPECT_SUCCESS_ALTERED,  /* the run succeeds; records are skipped or repaired */
  EXPECT_FAILURE,          /* the run fails with the given code */
} Expectation;

typedef struct {
  const char  *name;
  const char  *kind;
  int          count;
  const char  *path;
  Expectation  expect;
  int          code;        /* TendErrorCode for EXPECT_FAILURE */
  int          alt_code;    /* another acceptable code, or -1 */
} FaultCase;

#define DEALS "/crm/v3/objects/deals"

static const FaultCase fault_cases[] = {
  { "rate-limit-recovers",  "429",           2,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "rate-limit-exhausted", "429",           1000, DEALS, EXPECT_FAILURE,         TEND_ERROR_RATE_LIMITED, -1 },
  { "500-burst-recovers",   "500",           3,    NULL,  EXPECT_SUCCESS,         0, -1 },
  { "500-permanent",        "500",           1000, DEALS, EXPECT_FAILURE,         TEND_ERROR_NETWORK, -1 },
  { "502-burst",            "502",           4,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "503-burst",            "503",           4,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "slow",                 "slow",          1,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "stall",                "stall",         1,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "truncate-recovers",    "truncate",      2,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "truncate-permanent",   "truncate",      1000, DEALS, EXPECT_FAILURE,         TEND_ERROR_NETWORK, TEND_ERROR_PROTOCOL },
  { "malformed-recovers",   "malformed",     2,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "malformed-permanent",  "malformed",     1000, DEALS, EXPECT_FAILURE,         TEND_ERROR_PROTOCOL, -1 },
  { "wrong-types",          "wrong-types",   1,    DEALS, EXPECT_SUCCESS_ALTERED, 0, -1 },
  { "missing-id",           "missing-id",    1,    DEALS, EXPECT_SUCCESS_ALTERED, 0, -1 },
  { "duplicate-id",         "duplicate-id",  1,    DEALS, EXPECT_SUCCESS,         0, -1 },
  { "huge-string",          "huge-string",   1,    DEALS, EXPECT_SUCCESS_ALTERED, 0, -1 },
  { "control-chars",        "control-chars", 1,    DEALS, EXPECT_SUCCESS_ALTERED, 0, -1 },
  { "loop",                 "loop",          1000, DEALS, EXPECT_FAILURE,         TEND_ERROR_PROTOCOL, -1 },
};

/* The object types and the route that serves them, in sync order. */
static const struct {
  const char *object_type;
  const char *path;
} object_routes[] = {
  { "owners",               "/crm/v3/owners" },
  { "companies",            "/crm/v3/objects/companies" },
  { "deals",                "/crm/v3/objects/deals" },
  { "tickets",              "/crm/v3/objects/tickets" },
  { "feedback_submissions", "/crm/v3/objects/feedback_submissions" },
};

typedef struct {
  char        *dir;
  char        *base;       /* synced once, with the app's own data */
  char        *work;       /* a copy of base that the faulty sync runs on */
  char        *reference;  /* a clean full sync of the simulator as it is now */
  char        *base_app;   /* dump of base's app-owned tables */
  char        *reference_mirror;
  TendTestSim  sim;
} Fixture;

static gboolean
run_sync (Fixture         *f,
          const char      *db,
          const char      *base_url,
          gboolean         full,
          TendSyncReport **out_report,
          GError         **error)
{
  g_auto(TendSyncOptions) options = { NULL };

  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup (base_url);
  options.token = g_strdup (TEND_TEST_TOKEN);
  options.full = full;
  return tend_sync_run (db, &options, NULL, NULL, NULL, out_report, error);
}

static void
sync_ok (Fixture    *f,
         const char *db,
         gboolean    full)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_sync (f, db, f->sim.base_url, full, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_sync_report_get_total_skipped (report), ==, 0);
}

/* A risk assessment, an incentive entry and the day's health snapshots:
 * what a CSM would lose if a sync touched them. */
static void
record_app_data (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (db, &error);
  g_autoptr(TendAssessment) draft = tend_assessment_new ();
  g_autoptr(TendAssessment) saved = NULL;
  g_autofree char *account_id = NULL;
  TendIncentiveDraft incentive = { NULL };
  TendSettings settings;
  TendBook *book;
  TendDay today;

  g_assert_no_error (error);
  g_assert_true (tend_day_parse (TEND_TEST_TODAY, &today, NULL));
  book = tend_book_load (store, &error);
  g_assert_no_error (error);
  account_id = tend_test_query_text (db, "SELECT id FROM accounts WHERE churn_date IS NULL "
                                         "AND contract_end > '" TEND_TEST_TODAY "' ORDER BY id LIMIT 1");
  g_assert_nonnull (account_id);

  draft->account_id = g_strdup (account_id);
  draft->risk = TEND_RISK_HIGH;
  draft->reasons = TEND_RISK_REASON_BUDGET | TEND_RISK_REASON_CHAMPION_LOSS;
  draft->mitigation = g_strdup ("Exec sponsor call; offer a two-year price lock");
  draft->has_forecast = TRUE;
  draft->forecast_amount = 1234550;
  saved = tend_assessment_save (store, book, draft, today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);

  tend_settings_init_defaults (&settings);
  incentive.person = "Robin Renewals";
  incentive.role = tend_incentive_role_from_string ("csm");
  incentive.kind = tend_incentive_kind_from_string ("csm_bonus");
  incentive.account_id = account_id;
  incentive.amount = 50000;
  incentive.earned = tend_day_add_days (today, -30);
  g_assert_cmpint (tend_incentive_add (store, book, &settings, &incentive, today, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (tend_health_take_snapshots (store, book, today, &settings, TRUE, &error));
  g_assert_no_error (error);
  tend_settings_clear (&settings);
  tend_book_free (book);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) advance = NULL;

  f->dir = g_dir_make_tmp ("tend-faults-XXXXXX", &error);
  g_assert_no_error (error);
  f->base = g_build_filename (f->dir, "base.db", NULL);
  f->work = g_build_filename (f->dir, "work.db", NULL);
  f->reference = g_build_filename (f->dir, "reference.db", NULL);
  /* 150 accounts: every type but owners spans several pages. */
  if (!tend_test_sim_start (&f->sim, "150", TEND_TEST_TOKEN))
    {
      g_test_skip ("TEND_CRM_SIM is not set: the CRM simulator was not built");
      return;
    }

  sync_ok (f, f->base, FALSE);
  record_app_data (f->base);
  f->base_app = tend_test_dump_app_owned (f->base);
  g_assert_nonnull (strstr (f->base_app, "[risk_assessments] 1 rows"));
  g_assert_nonnull (strstr (f->base_app, "[incentive_entries] 1 rows"));
  g_assert_null (strstr (f->base_app, "[health_snapshots] 0 rows"));

  /* The CRM moves on, so an incremental run has pages to fetch. */
  advance = tend_test_sim_call (&f->sim, "POST", "/_sim/advance", "{\"fraction\": 0.05, \"seed\": 5}");
  sync_ok (f, f->reference, TRUE);
  f->reference_mirror = tend_test_dump_mirror (f->reference);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tend_test_sim_stop (&f->sim);
  tend_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->base);
  g_free (f->work);
  g_free (f->reference);
  g_free (f->base_app);
  g_free (f->reference_mirror);
}

#define SKIP_WITHOUT_SIM(f) G_STMT_START { if ((f)->sim.process == NULL) return; } G_STMT_END

/* Fails with the first line that differs, not two whole dumps. */
static void
assert_same_dump (const char *actual,
                  const char *expected,
                  const char *what)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (g_strcmp0 (actual, expected) == 0)
    return;
  a = g_strsplit (actual, "\n", -1);
  b = g_strsplit (expected, "\n", -1);
  for (i = 0; a[i] != NULL && b[i] != NULL && g_strcmp0 (a[i], b[i]) == 0; i++)
    ;
  g_error ("%s differs at line %u:\n  got      %.300s\n  expected %.300s", what, i + 1,
           a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
}

/* What must hold after any run, failed or not. */
static void
assert_safe (Fixture *f)
{
  g_autofree char *app = NULL;

  tend_test_assert_db_healthy (f->work);
  app = tend_test_dump_app_owned (f->work);
  assert_same_dump (app, f->base_app, "the app's own data");
}

static void
assert_mirror_is_reference (Fixture *f)
{
  g_autofree char *mirror = tend_test_dump_mirror (f->work);

  assert_same_dump (mirror, f->reference_mirror, "the mirror");
}

static gint64
faults_injected (Fixture    *f,
                 const char *kind)
{
  g_autoptr(JsonNode) stats = tend_test_sim_call (&f->sim, "GET", "/_sim/stats", NULL);
  JsonObject *faults = json_object_get_object_member (json_node_get_object (stats), "faults");

  return json_object_get_int_member (json_object_get_object_member (faults, "injected"), kind);
}

static void
run_fault_case (Fixture         *f,
                const FaultCase *c,
                gboolean         full)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *path_member = NULL;
  gint64 injected = faults_injected (f, c->kind);
  gboolean ok;

  g_test_message ("%s, %s run", c->name, full ? "full" : "incremental");
  copy_file (f->base, f->work);
  path_member = c->path ? g_strdup_printf (", \"path\": \"%s\"", c->path) : g_strdup ("");
  /* In a full run the fault skips the first page, so it lands in the middle
   * of the type with a page already committed. */
  fault = g_strdup_printf ("{\"kind\": \"%s\", \"count\": %d%s, \"skip\": %d}",
                           c->kind, c->count, path_member, full && c->path ? 1 : 0);
  tend_test_sim_fault (&f->sim, fault);
  ok = run_sync (f, f->work, f->sim.base_url, full, &report, &error);
  tend_test_sim_clear_faults (&f->sim);
  /* The fault really hit this run. */
  g_assert_cmpint (faults_injected (f, c->kind), >, injected);

  switch (c->expect)
    {
    case EXPECT_SUCCESS:
      g_assert_no_error (error);
      g_assert_true (ok);
      assert_safe (f);
      assert_mirror_is_reference (f);
      return;

    case EXPECT_SUCCESS_ALTERED:
      g_assert_no_error (error);
      g_assert_true (ok);
      assert_safe (f);
      /* In a full run the fault lands on a page of deals with names and
       * types to spoil (an incremental run may meet it on a short page). */
      if (full)
        {
          g_autofree char *mirror = tend_test_dump_mirror (f->work);
          g_assert_true (g_strcmp0 (mirror, f->reference_mirror) != 0);
        }
      /* Every record is either in the mirror or listed as skipped. */
      g_assert_cmpint (tend_test_query_int (f->work, "SELECT count(*) FROM deals") +
                       tend_test_query_int (f->work, "SELECT count(*) FROM sync_issues WHERE object_type = 'deals'"),
                       >=, tend_test_query_int (f->reference, "SELECT count(*) FROM deals"));
      /* A full run without the fault puts back what it skipped or repaired. */
      g_clear_object (&report);
      g_assert_true (run_sync (f, f->work, f->sim.base_url, TRUE, &report, &error));
      g_assert_no_error (error);
      assert_safe (f);
      assert_mirror_is_reference (f);
      return;

    case EXPECT_FAILURE:
    default:
      g_assert_false (ok);
      g_assert_nonnull (error);
      if (!g_error_matches (error, TEND_ERROR, c->code) &&
          !(c->alt_code >= 0 && g_error_matches (error, TEND_ERROR, c->alt_code)))
        g_error ("%s: unexpected error %s %d: %s", c->name, g_quark_to_string (error->domain),
                 error->code, error->message);
      g_assert_null (strstr (error->message, TEND_TEST_TOKEN));
      g_assert_false (tend_sync_report_get_succeeded (report));
      assert_safe (f);
      /* The next run without the fault completes what this one began. */
      g_clear_error (&error);
      g_clear_object (&report);
      g_assert_true (run_sync (f, f->work, f->sim.base_url, FALSE, &report, &error));
      g_assert_no_error (error);
      assert_safe (f);
      assert_mirror_is_reference (f);
      return;
    }
}

static void
test_fault_kind (Fixture       *f,
                 gconstpointer  data)
{
  const FaultCase *c = data;

  SKIP_WITHOUT_SIM (f);
  run_fault_case (f, c, TRUE);
  run_fault_case (f, c, FALSE);
}

/* A permanent failure in the middle of one object type: the types before it
 * are complete, nothing is half written, and the next run finishes. */
static void
test_fault_in_type (Fixture       *f,
                    gconstpointer  data)
{
  guint index = GPOINTER_TO_UINT (data);
  const char *object_type = object_routes[index].object_type;
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *before = NULL;

  SKIP_WITHOUT_SIM (f);
  copy_file (f->base, f->work);
  before = tend_test_dump_mirror (f->work);
  /* Owners come in one page, so theirs fails on the first. */
  fault = g_strdup_printf ("{\"kind\": \"500\", \"count\": 1000, \"path\": \"%s\", \"skip\": %d}",
                           object_routes[index].path, index == 0 ? 0 : 1);
  tend_test_sim_fault (&f->sim, fault);
  g_assert_false (run_sync (f, f->work, f->sim.base_url, TRUE, &report, &error));
  tend_test_sim_clear_faults (&f->sim);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "try again later"));
  assert_safe (f);

  for (guint k = 0; k < G_N_ELEMENTS (object_routes); k++)
    {
      const TendSyncTypeReport *type = tend_sync_report_lookup_type (report, object_routes[k].object_type);

      g_assert_cmpint (type->completed, ==, k < index);
      if (k > index)
        g_assert_null (type->mode);
    }
  if (index > 0)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sync_state WHERE object_type = '%s' "
                                              "AND last_error IS NOT NULL AND cursor LIKE 'list:_%%'",
                                              object_type);

      /* The first page is committed with its cursor and the error recorded. */
      g_assert_cmpint (tend_test_query_int (f->work, sql), ==, 1);
      g_assert_cmpuint (tend_sync_report_lookup_type (report, object_type)->pages, ==, 1);
    }
  else
    {
      g_autofree char *after = tend_test_dump_mirror (f->work);

      assert_same_dump (after, before, "the mirror");
    }

  g_clear_error (&error);
  g_clear_object (&report);
  g_assert_true (run_sync (f, f->work, f->sim.base_url, FALSE, &report, &error));
  g_assert_no_error (error);
  if (index > 0)
    g_assert_cmpstr (tend_sync_report_lookup_type (report, object_type)->mode, ==, "full");
  assert_safe (f);
  assert_mirror_is_reference (f);
}

/* Nothing listens: a clear network error, the cache as it was. */
static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last_error = NULL;

  SKIP_WITHOUT_SIM (f);
  copy_file (f->base, f->work);
  before = tend_test_dump_mirror (f->work);
  base_url = g_strdup (f->sim.base_url);
  tend_test_sim_stop (&f->sim);

  /* The workspace remembers this base URL, so the run is incremental. */
  g_assert_false (run_sync (f, f->work, base_url, FALSE, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "Cannot reach the CRM"));
  g_assert_nonnull (strstr (error->message, "check the network and the base URL"));
  g_assert_null (strstr (error->message, TEND_TEST_TOKEN));
  g_assert_cmpstr (tend_sync_report_get_error_message (report), ==, error->message);
  assert_safe (f);
  after = tend_test_dump_mirror (f->work);
  assert_same_dump (after, before, "the mirror");
  last_error = tend_test_query_text (f->work, "SELECT last_error FROM sync_state WHERE object_type = 'owners'");
  g_assert_cmpstr (last_error, ==, error->message);

  /* A forced full run fails the same way and drops nothing. */
  g_clear_error (&error);
  g_clear_object (&report);
  g_assert_false (run_sync (f, f->work, base_url, TRUE, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NETWORK);
  assert_safe (f);
  g_free (after);
  after = tend_test_dump_mirror (f->work);
  assert_same_dump (after, before, "the mirror");
}

/* Short bursts of 500 on every route, several times over one run: each
 * burst is retried away and the result is a clean sync's. */
static void
test_500_bursts_recover (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_SIM (f);
  copy_file (f->base, f->work);
  for (guint k = 0; k < G_N_ELEMENTS (object_routes); k++)
    {
      g_autofree char *fault = g_strdup_printf ("{\"kind\": \"500\", \"count\": 4, \"path\": \"%s\"}",
                                                object_routes[k].path);
      tend_test_sim_fault (&f->sim, fault);
    }
  tend_test_sim_fault (&f->sim, "{\"kind\": \"503\", \"count\": 4, \"path\": \"/crm/v4/associations\"}");
  g_assert_true (run_sync (f, f->work, f->sim.base_url, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tend_sync_report_get_n_requests (report), >=, 5 * 4 + 4);
  assert_safe (f);
  assert_mirror_is_reference (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TEND_SYNC_BACKOFF_MS", "5", TRUE);
  g_setenv ("TEND_SYNC_TIMEOUT_S", "1", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/kind/%s", fault_cases[i].name);
      g_test_add (path, Fixture, &fault_cases[i], fixture_setup, test_fault_kind, fixture_teardown);
    }
  for (guint k = 0; k < G_N_ELEMENTS (object_routes); k++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/mid-type/%s", object_routes[k].object_type);
      g_test_add (path, Fixture, GUINT_TO_POINTER (k), fixture_setup, test_fault_in_type, fixture_teardown);
    }
  g_test_add ("/faults/connection-refused", Fixture, NULL, fixture_setup, test_connection_refused, fixture_teardown);
  g_test_add ("/faults/500-bursts-recover", Fixture, NULL, fixture_setup, test_500_bursts_recover, fixture_teardown);

  return g_test_run ();
}
