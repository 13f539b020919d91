// The simulator's queue of injected faults and the broken deliveries they cause.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "sim-faults.h"

#define SLOW_SECONDS  2
#define STALL_SECONDS 60

typedef struct {
  SimFaultKind kind;
  int          count;         /* -1: forever */
  char        *path;          /* a path prefix; NULL: every path */
  int          skip;
  int          retry_after;
} Fault;

/* A response held back (slow) or written by hand after taking the
 * connection over (stall, truncate). */
typedef struct {
  SimFaults         *owner;
  SimFaultKind       kind;
  SoupServerMessage *msg;
  GIOStream         *stream;
  GBytes            *data;
  GCancellable      *cancellable;
  guint              source;
} Delivery;

struct _SimFaults {
  GQueue  queue;
  GList  *deliveries;
  guint   injected[SIM_N_FAULTS];
};

static const char *kind_names[SIM_N_FAULTS] = {
  [SIM_FAULT_NONE] = "none",
  [SIM_FAULT_429] = "429",
  [SIM_FAULT_500] = "500",
  [SIM_FAULT_502] = "502",
  [SIM_FAULT_503] = "503",
  [SIM_FAULT_SF_LIMIT] = "sf-limit",
  [SIM_FAULT_SLOW] = "slow",
  [SIM_FAULT_STALL] = "stall",
  [SIM_FAULT_TRUNCATE] = "truncate",
  [SIM_FAULT_MALFORMED] = "malformed",
  [SIM_FAULT_WRONG_TYPES] = "wrong-types",
  [SIM_FAULT_MISSING_ID] = "missing-id",
  [SIM_FAULT_DUPLICATE_ID] = "duplicate-id",
  [SIM_FAULT_HUGE_STRING] = "huge-string",
  [SIM_FAULT_CONTROL_CHARS] = "control-chars",
  [SIM_FAULT_LOOP] = "loop",
};

static void
fault_free (Fault *fault)
{
  g_free (fault->path);
  g_free (fault);
}

static void
delivery_free (Delivery *delivery)
{
  g_clear_handle_id (&delivery->source, g_source_remove);
  if (delivery->cancellable != NULL)
    g_cancellable_cancel (delivery->cancellable);
  g_clear_object (&delivery->cancellable);
  if (delivery->stream != NULL)
    g_io_stream_close (delivery->stream, NULL, NULL);
  g_clear_object (&delivery->stream);
  g_clear_object (&delivery->msg);
  g_clear_pointer (&delivery->data, g_bytes_unref);
  g_free (delivery);
}

static void
delivery_finish (Delivery *delivery)
{
  delivery->owner->deliveries = g_list_remove (delivery->owner->deliveries, delivery);
  delivery_free (delivery);
}

SimFaults *
sim_faults_new (void)
{
  SimFaults *faults = g_new0 (SimFaults, 1);

  g_queue_init (&faults->queue);
  return faults;
}

void
sim_faults_free (SimFaults *faults)
{
  if (faults == NULL)
    return;
  g_queue_clear_full (&faults->queue, (GDestroyNotify) fault_free);
  g_list_free_full (g_steal_pointer (&faults->deliveries), (GDestroyNotify) delivery_free);
  g_free (faults);
}

const char *
sim_fault_kind_to_string (SimFaultKind kind)
{
  g_return_val_if_fail (kind < SIM_N_FAULTS, NULL);
  return kind_names[kind];
}

gboolean
sim_fault_kind_from_string (const char   *text,
                            SimFaultKind *kind)
{
  for (SimFaultKind k = SIM_FAULT_429; k < SIM_N_FAULTS; k++)
    if (g_strcmp0 (text, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

gboolean
sim_fault_kind_is_status (SimFaultKind kind)
{
  return kind >= SIM_FAULT_429 && kind <= SIM_FAULT_SF_LIMIT;
}

gboolean
sim_fault_kind_is_data (SimFaultKind kind)
{
  return kind >= SIM_FAULT_WRONG_TYPES && kind < SIM_N_FAULTS;
}

gboolean
sim_faults_add (SimFaults    *faults,
                SimFaultKind  kind,
                int           count,
                const char   *path,
                int           skip,
                int           retry_after,
                GError      **error)
{
  Fault *fault;

  if (kind <= SIM_FAULT_NONE || kind >= SIM_N_FAULTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown fault kind");
      return FALSE;
    }
  if (count == 0 || count < -1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "count must be positive, or -1 for forever");
      return FALSE;
    }
  if (skip < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "skip must not be negative");
      return FALSE;
    }

  fault = g_new0 (Fault, 1);
  fault->kind = kind;
  fault->count = count;
  fault->path = path != NULL && *path != '\0' ? g_strdup (path) : NULL;
  fault->skip = skip;
  fault->retry_after = retry_after;
  g_queue_push_tail (&faults->queue, fault);
  return TRUE;
}

static gboolean
parse_int (const char *text,
           int         fallback,
           int        *value)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  v = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || v < G_MININT || v > G_MAXINT)
    return FALSE;
  *value = (int) v;
  return TRUE;
}

