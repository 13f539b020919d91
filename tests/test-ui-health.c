// Health in the window as a person sees it: dashboard, account, alerts, rules.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tend-account-health.h"
#include "tend-alerts.h"
#include "tend-alerts-page.h"
#include "tend-application.h"
#include "tend-dashboard-page.h"
#include "tend-format.h"
#include "tend-health-preferences-page.h"
#include "tend-health.h"
#include "tend-preferences-window.h"
#include "tend-store.h"
#include "tend-window.h"

#define N_ACCOUNTS 300
#define WAIT_SECONDS 60

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

/* Every widget of the type under root, in the order they are laid out. */
static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
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

typedef struct {
  TendWindow        *window;
  TendWorkspace     *workspace;
  TendDashboardPage *dashboard;
  TendAccountHealth *account_health;
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
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 860);
  tend_window_open_workspace (f->window, workspace_path);
  tend_window_show_page (f->window, "dashboard");
  gtk_window_present (GTK_WINDOW (f->window));
  f->workspace = tend_window_get_workspace (f->window);
  f->dashboard = TEND_DASHBOARD_PAGE (find_widget (GTK_WIDGET (f->window), TEND_TYPE_DASHBOARD_PAGE));
  g_assert_nonnull (f->dashboard);
  f->account_health = TEND_ACCOUNT_HEALTH (find_widget (GTK_WIDGET (f->dashboard), TEND_TYPE_ACCOUNT_HEALTH));
  g_assert_nonnull (f->account_health);
  WAIT_FOR (tend_workspace_get_book (f->workspace) != NULL &&
            tend_dashboard_page_get_is_ready (f->dashboard));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *keys[] = {
    "weights-onboarding", "weights-adoption", "weights-expansion", "weights-renewal",
    "tier-green", "tier-amber", "my-owner-id",
  };

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The core's figures for the workspace's book, day and rules. */
static GArray *
compute_book (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GArray *healths = tend_health_compute_book (tend_workspace_get_store (f->workspace),
                                              tend_workspace_get_book (f->workspace),
                                              tend_workspace_get_as_of (f->workspace),
                                              tend_workspace_get_settings (f->workspace), &error);

  g_assert_no_error (error);
  return healths;
}

/* An account with every component present, so the breakdown has four bars. */
static const TendHealth *
pick_full_account (GArray *healths)
{
  for (guint i = 0; i < healths->len; i++)
    {
      const TendHealth *h = &g_array_index (healths, TendHealth, i);
      gboolean full = h->is_scored;

      for (int c = 0; c < TEND_N_COMPONENTS; c++)
        full = full && h->components[c].present;
      if (full && h->components[TEND_COMPONENT_USAGE].value < 99)
        return h;
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
score_text (double score)
{
  return g_strdup_printf ("%.1f", score);
}

static void
test_dashboard_summary (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) healths = NULL;
  guint n_by_tier[TEND_N_TIERS] = { 0 };
  guint n_scored = 0;
  g_autofree char *day = NULL;
  g_autofree char *heading = NULL;
  GtkColumnView *view;

  if (f->window == NULL)
    return;
  healths = compute_book (f);
  for (guint i = 0; i < healths->len; i++)
    {
      const TendHealth *h = &g_array_index (healths, TendHealth, i);
      if (h->is_scored)
        {
          n_scored++;
          n_by_tier[h->tier]++;
        }
    }
  g_assert_cmpuint (n_scored, >, N_ACCOUNTS / 2);
  g_assert_cmpuint (n_by_tier[TEND_TIER_RED], >, 0);

  day = tend_format_day (tend_workspace_get_as_of (f->workspace));
  heading = g_strdup_printf ("Health on %s · %u accounts", day, n_scored);
  WAIT_FOR (shows_label (GTK_WIDGET (f->dashboard), heading));
  for (int t = 0; t < TEND_N_TIERS; t++)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_by_tier[t]);
      g_assert_true (shows_label (GTK_WIDGET (f->dashboard), count));
    }
  /* Unknown is said in words, never shown as red. */
  g_assert_true (shows_label (GTK_WIDGET (f->dashboard), "Not enough data"));

  view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (f->dashboard), GTK_TYPE_COLUMN_VIEW));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, n_scored);
}

