// The renewals page: the horizon as a month grid and an agenda by week,
// and a renewal's risk assessment and milestones (DOMAIN.md 6).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-agenda-row.h"
#include "tend-format.h"
#include "tend-ics.h"
#include "tend-renewal-calendar.h"
#include "tend-renewal-form.h"
#include "tend-renewal-format.h"
#include "tend-renewal-item.h"
#include "tend-renewal-weeks.h"
#include "tend-renewals-csv.h"
#include "tend-renewals-page.h"

/* Below this width the agenda goes under the calendar. */
#define NARROW_WIDTH 900

typedef enum {
  EXPORT_ICS,
  EXPORT_CSV,
} ExportFormat;

/* The page reads the renewals from a book of its own, loaded beside the
 * workspace's in a worker thread: the list needs the health of the whole
 * book, and its rows point into the book they came from, which the page
 * can then keep for as long as it shows them. */
struct _TendRenewalsPage
{
  AdwBin               parent_instance;

  TendWorkspace       *workspace;
  gboolean             is_stale;     /* the workspace changed while hidden */
  gulong               changed_id;
  GCancellable        *cancellable;
  TendBook            *book;
  GPtrArray           *renewals;       /* TendRenewal, into book */
  TendDay              as_of;
  guint                horizon;
  gboolean             is_narrow;
  guint                layout_idle_id;
  GListStore          *renewal_store;  /* TendRenewalItem of each renewal, for the calendar */
  GtkFileChooserNative *chooser;
  GtkWidget           *return_focus;   /* what opened the form, weak */
  ExportFormat         export_format;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *status_stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *empty_status;
  AdwLeaflet          *leaflet;
  GtkLabel            *summary_label;
  GtkLabel            *total_label;
  GtkBox              *overview_box;
  GtkWidget           *calendar_scroller;
  GtkWidget           *agenda_scroller;
  TendRenewalCalendar *calendar;
  GtkListView         *agenda_view;
  GListStore          *agenda_store;
  TendRenewalForm     *form;
};

G_DEFINE_FINAL_TYPE (TendRenewalsPage, tend_renewals_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char         *path;
  TendDay       as_of;
  guint         horizon;
  TendSettings  settings;
  TendBook     *book;
  GPtrArray    *renewals;
  GPtrArray    *renewal_items;
  GPtrArray    *agenda_items;
  GArray       *totals;
  guint         n_without_arr;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->renewal_items, g_ptr_array_unref);
  g_clear_pointer (&data->agenda_items, g_ptr_array_unref);
  g_clear_pointer (&data->renewals, g_ptr_array_unref);
  g_clear_pointer (&data->book, tend_book_free);
  g_clear_pointer (&data->totals, g_array_unref);
  tend_settings_clear (&data->settings);
  g_free (data->path);
  g_free (data);
}

