// Tests of the health score, snapshots, alerts, backtest and `tend-cli health`.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "tend-alerts.h"
#include "tend-backtest.h"
#include "tend-error.h"
#include "tend-health.h"
#include "tend-snapshots.h"
#include "tend-store.h"

/* Every test runs on D = 2026-06-30. Days used below:
 *   D-1  2026-06-29   D-14 2026-06-16   D-15 2026-06-15   D-20 2026-06-10
 *   D-30 2026-05-31   D-31 2026-05-30   D-89 2026-04-02   D-90 2026-04-01
 *   D-179 2026-01-02  D-180 2026-01-01 */
#define D_TEXT "2026-06-30"

typedef struct {
  char         *dir;
  char         *path;
  TendStore    *store;
  TendSettings  settings;
  TendDay       d;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-health-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "ws.db", NULL);
  f->store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
  tend_settings_init_defaults (&f->settings);
  f->d = tend_day_from_ymd (2026, 6, 30);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  tend_settings_clear (&f->settings);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static double
query_double (Fixture    *f,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double v = NAN;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* The health of one account on `as_of`, from a freshly loaded book. */
static TendHealth
health_with (Fixture            *f,
             const char         *account_id,
             TendDay             as_of,
             const TendSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = tend_book_load (f->store, &error);
  g_autoptr(GHashTable) risks = NULL;
  const TendAccount *a;
  TendHealth h;

  g_assert_no_error (error);
  risks = tend_health_load_risks (f->store, book, as_of, &error);
  g_assert_no_error (error);
  a = tend_book_find_account (book, account_id);
  g_assert_nonnull (a);
  tend_health_compute (book, a, as_of, settings, risks, &h);
  g_assert_cmpuint (h.account_index, ==, (guint) tend_book_account_index (book, account_id));
  return h;
}

static TendHealth
health_of (Fixture    *f,
           const char *account_id)
{
  return health_with (f, account_id, f->d, &f->settings);
}

static double
component (const TendHealth *h,
           TendComponent     c)
{
  g_assert_true (h->components[c].present);
  return h->components[c].value;
}

/* ---- usage ---- */

static void
test_usage_adoption (Fixture       *f,
                     gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name, licensed_seats, active_users_30d) VALUES"
    " ('full', 'Full', 100, 80), ('half', 'Half', 100, 40), ('over', 'Over', 10, 12),"
    " ('noseats', 'No seats', 0, 5), ('noactive', 'No active', 50, NULL), ('none', 'None', NULL, 3);");

  /* 80% adoption is full marks: 100 * min (1, 0.8 / 0.8) */
  h = health_of (f, "full");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 100.0);
  g_assert_cmpfloat_with_epsilon (h.usage_ratio, 0.8, 1e-12);
  /* 40% -> 50 */
  h = health_of (f, "half");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 50.0);
  /* more users than seats stays at 100 */
  h = health_of (f, "over");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 100.0);
  /* missing when seats are 0 or unknown, or active users unknown */
  g_assert_false (health_of (f, "noseats").components[TEND_COMPONENT_USAGE].present);
  g_assert_false (health_of (f, "noactive").components[TEND_COMPONENT_USAGE].present);
  g_assert_false (health_of (f, "none").components[TEND_COMPONENT_USAGE].present);
}

static void
test_usage_cap (Fixture       *f,
                gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name, licensed_seats, active_users_30d, last_activity) VALUES"
    " ('d30', 'Thirty', 100, 80, '2026-05-31'),"      /* D-30: not more than 30 days */
    " ('d31', 'Thirty-one', 100, 80, '2026-05-30'),"  /* D-31: capped */
    " ('low', 'Low', 100, 8, '2026-05-30'),"          /* 10 is under the cap already */
    " ('unknown', 'Unknown', 100, 80, NULL);");

  h = health_of (f, "d30");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 100.0);
  g_assert_false (h.is_usage_capped);
  g_assert_cmpint (h.days_since_activity, ==, 30);

  h = health_of (f, "d31");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 20.0);
  g_assert_true (h.is_usage_capped);

  h = health_of (f, "low");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 10.0);

  /* an unknown last activity is not evidence of inactivity: no cap */
  h = health_of (f, "unknown");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_USAGE), ==, 100.0);
  g_assert_false (h.is_usage_capped);
  g_assert_cmpint (h.days_since_activity, ==, -1);
}

/* ---- support ---- */

static void
test_support_doubling_edge (Fixture       *f,
                            gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name) VALUES ('d14', 'A'), ('d15', 'B'), ('later', 'C'), ('closed', 'D');"
    "INSERT INTO tickets (id, account_id, priority, created_at, closed_at) VALUES"
    /* open, created D-14: not before D-14, counts once: 2 points */
    " ('t1', 'd14', 'medium', '2026-06-16T23:59:00.000Z', NULL),"
    /* open, created D-15: counts twice: 4 points */
    " ('t2', 'd15', 'medium', '2026-06-15T00:00:00.000Z', NULL),"
    /* closed after D is still open on D: counts twice: 2 points */
    " ('t3', 'later', 'low', '2026-06-10T08:00:00.000Z', '2026-07-01T09:00:00.000Z'),"
    /* closed on D-1: once: 1 point */
    " ('t4', 'closed', 'low', '2026-06-10T08:00:00.000Z', '2026-06-29T09:00:00.000Z');");

  h = health_of (f, "d14");
  g_assert_cmpuint (h.support_points, ==, 2);
  g_assert_cmpuint (h.n_tickets_doubled, ==, 0);
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 80.0);

  h = health_of (f, "d15");
  g_assert_cmpuint (h.support_points, ==, 4);
  g_assert_cmpuint (h.n_tickets_doubled, ==, 1);
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 60.0);

  h = health_of (f, "later");
  g_assert_cmpuint (h.support_points, ==, 2);
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 80.0);

  h = health_of (f, "closed");
  g_assert_cmpuint (h.support_points, ==, 1);
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 90.0);
}

