// The open workspace shared by every page: store, book, as-of day, sync.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tend-error.h"
#include "tend-format.h"
#include "tend-health-history.h"
#include "tend-snapshots.h"
#include "tend-token.h"
#include "tend-workspace.h"

/* Pages read the book from here and redraw on "changed". The book is loaded
 * in a worker thread with its own SQLite connection (tend_book_load over
 * 100,000 accounts must not stall the window); the store on the main thread
 * serves the small reads and writes of the pages. */
struct _TendWorkspace
{
  GObject       parent_instance;

  char         *path;
  TendStore    *store;
  TendBook     *book;
  TendDay       as_of;
  GSettings    *gsettings;
  TendSettings  settings;
  GDateTime    *last_sync;
  char         *base_url;

  guint         reload_serial;
  guint         n_reloading;
  guint         is_syncing : 1;
};

G_DEFINE_FINAL_TYPE (TendWorkspace, tend_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_IS_DEMO,
  PROP_AS_OF,
  PROP_IS_LOADING,
  PROP_IS_SYNCING,
  PROP_LAST_SYNC,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  CHANGED,
  SYNC_PROGRESS,
  ALERTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reload_full_async (TendWorkspace       *self,
                               gboolean             take_snapshots,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

typedef struct {
  guint      serial;
  char      *path;
  TendBook  *book;
  GDateTime *last_sync;
  char      *base_url;
  /* After a successful sync: the snapshots of DOMAIN.md 5 and the alerts
   * they raised. */
  gboolean      take_snapshots;
  gboolean      is_demo;
  TendDay       as_of;
  TendSettings  settings;
  GPtrArray    *new_alerts;
} ReloadData;

static void
reload_data_free (ReloadData *data)
{
  g_clear_pointer (&data->new_alerts, g_ptr_array_unref);
  g_clear_pointer (&data->book, tend_book_free);
  g_clear_pointer (&data->last_sync, g_date_time_unref);
  g_free (data->base_url);
  g_free (data->path);
  g_free (data);
}

typedef struct {
  TendSyncOptions  options;
  TendSyncReport  *report;
  GError          *error;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  tend_sync_options_clear (&data->options);
  g_clear_object (&data->report);
  g_clear_error (&data->error);
  g_free (data);
}

/* The moment of the last run that finished without an error. */
static GDateTime *
read_last_sync (TendStore *store)
{
  static const char sql[] = "SELECT max(last_success) FROM sync_state";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  GDateTime *when = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && tend_stmt_column_text (stmt, 0) != NULL)
    when = g_date_time_new_from_iso8601 (tend_stmt_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  return when;
}

static void
set_last_sync (TendWorkspace *self,
               GDateTime     *when)
{
  if (when == self->last_sync ||
      (when != NULL && self->last_sync != NULL && g_date_time_equal (when, self->last_sync)))
    return;
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  self->last_sync = when ? g_date_time_ref (when) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

static void
set_base_url (TendWorkspace *self,
              const char    *base_url)
{
  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;
  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

static void
set_is_syncing (TendWorkspace *self,
                gboolean       is_syncing)
{
  if (self->is_syncing == !!is_syncing)
    return;
  self->is_syncing = !!is_syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SYNCING]);
}

/* A failed snapshot leaves the sync's data in place: the next sync or the
 * next day takes them, so it is only logged. */
static void
take_snapshots_in_thread (TendStore  *store,
                          ReloadData *data)
{
  g_autoptr(GError) error = NULL;
  gint64 last_id = tend_health_history_last_alert_id (store, &error);

  /* The demo has no past of its own: its first sync recomputes a year of
   * weekly snapshots from the cached facts, so trends, alerts and the
   * backtest have history on first run (the README says so). */
  if (data->is_demo && last_id >= 0 &&
      tend_health_count_snapshots (store, tend_day_add_days (data->as_of, -7), NULL) == 0 &&
      !tend_health_backfill_snapshots (store, data->book, tend_day_add_days (data->as_of, -364),
                                       tend_day_add_days (data->as_of, -7), 7, &data->settings, &error))
    {
      g_warning ("Could not seed the demo's health history: %s", error->message);
      g_clear_error (&error);
    }
  if (last_id < 0 ||
      !tend_health_take_snapshots (store, data->book, data->as_of, &data->settings, TRUE, &error) ||
      (data->new_alerts = tend_health_history_alerts_after (store, last_id, &error)) == NULL)
    g_warning ("Could not take the health snapshots: %s", error->message);
}

/* Whether a notification service runs or can be started on the session
 * bus: without one (a bare X session, Xvfb) GLib would only warn, and the
 * Alerts page's badge already says what is new. */
static gboolean
can_notify (GApplication *application)
{
  GDBusConnection *bus = g_application_get_dbus_connection (application);
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;

  if (bus == NULL)
    return FALSE;
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 500, NULL, NULL);
  if (owned != NULL)
    {
      gboolean has_owner = FALSE;
      g_variant_get (owned, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
    }
  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 500, NULL, NULL);
  if (activatable == NULL)
    return FALSE;
  g_variant_get (activatable, "(^a&s)", &names);
  return names != NULL && g_strv_contains (names, "org.freedesktop.Notifications");
}

/* One notification for the new alerts routed to this person (everyone's
 * when no owner is set): the alert itself when there is one, a count
 * when there are several. */
static void
notify_new_alerts (TendWorkspace *self,
                   GPtrArray     *alerts)
{
  GApplication *application = g_application_get_default ();
  g_autofree char *mine = self->gsettings ? g_settings_get_string (self->gsettings, "my-owner-id") : NULL;
  g_autoptr(GNotification) notification = NULL;
  TendHealthAlert *first = NULL;
  guint n = 0;

  for (guint i = 0; i < alerts->len; i++)
    {
      TendHealthAlert *alert = g_ptr_array_index (alerts, i);

      if (mine != NULL && *mine != '\0' && g_strcmp0 (alert->owner_id, mine) != 0)
        continue;
      if (first == NULL)
        first = alert;
      n++;
    }
  if (application == NULL || n == 0 || !can_notify (application))
    return;

  if (n == 1)
    {
      notification = g_notification_new (_("New Health Alert"));
      g_notification_set_body (notification, first->message);
    }
  else
    {
      g_autofree char *count = tend_format_count (n);
      g_autofree char *title = NULL;

      /* Translators: %s is a number of alerts, more than one */
      title = g_strdup_printf (ngettext ("%s New Health Alert", "%s New Health Alerts", n), count);
      notification = g_notification_new (title);
      g_notification_set_body (notification, _("Open the Alerts page to see and acknowledge them."));
    }
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (application, "health-alerts", notification);
}

static void
reload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReloadData *data = task_data;
  g_autoptr(TendStore) store = NULL;
  GError *error = NULL;

  store = tend_store_open (data->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->book = tend_book_load (store, &error);
  if (data->book == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->last_sync = read_last_sync (store);
  data->base_url = tend_store_meta_get (store, TEND_SYNC_META_BASE_URL);
  if (data->take_snapshots)
    take_snapshots_in_thread (store, data);
  g_task_return_boolean (task, TRUE);
}

static void
reload_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TendWorkspace *self = TEND_WORKSPACE (object);
  g_autoptr(GTask) outer = user_data;
  ReloadData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->n_reloading--;
  if (self->n_reloading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOADING]);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  /* A newer reload is on its way: its book wins. */
  if (data->serial == self->reload_serial)
    {
      TendBook *old = self->book;

      self->book = g_steal_pointer (&data->book);
      set_last_sync (self, data->last_sync);
      set_base_url (self, data->base_url);
      /* Pages drop their pointers into the old book in their handlers. */
      g_signal_emit (self, signals[CHANGED], 0);
      tend_book_free (old);
    }
  if (data->take_snapshots)
    {
      g_signal_emit (self, signals[ALERTS_CHANGED], 0);
      if (data->new_alerts != NULL && data->new_alerts->len > 0)
        notify_new_alerts (self, data->new_alerts);
    }
  g_task_return_boolean (outer, TRUE);
}

