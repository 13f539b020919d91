// One health alert as a list item: account, kind, message and day.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-alert-item.h"

struct _TendAlertItem
{
  GObject  parent_instance;

  gint64   id;
  char    *account_id;
  char    *account_name;
  char    *owner_id;
  char    *kind;
  char    *message;
  TendDay  day;
};

G_DEFINE_FINAL_TYPE (TendAlertItem, tend_alert_item, G_TYPE_OBJECT)

static void
tend_alert_item_finalize (GObject *object)
{
  TendAlertItem *self = TEND_ALERT_ITEM (object);

  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->owner_id);
  g_free (self->kind);
  g_free (self->message);

  G_OBJECT_CLASS (tend_alert_item_parent_class)->finalize (object);
}

static void
tend_alert_item_class_init (TendAlertItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_alert_item_finalize;
}

static void
tend_alert_item_init (TendAlertItem *self)
{
}

/* account_name NULL shows the account id. */
TendAlertItem *
tend_alert_item_new (const TendHealthAlert *alert,
                     const char            *account_name)
{
  TendAlertItem *self;

  g_return_val_if_fail (alert != NULL, NULL);

  self = g_object_new (TEND_TYPE_ALERT_ITEM, NULL);
  self->id = alert->id;
  self->account_id = g_strdup (alert->account_id);
  self->account_name = g_strdup (account_name != NULL ? account_name : alert->account_id);
  self->owner_id = g_strdup (alert->owner_id);
  self->kind = g_strdup (alert->kind);
  self->message = g_strdup (alert->message);
  self->day = alert->day;
  return self;
}

gint64
tend_alert_item_get_id (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), 0);
  return self->id;
}

const char *
tend_alert_item_get_account_id (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), NULL);
  return self->account_id;
}

const char *
tend_alert_item_get_account_name (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), NULL);
  return self->account_name;
}

const char *
tend_alert_item_get_owner_id (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), NULL);
  return self->owner_id;
}

const char *
tend_alert_item_get_kind (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), NULL);
  return self->kind;
}

const char *
tend_alert_item_get_kind_label (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), NULL);
  return tend_alert_kind_to_label (self->kind);
}

const char *
tend_alert_item_get_message (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), NULL);
  return self->message;
}

TendDay
tend_alert_item_get_day (TendAlertItem *self)
{
  g_return_val_if_fail (TEND_IS_ALERT_ITEM (self), TEND_DAY_NONE);
  return self->day;
}

/* The kinds of DOMAIN.md 5 in words. */
const char *
tend_alert_kind_to_label (const char *kind)
{
  if (g_strcmp0 (kind, "tier_drop") == 0)
    return _("Tier dropped");
  if (g_strcmp0 (kind, "score_fall") == 0)
    return _("Score fell 15 points or more");
  if (g_strcmp0 (kind, "renewal_at_risk") == 0)
    return _("Renewal at risk");
  return kind;
}
