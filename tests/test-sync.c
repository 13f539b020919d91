// Tests of the HubSpot connector and the sync engine against tend-crm-sim.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>

#include "tend-day.h"
#include "tend-error.h"
#include "tend-http.h"
#include "tend-money.h"
#include "tend-sync.h"
#include "tend-token.h"

#define TOKEN "tst-pat-na1-5e3cr3t-70k3n-d0-n0t-l34k"

static const char * const tables[] = { "owners", "accounts", "deals", "tickets", "survey_responses" };

typedef struct {
  GSubprocess *process;
  char        *base_url;
  SoupSession *session;
} Sim;

typedef struct {
  char *dir;
  char *db;
  char *db2;
  Sim   sim;
} Fixture;

/* Simulator */

static void
die_with_parent (gpointer data)
{
  /* A failed assertion aborts before teardown: the simulator must not
   * outlive the test and keep its output pipe open. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
sim_start (Sim        *sim,
           const char *accounts,
           const char *token)
{
  const char *path = g_getenv ("TEND_CRM_SIM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *argv[] = { path, "--port", "0", "--accounts", accounts, "--seed", "42",
                         "--today", "2026-11-23", "--token", token, NULL };

  if (path == NULL)
    return FALSE;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sim->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  sim->base_url = g_strdup (line + strlen ("listening on "));
  sim->session = soup_session_new ();
  return TRUE;
}

static void
sim_stop (Sim *sim)
{
  if (sim->process != NULL)
    {
      g_subprocess_force_exit (sim->process);
      g_subprocess_wait (sim->process, NULL, NULL);
    }
  g_clear_object (&sim->process);
  g_clear_object (&sim->session);
  g_clear_pointer (&sim->base_url, g_free);
}

static JsonNode *
sim_call (Sim        *sim,
          const char *method,
          const char *path,
          const char *body)
{
  g_autofree char *url = g_strconcat (sim->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " TOKEN);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = soup_session_send_and_read (sim->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 300);
  if (g_bytes_get_size (bytes) == 0)
    return NULL;
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
sim_fault (Sim        *sim,
           const char *json)
{
  g_autoptr(JsonNode) node = sim_call (sim, "POST", "/_sim/fault", json);
}

static gint64
sim_stat (Sim        *sim,
          const char *type,
          const char *which)
{
  g_autoptr(JsonNode) stats = sim_call (sim, "GET", "/_sim/stats", NULL);
  JsonObject *root = json_node_get_object (stats);

  if (g_strcmp0 (type, "owners") == 0)
    return json_object_get_int_member (json_object_get_object_member (root, "owners"), which);
  return json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (root, "records"), type), which);
}

static gint64
sim_requests (Sim *sim)
{
  g_autoptr(JsonNode) stats = sim_call (sim, "GET", "/_sim/stats", NULL);

  return json_object_get_int_member (json_node_get_object (stats), "requests_total");
}

/* The properties of one record, from the simulator's single GET. */
static JsonObject *
sim_record (Sim        *sim,
            const char *type,
            const char *id,
            const char *properties)
{
  g_autofree char *path = g_strdup_printf ("/crm/v3/objects/%s/%s?properties=%s", type, id, properties);
  g_autoptr(JsonNode) node = sim_call (sim, "GET", path, NULL);

  return json_object_ref (json_object_get_object_member (json_node_get_object (node), "properties"));
}

/* Workspace */

static gint64
count_rows (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
query_text (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
count_table (const char *db_path,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return count_rows (db_path, sql);
}

/* Every mirrored row, sync_gen left out (owners are listed in full on each
 * run, so their generation moves). */
static char *
dump_tables (const char *db_path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            if (strcmp (sqlite3_column_name (stmt, c), "sync_gen") != 0)
              g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static gboolean
run_sync_full (Fixture          *f,
               const char       *db,
               const char       *token,
               gboolean          full,
               GCancellable     *cancellable,
               TendSyncProgressFunc progress,
               gpointer          data,
               TendSyncReport  **out_report,
               GError          **error)
{
  g_auto(TendSyncOptions) options = { NULL };

  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup (f->sim.base_url);
  options.token = g_strdup (token);
  options.full = full;
  return tend_sync_run (db, &options, cancellable, progress, data, out_report, error);
}

static TendSyncReport *
sync_ok (Fixture    *f,
         const char *db,
         gboolean    full)
{
  g_autoptr(GError) error = NULL;
  TendSyncReport *report = NULL;

  g_assert_true (run_sync_full (f, db, TOKEN, full, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (tend_sync_report_get_succeeded (report));
  return report;
}

static void
assert_counts_match_sim (Fixture    *f,
                         const char *db)
{
  g_assert_cmpint (count_table (db, "owners"), ==, sim_stat (&f->sim, "owners", "live"));
  g_assert_cmpint (count_table (db, "accounts"), ==, sim_stat (&f->sim, "companies", "live"));
  g_assert_cmpint (count_table (db, "deals"), ==, sim_stat (&f->sim, "deals", "live"));
  g_assert_cmpint (count_table (db, "tickets"), ==, sim_stat (&f->sim, "tickets", "live"));
  g_assert_cmpint (count_table (db, "survey_responses"), ==, sim_stat (&f->sim, "surveys", "live"));
}

static void
assert_file_lacks (const char *path,
                   const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    g_assert_false (memcmp (contents + i, needle, strlen (needle)) == 0);
}

static void
fixture_setup_with (Fixture    *f,
                    const char *accounts)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "work.db", NULL);
  f->db2 = g_build_filename (f->dir, "reference.db", NULL);
  if (!sim_start (&f->sim, accounts, TOKEN))
    g_test_skip ("TEND_CRM_SIM is not set: the CRM simulator was not built");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, data ? data : "300");
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sim_stop (&f->sim);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->db2);
}

#define SKIP_WITHOUT_SIM(f) G_STMT_START { if ((f)->sim.process == NULL) return; } G_STMT_END

/* Tests */

static void
test_full_counts_and_values (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(JsonObject) company = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *id = NULL;
  g_autofree char *value = NULL;
  g_autofree char *wal = NULL;
  gint64 cents = 0;

  SKIP_WITHOUT_SIM (f);
  report = sync_ok (f, f->db, FALSE);
  g_assert_cmpstr (tend_sync_report_get_mode (report), ==, "full");
  assert_counts_match_sim (f, f->db);
  g_assert_cmpint (tend_sync_report_lookup_type (report, "companies")->written, ==, sim_stat (&f->sim, "companies", "live"));
  g_assert_cmpint (tend_sync_report_get_total_skipped (report), ==, 0);

  /* An account with ARR: money in cents, dates as days. */
  id = query_text (f->db, "SELECT id FROM accounts WHERE arr IS NOT NULL AND contract_end IS NOT NULL ORDER BY id LIMIT 1");
  g_assert_nonnull (id);
  company = sim_record (&f->sim, "companies", id, "name,cs_arr,cs_contract_end_date,cs_licensed_seats");
  g_assert_true (tend_money_parse (json_object_get_string_member (company, "cs_arr"), FALSE, &cents, NULL));
  sql = g_strdup_printf ("SELECT arr FROM accounts WHERE id = '%s'", id);
  g_assert_cmpint (count_rows (f->db, sql), ==, cents);
  g_free (sql);
  sql = g_strdup_printf ("SELECT contract_end FROM accounts WHERE id = '%s'", id);
  value = query_text (f->db, sql);
  {
    TendDay day;
    g_autofree char *iso = NULL;
    g_assert_true (tend_day_parse_datetime (json_object_get_string_member (company, "cs_contract_end_date"), &day, NULL, NULL));
    iso = tend_day_to_iso (day);
    g_assert_cmpstr (value, ==, iso);
  }

  /* Deals: won/lost from hs_is_closed_won / hs_is_closed, category with the
   * dealtype fallback. */
  {
    g_autofree char *deal_id = query_text (f->db, "SELECT id FROM deals ORDER BY id LIMIT 1");
    g_autoptr(JsonObject) deal = sim_record (&f->sim, "deals", deal_id,
                                             "amount,hs_is_closed_won,hs_is_closed,cs_deal_category,dealtype,closedate");
    g_autofree char *q = g_strdup_printf ("SELECT status || '/' || coalesce (category, '-') || '/' || amount || '/' || close_date FROM deals WHERE id = '%s'", deal_id);
    g_autofree char *row = query_text (f->db, q);
    const char *won = json_object_get_string_member (deal, "hs_is_closed_won");
    const char *closed = json_object_get_string_member (deal, "hs_is_closed");
    const char *category = json_object_get_string_member (deal, "cs_deal_category");
    const char *dealtype = json_object_get_string_member (deal, "dealtype");
    gint64 amount = 0, close_ms = 0;
    g_autofree char *close_iso = NULL;
    g_autofree char *expected = NULL;

    g_assert_true (tend_money_parse (json_object_get_string_member (deal, "amount"), FALSE, &amount, NULL));
    g_assert_true (tend_day_parse_datetime (json_object_get_string_member (deal, "closedate"), NULL, &close_ms, NULL));
    close_iso = tend_unix_ms_to_iso (close_ms);
    expected = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%s",
                                g_strcmp0 (won, "true") == 0 ? "won" : g_strcmp0 (closed, "true") == 0 ? "lost" : "open",
                                category ? category : g_strcmp0 (dealtype, "newbusiness") == 0 ? "new" :
                                g_strcmp0 (dealtype, "existingbusiness") == 0 ? "renewal" : "-",
                                amount, close_iso);
    g_assert_cmpstr (row, ==, expected);
  }
  /* Some deals carry only the older dealtype: the fallback filled them. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM deals WHERE category = 'new'"), >, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM deals WHERE status = 'won'"), >, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM deals WHERE status = 'lost'"), >, 0);

  /* Tickets: priority in lower case, times normalised. */
  {
    g_autofree char *ticket_id = query_text (f->db, "SELECT id FROM tickets WHERE priority = 'urgent' ORDER BY id LIMIT 1");
    g_autoptr(JsonObject) ticket = NULL;

    g_assert_nonnull (ticket_id);
    ticket = sim_record (&f->sim, "tickets", ticket_id, "hs_ticket_priority,subject");
    g_assert_cmpstr (json_object_get_string_member (ticket, "hs_ticket_priority"), ==, "URGENT");
  }

  /* Survey responses. */
  {
    g_autofree char *survey_id = query_text (f->db, "SELECT id FROM survey_responses ORDER BY id LIMIT 1");
    g_autoptr(JsonObject) survey = sim_record (&f->sim, "feedback_submissions", survey_id,
                                               "hs_survey_type,hs_response_value,hs_submission_timestamp,hs_contact_email_rollup");
    g_autofree char *q = g_strdup_printf ("SELECT type || '/' || CAST (value AS INTEGER) || '/' || submitted_at || '/' || respondent FROM survey_responses WHERE id = '%s'", survey_id);
    g_autofree char *row = query_text (f->db, q);
    gint64 ms = 0;
    g_autofree char *iso = NULL;
    g_autofree char *expected = NULL;

    g_assert_true (tend_day_parse_datetime (json_object_get_string_member (survey, "hs_submission_timestamp"), NULL, &ms, NULL));
    iso = tend_unix_ms_to_iso (ms);
    expected = g_strdup_printf ("%s/%s/%s/%s", json_object_get_string_member (survey, "hs_survey_type"),
                                json_object_get_string_member (survey, "hs_response_value"), iso,
                                json_object_get_string_member (survey, "hs_contact_email_rollup"));
    g_assert_cmpstr (row, ==, expected);
  }

  /* Owners: names joined, team from the primary team. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM owners WHERE name = '' OR team IS NULL"), ==, 0);

  /* The sync remembered where it came from, and never the token. */
  value = (g_free (value), query_text (f->db, "SELECT value FROM workspace_meta WHERE key = 'sync.base_url'"));
  g_assert_cmpstr (value, ==, f->sim.base_url);
  assert_file_lacks (f->db, TOKEN);
  wal = g_strconcat (f->db, "-wal", NULL);
  assert_file_lacks (wal, TOKEN);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sync_state WHERE cursor IS NULL AND last_success IS NOT NULL"), ==, 5);
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TendSyncReport) full = NULL;
  g_autoptr(TendSyncReport) incremental = NULL;
  g_autoptr(TendSyncReport) reference = NULL;
  g_autoptr(JsonNode) advance = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;
  gint64 before, full_requests, incremental_requests;

  SKIP_WITHOUT_SIM (f);
  before = sim_requests (&f->sim);
  full = sync_ok (f, f->db, FALSE);
  full_requests = sim_requests (&f->sim) - before - 1;

  advance = sim_call (&f->sim, "POST", "/_sim/advance", "{\"fraction\": 0.05, \"seed\": 7}");
  before = sim_requests (&f->sim);
  incremental = sync_ok (f, f->db, FALSE);
  incremental_requests = sim_requests (&f->sim) - before - 1;
  g_assert_cmpstr (tend_sync_report_get_mode (incremental), ==, "incremental");
  g_assert_cmpint (tend_sync_report_lookup_type (incremental, "companies")->deleted, >, 0);
  g_assert_cmpint (tend_sync_report_lookup_type (incremental, "deals")->written, >, 0);
  assert_counts_match_sim (f, f->db);
  g_test_message ("full sync: %" G_GINT64_FORMAT " requests, incremental: %" G_GINT64_FORMAT,
                  full_requests, incremental_requests);
  g_assert_cmpint (incremental_requests * 2, <, full_requests);

  /* The incremental result is what a fresh full sync sees. */
  reference = sync_ok (f, f->db2, TRUE);
  dump = dump_tables (f->db);
  expected = dump_tables (f->db2);
  g_assert_cmpstr (dump, ==, expected);
}

