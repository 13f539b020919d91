// The accounts page: a searchable, sortable list beside the selected account.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-account-details.h"
#include "tend-account-item.h"
#include "tend-account-list-model.h"
#include "tend-accounts-page.h"
#include "tend-format.h"
#include "tend-money.h"

#define SORT_QUESTION_KEY "tend-sort-question"
#define SORT_QUESTION_ALL (-1)

struct _TendAccountsPage
{
  AdwBin                parent_instance;

  TendWorkspace        *workspace;
  gulong                changed_id;
  gulong                loading_id;
  GtkSorter            *view_sorter;
  gulong                sorter_changed_id;
  GObject              *probe_a;
  GObject              *probe_b;
  gboolean              keep_details;

  AdwLeaflet           *leaflet;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkSpinner           *loading_spinner;
  GtkColumnView        *column_view;
  GtkSingleSelection   *selection;
  TendAccountListModel *model;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *owner_column;
  GtkColumnViewColumn  *segment_column;
  GtkColumnViewColumn  *arr_column;
  GtkColumnViewColumn  *renewal_column;
  AdwStatusPage        *empty_status;
  GtkWidget            *empty_sync_button;
  TendAccountDetails   *details;
};

G_DEFINE_FINAL_TYPE (TendAccountsPage, tend_accounts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_list_stack (TendAccountsPage *self)
{
  gboolean loading = self->workspace != NULL && tend_workspace_get_is_loading (self->workspace);
  const char *page = "list";

  if (!tend_account_list_model_has_book (self->model) && (loading || self->workspace == NULL))
    page = "loading";
  else if (tend_account_list_model_get_n_accounts (self->model) == 0)
    {
      page = "empty";
      adw_status_page_set_title (self->empty_status, _("No Accounts Yet"));
      adw_status_page_set_description (self->empty_status,
                                       _("Sync with your CRM to fill the local copy."));
      gtk_widget_set_visible (self->empty_sync_button, TRUE);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      g_autofree char *description =
        g_markup_printf_escaped (_("No account’s name, domain or owner contains “%s”."),
                                 tend_account_list_model_get_search (self->model));
      page = "empty";
      adw_status_page_set_title (self->empty_status, _("No Matching Accounts"));
      adw_status_page_set_description (self->empty_status, description);
      gtk_widget_set_visible (self->empty_sync_button, FALSE);
    }
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

/* Selects the account again after the list changed under it; the details
 * keep showing it while it stays in the list. */
static void
restore_selection (TendAccountsPage *self,
                   const char       *account_id)
{
  guint position = tend_account_list_model_find (self->model, account_id);

  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      /* GtkColumnView learns scroll_to () in 4.12; its list view already
       * has the action. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child))
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      tend_account_details_set_item (self->details, NULL);
    }
}

static char *
dup_selected_id (TendAccountsPage *self)
{
  TendAccountItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? g_strdup (tend_account_item_get_id (item)) : NULL;
}

/* TEND_PROFILE=1: prints the monotonic time (the clock a launcher can read
 * too) and the peak RSS at the end of the first frame that paints the list
 * with rows, for tests/bench/bench-startup.c. */
static void
on_profile_after_paint (GdkFrameClock *clock,
                        gpointer       user_data)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, on_profile_after_paint, user_data);
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    hwm = "VmHWM: 0 kB";
  g_print ("TEND_PROFILE first-rows-frame monotonic_us=%" G_GINT64_FORMAT " rows=%u vmhwm_kb=%" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), GPOINTER_TO_UINT (user_data),
           g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10));
}

static void
profile_first_rows_frame (TendAccountsPage *self)
{
  static gboolean done;
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  GdkFrameClock *clock;

  if (done || n_rows == 0 || g_strcmp0 (g_getenv ("TEND_PROFILE"), "1") != 0)
    return;
  g_signal_handlers_disconnect_by_func (self->column_view, profile_first_rows_frame, self);
  if ((clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view))) == NULL)
    {
      /* Not on screen yet: its first frame comes after it maps. */
      g_signal_connect_object (self->column_view, "map", G_CALLBACK (profile_first_rows_frame), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      return;
    }
  done = TRUE;
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_profile_after_paint), GUINT_TO_POINTER (n_rows));
}

static void
on_workspace_changed (TendAccountsPage *self)
{
  g_autofree char *selected = dup_selected_id (self);

  self->keep_details = TRUE;
  tend_account_list_model_set_book (self->model, tend_workspace_get_book (self->workspace));
  self->keep_details = FALSE;
  restore_selection (self, selected);
  update_list_stack (self);
  profile_first_rows_frame (self);
}

