// The main window: the welcome page, or the workspace's pages and sync.
// SPDX-License-Identifier: GPL-3.0-or-later

/* Adding a page
 * =============
 * A page is a widget that shows one view of the workspace (accounts,
 * health, renewals, ...). To add one, say TendRenewalsPage:
 *
 * 1. src/app/tend-renewals-page.[ch]: G_DECLARE_FINAL_TYPE (TendRenewalsPage,
 *    tend_renewals_page, TEND, RENEWALS_PAGE, AdwBin) with a "workspace"
 *    property (TendWorkspace, G_PARAM_READWRITE). The window sets it when a
 *    workspace opens and to NULL when it closes. Connect to the workspace's
 *    "changed" signal and read tend_workspace_get_book () and
 *    tend_workspace_get_as_of () there; the book may be NULL while the
 *    first load runs (tend_workspace_get_is_loading ()). Drop every
 *    pointer into the old book in that handler: the book is freed right
 *    after it. Optional: install a "page.search" action to receive Ctrl+F
 *    and the header's search button.
 * 2. ui/tend-renewals-page.ui: the template, listed in ui/tend.gresource.xml.
 * 3. ui/tend-window.ui: one <child> of view_stack:
 *      <object class="AdwViewStackPage">
 *        <property name="name">renewals</property>
 *        <property name="title" translatable="yes">_Renewals</property>
 *        <property name="use-underline">true</property>
 *        <property name="icon-name">x-office-calendar-symbolic</property>
 *        <property name="child"><object class="TendRenewalsPage"/></property>
 *      </object>
 * 4. tend_window_class_init (): g_type_ensure (TEND_TYPE_RENEWALS_PAGE);
 * 5. src/app/meson.build: 'tend-renewals-page.c' in app_sources; the .c and
 *    .ui in po/POTFILES.in.
 *
 * The page name is what --page of the screenshot tool and the last-page
 * setting use.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-accounts-page.h"
#include "tend-alerts-page.h"
#include "tend-dashboard-page.h"
#include "tend-demo-server.h"
#include "tend-error.h"
#include "tend-format.h"
#include "tend-handoffs-page.h"
#include "tend-renewals-page.h"
#include "tend-incentives-page.h"
#include "tend-token.h"
#include "tend-welcome-page.h"
#include "tend-window.h"

#define STATUS_REFRESH_SECONDS 30

struct _TendWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TendWorkspace        *workspace;
  GCancellable         *sync_cancellable;
  TendDemoServer       *demo_server;
  AdwMessageDialog     *store_dialog;
  char                 *progress_message;
  guint                 status_timeout_id;
  guint                 status_label_idle_id;
  gboolean              is_offline;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  TendWelcomePage      *welcome_page;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *sync_button_stack;
  GtkLabel             *sync_status_label;
  GtkWidget            *search_button;
  AdwViewStack         *view_stack;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *sync_progress;
};

G_DEFINE_FINAL_TYPE (TendWindow, tend_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct {
  TendWindow *window;
  char       *base_url;
  char       *token;
} ConnectData;

static void sync_now (TendWindow *self);

static void
connect_data_free (ConnectData *data)
{
  if (data->token != NULL)
    {
      memset (data->token, 0, strlen (data->token));
      g_free (data->token);
    }
  g_free (data->base_url);
  g_object_unref (data->window);
  g_free (data);
}

static void
add_toast (TendWindow *self,
           const char *title,
           const char *button_label,
           const char *action_name)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  adw_toast_set_timeout (toast, button_label != NULL ? 10 : 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_on_welcome (TendWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0;
}

static void
update_status (TendWindow *self)
{
  GDateTime *last_sync = self->workspace ? tend_workspace_get_last_sync (self->workspace) : NULL;
  g_autofree char *text = NULL;

  if (self->workspace == NULL)
    text = g_strdup ("");
  else if (tend_workspace_get_is_syncing (self->workspace) || self->sync_cancellable != NULL)
    text = g_strdup (self->progress_message ? self->progress_message : _("Syncing…"));
  else if (self->is_offline && last_sync != NULL)
    {
      g_autofree char *moment = tend_format_moment (last_sync);
      /* Translators: %s is a day and time such as "21 Nov 2026, 14:05" */
      text = g_strdup_printf (_("Offline — showing the cache from %s"), moment);
    }
  else if (self->is_offline)
    text = g_strdup (_("Offline"));
  else if (last_sync != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *ago = tend_format_time_ago (last_sync, now);
      /* Translators: %s is "5 minutes ago", "yesterday", "on 21 Nov 2026" */
      text = g_strdup_printf (_("Synced %s"), ago);
    }
  else
    text = g_strdup (_("Not synced yet"));

  gtk_label_set_label (self->sync_status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_status_label), text);
}