static void
add_toast (TendRenewalsPage *self,
           const char       *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Everything the page shows, in the worker: its own connection and book,
 * the core's list, weeks and totals, and the items of the views. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GPtrArray) weeks = NULL;
  GError *error = NULL;

  if ((store = tend_store_open (data->path, &error)) == NULL ||
      (data->book = tend_book_load (store, &error)) == NULL ||
      (data->renewals = tend_renewals_list (store, data->book, data->as_of, data->horizon,
                                            &data->settings, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  weeks = tend_renewals_by_week (data->renewals);
  data->totals = tend_renewals_arr_totals (data->renewals, 0, data->renewals->len, &data->n_without_arr);
  data->renewal_items = g_ptr_array_new_full (data->renewals->len, g_object_unref);
  data->agenda_items = g_ptr_array_new_full (data->renewals->len + weeks->len, g_object_unref);
  for (guint w = 0; w < weeks->len; w++)
    {
      const TendRenewalWeek *week = g_ptr_array_index (weeks, w);

      g_ptr_array_add (data->agenda_items, tend_renewal_item_new_week (week));
      for (guint i = week->first; i < week->first + week->n_renewals; i++)
        {
          TendRenewalItem *item = tend_renewal_item_new_renewal (g_ptr_array_index (data->renewals, i));

          g_ptr_array_add (data->renewal_items, item);
          g_ptr_array_add (data->agenda_items, g_object_ref (item));
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
update_stack (TendRenewalsPage *self)
{
  const char *page;

  if (self->renewals == NULL)
    page = "loading";
  else if (self->renewals->len == 0)
    page = "empty";
  else
    page = "content";
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->status_stack, page);
}

static void
show_summary (TendRenewalsPage *self,
              GArray           *totals,
              guint             n_without_arr)
{
  g_autofree char *last = tend_format_day (tend_day_add_days (self->as_of, (int) self->horizon));
  g_autofree char *money = tend_renewal_format_totals (totals, FALSE);
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  guint n = self->renewals->len;

  /* Translators: "80 renewals in the next 90 days, through 21 Feb 2027" */
  summary = g_strdup_printf (ngettext ("%u renewal in the next %u days, through %s",
                                       "%u renewals in the next %u days, through %s", n),
                             n, self->horizon, last);
  gtk_label_set_label (self->summary_label, summary);
  if (n_without_arr > 0)
    /* Translators: "Total ARR: USD 9,120,000.00 · EUR 90,000.00 (2 without ARR)" */
    total = g_strdup_printf (ngettext ("Total ARR: %s (%u without ARR)", "Total ARR: %s (%u without ARR)",
                                       n_without_arr),
                             money, n_without_arr);
  else
    total = g_strdup_printf (_("Total ARR: %s"), money);
  gtk_label_set_label (self->total_label, total);

  title = g_strdup_printf (ngettext ("No Renewals in the Next Day", "No Renewals in the Next %u Days",
                                     self->horizon),
                           self->horizon);
  /* Translators: %s is the last day of the horizon */
  description = g_strdup_printf (_("Accounts whose contract ends, or whose renewal deal closes, "
                                   "from today through %s will show here."), last);
  adw_status_page_set_title (self->empty_status, title);
  adw_status_page_set_description (self->empty_status, description);
}

static guint
find_renewal (TendRenewalsPage *self,
              const char       *account_id)
{
  for (guint i = 0; self->renewals != NULL && i < self->renewals->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (self->renewals, i);

      if (g_strcmp0 (r->account->id, account_id) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void
show_overview (TendRenewalsPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "overview");
}

/* The form follows the list it came from: refreshed, or closed when its
 * renewal left the horizon. */
static void
refresh_form (TendRenewalsPage *self)
{
  const char *account_id = tend_renewal_form_get_account_id (self->form);
  guint index = account_id != NULL ? find_renewal (self, account_id) : G_MAXUINT;

  if (index == G_MAXUINT)
    {
      show_overview (self);
      tend_renewal_form_clear (self->form);
      return;
    }
  tend_renewal_form_set_renewal (self->form, tend_workspace_get_store (self->workspace), self->book,
                                 g_ptr_array_index (self->renewals, index), self->as_of);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) old_renewals = NULL;
  g_autoptr(TendBook) old_book = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
      return;
    }
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);

  /* The views and the form move to the new book before the old one goes. */
  old_book = g_steal_pointer (&self->book);
  old_renewals = g_steal_pointer (&self->renewals);
  self->book = g_steal_pointer (&data->book);
  self->renewals = g_steal_pointer (&data->renewals);
  self->as_of = data->as_of;
  self->horizon = data->horizon;

  g_list_store_splice (self->renewal_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->renewal_store)),
                       data->renewal_items->pdata, data->renewal_items->len);
  g_list_store_splice (self->agenda_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agenda_store)),
                       data->agenda_items->pdata, data->agenda_items->len);
  tend_renewal_calendar_set_range (self->calendar, self->as_of,
                                   tend_day_add_days (self->as_of, (int) self->horizon));
  show_summary (self, data->totals, data->n_without_arr);
  refresh_form (self);
  update_stack (self);
}

