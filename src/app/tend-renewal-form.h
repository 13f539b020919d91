// A renewal's risk assessment form, its retention milestones and history.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-book.h"
#include "tend-renewals.h"
#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_RENEWAL_FORM (tend_renewal_form_get_type ())
G_DECLARE_FINAL_TYPE (TendRenewalForm, tend_renewal_form, TEND, RENEWAL_FORM, AdwBin)

GtkWidget  *tend_renewal_form_new             (void);
/* Shows renewal (of book, stored in store). Another account's renewal
 * fills the fields from its current assessment; the same account's keeps
 * what was typed and refreshes the rest. book must outlive the next call. */
void        tend_renewal_form_set_renewal     (TendRenewalForm   *self,
                                               TendStore         *store,
                                               const TendBook    *book,
                                               const TendRenewal *renewal,
                                               TendDay            as_of);
void        tend_renewal_form_clear           (TendRenewalForm   *self);
const char *tend_renewal_form_get_account_id  (TendRenewalForm   *self);
void        tend_renewal_form_focus_first_field (TendRenewalForm *self);
/* Checks the fields and saves them as the newest assessment; FALSE with
 * the messages at the fields (and nothing written) when one is wrong. */
gboolean    tend_renewal_form_save            (TendRenewalForm   *self);

G_END_DECLS
