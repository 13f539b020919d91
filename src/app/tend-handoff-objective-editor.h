// One customer objective of a handoff plan: typed, then tracked as the success plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-fields.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR (tend_handoff_objective_editor_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffObjectiveEditor, tend_handoff_objective_editor,
                      TEND, HANDOFF_OBJECTIVE_EDITOR, AdwPreferencesGroup)

GtkWidget *tend_handoff_objective_editor_new         (void);
/* Shows and edits plan's objective index; plan must outlive the editor. */
void       tend_handoff_objective_editor_bind        (TendHandoffObjectiveEditor *self,
                                                      TendHandoffPlan            *plan,
                                                      guint                       index,
                                                      TendHandoffMode             mode);
void       tend_handoff_objective_editor_show_issues (TendHandoffObjectiveEditor *self,
                                                      GPtrArray                  *issues,
                                                      gboolean                    show_empty);
/* field is the member after "objectives[i].", e.g. "success_metric". */
gboolean   tend_handoff_objective_editor_focus_field (TendHandoffObjectiveEditor *self,
                                                      const char                 *field);

G_END_DECLS
