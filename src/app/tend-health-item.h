// One account of the dashboard: its health, made only for the rows on screen.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-health.h"

G_BEGIN_DECLS

#define TEND_TYPE_HEALTH_ITEM (tend_health_item_get_type ())
G_DECLARE_FINAL_TYPE (TendHealthItem, tend_health_item, TEND, HEALTH_ITEM, GObject)

TendHealthItem *tend_health_item_new            (const TendBook   *book,
                                                 const TendHealth *health,
                                                 GArray           *trend);
const char     *tend_health_item_get_id         (TendHealthItem   *self);
const char     *tend_health_item_get_name       (TendHealthItem   *self);
const char     *tend_health_item_get_owner_name (TendHealthItem   *self);
const char     *tend_health_item_get_segment    (TendHealthItem   *self);
TendStage       tend_health_item_get_stage      (TendHealthItem   *self);
TendTier        tend_health_item_get_tier       (TendHealthItem   *self);
double          tend_health_item_get_score      (TendHealthItem   *self);
gboolean        tend_health_item_get_arr        (TendHealthItem   *self,
                                                 gint64           *out_cents);
const char     *tend_health_item_get_currency   (TendHealthItem   *self);
const double   *tend_health_item_get_trend      (TendHealthItem   *self,
                                                 guint            *n_values);

const char     *tend_stage_get_word             (TendStage         stage);

G_END_DECLS
