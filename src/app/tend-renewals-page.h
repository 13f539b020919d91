// The renewals page: the horizon as a month grid and an agenda by week,
// and a renewal's risk assessment and milestones (DOMAIN.md 6).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_RENEWALS_PAGE (tend_renewals_page_get_type ())
G_DECLARE_FINAL_TYPE (TendRenewalsPage, tend_renewals_page, TEND, RENEWALS_PAGE, AdwBin)

GtkWidget     *tend_renewals_page_new           (void);
TendWorkspace *tend_renewals_page_get_workspace (TendRenewalsPage *self);
void           tend_renewals_page_set_workspace (TendRenewalsPage *self,
                                                 TendWorkspace    *workspace);
/* Opens the assessment form of the account's renewal in the horizon. */
gboolean       tend_renewals_page_open_renewal  (TendRenewalsPage *self,
                                                 const char       *account_id);
/* What Export Calendar… and Export CSV… write once a file is chosen. */
gboolean       tend_renewals_page_export        (TendRenewalsPage *self,
                                                 gboolean          as_calendar,
                                                 const char       *path);

G_END_DECLS
