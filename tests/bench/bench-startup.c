// Launch to the first frame with the 100k book's rows, against an empty window.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"

#define RUNS 5

/* Launches argv with TEND_PROFILE=1 and returns milliseconds from the spawn
 * to the printed first frame; out_hwm_kb its peak RSS then. */
static double
launch (const char * const *argv,
        gint64             *out_hwm_kb)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  double ms = -1;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "TEND_PROFILE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  /* The profile line comes from the account list: open the window on it
   * (the dashboard is the default first page) through a keyfile backend. */
  {
    static char *config_home;
    if (config_home == NULL)
      {
        g_autofree char *dir = NULL;
        config_home = g_dir_make_tmp ("tend-bench-config-XXXXXX", NULL);
        dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
        g_mkdir_with_parents (dir, 0700);
        g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
        g_file_set_contents (keyfile, "[io/github/tend/Tend]\nlast-page='accounts'\n", -1, NULL);
      }
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
    g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  }
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_error ("cannot launch %s: %s", argv[0], error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
      const char *at;

      if (line == NULL)
        break;
      if ((at = strstr (line, "TEND_PROFILE first-rows-frame monotonic_us=")) != NULL)
        {
          gint64 frame = g_ascii_strtoll (at + strlen ("TEND_PROFILE first-rows-frame monotonic_us="), NULL, 10);
          const char *hwm = strstr (line, "vmhwm_kb=");

          ms = (frame - start) / 1000.0;
          *out_hwm_kb = hwm ? g_ascii_strtoll (hwm + strlen ("vmhwm_kb="), NULL, 10) : 0;
          break;
        }
    }
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  return ms;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GSubprocess) xvfb = NULL;
  g_autofree char *book = NULL;
  double tend_ms[RUNS], empty_ms[RUNS];
  gint64 tend_hwm = 0, empty_hwm = 0;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-startup TEND EMPTY-WINDOW\n");
      return 2;
    }
  if ((book = bench_ensure_book ()) == NULL)
    return 77;
  xvfb = bench_start_xvfb ();
  if (xvfb == NULL && g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  {
    const char *empty_argv[] = { argv[2], NULL };
    const char *tend_argv[] = { argv[1], "--workspace", book, NULL };
    gint64 hwm;

    /* One untimed launch of each warms the page cache. */
    launch (empty_argv, &hwm);
    launch (tend_argv, &hwm);
    for (guint i = 0; i < RUNS; i++)
      {
        empty_ms[i] = launch (empty_argv, &empty_hwm);
        tend_ms[i] = launch (tend_argv, &tend_hwm);
        printf ("run %u: empty window %.0f ms, Tend with %u accounts %.0f ms\n",
                i + 1, empty_ms[i], bench_n_accounts (), tend_ms[i]);
        if (empty_ms[i] < 0 || tend_ms[i] < 0)
          g_error ("a launch printed no first frame");
      }
  }
  qsort (tend_ms, RUNS, sizeof (double), compare_double);
  qsort (empty_ms, RUNS, sizeof (double), compare_double);
  printf ("medians of %d launches\n", RUNS);
  bench_report ("startup (launch to first rows frame)", tend_ms[RUNS / 2], empty_ms[RUNS / 2],
                "empty libadwaita window", 1.2, TRUE, "ms");
  bench_report ("memory (VmHWM at first rows frame)", tend_hwm / 1024.0, empty_hwm / 1024.0,
                "empty window's VmHWM", 150, FALSE, "MiB");

  if (xvfb != NULL)
    {
      g_subprocess_send_signal (xvfb, SIGTERM);
      g_subprocess_wait (xvfb, NULL, NULL);
    }
  return 0;
}
