// One line of the handoff lists: a won deal awaiting, a plan, or a success-plan objective.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  TEND_HANDOFF_ITEM_AWAITING,
  TEND_HANDOFF_ITEM_PLAN,
  TEND_HANDOFF_ITEM_OBJECTIVE,
} TendHandoffItemKind;

#define TEND_TYPE_HANDOFF_ITEM (tend_handoff_item_get_type ())
G_DECLARE_FINAL_TYPE (TendHandoffItem, tend_handoff_item, TEND, HANDOFF_ITEM, GObject)

TendHandoffItem     *tend_handoff_item_new             (TendHandoffItemKind  kind,
                                                        const char          *title,
                                                        const char          *subtitle);
TendHandoffItemKind  tend_handoff_item_get_kind        (TendHandoffItem     *self);
const char          *tend_handoff_item_get_title       (TendHandoffItem     *self);
const char          *tend_handoff_item_get_subtitle    (TendHandoffItem     *self);
/* The won deal a plan can be started from (awaiting lines). */
const char          *tend_handoff_item_get_deal_id     (TendHandoffItem     *self);
void                 tend_handoff_item_set_deal_id     (TendHandoffItem     *self,
                                                        const char          *deal_id);
/* The plan the line opens, or 0. */
gint64               tend_handoff_item_get_plan_id     (TendHandoffItem     *self);
void                 tend_handoff_item_set_plan_id     (TendHandoffItem     *self,
                                                        gint64               plan_id);
/* A short figure at the end of the line, such as an amount. */
const char          *tend_handoff_item_get_detail      (TendHandoffItem     *self);
void                 tend_handoff_item_set_detail      (TendHandoffItem     *self,
                                                        const char          *detail);
/* A state or status word and the style class that colours it. */
const char          *tend_handoff_item_get_badge       (TendHandoffItem     *self);
const char          *tend_handoff_item_get_badge_class (TendHandoffItem     *self);
void                 tend_handoff_item_set_badge       (TendHandoffItem     *self,
                                                        const char          *badge,
                                                        const char          *badge_class);

G_END_DECLS
