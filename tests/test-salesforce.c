// Tests of the Salesforce connector against tend-crm-sim, checked against the HubSpot mirror of the same book.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>

#include "tend-error.h"
#include "tend-salesforce.h"
#include "tend-sync.h"

#define TOKEN  "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX"
#define TODAY  "2026-11-23"

typedef struct {
  GSubprocess *process;
  char        *base_url;
  SoupSession *session;
} Sim;

typedef struct {
  char       *dir;
  char       *hubspot_db;
  char       *salesforce_db;
  Sim         sim;
  GHashTable *idmap;   /* neutral (HubSpot) id -> Salesforce id */
} Fixture;

/* Simulator */

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
sim_start (Sim *sim)
{
  const char *path = g_getenv ("TEND_CRM_SIM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *argv[] = { path, "--port", "0", "--accounts", "300", "--seed", "42",
                         "--today", TODAY, "--token", TOKEN, NULL };

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

/* A simulator call; out_status (nullable) gets the status, else it must
 * be a success. */
static JsonNode *
sim_call (Sim        *sim,
          const char *method,
          const char *path,
          const char *body,
          guint      *out_status)
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
  if (out_status != NULL)
    *out_status = soup_message_get_status (msg);
  else
    g_assert_cmpuint (soup_message_get_status (msg), <, 300);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
sim_fault (Sim        *sim,
           const char *json)
{
  g_autoptr(JsonNode) node = sim_call (sim, "POST", "/_sim/fault", json, NULL);
}

static gint64
sim_live (Sim        *sim,
          const char *kind)
{
  g_autoptr(JsonNode) stats = sim_call (sim, "GET", "/_sim/stats", NULL, NULL);
  JsonObject *records = json_object_get_object_member (json_node_get_object (stats), "records");

  return json_object_get_int_member (json_object_get_object_member (records, kind), "live");
}

static gint64
sim_limit_exceeded (Sim *sim)
{
  g_autoptr(JsonNode) stats = sim_call (sim, "GET", "/_sim/stats", NULL, NULL);
  JsonObject *sf = json_object_get_object_member (json_node_get_object (stats), "salesforce");

  return json_object_get_int_member (sf, "limit_exceeded");
}

static void
load_idmap (Fixture *f)
{
  static const char * const kinds[] = { "owners", "companies", "deals", "tickets", "surveys" };

  g_clear_pointer (&f->idmap, g_hash_table_unref);
  f->idmap = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *path = g_strdup_printf ("/_sim/idmap?kind=%s", kinds[k]);
      g_autoptr(JsonNode) node = sim_call (&f->sim, "GET", path, NULL, NULL);
      JsonObject *map = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (map);

      for (GList *l = members; l != NULL; l = l->next)
        g_hash_table_insert (f->idmap, g_strdup (l->data),
                             g_strdup (json_object_get_string_member (map, l->data)));
    }
}

/* Workspaces */

static gboolean
run_sync (Fixture     *f,
          const char  *provider,
          const char  *db,
          const char  *token,
          GHashTable  *overrides,
          TendSyncReport **out_report,
          GError     **error)
{
  g_auto(TendSyncOptions) options = { NULL };

  tend_sync_options_init (&options);
  g_free (options.provider);
  options.provider = g_strdup (provider);
  g_free (options.base_url);
  options.base_url = g_strdup (f->sim.base_url);
  options.token = g_strdup (token);
  if (overrides != NULL)
    options.mapping_overrides = g_hash_table_ref (overrides);
  return tend_sync_run (db, &options, NULL, NULL, NULL, out_report, error);
}

