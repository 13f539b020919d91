// The "Asks and next steps" of an account's QBR pack, which the CSM edits.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-store.h"

G_BEGIN_DECLS

/* Longest text accepted, in characters. */
#define TEND_QBR_NOTES_MAX_TEXT 4000

typedef struct {
  char *account_id;
  char *text;
  char *updated_by;
  char *updated_at;   /* ISO 8601 UTC instant */
} TendQbrNotes;

void          tend_qbr_notes_free (TendQbrNotes    *notes);

/* The account's notes, or NULL (error unset) when none were written. */
TendQbrNotes *tend_qbr_notes_get  (TendStore       *store,
                                   const char      *account_id,
                                   GError         **error);
/* Replaces the account's notes with text (trimmed) under the store's actor,
 * audit-logged in the same transaction; empty text removes them. Setting the
 * text already stored changes nothing and succeeds. */
gboolean      tend_qbr_notes_set  (TendStore       *store,
                                   const TendBook  *book,
                                   const char      *account_id,
                                   const char      *text,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendQbrNotes, tend_qbr_notes_free)

G_END_DECLS
