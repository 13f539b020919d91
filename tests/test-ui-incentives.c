// The incentives page as a person uses it: record an entry, refuse a bad one, approve a clawback.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tend-application.h"
#include "tend-book.h"
#include "tend-day-entry.h"
#include "tend-incentive-form.h"
#include "tend-incentives-page.h"
#include "tend-incentives.h"
#include "tend-ledger-line-item.h"
#include "tend-person-totals-item.h"
#include "tend-settings.h"
#include "tend-store.h"
#include "tend-window.h"

#define WAIT_SECONDS 60
/* The simulator's day; the window is set to it so the figures hold on any day. */
#define AS_OF_TEXT "2026-11-23"

static char *tmp_dir;
static char *workspace_path;
static GSubprocess *sim;
static TendApplication *app;
static gint64 clawback_entry_id;   /* a pending clawback made in prepare_workspace () */

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

/* A preferences row by its title as the template writes it. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
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

/* A label on screen whose text contains part. */
static GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), part) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static TendIncentiveForm *
find_form (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (TEND_IS_INCENTIVE_FORM (window))
        return TEND_INCENTIVE_FORM (window);
    }
  return NULL;
}

static TendStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  TendStore *store = tend_store_open (workspace_path, &error);

  g_assert_no_error (error);
  return store;
}

static GPtrArray *
list_entries (void)
{
  g_autoptr(TendStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = tend_incentive_list (store, &error);

  g_assert_no_error (error);
  return entries;
}

static TendDay
as_of (void)
{
  TendDay day;

  g_assert_true (tend_day_parse (AS_OF_TEXT, &day, NULL));
  return day;
}

typedef struct {
  TendWindow         *window;
  TendIncentivesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  TendWorkspace *workspace;

  if (workspace_path == NULL)
    {
      g_test_skip ("TEND_CRM_SIM and TEND_CLI are needed to prepare a workspace");
      return;
    }
  f->window = tend_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  tend_window_open_workspace (f->window, workspace_path);
  tend_window_show_page (f->window, "incentives");
  gtk_window_present (GTK_WINDOW (f->window));

  f->page = TEND_INCENTIVES_PAGE (find_widget (GTK_WIDGET (f->window), TEND_TYPE_INCENTIVES_PAGE));
  g_assert_nonnull (f->page);
  workspace = tend_window_get_workspace (f->window);
  WAIT_FOR (tend_workspace_get_book (workspace) != NULL);
  tend_workspace_set_as_of (workspace, as_of ());
  WAIT_FOR (tend_incentives_page_get_is_loaded (f->page) && gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  TendIncentiveForm *form = find_form ();

  if (form != NULL)
    gtk_window_destroy (GTK_WINDOW (form));
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Opens the form with the page's action (Ctrl+N) and fills it in as a
 * person would: typing, and choosing the account from its search. */
static TendIncentiveForm *
open_and_fill_form (Fixture    *f,
                    const char *person,
                    const char *account_name,
                    const char *amount)
{
  TendIncentiveForm *form;
  GtkWidget *search;
  GtkWidget *account_row;
  GListModel *matches;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "incentives.record", NULL);
  WAIT_FOR (find_form () != NULL && gtk_widget_get_mapped (GTK_WIDGET (find_form ())));
  form = find_form ();

  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (form), "_Person")), person);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (form), "_Role")), TEND_ROLE_SALES);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (form), "_Kind")), TEND_INCENTIVE_EXPANSION);

  account_row = find_row (GTK_WIDGET (form), "_Account");
  gtk_widget_activate (account_row);
  search = find_widget (GTK_WIDGET (form), GTK_TYPE_SEARCH_ENTRY);
  WAIT_FOR (gtk_widget_get_mapped (search));
  gtk_editable_set_text (GTK_EDITABLE (search), account_name);
  matches = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find_widget (GTK_WIDGET (form), GTK_TYPE_LIST_VIEW))));
  WAIT_FOR (g_list_model_get_n_items (matches) >= 1);
  g_signal_emit_by_name (search, "activate");
  WAIT_FOR (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (account_row)), account_name) == 0 ||
            g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (account_row)), account_name));

  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (form), "A_mount")), amount);
  tend_day_entry_set_text (TEND_DAY_ENTRY (find_widget (GTK_WIDGET (form), TEND_TYPE_DAY_ENTRY)), "2026-10-01");
  return form;
}

/* A healthy account whose name no other account starts with. */
static const TendAccount *
pick_account (const TendBook *book)
{
  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      gboolean unique = TRUE;

      if (tend_account_churn_day (book, a) != TEND_DAY_NONE || a->name == NULL || a->name[0] == '=' ||
          a->name[0] == '+' || a->name[0] == '@')
        continue;
      for (guint j = 0; j < book->n_accounts && unique; j++)
        unique = j == i || !g_str_has_prefix (book->accounts[j].name, a->name);
      if (unique)
        return a;
    }
  g_assert_not_reached ();
}

