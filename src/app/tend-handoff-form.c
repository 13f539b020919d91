// A handoff plan as a form: typed and autosaved as a draft, submitted,
// accepted or returned, then tracked as the account's success plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-day-entry.h"
#include "tend-handoff-checklist-row.h"
#include "tend-handoff-commitment-editor.h"
#include "tend-handoff-fields.h"
#include "tend-handoff-form.h"
#include "tend-handoff-objective-editor.h"
#include "tend-handoff-pdf.h"
#include "tend-handoff-product-editor.h"
#include "tend-handoff-risk-editor.h"
#include "tend-handoff-stakeholder-editor.h"

/* The form edits a copy of the plan in memory: the row editors write into
 * it as a person types, validation runs on it after every change, and a
 * draft goes to the store a moment after the last keystroke and whenever
 * the form closes. Transitions and success-plan progress go to the store
 * at once and the form reloads the plan they leave behind. */
struct _TendHandoffForm
{
  AdwBin                parent_instance;

  TendStore            *store;
  TendHandoffPlan      *plan;
  char                 *account_name;
  char                 *deal_name;
  char                 *rep_name;
  TendHandoffMode       mode;
  GPtrArray            *issues;
  gboolean              is_dirty;
  gboolean              is_loading;
  gboolean              shows_empty_issues;
  guint                 save_timeout_id;
  guint                 reload_idle_id;
  GPtrArray            *checklist_rows;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *state_label;
  GtkScrolledWindow    *scroller;
  GtkWidget            *returned_box;
  GtkLabel             *returned_title;
  GtkLabel             *returned_comment;
  GtkLabel             *state_note;
  AdwActionRow         *kickoff_row;
  TendDayEntry         *kickoff_entry;
  GtkLabel             *kickoff_label;
  GtkWidget            *kickoff_error_row;
  GtkLabel             *kickoff_error;
  AdwActionRow         *go_live_row;
  TendDayEntry         *go_live_entry;
  GtkLabel             *go_live_label;
  GtkWidget            *go_live_error_row;
  GtkLabel             *go_live_error;
  AdwPreferencesGroup  *objectives_group;
  GtkLabel             *objectives_error;
  GtkWidget            *add_objectives_button;
  GtkWidget            *add_stakeholders_button;
  GtkWidget            *add_commitments_button;
  GtkWidget            *add_products_button;
  GtkWidget            *add_risks_button;
  GtkBox               *objectives_box;
  GtkBox               *stakeholders_box;
  GtkBox               *commitments_box;
  GtkBox               *products_box;
  GtkBox               *risks_box;
  AdwPreferencesGroup  *checklist_group;
  GtkTextView          *notes_view;
  GtkWidget            *notes_frame;
  GtkLabel             *notes_error;
  GtkLabel             *save_label;
  GtkWidget            *submit_button;
  GtkWidget            *accept_button;
  GtkWidget            *return_button;
};

G_DEFINE_FINAL_TYPE (TendHandoffForm, tend_handoff_form, ADW_TYPE_BIN)

