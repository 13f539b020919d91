// The QBR and portfolio review windows as a person uses them: preview, notes, export.
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
#include "tend-accounts-page.h"
#include "tend-application.h"
#include "tend-book.h"
#include "tend-pack-preview.h"
#include "tend-pack-window.h"
#include "tend-qbr-notes.h"
#include "tend-qbr.h"
#include "tend-review.h"
#include "tend-store.h"
#include "tend-window.h"

#define N_ACCOUNTS 120
#define WAIT_SECONDS 60

/* Prepared once: a workspace synced by tend-cli from the simulator. */
static char *tmp_dir;
static char *workspace_path;
static GSubprocess *sim;
static TendApplication *app;
/* One main window for every test: the packs are opened from it. */
static TendWindow *main_window;

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

/* A button on screen (mapped) labelled text. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return GTK_WINDOW (toplevel);
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

typedef struct {
  TendWindow     *window;
  TendWorkspace  *workspace;
  TendStore      *store;
  TendBook       *book;
  TendPackWindow *pack;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (workspace_path == NULL)
    {
      g_test_skip ("TEND_CRM_SIM and TEND_CLI are needed to prepare a workspace");
      return;
    }
  if (main_window == NULL)
    {
      main_window = tend_window_new (GTK_APPLICATION (app));
      gtk_window_set_default_size (GTK_WINDOW (main_window), 1200, 780);
      tend_window_open_workspace (main_window, workspace_path);
      gtk_window_present (GTK_WINDOW (main_window));
    }
  f->window = main_window;
  f->workspace = tend_window_get_workspace (f->window);
  WAIT_FOR (tend_workspace_get_book (f->workspace) != NULL);

  f->store = open_store ();
  f->book = tend_book_load (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->pack != NULL)
    gtk_window_destroy (GTK_WINDOW (f->pack));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->book, tend_book_free);
  g_clear_object (&f->store);
}

/* An account whose name pdftotext gives back as it is: plain letters. */
static const TendAccount *
plain_account (const TendBook *book)
{
  for (guint i = book->n_accounts / 2; i < book->n_accounts; i++)
    {
      const char *name = book->accounts[i].name;
      gboolean plain = strlen (name) > 3;

      for (const char *p = name; *p != '\0' && plain; p++)
        plain = g_ascii_isalpha (*p) || *p == ' ';
      if (plain)
        return &book->accounts[i];
    }
  g_assert_not_reached ();
  return NULL;
}

static TendPaper
shown_paper (TendPackWindow *pack)
{
  GtkDropDown *paper = GTK_DROP_DOWN (find_widget (GTK_WIDGET (pack), GTK_TYPE_DROP_DOWN));

  return gtk_drop_down_get_selected (paper) == 1 ? TEND_PAPER_LETTER : TEND_PAPER_A4;
}

