// Full and incremental sync of the 100k book against the fetch and insert floors.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tend-connector.h"
#include "tend-mapping.h"
#include "tend-store.h"
#include "tend-sync.h"
#include "bench-util.h"

/* Floor 1: the pages the HubSpot connector lists in a full sync, fetched
 * with plain libsoup GETs (same URLs, same limit, same properties), without
 * parsing: the cursor is cut out of the body's tail. */
typedef struct {
  const char *base_url;
  TendObjectKind kind;
  guint n_requests;
  gsize n_bytes;
} FetchJob;

static char *
tail_cursor (GBytes *bytes)
{
  static const char marker[] = "\"paging\":{\"next\":{\"after\":\"";
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *start = size > 0 ? g_strrstr_len (data, size, marker) : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (marker);
  end = memchr (start, '"', size - (start - data));
  return end ? g_strndup (start, end - start) : NULL;
}

static gpointer
fetch_kind (gpointer data)
{
  FetchJob *job = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(TendMapping) mapping = tend_mapping_new (NULL, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *properties = NULL;
  const char *name = tend_object_kind_get_name (job->kind);

  if (job->kind != TEND_OBJECT_OWNERS)
    properties = g_strjoinv (",", (GStrv) tend_mapping_get_properties (mapping, name));
  do
    {
      g_autoptr(GString) url = g_string_new (job->base_url);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (job->kind == TEND_OBJECT_OWNERS)
        g_string_append (url, "/crm/v3/owners?limit=100&archived=false");
      else
        {
          g_string_append_printf (url, "/crm/v3/objects/%s?limit=100&archived=false&properties=%s", name, properties);
          if (job->kind != TEND_OBJECT_ACCOUNTS)
            g_string_append (url, "&associations=companies");
        }
      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
          g_string_append_printf (url, "&after=%s", escaped);
        }
      msg = soup_message_new ("GET", url->str);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " BENCH_TOKEN);
      bytes = soup_session_send_and_read (session, msg, NULL, &error);
      if (bytes == NULL || soup_message_get_status (msg) != 200)
        g_error ("floor fetch of %s failed", url->str);
      job->n_requests++;
      job->n_bytes += g_bytes_get_size (bytes);
      g_free (cursor);
      cursor = tail_cursor (bytes);
    }
  while (cursor != NULL);
  return NULL;
}

static double
fetch_floor (const char *base_url,
             gboolean    parallel,
             guint      *out_requests,
             gsize      *out_bytes)
{
  FetchJob jobs[TEND_N_OBJECTS];
  GThread *threads[TEND_N_OBJECTS] = { NULL };
  gint64 start = g_get_monotonic_time ();

  *out_requests = 0;
  *out_bytes = 0;
  for (guint k = 0; k < TEND_N_OBJECTS; k++)
    {
      jobs[k] = (FetchJob) { base_url, k, 0, 0 };
      if (parallel)
        threads[k] = g_thread_new ("floor-fetch", fetch_kind, &jobs[k]);
      else
        fetch_kind (&jobs[k]);
    }
  for (guint k = 0; k < TEND_N_OBJECTS; k++)
    {
      if (threads[k] != NULL)
        g_thread_join (threads[k]);
      *out_requests += jobs[k].n_requests;
      *out_bytes += jobs[k].n_bytes;
    }
  return bench_ms_since (start);
}

/* Floor 2: SQLite's own bulk insert of the rows the sync wrote, one
 * prepared INSERT per table, one transaction, into a fresh workspace with
 * the same schema, indexes and pragmas. The rows are read into memory
 * first and not timed. */
static const char * const tables[] = { "owners", "accounts", "deals", "tickets", "survey_responses" };