static void
test_support_window (Fixture       *f,
                     gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name) VALUES ('w', 'Window'), ('quiet', 'Quiet'), ('storm', 'Storm');"
    "INSERT INTO tickets (id, account_id, priority, created_at, closed_at) VALUES"
    /* D-90 is outside the last 90 days */
    " ('t1', 'w', 'urgent', '2026-04-01T12:00:00.000Z', '2026-04-02T12:00:00.000Z'),"
    /* D-89 is inside: 4 points */
    " ('t2', 'w', 'high', '2026-04-02T00:00:00.000Z', '2026-04-03T12:00:00.000Z'),"
    /* created after D: not yet */
    " ('t3', 'w', 'urgent', '2026-07-01T00:00:00.000Z', NULL),"
    /* 2 urgent open old tickets: 2 * 8 * 2 = 32 points -> floor at 0 */
    " ('t4', 'storm', 'urgent', '2026-05-01T00:00:00.000Z', NULL),"
    " ('t5', 'storm', 'urgent', '2026-05-02T00:00:00.000Z', NULL);");

  h = health_of (f, "w");
  g_assert_cmpuint (h.n_tickets, ==, 1);
  g_assert_cmpuint (h.tickets_by_priority[TEND_PRIORITY_HIGH], ==, 1);
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 60.0);

  /* no tickets: 100, never missing */
  h = health_of (f, "quiet");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 100.0);

  h = health_of (f, "storm");
  g_assert_cmpuint (h.support_points, ==, 32);
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_SUPPORT), ==, 0.0);
}

/* ---- relational ---- */

static void
test_relational (Fixture       *f,
                 gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name) VALUES ('a', 'A'), ('old', 'Old');"
    "INSERT INTO survey_responses (id, account_id, type, value, submitted_at, respondent) VALUES"
    /* NPS: r1's latest is a 3 (detractor), the earlier 10 does not count */
    " ('n1', 'a', 'NPS', 10, '2026-03-01T10:00:00.000Z', 'r1'),"
    " ('n2', 'a', 'NPS', 3, '2026-05-01T10:00:00.000Z', 'r1'),"
    /* r2: 9, a promoter */
    " ('n3', 'a', 'NPS', 9, '2026-04-01T10:00:00.000Z', 'r2'),"
    /* no respondent: each counts, a promoter and a passive */
    " ('n4', 'a', 'NPS', 10, '2026-04-01T10:00:00.000Z', NULL),"
    " ('n5', 'a', 'NPS', 7, '2026-04-02T10:00:00.000Z', NULL),"
    /* r4: same instant, the higher id (n7, a 10) is the latest */
    " ('n6', 'a', 'NPS', 0, '2026-06-01T10:00:00.000Z', 'r4'),"
    " ('n7', 'a', 'NPS', 10, '2026-06-01T10:00:00.000Z', 'r4'),"
    /* r5's only answer is at D-180: outside the last 180 days */
    " ('n8', 'a', 'NPS', 0, '2026-01-01T10:00:00.000Z', 'r5'),"
    /* CSAT: every response counts, even from one person: mean 4 */
    " ('c1', 'a', 'CSAT', 5, '2026-01-02T10:00:00.000Z', 'r1'),"
    " ('c2', 'a', 'CSAT', 4, '2026-03-02T10:00:00.000Z', 'r1'),"
    " ('c3', 'a', 'CSAT', 3, '2026-06-30T23:00:00.000Z', 'r1'),"
    /* CES: r1's latest 4, r2 7: mean 5.5 */
    " ('e1', 'a', 'CES', 7, '2026-02-01T10:00:00.000Z', 'r1'),"
    " ('e2', 'a', 'CES', 4, '2026-05-01T10:00:00.000Z', 'r1'),"
    " ('e3', 'a', 'CES', 7, '2026-05-01T10:00:00.000Z', 'r2'),"
    /* all outside the window: relational missing */
    " ('o1', 'old', 'CSAT', 5, '2025-12-01T10:00:00.000Z', 'x'),"
    " ('o2', 'old', 'NPS', 10, '2026-07-01T10:00:00.000Z', 'x');");

  h = health_of (f, "a");
  /* NPS over r1 (3), r2 (9), n4 (10), n5 (7), r4 (10): 3 promoters, 1
   * detractor of 5 -> nps 40, part (40 + 100) / 2 = 70 */
  g_assert_cmpuint (h.nps_responses, ==, 5);
  g_assert_cmpuint (h.nps_promoters, ==, 3);
  g_assert_cmpuint (h.nps_detractors, ==, 1);
  g_assert_cmpfloat (h.nps, ==, 40.0);
  g_assert_cmpfloat (h.nps_part, ==, 70.0);
  /* CSAT (4 - 1) / 4 * 100 = 75 */
  g_assert_cmpuint (h.csat_responses, ==, 3);
  g_assert_cmpfloat (h.csat_part, ==, 75.0);
  /* CES (5.5 - 1) / 6 * 100 = 75 */
  g_assert_cmpuint (h.ces_responses, ==, 2);
  g_assert_cmpfloat (h.ces_mean, ==, 5.5);
  g_assert_cmpfloat (h.ces_part, ==, 75.0);
  /* mean of the three parts */
  g_assert_cmpfloat_with_epsilon (component (&h, TEND_COMPONENT_RELATIONAL), (70.0 + 75 + 75) / 3, 1e-9);

  h = health_of (f, "old");
  g_assert_false (h.components[TEND_COMPONENT_RELATIONAL].present);
}

/* ---- financial ---- */

