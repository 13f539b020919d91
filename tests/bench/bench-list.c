// The account list over the 100k book: a search keystroke, and row widgets while scrolling.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "tend-account-list-model.h"
#include "tend-accounts-page.h"
#include "tend-book.h"
#include "tend-store.h"
#include "tend-workspace.h"
#include "bench-util.h"

/* The keystroke floor: one case-sensitive strstr () over every name. */
static double
scan_floor (const TendBook *book,
            const char     *needle)
{
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  for (guint i = 0; i < book->n_accounts; i++)
    if (strstr (book->accounts[i].name, needle) != NULL)
      n++;
  g_assert (n < G_MAXUINT);
  return bench_ms_since (start);
}

static void
bench_search (const char *path)
{
  g_autoptr(TendStore) store = tend_store_open (path, NULL);
  g_autoptr(TendBook) book = tend_book_load (store, NULL);
  g_autoptr(TendAccountListModel) model = tend_account_list_model_new ();
  g_autofree char *name = NULL;
  double worst = 0, floor = 0, set_book;
  gint64 start;
  gsize len;

  g_assert (book != NULL);
  start = g_get_monotonic_time ();
  tend_account_list_model_set_book (model, book);
  set_book = bench_ms_since (start);
  printf ("set_book (index of %u accounts): %.1f ms\n", book->n_accounts, set_book);

  /* Type a real name a key at a time, then erase it. */
  name = g_utf8_strdown (book->accounts[book->n_accounts / 2].name, -1);
  len = MIN (strlen (name), 12);
  for (gsize k = 1; k <= 2 * len; k++)
    {
      g_autofree char *typed = g_strndup (name, k <= len ? k : 2 * len - k + 1);
      double ms;

      start = g_get_monotonic_time ();
      tend_account_list_model_set_search (model, typed);
      ms = bench_ms_since (start);
      if (ms > worst)
        {
          worst = ms;
          floor = scan_floor (book, typed);
        }
      printf ("search “%s”: %u rows in %.2f ms\n", typed, g_list_model_get_n_items (G_LIST_MODEL (model)), ms);
    }
  tend_account_list_model_set_search (model, "");
  bench_report ("search keystroke (worst)", worst, floor, "strstr over all names", 16, FALSE, "ms");
}

/* Scrolling: the row widgets of the column view, counted as new objects
 * appear among its list view's children, while the view moves a page at a
 * time from the first row to the last. */
static guint n_created;

static void
on_row_finalized (gpointer  data,
                  GObject  *where)
{
  g_hash_table_remove (data, where);
}

static guint
count_rows (GtkWidget  *list,
            GHashTable *seen)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      n++;
      if (g_hash_table_add (seen, row))
        {
          n_created++;
          g_object_weak_ref (G_OBJECT (row), on_row_finalized, seen);
        }
    }
  return n;
}

static void
wait_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 until = g_get_monotonic_time () + 20000;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
bench_scroll (const char *path)
{
  g_autoptr(TendWorkspace) workspace = tend_workspace_new (path);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GtkWidget *window, *page, *list;
  GtkAdjustment *adjustment;
  guint max_live = 0, steps = 0, visible;
  double row_height;

  g_assert_true (tend_workspace_open (workspace, NULL));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = tend_accounts_page_new ();
  tend_accounts_page_set_workspace (TEND_ACCOUNTS_PAGE (page), workspace);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  tend_workspace_reload_async (workspace, NULL, NULL, NULL);
  while (tend_workspace_get_book (workspace) == NULL || tend_workspace_get_is_loading (workspace))
    g_main_context_iteration (NULL, TRUE);
  wait_frames (10);

  list = find_list_view (page);
  g_assert_nonnull (list);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  n_created = 0;
  count_rows (list, seen);
  row_height = gtk_adjustment_get_upper (adjustment) / MAX (1, tend_workspace_get_book (workspace)->n_accounts);
  visible = (guint) (gtk_adjustment_get_page_size (adjustment) / MAX (row_height, 1) + 0.999);
  for (double value = 0; value < gtk_adjustment_get_upper (adjustment);
       value += gtk_adjustment_get_page_size (adjustment) * 37)
    {
      gtk_adjustment_set_value (adjustment, value);
      wait_frames (1);
      max_live = MAX (max_live, count_rows (list, seen));
      steps++;
    }
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_frames (2);
  max_live = MAX (max_live, count_rows (list, seen));
  printf ("scrolled %u steps over %.0f px: %u rows visible, at most %u row widgets alive, %u created\n",
          steps, gtk_adjustment_get_upper (adjustment), visible, max_live, n_created);
  /* GTK 4.8's list view keeps up to 200 row widgets whatever the model size. */
  bench_report ("scroll: row widgets created", n_created, visible, "visible rows", 250, FALSE, "rows");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = bench_ensure_book ();
  g_autoptr(GSubprocess) xvfb = NULL;

  if (path == NULL)
    return 77;
  bench_search (path);

  xvfb = bench_start_xvfb ();
  if (!gtk_init_check ())
    {
      printf ("no display: scrolling not measured\n");
      return 0;
    }
  adw_init ();
  bench_scroll (path);
  if (xvfb != NULL)
    {
      g_subprocess_send_signal (xvfb, SIGTERM);
      g_subprocess_wait (xvfb, NULL, NULL);
    }
  return 0;
}
