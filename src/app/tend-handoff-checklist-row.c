// One step of a handoff plan's onboarding checklist, ticked when done.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-handoff-checklist-row.h"

struct _TendHandoffChecklistRow
{
  AdwActionRow    parent_instance;

  guint           index;
  gboolean        is_loading;

  GtkCheckButton *check;
};

G_DEFINE_FINAL_TYPE (TendHandoffChecklistRow, tend_handoff_checklist_row, ADW_TYPE_ACTION_ROW)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_check_toggled (TendHandoffChecklistRow *self)
{
  if (!self->is_loading)
    g_signal_emit (self, signals[TOGGLED], 0, gtk_check_button_get_active (self->check));
}

static void
tend_handoff_checklist_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_HANDOFF_CHECKLIST_ROW);

  G_OBJECT_CLASS (tend_handoff_checklist_row_parent_class)->dispose (object);
}

static void
tend_handoff_checklist_row_class_init (TendHandoffChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_checklist_row_dispose;

  /* The check button changed: whether the step is now done. */
  signals[TOGGLED] =
    g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-handoff-checklist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffChecklistRow, check);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
}

static void
tend_handoff_checklist_row_init (TendHandoffChecklistRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_handoff_checklist_row_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_CHECKLIST_ROW, NULL);
}

void
tend_handoff_checklist_row_bind (TendHandoffChecklistRow *self,
                                 TendHandoffPlan         *plan,
                                 guint                    index,
                                 TendHandoffMode          mode)
{
  const TendHandoffChecklistItem *item;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (TEND_IS_HANDOFF_CHECKLIST_ROW (self));
  g_return_if_fail (plan != NULL && index < plan->checklist->len);

  item = g_ptr_array_index (plan->checklist, index);
  self->index = index;
  self->is_loading = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), item->item != NULL ? item->item : "");
  gtk_check_button_set_active (self->check, item->is_done);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->item != NULL ? item->item : "", -1);
  if (item->is_done)
    {
      g_autofree char *day = tend_handoff_fields_format_instant (item->done_at);

      /* Translators: who ticked an onboarding step, and the day */
      subtitle = g_strdup_printf (_("Done by %s on %s"), item->done_by != NULL ? item->done_by : "—", day);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle != NULL ? subtitle : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), mode != TEND_HANDOFF_MODE_READ_ONLY);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), mode != TEND_HANDOFF_MODE_READ_ONLY);
  self->is_loading = FALSE;
}

guint
tend_handoff_checklist_row_get_index (TendHandoffChecklistRow *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_CHECKLIST_ROW (self), 0);
  return self->index;
}
