// TendSalesforce: the Salesforce REST connector (SOQL query, queryAll).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <libsoup/soup.h>

#include "tend-day.h"
#include "tend-error.h"
#include "tend-mapping.h"
#include "tend-money.h"
#include "tend-salesforce.h"

#define BATCH_MIN           200
#define BATCH_MAX           2000
#define MAX_STRING          (64 * 1024)
#define MAX_ATTEMPTS        5
#define MAX_LIMIT_WAITS     2
#define DEFAULT_BACKOFF_MS  1000
#define DEFAULT_TIMEOUT_S   30
#define MODIFIED            "SystemModstamp"

/* Changes of accounts come in two phases: accounts modified since the
 * high-water mark, then accounts whose contract was (a renewed contract
 * does not touch its account's SystemModstamp). */
#define PHASE_ACCOUNTS  'a'
#define PHASE_CONTRACTS 'c'

struct _TendSalesforce
{
  GObject           parent_instance;

  SoupSession      *session;
  char             *instance_url;
  char             *api_version;
  char             *authorization;
  char             *token;
  GHashTable       *fields;        /* Tend field -> Salesforce field name */
  guint             batch_size;
  guint             backoff_ms;
  guint             n_requests;
  TendHttpWaitFunc  wait_func;
  gpointer          wait_data;
};

static void tend_salesforce_connector_init (TendConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendSalesforce, tend_salesforce, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_CONNECTOR, tend_salesforce_connector_init))

/* crm-api/README.md, Salesforce: the default field of each Tend field. */
static const struct {
  const char *field;
  const char *name;
} default_fields[] = {
  { "account.name",             "Name" },
  { "account.domain",           "Website" },
  { "account.owner",            "OwnerId" },
  { "account.exec_owner",       "CS_Executive_Owner__c" },
  { "account.segment",          "CS_Segment__c" },
  { "account.region",           "CS_Region__c" },
  { "account.business_unit",    "CS_Business_Unit__c" },
  { "account.product_line",     "CS_Product_Line__c" },
  { "account.arr",              "CS_ARR__c" },
  { "account.arr_prior_year",   "CS_ARR_Prior_Year__c" },
  { "account.currency",         "CS_Currency__c" },
  { "account.contract_start",   "StartDate" },          /* on the account's activated Contract */
  { "account.contract_end",     "EndDate" },
  { "account.licensed_seats",   "CS_Licensed_Seats__c" },
  { "account.active_users_30d", "CS_Active_Users_30d__c" },
  { "account.last_activity",    "CS_Last_Activity_Date__c" },
  { "account.overdue_amount",   "CS_Overdue_Amount__c" },
  { "account.stage_override",   "CS_Lifecycle_Stage__c" },
  { "account.churn_date",       "CS_Churn_Date__c" },
  { "deal.name",                "Name" },
  { "deal.amount",              "Amount" },
  { "deal.close_date",          "CloseDate" },
  { "deal.owner",               "OwnerId" },
  { "deal.is_won",              "IsWon" },
  { "deal.is_closed",           "IsClosed" },
  { "deal.stage",               "StageName" },
  { "deal.category",            "CS_Deal_Category__c" },
  { "deal.legacy_type",         "Type" },
  { "deal.currency",            "CurrencyIsoCode" },
  { "ticket.subject",           "Subject" },
  { "ticket.priority",          "Priority" },
  { "ticket.created_at",        "CreatedDate" },
  { "ticket.closed_at",         "ClosedDate" },
  { "survey.type",              "Type__c" },
  { "survey.value",             "Score__c" },
  { "survey.verbatim",          "Comment__c" },
  { "survey.submitted_at",      "Submitted__c" },
  { "survey.respondent",        "Respondent_Email__c" },
};

/* Where each kind lives; the survey object is a custom one. */
static const struct {
  const char *object;
  const char *account_field;   /* NULL for accounts and owners */
  const char *prefix;          /* Tend fields of the kind */
} kinds[TEND_N_OBJECTS] = {
  [TEND_OBJECT_OWNERS]   = { "User", NULL, NULL },
  [TEND_OBJECT_ACCOUNTS] = { "Account", NULL, "account." },
  [TEND_OBJECT_DEALS]    = { "Opportunity", "AccountId", "deal." },
  [TEND_OBJECT_TICKETS]  = { "Case", "AccountId", "ticket." },
  [TEND_OBJECT_SURVEYS]  = { "Survey_Response__c", "Account__c", "survey." },
};

/* Why a record is refused; the first problem wins. */
typedef struct {
  char *reason;
} Check;

static void
check_fail (Check      *check,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
check_fail (Check      *check,
            const char *format,
            ...)
{
  va_list args;

  if (check->reason != NULL)
    return;
  va_start (args, format);
  check->reason = g_strdup_vprintf (format, args);
  va_end (args);
}

static guint
env_uint (const char *name,
          guint       fallback,
          guint       min,
          guint       max)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return fallback;
  return (guint) value;
}

static gboolean
is_field_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 100)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static const char *
field (TendSalesforce *self,
       const char     *tend_field)
{
  const char *name = g_hash_table_lookup (self->fields, tend_field);

  g_return_val_if_fail (name != NULL, "Id");
  return name;
}

/* Values as they may appear in a reason: short and printable. */
static char *
quote_value (const char *value)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = value; *p && n < 40; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  if (*value && n >= 40 && g_utf8_strlen (value, -1) > 40)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static char *
quote_node (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return quote_value (text);
}

/* Valid UTF-8 without control characters; keep_lines keeps tabs and
 * newlines (free text). */
static char *
clean_text (const char *text,
            gboolean    keep_lines)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (keep_lines && (c == '\n' || c == '\t'))
        g_string_append_c (out, (char) c);
      else if (!g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A field of a record, case-insensitive as Salesforce's names are; NULL
 * when absent or null. */
static JsonNode *
get_member (JsonObject *record,
            const char *name)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL)
    {
      g_autoptr(GList) members = json_object_get_members (record);

      for (GList *l = members; l != NULL && node == NULL; l = l->next)
        if (g_ascii_strcasecmp (l->data, name) == 0)
          node = json_object_get_member (record, l->data);
    }
  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

