// One known risk of a handoff plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-handoff-risk-editor.h"

struct _TendHandoffRiskEditor
{
  AdwPreferencesGroup  parent_instance;

  TendHandoffPlan     *plan;           /* the form's */
  guint                index;
  TendHandoffMode      mode;
  gboolean             is_loading;

  GtkWidget           *up_button;
  GtkWidget           *down_button;
  GtkWidget           *remove_button;
  AdwEntryRow         *risk_row;
  GtkWidget           *risk_error_row;
  GtkLabel            *risk_error;
};

G_DEFINE_FINAL_TYPE (TendHandoffRiskEditor, tend_handoff_risk_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_field_changed (TendHandoffRiskEditor *self)
{
  if (self->is_loading || self->plan == NULL || self->index >= self->plan->risks->len ||
      self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  tend_handoff_set_text ((char **) &g_ptr_array_index (self->plan->risks, self->index),
                         gtk_editable_get_text (GTK_EDITABLE (self->risk_row)));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tend_handoff_risk_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_HANDOFF_RISK_EDITOR);

  G_OBJECT_CLASS (tend_handoff_risk_editor_parent_class)->dispose (object);
}

static void
tend_handoff_risk_editor_class_init (TendHandoffRiskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_risk_editor_dispose;

  /* Something typed: the plan in memory holds it already. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-handoff-risk-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRiskEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRiskEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRiskEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRiskEditor, risk_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRiskEditor, risk_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffRiskEditor, risk_error);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
}

static void
tend_handoff_risk_editor_init (TendHandoffRiskEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_handoff_risk_editor_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_RISK_EDITOR, NULL);
}

void
tend_handoff_risk_editor_bind (TendHandoffRiskEditor *self,
                               TendHandoffPlan       *plan,
                               guint                  index,
                               TendHandoffMode        mode)
{
  g_autofree char *title = NULL;
  gboolean is_editable = mode == TEND_HANDOFF_MODE_EDIT;

  g_return_if_fail (TEND_IS_HANDOFF_RISK_EDITOR (self));
  g_return_if_fail (plan != NULL && index < plan->risks->len);

  self->plan = plan;
  self->index = index;
  self->mode = mode;

  self->is_loading = TRUE;
  /* Translators: the heading of the n-th known risk */
  title = g_strdup_printf (_("Risk %u"), index + 1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->risk_row), g_ptr_array_index (plan->risks, index));
  gtk_editable_set_editable (GTK_EDITABLE (self->risk_row), is_editable);
  tend_handoff_fields_set_row_buttons (self->up_button, self->down_button, self->remove_button,
                                       TEND_HANDOFF_SECTION_RISKS, index, plan->risks->len, is_editable);
  self->is_loading = FALSE;
}

void
tend_handoff_risk_editor_show_issues (TendHandoffRiskEditor *self,
                                      GPtrArray             *issues,
                                      gboolean               show_empty)
{
  g_autofree char *field = g_strdup_printf ("risks[%u]", self->index);

  g_return_if_fail (TEND_IS_HANDOFF_RISK_EDITOR (self));

  tend_handoff_fields_show_issue (GTK_WIDGET (self->risk_row), self->risk_error_row, self->risk_error,
                                  tend_handoff_fields_pick_issue (issues, field,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->risk_row)),
                                                                  show_empty));
}

gboolean
tend_handoff_risk_editor_focus_field (TendHandoffRiskEditor *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_RISK_EDITOR (self), FALSE);

  return gtk_widget_grab_focus (GTK_WIDGET (self->risk_row));
}
