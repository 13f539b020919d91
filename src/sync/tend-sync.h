// The sync engine: mirrors a CRM into a workspace, page by page, resumably.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_SYNC_DEFAULT_PROVIDER "hubspot"
#define TEND_SYNC_DEFAULT_BASE_URL "https://api.hubapi.com"

/* workspace_meta keys written after a successful run. */
#define TEND_SYNC_META_PROVIDER "sync.provider"
#define TEND_SYNC_META_BASE_URL "sync.base_url"

/* What to sync and how. Initialise with tend_sync_options_init(), which
 * fills the defaults (provider "hubspot", base URL api.hubapi.com, no token,
 * not full); free the members with tend_sync_options_clear(). All strings
 * are owned by the struct. The token is kept in memory only. */
typedef struct {
  char       *provider;           /* "hubspot" or "salesforce" */
  char       *base_url;           /* https://…, or http:// to a loopback host only */
  char       *token;              /* private app token; never stored or logged */
  gboolean    full;               /* force a full sync of every object type */
  GHashTable *mapping_overrides;  /* nullable; "account.arr" -> "my_arr_property" (GSettings field-mapping) */
} TendSyncOptions;

void tend_sync_options_init  (TendSyncOptions       *options);
void tend_sync_options_clear (TendSyncOptions       *options);
void tend_sync_options_copy  (const TendSyncOptions *src,
                              TendSyncOptions       *dest);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TendSyncOptions, tend_sync_options_clear)

/* Object types in the order a run visits them (CRM names). */
#define TEND_SYNC_OBJECT_OWNERS    "owners"
#define TEND_SYNC_OBJECT_COMPANIES "companies"
#define TEND_SYNC_OBJECT_DEALS     "deals"
#define TEND_SYNC_OBJECT_TICKETS   "tickets"
#define TEND_SYNC_OBJECT_SURVEYS   "feedback_submissions"

/* A snapshot handed to the progress callback; valid during the call only.
 * phase is one of "listing" (full), "searching" (incremental), "deletions",
 * "pruning", "waiting" (rate limit or retry back-off), "done". Counts are of
 * the current object type so far in this run. */
typedef struct {
  const char *object_type;
  guint       pages;
  gint64      records;
  gint64      skipped;
  gint64      deleted;
  const char *phase;
} TendSyncProgress;

typedef void (*TendSyncProgressFunc) (const TendSyncProgress *progress,
                                      gpointer                user_data);

/* Per object type figures of one run. */
typedef struct {
  const char *object_type;
  const char *mode;      /* "full" or "incremental"; NULL if the type was not reached */
  guint       pages;
  guint       requests;  /* HTTP requests made for this type, retries included */
  gint64      fetched;   /* records received (skipped ones included) */
  gint64      written;   /* rows upserted */
  gint64      skipped;   /* records refused by validation */
  gint64      deleted;   /* rows removed (archived or gone from the CRM) */
  gboolean    completed;
} TendSyncTypeReport;

/* One record the sync refused. */
typedef struct {
  const char *object_type;
  const char *record_id;  /* NULL when the record had no id */
  const char *reason;     /* for a person, e.g. "cs_arr “abc” is not a decimal amount" */
} TendSyncSkippedRecord;

#define TEND_TYPE_SYNC_REPORT (tend_sync_report_get_type ())
G_DECLARE_FINAL_TYPE (TendSyncReport, tend_sync_report, TEND, SYNC_REPORT, GObject)

gboolean                     tend_sync_report_get_succeeded    (TendSyncReport *self);
const char                  *tend_sync_report_get_error_message (TendSyncReport *self);
const char                  *tend_sync_report_get_mode         (TendSyncReport *self);  /* "full" if any type ran full */
const char                  *tend_sync_report_get_provider     (TendSyncReport *self);
const char                  *tend_sync_report_get_base_url     (TendSyncReport *self);
gint64                       tend_sync_report_get_duration_ms  (TendSyncReport *self);
guint                        tend_sync_report_get_n_requests   (TendSyncReport *self);
guint                        tend_sync_report_get_n_types      (TendSyncReport *self);
const TendSyncTypeReport    *tend_sync_report_get_type_report  (TendSyncReport *self,
                                                                guint           index);
const TendSyncTypeReport    *tend_sync_report_lookup_type      (TendSyncReport *self,
                                                                const char     *object_type);
gint64                       tend_sync_report_get_total_skipped (TendSyncReport *self);
guint                        tend_sync_report_get_n_skipped    (TendSyncReport *self);
const TendSyncSkippedRecord *tend_sync_report_get_skipped      (TendSyncReport *self,
                                                                guint           index);

/* Blocking: opens its own TendStore on workspace_path (a .db file path), so
 * it may run in any thread. progress is called in the calling thread.
 * out_report (nullable) receives the report on success AND on failure (with
 * its error message), so a caller can show what was skipped before the
 * error. Returns FALSE with a TEND_ERROR on failure (AUTH, NETWORK, PROTOCOL,
 * RATE_LIMITED, CANCELLED, INSECURE, INVALID_INPUT, STORE, BUSY). */
gboolean        tend_sync_run        (const char             *workspace_path,
                                      const TendSyncOptions  *options,
                                      GCancellable           *cancellable,
                                      TendSyncProgressFunc    progress,
                                      gpointer                progress_data,
                                      TendSyncReport        **out_report,
                                      GError                **error);

/* The same in a worker thread (GTask). options are copied. progress is
 * delivered on the caller's thread-default main context via
 * g_main_context_invoke(); progress_data must stay alive until callback
 * runs. */
void            tend_sync_run_async  (const char             *workspace_path,
                                      const TendSyncOptions  *options,
                                      GCancellable           *cancellable,
                                      TendSyncProgressFunc    progress,
                                      gpointer                progress_data,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
/* Returns the report, or NULL with error. On failure the partial report is
 * still available with tend_sync_run_finish_report(). */
TendSyncReport *tend_sync_run_finish (GAsyncResult           *result,
                                      GError                **error);
TendSyncReport *tend_sync_run_finish_report (GAsyncResult    *result);

G_END_DECLS
