// tend-cli qbr, review and qbr-notes: the PDF packs of DOMAIN.md 9.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>

#include "tend-cli.h"
#include "tend-error.h"
#include "tend-qbr-notes.h"
#include "tend-qbr.h"
#include "tend-review.h"
#include "tend-settings.h"

/* The settings a person chose, or the defaults without GSettings. */
static void
load_settings (TendSettings *settings)
{
  g_autoptr(GSettings) gsettings = tend_settings_new_gsettings ();

  tend_settings_init_defaults (settings);
  tend_settings_load (settings, gsettings);
}

static gboolean
parse_paper (const char *command,
             const char *text,
             TendPaper  *out_paper,
             int        *out_status)
{
  *out_paper = TEND_PAPER_A4;
  if (text != NULL && !tend_pdf_paper_from_string (text, out_paper))
    {
      *out_status = tend_cli_usage_error (command, "--paper must be a4 or letter, not “%s”", text);
      return FALSE;
    }
  return TRUE;
}

static int
run_qbr (TendCli  *cli,
         int       argc,
         char    **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_text = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the PDF to FILE", "FILE.pdf" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, "Paper size: a4 (default) or letter", "SIZE" },
    { NULL }
  };
  TendSettings settings;
  g_autoptr(TendQbr) qbr = NULL;
  GError *error = NULL;
  TendPaper paper;
  TendBook *book;
  guint n_pages = 0;
  int status;

  if (!tend_cli_parse_options ("qbr", "ACCOUNT_ID - write the QBR pack of an account as a PDF",
                               entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return tend_cli_usage_error ("qbr", "which account? Give its id, e.g. tend-cli qbr 9001 --output qbr.pdf");
  if (argc > 2)
    return tend_cli_usage_error ("qbr", "unexpected argument “%s”", argv[2]);
  if (output == NULL || *output == '\0')
    return tend_cli_usage_error ("qbr", "--output FILE.pdf is required");
  if (!parse_paper ("qbr", paper_text, &paper, &status))
    return status;

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  load_settings (&settings);
  qbr = tend_qbr_compute (cli->store, book, argv[1], cli->as_of, &settings, &error);
  tend_settings_clear (&settings);
  if (qbr == NULL || !tend_qbr_save (qbr, paper, output, &n_pages, &error))
    return tend_cli_fail (error);
  fprintf (stderr, "Wrote %s (%u %s)\n", output, n_pages, n_pages == 1 ? "page" : "pages");
  return TEND_CLI_OK;
}

static int
run_review (TendCli  *cli,
            int       argc,
            char    **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *owner = NULL;
  GOptionEntry entries[] = {
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, "Review this owner's accounts (default: all)", "ID" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the PDF to FILE", "FILE.pdf" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, "Paper size: a4 (default) or letter", "SIZE" },
    { NULL }
  };
  TendSettings settings;
  g_autoptr(TendReview) review = NULL;
  GError *error = NULL;
  TendPaper paper;
  TendBook *book;
  guint n_pages = 0;
  int status;

  if (!tend_cli_parse_options ("review", "- write a portfolio review as a PDF", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("review", "unexpected argument “%s”", argv[1]);
  if (output == NULL || *output == '\0')
    return tend_cli_usage_error ("review", "--output FILE.pdf is required");
  if (!parse_paper ("review", paper_text, &paper, &status))
    return status;

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  load_settings (&settings);
  review = tend_review_compute (cli->store, book, owner, cli->as_of, &settings, &error);
  tend_settings_clear (&settings);
  if (review == NULL || !tend_review_save (review, paper, output, &n_pages, &error))
    return tend_cli_fail (error);
  fprintf (stderr, "Wrote %s (%u %s)\n", output, n_pages, n_pages == 1 ? "page" : "pages");
  return TEND_CLI_OK;
}

static int
run_qbr_notes (TendCli  *cli,
               int       argc,
               char    **argv)
{
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING, &text, "Replace the asks and next steps (empty clears them)", "TEXT" },
    { NULL }
  };
  g_autoptr(TendQbrNotes) notes = NULL;
  GError *error = NULL;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("qbr-notes", "ACCOUNT_ID - print or set the asks and next steps of a QBR",
                               entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return tend_cli_usage_error ("qbr-notes", "which account? Give its id");
  if (argc > 2)
    return tend_cli_usage_error ("qbr-notes", "unexpected argument “%s”", argv[2]);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);

  if (text != NULL)
    {
      if (!tend_qbr_notes_set (cli->store, book, argv[1], text, &error))
        return tend_cli_fail (error);
      fprintf (stderr, "Asks and next steps of %s saved by %s\n",
               tend_book_find_account (book, argv[1])->name, tend_store_get_actor (cli->store));
      return TEND_CLI_OK;
    }

  if (tend_book_find_account (book, argv[1]) == NULL)
    {
      g_set_error (&error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account with id “%s” in the workspace; “tend-cli accounts” lists them", argv[1]);
      return tend_cli_fail (error);
    }
  notes = tend_qbr_notes_get (cli->store, argv[1], &error);
  if (error != NULL)
    return tend_cli_fail (error);
  if (notes == NULL)
    {
      fprintf (stderr, "No asks and next steps written yet; add them with --set TEXT\n");
      return TEND_CLI_OK;
    }
  printf ("%s\n", notes->text);
  fprintf (stderr, "Written by %s, %s\n", notes->updated_by, notes->updated_at);
  return TEND_CLI_OK;
}

const TendCliCommand tend_cli_reports_commands[] = {
  { "qbr", "Write an account's QBR pack: ACCOUNT_ID --output FILE.pdf [--paper a4|letter]", run_qbr },
  { "review", "Write a portfolio review: [--owner ID] --output FILE.pdf [--paper a4|letter]", run_review },
  { "qbr-notes", "Print or set a QBR's asks and next steps: ACCOUNT_ID [--set TEXT]", run_qbr_notes },
  { NULL }
};
