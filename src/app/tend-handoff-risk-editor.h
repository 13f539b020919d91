// One known risk of a handoff plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-fields.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_RISK_EDITOR (tend_handoff_risk_editor_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffRiskEditor, tend_handoff_risk_editor,
                      TEND, HANDOFF_RISK_EDITOR, AdwPreferencesGroup)

GtkWidget *tend_handoff_risk_editor_new         (void);
/* Shows and edits plan's risk index; plan must outlive the editor. */
void       tend_handoff_risk_editor_bind        (TendHandoffRiskEditor *self,
                                                 TendHandoffPlan       *plan,
                                                 guint                  index,
                                                 TendHandoffMode        mode);
void       tend_handoff_risk_editor_show_issues (TendHandoffRiskEditor *self,
                                                 GPtrArray             *issues,
                                                 gboolean               show_empty);
gboolean   tend_handoff_risk_editor_focus_field (TendHandoffRiskEditor *self);

G_END_DECLS
