// libFuzzer target: the strict decimal amount parser (tend-money.c).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "fuzz-common.h"
#include "tend-money.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = tend_fuzz_string (data, size);

  tend_fuzz_init ();

  for (int allow_negative = 0; allow_negative <= 1; allow_negative++)
    {
      gint64 cents = 0;

      if (tend_money_parse (text, allow_negative, &cents, NULL))
        {
          g_autofree char *decimal = tend_money_to_decimal (cents);
          g_autofree char *formatted = tend_money_format (cents, "USD");
          gint64 again = 0;

          /* What the CLI and the CSV print reads back as the same amount. */
          g_assert_true (allow_negative || cents >= 0);
          g_assert_true (tend_money_parse (decimal, TRUE, &again, NULL));
          g_assert_cmpint (again, ==, cents);
          g_assert_nonnull (formatted);
        }
    }
  return 0;
}