static void
test_account_breakdown (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) healths = NULL;
  const TendHealth *h;
  const TendAccount *a;
  g_autofree char *score = NULL;

  if (f->window == NULL)
    return;
  healths = compute_book (f);
  h = pick_full_account (healths);
  a = &tend_workspace_get_book (f->workspace)->accounts[h->account_index];

  tend_dashboard_page_show_account (f->dashboard, a->id);
  score = score_text (h->score);
  WAIT_FOR (shows_label (GTK_WIDGET (f->account_health), score));
  g_assert_true (shows_label (GTK_WIDGET (f->dashboard), a->name));
  for (int c = 0; c < TEND_N_COMPONENTS; c++)
    {
      const TendComponentScore *cs = &h->components[c];
      g_autofree char *value = g_strdup_printf ("%.1f", cs->value);
      g_autofree char *weight = g_strdup_printf ("Weight %g · %.1f points of the score", cs->weight, cs->points);

      g_assert_true (shows_label (GTK_WIDGET (f->account_health), value));
      g_assert_true (shows_label (GTK_WIDGET (f->account_health), weight));
    }
  /* The usage facts in words. */
  {
    g_autofree char *usage = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " seats active",
                                              h->active_users_30d, h->licensed_seats);
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean found = FALSE;

    collect_widgets (GTK_WIDGET (f->account_health), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len && !found; i++)
      found = g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), usage);
    g_assert_true (found);
  }
}

static gboolean
alert_is_acknowledged (TendStore *store,
                       gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = tend_health_list_alerts (store, NULL, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < alerts->len; i++)
    {
      TendHealthAlert *alert = g_ptr_array_index (alerts, i);
      if (alert->id == id)
        return alert->acknowledged_at != NULL;
    }
  g_assert_not_reached ();
  return FALSE;
}

static GtkWidget *
find_acknowledge_button (GtkWidget *root,
                         gint64     id)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkActionable *button = buttons->pdata[i];
      GVariant *target = gtk_actionable_get_action_target_value (button);

      if (g_strcmp0 (gtk_actionable_get_action_name (button), "account.acknowledge-alert") == 0 &&
          target != NULL && g_variant_get_int64 (target) == id && gtk_widget_get_mapped (GTK_WIDGET (button)))
        return GTK_WIDGET (button);
    }
  return NULL;
}

static void
test_acknowledge_alert (Fixture       *f,
                        gconstpointer  data)
{
  TendStore *store;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  TendHealthAlert *alert;
  TendAlertsPage *alerts_page;
  gint64 id;

  if (f->window == NULL)
    return;
  store = tend_workspace_get_store (f->workspace);
  open = tend_health_list_alerts (store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, >=, 2);

  /* From the account's health view. */
  alert = g_ptr_array_index (open, 0);
  id = alert->id;
  tend_dashboard_page_show_account (f->dashboard, alert->account_id);
  WAIT_FOR (find_acknowledge_button (GTK_WIDGET (f->account_health), id) != NULL);
  g_assert_false (alert_is_acknowledged (store, id));
  gtk_widget_activate (find_acknowledge_button (GTK_WIDGET (f->account_health), id));
  /* A keyboard activation presses the button for a moment first. */
  WAIT_FOR (alert_is_acknowledged (store, id));
  WAIT_FOR (find_acknowledge_button (GTK_WIDGET (f->account_health), id) == NULL);

  /* From the alerts page, whose count follows. */
  alert = g_ptr_array_index (open, 1);
  id = alert->id;
  tend_window_show_page (f->window, "alerts");
  alerts_page = TEND_ALERTS_PAGE (find_widget (GTK_WIDGET (f->window), TEND_TYPE_ALERTS_PAGE));
  {
    g_autofree char *count = g_strdup_printf ("%u open alerts", open->len - 1);
    WAIT_FOR (tend_alerts_page_get_is_ready (alerts_page) &&
              shows_label (GTK_WIDGET (alerts_page), count));
  }
  WAIT_FOR (find_acknowledge_button (GTK_WIDGET (alerts_page), id) != NULL);
  gtk_widget_activate (find_acknowledge_button (GTK_WIDGET (alerts_page), id));
  /* A keyboard activation presses the button for a moment first. */
  WAIT_FOR (alert_is_acknowledged (store, id));
  {
    g_autofree char *count = g_strdup_printf ("%u open alerts", open->len - 2);
    WAIT_FOR (shows_label (GTK_WIDGET (alerts_page), count));
  }
}

