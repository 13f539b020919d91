// Preferences: the CRM connection and the workspace file.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-health-preferences-page.h"
#include "tend-http.h"
#include "tend-preferences-window.h"
#include "tend-settings.h"
#include "tend-sync.h"
#include "tend-token.h"

/* Other pages' settings go in groups of their own, added to this template
 * (or as further AdwPreferencesPages). The token goes to the keyring only. */
struct _TendPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *base_url_row;
  AdwEntryRow          *token_row;
  AdwActionRow         *workspace_row;
};

G_DEFINE_FINAL_TYPE (TendPreferencesWindow, tend_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (TendPreferencesWindow *self,
       const char            *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
on_base_url_changed (TendPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->base_url_row));

  if (tend_http_check_base_url (url, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
}

static void
on_base_url_apply (TendPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
  g_autoptr(GError) error = NULL;

  if (!tend_http_check_base_url (url, &error))
    {
      toast (self, error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "base-url", url);
  toast (self, _("The next sync uses the new address"));
}

static void
token_stored (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TendPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tend_token_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The token is not saved: %s"), error->message);
      toast (self, message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  toast (self, _("Token saved in the keyring"));
}

static void
on_token_apply (TendPreferencesWindow *self)
{
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  g_autofree char *url = self->settings ? g_settings_get_string (self->settings, "base-url")
                                        : g_strdup (TEND_SYNC_DEFAULT_BASE_URL);

  if (*token == '\0')
    return;
  tend_token_store_async (TEND_SYNC_DEFAULT_PROVIDER, url, token, NULL,
                          token_stored, g_object_ref (self));
}

static void
tend_preferences_window_dispose (GObject *object)
{
  TendPreferencesWindow *self = TEND_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (tend_preferences_window_parent_class)->dispose (object);
}

static void
tend_preferences_window_class_init (TendPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_preferences_window_dispose;

  g_type_ensure (TEND_TYPE_HEALTH_PREFERENCES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, workspace_row);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_token_apply);
}

static void
tend_preferences_window_init (TendPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = tend_settings_new_gsettings ();
  if (self->settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "base-url");
      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), url);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), TEND_SYNC_DEFAULT_BASE_URL);
}

GtkWidget *
tend_preferences_window_new (GtkWindow     *parent,
                             TendWorkspace *workspace)
{
  TendPreferencesWindow *self = g_object_new (TEND_TYPE_PREFERENCES_WINDOW,
                                              "transient-for", parent,
                                              "modal", TRUE,
                                              NULL);

  adw_action_row_set_subtitle (self->workspace_row,
                               workspace != NULL ? tend_workspace_get_path (workspace)
                                                 : _("No workspace is open"));
  return GTK_WIDGET (self);
}
