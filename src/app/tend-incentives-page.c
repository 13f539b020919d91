// The incentives page: ledger per person, clawback queue, NRR per portfolio.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-format.h"
#include "tend-health.h"
#include "tend-incentive-form.h"
#include "tend-incentives-csv.h"
#include "tend-incentives-page.h"
#include "tend-ledger-line-item.h"
#include "tend-money.h"
#include "tend-nrr-view.h"
#include "tend-person-totals-item.h"

/* Below this width the tables keep their main columns only. */
#define NARROW_WIDTH 720

typedef enum {
  PEOPLE_PERSON,
  PEOPLE_CURRENCY,
  PEOPLE_ENTRIES,
  PEOPLE_EARNED,
  PEOPLE_CLAWED_BACK,
  PEOPLE_APPLIED,
  PEOPLE_NET,
  PEOPLE_EXPOSURE,
} PeopleColumn;

typedef enum {
  ENTRIES_EARNED,
  ENTRIES_ACCOUNT,
  ENTRIES_KIND,
  ENTRIES_ROLE,
  ENTRIES_AMOUNT,
  ENTRIES_CLAWBACK,
  ENTRIES_EXPOSURE,
} EntriesColumn;

typedef enum {
  QUEUE_ENTRY,
  QUEUE_PERSON,
  QUEUE_ACCOUNT,
  QUEUE_KIND,
  QUEUE_AMOUNT,
  QUEUE_CLAWBACK,
  QUEUE_CHURN,
  QUEUE_STATUS,
} QueueColumn;

/* A column a narrow page takes out, and where it goes back. */
typedef struct {
  GtkColumnView       *view;
  GtkColumnViewColumn *column;
  guint                position;
} TrimmedColumn;

/* The ledger comes from a worker thread with its own connection and its
 * own copy of the book (the workspace's may be replaced meanwhile); the
 * page keeps both for the exports. */
struct _TendIncentivesPage
{
  AdwBin               parent_instance;

  TendWorkspace       *workspace;
  gboolean             is_stale;     /* the workspace changed while hidden */
  gulong               changed_id;
  GCancellable        *load_cancellable;
  guint                load_serial;
  TendBook            *book;
  TendLedger          *ledger;
  gboolean             is_loaded;
  gboolean             is_narrow;
  guint                narrow_idle_id;
  char                *person;              /* selected, for the entries */
  char                *currency;
  TendIncentiveForm   *form;
  GtkFileChooserNative *export_chooser;
  TendIncentivesExport export_what;
  GArray              *trimmed;             /* TrimmedColumn */

  GListStore          *people_store;
  GListStore          *lines_store;
  GtkCustomFilter     *people_filter;
  GtkCustomFilter     *entries_filter;
  GtkSingleSelection  *people_selection;
  GtkSingleSelection  *queue_selection;
  GtkFilterListModel  *people_model;
  GtkFilterListModel  *entries_model;
  GtkFilterListModel  *queue_model;

  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *sub_stack;
  GtkStack            *ledger_stack;
  GtkSpinner          *loading_spinner;
  GtkSearchEntry      *person_search;
  GtkDropDown         *role_filter;
  GtkDropDown         *kind_filter;
  GtkStack            *people_stack;
  GtkColumnView       *people_view;
  GtkLabel            *red_exposure_label;
  GtkLabel            *entries_title;
  GtkStack            *entries_stack;
  GtkColumnView       *entries_view;
  GtkStack            *queue_stack;
  GtkColumnView       *queue_view;
  GtkLabel            *queue_selection_label;
  TendNrrView         *nrr_view;

  GtkColumnViewColumn *people_person_column;
  GtkColumnViewColumn *people_currency_column;
  GtkColumnViewColumn *people_entries_column;
  GtkColumnViewColumn *people_earned_column;
  GtkColumnViewColumn *people_clawed_column;
  GtkColumnViewColumn *people_applied_column;
  GtkColumnViewColumn *people_net_column;
  GtkColumnViewColumn *people_exposure_column;
  GtkColumnViewColumn *entries_earned_column;
  GtkColumnViewColumn *entries_account_column;
  GtkColumnViewColumn *entries_kind_column;
  GtkColumnViewColumn *entries_role_column;
  GtkColumnViewColumn *entries_amount_column;
  GtkColumnViewColumn *entries_clawback_column;
  GtkColumnViewColumn *entries_exposure_column;
  GtkColumnViewColumn *queue_entry_column;
  GtkColumnViewColumn *queue_person_column;
  GtkColumnViewColumn *queue_account_column;
  GtkColumnViewColumn *queue_kind_column;
  GtkColumnViewColumn *queue_amount_column;
  GtkColumnViewColumn *queue_clawback_column;
  GtkColumnViewColumn *queue_churn_column;
  GtkColumnViewColumn *queue_status_column;
};

G_DEFINE_FINAL_TYPE (TendIncentivesPage, tend_incentives_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_IS_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char          *path;
  TendDay        as_of;
  TendSettings   settings;
  TendBook      *book;
  TendLedger    *ledger;
  GPtrArray     *people;   /* TendPersonTotalsItem */
  GPtrArray     *lines;    /* TendLedgerLineItem */
  guint          serial;
} LoadData;

