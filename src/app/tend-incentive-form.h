// The form that records an incentive entry, with its clawback rule.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_INCENTIVE_FORM (tend_incentive_form_get_type ())
G_DECLARE_FINAL_TYPE (TendIncentiveForm, tend_incentive_form, TEND, INCENTIVE_FORM, AdwWindow)

TendIncentiveForm *tend_incentive_form_new            (GtkWindow         *parent,
                                                       TendWorkspace     *workspace);
TendWorkspace     *tend_incentive_form_get_workspace  (TendIncentiveForm *self);
/* Picks the account as if chosen from the search; FALSE when not in the book. */
gboolean           tend_incentive_form_choose_account (TendIncentiveForm *self,
                                                       const char        *account_id);

G_END_DECLS