static void
test_record_entry (Fixture       *f,
                   gconstpointer  data)
{
  const TendBook *book;
  const TendAccount *account;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  TendIncentiveForm *form;
  const TendIncentiveEntry *added = NULL;
  GtkColumnView *people;
  GtkSelectionModel *selection;

  if (f->window == NULL)
    return;
  book = tend_workspace_get_book (tend_window_get_workspace (f->window));
  account = pick_account (book);
  before = list_entries ();

  form = open_and_fill_form (f, "Regina Phalange", account->name, "1234.50");
  /* The rule preview speaks of this entry: 12 months for expansion. */
  g_assert_nonnull (find_label_containing (GTK_WIDGET (form), "12-month window until 1 Oct 2027"));
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  WAIT_FOR (form == NULL);

  after = list_entries ();
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    {
      const TendIncentiveEntry *e = g_ptr_array_index (after, i);
      if (g_strcmp0 (e->person, "Regina Phalange") == 0)
        added = e;
    }
  g_assert_nonnull (added);
  g_assert_cmpstr (added->account_id, ==, account->id);
  g_assert_cmpint (added->amount, ==, 123450);
  g_assert_cmpint (added->role, ==, TEND_ROLE_SALES);
  g_assert_cmpint (added->kind, ==, TEND_INCENTIVE_EXPANSION);
  g_assert_cmpstr (added->currency, ==, account->currency);

  /* The ledger shows the person; selected, their entry shows below. */
  WAIT_FOR (shows_label (GTK_WIDGET (f->page), "Regina Phalange"));
  people = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW));
  selection = gtk_column_view_get_model (people);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(TendPersonTotalsItem) item = g_list_model_get_item (G_LIST_MODEL (selection), i);
      if (g_strcmp0 (tend_person_totals_item_get_totals (item)->person, "Regina Phalange") == 0)
        gtk_selection_model_select_item (selection, i, TRUE);
    }
  {
    g_autofree char *title = g_strdup_printf ("Entries of Regina Phalange (%s)", account->currency);
    WAIT_FOR (shows_label (GTK_WIDGET (f->page), title));
  }
  WAIT_FOR (shows_label (GTK_WIDGET (f->page), account->name));
  WAIT_FOR (shows_label (GTK_WIDGET (f->page), "Expansion"));
}

static void
test_bad_amount (Fixture       *f,
                 gconstpointer  data)
{
  const TendBook *book;
  const TendAccount *account;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  TendIncentiveForm *form;
  GtkWidget *amount_row;
  GtkLabel *message;

  if (f->window == NULL)
    return;
  book = tend_workspace_get_book (tend_window_get_workspace (f->window));
  account = pick_account (book);
  before = list_entries ();

  form = open_and_fill_form (f, "Ursula Buffay", account->name, "12,34.5x");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);

  /* The form stays, with the message under the amount and the text kept. */
  g_assert_true (find_form () == form);
  amount_row = find_row (GTK_WIDGET (form), "A_mount");
  message = find_label_containing (GTK_WIDGET (form), "is not an amount");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (message), ADW_TYPE_PREFERENCES_ROW) ==
                 gtk_widget_get_next_sibling (amount_row));
  g_assert_true (gtk_widget_has_css_class (amount_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount_row)), ==, "12,34.5x");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (form), "_Person"))), ==,
                   "Ursula Buffay");

  after = list_entries ();
  g_assert_cmpuint (after->len, ==, before->len);

  /* Fixing the amount takes the message away. */
  gtk_editable_set_text (GTK_EDITABLE (amount_row), "12.50");
  g_assert_null (find_label_containing (GTK_WIDGET (form), "is not an amount"));
  g_assert_false (gtk_widget_has_css_class (amount_row, "error"));
}

static void
test_approve_clawback (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(TendIncentiveEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  TendClawback clawback = { 0 };
  GtkColumnView *queue = NULL;
  GtkSelectionModel *selection;
  GtkWidget *stack;
  guint n, row = G_MAXUINT;

  if (f->window == NULL)
    return;
  tend_incentives_page_show_view (f->page, "clawbacks");

  /* The queue is the column view with an "Entry" column. */
  stack = find_widget (GTK_WIDGET (f->page), ADW_TYPE_VIEW_STACK);
  queue = GTK_COLUMN_VIEW (find_widget (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "clawbacks"),
                                        GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (queue);
  selection = gtk_column_view_get_model (queue);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (selection)) > 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TendLedgerLineItem) item = g_list_model_get_item (G_LIST_MODEL (selection), i);
      if (tend_ledger_line_item_get_entry (item)->id == clawback_entry_id)
        row = i;
    }
  g_assert_cmpuint (row, !=, G_MAXUINT);
  gtk_selection_model_select_item (selection, row, TRUE);
  WAIT_FOR (shows_label (GTK_WIDGET (f->page), "Pending"));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "incentives.approve", NULL);

  store = open_store ();
  book = tend_book_load (store, &error);
  g_assert_no_error (error);
  g_assert_true (tend_clawback_get (store, book, clawback_entry_id, as_of (), &entry, &clawback, &error));
  g_assert_no_error (error);
  g_assert_cmpint (clawback.status, ==, TEND_CLAWBACK_APPROVED);
  g_assert_cmpstr (clawback.approved_by, ==, "Test Runner");
  tend_clawback_clear (&clawback);

  /* The queue says so once the ledger is reloaded; approving again is off,
   * applying is on. */
  WAIT_FOR (shows_label (GTK_WIDGET (queue), "Approved"));
  WAIT_FOR (!gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (f->page), "incentives.approve")));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (f->page), "incentives.apply")));
}