static gboolean
refresh_status (gpointer user_data)
{
  update_status (TEND_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
widget_has_action (GtkWidget  *widget,
                   const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  const GVariantType *parameter_type;
  const char *action_name;
  const char *property_name;
  GType owner;

  for (guint i = 0;
       gtk_widget_class_query_action (klass, i, &owner, &action_name, &parameter_type, &property_name);
       i++)
    if (g_str_equal (action_name, name))
      return TRUE;
  return FALSE;
}

/* Narrow, the status shows as the title's subtitle; wide, beside the sync
 * button. The switcher title decides while the header bar is allocated,
 * so the label follows in an idle rather than in the middle of that. */
static gboolean
update_status_label_visibility (gpointer user_data)
{
  TendWindow *self = TEND_WINDOW (user_data);

  self->status_label_idle_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status_label),
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

static void
on_title_visible_changed (TendWindow *self)
{
  if (self->status_label_idle_id == 0)
    self->status_label_idle_id = g_idle_add (update_status_label_visibility, self);
}

static void
on_visible_page_changed (TendWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  gtk_widget_set_visible (self->search_button,
                          page != NULL && widget_has_action (page, "page.search"));
}

/* Hands the workspace to every page that has a "workspace" property. */
static void
give_pages_workspace (TendWindow    *self,
                      TendWorkspace *workspace)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "workspace") != NULL)
        g_object_set (child, "workspace", workspace, NULL);
    }
}

static void
on_sync_progress (TendWindow *self,
                  const char *message,
                  double      fraction)
{
  g_free (self->progress_message);
  self->progress_message = g_strdup (message);
  gtk_progress_bar_set_fraction (self->sync_progress, fraction);
  tend_welcome_page_set_progress (self->welcome_page, message, fraction);
  update_status (self);
}

static void
set_workspace (TendWindow    *self,
               TendWorkspace *workspace)
{
  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      give_pages_workspace (self, NULL);
      g_clear_object (&self->workspace);
    }
  self->is_offline = FALSE;
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      g_signal_connect_swapped (workspace, "notify::last-sync", G_CALLBACK (update_status), self);
      g_signal_connect_swapped (workspace, "notify::is-syncing", G_CALLBACK (update_status), self);
      g_signal_connect_swapped (workspace, "sync-progress", G_CALLBACK (on_sync_progress), self);
      give_pages_workspace (self, workspace);
    }
  update_status (self);
}

static void
show_main (TendWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "main");
}

static void
show_welcome (TendWindow *self)
{
  g_autofree char *base_url = self->settings ? g_settings_get_string (self->settings, "base-url") : NULL;

  tend_welcome_page_set_base_url (self->welcome_page, base_url);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

static void
on_store_dialog_response (TendWindow *self,
                          const char *response)
{
  g_autofree char *new_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->store_dialog = NULL;
  if (!g_str_equal (response, "move") || self->workspace == NULL)
    return;

  if (!tend_workspace_move_aside (self->workspace, &new_path, &error))
    {
      add_toast (self, error->message, NULL, NULL);
      return;
    }
  /* Translators: %s is a file path */
  message = g_strdup_printf (_("The damaged file was kept as %s"), new_path);
  add_toast (self, message, NULL, NULL);
  sync_now (self);
}

/* A damaged file is offered to be moved aside and synced again; a busy
 * one is explained. Returns whether the error was shown in a dialog. */
static gboolean
show_store_error (TendWindow   *self,
                  const GError *error)
{
  AdwMessageDialog *dialog;

  if (self->store_dialog != NULL)
    return TRUE;

  if (g_error_matches (error, TEND_ERROR, TEND_ERROR_CORRUPT))
    {
      g_autofree char *name = g_path_get_basename (tend_workspace_get_path (self->workspace));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Workspace Is Damaged"), NULL));
      adw_message_dialog_format_body (dialog,
                                      _("Tend cannot read its copy of the CRM in “%s”. "
                                        "Move the file aside to keep it (as “%s.broken-…”) "
                                        "and download the accounts again from the CRM?"),
                                      name, name);
      adw_message_dialog_add_responses (dialog,
                                        "close", _("_Not Now"),
                                        "move", _("_Move Aside and Sync"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "move");
    }
  else if (g_error_matches (error, TEND_ERROR, TEND_ERROR_BUSY))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Workspace Is in Use"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
    }
  else
    return FALSE;

  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_store_dialog_response),
                           self, G_CONNECT_SWAPPED);
  self->store_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
