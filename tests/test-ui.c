// The window as a person sees it: list, search, details, damaged files, demo.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tend-account-details.h"
#include "tend-account-item.h"
#include "tend-accounts-page.h"
#include "tend-application.h"
#include "tend-book.h"
#include "tend-store.h"
#include "tend-window.h"

/* The simulator makes 300 companies and archives a few of them: the cache
 * and so the list hold the live ones, which the tests read from the book. */
#define N_ACCOUNTS 300
#define WAIT_SECONDS 60

/* Prepared once: a workspace synced by tend-cli from the simulator. */
static char *tmp_dir;
static char *workspace_path;
static char *sim_url;
static GSubprocess *sim;
static TendApplication *app;

static gboolean
keep_waking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until cond holds, for at most WAIT_SECONDS. */
#define WAIT_FOR(cond)                                                        \
  G_STMT_START {                                                              \
    gint64 end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;    \
    guint tick_ = g_timeout_add (20, keep_waking, NULL);                      \
    while (!(cond) && g_get_monotonic_time () < end_)                         \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_source_remove (tick_);                                                  \
    if (!(cond))                                                              \
      g_error ("Timed out waiting for %s", #cond);                            \
  } G_STMT_END

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on screen (mapped) that reads exactly text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

static TendBook *
load_book (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  TendBook *book;

  g_assert_no_error (error);
  book = tend_book_load (store, &error);
  g_assert_no_error (error);
  return book;
}

/* The search rule, written again here: every word in the folded name,
 * domain or owner's name. */
static guint
count_matches (const TendBook *book,
               const char     *query)
{
  g_autofree char *folded_query = g_utf8_casefold (query, -1);
  guint n = 0;

  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      g_autofree char *text = g_strjoin ("\n", a->name, a->domain ? a->domain : "",
                                         tend_book_owner_name (book, a->owner_id) ?: "", NULL);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, folded_query) != NULL)
        n++;
    }
  return n;
}

