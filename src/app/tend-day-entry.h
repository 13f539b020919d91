// A day typed as YYYY-MM-DD or picked from a calendar popover.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "tend-day.h"

G_BEGIN_DECLS

#define TEND_TYPE_DAY_ENTRY (tend_day_entry_get_type ())
G_DECLARE_FINAL_TYPE (TendDayEntry, tend_day_entry, TEND, DAY_ENTRY, GtkBox)

GtkWidget  *tend_day_entry_new       (void);
/* TEND_DAY_NONE while the text is empty or not a day. */
TendDay     tend_day_entry_get_day   (TendDayEntry *self);
void        tend_day_entry_set_day   (TendDayEntry *self,
                                      TendDay       day);
const char *tend_day_entry_get_text  (TendDayEntry *self);
void        tend_day_entry_set_text  (TendDayEntry *self,
                                      const char   *text);
GtkWidget  *tend_day_entry_get_entry (TendDayEntry *self);

G_END_DECLS