static void
test_search_cap (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TendSyncReport) full = NULL;
  g_autoptr(TendSyncReport) incremental = NULL;
  g_autoptr(TendSyncReport) reference = NULL;
  g_autoptr(JsonNode) advance = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;
  gint64 n_deals;

  SKIP_WITHOUT_SIM (f);
  full = sync_ok (f, f->db, FALSE);
  advance = sim_call (&f->sim, "POST", "/_sim/advance", "{\"fraction\": 1.0, \"seed\": 11}");
  n_deals = sim_stat (&f->sim, "deals", "live");
  g_assert_cmpint (n_deals, >, 10000);

  incremental = sync_ok (f, f->db, FALSE);
  g_assert_cmpstr (tend_sync_report_lookup_type (incremental, "deals")->mode, ==, "incremental");
  /* More than 10,000 changed deals came through one capped search. */
  g_assert_cmpint (tend_sync_report_lookup_type (incremental, "deals")->written, >, 10000);
  assert_counts_match_sim (f, f->db);

  reference = sync_ok (f, f->db2, TRUE);
  dump = dump_tables (f->db);
  expected = dump_tables (f->db2);
  g_assert_true (g_strcmp0 (dump, expected) == 0);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  gint64 started;

  SKIP_WITHOUT_SIM (f);
  sim_fault (&f->sim, "{\"kind\": \"429\", \"count\": 1, \"path\": \"/crm/v3/objects/deals\", \"retry_after\": 1}");
  started = g_get_monotonic_time ();
  report = sync_ok (f, f->db, FALSE);
  /* Retry-After: 1 was honoured. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC);
  assert_counts_match_sim (f, f->db);
  g_clear_object (&report);

  /* Without Retry-After: the rate-limit window, bounded by the back-off. */
  sim_fault (&f->sim, "{\"kind\": \"429\", \"count\": 3, \"path\": \"/crm/v3/objects/companies\"}");
  report = sync_ok (f, f->db2, FALSE);
  assert_counts_match_sim (f, f->db2);
}

