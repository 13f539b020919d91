// Security tests: the token never lands on disk or in logs, TLS errors are
// errors, files get the right modes, and two processes share a workspace.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "tend-error.h"
#include "tend-store.h"
#include "tend-sync.h"
#include "tend-test-util.h"

#define BUSY_MESSAGE "busy in another Tend process"

typedef struct {
  char        *dir;
  char        *db;
  char        *env_token;
  const char  *env[4];
  TendTestSim  sim;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-security-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "work.db", NULL);
  f->env_token = g_strdup ("TEND_CRM_TOKEN=" TEND_TEST_TOKEN);
  f->env[0] = f->env_token;
  f->env[1] = NULL;
  if (data != NULL && !tend_test_sim_start (&f->sim, "300", TEND_TEST_TOKEN))
    g_test_skip ("TEND_CRM_SIM is not set: the CRM simulator was not built");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tend_test_sim_stop (&f->sim);
  tend_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->env_token);
}

#define NEEDS_SIM ((gconstpointer) "sim")
#define SKIP_WITHOUT_SIM(f) G_STMT_START { if ((f)->sim.process == NULL) return; } G_STMT_END

static void
cli_sync_ok (Fixture    *f,
             const char *db)
{
  const char *argv[] = { "--workspace", db, "--as-of", TEND_TEST_TODAY, "sync", "--base-url", f->sim.base_url, NULL };
  g_autofree char *err = NULL;
  int status = tend_test_run_cli (argv, f->env, NULL, &err);

  if (status != 0)
    g_error ("tend-cli sync exited with %d:\n%s", status, err);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static gboolean
is_one_line (const char *text)
{
  return text != NULL && *text != '\0' && strchr (text, '\n') == text + strlen (text) - 1;
}

/* Secrets */

/* tend-cli sync with every debug message on, in a private home whose
 * settings go to a key file: the token is in none of the files the run
 * leaves (database, WAL, shared memory, settings) nor in its output. */
static void
test_token_not_stored_or_logged (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *home = g_build_filename (f->dir, "home", NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);
  g_autofree char *db = g_build_filename (data_home, "tend", "default.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *env_home = g_strconcat ("HOME=", home, NULL);
  g_autofree char *env_data = g_strconcat ("XDG_DATA_HOME=", data_home, NULL);
  g_autofree char *env_config = g_strconcat ("XDG_CONFIG_HOME=", config_home, NULL);
  g_autofree char *env_cache = g_strconcat ("XDG_CACHE_HOME=", cache_home, NULL);
  const char *env[] = { f->env_token, env_home, env_data, env_config, env_cache,
                        "G_MESSAGES_DEBUG=all", "GSETTINGS_BACKEND=keyfile", NULL };
  const char *sync_argv[] = { "--as-of", TEND_TEST_TODAY, "sync", "--base-url", f->sim.base_url, NULL };
  const char *again_argv[] = { "--as-of", TEND_TEST_TODAY, "sync", "--full", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) holder = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *found = NULL;
  int status;

  SKIP_WITHOUT_SIM (f);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);
  /* An open connection keeps the WAL and shared-memory files after tend-cli
   * exits, so they can be searched too. */
  holder = tend_store_open (db, &error);
  g_assert_no_error (error);

  status = tend_test_run_cli (sync_argv, env, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = tend_test_run_cli (again_argv, env, &out, &err);
  g_assert_cmpint (status, ==, 0);

  /* The debug log was on, and says nothing of the token. */
  g_assert_nonnull (strstr (err, "CRM: GET /crm/v3/owners"));
  g_assert_null (strstr (err, TEND_TEST_TOKEN));
  g_assert_null (strstr (out, TEND_TEST_TOKEN));
  g_assert_null (strstr (err, "Authorization"));
  g_assert_null (strstr (err, "Bearer"));

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (tend_test_query_int (db, "SELECT count(*) FROM accounts"), >, 0);
  found = tend_test_find_in_tree (f->dir, TEND_TEST_TOKEN);
  g_assert_cmpstr (found, ==, "");
  g_clear_object (&holder);
}

/* Every failure's message and log, with the token in the environment. */
static void
test_token_not_in_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *base_url = NULL;
  const char *env[] = { f->env_token, "G_MESSAGES_DEBUG=all", "TEND_SYNC_BACKOFF_MS=5", NULL };
  struct {
    const char *fault;
    const char *expected;
  } cases[] = {
    { "{\"kind\": \"500\", \"count\": 1000}", "kept failing" },
    { "{\"kind\": \"429\", \"count\": 1000}", "rate limit" },
    { "{\"kind\": \"malformed\", \"count\": 1000}", "malformed JSON" },
    { "{\"kind\": \"loop\", \"count\": 1000, \"path\": \"/crm/v3/objects/deals\"}", "tend-cli:" },
  };

  SKIP_WITHOUT_SIM (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { "--workspace", f->db, "sync", "--full", "--base-url", f->sim.base_url, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      tend_test_sim_fault (&f->sim, cases[i].fault);
      g_assert_cmpint (tend_test_run_cli (argv, env, &out, &err), ==, 1);
      tend_test_sim_clear_faults (&f->sim);
      g_assert_nonnull (strstr (err, cases[i].expected));
      g_assert_null (strstr (err, TEND_TEST_TOKEN));
      g_assert_null (strstr (out, TEND_TEST_TOKEN));
    }

  /* A token the CRM refuses, and a CRM that is gone. */
  {
    const char *bad_env[] = { "TEND_CRM_TOKEN=pat-na1-refused-0123456789abcdef", "G_MESSAGES_DEBUG=all", NULL };
    const char *argv[] = { "--workspace", f->db, "sync", "--base-url", f->sim.base_url, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (tend_test_run_cli (argv, bad_env, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "refused the token"));
    g_assert_null (strstr (err, "pat-na1-refused-0123456789abcdef"));
  }
  base_url = g_strdup (f->sim.base_url);
  tend_test_sim_stop (&f->sim);
  {
    const char *argv[] = { "--workspace", f->db, "sync", "--base-url", base_url, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (tend_test_run_cli (argv, env, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "Cannot reach the CRM"));
    g_assert_null (strstr (err, TEND_TEST_TOKEN));
  }
  g_assert_false (tend_test_file_contains (f->db, TEND_TEST_TOKEN));
}

/* TLS */

typedef struct {
  GMainLoop      *loop;
  guint           n_requests;
  TendSyncReport *report;
  GError         *error;
  int             cli_status;
  char           *cli_stderr;
} TlsState;

static void
on_tls_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TlsState *state = user_data;

  state->n_requests++;
  soup_server_message_set_status (msg, 500, NULL);
}

static void
on_tls_sync_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TlsState *state = user_data;

  state->report = tend_sync_run_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
on_tls_cli_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TlsState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, &state->cli_stderr, &error);
  g_assert_no_error (error);
  state->cli_status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  g_main_loop_quit (state->loop);
}

/* https:// to a loopback server whose certificate is self-signed: the sync
 * fails with a message that names the certificate, and the server never
 * sees a request (so never the token). */
static void
test_tls_self_signed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert = g_build_filename (f->dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *base_url = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(TendSyncOptions) options = { NULL };
  GSList *uris;
  TlsState state = { NULL };
  int status = -1;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed: no certificate to test with");
      return;
    }
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                           "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                           "-addext", "subjectAltName=IP:127.0.0.1", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  if (certificate == NULL && g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE))
    {
      g_test_skip ("GIO has no TLS backend (glib-networking)");
      return;
    }
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request, &state, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  state.loop = g_main_loop_new (NULL, FALSE);

  /* The engine. */
  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup (base_url);
  options.token = g_strdup (TEND_TEST_TOKEN);
  tend_sync_run_async (f->db, &options, NULL, NULL, NULL, on_tls_sync_done, &state);
  g_main_loop_run (state.loop);
  g_assert_null (state.report);
  g_assert_error (state.error, TEND_ERROR, TEND_ERROR_NETWORK);
  g_assert_nonnull (strstr (state.error->message, "TLS certificate was refused"));
  g_assert_nonnull (strstr (state.error->message, "check the base URL"));
  g_assert_null (strstr (state.error->message, TEND_TEST_TOKEN));
  g_assert_cmpuint (state.n_requests, ==, 0);
  g_clear_error (&state.error);

  /* The command line: the same message, exit 1, and no way around it. */
  {
    const char *cli = g_getenv ("TEND_CLI");
    const char *argv[] = { cli, "--workspace", f->db, "sync", "--base-url", base_url, NULL };

    launcher = tend_test_cli_launcher (f->env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    process = g_subprocess_launcher_spawnv (launcher, argv, &error);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8_async (process, NULL, NULL, on_tls_cli_done, &state);
    g_main_loop_run (state.loop);
    g_assert_cmpint (state.cli_status, ==, 1);
    g_assert_nonnull (strstr (state.cli_stderr, "TLS certificate was refused"));
    g_assert_null (strstr (state.cli_stderr, TEND_TEST_TOKEN));
    g_assert_cmpuint (state.n_requests, ==, 0);
  }
  {
    const char *argv[] = { "sync", "--help", NULL };
    g_autofree char *out = NULL;

    g_assert_cmpint (tend_test_run_cli (argv, NULL, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "--base-url"));
    g_assert_null (strstr (out, "insecure"));
    g_assert_null (strstr (out, "accept"));
    g_assert_null (strstr (out, "certificate"));
  }

  g_free (state.cli_stderr);
  g_main_loop_unref (state.loop);
  soup_server_disconnect (server);
}

/* Files */

/* Exports are ordinary files: the user's umask decides their mode. */
static void
test_export_umask (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const formats[] = { "ics", "csv", "json", "table" };
  mode_t old_mask;

  SKIP_WITHOUT_SIM (f);
  cli_sync_ok (f, f->db);
  old_mask = umask (027);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("renewals.%s", formats[i]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      const char *argv[] = { "--workspace", f->db, "--as-of", TEND_TEST_TODAY, "renewals",
                             "--format", formats[i], "--output", path, NULL };
      g_autofree char *err = NULL;

      /* Over an existing private file too: the new file gets the umask's mode. */
      if (i % 2 == 1)
        g_assert_true (g_file_set_contents_full (path, "old", -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      g_assert_cmpint (tend_test_run_cli (argv, f->env, NULL, &err), ==, 0);
      g_assert_cmphex (file_mode (path), ==, 0640);
    }
  umask (old_mask);
}

/* The workspace and its WAL and shared-memory files are private whatever
 * the umask. */
static void
test_workspace_modes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  mode_t old_mask = umask (0);

  store = tend_store_open (f->db, &error);
  umask (old_mask);
  g_assert_no_error (error);
  g_assert_true (tend_store_exec (store, "INSERT INTO workspace_meta (key, value) VALUES ('test', 'x')", &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (f->db), ==, 0600);
  g_assert_cmphex (file_mode (wal), ==, 0600);
  g_assert_cmphex (file_mode (shm), ==, 0600);
}

/* A workspace where no folder can be made: a clear error, exit 1. */
static void
test_unwritable_workspace (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "sub", "ws.db", NULL);
  const char *commands[][6] = {
    { "accounts", NULL },
    { "assess", "5000000001", "--risk", "low", NULL },
    { "sync", "--base-url", "http://127.0.0.1:9", NULL },
  };

  /* A file where a folder should be stops even root, so CI tests it. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[10] = { "--workspace", path };
      g_autofree char *err = NULL;
      guint n = 2;

      for (guint j = 0; commands[i][j] != NULL; j++)
        argv[n++] = commands[i][j];
      argv[n] = NULL;
      g_assert_cmpint (tend_test_run_cli (argv, f->env, NULL, &err), ==, 1);
      g_assert_true (is_one_line (err));
      g_assert_nonnull (strstr (err, "Cannot create the folder"));
      g_assert_nonnull (strstr (err, blocker));
    }
}

/* Two processes */

typedef struct {
  GSubprocess *process;
  char        *err;
} Running;

static GSubprocess *
spawn_cli (Fixture            *f,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = tend_test_cli_launcher (f->env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TEND_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Exit 0, or exit 1 with the busy message: TRUE when it succeeded. */
static gboolean
finish_ok_or_busy (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  status = g_subprocess_get_exit_status (process);
  if (status == 0)
    return TRUE;
  if (status != 1 || strstr (err, BUSY_MESSAGE) == NULL)
    g_error ("expected success or “" BUSY_MESSAGE "”, got exit %d:\n%s", status, err);
  return FALSE;
}

static void
test_two_syncs_at_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *reference = g_build_filename (f->dir, "reference.db", NULL);
  g_autofree char *expected = NULL;
  guint n_ok = 0;

  SKIP_WITHOUT_SIM (f);
  cli_sync_ok (f, reference);
  expected = tend_test_dump_mirror (reference);

  for (guint round = 0; round < 4; round++)
    {
      const char *argv[] = { "--workspace", f->db, "--as-of", TEND_TEST_TODAY, "sync", "--full",
                             "--base-url", f->sim.base_url, NULL };
      g_autoptr(GSubprocess) first = NULL;
      g_autoptr(GSubprocess) second = NULL;
      g_autofree char *mirror = NULL;

      /* The first round starts from no file at all: both create it. */
      first = spawn_cli (f, argv);
      second = spawn_cli (f, argv);
      n_ok += finish_ok_or_busy (first);
      n_ok += finish_ok_or_busy (second);
      tend_test_assert_db_healthy (f->db);
      cli_sync_ok (f, f->db);
      mirror = tend_test_dump_mirror (f->db);
      g_assert_cmpstr (mirror, ==, expected);
    }
  g_test_message ("%u of 8 concurrent syncs finished, the others were told the workspace was busy", n_ok);
  g_assert_cmpuint (n_ok, >, 0);
}

static void
test_sync_and_assess_at_once (Fixture       *f,
                              gconstpointer  data)
{
  const char *sync_argv[] = { "--workspace", f->db, "--as-of", TEND_TEST_TODAY, "sync", "--full",
                              "--base-url", f->sim.base_url, NULL };
  g_autofree char *account = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(GPtrArray) assessors = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_saved = 0;

  SKIP_WITHOUT_SIM (f);
  cli_sync_ok (f, f->db);
  account = tend_test_query_text (f->db, "SELECT id FROM accounts WHERE churn_date IS NULL "
                                         "AND contract_end > '" TEND_TEST_TODAY "' ORDER BY id LIMIT 1");
  g_assert_nonnull (account);

  sync = spawn_cli (f, sync_argv);
  for (guint i = 0; i < 8; i++)
    {
      const char *argv[] = { "--workspace", f->db, "--as-of", TEND_TEST_TODAY, "assess", account,
                             "--risk", i % 2 ? "medium" : "high", "--reason", "budget", NULL };
      g_ptr_array_add (assessors, spawn_cli (f, argv));
      g_usleep (20000);
    }
  g_assert_true (finish_ok_or_busy (sync));
  for (guint i = 0; i < assessors->len; i++)
    n_saved += finish_ok_or_busy (g_ptr_array_index (assessors, i));

  tend_test_assert_db_healthy (f->db);
  /* Every assessment that was reported saved is there, and no other. */
  g_assert_cmpint (tend_test_query_int (f->db, "SELECT count(*) FROM risk_assessments"), ==, n_saved);
  g_assert_cmpint (tend_test_query_int (f->db, "SELECT count(*) FROM audit_log WHERE entity LIKE '%assessment%'"),
                   ==, n_saved);
  g_assert_cmpuint (n_saved, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TEND_SYNC_BACKOFF_MS", "5", TRUE);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/security/secrets/not-stored-or-logged", test_token_not_stored_or_logged, NEEDS_SIM);
  ADD ("/security/secrets/not-in-errors", test_token_not_in_errors, NEEDS_SIM);
  ADD ("/security/tls/self-signed-refused", test_tls_self_signed, NULL);
  ADD ("/security/files/export-umask", test_export_umask, NEEDS_SIM);
  ADD ("/security/files/workspace-modes", test_workspace_modes, NULL);
  ADD ("/security/files/unwritable-workspace", test_unwritable_workspace, NULL);
  ADD ("/security/concurrency/two-syncs", test_two_syncs_at_once, NEEDS_SIM);
  ADD ("/security/concurrency/sync-and-assess", test_sync_and_assess_at_once, NEEDS_SIM);
#undef ADD

  return g_test_run ();
}
