// An account's health explained: score, components, facts, trend and alerts.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACCOUNT_HEALTH (tend_account_health_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountHealth, tend_account_health, TEND, ACCOUNT_HEALTH, AdwBin)

GtkWidget     *tend_account_health_new            (void);
TendWorkspace *tend_account_health_get_workspace  (TendAccountHealth *self);
void           tend_account_health_set_workspace  (TendAccountHealth *self,
                                                   TendWorkspace     *workspace);
const char    *tend_account_health_get_account_id (TendAccountHealth *self);
void           tend_account_health_set_account_id (TendAccountHealth *self,
                                                   const char        *account_id);

G_END_DECLS
