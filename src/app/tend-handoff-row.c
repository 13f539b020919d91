// A line of the handoff lists, drawn from a TendHandoffItem.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-handoff-row.h"

struct _TendHandoffRow
{
  AdwActionRow     parent_instance;

  TendHandoffItem *item;

  GtkLabel        *detail_label;
  GtkLabel        *badge_label;
  GtkWidget       *start_button;
  GtkWidget       *open_icon;
};

G_DEFINE_FINAL_TYPE (TendHandoffRow, tend_handoff_row, ADW_TYPE_ACTION_ROW)

static void
show_item (TendHandoffRow *self)
{
  TendHandoffItem *item = self->item;
  const char *detail = tend_handoff_item_get_detail (item);
  const char *badge = tend_handoff_item_get_badge (item);
  const char *badge_class = tend_handoff_item_get_badge_class (item);
  gboolean is_awaiting = tend_handoff_item_get_kind (item) == TEND_HANDOFF_ITEM_AWAITING;
  gboolean can_open = tend_handoff_item_get_plan_id (item) != 0 &&
                      tend_handoff_item_get_kind (item) != TEND_HANDOFF_ITEM_OBJECTIVE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), tend_handoff_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), tend_handoff_item_get_subtitle (item) ?: "");
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_label_set_label (self->badge_label, badge != NULL ? badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), badge != NULL);
  if (badge_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), badge_class);

  /* A won deal without a plan offers to start one; a plan opens. */
  gtk_widget_set_visible (self->start_button, is_awaiting && !can_open);
  if (is_awaiting && !can_open)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_button), "s",
                                      tend_handoff_item_get_deal_id (item));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button),
                                  is_awaiting && !can_open ? "handoffs.start-plan" : NULL);
  gtk_widget_set_visible (self->open_icon, can_open);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), can_open);
}

static void
tend_handoff_row_dispose (GObject *object)
{
  TendHandoffRow *self = TEND_HANDOFF_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_HANDOFF_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (tend_handoff_row_parent_class)->dispose (object);
}

static void
tend_handoff_row_class_init (TendHandoffRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-handoff-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRow, badge_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRow, start_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRow, open_icon);
}

static void
tend_handoff_row_init (TendHandoffRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_handoff_row_new (TendHandoffItem *item)
{
  TendHandoffRow *self;

  g_return_val_if_fail (TEND_IS_HANDOFF_ITEM (item), NULL);

  self = g_object_new (TEND_TYPE_HANDOFF_ROW, NULL);
  self->item = g_object_ref (item);
  show_item (self);
  return GTK_WIDGET (self);
}

TendHandoffItem *
tend_handoff_row_get_item (TendHandoffRow *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_ROW (self), NULL);
  return self->item;
}
