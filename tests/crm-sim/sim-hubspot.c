// Serves the simulator's book in HubSpot's CRM v3/v4 wire format.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-hubspot.h"
#include "sim-json.h"

#define JSON_CONTENT_TYPE    "application/json;charset=utf-8"
#define LIST_LIMIT_DEFAULT   10
#define LIST_LIMIT_MAX       100
#define SEARCH_LIMIT_DEFAULT 10
#define SEARCH_LIMIT_MAX     200
#define SEARCH_RESULTS_MAX   10000
#define SEARCH_GROUPS_MAX    5
#define SEARCH_FILTERS_MAX   6
#define OWNERS_LIMIT_DEFAULT 100
#define OWNERS_LIMIT_MAX     500
#define BATCH_INPUTS_MAX     1000
#define RATE_MAX             190
#define RATE_INTERVAL_MS     10000
#define RATE_DAILY           1000000
#define HUGE_STRING_BYTES    (1024 * 1024)
#define MAX_SELECTED         64

typedef enum {
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_DATE,
  VALUE_DATETIME,
  VALUE_ENUM,
  VALUE_BOOL,
} ValueClass;

/* Appends the property's text to @out; FALSE when the value is empty. */
typedef gboolean (*PropertyGetter) (gconstpointer record,
                                    GString      *out);

typedef struct {
  const char     *name;
  ValueClass      value_class;
  PropertyGetter  get;
} Property;

typedef struct {
  const char            *name;           /* as in the URL: "companies" */
  const char            *singular;
  const char            *type_id;        /* HubSpot's object type id */
  SimKind                kind;
  const Property        *properties;
  guint                  n_properties;
  const char *const     *defaults;       /* served when no properties are asked for */
  const char            *label_property; /* where huge-string and control-chars land */
  int                    to_company_type_id;
  int                    from_company_type_id;
} ObjectType;

typedef struct {
  const Property *items[MAX_SELECTED];
  guint           n;
} Selection;

struct _SimHubspot {
  SimBook    *book;
  SimFaults  *faults;
  char       *token;
  char       *base_url;
  GHashTable *requests;        /* route -> count */
  guint64     n_requests;
  guint       n_rate_limited;
  gint64      window_start_ms;
  guint       window_count;
  char       *huge_string;
};

typedef struct {
  SimHubspot        *hubspot;
  SoupServerMessage *msg;
  const char        *path;
  GHashTable        *query;   /* name -> GPtrArray of values */
  SimFaultHit        fault;
  guint              status;
  GString           *body;
  GString           *scratch;
} Request;

/* Value formatting, HubSpot style: every property value is a string. */

static void
append_u64 (GString *out,
            guint64  value)
{
  char buf[24];
  int i = sizeof buf;

  do
    {
      buf[--i] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  g_string_append_len (out, buf + i, (gssize) (sizeof buf - i));
}

static void
append_cents (GString *out,
              gint64   cents)
{
  guint64 magnitude = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;

  if (cents < 0)
    g_string_append_c (out, '-');
  append_u64 (out, magnitude / 100);
  if (magnitude % 100 != 0)
    g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
}

static void
append_day (GString *out,
            gint32   day)
{
  int y, m, d;

  sim_day_to_civil (day, &y, &m, &d);
  g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
}

/* ISO 8601 in UTC; whole seconds drop the fraction, as HubSpot's do. */
static void
append_iso (GString *out,
            gint64   ms)
{
  gint64 day = ms >= 0 ? ms / SIM_MS_PER_DAY : -((-ms + SIM_MS_PER_DAY - 1) / SIM_MS_PER_DAY);
  gint64 rest = ms - day * SIM_MS_PER_DAY;
  int y, m, d;

  sim_day_to_civil ((gint32) day, &y, &m, &d);
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
                          (int) (rest / 3600000), (int) (rest / 60000 % 60), (int) (rest / 1000 % 60));
  if (rest % 1000 != 0)
    g_string_append_printf (out, ".%03d", (int) (rest % 1000));
  g_string_append_c (out, 'Z');
}

static gboolean
put_text (GString    *out,
          const char *text)
{
  if (text == NULL)
    return FALSE;
  g_string_append (out, text);
  return TRUE;
}

static gboolean
put_cents (GString *out,
           gint64   cents)
{
  if (cents == SIM_NONE)
    return FALSE;
  append_cents (out, cents);
  return TRUE;
}

static gboolean
put_count (GString *out,
           gint64   count)
{
  if (count == SIM_NONE)
    return FALSE;
  g_string_append_printf (out, "%" G_GINT64_FORMAT, count);
  return TRUE;
}

static gboolean
put_day (GString *out,
         gint32   day)
{
  if (day == SIM_NO_DAY)
    return FALSE;
  append_day (out, day);
  return TRUE;
}

static gboolean
put_id (GString *out,
        guint64  id)
{
  if (id == 0)
    return FALSE;
  append_u64 (out, id);
  return TRUE;
}

static gboolean
put_iso (GString *out,
         gint64   ms)
{
  if (ms == 0)
    return FALSE;
  append_iso (out, ms);
  return TRUE;
}

#define META(r)    ((const SimMeta *) (r))
#define COMPANY(r) ((const SimCompany *) (r))
#define DEAL(r)    ((const SimDeal *) (r))
#define TICKET(r)  ((const SimTicket *) (r))
#define SURVEY(r)  ((const SimSurvey *) (r))

#define GETTER(fn, expr) \
  static gboolean fn (gconstpointer r, GString *out) { return expr; }

GETTER (meta_object_id, put_id (out, META (r)->id))
GETTER (meta_created, put_iso (out, META (r)->created_ms))
GETTER (meta_modified, put_iso (out, META (r)->modified_ms))

GETTER (company_name, put_text (out, COMPANY (r)->name))
GETTER (company_domain, put_text (out, COMPANY (r)->domain))
GETTER (company_owner, put_id (out, COMPANY (r)->owner_id))
GETTER (company_executive, put_id (out, COMPANY (r)->executive_owner_id))
GETTER (company_segment, put_text (out, COMPANY (r)->segment))
GETTER (company_region, put_text (out, COMPANY (r)->region))
GETTER (company_unit, put_text (out, COMPANY (r)->business_unit))
GETTER (company_product, put_text (out, COMPANY (r)->product_line))
GETTER (company_arr, put_cents (out, COMPANY (r)->arr_cents))
GETTER (company_arr_prior, put_cents (out, COMPANY (r)->arr_prior_cents))
GETTER (company_currency, put_text (out, COMPANY (r)->currency))
GETTER (company_start, put_day (out, COMPANY (r)->contract_start))
GETTER (company_end, put_day (out, COMPANY (r)->contract_end))
GETTER (company_seats, put_count (out, COMPANY (r)->licensed_seats))
GETTER (company_active, put_count (out, COMPANY (r)->active_users_30d))
GETTER (company_activity, put_day (out, COMPANY (r)->last_activity))
GETTER (company_overdue, put_cents (out, COMPANY (r)->overdue_cents))
GETTER (company_lifecycle, put_text (out, COMPANY (r)->lifecycle_override))
GETTER (company_churn, put_day (out, COMPANY (r)->churn_date))

static const char *stage_ids[] = {
  [SIM_STAGE_APPOINTMENT] = "appointmentscheduled",
  [SIM_STAGE_QUALIFIED] = "qualifiedtobuy",
  [SIM_STAGE_PRESENTATION] = "presentationscheduled",
  [SIM_STAGE_DECISION] = "decisionmakerboughtin",
  [SIM_STAGE_CONTRACT_SENT] = "contractsent",
  [SIM_STAGE_WON] = "closedwon",
  [SIM_STAGE_LOST] = "closedlost",
};

static const char *categories[] = {
  [SIM_DEAL_NEW] = "new",
  [SIM_DEAL_RENEWAL] = "renewal",
  [SIM_DEAL_EXPANSION] = "expansion",
};

static gboolean
deal_stage (gconstpointer r,
            GString      *out)
{
  const SimDeal *deal = r;

  /* A portal's own stages have numeric ids: only hs_is_closed_won tells. */
  if (deal->has_custom_stage)
    return put_text (out, deal->stage == SIM_STAGE_WON ? "1043289" : "1043290");
  return put_text (out, stage_ids[deal->stage]);
}

GETTER (deal_name, put_text (out, DEAL (r)->name))
GETTER (deal_amount, put_cents (out, DEAL (r)->amount_cents))
GETTER (deal_close, put_iso (out, DEAL (r)->close_ms))
GETTER (deal_owner, put_id (out, DEAL (r)->owner_id))
GETTER (deal_won, put_text (out, DEAL (r)->stage == SIM_STAGE_WON ? "true" : "false"))
GETTER (deal_closed, put_text (out, DEAL (r)->stage >= SIM_STAGE_WON ? "true" : "false"))
GETTER (deal_pipeline, put_text (out, "default"))
GETTER (deal_category, put_text (out, DEAL (r)->has_category ? categories[DEAL (r)->category] : NULL))
GETTER (deal_type, put_text (out, !DEAL (r)->has_legacy_type ? NULL :
                                  DEAL (r)->category == SIM_DEAL_NEW ? "newbusiness" : "existingbusiness"))
