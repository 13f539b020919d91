// One health alert as a list item: account, kind, message and day.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-alerts.h"

G_BEGIN_DECLS

#define TEND_TYPE_ALERT_ITEM (tend_alert_item_get_type ())
G_DECLARE_FINAL_TYPE (TendAlertItem, tend_alert_item, TEND, ALERT_ITEM, GObject)

TendAlertItem *tend_alert_item_new              (const TendHealthAlert *alert,
                                                 const char            *account_name);
gint64         tend_alert_item_get_id           (TendAlertItem         *self);
const char    *tend_alert_item_get_account_id   (TendAlertItem         *self);
const char    *tend_alert_item_get_account_name (TendAlertItem         *self);
const char    *tend_alert_item_get_owner_id     (TendAlertItem         *self);
const char    *tend_alert_item_get_kind         (TendAlertItem         *self);
const char    *tend_alert_item_get_kind_label   (TendAlertItem         *self);
const char    *tend_alert_item_get_message      (TendAlertItem         *self);
TendDay        tend_alert_item_get_day          (TendAlertItem         *self);

const char    *tend_alert_kind_to_label         (const char            *kind);

G_END_DECLS