static TendSyncReport *
sync_ok (Fixture    *f,
         const char *provider,
         const char *db)
{
  g_autoptr(GError) error = NULL;
  TendSyncReport *report = NULL;

  g_assert_true (run_sync (f, provider, db, TOKEN, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_sync_report_get_total_skipped (report), ==, 0);
  return report;
}

static sqlite3 *
open_db (const char *path,
         int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  return db;
}

/* Every row of table as id -> "col=value|…", ids that name records (the
 * row's own and its references) given as neutral ids. */
static GHashTable *
read_rows (Fixture    *f,
           const char *path,
           const char *table,
           const char *columns,
           gboolean    is_salesforce)
{
  g_autoptr(GHashTable) reverse = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT id, %s FROM %s", columns, table);
  sqlite3 *db = open_db (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, f->idmap);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (reverse, value, key);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (is_salesforce)
        {
          g_assert_true (g_hash_table_contains (reverse, id));
          id = g_hash_table_lookup (reverse, id);
        }
      for (int c = 1; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          if (is_salesforce && text != NULL && g_hash_table_contains (reverse, text))
            text = g_hash_table_lookup (reverse, text);
          g_string_append_printf (row, "%s=%s|", sqlite3_column_name (stmt, c), text ? text : "∅");
        }
      g_hash_table_insert (rows, g_strdup (id), g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static const struct {
  const char *table;
  const char *columns;
} compared[] = {
  { "owners", "name, email, team" },
  { "accounts", "name, domain, owner_id, exec_owner_id, segment, region, business_unit, product_line, arr,"
                " arr_prior_year, currency, contract_start, contract_end, licensed_seats, active_users_30d,"
                " last_activity, overdue_amount, stage_override, churn_date, modified_ms" },
  /* Stage names are each CRM's own words; Salesforce's CloseDate is a day. */
  { "deals", "account_id, name, category, amount, currency, status, substr (close_date, 1, 10) AS close_day,"
             " owner_id, modified_ms" },
  { "tickets", "account_id, subject, priority, created_at, closed_at, modified_ms" },
  { "survey_responses", "account_id, type, value, verbatim, submitted_at, respondent, modified_ms" },
};

/* HubSpot's dealtype only knows new and existing business, so an
 * expansion deal without cs_deal_category reads as a renewal there, while
 * Salesforce's Type says "Existing Customer - Upgrade". */
static gboolean
is_lossy_hubspot_category (Fixture    *f,
                           const char *deal_id)
{
  g_autofree char *path = g_strdup_printf ("/crm/v3/objects/deals/%s?properties=cs_deal_category,dealtype", deal_id);
  g_autoptr(JsonNode) node = sim_call (&f->sim, "GET", path, NULL, NULL);
  JsonObject *props = json_object_get_object_member (json_node_get_object (node), "properties");

  return json_object_get_null_member (props, "cs_deal_category") &&
         g_strcmp0 (json_object_get_string_member (props, "dealtype"), "existingbusiness") == 0;
}

/* Compares both caches column by column; returns the deals whose only
 * difference is the category HubSpot cannot tell. */
static GPtrArray *
assert_same_caches (Fixture *f)
{
  GPtrArray *lossy = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < G_N_ELEMENTS (compared); t++)
    {
      g_autoptr(GHashTable) hubspot = read_rows (f, f->hubspot_db, compared[t].table, compared[t].columns, FALSE);
      g_autoptr(GHashTable) salesforce = read_rows (f, f->salesforce_db, compared[t].table, compared[t].columns, TRUE);
      GHashTableIter iter;
      gpointer key, value;

      g_assert_cmpuint (g_hash_table_size (hubspot), >, 0);
      g_assert_cmpuint (g_hash_table_size (salesforce), ==, g_hash_table_size (hubspot));
      g_hash_table_iter_init (&iter, hubspot);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *other = g_hash_table_lookup (salesforce, key);

          g_assert_nonnull (other);
          if (strcmp (compared[t].table, "deals") == 0 && strcmp (value, other) != 0)
            {
              g_auto(GStrv) parts = g_strsplit (value, "|category=renewal|", 2);
              g_autofree char *expected = NULL;

              g_assert_cmpuint (g_strv_length (parts), ==, 2);
              expected = g_strjoinv ("|category=expansion|", parts);
              g_assert_cmpstr (other, ==, expected);
              g_assert_true (is_lossy_hubspot_category (f, key));
              g_ptr_array_add (lossy, g_strdup (key));
              continue;
            }
          g_assert_cmpstr (other, ==, value);
        }
    }
  return lossy;
}

static void
correct_hubspot_categories (Fixture   *f,
                            GPtrArray *deal_ids)
{
  sqlite3 *db = open_db (f->hubspot_db, SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE deals SET category = 'expansion' WHERE id = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < deal_ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (deal_ids, i), -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_counts_match_sim (Fixture    *f,
                         const char *path)
{
  static const struct { const char *table; const char *kind; } pairs[] = {
    { "accounts", "companies" }, { "deals", "deals" }, { "tickets", "tickets" }, { "survey_responses", "surveys" },
  };
  sqlite3 *db = open_db (path, SQLITE_OPEN_READONLY);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", pairs[i].table);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, sim_live (&f->sim, pairs[i].kind));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

/* tend-cli */

static char *
run_cli (Fixture     *f,
         const char  *db,
         const char **args)
{
  const char *cli = g_getenv ("TEND_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--workspace");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) "--as-of");
  g_ptr_array_add (argv, (gpointer) TODAY);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_steal_pointer (&out);
}

/* Replaces every Salesforce id in text by its neutral id. */
static char *
neutral_ids (Fixture    *f,
             const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"(00[156]|500|a0X)[0-9A-Za-z]{15}\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GHashTable) reverse = g_hash_table_new (g_str_hash, g_str_equal);
  const char *rest = text;
  int start, end;

  g_hash_table_iter_init (&iter, f->idmap);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (reverse, value, key);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *id = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      id = g_strndup (text + start + 1, (gsize) (end - start - 2));
      g_string_append_len (out, rest, text + start - rest);
      g_assert_true (g_hash_table_contains (reverse, id));
      g_string_append_printf (out, "\"%s\"", (const char *) g_hash_table_lookup (reverse, id));
      rest = text + end;
      g_match_info_next (match, NULL);
    }
  g_string_append (out, rest);
  return g_string_free (out, FALSE);
}

/* Fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-salesforce-XXXXXX", &error);
  g_assert_no_error (error);
  f->hubspot_db = g_build_filename (f->dir, "hubspot.db", NULL);
  f->salesforce_db = g_build_filename (f->dir, "salesforce.db", NULL);
  if (!sim_start (&f->sim))
    g_test_skip ("TEND_CRM_SIM is not set: the CRM simulator was not built");
  else
    load_idmap (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  sim_stop (&f->sim);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_clear_pointer (&f->idmap, g_hash_table_unref);
  g_free (f->dir);
  g_free (f->hubspot_db);
  g_free (f->salesforce_db);
}

#define SKIP_WITHOUT_SIM(f) G_STMT_START { if ((f)->sim.process == NULL) return; } G_STMT_END

/* Tests */

static void
test_full_same_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TendSyncReport) hubspot = NULL;
  g_autoptr(TendSyncReport) salesforce = NULL;
  g_autoptr(GPtrArray) lossy = NULL;

  SKIP_WITHOUT_SIM (f);
  hubspot = sync_ok (f, "hubspot", f->hubspot_db);
  salesforce = sync_ok (f, "salesforce", f->salesforce_db);
  g_assert_cmpstr (tend_sync_report_get_provider (salesforce), ==, "salesforce");
  g_assert_cmpstr (tend_sync_report_get_mode (salesforce), ==, "full");
  /* TEND_SALESFORCE_BATCH_SIZE=200: the bigger objects come in pages. */
  g_assert_cmpuint (tend_sync_report_lookup_type (salesforce, "deals")->pages, >=, 4);
  assert_counts_match_sim (f, f->salesforce_db);

  lossy = assert_same_caches (f);
  g_test_message ("%u expansion deals without a category read as renewals in HubSpot", lossy->len);
}

