// The book's health as a GListModel, filtered and sorted on an index array.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "tend-health-summary.h"

G_BEGIN_DECLS

typedef enum {
  TEND_HEALTH_SORT_SCORE,    /* lowest first, scoreless last */
  TEND_HEALTH_SORT_NAME,
  TEND_HEALTH_SORT_ARR,      /* largest first */
  TEND_N_HEALTH_SORTS
} TendHealthSort;

#define TEND_HEALTH_TIER_ALL (-1)

#define TEND_TYPE_HEALTH_LIST_MODEL (tend_health_list_model_get_type ())
G_DECLARE_FINAL_TYPE (TendHealthListModel, tend_health_list_model, TEND, HEALTH_LIST_MODEL, GObject)

TendHealthListModel *tend_health_list_model_new        (void);
void                 tend_health_list_model_set_data   (TendHealthListModel *self,
                                                        TendBook            *book,
                                                        GArray              *healths,
                                                        GHashTable          *history);
const TendBook      *tend_health_list_model_get_book   (TendHealthListModel *self);
guint                tend_health_list_model_get_n_scored (TendHealthListModel *self);
void                 tend_health_list_model_set_filter (TendHealthListModel *self,
                                                        const char          *owner_id,
                                                        const char          *segment,
                                                        TendStage            stage,
                                                        int                  tier);
void                 tend_health_list_model_set_sort   (TendHealthListModel *self,
                                                        TendHealthSort       sort);
void                 tend_health_list_model_summarize  (TendHealthListModel *self,
                                                        TendHealthSummary   *summary);
guint                tend_health_list_model_find       (TendHealthListModel *self,
                                                        const char          *account_id);

G_END_DECLS
