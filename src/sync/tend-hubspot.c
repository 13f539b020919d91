// TendHubspot: the HubSpot CRM v3 connector (crm-api/README.md).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>
#include <string.h>

#include "tend-day.h"
#include "tend-error.h"
#include "tend-hubspot.h"
#include "tend-money.h"

#define LIST_LIMIT      100
#define SEARCH_LIMIT    200
#define SEARCH_CAP      10000
#define MAX_STRING      (64 * 1024)
#define MODIFIED        "hs_lastmodifieddate"

struct _TendHubspot
{
  GObject      parent_instance;

  TendHttp    *http;
  TendMapping *mapping;
};

static void tend_hubspot_connector_init (TendConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendHubspot, tend_hubspot, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_CONNECTOR, tend_hubspot_connector_init))

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

/* A value as it may appear in a reason: short and printable. */
static char *
quote_value (const char *value)
{
  g_autofree char *valid = NULL;
  GString *out = g_string_new (NULL);
  guint n = 0;

  /* json-glib turns a malformed \u escape (a lone surrogate) into bytes
   * that are not UTF-8: a reason is shown and stored, so repair them. */
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

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

/* Valid UTF-8 (invalid bytes become U+FFFD) without control characters;
 * keep_lines keeps tabs and newlines (free text). */
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

/* A string property: NULL when absent, null or empty after trimming. */
static const char *
prop_string (JsonObject *props,
             const char *name,
             Check      *check)
{
  JsonNode *node;
  const char *value;

  if (props == NULL || !json_object_has_member (props, name))
    return NULL;
  node = json_object_get_member (props, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      check_fail (check, "%s is not a string value", name);
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

  if (value == NULL)
    {
      json_object_set_null_member (fields, column);
      return;
    }
  clean = g_strstrip (clean_text (value, keep_lines));
  if (*clean == '\0')
    json_object_set_null_member (fields, column);
  else
    json_object_set_string_member (fields, column, clean);
}

static void
map_text (TendHubspot *self,
          JsonObject  *props,
          JsonObject  *fields,
          const char  *field,
          const char  *column,
          Check       *check)
{
  set_text (fields, column, prop_string (props, tend_mapping_get (self->mapping, field), check), FALSE);
}

static void
map_money (TendHubspot *self,
           JsonObject  *props,
           JsonObject  *fields,
           const char  *field,
           const char  *column,
           Check       *check)
{
  const char *name = tend_mapping_get (self->mapping, field);
  const char *value = prop_string (props, name, check);
  gint64 cents;

  if (value == NULL || !tend_money_parse (value, FALSE, &cents, NULL))
    {
      if (value != NULL)
        {
          g_autofree char *q = quote_value (value);
          check_fail (check, "%s “%s” is not a decimal amount", name, q);
        }
      json_object_set_null_member (fields, column);
      return;
    }
  json_object_set_int_member (fields, column, cents);
}

static void
map_count (TendHubspot *self,
           JsonObject  *props,
           JsonObject  *fields,
           const char  *field,
           const char  *column,
           Check       *check)
{
  const char *name = tend_mapping_get (self->mapping, field);
  const char *value = prop_string (props, name, check);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &n, NULL))
    {
      if (value != NULL)
        {
          g_autofree char *q = quote_value (value);
          check_fail (check, "%s “%s” is not a whole number", name, q);
        }
      json_object_set_null_member (fields, column);
      return;
    }
  json_object_set_int_member (fields, column, (gint64) n);
}

