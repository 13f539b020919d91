// One stakeholder of a handoff plan: who they are and their part in the deal.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-handoff-stakeholder-editor.h"

struct _TendHandoffStakeholderEditor
{
  AdwPreferencesGroup  parent_instance;

  TendHandoffPlan     *plan;           /* the form's */
  guint                index;
  TendHandoffMode      mode;
  gboolean             is_loading;

  GtkWidget           *up_button;
  GtkWidget           *down_button;
  GtkWidget           *remove_button;
  AdwEntryRow         *name_row;
  GtkWidget           *name_error_row;
  GtkLabel            *name_error;
  AdwEntryRow         *role_row;
  GtkWidget           *role_error_row;
  GtkLabel            *role_error;
  AdwEntryRow         *email_row;
  GtkWidget           *email_error_row;
  GtkLabel            *email_error;
  GtkCheckButton      *champion_check;
  GtkCheckButton      *decision_maker_check;
  GtkCheckButton      *sponsor_check;
};

G_DEFINE_FINAL_TYPE (TendHandoffStakeholderEditor, tend_handoff_stakeholder_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TendHandoffStakeholder *
get_stakeholder (TendHandoffStakeholderEditor *self)
{
  if (self->plan == NULL || self->index >= self->plan->stakeholders->len)
    return NULL;
  return g_ptr_array_index (self->plan->stakeholders, self->index);
}

static void
on_field_changed (TendHandoffStakeholderEditor *self)
{
  TendHandoffStakeholder *s = get_stakeholder (self);

  if (self->is_loading || s == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  tend_handoff_set_text (&s->name, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  tend_handoff_set_text (&s->role, gtk_editable_get_text (GTK_EDITABLE (self->role_row)));
  tend_handoff_set_text (&s->email, gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  s->is_champion = gtk_check_button_get_active (self->champion_check);
  s->is_decision_maker = gtk_check_button_get_active (self->decision_maker_check);
  s->is_executive_sponsor = gtk_check_button_get_active (self->sponsor_check);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tend_handoff_stakeholder_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_HANDOFF_STAKEHOLDER_EDITOR);

  G_OBJECT_CLASS (tend_handoff_stakeholder_editor_parent_class)->dispose (object);
}

static void
tend_handoff_stakeholder_editor_class_init (TendHandoffStakeholderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_stakeholder_editor_dispose;

  /* Something typed: the plan in memory holds it already. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-handoff-stakeholder-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, name_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, role_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, role_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, email_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, email_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, champion_check);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, decision_maker_check);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffStakeholderEditor, sponsor_check);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
}

static void
tend_handoff_stakeholder_editor_init (TendHandoffStakeholderEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_handoff_stakeholder_editor_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_STAKEHOLDER_EDITOR, NULL);
}

void
tend_handoff_stakeholder_editor_bind (TendHandoffStakeholderEditor *self,
                                      TendHandoffPlan              *plan,
                                      guint                         index,
                                      TendHandoffMode               mode)
{
  g_autofree char *title = NULL;
  TendHandoffStakeholder *s;
  gboolean is_editable = mode == TEND_HANDOFF_MODE_EDIT;

  g_return_if_fail (TEND_IS_HANDOFF_STAKEHOLDER_EDITOR (self));
  g_return_if_fail (plan != NULL && index < plan->stakeholders->len);

  self->plan = plan;
  self->index = index;
  self->mode = mode;
  s = get_stakeholder (self);

  self->is_loading = TRUE;
  /* Translators: the heading of the n-th stakeholder */
  title = g_strdup_printf (_("Stakeholder %u"), index + 1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->name_row), s->name);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->role_row), s->role);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->email_row), s->email);
  gtk_check_button_set_active (self->champion_check, s->is_champion);
  gtk_check_button_set_active (self->decision_maker_check, s->is_decision_maker);
  gtk_check_button_set_active (self->sponsor_check, s->is_executive_sponsor);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), is_editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->role_row), is_editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->email_row), is_editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->champion_check), is_editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->decision_maker_check), is_editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sponsor_check), is_editable);
  tend_handoff_fields_set_row_buttons (self->up_button, self->down_button, self->remove_button,
                                       TEND_HANDOFF_SECTION_STAKEHOLDERS, index, plan->stakeholders->len,
                                       is_editable);
  self->is_loading = FALSE;
}

void
tend_handoff_stakeholder_editor_show_issues (TendHandoffStakeholderEditor *self,
                                             GPtrArray                    *issues,
                                             gboolean                      show_empty)
{
  g_autofree char *name = g_strdup_printf ("stakeholders[%u].name", self->index);
  g_autofree char *role = g_strdup_printf ("stakeholders[%u].role", self->index);
  g_autofree char *email = g_strdup_printf ("stakeholders[%u].email", self->index);

  g_return_if_fail (TEND_IS_HANDOFF_STAKEHOLDER_EDITOR (self));

  tend_handoff_fields_show_issue (GTK_WIDGET (self->name_row), self->name_error_row, self->name_error,
                                  tend_handoff_fields_pick_issue (issues, name,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->role_row), self->role_error_row, self->role_error,
                                  tend_handoff_fields_pick_issue (issues, role,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->role_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->email_row), self->email_error_row, self->email_error,
                                  tend_handoff_fields_pick_issue (issues, email,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                                                  show_empty));
}

gboolean
tend_handoff_stakeholder_editor_focus_field (TendHandoffStakeholderEditor *self,
                                             const char                   *field)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_STAKEHOLDER_EDITOR (self), FALSE);

  if (g_strcmp0 (field, "role") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->role_row));
  if (g_strcmp0 (field, "email") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  return gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
