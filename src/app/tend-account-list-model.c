// The accounts of a book as a GListModel, searched and sorted on an index array.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-account-item.h"
#include "tend-account-list-model.h"

/* A book can hold 100,000 accounts, so the model never makes an object per
 * account: it keeps the positions of the visible accounts in a guint array
 * and makes a TendAccountItem only when a row asks for one. Search runs over
 * a case-folded text per account built once per book; each sort order is
 * computed once per book when first asked for. The book belongs to the
 * workspace, which calls set_book () before it frees an old one. */
struct _TendAccountListModel
{
  GObject         parent_instance;

  const TendBook *book;

  /* "name\ndomain\nowner" folded, per account, NUL-terminated */
  GString        *haystack;
  guint          *haystack_offsets;

  guint          *orders[TEND_N_ACCOUNT_SORTS][2];
  TendAccountSort sort;
  gboolean        descending;

  char           *search;        /* as typed */
  char           *folded_search;
  char          **words;

  guint          *visible;       /* book indices, in display order */
  guint           n_visible;
};

static void tend_account_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendAccountListModel, tend_account_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tend_account_list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Most names are ASCII: fold those in place without allocating, so a book
 * of 100,000 accounts is indexed in a few milliseconds. */
static void
append_folded (GString    *out,
               const char *text)
{
  if (text == NULL)
    return;
  if (is_ascii (text))
    {
      for (const char *p = text; *p != '\0'; p++)
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);
      g_string_append (out, folded);
    }
}

static char *
fold (const char *text)
{
  GString *out = g_string_new (NULL);

  append_folded (out, text);
  return g_string_free (out, FALSE);
}

static void
clear_orders (TendAccountListModel *self)
{
  for (guint k = 0; k < TEND_N_ACCOUNT_SORTS; k++)
    for (guint d = 0; d < 2; d++)
      g_clear_pointer (&self->orders[k][d], g_free);
}

static void
build_haystack (TendAccountListModel *self)
{
  const TendBook *book = self->book;
  g_autofree char **owner_names = NULL;

  if (self->haystack != NULL)
    g_string_free (self->haystack, TRUE);
  g_clear_pointer (&self->haystack_offsets, g_free);
  self->haystack = NULL;
  if (book == NULL)
    return;

  /* Owners are few: fold each once. */
  owner_names = g_new0 (char *, book->n_owners + 1);
  for (guint i = 0; i < book->n_owners; i++)
    owner_names[i] = fold (book->owners[i].name);

  self->haystack = g_string_sized_new ((gsize) book->n_accounts * 48);
  self->haystack_offsets = g_new (guint, book->n_accounts + 1);
  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      const TendOwner *owner = tend_book_find_owner (book, a->owner_id);

      self->haystack_offsets[i] = self->haystack->len;
      append_folded (self->haystack, a->name);
      g_string_append_c (self->haystack, '\n');
      append_folded (self->haystack, a->domain);
      g_string_append_c (self->haystack, '\n');
      if (owner != NULL && owner->name != NULL && *owner->name != '\0')
        g_string_append (self->haystack, owner_names[owner - book->owners]);
      else
        append_folded (self->haystack, a->owner_id);
      g_string_append_c (self->haystack, '\0');
    }
  for (guint i = 0; i < book->n_owners; i++)
    g_free (owner_names[i]);
}

static int
compare_strings_collated (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  const char * const *keys = user_data;

  return strcmp (keys[*(const guint *) a], keys[*(const guint *) b]);
}

/* Ranks of a few distinct strings (owners, segments) in collation order. */
static GHashTable *
rank_strings (GPtrArray *distinct)
{
  GHashTable *ranks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char **keys = g_new0 (char *, distinct->len + 1);
  g_autofree guint *order = g_new (guint, distinct->len + 1);

  for (guint i = 0; i < distinct->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (distinct, i), -1);
      keys[i] = g_utf8_collate_key (folded, -1);
      order[i] = i;
    }
  g_qsort_with_data (order, distinct->len, sizeof (guint), compare_strings_collated, keys);
  for (guint r = 0; r < distinct->len; r++)
    g_hash_table_insert (ranks, g_ptr_array_index (distinct, order[r]), GUINT_TO_POINTER (r));
  for (guint i = 0; i < distinct->len; i++)
    g_free (keys[i]);
  return ranks;
}

/* A sort key per account where smaller sorts first and a missing value is
 * G_MAXUINT64, so missing values come last in both directions. */