static const char *
object_type_label (const char *object_type)
{
  if (g_strcmp0 (object_type, TEND_SYNC_OBJECT_OWNERS) == 0)
    return _("owners");
  if (g_strcmp0 (object_type, TEND_SYNC_OBJECT_COMPANIES) == 0)
    return _("accounts");
  if (g_strcmp0 (object_type, TEND_SYNC_OBJECT_DEALS) == 0)
    return _("deals");
  if (g_strcmp0 (object_type, TEND_SYNC_OBJECT_TICKETS) == 0)
    return _("tickets");
  if (g_strcmp0 (object_type, TEND_SYNC_OBJECT_SURVEYS) == 0)
    return _("survey responses");
  return object_type;
}

/* The sync reports no totals, so the fraction is the share of object types
 * done, in the order a run visits them. */
static void
on_sync_progress (const TendSyncProgress *progress,
                  gpointer                user_data)
{
  TendWorkspace *self = user_data;
  static const char *order[] = {
    TEND_SYNC_OBJECT_OWNERS, TEND_SYNC_OBJECT_COMPANIES, TEND_SYNC_OBJECT_DEALS,
    TEND_SYNC_OBJECT_TICKETS, TEND_SYNC_OBJECT_SURVEYS,
  };
  g_autofree char *message = NULL;
  double fraction = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (progress->object_type, order[i]) == 0)
      fraction = (double) i / G_N_ELEMENTS (order);
  if (g_strcmp0 (progress->phase, "done") == 0)
    fraction += 1.0 / G_N_ELEMENTS (order);

  if (g_strcmp0 (progress->phase, "waiting") == 0)
    message = g_strdup (_("Waiting for the CRM to accept more requests…"));
  else
    {
      g_autofree char *records = tend_format_count (progress->records);
      /* Translators: "Syncing accounts: 1,200 received" */
      message = g_strdup_printf (_("Syncing %s: %s received"),
                                 object_type_label (progress->object_type), records);
    }
  g_signal_emit (self, signals[SYNC_PROGRESS], 0, message, CLAMP (fraction, 0.0, 1.0));
}

