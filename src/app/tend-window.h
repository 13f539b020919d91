// The main window: the welcome page, or the workspace's pages and sync.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_WINDOW (tend_window_get_type ())
G_DECLARE_FINAL_TYPE (TendWindow, tend_window, TEND, WINDOW, AdwApplicationWindow)

TendWindow    *tend_window_new            (GtkApplication *application);
void           tend_window_open_workspace (TendWindow     *self,
                                           const char     *path);
void           tend_window_open_demo      (TendWindow     *self);
TendWorkspace *tend_window_get_workspace  (TendWindow     *self);
void           tend_window_show_page      (TendWindow     *self,
                                           const char     *name);

G_END_DECLS
