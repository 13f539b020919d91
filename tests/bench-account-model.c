// How long the account list takes to index, search and sort 100,000 accounts.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tend-account-list-model.h"
#include "tend-book.h"
#include "tend-store.h"

#define N_ACCOUNTS 100000

static const char *words[] = { "Acme", "Birch", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor" };
static const char *kinds[] = { "Labs", "Telecom", "Holdings", "Foods", "Systems", "Café Co" };

static void
fill_store (TendStore *store)
{
  static const char owner_sql[] = "INSERT INTO owners (id, name) VALUES (?1, ?2)";
  static const char account_sql[] =
    "INSERT INTO accounts (id, name, domain, owner_id, segment, arr, currency, contract_end) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'USD', ?7)";
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_begin (store, &error));
  for (int o = 0; o < 20; o++)
    {
      sqlite3_stmt *stmt = tend_store_prepare (store, owner_sql, &error);
      g_autofree char *id = g_strdup_printf ("%d", 70000000 + o);
      g_autofree char *name = g_strdup_printf ("Owner Number %d", o);
      tend_stmt_bind_text (stmt, 1, id);
      tend_stmt_bind_text (stmt, 2, name);
      g_assert_true (tend_store_step_done (store, stmt, &error));
    }
  for (int i = 0; i < N_ACCOUNTS; i++)
    {
      sqlite3_stmt *stmt = tend_store_prepare (store, account_sql, &error);
      g_autofree char *id = g_strdup_printf ("%d", 5000000 + i);
      g_autofree char *name = g_strdup_printf ("%s %s %d", words[i % 8], kinds[(i / 8) % 6], i);
      g_autofree char *domain = g_strdup_printf ("%s%d.example", words[(i / 3) % 8], i);
      g_autofree char *owner = g_strdup_printf ("%d", 70000000 + i % 20);
      g_autofree char *end = g_strdup_printf ("2027-%02d-%02d", 1 + i % 12, 1 + i % 28);

      tend_stmt_bind_text (stmt, 1, id);
      tend_stmt_bind_text (stmt, 2, name);
      tend_stmt_bind_text (stmt, 3, domain);
      tend_stmt_bind_text (stmt, 4, owner);
      tend_stmt_bind_text (stmt, 5, i % 3 ? "SMB" : "Enterprise");
      sqlite3_bind_int64 (stmt, 6, (gint64) (i * 7919 % 1000000) * 100);
      tend_stmt_bind_text (stmt, 7, end);
      g_assert_true (tend_store_step_done (store, stmt, &error));
    }
  g_assert_true (tend_store_commit (store, &error));
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  g_autoptr(TendBook) book = NULL;
  g_autoptr(TendAccountListModel) model = tend_account_list_model_new ();
  const char *typed[] = { "a", "ac", "acm", "acme", "acme l", "acme la", "zz" };
  gint64 start;

  g_assert_no_error (error);
  fill_store (store);
  book = tend_book_load (store, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  tend_account_list_model_set_book (model, book);
  printf ("set_book, %u accounts: %.1f ms\n", book->n_accounts, ms_since (start));

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      start = g_get_monotonic_time ();
      tend_account_list_model_set_search (model, typed[i]);
      printf ("search “%s”: %u matches in %.2f ms\n", typed[i],
              g_list_model_get_n_items (G_LIST_MODEL (model)), ms_since (start));
    }
  tend_account_list_model_set_search (model, "");

  start = g_get_monotonic_time ();
  tend_account_list_model_set_sort (model, TEND_ACCOUNT_SORT_ARR, TRUE);
  printf ("first sort by ARR: %.1f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  tend_account_list_model_set_sort (model, TEND_ACCOUNT_SORT_NAME, FALSE);
  tend_account_list_model_set_sort (model, TEND_ACCOUNT_SORT_ARR, TRUE);
  printf ("sort by ARR again (cached): %.2f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  tend_account_list_model_set_sort (model, TEND_ACCOUNT_SORT_OWNER, FALSE);
  printf ("first sort by owner: %.1f ms\n", ms_since (start));

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
