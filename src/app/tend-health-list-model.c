// The book's health as a GListModel, filtered and sorted on an index array.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>

#include "tend-health-item.h"
#include "tend-health-list-model.h"

/* Like the accounts model, no object per account: the visible accounts are
 * a guint array of book indices and a TendHealthItem is made when a row asks
 * for one. The model owns the book, healths and history the dashboard's
 * worker thread made, so the workspace may free its own book at any time. */
struct _TendHealthListModel
{
  GObject          parent_instance;

  TendBook        *book;
  GArray          *healths;
  GHashTable      *history;
  guint            n_scored;

  guint           *orders[TEND_N_HEALTH_SORTS];
  TendHealthSort   sort;

  char            *owner_id;
  char            *segment;
  TendStage        stage;
  int              tier;

  guint           *visible;
  guint            n_visible;
};

static void tend_health_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendHealthListModel, tend_health_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tend_health_list_model_iface_init))

static int
compare_score (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GArray *healths = user_data;
  double x = g_array_index (healths, TendHealth, *(const guint *) a).score;
  double y = g_array_index (healths, TendHealth, *(const guint *) b).score;

  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y);
  return (x > y) - (x < y);
}

static int
compare_arr (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const TendBook *book = user_data;
  const TendAccount *x = &book->accounts[*(const guint *) a];
  const TendAccount *y = &book->accounts[*(const guint *) b];

  if (!x->has_arr || !y->has_arr)
    return (int) !x->has_arr - (int) !y->has_arr;
  return (y->arr > x->arr) - (y->arr < x->arr);
}

/* The book is ordered by name already; the sorts are stable, so ties
 * stay in name order. Each order is made once per book. */
static const guint *
get_order (TendHealthListModel *self)
{
  guint *order;

  if (self->orders[self->sort] != NULL)
    return self->orders[self->sort];
  order = g_new (guint, self->healths->len);
  for (guint i = 0; i < self->healths->len; i++)
    order[i] = i;
  if (self->sort == TEND_HEALTH_SORT_SCORE)
    g_qsort_with_data (order, self->healths->len, sizeof (guint), compare_score, self->healths);
  else if (self->sort == TEND_HEALTH_SORT_ARR)
    g_qsort_with_data (order, self->healths->len, sizeof (guint), compare_arr, self->book);
  self->orders[self->sort] = order;
  return order;
}

static gboolean
matches (TendHealthListModel *self,
         const TendHealth    *h)
{
  const TendAccount *a = &self->book->accounts[h->account_index];

  return h->is_scored &&
         (self->owner_id == NULL || g_strcmp0 (a->owner_id, self->owner_id) == 0) &&
         (self->segment == NULL || g_strcmp0 (a->segment, self->segment) == 0) &&
         (self->stage == TEND_STAGE_NONE || h->stage == self->stage) &&
         (self->tier == TEND_HEALTH_TIER_ALL || (int) h->tier == self->tier);
}

static void
refilter (TendHealthListModel *self)
{
  guint old_n = self->n_visible;
  const guint *order;

  g_clear_pointer (&self->visible, g_free);
  self->n_visible = 0;
  if (self->book != NULL)
    {
      order = get_order (self);
      self->visible = g_new (guint, MAX (self->healths->len, 1));
      for (guint k = 0; k < self->healths->len; k++)
        if (matches (self, &g_array_index (self->healths, TendHealth, order[k])))
          self->visible[self->n_visible++] = order[k];
    }
  if (old_n != 0 || self->n_visible != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_visible);
}

static GType
tend_health_list_model_get_item_type (GListModel *model)
{
  return TEND_TYPE_HEALTH_ITEM;
}

static guint
tend_health_list_model_get_n_items (GListModel *model)
{
  return TEND_HEALTH_LIST_MODEL (model)->n_visible;
}

static gpointer
tend_health_list_model_get_item (GListModel *model,
                                 guint       position)
{
  TendHealthListModel *self = TEND_HEALTH_LIST_MODEL (model);
  const TendHealth *h;

  if (position >= self->n_visible)
    return NULL;
  h = &g_array_index (self->healths, TendHealth, self->visible[position]);
  return tend_health_item_new (self->book, h,
                               g_hash_table_lookup (self->history,
                                                    self->book->accounts[h->account_index].id));
}

static void
tend_health_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tend_health_list_model_get_item_type;
  iface->get_n_items = tend_health_list_model_get_n_items;
  iface->get_item = tend_health_list_model_get_item;
}

