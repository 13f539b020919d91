// Generates the simulator's deterministic book and applies its changes over time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <stdlib.h>
#include <string.h>

#include "sim-book.h"

/* Ids are contiguous per kind (records are only ever appended), so an id
 * maps to its index by subtraction. The bases exceed 2^32 on purpose, as
 * real CRM ids do. */
static const guint64 id_base[SIM_N_KINDS] = {
  G_GUINT64_CONSTANT (5000000001),
  G_GUINT64_CONSTANT (6000000001),
  G_GUINT64_CONSTANT (7000000001),
  G_GUINT64_CONSTANT (8000000001),
};

#define OWNER_ID_BASE    G_GUINT64_CONSTANT (70000001)
#define OWNER_USER_BASE  G_GUINT64_CONSTANT (9100001)
#define N_CSMS           5
#define N_REPS           3
#define FORMER_OWNER     (N_CSMS + N_REPS)   /* index of the archived owner */
#define MS_PER_HOUR      G_GINT64_CONSTANT (3600000)
#define NAME_PERMUTATION 7919u

struct _SimBook {
  guint64       seed;
  guint         n_accounts;
  gint32        today;
  gint64        today_ms;      /* 00:00 UTC of the as-of day */
  GStringChunk *strings;
  GArray       *owners;
  GArray       *records[SIM_N_KINDS];
  guint         n_archived[SIM_N_KINDS];
  gint64        newest_ms;     /* the newest modification stamp handed out */
  guint         generation;    /* bumped by every change to the book */

  /* Children of each company (CSR layout), rebuilt lazily after a change. */
  guint         index_generation;
  gboolean      has_index;
  guint        *child_offsets[SIM_N_KINDS];
  guint        *child_items[SIM_N_KINDS];
};

typedef enum {
  PROFILE_HEALTHY,
  PROFILE_MIXED,
  PROFILE_AT_RISK,
  PROFILE_SPARSE,
  PROFILE_HIGH_USE_UNHAPPY,
  PROFILE_LOW_USE_HAPPY,
  PROFILE_SWAMPED,           /* many urgent tickets: support 0 */
} Profile;

/* What the generator decided about an account beyond its company record. */
typedef struct {
  guint    index;
  Profile  profile;
  gint32   first_start;        /* the day the customer first signed */
  int      past_renewals;      /* contract terms renewed before the current one */
  gboolean is_churned;         /* churned on or before the as-of day */
  gboolean has_lost_renewal;   /* a lost renewal deal records the churn */
  gint32   churn_day;          /* the churn outcome day, when churned */
  gint64   new_deal_close_ms;  /* 0: derived from the first start */
  int      n_open_renewals;    /* forced number of open renewal deals; -1: random */
  gboolean force_expansion;
  gboolean is_onboarding_new;
  const char *contacts[4];
  guint    n_contacts;
} AccountPlan;

typedef struct {
  guint64 s;
} SimRng;

static const char *segments[] = { "SMB", "Mid-Market", "Enterprise" };
static const char *regions[] = { "NA", "EMEA", "APAC", "LATAM" };
static const char *business_units[] = { "Commercial", "Enterprise Solutions", "Public Sector", "Strategic Accounts" };
static const char *product_lines[] = { "Core Platform", "Analytics Suite", "Payments", "Mobile SDK" };
static const char *lifecycle_stages[] = { "onboarding", "adoption", "expansion", "renewal" };

static const char *name_first[] = {
  "Acme", "Blue", "Bright", "Cedar", "Coastal", "Copper", "Crimson", "Delta",
  "Eagle", "Evergreen", "Falcon", "Granite", "Harbor", "Horizon", "Iron",
  "Juniper", "Keystone", "Lakeside", "Lunar", "Maple", "Meridian", "Nimbus",
  "North", "Oak", "Orbit", "Pacific", "Peak", "Pine", "Pioneer", "Polar",
  "Prairie", "Quantum", "Redwood", "River", "Royal", "Sage", "Silver", "Solar",
  "Summit", "Swift", "Terra", "Tidal", "Titan", "Union", "Valley", "Vector",
  "Vertex", "Vista", "West", "Willow", "Zenith", "Amber", "Atlas", "Beacon",
  "Birch", "Cobalt", "Echo", "Fjord", "Glacier", "Helix",
};

static const char *name_second[] = {
  "Analytics", "Bakery", "Biotech", "Brewing", "Capital", "Cloud", "Logistics",
  "Dynamics", "Energy", "Foods", "Freight", "Health", "Holdings", "Insurance",
  "Labs", "Legal", "Media", "Medical", "Metals", "Mining", "Motors", "Networks",
  "Optics", "Outfitters", "Partners", "Pharma", "Robotics", "Security",
  "Shipping", "Software", "Studios", "Systems", "Telecom", "Textiles", "Travel",
  "Ventures", "Wireless", "Works", "Aerospace", "Apparel", "Architects",
  "Audio", "Bank", "Chemicals", "Clinics", "Construction", "Consulting", "Data",
  "Design", "Education", "Electric", "Engineering", "Farms", "Finance",
  "Fitness", "Games", "Hotels", "Imaging", "Instruments", "Retail",
};

static const char *name_suffix[] = {
  "", "", "", " Inc.", " GmbH", " Ltd", " SA", " AB", " BV", " LLC", " Pty Ltd", " K.K.",
};

/* Names that exercise encodings, rendering and CSV escaping. */
static const char *special_names[] = {
  "Société Générale Démo",
  "株式会社テスト",
  "Café ☕ Labs",
  "Smith, \"Jones\" & Partners",
  "=SUM(A1:A9) Holdings",
  "Zürich Ölwerke Ångström AG",
  "شركة تجريبية",
  "Rocket 🚀🔥 Logistics",
  "+1 Telecom",
};

static const char *special_domains[] = {
  "socgen-demo.example", "test-kk.example", "cafe-labs.example",
  "smith-jones.example", "sum-holdings.example", "zuerich-oelwerke.example",
  "tajribiya.example", "rocket-logistics.example", "plus1-telecom.example",
};

static const char *contact_first[] = {
  "alex", "sam", "maria", "jean", "yuki", "lena", "omar", "ines", "li", "noah",
  "emma", "lucas", "sofia", "kenji", "anna", "mateo", "chloe", "ravi", "olga", "tom",
};

static const char *contact_last[] = {
  "martin", "schmidt", "garcia", "dubois", "sato", "rossi", "kowalski", "silva",
  "chen", "murphy", "nguyen", "berg", "haddad", "novak", "okafor", "jensen",
};

static const char *ticket_subjects[] = {
  "Login fails with SSO",
  "CSV export times out",
  "Dashboard slow to load 🐢",
  "Invoice shows wrong VAT",
  "API returns 500 on bulk import",
  "Need help configuring roles",
  "Webhook retries flooding our endpoint",
  "Problème de synchronisation des contacts",
  "Rechnung fehlt für Oktober",
  "データが表示されない",
  "Mobile app crashes on start",
  "Password reset email never arrives",
  "Feature request: dark mode",
  "Data discrepancy in monthly report",
  "Cannot add more seats",
  "Integration with Salesforce disconnected",
  "Duplicate records after import",
  "Report scheduler skipped a run",
  "Question about renewal pricing",
  "User provisioning via SCIM broken",
};

static const char *ticket_descriptions[] = {
  "Customer reports the issue started after the last release.",
  "Happens for all users in the EMEA workspace.",
  "Escalated by the account's executive sponsor.",
  "Steps to reproduce attached.",
};

static const char *verbatims_good[] = {
  "Great product, the team loves it.",
  "Support was fast and friendly 👍",
  "Très bon produit, facile à utiliser.",
  "Sehr zufrieden mit dem Service.",
  "とても使いやすいです。",
  "Onboarding was smooth, thanks!",
  "Exactly what we needed 🎉",
};

static const char *verbatims_mixed[] = {
  "Good overall, but reporting could be better.",
  "Decent, though the price went up.",
  "Ça marche, mais l'export est lent.",
  "Funktioniert, aber die Performance ist mittelmäßig.",
  "まあまあです。",
};