open_store (TendWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (tend_workspace_open (self->workspace, &error))
    return TRUE;
  show_main (self);
  if (!show_store_error (self, error))
    add_toast (self, error->message, NULL, NULL);
  return FALSE;
}

static void
reload_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (tend_workspace_reload_finish (TEND_WORKSPACE (object), result, &error))
    return;
  if (!show_store_error (self, error))
    add_toast (self, error->message, NULL, NULL);
}

static void
begin_sync_ui (TendWindow *self)
{
  g_clear_object (&self->sync_cancellable);
  self->sync_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->progress_message, g_free);
  gtk_stack_set_visible_child_name (self->sync_button_stack, "cancel");
  gtk_progress_bar_set_fraction (self->sync_progress, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", TRUE);
  if (is_on_welcome (self))
    tend_welcome_page_set_busy (self->welcome_page, TRUE);
  update_status (self);
}

static void
end_sync_ui (TendWindow *self)
{
  g_clear_object (&self->sync_cancellable);
  if (self->demo_server != NULL)
    {
      tend_demo_server_stop (self->demo_server);
      g_clear_object (&self->demo_server);
    }
  gtk_stack_set_visible_child_name (self->sync_button_stack, "sync");
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  update_status (self);
}

static void
report_sync_success (TendWindow     *self,
                     TendSyncReport *report)
{
  const TendBook *book = tend_workspace_get_book (self->workspace);
  guint n_accounts = book != NULL ? book->n_accounts : 0;
  gint64 skipped = report != NULL ? tend_sync_report_get_total_skipped (report) : 0;
  g_autofree char *accounts = tend_format_count (n_accounts);
  g_autofree char *message = NULL;

  if (skipped > 0)
    {
      g_autofree char *n_skipped = tend_format_count (skipped);
      /* Translators: "Synced: 300 accounts, 2 records skipped" */
      message = g_strdup_printf (ngettext ("Synced: %s accounts, %s record skipped",
                                           "Synced: %s accounts, %s records skipped",
                                           (gulong) skipped),
                                 accounts, n_skipped);
    }
  else
    message = g_strdup_printf (ngettext ("Synced: %s account", "Synced: %s accounts", n_accounts),
                               accounts);
  add_toast (self, message, NULL, NULL);
}

/* Says what went wrong in words a person can act on. */
static void
report_sync_error (TendWindow   *self,
                   const GError *error,
                   gboolean      from_welcome)
{
  if (g_error_matches (error, TEND_ERROR, TEND_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (from_welcome)
        tend_welcome_page_show_error (self->welcome_page, NULL);
      else
        add_toast (self, _("Sync cancelled"), NULL, NULL);
      return;
    }
  if (error->domain == TEND_ERROR &&
      (error->code == TEND_ERROR_CORRUPT || error->code == TEND_ERROR_BUSY))
    {
      if (from_welcome)
        tend_welcome_page_show_error (self->welcome_page, NULL);
      show_store_error (self, error);
      return;
    }
  if (from_welcome)
    {
      tend_welcome_page_show_error (self->welcome_page, error->message);
      return;
    }
  if (g_error_matches (error, TEND_ERROR, TEND_ERROR_AUTH))
    add_toast (self, _("The CRM refused the token"), _("_Reconnect"), "app.preferences");
  else if (g_error_matches (error, TEND_ERROR, TEND_ERROR_NETWORK))
    {
      self->is_offline = TRUE;
      add_toast (self, _("Could not reach the CRM"), _("_Retry"), "win.sync");
    }
  else if (g_error_matches (error, TEND_ERROR, TEND_ERROR_RATE_LIMITED))
    add_toast (self, error->message, _("_Retry"), "win.sync");
  else if (g_error_matches (error, TEND_ERROR, TEND_ERROR_INSECURE) ||
           g_error_matches (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT))
    add_toast (self, error->message, _("_Preferences"), "app.preferences");
  else
    add_toast (self, error->message, NULL, NULL);
}

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_welcome = is_on_welcome (self);

  report = tend_workspace_sync_finish (TEND_WORKSPACE (object), result, &error);
  end_sync_ui (self);
  if (report == NULL)
    {
      report_sync_error (self, error, from_welcome);
      return;
    }
  self->is_offline = FALSE;
  show_main (self);
  report_sync_success (self, report);
  update_status (self);
}