static void load_ledger (TendIncentivesPage *self);

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  tend_settings_clear (&data->settings);
  g_clear_pointer (&data->ledger, tend_ledger_free);
  g_clear_pointer (&data->book, tend_book_free);
  g_clear_pointer (&data->people, g_ptr_array_unref);
  g_clear_pointer (&data->lines, g_ptr_array_unref);
  g_free (data);
}

static const char *
role_label (TendIncentiveRole role)
{
  switch (role)
    {
    case TEND_ROLE_SALES:      return _("Sales");
    case TEND_ROLE_ONBOARDING: return _("Onboarding");
    case TEND_ROLE_CSM:        return _("CSM");
    case TEND_ROLE_EXECUTIVE:  return _("Executive");
    case TEND_N_ROLES:
    default:                   return "—";
    }
}

static const char *
kind_label (TendIncentiveKind kind)
{
  switch (kind)
    {
    case TEND_INCENTIVE_NEW_BUSINESS: return _("New business");
    case TEND_INCENTIVE_RENEWAL:      return _("Renewal");
    case TEND_INCENTIVE_EXPANSION:    return _("Expansion");
    case TEND_INCENTIVE_CSM_BONUS:    return _("CSM bonus");
    case TEND_N_INCENTIVE_KINDS:
    default:                          return "—";
    }
}

static const char *
status_label (TendClawbackStatus status)
{
  switch (status)
    {
    case TEND_CLAWBACK_PENDING:  return _("Pending");
    case TEND_CLAWBACK_APPROVED: return _("Approved");
    case TEND_CLAWBACK_APPLIED:  return _("Applied");
    case TEND_CLAWBACK_WAIVED:   return _("Waived");
    case TEND_CLAWBACK_NONE:
    default:                     return _("None");
    }
}

static void
add_toast (TendIncentivesPage *self,
           const char         *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Runs in a worker thread: the ledger of its own copy of the book. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GArray) health = NULL;
  g_autoptr(GHashTable) people = NULL;
  GError *error = NULL;

  if ((store = tend_store_open (data->path, &error)) == NULL ||
      (data->book = tend_book_load (store, &error)) == NULL ||
      (health = tend_health_compute_book (store, data->book, data->as_of, &data->settings, &error)) == NULL ||
      (data->ledger = tend_ledger_load (store, data->book, data->as_of, health, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* Items for the lists, made here so the main thread only shows them. */
  data->people = g_ptr_array_new_with_free_func (g_object_unref);
  data->lines = g_ptr_array_new_with_free_func (g_object_unref);
  people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < data->ledger->people->len; i++)
    {
      const TendPersonTotals *t = &g_array_index (data->ledger->people, TendPersonTotals, i);
      TendPersonTotalsItem *item = tend_person_totals_item_new (t);

      g_ptr_array_add (data->people, item);
      g_hash_table_insert (people, g_strconcat (t->person, "\n", t->currency, NULL), item);
    }
  for (guint i = 0; i < data->ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (data->ledger->lines, TendLedgerLine, i);
      g_autofree char *key = g_strconcat (line->entry->person, "\n", line->entry->currency, NULL);
      TendPersonTotalsItem *person = g_hash_table_lookup (people, key);

      g_ptr_array_add (data->lines, tend_ledger_line_item_new (data->book, line));
      if (person != NULL)
        tend_person_totals_item_add_entry (person, line->entry->role, line->entry->kind);
    }
  g_task_return_boolean (task, TRUE);
}

static void
splice_store (GListStore *store,
              GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static TendLedgerLineItem *
get_selected_clawback (TendIncentivesPage *self)
{
  return gtk_single_selection_get_selected_item (self->queue_selection);
}

static void
update_actions (TendIncentivesPage *self)
{
  TendLedgerLineItem *item = get_selected_clawback (self);
  TendClawbackStatus status = item ? tend_ledger_line_item_get_clawback (item)->status : TEND_CLAWBACK_NONE;
  gboolean has_book = self->workspace != NULL && tend_workspace_get_book (self->workspace) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incentives.record", has_book);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incentives.export-payroll", self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incentives.export-clawbacks", self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incentives.approve",
                                 has_book && status == TEND_CLAWBACK_PENDING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incentives.apply",
                                 has_book && status == TEND_CLAWBACK_APPROVED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incentives.waive",
                                 has_book && (status == TEND_CLAWBACK_PENDING ||
                                              status == TEND_CLAWBACK_APPROVED));
}

static void
update_queue_label (TendIncentivesPage *self)
{
  TendLedgerLineItem *item = get_selected_clawback (self);
  g_autofree char *text = NULL;

  if (item != NULL)
    {
      const TendIncentiveEntry *e = tend_ledger_line_item_get_entry (item);
      const TendClawback *c = tend_ledger_line_item_get_clawback (item);
      g_autofree char *amount = tend_money_format (c->clawback, e->currency);

      /* Translators: the selected clawback, "Dana Scully · Acme · USD 750.00 · Pending" */
      text = g_strdup_printf (_("%s · %s · %s · %s"), e->person,
                              tend_ledger_line_item_get_account_name (item), amount,
                              status_label (c->status));
    }
  gtk_label_set_label (self->queue_selection_label, text ? text : "");
}

static void
update_stacks (TendIncentivesPage *self)
{
  gboolean loading = !self->is_loaded;
  const char *ledger_page = "list";

  if (loading)
    ledger_page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->lines_store)) == 0)
    ledger_page = "empty";
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_stack_set_visible_child_name (self->ledger_stack, ledger_page);
  gtk_stack_set_visible_child_name (self->people_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->people_model)) > 0
                                    ? "list" : "none");
  gtk_stack_set_visible_child_name (self->entries_stack, self->person != NULL ? "list" : "none");
  gtk_stack_set_visible_child_name (self->queue_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->queue_model)) > 0
                                    ? "list" : "empty");
}

