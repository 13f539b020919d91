// The form that records an incentive entry, with its clawback rule.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-account-item.h"
#include "tend-account-list-model.h"
#include "tend-day-entry.h"
#include "tend-format.h"
#include "tend-incentive-form.h"
#include "tend-incentives.h"
#include "tend-money.h"

/* The book is replaced under the form when a sync ends: the form keeps
 * ids and strings, never pointers into it. */
struct _TendIncentiveForm
{
  AdwWindow             parent_instance;

  TendWorkspace        *workspace;
  gulong                changed_id;
  char                 *account_id;
  char                 *account_currency;
  GPtrArray            *deal_ids;          /* NULL first: "no deal" */

  AdwToastOverlay      *toast_overlay;
  AdwPreferencesPage   *preferences_page;
  AdwEntryRow          *person_row;
  AdwPreferencesRow    *person_error_row;
  GtkLabel             *person_error;
  AdwComboRow          *role_row;
  AdwComboRow          *kind_row;
  AdwActionRow         *account_row;
  GtkMenuButton        *account_button;
  GtkPopover           *account_popover;
  GtkSearchEntry       *account_search;
  GtkListView          *account_list;
  GtkSingleSelection   *account_selection;
  TendAccountListModel *account_model;
  GtkWidget            *account_empty_label;
  AdwPreferencesRow    *account_error_row;
  GtkLabel             *account_error;
  AdwComboRow          *deal_row;
  GtkStringList        *deal_names;
  AdwPreferencesRow    *deal_error_row;
  GtkLabel             *deal_error;
  AdwEntryRow          *amount_row;
  AdwPreferencesRow    *amount_error_row;
  GtkLabel             *amount_error;
  AdwEntryRow          *currency_row;
  AdwPreferencesRow    *currency_error_row;
  GtkLabel             *currency_error;
  AdwActionRow         *earned_row;
  TendDayEntry         *earned_entry;
  AdwPreferencesRow    *earned_error_row;
  GtkLabel             *earned_error;
  GtkLabel             *preview_label;
};

