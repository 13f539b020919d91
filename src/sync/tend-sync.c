// The sync engine: mirrors a CRM into a workspace, page by page, resumably.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tend-connector.h"
#include "tend-error.h"
#include "tend-http.h"
#include "tend-hubspot.h"
#include "tend-mapping.h"
#include "tend-salesforce.h"
#include "tend-store.h"
#include "tend-sync.h"

/* The report keeps this many skipped records; sync_issues keeps them all. */
#define MAX_REPORTED_SKIPS 1000

/* Engine cursors in sync_state.cursor: "<phase>:<connector cursor>", with
 * an empty connector cursor for a phase's first page; NULL when the type's
 * last run completed. */
#define PHASE_LIST    "list:"
#define PHASE_SEARCH  "search:"
#define PHASE_DELETED "deleted:"

typedef struct {
  TendSyncSkippedRecord  pub;
  char                  *object_type;
  char                  *record_id;
  char                  *reason;
} SkippedRecord;

struct _TendSyncReport
{
  GObject             parent_instance;

  gboolean            succeeded;
  char               *error_message;
  char               *provider;
  char               *base_url;
  gint64              duration_ms;
  guint               n_requests;
  TendSyncTypeReport  types[TEND_N_OBJECTS];
  GPtrArray          *skipped;
  gint64              total_skipped;
};

G_DEFINE_FINAL_TYPE (TendSyncReport, tend_sync_report, G_TYPE_OBJECT)

/* Where each kind lives in the workspace. Columns after id, before
 * modified_ms and sync_gen, in the order of the upsert's parameters. */
typedef struct {
  const char         *table;
  const char * const *columns;
  const char         *upsert_sql;
  const char         *delete_sql;
  const char         *prune_sql;
} KindTable;

static const char * const owner_columns[] = { "name", "email", "team", NULL };
static const char owner_upsert_sql[] =
  "INSERT INTO owners (id, name, email, team, modified_ms, sync_gen) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  " ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, team = excluded.team,"
  " modified_ms = excluded.modified_ms, sync_gen = excluded.sync_gen";
static const char owner_delete_sql[] = "DELETE FROM owners WHERE id = ?1";
static const char owner_prune_sql[] = "DELETE FROM owners WHERE sync_gen < ?1";

static const char * const account_columns[] = {
  "name", "domain", "owner_id", "exec_owner_id", "segment", "region", "business_unit",
  "product_line", "arr", "arr_prior_year", "currency", "contract_start", "contract_end",
  "licensed_seats", "active_users_30d", "last_activity", "overdue_amount", "stage_override",
  "churn_date", NULL
};
static const char account_upsert_sql[] =
  "INSERT INTO accounts (id, name, domain, owner_id, exec_owner_id, segment, region, business_unit,"
  " product_line, arr, arr_prior_year, currency, contract_start, contract_end, licensed_seats,"
  " active_users_30d, last_activity, overdue_amount, stage_override, churn_date, modified_ms, sync_gen)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
  " ON CONFLICT (id) DO UPDATE SET name = excluded.name, domain = excluded.domain,"
  " owner_id = excluded.owner_id, exec_owner_id = excluded.exec_owner_id, segment = excluded.segment,"
  " region = excluded.region, business_unit = excluded.business_unit, product_line = excluded.product_line,"
  " arr = excluded.arr, arr_prior_year = excluded.arr_prior_year, currency = excluded.currency,"
  " contract_start = excluded.contract_start, contract_end = excluded.contract_end,"
  " licensed_seats = excluded.licensed_seats, active_users_30d = excluded.active_users_30d,"
  " last_activity = excluded.last_activity, overdue_amount = excluded.overdue_amount,"
  " stage_override = excluded.stage_override, churn_date = excluded.churn_date,"
  " modified_ms = excluded.modified_ms, sync_gen = excluded.sync_gen";
static const char account_delete_sql[] = "DELETE FROM accounts WHERE id = ?1";
static const char account_prune_sql[] = "DELETE FROM accounts WHERE sync_gen < ?1";

static const char * const deal_columns[] = {
  "account_id", "name", "category", "amount", "currency", "stage", "status", "close_date", "owner_id", NULL
};
static const char deal_upsert_sql[] =
  "INSERT INTO deals (id, account_id, name, category, amount, currency, stage, status, close_date,"
  " owner_id, modified_ms, sync_gen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
  " ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name,"
  " category = excluded.category, amount = excluded.amount, currency = excluded.currency,"
  " stage = excluded.stage, status = excluded.status, close_date = excluded.close_date,"
  " owner_id = excluded.owner_id, modified_ms = excluded.modified_ms, sync_gen = excluded.sync_gen";