static void
on_search_changed (TendAccountsPage *self)
{
  g_autofree char *selected = dup_selected_id (self);

  self->keep_details = TRUE;
  tend_account_list_model_set_search (self->model,
                                      gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->keep_details = FALSE;
  restore_selection (self, selected);
  update_list_stack (self);
}

/* Enter in the search entry goes to the first match. */
static void
on_search_activate (TendAccountsPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_items_changed (TendAccountsPage *self)
{
  if (!self->keep_details)
    update_list_stack (self);
}

static void
on_selected_item_changed (TendAccountsPage *self)
{
  if (self->keep_details)
    return;
  tend_account_details_set_item (self->details,
                                 gtk_single_selection_get_selected_item (self->selection));
}

static void
on_row_activated (TendAccountsPage *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

/* Folded, the list keeps Name and ARR and a tap opens the details; side by
 * side, a click only selects. The other columns are taken out rather than
 * hidden: GTK 4.8's GtkColumnView still counts hidden columns when it
 * shares out the width, which would leave Name narrow beside a gap. */
static void
on_folded_changed (TendAccountsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean shown = g_list_model_get_n_items (columns) == TEND_N_ACCOUNT_SORTS;

  gtk_column_view_set_single_click_activate (self->column_view, folded);
  if (folded && shown)
    {
      gtk_column_view_remove_column (self->column_view, self->owner_column);
      gtk_column_view_remove_column (self->column_view, self->segment_column);
      gtk_column_view_remove_column (self->column_view, self->renewal_column);
    }
  else if (!folded && !shown)
    {
      gtk_column_view_insert_column (self->column_view, 1, self->owner_column);
      gtk_column_view_insert_column (self->column_view, 2, self->segment_column);
      gtk_column_view_append_column (self->column_view, self->renewal_column);
    }
}

/* GTK 4.8 has no getter for the primary sort column (4.10 added one), so
 * the page asks the column view's sorter about two probe objects: every
 * column sorter answers "larger" except the column asked about, which
 * answers "smaller". The view's sorter inverts the answer of a descending
 * column and returns the first column's, which tells the column and the
 * direction in at most one question per column. */
static GtkOrdering
compare_probe (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int question = GPOINTER_TO_INT (g_object_get_data ((GObject *) a, SORT_QUESTION_KEY));

  return question == GPOINTER_TO_INT (user_data) ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static GtkOrdering
ask_sorter (TendAccountsPage *self,
            GtkSorter        *sorter,
            int               question)
{
  g_object_set_data (self->probe_a, SORT_QUESTION_KEY, GINT_TO_POINTER (question));
  return gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
}

static void
on_sorter_changed (TendAccountsPage *self)
{
  GtkSorter *sorter = self->view_sorter;
  g_autofree char *selected = dup_selected_id (self);
  TendAccountSort sort = TEND_ACCOUNT_SORT_NAME;
  gboolean descending = FALSE;
  GtkOrdering first;

  first = ask_sorter (self, sorter, SORT_QUESTION_ALL);
  if (first != GTK_ORDERING_EQUAL)
    {
      descending = first == GTK_ORDERING_SMALLER;
      for (int k = 0; k < TEND_N_ACCOUNT_SORTS; k++)
        if (ask_sorter (self, sorter, k) == (descending ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER))
          {
            sort = k;
            break;
          }
    }

  self->keep_details = TRUE;
  tend_account_list_model_set_sort (self->model, sort, descending);
  self->keep_details = FALSE;
  restore_selection (self, selected);
  update_list_stack (self);
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
setup_number_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       text != NULL && *text != '\0' ? text : "—");
}

static void
bind_name_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  TendAccountItem *item = gtk_list_item_get_item (list_item);

  set_cell_text (list_item, tend_account_item_get_name (item));
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (list_item),
                               tend_account_item_get_domain (item));
}

static void
bind_owner_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  set_cell_text (list_item, tend_account_item_get_owner_name (gtk_list_item_get_item (list_item)));
}

static void
bind_segment_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  set_cell_text (list_item, tend_account_item_get_segment (gtk_list_item_get_item (list_item)));
}

static void
bind_arr_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  TendAccountItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  gint64 arr;

  if (tend_account_item_get_arr (item, &arr))
    text = tend_money_format (arr, tend_account_item_get_currency (item));
  set_cell_text (list_item, text);
}