static void
update_red_exposure (TendIncentivesPage *self)
{
  g_autoptr(GString) amounts = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; self->ledger != NULL && i < self->ledger->red_exposure->len; i++)
    {
      const TendCurrencyAmount *c = &g_array_index (self->ledger->red_exposure, TendCurrencyAmount, i);
      g_autofree char *amount = tend_money_format (c->amount, c->currency);

      if (amounts->len > 0)
        g_string_append (amounts, ", ");
      g_string_append (amounts, amount);
    }
  if (amounts->len > 0)
    /* Translators: %s is one or more amounts, "USD 1,200.00, EUR 300.00" */
    text = g_strdup_printf (_("Exposure on red-tier accounts: %s"), amounts->str);
  else
    text = g_strdup (_("No exposure on red-tier accounts"));
  gtk_label_set_label (self->red_exposure_label, text);
}

static void
update_entries_title (TendIncentivesPage *self)
{
  g_autofree char *text = NULL;

  if (self->person != NULL)
    /* Translators: "Entries of Dana Scully (USD)" */
    text = g_strdup_printf (_("Entries of %s (%s)"), self->person, self->currency);
  gtk_label_set_label (self->entries_title, text ? text : _("Entries"));
}

static void
select_person (TendIncentivesPage *self,
               const char         *person,
               const char         *currency)
{
  GListModel *model = G_LIST_MODEL (self->people_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; person != NULL && i < n; i++)
    {
      g_autoptr(TendPersonTotalsItem) item = g_list_model_get_item (model, i);
      const TendPersonTotals *t = tend_person_totals_item_get_totals (item);

      if (g_strcmp0 (t->person, person) == 0 && g_strcmp0 (t->currency, currency) == 0)
        {
          gtk_single_selection_set_selected (self->people_selection, i);
          return;
        }
    }
}

static void
select_clawback (TendIncentivesPage *self,
                 gint64              entry_id)
{
  GListModel *model = G_LIST_MODEL (self->queue_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TendLedgerLineItem) item = g_list_model_get_item (model, i);

      if (tend_ledger_line_item_get_entry (item)->id == entry_id)
        {
          gtk_single_selection_set_selected (self->queue_selection, i);
          return;
        }
    }
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *person = g_strdup (self->person);
  g_autofree char *currency = g_strdup (self->currency);
  TendLedgerLineItem *selected = get_selected_clawback (self);
  gint64 selected_id = selected ? tend_ledger_line_item_get_entry (selected)->id : 0;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->serial == self->load_serial)
        {
          self->is_loaded = TRUE;
          update_stacks (self);
          add_toast (self, error->message);
        }
      return;
    }
  if (data->serial != self->load_serial)
    return;

  g_clear_pointer (&self->ledger, tend_ledger_free);
  g_clear_pointer (&self->book, tend_book_free);
  self->ledger = g_steal_pointer (&data->ledger);
  self->book = g_steal_pointer (&data->book);
  splice_store (self->people_store, data->people);
  splice_store (self->lines_store, data->lines);
  select_person (self, person, currency);
  if (selected_id != 0)
    select_clawback (self, selected_id);
  if (!self->is_loaded)
    {
      self->is_loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOADED]);
    }
  update_red_exposure (self);
  update_stacks (self);
  update_actions (self);
  update_queue_label (self);
}

static void
copy_settings (TendSettings       *dest,
               const TendSettings *src)
{
  *dest = *src;
  dest->onboarding_checklist = g_strdupv (src->onboarding_checklist);
}

static void
load_ledger (TendIncentivesPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_serial++;
  update_actions (self);
  if (self->workspace == NULL || tend_workspace_get_book (self->workspace) == NULL)
    return;

  self->load_cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->path = g_strdup (tend_workspace_get_path (self->workspace));
  data->as_of = tend_workspace_get_as_of (self->workspace);
  data->serial = self->load_serial;
  copy_settings (&data->settings, tend_workspace_get_settings (self->workspace));
  task = g_task_new (self, self->load_cancellable, load_done, NULL);
  g_task_set_source_tag (task, load_ledger);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

/* Filters */

static gboolean
role_matches (TendIncentivesPage *self,
              TendIncentiveRole   role)
{
  guint selected = gtk_drop_down_get_selected (self->role_filter);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION || (guint) role == selected - 1;
}

static gboolean
kind_matches (TendIncentivesPage *self,
              TendIncentiveKind   kind)
{
  guint selected = gtk_drop_down_get_selected (self->kind_filter);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION || (guint) kind == selected - 1;
}

static gboolean
filter_person (gpointer item,
               gpointer user_data)
{
  TendIncentivesPage *self = user_data;
  TendPersonTotalsItem *person = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->person_search));
  guint role = gtk_drop_down_get_selected (self->role_filter);
  guint kind = gtk_drop_down_get_selected (self->kind_filter);

  if (role != 0 && role != GTK_INVALID_LIST_POSITION &&
      !tend_person_totals_item_has_role (person, role - 1))
    return FALSE;
  if (kind != 0 && kind != GTK_INVALID_LIST_POSITION &&
      !tend_person_totals_item_has_kind (person, kind - 1))
    return FALSE;
  if (*search != '\0')
    {
      g_autofree char *folded_search = g_utf8_casefold (search, -1);
      g_autofree char *folded = g_utf8_casefold (tend_person_totals_item_get_totals (person)->person, -1);

      return strstr (folded, g_strstrip (folded_search)) != NULL;
    }
  return TRUE;
}

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  TendIncentivesPage *self = user_data;
  const TendIncentiveEntry *e = tend_ledger_line_item_get_entry (item);

  return self->person != NULL &&
         g_strcmp0 (e->person, self->person) == 0 &&
         g_strcmp0 (e->currency, self->currency) == 0 &&
         role_matches (self, e->role) && kind_matches (self, e->kind);
}

