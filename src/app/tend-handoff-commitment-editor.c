// One commitment made during the sale, and its delivery review after acceptance.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-day-entry.h"
#include "tend-handoff-commitment-editor.h"

struct _TendHandoffCommitmentEditor
{
  AdwPreferencesGroup  parent_instance;

  TendHandoffPlan     *plan;           /* the form's */
  guint                index;
  TendHandoffMode      mode;
  gboolean             is_loading;

  GtkWidget           *up_button;
  GtkWidget           *down_button;
  GtkWidget           *remove_button;
  AdwEntryRow         *what_row;
  GtkWidget           *what_error_row;
  GtkLabel            *what_error;
  AdwActionRow        *due_row;
  TendDayEntry        *due_entry;
  GtkLabel            *due_label;
  GtkWidget           *due_error_row;
  GtkLabel            *due_error;
  AdwComboRow         *review_row;
};

G_DEFINE_FINAL_TYPE (TendHandoffCommitmentEditor, tend_handoff_commitment_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  REVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TendHandoffCommitment *
get_commitment (TendHandoffCommitmentEditor *self)
{
  if (self->plan == NULL || self->index >= self->plan->commitments->len)
    return NULL;
  return g_ptr_array_index (self->plan->commitments, self->index);
}

static void
on_field_changed (TendHandoffCommitmentEditor *self)
{
  TendHandoffCommitment *c = get_commitment (self);

  if (self->is_loading || c == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  tend_handoff_set_text (&c->what, gtk_editable_get_text (GTK_EDITABLE (self->what_row)));
  tend_handoff_set_text (&c->due_date, tend_day_entry_get_text (self->due_entry));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_review_selected (TendHandoffCommitmentEditor *self)
{
  TendHandoffCommitment *c = get_commitment (self);
  guint selected = adw_combo_row_get_selected (self->review_row);

  if (self->is_loading || c == NULL || selected >= TEND_N_COMMITMENT_STATUSES || selected == c->status)
    return;
  g_signal_emit (self, signals[REVIEW], 0, selected);
}

static void
tend_handoff_commitment_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_HANDOFF_COMMITMENT_EDITOR);

  G_OBJECT_CLASS (tend_handoff_commitment_editor_parent_class)->dispose (object);
}

static void
tend_handoff_commitment_editor_class_init (TendHandoffCommitmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_commitment_editor_dispose;

  /* Something typed: the plan in memory holds it already. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A delivery review to record on an accepted plan: the status. */
  signals[REVIEW] =
    g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (TEND_TYPE_DAY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-handoff-commitment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, what_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, what_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, what_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, due_entry);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, due_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, due_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, due_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffCommitmentEditor, review_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_review_selected);
}

static void
tend_handoff_commitment_editor_init (TendHandoffCommitmentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The day entry's own text field is what changes. */
  g_signal_connect_object (tend_day_entry_get_entry (self->due_entry), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tend_handoff_commitment_editor_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_COMMITMENT_EDITOR, NULL);
}

void
tend_handoff_commitment_editor_bind (TendHandoffCommitmentEditor *self,
                                     TendHandoffPlan             *plan,
                                     guint                        index,
                                     TendHandoffMode              mode)
{
  g_autofree char *title = NULL;
  TendHandoffCommitment *c;
  gboolean is_editable = mode == TEND_HANDOFF_MODE_EDIT;

  g_return_if_fail (TEND_IS_HANDOFF_COMMITMENT_EDITOR (self));
  g_return_if_fail (plan != NULL && index < plan->commitments->len);

  self->plan = plan;
  self->index = index;
  self->mode = mode;
  c = get_commitment (self);

  self->is_loading = TRUE;
  /* Translators: the heading of the n-th commitment made during the sale */
  title = g_strdup_printf (_("Commitment %u"), index + 1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->what_row), c->what);
  tend_day_entry_set_text (self->due_entry, c->due_date);
  gtk_label_set_label (self->due_label, c->due_date != NULL && *c->due_date != '\0' ? c->due_date : "—");
  gtk_editable_set_editable (GTK_EDITABLE (self->what_row), is_editable);
  gtk_widget_set_visible (GTK_WIDGET (self->due_entry), is_editable);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), !is_editable);
  adw_action_row_set_activatable_widget (self->due_row, is_editable ? GTK_WIDGET (self->due_entry) : NULL);
  adw_combo_row_set_selected (self->review_row, c->status);
  gtk_widget_set_visible (GTK_WIDGET (self->review_row), mode == TEND_HANDOFF_MODE_TRACK);
  tend_handoff_fields_set_row_buttons (self->up_button, self->down_button, self->remove_button,
                                       TEND_HANDOFF_SECTION_COMMITMENTS, index, plan->commitments->len,
                                       is_editable);
  self->is_loading = FALSE;
}

void
tend_handoff_commitment_editor_show_issues (TendHandoffCommitmentEditor *self,
                                            GPtrArray                   *issues,
                                            gboolean                     show_empty)
{
  g_autofree char *what = g_strdup_printf ("commitments[%u].what", self->index);
  g_autofree char *due = g_strdup_printf ("commitments[%u].due_date", self->index);

  g_return_if_fail (TEND_IS_HANDOFF_COMMITMENT_EDITOR (self));

  tend_handoff_fields_show_issue (GTK_WIDGET (self->what_row), self->what_error_row, self->what_error,
                                  tend_handoff_fields_pick_issue (issues, what,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->what_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->due_row), self->due_error_row, self->due_error,
                                  tend_handoff_fields_pick_issue (issues, due,
                                                                  tend_day_entry_get_text (self->due_entry),
                                                                  show_empty));
}

gboolean
tend_handoff_commitment_editor_focus_field (TendHandoffCommitmentEditor *self,
                                            const char                  *field)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_COMMITMENT_EDITOR (self), FALSE);

  if (g_strcmp0 (field, "due_date") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->due_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->what_row));
}
