// Helpers shared by the robustness tests: the simulator, the CLI, dumps.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>

#include "tend-test-util.h"

static const char * const mirror_tables[] = {
  "owners", "accounts", "deals", "tickets", "survey_responses", NULL
};

/* Tables written by the sync besides the mirror. */
static const char * const sync_tables[] = {
  "sync_state", "sync_issues", "workspace_meta", NULL
};

static void
die_with_parent (gpointer data)
{
  /* A failed assertion aborts before teardown: a child must not outlive
   * the test and keep its output pipe open. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

gboolean
tend_test_sim_start (TendTestSim *sim,
                     const char  *accounts,
                     const char  *token)
{
  const char *path = g_getenv ("TEND_CRM_SIM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *argv[] = { path, "--port", "0", "--accounts", accounts, "--seed", "42",
                         "--today", TEND_TEST_TODAY, "--token", token, NULL };

  memset (sim, 0, sizeof *sim);
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

void
tend_test_sim_stop (TendTestSim *sim)
{
  if (sim->process != NULL)
    {
      g_subprocess_send_signal (sim->process, SIGTERM);
      g_subprocess_wait (sim->process, NULL, NULL);
    }
  g_clear_object (&sim->process);
  g_clear_object (&sim->session);
  g_clear_pointer (&sim->base_url, g_free);
}

JsonNode *
tend_test_sim_call (TendTestSim *sim,
                    const char  *method,
                    const char  *path,
                    const char  *body)
{
  g_autofree char *url = g_strconcat (sim->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " TEND_TEST_TOKEN);
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

void
tend_test_sim_fault (TendTestSim *sim,
                     const char  *json)
{
  g_autoptr(JsonNode) node = tend_test_sim_call (sim, "POST", "/_sim/fault", json);
}

void
tend_test_sim_clear_faults (TendTestSim *sim)
{
  g_autoptr(JsonNode) node = tend_test_sim_call (sim, "DELETE", "/_sim/faults", NULL);
}

gint64
tend_test_sim_stat (TendTestSim *sim,
                    const char  *type,
                    const char  *which)
{
  g_autoptr(JsonNode) stats = tend_test_sim_call (sim, "GET", "/_sim/stats", NULL);
  JsonObject *root = json_node_get_object (stats);

  if (g_strcmp0 (type, "owners") == 0)
    return json_object_get_int_member (json_object_get_object_member (root, "owners"), which);
  return json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (root, "records"), type),
                                     which);
}

GSubprocessLauncher *
tend_test_cli_launcher (const char * const *env_extra,
                        GSubprocessFlags    flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      const char *eq = strchr (env_extra[i], '=');
      g_autofree char *name = NULL;

      g_assert_nonnull (eq);
      name = g_strndup (env_extra[i], eq - env_extra[i]);
      g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
    }
  return launcher;
}

int
tend_test_run_cli (const char * const *argv,
                   const char * const *env_extra,
                   char              **out_stdout,
                   char              **out_stderr)
{
  const char *cli = g_getenv ("TEND_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (cli);
  launcher = tend_test_cli_launcher (env_extra, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_ptr_array_add (args, (gpointer) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  if (!g_subprocess_get_if_exited (process))
    return -1;
  return g_subprocess_get_exit_status (process);
}

static sqlite3 *
open_read_only (const char *db_path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

gint64
tend_test_query_int (const char *db_path,
                     const char *sql)
{
  sqlite3 *db = open_read_only (db_path);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

char *
tend_test_query_text (const char *db_path,
                      const char *sql)
{
  sqlite3 *db = open_read_only (db_path);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

void
tend_test_assert_db_healthy (const char *db_path)
{
  g_autofree char *integrity = tend_test_query_text (db_path, "PRAGMA integrity_check");
  g_autofree char *dangling = tend_test_query_text (db_path,
                                                    "SELECT group_concat (\"table\" || ':' || rowid, ' ') "
                                                    "FROM pragma_foreign_key_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_null (dangling);
}

static void
append_value (GString      *out,
              sqlite3_stmt *stmt,
              int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (out, "∅");
      break;
    case SQLITE_BLOB:
      {
        const guchar *blob = sqlite3_column_blob (stmt, column);
        int n = sqlite3_column_bytes (stmt, column);

        g_string_append (out, "x'");
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", blob[i]);
        g_string_append_c (out, '\'');
      }
      break;
    default:
      g_string_append (out, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One table, rows sorted so that the order rows were written in does not
 * matter; columns named in skip are left out. */
static void
dump_table (sqlite3            *db,
            const char         *table,
            const char * const *skip,
            GString            *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          if (skip != NULL && g_strv_contains (skip, sqlite3_column_name (stmt, c)))
            continue;
          append_value (row, stmt, c);
          g_string_append_c (row, '|');
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (rows, compare_rows);
  g_string_append_printf (out, "[%s] %u rows\n", table, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_string_append (out, g_ptr_array_index (rows, i));
      g_string_append_c (out, '\n');
    }
}

char *
tend_test_dump_mirror (const char *db_path)
{
  static const char * const skip[] = { "sync_gen", NULL };
  GString *out = g_string_new (NULL);
  sqlite3 *db = open_read_only (db_path);

  for (guint t = 0; mirror_tables[t] != NULL; t++)
    dump_table (db, mirror_tables[t], skip, out);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static GPtrArray *
list_tables (sqlite3 *db)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return tables;
}

char *
tend_test_dump_app_owned (const char *db_path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = open_read_only (db_path);
  g_autoptr(GPtrArray) tables = list_tables (db);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *name = g_ptr_array_index (tables, t);

      if (g_strv_contains (mirror_tables, name) || g_strv_contains (sync_tables, name))
        continue;
      dump_table (db, name, NULL, out);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

char *
tend_test_dump_all (const char *db_path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = open_read_only (db_path);
  g_autoptr(GPtrArray) tables = list_tables (db);

  dump_table (db, "sqlite_master", NULL, out);
  for (guint t = 0; t < tables->len; t++)
    dump_table (db, g_ptr_array_index (tables, t), NULL, out);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

gboolean
tend_test_file_contains (const char *path,
                         const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
find_in_tree (const char *dir,
              const char *needle,
              GString    *found)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        find_in_tree (child, needle, found);
      else if (tend_test_file_contains (child, needle))
        g_string_append_printf (found, "%s\n", child);
    }
}

char *
tend_test_find_in_tree (const char *dir,
                        const char *needle)
{
  GString *found = g_string_new (NULL);

  find_in_tree (dir, needle, found);
  return g_string_free (found, FALSE);
}

void
tend_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      tend_test_remove_tree (child);
    }
  g_rmdir (path);
}
