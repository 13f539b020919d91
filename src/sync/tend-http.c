// A small JSON-over-HTTPS client for CRM APIs: auth, retries, rate limits.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "tend-error.h"
#include "tend-http.h"

/* Attempts for a request failing with 5xx or a network error, and waits on
 * 429 before giving up. */
#define MAX_ATTEMPTS        5
#define MAX_RATE_WAITS      8
#define DEFAULT_BACKOFF_MS  1000
#define MAX_RETRY_AFTER_S   120
#define DEFAULT_TIMEOUT_S   30
#define TOO_MANY_REQUESTS   429

struct _TendHttp
{
  GObject           parent_instance;

  SoupSession      *session;
  char             *base_url;
  char             *authorization;
  char             *token;
  guint             backoff_ms;
  guint             n_requests;
  TendHttpWaitFunc  wait_func;
  gpointer          wait_data;
};

G_DEFINE_FINAL_TYPE (TendHttp, tend_http, G_TYPE_OBJECT)

static guint
env_uint (const char *name,
          guint       fallback,
          guint       max)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return fallback;
  return (guint) value;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Replaces every occurrence of the token in text, in case a server echoes
 * it back in an error message. */
static char *
redact (TendHttp   *self,
        const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;
  if (self->token == NULL || *self->token == '\0' || strstr (text, self->token) == NULL)
    return g_strdup (text);
  parts = g_strsplit (text, self->token, -1);
  return g_strjoinv ("[redacted]", parts);
}

static void
tend_http_finalize (GObject *object)
{
  TendHttp *self = TEND_HTTP (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (tend_http_parent_class)->finalize (object);
}

static void
tend_http_class_init (TendHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_http_finalize;
}

static void
tend_http_init (TendHttp *self)
{
}

gboolean
tend_http_check_base_url (const char  *base_url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "No CRM base URL; give one such as https://api.hubapi.com");
      return FALSE;
    }
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  /* 253 bytes is the longest host name DNS carries. */
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      strlen (g_uri_get_host (uri)) > 253 ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is not a CRM base URL; give one such as https://api.hubapi.com", base_url);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (g_uri_get_host (uri)))
        return TRUE;
      g_set_error (error, TEND_ERROR, TEND_ERROR_INSECURE,
                   "Refusing plain http to %s: the token would travel unencrypted; use https://",
                   g_uri_get_host (uri));
      return FALSE;
    }
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "“%s” is not an http(s) URL; give one such as https://api.hubapi.com", base_url);
  return FALSE;
}

TendHttp *
tend_http_new (const char  *base_url,
               const char  *token,
               GError     **error)
{
  g_autoptr(TendHttp) self = NULL;
  guint timeout_s;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!tend_http_check_base_url (base_url, error))
    return NULL;
  if (token == NULL || *token == '\0' || strpbrk (token, "\r\n") != NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_AUTH,
                           "No usable CRM token: set TEND_CRM_TOKEN or connect in the Tend window");
      return NULL;
    }

  self = g_object_new (TEND_TYPE_HTTP, NULL);
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  self->base_url = g_strndup (base_url, len);
  self->token = g_strdup (token);
  self->authorization = g_strconcat ("Bearer ", token, NULL);
  self->backoff_ms = env_uint ("TEND_SYNC_BACKOFF_MS", DEFAULT_BACKOFF_MS, 60000);
  /* The I/O timeout also bounds a body that stalls half way. */
  timeout_s = env_uint ("TEND_SYNC_TIMEOUT_S", DEFAULT_TIMEOUT_S, 3600);
  self->session = soup_session_new_with_options ("timeout", timeout_s,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Tend/" PACKAGE_VERSION " ",
                                                 NULL);
  return g_steal_pointer (&self);
}

void
tend_http_set_wait_func (TendHttp         *self,
                         TendHttpWaitFunc  func,
                         gpointer          user_data)
{
  g_return_if_fail (TEND_IS_HTTP (self));

  self->wait_func = func;
  self->wait_data = user_data;
}

guint
tend_http_get_n_requests (TendHttp *self)
{
  g_return_val_if_fail (TEND_IS_HTTP (self), 0);

  return self->n_requests;
}

gboolean
tend_http_sleep (guint          wait_ms,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_ms * 1000;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "The sync was cancelled");
          return FALSE;
        }
      if (now >= deadline)
        return TRUE;
      g_usleep (MIN (deadline - now, 20000));
    }
}

static guint
backoff_for_attempt (TendHttp *self,
                     guint     attempt)
{
  guint64 ms = (guint64) self->backoff_ms << MIN (attempt, 10);

  return (guint) MIN (ms, (guint64) self->backoff_ms * 32);
}

