// The first page a person sees: connect to the CRM or open the demo.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-http.h"
#include "tend-settings.h"
#include "tend-sync.h"
#include "tend-welcome-page.h"

/* The page only collects and checks the connection; the window stores the
 * token in the keyring and runs the first sync, reporting back through
 * set_busy (), set_progress () and show_error (). */
struct _TendWelcomePage
{
  AdwBin       parent_instance;

  GtkStack    *form_stack;
  AdwPreferencesGroup *connect_group;
  AdwComboRow *provider_row;
  AdwEntryRow *url_row;
  AdwEntryRow *token_row;
  GtkLabel    *error_label;
  GtkButton   *connect_button;
  GtkSpinner  *busy_spinner;
  GtkLabel    *busy_label;
  GtkProgressBar *busy_progress;
};

G_DEFINE_FINAL_TYPE (TendWelcomePage, tend_welcome_page, ADW_TYPE_BIN)

enum {
  CONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (TendWelcomePage *self,
              const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');
}

/* Returns whether the form can be sent, and marks what is wrong. */
static gboolean
validate (TendWelcomePage *self,
          gboolean         explain)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  g_autoptr(GError) error = NULL;
  gboolean url_ok = tend_http_check_base_url (url, &error);
  gboolean token_ok = *token != '\0';

  if (url_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");

  if (explain)
    show_message (self, !url_ok && *url != '\0' ? error->message : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), url_ok && token_ok);
  return url_ok && token_ok;
}

static gboolean
is_salesforce (TendWelcomePage *self)
{
  return adw_combo_row_get_selected (self->provider_row) == 1;
}

/* HubSpot has one API host; each Salesforce org has its own instance URL,
 * so switching suggests the right URL and words for the token. */
static void
on_provider_changed (TendWelcomePage *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  if (is_salesforce (self))
    {
      adw_preferences_group_set_title (self->connect_group, _("Connect to Salesforce"));
      adw_preferences_group_set_description (self->connect_group,
        _("Use a connected app with the api and refresh_token scopes. Enter your org’s instance URL and an access token; the token is kept in your keyring."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("_Instance URL"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("Access _Token"));
      if (g_strcmp0 (url, TEND_SYNC_DEFAULT_BASE_URL) == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->url_row), "https://");
    }
  else
    {
      adw_preferences_group_set_title (self->connect_group, _("Connect to HubSpot"));
      adw_preferences_group_set_description (self->connect_group,
        _("Create a private app in HubSpot with read access to companies, deals, tickets and feedback, then paste its token here. The token is kept in your keyring."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("_Base URL"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("Private App _Token"));
      if (g_strcmp0 (url, "https://") == 0 || *url == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->url_row), TEND_SYNC_DEFAULT_BASE_URL);
    }
  validate (self, FALSE);
}

static void
on_form_changed (TendWelcomePage *self)
{
  validate (self, TRUE);
}

static void
on_connect_clicked (TendWelcomePage *self)
{
  g_autofree char *url = NULL;

  if (!validate (self, TRUE))
    {
      if (*gtk_editable_get_text (GTK_EDITABLE (self->token_row)) == '\0')
        gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
      return;
    }
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  show_message (self, NULL);
  {
    g_autoptr(GSettings) settings = tend_settings_new_gsettings ();
    if (settings != NULL)
      g_settings_set_string (settings, "provider", is_salesforce (self) ? "salesforce" : "hubspot");
  }
  g_signal_emit (self, signals[CONNECT], 0, url,
                 gtk_editable_get_text (GTK_EDITABLE (self->token_row)));
}

static void
tend_welcome_page_class_init (TendWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The person asked to connect: base URL (checked) and token. */
  signals[CONNECT] =
    g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, form_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, connect_group);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, provider_row);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, token_row);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, TendWelcomePage, busy_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_provider_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked);
}

static void
tend_welcome_page_init (TendWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_welcome_page_new (void)
{
  return g_object_new (TEND_TYPE_WELCOME_PAGE, NULL);
}

void
tend_welcome_page_set_base_url (TendWelcomePage *self,
                                const char      *base_url)
{
  g_return_if_fail (TEND_IS_WELCOME_PAGE (self));

  if (base_url != NULL && *base_url != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), base_url);
  validate (self, FALSE);
}

/* While busy the form gives way to a spinner, a progress bar and Cancel. */
void
tend_welcome_page_set_busy (TendWelcomePage *self,
                            gboolean         busy)
{
  g_return_if_fail (TEND_IS_WELCOME_PAGE (self));

  gtk_stack_set_visible_child_name (self->form_stack, busy ? "busy" : "form");
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  if (busy)
    {
      show_message (self, NULL);
      tend_welcome_page_set_progress (self, _("Connecting…"), 0);
    }
}

void
tend_welcome_page_set_progress (TendWelcomePage *self,
                                const char      *message,
                                double           fraction)
{
  g_return_if_fail (TEND_IS_WELCOME_PAGE (self));

  gtk_label_set_label (self->busy_label, message);
  gtk_progress_bar_set_fraction (self->busy_progress, fraction);
}

/* Back to the form, with what went wrong under it. */
void
tend_welcome_page_show_error (TendWelcomePage *self,
                              const char      *message)
{
  g_return_if_fail (TEND_IS_WELCOME_PAGE (self));

  tend_welcome_page_set_busy (self, FALSE);
  show_message (self, message);
}