static gboolean
filter_clawback (gpointer item,
                 gpointer user_data)
{
  return tend_ledger_line_item_get_clawback (item)->status != TEND_CLAWBACK_NONE;
}

static void
on_filter_changed (TendIncentivesPage *self)
{
  g_autofree char *person = g_strdup (self->person);
  g_autofree char *currency = g_strdup (self->currency);

  gtk_filter_changed (GTK_FILTER (self->people_filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_person (self, person, currency);
  gtk_filter_changed (GTK_FILTER (self->entries_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stacks (self);
}

static void
on_person_selected (TendIncentivesPage *self)
{
  TendPersonTotalsItem *item = gtk_single_selection_get_selected_item (self->people_selection);

  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->currency, g_free);
  if (item != NULL)
    {
      self->person = g_strdup (tend_person_totals_item_get_totals (item)->person);
      self->currency = g_strdup (tend_person_totals_item_get_totals (item)->currency);
    }
  gtk_filter_changed (GTK_FILTER (self->entries_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_entries_title (self);
  update_stacks (self);
}

static void
on_queue_selected (TendIncentivesPage *self)
{
  update_actions (self);
  update_queue_label (self);
}

/* Cells */

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
set_cell (GtkListItem *list_item,
          const char  *text,
          const char  *tooltip)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), text != NULL && *text != '\0' ? text : "—");
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
bind_people_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  const TendPersonTotals *t = tend_person_totals_item_get_totals (gtk_list_item_get_item (list_item));
  g_autofree char *text = NULL;

  switch ((PeopleColumn) GPOINTER_TO_INT (user_data))
    {
    case PEOPLE_PERSON:      text = g_strdup (t->person); break;
    case PEOPLE_CURRENCY:    text = g_strdup (t->currency); break;
    case PEOPLE_ENTRIES:     text = tend_format_count (t->n_entries); break;
    case PEOPLE_EARNED:      text = tend_money_format (t->earned, t->currency); break;
    case PEOPLE_CLAWED_BACK: text = tend_money_format (t->clawed_back, t->currency); break;
    case PEOPLE_APPLIED:     text = tend_money_format (t->applied, t->currency); break;
    case PEOPLE_NET:         text = tend_money_format (t->net, t->currency); break;
    case PEOPLE_EXPOSURE:    text = tend_money_format (t->exposure, t->currency); break;
    default:                 g_assert_not_reached ();
    }
  set_cell (list_item, text, NULL);
}

static char *
describe_clawback (const TendIncentiveEntry *e,
                   const TendClawback       *c)
{
  g_autofree char *amount = NULL;

  if (c->status == TEND_CLAWBACK_NONE)
    return g_strdup (e->rule == TEND_CLAWBACK_RULE_NONE ? _("No clawback") : "—");
  amount = tend_money_format (c->clawback, e->currency);
  /* Translators: a clawback's status and amount, "Pending · USD 750.00" */
  return g_strdup_printf (_("%s · %s"), status_label (c->status), amount);
}

static void
bind_entries_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  TendLedgerLineItem *item = gtk_list_item_get_item (list_item);
  const TendIncentiveEntry *e = tend_ledger_line_item_get_entry (item);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;

  switch ((EntriesColumn) GPOINTER_TO_INT (user_data))
    {
    case ENTRIES_EARNED:
      text = tend_format_day (e->earned);
      break;
    case ENTRIES_ACCOUNT:
      text = g_strdup (tend_ledger_line_item_get_account_name (item));
      tooltip = tend_ledger_line_item_get_deal_name (item);
      break;
    case ENTRIES_KIND:
      text = g_strdup (kind_label (e->kind));
      break;
    case ENTRIES_ROLE:
      text = g_strdup (role_label (e->role));
      break;
    case ENTRIES_AMOUNT:
      text = tend_money_format (e->amount, e->currency);
      break;
    case ENTRIES_CLAWBACK:
      text = describe_clawback (e, tend_ledger_line_item_get_clawback (item));
      tooltip = tend_ledger_line_item_get_clawback (item)->reason;
      break;
    case ENTRIES_EXPOSURE:
      {
        g_autofree char *amount = tend_money_format (tend_ledger_line_item_get_exposure (item), e->currency);

        /* Translators: exposure on an account whose health is red, "USD 500.00 · red tier" */
        text = tend_ledger_line_item_get_is_red (item) ? g_strdup_printf (_("%s · red tier"), amount)
                                                       : g_steal_pointer (&amount);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  set_cell (list_item, text, tooltip);
}

static void
bind_queue_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  TendLedgerLineItem *item = gtk_list_item_get_item (list_item);
  const TendIncentiveEntry *e = tend_ledger_line_item_get_entry (item);
  const TendClawback *c = tend_ledger_line_item_get_clawback (item);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;

  switch ((QueueColumn) GPOINTER_TO_INT (user_data))
    {
    case QUEUE_ENTRY:
      text = g_strdup_printf ("#%" G_GINT64_FORMAT, e->id);
      break;
    case QUEUE_PERSON:
      text = g_strdup (e->person);
      break;
    case QUEUE_ACCOUNT:
      text = g_strdup (tend_ledger_line_item_get_account_name (item));
      tooltip = tend_ledger_line_item_get_deal_name (item);
      break;
    case QUEUE_KIND:
      text = g_strdup (kind_label (e->kind));
      break;
    case QUEUE_AMOUNT:
      text = tend_money_format (e->amount, e->currency);
      break;
    case QUEUE_CLAWBACK:
      text = tend_money_format (c->clawback, e->currency);
      break;
    case QUEUE_CHURN:
      text = tend_format_day (c->churn_day);
      break;
    case QUEUE_STATUS:
      text = g_strdup (status_label (c->status));
      tooltip = c->reason;
      break;
    default:
      g_assert_not_reached ();
    }
  set_cell (list_item, text, tooltip);
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    GCallback            bind,
                    int                  id,
                    gboolean             is_number)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", is_number ? G_CALLBACK (setup_number_cell) : G_CALLBACK (setup_text_cell), NULL);
  g_signal_connect (factory, "bind", bind, GINT_TO_POINTER (id));
  gtk_column_view_column_set_factory (column, factory);
}

/* Narrow, each table keeps what identifies a row and its main figure. */
static void
trim_column (TendIncentivesPage  *self,
             GtkColumnView       *view,
             GtkColumnViewColumn *column)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  TrimmedColumn t = { view, g_object_ref (column), 0 };

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);
      if (c == column)
        t.position = i;
    }
  g_array_append_val (self->trimmed, t);
}