G_DEFINE_FINAL_TYPE (TendIncentiveForm, tend_incentive_form, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

enum {
  RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where a field's message goes and what takes the focus. */
typedef struct {
  GtkWidget *row;
  GtkWidget *error_row;
  GtkLabel  *error_label;
  GtkWidget *focus;
} FieldWidgets;

static gboolean
get_field_widgets (TendIncentiveForm  *self,
                   TendIncentiveField  field,
                   FieldWidgets       *out)
{
  switch (field)
    {
    case TEND_INCENTIVE_FIELD_PERSON:
      *out = (FieldWidgets) { GTK_WIDGET (self->person_row), GTK_WIDGET (self->person_error_row),
                              self->person_error, GTK_WIDGET (self->person_row) };
      return TRUE;
    case TEND_INCENTIVE_FIELD_ACCOUNT:
      *out = (FieldWidgets) { GTK_WIDGET (self->account_row), GTK_WIDGET (self->account_error_row),
                              self->account_error, GTK_WIDGET (self->account_button) };
      return TRUE;
    case TEND_INCENTIVE_FIELD_DEAL:
      *out = (FieldWidgets) { GTK_WIDGET (self->deal_row), GTK_WIDGET (self->deal_error_row),
                              self->deal_error, GTK_WIDGET (self->deal_row) };
      return TRUE;
    case TEND_INCENTIVE_FIELD_AMOUNT:
      *out = (FieldWidgets) { GTK_WIDGET (self->amount_row), GTK_WIDGET (self->amount_error_row),
                              self->amount_error, GTK_WIDGET (self->amount_row) };
      return TRUE;
    case TEND_INCENTIVE_FIELD_CURRENCY:
      *out = (FieldWidgets) { GTK_WIDGET (self->currency_row), GTK_WIDGET (self->currency_error_row),
                              self->currency_error, GTK_WIDGET (self->currency_row) };
      return TRUE;
    case TEND_INCENTIVE_FIELD_EARNED:
      *out = (FieldWidgets) { GTK_WIDGET (self->earned_row), GTK_WIDGET (self->earned_error_row),
                              self->earned_error, GTK_WIDGET (self->earned_entry) };
      return TRUE;
    case TEND_INCENTIVE_FIELD_NONE:
    case TEND_INCENTIVE_FIELD_ROLE:
    case TEND_INCENTIVE_FIELD_KIND:
    default:
      return FALSE;
    }
}

static void
clear_error (TendIncentiveForm  *self,
             TendIncentiveField  field)
{
  FieldWidgets w;

  if (!get_field_widgets (self, field, &w))
    return;
  gtk_widget_set_visible (w.error_row, FALSE);
  gtk_label_set_label (w.error_label, "");
  gtk_widget_remove_css_class (w.row, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (w.focus), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (w.focus), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
clear_errors (TendIncentiveForm *self)
{
  for (TendIncentiveField f = TEND_INCENTIVE_FIELD_PERSON; f <= TEND_INCENTIVE_FIELD_EARNED; f++)
    clear_error (self, f);
}

/* The message goes under the field, which takes the focus; what was typed
 * stays as it is. */
static void
show_error (TendIncentiveForm  *self,
            TendIncentiveField  field,
            const char         *message)
{
  FieldWidgets w;

  if (!get_field_widgets (self, field, &w))
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  gtk_label_set_label (w.error_label, message);
  gtk_widget_set_visible (w.error_row, TRUE);
  gtk_widget_add_css_class (w.row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (w.focus),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w.focus),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  gtk_widget_grab_focus (w.focus);
}

static const TendBook *
get_book (TendIncentiveForm *self)
{
  return self->workspace != NULL ? tend_workspace_get_book (self->workspace) : NULL;
}

static const TendAccount *
get_account (TendIncentiveForm *self)
{
  const TendBook *book = get_book (self);

  return book != NULL && self->account_id != NULL ? tend_book_find_account (book, self->account_id) : NULL;
}

static const char *
deal_category_label (TendDealCategory category)
{
  switch (category)
    {
    case TEND_DEAL_NEW:       return _("New business");
    case TEND_DEAL_RENEWAL:   return _("Renewal");
    case TEND_DEAL_EXPANSION: return _("Expansion");
    case TEND_DEAL_UNCATEGORIZED:
    default:                  return _("Uncategorized");
    }
}

static const char *
deal_status_label (TendDealStatus status)
{
  switch (status)
    {
    case TEND_DEAL_WON:  return _("Won");
    case TEND_DEAL_LOST: return _("Lost");
    case TEND_DEAL_OPEN:
    default:             return _("Open");
    }
}

/* The chosen account's deals, newest close date last as the book has them. */
static void
fill_deals (TendIncentiveForm *self,
            const char        *keep_deal_id)
{
  const TendBook *book = get_book (self);
  const TendAccount *account = get_account (self);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->deal_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint keep = 0;

  g_ptr_array_set_size (self->deal_ids, 0);
  g_ptr_array_add (self->deal_ids, NULL);
  g_ptr_array_add (names, g_strdup (_("No deal")));
  for (guint i = 0; account != NULL && i < account->n_deals; i++)
    {
      const TendDeal *deal = &book->deals[account->deals_start + i];
      g_autofree char *close = tend_format_day (deal->close_date);

      if (g_strcmp0 (deal->id, keep_deal_id) == 0)
        keep = self->deal_ids->len;
      g_ptr_array_add (self->deal_ids, g_strdup (deal->id));
      /* Translators: a deal: its name, category, status and close date,
       * "Acme renewal 2026 — Renewal · Won · 3 Mar 2026" */
      g_ptr_array_add (names, g_strdup_printf (_("%s — %s · %s · %s"),
                                               deal->name ? deal->name : deal->id,
                                               deal_category_label (deal->category),
                                               deal_status_label (deal->status), close));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->deal_names, 0, n_old, (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->deal_row, keep);
  gtk_widget_set_sensitive (GTK_WIDGET (self->deal_row), account != NULL && account->n_deals > 0);
}

static const char *
get_deal_id (TendIncentiveForm *self)
{
  guint selected = adw_combo_row_get_selected (self->deal_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->deal_ids->len)
    return NULL;
  return g_ptr_array_index (self->deal_ids, selected);
}

/* The typed currency in capitals, or NULL when empty. */
static char *
dup_currency (TendIncentiveForm *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row))));

  if (*text == '\0')
    return NULL;
  return g_ascii_strup (text, -1);
}

static char *
describe_preview (TendIncentiveForm *self)
{
  const TendBook *book = get_book (self);
  const TendSettings *settings = self->workspace ? tend_workspace_get_settings (self->workspace) : NULL;
  TendIncentiveKind kind = adw_combo_row_get_selected (self->kind_row);
  TendDay as_of = self->workspace ? tend_workspace_get_as_of (self->workspace) : tend_day_today ();
  const TendAccount *account = get_account (self);
  g_autofree char *currency = dup_currency (self);
  TendIncentiveEntry entry = { 0 };
  g_autofree char *window = NULL;
  g_autofree char *until = NULL;
  g_autofree char *amount_text = NULL;
  gboolean has_amount;
  TendDay churn = TEND_DAY_NONE;
  gint64 due = 0;
  guint months;

  if (settings == NULL || kind >= TEND_N_INCENTIVE_KINDS)
    return g_strdup ("");
  months = settings->clawback_months[kind];
  if (months == 0)
    return g_strdup (kind == TEND_INCENTIVE_CSM_BONUS
                     ? _("CSM bonuses have no clawback.")
                     : _("This kind has no clawback window in the preferences: nothing is ever clawed back."));

  entry.kind = kind;
  entry.rule = TEND_CLAWBACK_RULE_PRO_RATA;
  entry.window_months = months;
  entry.earned = tend_day_entry_get_day (self->earned_entry);
  has_amount = tend_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), FALSE,
                                 &entry.amount, NULL) && entry.amount > 0;
  if (currency == NULL || !tend_currency_is_valid (currency))
    {
      g_free (currency);
      currency = g_strdup (account != NULL ? account->currency : NULL);
    }

  if (entry.earned == TEND_DAY_NONE)
    return g_strdup_printf (ngettext ("%u-month window after the earned date: if the account churns inside it, "
                                      "the months not served are clawed back pro rata.",
                                      "%u-month window after the earned date: if the account churns inside it, "
                                      "the months not served are clawed back pro rata.", months),
                            months);

  until = tend_format_day (tend_day_add_months (entry.earned, (int) months));
  /* Translators: "12-month window until 15 Jan 2027" */
  window = g_strdup_printf (ngettext ("%u-month window until %s", "%u-month window until %s", months),
                            months, until);

  if (account != NULL && book != NULL)
    churn = tend_account_churn_day (book, account);
  if (churn != TEND_DAY_NONE && churn <= as_of)
    {
      g_autofree char *churn_text = tend_format_day (churn);

      if (!has_amount)
        /* Translators: "12-month window until …. The account churned on 3 Mar 2026." */
        return g_strdup_printf (_("%s. The account churned on %s: enter an amount to see what would be clawed back."),
                                window, churn_text);
      if (!tend_clawback_compute (&entry, churn, &due, NULL))
        return g_strdup_printf (_("%s. The account churned on %s, outside the window: nothing would be clawed back."),
                                window, churn_text);
      amount_text = tend_money_format (due, currency);
      return g_strdup_printf (_("%s. The account churned on %s, inside the window: %s would be clawed back "
                                "as soon as the entry is saved."),
                              window, churn_text, amount_text);
    }

  if (!has_amount)
    return g_strdup_printf (_("%s: if the account churns, the months not served are clawed back pro rata. "
                              "Enter an amount to see how much."), window);
  if (as_of >= entry.earned && tend_clawback_compute (&entry, as_of, &due, NULL))
    {
      amount_text = tend_money_format (due, currency);
      /* Translators: the first %s is "12-month window until 15 Jan 2027", the second an amount */
      return g_strdup_printf (_("%s: if the account churns, the months not served are clawed back pro rata — "
                                "today that would be %s."), window, amount_text);
    }
  if (as_of >= entry.earned)
    return g_strdup_printf (_("%s: the window is over, nothing would be clawed back."), window);
  amount_text = tend_money_format (entry.amount, currency);
  return g_strdup_printf (_("%s: if the account churns, the months not served are clawed back pro rata, "
                            "up to %s."), window, amount_text);
}