static guint64 *
build_sort_keys (const TendBook  *book,
                 TendAccountSort  sort,
                 gboolean         descending)
{
  guint64 *keys = g_new (guint64, book->n_accounts + 1);
  g_autoptr(GHashTable) ranks = NULL;
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();

  if (sort == TEND_ACCOUNT_SORT_OWNER || sort == TEND_ACCOUNT_SORT_SEGMENT)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < book->n_accounts; i++)
        {
          const TendAccount *a = &book->accounts[i];
          const char *text = sort == TEND_ACCOUNT_SORT_OWNER
                             ? tend_book_owner_name (book, a->owner_id) : a->segment;
          if (text != NULL && *text != '\0' && g_hash_table_add (seen, (gpointer) text))
            g_ptr_array_add (distinct, (gpointer) text);
        }
      ranks = rank_strings (distinct);
    }

  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      gboolean present = TRUE;
      guint64 key = 0;

      switch (sort)
        {
        case TEND_ACCOUNT_SORT_NAME:
          key = i;   /* the book is ordered by name */
          break;
        case TEND_ACCOUNT_SORT_OWNER:
        case TEND_ACCOUNT_SORT_SEGMENT:
          {
            const char *text = sort == TEND_ACCOUNT_SORT_OWNER
                               ? tend_book_owner_name (book, a->owner_id) : a->segment;
            gpointer rank = NULL;
            present = text != NULL && g_hash_table_lookup_extended (ranks, text, NULL, &rank);
            key = GPOINTER_TO_UINT (rank);
          }
          break;
        case TEND_ACCOUNT_SORT_ARR:
          present = a->has_arr;
          key = (guint64) a->arr ^ G_GUINT64_CONSTANT (0x8000000000000000);
          break;
        case TEND_ACCOUNT_SORT_RENEWAL:
          key = tend_account_renewal_day (book, a);
          present = key != TEND_DAY_NONE;
          break;
        case TEND_N_ACCOUNT_SORTS:
        default:
          g_assert_not_reached ();
        }
      if (!present)
        keys[i] = G_MAXUINT64;
      else
        keys[i] = descending ? ~key - 1 : key;
    }
  return keys;
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const guint64 *keys = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (keys[ia] != keys[ib])
    return keys[ia] < keys[ib] ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

static const guint *
get_order (TendAccountListModel *self)
{
  guint **slot = &self->orders[self->sort][self->descending ? 1 : 0];

  if (*slot == NULL)
    {
      const TendBook *book = self->book;
      g_autofree guint64 *keys = build_sort_keys (book, self->sort, self->descending);
      guint *order = g_new (guint, book->n_accounts + 1);

      for (guint i = 0; i < book->n_accounts; i++)
        order[i] = i;
      g_qsort_with_data (order, book->n_accounts, sizeof (guint), compare_by_key, keys);
      *slot = order;
    }
  return *slot;
}

static gboolean
matches (TendAccountListModel *self,
         guint                 book_index)
{
  const char *text = self->haystack->str + self->haystack_offsets[book_index];

  for (guint w = 0; self->words[w] != NULL; w++)
    if (strstr (text, self->words[w]) == NULL)
      return FALSE;
  return TRUE;
}

/* Recomputes the visible positions. With refine, the new search only
 * narrows the last one, so only the visible accounts are tested again. */
static void
compute_visible (TendAccountListModel *self,
                 gboolean              refine)
{
  gboolean has_words = self->words != NULL && self->words[0] != NULL;
  guint n = 0;

  if (self->book == NULL)
    {
      g_clear_pointer (&self->visible, g_free);
      self->n_visible = 0;
    }
  else if (refine)
    {
      for (guint i = 0; i < self->n_visible; i++)
        if (matches (self, self->visible[i]))
          self->visible[n++] = self->visible[i];
      self->n_visible = n;
    }
  else
    {
      const guint *order = get_order (self);

      g_free (self->visible);
      self->visible = g_new (guint, self->book->n_accounts + 1);
      for (guint i = 0; i < self->book->n_accounts; i++)
        if (!has_words || matches (self, order[i]))
          self->visible[n++] = order[i];
      self->n_visible = n;
    }
}

static void
announce (TendAccountListModel *self,
          guint                 old_n)
{
  if (old_n == 0 && self->n_visible == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_visible);
  if (old_n != self->n_visible)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* One items-changed per change, and none when nothing moved. */
static void
update_visible (TendAccountListModel *self,
                gboolean              refine)
{
  guint old_n = self->n_visible;
  g_autofree guint *old = g_memdup2 (self->visible, sizeof (guint) * old_n);

  compute_visible (self, refine);
  if (old_n == self->n_visible &&
      (old_n == 0 || memcmp (old, self->visible, sizeof (guint) * old_n) == 0))
    return;
  announce (self, old_n);
}

static GType
tend_account_list_model_get_item_type (GListModel *model)
{
  return TEND_TYPE_ACCOUNT_ITEM;
}

static guint
tend_account_list_model_get_n_items (GListModel *model)
{
  return TEND_ACCOUNT_LIST_MODEL (model)->n_visible;
}

static gpointer
tend_account_list_model_get_item (GListModel *model,
                                  guint       position)
{
  TendAccountListModel *self = TEND_ACCOUNT_LIST_MODEL (model);

  if (position >= self->n_visible)
    return NULL;
  return tend_account_item_new (self->book, self->visible[position]);
}

static void
tend_account_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tend_account_list_model_get_item_type;
  iface->get_n_items = tend_account_list_model_get_n_items;
  iface->get_item = tend_account_list_model_get_item;
}

