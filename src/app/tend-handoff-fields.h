// What the handoff page and form share: words for states, inline issues, row buttons.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "tend-handoff.h"

G_BEGIN_DECLS

/* What a person may do with a plan's rows, from its state. */
typedef enum {
  TEND_HANDOFF_MODE_EDIT,       /* draft or returned: everything is typed */
  TEND_HANDOFF_MODE_READ_ONLY,  /* submitted: waits for the CSM */
  TEND_HANDOFF_MODE_TRACK,      /* accepted: progress, checklist, reviews */
} TendHandoffMode;

TendHandoffMode  tend_handoff_mode_for_state            (TendHandoffState     state);
const char      *tend_handoff_state_label               (TendHandoffState     state);
const char      *tend_handoff_state_css_class           (TendHandoffState     state);
const char      *tend_objective_status_label            (TendObjectiveStatus  status);
const char      *tend_objective_status_css_class        (TendObjectiveStatus  status);

/* The message to show at a field: the issue at path, when the field has
 * text or show_empty is set (required fields speak up after a submit). */
const char      *tend_handoff_fields_pick_issue         (GPtrArray           *issues,
                                                         const char          *path,
                                                         const char          *text,
                                                         gboolean             show_empty);
/* Marks row as in error (or not) and shows message in error_label, whose
 * row error_row is hidden when message is NULL. */
void             tend_handoff_fields_show_issue         (GtkWidget           *row,
                                                         GtkWidget           *error_row,
                                                         GtkLabel            *error_label,
                                                         const char          *message);
/* Points a row's Move Up, Move Down and Remove buttons at the form's
 * actions for row index of section, and shows them only when editable. */
void             tend_handoff_fields_set_row_buttons    (GtkWidget           *up_button,
                                                         GtkWidget           *down_button,
                                                         GtkWidget           *remove_button,
                                                         TendHandoffSection   section,
                                                         guint                index,
                                                         guint                n_rows,
                                                         gboolean             is_editable);
/* Sets an editable's text without it counting as a person's change. */
void             tend_handoff_fields_set_text           (GtkEditable         *editable,
                                                         const char          *text);
/* "23 Nov 2026" from an ISO 8601 instant or day; the text itself otherwise. */
char            *tend_handoff_fields_format_instant     (const char          *iso);

G_END_DECLS