enum {
  PLAN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const section_names[TEND_N_HANDOFF_SECTIONS] = {
  "objectives", "stakeholders", "commitments", "products", "risks", "checklist",
};

static void rebuild (TendHandoffForm *self);

static void
add_toast (TendHandoffForm *self,
           const char      *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static GtkBox *
section_box (TendHandoffForm    *self,
             TendHandoffSection  section)
{
  switch (section)
    {
    case TEND_HANDOFF_SECTION_OBJECTIVES:   return self->objectives_box;
    case TEND_HANDOFF_SECTION_STAKEHOLDERS: return self->stakeholders_box;
    case TEND_HANDOFF_SECTION_COMMITMENTS:  return self->commitments_box;
    case TEND_HANDOFF_SECTION_PRODUCTS:     return self->products_box;
    case TEND_HANDOFF_SECTION_RISKS:        return self->risks_box;
    case TEND_HANDOFF_SECTION_CHECKLIST:
    case TEND_N_HANDOFF_SECTIONS:
    default:                                return NULL;
    }
}

static GtkWidget *
nth_editor (TendHandoffForm    *self,
            TendHandoffSection  section,
            guint               index)
{
  GtkBox *box = section_box (self, section);
  GtkWidget *child = box != NULL ? gtk_widget_get_first_child (GTK_WIDGET (box)) : NULL;

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

/* Validation */

static void
show_issues (TendHandoffForm *self)
{
  GPtrArray *issues = self->issues;
  gboolean show_empty = self->shows_empty_issues;
  const char *notes_issue;

  tend_handoff_fields_show_issue (GTK_WIDGET (self->kickoff_row), self->kickoff_error_row, self->kickoff_error,
                                  tend_handoff_fields_pick_issue (issues, "kickoff_date",
                                                                  tend_day_entry_get_text (self->kickoff_entry),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->go_live_row), self->go_live_error_row, self->go_live_error,
                                  tend_handoff_fields_pick_issue (issues, "go_live_target",
                                                                  tend_day_entry_get_text (self->go_live_entry),
                                                                  show_empty));
  /* "Add at least one objective" speaks only once a submit was refused. */
  gtk_label_set_label (self->objectives_error,
                       show_empty && issues != NULL ? tend_handoff_issues_lookup (issues, "objectives") ?: "" : "");
  gtk_widget_set_visible (GTK_WIDGET (self->objectives_error),
                          *gtk_label_get_label (self->objectives_error) != '\0');

  notes_issue = issues != NULL ? tend_handoff_issues_lookup (issues, "notes") : NULL;
  gtk_label_set_label (self->notes_error, notes_issue != NULL ? notes_issue : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_error), notes_issue != NULL);
  if (notes_issue != NULL)
    gtk_widget_add_css_class (self->notes_frame, "error");
  else
    gtk_widget_remove_css_class (self->notes_frame, "error");

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->objectives_box)); w; w = gtk_widget_get_next_sibling (w))
    tend_handoff_objective_editor_show_issues (TEND_HANDOFF_OBJECTIVE_EDITOR (w), issues, show_empty);
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->stakeholders_box)); w; w = gtk_widget_get_next_sibling (w))
    tend_handoff_stakeholder_editor_show_issues (TEND_HANDOFF_STAKEHOLDER_EDITOR (w), issues, show_empty);
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->commitments_box)); w; w = gtk_widget_get_next_sibling (w))
    tend_handoff_commitment_editor_show_issues (TEND_HANDOFF_COMMITMENT_EDITOR (w), issues, show_empty);
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->products_box)); w; w = gtk_widget_get_next_sibling (w))
    tend_handoff_product_editor_show_issues (TEND_HANDOFF_PRODUCT_EDITOR (w), issues, show_empty);
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->risks_box)); w; w = gtk_widget_get_next_sibling (w))
    tend_handoff_risk_editor_show_issues (TEND_HANDOFF_RISK_EDITOR (w), issues, show_empty);
}

/* Only what can still be edited is checked: a submitted plan validated. */
static void
validate (TendHandoffForm *self)
{
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  if (self->plan != NULL && self->mode == TEND_HANDOFF_MODE_EDIT)
    self->issues = tend_handoff_plan_validate (self->plan);
  show_issues (self);
}