static void
test_financial (Fixture       *f,
                gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name, arr, arr_prior_year, overdue_amount, contract_end) VALUES"
    " ('up', 'Up', 130000, 100000, NULL, NULL),"        /* d = 0.3: 115 -> 100 */
    " ('down', 'Down', 50000, 100000, NULL, NULL),"     /* d = -0.5: -5 -> 0 */
    " ('grow', 'Grow', 110000, 100000, NULL, NULL),"    /* d = 0.1: 85 */
    " ('zero', 'Zero', 100000, 0, NULL, NULL),"         /* no prior ARR: no trend */
    " ('paid', 'Paid', NULL, NULL, 0, NULL),"           /* nothing owed: 100 */
    " ('some', 'Some', 100000, NULL, 9999, NULL),"      /* under 10% of ARR: 50 */
    " ('tenth', 'Tenth', 100000, NULL, 10000, NULL),"   /* exactly 10%: 0 */
    " ('noarr', 'No ARR', NULL, NULL, 5, NULL),"        /* owed, ARR unknown: 0 */
    " ('none', 'None', NULL, NULL, NULL, NULL),"
    " ('risk', 'Risk', 100000, 100000, 0, '2026-09-30'),"
    " ('stale', 'Stale', NULL, NULL, NULL, '2026-09-30');"
    "INSERT INTO risk_assessments (id, account_id, renewal_date, risk, assessed_by, assessed_at) VALUES"
    /* risk: two on the current renewal (2026-09-30): the latest, medium, wins */
    " (1, 'risk', '2026-09-30', 'low', 'x', '2026-06-01T00:00:00Z'),"
    " (2, 'risk', '2026-09-30', 'medium', 'x', '2026-06-02T00:00:00Z'),"
    /* an assessment of a past renewal is not the current one's */
    " (3, 'risk', '2025-09-30', 'high', 'x', '2026-06-03T00:00:00Z'),"
    " (4, 'stale', '2025-09-30', 'high', 'x', '2025-06-03T00:00:00Z'),"
    /* an unknown account's assessment is ignored */
    " (5, 'ghost', '2026-09-30', 'high', 'x', '2026-06-03T00:00:00Z');");

  h = health_of (f, "up");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_FINANCIAL), ==, 100.0);
  g_assert_cmpfloat_with_epsilon (h.spend_change, 0.3, 1e-12);
  h = health_of (f, "down");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_FINANCIAL), ==, 0.0);
  h = health_of (f, "grow");
  g_assert_cmpfloat_with_epsilon (component (&h, TEND_COMPONENT_FINANCIAL), 85.0, 1e-9);
  g_assert_false (health_of (f, "zero").components[TEND_COMPONENT_FINANCIAL].present);

  h = health_of (f, "paid");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_FINANCIAL), ==, 100.0);
  h = health_of (f, "some");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_FINANCIAL), ==, 50.0);
  h = health_of (f, "tenth");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_FINANCIAL), ==, 0.0);
  h = health_of (f, "noarr");
  g_assert_cmpfloat (component (&h, TEND_COMPONENT_FINANCIAL), ==, 0.0);
  g_assert_false (health_of (f, "none").components[TEND_COMPONENT_FINANCIAL].present);

  /* trend 70, payment 100, risk medium 60: mean 76.67 */
  h = health_of (f, "risk");
  g_assert_true (h.has_renewal_risk);
  g_assert_cmpstr (h.renewal_risk_level, ==, "medium");
  g_assert_cmpfloat_with_epsilon (component (&h, TEND_COMPONENT_FINANCIAL), (70.0 + 100 + 60) / 3, 1e-9);
  /* a newer assessment of the current renewal supersedes */
  exec_sql (f, "INSERT INTO risk_assessments (id, account_id, renewal_date, risk, assessed_by, assessed_at)"
               " VALUES (6, 'risk', '2026-09-30', 'high', 'x', '2026-06-04T00:00:00Z');");
  h = health_of (f, "risk");
  g_assert_cmpstr (h.renewal_risk_level, ==, "high");
  g_assert_cmpfloat_with_epsilon (component (&h, TEND_COMPONENT_FINANCIAL), (70.0 + 100 + 20) / 3, 1e-9);

  g_assert_false (health_of (f, "stale").components[TEND_COMPONENT_FINANCIAL].present);
}

/* ---- combination ---- */

static void
test_coverage (Fixture       *f,
               gconstpointer  data)
{
  TendHealth h;

  exec_sql (f,
    "INSERT INTO accounts (id, name, stage_override, overdue_amount) VALUES"
    /* renewal: support 20 + financial 30 of 100 = 0.5 exactly */
    " ('half', 'Half', 'renewal', 0),"
    /* adoption: support 25 + financial 15 of 100 = 0.4 */
    " ('less', 'Less', 'adoption', 0);");

  h = health_of (f, "half");
  g_assert_cmpfloat (h.coverage, ==, 0.5);
  g_assert_cmpfloat (h.score, ==, 100.0);
  g_assert_cmpint (h.tier, ==, TEND_TIER_GREEN);

  h = health_of (f, "less");
  g_assert_cmpfloat_with_epsilon (h.coverage, 0.4, 1e-12);
  g_assert_cmpfloat (h.score, ==, 100.0);   /* shown, but no tier */
  g_assert_cmpint (h.tier, ==, TEND_TIER_UNKNOWN);
  g_assert_false (h.components[TEND_COMPONENT_USAGE].present);
}

