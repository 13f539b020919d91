// The workspace: one SQLite file, its migrations and cached statements.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TEND_STORE_SCHEMA_VERSION 2

#define TEND_TYPE_STORE (tend_store_get_type ())
G_DECLARE_FINAL_TYPE (TendStore, tend_store, TEND, STORE, GObject)

TendStore    *tend_store_open             (const char   *path,
                                           GError      **error);
TendStore    *tend_store_open_at_version  (const char   *path,
                                           int           version,
                                           GError      **error);
char         *tend_store_default_path     (const char   *workspace);
const char   *tend_store_get_path         (TendStore    *self);
sqlite3      *tend_store_get_db           (TendStore    *self);
int           tend_store_get_schema_version (TendStore  *self);

sqlite3_stmt *tend_store_prepare          (TendStore    *self,
                                           const char   *sql,
                                           GError      **error);
gboolean      tend_store_exec             (TendStore    *self,
                                           const char   *sql,
                                           GError      **error);
gboolean      tend_store_step_done        (TendStore    *self,
                                           sqlite3_stmt *stmt,
                                           GError      **error);
gboolean      tend_store_begin            (TendStore    *self,
                                           GError      **error);
gboolean      tend_store_commit           (TendStore    *self,
                                           GError      **error);
void          tend_store_rollback         (TendStore    *self);
void          tend_store_set_error        (TendStore    *self,
                                           GError      **error,
                                           const char   *what);

const char   *tend_store_get_actor        (TendStore    *self);
void          tend_store_set_actor        (TendStore    *self,
                                           const char   *actor);
gboolean      tend_store_audit            (TendStore    *self,
                                           const char   *entity,
                                           const char   *entity_id,
                                           const char   *action,
                                           const char   *detail_json,
                                           GError      **error);
char         *tend_store_meta_get         (TendStore    *self,
                                           const char   *key);
gboolean      tend_store_meta_set         (TendStore    *self,
                                           const char   *key,
                                           const char   *value,
                                           GError      **error);
char         *tend_store_now_iso          (void);

/* Statement helpers: NULL binds SQL NULL; column_dup returns NULL for NULL. */
void          tend_stmt_bind_text         (sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *text);
void          tend_stmt_bind_opt_int64    (sqlite3_stmt *stmt,
                                           int           index,
                                           gboolean      present,
                                           gint64        value);
char         *tend_stmt_column_dup        (sqlite3_stmt *stmt,
                                           int           column);
const char   *tend_stmt_column_text       (sqlite3_stmt *stmt,
                                           int           column);

G_END_DECLS