/* A text field: NULL when absent, null or blank. */
static const char *
get_string (JsonObject *record,
            const char *name,
            Check      *check)
{
  JsonNode *node = get_member (record, name);
  const char *value;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *q = quote_node (node);
      check_fail (check, "%s “%s” is not a text value", name, q);
      return NULL;
    }
  value = json_node_get_string (node);
  if (strlen (value) > MAX_STRING)
    {
      check_fail (check, "%s is longer than 64 KiB", name);
      return NULL;
    }
  while (g_ascii_isspace (*value))
    value++;
  return *value ? value : NULL;
}

static void
set_text (JsonObject *fields,
          const char *column,
          const char *value,
          gboolean    keep_lines)
{
  g_autofree char *clean = NULL;

  if (value != NULL)
    clean = g_strstrip (clean_text (value, keep_lines));
  if (clean == NULL || *clean == '\0')
    json_object_set_null_member (fields, column);
  else
    json_object_set_string_member (fields, column, clean);
}

static void
map_text (JsonObject *record,
          const char *name,
          JsonObject *fields,
          const char *column,
          Check      *check)
{
  set_text (fields, column, get_string (record, name, check), FALSE);
}

/* A JSON number as the shortest decimal text that reads back the same,
 * so that money never passes through double arithmetic; NULL otherwise. */
static char *
number_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)))
    {
      double value = json_node_get_double (node);

      /* Whole numbers come as 250.0: no exponent, no fraction. */
      if (value == floor (value) && fabs (value) < 1e15)
        return g_strdup_printf ("%.0f", value);
      /* The fewest significant digits that read back as the same double:
       * what the server wrote, such as 120000.55. */
      for (int digits = 1; digits <= 17; digits++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%dg", digits);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
      return g_strdup (buf);
    }
  return NULL;
}

static void
map_money (JsonObject *record,
           const char *name,
           JsonObject *fields,
           const char *column,
           Check      *check)
{
  JsonNode *node = get_member (record, name);
  g_autofree char *text = node ? number_text (node) : NULL;
  gint64 cents;

  if (node != NULL && (text == NULL || !tend_money_parse (text, FALSE, &cents, NULL)))
    {
      g_autofree char *q = quote_node (node);
      check_fail (check, "%s “%s” is not an amount of money", name, q);
    }
  if (text == NULL || check->reason != NULL)
    json_object_set_null_member (fields, column);
  else
    json_object_set_int_member (fields, column, cents);
}

static void
map_count (JsonObject *record,
           const char *name,
           JsonObject *fields,
           const char *column,
           Check      *check)
{
  JsonNode *node = get_member (record, name);
  g_autofree char *text = node ? number_text (node) : NULL;
  guint64 n;

  if (node != NULL && (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &n, NULL)))
    {
      g_autofree char *q = quote_node (node);
      check_fail (check, "%s “%s” is not a whole number", name, q);
    }
  if (text == NULL || check->reason != NULL)
    json_object_set_null_member (fields, column);
  else
    json_object_set_int_member (fields, column, (gint64) n);
}

/* A date, or the UTC day of a datetime, as YYYY-MM-DD. */
static void
map_day (JsonObject *record,
         const char *name,
         JsonObject *fields,
         const char *column,
         Check      *check)
{
  const char *value = get_string (record, name, check);
  TendDay day;

  if (value == NULL || !tend_day_parse_datetime (value, &day, NULL, NULL))
    {
      if (value != NULL)
        {
          g_autofree char *q = quote_value (value);
          check_fail (check, "%s “%s” is not a date", name, q);
        }
      json_object_set_null_member (fields, column);
      return;
    }
  {
    g_autofree char *iso = tend_day_to_iso (day);
    json_object_set_string_member (fields, column, iso);
  }
}

/* A date keeps its day; a datetime becomes the normalised UTC instant. */
static gboolean
parse_when (const char  *name,
            const char  *value,
            char       **out_text,
            gint64      *out_ms,
            Check       *check)
{
  TendDay day;
  gint64 ms;

  if (value == NULL)
    return FALSE;
  if (!tend_day_parse_datetime (value, &day, &ms, NULL))
    {
      g_autofree char *q = quote_value (value);
      check_fail (check, "%s “%s” is not a date and time", name, q);
      return FALSE;
    }
  if (out_text != NULL)
    *out_text = strlen (value) == 10 ? tend_day_to_iso (day) : tend_unix_ms_to_iso (ms);
  if (out_ms != NULL)
    *out_ms = ms;
  return TRUE;
}

static void
map_when (JsonObject *record,
          const char *name,
          JsonObject *fields,
          const char *column,
          Check      *check)
{
  g_autofree char *text = NULL;

  if (parse_when (name, get_string (record, name, check), &text, NULL, check))
    json_object_set_string_member (fields, column, text);
  else
    json_object_set_null_member (fields, column);
}

static gboolean
get_bool (JsonObject *record,
          const char *name,
          Check      *check)
{
  JsonNode *node = get_member (record, name);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  {
    g_autofree char *q = quote_node (node);
    check_fail (check, "%s “%s” is not true or false", name, q);
  }
  return FALSE;
}

static void
map_currency (JsonObject *record,
              const char *name,
              JsonObject *fields,
              Check      *check)
{
  const char *value = get_string (record, name, check);
  g_autofree char *upper = NULL;

  if (value == NULL)
    {
      /* The org's currency, which Tend assumes is USD. */
      json_object_set_string_member (fields, "currency", "USD");
      return;
    }
  upper = g_ascii_strup (value, -1);
  if (!tend_currency_is_valid (upper))
    {
      g_autofree char *q = quote_value (value);
      check_fail (check, "%s “%s” is not an ISO 4217 currency code", name, q);
      return;
    }
  json_object_set_string_member (fields, "currency", upper);
}

/* One of choices, case-insensitively, as written in choices. */
static const char *
pick_choice (const char         *value,
             const char * const *choices)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, choices[i]) == 0)
      return choices[i];
  return NULL;
}

