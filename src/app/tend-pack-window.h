// A QBR pack or portfolio review: its pages previewed, its notes, export.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_PACK_WINDOW (tend_pack_window_get_type ())
G_DECLARE_FINAL_TYPE (TendPackWindow, tend_pack_window, TEND, PACK_WINDOW, AdwWindow)

TendPackWindow *tend_pack_window_new_qbr      (GtkWindow      *parent,
                                               TendWorkspace  *workspace,
                                               const char     *account_id);
/* owner_id NULL or "" reviews every account. */
TendPackWindow *tend_pack_window_new_review   (GtkWindow      *parent,
                                               TendWorkspace  *workspace,
                                               const char     *owner_id);
/* Whether the window shows the QBR of account id (is_review FALSE) or the
 * review of owner id (is_review TRUE, NULL or "" for every account) of
 * workspace. */
gboolean        tend_pack_window_shows        (TendPackWindow *self,
                                               TendWorkspace  *workspace,
                                               gboolean        is_review,
                                               const char     *id);
/* Whether the pages, the notes or an export are being worked on. */
gboolean        tend_pack_window_get_is_busy  (TendPackWindow *self);
/* Writes the PDF to path in a worker thread, then says so in a toast; what
 * Export… does once a file is chosen. */
void            tend_pack_window_export_to    (TendPackWindow *self,
                                               const char     *path);

G_END_DECLS
