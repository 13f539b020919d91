// The portfolio dashboard: health per tier, filters and every account's score.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_DASHBOARD_PAGE (tend_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (TendDashboardPage, tend_dashboard_page, TEND, DASHBOARD_PAGE, AdwBin)

GtkWidget     *tend_dashboard_page_new           (void);
TendWorkspace *tend_dashboard_page_get_workspace (TendDashboardPage *self);
void           tend_dashboard_page_set_workspace (TendDashboardPage *self,
                                                  TendWorkspace     *workspace);
gboolean       tend_dashboard_page_get_is_ready  (TendDashboardPage *self);
void           tend_dashboard_page_show_account  (TendDashboardPage *self,
                                                  const char        *account_id);

G_END_DECLS
