// Calendar days (UTC) as Julian day numbers, with strict ISO 8601 parsing.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-day.h"
#include "tend-error.h"

static gboolean
read_digits (const char *p,
             int         n,
             int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_ymd (const char *text,
           TendDay    *out_day)
{
  int y, m, d;

  if (!read_digits (text, 4, &y) || text[4] != '-' ||
      !read_digits (text + 5, 2, &m) || text[7] != '-' ||
      !read_digits (text + 8, 2, &d))
    return FALSE;
  if (y < 1900 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *out_day = tend_day_from_ymd (y, m, d);
  return TRUE;
}

/* Accepts exactly YYYY-MM-DD. */
gboolean
tend_day_parse (const char  *text,
                TendDay     *out_day,
                GError     **error)
{
  if (text == NULL || strlen (text) != 10 || !parse_ymd (text, out_day))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is not a date; expected YYYY-MM-DD",
                   text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* Accepts an ISO 8601 datetime with a zone (Z or ±hh:mm / ±hhmm), a bare
 * YYYY-MM-DD (midnight UTC), or epoch milliseconds as some older HubSpot
 * properties use. The day returned is the UTC calendar day. */
gboolean
tend_day_parse_datetime (const char  *text,
                         TendDay     *out_day,
                         gint64      *out_unix_ms,
                         GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gsize len;

  if (text == NULL || *text == '\0')
    goto bad;
  len = strlen (text);

  if (len >= 11 && len <= 14)
    {
      /* all digits: epoch milliseconds */
      guint64 ms;
      char *end = NULL;
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (text[i]))
          goto iso;
      ms = g_ascii_strtoull (text, &end, 10);
      g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc ((gint64) (ms / 1000));
      if (seconds == NULL)
        goto bad;
      dt = g_date_time_add (seconds, (GTimeSpan) (ms % 1000) * 1000);
      goto done;
    }

iso:
  if (len == 10)
    {
      TendDay day;
      if (!parse_ymd (text, &day))
        goto bad;
      if (out_day)
        *out_day = day;
      if (out_unix_ms)
        {
          GDate gd;
          tend_day_to_gdate (day, &gd);
          g_autoptr(GDateTime) mid = g_date_time_new_utc (g_date_get_year (&gd),
                                                          g_date_get_month (&gd),
                                                          g_date_get_day (&gd), 0, 0, 0);
          *out_unix_ms = g_date_time_to_unix (mid) * 1000;
        }
      return TRUE;
    }
  if (len < 20 || text[10] != 'T')
    goto bad;
  {
    TendDay check;
    if (!parse_ymd (text, &check))
      goto bad;
  }
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    goto bad;

done:
  /* The zone may move the instant past year 9999 (NULL) or before 1900:
   * outside the days Tend reads back, so not a date it keeps. */
  utc = g_date_time_to_utc (dt);
  if (utc == NULL || g_date_time_get_year (utc) < 1900)
    goto bad;
  if (out_day)
    *out_day = tend_day_from_ymd (g_date_time_get_year (utc),
                                  g_date_time_get_month (utc),
                                  g_date_time_get_day_of_month (utc));
  if (out_unix_ms)
    *out_unix_ms = g_date_time_to_unix (utc) * 1000 + g_date_time_get_microsecond (utc) / 1000;
  return TRUE;

bad:
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "“%s” is not a date and time; expected ISO 8601 such as 2026-03-07T16:50:06Z",
               text ? text : "");
  return FALSE;
}

TendDay
tend_day_from_ymd (int year,
                   int month,
                   int day)
{
  GDate d;

  if (!g_date_valid_dmy (day, month, year))
    return TEND_DAY_NONE;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  return g_date_get_julian (&d);
}

TendDay
tend_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return tend_day_from_ymd (g_date_time_get_year (now),
                            g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now));
}

void
tend_day_to_gdate (TendDay  day,
                   GDate   *out)
{
  g_date_clear (out, 1);
  if (day != TEND_DAY_NONE)
    g_date_set_julian (out, day);
}

void
tend_day_format (TendDay day,
                 char    out[11])
{
  GDate d;

  if (day == TEND_DAY_NONE)
    {
      out[0] = '\0';
      return;
    }
  tend_day_to_gdate (day, &d);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&d),
              g_date_get_month (&d), g_date_get_day (&d));
}

char *
tend_day_to_iso (TendDay day)
{
  char buf[11];

  if (day == TEND_DAY_NONE)
    return NULL;
  tend_day_format (day, buf);
  return g_strdup (buf);
}

TendDay
tend_day_add_days (TendDay day,
                   int     n)
{
  if (day == TEND_DAY_NONE)
    return TEND_DAY_NONE;
  return (TendDay) ((gint64) day + n);
}

/* Keeps the day of the month and clamps it to the month's last day, as
 * g_date_add_months does (Jan 31 + 1 month = Feb 28 or 29). */
TendDay
tend_day_add_months (TendDay day,
                     int     n)
{
  GDate d;

  if (day == TEND_DAY_NONE)
    return TEND_DAY_NONE;
  tend_day_to_gdate (day, &d);
  if (n >= 0)
    g_date_add_months (&d, n);
  else
    g_date_subtract_months (&d, -n);
  return g_date_get_julian (&d);
}

int
tend_day_year (TendDay day)
{
  GDate d;
  tend_day_to_gdate (day, &d);
  return g_date_get_year (&d);
}

int
tend_day_month (TendDay day)
{
  GDate d;
  tend_day_to_gdate (day, &d);
  return g_date_get_month (&d);
}

int
tend_day_of_month (TendDay day)
{
  GDate d;
  tend_day_to_gdate (day, &d);
  return g_date_get_day (&d);
}

/* The largest m with from + m months <= to (0 when to < from). */
int
tend_day_full_months_between (TendDay from,
                              TendDay to)
{
  int m;

  if (from == TEND_DAY_NONE || to == TEND_DAY_NONE || to < from)
    return 0;
  m = (tend_day_year (to) - tend_day_year (from)) * 12 +
      (tend_day_month (to) - tend_day_month (from));
  if (m < 0)
    m = 0;
  while (m > 0 && tend_day_add_months (from, m) > to)
    m--;
  while (tend_day_add_months (from, m + 1) <= to)
    m++;
  return m;
}

char *
tend_unix_ms_to_iso (gint64 unix_ms)
{
  /* Floor division: an instant before 1970 with milliseconds lies in the
   * second before the one C's division towards zero gives. */
  gint64 seconds = unix_ms / 1000 - (unix_ms % 1000 < 0 ? 1 : 0);
  int millis = (int) (unix_ms - seconds * 1000);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          millis);
}