/* Puts the focus on the field of an issue ("objectives[1].success_metric"). */
static gboolean
focus_issue_field (TendHandoffForm *self,
                   const char      *field)
{
  if (g_str_equal (field, "kickoff_date"))
    return gtk_widget_grab_focus (GTK_WIDGET (self->kickoff_entry));
  if (g_str_equal (field, "go_live_target"))
    return gtk_widget_grab_focus (GTK_WIDGET (self->go_live_entry));
  if (g_str_equal (field, "notes"))
    return gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
  if (g_str_equal (field, "objectives"))
    return gtk_widget_grab_focus (self->add_objectives_button);

  for (guint section = 0; section < TEND_N_HANDOFF_SECTIONS; section++)
    {
      gsize len = strlen (section_names[section]);
      const char *rest = field + len;
      const char *member;
      guint64 index;
      char *end;
      GtkWidget *editor;

      if (strncmp (field, section_names[section], len) != 0 || rest[0] != '[')
        continue;
      index = g_ascii_strtoull (rest + 1, &end, 10);
      if (end == rest + 1 || *end != ']')
        return FALSE;
      member = end[1] == '.' ? end + 2 : "";
      if ((editor = nth_editor (self, section, (guint) index)) == NULL)
        return FALSE;
      switch (section)
        {
        case TEND_HANDOFF_SECTION_OBJECTIVES:
          return tend_handoff_objective_editor_focus_field (TEND_HANDOFF_OBJECTIVE_EDITOR (editor), member);
        case TEND_HANDOFF_SECTION_STAKEHOLDERS:
          return tend_handoff_stakeholder_editor_focus_field (TEND_HANDOFF_STAKEHOLDER_EDITOR (editor), member);
        case TEND_HANDOFF_SECTION_COMMITMENTS:
          return tend_handoff_commitment_editor_focus_field (TEND_HANDOFF_COMMITMENT_EDITOR (editor), member);
        case TEND_HANDOFF_SECTION_PRODUCTS:
          return tend_handoff_product_editor_focus_field (TEND_HANDOFF_PRODUCT_EDITOR (editor), member);
        case TEND_HANDOFF_SECTION_RISKS:
          return tend_handoff_risk_editor_focus_field (TEND_HANDOFF_RISK_EDITOR (editor));
        case TEND_HANDOFF_SECTION_CHECKLIST:
        case TEND_N_HANDOFF_SECTIONS:
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* Saving */

static void
set_save_label (TendHandoffForm *self)
{
  const char *text = "";

  if (self->plan != NULL && self->mode == TEND_HANDOFF_MODE_EDIT)
    text = self->is_dirty ? _("Saving…") : _("All changes saved");
  gtk_label_set_label (self->save_label, text);
}

static gboolean
save_now (TendHandoffForm  *self,
          GError          **error)
{
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  if (!self->is_dirty || self->plan == NULL || self->store == NULL)
    return TRUE;
  if (!tend_handoff_save (self->store, self->plan, error))
    return FALSE;
  self->is_dirty = FALSE;
  set_save_label (self);
  g_signal_emit (self, signals[PLAN_CHANGED], 0);
  return TRUE;
}

static gboolean
autosave (gpointer user_data)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (user_data);
  g_autoptr(GError) error = NULL;

  self->save_timeout_id = 0;
  if (!save_now (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The draft is not saved: %s"), error->message);

      gtk_label_set_label (self->save_label, _("Not saved"));
      add_toast (self, message);
    }
  return G_SOURCE_REMOVE;
}

/* Something was typed: check it now, save it in a moment. */
static void
mark_dirty (TendHandoffForm *self)
{
  if (self->is_loading || self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  self->is_dirty = TRUE;
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  self->save_timeout_id = g_timeout_add (TEND_HANDOFF_FORM_AUTOSAVE_MS, autosave, self);
  set_save_label (self);
  validate (self);
}

/* Reloading after the store changed the plan */

static gboolean
replace_plan (TendHandoffForm  *self,
              GError          **error)
{
  TendHandoffPlan *plan = tend_handoff_load (self->store, self->plan->id, error);

  if (plan == NULL)
    return FALSE;
  tend_handoff_plan_free (self->plan);
  self->plan = plan;
  self->mode = tend_handoff_mode_for_state (plan->state);
  self->is_dirty = FALSE;
  rebuild (self);
  g_signal_emit (self, signals[PLAN_CHANGED], 0);
  return TRUE;
}

/* A combo row or check button that asked for a change is still in its
 * signal; the editors are replaced once it returns. */
static gboolean
reload_in_idle (gpointer user_data)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (user_data);
  g_autoptr(GError) error = NULL;

  self->reload_idle_id = 0;
  if (self->plan != NULL && !replace_plan (self, &error))
    add_toast (self, error->message);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (TendHandoffForm *self)
{
  if (self->reload_idle_id == 0)
    self->reload_idle_id = g_idle_add (reload_in_idle, self);
}

/* Signals of the row editors */

static void
on_editor_changed (TendHandoffForm *self)
{
  mark_dirty (self);
}

static guint
editor_index (TendHandoffForm    *self,
              TendHandoffSection  section,
              GtkWidget          *editor)
{
  guint index = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (section_box (self, section)));
       w != NULL && w != editor; w = gtk_widget_get_next_sibling (w))
    index++;
  return index;
}

static void
on_objective_progress (TendHandoffForm *self,
                       guint            status,
                       const char      *note,
                       GtkWidget       *editor)
{
  g_autoptr(GError) error = NULL;
  guint index = editor_index (self, TEND_HANDOFF_SECTION_OBJECTIVES, editor);

  if (!tend_handoff_update_objective (self->store, self->plan->id, index, status, note, &error))
    {
      add_toast (self, error->message);
      queue_reload (self);
      return;
    }
  add_toast (self, note != NULL ? _("Progress note added") : _("Objective status changed"));
  queue_reload (self);
}

static void
on_commitment_review (TendHandoffForm *self,
                      guint            status,
                      GtkWidget       *editor)
{
  g_autoptr(GError) error = NULL;
  guint index = editor_index (self, TEND_HANDOFF_SECTION_COMMITMENTS, editor);

  if (!tend_handoff_review_commitment (self->store, self->plan->id, index, status, &error))
    add_toast (self, error->message);
  queue_reload (self);
}

static void
on_checklist_toggled (TendHandoffForm         *self,
                      gboolean                 is_done,
                      TendHandoffChecklistRow *row)
{
  guint index = tend_handoff_checklist_row_get_index (row);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || index >= self->plan->checklist->len)
    return;
  if (self->mode == TEND_HANDOFF_MODE_EDIT)
    {
      tend_handoff_checklist_item_set_done (g_ptr_array_index (self->plan->checklist, index), is_done,
                                            tend_store_get_actor (self->store));
      tend_handoff_checklist_row_bind (row, self->plan, index, self->mode);
      mark_dirty (self);
      return;
    }
  if (!tend_handoff_set_checklist_done (self->store, self->plan->id, index, is_done, &error))
    add_toast (self, error->message);
  queue_reload (self);
}

/* Building the form from the plan */

static void
clear_section (TendHandoffForm    *self,
               TendHandoffSection  section)
{
  GtkBox *box = section_box (self, section);
  GtkWidget *child;

  if (section == TEND_HANDOFF_SECTION_CHECKLIST)
    {
      for (guint i = 0; i < self->checklist_rows->len; i++)
        adw_preferences_group_remove (self->checklist_group, g_ptr_array_index (self->checklist_rows, i));
      g_ptr_array_set_size (self->checklist_rows, 0);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
make_editor (TendHandoffForm    *self,
             TendHandoffSection  section,
             guint               index)
{
  GtkWidget *editor = NULL;

  switch (section)
    {
    case TEND_HANDOFF_SECTION_OBJECTIVES:
      editor = tend_handoff_objective_editor_new ();
      tend_handoff_objective_editor_bind (TEND_HANDOFF_OBJECTIVE_EDITOR (editor), self->plan, index, self->mode);
      g_signal_connect_object (editor, "progress", G_CALLBACK (on_objective_progress), self, G_CONNECT_SWAPPED);
      break;
    case TEND_HANDOFF_SECTION_STAKEHOLDERS:
      editor = tend_handoff_stakeholder_editor_new ();
      tend_handoff_stakeholder_editor_bind (TEND_HANDOFF_STAKEHOLDER_EDITOR (editor), self->plan, index, self->mode);
      break;
    case TEND_HANDOFF_SECTION_COMMITMENTS:
      editor = tend_handoff_commitment_editor_new ();
      tend_handoff_commitment_editor_bind (TEND_HANDOFF_COMMITMENT_EDITOR (editor), self->plan, index, self->mode);
      g_signal_connect_object (editor, "review", G_CALLBACK (on_commitment_review), self, G_CONNECT_SWAPPED);
      break;
    case TEND_HANDOFF_SECTION_PRODUCTS:
      editor = tend_handoff_product_editor_new ();
      tend_handoff_product_editor_bind (TEND_HANDOFF_PRODUCT_EDITOR (editor), self->plan, index, self->mode);
      break;
    case TEND_HANDOFF_SECTION_RISKS:
      editor = tend_handoff_risk_editor_new ();
      tend_handoff_risk_editor_bind (TEND_HANDOFF_RISK_EDITOR (editor), self->plan, index, self->mode);
      break;
    case TEND_HANDOFF_SECTION_CHECKLIST:
    case TEND_N_HANDOFF_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
  g_signal_connect_object (editor, "changed", G_CALLBACK (on_editor_changed), self, G_CONNECT_SWAPPED);
  return editor;
}

static void
rebuild_section (TendHandoffForm    *self,
                 TendHandoffSection  section)
{
  guint n;

  clear_section (self, section);
  if (self->plan == NULL)
    return;
  n = tend_handoff_plan_get_n_rows (self->plan, section);
  for (guint i = 0; i < n; i++)
    {
      if (section == TEND_HANDOFF_SECTION_CHECKLIST)
        {
          GtkWidget *row = tend_handoff_checklist_row_new ();

          tend_handoff_checklist_row_bind (TEND_HANDOFF_CHECKLIST_ROW (row), self->plan, i, self->mode);
          g_signal_connect_object (row, "toggled", G_CALLBACK (on_checklist_toggled), self, G_CONNECT_SWAPPED);
          adw_preferences_group_add (self->checklist_group, row);
          g_ptr_array_add (self->checklist_rows, row);
        }
      else
        gtk_box_append (section_box (self, section), make_editor (self, section, i));
    }
  /* Sections a submitted or accepted plan leaves empty say nothing. */
  if (section != TEND_HANDOFF_SECTION_CHECKLIST)
    {
      GtkWidget *group = gtk_widget_get_prev_sibling (GTK_WIDGET (section_box (self, section)));

      gtk_widget_set_visible (group, self->mode == TEND_HANDOFF_MODE_EDIT || n > 0);
      gtk_widget_set_visible (GTK_WIDGET (section_box (self, section)), n > 0);
    }
}

static void
set_date_field (TendDayEntry *entry,
                GtkLabel     *label,
                AdwActionRow *row,
                const char   *text,
                gboolean      is_editable)
{
  tend_day_entry_set_text (entry, text);
  gtk_label_set_label (label, text != NULL && *text != '\0' ? text : "—");
  gtk_widget_set_visible (GTK_WIDGET (entry), is_editable);
  gtk_widget_set_visible (GTK_WIDGET (label), !is_editable);
  adw_action_row_set_activatable_widget (row, is_editable ? GTK_WIDGET (entry) : NULL);
}

static void
show_header (TendHandoffForm *self)
{
  const TendHandoffPlan *plan = self->plan;
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;

  gtk_label_set_label (self->title_label, self->account_name);
  if (self->deal_name != NULL && self->rep_name != NULL)
    /* Translators: the deal a plan comes from, then the sales rep */
    subtitle = g_strdup_printf (_("%s · sold by %s"), self->deal_name, self->rep_name);
  else if (self->deal_name != NULL)
    subtitle = g_strdup (self->deal_name);
  else
    subtitle = g_strdup (_("Handoff plan for the account"));
  gtk_label_set_label (self->subtitle_label, subtitle);

  gtk_label_set_label (self->state_label, tend_handoff_state_label (plan->state));
  for (guint s = 0; s < TEND_N_HANDOFF_STATES; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), tend_handoff_state_css_class (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), tend_handoff_state_css_class (plan->state));

  gtk_widget_set_visible (self->returned_box,
                          plan->state == TEND_HANDOFF_RETURNED && plan->return_comment != NULL);
  if (plan->state == TEND_HANDOFF_RETURNED)
    {
      g_autofree char *day = tend_handoff_fields_format_instant (plan->returned_at);
      /* Translators: who returned a handoff plan, and the day */
      g_autofree char *title = g_strdup_printf (_("Returned by %s on %s"),
                                                plan->returned_by != NULL ? plan->returned_by : "—", day);

      gtk_label_set_label (self->returned_title, title);
      gtk_label_set_label (self->returned_comment, plan->return_comment != NULL ? plan->return_comment : "");
    }

  switch (plan->state)
    {
    case TEND_HANDOFF_DRAFT:
      note = g_strdup (_("The draft is saved as you type. Submit it to customer success once the dates, "
                         "objectives and stakeholders are in."));
      break;
    case TEND_HANDOFF_RETURNED:
      note = g_strdup (_("Change what the comment asks for, then submit the plan again."));
      break;
    case TEND_HANDOFF_SUBMITTED:
      {
        g_autofree char *day = tend_handoff_fields_format_instant (plan->submitted_at);
        /* Translators: who submitted a handoff plan, and the day */
        note = g_strdup_printf (_("Submitted by %s on %s. Customer success accepts it, or returns it with a "
                                  "comment."), plan->submitted_by != NULL ? plan->submitted_by : "—", day);
      }
      break;
    case TEND_HANDOFF_ACCEPTED:
      {
        g_autofree char *day = tend_handoff_fields_format_instant (plan->accepted_at);
        /* Translators: who accepted a handoff plan, and the day */
        note = g_strdup_printf (_("Accepted by %s on %s. The objectives are the account’s success plan: "
                                  "record their progress below."),
                                plan->accepted_by != NULL ? plan->accepted_by : "—", day);
      }
      break;
    case TEND_N_HANDOFF_STATES:
    default:
      break;
    }
  gtk_label_set_label (self->state_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_note), note != NULL);
}

static void
update_actions (TendHandoffForm *self)
{
  TendHandoffState state = self->plan != NULL ? self->plan->state : TEND_HANDOFF_DRAFT;
  gboolean is_open = self->plan != NULL;
  gboolean is_editable = is_open && self->mode == TEND_HANDOFF_MODE_EDIT;
  gboolean is_submitted = is_open && state == TEND_HANDOFF_SUBMITTED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.submit", is_editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.accept", is_submitted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.return", is_submitted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.add-row", is_editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.remove-row", is_editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.move-row", is_editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.export-pdf", is_open);
  gtk_widget_set_visible (self->submit_button, is_editable);
  gtk_widget_set_visible (self->accept_button, is_submitted);
  gtk_widget_set_visible (self->return_button, is_submitted);
  gtk_widget_set_visible (self->add_objectives_button, is_editable);
  gtk_widget_set_visible (self->add_stakeholders_button, is_editable);
  gtk_widget_set_visible (self->add_commitments_button, is_editable);
  gtk_widget_set_visible (self->add_products_button, is_editable);
  gtk_widget_set_visible (self->add_risks_button, is_editable);
}

static void
rebuild (TendHandoffForm *self)
{
  gboolean is_editable = self->mode == TEND_HANDOFF_MODE_EDIT;

  self->is_loading = TRUE;
  for (guint section = 0; section < TEND_N_HANDOFF_SECTIONS; section++)
    rebuild_section (self, section);
  if (self->plan != NULL)
    {
      show_header (self);
      set_date_field (self->kickoff_entry, self->kickoff_label, self->kickoff_row,
                      self->plan->kickoff_date, is_editable);
      set_date_field (self->go_live_entry, self->go_live_label, self->go_live_row,
                      self->plan->go_live_target, is_editable);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                self->plan->notes != NULL ? self->plan->notes : "", -1);
      gtk_text_view_set_editable (self->notes_view, is_editable);
      gtk_text_view_set_cursor_visible (self->notes_view, is_editable);
    }
  self->is_loading = FALSE;
  update_actions (self);
  set_save_label (self);
  validate (self);
}

/* Callbacks of the form's own fields */

static void
on_date_changed (TendHandoffForm *self)
{
  if (self->is_loading || self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  tend_handoff_set_text (&self->plan->kickoff_date, tend_day_entry_get_text (self->kickoff_entry));
  tend_handoff_set_text (&self->plan->go_live_target, tend_day_entry_get_text (self->go_live_entry));
  mark_dirty (self);
}

static void
on_notes_changed (TendHandoffForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->is_loading || self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  tend_handoff_set_text (&self->plan->notes, text);
  mark_dirty (self);
}

/* Actions */

static void
form_add_row (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  TendHandoffSection section = g_variant_get_uint32 (parameter);
  GtkWidget *editor;
  guint n;

  if (self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  switch (section)
    {
    case TEND_HANDOFF_SECTION_OBJECTIVES:   tend_handoff_plan_add_objective (self->plan); break;
    case TEND_HANDOFF_SECTION_STAKEHOLDERS: tend_handoff_plan_add_stakeholder (self->plan); break;
    case TEND_HANDOFF_SECTION_COMMITMENTS:  tend_handoff_plan_add_commitment (self->plan); break;
    case TEND_HANDOFF_SECTION_PRODUCTS:     tend_handoff_plan_add_product (self->plan); break;
    case TEND_HANDOFF_SECTION_RISKS:        tend_handoff_plan_add_risk (self->plan, ""); break;
    case TEND_HANDOFF_SECTION_CHECKLIST:
    case TEND_N_HANDOFF_SECTIONS:
    default:
      return;
    }
  self->is_loading = TRUE;
  rebuild_section (self, section);
  self->is_loading = FALSE;
  mark_dirty (self);
  n = tend_handoff_plan_get_n_rows (self->plan, section);
  if ((editor = nth_editor (self, section, n - 1)) != NULL)
    {
      g_autofree char *field = g_strdup_printf ("%s[%u]", section_names[section], n - 1);

      focus_issue_field (self, field);
    }
}

static void
form_remove_row (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  guint section, index, n;

  g_variant_get (parameter, "(uu)", &section, &index);
  if (self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT || section >= TEND_N_HANDOFF_SECTIONS ||
      !tend_handoff_plan_remove_row (self->plan, section, index))
    return;
  self->is_loading = TRUE;
  rebuild_section (self, section);
  self->is_loading = FALSE;
  mark_dirty (self);
  /* The focus goes to the row that took its place, or the Add button. */
  n = tend_handoff_plan_get_n_rows (self->plan, section);
  if (n > 0)
    {
      g_autofree char *field = g_strdup_printf ("%s[%u]", section_names[section], MIN (index, n - 1));

      focus_issue_field (self, field);
    }
  else
    {
      GtkWidget *buttons[] = {
        self->add_objectives_button, self->add_stakeholders_button, self->add_commitments_button,
        self->add_products_button, self->add_risks_button,
      };

      if (section < G_N_ELEMENTS (buttons))
        gtk_widget_grab_focus (buttons[section]);
    }
}

static void
form_move_row (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  g_autofree char *field = NULL;
  guint section, from, to;

  g_variant_get (parameter, "(uuu)", &section, &from, &to);
  if (self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT || section >= TEND_N_HANDOFF_SECTIONS ||
      from == to || !tend_handoff_plan_move_row (self->plan, section, from, to))
    return;
  self->is_loading = TRUE;
  rebuild_section (self, section);
  self->is_loading = FALSE;
  mark_dirty (self);
  field = g_strdup_printf ("%s[%u]", section_names[section], to);
  focus_issue_field (self, field);
}

static void
form_submit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  if (!save_now (self, &error) ||
      !tend_handoff_submit (self->store, self->plan->id, &issues, &error))
    {
      if (issues != NULL && issues->len > 0)
        {
          const TendHandoffIssue *first = g_ptr_array_index (issues, 0);
          g_autofree char *message = NULL;

          /* Every problem now shows at its field, empty ones too. */
          self->shows_empty_issues = TRUE;
          validate (self);
          focus_issue_field (self, first->field);
          message = g_strdup_printf (ngettext ("Not submitted: %u field needs attention",
                                               "Not submitted: %u fields need attention", issues->len),
                                     issues->len);
          add_toast (self, message);
        }
      else
        add_toast (self, error->message);
      return;
    }
  if (!replace_plan (self, &error))
    {
      add_toast (self, error->message);
      return;
    }
  add_toast (self, _("Plan submitted to customer success"));
}

static void
form_accept (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  if (!tend_handoff_accept (self->store, self->plan->id, &error) || !replace_plan (self, &error))
    {
      add_toast (self, error->message);
      return;
    }
  add_toast (self, _("Plan accepted: its objectives are now the success plan"));
}

static void
on_return_comment_changed (AdwMessageDialog *dialog,
                           GtkEditable      *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "return", *text != '\0');
}

static void
on_return_response (TendHandoffForm  *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "return") || self->plan == NULL)
    return;
  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (*comment == '\0')
    return;
  if (!tend_handoff_return (self->store, self->plan->id, comment, &error) || !replace_plan (self, &error))
    {
      add_toast (self, error->message);
      return;
    }
  add_toast (self, _("Plan returned to the sales rep"));
}

