// The accounts of a book as a GListModel, searched and sorted on an index array.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "tend-book.h"

G_BEGIN_DECLS

typedef enum {
  TEND_ACCOUNT_SORT_NAME,
  TEND_ACCOUNT_SORT_OWNER,
  TEND_ACCOUNT_SORT_SEGMENT,
  TEND_ACCOUNT_SORT_ARR,
  TEND_ACCOUNT_SORT_RENEWAL,
  TEND_N_ACCOUNT_SORTS
} TendAccountSort;

#define TEND_TYPE_ACCOUNT_LIST_MODEL (tend_account_list_model_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountListModel, tend_account_list_model, TEND, ACCOUNT_LIST_MODEL, GObject)

TendAccountListModel *tend_account_list_model_new            (void);
void                  tend_account_list_model_set_book       (TendAccountListModel *self,
                                                              const TendBook       *book);
gboolean              tend_account_list_model_has_book       (TendAccountListModel *self);
guint                 tend_account_list_model_get_n_accounts (TendAccountListModel *self);
void                  tend_account_list_model_set_search     (TendAccountListModel *self,
                                                              const char           *text);
const char           *tend_account_list_model_get_search     (TendAccountListModel *self);
void                  tend_account_list_model_set_sort       (TendAccountListModel *self,
                                                              TendAccountSort       sort,
                                                              gboolean              descending);
guint                 tend_account_list_model_find           (TendAccountListModel *self,
                                                              const char           *account_id);

G_END_DECLS