static void
test_bad_gateway_burst (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;

  SKIP_WITHOUT_SIM (f);
  sim_fault (&f->sim, "{\"kind\": \"502\", \"count\": 3}");
  sim_fault (&f->sim, "{\"kind\": \"503\", \"count\": 1, \"path\": \"/crm/v3/objects/tickets\"}");
  report = sync_ok (f, f->db, FALSE);
  assert_counts_match_sim (f, f->db);
  g_assert_cmpuint (tend_sync_report_get_n_requests (report), >=, 25 + 4);
}

static void
test_stalled_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;

  SKIP_WITHOUT_SIM (f);
  /* A body that stops half way times out and is fetched again. */
  g_setenv ("TEND_SYNC_TIMEOUT_S", "1", TRUE);
  sim_fault (&f->sim, "{\"kind\": \"stall\", \"count\": 1, \"path\": \"/crm/v3/objects/deals\"}");
  sim_fault (&f->sim, "{\"kind\": \"truncate\", \"count\": 1, \"path\": \"/crm/v3/objects/tickets\"}");
  report = sync_ok (f, f->db, FALSE);
  g_unsetenv ("TEND_SYNC_TIMEOUT_S");
  assert_counts_match_sim (f, f->db);
}

static void
test_permanent_error_keeps_cache (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(TendSyncReport) first = NULL;
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) advance = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last_error = NULL;

  SKIP_WITHOUT_SIM (f);
  first = sync_ok (f, f->db, FALSE);
  before = dump_tables (f->db);

  sim_fault (&f->sim, "{\"kind\": \"500\", \"count\": 1000, \"path\": \"/crm/v3/objects/companies\"}");
  advance = sim_call (&f->sim, "POST", "/_sim/advance", "{\"fraction\": 0.05, \"seed\": 3}");
  g_assert_false (run_sync_full (f, f->db, TOKEN, TRUE, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "try again later"));
  g_assert_false (tend_sync_report_get_succeeded (report));
  g_assert_cmpstr (tend_sync_report_get_error_message (report), ==, error->message);

  /* Owners came through again unchanged; nothing else moved. */
  after = dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
  last_error = query_text (f->db, "SELECT last_error FROM sync_state WHERE object_type = 'companies'");
  g_assert_cmpstr (last_error, ==, error->message);
}