static gboolean
apply_narrow (gpointer user_data)
{
  TendIncentivesPage *self = user_data;

  self->narrow_idle_id = 0;
  if (self->is_narrow)
    {
      for (guint i = self->trimmed->len; i > 0; i--)
        {
          TrimmedColumn *t = &g_array_index (self->trimmed, TrimmedColumn, i - 1);
          if (gtk_column_view_column_get_column_view (t->column) != NULL)
            gtk_column_view_remove_column (t->view, t->column);
        }
    }
  else
    {
      for (guint i = 0; i < self->trimmed->len; i++)
        {
          TrimmedColumn *t = &g_array_index (self->trimmed, TrimmedColumn, i);
          if (gtk_column_view_column_get_column_view (t->column) == NULL)
            gtk_column_view_insert_column (t->view, t->position, t->column);
        }
    }
  return G_SOURCE_REMOVE;
}

/* Actions */

static void
on_form_recorded (TendIncentivesPage *self,
                  gint64              entry_id,
                  const char         *person)
{
  /* Translators: %s is a person's name */
  g_autofree char *message = g_strdup_printf (_("Entry recorded for %s"), person);

  add_toast (self, message);
  adw_view_stack_set_visible_child_name (self->sub_stack, "ledger");
  load_ledger (self);
}

static void
incentives_record (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->form != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->form));
      return;
    }
  if (self->workspace == NULL || tend_workspace_get_book (self->workspace) == NULL)
    return;
  self->form = tend_incentive_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->workspace);
  g_object_add_weak_pointer (G_OBJECT (self->form), (gpointer *) &self->form);
  g_signal_connect_object (self->form, "recorded", G_CALLBACK (on_form_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->form));
}

typedef gboolean (*DecideFunc) (TendStore *, const TendBook *, gint64, TendDay, GError **);

static void
decide (TendIncentivesPage *self,
        DecideFunc          func,
        const char         *reason)
{
  TendLedgerLineItem *item = get_selected_clawback (self);
  const TendBook *book = self->workspace ? tend_workspace_get_book (self->workspace) : NULL;
  TendStore *store = self->workspace ? tend_workspace_get_store (self->workspace) : NULL;
  TendDay as_of;
  const TendIncentiveEntry *e;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (item == NULL || book == NULL || store == NULL)
    return;
  e = tend_ledger_line_item_get_entry (item);
  as_of = tend_workspace_get_as_of (self->workspace);
  if (func != NULL)
    ok = func (store, book, e->id, as_of, &error);
  else
    ok = tend_clawback_waive (store, book, e->id, reason, as_of, &error);
  if (!ok)
    {
      add_toast (self, error->message);
      load_ledger (self);
      return;
    }

  amount = tend_money_format (tend_ledger_line_item_get_clawback (item)->clawback, e->currency);
  if (func == tend_clawback_approve)
    /* Translators: "Clawback of USD 750.00 from Dana Scully approved" */
    message = g_strdup_printf (_("Clawback of %s from %s approved"), amount, e->person);
  else if (func == tend_clawback_apply)
    message = g_strdup_printf (_("Clawback of %s from %s applied"), amount, e->person);
  else
    message = g_strdup_printf (_("Clawback of %s from %s waived"), amount, e->person);
  add_toast (self, message);
  load_ledger (self);
}

