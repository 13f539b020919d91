// The incentives page: ledger per person, clawback queue, NRR per portfolio.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

typedef enum {
  TEND_INCENTIVES_EXPORT_PAYROLL,
  TEND_INCENTIVES_EXPORT_CLAWBACKS,
} TendIncentivesExport;

#define TEND_TYPE_INCENTIVES_PAGE (tend_incentives_page_get_type ())
G_DECLARE_FINAL_TYPE (TendIncentivesPage, tend_incentives_page, TEND, INCENTIVES_PAGE, AdwBin)

GtkWidget     *tend_incentives_page_new            (void);
TendWorkspace *tend_incentives_page_get_workspace  (TendIncentivesPage   *self);
void           tend_incentives_page_set_workspace  (TendIncentivesPage   *self,
                                                    TendWorkspace        *workspace);
/* TRUE once the ledger of the current book is on screen. */
gboolean       tend_incentives_page_get_is_loaded  (TendIncentivesPage   *self);
void           tend_incentives_page_show_view      (TendIncentivesPage   *self,
                                                    const char           *name);
gboolean       tend_incentives_page_export         (TendIncentivesPage   *self,
                                                    TendIncentivesExport  what,
                                                    const char           *path,
                                                    GError              **error);

G_END_DECLS