static void
test_malformed_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TendSyncReport) first = NULL;
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(TendSyncReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  SKIP_WITHOUT_SIM (f);
  first = sync_ok (f, f->db, FALSE);
  before = dump_tables (f->db);

  /* The second page of deals is garbled every time. */
  sim_fault (&f->sim, "{\"kind\": \"malformed\", \"count\": 100, \"path\": \"/crm/v3/objects/deals\", \"skip\": 1}");
  g_assert_false (run_sync_full (f, f->db, TOKEN, TRUE, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL);
  after = dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_table (f->db, "deals"), ==, sim_stat (&f->sim, "deals", "live"));
  /* The first page of deals is committed with its cursor... */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sync_state WHERE object_type = 'deals' AND cursor LIKE 'list:_%'"), ==, 1);

  /* ...and the next run resumes there and completes. */
  sim_call (&f->sim, "DELETE", "/_sim/faults", NULL);
  again = sync_ok (f, f->db, FALSE);
  g_assert_cmpuint (tend_sync_report_lookup_type (again, "deals")->pages, <, tend_sync_report_lookup_type (first, "deals")->pages);
  g_assert_cmpint (tend_sync_report_lookup_type (again, "deals")->deleted, ==, 0);
  g_free (after);
  after = dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  const TendSyncTypeReport *tickets, *companies;
  gboolean saw_arr = FALSE, saw_id = FALSE, saw_priority = FALSE;

  SKIP_WITHOUT_SIM (f);
  sim_fault (&f->sim, "{\"kind\": \"wrong-types\", \"count\": 1, \"path\": \"/crm/v3/objects/companies\"}");
  sim_fault (&f->sim, "{\"kind\": \"wrong-types\", \"count\": 1, \"path\": \"/crm/v3/objects/tickets\"}");
  report = sync_ok (f, f->db, FALSE);
  companies = tend_sync_report_lookup_type (report, "companies");
  tickets = tend_sync_report_lookup_type (report, "tickets");

  /* Every skipped record is listed and counted; the rest is written. */
  g_assert_cmpint (companies->skipped, >, 0);
  g_assert_cmpint (count_table (f->db, "accounts"), ==, sim_stat (&f->sim, "companies", "live") - companies->skipped);
  g_assert_cmpint (tickets->skipped, >, 0);
  g_assert_cmpint (tickets->skipped, <, 100);
  g_assert_cmpint (count_table (f->db, "tickets"), ==, sim_stat (&f->sim, "tickets", "live") - tickets->skipped);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sync_issues"), ==, companies->skipped + tickets->skipped);
  g_assert_cmpint (tend_sync_report_get_total_skipped (report), ==, companies->skipped + tickets->skipped);

  for (guint i = 0; i < tend_sync_report_get_n_skipped (report); i++)
    {
      const TendSyncSkippedRecord *skip = tend_sync_report_get_skipped (report, i);

      g_assert_nonnull (skip->record_id);
      g_assert_nonnull (skip->reason);
      if (strstr (skip->reason, "cs_arr “abc” is not a decimal amount") != NULL)
        saw_arr = TRUE;
      if (strstr (skip->reason, "id is a number") != NULL)
        saw_id = TRUE;
      if (strstr (skip->reason, "hs_ticket_priority “SUPERHIGH”") != NULL)
        saw_priority = TRUE;
    }
  g_assert_true (saw_arr);
  g_assert_true (saw_id);
  g_assert_true (saw_priority);
}

