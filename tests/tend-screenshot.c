// Renders the Tend window on a workspace to a PNG, for docs and UI review.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "tend-account-list-model.h"
#include "tend-accounts-page.h"
#include "tend-application.h"
#include "tend-dashboard-page.h"
#include "tend-handoffs-page.h"
#include "tend-incentive-form.h"
#include "tend-incentives-page.h"
#include "tend-pack-window.h"
#include "tend-renewal-form.h"
#include "tend-renewals-page.h"
#include "tend-window.h"

#define LOAD_TIMEOUT_SECONDS 20
#define SETTLE_FRAMES 6

static guint frames_drawn;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  frames_drawn++;
  return G_SOURCE_CONTINUE;
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

static gboolean
timed_out (gint64 deadline)
{
  return g_get_monotonic_time () > deadline;
}

/* Runs the main loop until frames more frames were drawn. */
static void
settle (guint frames)
{
  guint target = frames_drawn + frames;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (frames_drawn < target && !timed_out (deadline))
    g_main_context_iteration (NULL, TRUE);
}

/* The entry row titled title (as written in the template, with its underline). */
static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Renders one toplevel (a dialog, say) to a PNG. */
static gboolean
save_toplevel_png (GtkWidget  *toplevel,
                   const char *path)
{
  int w = gtk_widget_get_width (toplevel);
  int h = gtk_widget_get_height (toplevel);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (toplevel);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (toplevel)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    return FALSE;
  printf ("%s (%dx%d)\n", path, w, h);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *workspace = NULL;
  g_autofree char *page = NULL;
  g_autofree char *output = NULL;
  g_autofree char *search = NULL;
  g_autofree char *account = NULL;
  g_autofree char *incentives_view = NULL;
  g_autofree char *form_account = NULL;
  g_autofree char *form_amount = NULL;
  gboolean form_save = FALSE;
  g_autofree char *qbr_account = NULL;
  g_autofree char *review_owner = NULL;
  g_autofree char *renewal_account = NULL;
  g_autofree char *renewal_date = NULL;
  gint64 handoff_plan = 0;
  gboolean handoff_submit = FALSE;
  int width = 1200, height = 780, select_row = -1;
  gboolean dark = FALSE;
  GOptionEntry entries[] = {
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace, "Workspace database", "PATH" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, "Page to show (accounts, …)", "NAME" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "select", 0, 0, G_OPTION_ARG_INT, &select_row, "Select this row of the accounts list", "N" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, "Type this into the accounts search", "TEXT" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, "Open this account's health from the dashboard", "ID" },
    { "incentives-view", 0, 0, G_OPTION_ARG_STRING, &incentives_view, "Sub-view of the incentives page (ledger, clawbacks, nrr)", "NAME" },
    { "incentive-form", 0, 0, G_OPTION_ARG_STRING, &form_account, "Shoot the incentive form filled in for this account", "ID" },
    { "incentive-amount", 0, 0, G_OPTION_ARG_STRING, &form_amount, "Amount typed into the incentive form", "TEXT" },
    { "incentive-save", 0, 0, G_OPTION_ARG_NONE, &form_save, "Press Save in the incentive form", NULL },
    { "qbr", 0, 0, G_OPTION_ARG_STRING, &qbr_account, "Shoot the QBR window of this account", "ID" },
    { "review", 0, 0, G_OPTION_ARG_STRING, &review_owner, "Shoot the portfolio review of this owner (all: every account)", "ID" },
    { "renewal", 0, 0, G_OPTION_ARG_STRING, &renewal_account, "Open the assessment form of this account's renewal", "ID" },
    { "renewal-date", 0, 0, G_OPTION_ARG_STRING, &renewal_date, "Type this next-step date into the form and press Save", "TEXT" },
    { "handoff", 0, 0, G_OPTION_ARG_INT64, &handoff_plan, "Open this handoff plan's form", "PLAN_ID" },
    { "handoff-submit", 0, 0, G_OPTION_ARG_NONE, &handoff_submit, "Press Submit in the handoff form", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "PNG file to write", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- screenshot the Tend window");
  g_autoptr(GError) error = NULL;
  g_autoptr(TendApplication) app = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  TendWindow *window;
  gint64 deadline;
  int w, h;

  setlocale (LC_ALL, "");
  /* as main.c does, so a translated build can be photographed */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TEND_LOCALEDIR") != NULL ? g_getenv ("TEND_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "tend-screenshot: %s\n", error->message);
      return 2;
    }
  if (workspace == NULL || output == NULL)
    {
      fprintf (stderr, "tend-screenshot: --workspace and --output are required\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      fprintf (stderr, "tend-screenshot: no display; run it under xvfb-run -a\n");
      return 1;
    }

  /* Transitions would be caught half way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* Xvfb has no desktop settings: use GNOME's default title bar buttons. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  /* A real TendApplication, so the style sheet and accelerators load. */
  app = tend_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      fprintf (stderr, "tend-screenshot: %s\n", error->message);
      return 1;
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = tend_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  tend_window_open_workspace (window, workspace);
  if (page != NULL)
    tend_window_show_page (window, page);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* Wait for the book when the workspace has one to show. */
  deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  if (g_file_test (workspace, G_FILE_TEST_EXISTS))
    while (tend_workspace_get_book (tend_window_get_workspace (window)) == NULL && !timed_out (deadline))
      g_main_context_iteration (NULL, TRUE);
  settle (SETTLE_FRAMES);

  if (search != NULL || select_row >= 0)
    {
      GtkWidget *accounts = find_widget (GTK_WIDGET (window), TEND_TYPE_ACCOUNTS_PAGE);
      GtkWidget *view = accounts ? find_widget (accounts, GTK_TYPE_COLUMN_VIEW) : NULL;

      if (view == NULL)
        {
          fprintf (stderr, "tend-screenshot: the accounts page is not there\n");
          return 1;
        }
      if (search != NULL)
        {
          GtkWidget *entry = find_widget (accounts, GTK_TYPE_SEARCH_ENTRY);

          gtk_widget_activate_action (accounts, "page.search", NULL);
          gtk_editable_set_text (GTK_EDITABLE (entry), search);
          settle (SETTLE_FRAMES * 4);
        }
      if (select_row >= 0)
        gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)),
                                         (guint) select_row, TRUE);
      settle (SETTLE_FRAMES);
    }
  settle (SETTLE_FRAMES);

  /* The dashboard computes the book's health in a worker thread. */
  {
    GtkWidget *dashboard = find_widget (GTK_WIDGET (window), TEND_TYPE_DASHBOARD_PAGE);

    while (dashboard != NULL && tend_workspace_get_book (tend_window_get_workspace (window)) != NULL &&
           !tend_dashboard_page_get_is_ready (TEND_DASHBOARD_PAGE (dashboard)) && !timed_out (deadline))
      g_main_context_iteration (NULL, TRUE);
    if (account != NULL && dashboard != NULL)
      {
        tend_window_show_page (window, "dashboard");
        tend_dashboard_page_show_account (TEND_DASHBOARD_PAGE (dashboard), account);
      }
    settle (SETTLE_FRAMES);
  }

  /* The incentives page loads its ledger and NRR in worker threads. */
  if (incentives_view != NULL || form_account != NULL)
    {
      GtkWidget *incentives = find_widget (GTK_WIDGET (window), TEND_TYPE_INCENTIVES_PAGE);

      if (incentives == NULL)
        {
          fprintf (stderr, "tend-screenshot: the incentives page is not there\n");
          return 1;
        }
      tend_window_show_page (window, "incentives");
      if (incentives_view != NULL)
        tend_incentives_page_show_view (TEND_INCENTIVES_PAGE (incentives), incentives_view);
      while (!tend_incentives_page_get_is_loaded (TEND_INCENTIVES_PAGE (incentives)) && !timed_out (deadline))
        g_main_context_iteration (NULL, TRUE);
      settle (SETTLE_FRAMES * 4);

      if (form_account != NULL)
        {
          GListModel *toplevels = gtk_window_get_toplevels ();
          TendIncentiveForm *form = NULL;
          GtkWidget *person, *amount;

          gtk_widget_activate_action (incentives, "incentives.record", NULL);
          for (guint i = 0; i < g_list_model_get_n_items (toplevels) && form == NULL; i++)
            {
              g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
              if (TEND_IS_INCENTIVE_FORM (toplevel))
                form = TEND_INCENTIVE_FORM (toplevel);
            }
          if (form == NULL || !tend_incentive_form_choose_account (form, form_account))
            {
              fprintf (stderr, "tend-screenshot: no incentive form for account %s\n", form_account);
              return 1;
            }
          person = find_entry_row (GTK_WIDGET (form), "_Person");
          amount = find_entry_row (GTK_WIDGET (form), "A_mount");
          if (person == NULL || amount == NULL)
            {
              fprintf (stderr, "tend-screenshot: the incentive form has no person or amount\n");
              return 1;
            }
          g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
          gtk_widget_add_tick_callback (GTK_WIDGET (form), count_frame, NULL, NULL);
          gtk_editable_set_text (GTK_EDITABLE (person), "Dana Scully");
          gtk_editable_set_text (GTK_EDITABLE (amount), form_amount != NULL ? form_amount : "12000");
          gtk_window_set_default_size (GTK_WINDOW (form), MIN (width, 560), height);
          settle (SETTLE_FRAMES);
          if (form_save)
            gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
          settle (SETTLE_FRAMES * 2);
          if (form == NULL)
            {
              fprintf (stderr, "tend-screenshot: the form saved the entry and closed\n");
              return 1;
            }
          if (!save_toplevel_png (GTK_WIDGET (form), output))
            {
              fprintf (stderr, "tend-screenshot: could not write %s\n", output);
              return 1;
            }
          gtk_window_destroy (GTK_WINDOW (form));
          gtk_window_destroy (GTK_WINDOW (window));
          return 0;
        }
    }

  /* The QBR or review window computes and draws its pages in a worker
   * thread; it opens through the application's action, as a button does. */
  if (qbr_account != NULL || review_owner != NULL)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      const char *id = qbr_account != NULL ? qbr_account
                       : g_str_equal (review_owner, "all") ? "" : review_owner;
      TendPackWindow *pack = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (app),
                                      qbr_account != NULL ? "prepare-qbr" : "portfolio-review",
                                      g_variant_new_string (id));
      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && pack == NULL; i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
          if (TEND_IS_PACK_WINDOW (toplevel))
            pack = TEND_PACK_WINDOW (toplevel);
        }
      if (pack == NULL)
        {
          fprintf (stderr, "tend-screenshot: no pack window opened for %s\n", id);
          return 1;
        }
      gtk_window_set_default_size (GTK_WINDOW (pack), width, height);
      gtk_widget_add_tick_callback (GTK_WIDGET (pack), count_frame, NULL, NULL);
      deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;
      while (tend_pack_window_get_is_busy (pack) && !timed_out (deadline))
        g_main_context_iteration (NULL, TRUE);
      settle (SETTLE_FRAMES * 2);
      if (!save_toplevel_png (GTK_WIDGET (pack), output))
        {
          fprintf (stderr, "tend-screenshot: could not write %s\n", output);
          return 1;
        }
      gtk_window_destroy (GTK_WINDOW (pack));
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  if (renewal_account != NULL)
    {
      GtkWidget *renewals = find_widget (GTK_WIDGET (window), TEND_TYPE_RENEWALS_PAGE);
      GtkWidget *form = renewals ? find_widget (renewals, TEND_TYPE_RENEWAL_FORM) : NULL;

      deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;
      while (renewals != NULL &&
             !tend_renewals_page_open_renewal (TEND_RENEWALS_PAGE (renewals), renewal_account) &&
             !timed_out (deadline))
        g_main_context_iteration (NULL, TRUE);
      if (form == NULL || timed_out (deadline))
        {
          fprintf (stderr, "tend-screenshot: no renewal of %s in the horizon\n", renewal_account);
          return 1;
        }
      if (renewal_date != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (find_entry_row (form, "Next step")), "Call the CFO");
          gtk_editable_set_text (GTK_EDITABLE (find_entry_row (form, "Next-step date (YYYY-MM-DD)")), renewal_date);
          gtk_widget_activate_action (form, "form.save", NULL);
        }
      settle (SETTLE_FRAMES * 2);
    }

  if (handoff_plan != 0)
    {
      GtkWidget *handoffs = find_widget (GTK_WIDGET (window), TEND_TYPE_HANDOFFS_PAGE);

      tend_window_show_page (window, "handoffs");
      if (handoffs == NULL || !tend_handoffs_page_open_plan (TEND_HANDOFFS_PAGE (handoffs), handoff_plan))
        {
          fprintf (stderr, "tend-screenshot: no handoff plan %" G_GINT64_FORMAT "\n", handoff_plan);
          return 1;
        }
      settle (SETTLE_FRAMES);
      if (handoff_submit)
        gtk_widget_activate_action (GTK_WIDGET (tend_handoffs_page_get_form (TEND_HANDOFFS_PAGE (handoffs))),
                                    "form.submit", NULL);
      settle (SETTLE_FRAMES * 2);
    }

  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      fprintf (stderr, "tend-screenshot: the window drew nothing\n");
      return 1;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, output))
    {
      fprintf (stderr, "tend-screenshot: could not write %s\n", output);
      return 1;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  printf ("%s (%dx%d)\n", output, w, h);
  return 0;
}