static void
sync_reloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TendWorkspace *self = TEND_WORKSPACE (object);
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) reload_error = NULL;

  set_is_syncing (self, FALSE);
  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  if (!tend_workspace_reload_finish (self, result, &reload_error))
    {
      g_task_return_error (task, g_steal_pointer (&reload_error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&data->report), g_object_unref);
}

static void
sync_ran (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  TendWorkspace *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);

  data->report = tend_sync_run_finish (result, &data->error);
  /* A failed run keeps the pages it finished: show them too. Snapshots
   * and alerts follow a successful one only. */
  reload_full_async (self, data->report != NULL, NULL, sync_reloaded, task);
}

static void
start_sync (GTask *task)
{
  TendWorkspace *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);

  tend_sync_run_async (self->path, &data->options, g_task_get_cancellable (task),
                       on_sync_progress, self, sync_ran, task);
}

static void
token_found (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->options.token = tend_token_lookup_finish (result, NULL, &error);
  if (data->options.token == NULL)
    {
      set_is_syncing (g_task_get_source_object (task), FALSE);
      /* No token at all is a refusal a person fixes by reconnecting. */
      if (g_error_matches (error, TEND_ERROR, TEND_ERROR_NOT_FOUND))
        error->code = TEND_ERROR_AUTH;
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_sync (task);
}

static void
on_gsettings_changed (TendWorkspace *self,
                      const char    *key,
                      GSettings     *gsettings)
{
  /* Only the rule settings change what pages compute. */
  if (g_str_has_prefix (key, "weights-") || g_str_has_prefix (key, "tier-") ||
      g_str_has_prefix (key, "clawback-") || g_str_equal (key, "renewal-horizon") ||
      g_str_equal (key, "onboarding-checklist") || g_str_equal (key, "nrr-target"))
    {
      tend_settings_load (&self->settings, gsettings);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
tend_workspace_dispose (GObject *object)
{
  TendWorkspace *self = TEND_WORKSPACE (object);

  if (self->gsettings != NULL)
    g_signal_handlers_disconnect_by_data (self->gsettings, self);
  g_clear_object (&self->gsettings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_workspace_parent_class)->dispose (object);
}

static void
tend_workspace_finalize (GObject *object)
{
  TendWorkspace *self = TEND_WORKSPACE (object);

  g_clear_pointer (&self->book, tend_book_free);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  tend_settings_clear (&self->settings);
  g_free (self->base_url);
  g_free (self->path);

  G_OBJECT_CLASS (tend_workspace_parent_class)->finalize (object);
}

static void
tend_workspace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TendWorkspace *self = TEND_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, tend_workspace_get_is_demo (self));
      break;
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    case PROP_IS_LOADING:
      g_value_set_boolean (value, self->n_reloading > 0);
      break;
    case PROP_IS_SYNCING:
      g_value_set_boolean (value, self->is_syncing);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_workspace_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TendWorkspace *self = TEND_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_AS_OF:
      tend_workspace_set_as_of (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_workspace_class_init (TendWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_workspace_dispose;
  object_class->finalize = tend_workspace_finalize;
  object_class->get_property = tend_workspace_get_property;
  object_class->set_property = tend_workspace_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_LOADING] =
    g_param_spec_boolean ("is-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_SYNCING] =
    g_param_spec_boolean ("is-syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a reload replaced the book, or the as-of day or a rule changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* After health alerts were raised or acknowledged. */
  signals[ALERTS_CHANGED] =
    g_signal_new ("alerts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A message for a person and a fraction from 0 to 1. */
  signals[SYNC_PROGRESS] =
    g_signal_new ("sync-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
}

static void
tend_workspace_init (TendWorkspace *self)
{
  self->as_of = tend_day_today ();
  tend_settings_init_defaults (&self->settings);
  self->gsettings = tend_settings_new_gsettings ();
  if (self->gsettings != NULL)
    {
      tend_settings_load (&self->settings, self->gsettings);
      g_signal_connect_object (self->gsettings, "changed",
                               G_CALLBACK (on_gsettings_changed), self, G_CONNECT_SWAPPED);
    }
}

TendWorkspace *
tend_workspace_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (TEND_TYPE_WORKSPACE, "path", path, NULL);
}

/* Opens (creating when needed) the database on the main thread. A damaged
 * file fails with TEND_ERROR_CORRUPT, one held by another process with
 * TEND_ERROR_BUSY. The book comes with tend_workspace_reload_async (). */
gboolean
tend_workspace_open (TendWorkspace  *self,
                     GError        **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GDateTime) last_sync = NULL;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (TEND_IS_WORKSPACE (self), FALSE);

  if (self->store != NULL)
    return TRUE;
  store = tend_store_open (self->path, error);
  if (store == NULL)
    return FALSE;
  last_sync = read_last_sync (store);
  base_url = tend_store_meta_get (store, TEND_SYNC_META_BASE_URL);
  self->store = g_steal_pointer (&store);
  set_last_sync (self, last_sync);
  set_base_url (self, base_url);
  return TRUE;
}

/* Drops the main-thread connection; the book stays until the next reload. */
void
tend_workspace_close (TendWorkspace *self)
{
  g_return_if_fail (TEND_IS_WORKSPACE (self));

  g_clear_object (&self->store);
}

const char *
tend_workspace_get_path (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return self->path;
}

gboolean
tend_workspace_get_is_demo (TendWorkspace *self)
{
  g_autofree char *demo_path = tend_store_default_path ("demo");

  g_return_val_if_fail (TEND_IS_WORKSPACE (self), FALSE);
  return g_strcmp0 (self->path, demo_path) == 0;
}

/* The main thread's connection, or NULL before open () succeeded. */
TendStore *
tend_workspace_get_store (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return self->store;
}

/* NULL until the first reload finished. Valid until the next "changed". */
const TendBook *
tend_workspace_get_book (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return self->book;
}

TendDay
tend_workspace_get_as_of (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), TEND_DAY_NONE);
  return self->as_of;
}

void
tend_workspace_set_as_of (TendWorkspace *self,
                          TendDay        as_of)
{
  g_return_if_fail (TEND_IS_WORKSPACE (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const TendSettings *
tend_workspace_get_settings (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return &self->settings;
}

/* NULL when the schema is not installed: the defaults of DOMAIN.md apply. */
GSettings *
tend_workspace_get_gsettings (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return self->gsettings;
}

gboolean
tend_workspace_get_is_loading (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), FALSE);
  return self->n_reloading > 0;
}

gboolean
tend_workspace_get_is_syncing (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), FALSE);
  return self->is_syncing;
}

/* When the last successful sync finished (UTC), or NULL if none did. */
GDateTime *
tend_workspace_get_last_sync (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return self->last_sync;
}

/* The CRM this workspace last synced from, or NULL. */
const char *
tend_workspace_get_base_url (TendWorkspace *self)
{
  g_return_val_if_fail (TEND_IS_WORKSPACE (self), NULL);
  return self->base_url;
}

static void
reload_full_async (TendWorkspace       *self,
                   gboolean             take_snapshots,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  ReloadData *data;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tend_workspace_reload_async);

  data = g_new0 (ReloadData, 1);
  data->serial = ++self->reload_serial;
  data->path = g_strdup (self->path);
  data->take_snapshots = take_snapshots;
  data->is_demo = tend_workspace_get_is_demo (self);
  data->as_of = self->as_of;
  /* The health rules only; the checklist stays with the workspace. */
  data->settings = self->settings;
  data->settings.onboarding_checklist = NULL;
  inner = g_task_new (self, cancellable, reload_done, outer);
  g_task_set_task_data (inner, data, (GDestroyNotify) reload_data_free);
  self->n_reloading++;
  if (self->n_reloading == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOADING]);
  g_task_run_in_thread (inner, reload_in_thread);
}

