// A line of the handoff lists, drawn from a TendHandoffItem.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-item.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_ROW (tend_handoff_row_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffRow, tend_handoff_row, TEND, HANDOFF_ROW, AdwActionRow)

/* The row factory of the lists bound with gtk_list_box_bind_model (). */
GtkWidget       *tend_handoff_row_new      (TendHandoffItem *item);
TendHandoffItem *tend_handoff_row_get_item (TendHandoffRow  *self);

G_END_DECLS
