// tend-crm-sim: a deterministic HubSpot- and Salesforce-compatible CRM on loopback, for tests and demos.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sim-book.h"
#include "sim-faults.h"
#include "sim-hubspot.h"
#include "sim-json.h"
#include "sim-salesforce.h"

#define MAX_ACCOUNTS 2000000

typedef struct {
  SimBook    *book;
  SimFaults  *faults;
  SimHubspot *hubspot;
  SimSalesforce *salesforce;
  GHashTable *control_requests;   /* route -> count */
} SimServer;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              GString           *body)
{
  gsize length = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

static void
respond_control_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *message)
{
  GString *body = g_string_new ("{\"status\":\"error\",\"message\":");

  sim_json_append_string (body, message);
  g_string_append_c (body, '}');
  respond_json (msg, status, body);
}

static void
append_day (GString *out,
            gint32   day)
{
  int y, m, d;

  sim_day_to_civil (day, &y, &m, &d);
  g_string_append_printf (out, "\"%04d-%02d-%02d\"", y, m, d);
}

static void
append_kind_counts (GString     *out,
                    const char  *name,
                    const guint *counts)
{
  sim_json_append_member (out, name);
  g_string_append_c (out, '{');
  for (SimKind k = 0; k < SIM_N_KINDS; k++)
    g_string_append_printf (out, "%s\"%s\":%u", k > 0 ? "," : "", sim_kind_to_string (k), counts[k]);
  g_string_append_c (out, '}');
}

static void
handle_stats (SimServer         *self,
              SoupServerMessage *msg)
{
  GString *out = g_string_new ("{");
  guint live_owners = 0, archived_owners = 0;
  gboolean first = TRUE;

  g_string_append_printf (out, "\"seed\":%" G_GUINT64_FORMAT ",\"accounts\":%u,\"today\":",
                          sim_book_get_seed (self->book), sim_book_get_n_accounts (self->book));
  append_day (out, sim_book_get_today (self->book));
  g_string_append_printf (out, ",\"generation\":%u,\"newest_modified_ms\":%" G_GINT64_FORMAT ",\"records\":{",
                          sim_book_get_generation (self->book), sim_book_get_newest_modified (self->book));
  for (SimKind k = 0; k < SIM_N_KINDS; k++)
    {
      guint live = sim_book_count_live (self->book, k);

      g_string_append_printf (out, "%s\"%s\":{\"live\":%u,\"archived\":%u}", k > 0 ? "," : "",
                              sim_kind_to_string (k), live, sim_book_get_n_records (self->book, k) - live);
    }
  for (guint i = 0; i < sim_book_get_n_owners (self->book); i++)
    {
      if (sim_book_get_owner (self->book, i)->is_archived)
        archived_owners++;
      else
        live_owners++;
    }
  g_string_append_printf (out, "},\"owners\":{\"live\":%u,\"archived\":%u},", live_owners, archived_owners);

  sim_hubspot_append_stats (self->hubspot, out);
  g_string_append_c (out, ',');
  sim_salesforce_append_stats (self->salesforce, out);

  g_string_append (out, ",\"control_requests\":{");
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->control_requests);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_string_append (out, first ? "" : ",");
        first = FALSE;
        sim_json_append_member (out, key);
        g_string_append_printf (out, "%u", GPOINTER_TO_UINT (value));
      }
  }
  g_string_append_printf (out, "},\"faults\":{\"pending\":%u,\"injected\":{",
                          sim_faults_get_n_pending (self->faults));
  for (SimFaultKind k = SIM_FAULT_429; k < SIM_N_FAULTS; k++)
    g_string_append_printf (out, "%s\"%s\":%u", k > SIM_FAULT_429 ? "," : "",
                            sim_fault_kind_to_string (k), sim_faults_get_n_injected (self->faults, k));
  g_string_append (out, "}}}");
  respond_json (msg, SOUP_STATUS_OK, out);
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double      fallback,
               double     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static void
