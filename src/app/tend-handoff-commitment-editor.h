// One commitment made during the sale, and its delivery review after acceptance.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-fields.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFF_COMMITMENT_EDITOR (tend_handoff_commitment_editor_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffCommitmentEditor, tend_handoff_commitment_editor,
                      TEND, HANDOFF_COMMITMENT_EDITOR, AdwPreferencesGroup)

GtkWidget *tend_handoff_commitment_editor_new         (void);
/* Shows and edits plan's commitment index; plan must outlive the editor. */
void       tend_handoff_commitment_editor_bind        (TendHandoffCommitmentEditor *self,
                                                       TendHandoffPlan             *plan,
                                                       guint                        index,
                                                       TendHandoffMode              mode);
void       tend_handoff_commitment_editor_show_issues (TendHandoffCommitmentEditor *self,
                                                       GPtrArray                   *issues,
                                                       gboolean                     show_empty);
/* field is the member after "commitments[i].", e.g. "due_date". */
gboolean   tend_handoff_commitment_editor_focus_field (TendHandoffCommitmentEditor *self,
                                                       const char                  *field);

G_END_DECLS