static void
test_bad_records (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  const TendSyncTypeReport *deals, *companies, *tickets, *surveys;

  SKIP_WITHOUT_SIM (f);
  sim_fault (&f->sim, "{\"kind\": \"missing-id\", \"count\": 1, \"path\": \"/crm/v3/objects/deals\"}");
  sim_fault (&f->sim, "{\"kind\": \"duplicate-id\", \"count\": 1, \"path\": \"/crm/v3/objects/tickets\"}");
  sim_fault (&f->sim, "{\"kind\": \"control-chars\", \"count\": 1, \"path\": \"/crm/v3/objects/companies\"}");
  sim_fault (&f->sim, "{\"kind\": \"huge-string\", \"count\": 1, \"path\": \"/crm/v3/objects/feedback_submissions\"}");
  report = sync_ok (f, f->db, FALSE);
  deals = tend_sync_report_lookup_type (report, "deals");
  companies = tend_sync_report_lookup_type (report, "companies");
  tickets = tend_sync_report_lookup_type (report, "tickets");
  surveys = tend_sync_report_lookup_type (report, "feedback_submissions");

  /* Records without an id are skipped; the rest of the page is written. */
  g_assert_cmpint (deals->skipped, >, 0);
  g_assert_cmpint (count_table (f->db, "deals"), ==, sim_stat (&f->sim, "deals", "live") - deals->skipped);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sync_issues WHERE object_type = 'deals' AND record_id IS NULL"), ==, deals->skipped);
  /* A duplicated id counts once. */
  g_assert_cmpint (tickets->skipped, ==, 0);
  g_assert_cmpint (tickets->fetched, ==, tickets->written + 1);
  g_assert_cmpint (count_table (f->db, "tickets"), ==, sim_stat (&f->sim, "tickets", "live"));
  /* Control characters are stripped, bytes that are not UTF-8 repaired. */
  g_assert_cmpint (companies->skipped, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM accounts WHERE name LIKE 'Ctrl%'"), >, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM accounts WHERE name GLOB '*[\x01-\x1f\x7f]*'"), ==, 0);
  /* A 1 MiB string is refused with a reason. */
  g_assert_cmpint (surveys->skipped, ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sync_issues WHERE reason LIKE '%longer than 64 KiB%'"), ==, 1);
}