static void
update_preview (TendIncentiveForm *self)
{
  g_autofree char *text = describe_preview (self);

  gtk_label_set_label (self->preview_label, text);
}

static void
on_person_changed (TendIncentiveForm *self)
{
  clear_error (self, TEND_INCENTIVE_FIELD_PERSON);
}

static void
on_kind_changed (TendIncentiveForm *self)
{
  update_preview (self);
}

static void
on_deal_changed (TendIncentiveForm *self)
{
  clear_error (self, TEND_INCENTIVE_FIELD_DEAL);
}

static void
on_amount_changed (TendIncentiveForm *self)
{
  clear_error (self, TEND_INCENTIVE_FIELD_AMOUNT);
  update_preview (self);
}

static void
on_currency_changed (TendIncentiveForm *self)
{
  clear_error (self, TEND_INCENTIVE_FIELD_CURRENCY);
  update_preview (self);
}

static void
on_earned_changed (TendIncentiveForm *self)
{
  clear_error (self, TEND_INCENTIVE_FIELD_EARNED);
  update_preview (self);
}

static void
set_account (TendIncentiveForm *self,
             const TendAccount *account)
{
  g_autofree char *currency = dup_currency (self);
  g_autofree char *subtitle = NULL;

  g_clear_pointer (&self->account_id, g_free);
  if (account != NULL)
    {
      const char *owner = tend_book_owner_name (get_book (self), account->owner_id);

      self->account_id = g_strdup (account->id);
      subtitle = owner != NULL
        /* Translators: an account and its owner, "Acme — Dana Scully" */
        ? g_strdup_printf (_("%s — %s"), account->name, owner)
        : g_strdup (account->name);
      /* The account's currency unless another one was typed. */
      if (currency == NULL || g_strcmp0 (currency, self->account_currency) == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->currency_row), account->currency ? account->currency : "");
      g_free (self->account_currency);
      self->account_currency = g_strdup (account->currency);
    }
  adw_action_row_set_subtitle (self->account_row, subtitle ? subtitle : _("None chosen"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  subtitle ? subtitle : _("Choose the account"),
                                  -1);
  clear_error (self, TEND_INCENTIVE_FIELD_ACCOUNT);
  fill_deals (self, NULL);
  update_preview (self);
}