static void
test_incremental_same_cache (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TendSyncReport) salesforce = NULL;
  g_autoptr(JsonNode) advance = NULL;
  g_autoptr(GPtrArray) lossy = NULL;
  const TendSyncTypeReport *accounts, *deals;
  JsonObject *archived;

  SKIP_WITHOUT_SIM (f);
  g_object_unref (sync_ok (f, "hubspot", f->hubspot_db));
  g_object_unref (sync_ok (f, "salesforce", f->salesforce_db));

  advance = sim_call (&f->sim, "POST", "/_sim/advance", "{\"fraction\": 0.05, \"seed\": 11}", NULL);
  archived = json_object_get_object_member (json_node_get_object (advance), "archived");
  g_assert_cmpint (json_object_get_int_member (archived, "companies"), >, 0);
  load_idmap (f);   /* created records have ids now */

  g_object_unref (sync_ok (f, "hubspot", f->hubspot_db));
  salesforce = sync_ok (f, "salesforce", f->salesforce_db);
  g_assert_cmpstr (tend_sync_report_get_mode (salesforce), ==, "incremental");
  accounts = tend_sync_report_lookup_type (salesforce, "companies");
  deals = tend_sync_report_lookup_type (salesforce, "deals");
  g_assert_cmpstr (accounts->mode, ==, "incremental");
  g_assert_cmpint (accounts->deleted, >=, json_object_get_int_member (archived, "companies"));
  g_assert_cmpint (deals->deleted, >=, json_object_get_int_member (archived, "deals"));
  /* Only the changes travel, not the book. */
  g_assert_cmpint (deals->fetched, <, sim_live (&f->sim, "deals") / 2);
  assert_counts_match_sim (f, f->salesforce_db);

  lossy = assert_same_caches (f);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSalesforce) connector = NULL;
  g_autoptr(GHashTable) cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *base_url = NULL;
  gint64 total = 0;
  guint pages = 0;

  SKIP_WITHOUT_SIM (f);
  base_url = g_strconcat (f->sim.base_url, "/services/data/v59.0", NULL);
  connector = tend_salesforce_new (base_url, TOKEN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tend_salesforce_get_api_version (connector), ==, "v59.0");
  tend_salesforce_set_batch_size (connector, 200);

  soql = tend_salesforce_build_query (connector, TEND_OBJECT_DEALS, 1772841600000);
  g_assert_cmpstr (soql, ==, "SELECT Id, AccountId, Name, Amount, CloseDate, OwnerId, IsWon, IsClosed, StageName,"
                   " CS_Deal_Category__c, Type, CurrencyIsoCode, SystemModstamp FROM Opportunity"
                   " WHERE SystemModstamp >= 2026-03-07T00:00:00Z ORDER BY SystemModstamp, Id");

  do
    {
      g_autoptr(TendPage) page = tend_connector_list_page (TEND_CONNECTOR (connector), TEND_OBJECT_DEALS,
                                                           cursor, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (page);
      g_assert_cmpuint (page->records->len, <=, 200);
      g_assert_cmpuint (page->skipped->len, ==, 0);
      total += page->records->len;
      pages++;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
      if (cursor != NULL)
        {
          g_assert_true (strstr (cursor, "/services/data/v59.0/query/") != NULL);
          g_assert_true (g_hash_table_add (cursors, g_strdup (cursor)));
        }
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, (sim_live (&f->sim, "deals") + 199) / 200);
  g_assert_cmpint (total, ==, sim_live (&f->sim, "deals"));
  g_assert_cmpuint (tend_connector_get_n_requests (TEND_CONNECTOR (connector)), ==, pages);
}