static const char deal_delete_sql[] = "DELETE FROM deals WHERE id = ?1";
static const char deal_prune_sql[] = "DELETE FROM deals WHERE sync_gen < ?1";

static const char * const ticket_columns[] = {
  "account_id", "subject", "priority", "created_at", "closed_at", NULL
};
static const char ticket_upsert_sql[] =
  "INSERT INTO tickets (id, account_id, subject, priority, created_at, closed_at, modified_ms, sync_gen)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
  " ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, subject = excluded.subject,"
  " priority = excluded.priority, created_at = excluded.created_at, closed_at = excluded.closed_at,"
  " modified_ms = excluded.modified_ms, sync_gen = excluded.sync_gen";
static const char ticket_delete_sql[] = "DELETE FROM tickets WHERE id = ?1";
static const char ticket_prune_sql[] = "DELETE FROM tickets WHERE sync_gen < ?1";

static const char * const survey_columns[] = {
  "account_id", "type", "value", "verbatim", "submitted_at", "respondent", NULL
};
static const char survey_upsert_sql[] =
  "INSERT INTO survey_responses (id, account_id, type, value, verbatim, submitted_at, respondent,"
  " modified_ms, sync_gen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
  " ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, type = excluded.type,"
  " value = excluded.value, verbatim = excluded.verbatim, submitted_at = excluded.submitted_at,"
  " respondent = excluded.respondent, modified_ms = excluded.modified_ms, sync_gen = excluded.sync_gen";
static const char survey_delete_sql[] = "DELETE FROM survey_responses WHERE id = ?1";
static const char survey_prune_sql[] = "DELETE FROM survey_responses WHERE sync_gen < ?1";

static const KindTable kind_tables[TEND_N_OBJECTS] = {
  { "owners", owner_columns, owner_upsert_sql, owner_delete_sql, owner_prune_sql },
  { "accounts", account_columns, account_upsert_sql, account_delete_sql, account_prune_sql },
  { "deals", deal_columns, deal_upsert_sql, deal_delete_sql, deal_prune_sql },
  { "tickets", ticket_columns, ticket_upsert_sql, ticket_delete_sql, ticket_prune_sql },
  { "survey_responses", survey_columns, survey_upsert_sql, survey_delete_sql, survey_prune_sql },
};

static const char state_ensure_sql[] =
  "INSERT INTO sync_state (object_type) VALUES (?1) ON CONFLICT (object_type) DO NOTHING";
static const char state_read_sql[] =
  "SELECT mode, cursor, generation, high_water_ms, last_success, provider FROM sync_state WHERE object_type = ?1";
static const char state_start_sql[] =
  "UPDATE sync_state SET provider = ?2, mode = ?3, cursor = ?4, generation = ?5, last_started = ?6,"
  " records_seen = 0, records_skipped = 0, records_deleted = 0, last_error = NULL"
  " WHERE object_type = ?1";
static const char state_page_sql[] =
  "UPDATE sync_state SET cursor = ?2, records_seen = records_seen + ?3,"
  " records_skipped = records_skipped + ?4, records_deleted = records_deleted + ?5,"
  " high_water_ms = max (high_water_ms, ?6) WHERE object_type = ?1";
static const char state_success_sql[] =
  "UPDATE sync_state SET cursor = NULL, last_finished = ?2, last_success = ?2, last_error = NULL"
  " WHERE object_type = ?1";
static const char state_failed_sql[] =
  "UPDATE sync_state SET last_finished = ?2, last_error = ?3 WHERE object_type = ?1";
static const char issues_clear_sql[] = "DELETE FROM sync_issues WHERE object_type = ?1";
static const char issue_insert_sql[] =
  "INSERT INTO sync_issues (object_type, record_id, reason, seen_at) VALUES (?1, ?2, ?3, ?4)";

typedef struct {
  TendStore             *store;
  TendConnector         *connector;
  const TendSyncOptions *options;
  GCancellable          *cancellable;
  TendSyncProgressFunc   progress;
  gpointer               progress_data;
  TendSyncReport        *report;
  TendObjectKind         kind;
  const char            *phase;
  gboolean               force_full;
  gboolean               portal_changed;
  gboolean               in_transaction;
} Run;

