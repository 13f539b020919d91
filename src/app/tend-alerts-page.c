// The alerts page: open health alerts, mine or everyone's, to acknowledge.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-alert-item.h"
#include "tend-alerts-page.h"
#include "tend-format.h"

struct _TendAlertsPage
{
  AdwBin         parent_instance;

  TendWorkspace *workspace;
  GSettings     *gsettings;
  GCancellable  *cancellable;
  gboolean       is_ready;

  GtkToggleButton *mine_button;
  GtkToggleButton *all_button;
  GtkLabel      *count_label;
  GtkStack      *stack;
  GtkSpinner    *loading_spinner;
  AdwStatusPage *empty_status;
  GListStore    *alerts;
};

G_DEFINE_FINAL_TYPE (TendAlertsPage, tend_alerts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char      *path;
  char      *owner_id;
  GPtrArray *alerts;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->alerts, g_ptr_array_unref);
  g_free (data->owner_id);
  g_free (data->path);
  g_free (data);
}

/* Alerts pile up until acknowledged, so they are read off the main thread. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(TendStore) store = NULL;
  GError *error = NULL;

  if ((store = tend_store_open (data->path, &error)) == NULL ||
      (data->alerts = tend_health_list_alerts (store, data->owner_id, FALSE, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static char *
dup_my_owner_id (TendAlertsPage *self)
{
  g_autofree char *mine = self->gsettings ? g_settings_get_string (self->gsettings, "my-owner-id") : NULL;

  return mine != NULL && *mine != '\0' ? g_steal_pointer (&mine) : NULL;
}

/* The count on the page's tab in the view switcher. */
static void
update_badge (TendAlertsPage *self)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->alerts));
  AdwViewStackPage *page;

  if (!ADW_IS_VIEW_STACK (stack))
    return;
  page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (self));
  if (page == NULL)
    return;
  adw_view_stack_page_set_badge_number (page, n);
  adw_view_stack_page_set_needs_attention (page, n > 0);
}

static void
update_view (TendAlertsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->alerts));
  gboolean mine = gtk_toggle_button_get_active (self->mine_button);
  g_autofree char *count = tend_format_count (n);
  g_autofree char *text = NULL;
  const char *page;

  if (!self->is_ready)
    page = "loading";
  else if (n == 0)
    page = "empty";
  else
    page = "list";
  text = mine ? g_strdup_printf (ngettext ("%s open alert routed to you", "%s open alerts routed to you", n), count)
              : g_strdup_printf (ngettext ("%s open alert", "%s open alerts", n), count);
  gtk_label_set_label (self->count_label, text);
  adw_status_page_set_description (self->empty_status,
                                   mine ? _("None of your accounts needs attention. Alerts appear after a sync "
                                            "when a tier drops, a score falls 15 points or a red account nears "
                                            "its renewal.")
                                        : _("No account needs attention. Alerts appear after a sync when a tier "
                                            "drops, a score falls 15 points or a red account nears its renewal."));
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  update_badge (self);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TendAlertsPage *self = TEND_ALERTS_PAGE (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  const TendBook *book = self->workspace ? tend_workspace_get_book (self->workspace) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not read the health alerts: %s", error->message);
    }
  g_clear_object (&self->cancellable);
  for (guint i = 0; data->alerts != NULL && i < data->alerts->len; i++)
    {
      const TendHealthAlert *alert = g_ptr_array_index (data->alerts, i);
      const TendAccount *a = book ? tend_book_find_account (book, alert->account_id) : NULL;

      g_ptr_array_add (items, tend_alert_item_new (alert, a ? a->name : NULL));
    }
  g_list_store_splice (self->alerts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->alerts)),
                       items->pdata, items->len);
  self->is_ready = TRUE;
  update_view (self);
}