/* Website as people type it ("https://www.acme.com/en") to a domain. */
static char *
website_to_domain (const char *website)
{
  const char *start = website;
  const char *scheme = strstr (website, "://");
  g_autofree char *host = NULL;
  gsize length;

  if (scheme != NULL)
    start = scheme + 3;
  length = strcspn (start, "/?#:");
  host = g_ascii_strdown (start, (gssize) length);
  if (g_str_has_prefix (host, "www."))
    return g_strdup (host + 4);
  return g_steal_pointer (&host);
}

/* The first record of a child relationship ({"records": [...]}), or NULL. */
static JsonObject *
first_child (JsonObject *record,
             const char *relationship)
{
  JsonNode *node = get_member (record, relationship);
  JsonNode *records;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  records = json_object_get_member (json_node_get_object (node), "records");
  if (records == NULL || !JSON_NODE_HOLDS_ARRAY (records))
    return NULL;
  array = json_node_get_array (records);
  if (json_array_get_length (array) == 0 || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return NULL;
  return json_array_get_object_element (array, 0);
}

static void
parse_owner (JsonObject *record,
             JsonObject *fields,
             Check      *check)
{
  const char *name = get_string (record, "Name", check);
  const char *email = get_string (record, "Email", check);

  set_text (fields, "name", name ? name : email, FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "name")))
    json_object_set_string_member (fields, "name", "");
  set_text (fields, "email", email, FALSE);
  map_text (record, "Department", fields, "team", check);
}

static void
parse_account (TendSalesforce *self,
               const char     *id,
               JsonObject     *record,
               JsonObject     *fields,
               Check          *check)
{
  static const char * const stages[] = { "onboarding", "adoption", "expansion", "renewal", NULL };
  const char *name = get_string (record, field (self, "account.name"), check);
  const char *website = get_string (record, field (self, "account.domain"), check);
  const char *stage_name = field (self, "account.stage_override");
  const char *stage = get_string (record, stage_name, check);
  JsonObject *contract = first_child (record, "Contracts");
  g_autofree char *domain = website ? website_to_domain (website) : NULL;
  g_autofree char *fallback = NULL;

  if (name == NULL)
    name = domain && *domain ? domain : (fallback = g_strdup_printf ("Company %s", id));
  set_text (fields, "name", name, FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "name")))
    {
      g_autofree char *named = g_strdup_printf ("Company %s", id);
      json_object_set_string_member (fields, "name", named);
    }
  set_text (fields, "domain", domain, FALSE);
  map_text (record, field (self, "account.owner"), fields, "owner_id", check);
  map_text (record, field (self, "account.exec_owner"), fields, "exec_owner_id", check);
  map_text (record, field (self, "account.segment"), fields, "segment", check);
  map_text (record, field (self, "account.region"), fields, "region", check);
  map_text (record, field (self, "account.business_unit"), fields, "business_unit", check);
  map_text (record, field (self, "account.product_line"), fields, "product_line", check);
  map_money (record, field (self, "account.arr"), fields, "arr", check);
  map_money (record, field (self, "account.arr_prior_year"), fields, "arr_prior_year", check);
  map_currency (record, field (self, "account.currency"), fields, check);
  if (contract != NULL)
    {
      map_day (contract, field (self, "account.contract_start"), fields, "contract_start", check);
      map_day (contract, field (self, "account.contract_end"), fields, "contract_end", check);
    }
  else
    {
      json_object_set_null_member (fields, "contract_start");
      json_object_set_null_member (fields, "contract_end");
    }
  map_count (record, field (self, "account.licensed_seats"), fields, "licensed_seats", check);
  map_count (record, field (self, "account.active_users_30d"), fields, "active_users_30d", check);
  map_day (record, field (self, "account.last_activity"), fields, "last_activity", check);
  map_money (record, field (self, "account.overdue_amount"), fields, "overdue_amount", check);
  map_day (record, field (self, "account.churn_date"), fields, "churn_date", check);

  if (stage == NULL)
    json_object_set_null_member (fields, "stage_override");
  else if (pick_choice (stage, stages) != NULL)
    json_object_set_string_member (fields, "stage_override", pick_choice (stage, stages));
  else
    {
      g_autofree char *q = quote_value (stage);
      check_fail (check, "%s “%s” is not onboarding, adoption, expansion or renewal", stage_name, q);
    }
}

/* Opportunity.Type: the standard picklist values, and the usual variants. */
static const char *
category_from_type (const char *type)
{
  g_autofree char *lower = g_ascii_strdown (type, -1);

  if (strstr (lower, "upgrade") != NULL || strstr (lower, "upsell") != NULL ||
      strstr (lower, "expansion") != NULL || strstr (lower, "cross-sell") != NULL)
    return "expansion";
  if (strstr (lower, "renewal") != NULL || strstr (lower, "replacement") != NULL)
    return "renewal";
  if (strstr (lower, "new") != NULL)
    return "new";
  return NULL;
}

static void
parse_deal (TendSalesforce *self,
            JsonObject     *record,
            JsonObject     *fields,
            Check          *check)
{
  static const char * const categories[] = { "new", "renewal", "expansion", NULL };
  const char *category_name = field (self, "deal.category");
  const char *category = get_string (record, category_name, check);
  const char *type = get_string (record, field (self, "deal.legacy_type"), check);
  gboolean is_won = get_bool (record, field (self, "deal.is_won"), check);
  gboolean is_closed = get_bool (record, field (self, "deal.is_closed"), check);

  set_text (fields, "name", get_string (record, field (self, "deal.name"), check), FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "name")))
    json_object_set_string_member (fields, "name", "");
  map_money (record, field (self, "deal.amount"), fields, "amount", check);
  map_currency (record, field (self, "deal.currency"), fields, check);
  map_text (record, field (self, "deal.stage"), fields, "stage", check);
  map_when (record, field (self, "deal.close_date"), fields, "close_date", check);
  map_text (record, field (self, "deal.owner"), fields, "owner_id", check);
  json_object_set_string_member (fields, "status", is_won ? "won" : is_closed ? "lost" : "open");

  if (category != NULL)
    {
      if (pick_choice (category, categories) != NULL)
        json_object_set_string_member (fields, "category", pick_choice (category, categories));
      else
        {
          g_autofree char *q = quote_value (category);
          check_fail (check, "%s “%s” is not new, renewal or expansion", category_name, q);
        }
    }
  else if (type != NULL && category_from_type (type) != NULL)
    json_object_set_string_member (fields, "category", category_from_type (type));
  else
    json_object_set_null_member (fields, "category");
}