/* Loads the book in a worker thread, replaces the current one and emits
 * "changed". Fails with TEND_ERROR_CORRUPT when the file is damaged. */
void
tend_workspace_reload_async (TendWorkspace       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (TEND_IS_WORKSPACE (self));

  reload_full_async (self, FALSE, cancellable, callback, user_data);
}

gboolean
tend_workspace_reload_finish (TendWorkspace  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Mirrors the CRM at base_url into the workspace in a worker thread, emits
 * "sync-progress" on the way, then reloads the book. With token NULL the
 * token comes from TEND_CRM_TOKEN or the keyring; having none fails with
 * TEND_ERROR_AUTH. */
void
tend_workspace_sync_async (TendWorkspace       *self,
                           const char          *base_url,
                           const char          *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  SyncData *data;

  g_return_if_fail (TEND_IS_WORKSPACE (self));
  g_return_if_fail (base_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_workspace_sync_async);
  if (self->is_syncing)
    {
      g_task_return_new_error (task, TEND_ERROR, TEND_ERROR_STATE,
                               _("A sync is already running"));
      g_object_unref (task);
      return;
    }

  data = g_new0 (SyncData, 1);
  tend_sync_options_init (&data->options);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);
  g_free (data->options.base_url);
  data->options.base_url = g_strdup (base_url);
  if (self->gsettings != NULL)
    {
      g_autoptr(GVariant) mapping = g_settings_get_value (self->gsettings, "field-mapping");
      GVariantIter iter;
      const char *field, *property;

      g_free (data->options.provider);
      data->options.provider = g_settings_get_string (self->gsettings, "provider");
      if (g_variant_n_children (mapping) > 0)
        {
          data->options.mapping_overrides = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                   g_free, g_free);
          g_variant_iter_init (&iter, mapping);
          while (g_variant_iter_next (&iter, "{&s&s}", &field, &property))
            g_hash_table_insert (data->options.mapping_overrides,
                                 g_strdup (field), g_strdup (property));
        }
    }
  set_is_syncing (self, TRUE);

  if (token != NULL)
    {
      data->options.token = g_strdup (token);
      start_sync (task);
    }
  else
    tend_token_lookup_async (data->options.provider, base_url, cancellable, token_found, task);
}