GETTER (deal_currency, put_text (out, DEAL (r)->currency))

static const char *priorities[] = { "LOW", "MEDIUM", "HIGH", "URGENT" };
static const char *ticket_stages[] = { "1", "2", "3", "4" };

GETTER (ticket_subject, put_text (out, TICKET (r)->subject))
GETTER (ticket_content, put_text (out, TICKET (r)->description))
GETTER (ticket_priority, put_text (out, priorities[TICKET (r)->priority]))
GETTER (ticket_closed, put_iso (out, TICKET (r)->closed_ms))
GETTER (ticket_pipeline, put_text (out, "0"))
GETTER (ticket_stage, put_text (out, ticket_stages[TICKET (r)->status]))

static const char *survey_types[] = { "NPS", "CSAT", "CES" };

GETTER (survey_type, put_text (out, survey_types[SURVEY (r)->type]))
GETTER (survey_value, put_count (out, SURVEY (r)->value))
GETTER (survey_content, put_text (out, SURVEY (r)->verbatim))
GETTER (survey_submitted, put_iso (out, SURVEY (r)->submitted_ms))
GETTER (survey_email, put_text (out, SURVEY (r)->respondent_email))

static const Property company_properties[] = {
  { "name", VALUE_STRING, company_name },
  { "domain", VALUE_STRING, company_domain },
  { "hubspot_owner_id", VALUE_ENUM, company_owner },
  { "cs_executive_owner_id", VALUE_ENUM, company_executive },
  { "cs_segment", VALUE_ENUM, company_segment },
  { "cs_region", VALUE_ENUM, company_region },
  { "cs_business_unit", VALUE_ENUM, company_unit },
  { "cs_product_line", VALUE_ENUM, company_product },
  { "cs_arr", VALUE_NUMBER, company_arr },
  { "cs_arr_prior_year", VALUE_NUMBER, company_arr_prior },
  { "cs_currency", VALUE_ENUM, company_currency },
  { "cs_contract_start_date", VALUE_DATE, company_start },
  { "cs_contract_end_date", VALUE_DATE, company_end },
  { "cs_licensed_seats", VALUE_NUMBER, company_seats },
  { "cs_active_users_30d", VALUE_NUMBER, company_active },
  { "cs_last_activity_date", VALUE_DATE, company_activity },
  { "cs_overdue_amount", VALUE_NUMBER, company_overdue },
  { "cs_lifecycle_stage", VALUE_ENUM, company_lifecycle },
  { "cs_churn_date", VALUE_DATE, company_churn },
  { "createdate", VALUE_DATETIME, meta_created },
  { "hs_lastmodifieddate", VALUE_DATETIME, meta_modified },
  { "hs_object_id", VALUE_NUMBER, meta_object_id },
};

static const Property deal_properties[] = {
  { "dealname", VALUE_STRING, deal_name },
  { "amount", VALUE_NUMBER, deal_amount },
  { "closedate", VALUE_DATETIME, deal_close },
  { "hubspot_owner_id", VALUE_ENUM, deal_owner },
  { "hs_is_closed_won", VALUE_BOOL, deal_won },
  { "hs_is_closed", VALUE_BOOL, deal_closed },
  { "dealstage", VALUE_ENUM, deal_stage },
  { "pipeline", VALUE_ENUM, deal_pipeline },
  { "cs_deal_category", VALUE_ENUM, deal_category },
  { "dealtype", VALUE_ENUM, deal_type },
  { "deal_currency_code", VALUE_ENUM, deal_currency },
  { "createdate", VALUE_DATETIME, meta_created },
  { "hs_lastmodifieddate", VALUE_DATETIME, meta_modified },
  { "hs_object_id", VALUE_NUMBER, meta_object_id },
};

static const Property ticket_properties[] = {
  { "subject", VALUE_STRING, ticket_subject },
  { "content", VALUE_STRING, ticket_content },
  { "hs_ticket_priority", VALUE_ENUM, ticket_priority },
  { "createdate", VALUE_DATETIME, meta_created },
  { "closed_date", VALUE_DATETIME, ticket_closed },
  { "hs_pipeline", VALUE_ENUM, ticket_pipeline },
  { "hs_pipeline_stage", VALUE_ENUM, ticket_stage },
  { "hs_lastmodifieddate", VALUE_DATETIME, meta_modified },
  { "hs_object_id", VALUE_NUMBER, meta_object_id },
};

static const Property survey_properties[] = {
  { "hs_survey_type", VALUE_ENUM, survey_type },
  { "hs_response_value", VALUE_NUMBER, survey_value },
  { "hs_content", VALUE_STRING, survey_content },
  { "hs_submission_timestamp", VALUE_DATETIME, survey_submitted },
  { "hs_contact_email_rollup", VALUE_STRING, survey_email },
  { "hs_createdate", VALUE_DATETIME, meta_created },
  { "hs_lastmodifieddate", VALUE_DATETIME, meta_modified },
  { "hs_object_id", VALUE_NUMBER, meta_object_id },
};

/* What HubSpot returns when a request names no properties. */
static const char *const company_defaults[] = {
  "createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name", NULL,
};
static const char *const deal_defaults[] = {
  "amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate",
  "hs_object_id", "pipeline", NULL,
};
static const char *const ticket_defaults[] = {
  "content", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_pipeline",
  "hs_pipeline_stage", "hs_ticket_priority", "subject", NULL,
};
static const char *const survey_defaults[] = {
  "hs_createdate", "hs_lastmodifieddate", "hs_object_id", NULL,
};

static const ObjectType object_types[] = {
  { "companies", "company", "0-2", SIM_KIND_COMPANY,
    company_properties, G_N_ELEMENTS (company_properties), company_defaults, "name", 0, 0 },
  { "deals", "deal", "0-3", SIM_KIND_DEAL,
    deal_properties, G_N_ELEMENTS (deal_properties), deal_defaults, "dealname", 5, 6 },
  { "tickets", "ticket", "0-5", SIM_KIND_TICKET,
    ticket_properties, G_N_ELEMENTS (ticket_properties), ticket_defaults, "subject", 26, 25 },
  { "feedback_submissions", "feedback_submission", "0-19", SIM_KIND_SURVEY,
    survey_properties, G_N_ELEMENTS (survey_properties), survey_defaults, "hs_content", 1093, 1092 },
};

static const ObjectType *
find_type (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (object_types); i++)
    if (g_strcmp0 (name, object_types[i].name) == 0 ||
        g_strcmp0 (name, object_types[i].singular) == 0 ||
        g_strcmp0 (name, object_types[i].type_id) == 0)
      return &object_types[i];
  return NULL;
}

static const Property *
find_property (const ObjectType *type,
               const char       *name)
{
  for (guint i = 0; i < type->n_properties; i++)
    if (strcmp (type->properties[i].name, name) == 0)
      return &type->properties[i];
  return NULL;
}

/* Query strings: repeated names collect every value. */

static void
query_value_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static GHashTable *
parse_query (const char *raw)
{
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, query_value_free);
  g_auto(GStrv) pairs = NULL;

  if (raw == NULL)
    return query;
  pairs = g_strsplit (raw, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      char *value;
      GPtrArray *values;

      if (pairs[i][0] == '\0')
        continue;
      if (eq != NULL)
        *eq = '\0';
      name = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
      if (name == NULL)
        name = g_strdup (pairs[i]);
      if (value == NULL)
        value = g_strdup (eq != NULL ? eq + 1 : "");

      values = g_hash_table_lookup (query, name);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (query, g_steal_pointer (&name), values);
        }
      g_ptr_array_add (values, value);
    }
  return query;
}

static const char *
query_get (Request    *req,
           const char *name)
{
  GPtrArray *values = g_hash_table_lookup (req->query, name);

  return values != NULL && values->len > 0 ? g_ptr_array_index (values, values->len - 1) : NULL;
}

/* Comma-separated lists, possibly repeated: "properties=a,b&properties=c". */
static GPtrArray *
query_list (Request    *req,
            const char *name)
{
  GPtrArray *values = g_hash_table_lookup (req->query, name);
  GPtrArray *list;

  if (values == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < values->len; i++)
    {
      g_auto(GStrv) items = g_strsplit (g_ptr_array_index (values, i), ",", -1);

      for (guint j = 0; items[j] != NULL; j++)
        {
          g_strstrip (items[j]);
          if (items[j][0] != '\0')
            g_ptr_array_add (list, g_strdup (items[j]));
        }
    }
  return list;
}

static void
select_add (Selection      *selection,
            const Property *property)
{
  for (guint i = 0; i < selection->n; i++)
    if (selection->items[i] == property)
      return;
  if (selection->n < MAX_SELECTED)
    selection->items[selection->n++] = property;
}