static void
test_tier_bounds (Fixture       *f,
                  gconstpointer  data)
{
  TendSettings only_usage = f->settings;

  /* Onboarding (45/25/10/20) with usage 70 (56 of 100 seats) and support 70
   * (3 points): (45*70 + 25*70) / 70 = 70, on the green bound. */
  exec_sql (f,
    "INSERT INTO accounts (id, name, stage_override, licensed_seats, active_users_30d) VALUES"
    " ('g70', 'G', 'onboarding', 100, 56),"
    " ('u70', 'U70', 'adoption', 100, 56), ('u6987', 'U6987', 'adoption', 1000, 559),"
    " ('u45', 'U45', 'adoption', 100, 36), ('u4487', 'U4487', 'adoption', 1000, 359);"
    "INSERT INTO tickets (id, account_id, priority, created_at, closed_at) VALUES"
    " ('t1', 'g70', 'low', '2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z'),"
    " ('t2', 'g70', 'medium', '2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z');");

  {
    TendHealth h = health_of (f, "g70");
    g_assert_cmpfloat (h.score, ==, 70.0);
    g_assert_cmpint (h.tier, ==, TEND_TIER_GREEN);
  }

  /* With the adoption weights set to usage only, the score is usage. */
  only_usage.weights[TEND_STAGE_ADOPTION][TEND_COMPONENT_USAGE] = 1;
  only_usage.weights[TEND_STAGE_ADOPTION][TEND_COMPONENT_SUPPORT] = 0;
  only_usage.weights[TEND_STAGE_ADOPTION][TEND_COMPONENT_FINANCIAL] = 0;
  only_usage.weights[TEND_STAGE_ADOPTION][TEND_COMPONENT_RELATIONAL] = 0;
  g_assert_cmpfloat (health_with (f, "u70", f->d, &only_usage).score, ==, 70.0);
  g_assert_cmpint (health_with (f, "u70", f->d, &only_usage).tier, ==, TEND_TIER_GREEN);
  g_assert_cmpfloat (health_with (f, "u6987", f->d, &only_usage).score, ==, 69.875);
  g_assert_cmpint (health_with (f, "u6987", f->d, &only_usage).tier, ==, TEND_TIER_AMBER);
  g_assert_cmpfloat (health_with (f, "u45", f->d, &only_usage).score, ==, 45.0);
  g_assert_cmpint (health_with (f, "u45", f->d, &only_usage).tier, ==, TEND_TIER_AMBER);
  g_assert_cmpfloat (health_with (f, "u4487", f->d, &only_usage).score, ==, 44.875);
  g_assert_cmpint (health_with (f, "u4487", f->d, &only_usage).tier, ==, TEND_TIER_RED);

  /* The bounds are settings too. */
  only_usage.tier_green = 80;
  g_assert_cmpint (health_with (f, "u70", f->d, &only_usage).tier, ==, TEND_TIER_AMBER);
}

static void
test_stage_and_weights (Fixture       *f,
                        gconstpointer  data)
{
  TendSettings custom = f->settings;
  TendHealth h;

  /* Contract started 10 days ago (onboarding), but overridden to renewal.
   * usage 100 (80/100 seats), support 100, financial 0 (owed, no ARR). */
  exec_sql (f,
    "INSERT INTO accounts (id, name, contract_start, stage_override, licensed_seats, active_users_30d, overdue_amount) VALUES"
    " ('o', 'Override', '2026-06-20', 'renewal', 100, 80, 5),"
    " ('n', 'Natural', '2026-06-20', NULL, 100, 80, 5);");

  h = health_of (f, "n");
  g_assert_cmpint (h.stage, ==, TEND_STAGE_ONBOARDING);
  /* (45*100 + 25*100 + 10*0) / 80 = 87.5 */
  g_assert_cmpfloat (h.score, ==, 87.5);
  g_assert_cmpfloat (h.coverage, ==, 0.8);

  h = health_of (f, "o");
  g_assert_cmpint (h.stage, ==, TEND_STAGE_RENEWAL);
  g_assert_cmpfloat (h.components[TEND_COMPONENT_FINANCIAL].weight, ==, 30);
  /* (20*100 + 20*100 + 30*0) / 70 = 57.14 */
  g_assert_cmpfloat_with_epsilon (h.score, 4000.0 / 70, 1e-9);
  g_assert_cmpfloat (h.coverage, ==, 0.7);
  g_assert_cmpint (h.tier, ==, TEND_TIER_AMBER);
  /* points add up to the score */
  g_assert_cmpfloat_with_epsilon (h.components[0].points + h.components[1].points +
                                  h.components[2].points + h.components[3].points, h.score, 1e-9);

  /* Settings weights change the score: renewal 10/10/80/0 -> 2000/100 = 20 */
  custom.weights[TEND_STAGE_RENEWAL][TEND_COMPONENT_USAGE] = 10;
  custom.weights[TEND_STAGE_RENEWAL][TEND_COMPONENT_SUPPORT] = 10;
  custom.weights[TEND_STAGE_RENEWAL][TEND_COMPONENT_FINANCIAL] = 80;
  custom.weights[TEND_STAGE_RENEWAL][TEND_COMPONENT_RELATIONAL] = 0;
  h = health_with (f, "o", f->d, &custom);
  g_assert_cmpfloat (h.score, ==, 20.0);
  g_assert_cmpfloat (h.coverage, ==, 1.0);
  g_assert_cmpint (h.tier, ==, TEND_TIER_RED);
}

