// Crash tests: tend-cli sync killed with SIGKILL at random points; the
// workspace must open, pass integrity_check and finish on the next sync.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// TEND_CRASH_TRIALS (default 50) and TEND_CRASH_SEED (default 20261123)
// make a longer or a different run: a failure prints the seed and trial.
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "tend-error.h"
#include "tend-store.h"
#include "tend-test-util.h"

#define DEFAULT_TRIALS 50
#define DEFAULT_SEED   20261123
#define FRESH_EVERY    5
#define SNAPSHOTS_TODAY "SELECT count(*) FROM health_snapshots WHERE day = '" TEND_TEST_TODAY "'"

typedef struct {
  char        *dir;
  char        *db;
  char        *reference;
  char        *reference_mirror;
  gint64       reference_snapshots;
  const char  *env[6];
  char        *env_token;
  TendTestSim  sim;
} Fixture;

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return fallback;
  return (guint) value;
}

static void
remove_workspace (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_remove (db);
  g_remove (wal);
  g_remove (shm);
}

static void
cli_sync_ok (Fixture    *f,
             const char *db,
             gboolean    full)
{
  const char *argv[] = { "--workspace", db, "--as-of", TEND_TEST_TODAY, "sync",
                         "--base-url", f->sim.base_url, full ? "--full" : NULL, NULL };
  g_autofree char *err = NULL;
  int status = tend_test_run_cli (argv, f->env, NULL, &err);

  if (status != 0)
    g_error ("tend-cli sync exited with %d:\n%s", status, err);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-crash-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "work.db", NULL);
  f->reference = g_build_filename (f->dir, "reference.db", NULL);
  f->env_token = g_strdup ("TEND_CRM_TOKEN=" TEND_TEST_TOKEN);
  f->env[0] = f->env_token;
  f->env[1] = "G_MESSAGES_DEBUG=";
  f->env[2] = NULL;
  if (!tend_test_sim_start (&f->sim, "300", TEND_TEST_TOKEN))
    {
      g_test_skip ("TEND_CRM_SIM is not set: the CRM simulator was not built");
      return;
    }
  cli_sync_ok (f, f->reference, FALSE);
  f->reference_mirror = tend_test_dump_mirror (f->reference);
  f->reference_snapshots = tend_test_query_int (f->reference, SNAPSHOTS_TODAY);
  g_assert_cmpint (f->reference_snapshots, >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tend_test_sim_stop (&f->sim);
  tend_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->reference);
  g_free (f->reference_mirror);
  g_free (f->env_token);
}

/* How long a full sync of the book takes from spawn to exit, in µs. */
static gint64
time_full_sync (Fixture *f)
{
  gint64 started = g_get_monotonic_time ();

  cli_sync_ok (f, f->db, TRUE);
  return g_get_monotonic_time () - started;
}

typedef enum {
  LANDED_STARTUP,   /* before the first progress line */
  LANDED_SYNCING,   /* while pages were being written */
  LANDED_SNAPSHOTS, /* after the sync, while health snapshots were stored */
  LANDED_AFTER,     /* the process had already finished */
  N_LANDED
} Landed;

static const char * const landed_names[N_LANDED] = { "startup", "syncing", "snapshots", "after exit" };

static Landed
classify (const char *err,
          gboolean    exited)
{
  if (exited)
    return LANDED_AFTER;
  if (err == NULL || strstr (err, "sync: ") == NULL || strstr (err, " pages ") == NULL)
    return LANDED_STARTUP;
  if (strstr (err, "sync finished") != NULL)
    return LANDED_SNAPSHOTS;
  return LANDED_SYNCING;
}