/* A date property: 'YYYY-MM-DD', or epoch ms / a datetime (UTC day). */
static void
map_day (TendHubspot *self,
         JsonObject  *props,
         JsonObject  *fields,
         const char  *field,
         const char  *column,
         Check       *check)
{
  const char *name = tend_mapping_get (self->mapping, field);
  const char *value = prop_string (props, name, check);
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

/* A datetime property (ISO 8601 or epoch ms) as the normalised instant. */
static gboolean
parse_instant (const char *name,
               const char *value,
               char      **out_iso,
               gint64     *out_ms,
               Check      *check)
{
  gint64 ms;

  if (value == NULL)
    return FALSE;
  if (!tend_day_parse_datetime (value, NULL, &ms, NULL))
    {
      g_autofree char *q = quote_value (value);
      check_fail (check, "%s “%s” is not a date and time", name, q);
      return FALSE;
    }
  if (out_iso != NULL)
    *out_iso = tend_unix_ms_to_iso (ms);
  if (out_ms != NULL)
    *out_ms = ms;
  return TRUE;
}

static void
map_instant (TendHubspot *self,
             JsonObject  *props,
             JsonObject  *fields,
             const char  *field,
             const char  *column,
             Check       *check)
{
  const char *name = tend_mapping_get (self->mapping, field);
  g_autofree char *iso = NULL;

  if (parse_instant (name, prop_string (props, name, check), &iso, NULL, check))
    json_object_set_string_member (fields, column, iso);
  else
    json_object_set_null_member (fields, column);
}

static gboolean
map_bool (TendHubspot *self,
          JsonObject  *props,
          const char  *field,
          Check       *check)
{
  const char *name = tend_mapping_get (self->mapping, field);
  const char *value = prop_string (props, name, check);

  if (value == NULL || strcmp (value, "false") == 0)
    return FALSE;
  if (strcmp (value, "true") == 0)
    return TRUE;
  {
    g_autofree char *q = quote_value (value);
    check_fail (check, "%s “%s” is not true or false", name, q);
  }
  return FALSE;
}

static void
map_currency (TendHubspot *self,
              JsonObject  *props,
              JsonObject  *fields,
              const char  *field,
              Check       *check)
{
  const char *name = tend_mapping_get (self->mapping, field);
  const char *value = prop_string (props, name, check);
  g_autofree char *upper = NULL;

  if (value == NULL)
    {
      /* The portal's currency, which Tend assumes is USD. */
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

/* The id of an association or owner reference: a string or a number. */
static char *
node_to_id (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      return *text && strlen (text) <= 64 ? clean_text (text, FALSE) : NULL;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* The first company of a v3 record's associations, or NULL. */
static char *
first_company (JsonObject *object)
{
  JsonObject *assoc, *companies;
  JsonArray *results;
  JsonNode *node;

  node = json_object_get_member (object, "associations");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  assoc = json_node_get_object (node);
  node = json_object_get_member (assoc, "companies");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  companies = json_node_get_object (node);
  node = json_object_get_member (companies, "results");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  results = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          char *id = node_to_id (json_object_get_member (json_node_get_object (element), "id"));
          if (id != NULL)
            return id;
        }
    }
  return NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
parse_account (TendHubspot *self,
               const char  *id,
               JsonObject  *props,
               JsonObject  *fields,
               Check       *check)
{
  const char *name = prop_string (props, tend_mapping_get (self->mapping, "account.name"), check);
  const char *domain = prop_string (props, tend_mapping_get (self->mapping, "account.domain"), check);
  const char *stage_name = tend_mapping_get (self->mapping, "account.stage_override");
  const char *stage = prop_string (props, stage_name, check);
  g_autofree char *fallback = NULL;

  if (name == NULL)
    name = domain ? domain : (fallback = g_strdup_printf ("Company %s", id));
  set_text (fields, "name", name, FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "name")))
    {
      g_autofree char *named = g_strdup_printf ("Company %s", id);
      json_object_set_string_member (fields, "name", named);
    }
  set_text (fields, "domain", domain, FALSE);
  map_text (self, props, fields, "account.owner", "owner_id", check);
  map_text (self, props, fields, "account.exec_owner", "exec_owner_id", check);
  map_text (self, props, fields, "account.segment", "segment", check);
  map_text (self, props, fields, "account.region", "region", check);
  map_text (self, props, fields, "account.business_unit", "business_unit", check);
  map_text (self, props, fields, "account.product_line", "product_line", check);
  map_money (self, props, fields, "account.arr", "arr", check);
  map_money (self, props, fields, "account.arr_prior_year", "arr_prior_year", check);
  map_currency (self, props, fields, "account.currency", check);
  map_day (self, props, fields, "account.contract_start", "contract_start", check);
  map_day (self, props, fields, "account.contract_end", "contract_end", check);
  map_count (self, props, fields, "account.licensed_seats", "licensed_seats", check);
  map_count (self, props, fields, "account.active_users_30d", "active_users_30d", check);
  map_day (self, props, fields, "account.last_activity", "last_activity", check);
  map_money (self, props, fields, "account.overdue_amount", "overdue_amount", check);
  map_day (self, props, fields, "account.churn_date", "churn_date", check);

  if (stage == NULL)
    json_object_set_null_member (fields, "stage_override");
  else
    {
      static const char * const stages[] = { "onboarding", "adoption", "expansion", "renewal" };
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
        if (g_ascii_strcasecmp (stage, stages[i]) == 0)
          {
            json_object_set_string_member (fields, "stage_override", stages[i]);
            known = TRUE;
          }
      if (!known)
        {
          g_autofree char *q = quote_value (stage);
          check_fail (check, "%s “%s” is not onboarding, adoption, expansion or renewal", stage_name, q);
        }
    }
}

static void
parse_deal (TendHubspot *self,
            JsonObject  *props,
            JsonObject  *fields,
            Check       *check)
{
  const char *category_name = tend_mapping_get (self->mapping, "deal.category");
  const char *category = prop_string (props, category_name, check);
  const char *legacy = prop_string (props, tend_mapping_get (self->mapping, "deal.legacy_type"), check);
  gboolean is_won = map_bool (self, props, "deal.is_won", check);
  gboolean is_closed = map_bool (self, props, "deal.is_closed", check);

  set_text (fields, "name", prop_string (props, tend_mapping_get (self->mapping, "deal.name"), check), FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "name")))
    json_object_set_string_member (fields, "name", "");
  map_money (self, props, fields, "deal.amount", "amount", check);
  map_currency (self, props, fields, "deal.currency", check);
  map_text (self, props, fields, "deal.stage", "stage", check);
  map_instant (self, props, fields, "deal.close_date", "close_date", check);
  map_text (self, props, fields, "deal.owner", "owner_id", check);
  json_object_set_string_member (fields, "status", is_won ? "won" : is_closed ? "lost" : "open");

  if (category != NULL)
    {
      static const char * const categories[] = { "new", "renewal", "expansion" };
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
        if (g_ascii_strcasecmp (category, categories[i]) == 0)
          {
            json_object_set_string_member (fields, "category", categories[i]);
            known = TRUE;
          }
      if (!known)
        {
          g_autofree char *q = quote_value (category);
          check_fail (check, "%s “%s” is not new, renewal or expansion", category_name, q);
        }
    }
  else if (legacy != NULL && g_ascii_strcasecmp (legacy, "newbusiness") == 0)
    json_object_set_string_member (fields, "category", "new");
  else if (legacy != NULL && g_ascii_strcasecmp (legacy, "existingbusiness") == 0)
    json_object_set_string_member (fields, "category", "renewal");
  else
    json_object_set_null_member (fields, "category");
}