static void
test_churned_not_scored (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(GArray) healths = NULL;

  exec_sql (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES"
    " ('gone', 'Gone', '2026-06-30'), ('soon', 'Soon', '2026-07-01'), ('lost', 'Lost', NULL);"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
    " ('d1', 'lost', 'renewal', 'lost', '2026-06-01T00:00:00.000Z');");

  g_assert_false (health_of (f, "gone").is_scored);
  g_assert_true (isnan (health_of (f, "gone").score));
  g_assert_true (health_of (f, "soon").is_scored);
  g_assert_false (health_of (f, "lost").is_scored);
  /* the day before the lost renewal it was still a customer */
  g_assert_true (health_with (f, "lost", tend_day_from_ymd (2026, 5, 31), &f->settings).is_scored);

  book = tend_book_load (f->store, &error);
  healths = tend_health_compute_book (f->store, book, f->d, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (healths->len, ==, 3);
  for (guint i = 0; i < healths->len; i++)
    g_assert_cmpuint (g_array_index (healths, TendHealth, i).account_index, ==, i);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  exec_sql (f,
    "INSERT INTO accounts (id, name, licensed_seats, active_users_30d, last_activity) VALUES"
    " ('busy-unhappy', 'A', 100, 56, '2026-06-29'),"    /* usage 70, relational 0 */
    " ('idle-happy', 'B', 100, 80, '2026-05-01'),"      /* usage capped 20, relational 100 */
    " ('busy-happy', 'C', 100, 80, '2026-06-29'),"
    " ('edge', 'D', 100, 32, '2026-06-29'),"            /* usage 40, relational 100: no flag */
    " ('nousage', 'E', NULL, NULL, NULL);"
    "INSERT INTO survey_responses (id, account_id, type, value, submitted_at) VALUES"
    " ('s1', 'busy-unhappy', 'CSAT', 1, '2026-06-01T00:00:00.000Z'),"
    " ('s2', 'idle-happy', 'CSAT', 5, '2026-06-01T00:00:00.000Z'),"
    " ('s3', 'busy-happy', 'CSAT', 5, '2026-06-01T00:00:00.000Z'),"
    " ('s4', 'edge', 'CSAT', 5, '2026-06-01T00:00:00.000Z'),"
    " ('s5', 'nousage', 'CSAT', 1, '2026-06-01T00:00:00.000Z');");

  g_assert_cmpuint (health_of (f, "busy-unhappy").flags & TEND_HEALTH_FLAG_CONFLICT, !=, 0);
  g_assert_cmpuint (health_of (f, "idle-happy").flags & TEND_HEALTH_FLAG_CONFLICT, !=, 0);
  g_assert_cmpuint (health_of (f, "busy-happy").flags & TEND_HEALTH_FLAG_CONFLICT, ==, 0);
  g_assert_cmpuint (health_of (f, "edge").flags & TEND_HEALTH_FLAG_CONFLICT, ==, 0);
  g_assert_cmpuint (health_of (f, "nousage").flags & TEND_HEALTH_FLAG_CONFLICT, ==, 0);
}

/* ---- snapshots and alerts ---- */

static void
take (Fixture  *f,
      TendDay   day,
      gboolean  after_sync)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = tend_book_load (f->store, &error);

  g_assert_no_error (error);
  g_assert_true (tend_health_take_snapshots (f->store, book, day, &f->settings, after_sync, &error));
  g_assert_no_error (error);
}

static void
test_snapshots_once_a_day (Fixture       *f,
                           gconstpointer  data)
{
  exec_sql (f,
    "INSERT INTO accounts (id, name, stage_override, licensed_seats, active_users_30d) VALUES"
    " ('a', 'A', 'adoption', 100, 80), ('b', 'B', 'adoption', 100, 40), ('gone', 'Gone', NULL, 1, 1);"
    "UPDATE accounts SET churn_date = '2026-01-01' WHERE id = 'gone';");

  take (f, f->d, FALSE);
  g_assert_cmpint (tend_health_count_snapshots (f->store, f->d, NULL), ==, 2);
  /* usage 100 and support 100 over 60 of 100 weight */
  g_assert_cmpfloat (query_double (f, "SELECT score FROM health_snapshots WHERE account_id = 'a'"), ==, 100.0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_snapshots WHERE account_id = 'a' AND "
                                 "day = '" D_TEXT "' AND tier = 'green' AND relational IS NULL AND "
                                 "usage = 100 AND source = 'daily' AND stage = 'adoption'"), ==, 1);

  /* A second daily snapshot the same day is skipped... */
  exec_sql (f, "UPDATE accounts SET active_users_30d = 8 WHERE id = 'a'");
  take (f, f->d, FALSE);
  g_assert_cmpfloat (query_double (f, "SELECT score FROM health_snapshots WHERE account_id = 'a'"), ==, 100.0);

  /* ...a sync replaces the day's rows. usage 10: (35*10 + 25*100) / 60 = 47.5 */
  take (f, f->d, TRUE);
  g_assert_cmpfloat (query_double (f, "SELECT score FROM health_snapshots WHERE account_id = 'a'"), ==, 47.5);
  g_assert_cmpint (tend_health_count_snapshots (f->store, f->d, NULL), ==, 2);

  /* the next day is a new day */
  take (f, tend_day_add_days (f->d, 1), FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_snapshots"), ==, 4);
}

