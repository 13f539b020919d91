// The alerts page: open health alerts, mine or everyone's, to acknowledge.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_ALERTS_PAGE (tend_alerts_page_get_type ())
G_DECLARE_FINAL_TYPE (TendAlertsPage, tend_alerts_page, TEND, ALERTS_PAGE, AdwBin)

GtkWidget     *tend_alerts_page_new           (void);
TendWorkspace *tend_alerts_page_get_workspace (TendAlertsPage *self);
void           tend_alerts_page_set_workspace (TendAlertsPage *self,
                                               TendWorkspace  *workspace);
gboolean       tend_alerts_page_get_is_ready  (TendAlertsPage *self);

G_END_DECLS
