// Daily health snapshots (DOMAIN.md 5): the history behind trends and alerts.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-health.h"

G_BEGIN_DECLS

gboolean tend_health_take_snapshots     (TendStore          *store,
                                         const TendBook     *book,
                                         TendDay             as_of,
                                         const TendSettings *settings,
                                         gboolean            after_sync,
                                         GError            **error);
gboolean tend_health_backfill_snapshots (TendStore          *store,
                                         const TendBook     *book,
                                         TendDay             from_day,
                                         TendDay             to_day,
                                         guint               step_days,
                                         const TendSettings *settings,
                                         GError            **error);
gint64   tend_health_count_snapshots    (TendStore          *store,
                                         TendDay             day,
                                         GError            **error);

G_END_DECLS