/* The stack of the window's states: loading, error, preview. */
static GtkStack *
find_state_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "loading") != NULL)
    return GTK_STACK (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_state_stack (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list of pages (not the paper menu's list). */
static GtkWidget *
find_pages_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && gtk_widget_has_css_class (root, "pack-preview"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_pages_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GListModel *
shown_pages (TendPackWindow *pack)
{
  GtkWidget *view = find_pages_view (GTK_WIDGET (pack));

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

/* Opens the pack window through the application's action, as the buttons
 * do, and waits for its pages. */
static TendPackWindow *
open_pack (const char *action,
           const char *id)
{
  TendPackWindow *pack;

  g_action_group_activate_action (G_ACTION_GROUP (app), action, g_variant_new_string (id));
  pack = TEND_PACK_WINDOW (find_toplevel (TEND_TYPE_PACK_WINDOW));
  g_assert_nonnull (pack);
  WAIT_FOR (!tend_pack_window_get_is_busy (pack));
  return pack;
}

static guint
qbr_n_pages (Fixture    *f,
             const char *account_id,
             TendPaper   paper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendQbr) qbr = tend_qbr_compute (f->store, f->book, account_id,
                                             tend_workspace_get_as_of (f->workspace),
                                             tend_workspace_get_settings (f->workspace), &error);
  g_autoptr(GBytes) bytes = NULL;
  guint n_pages = 0;

  g_assert_no_error (error);
  bytes = tend_qbr_render (qbr, paper, &n_pages);
  g_assert_nonnull (bytes);
  return n_pages;
}

static void
test_qbr_preview (Fixture       *f,
                  gconstpointer  data)
{
  const TendAccount *account;
  GListModel *pages;
  GtkDropDown *paper;
  TendPaper other;
  GtkWidget *picture;

  if (f->window == NULL)
    return;
  account = plain_account (f->book);
  f->pack = open_pack ("prepare-qbr", account->id);

  /* The title names the account; every page of the PDF is shown. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->pack)), account->name));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->pack)), "QBR"));
  pages = shown_pages (f->pack);
  g_assert_cmpuint (g_list_model_get_n_items (pages), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, qbr_n_pages (f, account->id, shown_paper (f->pack)));
  g_assert_true (gtk_widget_get_mapped (find_pages_view (GTK_WIDGET (f->pack))));

  /* The first page is drawn and named for a screen reader. */
  WAIT_FOR ((picture = find_widget (find_pages_view (GTK_WIDGET (f->pack)), GTK_TYPE_PICTURE)) != NULL &&
            gtk_widget_get_height (picture) > gtk_widget_get_width (picture) &&
            gtk_widget_get_width (picture) > 100);
  {
    g_autofree char *label = g_strdup_printf ("Page 1 of %u", g_list_model_get_n_items (pages));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  }

  /* Another paper draws the pages again, as the PDF would break them. */
  paper = GTK_DROP_DOWN (find_widget (GTK_WIDGET (f->pack), GTK_TYPE_DROP_DOWN));
  other = shown_paper (f->pack) == TEND_PAPER_A4 ? TEND_PAPER_LETTER : TEND_PAPER_A4;
  gtk_drop_down_set_selected (paper, other == TEND_PAPER_LETTER ? 1 : 0);
  g_assert_true (tend_pack_window_get_is_busy (f->pack));
  WAIT_FOR (!tend_pack_window_get_is_busy (f->pack));
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, qbr_n_pages (f, account->id, other));
}

/* The button in the account details asks for the selected account. */
static void
test_details_button (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *accounts, *details, *button;
  GtkColumnView *view;
  g_autoptr(TendAccountItem) item = NULL;
  GVariant *target;

  if (f->window == NULL)
    return;
  tend_window_show_page (f->window, "accounts");
  accounts = find_widget (GTK_WIDGET (f->window), TEND_TYPE_ACCOUNTS_PAGE);
  view = GTK_COLUMN_VIEW (find_widget (accounts, GTK_TYPE_COLUMN_VIEW));
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) > 3);
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 3, TRUE);
  item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 3);
  details = find_widget (accounts, TEND_TYPE_ACCOUNT_DETAILS);
  WAIT_FOR ((button = find_button (details, "_Prepare QBR…")) != NULL);

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, tend_account_item_get_id (item));
  /* a button clicks a moment after it is activated, as if pressed */
  gtk_widget_activate (button);
  WAIT_FOR ((f->pack = TEND_PACK_WINDOW (find_toplevel (TEND_TYPE_PACK_WINDOW))) != NULL);
  g_assert_true (tend_pack_window_shows (f->pack, f->workspace, FALSE, tend_account_item_get_id (item)));
  WAIT_FOR (!tend_pack_window_get_is_busy (f->pack));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->pack)), tend_account_item_get_name (item)));

  /* Asking again shows the same window rather than a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "prepare-qbr",
                                  g_variant_new_string (tend_account_item_get_id (item)));
  g_assert_true (GTK_WINDOW (f->pack) == find_toplevel (TEND_TYPE_PACK_WINDOW));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n_packs = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
        n_packs += TEND_IS_PACK_WINDOW (toplevel);
      }
    g_assert_cmpuint (n_packs, ==, 1);
  }
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { pdftotext, path, "-", NULL };

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_qbr_notes_and_export (Fixture       *f,
                           gconstpointer  data)
{
  static const char notes[] = "Ask for a reference call with Quillfeather\nNext step: executive sponsor review";
  const TendAccount *account;
  GtkTextView *editor;
  GtkWidget *save;
  g_autoptr(TendQbrNotes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (f->window == NULL)
    return;
  account = plain_account (f->book);
  f->pack = open_pack ("prepare-qbr", account->id);

  /* Typed into the editor and saved with its button. */
  editor = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (f->pack), GTK_TYPE_TEXT_VIEW));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  save = find_button (GTK_WIDGET (f->pack), "_Save");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_is_sensitive (save));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor), notes, -1);
  g_assert_true (gtk_widget_is_sensitive (save));
  gtk_widget_activate (save);
  /* saved when the button clicks; then the pages are drawn again */
  WAIT_FOR (!gtk_widget_is_sensitive (save) && !tend_pack_window_get_is_busy (f->pack));

  stored = tend_qbr_notes_get (f->store, account->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->text, ==, notes);
  g_assert_cmpstr (stored->updated_by, ==, "Test Runner");

  /* Export writes the pack as shown, with the notes just saved. */
  path = g_build_filename (tmp_dir, "export.pdf", NULL);
  tend_pack_window_export_to (f->pack, path);
  g_assert_true (tend_pack_window_get_is_busy (f->pack));
  WAIT_FOR (!tend_pack_window_get_is_busy (f->pack));
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);

  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed: the text of the PDF is not checked");
      return;
    }
  g_assert_nonnull (strstr (text, account->name));
  g_assert_nonnull (strstr (text, "Ask for a reference call with Quillfeather"));
}