/* The report of a run that succeeded; NULL with the run's error otherwise
 * (TEND_ERROR_AUTH, _NETWORK, _CANCELLED, …). */
TendSyncReport *
tend_workspace_sync_finish (TendWorkspace  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
rename_if_present (const char  *from,
                   const char  *to,
                   GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_rename (from, to) != 0)
    {
      int saved = errno;
      g_set_error (error, TEND_ERROR, TEND_ERROR_STORE,
                   _("Could not move %s aside: %s"), from, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Renames a damaged database (and its -wal and -shm files, which belong
 * with it) to <name>.db.broken-<timestamp>; nothing is deleted. The next
 * open () starts an empty workspace at the old path. */
gboolean
tend_workspace_move_aside (TendWorkspace  *self,
                           char          **out_new_path,
                           GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *new_path = g_strdup_printf ("%s.broken-%s", self->path, stamp);
  static const char *suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (TEND_IS_WORKSPACE (self), FALSE);

  tend_workspace_close (self);
  if (!rename_if_present (self->path, new_path, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (new_path, suffixes[i], NULL);

      if (!rename_if_present (from, to, error))
        return FALSE;
    }

  if (self->book != NULL)
    {
      TendBook *old = g_steal_pointer (&self->book);

      self->reload_serial++;
      g_signal_emit (self, signals[CHANGED], 0);
      tend_book_free (old);
    }
  set_last_sync (self, NULL);
  if (out_new_path != NULL)
    *out_new_path = g_steal_pointer (&new_path);
  return TRUE;
}

/* Tells the pages that an alert was acknowledged or raised. */
void
tend_workspace_alerts_changed (TendWorkspace *self)
{
  g_return_if_fail (TEND_IS_WORKSPACE (self));

  g_signal_emit (self, signals[ALERTS_CHANGED], 0);
}