static void
tend_account_list_model_finalize (GObject *object)
{
  TendAccountListModel *self = TEND_ACCOUNT_LIST_MODEL (object);

  clear_orders (self);
  if (self->haystack != NULL)
    g_string_free (self->haystack, TRUE);
  g_free (self->haystack_offsets);
  g_free (self->search);
  g_free (self->folded_search);
  g_strfreev (self->words);
  g_free (self->visible);

  G_OBJECT_CLASS (tend_account_list_model_parent_class)->finalize (object);
}

static void
tend_account_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TendAccountListModel *self = TEND_ACCOUNT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_list_model_class_init (TendAccountListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_account_list_model_finalize;
  object_class->get_property = tend_account_list_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_account_list_model_init (TendAccountListModel *self)
{
  self->sort = TEND_ACCOUNT_SORT_NAME;
}

TendAccountListModel *
tend_account_list_model_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNT_LIST_MODEL, NULL);
}

/* The book stays owned by the caller, who must call this again (with the
 * new book or NULL) before freeing it. */
void
tend_account_list_model_set_book (TendAccountListModel *self,
                                  const TendBook       *book)
{
  guint old_n;

  g_return_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self));
  old_n = self->n_visible;

  /* The old positions name accounts of the old book: replace them all. */
  self->book = book;
  clear_orders (self);
  build_haystack (self);
  compute_visible (self, FALSE);
  announce (self, old_n);
}

gboolean
tend_account_list_model_has_book (TendAccountListModel *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self), FALSE);
  return self->book != NULL;
}

guint
tend_account_list_model_get_n_accounts (TendAccountListModel *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self), 0);
  return self->book != NULL ? self->book->n_accounts : 0;
}

/* Words separated by spaces must all appear in the name, the domain or the
 * owner's name, in any case. */
void
tend_account_list_model_set_search (TendAccountListModel *self,
                                    const char           *text)
{
  g_autofree char *folded = NULL;
  gboolean refine;

  g_return_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self));

  folded = fold (text != NULL ? text : "");
  if (g_strcmp0 (folded, self->folded_search) == 0)
    {
      g_free (self->search);
      self->search = g_strdup (text);
      return;
    }
  refine = self->folded_search != NULL && *self->folded_search != '\0' &&
           g_str_has_prefix (folded, self->folded_search);

  g_free (self->search);
  self->search = g_strdup (text);
  g_free (self->folded_search);
  self->folded_search = g_steal_pointer (&folded);
  g_strfreev (self->words);
  self->words = g_strsplit_set (g_strstrip (self->folded_search), " \t\n", -1);
  /* Runs of spaces leave empty words: drop them. */
  {
    guint n = 0;
    for (guint i = 0; self->words[i] != NULL; i++)
      if (*self->words[i] != '\0')
        self->words[n++] = self->words[i];
      else
        g_free (self->words[i]);
    self->words[n] = NULL;
  }
  update_visible (self, refine && self->book != NULL);
}

const char *
tend_account_list_model_get_search (TendAccountListModel *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self), NULL);
  return self->search != NULL ? self->search : "";
}

void
tend_account_list_model_set_sort (TendAccountListModel *self,
                                  TendAccountSort       sort,
                                  gboolean              descending)
{
  g_return_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self));
  g_return_if_fail (sort < TEND_N_ACCOUNT_SORTS);

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  if (self->book != NULL)
    update_visible (self, FALSE);
}

/* The position of an account, or G_MAXUINT when it is not shown. */
guint
tend_account_list_model_find (TendAccountListModel *self,
                              const char           *account_id)
{
  gint index;

  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST_MODEL (self), G_MAXUINT);

  if (self->book == NULL || account_id == NULL)
    return G_MAXUINT;
  index = tend_book_account_index (self->book, account_id);
  if (index < 0)
    return G_MAXUINT;
  for (guint i = 0; i < self->n_visible; i++)
    if (self->visible[i] == (guint) index)
      return i;
  return G_MAXUINT;
}