static const char *verbatims_bad[] = {
  "Too many outages this quarter.",
  "Support takes days to answer 😡",
  "Nous envisageons de changer de fournisseur.",
  "Zu teuer für das, was es kann.",
  "サポートの対応が遅すぎます。",
  "We are evaluating a competitor.",
  "Missing features we were promised during the sale.",
};

static const struct {
  const char *first;
  const char *last;
  const char *email;
  SimTeam     team;
  gboolean    is_archived;
} owner_seed[] = {
  { "Maya",  "Lindqvist", "maya.lindqvist@tend-demo.example", SIM_TEAM_CUSTOMER_SUCCESS, FALSE },
  { "Tomás", "Ortega",    "tomas.ortega@tend-demo.example",   SIM_TEAM_CUSTOMER_SUCCESS, FALSE },
  { "Priya", "Raman",     "priya.raman@tend-demo.example",    SIM_TEAM_CUSTOMER_SUCCESS, FALSE },
  { "Jonas", "Becker",    "jonas.becker@tend-demo.example",   SIM_TEAM_CUSTOMER_SUCCESS, FALSE },
  { "Aiko",  "Tanaka",    "aiko.tanaka@tend-demo.example",    SIM_TEAM_CUSTOMER_SUCCESS, FALSE },
  { "Liam",  "O'Connor",  "liam.oconnor@tend-demo.example",   SIM_TEAM_SALES, FALSE },
  { "Sofia", "Rossi",     "sofia.rossi@tend-demo.example",    SIM_TEAM_SALES, FALSE },
  { "Marcus", "Webb",     "marcus.webb@tend-demo.example",    SIM_TEAM_SALES, FALSE },
  { "Rachel", "Gold",     "rachel.gold@tend-demo.example",    SIM_TEAM_CUSTOMER_SUCCESS, TRUE },
};

/* splitmix64: small, fast and good enough for test data. */
static inline guint64
rng_next (SimRng *rng)
{
  guint64 z = (rng->s += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static SimRng
rng_for (guint64 seed,
         guint64 stream,
         guint64 index)
{
  SimRng rng = { seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03)) };

  rng.s ^= index * G_GUINT64_CONSTANT (0xA24BAED4963EE407);
  rng_next (&rng);
  return rng;
}

static inline double
rng_double (SimRng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Inclusive on both ends. */
static inline gint64
rng_range (SimRng *rng,
           gint64  lo,
           gint64  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo + 1));
}

/* Rounds half away from zero, without libm. */
static inline gint64
round_half (double x)
{
  return x < 0 ? -(gint64) (-x + 0.5) : (gint64) (x + 0.5);
}

static inline gboolean
rng_chance (SimRng *rng,
            double  p)
{
  return rng_double (rng) < p;
}

#define PICK(rng, array) ((array)[rng_next (rng) % G_N_ELEMENTS (array)])

gint32
sim_day_from_civil (int year,
                    int month,
                    int day)
{
  /* Howard Hinnant's days_from_civil. */
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (unsigned) (month + (month > 2 ? -3 : 9)) + 2) / 5 + (unsigned) day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint32) doe - 719468;
}

void
sim_day_to_civil (gint32  day,
                  int    *year,
                  int    *month,
                  int    *mday)
{
  gint32 z = day + 719468;
  gint32 era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *mday = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (int) yoe + era * 400 + (m <= 2);
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean is_leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && is_leap ? 29 : days[month - 1];
}

/* Keeps the day of the month and clamps it, as g_date_add_months () does. */
gint32
sim_day_add_months (gint32 day,
                    int    months)
{
  int y, m, d;
  int total;

  sim_day_to_civil (day, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  m = total - y * 12 + 1;
  d = MIN (d, days_in_month (y, m));
  return sim_day_from_civil (y, m, d);
}

gboolean
sim_day_parse (const char *text,
               gint32     *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month (y, m))
    return FALSE;
  *day = sim_day_from_civil (y, m, d);
  return TRUE;
}

const char *
sim_kind_to_string (SimKind kind)
{
  static const char *names[] = { "companies", "deals", "tickets", "surveys" };

  g_return_val_if_fail (kind < SIM_N_KINDS, NULL);
  return names[kind];
}

static inline gint64
day_ms (gint32 day)
{
  return (gint64) day * SIM_MS_PER_DAY;
}

/* A random moment on @day. */
static gint64
moment_on (SimRng *rng,
           gint32  day)
{
  return day_ms (day) + rng_range (rng, 7 * MS_PER_HOUR, 20 * MS_PER_HOUR) + rng_range (rng, 0, MS_PER_HOUR - 1);
}

/* A modification stamp shortly after @event_ms, but always before the
 * as-of day begins, so a simulator started on that day serves only history. */
static gint64
stamp_after (SimBook *book,
             SimRng  *rng,
             gint64   event_ms)
{
  gint64 ceiling = book->today_ms - 1 - rng_range (rng, 0, 6 * MS_PER_HOUR);
  gint64 stamp = event_ms + rng_range (rng, 60 * 1000, 3 * SIM_MS_PER_DAY);

  return MAX (MIN (stamp, ceiling), event_ms);
}

static char *
slugify (const char *text)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static inline gpointer
record_at (GArray *array,
           guint   index)
{
  return array->data + (gsize) index * g_array_get_element_size (array);
}

static gpointer
append_record (SimBook *book,
               SimKind  kind)
{
  GArray *array = book->records[kind];
  SimMeta *meta;

  g_array_set_size (array, array->len + 1);
  meta = record_at (array, array->len - 1);
  memset (meta, 0, g_array_get_element_size (array));
  meta->id = id_base[kind] + array->len - 1;
  return meta;
}

