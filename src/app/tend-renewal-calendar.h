// The renewal month grid: weeks of a month, each day with its renewals.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "tend-day.h"

G_BEGIN_DECLS

#define TEND_TYPE_RENEWAL_CALENDAR (tend_renewal_calendar_get_type ())
G_DECLARE_FINAL_TYPE (TendRenewalCalendar, tend_renewal_calendar, TEND, RENEWAL_CALENDAR, GtkBox)

GtkWidget  *tend_renewal_calendar_new         (void);
/* renewals: TendRenewalItem renewals sorted by date. The months shown run
 * from first's through last's; days outside first .. last are dimmed. */
void        tend_renewal_calendar_set_model   (TendRenewalCalendar *self,
                                               GListModel          *renewals);
void        tend_renewal_calendar_set_range   (TendRenewalCalendar *self,
                                               TendDay              first,
                                               TendDay              last);
/* Compact: chips without names, for a narrow window. */
void        tend_renewal_calendar_set_compact (TendRenewalCalendar *self,
                                               gboolean             is_compact);
/* The first day of the month on screen. */
TendDay     tend_renewal_calendar_get_month   (TendRenewalCalendar *self);
void        tend_renewal_calendar_show_month  (TendRenewalCalendar *self,
                                               TendDay              day);

G_END_DECLS