static void
reload (TendAlertsPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace == NULL || tend_workspace_get_last_sync (self->workspace) == NULL)
    {
      g_list_store_remove_all (self->alerts);
      self->is_ready = self->workspace != NULL;
      update_view (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->path = g_strdup (tend_workspace_get_path (self->workspace));
  data->owner_id = gtk_toggle_button_get_active (self->mine_button) ? dup_my_owner_id (self) : NULL;
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

static void
on_filter_toggled (TendAlertsPage *self)
{
  reload (self);
}

static void
update_mine_button (TendAlertsPage *self)
{
  g_autofree char *mine = dup_my_owner_id (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->mine_button), mine != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_button),
                               mine != NULL ? _("Alerts routed to you")
                                            : _("Choose who you are in Preferences › Health first"));
  if (mine == NULL && gtk_toggle_button_get_active (self->mine_button))
    gtk_toggle_button_set_active (self->all_button, TRUE);
  else
    reload (self);
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_button_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Acknowledge"));

  /* A target before the name: the action takes an alert id. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (0));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "account.acknowledge-alert");
  gtk_list_item_set_child (list_item, button);
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), text != NULL && *text != '\0' ? text : "—");
  gtk_widget_set_tooltip_text (label, text);
}

static void
bind_account_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  set_cell_text (list_item, tend_alert_item_get_account_name (gtk_list_item_get_item (list_item)));
}

static void
bind_kind_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  set_cell_text (list_item, tend_alert_item_get_kind_label (gtk_list_item_get_item (list_item)));
}

static void
bind_message_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  set_cell_text (list_item, tend_alert_item_get_message (gtk_list_item_get_item (list_item)));
}

static void
bind_day_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  g_autofree char *day = tend_format_day (tend_alert_item_get_day (gtk_list_item_get_item (list_item)));

  set_cell_text (list_item, day);
}

static void
bind_button_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  TendAlertItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);
  g_autofree char *label = NULL;

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (tend_alert_item_get_id (item)));
  /* Translators: the accessible name of a button; %s is an account */
  label = g_strdup_printf (_("Acknowledge the alert of %s"), tend_alert_item_get_account_name (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
account_acknowledge_alert (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TendAlertsPage *self = TEND_ALERTS_PAGE (widget);
  TendStore *store = self->workspace ? tend_workspace_get_store (self->workspace) : NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  const char *message;

  if (store == NULL)
    return;
  if (tend_health_acknowledge_alert (store, id, &error))
    {
      /* Gone from the list at once; the reload that follows agrees. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
        {
          g_autoptr(TendAlertItem) item = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);
          if (tend_alert_item_get_id (item) == id)
            {
              g_list_store_remove (self->alerts, i);
              break;
            }
        }
      update_view (self);
      message = _("Alert acknowledged");
      tend_workspace_alerts_changed (self->workspace);
    }
  else
    message = error->message;
  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

static void
tend_alerts_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tend_alerts_page_parent_class)->root (widget);
  update_badge (TEND_ALERTS_PAGE (widget));
}

static void
disconnect_workspace (TendAlertsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->gsettings != NULL)
    g_signal_handlers_disconnect_by_data (self->gsettings, self);
  g_clear_object (&self->gsettings);
  if (self->workspace == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
}

static void
tend_alerts_page_dispose (GObject *object)
{
  TendAlertsPage *self = TEND_ALERTS_PAGE (object);

  disconnect_workspace (self);

  G_OBJECT_CLASS (tend_alerts_page_parent_class)->dispose (object);
}

static void
tend_alerts_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TendAlertsPage *self = TEND_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_alerts_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TendAlertsPage *self = TEND_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_alerts_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_alerts_page_class_init (TendAlertsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_alerts_page_dispose;
  object_class->get_property = tend_alerts_page_get_property;
  object_class->set_property = tend_alerts_page_set_property;
  widget_class->root = tend_alerts_page_root;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "account.acknowledge-alert", "x",
                                   account_acknowledge_alert);

  g_type_ensure (TEND_TYPE_ALERT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-alerts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TendAlertsPage, alerts);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_button_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_account_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_kind_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_message_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_day_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_button_cell);
}

static void
tend_alerts_page_init (TendAlertsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_mine_button (self);
  update_view (self);
}

GtkWidget *
tend_alerts_page_new (void)
{
  return g_object_new (TEND_TYPE_ALERTS_PAGE, NULL);
}

TendWorkspace *
tend_alerts_page_get_workspace (TendAlertsPage *self)
{
  g_return_val_if_fail (TEND_IS_ALERTS_PAGE (self), NULL);
  return self->workspace;
}

void
tend_alerts_page_set_workspace (TendAlertsPage *self,
                                TendWorkspace  *workspace)
{
  g_return_if_fail (TEND_IS_ALERTS_PAGE (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  self->is_ready = FALSE;
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      g_signal_connect_swapped (workspace, "changed", G_CALLBACK (reload), self);
      g_signal_connect_swapped (workspace, "alerts-changed", G_CALLBACK (reload), self);
      if (tend_workspace_get_gsettings (workspace) != NULL)
        {
          self->gsettings = g_object_ref (tend_workspace_get_gsettings (workspace));
          g_signal_connect_swapped (self->gsettings, "changed::my-owner-id",
                                    G_CALLBACK (update_mine_button), self);
        }
    }
  update_mine_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* Whether the list shows the store's open alerts. */
gboolean
tend_alerts_page_get_is_ready (TendAlertsPage *self)
{
  g_return_val_if_fail (TEND_IS_ALERTS_PAGE (self), FALSE);
  return self->is_ready && self->cancellable == NULL;
}