static void
incentives_approve (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  decide (TEND_INCENTIVES_PAGE (widget), tend_clawback_approve, NULL);
}

static void
incentives_apply (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  decide (TEND_INCENTIVES_PAGE (widget), tend_clawback_apply, NULL);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "waive", *reason != '\0');
}

static void
on_reason_activate (GtkEntry         *entry,
                    AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "waive"))
    adw_message_dialog_response (dialog, "waive");
}

static void
on_waive_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   TendIncentivesPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "waive") && *reason != '\0')
    decide (self, NULL, reason);
}

static void
incentives_waive (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (widget);
  TendLedgerLineItem *item = get_selected_clawback (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  const TendIncentiveEntry *e;
  g_autofree char *amount = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (item == NULL)
    return;
  e = tend_ledger_line_item_get_entry (item);
  amount = tend_money_format (tend_ledger_line_item_get_clawback (item)->clawback, e->currency);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Waive the Clawback?"), NULL));
  /* Translators: "Dana Scully keeps USD 750.00 earned on Acme. The reason is kept with the decision." */
  adw_message_dialog_format_body (dialog,
                                  _("%s keeps %s earned on %s. Say why; the reason is kept with the decision."),
                                  e->person, amount, tend_ledger_line_item_get_account_name (item));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "waive", _("_Waive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "waive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "waive", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_reason_activate), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_waive_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_export_response (TendIncentivesPage *self,
                    int                 response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->export_chooser));
  g_clear_object (&self->export_chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      add_toast (self, _("Choose a folder on this computer"));
      return;
    }
  if (!tend_incentives_page_export (self, self->export_what, path, &error))
    {
      add_toast (self, error->message);
      return;
    }
  /* Translators: %s is a file path */
  message = g_strdup_printf (_("Saved to %s"), path);
  add_toast (self, message);
}

static void
start_export (TendIncentivesPage   *self,
              TendIncentivesExport  what)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  char day[11];
  g_autofree char *name = NULL;

  if (self->ledger == NULL || self->export_chooser != NULL)
    return;
  tend_day_format (self->ledger->as_of, day);
  /* Translators: file names; %s is a day such as 2026-11-23 */
  name = g_strdup_printf (what == TEND_INCENTIVES_EXPORT_PAYROLL ? _("incentives-payroll-%s.csv")
                                                                : _("clawbacks-%s.csv"), day);
  self->export_what = what;
  self->export_chooser = gtk_file_chooser_native_new (what == TEND_INCENTIVES_EXPORT_PAYROLL
                                                      ? _("Export Payroll Totals")
                                                      : _("Export Clawbacks"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (on_export_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
incentives_export_payroll (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  start_export (TEND_INCENTIVES_PAGE (widget), TEND_INCENTIVES_EXPORT_PAYROLL);
}

static void
incentives_export_clawbacks (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  start_export (TEND_INCENTIVES_PAGE (widget), TEND_INCENTIVES_EXPORT_CLAWBACKS);
}

static void
incentives_search (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->sub_stack, "ledger");
  gtk_widget_grab_focus (GTK_WIDGET (self->person_search));
}

/* A hidden page only notes that it is stale and loads when first shown:
 * at 100,000 accounts every page loading its own book at once slowed the
 * first list by tens of seconds and took a gigabyte. */
static void
load_when_shown (TendIncentivesPage *self)
{
  self->is_stale = self->workspace != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->is_stale)
    load_ledger (self);
}

static void
on_map (TendIncentivesPage *self)
{
  if (self->is_stale)
    load_when_shown (self);
}

static void
on_workspace_changed (TendIncentivesPage *self)
{
  load_when_shown (self);
}

static void
disconnect_workspace (TendIncentivesPage *self)
{
  if (self->workspace == NULL)
    return;
  g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);
}

/* GObject */

/* The page lays its child out itself (AdwBin's layout manager would hide
 * the allocation) to learn its width. */
static void
tend_incentives_page_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
tend_incentives_page_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean is_narrow = width < NARROW_WIDTH;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  /* Columns change outside the allocation that asked for it. */
  if (is_narrow != self->is_narrow)
    {
      self->is_narrow = is_narrow;
      if (self->narrow_idle_id == 0)
        self->narrow_idle_id = g_idle_add (apply_narrow, self);
    }
}

static void
tend_incentives_page_dispose (GObject *object)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (object);

  disconnect_workspace (self);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  if (self->form != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->form), (gpointer *) &self->form);
      gtk_window_destroy (GTK_WINDOW (self->form));
      self->form = NULL;
    }
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  if (self->trimmed != NULL)
    {
      for (guint i = 0; i < self->trimmed->len; i++)
        g_object_unref (g_array_index (self->trimmed, TrimmedColumn, i).column);
      g_clear_pointer (&self->trimmed, g_array_unref);
    }
  /* The bin lets go of its child first: disposing the template unparents
   * the toast overlay behind AdwBin's back otherwise. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  /* No gtk_widget_dispose_template () here: AdwBin unparents its child
   * itself, and disposing the template as well unparents it twice on
   * libadwaita 1.2 (a critical when the window closes). */
  g_clear_object (&self->people_store);
  g_clear_object (&self->lines_store);

  G_OBJECT_CLASS (tend_incentives_page_parent_class)->dispose (object);
}