typedef struct {
  TendWindow         *window;
  TendAccountsPage   *page;
  GtkColumnView      *view;
  GtkSelectionModel  *selection;
  GListModel         *model;
  TendAccountDetails *details;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (workspace_path == NULL)
    {
      g_test_skip ("TEND_CRM_SIM and TEND_CLI are needed to prepare a workspace");
      return;
    }
  f->window = tend_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  tend_window_open_workspace (f->window, workspace_path);
  /* the dashboard comes first; these tests are about the account list */
  tend_window_show_page (f->window, "accounts");
  gtk_window_present (GTK_WINDOW (f->window));

  f->page = TEND_ACCOUNTS_PAGE (find_widget (GTK_WIDGET (f->window), TEND_TYPE_ACCOUNTS_PAGE));
  g_assert_nonnull (f->page);
  f->view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW));
  f->selection = gtk_column_view_get_model (f->view);
  f->model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (f->selection));
  f->details = TEND_ACCOUNT_DETAILS (find_widget (GTK_WIDGET (f->page), TEND_TYPE_ACCOUNT_DETAILS));

  WAIT_FOR (g_list_model_get_n_items (f->model) > 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_list_shows_accounts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TendBook) book = NULL;
  const char *known;
  gboolean found = FALSE;

  if (f->window == NULL)
    return;
  book = load_book (workspace_path);
  known = book->accounts[N_ACCOUNTS / 2].name;

  g_assert_cmpuint (book->n_accounts, >, N_ACCOUNTS - 10);
  g_assert_cmpuint (book->n_accounts, <=, N_ACCOUNTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->selection)), ==, book->n_accounts);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (
                     gtk_widget_get_parent (GTK_WIDGET (f->view))))), ==, "list");
  for (guint i = 0; i < g_list_model_get_n_items (f->model) && !found; i++)
    {
      g_autoptr(TendAccountItem) item = g_list_model_get_item (f->model, i);
      found = g_strcmp0 (tend_account_item_get_name (item), known) == 0;
    }
  g_assert_true (found);

  /* The first rows are drawn with the first names of the book. */
  WAIT_FOR (shows_label (GTK_WIDGET (f->view), book->accounts[0].name));
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TendBook) book = NULL;
  GtkWidget *entry;
  const char *query = "acme";
  guint expected;

  if (f->window == NULL)
    return;
  book = load_book (workspace_path);
  expected = count_matches (book, query);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, book->n_accounts);

  /* Ctrl+F's action opens the search bar and focuses the entry. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  entry = find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  WAIT_FOR (gtk_widget_has_focus (entry) || gtk_widget_is_focus (gtk_widget_get_first_child (entry)) ||
            gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "ACME");
  WAIT_FOR (g_list_model_get_n_items (f->model) == expected);

  /* Nothing matches: the empty state says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "no account is called this");
  WAIT_FOR (g_list_model_get_n_items (f->model) == 0);
  WAIT_FOR (shows_label (GTK_WIDGET (f->page), "No Matching Accounts"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  WAIT_FOR (g_list_model_get_n_items (f->model) == book->n_accounts);
}

static void
test_selection_shows_details (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TendAccountItem) item = NULL;
  const guint row = 7;

  if (f->window == NULL)
    return;
  WAIT_FOR (shows_label (GTK_WIDGET (f->details), "No Account Selected"));

  item = g_list_model_get_item (f->model, row);
  gtk_selection_model_select_item (f->selection, row, TRUE);
  WAIT_FOR (shows_label (GTK_WIDGET (f->details), tend_account_item_get_name (item)));
  if (tend_account_item_get_owner_name (item) != NULL)
    g_assert_true (shows_label (GTK_WIDGET (f->details), tend_account_item_get_owner_name (item)));
}

static void
test_sort_by_arr (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TendBook) book = NULL;
  g_autoptr(TendAccountItem) first = NULL;
  g_autoptr(TendAccountItem) last = NULL;
  GtkColumnViewColumn *arr_column;
  gint64 max_arr = G_MININT64, first_arr, last_arr;

  if (f->window == NULL)
    return;
  book = load_book (workspace_path);
  for (guint i = 0; i < book->n_accounts; i++)
    if (book->accounts[i].has_arr)
      max_arr = MAX (max_arr, book->accounts[i].arr);

  arr_column = find_column (f->view, "ARR");
  g_assert_nonnull (arr_column);
  gtk_column_view_sort_by_column (f->view, arr_column, GTK_SORT_DESCENDING);
  first = g_list_model_get_item (f->model, 0);
  g_assert_true (tend_account_item_get_arr (first, &first_arr));
  g_assert_cmpint (first_arr, ==, max_arr);

  gtk_column_view_sort_by_column (f->view, arr_column, GTK_SORT_ASCENDING);
  last = g_list_model_get_item (f->model, g_list_model_get_n_items (f->model) - 1);
  g_clear_object (&first);
  first = g_list_model_get_item (f->model, 0);
  g_assert_true (tend_account_item_get_arr (first, &first_arr));
  /* Ascending: the smallest first, accounts without ARR last. */
  if (tend_account_item_get_arr (last, &last_arr))
    g_assert_cmpint (first_arr, <=, last_arr);
  g_assert_cmpint (g_list_model_get_n_items (f->model), ==, book->n_accounts);
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static guint
count_broken_copies (const char *dir,
                     const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (name, ".broken-", NULL);
  const char *entry;
  guint n = 0;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, prefix) && !g_str_has_suffix (entry, "-wal") &&
        !g_str_has_suffix (entry, "-shm"))
      n++;
  return n;
}

static void
test_damaged_workspace (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "damaged", NULL);
  g_autofree char *path = g_build_filename (dir, "work.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(TendBook) synced = NULL;
  AdwMessageDialog *dialog;
  TendWindow *window;
  TendWorkspace *workspace;

  if (sim_url == NULL)
    {
      g_test_skip ("TEND_CRM_SIM is needed to sync again");
      return;
    }
  synced = load_book (workspace_path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  while (garbage->len < 8192)
    g_string_append (garbage, "This is not an SQLite database. ");
  g_file_set_contents (path, garbage->str, garbage->len, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "base-url", sim_url);

  window = tend_window_new (GTK_APPLICATION (app));
  tend_window_open_workspace (window, path);
  gtk_window_present (GTK_WINDOW (window));

  WAIT_FOR (find_dialog ("The Workspace Is Damaged") != NULL);
  dialog = find_dialog ("The Workspace Is Damaged");
  g_assert_true (adw_message_dialog_has_response (dialog, "move"));
  /* Nothing is moved or deleted before the person says so. */
  g_assert_cmpuint (count_broken_copies (dir, "work.db"), ==, 0);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbage->str);

  adw_message_dialog_response (dialog, "move");
  g_assert_cmpuint (count_broken_copies (dir, "work.db"), ==, 1);

  /* Synced again from the CRM into a fresh file. */
  workspace = tend_window_get_workspace (window);
  WAIT_FOR (tend_workspace_get_book (workspace) != NULL &&
            tend_workspace_get_book (workspace)->n_accounts == synced->n_accounts &&
            !tend_workspace_get_is_syncing (workspace));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "base-url");
}

