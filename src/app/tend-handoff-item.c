// One line of the handoff lists: a won deal awaiting, a plan, or a success-plan objective.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-handoff-item.h"

/* The words are copied: an item outlives the book it was made from. */
struct _TendHandoffItem
{
  GObject              parent_instance;

  TendHandoffItemKind  kind;
  char                *title;
  char                *subtitle;
  char                *deal_id;
  gint64               plan_id;
  char                *detail;
  char                *badge;
  char                *badge_class;
};

G_DEFINE_FINAL_TYPE (TendHandoffItem, tend_handoff_item, G_TYPE_OBJECT)

static void
tend_handoff_item_finalize (GObject *object)
{
  TendHandoffItem *self = TEND_HANDOFF_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->deal_id);
  g_free (self->detail);
  g_free (self->badge);
  g_free (self->badge_class);

  G_OBJECT_CLASS (tend_handoff_item_parent_class)->finalize (object);
}

static void
tend_handoff_item_class_init (TendHandoffItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_handoff_item_finalize;
}

static void
tend_handoff_item_init (TendHandoffItem *self)
{
}

TendHandoffItem *
tend_handoff_item_new (TendHandoffItemKind  kind,
                       const char          *title,
                       const char          *subtitle)
{
  TendHandoffItem *self = g_object_new (TEND_TYPE_HANDOFF_ITEM, NULL);

  self->kind = kind;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

TendHandoffItemKind
tend_handoff_item_get_kind (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), TEND_HANDOFF_ITEM_PLAN);
  return self->kind;
}

const char *
tend_handoff_item_get_title (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), NULL);
  return self->title;
}

const char *
tend_handoff_item_get_subtitle (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), NULL);
  return self->subtitle;
}

const char *
tend_handoff_item_get_deal_id (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), NULL);
  return self->deal_id;
}

void
tend_handoff_item_set_deal_id (TendHandoffItem *self,
                               const char      *deal_id)
{
  g_return_if_fail (TEND_IS_HANDOFF_ITEM (self));
  g_free (self->deal_id);
  self->deal_id = g_strdup (deal_id);
}

gint64
tend_handoff_item_get_plan_id (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), 0);
  return self->plan_id;
}

void
tend_handoff_item_set_plan_id (TendHandoffItem *self,
                               gint64           plan_id)
{
  g_return_if_fail (TEND_IS_HANDOFF_ITEM (self));
  self->plan_id = plan_id;
}

const char *
tend_handoff_item_get_detail (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), NULL);
  return self->detail;
}

void
tend_handoff_item_set_detail (TendHandoffItem *self,
                              const char      *detail)
{
  g_return_if_fail (TEND_IS_HANDOFF_ITEM (self));
  g_free (self->detail);
  self->detail = g_strdup (detail);
}

const char *
tend_handoff_item_get_badge (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), NULL);
  return self->badge;
}

const char *
tend_handoff_item_get_badge_class (TendHandoffItem *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (self), NULL);
  return self->badge_class;
}

void
tend_handoff_item_set_badge (TendHandoffItem *self,
                             const char      *badge,
                             const char      *badge_class)
{
  g_return_if_fail (TEND_IS_HANDOFF_ITEM (self));
  g_free (self->badge);
  g_free (self->badge_class);
  self->badge = g_strdup (badge);
  self->badge_class = g_strdup (badge_class);
}