static void
tend_incentives_page_finalize (GObject *object)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (object);

  g_clear_pointer (&self->ledger, tend_ledger_free);
  g_clear_pointer (&self->book, tend_book_free);
  g_free (self->person);
  g_free (self->currency);

  G_OBJECT_CLASS (tend_incentives_page_parent_class)->finalize (object);
}

static void
tend_incentives_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_IS_LOADED:
      g_value_set_boolean (value, self->is_loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_incentives_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TendIncentivesPage *self = TEND_INCENTIVES_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_incentives_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_incentives_page_class_init (TendIncentivesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_incentives_page_dispose;
  object_class->finalize = tend_incentives_page_finalize;
  object_class->get_property = tend_incentives_page_get_property;
  object_class->set_property = tend_incentives_page_set_property;
  widget_class->measure = tend_incentives_page_measure;
  widget_class->size_allocate = tend_incentives_page_size_allocate;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_LOADED] =
    g_param_spec_boolean ("is-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* incentives.record has Ctrl+N while the page is on screen (see the template). */
  gtk_widget_class_install_action (widget_class, "incentives.record", NULL, incentives_record);
  gtk_widget_class_install_action (widget_class, "incentives.approve", NULL, incentives_approve);
  gtk_widget_class_install_action (widget_class, "incentives.apply", NULL, incentives_apply);
  gtk_widget_class_install_action (widget_class, "incentives.waive", NULL, incentives_waive);
  gtk_widget_class_install_action (widget_class, "incentives.export-payroll", NULL, incentives_export_payroll);
  gtk_widget_class_install_action (widget_class, "incentives.export-clawbacks", NULL, incentives_export_clawbacks);
  /* page.search: the window's Ctrl+F searches the people. */
  gtk_widget_class_install_action (widget_class, "page.search", NULL, incentives_search);

  g_type_ensure (TEND_TYPE_NRR_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-incentives-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, sub_stack);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, ledger_stack);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, person_search);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, role_filter);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_stack);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_view);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, red_exposure_label);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_title);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_stack);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_view);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_view);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_selection_label);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, nrr_view);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_person_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_currency_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_entries_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_earned_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_clawed_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_applied_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_net_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, people_exposure_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_earned_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_account_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_kind_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_role_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_amount_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_clawback_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, entries_exposure_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_entry_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_person_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_account_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_kind_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_amount_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_clawback_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_churn_column);
  gtk_widget_class_bind_template_child (widget_class, TendIncentivesPage, queue_status_column);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
}