static void
parse_ticket (TendHubspot *self,
              JsonObject  *object,
              JsonObject  *props,
              JsonObject  *fields,
              Check       *check)
{
  const char *priority_name = tend_mapping_get (self->mapping, "ticket.priority");
  const char *priority = prop_string (props, priority_name, check);
  const char *created_name = tend_mapping_get (self->mapping, "ticket.created_at");
  const char *created = prop_string (props, created_name, check);
  g_autofree char *created_iso = NULL;

  set_text (fields, "subject", prop_string (props, tend_mapping_get (self->mapping, "ticket.subject"), check), FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "subject")))
    json_object_set_string_member (fields, "subject", "");

  /* A ticket without a priority counts as low: the column needs one and
   * "low" is the weakest claim. */
  if (priority == NULL)
    json_object_set_string_member (fields, "priority", "low");
  else
    {
      static const char * const priorities[] = { "low", "medium", "high", "urgent" };
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
        if (g_ascii_strcasecmp (priority, priorities[i]) == 0)
          {
            json_object_set_string_member (fields, "priority", priorities[i]);
            known = TRUE;
          }
      if (!known)
        {
          g_autofree char *q = quote_value (priority);
          check_fail (check, "%s “%s” is not LOW, MEDIUM, HIGH or URGENT", priority_name, q);
        }
    }

  if (created == NULL)
    {
      created_name = "createdAt";
      created = string_member (object, "createdAt");
    }
  if (created == NULL)
    check_fail (check, "the ticket has no creation time (%s)", tend_mapping_get (self->mapping, "ticket.created_at"));
  else if (parse_instant (created_name, created, &created_iso, NULL, check))
    json_object_set_string_member (fields, "created_at", created_iso);
  map_instant (self, props, fields, "ticket.closed_at", "closed_at", check);
}