/* Unknown names are ignored, as HubSpot does; no names at all gives the defaults. */
static void
select_properties (const ObjectType *type,
                   GPtrArray        *names,
                   Selection        *selection)
{
  selection->n = 0;
  if (names == NULL || names->len == 0)
    {
      for (guint i = 0; type->defaults[i] != NULL; i++)
        select_add (selection, find_property (type, type->defaults[i]));
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const Property *property = find_property (type, g_ptr_array_index (names, i));

      if (property != NULL)
        select_add (selection, property);
    }
}

/* Errors and headers. */

static GString *
error_body (const char *category,
            const char *message,
            const char *extra_members)
{
  GString *body = g_string_new ("{\"status\":\"error\",\"message\":");
  g_autofree char *uuid = g_uuid_string_random ();

  sim_json_append_string (body, message);
  g_string_append (body, ",\"correlationId\":");
  sim_json_append_string (body, uuid);
  g_string_append (body, ",\"category\":");
  sim_json_append_string (body, category);
  if (extra_members != NULL)
    g_string_append (body, extra_members);
  g_string_append_c (body, '}');
  return body;
}

static void
fail (Request    *req,
      guint       status,
      const char *category,
      const char *message)
{
  req->status = status;
  g_string_free (req->body, TRUE);
  req->body = error_body (category, message, NULL);
}

static void
fail_validation (Request    *req,
                 const char *message)
{
  fail (req, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR", message);
}

static void
add_rate_limit_headers (SimHubspot        *hubspot,
                        SoupServerMessage *msg,
                        gboolean           is_limited)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gint64 now = g_get_monotonic_time () / 1000;
  char value[32];

  if (hubspot->window_count == 0 || now - hubspot->window_start_ms >= RATE_INTERVAL_MS)
    {
      hubspot->window_start_ms = now;
      hubspot->window_count = 0;
    }
  hubspot->window_count++;

  g_snprintf (value, sizeof value, "%d", RATE_MAX);
  soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Max", value);
  g_snprintf (value, sizeof value, "%d", is_limited ? 0 : MAX (0, RATE_MAX - (int) hubspot->window_count));
  soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Remaining", value);
  g_snprintf (value, sizeof value, "%d", RATE_INTERVAL_MS);
  soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Interval-Milliseconds", value);
  g_snprintf (value, sizeof value, "%d", RATE_DAILY);
  soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Daily", value);
  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, MAX (0, RATE_DAILY - (gint64) hubspot->n_requests));
  soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Daily-Remaining", value);
}

static gboolean
is_authorized (SimHubspot        *hubspot,
               SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;
  value += 7;
  while (*value == ' ')
    value++;
  return g_strcmp0 (value, hubspot->token) == 0;
}

/* Cursors: HubSpot's look like base64 of the next id and a newline, URL-escaped. */

static char *
encode_cursor (guint64 id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", id);
  g_autofree char *encoded = g_base64_encode ((const guchar *) text, strlen (text));
  GString *escaped = g_string_new (NULL);

  for (const char *p = encoded; *p; p++)
    {
      if (*p == '=')
        g_string_append (escaped, "%3D");
      else if (*p == '+')
        g_string_append (escaped, "%2B");
      else if (*p == '/')
        g_string_append (escaped, "%2F");
      else
        g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

static gboolean
parse_u64 (const char *text,
           guint64    *value)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoull (text, &end, 10);
  return errno == 0 && *end == '\0';
}

/* Tolerant of clients that escape the cursor once more or not at all. */
static gboolean
decode_cursor (const char *text,
               guint64    *id)
{
  g_autofree char *work = g_strdup (text);
  g_autofree guchar *decoded = NULL;
  g_autofree char *digits = NULL;
  GString *padded;
  gsize length = 0;

  for (int round = 0; round < 2 && strchr (work, '%') != NULL; round++)
    {
      char *unescaped = g_uri_unescape_string (work, NULL);

      if (unescaped == NULL)
        return FALSE;
      g_free (work);
      work = unescaped;
    }
  g_strdelimit (work, " ", '+');
  for (const char *p = work; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return FALSE;

  padded = g_string_new (work);
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  decoded = g_base64_decode (padded->str, &length);
  g_string_free (padded, TRUE);

  if (length >= 2 && decoded[length - 1] == '\n')
    {
      digits = g_strndup ((const char *) decoded, length - 1);
      if (parse_u64 (digits, id))
        return TRUE;
    }
  return parse_u64 (work, id);   /* a bare id */
}

static char *
next_link (Request    *req,
           const char *cursor)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (req->msg));
  GString *link = g_string_new (req->hubspot->base_url);

  g_string_append (link, req->path);
  g_string_append_c (link, '?');
  if (raw != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (raw, "&", -1);

      for (guint i = 0; pairs[i] != NULL; i++)
        if (pairs[i][0] != '\0' && !g_str_has_prefix (pairs[i], "after="))
          g_string_append_printf (link, "%s&", pairs[i]);
    }
  g_string_append_printf (link, "after=%s", cursor);
  return g_string_free (link, FALSE);
}

/* Records. */

static const char *
huge_string (SimHubspot *hubspot)
{
  static const char pattern[] = "Huge name 🐘 ";

  if (hubspot->huge_string == NULL)
    {
      GString *text = g_string_sized_new (HUGE_STRING_BYTES + 1);

      while (text->len + strlen (pattern) <= HUGE_STRING_BYTES)
        g_string_append (text, pattern);
      while (text->len < HUGE_STRING_BYTES)
        g_string_append_c (text, 'x');
      hubspot->huge_string = g_string_free (text, FALSE);
    }
  return hubspot->huge_string;
}

/* Control characters (escaped in the JSON) and bytes that are not UTF-8
 * (written raw), around the record's own label. */
static void
append_control_label (GString    *out,
                      const char *label)
{
  g_autoptr(GString) text = g_string_new ("Ctrl\x01\x02\x1b[31m\x7f\ttab\nline ");

  g_string_append (text, label != NULL ? label : "");
  g_string_append (text, " \xff\xfe\xc3\x28 end");
  sim_json_append_string_len (out, text->str, text->len);
}

static gboolean
is_numeric_text (const char *text)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  g_ascii_strtod (text, &end);
  return *end == '\0';
}

static void
write_value (Request        *req,
             const Property *property,
             gboolean        has_value,
             guint           position)
{
  GString *out = req->body;
  const char *text = req->scratch->str;

  if (req->fault.kind == SIM_FAULT_WRONG_TYPES)
    {
      switch (position % 4)
        {
        case 0:
          if (property->value_class == VALUE_NUMBER)
            {
              g_string_append (out, "\"abc\"");
              return;
            }
          break;
        case 1:
          if (property->value_class == VALUE_DATE)
            {
              g_string_append (out, "\"2026-13-45\"");
              return;
            }
          if (property->value_class == VALUE_DATETIME)
            {
              g_string_append (out, "\"2026-13-45T25:61:00Z\"");
              return;
            }
          break;
        case 2:
          if (property->value_class == VALUE_ENUM)
            {
              g_string_append (out, "\"SUPERHIGH\"");
              return;
            }
          if (property->value_class == VALUE_BOOL)
            {
              g_string_append (out, "\"maybe\"");
              return;
            }
          break;
        default:
          /* A JSON number where a string is expected. */
          if (has_value)
            {
              g_string_append (out, is_numeric_text (text) ? text : "12345");
              return;
            }
          break;
        }
    }

  if (!has_value)
    g_string_append (out, "null");
  else
    sim_json_append_string_len (out, text, req->scratch->len);
}

static void
write_associations (Request          *req,
                    const ObjectType *type,
                    guint             index,
                    GPtrArray        *associations)
{
  SimBook *book = req->hubspot->book;
  GString *out = req->body;
  gboolean any = FALSE;

  for (guint a = 0; a < associations->len; a++)
    {
      const ObjectType *to = g_ptr_array_index (associations, a);
      gboolean first = TRUE;

      if (to == type || (type->kind != SIM_KIND_COMPANY && to->kind != SIM_KIND_COMPANY))
        continue;

      if (type->kind != SIM_KIND_COMPANY)
        {
          /* A dangling id stays when the company has been archived. */
          guint64 company_id = sim_book_get_company_id (book, type->kind, index);

          if (company_id == 0)
            continue;
          g_string_append (out, any ? "," : ",\"associations\":{");
          any = TRUE;
          g_string_append_printf (out, "\"companies\":{\"results\":[{\"id\":\"%" G_GUINT64_FORMAT "\","
                                  "\"type\":\"%s_to_company\"}]}", company_id, type->singular);
        }
      else
        {
          guint n = 0;
          const guint *children = sim_book_get_children (book, to->kind, index, &n);

          for (guint c = 0; c < n; c++)
            {
              SimMeta *child = sim_book_get_record (book, to->kind, children[c]);

              if (child->archived_ms != 0)
                continue;
              if (first)
                {
                  g_string_append (out, any ? "," : ",\"associations\":{");
                  any = TRUE;
                  g_string_append_printf (out, "\"%s\":{\"results\":[", to->name);
                }
              else
                g_string_append_c (out, ',');
              first = FALSE;
              g_string_append_printf (out, "{\"id\":\"%" G_GUINT64_FORMAT "\",\"type\":\"company_to_%s\"}",
                                      child->id, to->singular);
            }
          if (!first)
            g_string_append (out, "]}");
        }
    }
  if (any)
    g_string_append_c (out, '}');
}