static void
choose_item (TendIncentiveForm *self,
             TendAccountItem   *item)
{
  const TendBook *book = get_book (self);

  if (item == NULL || book == NULL)
    return;
  set_account (self, tend_book_find_account (book, tend_account_item_get_id (item)));
  gtk_popover_popdown (self->account_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->account_button));
}

static void
on_account_popover_show (TendIncentiveForm *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->account_search));
}

static void
on_account_search_changed (TendIncentiveForm *self)
{
  guint n;

  tend_account_list_model_set_search (self->account_model,
                                      gtk_editable_get_text (GTK_EDITABLE (self->account_search)));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->account_model));
  gtk_widget_set_visible (self->account_empty_label, n == 0);
  if (n > 0)
    gtk_single_selection_set_selected (self->account_selection, 0);
}

/* Enter in the search takes the first match. */
static void
on_account_search_activate (TendIncentiveForm *self)
{
  /* Enter may come before the search's delay ran out. */
  on_account_search_changed (self);
  choose_item (self, gtk_single_selection_get_selected_item (self->account_selection));
}

static void
on_account_search_stop (TendIncentiveForm *self)
{
  gtk_popover_popdown (self->account_popover);
}

/* Down goes from the search to the matches. */
static gboolean
on_account_search_key (TendIncentiveForm *self,
                       guint              keyval,
                       guint              keycode,
                       GdkModifierType    state)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->account_list), GTK_DIR_TAB_FORWARD);
}

