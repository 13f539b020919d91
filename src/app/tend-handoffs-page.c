// The handoffs page: won deals awaiting a plan, the plans by state, and a plan's form.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-format.h"
#include "tend-handoff-fields.h"
#include "tend-handoff-item.h"
#include "tend-handoff-row.h"
#include "tend-handoffs-page.h"
#include "tend-money.h"

/* The lists are short (the deals won in 60 days and the plans written), so
 * they are read on the main thread from the workspace's store and book, and
 * copied into items that outlive the book. */
struct _TendHandoffsPage
{
  AdwBin            parent_instance;

  TendWorkspace    *workspace;
  gboolean          is_stale;     /* the workspace changed while hidden */
  GListStore       *awaiting_store;
  GListStore       *plan_stores[TEND_N_HANDOFF_STATES];
  gboolean          is_disposed;

  AdwLeaflet       *leaflet;
  GtkStack         *status_stack;
  GtkSpinner       *loading_spinner;
  GtkListBox       *awaiting_list;
  GtkListBox       *draft_list;
  GtkListBox       *submitted_list;
  GtkListBox       *accepted_list;
  GtkListBox       *returned_list;
  GtkWidget        *draft_group;
  GtkWidget        *submitted_group;
  GtkWidget        *accepted_group;
  GtkWidget        *returned_group;
  TendHandoffForm  *form;
};

G_DEFINE_FINAL_TYPE (TendHandoffsPage, tend_handoffs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (TendHandoffsPage *self,
           const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return tend_handoff_row_new (TEND_HANDOFF_ITEM (item));
}

static const TendDeal *
find_deal (const TendBook    *book,
           const TendAccount *account,
           const char        *deal_id)
{
  if (account == NULL || deal_id == NULL)
    return NULL;
  for (guint i = account->deals_start; i < account->deals_start + account->n_deals; i++)
    if (g_strcmp0 (book->deals[i].id, deal_id) == 0)
      return &book->deals[i];
  return NULL;
}

static TendHandoffItem *
make_awaiting_item (const TendBook            *book,
                    const TendHandoffAwaiting *a)
{
  g_autofree char *won = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *amount = NULL;
  TendHandoffItem *item;

  if (a->days_since_won == 0)
    won = g_strdup (_("won today"));
  else
    won = g_strdup_printf (ngettext ("won %d day ago", "won %d days ago", a->days_since_won), a->days_since_won);
  /* Translators: a won deal awaiting a handoff: "won 5 days ago", sales rep, deal name */
  subtitle = g_strdup_printf (_("%s · %s · %s"), won, a->rep_name != NULL ? a->rep_name : _("No sales rep"),
                              a->deal->name != NULL ? a->deal->name : a->deal->id);
  item = tend_handoff_item_new (TEND_HANDOFF_ITEM_AWAITING, a->account->name, subtitle);
  tend_handoff_item_set_deal_id (item, a->deal->id);
  if (a->deal->has_amount)
    {
      amount = tend_money_format (a->deal->amount, a->deal->currency);
      tend_handoff_item_set_detail (item, amount);
    }
  if (a->plan_id != 0)
    {
      tend_handoff_item_set_plan_id (item, a->plan_id);
      tend_handoff_item_set_badge (item, tend_handoff_state_label (a->plan_state),
                                   tend_handoff_state_css_class (a->plan_state));
    }
  return item;
}

static TendHandoffItem *
make_plan_item (const TendBook           *book,
                const TendHandoffSummary *s)
{
  const TendAccount *account = tend_book_find_account (book, s->account_id);
  const TendDeal *deal = find_deal (book, account, s->deal_id);
  g_autofree char *updated = tend_handoff_fields_format_instant (s->updated_at);
  g_autofree char *objectives = g_strdup_printf (ngettext ("%u objective", "%u objectives", s->n_objectives),
                                                 s->n_objectives);
  g_autofree char *subtitle = NULL;
  TendHandoffItem *item;

  if (deal != NULL && deal->name != NULL)
    /* Translators: a plan: its deal, "3 objectives", the day it changed */
    subtitle = g_strdup_printf (_("%s · %s · updated %s"), deal->name, objectives, updated);
  else
    /* Translators: a plan: "3 objectives", the day it changed */
    subtitle = g_strdup_printf (_("%s · updated %s"), objectives, updated);
  item = tend_handoff_item_new (TEND_HANDOFF_ITEM_PLAN, account != NULL ? account->name : s->account_id, subtitle);
  tend_handoff_item_set_plan_id (item, s->plan_id);
  tend_handoff_item_set_deal_id (item, s->deal_id);
  tend_handoff_item_set_badge (item, tend_handoff_state_label (s->state), tend_handoff_state_css_class (s->state));
  return item;
}

static void
clear_lists (TendHandoffsPage *self)
{
  g_list_store_remove_all (self->awaiting_store);
  for (guint s = 0; s < TEND_N_HANDOFF_STATES; s++)
    g_list_store_remove_all (self->plan_stores[s]);
}

static void
reload (TendHandoffsPage *self)
{
  const TendBook *book = self->workspace != NULL ? tend_workspace_get_book (self->workspace) : NULL;
  TendStore *store = self->workspace != NULL ? tend_workspace_get_store (self->workspace) : NULL;
  g_autoptr(GArray) awaiting = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  GPtrArray *items[TEND_N_HANDOFF_STATES];
  g_autoptr(GPtrArray) awaiting_items = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *groups[TEND_N_HANDOFF_STATES] = {
    self->draft_group, self->submitted_group, self->accepted_group, self->returned_group,
  };

  if (self->is_disposed)
    return;
  if (book == NULL || store == NULL)
    {
      clear_lists (self);
      gtk_stack_set_visible_child_name (self->status_stack, "loading");
      gtk_spinner_set_spinning (self->loading_spinner, self->workspace != NULL);
      return;
    }
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  if ((awaiting = tend_handoff_awaiting (store, book, tend_workspace_get_as_of (self->workspace), &error)) == NULL ||
      (plans = tend_handoff_list (store, &error)) == NULL)
    {
      clear_lists (self);
      gtk_stack_set_visible_child_name (self->status_stack, "empty");
      add_toast (self, error->message);
      return;
    }

  awaiting_items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < awaiting->len; i++)
    g_ptr_array_add (awaiting_items, make_awaiting_item (book, &g_array_index (awaiting, TendHandoffAwaiting, i)));
  for (guint s = 0; s < TEND_N_HANDOFF_STATES; s++)
    items[s] = g_ptr_array_new_with_free_func (g_object_unref);
  /* Newest first: the plan being worked on leads its group. */
  for (guint i = plans->len; i > 0; i--)
    {
      const TendHandoffSummary *summary = g_ptr_array_index (plans, i - 1);

      if ((guint) summary->state < TEND_N_HANDOFF_STATES)
        g_ptr_array_add (items[summary->state], make_plan_item (book, summary));
    }

  g_list_store_splice (self->awaiting_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->awaiting_store)),
                       awaiting_items->pdata, awaiting_items->len);
  for (guint s = 0; s < TEND_N_HANDOFF_STATES; s++)
    {
      g_list_store_splice (self->plan_stores[s], 0, g_list_model_get_n_items (G_LIST_MODEL (self->plan_stores[s])),
                           items[s]->pdata, items[s]->len);
      gtk_widget_set_visible (groups[s], items[s]->len > 0);
      g_ptr_array_unref (items[s]);
    }
  gtk_stack_set_visible_child_name (self->status_stack,
                                    awaiting->len == 0 && plans->len == 0 ? "empty" : "content");
}