/* Closing with notes not saved asks first; Discard leaves the store as it was. */
static void
test_close_asks_about_notes (Fixture       *f,
                             gconstpointer  data)
{
  const TendAccount *account;
  GtkTextView *editor;
  AdwMessageDialog *dialog;
  g_autoptr(TendQbrNotes) before = NULL;
  g_autoptr(TendQbrNotes) after = NULL;
  g_autoptr(GError) error = NULL;

  if (f->window == NULL)
    return;
  account = &f->book->accounts[1];
  before = tend_qbr_notes_get (f->store, account->id, &error);
  g_assert_no_error (error);
  f->pack = open_pack ("prepare-qbr", account->id);
  g_object_add_weak_pointer (G_OBJECT (f->pack), (gpointer *) &f->pack);

  editor = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (f->pack), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor), "Not to be kept", -1);
  gtk_widget_activate_action (GTK_WIDGET (f->pack), "window.close", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (f->pack);

  adw_message_dialog_response (dialog, "discard");
  WAIT_FOR (f->pack == NULL);
  after = tend_qbr_notes_get (f->store, account->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after ? after->text : NULL, ==, before ? before->text : NULL);
}

/* Cancel beside the spinner closes the window while the pack is being
 * prepared; the work left is dropped. */
static void
test_cancel_while_preparing (Fixture       *f,
                             gconstpointer  data)
{
  GtkStack *stack;
  GtkWidget *cancel;

  if (f->window == NULL)
    return;
  g_action_group_activate_action (G_ACTION_GROUP (app), "portfolio-review", g_variant_new_string (""));
  f->pack = TEND_PACK_WINDOW (find_toplevel (TEND_TYPE_PACK_WINDOW));
  g_assert_nonnull (f->pack);
  g_object_add_weak_pointer (G_OBJECT (f->pack), (gpointer *) &f->pack);
  g_assert_true (tend_pack_window_get_is_busy (f->pack));
  stack = find_state_stack (GTK_WIDGET (f->pack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  cancel = find_widget (gtk_stack_get_visible_child (stack), GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cancel)), ==, "_Cancel");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), ==, "window.close");

  gtk_widget_activate_action (cancel, "window.close", NULL);
  WAIT_FOR (f->pack == NULL);
  g_assert_null (find_toplevel (TEND_TYPE_PACK_WINDOW));
}