static const char *
format_string (SimBook    *book,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static const char *
format_string (SimBook    *book,
               const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert (book->strings, text);
}

static void
make_owners (SimBook *book)
{
  gint64 created = book->today_ms - 900 * SIM_MS_PER_DAY + 9 * MS_PER_HOUR;

  for (guint i = 0; i < G_N_ELEMENTS (owner_seed); i++)
    {
      SimOwner owner = {
        .id = OWNER_ID_BASE + i,
        .user_id = OWNER_USER_BASE + i,
        .first_name = owner_seed[i].first,
        .last_name = owner_seed[i].last,
        .email = owner_seed[i].email,
        .team = owner_seed[i].team,
        .created_ms = created + i * 7 * SIM_MS_PER_DAY,
        .modified_ms = book->today_ms - (40 - i) * SIM_MS_PER_DAY + 11 * MS_PER_HOUR + i * 1000,
        .is_archived = owner_seed[i].is_archived,
      };

      g_array_append_val (book->owners, owner);
    }
}

static guint64
csm_id (guint which)
{
  return OWNER_ID_BASE + which % N_CSMS;
}

static guint64
rep_id (guint which)
{
  return OWNER_ID_BASE + N_CSMS + which % N_REPS;
}

static Profile
pick_profile (SimRng *rng)
{
  double r = rng_double (rng);

  if (r < 0.42)
    return PROFILE_HEALTHY;
  if (r < 0.67)
    return PROFILE_MIXED;
  if (r < 0.86)
    return PROFILE_AT_RISK;
  if (r < 0.92)
    return PROFILE_SPARSE;
  if (r < 0.95)
    return PROFILE_HIGH_USE_UNHAPPY;
  if (r < 0.98)
    return PROFILE_LOW_USE_HAPPY;
  return PROFILE_SWAMPED;
}

static gint64
random_cents (SimRng *rng,
              gint64  lo_major,
              gint64  hi_major)
{
  gint64 cents = rng_range (rng, lo_major, hi_major) * 100;

  if (rng_chance (rng, 0.4))
    cents += rng_range (rng, 1, 99);
  return cents;
}

static void
make_company_name (SimBook    *book,
                   SimRng     *rng,
                   guint       index,
                   SimCompany *company)
{
  guint combos = G_N_ELEMENTS (name_first) * G_N_ELEMENTS (name_second);
  guint n_special = G_N_ELEMENTS (special_names);
  guint j, round;
  const char *first, *second;
  g_autofree char *domain = NULL;

  if (index < n_special)
    {
      company->name = special_names[index];
      company->domain = special_domains[index];
      return;
    }

  /* A permutation keeps names and domains unique within one round of combos. */
  j = (guint) (((guint64) index * NAME_PERMUTATION) % combos);
  round = index / combos;
  first = name_first[j % G_N_ELEMENTS (name_first)];
  second = name_second[j / G_N_ELEMENTS (name_first)];
  if (round == 0)
    company->name = format_string (book, "%s %s%s", first, second, PICK (rng, name_suffix));
  else
    company->name = format_string (book, "%s %s %u%s", first, second, round + 1, PICK (rng, name_suffix));

  if (round == 0)
    domain = g_strdup_printf ("%s%s.example", first, second);
  else
    domain = g_strdup_printf ("%s%s%u.example", first, second, round + 1);
  for (char *p = domain; *p; p++)
    *p = g_ascii_tolower (*p);
  company->domain = rng_chance (rng, 0.03) ? NULL : g_string_chunk_insert (book->strings, domain);
}

static void
make_contacts (SimBook     *book,
               SimRng      *rng,
               SimCompany  *company,
               AccountPlan *plan)
{
  g_autofree char *slug = slugify (company->name);
  const char *domain = company->domain;

  if (domain == NULL)
    domain = format_string (book, "%s.example", *slug ? slug : "account");

  plan->n_contacts = (guint) rng_range (rng, 1, 4);
  for (guint i = 0; i < plan->n_contacts; i++)
    plan->contacts[i] = format_string (book, "%s.%s@%s",
                                       contact_first[(rng_next (rng) + i) % G_N_ELEMENTS (contact_first)],
                                       PICK (rng, contact_last), domain);
}

/* The contract: first signature, current term, churn. */
static void
make_contract (SimBook     *book,
               SimRng      *rng,
               SimCompany  *company,
               AccountPlan *plan)
{
  gint32 today = book->today;
  double churn_chance;
  int max_renewals = g_strcmp0 (company->segment, "Enterprise") == 0 ? 4 : 3;

  switch (plan->profile)
    {
    case PROFILE_AT_RISK:
    case PROFILE_SWAMPED:
      churn_chance = 0.16;
      break;
    case PROFILE_MIXED:
      churn_chance = 0.04;
      break;
    default:
      churn_chance = 0.01;
      break;
    }

  if (rng_chance (rng, churn_chance))
    {
      double style = rng_double (rng);

      plan->is_churned = TRUE;
      plan->churn_day = today - (gint32) rng_range (rng, 30, 400);
      company->contract_end = plan->churn_day - (gint32) rng_range (rng, 0, 15);
      company->contract_start = sim_day_add_months (company->contract_end, -12);
      plan->past_renewals = (int) rng_range (rng, 0, 2);
      /* Most churns are recorded both ways; some only by the date, some only by the lost deal. */
      plan->has_lost_renewal = style < 0.60 || style >= 0.85;
      company->churn_date = style < 0.85 ? plan->churn_day : SIM_NO_DAY;
    }
  else if (rng_chance (rng, 0.08))
    {
      plan->is_onboarding_new = TRUE;
      company->contract_start = today - (gint32) rng_range (rng, 0, 89);
      company->contract_end = sim_day_add_months (company->contract_start, 12);
      plan->past_renewals = 0;
    }
  else
    {
      gint32 offset;

      if (rng_chance (rng, 0.05))
        offset = (gint32) rng_range (rng, -200, -1);   /* lapsed, paperwork late */
      else
        offset = (gint32) rng_range (rng, 0, 400);
      company->contract_end = today + offset;
      /* Multi-year terms keep every current term started at least 90 days ago. */
      company->contract_start = sim_day_add_months (company->contract_end, offset <= 275 ? -12 : -24);
      plan->past_renewals = (int) rng_range (rng, 0, max_renewals);

      if (rng_chance (rng, 0.006))
        company->churn_date = today + (gint32) rng_range (rng, 10, 60);   /* announced churn */
    }

  plan->first_start = sim_day_add_months (company->contract_start, -12 * plan->past_renewals);
}

static void
make_usage (SimRng      *rng,
            SimCompany  *company,
            AccountPlan *plan)
{
  double lo, hi;

  if (g_strcmp0 (company->segment, "SMB") == 0)
    company->licensed_seats = rng_range (rng, 5, 50);
  else if (g_strcmp0 (company->segment, "Mid-Market") == 0)
    company->licensed_seats = rng_range (rng, 50, 500);
  else
    company->licensed_seats = rng_range (rng, 500, 5000);

  switch (plan->profile)
    {
    case PROFILE_HEALTHY:          lo = 0.65; hi = 1.05; break;
    case PROFILE_MIXED:            lo = 0.35; hi = 0.80; break;
    case PROFILE_AT_RISK:          lo = 0.05; hi = 0.45; break;
    case PROFILE_SWAMPED:          lo = 0.30; hi = 0.70; break;
    case PROFILE_HIGH_USE_UNHAPPY: lo = 0.85; hi = 1.00; break;
    case PROFILE_LOW_USE_HAPPY:    lo = 0.02; hi = 0.25; break;
    case PROFILE_SPARSE:
    default:                       lo = 0.10; hi = 0.90; break;
    }
  company->active_users_30d = round_half (company->licensed_seats * (lo + (hi - lo) * rng_double (rng)));

  if (plan->profile == PROFILE_SPARSE)
    {
      if (rng_chance (rng, 0.5))
        company->active_users_30d = SIM_NONE;
      else
        company->licensed_seats = rng_chance (rng, 0.5) ? SIM_NONE : 0;
    }
  else if (rng_chance (rng, 0.02))
    company->licensed_seats = 0;
  else if (rng_chance (rng, 0.03))
    company->licensed_seats = SIM_NONE;
  else if (rng_chance (rng, 0.04))
    company->active_users_30d = SIM_NONE;
}

static void
make_activity_and_money (SimBook     *book,
                         SimRng      *rng,
                         SimCompany  *company,
                         AccountPlan *plan)
{
  gint32 today = book->today;
  double r = rng_double (rng);

  switch (plan->profile)
    {
    case PROFILE_AT_RISK:
      company->last_activity = today - (gint32) (r < 0.3 ? rng_range (rng, 31, 120) : rng_range (rng, 0, 20));
      break;
    case PROFILE_LOW_USE_HAPPY:
      company->last_activity = today - (gint32) (r < 0.5 ? rng_range (rng, 31, 90) : rng_range (rng, 0, 10));
      break;
    case PROFILE_SPARSE:
      company->last_activity = r < 0.5 ? SIM_NO_DAY : today - (gint32) rng_range (rng, 0, 60);
      break;
    default:
      company->last_activity = today - (gint32) rng_range (rng, 0, 7);
      break;
    }
  if (rng_chance (rng, 0.03))
    company->last_activity = SIM_NO_DAY;

  /* ARR by segment, trend by profile. */
  if (g_strcmp0 (company->segment, "SMB") == 0)
    company->arr_cents = random_cents (rng, 6000, 40000);
  else if (g_strcmp0 (company->segment, "Mid-Market") == 0)
    company->arr_cents = random_cents (rng, 40000, 250000);
  else
    company->arr_cents = random_cents (rng, 250000, 2500000);

  if (plan->is_onboarding_new)
    company->arr_prior_cents = rng_chance (rng, 0.5) ? SIM_NONE : 0;
  else if (plan->profile == PROFILE_SPARSE ? rng_chance (rng, 0.6) : rng_chance (rng, 0.10))
    company->arr_prior_cents = SIM_NONE;
  else if (rng_chance (rng, 0.04))
    company->arr_prior_cents = 0;
  else
    {
      double lo, hi, d;

      switch (plan->profile)
        {
        case PROFILE_HEALTHY: lo = -0.05; hi = 0.40; break;
        case PROFILE_AT_RISK: lo = -0.45; hi = 0.05; break;
        default:              lo = -0.15; hi = 0.15; break;
        }
      d = lo + (hi - lo) * rng_double (rng);
      company->arr_prior_cents = round_half (company->arr_cents / (1.0 + d));
    }

  /* Overdue amount: 0 mostly, small, at least 10 % of ARR, or unknown. */
  r = rng_double (rng);
  switch (plan->profile)
    {
    case PROFILE_HEALTHY:
    case PROFILE_LOW_USE_HAPPY:
      company->overdue_cents = r < 0.90 ? 0 : r < 0.95 ? -1 : SIM_NONE;
      break;
    case PROFILE_AT_RISK:
    case PROFILE_SWAMPED:
      company->overdue_cents = r < 0.50 ? 0 : r < 0.70 ? -1 : r < 0.92 ? -2 : SIM_NONE;
      break;
    case PROFILE_SPARSE:
      company->overdue_cents = r < 0.6 ? SIM_NONE : 0;
      break;
    default:
      company->overdue_cents = r < 0.75 ? 0 : r < 0.90 ? -1 : r < 0.94 ? -2 : SIM_NONE;
      break;
    }
  if (company->overdue_cents == -1)
    company->overdue_cents = round_half (company->arr_cents * (0.01 + 0.08 * rng_double (rng)));
  else if (company->overdue_cents == -2)
    company->overdue_cents = round_half (company->arr_cents * (0.10 + 0.30 * rng_double (rng)));
}

static void
make_company (SimBook     *book,
              SimRng      *rng,
              guint        index,
              SimCompany  *company,
              AccountPlan *plan)
{
  double r;

  plan->index = index;
  plan->profile = pick_profile (rng);
  plan->n_open_renewals = -1;
  company->churn_date = SIM_NO_DAY;

  make_company_name (book, rng, index, company);

  r = rng_double (rng);
  company->segment = r < 0.50 ? segments[0] : r < 0.85 ? segments[1] : segments[2];
  r = rng_double (rng);
  company->region = r < 0.45 ? regions[0] : r < 0.75 ? regions[1] : r < 0.90 ? regions[2] : regions[3];
  company->business_unit = rng_chance (rng, 0.05) ? NULL : PICK (rng, business_units);
  company->product_line = rng_chance (rng, 0.05) ? NULL : PICK (rng, product_lines);

  r = rng_double (rng);
  company->currency = r < 0.06 ? NULL : r < 0.11 ? "EUR" : r < 0.15 ? "GBP" : "USD";

  r = rng_double (rng);
  if (r < 0.007)
    company->owner_id = 0;
  else if (r < 0.014)
    company->owner_id = OWNER_ID_BASE + FORMER_OWNER;   /* a CSM who left */
  else
    company->owner_id = csm_id ((guint) rng_next (rng));

  r = g_strcmp0 (company->segment, "Enterprise") == 0 ? 0.8 : g_strcmp0 (company->segment, "SMB") == 0 ? 0.05 : 0.4;
  company->executive_owner_id = rng_chance (rng, r) ? OWNER_ID_BASE + rng_next (rng) % (N_CSMS + N_REPS) : 0;

  company->lifecycle_override = rng_chance (rng, 0.03) ? PICK (rng, lifecycle_stages) : NULL;

  make_contract (book, rng, company, plan);
  make_usage (rng, company, plan);
  make_activity_and_money (book, rng, company, plan);
  make_contacts (book, rng, company, plan);

  company->meta.created_ms = moment_on (rng, plan->first_start - (gint32) rng_range (rng, 10, 90));
  company->meta.modified_ms = stamp_after (book, rng, MAX (company->meta.created_ms,
                                                           book->today_ms - rng_range (rng, 1, 45) * SIM_MS_PER_DAY));
}

/* Fixed accounts at the front of the book, so that every rule of DOMAIN.md
 * meets its edge cases even in a small book. */
static void
apply_showcase (SimBook     *book,
                SimCompany  *c,
                AccountPlan *plan)
{
  gint32 today = book->today;

  switch (plan->index)
    {
    case 9:    /* new business won exactly 60 days ago: just outside "the last 60 days" */
    case 10:   /* ... 61 days ago at the last millisecond of the day */
    case 11:   /* ... 59 days ago at midnight: awaiting handoff */
      {
        static const int age[] = { 60, 61, 59 };
        int days = age[plan->index - 9];

        plan->profile = PROFILE_HEALTHY;
        plan->is_onboarding_new = TRUE;
        plan->past_renewals = 0;
        plan->new_deal_close_ms = day_ms (today - days) + (plan->index == 10 ? SIM_MS_PER_DAY - 1 : 0);
        c->contract_start = today - days + 5;
        c->contract_end = sim_day_add_months (c->contract_start, 12);
        c->arr_prior_cents = SIM_NONE;
        c->churn_date = SIM_NO_DAY;
        plan->is_churned = FALSE;
      }
      break;
    case 12:   /* contract started exactly 90 days ago: no longer onboarding */
    case 13:   /* 89 days ago: onboarding */
      plan->is_churned = FALSE;
      c->churn_date = SIM_NO_DAY;
      plan->is_onboarding_new = TRUE;
      plan->past_renewals = 0;
      c->contract_start = today - (plan->index == 12 ? 90 : 89);
      c->contract_end = sim_day_add_months (c->contract_start, 12);
      break;
    case 14: case 15: case 16: case 17: case 18:
      {
        /* Renewal-stage and calendar-horizon edges: +120, +121, today, +90, +91. */
        static const int end[] = { 120, 121, 0, 90, 91 };

        plan->is_churned = FALSE;
        c->churn_date = SIM_NO_DAY;
        c->contract_end = today + end[plan->index - 14];
        c->contract_start = sim_day_add_months (c->contract_end, -12);
        plan->n_open_renewals = 0;
      }
      break;
    case 19:   /* an open renewal deal closes before the contract ends */
    case 20:   /* two open renewal deals: the earliest refines the date */
      plan->is_churned = FALSE;
      c->churn_date = SIM_NO_DAY;
      c->contract_end = today + (plan->index == 19 ? 60 : 70);
      c->contract_start = sim_day_add_months (c->contract_end, -12);
      plan->n_open_renewals = plan->index == 19 ? 1 : 2;
      break;
    case 21:
      plan->profile = PROFILE_HIGH_USE_UNHAPPY;
      c->licensed_seats = 200;
      c->active_users_30d = 190;
      c->last_activity = today - 1;
      break;
    case 22:
      plan->profile = PROFILE_LOW_USE_HAPPY;
      c->licensed_seats = 200;
      c->active_users_30d = 12;
      break;
    case 23:   /* no usage, no surveys: coverage below 0.5 */
      plan->profile = PROFILE_SPARSE;
      c->active_users_30d = SIM_NONE;
      c->arr_prior_cents = SIM_NONE;
      c->overdue_cents = SIM_NONE;
      c->lifecycle_override = NULL;
      break;
    case 24:   /* churned, recorded by date and by a lost renewal */
    case 25:   /* churned, recorded only by the lost renewal deal */
    case 27:   /* churn date is the as-of day itself */
      plan->is_churned = TRUE;
      plan->churn_day = today - (plan->index == 24 ? 45 : plan->index == 25 ? 35 : 0);
      plan->has_lost_renewal = plan->index != 27;
      c->churn_date = plan->index == 25 ? SIM_NO_DAY : plan->churn_day;
      c->contract_end = plan->churn_day;
      c->contract_start = sim_day_add_months (c->contract_end, -12);
      break;
    case 26:   /* churn announced for the future */
      plan->is_churned = FALSE;
      c->contract_end = today + 30;
      c->contract_start = sim_day_add_months (c->contract_end, -12);
      c->churn_date = today + 30;
      break;
    case 28:   /* heavy usage, but the last activity is 31 days old: capped */
    case 29:   /* exactly 30 days old: not capped */
      c->licensed_seats = 100;
      c->active_users_30d = 95;
      c->last_activity = today - (plan->index == 28 ? 31 : 30);
      break;
    case 30:   /* overdue exactly 10 % of ARR */
    case 31:   /* one cent less */
      c->arr_cents = 10000000;
      c->overdue_cents = plan->index == 30 ? 1000000 : 999999;
      break;
    case 32:
      c->licensed_seats = 0;
      break;
    case 33:
      plan->profile = PROFILE_SWAMPED;
      break;
    case 36:   /* the override wins over "renewal in 30 days" */
      plan->is_churned = FALSE;
      c->churn_date = SIM_NO_DAY;
      c->lifecycle_override = "expansion";
      c->contract_end = today + 30;
      c->contract_start = sim_day_add_months (c->contract_end, -12);
      break;
    case 37:
      c->currency = "EUR";
      break;
    case 38:
      c->currency = "GBP";
      break;
    case 39:
      c->currency = NULL;
      break;
    case 40:
      c->arr_prior_cents = 0;
      break;
    case 41:
      c->arr_prior_cents = SIM_NONE;
      break;
    case 42:
      plan->force_expansion = TRUE;
      plan->is_churned = FALSE;
      c->churn_date = SIM_NO_DAY;
      c->lifecycle_override = NULL;
      c->contract_end = today + 300;
      c->contract_start = sim_day_add_months (c->contract_end, -24);
      break;
    case 46:
      c->arr_cents = SIM_NONE;
      c->overdue_cents = 0;
      break;
    case 49:   /* nobody owns it */
      c->owner_id = 0;
      break;
    default:
      break;
    }

  if (plan->is_churned || c->contract_start <= today - 90)
    plan->is_onboarding_new = FALSE;
  plan->first_start = sim_day_add_months (c->contract_start, -12 * plan->past_renewals);
  if (c->meta.created_ms >= day_ms (plan->first_start))
    c->meta.created_ms = day_ms (plan->first_start - 30) + 10 * MS_PER_HOUR;
}

static SimDeal *
add_deal (SimBook          *book,
          SimRng           *rng,
          const SimCompany *company,
          SimDealCategory   category,
          SimDealStage      stage,
          gint64            close_ms,
          gint64            amount_cents)
{
  SimDeal *deal = append_record (book, SIM_KIND_DEAL);
  int y, m, d;
  gboolean is_closed = stage == SIM_STAGE_WON || stage == SIM_STAGE_LOST;

  sim_day_to_civil ((gint32) (close_ms / SIM_MS_PER_DAY), &y, &m, &d);
  deal->company_id = company->meta.id;
  switch (category)
    {
    case SIM_DEAL_NEW:
      deal->name = format_string (book, "%s – New business", company->name);
      break;
    case SIM_DEAL_RENEWAL:
      deal->name = format_string (book, "%s – Renewal %d", company->name, y);
      break;
    case SIM_DEAL_EXPANSION:
    default:
      deal->name = format_string (book, "%s – Expansion %d", company->name, y);
      break;
    }
  deal->category = category;
  deal->has_category = !rng_chance (rng, 0.15);
  deal->has_legacy_type = !deal->has_category || rng_chance (rng, 0.5);
  deal->stage = stage;
  deal->has_custom_stage = is_closed && rng_chance (rng, 0.08);
  deal->amount_cents = amount_cents;
  deal->currency = company->currency != NULL ? company->currency : "USD";
  deal->close_ms = close_ms;
  deal->owner_id = rep_id ((guint) rng_next (rng));

  if (is_closed)
    deal->meta.created_ms = close_ms - rng_range (rng, 14, 120) * SIM_MS_PER_DAY - rng_range (rng, 0, SIM_MS_PER_DAY);
  else
    deal->meta.created_ms = book->today_ms - rng_range (rng, 3, 90) * SIM_MS_PER_DAY - rng_range (rng, 0, SIM_MS_PER_DAY);
  deal->meta.created_ms = MIN (deal->meta.created_ms, book->today_ms - 2 * MS_PER_HOUR);
  if (is_closed && close_ms < book->today_ms)
    deal->meta.modified_ms = stamp_after (book, rng, MAX (close_ms, deal->meta.created_ms));
  else
    deal->meta.modified_ms = stamp_after (book, rng, deal->meta.created_ms);
  return deal;
}

static SimDealStage
open_stage (SimRng *rng)
{
  static const SimDealStage stages[] = {
    SIM_STAGE_APPOINTMENT, SIM_STAGE_QUALIFIED, SIM_STAGE_PRESENTATION,
    SIM_STAGE_DECISION, SIM_STAGE_CONTRACT_SENT,
  };

  return PICK (rng, stages);
}

static gint64
scaled (gint64 cents,
        double factor)
{
  if (cents == SIM_NONE)
    return SIM_NONE;
  return round_half (cents * factor);
}

static void
make_deals (SimBook          *book,
            SimRng           *rng,
            const SimCompany *c,
            AccountPlan      *plan)
{
  gint32 today = book->today;
  gint64 close_ms;
  gint32 end = c->contract_end;
  int n_open;

  /* The original sale. */
  if (plan->new_deal_close_ms != 0)
    close_ms = plan->new_deal_close_ms;
  else
    close_ms = moment_on (rng, MIN (plan->first_start - (gint32) rng_range (rng, 0, 14), today - 1));
  add_deal (book, rng, c, SIM_DEAL_NEW, SIM_STAGE_WON, close_ms,
            scaled (c->arr_prior_cents != SIM_NONE && c->arr_prior_cents > 0 ? c->arr_prior_cents : c->arr_cents,
                    0.8 + 0.2 * rng_double (rng)));

  /* Renewals won before the current term: the backtest's outcomes. */
  for (int k = plan->past_renewals; k >= 1; k--)
    {
      gint32 boundary = sim_day_add_months (c->contract_start, -12 * (k - 1));
      gint32 day = MIN (boundary - (gint32) rng_range (rng, 0, 30), today - 1);

      add_deal (book, rng, c, SIM_DEAL_RENEWAL, SIM_STAGE_WON, moment_on (rng, day),
                scaled (c->arr_cents, 0.85 + 0.1 * rng_double (rng)));
    }

  if (plan->is_churned && plan->has_lost_renewal)
    {
      gint32 day = MIN (plan->churn_day, today - 1);

      add_deal (book, rng, c, SIM_DEAL_RENEWAL, SIM_STAGE_LOST, moment_on (rng, day), c->arr_cents);
    }
  else if (!plan->is_churned)
    {
      /* The coming renewal, usually negotiated before the term ends. */
      if (plan->n_open_renewals >= 0)
        n_open = plan->n_open_renewals;
      else if (end >= today && end <= today + 150)
        n_open = rng_chance (rng, 0.75) ? 1 : 0;
      else if (end < today)
        n_open = rng_chance (rng, 0.5) ? 1 : 0;   /* overdue renewal still open */
      else
        n_open = 0;

      for (int k = 0; k < n_open; k++)
        {
          gint32 day;

          if (plan->index == 19)
            day = end - 20;
          else if (plan->index == 20)
            day = k == 0 ? today + 30 : today + 45;
          else if (end >= today)
            day = end - (gint32) rng_range (rng, 0, MIN (30, end - today));
          else
            day = end + (gint32) rng_range (rng, 0, 10);
          add_deal (book, rng, c, SIM_DEAL_RENEWAL, open_stage (rng),
                    day_ms (day) + 17 * MS_PER_HOUR, scaled (c->arr_cents, 1.0 + 0.1 * rng_double (rng)));
        }

      /* Expansion: open (the account is in its expansion stage), won or lost. */
      if (plan->force_expansion || rng_chance (rng, 0.15))
        add_deal (book, rng, c, SIM_DEAL_EXPANSION, open_stage (rng),
                  moment_on (rng, today + (gint32) rng_range (rng, 10, 120)),
                  scaled (c->arr_cents, 0.1 + 0.2 * rng_double (rng)));
      if (rng_chance (rng, 0.12) && plan->first_start < today - 30)
        add_deal (book, rng, c, SIM_DEAL_EXPANSION, SIM_STAGE_WON,
                  moment_on (rng, today - (gint32) rng_range (rng, 1, MIN (400, today - plan->first_start))),
                  scaled (c->arr_cents, 0.1 + 0.2 * rng_double (rng)));
      if (rng_chance (rng, 0.04))
        add_deal (book, rng, c, SIM_DEAL_EXPANSION, SIM_STAGE_LOST,
                  moment_on (rng, today - (gint32) rng_range (rng, 1, 300)),
                  scaled (c->arr_cents, 0.1 + 0.2 * rng_double (rng)));
    }
}

static SimPriority
pick_priority (SimRng *rng,
               double  severity)
{
  double r = rng_double (rng) * (1.0 + severity);

  if (r < 0.45)
    return SIM_PRIORITY_LOW;
  if (r < 0.85)
    return SIM_PRIORITY_MEDIUM;
  if (r < 1.2)
    return SIM_PRIORITY_HIGH;
  return SIM_PRIORITY_URGENT;
}

static SimTicket *
add_ticket (SimBook          *book,
            SimRng           *rng,
            const SimCompany *company,
            gint64            created_ms,
            SimPriority       priority,
            gboolean          is_open)
{
  SimTicket *ticket = append_record (book, SIM_KIND_TICKET);

  ticket->company_id = company->meta.id;
  ticket->subject = PICK (rng, ticket_subjects);
  ticket->description = rng_chance (rng, 0.5) ? PICK (rng, ticket_descriptions) : NULL;
  ticket->priority = priority;
  ticket->meta.created_ms = created_ms;

  if (!is_open)
    {
      ticket->closed_ms = created_ms + rng_range (rng, MS_PER_HOUR, 20 * SIM_MS_PER_DAY);
      if (ticket->closed_ms >= book->today_ms)
        is_open = TRUE;
    }
  if (is_open)
    {
      static const SimTicketStatus open_states[] = {
        SIM_TICKET_NEW, SIM_TICKET_WAITING_ON_CONTACT, SIM_TICKET_WAITING_ON_US,
      };

      ticket->closed_ms = 0;
      ticket->status = PICK (rng, open_states);
      ticket->meta.modified_ms = stamp_after (book, rng, created_ms);
    }
  else
    {
      ticket->status = SIM_TICKET_CLOSED;
      ticket->meta.modified_ms = stamp_after (book, rng, ticket->closed_ms);
    }
  return ticket;
}

static void
make_tickets (SimBook          *book,
              SimRng           *rng,
              const SimCompany *c,
              AccountPlan      *plan)
{
  static const int weights_healthy[] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, 3 };
  gint32 today = book->today;
  int n;
  double severity, open_chance;
  int recent_days = 200;

  switch (plan->profile)
    {
    case PROFILE_HEALTHY:
    case PROFILE_LOW_USE_HAPPY:
      n = PICK (rng, weights_healthy);
      severity = 0.0;
      open_chance = 0.05;
      break;
    case PROFILE_MIXED:
    case PROFILE_HIGH_USE_UNHAPPY:
      n = (int) rng_range (rng, 1, 4);
      severity = 0.3;
      open_chance = 0.15;
      break;
    case PROFILE_AT_RISK:
      n = (int) rng_range (rng, 2, 6);
      severity = 0.7;
      open_chance = 0.35;
      recent_days = 90;
      break;
    case PROFILE_SWAMPED:
      n = (int) rng_range (rng, 12, 20);
      severity = 1.0;
      open_chance = 0.5;
      recent_days = 80;
      break;
    case PROFILE_SPARSE:
    default:
      n = (int) rng_range (rng, 0, 1);
      severity = 0.0;
      open_chance = 0.1;
      break;
    }
  if (plan->is_churned)
    n = MIN (n, 2);

  for (int k = 0; k < n; k++)
    {
      gint32 day = today - (gint32) rng_range (rng, 1, k % 3 == 2 ? 200 : recent_days);

      add_ticket (book, rng, c, moment_on (rng, day), pick_priority (rng, severity),
                  rng_chance (rng, open_chance));
    }

  if (plan->index == 34)
    {
      /* Open and older than 14 days counts twice; created exactly 14 days ago does not. */
      add_ticket (book, rng, c, day_ms (today - 15) + 9 * MS_PER_HOUR, SIM_PRIORITY_HIGH, TRUE);
      add_ticket (book, rng, c, day_ms (today - 14) + 9 * MS_PER_HOUR, SIM_PRIORITY_HIGH, TRUE);
    }
}

