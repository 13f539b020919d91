// The details of one account: who owns it, its contract, usage and activity.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-account-details.h"
#include "tend-account-health.h"
#include "tend-format.h"
#include "tend-money.h"
#include "tend-success-plan-view.h"

struct _TendAccountDetails
{
  AdwBin           parent_instance;

  TendAccountItem *item;
  TendWorkspace   *workspace;

  GtkStack        *stack;
  GtkLabel        *name_label;
  GtkLabel        *domain_label;
  GtkLabel        *owner_value;
  GtkLabel        *segment_value;
  GtkLabel        *region_value;
  GtkLabel        *arr_value;
  GtkLabel        *arr_prior_value;
  GtkLabel        *contract_start_value;
  GtkLabel        *contract_end_value;
  GtkLabel        *renewal_value;
  GtkLabel        *seats_value;
  GtkLabel        *active_users_value;
  GtkLabel        *deals_value;
  GtkLabel        *tickets_value;
  GtkLabel        *surveys_value;
  GtkWidget       *qbr_button;
  TendAccountHealth *health;
  TendSuccessPlanView *success_plan;
};

G_DEFINE_FINAL_TYPE (TendAccountDetails, tend_account_details, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_label (label, text != NULL && *text != '\0' ? text : "—");
}

static void
set_owned_text (GtkLabel *label,
                char     *text)
{
  set_text (label, text);
  g_free (text);
}

static char *
money_or_null (gboolean    present,
               gint64      cents,
               const char *currency)
{
  return present ? tend_money_format (cents, currency) : NULL;
}

static char *
count_or_null (gboolean present,
               gint64   count)
{
  return present ? tend_format_count (count) : NULL;
}

/* "12 (3 open)" */
static char *
count_with_open (guint total,
                 guint open)
{
  g_autofree char *all = tend_format_count (total);

  if (total == 0)
    return g_steal_pointer (&all);
  /* Translators: a number of records, then how many of them are open */
  return g_strdup_printf (_("%s (%u open)"), all, open);
}

static void
show_item (TendAccountDetails *self)
{
  TendAccountItem *item = self->item;
  const char *currency;
  gint64 value;
  gboolean present;

  gtk_stack_set_visible_child_name (self->stack, item != NULL ? "account" : "empty");
  tend_account_health_set_account_id (self->health, item != NULL ? tend_account_item_get_id (item) : NULL);
  tend_success_plan_view_set_account_id (self->success_plan, item != NULL ? tend_account_item_get_id (item) : NULL);
  if (item == NULL)
    return;

  currency = tend_account_item_get_currency (item);
  set_text (self->name_label, tend_account_item_get_name (item));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->qbr_button),
                                          g_variant_new_string (tend_account_item_get_id (item)));
  gtk_label_set_label (self->domain_label, tend_account_item_get_domain (item));
  gtk_widget_set_visible (GTK_WIDGET (self->domain_label), tend_account_item_get_domain (item) != NULL);
  set_text (self->owner_value, tend_account_item_get_owner_name (item));
  set_text (self->segment_value, tend_account_item_get_segment (item));
  set_text (self->region_value, tend_account_item_get_region (item));

  present = tend_account_item_get_arr (item, &value);
  set_owned_text (self->arr_value, money_or_null (present, value, currency));
  present = tend_account_item_get_arr_prior_year (item, &value);
  set_owned_text (self->arr_prior_value, money_or_null (present, value, currency));
  set_owned_text (self->contract_start_value, tend_format_day (tend_account_item_get_contract_start (item)));
  set_owned_text (self->contract_end_value, tend_format_day (tend_account_item_get_contract_end (item)));
  set_owned_text (self->renewal_value, tend_format_day (tend_account_item_get_renewal_day (item)));

  present = tend_account_item_get_licensed_seats (item, &value);
  set_owned_text (self->seats_value, count_or_null (present, value));
  present = tend_account_item_get_active_users (item, &value);
  set_owned_text (self->active_users_value, count_or_null (present, value));

  set_owned_text (self->deals_value, count_with_open (tend_account_item_get_n_deals (item),
                                                      tend_account_item_get_n_open_deals (item)));
  set_owned_text (self->tickets_value, count_with_open (tend_account_item_get_n_tickets (item),
                                                        tend_account_item_get_n_open_tickets (item)));
  set_owned_text (self->surveys_value, tend_format_count (tend_account_item_get_n_surveys (item)));
}

static void
tend_account_details_dispose (GObject *object)
{
  TendAccountDetails *self = TEND_ACCOUNT_DETAILS (object);

  g_clear_object (&self->item);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (tend_account_details_parent_class)->dispose (object);
}

static void
tend_account_details_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TendAccountDetails *self = TEND_ACCOUNT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_details_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TendAccountDetails *self = TEND_ACCOUNT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      tend_account_details_set_item (self, g_value_get_object (value));
      break;
    case PROP_WORKSPACE:
      /* Only the health section reads the workspace. */
      if (g_set_object (&self->workspace, g_value_get_object (value)))
        {
          tend_account_health_set_workspace (self->health, self->workspace);
          tend_success_plan_view_set_workspace (self->success_plan, self->workspace);
          g_object_notify_by_pspec (object, properties[PROP_WORKSPACE]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_details_class_init (TendAccountDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_account_details_dispose;
  object_class->get_property = tend_account_details_get_property;
  object_class->set_property = tend_account_details_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, TEND_TYPE_ACCOUNT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TEND_TYPE_ACCOUNT_HEALTH);
  g_type_ensure (TEND_TYPE_SUCCESS_PLAN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-account-details.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, domain_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, owner_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, segment_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, region_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, arr_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, arr_prior_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, contract_start_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, contract_end_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, renewal_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, seats_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, active_users_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, deals_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, tickets_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, surveys_value);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, qbr_button);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, health);
  gtk_widget_class_bind_template_child (widget_class, TendAccountDetails, success_plan);
}

static void
tend_account_details_init (TendAccountDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_account_details_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNT_DETAILS, NULL);
}

TendAccountItem *
tend_account_details_get_item (TendAccountDetails *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_DETAILS (self), NULL);
  return self->item;
}

void
tend_account_details_set_item (TendAccountDetails *self,
                               TendAccountItem    *item)
{
  g_return_if_fail (TEND_IS_ACCOUNT_DETAILS (self));
  g_return_if_fail (item == NULL || TEND_IS_ACCOUNT_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;
  show_item (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