static void
write_record (Request          *req,
              const ObjectType *type,
              guint             index,
              const Selection  *selection,
              GPtrArray        *associations,
              guint             position)
{
  SimBook *book = req->hubspot->book;
  const SimMeta *meta = sim_book_get_record (book, type->kind, index);
  GString *out = req->body;
  SimFaultKind fault = req->fault.kind;
  gboolean has_label_override = (fault == SIM_FAULT_HUGE_STRING && position == 0) ||
                                (fault == SIM_FAULT_CONTROL_CHARS && position % 5 == 0);
  gboolean wrote_label = FALSE;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (fault == SIM_FAULT_MISSING_ID && position % 3 == 0)
    ;
  else if (fault == SIM_FAULT_WRONG_TYPES && position % 4 == 3)
    {
      g_string_append_printf (out, "\"id\":%" G_GUINT64_FORMAT, meta->id);
      first = FALSE;
    }
  else
    {
      g_string_append_printf (out, "\"id\":\"%" G_GUINT64_FORMAT "\"", meta->id);
      first = FALSE;
    }

  g_string_append (out, first ? "\"properties\":{" : ",\"properties\":{");
  for (guint i = 0; i < selection->n; i++)
    {
      const Property *property = selection->items[i];
      gboolean has_value;

      if (i > 0)
        g_string_append_c (out, ',');
      sim_json_append_member (out, property->name);

      if (has_label_override && strcmp (property->name, type->label_property) == 0)
        {
          wrote_label = TRUE;
          g_string_truncate (req->scratch, 0);
          property->get (meta, req->scratch);
          if (fault == SIM_FAULT_HUGE_STRING)
            sim_json_append_string (out, huge_string (req->hubspot));
          else
            append_control_label (out, req->scratch->str);
          continue;
        }

      g_string_truncate (req->scratch, 0);
      has_value = property->get (meta, req->scratch);
      write_value (req, property, has_value, position);
    }
  if (has_label_override && !wrote_label)
    {
      const Property *label = find_property (type, type->label_property);

      if (selection->n > 0)
        g_string_append_c (out, ',');
      sim_json_append_member (out, label->name);
      g_string_truncate (req->scratch, 0);
      label->get (meta, req->scratch);
      if (fault == SIM_FAULT_HUGE_STRING)
        sim_json_append_string (out, huge_string (req->hubspot));
      else
        append_control_label (out, req->scratch->str);
    }
  g_string_append (out, "},\"createdAt\":\"");
  append_iso (out, meta->created_ms);
  g_string_append (out, "\",\"updatedAt\":\"");
  append_iso (out, meta->modified_ms);
  if (meta->archived_ms != 0)
    {
      g_string_append (out, "\",\"archived\":true,\"archivedAt\":\"");
      append_iso (out, meta->archived_ms);
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, "\",\"archived\":false");

  if (associations != NULL)
    write_associations (req, type, index, associations);
  g_string_append_c (out, '}');
}

static GPtrArray *
requested_associations (Request *req)
{
  g_autoptr(GPtrArray) names = query_list (req, "associations");
  GPtrArray *types;

  if (names == NULL || names->len == 0)
    return NULL;
  types = g_ptr_array_new ();
  for (guint i = 0; i < names->len; i++)
    {
      const ObjectType *type = find_type (g_ptr_array_index (names, i));

      if (type != NULL && !g_ptr_array_find (types, type, NULL))
        g_ptr_array_add (types, (gpointer) type);
    }
  return types;
}

static gboolean
parse_limit (const char *text,
             int         fallback,
             int        *limit)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    {
      *limit = fallback;
      return TRUE;
    }
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value < 1 || value > G_MAXINT)
    return FALSE;
  *limit = (int) value;
  return TRUE;
}

static gboolean
parse_archived (Request  *req,
                gboolean *archived)
{
  const char *text = query_get (req, "archived");

  if (text == NULL || g_ascii_strcasecmp (text, "false") == 0)
    *archived = FALSE;
  else if (g_ascii_strcasecmp (text, "true") == 0)
    *archived = TRUE;
  else
    return FALSE;
  return TRUE;
}

/* GET /crm/v3/objects/{type} */
static void
handle_list (Request          *req,
             const ObjectType *type)
{
  SimBook *book = req->hubspot->book;
  const char *after = query_get (req, "after");
  g_autoptr(GPtrArray) names = query_list (req, "properties");
  g_autoptr(GPtrArray) associations = requested_associations (req);
  Selection selection;
  gboolean want_archived;
  guint64 after_id = 0;
  guint n_records = sim_book_get_n_records (book, type->kind);
  guint i, written = 0;
  int limit;
  g_autofree char *cursor = NULL;

  if (!parse_limit (query_get (req, "limit"), LIST_LIMIT_DEFAULT, &limit))
    return fail_validation (req, "limit must be a positive integer");
  if (limit > LIST_LIMIT_MAX)
    return fail_validation (req, "limit must be at most 100");
  if (!parse_archived (req, &want_archived))
    return fail_validation (req, "archived must be true or false");
  if (after != NULL && *after != '\0' && !decode_cursor (after, &after_id))
    return fail_validation (req, "after is not a valid paging cursor");
  select_properties (type, names, &selection);

  g_string_append (req->body, "{\"results\":[");
  for (i = sim_book_lower_bound (book, type->kind, after_id); i < n_records; i++)
    {
      SimMeta *meta = sim_book_get_record (book, type->kind, i);

      if ((meta->archived_ms != 0) != want_archived)
        continue;
      if (written == (guint) limit)
        break;
      if (written > 0)
        g_string_append_c (req->body, ',');
      write_record (req, type, i, &selection, associations, written++);
    }
  if (req->fault.kind == SIM_FAULT_DUPLICATE_ID && written > 0)
    {
      guint first = sim_book_lower_bound (book, type->kind, after_id);

      while ((sim_book_get_record (book, type->kind, first)->archived_ms != 0) != want_archived)
        first++;
      g_string_append_c (req->body, ',');
      write_record (req, type, first, &selection, associations, written);
    }
  g_string_append_c (req->body, ']');

  if (req->fault.kind == SIM_FAULT_LOOP)
    {
      /* Points back at this very page, forever. */
      guint first = sim_book_lower_bound (book, type->kind, after_id);

      cursor = encode_cursor (first < n_records ? sim_book_get_record (book, type->kind, first)->id : after_id);
    }
  else if (i < n_records)
    cursor = encode_cursor (sim_book_get_record (book, type->kind, i)->id);

  if (cursor != NULL)
    {
      g_autofree char *link = next_link (req, cursor);

      g_string_append (req->body, ",\"paging\":{\"next\":{\"after\":");
      sim_json_append_string (req->body, cursor);
      g_string_append (req->body, ",\"link\":");
      sim_json_append_string (req->body, link);
      g_string_append (req->body, "}}");
    }
  g_string_append_c (req->body, '}');
}

/* GET /crm/v3/objects/{type}/{id} */
static void
handle_get (Request          *req,
            const ObjectType *type,
            const char       *id_text)
{
  SimBook *book = req->hubspot->book;
  g_autoptr(GPtrArray) names = query_list (req, "properties");
  g_autoptr(GPtrArray) associations = requested_associations (req);
  Selection selection;
  gboolean want_archived;
  guint64 id;
  guint index;

  if (!parse_archived (req, &want_archived))
    return fail_validation (req, "archived must be true or false");
  if (!parse_u64 (id_text, &id) || !sim_book_find (book, type->kind, id, &index) ||
      (sim_book_get_record (book, type->kind, index)->archived_ms != 0) != want_archived)
    {
      g_autoptr(GString) context = g_string_new (",\"context\":{\"id\":[");

      sim_json_append_string (context, id_text);
      g_string_append (context, "]}");
      req->status = SOUP_STATUS_NOT_FOUND;
      g_string_free (req->body, TRUE);
      req->body = error_body ("OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", context->str);
      return;
    }
  select_properties (type, names, &selection);
  write_record (req, type, index, &selection, associations, 0);
}

/* Search. */

typedef enum {
  OP_EQ,
  OP_NEQ,
  OP_LT,
  OP_LTE,
  OP_GT,
  OP_GTE,
  OP_BETWEEN,
  OP_IN,
  OP_NOT_IN,
  OP_HAS_PROPERTY,
  OP_NOT_HAS_PROPERTY,
  OP_CONTAINS_TOKEN,
  OP_NOT_CONTAINS_TOKEN,
} Operator;

