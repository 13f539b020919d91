// A handoff plan as a form: typed and autosaved as a draft, submitted,
// accepted or returned, then tracked as the account's success plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff.h"
#include "tend-workspace.h"

G_BEGIN_DECLS

/* How long after the last keystroke a draft is saved. */
#define TEND_HANDOFF_FORM_AUTOSAVE_MS 800

#define TEND_TYPE_HANDOFF_FORM (tend_handoff_form_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffForm, tend_handoff_form, TEND, HANDOFF_FORM, AdwBin)

GtkWidget             *tend_handoff_form_new            (void);
/* Saves what is open, then shows plan_id of the workspace's store. */
gboolean               tend_handoff_form_open           (TendHandoffForm  *self,
                                                         TendWorkspace    *workspace,
                                                         gint64            plan_id,
                                                         GError          **error);
/* Saves what was typed and empties the form. */
void                   tend_handoff_form_close          (TendHandoffForm  *self);
/* Writes a draft's unsaved changes now; TRUE when nothing is left unsaved. */
gboolean               tend_handoff_form_save           (TendHandoffForm  *self,
                                                         GError          **error);
gint64                 tend_handoff_form_get_plan_id    (TendHandoffForm  *self);
/* The plan as the form holds it, or NULL when none is open. */
const TendHandoffPlan *tend_handoff_form_get_plan       (TendHandoffForm  *self);
gboolean               tend_handoff_form_get_is_dirty   (TendHandoffForm  *self);
void                   tend_handoff_form_focus_first_field (TendHandoffForm *self);

G_END_DECLS