static void
parse_survey (TendHubspot *self,
              JsonObject  *object,
              JsonObject  *props,
              JsonObject  *fields,
              Check       *check)
{
  const char *type_name = tend_mapping_get (self->mapping, "survey.type");
  const char *type = prop_string (props, type_name, check);
  const char *value_name = tend_mapping_get (self->mapping, "survey.value");
  const char *value = prop_string (props, value_name, check);
  const char *submitted_name = tend_mapping_get (self->mapping, "survey.submitted_at");
  const char *submitted = prop_string (props, submitted_name, check);
  g_autofree char *submitted_iso = NULL;
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
  else
    {
      char *end = NULL;
      double number = g_ascii_strtod (value, &end);

      if (end == value || *end != '\0' || !isfinite (number) || strpbrk (value, "xXnN") != NULL)
        {
          g_autofree char *q = quote_value (value);
          check_fail (check, "%s “%s” is not a number", value_name, q);
        }
      else if (type != NULL && (number < low || number > high))
        {
          g_autofree char *q = quote_value (value);
          check_fail (check, "%s “%s” is outside %s's range %g–%g", value_name, q, type, low, high);
        }
      else
        json_object_set_double_member (fields, "value", number);
    }

  set_text (fields, "verbatim", prop_string (props, tend_mapping_get (self->mapping, "survey.verbatim"), check), TRUE);
  map_text (self, props, fields, "survey.respondent", "respondent", check);

  if (submitted == NULL)
    {
      submitted_name = "createdAt";
      submitted = string_member (object, "createdAt");
    }
  if (submitted == NULL)
    check_fail (check, "the response has no submission time (%s)", tend_mapping_get (self->mapping, "survey.submitted_at"));
  else if (parse_instant (submitted_name, submitted, &submitted_iso, NULL, check))
    json_object_set_string_member (fields, "submitted_at", submitted_iso);
}

static void
parse_owner (JsonObject *object,
             JsonObject *fields,
             Check      *check)
{
  const char *first = string_member (object, "firstName");
  const char *last = string_member (object, "lastName");
  const char *email = string_member (object, "email");
  const char *team = NULL;
  g_autofree char *name = NULL;
  JsonNode *teams = json_object_get_member (object, "teams");

  name = g_strstrip (g_strjoin (" ", first ? first : "", last ? last : "", NULL));
  if (*name == '\0' && email != NULL)
    {
      g_free (name);
      name = g_strdup (email);
    }
  if (strlen (name) > MAX_STRING || (email && strlen (email) > MAX_STRING))
    {
      check_fail (check, "the owner's name or email is longer than 64 KiB");
      return;
    }
  set_text (fields, "name", name, FALSE);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (fields, "name")))
    json_object_set_string_member (fields, "name", "");
  set_text (fields, "email", email, FALSE);

  if (teams != NULL && JSON_NODE_HOLDS_ARRAY (teams))
    {
      JsonArray *array = json_node_get_array (teams);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *t;
          JsonNode *primary;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          t = json_node_get_object (element);
          primary = json_object_get_member (t, "primary");
          if (team == NULL || (primary != NULL && JSON_NODE_HOLDS_VALUE (primary) &&
                               json_node_get_value_type (primary) == G_TYPE_BOOLEAN &&
                               json_node_get_boolean (primary)))
            {
              team = string_member (t, "name");
              if (primary != NULL && JSON_NODE_HOLDS_VALUE (primary) &&
                  json_node_get_value_type (primary) == G_TYPE_BOOLEAN && json_node_get_boolean (primary))
                break;
            }
        }
    }
  set_text (fields, "team", team && strlen (team) <= MAX_STRING ? team : NULL, FALSE);
}