static void
run_sync (TendWindow *self,
          const char *base_url,
          const char *token)
{
  if (self->workspace == NULL || !open_store (self))
    {
      end_sync_ui (self);
      if (is_on_welcome (self))
        tend_welcome_page_show_error (self->welcome_page, NULL);
      return;
    }
  tend_workspace_sync_async (self->workspace, base_url, token, self->sync_cancellable,
                             sync_done, g_object_ref (self));
}

static const char *
demo_token (void)
{
  const char *env = g_getenv (TEND_TOKEN_ENV);

  return env != NULL && *env != '\0' ? env : TEND_DEMO_TOKEN;
}

static void
demo_server_started (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  TendDemoServer *server = tend_demo_server_start_finish (result, &error);

  if (server == NULL)
    {
      gboolean from_welcome = is_on_welcome (self);
      end_sync_ui (self);
      report_sync_error (self, error, from_welcome);
      return;
    }
  self->demo_server = server;
  run_sync (self, tend_demo_server_get_base_url (server), demo_token ());
}

/* TEND_DEMO_URL points at a running simulator; otherwise the bundled one
 * is started for the length of one sync. */
static void
start_demo_sync (TendWindow *self)
{
  const char *url = g_getenv ("TEND_DEMO_URL");

  begin_sync_ui (self);
  tend_welcome_page_set_progress (self->welcome_page, _("Starting the demo server…"), 0);
  if (url != NULL && *url != '\0')
    run_sync (self, url, demo_token ());
  else
    tend_demo_server_start_async (self->sync_cancellable, demo_server_started, g_object_ref (self));
}

static char *
dup_base_url (TendWindow *self)
{
  g_autofree char *url = self->settings ? g_settings_get_string (self->settings, "base-url") : NULL;
  const char *recorded = tend_workspace_get_base_url (self->workspace);

  if (url != NULL && *url != '\0')
    return g_steal_pointer (&url);
  return g_strdup (recorded != NULL ? recorded : TEND_SYNC_DEFAULT_BASE_URL);
}

static void
sync_now (TendWindow *self)
{
  g_autofree char *base_url = NULL;

  if (self->workspace == NULL || self->sync_cancellable != NULL)
    return;
  if (tend_workspace_get_is_demo (self->workspace))
    {
      start_demo_sync (self);
      return;
    }
  base_url = dup_base_url (self);
  begin_sync_ui (self);
  run_sync (self, base_url, NULL);
}

static void
token_stored (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ConnectData *data = user_data;
  TendWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  /* Without a keyring the token still works for this session. */
  if (!tend_token_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The token is not saved: %s"), error->message);
      add_toast (self, message, NULL, NULL);
    }
  if (self->sync_cancellable == NULL || g_cancellable_is_cancelled (self->sync_cancellable))
    {
      end_sync_ui (self);
      tend_welcome_page_show_error (self->welcome_page, NULL);
    }
  else
    run_sync (self, data->base_url, data->token);
  connect_data_free (data);
}

static void
on_welcome_connect (TendWindow *self,
                    const char *base_url,
                    const char *token)
{
  ConnectData *data;

  if (self->sync_cancellable != NULL)
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "base-url", base_url);
  /* The demo is no place for a real CRM: connect the default workspace. */
  if (self->workspace == NULL || tend_workspace_get_is_demo (self->workspace))
    {
      g_autofree char *path = self->settings ? g_settings_get_string (self->settings, "workspace") : NULL;
      g_autoptr(TendWorkspace) workspace = NULL;

      if (path == NULL || *path == '\0')
        {
          g_free (path);
          path = tend_store_default_path ("default");
        }
      workspace = tend_workspace_new (path);
      set_workspace (self, workspace);
    }

  begin_sync_ui (self);
  data = g_new0 (ConnectData, 1);
  data->window = g_object_ref (self);
  data->base_url = g_strdup (base_url);
  data->token = g_strdup (token);
  {
    /* the welcome page stored the CRM chosen; the keyring item carries it */
    g_autofree char *provider = self->settings ? g_settings_get_string (self->settings, "provider") : NULL;
    tend_token_store_async (provider ? provider : TEND_SYNC_DEFAULT_PROVIDER, base_url, token, NULL,
                            token_stored, data);
  }
}

static void
win_sync (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  sync_now (TEND_WINDOW (widget));
}

static void
win_cancel_sync (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);

  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

static void
win_search (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  if (!is_on_welcome (self) && page != NULL)
    gtk_widget_activate_action (page, "page.search", NULL);
}

