// Reading the health history back: snapshot series and an account's alerts.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-alerts.h"
#include "tend-health.h"

G_BEGIN_DECLS

typedef struct {
  TendDay  day;
  double   score;     /* unrounded; NAN when the snapshot had no component */
  TendTier tier;
} TendHealthPoint;

/* One account's snapshots with from < day <= to, oldest first. */
GArray     *tend_health_history_load_account  (TendStore   *store,
                                               const char  *account_id,
                                               TendDay      from,
                                               TendDay      to,
                                               GError     **error);
/* Every account's snapshots with from < day <= to in one query: account id
 * (a string owned by the table) -> GArray of TendHealthPoint, oldest first. */
GHashTable *tend_health_history_load_book     (TendStore   *store,
                                               TendDay      from,
                                               TendDay      to,
                                               GError     **error);
/* One account's alerts, newest first; open ones only unless asked. */
GPtrArray  *tend_health_history_list_alerts   (TendStore   *store,
                                               const char  *account_id,
                                               gboolean     include_acknowledged,
                                               GError     **error);
/* The highest alert id so far (0 when none), and the open alerts raised
 * after it: what a sync's snapshots added. */
gint64      tend_health_history_last_alert_id (TendStore   *store,
                                               GError     **error);
GPtrArray  *tend_health_history_alerts_after  (TendStore   *store,
                                               gint64       after_id,
                                               GError     **error);
gint64      tend_health_history_count_open_alerts (TendStore   *store,
                                                   const char  *owner_id,
                                                   GError     **error);

G_END_DECLS