/* One element of "results": a TendRecord in page->records, or a reason in
 * page->skipped. companies (nullable) gives the association of records
 * that come without one (search results). */
static void
parse_record (TendHubspot    *self,
              TendObjectKind  kind,
              JsonNode       *node,
              GHashTable     *companies,
              TendPage       *page)
{
  g_autoptr(TendRecord) record = NULL;
  JsonObject *object, *props = NULL;
  JsonNode *id_node, *props_node;
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
  id_node = json_object_get_member (object, "id");
  if (id_node == NULL || JSON_NODE_HOLDS_NULL (id_node))
    {
      tend_page_add_skipped (page, NULL, "the record has no id");
      return;
    }
  if (JSON_NODE_HOLDS_VALUE (id_node) && json_node_get_value_type (id_node) == G_TYPE_INT64)
    {
      g_autofree char *number = node_to_id (id_node);
      tend_page_add_skipped (page, number, "the record's id is a number, not a string");
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_STRING ||
      *(id = json_node_get_string (id_node)) == '\0' || strlen (id) > 64 ||
      !g_utf8_validate (id, -1, NULL))
    {
      tend_page_add_skipped (page, NULL, "the record's id is not a short string");
      return;
    }
  for (const char *p = id; *p; p++)
    if (g_ascii_iscntrl (*p))
      {
        tend_page_add_skipped (page, NULL, "the record's id contains control characters");
        return;
      }

  record = tend_record_new (id);
  props_node = json_object_get_member (object, "properties");
  if (kind != TEND_OBJECT_OWNERS)
    {
      if (props_node == NULL || !JSON_NODE_HOLDS_OBJECT (props_node))
        {
          tend_page_add_skipped (page, id, "the record has no properties");
          return;
        }
      props = json_node_get_object (props_node);
    }

  switch (kind)
    {
    case TEND_OBJECT_OWNERS:
      parse_owner (object, record->fields, &check);
      break;
    case TEND_OBJECT_ACCOUNTS:
      parse_account (self, id, props, record->fields, &check);
      break;
    case TEND_OBJECT_DEALS:
      parse_deal (self, props, record->fields, &check);
      break;
    case TEND_OBJECT_TICKETS:
      parse_ticket (self, object, props, record->fields, &check);
      break;
    case TEND_OBJECT_SURVEYS:
      parse_survey (self, object, props, record->fields, &check);
      break;
    case TEND_N_OBJECTS:
    default:
      g_assert_not_reached ();
    }

  if (kind == TEND_OBJECT_DEALS || kind == TEND_OBJECT_TICKETS || kind == TEND_OBJECT_SURVEYS)
    {
      g_autofree char *company = NULL;

      if (companies != NULL)
        company = g_strdup (g_hash_table_lookup (companies, id));
      else
        company = first_company (object);
      if (company != NULL)
        json_object_set_string_member (record->fields, "account_id", company);
      else
        json_object_set_null_member (record->fields, "account_id");
    }

  /* The modification time: hs_lastmodifieddate, else updatedAt. */
  modified = props ? prop_string (props, MODIFIED, &check) : NULL;
  if (modified == NULL || !tend_day_parse_datetime (modified, NULL, &record->modified_ms, NULL))
    {
      modified = string_member (object, "updatedAt");
      if (modified == NULL || !tend_day_parse_datetime (modified, NULL, &record->modified_ms, NULL))
        record->modified_ms = 0;
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

static JsonArray *
get_results (JsonNode    *root,
             const char  *what,
             GError     **error)
{
  JsonNode *results;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (results = json_object_get_member (json_node_get_object (root), "results")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                   "The CRM's answer for %s has no list of results; check the base URL", what);
      return NULL;
    }
  return json_node_get_array (results);
}

/* paging.next.after, or NULL on the last page. */
static char *
get_next_after (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *paging = json_object_get_member (object, "paging");
  JsonNode *next;
  const char *after;

  if (paging == NULL || !JSON_NODE_HOLDS_OBJECT (paging))
    return NULL;
  next = json_object_get_member (json_node_get_object (paging), "next");
  if (next == NULL || !JSON_NODE_HOLDS_OBJECT (next))
    return NULL;
  after = string_member (json_node_get_object (next), "after");
  return after && *after ? g_strdup (after) : NULL;
}

static char *
join_properties (TendHubspot    *self,
                 TendObjectKind  kind)
{
  const char * const *properties = tend_mapping_get_properties (self->mapping, tend_object_kind_get_name (kind));

  return g_strjoinv (",", (GStrv) properties);
}

static TendPage *
tend_hubspot_list_page (TendConnector   *connector,
                        TendObjectKind   kind,
                        const char      *cursor,
                        GCancellable    *cancellable,
                        GError         **error)
{
  TendHubspot *self = TEND_HUBSPOT (connector);
  g_autoptr(TendPage) page = tend_page_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  JsonArray *results;

  if (kind == TEND_OBJECT_OWNERS)
    g_string_printf (path, "/crm/v3/owners?limit=%d&archived=false", LIST_LIMIT);
  else
    {
      g_autofree char *properties = join_properties (self, kind);

      g_string_printf (path, "/crm/v3/objects/%s?limit=%d&archived=false&properties=%s",
                       tend_object_kind_get_name (kind), LIST_LIMIT, properties);
      if (kind != TEND_OBJECT_ACCOUNTS)
        g_string_append (path, "&associations=companies");
    }
  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_string_append_printf (path, "&after=%s", escaped);
    }

  root = tend_http_request (self->http, "GET", path->str, NULL, NULL, cancellable, error);
  if (root == NULL || (results = get_results (root, tend_object_kind_get_name (kind), error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (results); i++)
    parse_record (self, kind, json_array_get_element (results, i), NULL, page);
  page->next_cursor = get_next_after (root);
  return g_steal_pointer (&page);
}

static TendPage *
tend_hubspot_deleted_page (TendConnector   *connector,
                           TendObjectKind   kind,
                           const char      *cursor,
                           GCancellable    *cancellable,
                           GError         **error)
{
  TendHubspot *self = TEND_HUBSPOT (connector);
  g_autoptr(TendPage) page = tend_page_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  JsonArray *results;

  g_return_val_if_fail (kind != TEND_OBJECT_OWNERS, NULL);

  g_string_printf (path, "/crm/v3/objects/%s?limit=%d&archived=true",
                   tend_object_kind_get_name (kind), LIST_LIMIT);
  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_string_append_printf (path, "&after=%s", escaped);
    }
  root = tend_http_request (self->http, "GET", path->str, NULL, NULL, cancellable, error);
  if (root == NULL || (results = get_results (root, tend_object_kind_get_name (kind), error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      g_autofree char *id = NULL;

      page->n_received++;
      if (JSON_NODE_HOLDS_OBJECT (element))
        id = node_to_id (json_object_get_member (json_node_get_object (element), "id"));
      if (id != NULL)
        g_ptr_array_add (page->deleted_ids, g_steal_pointer (&id));
    }
  page->next_cursor = get_next_after (root);
  return g_steal_pointer (&page);
}

/* The companies of a set of records: POST v4 associations batch read. Ids
 * without an association come back under errors (HTTP 207). */
static GHashTable *
fetch_companies (TendHubspot    *self,
                 TendObjectKind  kind,
                 JsonArray      *results,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GHashTable) companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  JsonArray *answers;
  guint n_inputs = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "inputs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (id = string_member (json_node_get_object (element), "id")) == NULL || *id == '\0')
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_end_object (builder);
      n_inputs++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n_inputs == 0)
    return g_steal_pointer (&companies);

  body = json_builder_get_root (builder);
  path = g_strdup_printf ("/crm/v4/associations/%s/companies/batch/read", tend_object_kind_get_name (kind));
  root = tend_http_request (self->http, "POST", path, body, NULL, cancellable, error);
  if (root == NULL || (answers = get_results (root, "associations", error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonNode *element = json_array_get_element (answers, i);
      JsonObject *answer, *from;
      JsonNode *from_node, *to_node;
      g_autofree char *from_id = NULL;
      JsonArray *to;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      answer = json_node_get_object (element);
      from_node = json_object_get_member (answer, "from");
      to_node = json_object_get_member (answer, "to");
      if (from_node == NULL || !JSON_NODE_HOLDS_OBJECT (from_node) ||
          to_node == NULL || !JSON_NODE_HOLDS_ARRAY (to_node))
        continue;
      from = json_node_get_object (from_node);
      from_id = node_to_id (json_object_get_member (from, "id"));
      to = json_node_get_array (to_node);
      if (from_id == NULL || g_hash_table_contains (companies, from_id))
        continue;
      for (guint j = 0; j < json_array_get_length (to); j++)
        {
          JsonNode *target = json_array_get_element (to, j);
          char *company;

          if (!JSON_NODE_HOLDS_OBJECT (target))
            continue;
          company = node_to_id (json_object_get_member (json_node_get_object (target), "toObjectId"));
          if (company != NULL)
            {
              g_hash_table_insert (companies, g_steal_pointer (&from_id), company);
              break;
            }
        }
    }
  return g_steal_pointer (&companies);
}

/* The changes cursor is "<since_ms>:<after>": the search restarts from the
 * last modification seen before it would pass HubSpot's 10,000 cap. */
static gboolean
parse_changes_cursor (const char *cursor,
                      gint64     *since_ms,
                      guint64    *after)
{
  g_auto(GStrv) parts = g_strsplit (cursor, ":", 2);

  return g_strv_length (parts) == 2 &&
         g_ascii_string_to_signed (parts[0], 10, 0, G_MAXINT64, since_ms, NULL) &&
         g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, after, NULL);
}

static TendPage *
tend_hubspot_changes_page (TendConnector   *connector,
                           TendObjectKind   kind,
                           gint64           since_ms,
                           const char      *cursor,
                           GCancellable    *cancellable,
                           GError         **error)
{
  TendHubspot *self = TEND_HUBSPOT (connector);
  g_autoptr(TendPage) page = tend_page_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) companies = NULL;
  g_autofree char *path = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *next_after = NULL;
  const char * const *properties;
  guint64 after = 0;
  guint64 next = 0;
  JsonArray *results;

  g_return_val_if_fail (kind != TEND_OBJECT_OWNERS, NULL);

  if (cursor != NULL && !parse_changes_cursor (cursor, &since_ms, &after))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "The saved sync position “%s” is not readable; run a full sync (--full)", cursor);
      return NULL;
    }
  since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since_ms);
  after_text = g_strdup_printf ("%" G_GUINT64_FORMAT, after);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filterGroups");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filters");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "propertyName");
  json_builder_add_string_value (builder, MODIFIED);
  json_builder_set_member_name (builder, "operator");
  json_builder_add_string_value (builder, "GTE");
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, since_text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sorts");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "propertyName");
  json_builder_add_string_value (builder, MODIFIED);
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, "ASCENDING");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  properties = tend_mapping_get_properties (self->mapping, tend_object_kind_get_name (kind));
  for (guint i = 0; properties[i] != NULL; i++)
    json_builder_add_string_value (builder, properties[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, SEARCH_LIMIT);
  json_builder_set_member_name (builder, "after");
  json_builder_add_string_value (builder, after_text);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/crm/v3/objects/%s/search", tend_object_kind_get_name (kind));
  root = tend_http_request (self->http, "POST", path, body, NULL, cancellable, error);
  if (root == NULL || (results = get_results (root, tend_object_kind_get_name (kind), error)) == NULL)
    return NULL;

  if (kind != TEND_OBJECT_ACCOUNTS && json_array_get_length (results) > 0)
    {
      companies = fetch_companies (self, kind, results, cancellable, error);
      if (companies == NULL)
        return NULL;
    }
  for (guint i = 0; i < json_array_get_length (results); i++)
    parse_record (self, kind, json_array_get_element (results, i), companies, page);

  next_after = get_next_after (root);
  if (next_after == NULL)
    return g_steal_pointer (&page);
  if (!g_ascii_string_to_unsigned (next_after, 10, 0, G_MAXUINT32, &next, NULL) || next <= after)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                   "The CRM's search paging went backwards (after “%s”); try again later", next_after);
      return NULL;
    }
  if (next + SEARCH_LIMIT > SEARCH_CAP)
    {
      /* Restart from the newest modification of this page (results are
       * sorted ascending); GTE re-reads its ties, which upserts absorb. */
      if (page->max_modified_ms <= since_ms)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_PROTOCOL,
                       "More than %d CRM records share one modification time; run a full sync (--full)",
                       SEARCH_CAP);
          return NULL;
        }
      page->next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT ":0", page->max_modified_ms);
    }
  else
    page->next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GUINT64_FORMAT, since_ms, next);
  return g_steal_pointer (&page);
}

