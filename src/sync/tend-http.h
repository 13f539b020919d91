// A small JSON-over-HTTPS client for CRM APIs: auth, retries, rate limits.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Called before every wait (rate limit or retry back-off), in the thread
 * that makes the request. */
typedef void (*TendHttpWaitFunc) (guint     wait_ms,
                                  guint     status,
                                  gpointer  user_data);

#define TEND_TYPE_HTTP (tend_http_get_type ())
G_DECLARE_FINAL_TYPE (TendHttp, tend_http, TEND, HTTP, GObject)

/* base_url must be https://, or http:// to a loopback host (127.0.0.0/8,
 * ::1, localhost); anything else fails with TEND_ERROR_INSECURE or
 * TEND_ERROR_INVALID_INPUT. The session lives in the calling thread. */
TendHttp   *tend_http_new            (const char        *base_url,
                                      const char        *token,
                                      GError           **error);
gboolean    tend_http_check_base_url (const char        *base_url,
                                      GError           **error);
void        tend_http_set_wait_func  (TendHttp          *self,
                                      TendHttpWaitFunc   func,
                                      gpointer           user_data);
guint       tend_http_get_n_requests (TendHttp          *self);

/* Sends method to base_url + path_and_query (already escaped) with an
 * optional JSON body and returns the parsed JSON answer of a 2xx status
 * (out_status tells 200 from 207). Retries 429 (Retry-After, else the
 * rate-limit interval), 5xx and network errors with bounded back-off;
 * maps HubSpot's error bodies to TEND_ERROR codes. */
JsonNode   *tend_http_request        (TendHttp          *self,
                                      const char        *method,
                                      const char        *path_and_query,
                                      JsonNode          *body,
                                      guint             *out_status,
                                      GCancellable      *cancellable,
                                      GError           **error);

/* Waits wait_ms, returning early with FALSE and TEND_ERROR_CANCELLED when
 * cancellable fires. */
gboolean    tend_http_sleep          (guint              wait_ms,
                                      GCancellable      *cancellable,
                                      GError           **error);

G_END_DECLS