static void
test_paging_loop (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_SIM (f);
  sim_fault (&f->sim, "{\"kind\": \"loop\", \"count\": 1000, \"path\": \"/crm/v3/objects/deals\"}");
  g_assert_false (run_sync_full (f, f->db, TOKEN, FALSE, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL);
  g_assert_cmpuint (tend_sync_report_lookup_type (report, "deals")->pages, <, 20);
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad = "pat-na1-wrong-token-0123456789";

  SKIP_WITHOUT_SIM (f);
  g_assert_false (run_sync_full (f, f->db, bad, FALSE, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_AUTH);
  g_assert_null (strstr (error->message, bad));
  g_assert_nonnull (strstr (error->message, "reconnect"));
  g_assert_null (strstr (tend_sync_report_get_error_message (report), bad));
  assert_file_lacks (f->db, bad);
  g_assert_cmpint (count_table (f->db, "owners"), ==, 0);
}

static void
test_insecure_url (void)
{
  g_auto(TendSyncOptions) options = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "work.db", NULL);

  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup ("http://crm.example.com");
  options.token = g_strdup (TOKEN);
  g_assert_false (tend_sync_run (db, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INSECURE);
  g_assert_null (strstr (error->message, TOKEN));
  g_clear_error (&error);

  /* Loopback is fine for plain http; other schemes are not URLs we take. */
  g_assert_true (tend_http_check_base_url ("http://127.0.0.1:8080", NULL));
  g_assert_true (tend_http_check_base_url ("http://[::1]:8080", NULL));
  g_assert_true (tend_http_check_base_url ("http://localhost:8080/", NULL));
  g_assert_true (tend_http_check_base_url ("https://api.hubapi.com", NULL));
  g_assert_false (tend_http_check_base_url ("http://10.0.0.1", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (tend_http_check_base_url ("ftp://api.hubapi.com", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tend_http_check_base_url ("not a url", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  remove_dir (dir);
}

typedef struct {
  GCancellable *cancellable;
  guint         pages;
  guint         cancel_after;
} CancelState;

static void
cancel_after_pages (const TendSyncProgress *progress,
                    gpointer                user_data)
{
  CancelState *state = user_data;

  if (g_strcmp0 (progress->phase, "listing") == 0 && progress->pages > 0 &&
      ++state->pages == state->cancel_after)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel_resume (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TendSyncReport) reference = NULL;
  g_autoptr(TendSyncReport) cancelled = NULL;
  g_autoptr(TendSyncReport) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;
  CancelState state = { cancellable, 0, 6 };

  SKIP_WITHOUT_SIM (f);
  reference = sync_ok (f, f->db2, FALSE);

  g_assert_false (run_sync_full (f, f->db, TOKEN, FALSE, cancellable, cancel_after_pages, &state, &cancelled, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_CANCELLED);
  g_assert_false (tend_sync_report_lookup_type (cancelled, "deals")->completed);
  g_assert_cmpint (count_table (f->db, "deals"), >, 0);
  g_assert_cmpint (count_table (f->db, "deals"), <, sim_stat (&f->sim, "deals", "live"));

  resumed = sync_ok (f, f->db, FALSE);
  /* It resumed the interrupted full run instead of starting over. */
  g_assert_cmpstr (tend_sync_report_lookup_type (resumed, "deals")->mode, ==, "full");
  g_assert_cmpuint (tend_sync_report_lookup_type (resumed, "deals")->pages, <,
                    tend_sync_report_lookup_type (reference, "deals")->pages);
  g_assert_cmpstr (tend_sync_report_lookup_type (resumed, "companies")->mode, ==, "incremental");
  dump = dump_tables (f->db);
  expected = dump_tables (f->db2);
  g_assert_cmpstr (dump, ==, expected);
  g_assert_cmpint (count_rows (f->db, "SELECT max (generation) FROM sync_state WHERE object_type != 'owners'"), ==, 1);
}

typedef struct {
  GMainLoop      *loop;
  TendSyncReport *report;
  GError         *error;
  GThread        *main_thread;
  guint           n_progress;
  gboolean        progress_off_thread;
} AsyncState;

static void
on_async_progress (const TendSyncProgress *progress,
                   gpointer                user_data)
{
  AsyncState *state = user_data;

  state->n_progress++;
  if (g_thread_self () != state->main_thread)
    state->progress_off_thread = TRUE;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->report = tend_sync_run_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_auto(TendSyncOptions) options = { NULL };
  AsyncState state = { NULL };

  SKIP_WITHOUT_SIM (f);
  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup (f->sim.base_url);
  options.token = g_strdup (TOKEN);
  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  tend_sync_run_async (f->db, &options, NULL, on_async_progress, &state, on_async_done, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.n_progress, >, 10);
  g_assert_false (state.progress_off_thread);
  assert_counts_match_sim (f, f->db);
  g_clear_object (&state.report);
  g_main_loop_unref (state.loop);
}

static void
test_token_env (void)
{
  g_autoptr(GError) error = NULL;
  TendTokenSource source = TEND_TOKEN_SOURCE_NONE;
  char *token;

  g_setenv (TEND_TOKEN_ENV, "env-token-value", TRUE);
  token = tend_token_lookup ("hubspot", "https://api.hubapi.com", &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "env-token-value");
  g_assert_cmpint (source, ==, TEND_TOKEN_SOURCE_ENVIRONMENT);
  tend_token_free (token);
  g_unsetenv (TEND_TOKEN_ENV);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TEND_SYNC_BACKOFF_MS", "5", TRUE);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/sync/full/counts-and-values", test_full_counts_and_values, NULL);
  ADD ("/sync/incremental/changes-and-deletions", test_incremental, NULL);
  ADD ("/sync/incremental/search-cap", test_search_cap, "3500");
  ADD ("/sync/faults/rate-limit", test_rate_limit, NULL);
  ADD ("/sync/faults/bad-gateway-burst", test_bad_gateway_burst, NULL);
  ADD ("/sync/faults/stalled-body", test_stalled_body, NULL);
  ADD ("/sync/faults/permanent-error-keeps-cache", test_permanent_error_keeps_cache, NULL);
  ADD ("/sync/faults/malformed-page", test_malformed_page, NULL);
  ADD ("/sync/faults/wrong-types", test_wrong_types, NULL);
  ADD ("/sync/faults/bad-records", test_bad_records, NULL);
  ADD ("/sync/faults/paging-loop", test_paging_loop, NULL);
  ADD ("/sync/auth/bad-token", test_bad_token, NULL);
  ADD ("/sync/cancel/resume", test_cancel_resume, NULL);
  ADD ("/sync/async", test_async, NULL);
  g_test_add_func ("/sync/security/insecure-url", test_insecure_url);
  g_test_add_func ("/sync/token/environment", test_token_env);

  return g_test_run ();
}
