// Money as integer minor units (cents) plus an ISO 4217 code; never a double.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tend-error.h"
#include "tend-money.h"

/* Strict decimal in major units: optional sign, digits, optional '.' and
 * at most two decimals ("1234.5", "1234.50", "-3"). No exponent, no
 * thousands separators, no spaces: a CRM value is never guessed at. */
gboolean
tend_money_parse (const char  *text,
                  gboolean     allow_negative,
                  gint64      *out_cents,
                  GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 units = 0;
  int cents = 0, decimals = 0, digits = 0;

  if (p == NULL || *p == '\0')
    goto bad;
  if (*p == '-' || *p == '+')
    {
      negative = (*p == '-');
      p++;
    }
  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      if (units > (G_MAXINT64 / 100 - 9) / 10)
        goto bad;
      units = units * 10 + (guint64) (*p - '0');
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          /* HubSpot sends "120000.500" at times: extra zeros are fine, extra
           * precision is not money we can hold. */
          if (decimals >= 2)
            {
              if (*p != '0')
                goto bad;
              continue;
            }
          cents = cents * 10 + (*p - '0');
          decimals++;
        }
    }
  if (*p != '\0' || (digits == 0 && decimals == 0))
    goto bad;
  if (decimals == 1)
    cents *= 10;
  if (negative && !allow_negative && (units > 0 || cents > 0))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is negative; expected an amount of zero or more", text);
      return FALSE;
    }
  *out_cents = (gint64) (units * 100 + (guint64) cents) * (negative ? -1 : 1);
  return TRUE;

bad:
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "“%s” is not an amount; expected a decimal such as 1234.50",
               text ? text : "");
  return FALSE;
}

/* "1234.50" — the machine form used in CSV and the CLI. */
char *
tend_money_to_decimal (gint64 cents)
{
  guint64 abs_cents = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", cents < 0 ? "-" : "",
                          abs_cents / 100, (unsigned) (abs_cents % 100));
}

static char *
group_thousands (guint64 units)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, units);
  struct lconv *lc = localeconv ();
  const char *sep = (lc && lc->thousands_sep && *lc->thousands_sep) ? lc->thousands_sep : ",";
  GString *out = g_string_new (NULL);
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* For people: "USD 1,234.50" with the locale's separators. */
char *
tend_money_format (gint64      cents,
                   const char *currency)
{
  guint64 abs_cents = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  g_autofree char *units = group_thousands (abs_cents / 100);
  struct lconv *lc = localeconv ();
  const char *point = (lc && lc->decimal_point && *lc->decimal_point) ? lc->decimal_point : ".";

  return g_strdup_printf ("%s%s%s%s%s%02u", currency ? currency : "", currency ? " " : "",
                          cents < 0 ? "−" : "", units, point, (unsigned) (abs_cents % 100));
}

/* For tight spaces: "USD 1.2M", "USD 950K", "USD 420". */
char *
tend_money_format_short (gint64      cents,
                         const char *currency)
{
  double units = (double) cents / 100.0;
  double a = units < 0 ? -units : units;
  const char *c = currency ? currency : "";
  const char *sp = currency ? " " : "";

  if (a >= 1e9)
    return g_strdup_printf ("%s%s%.1fB", c, sp, units / 1e9);
  if (a >= 1e6)
    return g_strdup_printf ("%s%s%.1fM", c, sp, units / 1e6);
  if (a >= 1e4)
    return g_strdup_printf ("%s%s%.0fK", c, sp, units / 1e3);
  return g_strdup_printf ("%s%s%.0f", c, sp, units);
}

/* cents * numerator / denominator, rounded half away from zero, exactly. */
gint64
tend_money_scale_round (gint64 cents,
                        gint64 numerator,
                        gint64 denominator)
{
  __int128 product = (__int128) cents * numerator;
  __int128 q, r;
  gboolean negative;

  g_return_val_if_fail (denominator != 0, 0);
  if (denominator < 0)
    {
      denominator = -denominator;
      product = -product;
    }
  negative = product < 0;
  if (negative)
    product = -product;
  q = product / denominator;
  r = product % denominator;
  if (r * 2 >= denominator)
    q++;
  return (gint64) (negative ? -q : q);
}

gboolean
tend_currency_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return FALSE;
  for (int i = 0; i < 3; i++)
    if (!g_ascii_isupper (code[i]))
      return FALSE;
  return TRUE;
}