static const char *operator_names[] = {
  "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
  "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
};

typedef struct {
  const Property *property;
  Operator        op;
  gboolean        is_numeric;
  double          low;
  double          high;
  char           *text;
  GPtrArray      *values;
} Filter;

typedef struct {
  GPtrArray *filters;   /* Filter */
} FilterGroup;

static void
filter_free (gpointer data)
{
  Filter *filter = data;

  g_free (filter->text);
  g_clear_pointer (&filter->values, g_ptr_array_unref);
  g_free (filter);
}

static void
group_free (gpointer data)
{
  FilterGroup *group = data;

  g_ptr_array_unref (group->filters);
  g_free (group);
}

static gboolean
is_numeric_class (ValueClass value_class)
{
  return value_class == VALUE_NUMBER || value_class == VALUE_DATE || value_class == VALUE_DATETIME;
}

/* Fast for our own ISO output; GLib for anything else a client sends. */
static gboolean
parse_iso_ms (const char *text,
              double     *ms)
{
  int y, mo, d, h, mi, s, frac = 0;
  gint32 day;
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (strlen (text) >= 20 && text[4] == '-' && text[10] == 'T' &&
      sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) == 6)
    {
      const char *rest = text + 19;
      char date[11];

      if (*rest == '.')
        {
          frac = atoi (rest + 1);
          rest += 4;
        }
      memcpy (date, text, 10);
      date[10] = '\0';
      if (strcmp (rest, "Z") == 0 && sim_day_parse (date, &day))
        {
          *ms = (double) day * SIM_MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000.0 + frac;
          return TRUE;
        }
    }

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *ms = (double) g_date_time_to_unix (dt) * 1000.0 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

/* A filter value for a number, date or datetime property: a number (epoch
 * milliseconds for dates), an ISO datetime or a YYYY-MM-DD day. */
static gboolean
parse_filter_number (const char *text,
                     double     *value)
{
  char *end = NULL;
  gint32 day;

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0')
    return TRUE;
  if (sim_day_parse (text, &day))
    {
      *value = (double) day * SIM_MS_PER_DAY;
      return TRUE;
    }
  return parse_iso_ms (text, value);
}

static gboolean
record_number (const Property *property,
               const SimMeta  *meta,
               GString        *scratch,
               double         *value)
{
  gint32 day;
  char *end = NULL;

  if (property->get == meta_modified)
    {
      *value = (double) meta->modified_ms;
      return TRUE;
    }
  if (property->get == meta_created)
    {
      *value = (double) meta->created_ms;
      return TRUE;
    }
  if (property->get == meta_object_id)
    {
      *value = (double) meta->id;
      return TRUE;
    }

  g_string_truncate (scratch, 0);
  if (!property->get (meta, scratch))
    return FALSE;
  switch (property->value_class)
    {
    case VALUE_DATE:
      if (!sim_day_parse (scratch->str, &day))
        return FALSE;
      *value = (double) day * SIM_MS_PER_DAY;
      return TRUE;
    case VALUE_DATETIME:
      return parse_iso_ms (scratch->str, value);
    default:
      *value = g_ascii_strtod (scratch->str, &end);
      return end != scratch->str && *end == '\0';
    }
}

static gboolean
string_node (JsonNode    *node,
             const char **text)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *text = json_node_get_string (node);
      return TRUE;
    }
  return FALSE;
}

/* Values may come as JSON strings or numbers; keep their text. */
static char *
node_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gboolean
parse_filter (const ObjectType  *type,
              JsonNode          *node,
              Filter           **result,
              char             **error)
{
  g_autoptr(GPtrArray) unused = NULL;
  JsonObject *object;
  const char *name = NULL, *op = NULL;
  Filter *filter;
  gboolean found = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *error = g_strdup ("each filter must be an object");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!string_node (json_object_get_member (object, "propertyName"), &name) ||
      !string_node (json_object_get_member (object, "operator"), &op))
    {
      *error = g_strdup ("a filter needs propertyName and operator");
      return FALSE;
    }

  filter = g_new0 (Filter, 1);
  filter->property = find_property (type, name);
  if (filter->property == NULL)
    {
      *error = g_strdup_printf ("There was a problem with the request. Property %s does not exist", name);
      filter_free (filter);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (operator_names); i++)
    if (strcmp (op, operator_names[i]) == 0)
      {
        filter->op = (Operator) i;
        found = TRUE;
      }
  if (!found)
    {
      *error = g_strdup_printf ("unknown operator %s", op);
      filter_free (filter);
      return FALSE;
    }

  filter->text = node_text (json_object_get_member (object, "value"));
  if (json_object_has_member (object, "values") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "values")))
    {
      JsonArray *values = json_object_get_array_member (object, "values");

      filter->values = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          char *text = node_text (json_array_get_element (values, i));

          if (text != NULL)
            g_ptr_array_add (filter->values, text);
        }
    }

  switch (filter->op)
    {
    case OP_HAS_PROPERTY:
    case OP_NOT_HAS_PROPERTY:
      break;
    case OP_IN:
    case OP_NOT_IN:
      if (filter->values == NULL)
        {
          *error = g_strdup_printf ("%s needs values", op);
          filter_free (filter);
          return FALSE;
        }
      break;
    case OP_BETWEEN:
      {
        g_autofree char *high = node_text (json_object_get_member (object, "highValue"));

        if (!is_numeric_class (filter->property->value_class) ||
            !parse_filter_number (filter->text, &filter->low) ||
            !parse_filter_number (high, &filter->high))
          {
            *error = g_strdup ("BETWEEN needs numeric value and highValue");
            filter_free (filter);
            return FALSE;
          }
        filter->is_numeric = TRUE;
      }
      break;
    default:
      if (filter->text == NULL)
        {
          *error = g_strdup_printf ("%s needs a value", op);
          filter_free (filter);
          return FALSE;
        }
      if (is_numeric_class (filter->property->value_class))
        {
          if (!parse_filter_number (filter->text, &filter->low))
            {
              *error = g_strdup_printf ("%s is not a valid value for %s", filter->text, name);
              filter_free (filter);
              return FALSE;
            }
          filter->is_numeric = TRUE;
        }
      break;
    }
  *result = filter;
  return TRUE;
}

static gboolean
contains_token (const char *haystack,
                const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);
  char *stripped = n;

  while (*stripped == '*')
    stripped++;
  for (gsize len = strlen (stripped); len > 0 && stripped[len - 1] == '*'; len--)
    stripped[len - 1] = '\0';
  return strstr (h, stripped) != NULL;
}

