// A handoff plan as a kickoff PDF: the same document from the window and the CLI.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-handoff.h"
#include "tend-pdf.h"

G_BEGIN_DECLS

/* The names are the account's and the deal's as the book has them (the
 * plan holds only their ids); deal_name and rep_name may be NULL. */
typedef struct {
  const char *account_name;
  const char *deal_name;
  const char *rep_name;
} TendHandoffPdfNames;

/* The document title, e.g. "Kickoff — Acme". */
char     *tend_handoff_pdf_get_title (const TendHandoffPlan     *plan,
                                      const TendHandoffPdfNames *names);
/* Writes the plan's pages into pdf. */
void      tend_handoff_pdf_write     (const TendHandoffPlan     *plan,
                                      const TendHandoffPdfNames *names,
                                      TendPdf                   *pdf);
/* Writes the kickoff PDF to path; the message names the path on failure. */
gboolean  tend_handoff_pdf_save      (const TendHandoffPlan     *plan,
                                      const TendHandoffPdfNames *names,
                                      TendPaper                  paper,
                                      const char                *path,
                                      GError                   **error);

G_END_DECLS