static void
parse_ticket (TendSalesforce *self,
              JsonObject     *record,
              JsonObject     *fields,
              Check          *check)
{
  static const char * const priorities[] = { "low", "medium", "high", "urgent", NULL };
  const char *priority_name = field (self, "ticket.priority");
  const char *priority = get_string (record, priority_name, check);
  const char *created_name = field (self, "ticket.created_at");
  const char *created = get_string (record, created_name, check);
  g_autofree char *created_iso = NULL;
  gint64 created_ms;

  set_text (fields, "subject", get_string (record, field (self, "ticket.subject"), check), FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "subject")))
    json_object_set_string_member (fields, "subject", "");

  /* A case without a priority counts as low, as in every connector. */
  if (priority == NULL)
    json_object_set_string_member (fields, "priority", "low");
  else if (pick_choice (priority, priorities) != NULL)
    json_object_set_string_member (fields, "priority", pick_choice (priority, priorities));
  else
    {
      g_autofree char *q = quote_value (priority);
      check_fail (check, "%s “%s” is not Low, Medium, High or Urgent", priority_name, q);
    }

  if (created == NULL)
    check_fail (check, "the case has no creation time (%s)", created_name);
  else if (parse_when (created_name, created, NULL, &created_ms, check))
    {
      created_iso = tend_unix_ms_to_iso (created_ms);
      json_object_set_string_member (fields, "created_at", created_iso);
    }
  map_when (record, field (self, "ticket.closed_at"), fields, "closed_at", check);
}

static void
parse_survey (TendSalesforce *self,
              JsonObject     *record,
              JsonObject     *fields,
              Check          *check)
{
  const char *type_name = field (self, "survey.type");
  const char *type = get_string (record, type_name, check);
  const char *value_name = field (self, "survey.value");
  JsonNode *value = get_member (record, value_name);
  const char *submitted_name = field (self, "survey.submitted_at");
  const char *submitted = get_string (record, submitted_name, check);
  g_autofree char *submitted_iso = NULL;
  gint64 submitted_ms;
  double low = 0, high = 0;

  if (type != NULL && g_ascii_strcasecmp (type, "NPS") == 0)
    type = "NPS", low = 0, high = 10;
  else if (type != NULL && g_ascii_strcasecmp (type, "CSAT") == 0)
    type = "CSAT", low = 1, high = 5;
  else if (type != NULL && g_ascii_strcasecmp (type, "CES") == 0)
    type = "CES", low = 1, high = 7;
  else
    {
      g_autofree char *q = quote_value (type ? type : "");
      check_fail (check, "%s “%s” is not NPS, CSAT or CES", type_name, q);
      type = NULL;
    }
  if (type != NULL)
    json_object_set_string_member (fields, "type", type);

  if (value == NULL)
    check_fail (check, "%s is empty", value_name);
  else if (!JSON_NODE_HOLDS_VALUE (value) ||
           (json_node_get_value_type (value) != G_TYPE_INT64 && json_node_get_value_type (value) != G_TYPE_DOUBLE))
    {
      g_autofree char *q = quote_node (value);
      check_fail (check, "%s “%s” is not a number", value_name, q);
    }
  else
    {
      double number = json_node_get_double (value);

      if (!isfinite (number) || (type != NULL && (number < low || number > high)))
        {
          g_autofree char *q = quote_node (value);
          check_fail (check, "%s “%s” is outside %s's range %g–%g", value_name, q, type ? type : "", low, high);
        }
      else
        json_object_set_double_member (fields, "value", number);
    }

  set_text (fields, "verbatim", get_string (record, field (self, "survey.verbatim"), check), TRUE);
  map_text (record, field (self, "survey.respondent"), fields, "respondent", check);

  if (submitted == NULL)
    {
      submitted_name = "CreatedDate";
      submitted = get_string (record, submitted_name, check);
    }
  if (submitted == NULL)
    check_fail (check, "the response has no submission time (%s)", field (self, "survey.submitted_at"));
  else if (parse_when (submitted_name, submitted, NULL, &submitted_ms, check))
    {
      submitted_iso = tend_unix_ms_to_iso (submitted_ms);
      json_object_set_string_member (fields, "submitted_at", submitted_iso);
    }
}

/* One element of "records": a TendRecord in page->records, or a reason in
 * page->skipped. */
static void
parse_record (TendSalesforce *self,
              TendObjectKind  kind,
              JsonNode       *node,
              TendPage       *page)
{
  g_autoptr(TendRecord) record = NULL;
  JsonObject *object;
  JsonNode *id_node;
  const char *id;
  const char *modified;
  Check check = { NULL };

  page->n_received++;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      tend_page_add_skipped (page, NULL, "the record is not a JSON object");
      return;
    }
  object = json_node_get_object (node);
  id_node = get_member (object, "Id");
  if (id_node == NULL)
    {
      tend_page_add_skipped (page, NULL, "the record has no Id");
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      g_autofree char *q = quote_node (id_node);
      tend_page_add_skipped (page, q, "the record's Id is not a string");
      return;
    }
  id = json_node_get_string (id_node);
  if (*id == '\0' || strlen (id) > 64 || !g_utf8_validate (id, -1, NULL))
    {
      tend_page_add_skipped (page, NULL, "the record's Id is not a short string");
      return;
    }
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p))
      {
        tend_page_add_skipped (page, NULL, "the record's Id is not a Salesforce id");
        return;
      }

  record = tend_record_new (id);
  switch (kind)
    {
    case TEND_OBJECT_OWNERS:
      parse_owner (object, record->fields, &check);
      break;
    case TEND_OBJECT_ACCOUNTS:
      parse_account (self, id, object, record->fields, &check);
      break;
    case TEND_OBJECT_DEALS:
      parse_deal (self, object, record->fields, &check);
      break;
    case TEND_OBJECT_TICKETS:
      parse_ticket (self, object, record->fields, &check);
      break;
    case TEND_OBJECT_SURVEYS:
      parse_survey (self, object, record->fields, &check);
      break;
    case TEND_N_OBJECTS:
    default:
      g_assert_not_reached ();
    }

  /* A dangling account (deleted since) stays, shown as unlinked. */
  if (kinds[kind].account_field != NULL)
    map_text (object, kinds[kind].account_field, record->fields, "account_id", &check);

  /* The newer of the record's and its contract's modification. */
  modified = get_string (object, MODIFIED, &check);
  if (modified == NULL || !tend_day_parse_datetime (modified, NULL, &record->modified_ms, NULL))
    record->modified_ms = 0;
  if (kind == TEND_OBJECT_ACCOUNTS)
    {
      JsonObject *contract = first_child (object, "Contracts");
      const char *contract_modified = contract ? get_string (contract, MODIFIED, &check) : NULL;
      gint64 contract_ms;

      if (contract_modified != NULL && tend_day_parse_datetime (contract_modified, NULL, &contract_ms, NULL))
        record->modified_ms = MAX (record->modified_ms, contract_ms);
    }

  if (check.reason != NULL)
    {
      tend_page_add_skipped (page, id, check.reason);
      g_free (check.reason);
      return;
    }
  page->max_modified_ms = MAX (page->max_modified_ms, record->modified_ms);
  g_ptr_array_add (page->records, g_steal_pointer (&record));
}

