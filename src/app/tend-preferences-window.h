// Preferences: the CRM connection and the workspace file.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-workspace.h"

G_BEGIN_DECLS

#define TEND_TYPE_PREFERENCES_WINDOW (tend_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TendPreferencesWindow, tend_preferences_window, TEND, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *tend_preferences_window_new (GtkWindow     *parent,
                                        TendWorkspace *workspace);

G_END_DECLS