static void
form_return (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->plan == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Return the Plan?"),
                                                       _("The sales rep sees your comment at the top of the "
                                                         "plan. Say what to change before it is submitted "
                                                         "again.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What should change"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Return Comment"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "return", _("_Return"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "return", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "return", FALSE);
  adw_message_dialog_set_default_response (dialog, "return");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_return_comment_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_return_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Export PDF… */

typedef struct {
  TendHandoffPlan *plan;
  char            *account_name;
  char            *deal_name;
  char            *rep_name;
  char            *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  tend_handoff_plan_free (data->plan);
  g_free (data->account_name);
  g_free (data->deal_name);
  g_free (data->rep_name);
  g_free (data->path);
  g_free (data);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *data = task_data;
  TendHandoffPdfNames names = { data->account_name, data->deal_name, data->rep_name };
  GError *error = NULL;

  if (!tend_handoff_pdf_save (data->plan, &names, TEND_PAPER_A4, data->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (data->path);
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Kickoff PDF saved as %s"), name);
  }
  add_toast (self, message);
}

static void
on_chooser_response (TendHandoffForm *self,
                     int              response)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || self->plan == NULL)
    return;
  if (g_file_get_path (file) == NULL)
    {
      add_toast (self, _("Choose a file on this computer"));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->plan = tend_handoff_plan_copy (self->plan);
  data->account_name = g_strdup (self->account_name);
  data->deal_name = g_strdup (self->deal_name);
  data->rep_name = g_strdup (self->rep_name);
  data->path = g_file_get_path (file);
  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
form_export_pdf (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->plan == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Kickoff PDF"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name of a kickoff PDF; %s is the account */
  name = g_strdup_printf (_("Kickoff %s.pdf"), self->account_name);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The account's and deal's names from the book, copied: the form outlives
 * a reload of the book. */
static void
read_names (TendHandoffForm *self,
            const TendBook  *book)
{
  const TendAccount *account = book != NULL ? tend_book_find_account (book, self->plan->account_id) : NULL;

  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->deal_name, g_free);
  g_clear_pointer (&self->rep_name, g_free);
  self->account_name = g_strdup (account != NULL ? account->name : self->plan->account_id);
  if (account == NULL || self->plan->deal_id == NULL)
    return;
  for (guint i = account->deals_start; i < account->deals_start + account->n_deals; i++)
    {
      const TendDeal *deal = &book->deals[i];

      if (g_strcmp0 (deal->id, self->plan->deal_id) == 0)
        {
          self->deal_name = g_strdup (deal->name);
          self->rep_name = g_strdup (tend_book_owner_name (book, deal->owner_id));
          break;
        }
    }
}

static void
clear_plan (TendHandoffForm *self)
{
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  g_clear_pointer (&self->plan, tend_handoff_plan_free);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->is_dirty = FALSE;
  self->shows_empty_issues = FALSE;
  for (guint section = 0; section < TEND_N_HANDOFF_SECTIONS; section++)
    clear_section (self, section);
  update_actions (self);
}

/* Closing loses nothing: what was typed is written before the form goes. */
static void
flush (TendHandoffForm *self)
{
  g_autoptr(GError) error = NULL;

  if (!save_now (self, &error))
    g_warning ("Could not save handoff plan %" G_GINT64_FORMAT ": %s",
               self->plan != NULL ? self->plan->id : 0, error->message);
}

static void
tend_handoff_form_dispose (GObject *object)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (object);

  flush (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_HANDOFF_FORM);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_handoff_form_parent_class)->dispose (object);
}

static void
tend_handoff_form_finalize (GObject *object)
{
  TendHandoffForm *self = TEND_HANDOFF_FORM (object);

  g_clear_pointer (&self->plan, tend_handoff_plan_free);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->checklist_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->account_name);
  g_free (self->deal_name);
  g_free (self->rep_name);

  G_OBJECT_CLASS (tend_handoff_form_parent_class)->finalize (object);
}

