// One component of a health score: value, weight, points and the facts.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-health-component-row.h"

struct _TendHealthComponentRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *value_label;
  GtkLevelBar   *level_bar;
  GtkLabel      *weight_label;
  GtkLabel      *facts_label;
};

G_DEFINE_FINAL_TYPE (TendHealthComponentRow, tend_health_component_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_health_component_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TendHealthComponentRow *self = TEND_HEALTH_COMPONENT_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, tend_health_component_row_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_health_component_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TendHealthComponentRow *self = TEND_HEALTH_COMPONENT_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tend_health_component_row_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_health_component_row_class_init (TendHealthComponentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tend_health_component_row_get_property;
  object_class->set_property = tend_health_component_row_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-health-component-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHealthComponentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TendHealthComponentRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, TendHealthComponentRow, level_bar);
  gtk_widget_class_bind_template_child (widget_class, TendHealthComponentRow, weight_label);
  gtk_widget_class_bind_template_child (widget_class, TendHealthComponentRow, facts_label);
}

static void
tend_health_component_row_init (TendHealthComponentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bar shows the value, not a tier: no low/high colours. */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL);
}

GtkWidget *
tend_health_component_row_new (void)
{
  return g_object_new (TEND_TYPE_HEALTH_COMPONENT_ROW, NULL);
}

const char *
tend_health_component_row_get_title (TendHealthComponentRow *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_COMPONENT_ROW (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
tend_health_component_row_set_title (TendHealthComponentRow *self,
                                     const char             *title)
{
  g_return_if_fail (TEND_IS_HEALTH_COMPONENT_ROW (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* A missing component says so and shows no bar: missing is not zero. */
void
tend_health_component_row_show (TendHealthComponentRow   *self,
                                const TendComponentScore *score,
                                const char               *facts)
{
  g_autofree char *value = NULL;
  g_autofree char *weight = NULL;

  g_return_if_fail (TEND_IS_HEALTH_COMPONENT_ROW (self));
  g_return_if_fail (score != NULL);

  if (score->present)
    {
      value = g_strdup_printf ("%.1f", score->value);
      /* Translators: the weight of a component, then the points it adds to the score */
      weight = g_strdup_printf (_("Weight %g · %.1f points of the score"), score->weight, score->points);
    }
  else
    {
      value = g_strdup (_("Missing"));
      /* Translators: %g is the weight that is left out of the score */
      weight = g_strdup_printf (_("Weight %g · left out of the score"), score->weight);
    }
  gtk_label_set_label (self->value_label, value);
  gtk_level_bar_set_value (self->level_bar, score->present ? score->value : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->level_bar), score->present);
  gtk_label_set_label (self->weight_label, weight);
  gtk_label_set_label (self->facts_label, facts != NULL ? facts : "");
  gtk_widget_set_visible (GTK_WIDGET (self->facts_label), facts != NULL && *facts != '\0');
}