static gboolean
wait_before_retry (TendHttp      *self,
                   guint          wait_ms,
                   guint          status,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_debug ("CRM: waiting %u ms before retrying (status %u)", wait_ms, status);
  if (self->wait_func != NULL)
    self->wait_func (wait_ms, status, self->wait_data);
  return tend_http_sleep (wait_ms, cancellable, error);
}

/* Reads {"status":"error","message","category","policyName"} if present. */
static void
read_error_body (GBytes  *bytes,
                 char   **out_message,
                 char   **out_category,
                 char   **out_policy)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  *out_message = NULL;
  *out_category = NULL;
  *out_policy = NULL;
  if (data == NULL || size == 0 || size > 65536 ||
      !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "message") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "message")) &&
      json_node_get_value_type (json_object_get_member (object, "message")) == G_TYPE_STRING)
    *out_message = g_strdup (json_object_get_string_member (object, "message"));
  if (json_object_has_member (object, "category") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "category")) &&
      json_node_get_value_type (json_object_get_member (object, "category")) == G_TYPE_STRING)
    *out_category = g_strdup (json_object_get_string_member (object, "category"));
  if (json_object_has_member (object, "policyName") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "policyName")) &&
      json_node_get_value_type (json_object_get_member (object, "policyName")) == G_TYPE_STRING)
    *out_policy = g_strdup (json_object_get_string_member (object, "policyName"));
}

static void
set_status_error (TendHttp    *self,
                  GError     **error,
                  guint        status,
                  const char  *method,
                  const char  *path,
                  GBytes      *bytes)
{
  g_autofree char *message = NULL;
  g_autofree char *category = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *route = NULL;
  const char *query;

  read_error_body (bytes, &message, &category, &policy);
  safe = redact (self, message);
  query = strchr (path, '?');
  route = query ? g_strndup (path, query - path) : g_strdup (path);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, TEND_ERROR, TEND_ERROR_AUTH,
                 "The CRM refused the token (%s); reconnect with a valid private app token",
                 category ? category : "INVALID_AUTHENTICATION");
  else if (status == SOUP_STATUS_FORBIDDEN && g_strcmp0 (category, "MISSING_SCOPES") == 0)
    g_set_error (error, TEND_ERROR, TEND_ERROR_AUTH,
                 "The CRM token lacks scopes (MISSING_SCOPES%s%s); give the private app read access to "
                 "crm.objects.owners.read, crm.objects.companies.read, crm.objects.deals.read, "
                 "tickets and feedback submissions, then reconnect",
                 safe ? ": " : "", safe ? safe : "");
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, TEND_ERROR, TEND_ERROR_AUTH,
                 "The CRM refused access to %s (403%s%s); check the private app's permissions",
                 route, safe ? ": " : "", safe ? safe : "");
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                 "The CRM has no %s (404); check the base URL", route);
  else if (status == TOO_MANY_REQUESTS)
    g_set_error (error, TEND_ERROR, TEND_ERROR_RATE_LIMITED,
                 "The CRM's rate limit (%s) held past Tend's patience; try again later",
                 policy ? policy : "RATE_LIMITS");
  else if (status >= 500)
    g_set_error (error, TEND_ERROR, TEND_ERROR_NETWORK,
                 "The CRM kept failing on %s %s (HTTP %u after %d attempts); try again later",
                 method, route, status, MAX_ATTEMPTS);
  else
    g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                 "The CRM rejected %s %s (HTTP %u%s%s%s%s); check the base URL and the field mapping",
                 method, route, status,
                 category ? " " : "", category ? category : "",
                 safe ? ": " : "", safe ? safe : "");
}

static guint
rate_limit_wait_ms (TendHttp        *self,
                    SoupMessageHeaders *headers,
                    guint            n_waits)
{
  g_autofree char *retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  g_autofree char *interval = g_strdup (soup_message_headers_get_one (headers, "X-HubSpot-RateLimit-Interval-Milliseconds"));
  guint64 value;

  if (retry_after != NULL &&
      g_ascii_string_to_unsigned (g_strstrip (retry_after), 10, 0, G_MAXUINT32, &value, NULL))
    return (guint) MIN (value, G_MAXUINT32 / 1000) * 1000;
  /* Without Retry-After, wait out the rate-limit window, bounded by the
   * back-off scale (so TEND_SYNC_BACKOFF_MS also shortens it in tests). */
  if (interval != NULL &&
      g_ascii_string_to_unsigned (g_strstrip (interval), 10, 1, G_MAXUINT32, &value, NULL))
    return (guint) MIN (value, (guint64) self->backoff_ms * 32);
  return backoff_for_attempt (self, n_waits);
}

