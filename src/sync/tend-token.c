// The CRM token: TEND_CRM_TOKEN or the Secret Service keyring, never disk.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "tend-error.h"
#include "tend-token.h"

#define NO_TOKEN_MESSAGE "No CRM token: set TEND_CRM_TOKEN or connect in the Tend window"

#ifdef HAVE_LIBSECRET
static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    TEND_TOKEN_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* libsecret's errors name D-Bus services, never the secret. */
static void
set_keyring_error (GError      **error,
                   GError       *cause,
                   const char   *action)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "Cancelled");
  else
    g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                 "Cannot %s the CRM token in the keyring (%s); set TEND_CRM_TOKEN or start a Secret Service such as GNOME Keyring",
                 action, cause->message);
}
#endif

#ifndef HAVE_LIBSECRET
static void
set_no_keyring_error (GError     **error,
                      const char  *action)
{
  g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
               "Cannot %s the CRM token: this build of Tend has no keyring support (libsecret); set TEND_CRM_TOKEN instead",
               action);
}
#endif

void
tend_token_free (char *token)
{
  if (token == NULL)
    return;
  memset (token, 0, strlen (token));
  g_free (token);
}

gboolean
tend_token_keyring_available (void)
{
#ifdef HAVE_LIBSECRET
  return TRUE;
#else
  return FALSE;
#endif
}

char *
tend_token_lookup (const char       *provider,
                   const char       *base_url,
                   TendTokenSource  *out_source,
                   GCancellable     *cancellable,
                   GError          **error)
{
  const char *env = g_getenv (TEND_TOKEN_ENV);

  g_return_val_if_fail (provider != NULL && base_url != NULL, NULL);

  if (out_source != NULL)
    *out_source = TEND_TOKEN_SOURCE_NONE;
  if (env != NULL && *env != '\0')
    {
      if (out_source != NULL)
        *out_source = TEND_TOKEN_SOURCE_ENVIRONMENT;
      return g_strdup (env);
    }

#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GError) local_error = NULL;
    char *password = secret_password_lookup_sync (token_schema (), cancellable, &local_error,
                                                  "provider", provider,
                                                  "base-url", base_url,
                                                  NULL);
    char *token;

    if (local_error != NULL)
      {
        g_set_error (error, TEND_ERROR,
                     g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? TEND_ERROR_CANCELLED : TEND_ERROR_STATE,
                     NO_TOKEN_MESSAGE " (the keyring is not available: %s)", local_error->message);
        return NULL;
      }
    if (password == NULL || *password == '\0')
      {
        secret_password_free (password);
        g_set_error_literal (error, TEND_ERROR, TEND_ERROR_NOT_FOUND, NO_TOKEN_MESSAGE);
        return NULL;
      }
    token = g_strdup (password);
    secret_password_free (password);
    if (out_source != NULL)
      *out_source = TEND_TOKEN_SOURCE_KEYRING;
    return token;
  }
#else
  g_set_error_literal (error, TEND_ERROR, TEND_ERROR_NOT_FOUND, NO_TOKEN_MESSAGE);
  return NULL;
#endif
}

gboolean
tend_token_store (const char    *provider,
                  const char    *base_url,
                  const char    *token,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (provider != NULL && base_url != NULL, FALSE);

  if (token == NULL || *token == '\0' || strpbrk (token, "\r\n") != NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The CRM token is empty or spans lines; paste the private app token again");
      return FALSE;
    }
#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GError) local_error = NULL;
    g_autofree char *label = g_strdup_printf ("Tend CRM token (%s, %s)", provider, base_url);

    if (!secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                     cancellable, &local_error,
                                     "provider", provider,
                                     "base-url", base_url,
                                     NULL))
      {
        set_keyring_error (error, local_error, "store");
        return FALSE;
      }
    return TRUE;
  }
#else
  set_no_keyring_error (error, "store");
  return FALSE;
#endif
}

gboolean
tend_token_clear (const char    *provider,
                  const char    *base_url,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (provider != NULL && base_url != NULL, FALSE);

#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GError) local_error = NULL;

    secret_password_clear_sync (token_schema (), cancellable, &local_error,
                                "provider", provider,
                                "base-url", base_url,
                                NULL);
    if (local_error != NULL)
      {
        set_keyring_error (error, local_error, "remove");
        return FALSE;
      }
    return TRUE;
  }
#else
  set_no_keyring_error (error, "remove");
  return FALSE;
#endif
}

/* Async: the same calls in a worker thread. */

typedef struct {
  char            *provider;
  char            *base_url;
  char            *token;
  TendTokenSource  source;
} TokenData;

static void
token_data_free (gpointer data)
{
  TokenData *td = data;

  g_free (td->provider);
  g_free (td->base_url);
  tend_token_free (td->token);
  g_free (td);
}

static GTask *
token_task_new (const char          *provider,
                const char          *base_url,
                const char          *token,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  TokenData *td = g_new0 (TokenData, 1);

  td->provider = g_strdup (provider);
  td->base_url = g_strdup (base_url);
  td->token = g_strdup (token);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, td, token_data_free);
  return task;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TokenData *td = task_data;
  GError *error = NULL;
  char *token = tend_token_lookup (td->provider, td->base_url, &td->source, cancellable, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) tend_token_free);
}

void
tend_token_lookup_async (const char          *provider,
                         const char          *base_url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = token_task_new (provider, base_url, NULL, tend_token_lookup_async,
                                          cancellable, callback, user_data);

  g_task_run_in_thread (task, lookup_thread);
}

char *
tend_token_lookup_finish (GAsyncResult     *result,
                          TendTokenSource  *out_source,
                          GError          **error)
{
  TokenData *td;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  td = g_task_get_task_data (G_TASK (result));
  if (out_source != NULL)
    *out_source = td->source;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TokenData *td = task_data;
  GError *error = NULL;

  if (tend_token_store (td->provider, td->base_url, td->token, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tend_token_store_async (const char          *provider,
                        const char          *base_url,
                        const char          *token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = token_task_new (provider, base_url, token, tend_token_store_async,
                                          cancellable, callback, user_data);

  g_task_run_in_thread (task, store_thread);
}

gboolean
tend_token_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TokenData *td = task_data;
  GError *error = NULL;

  if (tend_token_clear (td->provider, td->base_url, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tend_token_clear_async (const char          *provider,
                        const char          *base_url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = token_task_new (provider, base_url, NULL, tend_token_clear_async,
                                          cancellable, callback, user_data);

  g_task_run_in_thread (task, clear_thread);
}

gboolean
tend_token_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
