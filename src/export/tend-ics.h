// iCalendar (RFC 5545) export of the renewal calendar.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"

G_BEGIN_DECLS

/* A TEXT value: backslash, semicolon, comma and newlines escaped, other
 * control characters dropped, invalid UTF-8 repaired. */
char     *tend_ics_escape_text   (const char    *text);
/* Appends one content line, folded at 75 octets (never inside a UTF-8
 * sequence) with CRLF line ends. */
void      tend_ics_append_line   (GString       *out,
                                  const char    *line);

/* "renewal-<account id>@tend": the same for every export of the account's
 * renewal, so a moved renewal updates the event a calendar already has. */
char     *tend_ics_renewal_uid   (const char    *account_id);

/* A VCALENDAR with one all-day VEVENT per TendRenewal (tend-renewals.h) of
 * renewals; stamp (UTC, NULL for now) is every event's DTSTAMP. */
char     *tend_ics_renewals      (GPtrArray      *renewals,
                                  const TendBook *book,
                                  GDateTime      *stamp);

/* Replaces path atomically; a new file gets the user's umask. */
gboolean  tend_ics_save          (const char    *calendar,
                                  const char    *path,
                                  GError       **error);

G_END_DECLS
