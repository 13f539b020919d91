// A health tier shown by icon, word and colour together, never colour alone.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-tier-badge.h"

struct _TendTierBadge
{
  GtkWidget  parent_instance;

  TendTier   tier;

  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *label;
};

G_DEFINE_FINAL_TYPE (TendTierBadge, tend_tier_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *tier_classes[TEND_N_TIERS] = {
  [TEND_TIER_UNKNOWN] = "tier-unknown",
  [TEND_TIER_RED] = "tier-red",
  [TEND_TIER_AMBER] = "tier-amber",
  [TEND_TIER_GREEN] = "tier-green",
};

static void
show_tier (TendTierBadge *self)
{
  for (int t = 0; t < TEND_N_TIERS; t++)
    gtk_widget_remove_css_class (self->box, tier_classes[t]);
  gtk_widget_add_css_class (self->box, tend_tier_get_css_class (self->tier));
  gtk_image_set_from_icon_name (self->icon, tend_tier_get_icon_name (self->tier));
  gtk_label_set_label (self->label, tend_tier_get_word (self->tier));
}

static void
tend_tier_badge_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_TIER_BADGE);

  G_OBJECT_CLASS (tend_tier_badge_parent_class)->dispose (object);
}

static void
tend_tier_badge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TendTierBadge *self = TEND_TIER_BADGE (object);

  switch (prop_id)
    {
    case PROP_TIER:
      g_value_set_int (value, self->tier);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_tier_badge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TendTierBadge *self = TEND_TIER_BADGE (object);

  switch (prop_id)
    {
    case PROP_TIER:
      tend_tier_badge_set_tier (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_tier_badge_class_init (TendTierBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_tier_badge_dispose;
  object_class->get_property = tend_tier_badge_get_property;
  object_class->set_property = tend_tier_badge_set_property;

  properties[PROP_TIER] =
    g_param_spec_int ("tier", NULL, NULL, TEND_TIER_UNKNOWN, TEND_N_TIERS - 1, TEND_TIER_UNKNOWN,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tierbadge");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-tier-badge.ui");
  gtk_widget_class_bind_template_child (widget_class, TendTierBadge, box);
  gtk_widget_class_bind_template_child (widget_class, TendTierBadge, icon);
  gtk_widget_class_bind_template_child (widget_class, TendTierBadge, label);
}

static void
tend_tier_badge_init (TendTierBadge *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_tier (self);
}

GtkWidget *
tend_tier_badge_new (void)
{
  return g_object_new (TEND_TYPE_TIER_BADGE, NULL);
}

TendTier
tend_tier_badge_get_tier (TendTierBadge *self)
{
  g_return_val_if_fail (TEND_IS_TIER_BADGE (self), TEND_TIER_UNKNOWN);
  return self->tier;
}

void
tend_tier_badge_set_tier (TendTierBadge *self,
                          TendTier       tier)
{
  g_return_if_fail (TEND_IS_TIER_BADGE (self));

  if (tier < TEND_TIER_UNKNOWN || tier >= TEND_N_TIERS)
    tier = TEND_TIER_UNKNOWN;
  if (self->tier == tier)
    return;
  self->tier = tier;
  show_tier (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
}

/* The word a person reads; unknown is "not enough data", never a colour. */
const char *
tend_tier_get_word (TendTier tier)
{
  switch (tier)
    {
    case TEND_TIER_GREEN:
      return C_("tier", "Green");
    case TEND_TIER_AMBER:
      return C_("tier", "Amber");
    case TEND_TIER_RED:
      return C_("tier", "Red");
    case TEND_TIER_UNKNOWN:
    case TEND_N_TIERS:
    default:
      return C_("tier", "Not enough data");
    }
}

const char *
tend_tier_get_icon_name (TendTier tier)
{
  switch (tier)
    {
    case TEND_TIER_GREEN:
      return "emblem-ok-symbolic";
    case TEND_TIER_AMBER:
      return "dialog-warning-symbolic";
    case TEND_TIER_RED:
      return "dialog-error-symbolic";
    case TEND_TIER_UNKNOWN:
    case TEND_N_TIERS:
    default:
      return "dialog-question-symbolic";
    }
}

/* "tier-green", … for ui/style.css. */
const char *
tend_tier_get_css_class (TendTier tier)
{
  return tier >= TEND_TIER_UNKNOWN && tier < TEND_N_TIERS ? tier_classes[tier] : tier_classes[0];
}
