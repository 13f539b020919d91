// The open workspace shared by every page: store, book, as-of day, sync.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "tend-book.h"
#include "tend-settings.h"
#include "tend-store.h"
#include "tend-sync.h"

G_BEGIN_DECLS

#define TEND_TYPE_WORKSPACE (tend_workspace_get_type ())
G_DECLARE_FINAL_TYPE (TendWorkspace, tend_workspace, TEND, WORKSPACE, GObject)

TendWorkspace      *tend_workspace_new              (const char           *path);
gboolean            tend_workspace_open             (TendWorkspace        *self,
                                                     GError              **error);
void                tend_workspace_close            (TendWorkspace        *self);
const char         *tend_workspace_get_path         (TendWorkspace        *self);
gboolean            tend_workspace_get_is_demo      (TendWorkspace        *self);
TendStore          *tend_workspace_get_store        (TendWorkspace        *self);
const TendBook     *tend_workspace_get_book         (TendWorkspace        *self);
TendDay             tend_workspace_get_as_of        (TendWorkspace        *self);
void                tend_workspace_set_as_of        (TendWorkspace        *self,
                                                     TendDay               as_of);
const TendSettings *tend_workspace_get_settings     (TendWorkspace        *self);
GSettings          *tend_workspace_get_gsettings    (TendWorkspace        *self);
gboolean            tend_workspace_get_is_loading   (TendWorkspace        *self);
gboolean            tend_workspace_get_is_syncing   (TendWorkspace        *self);
GDateTime          *tend_workspace_get_last_sync    (TendWorkspace        *self);
const char         *tend_workspace_get_base_url     (TendWorkspace        *self);

void                tend_workspace_reload_async     (TendWorkspace        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            tend_workspace_reload_finish    (TendWorkspace        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void                tend_workspace_sync_async       (TendWorkspace        *self,
                                                     const char           *base_url,
                                                     const char           *token,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
TendSyncReport     *tend_workspace_sync_finish      (TendWorkspace        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void                tend_workspace_alerts_changed   (TendWorkspace        *self);

gboolean            tend_workspace_move_aside       (TendWorkspace        *self,
                                                     char                **out_new_path,
                                                     GError              **error);

G_END_DECLS