static JsonNode *
parse_body (TendHttp    *self,
            GBytes      *bytes,
            const char  *method,
            const char  *path,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  const char *query = strchr (path, '?');
  g_autofree char *route = query ? g_strndup (path, query - path) : g_strdup (path);
  g_autofree char *repaired = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  /* Bytes that are not UTF-8 can only sit inside strings (JSON's syntax is
   * ASCII): repair them to U+FFFD rather than lose the whole page. */
  if (data != NULL && size > 0 && !g_utf8_validate_len (data, size, NULL))
    {
      repaired = g_utf8_make_valid (data, (gssize) size);
      data = repaired;
      size = strlen (repaired);
    }
  if (data == NULL || size == 0 ||
      !json_parser_load_from_data (parser, data, (gssize) size, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                   "The CRM answered %s %s with malformed JSON (%s); try again later or report it to the CRM's support",
                   method, route, local_error ? local_error->message : "empty body");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

JsonNode *
tend_http_request (TendHttp      *self,
                   const char    *method,
                   const char    *path_and_query,
                   JsonNode      *body,
                   guint         *out_status,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *body_text = NULL;
  guint attempt = 0;
  guint n_rate_waits = 0;

  g_return_val_if_fail (TEND_IS_HTTP (self), NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);

  url = g_strconcat (self->base_url, path_and_query, NULL);
  if (body != NULL)
    body_text = json_to_string (body, FALSE);

  for (;;)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 started = g_get_monotonic_time ();
      guint status;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "The sync was cancelled");
          return NULL;
        }

      msg = soup_message_new (method, url);
      if (msg == NULL)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "Cannot build a request for %s; check the base URL", path_and_query);
          return NULL;
        }
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", self->authorization);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
      if (body_text != NULL)
        {
          g_autoptr(GBytes) request = g_bytes_new (body_text, strlen (body_text));
          soup_message_set_request_body_from_bytes (msg, "application/json", request);
        }

      self->n_requests++;
      bytes = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
      status = soup_message_get_status (msg);
      /* Never log headers: Authorization carries the token. */
      g_debug ("CRM: %s %s -> %u (%" G_GINT64_FORMAT " ms)%s%s", method, path_and_query, status,
               (g_get_monotonic_time () - started) / 1000,
               local_error ? " " : "", local_error ? local_error->message : "");

      if (local_error != NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_cancellable_is_cancelled (cancellable))
            {
              g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "The sync was cancelled");
              return NULL;
            }
          if (local_error->domain == G_TLS_ERROR)
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_NETWORK,
                           "The CRM's TLS certificate was refused (%s); check the base URL",
                           local_error->message);
              return NULL;
            }
          if (++attempt >= MAX_ATTEMPTS)
            {
              g_autofree char *safe = redact (self, local_error->message);
              g_set_error (error, TEND_ERROR, TEND_ERROR_NETWORK,
                           "Cannot reach the CRM (%s after %u attempts); check the network and the base URL",
                           safe, attempt);
              return NULL;
            }
          if (!wait_before_retry (self, backoff_for_attempt (self, attempt - 1), 0, cancellable, error))
            return NULL;
          continue;
        }

      if (status == TOO_MANY_REQUESTS)
        {
          g_autofree char *message = NULL;
          g_autofree char *category = NULL;
          g_autofree char *policy = NULL;
          guint wait_ms;

          read_error_body (bytes, &message, &category, &policy);
          wait_ms = rate_limit_wait_ms (self, soup_message_get_response_headers (msg), n_rate_waits);
          if (g_strcmp0 (policy, "DAILY") == 0 || wait_ms > MAX_RETRY_AFTER_S * 1000 ||
              ++n_rate_waits > MAX_RATE_WAITS)
            {
              set_status_error (self, error, status, method, path_and_query, bytes);
              return NULL;
            }
          if (!wait_before_retry (self, wait_ms, status, cancellable, error))
            return NULL;
          continue;
        }

      if (status >= 500)
        {
          if (++attempt >= MAX_ATTEMPTS)
            {
              set_status_error (self, error, status, method, path_and_query, bytes);
              return NULL;
            }
          if (!wait_before_retry (self, backoff_for_attempt (self, attempt - 1), status, cancellable, error))
            return NULL;
          continue;
        }

      if (status < 200 || status >= 300)
        {
          set_status_error (self, error, status, method, path_and_query, bytes);
          return NULL;
        }

      {
        g_autoptr(GError) parse_error = NULL;
        JsonNode *root = parse_body (self, bytes, method, path_and_query, &parse_error);

        if (root != NULL)
          {
            if (out_status != NULL)
              *out_status = status;
            return root;
          }
        /* A body cut short or garbled in transit may come right next time;
         * a server that keeps sending it is a protocol error. */
        if (++attempt >= MAX_ATTEMPTS)
          {
            g_propagate_error (error, g_steal_pointer (&parse_error));
            return NULL;
          }
        if (!wait_before_retry (self, backoff_for_attempt (self, attempt - 1), status, cancellable, error))
          return NULL;
      }
    }
}