static void
on_account_activated (TendIncentiveForm *self,
                      guint              position)
{
  g_autoptr(TendAccountItem) item = g_list_model_get_item (G_LIST_MODEL (self->account_model), position);

  choose_item (self, item);
}

static void
setup_account_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_account_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  TendAccountItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *owner = tend_account_item_get_owner_name (item);
  const char *domain = tend_account_item_get_domain (item);
  g_autofree char *text = NULL;

  if (owner != NULL && domain != NULL)
    /* Translators: an account's domain and owner, "acme.com · Dana Scully" */
    text = g_strdup_printf (_("%s · %s"), domain, owner);
  else
    text = g_strdup (owner != NULL ? owner : domain != NULL ? domain : "");
  gtk_label_set_label (GTK_LABEL (name), tend_account_item_get_name (item));
  gtk_label_set_label (GTK_LABEL (detail), text);
  gtk_widget_set_visible (detail, *text != '\0');
}

static void
form_save (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  TendIncentiveForm *self = TEND_INCENTIVE_FORM (widget);
  g_autofree char *person = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->person_row)));
  g_autofree char *currency = dup_currency (self);
  g_autofree char *amount_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_row))));
  const char *earned_text = tend_day_entry_get_text (self->earned_entry);
  const TendBook *book = get_book (self);
  TendIncentiveDraft draft = { 0 };
  TendIncentiveField field = TEND_INCENTIVE_FIELD_NONE;
  g_autoptr(GError) error = NULL;
  TendStore *store;
  gint64 id;

  clear_errors (self);
  store = self->workspace != NULL ? tend_workspace_get_store (self->workspace) : NULL;
  if (book == NULL || store == NULL)
    {
      show_error (self, TEND_INCENTIVE_FIELD_NONE, _("The workspace is still loading; try again in a moment"));
      return;
    }

  draft.person = person;
  draft.role = adw_combo_row_get_selected (self->role_row);
  draft.kind = adw_combo_row_get_selected (self->kind_row);
  draft.account_id = self->account_id;
  draft.deal_id = get_deal_id (self);
  draft.currency = currency;
  draft.earned = tend_day_entry_get_day (self->earned_entry);

  if (self->account_id == NULL)
    {
      show_error (self, TEND_INCENTIVE_FIELD_ACCOUNT, _("Choose the account the incentive was earned on"));
      return;
    }
  if (!tend_money_parse (amount_text, FALSE, &draft.amount, &error))
    {
      show_error (self, TEND_INCENTIVE_FIELD_AMOUNT,
                  *amount_text == '\0'
                  ? _("Enter the amount, such as 1234.50") : error->message);
      return;
    }
  if (*earned_text != '\0' && draft.earned == TEND_DAY_NONE)
    {
      /* Translators: %s is what was typed as a day */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a day; enter it as YYYY-MM-DD or pick it from the calendar"),
                                                  earned_text);
      show_error (self, TEND_INCENTIVE_FIELD_EARNED, message);
      return;
    }

  id = tend_incentive_add (store, book, tend_workspace_get_settings (self->workspace), &draft,
                           tend_workspace_get_as_of (self->workspace), &field, &error);
  if (id == 0)
    {
      show_error (self, field, error->message);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, id, g_strstrip (person));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_workspace_changed (TendIncentiveForm *self)
{
  const TendBook *book = get_book (self);
  g_autofree char *deal_id = g_strdup (get_deal_id (self));
  const TendAccount *account = get_account (self);

  tend_account_list_model_set_book (self->account_model, book);
  tend_account_list_model_set_search (self->account_model,
                                      gtk_editable_get_text (GTK_EDITABLE (self->account_search)));
  if (self->account_id != NULL && account == NULL)
    set_account (self, NULL);
  else
    fill_deals (self, deal_id);
  update_preview (self);
}