static SimSurvey *
add_survey (SimBook          *book,
            SimRng           *rng,
            const SimCompany *company,
            SimSurveyType     type,
            int               value,
            gint64            submitted_ms,
            const char       *email)
{
  SimSurvey *survey = append_record (book, SIM_KIND_SURVEY);
  int max = type == SIM_SURVEY_NPS ? 10 : type == SIM_SURVEY_CSAT ? 5 : 7;
  double quality = type == SIM_SURVEY_NPS ? value / 10.0 : (value - 1.0) / (max - 1.0);

  survey->company_id = company->meta.id;
  survey->type = type;
  survey->value = value;
  if (rng_chance (rng, 0.4))
    survey->verbatim = NULL;
  else if (quality >= 0.75)
    survey->verbatim = PICK (rng, verbatims_good);
  else if (quality >= 0.45)
    survey->verbatim = PICK (rng, verbatims_mixed);
  else
    survey->verbatim = PICK (rng, verbatims_bad);
  survey->submitted_ms = submitted_ms;
  survey->respondent_email = email;
  survey->meta.created_ms = submitted_ms + rng_range (rng, 100, 5000);
  survey->meta.modified_ms = stamp_after (book, rng, survey->meta.created_ms);
  return survey;
}

/* A score on @type's scale: @mood 0 (unhappy) .. 1 (happy), with noise. */
static int
score_for (SimRng        *rng,
           SimSurveyType  type,
           double         mood)
{
  double v = mood + (rng_double (rng) - 0.5) * 0.3;

  v = CLAMP (v, 0.0, 1.0);
  switch (type)
    {
    case SIM_SURVEY_NPS:
      return (int) round_half (v * 10);
    case SIM_SURVEY_CSAT:
      return 1 + (int) round_half (v * 4);
    case SIM_SURVEY_CES:
    default:
      return 1 + (int) round_half (v * 6);
    }
}