static const char *
tend_hubspot_get_provider (TendConnector *connector)
{
  return "hubspot";
}

static gboolean
tend_hubspot_supports_changes (TendConnector  *connector,
                               TendObjectKind  kind)
{
  /* Owners are few and have no search: always listed in full. */
  return kind != TEND_OBJECT_OWNERS;
}

static guint
tend_hubspot_get_n_requests (TendConnector *connector)
{
  return tend_http_get_n_requests (TEND_HUBSPOT (connector)->http);
}

static void
tend_hubspot_set_wait_func (TendConnector    *connector,
                            TendHttpWaitFunc  func,
                            gpointer          user_data)
{
  tend_http_set_wait_func (TEND_HUBSPOT (connector)->http, func, user_data);
}

static void
tend_hubspot_connector_init (TendConnectorInterface *iface)
{
  iface->get_provider = tend_hubspot_get_provider;
  iface->supports_changes = tend_hubspot_supports_changes;
  iface->list_page = tend_hubspot_list_page;
  iface->changes_page = tend_hubspot_changes_page;
  iface->deleted_page = tend_hubspot_deleted_page;
  iface->get_n_requests = tend_hubspot_get_n_requests;
  iface->set_wait_func = tend_hubspot_set_wait_func;
}

static void
tend_hubspot_dispose (GObject *object)
{
  TendHubspot *self = TEND_HUBSPOT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (tend_hubspot_parent_class)->dispose (object);
}