static void
set_workspace (TendIncentiveForm *self,
               TendWorkspace     *workspace)
{
  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    {
      self->changed_id = g_signal_connect_swapped (workspace, "changed",
                                                   G_CALLBACK (on_workspace_changed), self);
      tend_day_entry_set_day (self->earned_entry, tend_workspace_get_as_of (workspace));
    }
  on_workspace_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
tend_incentive_form_dispose (GObject *object)
{
  TendIncentiveForm *self = TEND_INCENTIVE_FORM (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);
  if (self->account_model != NULL)
    tend_account_list_model_set_book (self->account_model, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_INCENTIVE_FORM);

  G_OBJECT_CLASS (tend_incentive_form_parent_class)->dispose (object);
}

static void
tend_incentive_form_finalize (GObject *object)
{
  TendIncentiveForm *self = TEND_INCENTIVE_FORM (object);

  g_free (self->account_id);
  g_free (self->account_currency);
  g_ptr_array_unref (self->deal_ids);

  G_OBJECT_CLASS (tend_incentive_form_parent_class)->finalize (object);
}

static void
tend_incentive_form_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TendIncentiveForm *self = TEND_INCENTIVE_FORM (object);

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
tend_incentive_form_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TendIncentiveForm *self = TEND_INCENTIVE_FORM (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_incentive_form_class_init (TendIncentiveFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_incentive_form_dispose;
  object_class->finalize = tend_incentive_form_finalize;
  object_class->get_property = tend_incentive_form_get_property;
  object_class->set_property = tend_incentive_form_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The new entry's id and the person, after it was written. */
  signals[RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, form_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);

  g_type_ensure (TEND_TYPE_ACCOUNT_LIST_MODEL);
  g_type_ensure (TEND_TYPE_DAY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-incentive-form.ui");
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, person_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, person_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, person_error);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, role_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_button);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_popover);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_search);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_list);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_selection);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_model);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, account_error);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, deal_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, deal_names);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, deal_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, deal_error);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, amount_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, amount_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, amount_error);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, currency_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, currency_error);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, earned_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, earned_entry);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, earned_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, earned_error);
  gtk_widget_class_bind_template_child (widget_class, TendIncentiveForm, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, on_person_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_deal_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_earned_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_account_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_account_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_account_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_account_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_account_search_key);
  gtk_widget_class_bind_template_callback (widget_class, on_account_activated);
  gtk_widget_class_bind_template_callback (widget_class, setup_account_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_account_cell);
}

static void
tend_incentive_form_init (TendIncentiveForm *self)
{
  self->deal_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_selected (self->role_row, TEND_ROLE_CSM);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the account"),
                                  -1);
  fill_deals (self, NULL);
  update_preview (self);
}

TendIncentiveForm *
tend_incentive_form_new (GtkWindow     *parent,
                         TendWorkspace *workspace)
{
  return g_object_new (TEND_TYPE_INCENTIVE_FORM,
                       "transient-for", parent,
                       "workspace", workspace,
                       NULL);
}

TendWorkspace *
tend_incentive_form_get_workspace (TendIncentiveForm *self)
{
  g_return_val_if_fail (TEND_IS_INCENTIVE_FORM (self), NULL);
  return self->workspace;
}

gboolean
tend_incentive_form_choose_account (TendIncentiveForm *self,
                                    const char        *account_id)
{
  const TendBook *book;
  const TendAccount *account;

  g_return_val_if_fail (TEND_IS_INCENTIVE_FORM (self), FALSE);

  book = get_book (self);
  account = book != NULL ? tend_book_find_account (book, account_id) : NULL;
  if (account == NULL)
    return FALSE;
  set_account (self, account);
  return TRUE;
}
