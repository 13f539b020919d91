// A line of the renewal agenda: a week's heading with its ARR, or a renewal.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "tend-renewal-item.h"

G_BEGIN_DECLS

#define TEND_TYPE_AGENDA_ROW (tend_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (TendAgendaRow, tend_agenda_row, TEND, AGENDA_ROW, GtkBox)

GtkWidget *tend_agenda_row_new      (void);
void       tend_agenda_row_set_item (TendAgendaRow   *self,
                                     TendRenewalItem *item);

G_END_DECLS
