// TendConnector: what the sync engine needs from a CRM, provider-neutral.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

#include "tend-http.h"

G_BEGIN_DECLS

/* The mirrored object types, in the order a sync visits them. */
typedef enum {
  TEND_OBJECT_OWNERS,
  TEND_OBJECT_ACCOUNTS,
  TEND_OBJECT_DEALS,
  TEND_OBJECT_TICKETS,
  TEND_OBJECT_SURVEYS,
  TEND_N_OBJECTS
} TendObjectKind;

/* The sync_state key of a kind: "owners", "companies", "deals", "tickets",
 * "feedback_submissions". */
const char *tend_object_kind_get_name (TendObjectKind kind);

/* A record already parsed and validated by the connector: fields maps the
 * mirror table's column names (owner_id, arr, close_date, …) to a string,
 * an integer, a double or null. */
typedef struct {
  char       *id;
  gint64      modified_ms;
  JsonObject *fields;
} TendRecord;

/* A record the connector refused, with why (for a person). */
typedef struct {
  char *id;      /* NULL when the record had none */
  char *reason;
} TendRecordIssue;

typedef struct {
  GPtrArray *records;          /* TendRecord */
  GPtrArray *skipped;          /* TendRecordIssue */
  GPtrArray *deleted_ids;      /* char *, for deletion listings */
  char      *next_cursor;      /* NULL on the last page */
  guint      n_received;       /* records in the answer, skipped ones included */
  gint64     max_modified_ms;  /* newest modification among the records, 0 if none */
} TendPage;

TendRecord *tend_record_new        (const char  *id);
void        tend_record_free       (TendRecord  *record);
TendPage   *tend_page_new          (void);
void        tend_page_free         (TendPage    *page);
void        tend_page_add_skipped  (TendPage    *page,
                                    const char  *id,
                                    const char  *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendRecord, tend_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendPage, tend_page_free)

#define TEND_TYPE_CONNECTOR (tend_connector_get_type ())
G_DECLARE_INTERFACE (TendConnector, tend_connector, TEND, CONNECTOR, GObject)

struct _TendConnectorInterface
{
  GTypeInterface parent_iface;

  const char *(*get_provider)     (TendConnector   *self);
  /* Whether changes_page() works for kind; if not, every run lists it. */
  gboolean    (*supports_changes) (TendConnector   *self,
                                   TendObjectKind   kind);
  /* Every live record, a page at a time; cursor NULL for the first page. */
  TendPage   *(*list_page)        (TendConnector   *self,
                                   TendObjectKind   kind,
                                   const char      *cursor,
                                   GCancellable    *cancellable,
                                   GError         **error);
  /* Records modified at or after since_ms, oldest first. since_ms is only
   * read when cursor is NULL; the cursor carries the rest. */
  TendPage   *(*changes_page)     (TendConnector   *self,
                                   TendObjectKind   kind,
                                   gint64           since_ms,
                                   const char      *cursor,
                                   GCancellable    *cancellable,
                                   GError         **error);
  /* Ids of deleted records (deleted_ids), a page at a time. */
  TendPage   *(*deleted_page)     (TendConnector   *self,
                                   TendObjectKind   kind,
                                   const char      *cursor,
                                   GCancellable    *cancellable,
                                   GError         **error);
  guint       (*get_n_requests)   (TendConnector   *self);
  void        (*set_wait_func)    (TendConnector   *self,
                                   TendHttpWaitFunc func,
                                   gpointer         user_data);
};

const char *tend_connector_get_provider     (TendConnector   *self);
gboolean    tend_connector_supports_changes (TendConnector   *self,
                                             TendObjectKind   kind);
TendPage   *tend_connector_list_page        (TendConnector   *self,
                                             TendObjectKind   kind,
                                             const char      *cursor,
                                             GCancellable    *cancellable,
                                             GError         **error);
TendPage   *tend_connector_changes_page     (TendConnector   *self,
                                             TendObjectKind   kind,
                                             gint64           since_ms,
                                             const char      *cursor,
                                             GCancellable    *cancellable,
                                             GError         **error);
TendPage   *tend_connector_deleted_page     (TendConnector   *self,
                                             TendObjectKind   kind,
                                             const char      *cursor,
                                             GCancellable    *cancellable,
                                             GError         **error);
guint       tend_connector_get_n_requests   (TendConnector   *self);
void        tend_connector_set_wait_func    (TendConnector   *self,
                                             TendHttpWaitFunc func,
                                             gpointer         user_data);

G_END_DECLS