static void
show_list (TendHandoffsPage *self)
{
  tend_handoff_form_close (self->form);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  reload (self);
}

/* Hidden, the page only notes it is stale and loads when first shown: a
 * whole organisation's book has thousands of deals awaiting a handoff, rows
 * the account list must not wait for at startup. */
static void
reload_when_shown (TendHandoffsPage *self)
{
  self->is_stale = self->workspace != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->is_stale)
    reload (self);
}

static void
on_map (TendHandoffsPage *self)
{
  if (self->is_stale)
    reload_when_shown (self);
}

static void
on_workspace_changed (TendHandoffsPage *self)
{
  reload_when_shown (self);
}

static void
on_plan_changed (TendHandoffsPage *self)
{
  reload (self);
}

/* Swiped back, or Escape: the form saves and closes. */
static void
on_leaflet_child_changed (TendHandoffsPage *self)
{
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0 &&
      tend_handoff_form_get_plan_id (self->form) != 0)
    show_list (self);
}

static void
on_row_activated (TendHandoffsPage *self,
                  GtkListBoxRow    *row)
{
  TendHandoffItem *item = tend_handoff_row_get_item (TEND_HANDOFF_ROW (row));

  if (tend_handoff_item_get_plan_id (item) != 0)
    tend_handoffs_page_open_plan (self, tend_handoff_item_get_plan_id (item));
}

static void
handoffs_start_plan (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TendHandoffsPage *self = TEND_HANDOFFS_PAGE (widget);
  const char *deal_id = g_variant_get_string (parameter, NULL);
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const TendBook *book;

  if (self->workspace == NULL || (book = tend_workspace_get_book (self->workspace)) == NULL)
    return;
  plan = tend_handoff_create (tend_workspace_get_store (self->workspace), book,
                              tend_workspace_get_settings (self->workspace), deal_id, NULL, &error);
  if (plan == NULL)
    {
      add_toast (self, error->message);
      return;
    }
  reload (self);
  if (tend_handoffs_page_open_plan (self, plan->id))
    add_toast (self, _("Handoff plan started"));
}