static void
make_surveys (SimBook          *book,
              SimRng           *rng,
              const SimCompany *c,
              AccountPlan      *plan)
{
  gint32 today = book->today;
  int n;
  int window = 400;
  double mood;
  double r;

  switch (plan->profile)
    {
    case PROFILE_HEALTHY:          n = (int) rng_range (rng, 0, 2); mood = 0.85; break;
    case PROFILE_MIXED:            n = (int) rng_range (rng, 0, 2); mood = 0.60; break;
    case PROFILE_AT_RISK:          n = (int) rng_range (rng, 0, 3); mood = 0.30; break;
    case PROFILE_SWAMPED:          n = (int) rng_range (rng, 1, 2); mood = 0.20; break;
    case PROFILE_HIGH_USE_UNHAPPY: n = 2; mood = 0.10; window = 150; break;
    case PROFILE_LOW_USE_HAPPY:    n = 2; mood = 0.95; window = 150; break;
    case PROFILE_SPARSE:
    default:
      /* Only responses older than the 180-day window, if any. */
      n = rng_chance (rng, 0.3) ? 1 : 0;
      for (int k = 0; k < n; k++)
        add_survey (book, rng, c, SIM_SURVEY_NPS, score_for (rng, SIM_SURVEY_NPS, 0.6),
                    moment_on (rng, today - (gint32) rng_range (rng, 200, 400)), plan->contacts[0]);
      return;
    }

  if (plan->index == 35)
    {
      /* One respondent answers twice: only the latest counts. */
      add_survey (book, rng, c, SIM_SURVEY_NPS, 3, moment_on (rng, today - 100), plan->contacts[0]);
      add_survey (book, rng, c, SIM_SURVEY_NPS, 10, moment_on (rng, today - 10), plan->contacts[0]);
      return;
    }

  for (int k = 0; k < n; k++)
    {
      SimSurveyType type;
      gint32 day = today - (gint32) (window > 180 && rng_chance (rng, 0.65) ? rng_range (rng, 1, 180)
                                                                            : rng_range (rng, 1, window));
      const char *email = plan->contacts[rng_next (rng) % plan->n_contacts];

      r = rng_double (rng);
      type = r < 0.60 ? SIM_SURVEY_NPS : r < 0.85 ? SIM_SURVEY_CSAT : SIM_SURVEY_CES;
      if (plan->profile == PROFILE_HIGH_USE_UNHAPPY || plan->profile == PROFILE_LOW_USE_HAPPY)
        type = SIM_SURVEY_NPS;
      add_survey (book, rng, c, type, score_for (rng, type, mood), moment_on (rng, day), email);

      /* Some respondents answer NPS again later, often in another mood. */
      if (type == SIM_SURVEY_NPS && day < today - 20 && rng_chance (rng, 0.2))
        {
          gint32 later = day + (gint32) rng_range (rng, 10, today - day - 1);

          add_survey (book, rng, c, type, score_for (rng, type, rng_double (rng)),
                      moment_on (rng, later), email);
        }
    }
}