static void
test_kill_during_sync (Fixture       *f,
                       gconstpointer  data)
{
  guint trials = env_uint ("TEND_CRASH_TRIALS", DEFAULT_TRIALS);
  guint seed = env_uint ("TEND_CRASH_SEED", DEFAULT_SEED);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const char *cli = g_getenv ("TEND_CLI");
  guint landed[N_LANDED] = { 0 };
  gint64 duration;

  if (f->sim.process == NULL)
    return;
  duration = time_full_sync (f);
  g_test_message ("a full sync of 300 accounts takes %" G_GINT64_FORMAT " ms; seed %u, %u trials",
                  duration / 1000, seed, trials);

  for (guint trial = 0; trial < trials; trial++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TendStore) store = NULL;
      g_autofree char *err = NULL;
      g_autofree char *mirror = NULL;
      const char *argv[] = { cli, "--workspace", f->db, "--as-of", TEND_TEST_TODAY, "sync",
                             "--base-url", f->sim.base_url, "--full", NULL };
      /* Up to 10 % past the measured duration, so some kills land after
       * the process is done. */
      gint64 delay = g_rand_int_range (rand, 0, (gint32) MIN (duration * 11 / 10, G_MAXINT32));
      gboolean exited;
      Landed where;

      /* Now and then from an empty workspace: kills then land in the
       * creation of the file and its migrations too. */
      if (trial % FRESH_EVERY == 0)
        remove_workspace (f->db);

      launcher = tend_test_cli_launcher (f->env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      process = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      g_usleep (delay);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      exited = g_subprocess_get_if_exited (process);
      if (exited && g_subprocess_get_exit_status (process) != 0)
        g_error ("trial %u (seed %u): the sync failed before the kill:\n%s", trial, seed, err);
      where = classify (err, exited);
      landed[where]++;

      /* The workspace opens and is whole... */
      if (g_file_test (f->db, G_FILE_TEST_EXISTS))
        {
          store = tend_store_open (f->db, &error);
          if (store == NULL)
            g_error ("trial %u (seed %u, killed after %" G_GINT64_FORMAT " µs, %s): %s",
                     trial, seed, delay, landed_names[where], error->message);
          g_clear_object (&store);
          tend_test_assert_db_healthy (f->db);
        }

      /* ...and the next sync ends where a clean one does. */
      cli_sync_ok (f, f->db, FALSE);
      tend_test_assert_db_healthy (f->db);
      mirror = tend_test_dump_mirror (f->db);
      if (g_strcmp0 (mirror, f->reference_mirror) != 0)
        g_error ("trial %u (seed %u, killed after %" G_GINT64_FORMAT " µs, %s): the mirror differs from a clean sync",
                 trial, seed, delay, landed_names[where]);
      /* The day's health snapshots are all there, as after a clean sync. */
      g_assert_cmpint (tend_test_query_int (f->db, SNAPSHOTS_TODAY), ==, f->reference_snapshots);
    }

  g_test_message ("%u kills: %u at startup, %u while syncing, %u while storing snapshots, %u after exit",
                  trials, landed[LANDED_STARTUP], landed[LANDED_SYNCING], landed[LANDED_SNAPSHOTS],
                  landed[LANDED_AFTER]);
  /* The point is kills in the middle of the work. */
  g_assert_cmpuint (landed[LANDED_SYNCING], >=, trials / 4);
}

/* A damaged or unusable workspace file: the store says so with
 * TEND_ERROR_CORRUPT and the CLI says what to do, exit 1. */
static void
test_damaged_workspace (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  gsize length = 0;
  const char *accounts_argv[] = { "--workspace", f->db, "accounts", NULL };
  int status;

  if (f->sim.process == NULL)
    return;
  g_assert_true (g_file_get_contents (f->reference, &contents, &length, NULL));

  /* Pages in the middle overwritten with noise: the file still opens as
   * SQLite, and reading it must report the damage rather than crash. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (gsize i = length / 4; i < length / 4 * 3; i++)
      contents[i] = (char) g_rand_int_range (rand, 0, 256);
    g_assert_true (g_file_set_contents (f->db, contents, length, NULL));
    status = tend_test_run_cli (accounts_argv, f->env, NULL, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "is damaged"));
    g_assert_nonnull (strstr (err, "move it aside and sync again"));
    g_assert_cmpuint (strlen (err), ==, strcspn (err, "\n") + 1);
    g_clear_pointer (&err, g_free);
  }

  /* Cut short in the middle of a page. */
  remove_workspace (f->db);
  g_assert_true (g_file_set_contents (f->db, contents, length / 2 + 100, NULL));
  status = tend_test_run_cli (accounts_argv, f->env, NULL, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "is damaged"));
  g_clear_pointer (&err, g_free);

  /* The header itself is garbage. */
  remove_workspace (f->db);
  memset (contents, 'x', 100);
  g_assert_true (g_file_set_contents (f->db, contents, length, NULL));
  store = tend_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "move it aside"));
  status = tend_test_run_cli (accounts_argv, f->env, NULL, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "is damaged"));
  g_clear_pointer (&err, g_free);
  g_clear_error (&error);

  /* A folder where the file should be: unreadable as a database. */
  remove_workspace (f->db);
  g_assert_cmpint (g_mkdir (f->db, 0700), ==, 0);
  store = tend_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, f->db));
  status = tend_test_run_cli (accounts_argv, f->env, NULL, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Cannot open the workspace"));
  g_rmdir (f->db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash/kill-during-sync", Fixture, NULL, fixture_setup, test_kill_during_sync, fixture_teardown);
  g_test_add ("/crash/damaged-workspace", Fixture, NULL, fixture_setup, test_damaged_workspace, fixture_teardown);

  return g_test_run ();
}