static void
tend_hubspot_class_init (TendHubspotClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tend_hubspot_dispose;
}

static void
tend_hubspot_init (TendHubspot *self)
{
}

TendHubspot *
tend_hubspot_new (TendHttp    *http,
                  TendMapping *mapping)
{
  TendHubspot *self;

  g_return_val_if_fail (TEND_IS_HTTP (http), NULL);
  g_return_val_if_fail (mapping != NULL, NULL);

  self = g_object_new (TEND_TYPE_HUBSPOT, NULL);
  self->http = http;
  self->mapping = mapping;
  return self;
}

TendPage *
tend_hubspot_parse_page_for_fuzzing (TendHubspot     *self,
                                     TendObjectKind   kind,
                                     const char      *body,
                                     gsize            length,
                                     GHashTable      *companies,
                                     GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TendPage) page = tend_page_new ();
  g_autofree char *repaired = NULL;
  JsonArray *results;
  JsonNode *root;

  g_return_val_if_fail (TEND_IS_HUBSPOT (self), NULL);
  g_return_val_if_fail (kind < TEND_N_OBJECTS, NULL);

  /* As tend_http_request () reads a body: bytes that are not UTF-8 become
   * U+FFFD before the JSON parser sees them. */
  if (!g_utf8_validate_len (body, length, NULL))
    {
      repaired = g_utf8_make_valid (body, (gssize) length);
      body = repaired;
      length = strlen (repaired);
    }
  if (length == 0 || !json_parser_load_from_data (parser, body, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_PROTOCOL, "malformed JSON");
      return NULL;
    }
  if ((results = get_results (root, tend_object_kind_get_name (kind), error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (results); i++)
    parse_record (self, kind, json_array_get_element (results, i), companies, page);
  page->next_cursor = get_next_after (root);
  return g_steal_pointer (&page);
}