static void
test_invalid_session (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncReport) report = NULL;

  SKIP_WITHOUT_SIM (f);
  g_assert_false (run_sync (f, "salesforce", f->salesforce_db, "expired-session", NULL, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==,
                   "The Salesforce session expired or the token is invalid; sign in again to get a new access token");
  g_assert_null (strstr (error->message, "expired-session"));
  g_assert_false (g_file_test (f->salesforce_db, G_FILE_TEST_EXISTS) &&
                  tend_sync_report_get_succeeded (report));
}

static void
test_request_limit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncReport) report = NULL;

  SKIP_WITHOUT_SIM (f);
  /* A passing limit (a burst of concurrent calls): backed off, then fine. */
  sim_fault (&f->sim, "{\"kind\": \"sf-limit\", \"count\": 1, \"path\": \"/services/data/v60.0/query\"}");
  g_object_unref (sync_ok (f, "salesforce", f->salesforce_db));
  g_assert_cmpint (sim_limit_exceeded (&f->sim), ==, 1);

  /* The daily limit: a few waits, then a clear failure. */
  sim_fault (&f->sim, "{\"kind\": \"sf-limit\", \"count\": -1, \"path\": \"/services/\"}");
  g_assert_false (run_sync (f, "salesforce", f->salesforce_db, TOKEN, NULL, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "daily API limit"));
  g_assert_nonnull (strstr (error->message, "REQUEST_LIMIT_EXCEEDED"));
  g_assert_nonnull (strstr (error->message, "api-usage="));
  g_assert_cmpint (sim_limit_exceeded (&f->sim), ==, 1 + 3);
  /* The earlier mirror is intact. */
  assert_counts_match_sim (f, f->salesforce_db);
}

static void
test_query_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GHashTable) overrides = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;
  JsonObject *first;

  SKIP_WITHOUT_SIM (f);
  /* A field the org does not have: INVALID_FIELD names the setting to fix. */
  g_hash_table_insert (overrides, "account.arr", "Annual_Revenue_Typo__c");
  g_assert_false (run_sync (f, "salesforce", f->salesforce_db, TOKEN, overrides, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "INVALID_FIELD"));
  g_assert_nonnull (strstr (error->message, "Annual_Revenue_Typo__c"));
  g_assert_nonnull (strstr (error->message, "field-mapping"));
  g_clear_object (&report);
  g_clear_error (&error);

  /* A reserved word as a field name makes a query Salesforce cannot parse. */
  g_hash_table_remove_all (overrides);
  g_hash_table_insert (overrides, "deal.name", "FROM");
  g_assert_false (run_sync (f, "salesforce", f->salesforce_db, TOKEN, overrides, &report, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "MALFORMED_QUERY"));

  answer = sim_call (&f->sim, "GET", "/services/data/v60.0/query?q=SELECT+Id+FROM+Account+WHERE", NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  first = json_array_get_object_element (json_node_get_array (answer), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "errorCode"), ==, "MALFORMED_QUERY");
}

