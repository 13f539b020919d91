// The handoffs page as a person uses it: start, fill, validate, submit, autosave.
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
#include "tend-day-entry.h"
#include "tend-handoff.h"
#include "tend-handoff-form.h"
#include "tend-handoff-item.h"
#include "tend-handoff-objective-editor.h"
#include "tend-handoff-row.h"
#include "tend-handoff-stakeholder-editor.h"
#include "tend-handoffs-page.h"
#include "tend-store.h"
#include "tend-window.h"

#define N_ACCOUNTS 300
#define WAIT_SECONDS 60

/* Prepared once: a workspace synced by tend-cli from the simulator, whose
 * book has new-business deals won in the 60 days before its today. */
static char *tmp_dir;
static char *workspace_path;
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

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

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

/* The n-th widget of type under root, in tree order. */
static GtkWidget *
find_nth_widget (GtkWidget *root,
                 GType      type,
                 guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (*n)-- == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth_widget (child, type, n);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row (entry or action row) whose title a person reads. */
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

/* A visible button bound to action (with target, when not NULL). */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action,
                    GVariant   *target)
{
  g_autoptr(GVariant) sunk = target != NULL ? g_variant_ref_sink (target) : NULL;

  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0 &&
      (sunk == NULL || g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root)), sunk)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action, sunk);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on screen (mapped) whose text contains text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  if (ADW_IS_ENTRY_ROW (row))
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  else
    {
      GtkWidget *day = find_widget (row, TEND_TYPE_DAY_ENTRY);

      g_assert_nonnull (day);
      gtk_editable_set_text (GTK_EDITABLE (tend_day_entry_get_entry (TEND_DAY_ENTRY (day))), text);
    }
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* What a finished click emits (activating a button waits for its
   * pressed look to end first). */
  if (GTK_IS_CHECK_BUTTON (button))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button), !gtk_check_button_get_active (GTK_CHECK_BUTTON (button)));
  else
    g_signal_emit_by_name (button, "clicked");
  run_pending ();
}

static TendHandoffPlan *
load_stored_plan (gint64 plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (workspace_path, &error);
  TendHandoffPlan *plan;

  g_assert_no_error (error);
  plan = tend_handoff_load (store, plan_id, &error);
  g_assert_no_error (error);
  return plan;
}

typedef struct {
  TendWindow       *window;
  TendHandoffsPage *page;
  TendHandoffForm  *form;
} Fixture;

static void
open_window (Fixture *f)
{
  TendWorkspace *workspace;

  f->window = tend_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  tend_window_open_workspace (f->window, workspace_path);
  tend_window_show_page (f->window, "handoffs");
  gtk_window_present (GTK_WINDOW (f->window));
  workspace = tend_window_get_workspace (f->window);
  WAIT_FOR (tend_workspace_get_book (workspace) != NULL);
  /* The simulator's today, whatever the machine's. */
  tend_workspace_set_as_of (workspace, tend_day_from_ymd (2026, 11, 23));

  f->page = TEND_HANDOFFS_PAGE (find_widget (GTK_WIDGET (f->window), TEND_TYPE_HANDOFFS_PAGE));
  g_assert_nonnull (f->page);
  f->form = tend_handoffs_page_get_form (f->page);
  WAIT_FOR (g_list_model_get_n_items (tend_handoffs_page_get_awaiting (f->page)) > 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (workspace_path == NULL)
    {
      g_test_skip ("TEND_CRM_SIM and TEND_CLI are needed to prepare a workspace");
      return;
    }
  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  run_pending ();
}

/* Presses Start Plan on the first won deal that has no plan yet. */
static gint64
start_plan (Fixture *f)
{
  GListModel *awaiting = tend_handoffs_page_get_awaiting (f->page);
  guint n = g_list_model_get_n_items (awaiting);
  GtkWidget *row = NULL;

  for (guint i = 0; i < n && row == NULL; i++)
    {
      g_autoptr(TendHandoffItem) item = g_list_model_get_item (awaiting, i);
      guint nth = i;

      if (tend_handoff_item_get_plan_id (item) != 0)
        continue;
      row = find_nth_widget (GTK_WIDGET (f->page), TEND_TYPE_HANDOFF_ROW, &nth);
      g_assert_true (tend_handoff_row_get_item (TEND_HANDOFF_ROW (row)) == item);
      g_assert_true (shows_text (row, tend_handoff_item_get_title (item)));
    }
  g_assert_nonnull (row);
  click (find_action_button (row, "handoffs.start-plan", NULL));
  g_assert_cmpint (tend_handoff_form_get_plan_id (f->form), !=, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->form)));
  return tend_handoff_form_get_plan_id (f->form);
}

static GtkWidget *
nth_editor (Fixture *f,
            GType    type,
            guint    n)
{
  GtkWidget *editor = find_nth_widget (GTK_WIDGET (f->form), type, &n);

  g_assert_nonnull (editor);
  return editor;
}

static void
add_row (Fixture            *f,
         TendHandoffSection  section)
{
  click (find_action_button (GTK_WIDGET (f->form), "form.add-row", g_variant_new_uint32 (section)));
}