static void
tend_incentives_page_init (TendIncentivesPage *self)
{
  /* measure () and size_allocate () above do the layout. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  struct { GtkColumnViewColumn *column; int id; gboolean is_number; } people[] = {
    { self->people_person_column, PEOPLE_PERSON, FALSE },
    { self->people_currency_column, PEOPLE_CURRENCY, FALSE },
    { self->people_entries_column, PEOPLE_ENTRIES, TRUE },
    { self->people_earned_column, PEOPLE_EARNED, TRUE },
    { self->people_clawed_column, PEOPLE_CLAWED_BACK, TRUE },
    { self->people_applied_column, PEOPLE_APPLIED, TRUE },
    { self->people_net_column, PEOPLE_NET, TRUE },
    { self->people_exposure_column, PEOPLE_EXPOSURE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    set_column_factory (people[i].column, G_CALLBACK (bind_people_cell), people[i].id, people[i].is_number);
  set_column_factory (self->entries_earned_column, G_CALLBACK (bind_entries_cell), ENTRIES_EARNED, FALSE);
  set_column_factory (self->entries_account_column, G_CALLBACK (bind_entries_cell), ENTRIES_ACCOUNT, FALSE);
  set_column_factory (self->entries_kind_column, G_CALLBACK (bind_entries_cell), ENTRIES_KIND, FALSE);
  set_column_factory (self->entries_role_column, G_CALLBACK (bind_entries_cell), ENTRIES_ROLE, FALSE);
  set_column_factory (self->entries_amount_column, G_CALLBACK (bind_entries_cell), ENTRIES_AMOUNT, TRUE);
  set_column_factory (self->entries_clawback_column, G_CALLBACK (bind_entries_cell), ENTRIES_CLAWBACK, FALSE);
  set_column_factory (self->entries_exposure_column, G_CALLBACK (bind_entries_cell), ENTRIES_EXPOSURE, TRUE);
  set_column_factory (self->queue_entry_column, G_CALLBACK (bind_queue_cell), QUEUE_ENTRY, TRUE);
  set_column_factory (self->queue_person_column, G_CALLBACK (bind_queue_cell), QUEUE_PERSON, FALSE);
  set_column_factory (self->queue_account_column, G_CALLBACK (bind_queue_cell), QUEUE_ACCOUNT, FALSE);
  set_column_factory (self->queue_kind_column, G_CALLBACK (bind_queue_cell), QUEUE_KIND, FALSE);
  set_column_factory (self->queue_amount_column, G_CALLBACK (bind_queue_cell), QUEUE_AMOUNT, TRUE);
  set_column_factory (self->queue_clawback_column, G_CALLBACK (bind_queue_cell), QUEUE_CLAWBACK, TRUE);
  set_column_factory (self->queue_churn_column, G_CALLBACK (bind_queue_cell), QUEUE_CHURN, FALSE);
  set_column_factory (self->queue_status_column, G_CALLBACK (bind_queue_cell), QUEUE_STATUS, FALSE);

  /* Lists of the ledger's entries and people: small, filtered in place. */
  self->people_store = g_list_store_new (TEND_TYPE_PERSON_TOTALS_ITEM);
  self->lines_store = g_list_store_new (TEND_TYPE_LEDGER_LINE_ITEM);
  self->people_filter = gtk_custom_filter_new (filter_person, self, NULL);
  self->entries_filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->people_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->people_store)),
                                                  GTK_FILTER (self->people_filter));
  self->entries_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->lines_store)),
                                                   GTK_FILTER (self->entries_filter));
  self->queue_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->lines_store)),
                                                 GTK_FILTER (gtk_custom_filter_new (filter_clawback, NULL, NULL)));
  self->people_selection = gtk_single_selection_new (G_LIST_MODEL (self->people_model));
  self->queue_selection = gtk_single_selection_new (G_LIST_MODEL (self->queue_model));
  g_signal_connect_swapped (self->people_selection, "notify::selected-item",
                            G_CALLBACK (on_person_selected), self);
  g_signal_connect_swapped (self->queue_selection, "notify::selected-item",
                            G_CALLBACK (on_queue_selected), self);
  gtk_column_view_set_model (self->people_view, GTK_SELECTION_MODEL (self->people_selection));
  gtk_column_view_set_model (self->entries_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (self->entries_model))));
  gtk_column_view_set_model (self->queue_view, GTK_SELECTION_MODEL (self->queue_selection));
  g_object_unref (self->people_selection);
  g_object_unref (self->queue_selection);

  self->trimmed = g_array_new (FALSE, FALSE, sizeof (TrimmedColumn));
  trim_column (self, self->people_view, self->people_currency_column);
  trim_column (self, self->people_view, self->people_entries_column);
  trim_column (self, self->people_view, self->people_clawed_column);
  trim_column (self, self->people_view, self->people_applied_column);
  trim_column (self, self->people_view, self->people_exposure_column);
  trim_column (self, self->entries_view, self->entries_kind_column);
  trim_column (self, self->entries_view, self->entries_role_column);
  trim_column (self, self->entries_view, self->entries_exposure_column);
  trim_column (self, self->queue_view, self->queue_entry_column);
  trim_column (self, self->queue_view, self->queue_kind_column);
  trim_column (self, self->queue_view, self->queue_amount_column);
  trim_column (self, self->queue_view, self->queue_churn_column);

  update_entries_title (self);
  update_red_exposure (self);
  update_stacks (self);
  update_actions (self);
}

GtkWidget *
tend_incentives_page_new (void)
{
  return g_object_new (TEND_TYPE_INCENTIVES_PAGE, NULL);
}

TendWorkspace *
tend_incentives_page_get_workspace (TendIncentivesPage *self)
{
  g_return_val_if_fail (TEND_IS_INCENTIVES_PAGE (self), NULL);
  return self->workspace;
}

void
tend_incentives_page_set_workspace (TendIncentivesPage *self,
                                    TendWorkspace      *workspace)
{
  g_return_if_fail (TEND_IS_INCENTIVES_PAGE (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  g_clear_pointer (&self->ledger, tend_ledger_free);
  g_clear_pointer (&self->book, tend_book_free);
  g_list_store_remove_all (self->people_store);
  g_list_store_remove_all (self->lines_store);
  if (self->is_loaded)
    {
      self->is_loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOADED]);
    }
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      self->changed_id = g_signal_connect_swapped (workspace, "changed",
                                                   G_CALLBACK (on_workspace_changed), self);
    }
  tend_nrr_view_set_workspace (self->nrr_view, workspace);
  load_when_shown (self);
  update_red_exposure (self);
  update_stacks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

gboolean
tend_incentives_page_get_is_loaded (TendIncentivesPage *self)
{
  g_return_val_if_fail (TEND_IS_INCENTIVES_PAGE (self), FALSE);
  return self->is_loaded;
}

/* "ledger", "clawbacks" or "nrr". */
void
tend_incentives_page_show_view (TendIncentivesPage *self,
                                const char         *name)
{
  g_return_if_fail (TEND_IS_INCENTIVES_PAGE (self));

  if (adw_view_stack_get_child_by_name (self->sub_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->sub_stack, name);
}

/* Writes the CSV of the ledger on screen, through the shared writer, so
 * it is the file tend-cli incentives --csv or clawbacks --csv prints. */
gboolean
tend_incentives_page_export (TendIncentivesPage    *self,
                             TendIncentivesExport   what,
                             const char            *path,
                             GError               **error)
{
  g_autoptr(TendCsvWriter) csv = NULL;

  g_return_val_if_fail (TEND_IS_INCENTIVES_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->ledger == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The ledger is still loading"));
      return FALSE;
    }
  csv = what == TEND_INCENTIVES_EXPORT_PAYROLL ? tend_incentives_csv_payroll (self->ledger)
                                               : tend_incentives_csv_clawbacks (self->ledger, self->book);
  return tend_csv_writer_save (csv, path, error);
}