static void
handoffs_show_list (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_list (TEND_HANDOFFS_PAGE (widget));
}

static void
tend_handoffs_page_dispose (GObject *object)
{
  TendHandoffsPage *self = TEND_HANDOFFS_PAGE (object);

  /* What was typed is saved while the page can still show it. The bin lets
   * go of its child first, so the template does not unparent it behind
   * the bin's back. */
  if (self->form != NULL)
    tend_handoff_form_close (self->form);
  self->is_disposed = TRUE;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_HANDOFFS_PAGE);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->awaiting_store);
  for (guint s = 0; s < TEND_N_HANDOFF_STATES; s++)
    g_clear_object (&self->plan_stores[s]);

  G_OBJECT_CLASS (tend_handoffs_page_parent_class)->dispose (object);
}

static void
tend_handoffs_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendHandoffsPage *self = TEND_HANDOFFS_PAGE (object);

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
tend_handoffs_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TendHandoffsPage *self = TEND_HANDOFFS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_handoffs_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_handoffs_page_class_init (TendHandoffsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoffs_page_dispose;
  object_class->get_property = tend_handoffs_page_get_property;
  object_class->set_property = tend_handoffs_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "handoffs.start-plan", "s", handoffs_start_plan);
  gtk_widget_class_install_action (widget_class, "handoffs.show-list", NULL, handoffs_show_list);

  g_type_ensure (TEND_TYPE_HANDOFF_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-handoffs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, awaiting_list);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, draft_list);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, submitted_list);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, accepted_list);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, returned_list);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, draft_group);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, submitted_group);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, accepted_group);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, returned_group);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffsPage, form);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_child_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
tend_handoffs_page_init (TendHandoffsPage *self)
{
  GtkListBox *plan_lists[TEND_N_HANDOFF_STATES];

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  plan_lists[TEND_HANDOFF_DRAFT] = self->draft_list;
  plan_lists[TEND_HANDOFF_SUBMITTED] = self->submitted_list;
  plan_lists[TEND_HANDOFF_ACCEPTED] = self->accepted_list;
  plan_lists[TEND_HANDOFF_RETURNED] = self->returned_list;
  self->awaiting_store = g_list_store_new (TEND_TYPE_HANDOFF_ITEM);
  gtk_list_box_bind_model (self->awaiting_list, G_LIST_MODEL (self->awaiting_store), create_row, NULL, NULL);
  for (guint s = 0; s < TEND_N_HANDOFF_STATES; s++)
    {
      self->plan_stores[s] = g_list_store_new (TEND_TYPE_HANDOFF_ITEM);
      gtk_list_box_bind_model (plan_lists[s], G_LIST_MODEL (self->plan_stores[s]), create_row, NULL, NULL);
    }
  reload (self);
}

GtkWidget *
tend_handoffs_page_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFFS_PAGE, NULL);
}

TendWorkspace *
tend_handoffs_page_get_workspace (TendHandoffsPage *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFFS_PAGE (self), NULL);
  return self->workspace;
}

void
tend_handoffs_page_set_workspace (TendHandoffsPage *self,
                                  TendWorkspace    *workspace)
{
  g_return_if_fail (TEND_IS_HANDOFFS_PAGE (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    {
      /* What was typed goes to the workspace it was typed in. */
      tend_handoff_form_close (self->form);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
      g_signal_handlers_disconnect_by_data (self->workspace, self);
    }
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_swapped (workspace, "changed", G_CALLBACK (on_workspace_changed), self);
  reload_when_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

gboolean
tend_handoffs_page_open_plan (TendHandoffsPage *self,
                              gint64            plan_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TEND_IS_HANDOFFS_PAGE (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;
  if (!tend_handoff_form_open (self->form, self->workspace, plan_id, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "form");
  tend_handoff_form_focus_first_field (self->form);
  return TRUE;
}

TendHandoffForm *
tend_handoffs_page_get_form (TendHandoffsPage *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFFS_PAGE (self), NULL);
  return self->form;
}

GListModel *
tend_handoffs_page_get_awaiting (TendHandoffsPage *self)
{
  g_return_val_if_fail (TEND_IS_HANDOFFS_PAGE (self), NULL);
  return G_LIST_MODEL (self->awaiting_store);
}

GListModel *
tend_handoffs_page_get_plans (TendHandoffsPage *self,
                              TendHandoffState  state)
{
  g_return_val_if_fail (TEND_IS_HANDOFFS_PAGE (self), NULL);
  g_return_val_if_fail ((guint) state < TEND_N_HANDOFF_STATES, NULL);
  return G_LIST_MODEL (self->plan_stores[state]);
}
