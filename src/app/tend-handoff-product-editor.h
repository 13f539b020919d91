// One product bought and its seats, in a handoff plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-fields.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_PRODUCT_EDITOR (tend_handoff_product_editor_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffProductEditor, tend_handoff_product_editor,
                      TEND, HANDOFF_PRODUCT_EDITOR, AdwPreferencesGroup)

GtkWidget *tend_handoff_product_editor_new         (void);
/* Shows and edits plan's product index; plan must outlive the editor. */
void       tend_handoff_product_editor_bind        (TendHandoffProductEditor *self,
                                                    TendHandoffPlan          *plan,
                                                    guint                     index,
                                                    TendHandoffMode           mode);
void       tend_handoff_product_editor_show_issues (TendHandoffProductEditor *self,
                                                    GPtrArray                *issues,
                                                    gboolean                  show_empty);
/* field is the member after "products[i].", e.g. "seats". */
gboolean   tend_handoff_product_editor_focus_field (TendHandoffProductEditor *self,
                                                    const char               *field);

G_END_DECLS
