// Small helpers shared by the QBR pack and the portfolio review.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>

#include "tend-money.h"
#include "tend-pack.h"

const char *
tend_pack_tier_label (TendTier tier)
{
  switch (tier)
    {
    case TEND_TIER_GREEN:
      return "Green";
    case TEND_TIER_AMBER:
      return "Amber";
    case TEND_TIER_RED:
      return "Red";
    case TEND_TIER_UNKNOWN:
    case TEND_N_TIERS:
    default:
      return "Unknown (not enough data)";
    }
}

char *
tend_pack_format_score (gboolean present,
                        double   score)
{
  if (!present || !isfinite (score))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", score);
}

char *
tend_pack_format_day (TendDay day)
{
  if (day == TEND_DAY_NONE)
    return g_strdup ("—");
  return tend_day_to_iso (day);
}

void
tend_pack_add_amount (GArray     *amounts,
                      const char *currency,
                      gint64      cents)
{
  TendCurrencyAmount item = { currency, cents };
  guint i;

  for (i = 0; i < amounts->len; i++)
    {
      TendCurrencyAmount *a = &g_array_index (amounts, TendCurrencyAmount, i);
      int cmp = g_strcmp0 (a->currency, currency);

      if (cmp == 0)
        {
          a->amount += cents;
          return;
        }
      if (cmp > 0)
        break;
    }
  g_array_insert_val (amounts, i, item);
}

char *
tend_pack_format_amounts (GArray     *amounts,
                          const char *empty_text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < amounts->len; i++)
    {
      const TendCurrencyAmount *a = &g_array_index (amounts, TendCurrencyAmount, i);
      g_autofree char *text = tend_money_format (a->amount, a->currency);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, text);
    }
  if (out->len == 0)
    return g_strdup (empty_text);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
tend_pack_heading (TendPdf    *pdf,
                   int         level,
                   const char *text,
                   double      keep)
{
  if (tend_pdf_get_space_left (pdf) < keep)
    tend_pdf_page_break (pdf);
  tend_pdf_heading (pdf, level, text);
}