/* The page's CSV is byte for byte what tend-cli prints for the same day. */
static void
test_export_matches_cli (Fixture       *f,
                         gconstpointer  data)
{
  struct { TendIncentivesExport what; const char *command; } exports[] = {
    { TEND_INCENTIVES_EXPORT_PAYROLL, "incentives" },
    { TEND_INCENTIVES_EXPORT_CLAWBACKS, "clawbacks" },
  };

  if (f->window == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, "export.csv", NULL);
      g_autofree char *written = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GSubprocess) cli = NULL;
      g_autoptr(GBytes) printed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (tend_incentives_page_export (f->page, exports[i].what, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &written, NULL, &error));
      cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("TEND_CLI"),
                              "--workspace", workspace_path, "--as-of", AS_OF_TEXT,
                              exports[i].command, "--csv", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate (cli, NULL, NULL, &printed, NULL, &error);
      g_assert_no_error (error);
      expected = g_strndup (g_bytes_get_data (printed, NULL), g_bytes_get_size (printed));
      g_assert_cmpstr (written, ==, expected);
      g_assert_nonnull (strstr (written, "Phoebe Buffay"));
    }
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

/* A churned account's entry earned two months before its churn: its
 * clawback is pending in the queue. */
static void
add_triggered_entry (void)
{
  g_autoptr(TendStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = tend_book_load (store, &error);
  TendSettings settings = { 0 };
  TendIncentiveDraft draft = { 0 };

  g_assert_no_error (error);
  tend_settings_init_defaults (&settings);
  for (guint i = 0; i < book->n_accounts && draft.account_id == NULL; i++)
    {
      TendDay churn = tend_account_churn_day (book, &book->accounts[i]);

      if (churn != TEND_DAY_NONE && churn <= as_of () && churn > tend_day_add_months (as_of (), -9))
        {
          draft.account_id = book->accounts[i].id;
          draft.earned = tend_day_add_months (churn, -2);
        }
    }
  g_assert_nonnull (draft.account_id);
  draft.person = "Phoebe Buffay";
  draft.role = TEND_ROLE_SALES;
  draft.kind = TEND_INCENTIVE_NEW_BUSINESS;
  draft.amount = 1200000;
  clawback_entry_id = tend_incentive_add (store, book, &settings, &draft, as_of (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clawback_entry_id, >, 0);
  tend_settings_clear (&settings);
}

/* Starts the simulator and syncs a workspace with tend-cli. */
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
  g_autofree char *sim_url = NULL;

  if (sim_path == NULL || cli_path == NULL)
    return;
  g_subprocess_launcher_set_child_setup (sim_launcher, die_with_parent, NULL, NULL);
  sim = g_subprocess_launcher_spawn (sim_launcher, &error, sim_path,
                                     "--port", "0", "--seed", "42", "--accounts", "300",
                                     "--today", AS_OF_TEXT, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://"));
  sim_url = g_strdup (line + strlen ("listening on "));

  workspace_path = g_build_filename (tmp_dir, "incentives.db", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", "demo-token", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--workspace", workspace_path,
                                     "--as-of", AS_OF_TEXT, "sync", "--base-url", sim_url, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
  add_triggered_entry ();
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
      g_test_add_func ("/ui/incentives/needs-a-display", test_skip_without_display);
      return g_test_run ();
    }

  tmp_dir = g_dir_make_tmp ("tend-ui-incentives-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("TEND_CRM_TOKEN", "demo-token", TRUE);
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  app = tend_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  prepare_workspace ();

  g_test_add ("/ui/incentives/record-entry", Fixture, NULL, fixture_set_up, test_record_entry, fixture_tear_down);
  g_test_add ("/ui/incentives/bad-amount-writes-nothing", Fixture, NULL, fixture_set_up, test_bad_amount, fixture_tear_down);
  g_test_add ("/ui/incentives/approve-clawback", Fixture, NULL, fixture_set_up, test_approve_clawback, fixture_tear_down);
  g_test_add ("/ui/incentives/export-matches-cli", Fixture, NULL, fixture_set_up, test_export_matches_cli, fixture_tear_down);

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
  return status;
}