static gboolean
in_values (GPtrArray  *values,
           const char *text)
{
  for (guint i = 0; i < values->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (values, i), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
filter_matches (const Filter  *filter,
                const SimMeta *meta,
                GString       *scratch)
{
  gboolean has_value;
  double number = 0;

  if (filter->is_numeric)
    {
      has_value = record_number (filter->property, meta, scratch, &number);
      switch (filter->op)
        {
        case OP_EQ:      return has_value && number == filter->low;
        case OP_NEQ:     return !has_value || number != filter->low;
        case OP_LT:      return has_value && number < filter->low;
        case OP_LTE:     return has_value && number <= filter->low;
        case OP_GT:      return has_value && number > filter->low;
        case OP_GTE:     return has_value && number >= filter->low;
        case OP_BETWEEN: return has_value && number >= filter->low && number <= filter->high;
        default:         break;
        }
    }

  g_string_truncate (scratch, 0);
  has_value = filter->property->get (meta, scratch);
  switch (filter->op)
    {
    case OP_HAS_PROPERTY:       return has_value;
    case OP_NOT_HAS_PROPERTY:   return !has_value;
    case OP_EQ:                 return has_value && g_ascii_strcasecmp (scratch->str, filter->text) == 0;
    case OP_NEQ:                return !has_value || g_ascii_strcasecmp (scratch->str, filter->text) != 0;
    case OP_LT:                 return has_value && strcmp (scratch->str, filter->text) < 0;
    case OP_LTE:                return has_value && strcmp (scratch->str, filter->text) <= 0;
    case OP_GT:                 return has_value && strcmp (scratch->str, filter->text) > 0;
    case OP_GTE:                return has_value && strcmp (scratch->str, filter->text) >= 0;
    case OP_IN:                 return has_value && in_values (filter->values, scratch->str);
    case OP_NOT_IN:             return !has_value || !in_values (filter->values, scratch->str);
    case OP_CONTAINS_TOKEN:     return has_value && contains_token (scratch->str, filter->text);
    case OP_NOT_CONTAINS_TOKEN: return !has_value || !contains_token (scratch->str, filter->text);
    case OP_BETWEEN:
    default:                    return FALSE;
    }
}

typedef struct {
  guint       index;
  gboolean    has_value;
  double      number;
  const char *text;
} SortItem;

typedef struct {
  gboolean is_numeric;
  gboolean is_descending;
} SortSpec;

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SortItem *x = a, *y = b;
  const SortSpec *spec = user_data;
  int order = 0;

  /* Records without the value come last, whatever the direction. */
  if (x->has_value != y->has_value)
    return x->has_value ? -1 : 1;
  if (x->has_value)
    {
      if (spec->is_numeric)
        order = x->number < y->number ? -1 : x->number > y->number ? 1 : 0;
      else
        order = strcmp (x->text, y->text);
      if (spec->is_descending)
        order = -order;
    }
  if (order == 0)
    order = x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
  return order;
}

/* "sorts": [{"propertyName": P, "direction": "ASCENDING"}] or ["P"] / ["-P"]. */
static gboolean
parse_sort (const ObjectType  *type,
            JsonObject        *body,
            const Property   **property,
            SortSpec          *spec,
            char             **error)
{
  JsonNode *sorts = json_object_get_member (body, "sorts");
  JsonNode *first;
  const char *name = NULL, *direction = NULL;

  *property = NULL;
  if (sorts == NULL || JSON_NODE_HOLDS_NULL (sorts))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (sorts))
    {
      *error = g_strdup ("sorts must be an array");
      return FALSE;
    }
  if (json_array_get_length (json_node_get_array (sorts)) == 0)
    return TRUE;

  first = json_array_get_element (json_node_get_array (sorts), 0);
  if (string_node (first, &name))
    {
      spec->is_descending = name[0] == '-';
      if (spec->is_descending)
        name++;
    }
  else if (JSON_NODE_HOLDS_OBJECT (first))
    {
      JsonObject *object = json_node_get_object (first);

      if (!string_node (json_object_get_member (object, "propertyName"), &name))
        {
          *error = g_strdup ("a sort needs propertyName");
          return FALSE;
        }
      if (string_node (json_object_get_member (object, "direction"), &direction))
        {
          if (strcmp (direction, "DESCENDING") == 0)
            spec->is_descending = TRUE;
          else if (strcmp (direction, "ASCENDING") != 0)
            {
              *error = g_strdup_printf ("unknown sort direction %s", direction);
              return FALSE;
            }
        }
    }
  else
    {
      *error = g_strdup ("bad sort");
      return FALSE;
    }

  *property = find_property (type, name);
  if (*property == NULL)
    {
      *error = g_strdup_printf ("There was a problem with the request. Property %s does not exist", name);
      return FALSE;
    }
  spec->is_numeric = is_numeric_class ((*property)->value_class);
  return TRUE;
}

