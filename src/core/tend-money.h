// Money as integer minor units (cents) plus an ISO 4217 code; never a double.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  tend_money_parse            (const char  *text,
                                       gboolean     allow_negative,
                                       gint64      *out_cents,
                                       GError     **error);
char     *tend_money_to_decimal       (gint64       cents);
char     *tend_money_format           (gint64       cents,
                                       const char  *currency);
char     *tend_money_format_short     (gint64       cents,
                                       const char  *currency);
gint64    tend_money_scale_round      (gint64       cents,
                                       gint64       numerator,
                                       gint64       denominator);
gboolean  tend_currency_is_valid      (const char  *code);

G_END_DECLS