/* Transport: Salesforce's own error bodies ([{"message", "errorCode"}])
 * decide what a failure means, so this connector sends its own requests. */

static gboolean
wait_ms (TendSalesforce  *self,
         guint            ms,
         guint            status,
         GCancellable    *cancellable,
         GError         **error)
{
  g_debug ("Salesforce: waiting %u ms before retrying (status %u)", ms, status);
  if (self->wait_func != NULL)
    self->wait_func (ms, status, self->wait_data);
  return tend_http_sleep (ms, cancellable, error);
}

static guint
backoff (TendSalesforce *self,
         guint           attempt)
{
  return (guint) MIN ((guint64) self->backoff_ms << MIN (attempt, 10), (guint64) self->backoff_ms * 32);
}

/* The first error of a Salesforce error body; both NULL if there is none. */
static void
read_error (GBytes  *bytes,
            char   **out_code,
            char   **out_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  JsonNode *root;
  JsonObject *first;

  *out_code = NULL;
  *out_message = NULL;
  if (data == NULL || size == 0 || size > 65536 || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (root), 0)))
    return;
  first = json_array_get_object_element (json_node_get_array (root), 0);
  if (json_object_has_member (first, "errorCode") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (first, "errorCode")) &&
      json_node_get_value_type (json_object_get_member (first, "errorCode")) == G_TYPE_STRING)
    *out_code = clean_text (json_object_get_string_member (first, "errorCode"), FALSE);
  if (json_object_has_member (first, "message") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (first, "message")) &&
      json_node_get_value_type (json_object_get_member (first, "message")) == G_TYPE_STRING)
    *out_message = clean_text (json_object_get_string_member (first, "message"), FALSE);
}

/* Never echo the token, should a server put it in a message. */
static char *
redact (TendSalesforce *self,
        const char     *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || strstr (text, self->token) == NULL)
    return g_strdup (text);
  parts = g_strsplit (text, self->token, -1);
  return g_strjoinv ("[redacted]", parts);
}

static void
set_status_error (TendSalesforce  *self,
                  GError         **error,
                  guint            status,
                  const char      *code,
                  const char      *raw_message,
                  const char      *usage)
{
  g_autofree char *message = redact (self, raw_message);
  g_autofree char *short_message = message ? quote_value (message) : NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error_literal (error, TEND_ERROR, TEND_ERROR_AUTH,
                         "The Salesforce session expired or the token is invalid; sign in again to get a new access token");
  else if (g_strcmp0 (code, "REQUEST_LIMIT_EXCEEDED") == 0)
    g_set_error (error, TEND_ERROR, TEND_ERROR_RATE_LIMITED,
                 "The Salesforce org has used up its daily API limit (REQUEST_LIMIT_EXCEEDED%s%s); "
                 "sync again after the 24-hour window frees calls, or ask the Salesforce admin to raise the limit",
                 usage ? ", " : "", usage ? usage : "");
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, TEND_ERROR, TEND_ERROR_AUTH,
                 "Salesforce refused access (%s%s%s); the user needs the API Enabled permission and read access "
                 "to Accounts, Contracts, Opportunities, Cases and the survey object",
                 code ? code : "403", message ? ": " : "", message ? message : "");
  else if (g_strcmp0 (code, "INVALID_FIELD") == 0 || g_strcmp0 (code, "INVALID_TYPE") == 0)
    g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                 "Salesforce does not know a field or object Tend asked for (%s: %s); fix the field-mapping setting",
                 code, message ? message : "no details");
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                 "Salesforce has no such resource (404%s%s); check the instance URL and the API version",
                 code ? " " : "", code ? code : "");
  else if (status >= 500)
    g_set_error (error, TEND_ERROR, TEND_ERROR_NETWORK,
                 "Salesforce kept failing (HTTP %u%s%s after %d attempts); try again later",
                 status, code ? " " : "", code ? code : "", MAX_ATTEMPTS);
  else
    g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                 "Salesforce rejected Tend's request (HTTP %u %s%s%s); report it with the sync log",
                 status, code ? code : "", short_message ? ": " : "", short_message ? short_message : "");
}

static JsonNode *
parse_json (GBytes  *bytes,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *repaired = NULL;
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  /* Bytes that are not UTF-8 can only sit inside strings: repair them to
   * U+FFFD rather than lose the whole page. */
  if (data != NULL && size > 0 && !g_utf8_validate_len (data, size, NULL))
    {
      repaired = g_utf8_make_valid (data, (gssize) size);
      data = repaired;
      size = strlen (repaired);
    }
  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                   "Salesforce answered with malformed JSON (%s); try again later",
                   local_error ? local_error->message : "empty body");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* GET instance_url + path; retries 5xx, network errors and garbled bodies
 * with bounded back-off, and waits a little on REQUEST_LIMIT_EXCEEDED
 * (a concurrency limit clears quickly; the daily one does not). */