static gboolean
parse_groups (const ObjectType *type,
              JsonObject       *body,
              GPtrArray        *groups,
              char            **error)
{
  JsonNode *node = json_object_get_member (body, "filterGroups");
  JsonArray *array;
  guint n_filters = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *error = g_strdup ("filterGroups must be an array");
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > SEARCH_GROUPS_MAX)
    {
      *error = g_strdup_printf ("at most %d filterGroups are allowed", SEARCH_GROUPS_MAX);
      return FALSE;
    }
  for (guint g = 0; g < json_array_get_length (array); g++)
    {
      JsonNode *group_node = json_array_get_element (array, g);
      JsonNode *filters_node;
      FilterGroup *group;
      JsonArray *filters;

      if (!JSON_NODE_HOLDS_OBJECT (group_node))
        {
          *error = g_strdup ("each filterGroup must be an object");
          return FALSE;
        }
      filters_node = json_object_get_member (json_node_get_object (group_node), "filters");
      if (filters_node == NULL || !JSON_NODE_HOLDS_ARRAY (filters_node))
        {
          *error = g_strdup ("each filterGroup needs a filters array");
          return FALSE;
        }
      filters = json_node_get_array (filters_node);
      if (json_array_get_length (filters) > SEARCH_FILTERS_MAX)
        {
          *error = g_strdup_printf ("at most %d filters are allowed in a group", SEARCH_FILTERS_MAX);
          return FALSE;
        }
      group = g_new0 (FilterGroup, 1);
      group->filters = g_ptr_array_new_with_free_func (filter_free);
      g_ptr_array_add (groups, group);
      for (guint f = 0; f < json_array_get_length (filters); f++)
        {
          Filter *filter = NULL;

          if (!parse_filter (type, json_array_get_element (filters, f), &filter, error))
            return FALSE;
          g_ptr_array_add (group->filters, filter);
          n_filters++;
        }
    }
  if (n_filters > SEARCH_GROUPS_MAX * SEARCH_FILTERS_MAX)
    {
      *error = g_strdup ("too many filters");
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_matches (GPtrArray     *groups,
                const SimMeta *meta,
                GString       *scratch)
{
  if (groups->len == 0)
    return TRUE;
  for (guint g = 0; g < groups->len; g++)
    {
      FilterGroup *group = g_ptr_array_index (groups, g);
      gboolean all = TRUE;

      for (guint f = 0; f < group->filters->len && all; f++)
        all = filter_matches (g_ptr_array_index (group->filters, f), meta, scratch);
      if (all)
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_search_int (JsonObject  *body,
                  const char  *name,
                  gint64       fallback,
                  gint64      *value)
{
  JsonNode *node = json_object_get_member (body, name);
  g_autofree char *text = NULL;
  char *end = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = fallback;
      return TRUE;
    }
  text = node_text (node);
  if (text == NULL || *text == '\0')
    {
      *value = fallback;
      return text != NULL;
    }
  *value = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' && *value >= 0;
}

/* POST /crm/v3/objects/{type}/search */
static void
handle_search (Request          *req,
               const ObjectType *type)
{
  SimBook *book = req->hubspot->book;
  g_autoptr(GBytes) request_body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (SortItem));
  g_autoptr(GStringChunk) texts = NULL;
  g_autofree char *error = NULL;
  const Property *sort_property = NULL;
  SortSpec spec = { FALSE, FALSE };
  JsonObject *body;
  JsonNode *properties;
  Selection selection;
  gint64 limit, after;
  guint n_records = sim_book_get_n_records (book, type->kind);
  gsize size = 0;
  const char *data = g_bytes_get_data (request_body, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fail_validation (req, "Invalid input JSON: the body must be a JSON object");
  body = json_node_get_object (json_parser_get_root (parser));

  if (!parse_search_int (body, "limit", SEARCH_LIMIT_DEFAULT, &limit))
    return fail_validation (req, "limit must be a non-negative integer");
  if (limit > SEARCH_LIMIT_MAX)
    return fail_validation (req, "There was a problem with the request. limit must be at most 200");
  if (!parse_search_int (body, "after", 0, &after))
    return fail_validation (req, "after must be a non-negative integer offset");
  if (after + limit > SEARCH_RESULTS_MAX)
    return fail_validation (req, "There was a problem with the request. Search can page through at most 10000 results");
  if (!parse_groups (type, body, groups, &error) || !parse_sort (type, body, &sort_property, &spec, &error))
    return fail_validation (req, error);

  properties = json_object_get_member (body, "properties");
  if (properties != NULL && JSON_NODE_HOLDS_ARRAY (properties))
    {
      JsonArray *array = json_node_get_array (properties);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *name = NULL;

          if (string_node (json_array_get_element (array, i), &name))
            g_ptr_array_add (names, g_strdup (name));
        }
    }
  select_properties (type, names, &selection);

  if (sort_property != NULL && !spec.is_numeric)
    texts = g_string_chunk_new (4096);
  for (guint i = 0; i < n_records; i++)
    {
      SimMeta *meta = sim_book_get_record (book, type->kind, i);
      SortItem item = { i, FALSE, 0, NULL };

      if (meta->archived_ms != 0 || !record_matches (groups, meta, req->scratch))
        continue;
      if (sort_property != NULL && spec.is_numeric)
        item.has_value = record_number (sort_property, meta, req->scratch, &item.number);
      else if (sort_property != NULL)
        {
          g_string_truncate (req->scratch, 0);
          item.has_value = sort_property->get (meta, req->scratch);
          item.text = g_string_chunk_insert_len (texts, req->scratch->str, (gssize) req->scratch->len);
        }
      g_array_append_val (matches, item);
    }
  if (sort_property != NULL)
    g_array_sort_with_data (matches, compare_items, &spec);

  g_string_append_printf (req->body, "{\"total\":%u,\"results\":[", matches->len);
  for (guint k = 0; k < (guint) limit && after + k < matches->len; k++)
    {
      if (k > 0)
        g_string_append_c (req->body, ',');
      write_record (req, type, g_array_index (matches, SortItem, after + k).index, &selection, NULL, k);
    }
  if (req->fault.kind == SIM_FAULT_DUPLICATE_ID && after < matches->len && limit > 0)
    {
      g_string_append_c (req->body, ',');
      write_record (req, type, g_array_index (matches, SortItem, after).index, &selection, NULL, (guint) limit);
    }
  g_string_append_c (req->body, ']');
  if (req->fault.kind == SIM_FAULT_LOOP)
    g_string_append_printf (req->body, ",\"paging\":{\"next\":{\"after\":\"%" G_GINT64_FORMAT "\"}}", after);
  else if (after + limit < matches->len && limit > 0)
    g_string_append_printf (req->body, ",\"paging\":{\"next\":{\"after\":\"%" G_GINT64_FORMAT "\"}}", after + limit);
  g_string_append_c (req->body, '}');
}

/* POST /crm/v4/associations/{from}/{to}/batch/read */
static void
handle_batch_read (Request          *req,
                   const ObjectType *from,
                   const ObjectType *to)
{
  SimBook *book = req->hubspot->book;
  g_autoptr(GBytes) request_body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) results = g_string_new (NULL);
  g_autoptr(GString) errors = g_string_new (NULL);
  gint64 started_ms = g_get_real_time () / 1000;
  JsonNode *inputs_node = NULL;
  JsonArray *inputs;
  guint n_errors = 0;
  int to_type_id;
  gsize size = 0;
  const char *data = g_bytes_get_data (request_body, &size);

  if (size > 0 && json_parser_load_from_data (parser, data, (gssize) size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    inputs_node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "inputs");
  if (inputs_node == NULL || !JSON_NODE_HOLDS_ARRAY (inputs_node))
    return fail_validation (req, "Invalid input JSON: expected {\"inputs\": [{\"id\": ...}]}");
  inputs = json_node_get_array (inputs_node);
  if (json_array_get_length (inputs) > BATCH_INPUTS_MAX)
    return fail_validation (req, "Batch input limit is 1000");

  to_type_id = from->kind == SIM_KIND_COMPANY ? to->from_company_type_id : from->to_company_type_id;

  for (guint i = 0; i < json_array_get_length (inputs); i++)
    {
      JsonNode *input = json_array_get_element (inputs, i);
      g_autofree char *id_text = NULL;
      guint64 id = 0;
      guint index = 0;
      gboolean any = FALSE;
      gboolean is_known;

      if (JSON_NODE_HOLDS_OBJECT (input))
        id_text = node_text (json_object_get_member (json_node_get_object (input), "id"));
      if (id_text == NULL)
        return fail_validation (req, "each input needs an id");

      is_known = parse_u64 (id_text, &id) && sim_book_find (book, from->kind, id, &index) &&
                 sim_book_get_record (book, from->kind, index)->archived_ms == 0;
      if (is_known && from->kind != SIM_KIND_COMPANY && to->kind == SIM_KIND_COMPANY)
        {
          guint64 company_id = sim_book_get_company_id (book, from->kind, index);

          if (company_id != 0)
            {
              g_string_append_printf (results, "%s{\"from\":{\"id\":\"%" G_GUINT64_FORMAT "\"},\"to\":[{\"toObjectId\":%"
                                      G_GUINT64_FORMAT ",\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\","
                                      "\"typeId\":%d,\"label\":null}]}]}",
                                      results->len > 0 ? "," : "", id, company_id, to_type_id);
              any = TRUE;
            }
        }
      else if (is_known && from->kind == SIM_KIND_COMPANY && to->kind != SIM_KIND_COMPANY)
        {
          guint n = 0;
          const guint *children = sim_book_get_children (book, to->kind, index, &n);

          for (guint c = 0; c < n; c++)
            {
              SimMeta *child = sim_book_get_record (book, to->kind, children[c]);

              if (child->archived_ms != 0)
                continue;
              if (!any)
                g_string_append_printf (results, "%s{\"from\":{\"id\":\"%" G_GUINT64_FORMAT "\"},\"to\":[",
                                        results->len > 0 ? "," : "", id);
              g_string_append_printf (results, "%s{\"toObjectId\":%" G_GUINT64_FORMAT ",\"associationTypes\":"
                                      "[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":%d,\"label\":null}]}",
                                      any ? "," : "", child->id, to_type_id);
              any = TRUE;
            }
          if (any)
            g_string_append (results, "]}");
        }

      if (!any)
        {
          g_autofree char *message = g_strdup_printf ("No %s is associated with %s %s.", to->singular,
                                                      from->singular, id_text);

          g_string_append (errors, n_errors > 0 ? "," : "");
          g_string_append (errors, "{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\","
                                   "\"subCategory\":\"crm.associations.NO_ASSOCIATIONS_FOUND\","
                                   "\"context\":{\"fromObjectId\":[");
          sim_json_append_string (errors, id_text);
          g_string_append (errors, "]},\"links\":{},\"message\":");
          sim_json_append_string (errors, message);
          g_string_append (errors, ",\"errors\":[]}");
          n_errors++;
        }
    }

  g_string_append_printf (req->body, "{\"status\":\"COMPLETE\",\"results\":[%s]", results->str);
  if (n_errors > 0)
    g_string_append_printf (req->body, ",\"numErrors\":%u,\"errors\":[%s]", n_errors, errors->str);
  g_string_append (req->body, ",\"startedAt\":\"");
  append_iso (req->body, started_ms);
  g_string_append (req->body, "\",\"completedAt\":\"");
  append_iso (req->body, g_get_real_time () / 1000);
  g_string_append (req->body, "\"}");
  req->status = n_errors > 0 ? SOUP_STATUS_MULTI_STATUS : SOUP_STATUS_OK;
}

/* Owners. */

static void
write_owner (GString        *out,
             const SimOwner *owner)
{
  g_string_append_printf (out, "{\"id\":\"%" G_GUINT64_FORMAT "\",\"email\":", owner->id);
  sim_json_append_string (out, owner->email);
  g_string_append (out, ",\"type\":\"PERSON\",\"firstName\":");
  sim_json_append_string (out, owner->first_name);
  g_string_append (out, ",\"lastName\":");
  sim_json_append_string (out, owner->last_name);
  g_string_append_printf (out, ",\"userId\":%" G_GUINT64_FORMAT ",\"userIdIncludingInactive\":%" G_GUINT64_FORMAT
                          ",\"createdAt\":\"", owner->user_id, owner->user_id);
  append_iso (out, owner->created_ms);
  g_string_append (out, "\",\"updatedAt\":\"");
  append_iso (out, owner->modified_ms);
  g_string_append_printf (out, "\",\"archived\":%s,\"teams\":[{\"id\":\"%s\",\"name\":\"%s\",\"primary\":true}]}",
                          owner->is_archived ? "true" : "false",
                          owner->team == SIM_TEAM_SALES ? "5002" : "5001",
                          owner->team == SIM_TEAM_SALES ? "Sales" : "Customer Success");
}

/* GET /crm/v3/owners and /crm/v3/owners/{id} */
static void
handle_owners (Request    *req,
               const char *id_text)
{
  SimBook *book = req->hubspot->book;
  const char *after = query_get (req, "after");
  const char *email = query_get (req, "email");
  guint n = sim_book_get_n_owners (book);
  gboolean want_archived;
  guint64 after_id = 0;
  guint written = 0, i;
  int limit;

  if (!parse_archived (req, &want_archived))
    return fail_validation (req, "archived must be true or false");

  if (id_text != NULL)
    {
      guint64 id;

      for (i = 0; parse_u64 (id_text, &id) && i < n; i++)
        {
          const SimOwner *owner = sim_book_get_owner (book, i);

          if (owner->id == id && owner->is_archived == want_archived)
            {
              write_owner (req->body, owner);
              return;
            }
        }
      return fail (req, SOUP_STATUS_NOT_FOUND, "OBJECT_NOT_FOUND", "Owner not found.");
    }

  if (!parse_limit (query_get (req, "limit"), OWNERS_LIMIT_DEFAULT, &limit))
    return fail_validation (req, "limit must be a positive integer");
  if (limit > OWNERS_LIMIT_MAX)
    return fail_validation (req, "limit must be at most 500");
  if (after != NULL && *after != '\0' && !decode_cursor (after, &after_id))
    return fail_validation (req, "after is not a valid paging cursor");

  g_string_append (req->body, "{\"results\":[");
  for (i = 0; i < n; i++)
    {
      const SimOwner *owner = sim_book_get_owner (book, i);

      if (owner->id < after_id || owner->is_archived != want_archived ||
          (email != NULL && g_ascii_strcasecmp (email, owner->email) != 0))
        continue;
      if (written == (guint) limit)
        break;
      if (written++ > 0)
        g_string_append_c (req->body, ',');
      write_owner (req->body, owner);
    }
  g_string_append_c (req->body, ']');
  if (i < n)
    {
      g_autofree char *cursor = encode_cursor (sim_book_get_owner (book, i)->id);
      g_autofree char *link = next_link (req, cursor);

      g_string_append (req->body, ",\"paging\":{\"next\":{\"after\":");
      sim_json_append_string (req->body, cursor);
      g_string_append (req->body, ",\"link\":");
      sim_json_append_string (req->body, link);
      g_string_append (req->body, "}}");
    }
  g_string_append_c (req->body, '}');
}

/* Routing. */

typedef enum {
  ROUTE_UNKNOWN,
  ROUTE_LIST,
  ROUTE_GET,
  ROUTE_SEARCH,
  ROUTE_BATCH_READ,
  ROUTE_OWNERS,
  ROUTE_OWNER,
} RouteKind;

typedef struct {
  RouteKind         kind;
  const char       *method;    /* the method the route answers */
  const ObjectType *type;
  const ObjectType *to;
  const char       *id;
  char             *key;       /* for the statistics */
} Route;

static Route
classify (char **segments)
{
  guint n = g_strv_length (segments);
  Route route = { ROUTE_UNKNOWN, NULL, NULL, NULL, NULL, NULL };

  while (n > 0 && segments[n - 1][0] == '\0')
    n--;
  if (n < 3 || strcmp (segments[0], "crm") != 0)
    goto unknown;

  if (strcmp (segments[1], "v3") == 0 && strcmp (segments[2], "objects") == 0 && n >= 4 && n <= 5)
    {
      route.type = find_type (segments[3]);
      if (route.type == NULL)
        goto unknown;
      if (n == 4)
        {
          route.kind = ROUTE_LIST;
          route.method = SOUP_METHOD_GET;
          route.key = g_strdup_printf ("GET /crm/v3/objects/%s", route.type->name);
        }
      else if (strcmp (segments[4], "search") == 0)
        {
          route.kind = ROUTE_SEARCH;
          route.method = SOUP_METHOD_POST;
          route.key = g_strdup_printf ("POST /crm/v3/objects/%s/search", route.type->name);
        }
      else
        {
          route.kind = ROUTE_GET;
          route.method = SOUP_METHOD_GET;
          route.id = segments[4];
          route.key = g_strdup_printf ("GET /crm/v3/objects/%s/{id}", route.type->name);
        }
      return route;
    }

  if (strcmp (segments[1], "v4") == 0 && strcmp (segments[2], "associations") == 0 && n == 7 &&
      strcmp (segments[5], "batch") == 0 && strcmp (segments[6], "read") == 0)
    {
      route.type = find_type (segments[3]);
      route.to = find_type (segments[4]);
      if (route.type == NULL || route.to == NULL)
        goto unknown;
      route.kind = ROUTE_BATCH_READ;
      route.method = SOUP_METHOD_POST;
      route.key = g_strdup_printf ("POST /crm/v4/associations/%s/%s/batch/read", route.type->name, route.to->name);
      return route;
    }

  if (strcmp (segments[1], "v3") == 0 && strcmp (segments[2], "owners") == 0 && n <= 4)
    {
      route.kind = n == 3 ? ROUTE_OWNERS : ROUTE_OWNER;
      route.method = SOUP_METHOD_GET;
      route.id = n == 4 ? segments[3] : NULL;
      route.key = g_strdup (n == 3 ? "GET /crm/v3/owners" : "GET /crm/v3/owners/{id}");
      return route;
    }

unknown:
  route.kind = ROUTE_UNKNOWN;
  route.key = g_strdup ("unknown");
  return route;
}

static void
send_status_fault (Request     *req,
                   SimFaultHit  hit)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  g_string_free (req->body, TRUE);
  switch (hit.kind)
    {
    case SIM_FAULT_429:
      req->status = 429 /* Too Many Requests */;
      req->body = error_body ("RATE_LIMITS", "You have reached your secondly limit.",
                              ",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\"");
      soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Remaining", "0");
      if (hit.retry_after >= 0)
        {
          char value[16];

          g_snprintf (value, sizeof value, "%d", hit.retry_after);
          soup_message_headers_replace (headers, "Retry-After", value);
        }
      req->hubspot->n_rate_limited++;
      break;
    case SIM_FAULT_SF_LIMIT:
      req->status = 429 /* Too Many Requests */;
      req->body = error_body ("RATE_LIMITS", "You have reached your daily limit.",
                              ",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"");
      soup_message_headers_replace (headers, "X-HubSpot-RateLimit-Daily-Remaining", "0");
      req->hubspot->n_rate_limited++;
      break;
    case SIM_FAULT_500:
      req->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      req->body = error_body ("INTERNAL_ERROR", "internal error", NULL);
      break;
    case SIM_FAULT_502:
      req->status = SOUP_STATUS_BAD_GATEWAY;
      req->body = error_body ("BAD_GATEWAY", "Bad gateway", NULL);
      break;
    case SIM_FAULT_503:
    default:
      req->status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      req->body = error_body ("SERVICE_UNAVAILABLE", "Service temporarily unavailable", NULL);
      break;
    }
}

static void
count_request (SimHubspot *hubspot,
               char       *key)
{
  gpointer count = g_hash_table_lookup (hubspot->requests, key);

  g_hash_table_replace (hubspot->requests, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  hubspot->n_requests++;
}

gboolean
sim_hubspot_handle (SimHubspot        *hubspot,
                    SoupServerMessage *msg,
                    const char        *path)
{
  g_auto(GStrv) segments = NULL;
  g_autoptr(GHashTable) query = NULL;
  Request req = { 0 };
  Route route;
  gboolean is_record_route;

  if (!g_str_has_prefix (path, "/crm/"))
    return FALSE;

  segments = g_strsplit (path + 1, "/", -1);
  route = classify (segments);
  count_request (hubspot, route.key);
  query = parse_query (g_uri_get_query (soup_server_message_get_uri (msg)));

  req.hubspot = hubspot;
  req.msg = msg;
  req.path = path;
  req.query = query;
  req.status = SOUP_STATUS_OK;
  req.body = g_string_sized_new (4096);
  req.scratch = g_string_sized_new (256);

  add_rate_limit_headers (hubspot, msg, FALSE);
  if (!is_authorized (hubspot, msg))
    {
      fail (&req, SOUP_STATUS_UNAUTHORIZED, "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you "
            "can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
      goto respond;
    }

  if (route.kind == ROUTE_UNKNOWN)
    {
      fail (&req, SOUP_STATUS_NOT_FOUND, "OBJECT_NOT_FOUND", "Resource not found");
      goto respond;
    }
  if (strcmp (soup_server_message_get_method (msg), route.method) != 0)
    {
      fail (&req, SOUP_STATUS_METHOD_NOT_ALLOWED, "VALIDATION_ERROR", "Method not allowed for this resource");
      goto respond;
    }

  is_record_route = route.kind == ROUTE_LIST || route.kind == ROUTE_GET || route.kind == ROUTE_SEARCH;
  req.fault = sim_faults_take (hubspot->faults, path, is_record_route);
  if (sim_fault_kind_is_status (req.fault.kind))
    {
      send_status_fault (&req, req.fault);
      goto respond;
    }

  switch (route.kind)
    {
    case ROUTE_LIST:
      handle_list (&req, route.type);
      break;
    case ROUTE_GET:
      handle_get (&req, route.type, route.id);
      break;
    case ROUTE_SEARCH:
      handle_search (&req, route.type);
      break;
    case ROUTE_BATCH_READ:
      handle_batch_read (&req, route.type, route.to);
      break;
    case ROUTE_OWNERS:
    case ROUTE_OWNER:
      handle_owners (&req, route.id);
      break;
    case ROUTE_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

respond:
  g_string_free (req.scratch, TRUE);
  sim_faults_respond (hubspot->faults, msg, req.fault.kind, req.status, JSON_CONTENT_TYPE, req.body);
  return TRUE;
}

SimHubspot *
sim_hubspot_new (SimBook    *book,
                 SimFaults  *faults,
                 const char *token)
{
  SimHubspot *hubspot = g_new0 (SimHubspot, 1);

  hubspot->book = book;
  hubspot->faults = faults;
  hubspot->token = g_strdup (token);
  hubspot->base_url = g_strdup ("");
  hubspot->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return hubspot;
}

void
sim_hubspot_free (SimHubspot *hubspot)
{
  if (hubspot == NULL)
    return;
  g_hash_table_unref (hubspot->requests);
  g_free (hubspot->token);
  g_free (hubspot->base_url);
  g_free (hubspot->huge_string);
  g_free (hubspot);
}

void
sim_hubspot_set_base_url (SimHubspot *hubspot,
                          const char *base_url)
{
  g_free (hubspot->base_url);
  hubspot->base_url = g_strdup (base_url);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Appends "requests": {...}, "requests_total": N, "rate_limited": N. */
void
sim_hubspot_append_stats (SimHubspot *hubspot,
                          GString    *json)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (hubspot->requests, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  g_string_append (json, "\"requests\":{");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      sim_json_append_member (json, keys[i]);
      g_string_append_printf (json, "%u", GPOINTER_TO_UINT (g_hash_table_lookup (hubspot->requests, keys[i])));
    }
  g_string_append_printf (json, "},\"requests_total\":%" G_GUINT64_FORMAT ",\"rate_limited\":%u",
                          hubspot->n_requests, hubspot->n_rate_limited);
}
