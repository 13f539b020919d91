// One stakeholder of a handoff plan: who they are and their part in the deal.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-fields.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_STAKEHOLDER_EDITOR (tend_handoff_stakeholder_editor_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffStakeholderEditor, tend_handoff_stakeholder_editor,
                      TEND, HANDOFF_STAKEHOLDER_EDITOR, AdwPreferencesGroup)

GtkWidget *tend_handoff_stakeholder_editor_new         (void);
/* Shows and edits plan's stakeholder index; plan must outlive the editor. */
void       tend_handoff_stakeholder_editor_bind        (TendHandoffStakeholderEditor *self,
                                                        TendHandoffPlan              *plan,
                                                        guint                         index,
                                                        TendHandoffMode               mode);
void       tend_handoff_stakeholder_editor_show_issues (TendHandoffStakeholderEditor *self,
                                                        GPtrArray                    *issues,
                                                        gboolean                      show_empty);
/* field is the member after "stakeholders[i].", e.g. "email". */
gboolean   tend_handoff_stakeholder_editor_focus_field (TendHandoffStakeholderEditor *self,
                                                        const char                   *field);

G_END_DECLS