static JsonNode *
request (TendSalesforce  *self,
         const char      *path,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autofree char *url = g_strconcat (self->instance_url, path, NULL);
  guint attempt = 0, n_limit_waits = 0;

  for (;;)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;
      g_autofree char *usage = NULL;
      SoupMessageHeaders *headers;
      guint status;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "The sync was cancelled");
          return NULL;
        }
      msg = soup_message_new (SOUP_METHOD_GET, url);
      if (msg == NULL)
        {
          g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                               "Cannot build a Salesforce request; check the instance URL");
          return NULL;
        }
      headers = soup_message_get_request_headers (msg);
      soup_message_headers_replace (headers, "Authorization", self->authorization);
      soup_message_headers_replace (headers, "Accept", "application/json");
      if (self->batch_size != 0)
        {
          g_autofree char *options = g_strdup_printf ("batchSize=%u", self->batch_size);
          soup_message_headers_replace (headers, "Sforce-Query-Options", options);
        }

      self->n_requests++;
      bytes = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
      status = soup_message_get_status (msg);
      usage = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Sforce-Limit-Info"));
      /* Never log headers: Authorization carries the token. */
      g_debug ("Salesforce: GET %s -> %u%s%s", path, status, usage ? " " : "", usage ? usage : "");

      if (local_error != NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_cancellable_is_cancelled (cancellable))
            {
              g_set_error_literal (error, TEND_ERROR, TEND_ERROR_CANCELLED, "The sync was cancelled");
              return NULL;
            }
          if (local_error->domain == G_TLS_ERROR)
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_NETWORK,
                           "Salesforce's TLS certificate was refused (%s); check the instance URL",
                           local_error->message);
              return NULL;
            }
          if (++attempt >= MAX_ATTEMPTS)
            {
              g_autofree char *safe = redact (self, local_error->message);
              g_set_error (error, TEND_ERROR, TEND_ERROR_NETWORK,
                           "Cannot reach Salesforce (%s after %u attempts); check the network and the instance URL",
                           safe, attempt);
              return NULL;
            }
          if (!wait_ms (self, backoff (self, attempt - 1), 0, cancellable, error))
            return NULL;
          continue;
        }

      if (status < 200 || status >= 300)
        read_error (bytes, &code, &message);
      if (g_strcmp0 (code, "REQUEST_LIMIT_EXCEEDED") == 0 && n_limit_waits < MAX_LIMIT_WAITS)
        {
          if (!wait_ms (self, backoff (self, n_limit_waits++ + 2), status, cancellable, error))
            return NULL;
          continue;
        }
      if (status >= 500 && ++attempt < MAX_ATTEMPTS)
        {
          if (!wait_ms (self, backoff (self, attempt - 1), status, cancellable, error))
            return NULL;
          continue;
        }
      if (status < 200 || status >= 300)
        {
          set_status_error (self, error, status, code, message, usage);
          return NULL;
        }

      {
        g_autoptr(GError) parse_error = NULL;
        JsonNode *root = parse_json (bytes, &parse_error);

        if (root != NULL)
          return root;
        /* A body cut short in transit may come whole next time. */
        if (++attempt >= MAX_ATTEMPTS)
          {
            g_propagate_error (error, g_steal_pointer (&parse_error));
            return NULL;
          }
        if (!wait_ms (self, backoff (self, attempt - 1), status, cancellable, error))
          return NULL;
      }
    }
}

/* SOQL. Field names are [A-Za-z0-9_] (checked when the mapping is built),
 * so they can be spliced into a statement safely. */

static void
add_field (GPtrArray  *list,
           const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (list, i), name) == 0)
      return;
  g_ptr_array_add (list, (gpointer) name);
}

static char *
select_list (TendSalesforce *self,
             TendObjectKind  kind)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GString *out;

  add_field (list, "Id");
  if (kind == TEND_OBJECT_OWNERS)
    {
      add_field (list, "Name");
      add_field (list, "Email");
      add_field (list, "Department");
    }
  else
    {
      if (kinds[kind].account_field != NULL)
        add_field (list, kinds[kind].account_field);
      for (guint i = 0; i < G_N_ELEMENTS (default_fields); i++)
        if (g_str_has_prefix (default_fields[i].field, kinds[kind].prefix) &&
            strcmp (default_fields[i].field, "account.contract_start") != 0 &&
            strcmp (default_fields[i].field, "account.contract_end") != 0)
          add_field (list, field (self, default_fields[i].field));
      if (kind == TEND_OBJECT_SURVEYS)
        add_field (list, "CreatedDate");
    }
  add_field (list, MODIFIED);

  out = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (list, i));
  if (kind == TEND_OBJECT_ACCOUNTS)
    {
      g_autoptr(GPtrArray) contract = g_ptr_array_new ();
      const char *end = field (self, "account.contract_end");

      add_field (contract, field (self, "account.contract_start"));
      add_field (contract, end);
      add_field (contract, MODIFIED);
      /* The current contract: the activated one that ends last. */
      g_string_append (out, ", (SELECT ");
      for (guint i = 0; i < contract->len; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (contract, i));
      g_string_append_printf (out, " FROM Contracts WHERE Status = 'Activated' ORDER BY %s DESC NULLS LAST LIMIT 1)",
                              end);
    }
  return g_string_free (out, FALSE);
}

/* SOQL datetimes have whole seconds: round down, and let >= re-read the
 * second's other changes (upserts absorb them). */