/* Options */

void
tend_sync_options_init (TendSyncOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->provider = g_strdup (TEND_SYNC_DEFAULT_PROVIDER);
  options->base_url = g_strdup (TEND_SYNC_DEFAULT_BASE_URL);
}

void
tend_sync_options_clear (TendSyncOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->provider, g_free);
  g_clear_pointer (&options->base_url, g_free);
  if (options->token != NULL)
    memset (options->token, 0, strlen (options->token));
  g_clear_pointer (&options->token, g_free);
  g_clear_pointer (&options->mapping_overrides, g_hash_table_unref);
  options->full = FALSE;
}

void
tend_sync_options_copy (const TendSyncOptions *src,
                        TendSyncOptions       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);

  memset (dest, 0, sizeof *dest);
  dest->provider = g_strdup (src->provider);
  dest->base_url = g_strdup (src->base_url);
  dest->token = g_strdup (src->token);
  dest->full = src->full;
  if (src->mapping_overrides != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      dest->mapping_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, src->mapping_overrides);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (dest->mapping_overrides, g_strdup (key), g_strdup (value));
    }
}

/* Report */

static void
skipped_record_free (gpointer data)
{
  SkippedRecord *skipped = data;

  g_free (skipped->object_type);
  g_free (skipped->record_id);
  g_free (skipped->reason);
  g_free (skipped);
}

static void
tend_sync_report_finalize (GObject *object)
{
  TendSyncReport *self = TEND_SYNC_REPORT (object);

  g_free (self->error_message);
  g_free (self->provider);
  g_free (self->base_url);
  g_ptr_array_unref (self->skipped);

  G_OBJECT_CLASS (tend_sync_report_parent_class)->finalize (object);
}

static void
tend_sync_report_class_init (TendSyncReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_sync_report_finalize;
}

static void
tend_sync_report_init (TendSyncReport *self)
{
  self->skipped = g_ptr_array_new_with_free_func (skipped_record_free);
  for (guint i = 0; i < TEND_N_OBJECTS; i++)
    self->types[i].object_type = tend_object_kind_get_name (i);
}

static void
report_add_skipped (TendSyncReport *self,
                    TendObjectKind  kind,
                    const char     *record_id,
                    const char     *reason)
{
  SkippedRecord *skipped;

  self->total_skipped++;
  if (self->skipped->len >= MAX_REPORTED_SKIPS)
    return;
  skipped = g_new0 (SkippedRecord, 1);
  skipped->object_type = g_strdup (tend_object_kind_get_name (kind));
  skipped->record_id = g_strdup (record_id);
  skipped->reason = g_strdup (reason);
  skipped->pub.object_type = skipped->object_type;
  skipped->pub.record_id = skipped->record_id;
  skipped->pub.reason = skipped->reason;
  g_ptr_array_add (self->skipped, skipped);
}

gboolean
tend_sync_report_get_succeeded (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), FALSE);
  return self->succeeded;
}

const char *
tend_sync_report_get_error_message (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);
  return self->error_message;
}

const char *
tend_sync_report_get_mode (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);

  for (guint i = TEND_OBJECT_ACCOUNTS; i < TEND_N_OBJECTS; i++)
    if (g_strcmp0 (self->types[i].mode, "full") == 0)
      return "full";
  for (guint i = TEND_OBJECT_ACCOUNTS; i < TEND_N_OBJECTS; i++)
    if (self->types[i].mode != NULL)
      return self->types[i].mode;
  return self->types[TEND_OBJECT_OWNERS].mode;
}

const char *
tend_sync_report_get_provider (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);
  return self->provider;
}

const char *
tend_sync_report_get_base_url (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);
  return self->base_url;
}

gint64
tend_sync_report_get_duration_ms (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), 0);
  return self->duration_ms;
}

guint
tend_sync_report_get_n_requests (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), 0);
  return self->n_requests;
}

guint
tend_sync_report_get_n_types (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), 0);
  return TEND_N_OBJECTS;
}

const TendSyncTypeReport *
tend_sync_report_get_type_report (TendSyncReport *self,
                                  guint           index)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);
  g_return_val_if_fail (index < TEND_N_OBJECTS, NULL);
  return &self->types[index];
}

