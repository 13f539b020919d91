// One component of a health score: value, weight, points and the facts.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "tend-health.h"

G_BEGIN_DECLS

#define TEND_TYPE_HEALTH_COMPONENT_ROW (tend_health_component_row_get_type ())
G_DECLARE_FINAL_TYPE (TendHealthComponentRow, tend_health_component_row, TEND, HEALTH_COMPONENT_ROW, GtkListBoxRow)

GtkWidget  *tend_health_component_row_new       (void);
const char *tend_health_component_row_get_title (TendHealthComponentRow   *self);
void        tend_health_component_row_set_title (TendHealthComponentRow   *self,
                                                 const char               *title);
void        tend_health_component_row_show      (TendHealthComponentRow   *self,
                                                 const TendComponentScore *score,
                                                 const char               *facts);

G_END_DECLS