static void
test_demo_workspace (void)
{
  g_autofree char *demo_path = tend_store_default_path ("demo");
  TendWindow *window;
  TendWorkspace *workspace;
  GtkWidget *page;
  GtkColumnView *view;

  if (g_getenv ("TEND_CRM_SIM") == NULL)
    {
      g_test_skip ("TEND_CRM_SIM is needed for the demo");
      return;
    }
  g_assert_false (g_file_test (demo_path, G_FILE_TEST_EXISTS));

  window = tend_window_new (GTK_APPLICATION (app));
  tend_window_open_demo (window);
  gtk_window_present (GTK_WINDOW (window));
  workspace = tend_window_get_workspace (window);
  g_assert_true (tend_workspace_get_is_demo (workspace));
  g_assert_true (tend_workspace_get_is_syncing (workspace) ||
                 gtk_widget_get_visible (GTK_WIDGET (window)));

  WAIT_FOR (tend_workspace_get_book (workspace) != NULL &&
            tend_workspace_get_book (workspace)->n_accounts > 0 &&
            !tend_workspace_get_is_syncing (workspace));
  g_assert_true (g_file_test (demo_path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (tend_workspace_get_last_sync (workspace));

  /* the demo opens on the dashboard; its accounts are all in the list */
  tend_window_show_page (window, "accounts");
  page = find_widget (GTK_WIDGET (window), TEND_TYPE_ACCOUNTS_PAGE);
  view = GTK_COLUMN_VIEW (find_widget (page, GTK_TYPE_COLUMN_VIEW));
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) ==
            tend_workspace_get_book (workspace)->n_accounts);
  WAIT_FOR (gtk_widget_get_mapped (page));
  /* its first sync seeded a year of weekly health history */
  {
    g_autoptr(TendStore) store = tend_store_open (demo_path, NULL);
    sqlite3_stmt *stmt = NULL;
    int days = 0;
    g_assert_nonnull (store);
    g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store),
                                         "SELECT count(DISTINCT day) FROM health_snapshots", -1, &stmt, NULL), ==, SQLITE_OK);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      days = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    g_assert_cmpint (days, >=, 52);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_skip_without_display (void)
{
  g_test_skip ("No display: run the UI tests under xvfb-run -a");
}

static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* Starts the simulator and syncs a workspace with tend-cli, as a person
 * would from a terminal. */
static void
prepare_workspace (void)
{
  const char *sim_path = g_getenv ("TEND_CRM_SIM");
  const char *cli_path = g_getenv ("TEND_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocessLauncher) sim_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autofree char *line = NULL;

  if (sim_path == NULL || cli_path == NULL)
    return;
  /* The simulator must not outlive a crashed test. */
  g_subprocess_launcher_set_child_setup (sim_launcher, die_with_parent, NULL, NULL);
  sim = g_subprocess_launcher_spawn (sim_launcher, &error, sim_path,
                          "--port", "0", "--seed", "42", "--accounts", G_STRINGIFY (N_ACCOUNTS),
                          "--today", "2026-11-23", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://"));
  sim_url = g_strdup (line + strlen ("listening on "));

  workspace_path = g_build_filename (tmp_dir, "synced.db", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", "demo-token", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--workspace", workspace_path,
                                     "sync", "--base-url", sim_url, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/ui/needs-a-display", test_skip_without_display);
      return g_test_run ();
    }

  /* A private data folder, so the demo and default workspaces are fresh. */
  tmp_dir = g_dir_make_tmp ("tend-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("TEND_CRM_TOKEN", "demo-token", TRUE);
  g_unsetenv ("TEND_DEMO_URL");
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  app = tend_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  prepare_workspace ();

  g_test_add ("/ui/accounts/list", Fixture, NULL, fixture_set_up, test_list_shows_accounts, fixture_tear_down);
  g_test_add ("/ui/accounts/search", Fixture, NULL, fixture_set_up, test_search_filters, fixture_tear_down);
  g_test_add ("/ui/accounts/details", Fixture, NULL, fixture_set_up, test_selection_shows_details, fixture_tear_down);
  g_test_add ("/ui/accounts/sort-by-arr", Fixture, NULL, fixture_set_up, test_sort_by_arr, fixture_tear_down);
  g_test_add_func ("/ui/workspace/damaged-moved-aside", test_damaged_workspace);
  g_test_add_func ("/ui/workspace/demo", test_demo_workspace);

  status = g_test_run ();

  if (sim != NULL)
    {
      g_subprocess_force_exit (sim);
      g_subprocess_wait (sim, NULL, NULL);
      g_clear_object (&sim);
    }
  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (workspace_path);
  g_free (sim_url);
  return status;
}