const TendSyncTypeReport *
tend_sync_report_lookup_type (TendSyncReport *self,
                              const char     *object_type)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);

  for (guint i = 0; i < TEND_N_OBJECTS; i++)
    if (g_strcmp0 (self->types[i].object_type, object_type) == 0)
      return &self->types[i];
  return NULL;
}

gint64
tend_sync_report_get_total_skipped (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), 0);
  return self->total_skipped;
}

guint
tend_sync_report_get_n_skipped (TendSyncReport *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), 0);
  return self->skipped->len;
}

const TendSyncSkippedRecord *
tend_sync_report_get_skipped (TendSyncReport *self,
                              guint           index)
{
  g_return_val_if_fail (TEND_IS_SYNC_REPORT (self), NULL);
  g_return_val_if_fail (index < self->skipped->len, NULL);
  return &((SkippedRecord *) g_ptr_array_index (self->skipped, index))->pub;
}

/* Engine */

static void
emit_progress (Run        *run,
               const char *phase)
{
  TendSyncTypeReport *type = &run->report->types[run->kind];
  TendSyncProgress progress = {
    .object_type = type->object_type,
    .pages = type->pages,
    .records = type->written,
    .skipped = type->skipped,
    .deleted = type->deleted,
    .phase = phase,
  };

  if (run->progress != NULL)
    run->progress (&progress, run->progress_data);
}

static void
on_http_wait (guint    wait_ms,
              guint    status,
              gpointer user_data)
{
  emit_progress (user_data, "waiting");
}

static void
bind_node (sqlite3_stmt *stmt,
           int           index,
           JsonNode     *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
  else
    tend_stmt_bind_text (stmt, index, json_node_get_string (node));
}

static gboolean
begin (Run     *run,
       GError **error)
{
  if (!tend_store_begin (run->store, error))
    return FALSE;
  run->in_transaction = TRUE;
  return TRUE;
}

static gboolean
commit (Run     *run,
        GError **error)
{
  if (!tend_store_commit (run->store, error))
    return FALSE;
  run->in_transaction = FALSE;
  return TRUE;
}

static gboolean
check_cancelled (Run     *run,
                 GError **error)
{
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "The sync was cancelled");
      return FALSE;
    }
  return TRUE;
}

/* Upserts a page's records (the last of duplicate ids wins) and records its
 * skips; the caller holds the transaction. */
static gboolean
write_records (Run       *run,
               TendPage  *page,
               gint64     generation,
               gint64    *out_written,
               GError   **error)
{
  const KindTable *table = &kind_tables[run->kind];
  const char *object_type = tend_object_kind_get_name (run->kind);
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *now = tend_store_now_iso ();
  gint64 written = 0;

  for (guint i = 0; i < page->records->len; i++)
    {
      TendRecord *record = g_ptr_array_index (page->records, i);
      g_hash_table_insert (last, record->id, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < page->records->len; i++)
    {
      TendRecord *record = g_ptr_array_index (page->records, i);
      sqlite3_stmt *stmt;
      int n = 2;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (last, record->id)) != i)
        continue;
      if ((stmt = tend_store_prepare (run->store, table->upsert_sql, error)) == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, record->id);
      for (guint c = 0; table->columns[c] != NULL; c++)
        bind_node (stmt, n++, json_object_get_member (record->fields, table->columns[c]));
      sqlite3_bind_int64 (stmt, n++, record->modified_ms);
      sqlite3_bind_int64 (stmt, n++, generation);
      if (!tend_store_step_done (run->store, stmt, error))
        {
          g_prefix_error (error, "Cannot write %s %s: ", object_type, record->id);
          return FALSE;
        }
      written++;
    }

  for (guint i = 0; i < page->skipped->len; i++)
    {
      TendRecordIssue *issue = g_ptr_array_index (page->skipped, i);
      sqlite3_stmt *stmt = tend_store_prepare (run->store, issue_insert_sql, error);

      if (stmt == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, object_type);
      tend_stmt_bind_text (stmt, 2, issue->id);
      tend_stmt_bind_text (stmt, 3, issue->reason);
      tend_stmt_bind_text (stmt, 4, now);
      if (!tend_store_step_done (run->store, stmt, error))
        return FALSE;
    }

  *out_written = written;
  return TRUE;
}