static void
archive_initial (SimBook *book,
                 SimKind  kind,
                 double   fraction)
{
  GArray *array = book->records[kind];
  SimRng rng = rng_for (book->seed, 100 + kind, 0);

  for (guint i = 0; i < array->len; i++)
    {
      SimMeta *meta = record_at (array, i);
      gboolean is_chosen = rng_chance (&rng, fraction);

      if (kind == SIM_KIND_COMPANY)
        is_chosen = i == 43 || (i >= 50 && is_chosen);
      if (!is_chosen)
        continue;
      meta->archived_ms = stamp_after (book, &rng, meta->modified_ms);
      if (meta->archived_ms <= meta->modified_ms)
        meta->archived_ms = meta->modified_ms + 1;
      meta->modified_ms = meta->archived_ms;
      book->n_archived[kind]++;
    }
}

static void
generate (SimBook *book)
{
  for (guint i = 0; i < book->n_accounts; i++)
    {
      SimRng rng = rng_for (book->seed, 1, i);
      AccountPlan plan = { 0 };
      SimCompany *company = append_record (book, SIM_KIND_COMPANY);
      guint first_deal = book->records[SIM_KIND_DEAL]->len;
      guint first_ticket = book->records[SIM_KIND_TICKET]->len;

      make_company (book, &rng, i, company, &plan);
      apply_showcase (book, company, &plan);
      make_deals (book, &rng, company, &plan);
      make_tickets (book, &rng, company, &plan);
      make_surveys (book, &rng, company, &plan);

      /* A couple of records without any association. */
      if (i == 44 || i == 47 || (i > 50 && rng_chance (&rng, 0.001)))
        ((SimDeal *) record_at (book->records[SIM_KIND_DEAL], first_deal))->company_id = 0;
      if ((i == 45 || i == 48 || (i > 50 && rng_chance (&rng, 0.001))) &&
          book->records[SIM_KIND_TICKET]->len > first_ticket)
        ((SimTicket *) record_at (book->records[SIM_KIND_TICKET], first_ticket))->company_id = 0;
    }

  archive_initial (book, SIM_KIND_COMPANY, 0.01);
  archive_initial (book, SIM_KIND_DEAL, 0.005);
  archive_initial (book, SIM_KIND_TICKET, 0.005);
  archive_initial (book, SIM_KIND_SURVEY, 0.005);

  for (guint k = 0; k < SIM_N_KINDS; k++)
    for (guint i = 0; i < book->records[k]->len; i++)
      book->newest_ms = MAX (book->newest_ms, ((SimMeta *) record_at (book->records[k], i))->modified_ms);
}