static void
fill_objective (Fixture    *f,
                guint       n,
                const char *objective,
                const char *metric,
                const char *value,
                const char *date)
{
  GtkWidget *editor = nth_editor (f, TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR, n);

  type_into (editor, "Objective", objective);
  if (metric != NULL)
    type_into (editor, "Success Metric", metric);
  if (value != NULL)
    type_into (editor, "Target Value", value);
  if (date != NULL)
    type_into (editor, "Target Date", date);
}

static void
test_start_fill_submit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) stored = NULL;
  const TendHandoffObjective *o;
  const TendHandoffStakeholder *s;
  GtkWidget *stakeholder;
  gint64 plan_id;

  if (f->window == NULL)
    return;
  plan_id = start_plan (f);

  type_into (GTK_WIDGET (f->form), "_Kickoff Date", "2026-12-01");
  type_into (GTK_WIDGET (f->form), "_Go-Live Target", "2027-02-15");
  add_row (f, TEND_HANDOFF_SECTION_OBJECTIVES);
  add_row (f, TEND_HANDOFF_SECTION_OBJECTIVES);
  fill_objective (f, 0, "Cut intake time", "Minutes per intake", "Under 10", "2027-03-31");
  fill_objective (f, 1, "Roll out to every clinic", "Clinics live", "3", "2027-05-01");
  add_row (f, TEND_HANDOFF_SECTION_STAKEHOLDERS);
  stakeholder = nth_editor (f, TEND_TYPE_HANDOFF_STAKEHOLDER_EDITOR, 0);
  type_into (stakeholder, "Name", "Ana Silva");
  type_into (stakeholder, "Role", "VP Operations");
  type_into (stakeholder, "Email", "ana@example.com");
  click (find_widget (find_row (stakeholder, "Champion"), GTK_TYPE_CHECK_BUTTON));
  g_assert_false (shows_text (GTK_WIDGET (f->form), "not an email address"));

  click (find_action_button (GTK_WIDGET (f->form), "form.submit", NULL));

  stored = load_stored_plan (plan_id);
  g_assert_cmpint (stored->state, ==, TEND_HANDOFF_SUBMITTED);
  g_assert_cmpstr (stored->submitted_by, ==, "Test Runner");
  g_assert_cmpstr (stored->kickoff_date, ==, "2026-12-01");
  g_assert_cmpstr (stored->go_live_target, ==, "2027-02-15");
  g_assert_cmpuint (stored->objectives->len, ==, 2);
  o = g_ptr_array_index (stored->objectives, 1);
  g_assert_cmpstr (o->objective, ==, "Roll out to every clinic");
  g_assert_cmpstr (o->success_metric, ==, "Clinics live");
  g_assert_cmpstr (o->target_date, ==, "2027-05-01");
  g_assert_cmpuint (stored->stakeholders->len, ==, 1);
  s = g_ptr_array_index (stored->stakeholders, 0);
  g_assert_cmpstr (s->email, ==, "ana@example.com");
  g_assert_true (s->is_champion);
  g_assert_false (s->is_decision_maker);

  /* Submitted: read-only, waiting for customer success to decide. */
  g_assert_true (shows_text (GTK_WIDGET (f->form), "Submitted"));
  g_assert_null (find_action_button (GTK_WIDGET (f->form), "form.submit", NULL));
  g_assert_nonnull (find_action_button (GTK_WIDGET (f->form), "form.accept", NULL));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (find_row (GTK_WIDGET (f->form), "Objective"))));

  /* Accepted: the objectives become the success plan and track progress. */
  click (find_action_button (GTK_WIDGET (f->form), "form.accept", NULL));
  g_clear_pointer (&stored, tend_handoff_plan_free);
  stored = load_stored_plan (plan_id);
  g_assert_cmpint (stored->state, ==, TEND_HANDOFF_ACCEPTED);
  {
    GtkWidget *editor = nth_editor (f, TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR, 0);
    GtkWidget *status = find_row (editor, "Status");
    GtkWidget *note = find_row (editor, "Add a Progress Note");

    g_assert_true (gtk_widget_get_mapped (status));
    gtk_editable_set_text (GTK_EDITABLE (note), "Kickoff went well");
    g_signal_emit_by_name (note, "apply");
    run_pending ();
    WAIT_FOR (shows_text (GTK_WIDGET (f->form), "Kickoff went well"));
  }
  g_clear_pointer (&stored, tend_handoff_plan_free);
  stored = load_stored_plan (plan_id);
  o = g_ptr_array_index (stored->objectives, 0);
  g_assert_cmpuint (o->progress->len, ==, 1);
  g_assert_cmpstr (((TendHandoffProgressNote *) g_ptr_array_index (o->progress, 0))->note, ==, "Kickoff went well");
}