/* kind[:count[:path[:retry_after]]] */
gboolean
sim_faults_add_spec (SimFaults   *faults,
                     const char  *spec,
                     GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 4);
  guint n = g_strv_length (parts);
  SimFaultKind kind;
  int count, retry_after;

  if (n == 0 || !sim_fault_kind_from_string (parts[0], &kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "unknown fault kind in “%s”", spec);
      return FALSE;
    }
  if (!parse_int (n > 1 ? parts[1] : NULL, 1, &count) ||
      !parse_int (n > 3 ? parts[3] : NULL, -1, &retry_after))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "bad number in fault “%s”", spec);
      return FALSE;
    }
  return sim_faults_add (faults, kind, count, n > 2 ? parts[2] : NULL, 0, retry_after, error);
}

static gboolean
member_int (JsonObject  *object,
            const char  *name,
            int          fallback,
            int         *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = fallback;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v >= G_MININT && v <= G_MAXINT)
        {
          *value = (int) v;
          return TRUE;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” must be an integer", name);
  return FALSE;
}

/* {"kind": K, "count": N, "path": P, "skip": M, "retry_after": S} */
gboolean
sim_faults_add_json (SimFaults   *faults,
                     const char  *json,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *kind_node;
  g_autofree char *kind_text = NULL;
  SimFaultKind kind;
  int count, skip, retry_after;
  const char *path = NULL;

  if (!json_parser_load_from_data (parser, json, (gssize) length, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "expected a JSON object");
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  kind_node = json_object_get_member (object, "kind");
  if (kind_node != NULL && JSON_NODE_HOLDS_VALUE (kind_node))
    {
      if (json_node_get_value_type (kind_node) == G_TYPE_STRING)
        kind_text = g_strdup (json_node_get_string (kind_node));
      else if (json_node_get_value_type (kind_node) == G_TYPE_INT64)
        kind_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (kind_node));
    }
  if (!sim_fault_kind_from_string (kind_text, &kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown fault kind “%s”",
                   kind_text != NULL ? kind_text : "");
      return FALSE;
    }
  if (!member_int (object, "count", 1, &count, error) ||
      !member_int (object, "skip", 0, &skip, error) ||
      !member_int (object, "retry_after", -1, &retry_after, error))
    return FALSE;
  if (json_object_has_member (object, "path"))
    {
      JsonNode *node = json_object_get_member (object, "path");

      if (!JSON_NODE_HOLDS_NULL (node))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“path” must be a string");
              return FALSE;
            }
          path = json_node_get_string (node);
        }
    }
  return sim_faults_add (faults, kind, count, path, skip, retry_after, error);
}

void
sim_faults_clear (SimFaults *faults)
{
  g_queue_clear_full (&faults->queue, (GDestroyNotify) fault_free);
  g_queue_init (&faults->queue);
}

guint
sim_faults_get_n_pending (SimFaults *faults)
{
  return faults->queue.length;
}

guint
sim_faults_get_n_injected (SimFaults    *faults,
                           SimFaultKind  kind)
{
  g_return_val_if_fail (kind < SIM_N_FAULTS, 0);
  return faults->injected[kind];
}

/* The first queued fault that matches the request decides it: while that
 * fault still has requests to skip, the request passes untouched. Data
 * faults only match routes that serve records. */
