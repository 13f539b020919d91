// Tests of the PDF report writer through poppler's pdfinfo and pdftotext.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>

#include "tend-chart.h"
#include "tend-pdf.h"

static char *
run_tool (const char *tool,
          const char *pdf_path,
          const char *extra)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { tool, extra ? extra : pdf_path, extra ? pdf_path : "-", extra ? "-" : NULL, NULL };

  if (g_strcmp0 (tool, "pdfinfo") == 0)
    {
      argv[1] = pdf_path;
      argv[2] = NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static int
count_occurrences (const char *haystack,
                   const char *needle)
{
  int n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
write_report (TendPaper  paper,
              guint      n_rows)
{
  g_autoptr(TendPdf) pdf = tend_pdf_new (paper, "Test pack", "Tend test footer");
  g_autofree char *dir = g_dir_make_tmp ("tend-pdf-XXXXXX", NULL);
  char *path = g_build_filename (dir, "report.pdf", NULL);
  const char *headers[] = { "Account", "ARR", NULL };
  double widths[] = { 3, 1 };
  TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END };
  TendChartStyle style;
  TendChartPoint points[] = { { 1, 40 }, { 2, 55 }, { 3, 72 } };
  double x, y, w;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;

  tend_pdf_title (pdf, "Société Générale Démo", "株式会社テスト — quarterly review");
  tend_pdf_heading (pdf, 1, "Health");
  tend_pdf_paragraph (pdf, "A paragraph that is long enough to wrap across more than one line of the page, "
                           "so that the writer has to break it at a word and carry on below without losing text.");
  tend_pdf_key_value (pdf, "Score", "63.4");
  tend_chart_style_init_light (&style);
  cr = tend_pdf_figure (pdf, 140, &x, &y, &w);
  tend_chart_draw_line (cr, &style, x, y, w, 140, points, G_N_ELEMENTS (points), 45, 70, NULL);
  tend_pdf_heading (pdf, 2, "Accounts");
  tend_pdf_table_begin (pdf, 2, headers, widths, aligns);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("Row account %03u", i);
      const char *cells[] = { name, "USD 1,000.00" };
      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
  tend_pdf_paragraph (pdf, "Verbatim: « très bien » — とても良い 👍");
  g_assert_true (tend_pdf_save (pdf, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_report (char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
}

static void
test_table_breaks_with_header (void)
{
  char *path = write_report (TEND_PAPER_A4, 120);
  g_autofree char *info = run_tool ("pdfinfo", path, NULL);
  g_autofree char *text = run_tool ("pdftotext", path, "-layout");
  g_autofree char *page2 = NULL;
  const char *second;

  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_cmpint (count_occurrences (info, "A4"), >=, 1);
  /* 120 rows do not fit one page: the header repeats on each page */
  g_assert_cmpint (count_occurrences (text, "\f"), >=, 2);
  g_assert_cmpint (count_occurrences (text, "Account"), >=, 3);
  second = strchr (text, '\f');
  g_assert_nonnull (second);
  page2 = g_strndup (second, 400);
  g_assert_nonnull (strstr (page2, "Account"));
  /* every row made it, in order */
  g_assert_nonnull (strstr (text, "Row account 000"));
  g_assert_nonnull (strstr (text, "Row account 119"));
  g_assert_true (strstr (text, "Row account 050") < strstr (text, "Row account 051"));
  remove_report (path);
}

static void
test_text_survives (void)
{
  char *path = write_report (TEND_PAPER_LETTER, 3);
  g_autofree char *info = run_tool ("pdfinfo", path, NULL);
  g_autofree char *text = run_tool ("pdftotext", path, "-raw");

  g_assert_nonnull (strstr (info, "612 x 792"));
  g_assert_nonnull (strstr (info, "Title:           Test pack"));
  g_assert_nonnull (strstr (text, "Société Générale Démo"));
  g_assert_nonnull (strstr (text, "株式会社テスト"));
  g_assert_nonnull (strstr (text, "très bien"));
  g_assert_nonnull (strstr (text, "とても良い"));
  g_assert_nonnull (strstr (text, "63.4"));
  g_assert_nonnull (strstr (text, "Tend test footer"));
  remove_report (path);
}

static void
test_unwritable_path (void)
{
  g_autoptr(TendPdf) pdf = tend_pdf_new (TEND_PAPER_A4, "x", NULL);
  g_autoptr(GError) error = NULL;

  tend_pdf_paragraph (pdf, "text");
  g_assert_false (tend_pdf_save (pdf, "/nonexistent-folder/report.pdf", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/report.pdf"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf/table-breaks-with-header", test_table_breaks_with_header);
  g_test_add_func ("/pdf/text-survives", test_text_survives);
  g_test_add_func ("/pdf/unwritable-path", test_unwritable_path);
  return g_test_run ();
}