static void
reload (TendRenewalsPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace == NULL || tend_workspace_get_book (self->workspace) == NULL)
    return;

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (tend_workspace_get_path (self->workspace));
  data->as_of = tend_workspace_get_as_of (self->workspace);
  data->settings = *tend_workspace_get_settings (self->workspace);
  data->settings.onboarding_checklist = g_strdupv (data->settings.onboarding_checklist);
  data->horizon = data->settings.renewal_horizon_days;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

static void
clear (TendRenewalsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_overview (self);
  tend_renewal_form_clear (self->form);
  g_list_store_remove_all (self->renewal_store);
  g_list_store_remove_all (self->agenda_store);
  g_clear_pointer (&self->renewals, g_ptr_array_unref);
  g_clear_pointer (&self->book, tend_book_free);
}

/* A hidden page only notes that it is stale and loads when first shown:
 * at 100,000 accounts every page loading its own book at once slowed the
 * first list by tens of seconds and took a gigabyte. */
static void
reload_when_shown (TendRenewalsPage *self)
{
  self->is_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->is_stale)
    reload (self);
}

static void
on_map (TendRenewalsPage *self)
{
  if (self->is_stale)
    reload_when_shown (self);
}

static void
on_workspace_changed (TendRenewalsPage *self)
{
  reload_when_shown (self);
  update_stack (self);
}

/* Replaces one renewal after the form wrote to it, without reloading the
 * book: the store's fresh record of that account only. */
static void
refresh_renewal (TendRenewalsPage *self,
                 const char       *account_id)
{
  g_autoptr(TendRenewal) fresh = NULL;
  g_autoptr(TendRenewalItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *stores[] = { self->renewal_store, self->agenda_store };
  guint index = find_renewal (self, account_id);

  if (index == G_MAXUINT)
    return;
  fresh = tend_renewals_get (tend_workspace_get_store (self->workspace), self->book, account_id,
                             self->as_of, tend_workspace_get_settings (self->workspace), &error);
  if (fresh == NULL)
    {
      add_toast (self, error->message);
      return;
    }
  item = tend_renewal_item_new_renewal (fresh);
  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stores[s])); i++)
      {
        g_autoptr(TendRenewalItem) old = g_list_model_get_item (G_LIST_MODEL (stores[s]), i);

        if (!tend_renewal_item_get_is_week (old) &&
            g_strcmp0 (tend_renewal_item_get_account_id (old), account_id) == 0)
          {
            g_list_store_splice (stores[s], i, 1, (gpointer *) &item, 1);
            break;
          }
      }
  /* The old record goes last: the form still reads it until then. */
  tend_renewal_form_set_renewal (self->form, tend_workspace_get_store (self->workspace), self->book,
                                 fresh, self->as_of);
  tend_renewal_free (g_ptr_array_index (self->renewals, index));
  g_ptr_array_index (self->renewals, index) = g_steal_pointer (&fresh);
}

static void
on_form_saved (TendRenewalsPage *self,
               const char       *message)
{
  refresh_renewal (self, tend_renewal_form_get_account_id (self->form));
  add_toast (self, message);
}

static void
on_form_failed (TendRenewalsPage *self,
                const char       *message)
{
  add_toast (self, message);
}

/* Back from the form, the focus returns to the chip or row that opened it. */
static void
on_leaflet_child_changed (TendRenewalsPage *self)
{
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "overview") == 0 &&
      self->return_focus != NULL && gtk_widget_get_mapped (self->return_focus))
    gtk_widget_grab_focus (self->return_focus);
}

static void
setup_agenda_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, tend_agenda_row_new ());
}

static void
bind_agenda_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  TendRenewalItem *item = gtk_list_item_get_item (list_item);
  gboolean is_week = tend_renewal_item_get_is_week (item);

  /* Week headings are read, not opened. */
  gtk_list_item_set_activatable (list_item, !is_week);
  gtk_list_item_set_selectable (list_item, !is_week);
  tend_agenda_row_set_item (TEND_AGENDA_ROW (gtk_list_item_get_child (list_item)), item);
}

