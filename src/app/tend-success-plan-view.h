// An account's success plan: the accepted handoff's objectives, status and latest note.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_SUCCESS_PLAN_VIEW (tend_success_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (TendSuccessPlanView, tend_success_plan_view, TEND, SUCCESS_PLAN_VIEW, AdwBin)

GtkWidget     *tend_success_plan_view_new            (void);
void           tend_success_plan_view_set_workspace  (TendSuccessPlanView *self,
                                                      TendWorkspace       *workspace);
void           tend_success_plan_view_set_account_id (TendSuccessPlanView *self,
                                                      const char          *account_id);
/* The objectives shown, as TendHandoffItem. */
GListModel    *tend_success_plan_view_get_objectives (TendSuccessPlanView *self);

G_END_DECLS
