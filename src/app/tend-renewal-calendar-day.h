// One day of the renewal month grid: its number and its renewals as chips.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "tend-day.h"
#include "tend-renewal-item.h"

G_BEGIN_DECLS

#define TEND_TYPE_RENEWAL_CALENDAR_DAY (tend_renewal_calendar_day_get_type ())
G_DECLARE_FINAL_TYPE (TendRenewalCalendarDay, tend_renewal_calendar_day, TEND, RENEWAL_CALENDAR_DAY, GtkBox)

/* Chips shown before the rest go behind "+N more". */
#define TEND_RENEWAL_CALENDAR_DAY_MAX_CHIPS 3

typedef enum {
  TEND_RENEWAL_DAY_OTHER_MONTH     = 1 << 0,
  TEND_RENEWAL_DAY_OUTSIDE_HORIZON = 1 << 1,
  TEND_RENEWAL_DAY_TODAY           = 1 << 2,
  TEND_RENEWAL_DAY_COMPACT         = 1 << 3,   /* chips without names */
} TendRenewalDayFlags;

GtkWidget *tend_renewal_calendar_day_new           (void);
/* items: the day's renewals (TendRenewalItem), borrowed for the call. */
void       tend_renewal_calendar_day_set           (TendRenewalCalendarDay  *self,
                                                    TendDay                  day,
                                                    TendRenewalDayFlags      flags,
                                                    TendRenewalItem        **items,
                                                    guint                    n_items);
TendDay    tend_renewal_calendar_day_get_day       (TendRenewalCalendarDay  *self);
GtkWidget *tend_renewal_calendar_day_get_more      (TendRenewalCalendarDay  *self);

G_END_DECLS