static void
test_alerts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  TendDay d1 = tend_day_from_ymd (2026, 6, 1);
  TendDay d2 = tend_day_from_ymd (2026, 6, 10);
  TendDay d3 = tend_day_from_ymd (2026, 6, 11);
  gint64 id;

  /* Usage-only weights so the score is usage. Renews 2026-08-01, within 90
   * days of every snapshot day. */
  for (int s = 0; s < TEND_N_STAGES; s++)
    {
      f->settings.weights[s][TEND_COMPONENT_USAGE] = 1;
      f->settings.weights[s][TEND_COMPONENT_SUPPORT] = 0;
      f->settings.weights[s][TEND_COMPONENT_FINANCIAL] = 0;
      f->settings.weights[s][TEND_COMPONENT_RELATIONAL] = 0;
    }
  exec_sql (f,
    "INSERT INTO accounts (id, name, owner_id, contract_end, licensed_seats, active_users_30d) VALUES"
    " ('a', 'Acme', '77', '2026-08-01', 100, 80),"
    " ('b', 'Beta', '78', '2027-08-01', 100, 60);");   /* 75, green, stays */

  take (f, d1, FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts"), ==, 0);

  /* Acme falls from 100 (green) to 25 (red). */
  exec_sql (f, "UPDATE accounts SET active_users_30d = 20 WHERE id = 'a'");
  take (f, d2, FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE account_id = 'a' AND owner_id = '77' AND "
                                 "kind = 'tier_drop' AND key = '2026-06-01/2026-06-10'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE account_id = 'a' AND "
                                 "kind = 'score_fall' AND day = '2026-06-10'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE account_id = 'a' AND "
                                 "kind = 'renewal_at_risk' AND key = '2026-08-01'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts"), ==, 3);

  /* Re-taking the day after a sync, and the next day (still red, still 75
   * below the 2026-06-01 snapshot), raise nothing new. */
  take (f, d2, TRUE);
  take (f, d3, FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts"), ==, 3);

  /* Unknown is not a tier drop: usage goes missing on Beta. */
  exec_sql (f, "UPDATE accounts SET licensed_seats = NULL WHERE id = 'b'");
  take (f, tend_day_add_days (d3, 1), FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE account_id = 'b'"), ==, 0);

  open = tend_health_list_alerts (f->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 3);
  g_assert_cmpstr (((TendHealthAlert *) open->pdata[0])->owner_id, ==, "77");
  g_clear_pointer (&open, g_ptr_array_unref);
  open = tend_health_list_alerts (f->store, "78", FALSE, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_clear_pointer (&open, g_ptr_array_unref);

  /* Acknowledge: gone from the open list, kept with who and when, audited. */
  id = query_int (f, "SELECT id FROM health_alerts WHERE kind = 'tier_drop'");
  g_assert_true (tend_health_acknowledge_alert (f->store, id, &error));
  g_assert_no_error (error);
  open = tend_health_list_alerts (f->store, NULL, FALSE, &error);
  all = tend_health_list_alerts (f->store, NULL, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE acknowledged_by = 'Test Runner' "
                                 "AND acknowledged_at IS NOT NULL AND kind = 'tier_drop'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'alert' AND "
                                 "action = 'acknowledged' AND actor = 'Test Runner'"), ==, 1);

  g_assert_false (tend_health_acknowledge_alert (f->store, id, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (tend_health_acknowledge_alert (f->store, 9999, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An acknowledged alert is not raised again for the same snapshot pair. */
  take (f, d2, TRUE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts"), ==, 3);
}

static void
test_score_fall_window (Fixture       *f,
                        gconstpointer  data)
{
  /* usage-only weights; 2026-05-01 is D-30 of 2026-05-31 */
  for (int s = 0; s < TEND_N_STAGES; s++)
    {
      f->settings.weights[s][TEND_COMPONENT_USAGE] = 1;
      f->settings.weights[s][TEND_COMPONENT_SUPPORT] = 0;
    }
  exec_sql (f,
    "INSERT INTO accounts (id, name, licensed_seats, active_users_30d) VALUES"
    " ('a', 'A', 100, 56), ('b', 'B', 100, 56);"            /* 70 */
    "INSERT INTO health_snapshots (account_id, day, score, tier, coverage, stage, taken_at) VALUES"
    /* a: 85 exactly 30 days before: within 30 days, a fall of 15 */
    " ('a', '2026-05-01', 85, 'green', 1, 'adoption', 'x'),"
    /* b: 90 31 days before is outside; 84.5 inside is a fall of 14.5 */
    " ('b', '2026-04-30', 90, 'green', 1, 'adoption', 'x'),"
    " ('b', '2026-05-15', 84.5, 'green', 1, 'adoption', 'x');");

  take (f, tend_day_from_ymd (2026, 5, 31), FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE kind = 'score_fall' AND account_id = 'a'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE kind = 'score_fall' AND account_id = 'b'"), ==, 0);
}

static void
test_backfill (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = NULL;

  exec_sql (f,
    "INSERT INTO accounts (id, name, stage_override, churn_date) VALUES ('a', 'A', 'adoption', '2026-06-15');"
    "INSERT INTO tickets (id, account_id, priority, created_at, closed_at) VALUES"
    " ('t1', 'a', 'urgent', '2026-06-02T00:00:00.000Z', '2026-06-03T00:00:00.000Z');");
  book = tend_book_load (f->store, &error);
  /* 2026-06-01, 06-08, 06-15 (churned that day: not scored) */
  g_assert_true (tend_health_backfill_snapshots (f->store, book, tend_day_from_ymd (2026, 6, 1),
                                                 tend_day_from_ymd (2026, 6, 15), 7, &f->settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_snapshots WHERE source = 'backfill'"), ==, 2);
  /* the ticket of 06-02 is in the 06-08 window only */
  g_assert_cmpfloat (query_double (f, "SELECT support FROM health_snapshots WHERE day = '2026-06-01'"), ==, 100.0);
  g_assert_cmpfloat (query_double (f, "SELECT support FROM health_snapshots WHERE day = '2026-06-08'"), ==, 20.0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts"), ==, 0);
}

/* ---- backtest ---- */

static void
test_backtest_auc (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = NULL;
  TendBacktest r;

  /* Outcomes (as of D = 2026-06-30):
   *   c1 churned 2026-06-01 (churn date): snapshots at o-100 (2026-02-21,
   *      score 30) and o-80 (2026-03-13, score 90) tie at 10 days from o-90:
   *      the earlier wins, 30 (red); o-59 (2026-04-03, 99) is too late.
   *   c2 churned 2026-05-01 (lost renewal deal), also won a renewal in 2025:
   *      churn wins. Snapshot o-90 = 2026-01-31, score 60 (amber).
   *   r1 renewed 2026-06-01 (won renewal deal), snapshot 2026-03-03, 60 (amber).
   *   r2 renewed 2026-06-01, snapshot 2026-03-03, 80 (green).
   *   r3 renewed 2026-06-01, snapshot 2026-03-03, 20 (red).
   *   x1 renewed 2026-06-01 but only a snapshot at o-59: not used.
   *   x2 churns 2026-07-15, after D: outcome not known yet.
   * Risk = 100 - score: c1 70, c2 40 | r1 40, r2 20, r3 80.
   * Pairs (churned, renewed): c1 > r1, c1 > r2, c1 < r3 -> 2;
   *   c2 = r1 (0.5), c2 > r2 (1), c2 < r3 (0) -> 1.5. AUC = 3.5 / 6 = 0.5833.
   * Tiers: red c1 r3 (1 of 2 churned), amber c2 r1 (1 of 2), green r2 (0 of 1). */
  exec_sql (f,
    "INSERT INTO accounts (id, name, churn_date) VALUES ('c1', 'C1', '2026-06-01'), ('c2', 'C2', NULL),"
    " ('r1', 'R1', NULL), ('r2', 'R2', NULL), ('r3', 'R3', NULL), ('x1', 'X1', NULL), ('x2', 'X2', '2026-07-15');"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
    " ('d1', 'c2', 'renewal', 'lost', '2026-05-01T00:00:00.000Z'),"
    " ('d2', 'c2', 'renewal', 'won', '2025-05-01T00:00:00.000Z'),"
    " ('d3', 'r1', 'renewal', 'won', '2026-06-01T00:00:00.000Z'),"
    " ('d4', 'r2', 'renewal', 'won', '2026-06-01T00:00:00.000Z'),"
    " ('d5', 'r3', 'renewal', 'won', '2025-06-01T00:00:00.000Z'),"
    " ('d6', 'r3', 'renewal', 'won', '2026-06-01T00:00:00.000Z'),"
    " ('d7', 'x1', 'renewal', 'won', '2026-06-01T00:00:00.000Z');"
    "INSERT INTO health_snapshots (account_id, day, score, tier, coverage, stage, taken_at) VALUES"
    " ('c1', '2026-02-21', 30, 'red', 1, 'adoption', 'x'),"
    " ('c1', '2026-03-13', 90, 'green', 1, 'adoption', 'x'),"
    " ('c1', '2026-04-03', 99, 'green', 1, 'adoption', 'x'),"
    " ('c2', '2026-01-31', 60, 'amber', 1, 'adoption', 'x'),"
    " ('r1', '2026-03-03', 60, 'amber', 1, 'adoption', 'x'),"
    " ('r2', '2026-03-03', 80, 'green', 1, 'adoption', 'x'),"
    " ('r3', '2026-03-03', 20, 'red', 1, 'adoption', 'x'),"
    " ('x1', '2026-04-03', 10, 'red', 1, 'adoption', 'x'),"
    " ('x2', '2026-04-03', 10, 'red', 1, 'adoption', 'x');");

  book = tend_book_load (f->store, &error);
  g_assert_true (tend_health_backtest (f->store, book, f->d, &r, &error));
  g_assert_no_error (error);
  g_assert_true (r.enough_history);
  g_assert_cmpuint (r.accounts_used, ==, 5);
  g_assert_cmpuint (r.churned, ==, 2);
  g_assert_cmpuint (r.renewed, ==, 3);
  g_assert_cmpfloat_with_epsilon (r.auc, 3.5 / 6, 1e-12);
  g_assert_cmpuint (r.tier_accounts[TEND_TIER_RED], ==, 2);
  g_assert_cmpuint (r.tier_churned[TEND_TIER_RED], ==, 1);
  g_assert_cmpuint (r.tier_accounts[TEND_TIER_AMBER], ==, 2);
  g_assert_cmpuint (r.tier_churned[TEND_TIER_AMBER], ==, 1);
  g_assert_cmpuint (r.tier_accounts[TEND_TIER_GREEN], ==, 1);
  g_assert_cmpuint (r.tier_churned[TEND_TIER_GREEN], ==, 0);
  g_assert_cmpuint (r.tier_accounts[TEND_TIER_UNKNOWN], ==, 0);
}

static void
test_roc_auc (void)
{
  const double risk[] = { 1, 2, 3, 4 };
  const gboolean pos[] = { FALSE, FALSE, TRUE, TRUE };
  const gboolean inverse[] = { TRUE, TRUE, FALSE, FALSE };
  const double tied[] = { 5, 5, 5, 5 };

  g_assert_cmpfloat (tend_health_roc_auc (risk, pos, 4), ==, 1.0);
  g_assert_cmpfloat (tend_health_roc_auc (risk, inverse, 4), ==, 0.0);
  g_assert_cmpfloat (tend_health_roc_auc (tied, pos, 4), ==, 0.5);
  g_assert_true (isnan (tend_health_roc_auc (risk, pos, 2)));
}

static void
test_backtest_not_enough (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBook) book = NULL;
  TendBacktest r;

  exec_sql (f,
    "INSERT INTO accounts (id, name) VALUES ('r1', 'R1');"
    "INSERT INTO deals (id, account_id, category, status, close_date) VALUES"
    " ('d1', 'r1', 'renewal', 'won', '2026-06-01T00:00:00.000Z');"
    "INSERT INTO health_snapshots (account_id, day, score, tier, coverage, stage, taken_at) VALUES"
    " ('r1', '2026-03-03', 60, 'amber', 1, 'adoption', 'x');");
  book = tend_book_load (f->store, &error);
  g_assert_true (tend_health_backtest (f->store, book, f->d, &r, &error));
  g_assert_false (r.enough_history);
  g_assert_true (isnan (r.auc));
  g_assert_cmpuint (r.accounts_used, ==, 1);
  g_assert_cmpuint (r.renewed, ==, 1);
}

/* ---- tend-cli ---- */

static char *
run_cli (Fixture     *f,
         int         *out_status,
         char       **out_stderr,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TEND_CLI");
  char *out = NULL;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (char *) "--as-of");
  g_ptr_array_add (argv, (char *) D_TEXT);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, out_stderr, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *out_status = WEXITSTATUS (wait_status);
  return out;
}

static void
assert_contract_members (JsonObject *o)
{
  static const char *members[] = { "account_id", "name", "stage", "score", "tier", "coverage", "flags", "components" };
  JsonObject *components;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (o, members[i]));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "flags")));
  components = json_object_get_object_member (o, "components");
  g_assert_cmpuint (json_object_get_size (components), ==, 4);
  for (int c = 0; c < TEND_N_COMPONENTS; c++)
    g_assert_true (json_object_has_member (components, tend_component_to_string (c)));
}

static void
test_cli_health_json (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;
  JsonArray *array;
  JsonObject *a, *components;
  int status;

  /* acme: adoption, usage 100 (80/100), support 100, CSAT 1 -> relational 0
   * (35*100 + 25*100 + 25*0) / 85 = 70.588 -> 70.6, coverage 0.85, green,
   * conflict. beta: renewal, support only -> coverage 0.2, unknown. */
  exec_sql (f,
    "INSERT INTO accounts (id, name, owner_id, stage_override, licensed_seats, active_users_30d) VALUES"
    " ('9001', 'Acme', '77', 'adoption', 100, 80), ('9002', 'Beta', '77', 'renewal', NULL, NULL),"
    " ('9003', 'Gone', '77', NULL, NULL, NULL);"
    "UPDATE accounts SET churn_date = '2026-01-01' WHERE id = '9003';"
    "INSERT INTO survey_responses (id, account_id, type, value, submitted_at) VALUES"
    " ('s1', '9001', 'CSAT', 1, '2026-06-01T00:00:00.000Z');");

  out = run_cli (f, &status, &err, "health", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);   /* the churned one is left out */

  a = json_array_get_object_element (array, 0);
  assert_contract_members (a);
  g_assert_cmpstr (json_object_get_string_member (a, "account_id"), ==, "9001");
  g_assert_cmpstr (json_object_get_string_member (a, "name"), ==, "Acme");
  g_assert_cmpstr (json_object_get_string_member (a, "stage"), ==, "adoption");
  g_assert_cmpfloat (json_object_get_double_member (a, "score"), ==, 70.6);
  g_assert_cmpstr (json_object_get_string_member (a, "tier"), ==, "green");
  g_assert_cmpfloat (json_object_get_double_member (a, "coverage"), ==, 0.85);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "flags")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (a, "flags"), 0), ==, "conflict");
  components = json_object_get_object_member (a, "components");
  g_assert_cmpfloat (json_object_get_double_member (components, "usage"), ==, 100.0);
  g_assert_cmpfloat (json_object_get_double_member (components, "support"), ==, 100.0);
  g_assert_true (json_object_get_null_member (components, "financial"));
  g_assert_cmpfloat (json_object_get_double_member (components, "relational"), ==, 0.0);
  /* numbers are printed short, not as 70.599999999999994 */
  g_assert_nonnull (strstr (out, "\"score\": 70.6,"));

  a = json_array_get_object_element (array, 1);
  assert_contract_members (a);
  g_assert_cmpstr (json_object_get_string_member (a, "tier"), ==, "unknown");
  g_assert_cmpfloat (json_object_get_double_member (a, "coverage"), ==, 0.2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "flags")), ==, 0);

  /* --account gives one object */
  out2 = run_cli (f, &status, &err2, "health", "--json", "--account", "9002", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out2, -1, &error));
  a = json_node_get_object (json_parser_get_root (parser));
  assert_contract_members (a);
  g_assert_cmpstr (json_object_get_string_member (a, "account_id"), ==, "9002");

  /* an unknown account is bad usage: exit 2 and one line */
  out3 = run_cli (f, &status, &err3, "health", "--json", "--account", "nope", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out3, ==, "");
  g_assert_nonnull (strstr (err3, "nope"));
  g_assert_cmpint (strchr (err3, '\n') - err3, ==, (int) strlen (err3) - 1);
}

