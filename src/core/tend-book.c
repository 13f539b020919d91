// The mirrored CRM data of a workspace, loaded into compact arrays for compute.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-book.h"
#include "tend-error.h"

static const char *stage_names[TEND_N_STAGES] = { "onboarding", "adoption", "expansion", "renewal" };
static const char *priority_names[TEND_N_PRIORITIES] = { "low", "medium", "high", "urgent" };
static const char *survey_names[TEND_N_SURVEY_TYPES] = { "NPS", "CSAT", "CES" };
static const char *category_names[] = { "new", "renewal", "expansion" };
static const char *status_names[] = { "open", "won", "lost" };

static int
index_of (const char * const *names,
          int                 n,
          const char         *text)
{
  if (text == NULL)
    return -1;
  for (int i = 0; i < n; i++)
    if (g_ascii_strcasecmp (names[i], text) == 0)
      return i;
  return -1;
}

const char *
tend_stage_to_string (TendStage stage)
{
  return (stage >= 0 && stage < TEND_N_STAGES) ? stage_names[stage] : NULL;
}

TendStage
tend_stage_from_string (const char *text)
{
  return (TendStage) index_of (stage_names, TEND_N_STAGES, text);
}

const char *
tend_priority_to_string (TendPriority priority)
{
  return (priority >= 0 && priority < TEND_N_PRIORITIES) ? priority_names[priority] : NULL;
}

TendPriority
tend_priority_from_string (const char *text)
{
  return (TendPriority) index_of (priority_names, TEND_N_PRIORITIES, text);
}

const char *
tend_survey_type_to_string (TendSurveyType type)
{
  return (type >= 0 && type < TEND_N_SURVEY_TYPES) ? survey_names[type] : NULL;
}

TendSurveyType
tend_survey_type_from_string (const char *text)
{
  return (TendSurveyType) index_of (survey_names, TEND_N_SURVEY_TYPES, text);
}

const char *
tend_deal_category_to_string (TendDealCategory category)
{
  return (category >= 0 && category <= TEND_DEAL_EXPANSION) ? category_names[category] : NULL;
}

TendDealCategory
tend_deal_category_from_string (const char *text)
{
  return (TendDealCategory) index_of (category_names, G_N_ELEMENTS (category_names), text);
}

const char *
tend_deal_status_to_string (TendDealStatus status)
{
  return (status >= 0 && status <= TEND_DEAL_LOST) ? status_names[status] : NULL;
}

static const char *
chunk (TendBook     *book,
       sqlite3_stmt *stmt,
       int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? g_string_chunk_insert_const (book->strings, text) : NULL;
}

static const char *
chunk_unique (TendBook     *book,
              sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? g_string_chunk_insert (book->strings, text) : NULL;
}

static TendDay
column_day (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  TendDay day = TEND_DAY_NONE;

  if (text != NULL && !tend_day_parse (text, &day, NULL))
    day = TEND_DAY_NONE;
  return day;
}

static TendDay
column_instant_day (sqlite3_stmt *stmt,
                    int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  TendDay day = TEND_DAY_NONE;

  /* Instants are stored normalised to UTC, so the day is the first ten. */
  if (text != NULL && strlen (text) >= 10)
    {
      char buf[11];
      memcpy (buf, text, 10);
      buf[10] = '\0';
      if (!tend_day_parse (buf, &day, NULL))
        day = TEND_DAY_NONE;
    }
  return day;
}

