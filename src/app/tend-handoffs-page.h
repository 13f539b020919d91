// The handoffs page: won deals awaiting a plan, the plans by state, and a plan's form.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff-form.h"
#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_HANDOFFS_PAGE (tend_handoffs_page_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffsPage, tend_handoffs_page, TEND, HANDOFFS_PAGE, AdwBin)

GtkWidget       *tend_handoffs_page_new        (void);
TendWorkspace   *tend_handoffs_page_get_workspace (TendHandoffsPage *self);
void             tend_handoffs_page_set_workspace (TendHandoffsPage *self,
                                                   TendWorkspace    *workspace);
/* Opens a plan in the form; FALSE with a toast when it cannot be read. */
gboolean         tend_handoffs_page_open_plan  (TendHandoffsPage *self,
                                                gint64            plan_id);
TendHandoffForm *tend_handoffs_page_get_form   (TendHandoffsPage *self);
/* The won deals awaiting a plan and the plans, as the lists show them. */
GListModel      *tend_handoffs_page_get_awaiting (TendHandoffsPage *self);
GListModel      *tend_handoffs_page_get_plans  (TendHandoffsPage *self,
                                                TendHandoffState  state);

G_END_DECLS