static void
test_validation_at_the_fields (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) stored = NULL;
  GtkWidget *objective, *stakeholder, *email, *metric;
  gint64 plan_id;

  if (f->window == NULL)
    return;
  plan_id = start_plan (f);

  type_into (GTK_WIDGET (f->form), "_Kickoff Date", "2026-12-10");
  type_into (GTK_WIDGET (f->form), "_Go-Live Target", "2027-01-20");
  add_row (f, TEND_HANDOFF_SECTION_OBJECTIVES);
  fill_objective (f, 0, "Replace the shipment spreadsheets", NULL, NULL, NULL);
  add_row (f, TEND_HANDOFF_SECTION_STAKEHOLDERS);
  stakeholder = nth_editor (f, TEND_TYPE_HANDOFF_STAKEHOLDER_EDITOR, 0);
  type_into (stakeholder, "Name", "Kim Lee");
  type_into (stakeholder, "Email", "kim.example.com");

  /* As typed: the email speaks at once; the empty metric waits for Submit. */
  objective = nth_editor (f, TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR, 0);
  email = find_row (stakeholder, "Email");
  metric = find_row (objective, "Success Metric");
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  g_assert_true (shows_text (stakeholder, "is not an email address"));
  g_assert_false (gtk_widget_has_css_class (metric, "error"));
  g_assert_false (shows_text (objective, "Say how success will be measured"));

  click (find_action_button (GTK_WIDGET (f->form), "form.submit", NULL));

  g_assert_true (gtk_widget_has_css_class (metric, "error"));
  g_assert_true (shows_text (objective, "Say how success will be measured"));
  g_assert_true (shows_text (stakeholder, "is not an email address"));
  /* The first problem in form order has the focus. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), metric) ||
                 gtk_root_get_focus (GTK_ROOT (f->window)) == metric);
  stored = load_stored_plan (plan_id);
  g_assert_cmpint (stored->state, ==, TEND_HANDOFF_DRAFT);
  g_assert_null (stored->submitted_by);
  /* What was typed is kept all the same. */
  g_assert_cmpstr (((TendHandoffStakeholder *) g_ptr_array_index (stored->stakeholders, 0))->email, ==,
                   "kim.example.com");

  /* Fixing the email clears its message as it is typed. */
  type_into (stakeholder, "Email", "kim@example.com");
  g_assert_false (gtk_widget_has_css_class (email, "error"));
  g_assert_false (shows_text (stakeholder, "is not an email address"));
}

static void
test_autosave_survives_closing (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) stored = NULL;
  GtkWidget *editor;
  gint64 plan_id;

  if (f->window == NULL)
    return;
  plan_id = start_plan (f);
  add_row (f, TEND_HANDOFF_SECTION_OBJECTIVES);
  fill_objective (f, 0, "Halve the time to first report", "Days to first report", NULL, NULL);
  type_into (GTK_WIDGET (f->form), "_Kickoff Date", "2026-12-03");
  g_assert_true (tend_handoff_form_get_is_dirty (f->form));

  /* Closed well before the autosave would fire. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  run_pending ();

  stored = load_stored_plan (plan_id);
  g_assert_cmpuint (stored->objectives->len, ==, 1);
  g_assert_cmpstr (((TendHandoffObjective *) g_ptr_array_index (stored->objectives, 0))->objective, ==,
                   "Halve the time to first report");
  g_assert_cmpstr (stored->kickoff_date, ==, "2026-12-03");

  /* Reopened, the form shows it from the store. */
  open_window (f);
  g_assert_true (tend_handoffs_page_open_plan (f->page, plan_id));
  editor = nth_editor (f, TEND_TYPE_HANDOFF_OBJECTIVE_EDITOR, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (editor, "Objective"))), ==,
                   "Halve the time to first report");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (editor, "Success Metric"))), ==,
                   "Days to first report");

  /* And the debounce alone saves too, without closing anything. */
  type_into (editor, "Target Value", "5 days");
  WAIT_FOR (!tend_handoff_form_get_is_dirty (f->form));
  g_clear_pointer (&stored, tend_handoff_plan_free);
  stored = load_stored_plan (plan_id);
  g_assert_cmpstr (((TendHandoffObjective *) g_ptr_array_index (stored->objectives, 0))->target_value, ==,
                   "5 days");
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
  g_autofree char *sim_url = NULL;

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
  sim_url = g_strdup (line + strlen ("listening on "));

  workspace_path = g_build_filename (tmp_dir, "synced.db", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", "demo-token", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--workspace", workspace_path,
                                     "sync", "--base-url", sim_url, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
  /* The workspace has what it needs; the simulator can go. */
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
      g_test_add_func ("/ui/handoffs/needs-a-display", test_skip_without_display);
      return g_test_run ();
    }

  tmp_dir = g_dir_make_tmp ("tend-ui-handoffs-XXXXXX", &error);
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

  g_test_add ("/ui/handoffs/start-fill-submit-accept", Fixture, NULL, fixture_set_up,
              test_start_fill_submit, fixture_tear_down);
  g_test_add ("/ui/handoffs/validation-at-the-fields", Fixture, NULL, fixture_set_up,
              test_validation_at_the_fields, fixture_tear_down);
  g_test_add ("/ui/handoffs/autosave-survives-closing", Fixture, NULL, fixture_set_up,
              test_autosave_survives_closing, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (workspace_path);
  return status;
}
