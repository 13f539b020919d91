// What the handoff page and form share: words for states, inline issues, row buttons.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-format.h"
#include "tend-handoff-fields.h"

TendHandoffMode
tend_handoff_mode_for_state (TendHandoffState state)
{
  switch (state)
    {
    case TEND_HANDOFF_DRAFT:
    case TEND_HANDOFF_RETURNED:
      return TEND_HANDOFF_MODE_EDIT;
    case TEND_HANDOFF_ACCEPTED:
      return TEND_HANDOFF_MODE_TRACK;
    case TEND_HANDOFF_SUBMITTED:
    case TEND_N_HANDOFF_STATES:
    default:
      return TEND_HANDOFF_MODE_READ_ONLY;
    }
}

const char *
tend_handoff_state_label (TendHandoffState state)
{
  switch (state)
    {
    case TEND_HANDOFF_DRAFT:     return C_("handoff state", "Draft");
    case TEND_HANDOFF_SUBMITTED: return C_("handoff state", "Submitted");
    case TEND_HANDOFF_ACCEPTED:  return C_("handoff state", "Accepted");
    case TEND_HANDOFF_RETURNED:  return C_("handoff state", "Returned");
    case TEND_N_HANDOFF_STATES:
    default:                     return C_("handoff state", "Unknown");
    }
}

const char *
tend_handoff_state_css_class (TendHandoffState state)
{
  switch (state)
    {
    case TEND_HANDOFF_DRAFT:     return "draft";
    case TEND_HANDOFF_SUBMITTED: return "submitted";
    case TEND_HANDOFF_ACCEPTED:  return "accepted";
    case TEND_HANDOFF_RETURNED:  return "returned";
    case TEND_N_HANDOFF_STATES:
    default:                     return "draft";
    }
}

const char *
tend_objective_status_label (TendObjectiveStatus status)
{
  switch (status)
    {
    case TEND_OBJECTIVE_NOT_STARTED: return C_("objective status", "Not Started");
    case TEND_OBJECTIVE_ON_TRACK:    return C_("objective status", "On Track");
    case TEND_OBJECTIVE_AT_RISK:     return C_("objective status", "At Risk");
    case TEND_OBJECTIVE_ACHIEVED:    return C_("objective status", "Achieved");
    case TEND_N_OBJECTIVE_STATUSES:
    default:                         return C_("objective status", "Unknown");
    }
}

const char *
tend_objective_status_css_class (TendObjectiveStatus status)
{
  switch (status)
    {
    case TEND_OBJECTIVE_ON_TRACK: return "on-track";
    case TEND_OBJECTIVE_AT_RISK:  return "at-risk";
    case TEND_OBJECTIVE_ACHIEVED: return "achieved";
    case TEND_OBJECTIVE_NOT_STARTED:
    case TEND_N_OBJECTIVE_STATUSES:
    default:                      return "not-started";
    }
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

const char *
tend_handoff_fields_pick_issue (GPtrArray  *issues,
                                const char *path,
                                const char *text,
                                gboolean    show_empty)
{
  if (issues == NULL || (!show_empty && is_blank (text)))
    return NULL;
  return tend_handoff_issues_lookup (issues, path);
}

void
tend_handoff_fields_show_issue (GtkWidget  *row,
                                GtkWidget  *error_row,
                                GtkLabel   *error_label,
                                const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_label_set_label (error_label, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (error_row, message != NULL);
}

void
tend_handoff_fields_set_row_buttons (GtkWidget          *up_button,
                                     GtkWidget          *down_button,
                                     GtkWidget          *remove_button,
                                     TendHandoffSection  section,
                                     guint               index,
                                     guint               n_rows,
                                     gboolean            is_editable)
{
  gtk_actionable_set_action_target (GTK_ACTIONABLE (up_button), "(uuu)", section, index,
                                    index > 0 ? index - 1 : 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (down_button), "(uuu)", section, index, index + 1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "(uu)", section, index);
  gtk_widget_set_sensitive (up_button, index > 0);
  gtk_widget_set_sensitive (down_button, index + 1 < n_rows);
  gtk_widget_set_visible (up_button, is_editable && n_rows > 1);
  gtk_widget_set_visible (down_button, is_editable && n_rows > 1);
  gtk_widget_set_visible (remove_button, is_editable);
}

void
tend_handoff_fields_set_text (GtkEditable *editable,
                              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

char *
tend_handoff_fields_format_instant (const char *iso)
{
  TendDay day;
  char head[11];

  if (iso == NULL)
    return g_strdup ("—");
  g_strlcpy (head, iso, sizeof head);
  if (!tend_day_parse (head, &day, NULL))
    return g_strdup (iso);
  return tend_format_day (day);
}
