// The renewals ICS of the whole book and a QBR pack, against plain writers.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <cairo-pdf.h>
#include <stdio.h>

#include "tend-book.h"
#include "tend-ics.h"
#include "tend-qbr.h"
#include "tend-renewals.h"
#include "tend-settings.h"
#include "tend-store.h"
#include "bench-util.h"

#define HORIZON_DAYS 3660

/* The ICS floor: the same number of all-day VEVENTs written with one
 * printf each into one GString. */
static double
ics_floor (guint n_events)
{
  g_autoptr(GString) out = g_string_sized_new (256 * n_events);
  gint64 start = g_get_monotonic_time ();

  g_string_append (out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tend//EN\r\n");
  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (out,
                            "BEGIN:VEVENT\r\nUID:renewal-%u@tend\r\nDTSTAMP:20261123T000000Z\r\n"
                            "DTSTART;VALUE=DATE:20270101\r\nSUMMARY:Renewal: Account number %u\r\n"
                            "DESCRIPTION:ARR 123\\,456 USD\\, owner Someone\r\nEND:VEVENT\r\n", i, i);
  g_string_append (out, "END:VCALENDAR\r\n");
  return bench_ms_since (start);
}

/* The QBR floor: cairo writing a PDF of the same page count, one line of
 * text a page. */
static double
pdf_floor (guint n_pages)
{
  g_autoptr(GByteArray) sink = g_byte_array_new ();
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream ((cairo_write_func_t) (void (*) (void)) g_byte_array_append,
                                                 sink, 595, 842);
  cr = cairo_create (surface);
  for (guint i = 0; i < MAX (n_pages, 1); i++)
    {
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, "Quarterly business review");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return bench_ms_since (start);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = bench_ensure_book ();
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(GError) error = NULL;
  TendSettings settings;
  TendDay as_of;

  if (path == NULL)
    return 77;
  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  book = tend_book_load (store, &error);
  g_assert_no_error (error);
  tend_settings_init_defaults (&settings);
  g_assert_true (tend_day_parse (bench_today (), &as_of, NULL));

  {
    g_autoptr(GPtrArray) renewals = NULL;
    g_autofree char *ics = NULL;
    gint64 start = g_get_monotonic_time ();
    double list_ms, ms;

    renewals = tend_renewals_list (store, book, as_of, HORIZON_DAYS, &settings, &error);
    g_assert_no_error (error);
    list_ms = bench_ms_since (start);
    ics = tend_ics_renewals (renewals, book, NULL);
    ms = bench_ms_since (start);
    printf ("renewals ICS: %u events, %.1f MiB; listing %.0f ms, writing %.0f ms\n",
            renewals->len, strlen (ics) / 1048576.0, list_ms, ms - list_ms);
    bench_report ("export.ics (whole book, 3660 d)", ms, ics_floor (renewals->len),
                  "printf of as many VEVENTs", 1000, FALSE, "ms");
  }

  {
    const TendAccount *account = NULL;
    g_autoptr(TendQbr) qbr = NULL;
    g_autoptr(GBytes) pdf = NULL;
    guint n_pages = 0;
    gint64 start;
    double ms;

    /* The account with the most ARR: a full pack. */
    for (guint i = 0; i < book->n_accounts; i++)
      if (account == NULL || book->accounts[i].arr > account->arr)
        account = &book->accounts[i];
    start = g_get_monotonic_time ();
    qbr = tend_qbr_compute (store, book, account->id, as_of, &settings, &error);
    g_assert_no_error (error);
    pdf = tend_qbr_render (qbr, TEND_PAPER_A4, &n_pages);
    ms = bench_ms_since (start);
    printf ("QBR pack of %s: %u pages, %zu KiB\n", account->name, n_pages, g_bytes_get_size (pdf) / 1024);
    bench_report ("export.qbr (one pack)", ms, pdf_floor (n_pages), "cairo PDF, same page count",
                  1000, FALSE, "ms");
  }
  tend_settings_clear (&settings);
  return 0;
}
