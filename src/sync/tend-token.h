// The CRM token: TEND_CRM_TOKEN or the Secret Service keyring, never disk.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_TOKEN_ENV         "TEND_CRM_TOKEN"
#define TEND_TOKEN_SCHEMA_NAME "io.github.tend.Tend.Token"

/* Where a token came from. */
typedef enum {
  TEND_TOKEN_SOURCE_NONE,
  TEND_TOKEN_SOURCE_ENVIRONMENT,
  TEND_TOKEN_SOURCE_KEYRING,
} TendTokenSource;

/* TEND_CRM_TOKEN (non-empty) wins over the keyring. Keyring items carry the
 * attributes provider and base-url. When there is no token: NULL with
 * TEND_ERROR_NOT_FOUND "No CRM token: set TEND_CRM_TOKEN or connect in the
 * Tend window"; when the keyring cannot be reached (no libsecret in this
 * build, no Secret Service running): NULL with TEND_ERROR_STATE and a
 * message saying so. Free the result with tend_token_free() (it wipes the
 * memory). */
char     *tend_token_lookup        (const char           *provider,
                                    const char           *base_url,
                                    TendTokenSource      *out_source,
                                    GCancellable         *cancellable,
                                    GError              **error);
gboolean  tend_token_store         (const char           *provider,
                                    const char           *base_url,
                                    const char           *token,
                                    GCancellable         *cancellable,
                                    GError              **error);
/* Removing a token that is not there is not an error. */
gboolean  tend_token_clear         (const char           *provider,
                                    const char           *base_url,
                                    GCancellable         *cancellable,
                                    GError              **error);
gboolean  tend_token_keyring_available (void);
void      tend_token_free          (char                 *token);

/* Async variants for the app (run in a worker thread, complete on the
 * caller's thread-default main context). */
void      tend_token_lookup_async  (const char           *provider,
                                    const char           *base_url,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
char     *tend_token_lookup_finish (GAsyncResult         *result,
                                    TendTokenSource      *out_source,
                                    GError              **error);
void      tend_token_store_async   (const char           *provider,
                                    const char           *base_url,
                                    const char           *token,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  tend_token_store_finish  (GAsyncResult         *result,
                                    GError              **error);
void      tend_token_clear_async   (const char           *provider,
                                    const char           *base_url,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  tend_token_clear_finish  (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