static void
on_agenda_activated (TendRenewalsPage *self,
                     guint             position)
{
  g_autoptr(TendRenewalItem) item = g_list_model_get_item (G_LIST_MODEL (self->agenda_store), position);

  if (item != NULL && !tend_renewal_item_get_is_week (item))
    tend_renewals_page_open_renewal (self, tend_renewal_item_get_account_id (item));
}

/* Side by side when wide, the agenda under a compact calendar when narrow.
 * Switched in an idle: not in the middle of the allocation that told. */
static gboolean
apply_layout (gpointer user_data)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (user_data);

  self->layout_idle_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->overview_box),
                                  self->is_narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_vexpand (self->calendar_scroller, !self->is_narrow);
  gtk_widget_set_size_request (self->agenda_scroller, self->is_narrow ? -1 : 320, self->is_narrow ? 240 : -1);
  tend_renewal_calendar_set_compact (self->calendar, self->is_narrow);
  return G_SOURCE_REMOVE;
}

/* AdwBin lays its child out with a layout manager, which no size_allocate
 * override would see: this one is the bin's, plus the width check. */
static void
measure_page (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
allocate_page (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean is_narrow = width < NARROW_WIDTH;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (is_narrow != self->is_narrow)
    {
      self->is_narrow = is_narrow;
      if (self->layout_idle_id == 0)
        self->layout_idle_id = g_idle_add (apply_layout, self);
    }
}

static void
renewals_open (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tend_renewals_page_open_renewal (TEND_RENEWALS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
renewals_show_overview (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_overview (TEND_RENEWALS_PAGE (widget));
}

static void
on_export_response (TendRenewalsPage *self,
                    int               response,
                    GtkNativeDialog  *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || self->renewals == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      add_toast (self, _("Choose a folder on this computer to export to"));
      return;
    }
  tend_renewals_page_export (self, self->export_format == EXPORT_ICS, path);
}

static void
start_export (TendRenewalsPage *self,
              ExportFormat      format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  char day[11];
  g_autofree char *name = NULL;

  if (self->renewals == NULL || self->chooser != NULL)
    return;
  tend_day_format (self->as_of, day);
  name = g_strdup_printf ("renewals-%s.%s", day, format == EXPORT_ICS ? "ics" : "csv");
  self->export_format = format;
  self->chooser = gtk_file_chooser_native_new (format == EXPORT_ICS ? _("Export Calendar") : _("Export CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
renewals_export_ics (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  start_export (TEND_RENEWALS_PAGE (widget), EXPORT_ICS);
}

static void
renewals_export_csv (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  start_export (TEND_RENEWALS_PAGE (widget), EXPORT_CSV);
}

static void
disconnect_workspace (TendRenewalsPage *self)
{
  if (self->workspace == NULL)
    return;
  g_clear_signal_handler (&self->changed_id, self->workspace);
  clear (self);
  g_clear_object (&self->workspace);
}

static void
tend_renewals_page_dispose (GObject *object)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (object);

  disconnect_workspace (self);
  g_clear_weak_pointer (&self->return_focus);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->renewal_store);
  /* No gtk_widget_dispose_template () here: AdwBin unparents its child
   * itself, and disposing the template as well unparents it twice on
   * libadwaita 1.2 (a critical when the window closes). */

  G_OBJECT_CLASS (tend_renewals_page_parent_class)->dispose (object);
}

static void
tend_renewals_page_finalize (GObject *object)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (object);

  g_clear_pointer (&self->renewals, g_ptr_array_unref);
  g_clear_pointer (&self->book, tend_book_free);

  G_OBJECT_CLASS (tend_renewals_page_parent_class)->finalize (object);
}

static void
tend_renewals_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (object);

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
tend_renewals_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TendRenewalsPage *self = TEND_RENEWALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_renewals_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_renewals_page_class_init (TendRenewalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_renewals_page_dispose;
  object_class->finalize = tend_renewals_page_finalize;
  object_class->get_property = tend_renewals_page_get_property;
  object_class->set_property = tend_renewals_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "renewals.open", "s", renewals_open);
  gtk_widget_class_install_action (widget_class, "renewals.show-overview", NULL, renewals_show_overview);
  gtk_widget_class_install_action (widget_class, "renewals.export-ics", NULL, renewals_export_ics);
  gtk_widget_class_install_action (widget_class, "renewals.export-csv", NULL, renewals_export_csv);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "renewals.show-overview", NULL);

  g_type_ensure (TEND_TYPE_RENEWAL_ITEM);
  g_type_ensure (TEND_TYPE_RENEWAL_CALENDAR);
  g_type_ensure (TEND_TYPE_RENEWAL_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-renewals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, calendar_scroller);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, agenda_scroller);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, agenda_store);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalsPage, form);
  gtk_widget_class_bind_template_callback (widget_class, on_form_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_form_failed);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_child_changed);
  gtk_widget_class_bind_template_callback (widget_class, setup_agenda_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_agenda_row);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_activated);
}