static char *
soql_datetime (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (MAX (ms, 0) / 1000);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
build_soql (TendSalesforce *self,
            TendObjectKind  kind,
            gint64          since_ms,
            char            phase)
{
  g_autofree char *fields = select_list (self, kind);
  GString *soql = g_string_new (NULL);

  g_string_printf (soql, "SELECT %s FROM %s", fields, kinds[kind].object);
  if (kind == TEND_OBJECT_OWNERS)
    g_string_append (soql, " WHERE IsActive = true ORDER BY Id");
  else if (since_ms < 0)
    g_string_append (soql, " ORDER BY Id");
  else
    {
      g_autofree char *since = soql_datetime (since_ms);

      if (phase == PHASE_CONTRACTS)
        g_string_append_printf (soql, " WHERE Id IN (SELECT AccountId FROM Contract WHERE " MODIFIED " >= %s)"
                                " ORDER BY Id", since);
      else
        g_string_append_printf (soql, " WHERE " MODIFIED " >= %s ORDER BY " MODIFIED ", Id", since);
    }
  return g_string_free (soql, FALSE);
}

static char *
query_path (TendSalesforce *self,
            const char     *soql,
            gboolean        include_deleted)
{
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);

  return g_strdup_printf ("/services/data/%s/%s?q=%s", self->api_version,
                          include_deleted ? "queryAll" : "query", escaped);
}

/* A query page: its records array, and the next page's path (NULL when
 * done). */
static JsonArray *
read_query_page (JsonNode    *root,
                 char       **out_next,
                 GError     **error)
{
  JsonObject *object;
  JsonNode *records, *done, *next;

  *out_next = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (records = json_object_get_member (object = json_node_get_object (root), "records")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (records) ||
      (done = json_object_get_member (object, "done")) == NULL || !JSON_NODE_HOLDS_VALUE (done) ||
      json_node_get_value_type (done) != G_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                           "Salesforce's query answer has no records or no done flag; check the instance URL");
      return NULL;
    }
  if (!json_node_get_boolean (done))
    {
      next = json_object_get_member (object, "nextRecordsUrl");
      /* Only ever follow the API's own paths: the token goes with them. */
      if (next == NULL || !JSON_NODE_HOLDS_VALUE (next) || json_node_get_value_type (next) != G_TYPE_STRING ||
          !g_str_has_prefix (json_node_get_string (next), "/services/data/") ||
          strpbrk (json_node_get_string (next), " \r\n#") != NULL)
        {
          g_set_error_literal (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                               "Salesforce said more records follow but gave no usable nextRecordsUrl; try again later");
          return NULL;
        }
      *out_next = g_strdup (json_node_get_string (next));
    }
  return json_node_get_array (records);
}

/* Cursors: "<phase>:<since_ms>:<nextRecordsUrl>", an empty URL starting
 * the phase's query. */
static gboolean
parse_cursor (const char  *cursor,
              char        *phase,
              gint64      *since_ms,
              char       **url)
{
  g_auto(GStrv) parts = g_strsplit (cursor, ":", 3);

  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 1 ||
      !g_ascii_string_to_signed (parts[1], 10, -1, G_MAXINT64, since_ms, NULL) ||
      (parts[2][0] != '\0' && !g_str_has_prefix (parts[2], "/services/data/")))
    return FALSE;
  *phase = parts[0][0];
  *url = g_strdup (parts[2]);
  return TRUE;
}

static TendPage *
fetch_page (TendSalesforce  *self,
            TendObjectKind   kind,
            gint64           since_ms,
            const char      *cursor,
            gboolean         is_deletions,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(TendPage) page = tend_page_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  g_autofree char *next = NULL;
  char phase = PHASE_ACCOUNTS;
  JsonArray *records;

  if (cursor != NULL && !parse_cursor (cursor, &phase, &since_ms, &url))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "The saved sync position “%s” is not readable; run a full sync (--full)", cursor);
      return NULL;
    }
  if (url == NULL || *url == '\0')
    {
      g_autofree char *soql = NULL;

      g_free (url);
      if (is_deletions)
        soql = g_strdup_printf ("SELECT Id FROM %s WHERE IsDeleted = true ORDER BY Id", kinds[kind].object);
      else
        soql = build_soql (self, kind, since_ms, phase);
      url = query_path (self, soql, is_deletions);
    }

  root = request (self, url, cancellable, error);
  if (root == NULL || (records = read_query_page (root, &next, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *element = json_array_get_element (records, i);

      if (is_deletions)
        {
          Check check = { NULL };
          const char *id = JSON_NODE_HOLDS_OBJECT (element)
                           ? get_string (json_node_get_object (element), "Id", &check) : NULL;

          page->n_received++;
          if (id != NULL && check.reason == NULL)
            g_ptr_array_add (page->deleted_ids, g_strdup (id));
          g_free (check.reason);
        }
      else
        parse_record (self, kind, element, page);
    }

  if (next != NULL)
    page->next_cursor = g_strdup_printf ("%c:%" G_GINT64_FORMAT ":%s", phase, since_ms, next);
  else if (kind == TEND_OBJECT_ACCOUNTS && since_ms >= 0 && !is_deletions && phase == PHASE_ACCOUNTS)
    page->next_cursor = g_strdup_printf ("%c:%" G_GINT64_FORMAT ":", PHASE_CONTRACTS, since_ms);
  return g_steal_pointer (&page);
}

static TendPage *
tend_salesforce_list_page (TendConnector   *connector,
                           TendObjectKind   kind,
                           const char      *cursor,
                           GCancellable    *cancellable,
                           GError         **error)
{
  return fetch_page (TEND_SALESFORCE (connector), kind, -1, cursor, FALSE, cancellable, error);
}

static TendPage *
tend_salesforce_changes_page (TendConnector   *connector,
                              TendObjectKind   kind,
                              gint64           since_ms,
                              const char      *cursor,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_return_val_if_fail (kind != TEND_OBJECT_OWNERS, NULL);

  return fetch_page (TEND_SALESFORCE (connector), kind, MAX (since_ms, 0), cursor, FALSE, cancellable, error);
}

/* Deleted records still in the org's recycle bin (queryAll); a full sync
 * prunes what was purged before a sync saw it. */
static TendPage *
tend_salesforce_deleted_page (TendConnector   *connector,
                              TendObjectKind   kind,
                              const char      *cursor,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_return_val_if_fail (kind != TEND_OBJECT_OWNERS, NULL);

  return fetch_page (TEND_SALESFORCE (connector), kind, -1, cursor, TRUE, cancellable, error);
}

static const char *
tend_salesforce_get_provider (TendConnector *connector)
{
  return "salesforce";
}

static gboolean
tend_salesforce_supports_changes (TendConnector  *connector,
                                  TendObjectKind  kind)
{
  /* Users are few, and deactivation is what removes one: always listed. */
  return kind != TEND_OBJECT_OWNERS;
}

static guint
tend_salesforce_get_n_requests (TendConnector *connector)
{
  return TEND_SALESFORCE (connector)->n_requests;
}

static void
tend_salesforce_set_wait_func (TendConnector    *connector,
                               TendHttpWaitFunc  func,
                               gpointer          user_data)
{
  TendSalesforce *self = TEND_SALESFORCE (connector);

  self->wait_func = func;
  self->wait_data = user_data;
}

static void
tend_salesforce_connector_init (TendConnectorInterface *iface)
{
  iface->get_provider = tend_salesforce_get_provider;
  iface->supports_changes = tend_salesforce_supports_changes;
  iface->list_page = tend_salesforce_list_page;
  iface->changes_page = tend_salesforce_changes_page;
  iface->deleted_page = tend_salesforce_deleted_page;
  iface->get_n_requests = tend_salesforce_get_n_requests;
  iface->set_wait_func = tend_salesforce_set_wait_func;
}

static void
tend_salesforce_dispose (GObject *object)
{
  TendSalesforce *self = TEND_SALESFORCE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (tend_salesforce_parent_class)->dispose (object);
}

static void
tend_salesforce_finalize (GObject *object)
{
  TendSalesforce *self = TEND_SALESFORCE (object);

  g_free (self->instance_url);
  g_free (self->api_version);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (tend_salesforce_parent_class)->finalize (object);
}

static void
tend_salesforce_class_init (TendSalesforceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_salesforce_dispose;
  object_class->finalize = tend_salesforce_finalize;
}

static void
tend_salesforce_init (TendSalesforce *self)
{
}

/* Splits "https://host[/services/data/vNN.0]" into the instance URL and
 * the API version. */
static gboolean
split_base_url (const char  *base_url,
                char       **out_instance,
                char       **out_version,
                GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *path = NULL;
  const char *version = NULL;
  gsize length;

  if (uri == NULL)
    return FALSE;
  path = g_strdup (g_uri_get_path (uri));
  length = strlen (path);
  while (length > 0 && path[length - 1] == '/')
    path[--length] = '\0';
  if (g_str_has_prefix (path, "/services/data/"))
    {
      int major = 0, consumed = 0;

      version = path + strlen ("/services/data/");
      if (sscanf (version, "v%d.0%n", &major, &consumed) != 1 || version[consumed] != '\0' || major < 20)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "“%s” does not end in an API version such as /services/data/v60.0; "
                       "give the instance URL, such as https://acme.my.salesforce.com", base_url);
          return FALSE;
        }
    }
  else if (length > 0)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "“%s” is not a Salesforce instance URL; give one such as https://acme.my.salesforce.com",
                   base_url);
      return FALSE;
    }
  *out_version = g_strdup (version != NULL ? version : TEND_SALESFORCE_DEFAULT_API_VERSION);
  length = strlen (base_url);
  if (version != NULL)
    length = (gsize) (strstr (base_url, "/services/data/") - base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;
  *out_instance = g_strndup (base_url, length);
  return TRUE;
}