static void
clear_data (TendHealthListModel *self)
{
  for (int s = 0; s < TEND_N_HEALTH_SORTS; s++)
    g_clear_pointer (&self->orders[s], g_free);
  g_clear_pointer (&self->history, g_hash_table_unref);
  g_clear_pointer (&self->healths, g_array_unref);
  g_clear_pointer (&self->book, tend_book_free);
  self->n_scored = 0;
}

static void
tend_health_list_model_finalize (GObject *object)
{
  TendHealthListModel *self = TEND_HEALTH_LIST_MODEL (object);

  clear_data (self);
  g_free (self->visible);
  g_free (self->owner_id);
  g_free (self->segment);

  G_OBJECT_CLASS (tend_health_list_model_parent_class)->finalize (object);
}

static void
tend_health_list_model_class_init (TendHealthListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_health_list_model_finalize;
}

static void
tend_health_list_model_init (TendHealthListModel *self)
{
  self->stage = TEND_STAGE_NONE;
  self->tier = TEND_HEALTH_TIER_ALL;
}

TendHealthListModel *
tend_health_list_model_new (void)
{
  return g_object_new (TEND_TYPE_HEALTH_LIST_MODEL, NULL);
}

/* Takes the book, its healths (book order) and the 90-day history (account
 * id -> GArray of TendHealthPoint); all NULL empties the model. */
void
tend_health_list_model_set_data (TendHealthListModel *self,
                                 TendBook            *book,
                                 GArray              *healths,
                                 GHashTable          *history)
{
  g_return_if_fail (TEND_IS_HEALTH_LIST_MODEL (self));
  g_return_if_fail ((book == NULL) == (healths == NULL));
  g_return_if_fail (book == NULL || healths->len == book->n_accounts);

  clear_data (self);
  self->book = book;
  self->healths = healths;
  self->history = history != NULL ? history
                                  : g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  for (guint i = 0; healths != NULL && i < healths->len; i++)
    if (g_array_index (healths, TendHealth, i).is_scored)
      self->n_scored++;
  refilter (self);
}

const TendBook *
tend_health_list_model_get_book (TendHealthListModel *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_LIST_MODEL (self), NULL);
  return self->book;
}

/* Accounts scored on the as-of day, before any filter. */
guint
tend_health_list_model_get_n_scored (TendHealthListModel *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_LIST_MODEL (self), 0);
  return self->n_scored;
}

/* NULL, TEND_STAGE_NONE and TEND_HEALTH_TIER_ALL mean any. */
void
tend_health_list_model_set_filter (TendHealthListModel *self,
                                   const char          *owner_id,
                                   const char          *segment,
                                   TendStage            stage,
                                   int                  tier)
{
  g_return_if_fail (TEND_IS_HEALTH_LIST_MODEL (self));

  if (g_strcmp0 (self->owner_id, owner_id) == 0 && g_strcmp0 (self->segment, segment) == 0 &&
      self->stage == stage && self->tier == tier)
    return;
  g_free (self->owner_id);
  self->owner_id = g_strdup (owner_id);
  g_free (self->segment);
  self->segment = g_strdup (segment);
  self->stage = stage;
  self->tier = tier;
  refilter (self);
}

void
tend_health_list_model_set_sort (TendHealthListModel *self,
                                 TendHealthSort       sort)
{
  g_return_if_fail (TEND_IS_HEALTH_LIST_MODEL (self));
  g_return_if_fail (sort < TEND_N_HEALTH_SORTS);

  if (self->sort == sort)
    return;
  self->sort = sort;
  refilter (self);
}

/* The summary of the accounts the filters let through. */
void
tend_health_list_model_summarize (TendHealthListModel *self,
                                  TendHealthSummary   *summary)
{
  g_return_if_fail (TEND_IS_HEALTH_LIST_MODEL (self));

  if (self->book == NULL)
    {
      tend_health_summary_clear (summary);
      tend_health_summary_init (summary);
      return;
    }
  tend_health_summarize (self->book, self->healths, self->visible, self->n_visible, summary);
}

/* The position of the account, or G_MAXUINT. */
guint
tend_health_list_model_find (TendHealthListModel *self,
                             const char          *account_id)
{
  g_return_val_if_fail (TEND_IS_HEALTH_LIST_MODEL (self), G_MAXUINT);

  for (guint k = 0; account_id != NULL && k < self->n_visible; k++)
    if (g_strcmp0 (self->book->accounts[self->visible[k]].id, account_id) == 0)
      return k;
  return G_MAXUINT;
}
