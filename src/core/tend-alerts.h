// Health alerts (DOMAIN.md 5), routed to the account's owner until acknowledged.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-health.h"

G_BEGIN_DECLS

typedef struct {
  gint64   id;
  char    *account_id;
  char    *owner_id;          /* NULL when the account has no owner */
  char    *kind;              /* "tier_drop", "score_fall", "renewal_at_risk" */
  char    *key;
  TendDay  day;               /* the snapshot day that raised it */
  char    *message;
  char    *detail;            /* JSON object */
  char    *created_at;
  char    *acknowledged_by;   /* NULL while open */
  char    *acknowledged_at;
} TendHealthAlert;

void       tend_health_alert_free        (TendHealthAlert  *alert);

gboolean   tend_health_evaluate_alerts   (TendStore        *store,
                                          const TendBook   *book,
                                          TendDay           day,
                                          GArray           *healths,
                                          GError          **error);
/* A GPtrArray of TendHealthAlert, newest first; owner_id NULL for everyone's. */
GPtrArray *tend_health_list_alerts       (TendStore        *store,
                                          const char       *owner_id,
                                          gboolean          include_acknowledged,
                                          GError          **error);
gboolean   tend_health_acknowledge_alert (TendStore        *store,
                                          gint64            id,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendHealthAlert, tend_health_alert_free)

G_END_DECLS