static void
test_cli_alerts_backtest (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *id = NULL;
  JsonObject *o;
  int status;

  exec_sql (f,
    "INSERT INTO accounts (id, name, owner_id, contract_end, licensed_seats, active_users_30d, last_activity) VALUES"
    " ('9001', 'Acme', '77', '2026-08-01', 100, 1, '2026-01-01');"
    "INSERT INTO health_snapshots (account_id, day, score, tier, coverage, stage, taken_at) VALUES"
    " ('9001', '2026-06-29', 90, 'green', 1, 'renewal', 'x');");

  out = run_cli (f, &status, &err, "snapshot", NULL);
  g_assert_cmpint (status, ==, 0);
  out2 = run_cli (f, &status, &err2, "alerts", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out2, -1, &error));
  g_assert_no_error (error);
  /* renewal stage, usage 1.25, support 100 over 40 of 100 weight: 50.6,
   * unknown tier, so only the fall from 90 the day before is an alert */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  o = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "account_id"), ==, "9001");
  g_assert_true (json_object_has_member (o, "alert_id"));

  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "score_fall");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, "alert_id"));
  out3 = run_cli (f, &status, &err3, "acknowledge", id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM health_alerts WHERE acknowledged_at IS NOT NULL"), ==, 1);

  out4 = run_cli (f, &status, &err4, "backtest", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out4, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (o, "auc"));
  g_assert_false (json_object_get_boolean_member (o, "enough_history"));
  g_assert_cmpint (json_object_get_int_member (o, "accounts_used"), ==, 0);
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "tiers"), "unknown"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "message"), "Not enough history"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/health/usage/adoption-80-percent", test_usage_adoption);
  ADD ("/health/usage/cap-after-30-days", test_usage_cap);
  ADD ("/health/support/open-ticket-doubling-edge", test_support_doubling_edge);
  ADD ("/health/support/90-day-window", test_support_window);
  ADD ("/health/relational/latest-per-respondent", test_relational);
  ADD ("/health/financial/parts", test_financial);
  ADD ("/health/score/coverage-half", test_coverage);
  ADD ("/health/score/tier-bounds", test_tier_bounds);
  ADD ("/health/score/stage-override-and-weights", test_stage_and_weights);
  ADD ("/health/score/churned-not-scored", test_churned_not_scored);
  ADD ("/health/score/conflict", test_conflict);
  ADD ("/health/snapshots/once-a-day-or-after-sync", test_snapshots_once_a_day);
  ADD ("/health/snapshots/backfill", test_backfill);
  ADD ("/health/alerts/created-once-and-acknowledged", test_alerts);
  ADD ("/health/alerts/score-fall-window", test_score_fall_window);
  ADD ("/health/backtest/auc-by-hand", test_backtest_auc);
  ADD ("/health/backtest/not-enough-history", test_backtest_not_enough);
  ADD ("/health/cli/health-json", test_cli_health_json);
  ADD ("/health/cli/alerts-and-backtest", test_cli_alerts_backtest);
#undef ADD
  g_test_add_func ("/health/backtest/roc-auc", test_roc_auc);

  return g_test_run ();
}