static void
test_bad_records (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncReport) report = NULL;

  SKIP_WITHOUT_SIM (f);
  sim_fault (&f->sim, "{\"kind\": \"503\", \"count\": 2, \"path\": \"/services/\"}");
  sim_fault (&f->sim, "{\"kind\": \"wrong-types\", \"count\": 1, \"path\": \"/services/data/v60.0/query\", \"skip\": 1}");
  g_assert_true (run_sync (f, "salesforce", f->salesforce_db, TOKEN, NULL, &report, &error));
  g_assert_no_error (error);
  /* The first page of accounts carried wrong types: refused, named, counted. */
  g_assert_cmpint (tend_sync_report_lookup_type (report, "companies")->skipped, >, 0);
  g_assert_cmpuint (tend_sync_report_get_n_skipped (report), >, 0);
  g_assert_nonnull (tend_sync_report_get_skipped (report, 0)->reason);
}

static void
test_same_results (Fixture       *f,
                   gconstpointer  data)
{
  static const char *sync_hubspot[] = { "sync", "--provider", "hubspot", "--base-url", NULL, NULL };
  static const char *sync_salesforce[] = { "sync", "--provider", "salesforce", "--base-url", NULL, NULL };
  static const char *health[] = { "health", "--json", NULL };
  static const char *renewals[] = { "renewals", "--days", "120", "--format", "json", NULL };
  static const char *clawbacks[] = { "clawbacks", "--json", NULL };
  static const char * const *reports[] = { health, renewals, clawbacks };
  /* Showcase accounts 24 and 25 churned 45 and 35 days ago: by the churn
   * date and by a lost renewal deal only. Their renewal bonuses are
   * clawed back. */
  const char * const churned[] = { "5000000025", "5000000026" };
  g_autoptr(GPtrArray) lossy = NULL;

  SKIP_WITHOUT_SIM (f);
  sync_hubspot[4] = f->sim.base_url;
  sync_salesforce[4] = f->sim.base_url;
  g_free (run_cli (f, f->hubspot_db, sync_hubspot));
  g_free (run_cli (f, f->salesforce_db, sync_salesforce));
  lossy = assert_same_caches (f);
  correct_hubspot_categories (f, lossy);

  for (guint i = 0; i < G_N_ELEMENTS (churned); i++)
    {
      const char *add_hubspot[] = { "incentive", "add", "--person", "Ana", "--role", "csm", "--kind", "renewal",
                                    "--account", churned[i], "--amount", "1500.00", "--earned", "2026-07-01", NULL };
      const char *add_salesforce[G_N_ELEMENTS (add_hubspot)];

      memcpy (add_salesforce, add_hubspot, sizeof add_hubspot);
      add_salesforce[9] = g_hash_table_lookup (f->idmap, churned[i]);
      g_free (run_cli (f, f->hubspot_db, add_hubspot));
      g_free (run_cli (f, f->salesforce_db, add_salesforce));
    }

  for (guint r = 0; r < G_N_ELEMENTS (reports); r++)
    {
      g_autofree char *hubspot = run_cli (f, f->hubspot_db, (const char **) reports[r]);
      g_autofree char *salesforce = run_cli (f, f->salesforce_db, (const char **) reports[r]);
      g_autofree char *mapped = neutral_ids (f, salesforce);

      g_assert_cmpuint (strlen (hubspot), >, 100);
      g_assert_cmpstr (mapped, ==, hubspot);
      if (reports[r] == clawbacks)
        g_assert_nonnull (strstr (hubspot, "\"is_triggered\": true"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TEND_SYNC_BACKOFF_MS", "5", TRUE);
  g_setenv ("TEND_SALESFORCE_BATCH_SIZE", "200", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/salesforce/full/same-cache-as-hubspot", test_full_same_cache);
  ADD ("/salesforce/incremental/same-cache-as-hubspot", test_incremental_same_cache);
  ADD ("/salesforce/query/paging", test_paging);
  ADD ("/salesforce/errors/invalid-session", test_invalid_session);
  ADD ("/salesforce/errors/request-limit", test_request_limit);
  ADD ("/salesforce/errors/query", test_query_errors);
  ADD ("/salesforce/faults/bad-records", test_bad_records);
  ADD ("/salesforce/results/same-as-hubspot", test_same_results);

  return g_test_run ();
}