SimFaultHit
sim_faults_take (SimFaults  *faults,
                 const char *path,
                 gboolean    is_record_route)
{
  SimFaultHit hit = { SIM_FAULT_NONE, -1 };

  for (GList *l = faults->queue.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->path != NULL && !g_str_has_prefix (path, fault->path))
        continue;
      if (sim_fault_kind_is_data (fault->kind) && !is_record_route)
        continue;
      if (fault->skip > 0)
        {
          fault->skip--;
          return hit;
        }

      hit.kind = fault->kind;
      hit.retry_after = fault->retry_after;
      faults->injected[fault->kind]++;
      if (fault->count > 0 && --fault->count == 0)
        {
          g_queue_delete_link (&faults->queue, l);
          fault_free (fault);
        }
      return hit;
    }
  return hit;
}

static gboolean
slow_done_cb (gpointer user_data)
{
  Delivery *delivery = user_data;

  delivery->source = 0;
  soup_server_message_unpause (delivery->msg);
  delivery_finish (delivery);
  return G_SOURCE_REMOVE;
}

static gboolean
stall_done_cb (gpointer user_data)
{
  Delivery *delivery = user_data;

  delivery->source = 0;
  delivery_finish (delivery);
  return G_SOURCE_REMOVE;
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Delivery *delivery = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the delivery is being freed */

  if (delivery->kind == SIM_FAULT_STALL && error == NULL)
    {
      g_output_stream_flush (G_OUTPUT_STREAM (source), NULL, NULL);
      delivery->source = g_timeout_add_seconds (STALL_SECONDS, stall_done_cb, delivery);
    }
  else
    delivery_finish (delivery);
}

/* libsoup 3.2 has no phrase for 429. */
static const char *
status_phrase (guint status)
{
  return status == 429 ? "Too Many Requests" : soup_status_get_phrase (status);
}

static void
append_header_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  GString *head = user_data;

  if (g_ascii_strcasecmp (name, "Content-Length") == 0 ||
      g_ascii_strcasecmp (name, "Content-Type") == 0 ||
      g_ascii_strcasecmp (name, "Connection") == 0 ||
      g_ascii_strcasecmp (name, "Transfer-Encoding") == 0)
    return;
  g_string_append_printf (head, "%s: %s\r\n", name, value);
}

/* Takes the connection over and writes the head, announcing the full
 * length, and only the first half of the body. */
static void
deliver_half (SimFaults         *faults,
              SoupServerMessage *msg,
              SimFaultKind       kind,
              guint              status,
              const char        *content_type,
              GString           *body)
{
  Delivery *delivery;
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  GIOStream *stream;

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", status, status_phrase (status));
  g_string_append_printf (raw, "Date: %s\r\n", date);
  soup_message_headers_foreach (soup_server_message_get_response_headers (msg), append_header_cb, raw);
  g_string_append_printf (raw, "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          content_type, body->len);
  g_string_append_len (raw, body->str, (gssize) (body->len / 2));

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  delivery = g_new0 (Delivery, 1);
  delivery->owner = faults;
  delivery->kind = kind;
  delivery->stream = stream;
  delivery->cancellable = g_cancellable_new ();
  delivery->data = g_string_free_to_bytes (g_steal_pointer (&raw));
  faults->deliveries = g_list_prepend (faults->deliveries, delivery);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (delivery->data, NULL),
                                   g_bytes_get_size (delivery->data), G_PRIORITY_DEFAULT,
                                   delivery->cancellable, write_done_cb, delivery);
}

/* Sends @body (taken) with @status, delivered the way transport fault
 * @kind says; any other kind delivers normally. */
void
sim_faults_respond (SimFaults         *faults,
                    SoupServerMessage *msg,
                    SimFaultKind       kind,
                    guint              status,
                    const char        *content_type,
                    GString           *body)
{
  gsize length;

  switch (kind)
    {
    case SIM_FAULT_STALL:
    case SIM_FAULT_TRUNCATE:
      deliver_half (faults, msg, kind, status, content_type, body);
      g_string_free (body, TRUE);
      return;

    case SIM_FAULT_MALFORMED:
      g_string_truncate (body, body->len * 2 / 3);
      g_string_append (body, "<<not json>>");
      status = SOUP_STATUS_OK;
      break;

    default:
      break;
    }

  length = body->len;
  soup_server_message_set_status (msg, status, status_phrase (status));
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);

  if (kind == SIM_FAULT_SLOW)
    {
      Delivery *delivery = g_new0 (Delivery, 1);

      delivery->owner = faults;
      delivery->kind = kind;
      delivery->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      delivery->source = g_timeout_add_seconds (SLOW_SECONDS, slow_done_cb, delivery);
      faults->deliveries = g_list_prepend (faults->deliveries, delivery);
    }
}