/* The preferences window's spin buttons: tier green, tier amber, then the
 * weights stage by stage in DOMAIN.md's order. */
static GPtrArray *
open_health_preferences (Fixture    *f,
                         GtkWidget **out_window)
{
  GtkWidget *window = tend_preferences_window_new (GTK_WINDOW (f->window), f->workspace);
  GtkWidget *page;
  GPtrArray *spins = g_ptr_array_new ();

  gtk_window_present (GTK_WINDOW (window));
  page = find_widget (window, TEND_TYPE_HEALTH_PREFERENCES_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  collect_widgets (page, GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 2 + TEND_N_STAGES * TEND_N_COMPONENTS);
  *out_window = window;
  return spins;
}

static GtkSpinButton *
weight_spin (GPtrArray *spins,
             TendStage  stage,
             int        component)
{
  return spins->pdata[2 + stage * TEND_N_COMPONENTS + component];
}

static void
test_weight_changes_score (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GArray) healths = NULL;
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GHashTable) risks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const TendHealth *h;
  const TendAccount *a;
  TendSettings changed;
  TendHealth expected;
  GtkWidget *prefs;

  if (f->window == NULL)
    return;
  healths = compute_book (f);
  h = pick_full_account (healths);
  a = &tend_workspace_get_book (f->workspace)->accounts[h->account_index];
  tend_dashboard_page_show_account (f->dashboard, a->id);
  before = score_text (h->score);
  WAIT_FOR (shows_label (GTK_WIDGET (f->account_health), before));

  /* Usage counts for nothing in this account's stage. */
  changed = *tend_workspace_get_settings (f->workspace);
  changed.onboarding_checklist = NULL;
  changed.weights[h->stage][TEND_COMPONENT_USAGE] = 0;
  risks = tend_health_load_risks (tend_workspace_get_store (f->workspace), tend_workspace_get_book (f->workspace),
                                  tend_workspace_get_as_of (f->workspace), &error);
  g_assert_no_error (error);
  tend_health_compute (tend_workspace_get_book (f->workspace), a, tend_workspace_get_as_of (f->workspace),
                       &changed, risks, &expected);
  after = score_text (expected.score);
  g_assert_cmpstr (before, !=, after);

  spins = open_health_preferences (f, &prefs);
  gtk_spin_button_set_value (weight_spin (spins, h->stage, TEND_COMPONENT_USAGE), 0);
  WAIT_FOR (shows_label (GTK_WIDGET (f->account_health), after));
  g_assert_cmpfloat (tend_workspace_get_settings (f->workspace)->weights[h->stage][TEND_COMPONENT_USAGE], ==, 0);
  /* The dashboard recomputed the book too. */
  WAIT_FOR (tend_dashboard_page_get_is_ready (f->dashboard));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_invalid_weight_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  double saved[TEND_N_COMPONENTS];
  GtkWidget *prefs;
  GtkWidget *row;

  if (f->window == NULL)
    return;
  spins = open_health_preferences (f, &prefs);

  /* Three weights of a stage to 0 are fine; the fourth leaves nothing. */
  for (int c = 0; c < TEND_N_COMPONENTS; c++)
    gtk_spin_button_set_value (weight_spin (spins, TEND_STAGE_ADOPTION, c), 0);
  g_settings_get (settings, "weights-adoption", "(dddd)", &saved[0], &saved[1], &saved[2], &saved[3]);
  g_assert_cmpfloat (saved[0], ==, 0);
  g_assert_cmpfloat (saved[2], ==, 0);
  g_assert_cmpfloat (saved[3], ==, 25);
  g_assert_cmpfloat (tend_workspace_get_settings (f->workspace)->weights[TEND_STAGE_ADOPTION][3], ==, 25);
  row = gtk_widget_get_ancestor (GTK_WIDGET (weight_spin (spins, TEND_STAGE_ADOPTION, 3)), ADW_TYPE_ACTION_ROW);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (shows_label (row, "Not saved: at least one weight of a stage must be above 0"));

  /* A valid value clears the message and is saved. */
  gtk_spin_button_set_value (weight_spin (spins, TEND_STAGE_ADOPTION, 3), 10);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_settings_get (settings, "weights-adoption", "(dddd)", &saved[0], &saved[1], &saved[2], &saved[3]);
  g_assert_cmpfloat (saved[3], ==, 10);

  /* Amber at or above green is refused. */
  gtk_spin_button_set_value (spins->pdata[1], 80);
  row = gtk_widget_get_ancestor (GTK_WIDGET (spins->pdata[1]), ADW_TYPE_ACTION_ROW);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpfloat (g_settings_get_double (settings, "tier-amber"), ==, 45);
  gtk_window_destroy (GTK_WINDOW (prefs));
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

