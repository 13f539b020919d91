// The workspace: one SQLite file, its migrations and cached statements.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend-error.h"
#include "tend-store.h"

#define SCHEMA_RESOURCE_PATH "/io/github/tend/Tend/schema"

struct _TendStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* const char *sql (by address) -> sqlite3_stmt */
  char       *actor;
};

G_DEFINE_FINAL_TYPE (TendStore, tend_store, G_TYPE_OBJECT)

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tend_store_finalize (GObject *object)
{
  TendStore *self = TEND_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->actor);

  G_OBJECT_CLASS (tend_store_parent_class)->finalize (object);
}

static void
tend_store_class_init (TendStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_store_finalize;
}

static void
tend_store_init (TendStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TEND_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TEND_ERROR_CORRUPT;
    default:
      return TEND_ERROR_STORE;
    }
}

void
tend_store_set_error (TendStore   *self,
                      GError     **error,
                      const char  *what)
{
  int rc = sqlite3_extended_errcode (self->db);
  int code = error_code_for_sqlite (rc);

  if (code == TEND_ERROR_BUSY)
    g_set_error (error, TEND_ERROR, code,
                 "The workspace %s is busy in another Tend process; close it and try again",
                 self->path);
  else if (code == TEND_ERROR_CORRUPT)
    g_set_error (error, TEND_ERROR, code,
                 "The workspace %s is damaged (%s); move it aside and sync again",
                 self->path, sqlite3_errmsg (self->db));
  else
    g_set_error (error, TEND_ERROR, code, "%s: %s", what, sqlite3_errmsg (self->db));
}