static gint64
count_rows (TendStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

static gboolean
step_error (TendStore    *store,
            sqlite3_stmt *stmt,
            int           rc,
            GError      **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  tend_store_set_error (store, error, "Could not read the workspace");
  return FALSE;
}

static gboolean
load_owners (TendBook   *book,
             TendStore  *store,
             GError    **error)
{
  static const char sql[] = "SELECT id, name, email, team FROM owners ORDER BY name, id";
  static const char count_sql[] = "SELECT count(*) FROM owners";
  sqlite3_stmt *stmt;
  gint64 n = count_rows (store, count_sql);
  int rc;

  book->owners = g_new0 (TendOwner, n + 1);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && book->n_owners < n)
    {
      TendOwner *o = &book->owners[book->n_owners++];
      o->id = chunk_unique (book, stmt, 0);
      o->name = chunk (book, stmt, 1);
      o->email = chunk (book, stmt, 2);
      o->team = chunk (book, stmt, 3);
    }
  for (guint i = 0; i < book->n_owners; i++)
    g_hash_table_insert (book->owner_index, (gpointer) book->owners[i].id, GUINT_TO_POINTER (i + 1));
  return step_error (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

static gboolean
load_accounts (TendBook   *book,
               TendStore  *store,
               GError    **error)
{
  static const char sql[] =
    "SELECT id, name, domain, owner_id, exec_owner_id, segment, region, business_unit,"
    " product_line, currency, arr, arr_prior_year, licensed_seats, active_users_30d,"
    " overdue_amount, stage_override, contract_start, contract_end, last_activity, churn_date"
    " FROM accounts ORDER BY name COLLATE NOCASE, id";
  static const char count_sql[] = "SELECT count(*) FROM accounts";
  sqlite3_stmt *stmt;
  gint64 n = count_rows (store, count_sql);
  int rc;

  book->accounts = g_new0 (TendAccount, n + 1);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && book->n_accounts < n)
    {
      TendAccount *a = &book->accounts[book->n_accounts++];

      a->id = chunk_unique (book, stmt, 0);
      a->name = chunk_unique (book, stmt, 1);
      a->domain = chunk_unique (book, stmt, 2);
      a->owner_id = chunk (book, stmt, 3);
      a->exec_owner_id = chunk (book, stmt, 4);
      a->segment = chunk (book, stmt, 5);
      a->region = chunk (book, stmt, 6);
      a->business_unit = chunk (book, stmt, 7);
      a->product_line = chunk (book, stmt, 8);
      a->currency = chunk (book, stmt, 9);
#define OPT_INT(field, col) \
      if ((a->has_##field = sqlite3_column_type (stmt, col) != SQLITE_NULL)) \
        a->field = sqlite3_column_int64 (stmt, col)
      OPT_INT (arr, 10);
      OPT_INT (arr_prior_year, 11);
      OPT_INT (licensed_seats, 12);
      OPT_INT (active_users_30d, 13);
      OPT_INT (overdue_amount, 14);
#undef OPT_INT
      a->stage_override = tend_stage_from_string ((const char *) sqlite3_column_text (stmt, 15));
      a->contract_start = column_day (stmt, 16);
      a->contract_end = column_day (stmt, 17);
      a->last_activity = column_day (stmt, 18);
      a->churn_date = column_day (stmt, 19);
    }
  for (guint i = 0; i < book->n_accounts; i++)
    g_hash_table_insert (book->account_index, (gpointer) book->accounts[i].id, GUINT_TO_POINTER (i + 1));
  return step_error (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* Links each account to its contiguous run of child rows. Rows are sorted by
 * account id, so one pass finds every run. */
#define LINK_RUNS(book, array, n, start_field, n_field)                        \
  G_STMT_START {                                                               \
    guint i_ = 0;                                                              \
    while (i_ < (n))                                                           \
      {                                                                        \
        const char *acc_ = (array)[i_].account_id;                             \
        guint j_ = i_;                                                         \
        while (j_ < (n) && g_strcmp0 ((array)[j_].account_id, acc_) == 0)      \
          j_++;                                                                \
        if (acc_ != NULL)                                                      \
          {                                                                    \
            gint idx_ = tend_book_account_index ((book), acc_);                \
            if (idx_ >= 0)                                                     \
              {                                                                \
                (book)->accounts[idx_].start_field = i_;                       \
                (book)->accounts[idx_].n_field = j_ - i_;                      \
              }                                                                \
          }                                                                    \
        i_ = j_;                                                               \
      }                                                                        \
  } G_STMT_END

static gboolean
load_deals (TendBook   *book,
            TendStore  *store,
            GError    **error)
{
  static const char sql[] =
    "SELECT id, account_id, name, stage, owner_id, currency, category, status, amount, close_date"
    " FROM deals ORDER BY account_id, close_date, id";
  static const char count_sql[] = "SELECT count(*) FROM deals";
  sqlite3_stmt *stmt;
  gint64 n = count_rows (store, count_sql);
  int rc;

  book->deals = g_new0 (TendDeal, n + 1);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && book->n_deals < n)
    {
      TendDeal *d = &book->deals[book->n_deals++];
      const char *status = (const char *) sqlite3_column_text (stmt, 7);

      d->id = chunk_unique (book, stmt, 0);
      d->account_id = chunk (book, stmt, 1);
      d->name = chunk_unique (book, stmt, 2);
      d->stage = chunk (book, stmt, 3);
      d->owner_id = chunk (book, stmt, 4);
      d->currency = chunk (book, stmt, 5);
      d->category = tend_deal_category_from_string ((const char *) sqlite3_column_text (stmt, 6));
      d->status = g_strcmp0 (status, "won") == 0 ? TEND_DEAL_WON
                : g_strcmp0 (status, "lost") == 0 ? TEND_DEAL_LOST : TEND_DEAL_OPEN;
      if ((d->has_amount = sqlite3_column_type (stmt, 8) != SQLITE_NULL))
        d->amount = sqlite3_column_int64 (stmt, 8);
      d->close_date = column_instant_day (stmt, 9);
      d->is_linked = d->account_id != NULL && tend_book_account_index (book, d->account_id) >= 0;
    }
  LINK_RUNS (book, book->deals, book->n_deals, deals_start, n_deals);
  return step_error (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

static gboolean
load_tickets (TendBook   *book,
              TendStore  *store,
              GError    **error)
{
  static const char sql[] =
    "SELECT id, account_id, subject, priority, created_at, closed_at"
    " FROM tickets ORDER BY account_id, created_at, id";
  static const char count_sql[] = "SELECT count(*) FROM tickets";
  sqlite3_stmt *stmt;
  gint64 n = count_rows (store, count_sql);
  int rc;

  book->tickets = g_new0 (TendTicket, n + 1);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && book->n_tickets < n)
    {
      TendTicket *t = &book->tickets[book->n_tickets++];

      t->id = chunk_unique (book, stmt, 0);
      t->account_id = chunk (book, stmt, 1);
      t->subject = chunk_unique (book, stmt, 2);
      t->priority = tend_priority_from_string ((const char *) sqlite3_column_text (stmt, 3));
      t->created_at = chunk_unique (book, stmt, 4);
      t->closed_at = chunk_unique (book, stmt, 5);
      t->created_day = column_instant_day (stmt, 4);
      t->closed_day = column_instant_day (stmt, 5);
    }
  LINK_RUNS (book, book->tickets, book->n_tickets, tickets_start, n_tickets);
  return step_error (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

static gboolean
load_surveys (TendBook   *book,
              TendStore  *store,
              GError    **error)
{
  static const char sql[] =
    "SELECT id, account_id, type, value, verbatim, submitted_at, respondent"
    " FROM survey_responses ORDER BY account_id, submitted_at, id";
  static const char count_sql[] = "SELECT count(*) FROM survey_responses";
  sqlite3_stmt *stmt;
  gint64 n = count_rows (store, count_sql);
  int rc;

  book->surveys = g_new0 (TendSurvey, n + 1);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && book->n_surveys < n)
    {
      TendSurvey *s = &book->surveys[book->n_surveys++];

      s->id = chunk_unique (book, stmt, 0);
      s->account_id = chunk (book, stmt, 1);
      s->type = tend_survey_type_from_string ((const char *) sqlite3_column_text (stmt, 2));
      s->value = sqlite3_column_double (stmt, 3);
      s->verbatim = chunk_unique (book, stmt, 4);
      s->submitted_at = chunk_unique (book, stmt, 5);
      s->submitted_day = column_instant_day (stmt, 5);
      s->respondent = chunk (book, stmt, 6);
    }
  LINK_RUNS (book, book->surveys, book->n_surveys, surveys_start, n_surveys);
  return step_error (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* Reads the whole mirror in one read transaction, so a sync writing at the
 * same time never shows half a page. */
TendBook *
tend_book_load (TendStore  *store,
                GError    **error)
{
  g_autoptr(TendBook) book = g_new0 (TendBook, 1);
  gboolean ok;

  book->strings = g_string_chunk_new (64 * 1024);
  book->account_index = g_hash_table_new (g_str_hash, g_str_equal);
  book->owner_index = g_hash_table_new (g_str_hash, g_str_equal);

  if (!tend_store_exec (store, "BEGIN", error))
    return NULL;
  ok = load_owners (book, store, error) &&
       load_accounts (book, store, error) &&
       load_deals (book, store, error) &&
       load_tickets (book, store, error) &&
       load_surveys (book, store, error);
  tend_store_exec (store, "COMMIT", NULL);
  if (!ok)
    return NULL;
  return g_steal_pointer (&book);
}

void
tend_book_free (TendBook *book)
{
  if (book == NULL)
    return;
  g_free (book->owners);
  g_free (book->accounts);
  g_free (book->deals);
  g_free (book->tickets);
  g_free (book->surveys);
  g_clear_pointer (&book->account_index, g_hash_table_unref);
  g_clear_pointer (&book->owner_index, g_hash_table_unref);
  g_clear_pointer (&book->strings, g_string_chunk_free);
  g_free (book);
}

gint
tend_book_account_index (const TendBook *book,
                         const char     *account_id)
{
  gpointer v;

  if (account_id == NULL)
    return -1;
  v = g_hash_table_lookup (book->account_index, account_id);
  return v ? (gint) GPOINTER_TO_UINT (v) - 1 : -1;
}

const TendAccount *
tend_book_find_account (const TendBook *book,
                        const char     *account_id)
{
  gint i = tend_book_account_index (book, account_id);

  return i >= 0 ? &book->accounts[i] : NULL;
}

const TendOwner *
tend_book_find_owner (const TendBook *book,
                      const char     *owner_id)
{
  gpointer v = owner_id ? g_hash_table_lookup (book->owner_index, owner_id) : NULL;

  return v ? &book->owners[GPOINTER_TO_UINT (v) - 1] : NULL;
}

const char *
tend_book_owner_name (const TendBook *book,
                      const char     *owner_id)
{
  const TendOwner *owner = tend_book_find_owner (book, owner_id);

  if (owner != NULL && owner->name != NULL && *owner->name != '\0')
    return owner->name;
  return owner_id;
}

/* DOMAIN.md 8: the churn date when set; otherwise the close date of its
 * lost renewal deal (the earliest, should there be several). */
TendDay
tend_account_churn_day (const TendBook    *book,
                        const TendAccount *account)
{
  TendDay day = TEND_DAY_NONE;

  if (account->churn_date != TEND_DAY_NONE)
    return account->churn_date;
  for (guint i = 0; i < account->n_deals; i++)
    {
      const TendDeal *d = &book->deals[account->deals_start + i];
      if (d->category == TEND_DEAL_RENEWAL && d->status == TEND_DEAL_LOST &&
          d->close_date != TEND_DAY_NONE && (day == TEND_DAY_NONE || d->close_date < day))
        day = d->close_date;
    }
  return day;
}

gboolean
tend_account_is_churned (const TendBook    *book,
                         const TendAccount *account,
                         TendDay            as_of)
{
  TendDay day = tend_account_churn_day (book, account);

  return day != TEND_DAY_NONE && day <= as_of;
}

/* DOMAIN.md 6: the contract end, refined by the earliest open renewal deal's
 * close date. */
TendDay
tend_account_renewal_day (const TendBook    *book,
                          const TendAccount *account)
{
  TendDay day = TEND_DAY_NONE;

  for (guint i = 0; i < account->n_deals; i++)
    {
      const TendDeal *d = &book->deals[account->deals_start + i];
      if (d->category == TEND_DEAL_RENEWAL && d->status == TEND_DEAL_OPEN &&
          d->close_date != TEND_DAY_NONE && (day == TEND_DAY_NONE || d->close_date < day))
        day = d->close_date;
    }
  return day != TEND_DAY_NONE ? day : account->contract_end;
}

/* DOMAIN.md 4: the override, else the first rule that applies on as_of. */
TendStage
tend_account_stage (const TendBook    *book,
                    const TendAccount *account,
                    TendDay            as_of)
{
  if (account->stage_override != TEND_STAGE_NONE)
    return account->stage_override;
  if (account->contract_start != TEND_DAY_NONE &&
      account->contract_start > as_of - 90 && account->contract_start <= as_of)
    return TEND_STAGE_ONBOARDING;
  if (account->contract_end != TEND_DAY_NONE &&
      account->contract_end >= as_of && account->contract_end <= as_of + 120)
    return TEND_STAGE_RENEWAL;
  for (guint i = 0; i < account->n_deals; i++)
    {
      const TendDeal *d = &book->deals[account->deals_start + i];
      if (d->category == TEND_DEAL_EXPANSION && d->status == TEND_DEAL_OPEN)
        return TEND_STAGE_EXPANSION;
    }
  return TEND_STAGE_ADOPTION;
}