static gboolean
delete_ids (Run       *run,
            TendPage  *page,
            gint64    *out_deleted,
            GError   **error)
{
  const KindTable *table = &kind_tables[run->kind];
  sqlite3 *db = tend_store_get_db (run->store);
  gint64 deleted = 0;

  for (guint i = 0; i < page->deleted_ids->len; i++)
    {
      sqlite3_stmt *stmt = tend_store_prepare (run->store, table->delete_sql, error);

      if (stmt == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, g_ptr_array_index (page->deleted_ids, i));
      if (!tend_store_step_done (run->store, stmt, error))
        return FALSE;
      deleted += sqlite3_changes (db);
    }
  *out_deleted = deleted;
  return TRUE;
}

static gboolean
update_state_page (Run         *run,
                   const char  *cursor,
                   gint64       seen,
                   gint64       skipped,
                   gint64       deleted,
                   gint64       max_modified_ms,
                   GError     **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (run->store, state_page_sql, error);

  if (stmt == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, tend_object_kind_get_name (run->kind));
  tend_stmt_bind_text (stmt, 2, cursor);
  sqlite3_bind_int64 (stmt, 3, seen);
  sqlite3_bind_int64 (stmt, 4, skipped);
  sqlite3_bind_int64 (stmt, 5, deleted);
  sqlite3_bind_int64 (stmt, 6, max_modified_ms);
  return tend_store_step_done (run->store, stmt, error);
}

static gboolean
mark_success (Run     *run,
              GError **error)
{
  g_autofree char *now = tend_store_now_iso ();
  sqlite3_stmt *stmt = tend_store_prepare (run->store, state_success_sql, error);

  if (stmt == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, tend_object_kind_get_name (run->kind));
  tend_stmt_bind_text (stmt, 2, now);
  return tend_store_step_done (run->store, stmt, error);
}

static void
mark_failed (Run        *run,
             const char *message)
{
  g_autofree char *now = tend_store_now_iso ();
  sqlite3_stmt *stmt = tend_store_prepare (run->store, state_failed_sql, NULL);

  if (stmt == NULL)
    return;
  tend_stmt_bind_text (stmt, 1, tend_object_kind_get_name (run->kind));
  tend_stmt_bind_text (stmt, 2, now);
  tend_stmt_bind_text (stmt, 3, message);
  if (!tend_store_step_done (run->store, stmt, NULL))
    g_warning ("Cannot record the sync error of %s", tend_object_kind_get_name (run->kind));
}

/* A connector cursor seen twice within a phase means the CRM's paging
 * loops; stop instead of spinning forever. */
static gboolean
check_loop (GHashTable  *seen,
            const char  *next_cursor,
            GError     **error)
{
  if (next_cursor == NULL)
    return TRUE;
  if (!g_hash_table_add (seen, g_strdup (next_cursor)))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                           "The CRM's paging went round in a loop; try again later or report it to the CRM's support");
      return FALSE;
    }
  return TRUE;
}

/* Records a page's skipped records in the report and its counters. */
static void
count_page (Run      *run,
            TendPage *page,
            gint64    written,
            gint64    deleted)
{
  TendSyncTypeReport *type = &run->report->types[run->kind];

  type->pages++;
  type->fetched += page->n_received;
  type->written += written;
  type->skipped += page->skipped->len;
  type->deleted += deleted;
  for (guint i = 0; i < page->skipped->len; i++)
    {
      TendRecordIssue *issue = g_ptr_array_index (page->skipped, i);
      report_add_skipped (run->report, run->kind, issue->id, issue->reason);
    }
}