gboolean
tend_store_exec (TendStore   *self,
                 const char  *sql,
                 GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = error_code_for_sqlite (sqlite3_extended_errcode (self->db));
      if (code == TEND_ERROR_STORE)
        g_set_error (error, TEND_ERROR, code, "Workspace query failed: %s", msg ? msg : "");
      else
        tend_store_set_error (self, error, "Workspace query failed");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
tend_store_prepare (TendStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      tend_store_set_error (self, error, "Could not prepare a workspace query");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no rows and resets it. */
gboolean
tend_store_step_done (TendStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      tend_store_set_error (self, error, "Could not write to the workspace");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
tend_store_begin (TendStore  *self,
                  GError    **error)
{
  return tend_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
tend_store_commit (TendStore  *self,
                   GError    **error)
{
  return tend_store_exec (self, "COMMIT", error);
}

void
tend_store_rollback (TendStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Schema files are named NNN-topic.sql; version NNN runs all of its files in
 * name order inside the migration's transaction. */
static gboolean
run_migration (TendStore  *self,
               int         version,
               GError    **error)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCHEMA_RESOURCE_PATH,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autofree char *prefix = g_strdup_printf ("%03d-", version);
  g_autofree char *pragma = NULL;
  guint n;

  if (names == NULL)
    return FALSE;
  n = g_strv_length (names);
  qsort (names, n, sizeof (char *), compare_strings);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      gsize len;

      if (!g_str_has_prefix (names[i], prefix))
        continue;
      path = g_strconcat (SCHEMA_RESOURCE_PATH "/", names[i], NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
      if (!tend_store_exec (self, sql, error))
        {
          g_prefix_error (error, "Migration %s: ", names[i]);
          return FALSE;
        }
    }
  pragma = g_strdup_printf ("PRAGMA user_version = %d", version);
  return tend_store_exec (self, pragma, error);
}

static int
read_user_version (TendStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate_to (TendStore  *self,
            int         target,
            GError    **error)
{
  int version = read_user_version (self);

  if (version < 0)
    {
      tend_store_set_error (self, error, "Could not read the workspace");
      return FALSE;
    }
  if (version > TEND_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STORE,
                   "The workspace %s was written by a newer Tend (schema %d, this one knows %d); update Tend",
                   self->path, version, TEND_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  while (version < target)
    {
      if (!tend_store_begin (self, error))
        return FALSE;
      /* Read again under the write lock: another process opening the same
       * workspace may have run this migration while we waited for it. */
      version = read_user_version (self);
      if (version < 0 || version >= target)
        {
          if (version < 0)
            tend_store_set_error (self, error, "Could not read the workspace");
          tend_store_rollback (self);
          return version >= 0;
        }
      if (!run_migration (self, version + 1, error))
        {
          tend_store_rollback (self);
          return FALSE;
        }
      if (!tend_store_commit (self, error))
        {
          tend_store_rollback (self);
          return FALSE;
        }
      version++;
    }
  return TRUE;
}

static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, TEND_ERROR, TEND_ERROR_STORE,
                   "Cannot create the folder %s for the workspace: %s",
                   dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TEND_ERROR, TEND_ERROR_STORE,
                   "Cannot open the workspace %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

TendStore *
tend_store_open_at_version (const char  *path,
                            int          version,
                            GError     **error)
{
  g_autoptr(TendStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ensure_private_file (path, error))
    return NULL;

  self = g_object_new (TEND_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      tend_store_set_error (self, error, "Cannot open the workspace");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!tend_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !tend_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !tend_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !migrate_to (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

TendStore *
tend_store_open (const char  *path,
                 GError     **error)
{
  return tend_store_open_at_version (path, TEND_STORE_SCHEMA_VERSION, error);
}

/* $XDG_DATA_HOME/tend/<workspace>.db */
char *
tend_store_default_path (const char *workspace)
{
  g_autofree char *file = g_strconcat (workspace ? workspace : "default", ".db", NULL);

  return g_build_filename (g_get_user_data_dir (), "tend", file, NULL);
}

const char *
tend_store_get_path (TendStore *self)
{
  return self->path;
}

sqlite3 *
tend_store_get_db (TendStore *self)
{
  return self->db;
}

int
tend_store_get_schema_version (TendStore *self)
{
  return read_user_version (self);
}

/* Who is making changes: TEND_USER when set (scripts, tests), else the
 * person logged in. */
const char *
tend_store_get_actor (TendStore *self)
{
  if (self->actor == NULL)
    {
      const char *env = g_getenv ("TEND_USER");
      if (env != NULL && *env != '\0')
        self->actor = g_strdup (env);
      else if (g_strcmp0 (g_get_real_name (), "Unknown") != 0 && *g_get_real_name () != '\0')
        self->actor = g_strdup (g_get_real_name ());
      else
        self->actor = g_strdup (g_get_user_name ());
    }
  return self->actor;
}

void
tend_store_set_actor (TendStore  *self,
                      const char *actor)
{
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

char *
tend_store_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
tend_store_audit (TendStore   *self,
                  const char  *entity,
                  const char  *entity_id,
                  const char  *action,
                  const char  *detail_json,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO audit_log (at, actor, entity, entity_id, action, detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  g_autofree char *now = tend_store_now_iso ();
  sqlite3_stmt *stmt = tend_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, now);
  tend_stmt_bind_text (stmt, 2, tend_store_get_actor (self));
  tend_stmt_bind_text (stmt, 3, entity);
  tend_stmt_bind_text (stmt, 4, entity_id);
  tend_stmt_bind_text (stmt, 5, action);
  tend_stmt_bind_text (stmt, 6, detail_json);
  return tend_store_step_done (self, stmt, error);
}

char *
tend_store_meta_get (TendStore  *self,
                     const char *key)
{
  static const char sql[] = "SELECT value FROM workspace_meta WHERE key = ?1";
  sqlite3_stmt *stmt = tend_store_prepare (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  tend_stmt_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = tend_stmt_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
tend_store_meta_set (TendStore   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  static const char sql[] =
    "INSERT INTO workspace_meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  sqlite3_stmt *stmt = tend_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  tend_stmt_bind_text (stmt, 1, key);
  tend_stmt_bind_text (stmt, 2, value);
  return tend_store_step_done (self, stmt, error);
}

void
tend_stmt_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
tend_stmt_bind_opt_int64 (sqlite3_stmt *stmt,
                          int           index,
                          gboolean      present,
                          gint64        value)
{
  if (present)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
tend_stmt_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
tend_stmt_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}
