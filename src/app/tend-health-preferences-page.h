// Preferences of the health score: who you are, tier bounds, stage weights.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_HEALTH_PREFERENCES_PAGE (tend_health_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (TendHealthPreferencesPage, tend_health_preferences_page, TEND, HEALTH_PREFERENCES_PAGE, AdwPreferencesPage)

GtkWidget *tend_health_preferences_page_new (void);

G_END_DECLS