static double
insert_floor (const char *synced_path,
              const char *dir,
              gint64     *out_rows)
{
  g_autofree char *path = g_build_filename (dir, "insert-floor.db", NULL);
  g_autoptr(TendStore) source = tend_store_open (synced_path, NULL);
  g_autoptr(TendStore) target = tend_store_open (path, NULL);
  GPtrArray *rows[G_N_ELEMENTS (tables)];
  char *insert_sql[G_N_ELEMENTS (tables)];
  int n_columns[G_N_ELEMENTS (tables)];
  sqlite3 *db;
  gint64 start;
  double ms;

  g_assert (source != NULL && target != NULL);
  *out_rows = 0;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", tables[t]);
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (tend_store_get_db (source), select, -1, &stmt, NULL);
      n_columns[t] = sqlite3_column_count (stmt);
      rows[t] = g_ptr_array_new ();
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_value **row = g_new (sqlite3_value *, n_columns[t]);
          for (int c = 0; c < n_columns[t]; c++)
            row[c] = sqlite3_value_dup (sqlite3_column_value (stmt, c));
          g_ptr_array_add (rows[t], row);
        }
      g_string_printf (sql, "INSERT INTO %s VALUES (", tables[t]);
      for (int c = 0; c < n_columns[t]; c++)
        g_string_append_printf (sql, "%s?%d", c ? ", " : "", c + 1);
      g_string_append_c (sql, ')');
      insert_sql[t] = g_string_free (g_steal_pointer (&sql), FALSE);
      sqlite3_finalize (stmt);
      *out_rows += rows[t]->len;
    }

  db = tend_store_get_db (target);
  /* The page cache the sync's own connection uses (tend-sync.c). */
  sqlite3_exec (db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, insert_sql[t], -1, &stmt, NULL) != SQLITE_OK)
        g_error ("insert floor: %s", sqlite3_errmsg (db));
      for (guint i = 0; i < rows[t]->len; i++)
        {
          sqlite3_value **row = g_ptr_array_index (rows[t], i);
          for (int c = 0; c < n_columns[t]; c++)
            sqlite3_bind_value (stmt, c + 1, row[c]);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_error ("insert floor: %s", sqlite3_errmsg (db));
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  ms = bench_ms_since (start);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      for (guint i = 0; i < rows[t]->len; i++)
        {
          sqlite3_value **row = g_ptr_array_index (rows[t], i);
          for (int c = 0; c < n_columns[t]; c++)
            sqlite3_value_free (row[c]);
          g_free (row);
        }
      g_ptr_array_unref (rows[t]);
      g_free (insert_sql[t]);
    }
  g_clear_object (&target);
  g_unlink (path);
  return ms;
}

static TendSyncReport *
run_sync (const char *base_url,
          const char *path,
          gboolean    full)
{
  g_auto(TendSyncOptions) options;
  g_autoptr(GError) error = NULL;
  TendSyncReport *report = NULL;

  tend_sync_options_init (&options);
  g_free (options.base_url);
  options.base_url = g_strdup (base_url);
  options.token = g_strdup (BENCH_TOKEN);
  options.full = full;
  if (!tend_sync_run (path, &options, NULL, NULL, NULL, &report, &error))
    g_error ("sync failed: %s", error->message);
  return report;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-bench-sync-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "work.db", NULL);
  g_autofree char *book = bench_book_path ();
  g_autoptr(TendSyncReport) full = NULL;
  g_autoptr(TendSyncReport) incremental = NULL;
  double fetch_seq, fetch_par, fetch, insert, full_ms, incr_ms;
  guint requests;
  gsize bytes;
  gint64 rows;
  BenchSim sim;

  if (!bench_sim_start (&sim, bench_n_accounts ()))
    return 77;
  printf ("Book: %u accounts, simulator %s\n", bench_n_accounts (), sim.base_url);

  fetch_seq = fetch_floor (sim.base_url, FALSE, &requests, &bytes);
  printf ("fetch floor, sequential: %.0f ms, %u GETs, %.1f MiB\n", fetch_seq, requests, bytes / 1048576.0);
  fetch_par = fetch_floor (sim.base_url, TRUE, &requests, &bytes);
  printf ("fetch floor, object types in parallel: %.0f ms\n", fetch_par);
  fetch = MIN (fetch_seq, fetch_par);

  full = run_sync (sim.base_url, path, TRUE);
  full_ms = tend_sync_report_get_duration_ms (full);
  printf ("full sync: %.0f ms, %u requests\n", full_ms, tend_sync_report_get_n_requests (full));

  insert = insert_floor (path, dir, &rows);
  printf ("insert floor: %.0f ms for %" G_GINT64_FORMAT " rows\n", insert, rows);

  bench_report ("sync.full", full_ms, fetch + insert, "fetch + insert floors", 1.3, TRUE, "ms");

  if (!bench_sim_post (&sim, "/_sim/advance", "{\"fraction\": 0.01, \"seed\": 7}"))
    g_error ("cannot advance the simulator");
  incremental = run_sync (sim.base_url, path, FALSE);
  incr_ms = tend_sync_report_get_duration_ms (incremental);
  printf ("incremental sync after 1%% changed: %.0f ms, %u requests, mode %s\n",
          incr_ms, tend_sync_report_get_n_requests (incremental), tend_sync_report_get_mode (incremental));
  bench_report ("sync.incremental (1% changed)", incr_ms, full_ms, "full sync", 0.05, TRUE, "ms");
  bench_sim_stop (&sim);

  /* Keep the synced book for the other benchmarks when there is none. */
  if (!g_file_test (book, G_FILE_TEST_EXISTS))
    g_rename (path, book);
  else
    g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
