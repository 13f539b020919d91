// Tests of the workspace store: migrations, file mode, the in-memory book.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "tend-book.h"
#include "tend-error.h"
#include "tend-store.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("tend-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "ws.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
test_fresh_workspace (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (f->path, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpint (tend_store_get_schema_version (store), ==, TEND_STORE_SCHEMA_VERSION);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                     "('owners','accounts','deals','tickets','survey_responses','sync_state','audit_log')"), ==, 7);
}

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) old = tend_store_open_at_version (f->path, 1, &error);
  g_autoptr(TendStore) store = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (tend_store_get_schema_version (old), ==, 1);
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'"), ==, 0);
  g_assert_true (tend_store_exec (old, "INSERT INTO accounts (id, name, arr) VALUES ('1', 'Acme', 12000000)", &error));
  g_clear_object (&old);

  store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_get_schema_version (store), ==, TEND_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "SELECT arr FROM accounts WHERE id = '1'"), ==, 12000000);
  g_assert_true (tend_store_audit (store, "account", "1", "noted", "{}", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE actor = 'Test Runner'"), ==, 1);
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (f->path, &error);
  g_autoptr(TendStore) again = NULL;

  g_assert_true (tend_store_exec (store, "PRAGMA user_version = 99", &error));
  g_clear_object (&store);
  again = tend_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer Tend"));
}

static void
test_corrupt_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "this is not a database, just text that is long enough "
                                      "to look like a header of a file ..........................", -1, NULL));
  store = tend_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "move it aside"));
}

static void
test_unwritable_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "sub", "ws.db", NULL);

  /* A file where a folder should be stops even root, so CI (root) tests it. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  store = tend_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "Cannot create the folder"));
}

static void
test_book_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (f->path, &error);
  g_autoptr(TendBook) book = NULL;
  const TendAccount *a, *b, *c;
  TendDay d;

  g_assert_true (tend_store_exec (store,
    "INSERT INTO owners (id, name) VALUES ('77', 'Casey CSM');"
    "INSERT INTO accounts (id, name, owner_id, contract_start, contract_end, arr, churn_date) VALUES"
    " ('1', 'Acme', '77', '2026-09-01', '2027-09-01', 100, NULL),"
    " ('2', 'Beta', '77', '2024-01-01', '2027-01-10', NULL, NULL),"
    " ('3', 'Gamma', NULL, '2024-01-01', '2028-01-10', 5, '2026-05-01');"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
    " ('d1', '2', 'renewal', 'open', '2026-12-20T10:00:00.000Z'),"
    " ('d2', '2', 'renewal', 'open', '2026-12-30T10:00:00.000Z'),"
    " ('d3', '1', 'expansion', 'open', '2027-01-01T00:00:00.000Z'),"
    " ('d4', '4', 'new', 'won', '2026-01-01T00:00:00.000Z'),"
    " ('d5', '3', 'renewal', 'lost', '2026-03-01T00:00:00.000Z');", &error));
  g_assert_no_error (error);

  book = tend_book_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (book->n_accounts, ==, 3);
  g_assert_cmpuint (book->n_deals, ==, 5);
  a = tend_book_find_account (book, "1");
  b = tend_book_find_account (book, "2");
  c = tend_book_find_account (book, "3");
  g_assert_cmpstr (a->name, ==, "Acme");
  g_assert_true (a->has_arr);
  g_assert_false (b->has_arr);
  g_assert_cmpstr (tend_book_owner_name (book, a->owner_id), ==, "Casey CSM");
  g_assert_cmpuint (b->n_deals, ==, 2);

  tend_day_parse ("2026-11-23", &d, NULL);
  /* onboarding: started within the last 90 days */
  g_assert_cmpint (tend_account_stage (book, a, d), ==, TEND_STAGE_ONBOARDING);
  /* expansion once onboarding is over (an open expansion deal) */
  g_assert_cmpint (tend_account_stage (book, a, tend_day_add_days (d, 90)), ==, TEND_STAGE_EXPANSION);
  /* renewal: contract end within 120 days after D, inclusive */
  g_assert_cmpint (tend_account_stage (book, b, tend_day_add_days (b->contract_end, -120)), ==, TEND_STAGE_RENEWAL);
  g_assert_cmpint (tend_account_stage (book, b, tend_day_add_days (b->contract_end, -121)), ==, TEND_STAGE_ADOPTION);
  /* renewal date refined by the earliest open renewal deal */
  g_assert_cmpuint (tend_account_renewal_day (book, b), ==, tend_day_from_ymd (2026, 12, 20));
  g_assert_cmpuint (tend_account_renewal_day (book, a), ==, a->contract_end);
  /* churn date wins over a lost renewal deal */
  g_assert_cmpuint (tend_account_churn_day (book, c), ==, tend_day_from_ymd (2026, 5, 1));
  g_assert_true (tend_account_is_churned (book, c, tend_day_from_ymd (2026, 5, 1)));
  g_assert_false (tend_account_is_churned (book, c, tend_day_from_ymd (2026, 4, 30)));
}

static void
test_book_lost_renewal_churns (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (f->path, &error);
  g_autoptr(TendBook) book = NULL;

  g_assert_true (tend_store_exec (store,
    "INSERT INTO accounts (id, name) VALUES ('9', 'Lost Co');"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
    " ('x', '9', 'renewal', 'lost', '2026-04-02T23:30:00.000Z');", &error));
  book = tend_book_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_account_churn_day (book, &book->accounts[0]), ==, tend_day_from_ymd (2026, 4, 2));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/store/fresh-workspace", test_fresh_workspace);
  ADD ("/store/migrate-from-v1", test_migrate_from_v1);
  ADD ("/store/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/corrupt-file", test_corrupt_file);
  ADD ("/store/unwritable-folder", test_unwritable_folder);
  ADD ("/book/rules", test_book_rules);
  ADD ("/book/lost-renewal-churns", test_book_lost_renewal_churns);
#undef ADD

  return g_test_run ();
}