SimBook *
sim_book_new (guint64 seed,
              guint   n_accounts,
              gint32  today)
{
  static const gsize sizes[SIM_N_KINDS] = {
    sizeof (SimCompany), sizeof (SimDeal), sizeof (SimTicket), sizeof (SimSurvey),
  };
  static const guint per_account[SIM_N_KINDS] = { 1, 4, 3, 2 };
  SimBook *book = g_new0 (SimBook, 1);

  book->seed = seed;
  book->n_accounts = n_accounts;
  book->today = today;
  book->today_ms = day_ms (today);
  book->strings = g_string_chunk_new (1 << 20);
  book->owners = g_array_new (FALSE, TRUE, sizeof (SimOwner));
  for (guint k = 0; k < SIM_N_KINDS; k++)
    book->records[k] = g_array_sized_new (FALSE, TRUE, (guint) sizes[k], n_accounts * per_account[k] + 16);

  make_owners (book);
  generate (book);
  return book;
}

static void
drop_index (SimBook *book)
{
  for (guint k = 0; k < SIM_N_KINDS; k++)
    {
      g_clear_pointer (&book->child_offsets[k], g_free);
      g_clear_pointer (&book->child_items[k], g_free);
    }
  book->has_index = FALSE;
}

void
sim_book_free (SimBook *book)
{
  if (book == NULL)
    return;
  drop_index (book);
  for (guint k = 0; k < SIM_N_KINDS; k++)
    g_array_unref (book->records[k]);
  g_array_unref (book->owners);
  g_string_chunk_free (book->strings);
  g_free (book);
}

gint32
sim_book_get_today (SimBook *book)
{
  return book->today;
}

guint64
sim_book_get_seed (SimBook *book)
{
  return book->seed;
}

guint
sim_book_get_n_accounts (SimBook *book)
{
  return book->n_accounts;
}

guint
sim_book_get_generation (SimBook *book)
{
  return book->generation;
}

guint
sim_book_get_n_owners (SimBook *book)
{
  return book->owners->len;
}

const SimOwner *
sim_book_get_owner (SimBook *book,
                    guint    index)
{
  g_return_val_if_fail (index < book->owners->len, NULL);
  return &g_array_index (book->owners, SimOwner, index);
}

guint
sim_book_get_n_records (SimBook *book,
                        SimKind  kind)
{
  return book->records[kind]->len;
}

guint
sim_book_count_live (SimBook *book,
                     SimKind  kind)
{
  return book->records[kind]->len - book->n_archived[kind];
}

SimMeta *
sim_book_get_record (SimBook *book,
                     SimKind  kind,
                     guint    index)
{
  g_return_val_if_fail (index < book->records[kind]->len, NULL);
  return record_at (book->records[kind], index);
}

gboolean
sim_book_find (SimBook *book,
               SimKind  kind,
               guint64  id,
               guint   *index)
{
  if (id < id_base[kind] || id - id_base[kind] >= book->records[kind]->len)
    return FALSE;
  *index = (guint) (id - id_base[kind]);
  return TRUE;
}

/* The index of the first record whose id is >= @id. */
guint
sim_book_lower_bound (SimBook *book,
                      SimKind  kind,
                      guint64  id)
{
  if (id <= id_base[kind])
    return 0;
  return (guint) MIN (id - id_base[kind], (guint64) book->records[kind]->len);
}

guint64
sim_book_get_company_id (SimBook *book,
                         SimKind  kind,
                         guint    index)
{
  gpointer record = sim_book_get_record (book, kind, index);

  switch (kind)
    {
    case SIM_KIND_DEAL:
      return ((SimDeal *) record)->company_id;
    case SIM_KIND_TICKET:
      return ((SimTicket *) record)->company_id;
    case SIM_KIND_SURVEY:
      return ((SimSurvey *) record)->company_id;
    case SIM_KIND_COMPANY:
    case SIM_N_KINDS:
    default:
      return 0;
    }
}

static void
build_index (SimBook *book)
{
  guint n_companies = book->records[SIM_KIND_COMPANY]->len;

  drop_index (book);
  for (SimKind k = SIM_KIND_DEAL; k < SIM_N_KINDS; k++)
    {
      guint n = book->records[k]->len;
      guint *offsets = g_new0 (guint, n_companies + 1);
      guint *cursor;
      guint *items;

      for (guint i = 0; i < n; i++)
        {
          guint company;

          if (sim_book_find (book, SIM_KIND_COMPANY, sim_book_get_company_id (book, k, i), &company))
            offsets[company + 1]++;
        }
      for (guint c = 0; c < n_companies; c++)
        offsets[c + 1] += offsets[c];
      items = g_new (guint, MAX (offsets[n_companies], 1));
      cursor = g_memdup2 (offsets, sizeof (guint) * n_companies);
      for (guint i = 0; i < n; i++)
        {
          guint company;

          if (sim_book_find (book, SIM_KIND_COMPANY, sim_book_get_company_id (book, k, i), &company))
            items[cursor[company]++] = i;
        }
      g_free (cursor);
      book->child_offsets[k] = offsets;
      book->child_items[k] = items;
    }
  book->index_generation = book->generation;
  book->has_index = TRUE;
}

/* The records of @child_kind associated with the company at @company_index,
 * archived ones included, in id order. */
const guint *
sim_book_get_children (SimBook *book,
                       SimKind  child_kind,
                       guint    company_index,
                       guint   *n_children)
{
  g_return_val_if_fail (child_kind != SIM_KIND_COMPANY, NULL);

  if (!book->has_index || book->index_generation != book->generation)
    build_index (book);
  *n_children = book->child_offsets[child_kind][company_index + 1] - book->child_offsets[child_kind][company_index];
  return book->child_items[child_kind] + book->child_offsets[child_kind][company_index];
}

