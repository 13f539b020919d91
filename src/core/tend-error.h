// Tend's one error domain, shared by every layer.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TEND_ERROR (tend_error_quark ())

typedef enum {
  TEND_ERROR_FAILED,
  TEND_ERROR_INVALID_INPUT,   /* a person typed or passed something wrong */
  TEND_ERROR_NOT_FOUND,       /* an id that is not in the cache */
  TEND_ERROR_STORE,           /* SQLite refused or the file is unusable */
  TEND_ERROR_BUSY,            /* another process holds the workspace */
  TEND_ERROR_CORRUPT,         /* the database file is damaged */
  TEND_ERROR_AUTH,            /* the CRM refused the token */
  TEND_ERROR_NETWORK,         /* the CRM could not be reached */
  TEND_ERROR_PROTOCOL,        /* the CRM answered something we cannot read */
  TEND_ERROR_RATE_LIMITED,    /* the CRM's limit held past our patience */
  TEND_ERROR_CANCELLED,
  TEND_ERROR_STATE,           /* an action not allowed in the current state */
  TEND_ERROR_INSECURE,        /* plain http to a non-loopback host */
} TendErrorCode;

GQuark tend_error_quark (void);

G_END_DECLS
