// Tests of strict date and amount parsing and of month arithmetic.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-day.h"
#include "tend-error.h"
#include "tend-money.h"

static TendDay
day (const char *text)
{
  TendDay d = 0;
  g_assert_true (tend_day_parse (text, &d, NULL));
  return d;
}

static void
test_day_parse (void)
{
  const char *bad[] = { "", "2026-1-01", "2026-02-30", "2026-13-01", "26-01-01", "2026-01-01x",
                        "2026/01/01", " 2026-01-01", "abcd-ef-gh", NULL };
  g_autoptr(GError) error = NULL;
  TendDay d;
  char buf[11];

  d = day ("2024-02-29");
  tend_day_format (d, buf);
  g_assert_cmpstr (buf, ==, "2024-02-29");
  for (int i = 0; bad[i]; i++)
    {
      g_assert_false (tend_day_parse (bad[i], &d, &error));
      g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
      g_clear_error (&error);
    }
}

static void
test_datetime_parse (void)
{
  TendDay d;
  gint64 ms;

  g_assert_true (tend_day_parse_datetime ("2026-03-07T16:50:06.678Z", &d, &ms, NULL));
  g_assert_cmpuint (d, ==, day ("2026-03-07"));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1772902206678));
  /* a zone moves the UTC day */
  g_assert_true (tend_day_parse_datetime ("2026-03-07T23:30:00-02:00", &d, NULL, NULL));
  g_assert_cmpuint (d, ==, day ("2026-03-08"));
  g_assert_true (tend_day_parse_datetime ("2026-03-07T16:50:06.000+0000", &d, NULL, NULL));
  g_assert_cmpuint (d, ==, day ("2026-03-07"));
  /* epoch milliseconds, as older HubSpot properties send */
  g_assert_true (tend_day_parse_datetime ("1772902206678", &d, &ms, NULL));
  g_assert_cmpuint (d, ==, day ("2026-03-07"));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1772902206678));
  g_assert_true (tend_day_parse_datetime ("2026-03-07", &d, NULL, NULL));
  g_assert_false (tend_day_parse_datetime ("2026-03-07T16:50:06", &d, NULL, NULL));
  g_assert_false (tend_day_parse_datetime ("yesterday", &d, NULL, NULL));
  g_assert_false (tend_day_parse_datetime ("2026-02-31T00:00:00Z", &d, NULL, NULL));
}

static void
test_add_months (void)
{
  g_assert_cmpuint (tend_day_add_months (day ("2026-01-31"), 1), ==, day ("2026-02-28"));
  g_assert_cmpuint (tend_day_add_months (day ("2024-01-31"), 1), ==, day ("2024-02-29"));
  g_assert_cmpuint (tend_day_add_months (day ("2026-01-31"), 12), ==, day ("2027-01-31"));
  g_assert_cmpint (tend_day_full_months_between (day ("2026-01-31"), day ("2026-02-27")), ==, 0);
  g_assert_cmpint (tend_day_full_months_between (day ("2026-01-31"), day ("2026-02-28")), ==, 1);
  g_assert_cmpint (tend_day_full_months_between (day ("2026-01-15"), day ("2027-01-14")), ==, 11);
  g_assert_cmpint (tend_day_full_months_between (day ("2026-01-15"), day ("2027-01-15")), ==, 12);
  g_assert_cmpint (tend_day_full_months_between (day ("2026-03-31"), day ("2026-04-30")), ==, 1);
  g_assert_cmpint (tend_day_full_months_between (day ("2026-03-10"), day ("2026-03-01")), ==, 0);
}

static void
test_money_parse (void)
{
  struct { const char *text; gint64 cents; } good[] = {
    { "120000.50", 12000050 }, { "0", 0 }, { "1234.5", 123450 }, { "7.", 700 },
    { ".25", 25 }, { "120000.500", 12000050 }, { "+3", 300 },
  };
  const char *bad[] = { "", "abc", "1,000", "1e3", "12.345", "1.2.3", " 5", "5 ", "-", ".", "NaN",
                        "99999999999999999999", NULL };
  g_autoptr(GError) error = NULL;
  gint64 cents;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (tend_money_parse (good[i].text, FALSE, &cents, NULL));
      g_assert_cmpint (cents, ==, good[i].cents);
    }
  for (int i = 0; bad[i]; i++)
    {
      g_assert_false (tend_money_parse (bad[i], TRUE, &cents, &error));
      g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_false (tend_money_parse ("-5", FALSE, &cents, &error));
  g_assert_nonnull (strstr (error->message, "negative"));
  g_clear_error (&error);
  g_assert_true (tend_money_parse ("-5.10", TRUE, &cents, NULL));
  g_assert_cmpint (cents, ==, -510);
}

static void
test_money_round (void)
{
  /* half away from zero */
  g_assert_cmpint (tend_money_scale_round (5, 1, 2), ==, 3);
  g_assert_cmpint (tend_money_scale_round (-5, 1, 2), ==, -3);
  g_assert_cmpint (tend_money_scale_round (100001, 7, 12), ==, 58334);
  g_assert_cmpint (tend_money_scale_round (100000, 1, 3), ==, 33333);
  g_assert_cmpint (tend_money_scale_round (100000, 2, 3), ==, 66667);
  g_assert_cmpint (tend_money_scale_round (G_GINT64_CONSTANT (900000000000000000), 11, 12), ==,
                   G_GINT64_CONSTANT (825000000000000000));
}

static void
test_money_format (void)
{
  g_autofree char *a = tend_money_to_decimal (123450);
  g_autofree char *b = tend_money_to_decimal (-5);
  g_autofree char *c = tend_money_format (123456789, "USD");

  g_assert_cmpstr (a, ==, "1234.50");
  g_assert_cmpstr (b, ==, "-0.05");
  g_assert_cmpstr (c, ==, "USD 1,234,567.89");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/day/parse-strict", test_day_parse);
  g_test_add_func ("/day/parse-datetime", test_datetime_parse);
  g_test_add_func ("/day/add-months-clamps", test_add_months);
  g_test_add_func ("/money/parse-strict", test_money_parse);
  g_test_add_func ("/money/round-half-away", test_money_round);
  g_test_add_func ("/money/format", test_money_format);
  return g_test_run ();
}
