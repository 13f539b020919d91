// One step of a handoff plan's onboarding checklist, ticked when done.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-fields.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_CHECKLIST_ROW (tend_handoff_checklist_row_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffChecklistRow, tend_handoff_checklist_row,
                      TEND, HANDOFF_CHECKLIST_ROW, AdwActionRow)

GtkWidget *tend_handoff_checklist_row_new  (void);
/* Shows item index of plan; "toggled" asks the form to tick or untick it. */
void       tend_handoff_checklist_row_bind (TendHandoffChecklistRow *self,
                                            TendHandoffPlan         *plan,
                                            guint                    index,
                                            TendHandoffMode          mode);
guint      tend_handoff_checklist_row_get_index (TendHandoffChecklistRow *self);

G_END_DECLS