static void
bind_renewal_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  TendAccountItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = tend_format_day (tend_account_item_get_renewal_day (item));

  set_cell_text (list_item, text);
}

static void
page_search (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
page_show_list (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
disconnect_workspace (TendAccountsPage *self)
{
  if (self->workspace == NULL)
    return;
  g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_signal_handler (&self->loading_id, self->workspace);
  tend_account_list_model_set_book (self->model, NULL);
  g_clear_object (&self->workspace);
}

/* Typing anywhere in the window searches, while this page is on screen. */
static void
tend_accounts_page_map (GtkWidget *widget)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (widget);

  GTK_WIDGET_CLASS (tend_accounts_page_parent_class)->map (widget);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
tend_accounts_page_unmap (GtkWidget *widget)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (widget);

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  GTK_WIDGET_CLASS (tend_accounts_page_parent_class)->unmap (widget);
}

static void
tend_accounts_page_dispose (GObject *object)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

  disconnect_workspace (self);
  /* Disposing the column view takes its columns out, which changes it. */
  if (self->view_sorter != NULL)
    g_clear_signal_handler (&self->sorter_changed_id, self->view_sorter);
  g_clear_object (&self->view_sorter);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_object (&self->owner_column);
  g_clear_object (&self->segment_column);
  g_clear_object (&self->renewal_column);

  G_OBJECT_CLASS (tend_accounts_page_parent_class)->dispose (object);
}

static void
tend_accounts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

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
tend_accounts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_accounts_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_accounts_page_class_init (TendAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_accounts_page_dispose;
  object_class->get_property = tend_accounts_page_get_property;
  object_class->set_property = tend_accounts_page_set_property;
  widget_class->map = tend_accounts_page_map;
  widget_class->unmap = tend_accounts_page_unmap;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* page.search: the window's Ctrl+F goes to the page on screen. */
  gtk_widget_class_install_action (widget_class, "page.search", NULL, page_search);
  gtk_widget_class_install_action (widget_class, "page.show-list", NULL, page_show_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "page.show-list", NULL);

  g_type_ensure (TEND_TYPE_ACCOUNT_DETAILS);
  g_type_ensure (TEND_TYPE_ACCOUNT_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, model);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, owner_column);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, segment_column);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, arr_column);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, renewal_column);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, empty_sync_button);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, details);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_items_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_owner_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_segment_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_arr_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_renewal_cell);
}

static void
tend_accounts_page_init (TendAccountsPage *self)
{
  GtkColumnViewColumn *columns[TEND_N_ACCOUNT_SORTS];

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Kept while a narrow window takes them out of the view. */
  g_object_ref (self->owner_column);
  g_object_ref (self->segment_column);
  g_object_ref (self->renewal_column);

  /* Each column's sorter only marks it sortable and answers the probe;
   * the model sorts its index array itself. */
  columns[TEND_ACCOUNT_SORT_NAME] = self->name_column;
  columns[TEND_ACCOUNT_SORT_OWNER] = self->owner_column;
  columns[TEND_ACCOUNT_SORT_SEGMENT] = self->segment_column;
  columns[TEND_ACCOUNT_SORT_ARR] = self->arr_column;
  columns[TEND_ACCOUNT_SORT_RENEWAL] = self->renewal_column;
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  for (int k = 0; k < TEND_N_ACCOUNT_SORTS; k++)
    {
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare_probe, GINT_TO_POINTER (k), NULL);
      gtk_column_view_column_set_sorter (columns[k], GTK_SORTER (sorter));
    }
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  self->view_sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  self->sorter_changed_id = g_signal_connect_swapped (self->view_sorter, "changed",
                                                      G_CALLBACK (on_sorter_changed), self);
  update_list_stack (self);
}

GtkWidget *
tend_accounts_page_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNTS_PAGE, NULL);
}

TendWorkspace *
tend_accounts_page_get_workspace (TendAccountsPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNTS_PAGE (self), NULL);
  return self->workspace;
}

void
tend_accounts_page_set_workspace (TendAccountsPage *self,
                                  TendWorkspace    *workspace)
{
  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  tend_account_details_set_item (self->details, NULL);
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      self->changed_id = g_signal_connect_swapped (workspace, "changed",
                                                   G_CALLBACK (on_workspace_changed), self);
      self->loading_id = g_signal_connect_swapped (workspace, "notify::is-loading",
                                                   G_CALLBACK (update_list_stack), self);
      if (tend_workspace_get_book (workspace) != NULL)
        on_workspace_changed (self);
    }
  update_list_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}
