// The startup floor: an empty libadwaita window, timed like Tend's first frame.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <string.h>

/* Prints what TEND_PROFILE=1 makes Tend print, at this window's first
 * frame-clock paint. */
static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    hwm = "VmHWM: 0 kB";
  g_print ("TEND_PROFILE first-rows-frame monotonic_us=%" G_GINT64_FORMAT " rows=0 vmhwm_kb=%" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10));
}

static void
on_map (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect_after (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.tend.BenchEmpty", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