static gboolean
run_full (Run         *run,
          const char  *resume,
          gint64       generation,
          GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = (resume && *resume) ? g_strdup (resume) : NULL;

  run->phase = "listing";
  emit_progress (run, run->phase);
  for (;;)
    {
      g_autoptr(TendPage) page = NULL;
      g_autofree char *state_cursor = NULL;
      gint64 written = 0, pruned = 0;

      if (!check_cancelled (run, error))
        return FALSE;
      page = tend_connector_list_page (run->connector, run->kind, cursor, run->cancellable, error);
      if (page == NULL || !check_loop (seen, page->next_cursor, error))
        return FALSE;

      if (!begin (run, error) ||
          !write_records (run, page, generation, &written, error))
        return FALSE;
      if (page->next_cursor != NULL)
        state_cursor = g_strconcat (PHASE_LIST, page->next_cursor, NULL);
      else
        {
          /* The last page: what no page of this generation saw is gone
           * from the CRM. */
          sqlite3_stmt *stmt = tend_store_prepare (run->store, kind_tables[run->kind].prune_sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, generation);
          if (!tend_store_step_done (run->store, stmt, error))
            return FALSE;
          pruned = sqlite3_changes (tend_store_get_db (run->store));
        }
      if (!update_state_page (run, state_cursor, page->n_received, page->skipped->len, pruned,
                              page->max_modified_ms, error) ||
          (page->next_cursor == NULL && !mark_success (run, error)) ||
          !commit (run, error))
        return FALSE;

      count_page (run, page, written, pruned);
      emit_progress (run, page->next_cursor ? run->phase : "pruning");
      if (page->next_cursor == NULL)
        return TRUE;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
}

static gboolean
run_deletions (Run         *run,
               const char  *resume,
               GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = (resume && *resume) ? g_strdup (resume) : NULL;

  run->phase = "deletions";
  emit_progress (run, run->phase);
  for (;;)
    {
      g_autoptr(TendPage) page = NULL;
      g_autofree char *state_cursor = NULL;
      gint64 deleted = 0;

      if (!check_cancelled (run, error))
        return FALSE;
      page = tend_connector_deleted_page (run->connector, run->kind, cursor, run->cancellable, error);
      if (page == NULL || !check_loop (seen, page->next_cursor, error))
        return FALSE;
      if (page->next_cursor != NULL)
        state_cursor = g_strconcat (PHASE_DELETED, page->next_cursor, NULL);
      if (!begin (run, error) ||
          !delete_ids (run, page, &deleted, error) ||
          !update_state_page (run, state_cursor, 0, 0, deleted, 0, error) ||
          (page->next_cursor == NULL && !mark_success (run, error)) ||
          !commit (run, error))
        return FALSE;

      run->report->types[run->kind].deleted += deleted;
      emit_progress (run, run->phase);
      if (page->next_cursor == NULL)
        return TRUE;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
}

static gboolean
run_incremental (Run         *run,
                 const char  *resume,
                 gint64       generation,
                 gint64       since_ms,
                 GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;

  if (resume != NULL && g_str_has_prefix (resume, PHASE_DELETED))
    return run_deletions (run, resume + strlen (PHASE_DELETED), error);
  if (resume != NULL && *resume)
    cursor = g_strdup (resume);

  run->phase = "searching";
  emit_progress (run, run->phase);
  for (;;)
    {
      g_autoptr(TendPage) page = NULL;
      g_autofree char *state_cursor = NULL;
      gint64 written = 0;

      if (!check_cancelled (run, error))
        return FALSE;
      page = tend_connector_changes_page (run->connector, run->kind, since_ms, cursor, run->cancellable, error);
      if (page == NULL || !check_loop (seen, page->next_cursor, error))
        return FALSE;
      state_cursor = page->next_cursor ? g_strconcat (PHASE_SEARCH, page->next_cursor, NULL)
                                       : g_strdup (PHASE_DELETED);
      if (!begin (run, error) ||
          !write_records (run, page, generation, &written, error) ||
          !update_state_page (run, state_cursor, page->n_received, page->skipped->len, 0,
                              page->max_modified_ms, error) ||
          !commit (run, error))
        return FALSE;

      count_page (run, page, written, 0);
      emit_progress (run, run->phase);
      if (page->next_cursor == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  return run_deletions (run, NULL, error);
}

static gboolean
sync_kind (Run             *run,
           TendObjectKind   kind,
           GError         **error)
{
  const char *object_type = tend_object_kind_get_name (kind);
  TendSyncTypeReport *type = &run->report->types[kind];
  g_autofree char *mode = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *last_success = NULL;
  g_autofree char *now = NULL;
  const char *resume = NULL;
  gint64 generation, high_water;
  gboolean is_full;
  guint requests_before = tend_connector_get_n_requests (run->connector);
  sqlite3_stmt *stmt;
  gboolean ok;

  run->kind = kind;
  if ((stmt = tend_store_prepare (run->store, state_ensure_sql, error)) == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, object_type);
  if (!tend_store_step_done (run->store, stmt, error))
    return FALSE;

  if ((stmt = tend_store_prepare (run->store, state_read_sql, error)) == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, object_type);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tend_store_set_error (run->store, error, "Cannot read the sync state");
      return FALSE;
    }
  mode = tend_stmt_column_dup (stmt, 0);
  cursor = tend_stmt_column_dup (stmt, 1);
  generation = sqlite3_column_int64 (stmt, 2);
  high_water = sqlite3_column_int64 (stmt, 3);
  last_success = tend_stmt_column_dup (stmt, 4);
  sqlite3_reset (stmt);

  /* Resume an interrupted run where its last committed page left it; a
   * forced full run only replaces an interrupted incremental one. */
  if (cursor != NULL && g_strcmp0 (mode, "full") == 0 && g_str_has_prefix (cursor, PHASE_LIST) &&
      !run->portal_changed)
    {
      is_full = TRUE;
      resume = cursor + strlen (PHASE_LIST);
    }
  else if (cursor != NULL && g_strcmp0 (mode, "incremental") == 0 && !run->force_full &&
           tend_connector_supports_changes (run->connector, kind) &&
           (g_str_has_prefix (cursor, PHASE_SEARCH) || g_str_has_prefix (cursor, PHASE_DELETED)))
    {
      is_full = FALSE;
      resume = g_str_has_prefix (cursor, PHASE_SEARCH) ? cursor + strlen (PHASE_SEARCH) : cursor;
    }
  else
    {
      is_full = run->force_full || last_success == NULL ||
                !tend_connector_supports_changes (run->connector, kind);
      now = tend_store_now_iso ();
      if (is_full)
        generation++;
      if (!begin (run, error))
        return FALSE;
      if ((stmt = tend_store_prepare (run->store, state_start_sql, error)) == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, object_type);
      tend_stmt_bind_text (stmt, 2, tend_connector_get_provider (run->connector));
      tend_stmt_bind_text (stmt, 3, is_full ? "full" : "incremental");
      tend_stmt_bind_text (stmt, 4, is_full ? PHASE_LIST : PHASE_SEARCH);
      sqlite3_bind_int64 (stmt, 5, generation);
      tend_stmt_bind_text (stmt, 6, now);
      if (!tend_store_step_done (run->store, stmt, error))
        return FALSE;
      if ((stmt = tend_store_prepare (run->store, issues_clear_sql, error)) == NULL)
        return FALSE;
      tend_stmt_bind_text (stmt, 1, object_type);
      if (!tend_store_step_done (run->store, stmt, error) || !commit (run, error))
        return FALSE;
    }

  type->mode = is_full ? "full" : "incremental";
  g_debug ("sync: %s %s%s (generation %" G_GINT64_FORMAT ", since %" G_GINT64_FORMAT ")",
           object_type, type->mode, resume ? ", resuming" : "", generation, high_water);
  if (is_full)
    ok = run_full (run, resume, generation, error);
  else
    ok = run_incremental (run, resume, generation, high_water, error);
  type->requests += tend_connector_get_n_requests (run->connector) - requests_before;
  if (!ok)
    return FALSE;
  type->completed = TRUE;
  emit_progress (run, "done");
  return TRUE;
}

static TendConnector *
create_connector (const TendSyncOptions  *options,
                  TendMapping            *mapping,
                  GError                **error)
{
  TendHttp *http;

  if (g_strcmp0 (options->provider, "salesforce") == 0)
    return TEND_CONNECTOR (tend_salesforce_new (options->base_url, options->token,
                                                options->mapping_overrides, error));
  if (g_strcmp0 (options->provider, "hubspot") != 0)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "Unknown CRM provider “%s”; use hubspot or salesforce", options->provider);
      return NULL;
    }
  if ((http = tend_http_new (options->base_url, options->token, error)) == NULL)
    return NULL;
  return TEND_CONNECTOR (tend_hubspot_new (http, mapping));
}

gboolean
tend_sync_run (const char             *workspace_path,
               const TendSyncOptions  *options,
               GCancellable           *cancellable,
               TendSyncProgressFunc    progress,
               gpointer                progress_data,
               TendSyncReport        **out_report,
               GError                **error)
{
  g_autoptr(TendSyncReport) report = g_object_new (TEND_TYPE_SYNC_REPORT, NULL);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendMapping) mapping = NULL;
  g_autoptr(TendConnector) connector = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *last_provider = NULL;
  g_autofree char *last_base_url = NULL;
  gint64 started = g_get_monotonic_time ();
  Run run = { NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (workspace_path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  report->provider = g_strdup (options->provider);
  report->base_url = g_strdup (options->base_url);

  if ((mapping = tend_mapping_new (options->mapping_overrides, &local_error)) == NULL ||
      (connector = create_connector (options, mapping, &local_error)) == NULL ||
      (store = tend_store_open (workspace_path, &local_error)) == NULL)
    ok = FALSE;

  if (ok)
    {
      run.store = store;
      run.connector = connector;
      run.options = options;
      run.cancellable = cancellable;
      run.progress = progress;
      run.progress_data = progress_data;
      run.report = report;
      tend_connector_set_wait_func (connector, on_http_wait, &run);

      /* Another portal's ids and cursors mean nothing here: start over. */
      last_provider = tend_store_meta_get (store, TEND_SYNC_META_PROVIDER);
      last_base_url = tend_store_meta_get (store, TEND_SYNC_META_BASE_URL);
      run.portal_changed = (last_provider != NULL && g_strcmp0 (last_provider, options->provider) != 0) ||
                           (last_base_url != NULL && g_strcmp0 (last_base_url, options->base_url) != 0);
      run.force_full = options->full || run.portal_changed;

      for (guint k = 0; k < TEND_N_OBJECTS && ok; k++)
        ok = sync_kind (&run, k, &local_error);

      if (ok)
        ok = tend_store_meta_set (store, TEND_SYNC_META_PROVIDER, options->provider, &local_error) &&
             tend_store_meta_set (store, TEND_SYNC_META_BASE_URL, options->base_url, &local_error);
      if (!ok)
        {
          if (run.in_transaction)
            tend_store_rollback (store);
          mark_failed (&run, local_error->message);
        }
      tend_connector_set_wait_func (connector, NULL, NULL);
      report->n_requests = tend_connector_get_n_requests (connector);
    }

  report->succeeded = ok;
  report->duration_ms = (g_get_monotonic_time () - started) / 1000;
  if (!ok)
    {
      report->error_message = g_strdup (local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return ok;
}

/* Async */

typedef struct {
  char                 *workspace_path;
  TendSyncOptions       options;
  TendSyncProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;
  TendSyncReport       *report;
} AsyncData;

typedef struct {
  TendSyncProgress      progress;
  TendSyncProgressFunc  func;
  gpointer              user_data;
} ProgressCall;

static void
async_data_free (gpointer data)
{
  AsyncData *async = data;

  g_free (async->workspace_path);
  tend_sync_options_clear (&async->options);
  g_main_context_unref (async->context);
  g_clear_object (&async->report);
  g_free (async);
}

static gboolean
dispatch_progress (gpointer data)
{
  ProgressCall *call = data;

  call->func (&call->progress, call->user_data);
  return G_SOURCE_REMOVE;
}

static void
forward_progress (const TendSyncProgress *progress,
                  gpointer                user_data)
{
  AsyncData *async = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);

  /* object_type and phase are static strings: a shallow copy is enough. */
  call->progress = *progress;
  call->func = async->progress;
  call->user_data = async->progress_data;
  g_main_context_invoke_full (async->context, G_PRIORITY_DEFAULT, dispatch_progress, call, g_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AsyncData *async = task_data;
  GError *error = NULL;
  TendSyncReport *report = NULL;

  if (tend_sync_run (async->workspace_path, &async->options, cancellable,
                     async->progress ? forward_progress : NULL, async,
                     &report, &error))
    g_task_return_pointer (task, report, g_object_unref);
  else
    {
      async->report = report;
      g_task_return_error (task, error);
    }
}

void
tend_sync_run_async (const char             *workspace_path,
                     const TendSyncOptions  *options,
                     GCancellable           *cancellable,
                     TendSyncProgressFunc    progress,
                     gpointer                progress_data,
                     GAsyncReadyCallback     callback,
                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *async;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (options != NULL);

  async = g_new0 (AsyncData, 1);
  async->workspace_path = g_strdup (workspace_path);
  tend_sync_options_copy (options, &async->options);
  async->progress = progress;
  async->progress_data = progress_data;
  async->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_sync_run_async);
  g_task_set_task_data (task, async, async_data_free);
  /* The engine checks the cancellable itself, between pages and in waits,
   * so that a cancel still records where it stopped. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, sync_thread);
}

TendSyncReport *
tend_sync_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TendSyncReport *
tend_sync_run_finish_report (GAsyncResult *result)
{
  AsyncData *async;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  async = g_task_get_task_data (G_TASK (result));
  return async->report ? g_object_ref (async->report) : NULL;
}