/* An account the cache does not hold: the reason and a way to try again. */
static void
test_qbr_error (Fixture       *f,
                gconstpointer  data)
{
  AdwStatusPage *status;

  if (f->window == NULL)
    return;
  f->pack = open_pack ("prepare-qbr", "no-such-account");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->pack)), ==, "QBR — no-such-account");
  status = ADW_STATUS_PAGE (find_widget (GTK_WIDGET (f->pack), ADW_TYPE_STATUS_PAGE));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Could Not Prepare the QBR");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "no-such-account"));
  g_assert_nonnull (find_button (GTK_WIDGET (f->pack), "_Try Again"));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (f->pack), "_Export…")));
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  const TendOwner *owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendReview) review = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint n_pages = 0;
  TendPaper paper;

  if (f->window == NULL)
    return;

  /* Every account. */
  f->pack = open_pack ("portfolio-review", "");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->pack)), ==, "Portfolio Review — All accounts");
  g_assert_false (gtk_widget_get_mapped (find_widget (GTK_WIDGET (f->pack), GTK_TYPE_TEXT_VIEW)));
  paper = shown_paper (f->pack);
  review = tend_review_compute (f->store, f->book, NULL, tend_workspace_get_as_of (f->workspace),
                                tend_workspace_get_settings (f->workspace), &error);
  g_assert_no_error (error);
  bytes = tend_review_render (review, paper, &n_pages);
  g_assert_cmpuint (g_list_model_get_n_items (shown_pages (f->pack)), ==, n_pages);
  /* the preview's pages break where the PDF's do */
  preview = tend_pack_preview_review (review, paper);
  g_assert_cmpuint (preview->len, ==, n_pages);
  gtk_window_destroy (GTK_WINDOW (f->pack));

  /* One owner's accounts. */
  for (guint i = 0; i < f->book->n_accounts && owner == NULL; i++)
    {
      const TendOwner *candidate = tend_book_find_owner (f->book, f->book->accounts[i].owner_id);
      if (candidate != NULL && candidate->name != NULL && *candidate->name != '\0')
        owner = candidate;
    }
  g_assert_nonnull (owner);
  f->pack = open_pack ("portfolio-review", owner->id);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->pack)), owner->name));
  g_assert_cmpuint (g_list_model_get_n_items (shown_pages (f->pack)), >, 0);
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

/* Starts the simulator and syncs a workspace with tend-cli, as test-ui does. */
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
  g_subprocess_launcher_set_child_setup (sim_launcher, die_with_parent, NULL, NULL);
  sim = g_subprocess_launcher_spawn (sim_launcher, &error, sim_path,
                                     "--port", "0", "--seed", "42", "--accounts", G_STRINGIFY (N_ACCOUNTS),
                                     "--today", "2026-11-23", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://"));

  workspace_path = g_build_filename (tmp_dir, "synced.db", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", "demo-token", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--workspace", workspace_path,
                                     "sync", "--base-url", line + strlen ("listening on "), NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);

  /* The sync is done: the simulator is not needed any more. */
  g_subprocess_force_exit (sim);
  g_subprocess_wait (sim, NULL, NULL);
  g_clear_object (&sim);
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
      g_test_add_func ("/ui/packs/needs-a-display", test_skip_without_display);
      return g_test_run ();
    }

  tmp_dir = g_dir_make_tmp ("tend-ui-packs-XXXXXX", &error);
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

  g_test_add ("/ui/packs/qbr/preview", Fixture, NULL, fixture_set_up, test_qbr_preview, fixture_tear_down);
  g_test_add ("/ui/packs/qbr/details-button", Fixture, NULL, fixture_set_up, test_details_button, fixture_tear_down);
  g_test_add ("/ui/packs/qbr/notes-and-export", Fixture, NULL, fixture_set_up, test_qbr_notes_and_export,
              fixture_tear_down);
  g_test_add ("/ui/packs/qbr/close-asks-about-notes", Fixture, NULL, fixture_set_up, test_close_asks_about_notes,
              fixture_tear_down);
  g_test_add ("/ui/packs/qbr/unknown-account", Fixture, NULL, fixture_set_up, test_qbr_error, fixture_tear_down);
  g_test_add ("/ui/packs/review", Fixture, NULL, fixture_set_up, test_review, fixture_tear_down);
  g_test_add ("/ui/packs/cancel", Fixture, NULL, fixture_set_up, test_cancel_while_preparing, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (workspace_path);
  return status;
}