static void
tend_handoff_form_class_init (TendHandoffFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_form_dispose;
  object_class->finalize = tend_handoff_form_finalize;

  /* The stored plan changed: saved, submitted, accepted, returned, tracked. */
  signals[PLAN_CHANGED] =
    g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "form.add-row", "u", form_add_row);
  gtk_widget_class_install_action (widget_class, "form.remove-row", "(uu)", form_remove_row);
  gtk_widget_class_install_action (widget_class, "form.move-row", "(uuu)", form_move_row);
  gtk_widget_class_install_action (widget_class, "form.submit", NULL, form_submit);
  gtk_widget_class_install_action (widget_class, "form.accept", NULL, form_accept);
  gtk_widget_class_install_action (widget_class, "form.return", NULL, form_return);
  gtk_widget_class_install_action (widget_class, "form.export-pdf", NULL, form_export_pdf);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "handoffs.show-list", NULL);

  g_type_ensure (TEND_TYPE_DAY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-handoff-form.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, state_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, returned_box);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, returned_title);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, returned_comment);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, state_note);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, kickoff_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, kickoff_entry);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, kickoff_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, kickoff_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, kickoff_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, go_live_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, go_live_entry);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, go_live_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, go_live_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, go_live_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, objectives_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, add_objectives_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, add_stakeholders_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, add_commitments_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, add_products_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, add_risks_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, objectives_box);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, stakeholders_box);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, commitments_box);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, products_box);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, risks_box);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, notes_frame);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, notes_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, save_label);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, submit_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, accept_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffForm, return_button);
}

