// One customer objective of a handoff plan: typed, then tracked as the success plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-day-entry.h"
#include "tend-handoff-objective-editor.h"

struct _TendHandoffObjectiveEditor
{
  AdwPreferencesGroup  parent_instance;

  TendHandoffPlan     *plan;           /* the form's */
  guint                index;
  TendHandoffMode      mode;
  gboolean             is_loading;

  GtkWidget           *up_button;
  GtkWidget           *down_button;
  GtkWidget           *remove_button;
  AdwEntryRow         *objective_row;
  GtkWidget           *objective_error_row;
  GtkLabel            *objective_error;
  AdwEntryRow         *metric_row;
  GtkWidget           *metric_error_row;
  GtkLabel            *metric_error;
  AdwEntryRow         *value_row;
  GtkWidget           *value_error_row;
  GtkLabel            *value_error;
  AdwActionRow        *date_row;
  TendDayEntry        *date_entry;
  GtkLabel            *date_label;
  GtkWidget           *date_error_row;
  GtkLabel            *date_error;
  AdwComboRow         *status_row;
  GtkWidget           *history_row;
  GtkLabel            *history_label;
  AdwEntryRow         *note_row;
};

G_DEFINE_FINAL_TYPE (TendHandoffObjectiveEditor, tend_handoff_objective_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TendHandoffObjective *
get_objective (TendHandoffObjectiveEditor *self)
{
  if (self->plan == NULL || self->index >= self->plan->objectives->len)
    return NULL;
  return g_ptr_array_index (self->plan->objectives, self->index);
}

/* Newest first: "23 Nov 2026 — On Track — Dana: the note". */
static char *
format_history (const TendHandoffObjective *o)
{
  GString *text = g_string_new (NULL);

  for (guint k = o->progress->len; k > 0; k--)
    {
      const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, k - 1);
      g_autofree char *day = tend_handoff_fields_format_instant (n->noted_at);
      g_autofree char *line = NULL;

      if (n->note != NULL && *n->note != '\0')
        /* Translators: a progress note: day, status, who, the note */
        line = g_markup_printf_escaped (_("<b>%s</b> — %s — %s: %s"), day, tend_objective_status_label (n->status),
                                        n->noted_by != NULL ? n->noted_by : "", n->note);
      else
        /* Translators: a status change without a note: day, status, who */
        line = g_markup_printf_escaped (_("<b>%s</b> — %s — %s"), day, tend_objective_status_label (n->status),
                                        n->noted_by != NULL ? n->noted_by : "");
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static void
on_field_changed (TendHandoffObjectiveEditor *self)
{
  TendHandoffObjective *o = get_objective (self);

  if (self->is_loading || o == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  tend_handoff_set_text (&o->objective, gtk_editable_get_text (GTK_EDITABLE (self->objective_row)));
  tend_handoff_set_text (&o->success_metric, gtk_editable_get_text (GTK_EDITABLE (self->metric_row)));
  tend_handoff_set_text (&o->target_value, gtk_editable_get_text (GTK_EDITABLE (self->value_row)));
  tend_handoff_set_text (&o->target_date, tend_day_entry_get_text (self->date_entry));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_status_selected (TendHandoffObjectiveEditor *self)
{
  TendHandoffObjective *o = get_objective (self);
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->is_loading || o == NULL || selected >= TEND_N_OBJECTIVE_STATUSES || selected == o->status)
    return;
  g_signal_emit (self, signals[PROGRESS], 0, selected, NULL);
}

static void
on_note_apply (TendHandoffObjectiveEditor *self)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (*note == '\0' || selected >= TEND_N_OBJECTIVE_STATUSES)
    return;
  g_signal_emit (self, signals[PROGRESS], 0, selected, note);
}

static void
tend_handoff_objective_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR);

  G_OBJECT_CLASS (tend_handoff_objective_editor_parent_class)->dispose (object);
}

static void
tend_handoff_objective_editor_class_init (TendHandoffObjectiveEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_objective_editor_dispose;

  /* Something typed: the plan in memory holds it already. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Success-plan progress to record: the status and a note or NULL. */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  g_type_ensure (TEND_TYPE_DAY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-handoff-objective-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, objective_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, objective_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, objective_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, metric_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, metric_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, metric_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, value_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, value_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, date_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, date_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, history_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, history_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffObjectiveEditor, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_note_apply);
}

