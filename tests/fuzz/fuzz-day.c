// libFuzzer target: the strict date and date-time parsers (tend-day.c).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "tend-day.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = tend_fuzz_string (data, size);
  TendDay day = TEND_DAY_NONE;
  gint64 ms = 0;

  tend_fuzz_init ();

  if (tend_day_parse (text, &day, NULL))
    {
      char iso[11];

      /* Strict: exactly YYYY-MM-DD, so it prints back as itself. */
      g_assert_cmpuint (day, !=, TEND_DAY_NONE);
      tend_day_format (day, iso);
      g_assert_cmpstr (iso, ==, text);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (tend_day_parse (text, &day, &error));
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL) || !g_utf8_validate (text, -1, NULL));
    }

  day = TEND_DAY_NONE;
  if (tend_day_parse_datetime (text, &day, &ms, NULL))
    {
      g_autofree char *instant = tend_unix_ms_to_iso (ms);
      g_autofree char *day_iso = tend_day_to_iso (day);
      TendDay again_day = TEND_DAY_NONE;
      gint64 again_ms = 0;

      /* The instant Tend stores reads back as the same instant and the
       * same UTC day. */
      g_assert_cmpuint (day, !=, TEND_DAY_NONE);
      g_assert_nonnull (instant);
      g_assert_true (strncmp (instant, day_iso, 10) == 0);
      g_assert_true (tend_day_parse_datetime (instant, &again_day, &again_ms, NULL));
      g_assert_cmpint (again_ms, ==, ms);
      g_assert_cmpuint (again_day, ==, day);
    }
  return 0;
}