static void
win_open_demo (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tend_window_open_demo (TEND_WINDOW (widget));
}

static void
save_window_state (TendWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (adw_view_stack_get_visible_child_name (self->view_stack) != NULL)
    g_settings_set_string (self->settings, "last-page",
                           adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);
}

static gboolean
tend_window_close_request (GtkWindow *window)
{
  TendWindow *self = TEND_WINDOW (window);

  save_window_state (self);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  if (self->demo_server != NULL)
    tend_demo_server_stop (self->demo_server);

  return GTK_WINDOW_CLASS (tend_window_parent_class)->close_request (window);
}

static void
tend_window_dispose (GObject *object)
{
  TendWindow *self = TEND_WINDOW (object);

  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  g_clear_handle_id (&self->status_label_idle_id, g_source_remove);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->demo_server);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_clear_object (&self->workspace);
    }
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_WINDOW);

  G_OBJECT_CLASS (tend_window_parent_class)->dispose (object);
}

static void
tend_window_finalize (GObject *object)
{
  TendWindow *self = TEND_WINDOW (object);

  g_free (self->progress_message);

  G_OBJECT_CLASS (tend_window_parent_class)->finalize (object);
}

static void
tend_window_class_init (TendWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tend_window_dispose;
  object_class->finalize = tend_window_finalize;
  window_class->close_request = tend_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, win_sync);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, win_cancel_sync);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, win_open_demo);

  /* The pages; see "Adding a page" at the top. */
  g_type_ensure (TEND_TYPE_WELCOME_PAGE);
  g_type_ensure (TEND_TYPE_ACCOUNTS_PAGE);
  g_type_ensure (TEND_TYPE_DASHBOARD_PAGE);
  g_type_ensure (TEND_TYPE_ALERTS_PAGE);
  g_type_ensure (TEND_TYPE_RENEWALS_PAGE);
  g_type_ensure (TEND_TYPE_INCENTIVES_PAGE);
  g_type_ensure (TEND_TYPE_HANDOFFS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sync_button_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sync_status_label);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sync_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_connect);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_changed);
}

static void
tend_window_init (TendWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = tend_settings_new_gsettings ();
  if (self->settings != NULL)
    {
      g_autofree char *last_page = g_settings_get_string (self->settings, "last-page");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (adw_view_stack_get_child_by_name (self->view_stack, last_page) != NULL)
        adw_view_stack_set_visible_child_name (self->view_stack, last_page);
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1200, 780);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  on_visible_page_changed (self);
  on_title_visible_changed (self);
  self->status_timeout_id = g_timeout_add_seconds (STATUS_REFRESH_SECONDS, refresh_status, self);
  show_welcome (self);
}

TendWindow *
tend_window_new (GtkApplication *application)
{
  return g_object_new (TEND_TYPE_WINDOW, "application", application, NULL);
}

/* Shows the workspace at path: its pages when it has been synced, the
 * welcome page when it does not exist yet or was never synced. */
void
tend_window_open_workspace (TendWindow *self,
                            const char *path)
{
  g_autoptr(TendWorkspace) workspace = NULL;

  g_return_if_fail (TEND_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  workspace = tend_workspace_new (path);
  set_workspace (self, workspace);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      show_welcome (self);
      return;
    }
  if (!open_store (self))
    return;
  if (tend_workspace_get_last_sync (workspace) == NULL)
    {
      show_welcome (self);
      return;
    }
  show_main (self);
  tend_workspace_reload_async (workspace, NULL, reload_done, g_object_ref (self));
}

/* Opens the demo workspace and fills it from the CRM simulator. */
void
tend_window_open_demo (TendWindow *self)
{
  g_autofree char *path = tend_store_default_path ("demo");
  g_autoptr(TendWorkspace) workspace = NULL;

  g_return_if_fail (TEND_IS_WINDOW (self));

  if (self->sync_cancellable != NULL)
    return;
  workspace = tend_workspace_new (path);
  set_workspace (self, workspace);
  if (!open_store (self))
    return;
  if (tend_workspace_get_last_sync (workspace) != NULL)
    {
      show_main (self);
      tend_workspace_reload_async (workspace, NULL, reload_done, g_object_ref (self));
    }
  else
    show_welcome (self);
  start_demo_sync (self);
}

TendWorkspace *
tend_window_get_workspace (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);
  return self->workspace;
}

/* Shows a page of the view stack by name ("accounts", ...). */
void
tend_window_show_page (TendWindow *self,
                       const char *name)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}
