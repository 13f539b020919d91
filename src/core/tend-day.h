// Calendar days (UTC) as Julian day numbers, with strict ISO 8601 parsing.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar day as GDate's Julian day number; 0 means "no date". Cheap to
 * store in arrays of 100,000 accounts and to compare with < and -. */
typedef guint32 TendDay;

#define TEND_DAY_NONE ((TendDay) 0)

gboolean  tend_day_parse          (const char  *text,
                                   TendDay     *out_day,
                                   GError     **error);
gboolean  tend_day_parse_datetime (const char  *text,
                                   TendDay     *out_day,
                                   gint64      *out_unix_ms,
                                   GError     **error);
TendDay   tend_day_from_ymd       (int year, int month, int day);
TendDay   tend_day_today          (void);
char     *tend_day_to_iso         (TendDay      day);
void      tend_day_format         (TendDay      day,
                                   char         out[11]);
TendDay   tend_day_add_days       (TendDay      day,
                                   int          n);
TendDay   tend_day_add_months     (TendDay      day,
                                   int          n);
void      tend_day_to_gdate       (TendDay      day,
                                   GDate       *out);
int       tend_day_year           (TendDay      day);
int       tend_day_month          (TendDay      day);
int       tend_day_of_month       (TendDay      day);
int       tend_day_full_months_between (TendDay from,
                                        TendDay to);
char     *tend_unix_ms_to_iso     (gint64       unix_ms);

G_END_DECLS
