// The accounts page: a searchable, sortable list beside the selected account.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACCOUNTS_PAGE (tend_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountsPage, tend_accounts_page, TEND, ACCOUNTS_PAGE, AdwBin)

GtkWidget     *tend_accounts_page_new           (void);
TendWorkspace *tend_accounts_page_get_workspace (TendAccountsPage *self);
void           tend_accounts_page_set_workspace (TendAccountsPage *self,
                                                 TendWorkspace    *workspace);

G_END_DECLS
