// NRR and GRR per CSM portfolio over a chosen period, against the target.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_NRR_VIEW (tend_nrr_view_get_type ())
G_DECLARE_FINAL_TYPE (TendNrrView, tend_nrr_view, TEND, NRR_VIEW, AdwBin)

GtkWidget *tend_nrr_view_new           (void);
void       tend_nrr_view_set_workspace (TendNrrView   *self,
                                        TendWorkspace *workspace);
/* The portfolios on screen, totals first (TendPortfolioItem). */
GListModel *tend_nrr_view_get_portfolios (TendNrrView *self);
gboolean   tend_nrr_view_get_is_loaded (TendNrrView   *self);

G_END_DECLS
