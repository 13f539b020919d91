// Renders the Tend window on a workspace to a PNG, for docs and UI review.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>

#include "tend-account-list-model.h"
#include "tend-accounts-page.h"
#include "tend-application.h"
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

int
main (int    argc,
      char **argv)
{
  g_autofree char *workspace = NULL;
  g_autofree char *page = NULL;
  g_autofree char *output = NULL;
  g_autofree char *search = NULL;
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
