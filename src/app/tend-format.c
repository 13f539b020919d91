// How the window writes days, moments and counts for people.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tend-format.h"

/* "23 Nov 2026"; "—" for no day. */
char *
tend_format_day (TendDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (day == TEND_DAY_NONE)
    return g_strdup ("—");
  tend_day_to_gdate (day, &date);
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 0, 0, 0);
  /* Translators: a calendar day, see g_date_time_format(); "23 Nov 2026" */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

/* "just now", "5 minutes ago", "3 hours ago", "yesterday", "on 21 Nov 2026". */
char *
tend_format_time_ago (GDateTime *when,
                      GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, when);
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = span / G_TIME_SPAN_HOUR;
  g_autoptr(GDateTime) local_when = g_date_time_to_local (when);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  int day_gap = g_date_time_get_day_of_year (local_now) - g_date_time_get_day_of_year (local_when);

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) minutes), (int) minutes);
  if (hours < 24 && day_gap == 0)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);
  if (g_date_time_get_year (local_now) == g_date_time_get_year (local_when) && day_gap == 1)
    return g_strdup (_("yesterday"));
  /* Translators: a moment long ago, see g_date_time_format(); "on 21 Nov 2026" */
  return g_date_time_format (local_when, _("on %-d %b %Y"));
}

/* "21 Nov 2026, 14:05" in local time. */
char *
tend_format_moment (GDateTime *when)
{
  g_autoptr(GDateTime) local_when = g_date_time_to_local (when);

  /* Translators: a day and time, see g_date_time_format(); "21 Nov 2026, 14:05" */
  return g_date_time_format (local_when, _("%-d %b %Y, %H:%M"));
}

/* "12,345" with the locale's thousands separator. */
char *
tend_format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}