TendSalesforce *
tend_salesforce_new (const char  *base_url,
                     const char  *token,
                     GHashTable  *mapping_overrides,
                     GError     **error)
{
  g_autoptr(TendSalesforce) self = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!tend_http_check_base_url (base_url, error))
    return NULL;
  if (token == NULL || *token == '\0' || strpbrk (token, "\r\n") != NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_AUTH,
                           "No usable Salesforce access token: set TEND_CRM_TOKEN or connect in the Tend window");
      return NULL;
    }

  self = g_object_new (TEND_TYPE_SALESFORCE, NULL);
  if (!split_base_url (base_url, &self->instance_url, &self->api_version, error))
    return NULL;
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (default_fields); i++)
    g_hash_table_insert (self->fields, (gpointer) default_fields[i].field, g_strdup (default_fields[i].name));
  if (mapping_overrides != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, mapping_overrides);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *tend_field = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (default_fields); i++)
            if (g_strcmp0 (default_fields[i].field, key) == 0)
              tend_field = default_fields[i].field;
          if (tend_field == NULL || !is_field_name (value))
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The field mapping gives “%s” for “%s”, which is not a Salesforce field of a Tend "
                           "field; fix the field-mapping setting", (const char *) value, (const char *) key);
              return NULL;
            }
          g_hash_table_insert (self->fields, (gpointer) tend_field, g_strdup (value));
        }
    }

  self->token = g_strdup (token);
  self->authorization = g_strconcat ("Bearer ", token, NULL);
  self->batch_size = env_uint ("TEND_SALESFORCE_BATCH_SIZE", 0, BATCH_MIN, BATCH_MAX);
  self->backoff_ms = env_uint ("TEND_SYNC_BACKOFF_MS", DEFAULT_BACKOFF_MS, 0, 60000);
  self->session = soup_session_new_with_options ("timeout", env_uint ("TEND_SYNC_TIMEOUT_S", DEFAULT_TIMEOUT_S, 1, 3600),
                                                 "idle-timeout", 60,
                                                 "user-agent", "Tend/" PACKAGE_VERSION " ",
                                                 NULL);
  return g_steal_pointer (&self);
}

const char *
tend_salesforce_get_api_version (TendSalesforce *self)
{
  g_return_val_if_fail (TEND_IS_SALESFORCE (self), NULL);
  return self->api_version;
}

void
tend_salesforce_set_batch_size (TendSalesforce *self,
                                guint           batch_size)
{
  g_return_if_fail (TEND_IS_SALESFORCE (self));
  self->batch_size = CLAMP (batch_size, BATCH_MIN, BATCH_MAX);
}

char *
tend_salesforce_build_query (TendSalesforce *self,
                             TendObjectKind  kind,
                             gint64          since_ms)
{
  g_return_val_if_fail (TEND_IS_SALESFORCE (self), NULL);
  g_return_val_if_fail (kind < TEND_N_OBJECTS, NULL);
  return build_soql (self, kind, since_ms, PHASE_ACCOUNTS);
}