gint64
sim_book_get_newest_modified (SimBook *book)
{
  return book->newest_ms;
}

/* Strictly increasing stamps, never behind the wall clock. */
static gint64
next_stamp (SimBook *book,
            gint64   now_ms)
{
  book->newest_ms = MAX (now_ms, book->newest_ms + 1);
  return book->newest_ms;
}

static gboolean
pick_live (SimBook *book,
           SimKind  kind,
           SimRng  *rng,
           guint8  *touched,
           guint   *index)
{
  guint n = book->records[kind]->len;

  for (int attempt = 0; attempt < 64; attempt++)
    {
      guint i = (guint) (rng_next (rng) % n);
      SimMeta *meta = record_at (book->records[kind], i);

      if (meta->archived_ms == 0 && !touched[i])
        {
          touched[i] = 1;
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
change_record (SimBook *book,
               SimKind  kind,
               SimMeta *meta,
               SimRng  *rng,
               gint64   stamp)
{
  switch (kind)
    {
    case SIM_KIND_COMPANY:
      {
        SimCompany *c = (SimCompany *) meta;

        switch (rng_next (rng) % 4)
          {
          case 0:
            if (c->arr_cents != SIM_NONE)
              c->arr_cents = scaled (c->arr_cents, 0.9 + 0.3 * rng_double (rng));
            else
              c->arr_cents = random_cents (rng, 10000, 90000);
            break;
          case 1:
            if (c->licensed_seats != SIM_NONE && c->licensed_seats > 0)
              c->active_users_30d = round_half (c->licensed_seats * rng_double (rng));
            c->last_activity = book->today;
            break;
          case 2:
            c->overdue_cents = c->overdue_cents == 0 && c->arr_cents != SIM_NONE ? scaled (c->arr_cents, 0.05) : 0;
            break;
          default:
            c->owner_id = csm_id ((guint) rng_next (rng));
            break;
          }
      }
      break;
    case SIM_KIND_DEAL:
      {
        SimDeal *d = (SimDeal *) meta;

        if (d->stage != SIM_STAGE_WON && d->stage != SIM_STAGE_LOST)
          {
            double r = rng_double (rng);

            if (r < 0.5)
              {
                d->stage = SIM_STAGE_WON;
                d->close_ms = stamp;
              }
            else if (r < 0.75)
              {
                d->stage = SIM_STAGE_LOST;
                d->close_ms = stamp;
              }
            else
              d->stage = SIM_STAGE_CONTRACT_SENT;
          }
        else
          d->amount_cents = scaled (d->amount_cents, 0.95 + 0.1 * rng_double (rng));
      }
      break;
    case SIM_KIND_TICKET:
      {
        SimTicket *t = (SimTicket *) meta;

        if (t->closed_ms == 0)
          {
            t->closed_ms = stamp;
            t->status = SIM_TICKET_CLOSED;
          }
        else
          t->priority = (t->priority + 1) % (SIM_PRIORITY_URGENT + 1);
      }
      break;
    case SIM_KIND_SURVEY:
      {
        SimSurvey *s = (SimSurvey *) meta;

        s->verbatim = s->verbatim == NULL ? PICK (rng, verbatims_mixed) : NULL;
      }
      break;
    case SIM_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  meta->modified_ms = stamp;
}

static SimCompany *
random_live_company (SimBook *book,
                     SimRng  *rng)
{
  GArray *companies = book->records[SIM_KIND_COMPANY];

  for (int attempt = 0; attempt < 64; attempt++)
    {
      SimCompany *c = record_at (companies, (guint) (rng_next (rng) % companies->len));

      if (c->meta.archived_ms == 0)
        return c;
    }
  return record_at (companies, 0);
}

static void
create_record (SimBook *book,
               SimKind  kind,
               SimRng  *rng,
               gint64   stamp,
               SimAdvanceCounts *counts)
{
  SimMeta *meta = NULL;

  switch (kind)
    {
    case SIM_KIND_COMPANY:
      {
        AccountPlan plan = { 0 };
        guint index = book->records[SIM_KIND_COMPANY]->len;
        SimCompany *c = append_record (book, SIM_KIND_COMPANY);
        SimDeal *deal;

        make_company (book, rng, index, c, &plan);
        c->churn_date = SIM_NO_DAY;
        c->contract_start = book->today;
        c->contract_end = sim_day_add_months (book->today, 12);
        c->arr_prior_cents = SIM_NONE;
        meta = &c->meta;

        /* A fresh customer comes with the deal that won it: a handoff to do. */
        deal = add_deal (book, rng, c, SIM_DEAL_NEW, SIM_STAGE_WON, stamp, c->arr_cents);
        deal->meta.created_ms = stamp - 30 * SIM_MS_PER_DAY;
        deal->meta.modified_ms = stamp;
        counts->created[SIM_KIND_DEAL]++;
      }
      break;
    case SIM_KIND_DEAL:
      {
        SimCompany *c = random_live_company (book, rng);
        SimDeal *deal = add_deal (book, rng, c, SIM_DEAL_EXPANSION, SIM_STAGE_APPOINTMENT,
                                  day_ms (book->today + (gint32) rng_range (rng, 20, 90)) + 17 * MS_PER_HOUR,
                                  scaled (c->arr_cents, 0.2));
        meta = &deal->meta;
      }
      break;
    case SIM_KIND_TICKET:
      {
        SimCompany *c = random_live_company (book, rng);
        SimTicket *t = add_ticket (book, rng, c, stamp, pick_priority (rng, 0.5), TRUE);

        meta = &t->meta;
      }
      break;
    case SIM_KIND_SURVEY:
      {
        SimCompany *c = random_live_company (book, rng);
        AccountPlan plan = { 0 };
        SimSurvey *s;

        make_contacts (book, rng, c, &plan);
        s = add_survey (book, rng, c, SIM_SURVEY_NPS, (int) rng_range (rng, 0, 10), stamp, plan.contacts[0]);
        meta = &s->meta;
      }
      break;
    case SIM_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  meta->created_ms = stamp;
  meta->modified_ms = stamp;
  counts->created[kind]++;
}

/* Changes about @fraction of each kind, creates and archives a few records.
 * Every touched record gets a fresh modification stamp, newer than anything
 * in the book, so an incremental sync sees exactly these. */
SimAdvanceCounts
sim_book_advance (SimBook *book,
                  double   fraction,
                  guint64  seed,
                  gint64   now_ms)
{
  SimAdvanceCounts counts = { { 0 } };

  if (fraction <= 0)
    return counts;
  fraction = MIN (fraction, 1.0);

  for (SimKind k = 0; k < SIM_N_KINDS; k++)
    {
      SimRng rng = rng_for (seed, 200 + k, book->records[k]->len);
      guint live = sim_book_count_live (book, k);
      guint n_change = MAX (1, (guint) round_half (live * fraction));
      guint n_archive = MAX (1, n_change / 10);
      g_autofree guint8 *touched = g_new0 (guint8, book->records[k]->len);
      guint index;

      for (guint j = 0; j < n_change && pick_live (book, k, &rng, touched, &index); j++)
        {
          change_record (book, k, record_at (book->records[k], index), &rng, next_stamp (book, now_ms));
          counts.changed[k]++;
        }
      for (guint j = 0; j < n_archive && live - counts.archived[k] > 1 && pick_live (book, k, &rng, touched, &index); j++)
        {
          SimMeta *meta = record_at (book->records[k], index);

          meta->archived_ms = next_stamp (book, now_ms);
          meta->modified_ms = meta->archived_ms;
          book->n_archived[k]++;
          counts.archived[k]++;
        }
    }

  for (SimKind k = 0; k < SIM_N_KINDS; k++)
    {
      SimRng rng = rng_for (seed, 300 + k, book->records[k]->len);
      guint n_create = MAX (1, (guint) round_half (sim_book_count_live (book, k) * fraction / 5));

      for (guint j = 0; j < n_create; j++)
        create_record (book, k, &rng, next_stamp (book, now_ms), &counts);
    }

  book->generation++;
  return counts;
}
