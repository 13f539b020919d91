// The application: command line, app-wide actions and their shortcuts.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-application.h"
#include "tend-pack-window.h"
#include "tend-preferences-window.h"
#include "tend-settings.h"
#include "tend-store.h"
#include "tend-window.h"

struct _TendApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TendApplication, tend_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace database at PATH"), N_("PATH") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo workspace, filled from the bundled CRM simulator"), NULL },
  { NULL }
};

static TendWindow *
get_window (TendApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TEND_IS_WINDOW (window))
    return TEND_WINDOW (window);
  return tend_window_new (GTK_APPLICATION (self));
}

static char *
default_workspace_path (void)
{
  g_autoptr(GSettings) settings = tend_settings_new_gsettings ();
  g_autofree char *path = settings ? g_settings_get_string (settings, "workspace") : NULL;

  if (path != NULL && *path != '\0')
    return g_steal_pointer (&path);
  return tend_store_default_path ("default");
}

static void
tend_application_activate (GApplication *application)
{
  TendApplication *self = TEND_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active == NULL)
    {
      g_autofree char *path = default_workspace_path ();
      TendWindow *window = tend_window_new (GTK_APPLICATION (self));

      tend_window_open_workspace (window, path);
      active = GTK_WINDOW (window);
    }
  gtk_window_present (active);
}

static int
tend_application_command_line (GApplication            *application,
                               GApplicationCommandLine *command_line)
{
  TendApplication *self = TEND_APPLICATION (application);
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  g_autofree char *workspace = NULL;
  gboolean demo = FALSE;
  TendWindow *window;

  g_variant_dict_lookup (dict, "workspace", "^ay", &workspace);
  g_variant_dict_lookup (dict, "demo", "b", &demo);

  if (workspace == NULL && !demo)
    {
      g_application_activate (application);
      return 0;
    }

  window = get_window (self);
  if (demo)
    tend_window_open_demo (window);
  else
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, workspace);
      g_autofree char *path = g_file_get_path (file);

      tend_window_open_workspace (window, path);
    }
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
app_quit (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *self = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (self);

  /* Closing lets each window save its size and stop its sync. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
app_preferences (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  TendWorkspace *workspace = TEND_IS_WINDOW (window) ? tend_window_get_workspace (TEND_WINDOW (window)) : NULL;

  gtk_window_present (GTK_WINDOW (tend_preferences_window_new (window, workspace)));
}

static void
app_about (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "The Tend developers", NULL };
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *icon = gtk_icon_theme_has_icon (theme, APP_ID) ? APP_ID : "x-office-address-book-symbolic";

  adw_show_about_window (window,
                         "application-name", _("Tend"),
                         "application-icon", icon,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Tend developers"),
                         "comments", _("Account health, renewals, handoffs and incentives for customer success managers"),
                         "website", "https://github.com/tend-app/tend",
                         "issue-url", "https://github.com/tend-app/tend/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Tend developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
app_shortcuts (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkShortcutsWindow *overlay = NULL;

  /* As the window's help overlay, the shortcuts of actions (win.sync,
   * app.quit…) show the keys the application set for them. */
  if (GTK_IS_APPLICATION_WINDOW (window))
    overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/tend/Tend/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      if (GTK_IS_APPLICATION_WINDOW (window))
        gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window), overlay);
      else
        gtk_window_set_transient_for (GTK_WINDOW (overlay), window);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* The main window a pack is asked for from: the active one, the one the
 * active window belongs to, or the first. */
static TendWindow *
find_main_window (GtkApplication *application)
{
  GtkWindow *active = gtk_application_get_active_window (application);

  if (TEND_IS_WINDOW (active))
    return TEND_WINDOW (active);
  if (active != NULL && TEND_IS_WINDOW (gtk_window_get_transient_for (active)))
    return TEND_WINDOW (gtk_window_get_transient_for (active));
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (TEND_IS_WINDOW (l->data))
      return TEND_WINDOW (l->data);
  return NULL;
}

/* Opens the QBR pack of an account or the review of an owner's accounts
 * (id "" for all) of the main window's workspace, or shows it again when
 * it is open already. */
static void
open_pack (GtkApplication *application,
           gboolean        is_review,
           const char     *id)
{
  TendWindow *window = find_main_window (application);
  TendWorkspace *workspace = window ? tend_window_get_workspace (window) : NULL;
  TendPackWindow *pack;

  if (workspace == NULL || tend_workspace_get_last_sync (workspace) == NULL)
    return;
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (TEND_IS_PACK_WINDOW (l->data) &&
        tend_pack_window_shows (TEND_PACK_WINDOW (l->data), workspace, is_review, id))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }

  if (is_review)
    pack = tend_pack_window_new_review (GTK_WINDOW (window), workspace, id);
  else
    pack = tend_pack_window_new_qbr (GTK_WINDOW (window), workspace, id);
  gtk_window_present (GTK_WINDOW (pack));
}

static void
app_prepare_qbr (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *account_id = g_variant_get_string (parameter, NULL);

  if (*account_id != '\0')
    open_pack (GTK_APPLICATION (user_data), FALSE, account_id);
}

static void
app_portfolio_review (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  open_pack (GTK_APPLICATION (user_data), TRUE, g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", app_quit },
  { "preferences", app_preferences },
  { "about", app_about },
  { "shortcuts", app_shortcuts },
  { "prepare-qbr", app_prepare_qbr, "s" },
  { "portfolio-review", app_portfolio_review, "s" },
};

static void
tend_application_startup (GApplication *application)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.sync", { "<Control>r", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (tend_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                           accels[i].action, accels[i].accels);
}

static void
tend_application_class_init (TendApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = tend_application_startup;
  app_class->activate = tend_application_activate;
  app_class->command_line = tend_application_command_line;
}

static void
tend_application_init (TendApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}

TendApplication *
tend_application_new (void)
{
  return g_object_new (TEND_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/tend/Tend",
                       NULL);
}