static void
tend_renewals_page_init (TendRenewalsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (NULL, measure_page, allocate_page));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  self->renewal_store = g_list_store_new (TEND_TYPE_RENEWAL_ITEM);
  tend_renewal_calendar_set_model (self->calendar, G_LIST_MODEL (self->renewal_store));
  update_stack (self);
}

GtkWidget *
tend_renewals_page_new (void)
{
  return g_object_new (TEND_TYPE_RENEWALS_PAGE, NULL);
}

TendWorkspace *
tend_renewals_page_get_workspace (TendRenewalsPage *self)
{
  g_return_val_if_fail (TEND_IS_RENEWALS_PAGE (self), NULL);
  return self->workspace;
}

void
tend_renewals_page_set_workspace (TendRenewalsPage *self,
                                  TendWorkspace    *workspace)
{
  g_return_if_fail (TEND_IS_RENEWALS_PAGE (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      self->changed_id = g_signal_connect_swapped (workspace, "changed",
                                                   G_CALLBACK (on_workspace_changed), self);
      if (tend_workspace_get_book (workspace) != NULL)
        reload_when_shown (self);
    }
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

gboolean
tend_renewals_page_open_renewal (TendRenewalsPage *self,
                                 const char       *account_id)
{
  guint index;

  g_return_val_if_fail (TEND_IS_RENEWALS_PAGE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  index = find_renewal (self, account_id);
  if (index == G_MAXUINT)
    return FALSE;
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "overview") == 0 &&
      gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    g_set_weak_pointer (&self->return_focus, gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))));
  tend_renewal_form_set_renewal (self->form, tend_workspace_get_store (self->workspace), self->book,
                                 g_ptr_array_index (self->renewals, index), self->as_of);
  adw_leaflet_set_visible_child_name (self->leaflet, "form");
  tend_renewal_form_focus_first_field (self->form);
  return TRUE;
}

/* Writes the renewals on screen to path with the core's writers, as
 * iCalendar or CSV, and says how it went in a toast. */
gboolean
tend_renewals_page_export (TendRenewalsPage *self,
                           gboolean          as_calendar,
                           const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  g_return_val_if_fail (TEND_IS_RENEWALS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->renewals == NULL)
    return FALSE;
  if (as_calendar)
    {
      g_autofree char *calendar = tend_ics_renewals (self->renewals, self->book, NULL);
      ok = tend_ics_save (calendar, path, &error);
    }
  else
    ok = tend_renewals_csv_save (self->renewals, self->book, path, &error);

  if (ok)
    /* Translators: %s is a file path */
    message = g_strdup_printf (as_calendar ? _("Calendar exported to %s") : _("CSV exported to %s"), path);
  else
    /* Translators: %s says why */
    message = g_strdup_printf (_("Could not export: %s"), error->message);
  add_toast (self, message);
  return ok;
}
