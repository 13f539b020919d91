// Health of the whole 100k book (DOMAIN.md 5), and the book load it needs.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>

#include "tend-book.h"
#include "tend-health.h"
#include "tend-settings.h"
#include "tend-store.h"
#include "bench-util.h"

#define RUNS 5

static const char * const tables[] = { "owners", "accounts", "deals", "tickets", "survey_responses" };

/* The load's floor: SQLite stepping over every row and column the book
 * reads, without keeping anything. */
static double
scan_floor (TendStore *store)
{
  gint64 start = g_get_monotonic_time ();
  gint64 sum = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", tables[t]);
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          sum += sqlite3_column_bytes (stmt, c);
      sqlite3_finalize (stmt);
    }
  g_assert (sum > 0);
  return bench_ms_since (start);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = bench_ensure_book ();
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TendSettings settings;
  TendDay as_of;
  double load_ms[RUNS], scan_ms[RUNS], health_ms[RUNS];

  if (path == NULL)
    return 77;
  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  tend_settings_init_defaults (&settings);
  g_assert_true (tend_day_parse (bench_today (), &as_of, NULL));

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(TendBook) book = NULL;
      g_autoptr(GArray) health = NULL;
      gint64 start;

      scan_ms[i] = scan_floor (store);
      start = g_get_monotonic_time ();
      book = tend_book_load (store, &error);
      load_ms[i] = bench_ms_since (start);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      health = tend_health_compute_book (store, book, as_of, &settings, &error);
      health_ms[i] = bench_ms_since (start);
      g_assert_no_error (error);
      printf ("run %u: %u accounts, book load %.0f ms (row scan %.0f ms), health %.0f ms\n",
              i + 1, book->n_accounts, load_ms[i], scan_ms[i], health_ms[i]);
    }
  qsort (load_ms, RUNS, sizeof (double), compare_double);
  qsort (scan_ms, RUNS, sizeof (double), compare_double);
  qsort (health_ms, RUNS, sizeof (double), compare_double);
  printf ("medians of %d runs\n", RUNS);
  bench_report ("health.compute_book", health_ms[RUNS / 2], 0, NULL, 200, FALSE, "ms");
  bench_report ("book.load (for reference)", load_ms[RUNS / 2], scan_ms[RUNS / 2],
                "SQLite scan of the same rows", 3.0, TRUE, "ms");
  printf ("peak RSS %.0f MiB\n", bench_peak_rss_mib ());
  tend_settings_clear (&settings);
  return 0;
}