static void
tend_handoff_form_init (TendHandoffForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checklist_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (tend_day_entry_get_entry (self->kickoff_entry), "changed",
                           G_CALLBACK (on_date_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tend_day_entry_get_entry (self->go_live_entry), "changed",
                           G_CALLBACK (on_date_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
tend_handoff_form_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_FORM, NULL);
}

gboolean
tend_handoff_form_open (TendHandoffForm  *self,
                        TendWorkspace    *workspace,
                        gint64            plan_id,
                        GError          **error)
{
  TendHandoffPlan *plan;
  TendStore *store;

  g_return_val_if_fail (TEND_IS_HANDOFF_FORM (self), FALSE);
  g_return_val_if_fail (TEND_IS_WORKSPACE (workspace), FALSE);

  store = tend_workspace_get_store (workspace);
  if (store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The workspace is not open"));
      return FALSE;
    }
  flush (self);
  if ((plan = tend_handoff_load (store, plan_id, error)) == NULL)
    return FALSE;

  clear_plan (self);
  g_set_object (&self->store, store);
  self->plan = plan;
  self->mode = tend_handoff_mode_for_state (plan->state);
  /* A returned plan shows everything that stops it being submitted. */
  self->shows_empty_issues = plan->state == TEND_HANDOFF_RETURNED;
  read_names (self, tend_workspace_get_book (workspace));
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

void
tend_handoff_form_close (TendHandoffForm *self)
{
  g_return_if_fail (TEND_IS_HANDOFF_FORM (self));

  flush (self);
  clear_plan (self);
}

gboolean
tend_handoff_form_save (TendHandoffForm  *self,
                        GError          **error)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_FORM (self), FALSE);
  return save_now (self, error);
}

gint64
tend_handoff_form_get_plan_id (TendHandoffForm *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_FORM (self), 0);
  return self->plan != NULL ? self->plan->id : 0;
}

const TendHandoffPlan *
tend_handoff_form_get_plan (TendHandoffForm *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_FORM (self), NULL);
  return self->plan;
}

gboolean
tend_handoff_form_get_is_dirty (TendHandoffForm *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_FORM (self), FALSE);
  return self->is_dirty;
}

/* The kickoff date of a plan being written, else the top of the form. */
void
tend_handoff_form_focus_first_field (TendHandoffForm *self)
{
  g_return_if_fail (TEND_IS_HANDOFF_FORM (self));

  if (self->plan != NULL && self->mode == TEND_HANDOFF_MODE_EDIT)
    gtk_widget_grab_focus (GTK_WIDGET (self->kickoff_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->scroller));
}