static void
tend_handoff_objective_editor_init (TendHandoffObjectiveEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The day entry's own text field is what changes. */
  g_signal_connect_object (tend_day_entry_get_entry (self->date_entry), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tend_handoff_objective_editor_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR, NULL);
}

void
tend_handoff_objective_editor_bind (TendHandoffObjectiveEditor *self,
                                    TendHandoffPlan            *plan,
                                    guint                       index,
                                    TendHandoffMode             mode)
{
  g_autofree char *title = NULL;
  g_autofree char *history = NULL;
  TendHandoffObjective *o;
  gboolean is_editable = mode == TEND_HANDOFF_MODE_EDIT;
  gboolean is_tracking = mode == TEND_HANDOFF_MODE_TRACK;

  g_return_if_fail (TEND_IS_HANDOFF_OBJECTIVE_EDITOR (self));
  g_return_if_fail (plan != NULL && index < plan->objectives->len);

  self->plan = plan;
  self->index = index;
  self->mode = mode;
  o = get_objective (self);

  self->is_loading = TRUE;
  /* Translators: the heading of the n-th customer objective */
  title = g_strdup_printf (_("Objective %u"), index + 1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->objective_row), o->objective);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->metric_row), o->success_metric);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->value_row), o->target_value);
  tend_day_entry_set_text (self->date_entry, o->target_date);
  gtk_label_set_label (self->date_label, o->target_date != NULL && *o->target_date != '\0' ? o->target_date : "—");
  gtk_editable_set_editable (GTK_EDITABLE (self->objective_row), is_editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->metric_row), is_editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->value_row), is_editable);
  gtk_widget_set_visible (GTK_WIDGET (self->date_entry), is_editable);
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), !is_editable);
  adw_action_row_set_activatable_widget (self->date_row, is_editable ? GTK_WIDGET (self->date_entry) : NULL);
  tend_handoff_fields_set_row_buttons (self->up_button, self->down_button, self->remove_button,
                                       TEND_HANDOFF_SECTION_OBJECTIVES, index, plan->objectives->len,
                                       is_editable);

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), is_tracking);
  gtk_widget_set_visible (GTK_WIDGET (self->note_row), is_tracking);
  adw_combo_row_set_selected (self->status_row, o->status);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  history = format_history (o);
  gtk_label_set_markup (self->history_label, history);
  gtk_widget_set_visible (self->history_row, is_tracking && *history != '\0');
  self->is_loading = FALSE;
}

void
tend_handoff_objective_editor_show_issues (TendHandoffObjectiveEditor *self,
                                           GPtrArray                  *issues,
                                           gboolean                    show_empty)
{
  g_autofree char *objective = g_strdup_printf ("objectives[%u].objective", self->index);
  g_autofree char *metric = g_strdup_printf ("objectives[%u].success_metric", self->index);
  g_autofree char *value = g_strdup_printf ("objectives[%u].target_value", self->index);
  g_autofree char *date = g_strdup_printf ("objectives[%u].target_date", self->index);

  g_return_if_fail (TEND_IS_HANDOFF_OBJECTIVE_EDITOR (self));

  tend_handoff_fields_show_issue (GTK_WIDGET (self->objective_row), self->objective_error_row, self->objective_error,
                                  tend_handoff_fields_pick_issue (issues, objective,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->objective_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->metric_row), self->metric_error_row, self->metric_error,
                                  tend_handoff_fields_pick_issue (issues, metric,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->metric_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->value_row), self->value_error_row, self->value_error,
                                  tend_handoff_fields_pick_issue (issues, value,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->value_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->date_row), self->date_error_row, self->date_error,
                                  tend_handoff_fields_pick_issue (issues, date,
                                                                  tend_day_entry_get_text (self->date_entry),
                                                                  show_empty));
}

gboolean
tend_handoff_objective_editor_focus_field (TendHandoffObjectiveEditor *self,
                                           const char                 *field)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_OBJECTIVE_EDITOR (self), FALSE);

  if (g_strcmp0 (field, "success_metric") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->metric_row));
  if (g_strcmp0 (field, "target_value") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->value_row));
  if (g_strcmp0 (field, "target_date") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->objective_row));
}