static void
run_cli (const char *cli_path,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli_path);
  va_start (ap, cli_path);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", "demo-token", TRUE);
  cli = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
}

/* Syncs a workspace from the simulator with tend-cli (which takes the day's
 * snapshots and raises the alerts) and backfills a year of history. */
static void
prepare_workspace (void)
{
  const char *sim_path = g_getenv ("TEND_CRM_SIM");
  const char *cli_path = g_getenv ("TEND_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) sim_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *line = NULL;
  g_autofree char *today = tend_day_to_iso (tend_day_today ());
  const char *url;

  if (sim_path == NULL || cli_path == NULL)
    return;
  g_subprocess_launcher_set_child_setup (sim_launcher, die_with_parent, NULL, NULL);
  sim = g_subprocess_launcher_spawn (sim_launcher, &error, sim_path,
                          "--port", "0", "--seed", "42", "--accounts", G_STRINGIFY (N_ACCOUNTS),
                          "--today", today, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://"));
  url = line + strlen ("listening on ");

  workspace_path = g_build_filename (tmp_dir, "synced.db", NULL);
  run_cli (cli_path, "--workspace", workspace_path, "sync", "--base-url", url, NULL);
  run_cli (cli_path, "--workspace", workspace_path, "snapshot", "--backfill", "365", NULL);
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
      g_test_add_func ("/ui-health/needs-a-display", test_skip_without_display);
      return g_test_run ();
    }

  tmp_dir = g_dir_make_tmp ("tend-ui-health-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("TEND_CRM_TOKEN", "demo-token", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* The whole window is built here, with every page; the other pages'
   * warnings and criticals are printed (test-ui stops on them) so that
   * these tests judge the health views by what they show. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  app = tend_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  prepare_workspace ();

  g_test_add ("/ui-health/dashboard/summary-equals-core", Fixture, NULL,
              fixture_set_up, test_dashboard_summary, fixture_tear_down);
  g_test_add ("/ui-health/account/breakdown", Fixture, NULL,
              fixture_set_up, test_account_breakdown, fixture_tear_down);
  g_test_add ("/ui-health/alerts/acknowledge", Fixture, NULL,
              fixture_set_up, test_acknowledge_alert, fixture_tear_down);
  g_test_add ("/ui-health/preferences/weight-changes-score", Fixture, NULL,
              fixture_set_up, test_weight_changes_score, fixture_tear_down);
  g_test_add ("/ui-health/preferences/invalid-weight-refused", Fixture, NULL,
              fixture_set_up, test_invalid_weight_refused, fixture_tear_down);

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
