// A health tier shown by icon, word and colour together, never colour alone.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "tend-health.h"

G_BEGIN_DECLS

#define TEND_TYPE_TIER_BADGE (tend_tier_badge_get_type ())
G_DECLARE_FINAL_TYPE (TendTierBadge, tend_tier_badge, TEND, TIER_BADGE, GtkWidget)

GtkWidget  *tend_tier_badge_new           (void);
TendTier    tend_tier_badge_get_tier      (TendTierBadge *self);
void        tend_tier_badge_set_tier      (TendTierBadge *self,
                                           TendTier       tier);

const char *tend_tier_get_word            (TendTier       tier);
const char *tend_tier_get_icon_name       (TendTier       tier);
const char *tend_tier_get_css_class       (TendTier       tier);

G_END_DECLS