handle_advance (SimServer         *self,
                SoupServerMessage *msg)
{
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  GString *out;
  SimAdvanceCounts counts;
  JsonObject *object = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (request, &size);
  double fraction = 0.01, seed = 1;
  gint64 first_stamp;

  if (size > 0)
    {
      if (!json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return respond_control_error (msg, SOUP_STATUS_BAD_REQUEST, "expected a JSON object");
      object = json_node_get_object (json_parser_get_root (parser));
      if (!member_number (object, "fraction", 0.01, &fraction) || !member_number (object, "seed", 1, &seed) ||
          fraction < 0 || fraction > 1 || seed < 0)
        return respond_control_error (msg, SOUP_STATUS_BAD_REQUEST,
                                      "fraction must be a number in [0, 1] and seed a non-negative integer");
    }

  first_stamp = sim_book_get_newest_modified (self->book);
  counts = sim_book_advance (self->book, fraction, (guint64) seed, g_get_real_time () / 1000);

  out = g_string_new ("{");
  append_kind_counts (out, "changed", counts.changed);
  g_string_append_c (out, ',');
  append_kind_counts (out, "created", counts.created);
  g_string_append_c (out, ',');
  append_kind_counts (out, "archived", counts.archived);
  g_string_append_printf (out, ",\"modified_after_ms\":%" G_GINT64_FORMAT ",\"newest_modified_ms\":%" G_GINT64_FORMAT "}",
                          first_stamp, sim_book_get_newest_modified (self->book));
  respond_json (msg, SOUP_STATUS_OK, out);
}

static void
handle_control (SimServer         *self,
                SoupServerMessage *msg,
                const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  gpointer count = g_hash_table_lookup (self->control_requests, key);

  g_hash_table_replace (self->control_requests, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));

  if (strcmp (path, "/_sim/healthz") == 0 && strcmp (method, SOUP_METHOD_GET) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
    }
  else if (strcmp (path, "/_sim/fault") == 0 && strcmp (method, SOUP_METHOD_POST) == 0)
    {
      g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const char *data = g_bytes_get_data (request, &size);

      if (!sim_faults_add_json (self->faults, data, size, &error))
        respond_control_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      else
        {
          GString *body = g_string_new (NULL);

          g_string_append_printf (body, "{\"status\":\"ok\",\"pending\":%u}", sim_faults_get_n_pending (self->faults));
          respond_json (msg, SOUP_STATUS_OK, body);
        }
    }
  else if ((strcmp (path, "/_sim/faults") == 0 || strcmp (path, "/_sim/fault") == 0) &&
           strcmp (method, SOUP_METHOD_DELETE) == 0)
    {
      sim_faults_clear (self->faults);
      respond_json (msg, SOUP_STATUS_OK, g_string_new ("{\"status\":\"ok\",\"pending\":0}"));
    }
  else if (strcmp (path, "/_sim/advance") == 0 && strcmp (method, SOUP_METHOD_POST) == 0)
    handle_advance (self, msg);
  else if (strcmp (path, "/_sim/stats") == 0 && strcmp (method, SOUP_METHOD_GET) == 0)
    handle_stats (self, msg);
  else if (strcmp (path, "/_sim/idmap") == 0 && strcmp (method, SOUP_METHOD_GET) == 0)
    {
      /* Neutral (HubSpot) ids to Salesforce ids, for tests comparing the two. */
      g_autoptr(GHashTable) query = soup_form_decode (g_uri_get_query (soup_server_message_get_uri (msg)) ?: "");
      GString *body = g_string_new (NULL);

      if (sim_salesforce_append_idmap (self->salesforce, g_hash_table_lookup (query, "kind"), body))
        respond_json (msg, SOUP_STATUS_OK, body);
      else
        {
          g_string_free (body, TRUE);
          respond_control_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "kind must be owners, companies, contracts, deals, tickets or surveys");
        }
    }
  else
    respond_control_error (msg, SOUP_STATUS_NOT_FOUND, "no such control route");
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SimServer *self = user_data;

  if (g_str_has_prefix (path, "/_sim/"))
    handle_control (self, msg, path);
  else if (!sim_hubspot_handle (self->hubspot, msg, path) &&
           !sim_salesforce_handle (self->salesforce, msg, path))
    respond_control_error (msg, SOUP_STATUS_NOT_FOUND, "not found");
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gint32
today_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return sim_day_from_civil (g_date_time_get_year (now), g_date_time_get_month (now),
                             g_date_time_get_day_of_month (now));
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("tend-crm-sim: %s\n\n%s", message, help);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int accounts = 300;
  gint64 seed = 42;
  /* GOption overwrites a string option's default without freeing it:
   * the defaults are set after parsing. */
  g_autofree char *host = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) fault_specs = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0 picks a free one)", "N" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "Loopback address to bind (default 127.0.0.1)", "ADDRESS" },
    { "accounts", 0, 0, G_OPTION_ARG_INT, &accounts, "Number of accounts in the book (default 300)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the generated book (default 42)", "S" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, "As-of day of the book (default: today, UTC)", "YYYY-MM-DD" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "Bearer token to accept (default demo-token)", "T" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fault_specs, "Queue a fault: kind[:count[:path[:retry_after]]]", "SPEC" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- simulated CRM for Tend");
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SimBook) book = NULL;
  g_autoptr(SimFaults) faults = NULL;
  g_autoptr(SimHubspot) hubspot = NULL;
  g_autoptr(SimSalesforce) salesforce = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GHashTable) control_requests = NULL;
  g_autofree char *base_url = NULL;
  GSList *listeners;
  SimServer self = { 0 };
  gint32 today;
  guint sigterm, sigint;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, "unexpected argument");
  if (host == NULL)
    host = g_strdup ("127.0.0.1");
  if (token == NULL)
    token = g_strdup ("demo-token");
  if (port < 0 || port > 65535)
    return usage_error (context, "--port must be between 0 and 65535");
  if (accounts < 1 || accounts > MAX_ACCOUNTS)
    return usage_error (context, "--accounts must be between 1 and 2000000");
  if (seed < 0)
    return usage_error (context, "--seed must not be negative");
  if (today_text == NULL)
    today = today_utc ();
  else if (!sim_day_parse (today_text, &today))
    return usage_error (context, "--today must be a valid YYYY-MM-DD day");

  if (g_strcmp0 (host, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL || !g_inet_address_get_is_loopback (address))
    return usage_error (context, "--host must be a loopback address");

  faults = sim_faults_new ();
  for (guint i = 0; fault_specs != NULL && fault_specs[i] != NULL; i++)
    if (!sim_faults_add_spec (faults, fault_specs[i], &error))
      return usage_error (context, error->message);

  book = sim_book_new ((guint64) seed, (guint) accounts, today);
  hubspot = sim_hubspot_new (book, faults, token);
  salesforce = sim_salesforce_new (book, faults, token);
  loop = g_main_loop_new (NULL, FALSE);
  control_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self.book = book;
  self.faults = faults;
  self.hubspot = hubspot;
  self.salesforce = salesforce;
  self.control_requests = control_requests;

  server = soup_server_new ("server-header", "tend-crm-sim ", NULL);
  soup_server_add_handler (server, NULL, server_cb, &self, NULL);
  socket_address = g_inet_socket_address_new (address, (guint16) port);
  if (!soup_server_listen (server, socket_address, 0, &error))
    {
      g_printerr ("tend-crm-sim: cannot listen on %s:%d: %s\n", host, port, error->message);
      return 1;
    }

  /* The listening socket knows the port; soup_server_get_uris () leaks in libsoup 3.2. */
  listeners = soup_server_get_listeners (server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);
      g_autofree char *address_text = g_inet_address_to_string (address);
      guint16 bound_port = local != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : 0;

      if (bound_port != 0 && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
        base_url = g_strdup_printf ("http://[%s]:%u", address_text, bound_port);
      else if (bound_port != 0)
        base_url = g_strdup_printf ("http://%s:%u", address_text, bound_port);
    }
  g_slist_free (listeners);
  if (base_url == NULL)
    {
      g_printerr ("tend-crm-sim: the server has no address\n");
      return 1;
    }
  sim_hubspot_set_base_url (hubspot, base_url);

  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);

  printf ("listening on %s\n", base_url);
  fflush (stdout);
  g_main_loop_run (loop);

  g_source_remove (sigterm);
  g_source_remove (sigint);
  soup_server_disconnect (server);
  return 0;
}
