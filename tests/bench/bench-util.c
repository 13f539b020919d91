// Shared helpers of the benchmarks: the simulator, the 100k book, the figures.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "tend-sync.h"
#include "bench-util.h"

guint
bench_n_accounts (void)
{
  const char *text = g_getenv ("TEND_BENCH_ACCOUNTS");
  guint64 n;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 1000000, &n, NULL))
    return (guint) n;
  return 100000;
}

const char *
bench_today (void)
{
  return "2026-11-23";
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

gboolean
bench_sim_start (BenchSim *sim,
                 guint     accounts)
{
  const char *path = g_getenv ("TEND_CRM_SIM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  g_autofree char *n = g_strdup_printf ("%u", accounts);
  const char *argv[] = { path, "--port", "0", "--accounts", n, "--seed", "42",
                         "--today", bench_today (), "--token", BENCH_TOKEN, NULL };

  memset (sim, 0, sizeof *sim);
  if (path == NULL)
    {
      fprintf (stderr, "TEND_CRM_SIM is not set: run with meson test --benchmark\n");
      return FALSE;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sim->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (sim->process == NULL)
    {
      fprintf (stderr, "Cannot start the simulator: %s\n", error->message);
      return FALSE;
    }
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      fprintf (stderr, "The simulator did not start\n");
      bench_sim_stop (sim);
      return FALSE;
    }
  sim->base_url = g_strdup (line + strlen ("listening on "));
  return TRUE;
}

void
bench_sim_stop (BenchSim *sim)
{
  if (sim->process != NULL)
    {
      g_subprocess_send_signal (sim->process, SIGTERM);
      g_subprocess_wait (sim->process, NULL, NULL);
    }
  g_clear_object (&sim->process);
  g_clear_pointer (&sim->base_url, g_free);
}

gboolean
bench_sim_post (BenchSim   *sim,
                const char *path,
                const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sim->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) bytes = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " BENCH_TOKEN);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  bytes = soup_session_send_and_read (session, msg, NULL, NULL);
  return bytes != NULL && soup_message_get_status (msg) < 300;
}

char *
bench_book_path (void)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *name = g_strdup_printf ("bench-book-%u.db", bench_n_accounts ());

  return g_build_filename (dir ? dir : ".", name, NULL);
}

char *
bench_ensure_book (void)
{
  g_autofree char *path = bench_book_path ();
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *tmp_wal = g_strconcat (tmp, "-wal", NULL);
  g_autofree char *tmp_shm = g_strconcat (tmp, "-shm", NULL);
  TendSyncOptions options;
  g_autoptr(GError) error = NULL;
  BenchSim sim;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  fprintf (stderr, "Making the benchmark book (%u accounts) by a full sync…\n", bench_n_accounts ());
  if (!bench_sim_start (&sim, bench_n_accounts ()))
    return NULL;
  g_unlink (tmp);
  g_unlink (tmp_wal);
  g_unlink (tmp_shm);
  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup (sim.base_url);
  options.token = g_strdup (BENCH_TOKEN);
  ok = tend_sync_run (tmp, &options, NULL, NULL, NULL, NULL, &error);
  tend_sync_options_clear (&options);
  bench_sim_stop (&sim);
  if (!ok)
    {
      fprintf (stderr, "Cannot make the benchmark book: %s\n", error->message);
      return NULL;
    }
  /* The sync's store is closed (checkpointed): one file to rename. */
  if (g_rename (tmp, path) != 0)
    return NULL;
  g_unlink (tmp_wal);
  g_unlink (tmp_shm);
  return g_steal_pointer (&path);
}

double
bench_ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

double
bench_peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

static char *
cpu_model (void)
{
  g_autofree char *info = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL) &&
      (line = strstr (info, "model name")) != NULL && (line = strchr (line, ':')) != NULL)
    return g_strstrip (g_strndup (line + 1, strcspn (line + 1, "\n")));
  return g_strdup ("unknown");
}

void
bench_report (const char *name,
              double      value,
              double      floor,
              const char *floor_what,
              double      goal,
              gboolean    goal_is_ratio,
              const char *unit)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (dir ? dir : ".", "bench-results.tsv", NULL);
  g_autofree char *cpu = cpu_model ();
  double ratio = floor > 0 ? value / floor : 0;
  gboolean met = goal_is_ratio ? (floor > 0 && ratio <= goal) : value <= goal;
  FILE *out;

  if (floor > 0)
    printf ("%-34s %10.2f %-3s  floor %10.2f %-3s (%s)  ratio %5.2fx  goal %s%.2f%s  %s\n",
            name, value, unit, floor, unit, floor_what, ratio,
            goal_is_ratio ? "<= " : "<= ", goal, goal_is_ratio ? "x" : unit,
            met ? "MET" : "MISSED");
  else
    printf ("%-34s %10.2f %-3s  goal <= %.2f %s  %s\n", name, value, unit, goal, unit, met ? "MET" : "MISSED");
  fflush (stdout);

  if ((out = fopen (path, "a")) == NULL)
    return;
  fprintf (out, "%s\t%.2f\t%s\t%.2f\t%s\t%.2f\t%s\t%s%.2f%s\t%s\t%u cores, %s\n",
           name, value, unit, floor, floor_what ? floor_what : "", ratio,
           goal_is_ratio ? "ratio" : "abs", goal_is_ratio ? "<= " : "<= ", goal,
           goal_is_ratio ? "x" : unit, met ? "yes" : "no",
           g_get_num_processors (), cpu);
  fclose (out);
}

/* Starts Xvfb on a free display when there is no DISPLAY. */
GSubprocess *
bench_start_xvfb (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  GSubprocess *xvfb;
  int fds[2];
  char buffer[32] = "";
  ssize_t n;

  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    return NULL;
  if (pipe (fds) != 0)
    return NULL;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  xvfb = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "3", "-screen", "0",
                                      "1280x800x24", "-nolisten", "tcp", NULL);
  if (xvfb == NULL)
    {
      fprintf (stderr, "No display and no Xvfb: %s\n", error->message);
      close (fds[0]);
      return NULL;
    }
  n = read (fds[0], buffer, sizeof buffer - 1);
  close (fds[0]);
  if (n <= 0)
    return xvfb;
  buffer[n] = '\0';
  display = g_strdup_printf (":%d", atoi (buffer));
  g_setenv ("DISPLAY", display, TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");
  return xvfb;
}
