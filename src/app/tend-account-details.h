// The details of one account: who owns it, its contract, usage and activity.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-account-item.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACCOUNT_DETAILS (tend_account_details_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountDetails, tend_account_details, TEND, ACCOUNT_DETAILS, AdwBin)

GtkWidget       *tend_account_details_new      (void);
TendAccountItem *tend_account_details_get_item (TendAccountDetails *self);
void             tend_account_details_set_item (TendAccountDetails *self,
                                                TendAccountItem    *item);

G_END_DECLS
