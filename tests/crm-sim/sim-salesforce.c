// Serves the simulator's book in Salesforce's REST wire format (SOQL query, queryAll, getDeleted).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-json.h"
#include "sim-salesforce.h"

#define JSON_CONTENT_TYPE  "application/json;charset=UTF-8"
#define BATCH_DEFAULT      2000
#define BATCH_MIN          200
#define BATCH_MAX          2000
#define DAILY_LIMIT        15000
#define MAX_LOCATORS       64
#define HUGE_STRING_BYTES  (1024 * 1024)

typedef enum {
  SF_ERROR_INVALID_SESSION_ID,
  SF_ERROR_MALFORMED_QUERY,
  SF_ERROR_INVALID_FIELD,
  SF_ERROR_INVALID_TYPE,
  SF_ERROR_INVALID_QUERY_LOCATOR,
  SF_ERROR_INVALID_REPLICATION_DATE,
  SF_ERROR_NOT_FOUND,
  SF_ERROR_METHOD_NOT_ALLOWED,
} SfErrorCode;

static const char *error_codes[] = {
  [SF_ERROR_INVALID_SESSION_ID] = "INVALID_SESSION_ID",
  [SF_ERROR_MALFORMED_QUERY] = "MALFORMED_QUERY",
  [SF_ERROR_INVALID_FIELD] = "INVALID_FIELD",
  [SF_ERROR_INVALID_TYPE] = "INVALID_TYPE",
  [SF_ERROR_INVALID_QUERY_LOCATOR] = "INVALID_QUERY_LOCATOR",
  [SF_ERROR_INVALID_REPLICATION_DATE] = "INVALID_REPLICATION_DATE",
  [SF_ERROR_NOT_FOUND] = "NOT_FOUND",
  [SF_ERROR_METHOD_NOT_ALLOWED] = "METHOD_NOT_ALLOWED",
};

#define SF_ERROR (sf_error_quark ())
G_DEFINE_QUARK (sim-salesforce-error, sf_error)

typedef enum {
  SF_ID,          /* prefix + neutral number */
  SF_STRING,
  SF_PICKLIST,
  SF_CURRENCY,    /* cents */
  SF_NUMBER,      /* a whole number served as a double */
  SF_DATE,        /* day */
  SF_DATETIME,    /* epoch ms */
  SF_BOOL,
} SfType;

typedef struct {
  gboolean    is_null;
  gint64      n;
  const char *s;        /* text; for SF_ID the key prefix */
} SfValue;

typedef struct _SimSalesforce SimSalesforce;
typedef struct _SfObject SfObject;

typedef void (*SfGetter) (SimSalesforce *sf,
                          guint          row,
                          int            code,
                          SfValue       *value);

typedef struct {
  const char *name;
  SfType      type;
  int         code;
} SfField;

typedef struct {
  const char     *name;      /* "Contracts" */
  const SfObject *object;    /* one child row per parent row, at the same index */
} SfChild;

struct _SfObject {
  const char    *name;
  const char    *prefix;       /* id key prefix */
  int            kind;         /* SimKind, or -1 for User */
  const SfField *fields;
  guint          n_fields;
  SfGetter       get;
  const char    *label_field;  /* where huge-string and control-chars land */
  const SfChild *child;
  gboolean       is_replicable;
};

typedef enum {
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
} SfOp;

typedef struct {
  const SfField *field;
  SfOp           op;
  SfValue        literal;
  GHashTable    *in_set;   /* OP_IN: neutral numbers */
} SfCond;

typedef struct {
  const SfField *field;
  gboolean       is_descending;
} SfOrder;

typedef struct _SfQuery SfQuery;

typedef struct {
  const SfField *field;    /* NULL for a subquery */
  SfQuery       *sub;
  const SfChild *child;
} SfItem;

struct _SfQuery {
  const SfObject *object;
  GArray         *items;    /* SfItem */
  GArray         *conds;    /* SfCond */
  GArray         *orders;   /* SfOrder */
  gint64          limit;    /* -1: none */
  char           *text;     /* string literals point into this copy */
};

typedef struct {
  char    *id;
  SfQuery *query;
  GArray  *rows;     /* guint, the matching rows in order */
  gboolean include_deleted;
} Locator;

struct _SimSalesforce {
  SimBook    *book;
  SimFaults  *faults;
  char       *token;
  GHashTable *requests;    /* route -> count */
  guint64     n_requests;
  guint       n_limited;
  guint64     n_locators;
  GHashTable *locators;    /* id -> Locator */
  GQueue      locator_order;
  char       *huge_string;
};

typedef struct {
  SimSalesforce     *sf;
  SoupServerMessage *msg;
  const char        *version;   /* "v60.0" */
  SimFaultHit        fault;
  guint              status;
  GString           *body;
} Request;

/* Ids: 15 case-sensitive characters (key prefix, then the neutral number in
 * base 62) and Salesforce's 3-character case-insensitive checksum. */

static const char base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static void
format_id (char        out[19],
           const char *prefix,
           guint64     number)
{
  static const char checksum_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  memcpy (out, prefix, 3);
  for (int i = 14; i >= 3; i--)
    {
      out[i] = base62[number % 62];
      number /= 62;
    }
  for (int chunk = 0; chunk < 3; chunk++)
    {
      int flags = 0;

      for (int i = 0; i < 5; i++)
        if (g_ascii_isupper (out[chunk * 5 + i]))
          flags |= 1 << i;
      out[15 + chunk] = checksum_chars[flags];
    }
  out[18] = '\0';
}

/* The neutral number of a 15- or 18-character id with @prefix. */
static gboolean
parse_id (const char *text,
          const char *prefix,
          guint64    *number)
{
  gsize length = strlen (text);
  guint64 value = 0;

  if ((length != 15 && length != 18) || strncmp (text, prefix, 3) != 0)
    return FALSE;
  for (int i = 3; i < 15; i++)
    {
      const char *p = strchr (base62, text[i]);

      if (text[i] == '\0' || p == NULL)
        return FALSE;
      value = value * 62 + (guint64) (p - base62);
    }
  *number = value;
  return TRUE;
}

/* Value formatting. */

static void
append_day (GString *out,
            gint32   day)
{
  int y, m, d;

  sim_day_to_civil (day, &y, &m, &d);
  g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
}

/* 2026-03-07T16:50:06.000+0000, always with milliseconds. */
static void
append_datetime (GString *out,
                 gint64   ms)
{
  gint64 day = ms >= 0 ? ms / SIM_MS_PER_DAY : -((-ms + SIM_MS_PER_DAY - 1) / SIM_MS_PER_DAY);
  gint64 rest = ms - day * SIM_MS_PER_DAY;

  append_day (out, (gint32) day);
  g_string_append_printf (out, "T%02d:%02d:%02d.%03d+0000", (int) (rest / 3600000), (int) (rest / 60000 % 60),
                          (int) (rest / 1000 % 60), (int) (rest % 1000));
}

/* Currency as a JSON number in major units: 120000.5, 15000.0. */
static void
append_currency (GString *out,
                 gint64   cents)
{
  guint64 magnitude = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  guint fraction = (guint) (magnitude % 100);

  g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, cents < 0 ? "-" : "", magnitude / 100);
  if (fraction % 10 == 0)
    g_string_append_printf (out, ".%u", fraction / 10);
  else
    g_string_append_printf (out, ".%02u", fraction);
}

static void
append_value (GString       *out,
              SfType         type,
              const SfValue *value)
{
  char id[19];

  if (value->is_null)
    {
      g_string_append (out, "null");
      return;
    }
  switch (type)
    {
    case SF_ID:
      format_id (id, value->s, (guint64) value->n);
      g_string_append_printf (out, "\"%s\"", id);
      break;
    case SF_STRING:
    case SF_PICKLIST:
      sim_json_append_string (out, value->s);
      break;
    case SF_CURRENCY:
      append_currency (out, value->n);
      break;
    case SF_NUMBER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT ".0", value->n);
      break;
    case SF_DATE:
      g_string_append_c (out, '"');
      append_day (out, (gint32) value->n);
      g_string_append_c (out, '"');
      break;
    case SF_DATETIME:
      g_string_append_c (out, '"');
      append_datetime (out, value->n);
      g_string_append_c (out, '"');
      break;
    case SF_BOOL:
      g_string_append (out, value->n ? "true" : "false");
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Objects and their fields. */

static void
set_null (SfValue *v)
{
  v->is_null = TRUE;
}

static void
set_id (SfValue    *v,
        const char *prefix,
        guint64     number)
{
  if (number == 0)
    return set_null (v);
  v->s = prefix;
  v->n = (gint64) number;
}

static void
set_text (SfValue    *v,
          const char *text)
{
  if (text == NULL)
    return set_null (v);
  v->s = text;
}

static void
set_number (SfValue *v,
            gint64   n)
{
  if (n == SIM_NONE)
    return set_null (v);
  v->n = n;
}

static void
set_day (SfValue *v,
         gint32   day)
{
  if (day == SIM_NO_DAY)
    return set_null (v);
  v->n = day;
}

static void
set_ms (SfValue *v,
        gint64   ms)
{
  if (ms == 0)
    return set_null (v);
  v->n = ms;
}

enum {
  F_ID = 1, F_NAME, F_CREATED, F_MODIFIED, F_STAMP, F_IS_DELETED,
  /* User */
  F_FIRST_NAME, F_LAST_NAME, F_EMAIL, F_DEPARTMENT, F_IS_ACTIVE,
  /* Account */
  F_WEBSITE, F_OWNER, F_EXEC_OWNER, F_SEGMENT, F_REGION, F_UNIT, F_PRODUCT, F_ARR, F_ARR_PRIOR,
  F_CS_CURRENCY, F_CURRENCY_ISO, F_SEATS, F_ACTIVE, F_ACTIVITY, F_OVERDUE, F_LIFECYCLE, F_CHURN,
  /* Contract */
  F_ACCOUNT, F_START, F_END, F_STATUS, F_TERM,
  /* Opportunity */
  F_AMOUNT, F_STAGE, F_CLOSE, F_IS_WON, F_IS_CLOSED, F_TYPE, F_CATEGORY,
  /* Case */
  F_SUBJECT, F_DESCRIPTION, F_PRIORITY, F_CLOSED_DATE,
  /* Survey_Response__c */
  F_SURVEY_TYPE, F_SCORE, F_COMMENT, F_SUBMITTED, F_RESPONDENT,
};

static const SimMeta *
meta_at (SimSalesforce *sf,
         SimKind        kind,
         guint          row)
{
  return sim_book_get_record (sf->book, kind, row);
}

static gboolean
common_field (const SimMeta *meta,
              int            code,
              SfValue       *v)
{
  switch (code)
    {
    case F_CREATED:
      set_ms (v, meta->created_ms);
      return TRUE;
    case F_MODIFIED:
    case F_STAMP:
      set_ms (v, meta->modified_ms);
      return TRUE;
    case F_IS_DELETED:
      v->n = meta->archived_ms != 0;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
get_user (SimSalesforce *sf,
          guint          row,
          int            code,
          SfValue       *v)
{
  const SimOwner *owner = sim_book_get_owner (sf->book, row);
  g_autofree char *name = NULL;

  switch (code)
    {
    case F_ID:         set_id (v, "005", owner->id); break;
    case F_NAME:
      name = g_strdup_printf ("%s %s", owner->first_name, owner->last_name);
      v->s = g_intern_string (name);
      break;
    case F_FIRST_NAME: set_text (v, owner->first_name); break;
    case F_LAST_NAME:  set_text (v, owner->last_name); break;
    case F_EMAIL:      set_text (v, owner->email); break;
    case F_DEPARTMENT: v->s = owner->team == SIM_TEAM_SALES ? "Sales" : "Customer Success"; break;
    case F_IS_ACTIVE:  v->n = !owner->is_archived; break;
    case F_CREATED:    set_ms (v, owner->created_ms); break;
    case F_MODIFIED:
    case F_STAMP:      set_ms (v, owner->modified_ms); break;
    default:           set_null (v); break;
    }
}

/* Websites as people type them; the connector reduces them to a domain. */
static const char *
website (SimSalesforce    *sf,
         const SimCompany *c,
         guint             row)
{
  static const char *prefixes[] = { "https://www.", "www.", "", "http://" };
  g_autofree char *text = NULL;

  if (c->domain == NULL)
    return NULL;
  text = g_strconcat (prefixes[row % G_N_ELEMENTS (prefixes)], c->domain, row % 4 == 3 ? "/" : "", NULL);
  return g_intern_string (text);
}

static void
get_account (SimSalesforce *sf,
             guint          row,
             int            code,
             SfValue       *v)
{
  const SimCompany *c = (const SimCompany *) meta_at (sf, SIM_KIND_COMPANY, row);

  if (common_field (&c->meta, code, v))
    return;
  switch (code)
    {
    case F_ID:           set_id (v, "001", c->meta.id); break;
    case F_NAME:         set_text (v, c->name); break;
    case F_WEBSITE:      set_text (v, website (sf, c, row)); break;
    case F_OWNER:        set_id (v, "005", c->owner_id); break;
    case F_EXEC_OWNER:   set_id (v, "005", c->executive_owner_id); break;
    case F_SEGMENT:      set_text (v, c->segment); break;
    case F_REGION:       set_text (v, c->region); break;
    case F_UNIT:         set_text (v, c->business_unit); break;
    case F_PRODUCT:      set_text (v, c->product_line); break;
    case F_ARR:          set_number (v, c->arr_cents); break;
    case F_ARR_PRIOR:    set_number (v, c->arr_prior_cents); break;
    case F_CS_CURRENCY:  set_text (v, c->currency); break;
    case F_CURRENCY_ISO: set_text (v, c->currency != NULL ? c->currency : "USD"); break;
    case F_SEATS:        set_number (v, c->licensed_seats); break;
    case F_ACTIVE:       set_number (v, c->active_users_30d); break;
    case F_ACTIVITY:     set_day (v, c->last_activity); break;
    case F_OVERDUE:      set_number (v, c->overdue_cents); break;
    case F_LIFECYCLE:    set_text (v, c->lifecycle_override); break;
    case F_CHURN:        set_day (v, c->churn_date); break;
    default:             set_null (v); break;
    }
}

/* One activated contract per account, changing with it. */
static void
get_contract (SimSalesforce *sf,
              guint          row,
              int            code,
              SfValue       *v)
{
  const SimCompany *c = (const SimCompany *) meta_at (sf, SIM_KIND_COMPANY, row);

  if (common_field (&c->meta, code, v))
    return;
  switch (code)
    {
    case F_ID:       set_id (v, "800", c->meta.id); break;
    case F_ACCOUNT:  set_id (v, "001", c->meta.id); break;
    case F_START:    set_day (v, c->contract_start); break;
    case F_END:      set_day (v, c->contract_end); break;
    case F_STATUS:   v->s = "Activated"; break;
    case F_TERM:
      if (c->contract_start == SIM_NO_DAY || c->contract_end == SIM_NO_DAY)
        set_null (v);
      else
        v->n = (c->contract_end - c->contract_start + 15) / 30;
      break;
    case F_CURRENCY_ISO: set_text (v, c->currency != NULL ? c->currency : "USD"); break;
    default:         set_null (v); break;
    }
}

static const char *stage_names[] = {
  [SIM_STAGE_APPOINTMENT] = "Prospecting",
  [SIM_STAGE_QUALIFIED] = "Qualification",
  [SIM_STAGE_PRESENTATION] = "Value Proposition",
  [SIM_STAGE_DECISION] = "Id. Decision Makers",
  [SIM_STAGE_CONTRACT_SENT] = "Negotiation/Review",
  [SIM_STAGE_WON] = "Closed Won",
  [SIM_STAGE_LOST] = "Closed Lost",
};

static const char *deal_types[] = {
  [SIM_DEAL_NEW] = "New Customer",
  [SIM_DEAL_RENEWAL] = "Existing Customer - Renewal",
  [SIM_DEAL_EXPANSION] = "Existing Customer - Upgrade",
};

static const char *deal_categories[] = {
  [SIM_DEAL_NEW] = "new",
  [SIM_DEAL_RENEWAL] = "renewal",
  [SIM_DEAL_EXPANSION] = "expansion",
};

static void
get_opportunity (SimSalesforce *sf,
                 guint          row,
                 int            code,
                 SfValue       *v)
{
  const SimDeal *d = (const SimDeal *) meta_at (sf, SIM_KIND_DEAL, row);
  gboolean is_closed = d->stage == SIM_STAGE_WON || d->stage == SIM_STAGE_LOST;

  if (common_field (&d->meta, code, v))
    return;
  switch (code)
    {
    case F_ID:           set_id (v, "006", d->meta.id); break;
    case F_ACCOUNT:      set_id (v, "001", d->company_id); break;
    case F_NAME:         set_text (v, d->name); break;
    case F_AMOUNT:       set_number (v, d->amount_cents); break;
    case F_STAGE:
      /* An org's own closed stages: only IsWon and IsClosed tell. */
      if (d->has_custom_stage)
        v->s = d->stage == SIM_STAGE_WON ? "Signed – Customer" : "Lost to Competitor";
      else
        v->s = stage_names[d->stage];
      break;
    case F_CLOSE:        set_day (v, (gint32) (d->close_ms / SIM_MS_PER_DAY)); break;
    case F_IS_WON:       v->n = d->stage == SIM_STAGE_WON; break;
    case F_IS_CLOSED:    v->n = is_closed; break;
    case F_TYPE:         set_text (v, d->has_legacy_type ? deal_types[d->category] : NULL); break;
    case F_CATEGORY:     set_text (v, d->has_category ? deal_categories[d->category] : NULL); break;
    case F_CURRENCY_ISO: set_text (v, d->currency); break;
    case F_OWNER:        set_id (v, "005", d->owner_id); break;
    default:             set_null (v); break;
    }
}

static const char *priorities[] = { "Low", "Medium", "High", "Urgent" };
static const char *case_statuses[] = { "New", "Working", "Escalated", "Closed" };

static void
get_case (SimSalesforce *sf,
          guint          row,
          int            code,
          SfValue       *v)
{
  const SimTicket *t = (const SimTicket *) meta_at (sf, SIM_KIND_TICKET, row);

  if (common_field (&t->meta, code, v))
    return;
  switch (code)
    {
    case F_ID:          set_id (v, "500", t->meta.id); break;
    case F_ACCOUNT:     set_id (v, "001", t->company_id); break;
    case F_SUBJECT:     set_text (v, t->subject); break;
    case F_DESCRIPTION: set_text (v, t->description); break;
    case F_PRIORITY:    v->s = priorities[t->priority]; break;
    case F_STATUS:      v->s = case_statuses[t->status]; break;
    case F_CLOSED_DATE: set_ms (v, t->closed_ms); break;
    case F_IS_CLOSED:   v->n = t->closed_ms != 0; break;
    default:            set_null (v); break;
    }
}

static const char *survey_types[] = { "NPS", "CSAT", "CES" };

static void
get_survey (SimSalesforce *sf,
            guint          row,
            int            code,
            SfValue       *v)
{
  const SimSurvey *s = (const SimSurvey *) meta_at (sf, SIM_KIND_SURVEY, row);
  g_autofree char *name = NULL;

  if (common_field (&s->meta, code, v))
    return;
  switch (code)
    {
    case F_ID:          set_id (v, "a0X", s->meta.id); break;
    case F_NAME:
      name = g_strdup_printf ("SR-%06u", row + 1);
      v->s = g_intern_string (name);
      break;
    case F_ACCOUNT:     set_id (v, "001", s->company_id); break;
    case F_SURVEY_TYPE: v->s = survey_types[s->type]; break;
    case F_SCORE:       v->n = s->value; break;
    case F_COMMENT:     set_text (v, s->verbatim); break;
    case F_SUBMITTED:   set_ms (v, s->submitted_ms); break;
    case F_RESPONDENT:  set_text (v, s->respondent_email); break;
    default:            set_null (v); break;
    }
}

#define COMMON_FIELDS \
  { "CreatedDate", SF_DATETIME, F_CREATED }, \
  { "LastModifiedDate", SF_DATETIME, F_MODIFIED }, \
  { "SystemModstamp", SF_DATETIME, F_STAMP }

static const SfField user_fields[] = {
  { "Id", SF_ID, F_ID },
  { "Name", SF_STRING, F_NAME },
  { "FirstName", SF_STRING, F_FIRST_NAME },
  { "LastName", SF_STRING, F_LAST_NAME },
  { "Email", SF_STRING, F_EMAIL },
  { "Department", SF_STRING, F_DEPARTMENT },
  { "IsActive", SF_BOOL, F_IS_ACTIVE },
  COMMON_FIELDS,
};

static const SfField account_fields[] = {
  { "Id", SF_ID, F_ID },
  { "Name", SF_STRING, F_NAME },
  { "Website", SF_STRING, F_WEBSITE },
  { "OwnerId", SF_ID, F_OWNER },
  { "CS_Executive_Owner__c", SF_ID, F_EXEC_OWNER },
  { "CS_Segment__c", SF_PICKLIST, F_SEGMENT },
  { "CS_Region__c", SF_PICKLIST, F_REGION },
  { "CS_Business_Unit__c", SF_PICKLIST, F_UNIT },
  { "CS_Product_Line__c", SF_PICKLIST, F_PRODUCT },
  { "CS_ARR__c", SF_CURRENCY, F_ARR },
  { "CS_ARR_Prior_Year__c", SF_CURRENCY, F_ARR_PRIOR },
  { "CS_Currency__c", SF_PICKLIST, F_CS_CURRENCY },
  { "CurrencyIsoCode", SF_PICKLIST, F_CURRENCY_ISO },
  { "CS_Licensed_Seats__c", SF_NUMBER, F_SEATS },
  { "CS_Active_Users_30d__c", SF_NUMBER, F_ACTIVE },
  { "CS_Last_Activity_Date__c", SF_DATE, F_ACTIVITY },
  { "CS_Overdue_Amount__c", SF_CURRENCY, F_OVERDUE },
  { "CS_Lifecycle_Stage__c", SF_PICKLIST, F_LIFECYCLE },
  { "CS_Churn_Date__c", SF_DATE, F_CHURN },
  { "IsDeleted", SF_BOOL, F_IS_DELETED },
  COMMON_FIELDS,
};

static const SfField contract_fields[] = {
  { "Id", SF_ID, F_ID },
  { "AccountId", SF_ID, F_ACCOUNT },
  { "StartDate", SF_DATE, F_START },
  { "EndDate", SF_DATE, F_END },
  { "Status", SF_PICKLIST, F_STATUS },
  { "ContractTerm", SF_NUMBER, F_TERM },
  { "CurrencyIsoCode", SF_PICKLIST, F_CURRENCY_ISO },
  { "IsDeleted", SF_BOOL, F_IS_DELETED },
  COMMON_FIELDS,
};

static const SfField opportunity_fields[] = {
  { "Id", SF_ID, F_ID },
  { "AccountId", SF_ID, F_ACCOUNT },
  { "Name", SF_STRING, F_NAME },
  { "Amount", SF_CURRENCY, F_AMOUNT },
  { "StageName", SF_PICKLIST, F_STAGE },
  { "CloseDate", SF_DATE, F_CLOSE },
  { "IsWon", SF_BOOL, F_IS_WON },
  { "IsClosed", SF_BOOL, F_IS_CLOSED },
  { "Type", SF_PICKLIST, F_TYPE },
  { "CS_Deal_Category__c", SF_PICKLIST, F_CATEGORY },
  { "CurrencyIsoCode", SF_PICKLIST, F_CURRENCY_ISO },
  { "OwnerId", SF_ID, F_OWNER },
  { "IsDeleted", SF_BOOL, F_IS_DELETED },
  COMMON_FIELDS,
};

static const SfField case_fields[] = {
  { "Id", SF_ID, F_ID },
  { "AccountId", SF_ID, F_ACCOUNT },
  { "Subject", SF_STRING, F_SUBJECT },
  { "Description", SF_STRING, F_DESCRIPTION },
  { "Priority", SF_PICKLIST, F_PRIORITY },
  { "Status", SF_PICKLIST, F_STATUS },
  { "ClosedDate", SF_DATETIME, F_CLOSED_DATE },
  { "IsClosed", SF_BOOL, F_IS_CLOSED },
  { "IsDeleted", SF_BOOL, F_IS_DELETED },
  COMMON_FIELDS,
};

static const SfField survey_fields[] = {
  { "Id", SF_ID, F_ID },
  { "Name", SF_STRING, F_NAME },
  { "Account__c", SF_ID, F_ACCOUNT },
  { "Type__c", SF_PICKLIST, F_SURVEY_TYPE },
  { "Score__c", SF_NUMBER, F_SCORE },
  { "Comment__c", SF_STRING, F_COMMENT },
  { "Submitted__c", SF_DATETIME, F_SUBMITTED },
  { "Respondent_Email__c", SF_STRING, F_RESPONDENT },
  { "IsDeleted", SF_BOOL, F_IS_DELETED },
  COMMON_FIELDS,
};

static const SfObject contract_object = {
  "Contract", "800", SIM_KIND_COMPANY, contract_fields, G_N_ELEMENTS (contract_fields),
  get_contract, NULL, NULL, TRUE,
};

static const SfChild account_contracts = { "Contracts", &contract_object };

static const SfObject objects[] = {
  { "User", "005", -1, user_fields, G_N_ELEMENTS (user_fields), get_user, "Name", NULL, FALSE },
  { "Account", "001", SIM_KIND_COMPANY, account_fields, G_N_ELEMENTS (account_fields), get_account,
    "Name", &account_contracts, TRUE },
  { "Opportunity", "006", SIM_KIND_DEAL, opportunity_fields, G_N_ELEMENTS (opportunity_fields),
    get_opportunity, "Name", NULL, TRUE },
  { "Case", "500", SIM_KIND_TICKET, case_fields, G_N_ELEMENTS (case_fields), get_case, "Subject", NULL, TRUE },
  { "Survey_Response__c", "a0X", SIM_KIND_SURVEY, survey_fields, G_N_ELEMENTS (survey_fields), get_survey,
    "Comment__c", NULL, TRUE },
};

static const SfObject *
find_object (const char *name)
{
  if (g_ascii_strcasecmp (name, contract_object.name) == 0)
    return &contract_object;
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    if (g_ascii_strcasecmp (name, objects[i].name) == 0)
      return &objects[i];
  return NULL;
}

static const SfField *
find_field (const SfObject *object,
            const char     *name)
{
  for (guint i = 0; i < object->n_fields; i++)
    if (g_ascii_strcasecmp (object->fields[i].name, name) == 0)
      return &object->fields[i];
  return NULL;
}

static guint
object_n_rows (SimSalesforce  *sf,
               const SfObject *object)
{
  if (object->kind < 0)
    return sim_book_get_n_owners (sf->book);
  return sim_book_get_n_records (sf->book, object->kind);
}

static gboolean
row_is_deleted (SimSalesforce  *sf,
                const SfObject *object,
                guint           row)
{
  if (object->kind < 0)
    return FALSE;
  return meta_at (sf, object->kind, row)->archived_ms != 0;
}

static void
get_value (SimSalesforce  *sf,
           const SfObject *object,
           guint           row,
           const SfField  *field,
           SfValue        *value)
{
  memset (value, 0, sizeof *value);
  object->get (sf, row, field->code, value);
}

/* SOQL: just what a sync needs.
 *   SELECT item, … FROM Object [WHERE cond AND …] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n]
 *   item: Field | (SELECT … FROM ChildRelationship …)
 *   cond: Field op literal | Field IN (SELECT Field FROM Object [WHERE …]) */

typedef enum {
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_STRING,
  TOKEN_LITERAL,   /* a number, date or datetime */
  TOKEN_PUNCT,
} TokenKind;

typedef struct {
  TokenKind kind;
  char     *text;
  gsize     offset;
} Token;

typedef struct {
  GArray *tokens;
  guint   pos;
  char   *text;
} Parser;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static gboolean
tokenize (const char  *text,
          GArray      *tokens,
          GError     **error)
{
  const char *p = text;

  for (;;)
    {
      Token token = { TOKEN_END, NULL, 0 };
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      token.offset = (gsize) (p - text);
      start = p;
      if (*p == '\0')
        {
          g_array_append_val (tokens, token);
          return TRUE;
        }
      if (*p == '\'')
        {
          GString *value = g_string_new (NULL);

          for (p++; *p != '\0' && *p != '\''; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p);
            }
          if (*p != '\'')
            {
              g_string_free (value, TRUE);
              g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY,
                           "unexpected end of query: unterminated string literal");
              return FALSE;
            }
          p++;
          token.kind = TOKEN_STRING;
          token.text = g_string_free (value, FALSE);
        }
      else if (g_ascii_isdigit (*p) || (*p == '-' && g_ascii_isdigit (p[1])))
        {
          p++;
          while (g_ascii_isalnum (*p) || *p == ':' || *p == '-' || *p == '+' || *p == '.')
            p++;
          token.kind = TOKEN_LITERAL;
          token.text = g_strndup (start, (gsize) (p - start));
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          while (g_ascii_isalnum (*p) || *p == '_' || *p == '.')
            p++;
          token.kind = TOKEN_WORD;
          token.text = g_strndup (start, (gsize) (p - start));
        }
      else if ((p[0] == '<' && (p[1] == '=' || p[1] == '>')) || (p[0] == '>' && p[1] == '=') ||
               (p[0] == '!' && p[1] == '='))
        {
          token.kind = TOKEN_PUNCT;
          token.text = g_strndup (p, 2);
          p += 2;
        }
      else if (strchr ("(),=<>", *p) != NULL)
        {
          token.kind = TOKEN_PUNCT;
          token.text = g_strndup (p, 1);
          p++;
        }
      else
        {
          g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY,
                       "unexpected token: '%c' at column %u", *p, (guint) (p - text) + 1);
          return FALSE;
        }
      g_array_append_val (tokens, token);
    }
}

static Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->pos);
}

static Token *
next (Parser *parser)
{
  Token *token = peek (parser);

  if (token->kind != TOKEN_END)
    parser->pos++;
  return token;
}

static gboolean
is_word (Token      *token,
         const char *word)
{
  return token->kind == TOKEN_WORD && g_ascii_strcasecmp (token->text, word) == 0;
}

static gboolean
is_punct (Token      *token,
          const char *punct)
{
  return token->kind == TOKEN_PUNCT && strcmp (token->text, punct) == 0;
}

static gboolean
unexpected (Token   *token,
            GError **error)
{
  if (token->kind == TOKEN_END)
    g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY, "unexpected token: <EOF>");
  else
    g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY, "unexpected token: '%s'", token->text);
  return FALSE;
}

static gboolean
expect_word (Parser      *parser,
             const char  *word,
             GError     **error)
{
  Token *token = next (parser);

  if (!is_word (token, word))
    return unexpected (token, error);
  return TRUE;
}

static gboolean
expect_punct (Parser      *parser,
              const char  *punct,
              GError     **error)
{
  Token *token = next (parser);

  if (!is_punct (token, punct))
    return unexpected (token, error);
  return TRUE;
}

static void sf_query_free (SfQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfQuery, sf_query_free)

static void
sf_query_free (SfQuery *query)
{
  if (query == NULL)
    return;
  for (guint i = 0; i < query->items->len; i++)
    sf_query_free (g_array_index (query->items, SfItem, i).sub);
  for (guint i = 0; i < query->conds->len; i++)
    g_clear_pointer (&g_array_index (query->conds, SfCond, i).in_set, g_hash_table_unref);
  g_array_unref (query->items);
  g_array_unref (query->conds);
  g_array_unref (query->orders);
  g_free (query->text);
  g_free (query);
}

static SfQuery *
sf_query_new (void)
{
  SfQuery *query = g_new0 (SfQuery, 1);

  query->items = g_array_new (FALSE, TRUE, sizeof (SfItem));
  query->conds = g_array_new (FALSE, TRUE, sizeof (SfCond));
  query->orders = g_array_new (FALSE, TRUE, sizeof (SfOrder));
  query->limit = -1;
  return query;
}

static gboolean
no_such_field (const SfObject  *object,
               const char      *name,
               GError         **error)
{
  g_set_error (error, SF_ERROR, SF_ERROR_INVALID_FIELD,
               "No such column '%s' on entity '%s'. If you are attempting to use a custom field, be sure to "
               "append the '__c' after the custom field name. Please reference your WSDL or the describe "
               "call for the appropriate names.", name, object->name);
  return FALSE;
}

static const SfField *
resolve_field (const SfObject  *object,
               const char      *name,
               GError         **error)
{
  const SfField *field = find_field (object, name);

  if (field == NULL)
    no_such_field (object, name, error);
  return field;
}

static gboolean
parse_int_text (const char *text,
                gint64     *value)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtoll (text, &end, 10);
  return errno == 0 && end != text && *end == '\0';
}

/* YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm, as SOQL takes them. */
static gboolean
parse_soql_datetime (const char *text,
                     gint64     *ms)
{
  int y, mo, d, h, mi, s, oh = 0, om = 0, n = 0;
  gint32 day;
  char sign = 0;
  char date[11];

  if (strlen (text) < 20 || text[10] != 'T' ||
      sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19)
    return FALSE;
  if (strcmp (text + 19, "Z") != 0)
    {
      if (strlen (text + 19) != 6 || sscanf (text + 19, "%c%2d:%2d", &sign, &oh, &om) != 3 ||
          (sign != '+' && sign != '-'))
        return FALSE;
    }
  g_snprintf (date, sizeof date, "%.10s", text);
  if (!sim_day_parse (date, &day) || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59)
    return FALSE;
  *ms = day * SIM_MS_PER_DAY + ((h * 60 + mi) * 60 + s) * G_GINT64_CONSTANT (1000);
  if (sign != 0)
    *ms -= (sign == '+' ? 1 : -1) * (oh * 60 + om) * G_GINT64_CONSTANT (60000);
  return TRUE;
}

static gboolean
parse_literal (const SfField  *field,
               Token          *token,
               SfValue        *value,
               GError        **error)
{
  const char *expected = NULL;

  memset (value, 0, sizeof *value);
  if (is_word (token, "null"))
    {
      value->is_null = TRUE;
      return TRUE;
    }
  switch (field->type)
    {
    case SF_BOOL:
      if (is_word (token, "true") || is_word (token, "false"))
        {
          value->n = is_word (token, "true");
          return TRUE;
        }
      expected = "boolean";
      break;
    case SF_DATETIME:
      if (token->kind == TOKEN_LITERAL && parse_soql_datetime (token->text, &value->n))
        return TRUE;
      expected = "dateTime";
      break;
    case SF_DATE:
      if (token->kind == TOKEN_LITERAL && strlen (token->text) == 10)
        {
          gint32 day;

          if (sim_day_parse (token->text, &day))
            {
              value->n = day;
              return TRUE;
            }
        }
      expected = "date";
      break;
    case SF_NUMBER:
    case SF_CURRENCY:
      if (token->kind == TOKEN_LITERAL && parse_int_text (token->text, &value->n))
        {
          if (field->type == SF_CURRENCY)
            value->n *= 100;
          return TRUE;
        }
      expected = "number";
      break;
    case SF_ID:
    case SF_STRING:
    case SF_PICKLIST:
    default:
      if (token->kind == TOKEN_STRING)
        {
          value->s = token->text;
          return TRUE;
        }
      expected = "string";
      break;
    }
  if (token->kind == TOKEN_END)
    return unexpected (token, error);
  g_set_error (error, SF_ERROR, SF_ERROR_INVALID_FIELD,
               "value of filter criterion for field '%s' must be of type %s%s", field->name, expected,
               token->kind == TOKEN_STRING && field->type != SF_STRING ? " and should not be enclosed in quotes" : "");
  return FALSE;
}

static SfQuery *parse_select (SimSalesforce   *sf,
                              Parser          *parser,
                              const SfObject  *parent,
                              GError         **error);

static GHashTable *
run_semi_join (SimSalesforce *sf,
               SfQuery       *inner);

static gboolean
parse_condition (SimSalesforce   *sf,
                 Parser          *parser,
                 SfQuery         *query,
                 GError         **error)
{
  Token *name = next (parser);
  Token *op_token;
  SfCond cond = { NULL, OP_EQ, { 0 }, NULL };
  static const struct { const char *text; SfOp op; } ops[] = {
    { "=", OP_EQ }, { "!=", OP_NE }, { "<>", OP_NE }, { "<", OP_LT }, { "<=", OP_LE },
    { ">", OP_GT }, { ">=", OP_GE },
  };
  gboolean found = FALSE;

  if (name->kind != TOKEN_WORD)
    return unexpected (name, error);
  if ((cond.field = resolve_field (query->object, name->text, error)) == NULL)
    return FALSE;

  op_token = next (parser);
  if (is_word (op_token, "IN"))
    {
      g_autoptr(SfQuery) inner = NULL;

      if (cond.field->type != SF_ID)
        {
          g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY,
                       "the simulator supports IN only with a semi-join on an id field");
          return FALSE;
        }
      if (!expect_punct (parser, "(", error) ||
          (inner = parse_select (sf, parser, NULL, error)) == NULL ||
          !expect_punct (parser, ")", error))
        return FALSE;
      if (inner->items->len != 1 || g_array_index (inner->items, SfItem, 0).field == NULL ||
          g_array_index (inner->items, SfItem, 0).field->type != SF_ID)
        {
          g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY,
                       "The selected field in a semi join must be an id or a reference to an id");
          return FALSE;
        }
      cond.op = OP_IN;
      cond.in_set = run_semi_join (sf, inner);
      g_array_append_val (query->conds, cond);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ops) && !found; i++)
    if (is_punct (op_token, ops[i].text))
      {
        cond.op = ops[i].op;
        found = TRUE;
      }
  if (!found)
    return unexpected (op_token, error);
  if (!parse_literal (cond.field, next (parser), &cond.literal, error))
    return FALSE;
  g_array_append_val (query->conds, cond);
  return TRUE;
}

/* After SELECT's opening word has been read or not: parses
 * "SELECT … FROM … [WHERE …] [ORDER BY …] [LIMIT n]". @parent is set for a
 * child-relationship subquery. */
static SfQuery *
parse_select (SimSalesforce   *sf,
              Parser          *parser,
              const SfObject  *parent,
              GError         **error)
{
  g_autoptr(SfQuery) query = sf_query_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) subqueries = g_array_new (FALSE, TRUE, sizeof (guint));
  Token *token;

  if (!expect_word (parser, "SELECT", error))
    return NULL;

  /* The field list; names are resolved once the object is known. */
  for (;;)
    {
      token = next (parser);
      if (is_punct (token, "("))
        {
          if (parent != NULL)
            {
              g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY, "nested subqueries are not supported");
              return NULL;
            }
          /* Parsed below, once the object after FROM is known. */
          g_ptr_array_add (names, NULL);
          g_array_append_val (subqueries, parser->pos);
          for (int depth = 1; depth > 0;)
            {
              token = next (parser);
              if (token->kind == TOKEN_END)
                {
                  unexpected (token, error);
                  return NULL;
                }
              if (is_punct (token, "("))
                depth++;
              else if (is_punct (token, ")"))
                depth--;
            }
        }
      else if (token->kind == TOKEN_WORD && !is_word (token, "FROM"))
        {
          if (strchr (token->text, '.') != NULL)
            {
              g_set_error (error, SF_ERROR, SF_ERROR_INVALID_FIELD,
                           "Didn't understand relationship '%.*s' in field path. The simulator serves no parent "
                           "relationships.", (int) (strchr (token->text, '.') - token->text), token->text);
              return NULL;
            }
          g_ptr_array_add (names, token->text);
        }
      else
        {
          unexpected (token, error);
          return NULL;
        }
      token = peek (parser);
      if (is_punct (token, ","))
        {
          next (parser);
          continue;
        }
      break;
    }

  if (!expect_word (parser, "FROM", error))
    return NULL;
  token = next (parser);
  if (token->kind != TOKEN_WORD)
    {
      unexpected (token, error);
      return NULL;
    }
  if (parent != NULL)
    {
      if (parent->child == NULL || g_ascii_strcasecmp (parent->child->name, token->text) != 0)
        {
          g_set_error (error, SF_ERROR, SF_ERROR_INVALID_TYPE,
                       "Didn't understand relationship '%s' in FROM part of query call. If you are attempting "
                       "to use a custom relationship, be sure to append the '__r' after the custom relationship "
                       "name.", token->text);
          return NULL;
        }
      query->object = parent->child->object;
    }
  else if ((query->object = find_object (token->text)) == NULL)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_TYPE, "sObject type '%s' is not supported.", token->text);
      return NULL;
    }

  for (guint i = 0, s = 0; i < names->len; i++)
    {
      SfItem item = { NULL, NULL, NULL };

      if (g_ptr_array_index (names, i) == NULL)
        {
          guint resume = parser->pos;

          parser->pos = g_array_index (subqueries, guint, s++);
          item.sub = parse_select (sf, parser, query->object, error);
          if (item.sub == NULL)
            return NULL;
          item.child = query->object->child;
          if (!expect_punct (parser, ")", error))
            {
              sf_query_free (item.sub);
              return NULL;
            }
          parser->pos = resume;
        }
      else if ((item.field = resolve_field (query->object, g_ptr_array_index (names, i), error)) == NULL)
        return NULL;
      g_array_append_val (query->items, item);
    }

  if (is_word (peek (parser), "WHERE"))
    {
      next (parser);
      for (;;)
        {
          if (!parse_condition (sf, parser, query, error))
            return NULL;
          if (is_word (peek (parser), "AND"))
            {
              next (parser);
              continue;
            }
          if (is_word (peek (parser), "OR"))
            {
              g_set_error (error, SF_ERROR, SF_ERROR_MALFORMED_QUERY,
                           "unexpected token: 'OR' (the simulator supports AND only)");
              return NULL;
            }
          break;
        }
    }

  if (is_word (peek (parser), "ORDER"))
    {
      next (parser);
      if (!expect_word (parser, "BY", error))
        return NULL;
      for (;;)
        {
          SfOrder order = { NULL, FALSE };

          token = next (parser);
          if (token->kind != TOKEN_WORD)
            {
              unexpected (token, error);
              return NULL;
            }
          if ((order.field = resolve_field (query->object, token->text, error)) == NULL)
            return NULL;
          if (is_word (peek (parser), "ASC") || is_word (peek (parser), "DESC"))
            order.is_descending = is_word (next (parser), "DESC");
          if (is_word (peek (parser), "NULLS"))
            {
              next (parser);
              token = next (parser);
              if (!is_word (token, "FIRST") && !is_word (token, "LAST"))
                {
                  unexpected (token, error);
                  return NULL;
                }
            }
          g_array_append_val (query->orders, order);
          if (!is_punct (peek (parser), ","))
            break;
          next (parser);
        }
    }

  if (is_word (peek (parser), "LIMIT"))
    {
      next (parser);
      token = next (parser);
      if (token->kind != TOKEN_LITERAL || !parse_int_text (token->text, &query->limit) || query->limit < 0)
        {
          unexpected (token, error);
          return NULL;
        }
    }

  return g_steal_pointer (&query);
}

static SfQuery *
parse_soql (SimSalesforce  *sf,
            const char     *text,
            GError        **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  Parser parser = { tokens, 0, NULL };
  SfQuery *query;

  g_array_set_clear_func (tokens, token_clear);
  if (!tokenize (text, tokens, error))
    return NULL;
  if ((query = parse_select (sf, &parser, NULL, error)) == NULL)
    return NULL;
  if (peek (&parser)->kind != TOKEN_END)
    {
      unexpected (peek (&parser), error);
      sf_query_free (query);
      return NULL;
    }
  /* String literals point into the tokens: keep copies. */
  for (guint i = 0; i < query->conds->len; i++)
    {
      SfCond *cond = &g_array_index (query->conds, SfCond, i);

      if (cond->literal.s != NULL)
        cond->literal.s = g_intern_string (cond->literal.s);
    }
  for (guint i = 0; i < query->items->len; i++)
    {
      SfQuery *sub = g_array_index (query->items, SfItem, i).sub;

      for (guint j = 0; sub != NULL && j < sub->conds->len; j++)
        {
          SfCond *cond = &g_array_index (sub->conds, SfCond, j);

          if (cond->literal.s != NULL)
            cond->literal.s = g_intern_string (cond->literal.s);
        }
    }
  query->text = g_strdup (text);
  return query;
}

/* Evaluation. */

static int
compare_values (SfType         type,
                const SfValue *a,
                const SfValue *b)
{
  if (a->is_null || b->is_null)
    return (int) b->is_null - (int) a->is_null;   /* nulls first */
  switch (type)
    {
    case SF_STRING:
    case SF_PICKLIST:
      return g_strcmp0 (a->s, b->s);
    case SF_ID:
      {
        guint64 number;

        /* Another row's id (a key prefix and a number), or a literal id;
         * one of another object never matches. Base 62 in ASCII order
         * sorts as the numbers do. */
        if (strlen (b->s) == 3)
          number = (guint64) b->n;
        else if (!parse_id (b->s, a->s, &number))
          return 1;
        return (guint64) a->n < number ? -1 : (guint64) a->n > number;
      }
    default:
      return a->n < b->n ? -1 : a->n > b->n;
    }
}

static gboolean
matches (SimSalesforce  *sf,
         const SfQuery  *query,
         guint           row)
{
  for (guint i = 0; i < query->conds->len; i++)
    {
      const SfCond *cond = &g_array_index (query->conds, SfCond, i);
      SfValue value;
      int c;

      get_value (sf, query->object, row, cond->field, &value);
      if (cond->op == OP_IN)
        {
          if (value.is_null || !g_hash_table_contains (cond->in_set, &value.n))
            return FALSE;
          continue;
        }
      if (cond->literal.is_null || value.is_null)
        {
          gboolean both = cond->literal.is_null && value.is_null;

          if ((cond->op == OP_EQ && !both) || (cond->op == OP_NE && both) ||
              (cond->op != OP_EQ && cond->op != OP_NE))
            return FALSE;
          continue;
        }
      c = compare_values (cond->field->type, &value, &cond->literal);
      switch (cond->op)
        {
        case OP_EQ: if (c != 0) return FALSE; break;
        case OP_NE: if (c == 0) return FALSE; break;
        case OP_LT: if (c >= 0) return FALSE; break;
        case OP_LE: if (c > 0) return FALSE; break;
        case OP_GT: if (c <= 0) return FALSE; break;
        case OP_GE: if (c < 0) return FALSE; break;
        case OP_IN:
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static GHashTable *
run_semi_join (SimSalesforce *sf,
               SfQuery       *inner)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const SfField *field = g_array_index (inner->items, SfItem, 0).field;
  guint n = object_n_rows (sf, inner->object);

  for (guint row = 0; row < n; row++)
    {
      SfValue value;

      if (row_is_deleted (sf, inner->object, row) || !matches (sf, inner, row))
        continue;
      get_value (sf, inner->object, row, field, &value);
      if (!value.is_null)
        g_hash_table_add (set, g_memdup2 (&value.n, sizeof value.n));
    }
  return set;
}

typedef struct {
  SimSalesforce *sf;
  const SfQuery *query;
} SortContext;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SortContext *context = user_data;
  guint ra = *(const guint *) a, rb = *(const guint *) b;

  for (guint i = 0; i < context->query->orders->len; i++)
    {
      const SfOrder *order = &g_array_index (context->query->orders, SfOrder, i);
      SfValue va, vb;
      int c;

      get_value (context->sf, context->query->object, ra, order->field, &va);
      get_value (context->sf, context->query->object, rb, order->field, &vb);
      c = compare_values (order->field->type, &va, &vb);
      if (c != 0)
        return order->is_descending ? -c : c;
    }
  return ra < rb ? -1 : ra > rb;
}

static GArray *
run_query (SimSalesforce *sf,
           const SfQuery *query,
           gboolean       include_deleted)
{
  guint n = object_n_rows (sf, query->object);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  SortContext context = { sf, query };

  for (guint row = 0; row < n; row++)
    if ((include_deleted || !row_is_deleted (sf, query->object, row)) && matches (sf, query, row))
      g_array_append_val (rows, row);
  if (query->orders->len > 0)
    g_qsort_with_data (rows->data, (gint) rows->len, sizeof (guint), compare_rows, &context);
  if (query->limit >= 0 && (gint64) rows->len > query->limit)
    g_array_set_size (rows, (guint) query->limit);
  return rows;
}

/* Responses. */

static const char *
huge_string (SimSalesforce *sf)
{
  static const char pattern[] = "Huge name 🐘 ";

  if (sf->huge_string == NULL)
    {
      GString *text = g_string_sized_new (HUGE_STRING_BYTES + 1);

      while (text->len + strlen (pattern) <= HUGE_STRING_BYTES)
        g_string_append (text, pattern);
      while (text->len < HUGE_STRING_BYTES)
        g_string_append_c (text, 'x');
      sf->huge_string = g_string_free (text, FALSE);
    }
  return sf->huge_string;
}

static void
append_control_label (GString    *out,
                      const char *label)
{
  g_autoptr(GString) text = g_string_new ("Ctrl\x01\x02\x1b[31m\x7f\ttab\nline ");

  g_string_append (text, label != NULL ? label : "");
  g_string_append (text, " \xff\xfe\xc3\x28 end");
  sim_json_append_string_len (out, text->str, text->len);
}

/* The wrong-types fault: by the record's position, one class of field
 * gets a value of the wrong type. */
static gboolean
append_wrong_type (GString       *out,
                   SfType         type,
                   const SfValue *value,
                   guint          position)
{
  switch (position % 4)
    {
    case 0:
      if (type == SF_CURRENCY || type == SF_NUMBER)
        {
          g_string_append (out, "\"abc\"");
          return TRUE;
        }
      return FALSE;
    case 1:
      if (type == SF_DATE)
        g_string_append (out, "\"2026-13-45\"");
      else if (type == SF_DATETIME)
        g_string_append (out, "\"2026-13-45T25:61:00.000+0000\"");
      else
        return FALSE;
      return TRUE;
    case 2:
      if (type == SF_PICKLIST)
        g_string_append (out, "\"SUPERHIGH\"");
      else if (type == SF_BOOL)
        g_string_append (out, "\"maybe\"");
      else
        return FALSE;
      return TRUE;
    default:
      if ((type == SF_STRING || type == SF_ID) && !value->is_null)
        {
          g_string_append (out, "12345");
          return TRUE;
        }
      return FALSE;
    }
}

static void
append_attributes (Request        *req,
                   const SfObject *object,
                   guint           row)
{
  SfValue id;
  char text[19];

  memset (&id, 0, sizeof id);
  object->get (req->sf, row, F_ID, &id);
  format_id (text, id.s, (guint64) id.n);
  g_string_append_printf (req->body, "\"attributes\":{\"type\":\"%s\",\"url\":\"/services/data/%s/sobjects/%s/%s\"}",
                          object->name, req->version, object->name, text);
}

static void append_record (Request        *req,
                           const SfQuery  *query,
                           guint           row,
                           guint           position,
                           gboolean        include_deleted);

static void
append_children (Request       *req,
                 const SfItem  *item,
                 guint          row,
                 gboolean       include_deleted)
{
  const SfQuery *sub = item->sub;

  /* One child row per parent row, at the same index. */
  if ((!include_deleted && row_is_deleted (req->sf, sub->object, row)) || !matches (req->sf, sub, row) ||
      sub->limit == 0)
    {
      g_string_append (req->body, "null");
      return;
    }
  g_string_append (req->body, "{\"totalSize\":1,\"done\":true,\"records\":[");
  append_record (req, sub, row, 1, include_deleted);
  g_string_append (req->body, "]}");
}

static void
append_record (Request        *req,
               const SfQuery  *query,
               guint           row,
               guint           position,
               gboolean        include_deleted)
{
  GString *out = req->body;
  SimFaultKind fault = req->fault.kind;
  const SfObject *object = query->object;
  gboolean is_top = object != &contract_object;
  gboolean has_label_override = is_top && object->label_field != NULL &&
                                ((fault == SIM_FAULT_HUGE_STRING && position == 0) ||
                                 (fault == SIM_FAULT_CONTROL_CHARS && position % 5 == 0));
  gboolean wrote_label = FALSE;

  g_string_append_c (out, '{');
  append_attributes (req, object, row);
  for (guint i = 0; i < query->items->len; i++)
    {
      const SfItem *item = &g_array_index (query->items, SfItem, i);
      SfValue value;

      if (item->sub != NULL)
        {
          g_string_append_c (out, ',');
          sim_json_append_member (out, item->child->name);
          append_children (req, item, row, include_deleted);
          continue;
        }
      if (is_top && item->field->code == F_ID && fault == SIM_FAULT_MISSING_ID && position % 3 == 0)
        continue;

      g_string_append_c (out, ',');
      sim_json_append_member (out, item->field->name);
      get_value (req->sf, object, row, item->field, &value);
      if (has_label_override && strcmp (item->field->name, object->label_field) == 0)
        {
          wrote_label = TRUE;
          if (fault == SIM_FAULT_HUGE_STRING)
            sim_json_append_string (out, huge_string (req->sf));
          else
            append_control_label (out, value.s);
          continue;
        }
      if (is_top && fault == SIM_FAULT_WRONG_TYPES && append_wrong_type (out, item->field->type, &value, position))
        continue;
      append_value (out, item->field->type, &value);
    }
  if (has_label_override && !wrote_label)
    {
      const SfField *label = find_field (object, object->label_field);
      SfValue value;

      get_value (req->sf, object, row, label, &value);
      g_string_append_c (out, ',');
      sim_json_append_member (out, label->name);
      if (fault == SIM_FAULT_HUGE_STRING)
        sim_json_append_string (out, huge_string (req->sf));
      else
        append_control_label (out, value.s);
    }
  g_string_append_c (out, '}');
}

static void
locator_free (gpointer data)
{
  Locator *locator = data;

  g_free (locator->id);
  sf_query_free (locator->query);
  g_array_unref (locator->rows);
  g_free (locator);
}

static void
append_page (Request *req,
             Locator *locator,
             guint    offset,
             guint    batch)
{
  GString *out = req->body;
  guint total = locator->rows->len;
  guint end = MIN (total, offset + batch);
  gboolean is_done = end >= total && req->fault.kind != SIM_FAULT_LOOP;

  g_string_append_printf (out, "{\"totalSize\":%u,\"done\":%s,", total, is_done ? "true" : "false");
  if (!is_done)
    g_string_append_printf (out, "\"nextRecordsUrl\":\"/services/data/%s/query/%s-%u\",", req->version,
                            locator->id, req->fault.kind == SIM_FAULT_LOOP ? offset : end);
  g_string_append (out, "\"records\":[");
  for (guint i = offset; i < end; i++)
    {
      if (i > offset)
        g_string_append_c (out, ',');
      append_record (req, locator->query, g_array_index (locator->rows, guint, i), i - offset,
                     locator->include_deleted);
    }
  if (req->fault.kind == SIM_FAULT_DUPLICATE_ID && end > offset)
    {
      g_string_append_c (out, ',');
      append_record (req, locator->query, g_array_index (locator->rows, guint, offset), end - offset,
                     locator->include_deleted);
    }
  g_string_append (out, "]}");
}

/* Errors: a JSON array of {message, errorCode}. */
static void
fail (Request     *req,
      guint        status,
      const char  *code,
      const char  *message)
{
  req->status = status;
  g_string_truncate (req->body, 0);
  g_string_append (req->body, "[{\"message\":");
  sim_json_append_string (req->body, message);
  g_string_append (req->body, ",\"errorCode\":");
  sim_json_append_string (req->body, code);
  g_string_append (req->body, "}]");
}

static void
fail_error (Request *req,
            GError  *error)
{
  fail (req, error->code == SF_ERROR_NOT_FOUND ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_BAD_REQUEST,
        error_codes[error->code], error->message);
}

static guint
batch_size (Request *req)
{
  const char *options = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                      "Sforce-Query-Options");
  const char *p = options != NULL ? strstr (options, "batchSize=") : NULL;
  gint64 size;

  if (p == NULL)
    return BATCH_DEFAULT;
  size = g_ascii_strtoll (p + strlen ("batchSize="), NULL, 10);
  return (guint) CLAMP (size, BATCH_MIN, BATCH_MAX);
}

static Locator *
store_locator (SimSalesforce *sf,
               SfQuery       *query,
               GArray        *rows,
               gboolean       include_deleted)
{
  Locator *locator = g_new0 (Locator, 1);
  char id[19];

  format_id (id, "01g", ++sf->n_locators + G_GUINT64_CONSTANT (3000000000000));
  locator->id = g_strdup (id);
  locator->query = query;
  locator->rows = rows;
  locator->include_deleted = include_deleted;
  g_hash_table_insert (sf->locators, locator->id, locator);
  g_queue_push_tail (&sf->locator_order, locator->id);
  while (sf->locator_order.length > MAX_LOCATORS)
    g_hash_table_remove (sf->locators, g_queue_pop_head (&sf->locator_order));
  return locator;
}

static char *
query_param (SoupServerMessage *msg,
             const char        *name)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));
  g_auto(GStrv) pairs = NULL;
  char *value = NULL;

  if (raw == NULL)
    return NULL;
  pairs = g_strsplit (raw, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      gsize length = strlen (name);

      if (strncmp (pairs[i], name, length) == 0 && pairs[i][length] == '=')
        {
          /* Form encoding: '+' is a space (SOQL has no other use for it
           * outside datetime offsets, which clients must escape). */
          g_strdelimit (pairs[i] + length + 1, "+", ' ');
          g_free (value);
          value = g_uri_unescape_string (pairs[i] + length + 1, NULL);
        }
    }
  return value;
}

/* GET …/query?q= and …/queryAll?q= */
static void
handle_query (Request  *req,
              gboolean  include_deleted)
{
  g_autofree char *soql = query_param (req->msg, "q");
  g_autoptr(GError) error = NULL;
  SfQuery *query;
  Locator *locator;

  if (soql == NULL || *soql == '\0')
    return fail (req, SOUP_STATUS_BAD_REQUEST, "MALFORMED_QUERY", "A query string has to be specified");
  if ((query = parse_soql (req->sf, soql, &error)) == NULL)
    return fail_error (req, error);
  locator = store_locator (req->sf, query, run_query (req->sf, query, include_deleted), include_deleted);
  append_page (req, locator, 0, batch_size (req));
}

/* GET …/query/<locator>-<offset> */
static void
handle_more (Request    *req,
             const char *segment)
{
  const char *dash = strrchr (segment, '-');
  g_autofree char *id = NULL;
  gint64 offset;
  Locator *locator;

  if (dash == NULL || !parse_int_text (dash + 1, &offset) || offset < 0)
    return fail (req, SOUP_STATUS_BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator");
  id = g_strndup (segment, (gsize) (dash - segment));
  locator = g_hash_table_lookup (req->sf->locators, id);
  if (locator == NULL || offset > locator->rows->len)
    return fail (req, SOUP_STATUS_BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator");
  append_page (req, locator, (guint) offset, batch_size (req));
}

static gboolean
parse_replication_date (const char *text,
                        gint64     *ms)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

/* GET …/sobjects/{Type}/deleted/?start=&end= */
static void
handle_deleted (Request        *req,
                const SfObject *object)
{
  g_autofree char *start_text = query_param (req->msg, "start");
  g_autofree char *end_text = query_param (req->msg, "end");
  gint64 start, end, earliest = G_MAXINT64;
  guint n = object_n_rows (req->sf, object);
  gboolean first = TRUE;

  if (start_text != NULL)
    g_strdelimit (start_text, " ", '+');
  if (end_text != NULL)
    g_strdelimit (end_text, " ", '+');
  if (!parse_replication_date (start_text, &start) || !parse_replication_date (end_text, &end))
    return fail (req, SOUP_STATUS_BAD_REQUEST, "MALFORMED_QUERY",
                 "start and end must be ISO 8601 date-times, such as 2026-03-01T00:00:00+00:00");
  if (end <= start)
    return fail (req, SOUP_STATUS_BAD_REQUEST, "INVALID_REPLICATION_DATE",
                 "The end date must be after the start date");
  if (!object->is_replicable)
    return fail (req, SOUP_STATUS_BAD_REQUEST, "REPLICATION_NOT_SUPPORTED",
                 "Replication is not supported for this object");

  /* Salesforce covers whole minutes. */
  end -= end % 60000;
  g_string_append (req->body, "{\"deletedRecords\":[");
  for (guint row = 0; row < n; row++)
    {
      const SimMeta *meta = meta_at (req->sf, object->kind, row);
      char id[19];

      if (meta->archived_ms == 0)
        continue;
      earliest = MIN (earliest, meta->archived_ms);
      if (meta->archived_ms < start || meta->archived_ms >= end)
        continue;
      format_id (id, object->prefix, meta->id);
      g_string_append_printf (req->body, "%s{\"id\":\"%s\",\"deletedDate\":\"", first ? "" : ",", id);
      append_datetime (req->body, meta->archived_ms);
      g_string_append (req->body, "\"}");
      first = FALSE;
    }
  g_string_append (req->body, "],\"earliestDateAvailable\":\"");
  append_datetime (req->body, earliest != G_MAXINT64 ? earliest - earliest % 60000 : start - start % 60000);
  g_string_append (req->body, "\",\"latestDateCovered\":\"");
  append_datetime (req->body, end);
  g_string_append (req->body, "\"}");
}

/* Routing. */

typedef enum {
  ROUTE_UNKNOWN,
  ROUTE_VERSIONS,
  ROUTE_QUERY,
  ROUTE_QUERY_ALL,
  ROUTE_QUERY_MORE,
  ROUTE_DELETED,
} RouteKind;

static gboolean
is_version (const char *text)
{
  int major = 0, n = 0;

  return text[0] == 'v' && sscanf (text + 1, "%d.0%n", &major, &n) == 1 && text[1 + n] == '\0' &&
         major >= 20 && major <= 99;
}

static void
send_status_fault (Request     *req,
                   SimFaultHit  hit)
{
  switch (hit.kind)
    {
    case SIM_FAULT_429:
    case SIM_FAULT_SF_LIMIT:
      /* Salesforce has no 429: running out of the org's API calls is a 403. */
      fail (req, SOUP_STATUS_FORBIDDEN, "REQUEST_LIMIT_EXCEEDED",
            hit.kind == SIM_FAULT_SF_LIMIT ? "TotalRequests Limit exceeded."
                                           : "ConcurrentPerOrgLongTxn Limit exceeded.");
      req->sf->n_limited++;
      break;
    case SIM_FAULT_500:
      fail (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
            "An unexpected error occurred. Please include this ErrorId if you contact support: "
            "1934614547-52219 (-1127436718)");
      break;
    case SIM_FAULT_502:
      fail (req, SOUP_STATUS_BAD_GATEWAY, "SERVER_UNAVAILABLE", "Bad gateway");
      break;
    case SIM_FAULT_503:
    default:
      fail (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "SERVER_UNAVAILABLE",
            "Server temporarily unavailable, please try again later");
      break;
    }
}

static gboolean
is_authorized (SimSalesforce     *sf,
               SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;
  value += 7;
  while (*value == ' ')
    value++;
  return g_strcmp0 (value, sf->token) == 0;
}

static void
count_request (SimSalesforce *sf,
               const char    *key)
{
  gpointer count = g_hash_table_lookup (sf->requests, key);

  g_hash_table_replace (sf->requests, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  sf->n_requests++;
}

gboolean
sim_salesforce_handle (SimSalesforce     *sf,
                       SoupServerMessage *msg,
                       const char        *path)
{
  g_auto(GStrv) segments = NULL;
  g_autofree char *key = NULL;
  Request req = { 0 };
  RouteKind route = ROUTE_UNKNOWN;
  const SfObject *object = NULL;
  const char *more = NULL;
  guint n;
  char usage[48];

  if (!g_str_has_prefix (path, "/services/data"))
    return FALSE;

  segments = g_strsplit (path + 1, "/", -1);
  n = g_strv_length (segments);
  while (n > 0 && segments[n - 1][0] == '\0')
    n--;
  if (n == 2)
    route = ROUTE_VERSIONS;
  else if (n >= 4 && is_version (segments[2]))
    {
      req.version = segments[2];
      if (n == 4 && strcmp (segments[3], "query") == 0)
        route = ROUTE_QUERY;
      else if (n == 4 && strcmp (segments[3], "queryAll") == 0)
        route = ROUTE_QUERY_ALL;
      else if (n == 5 && (strcmp (segments[3], "query") == 0 || strcmp (segments[3], "queryAll") == 0))
        {
          route = ROUTE_QUERY_MORE;
          more = segments[4];
        }
      else if (n == 6 && strcmp (segments[3], "sobjects") == 0 && strcmp (segments[5], "deleted") == 0 &&
               (object = find_object (segments[4])) != NULL)
        route = ROUTE_DELETED;
    }

  switch (route)
    {
    case ROUTE_VERSIONS:   key = g_strdup ("GET /services/data"); break;
    case ROUTE_QUERY:      key = g_strdup ("GET /services/data/vXX.X/query"); break;
    case ROUTE_QUERY_ALL:  key = g_strdup ("GET /services/data/vXX.X/queryAll"); break;
    case ROUTE_QUERY_MORE: key = g_strdup ("GET /services/data/vXX.X/query/{locator}"); break;
    case ROUTE_DELETED:    key = g_strdup_printf ("GET /services/data/vXX.X/sobjects/%s/deleted", object->name); break;
    case ROUTE_UNKNOWN:
    default:               key = g_strdup ("unknown"); break;
    }
  count_request (sf, key);

  req.sf = sf;
  req.msg = msg;
  req.status = SOUP_STATUS_OK;
  req.body = g_string_sized_new (4096);
  if (req.version == NULL)
    req.version = "v60.0";

  g_snprintf (usage, sizeof usage, "api-usage=%" G_GUINT64_FORMAT "/%d", MIN (sf->n_requests, DAILY_LIMIT),
              DAILY_LIMIT);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Sforce-Limit-Info", usage);

  if (route == ROUTE_VERSIONS)
    {
      /* The one unauthenticated resource: which versions the org speaks. */
      g_string_append (req.body, "[{\"label\":\"Spring ’24\",\"url\":\"/services/data/v60.0\",\"version\":\"60.0\"}]");
      goto respond;
    }
  if (!is_authorized (sf, msg))
    {
      fail (&req, SOUP_STATUS_UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid");
      goto respond;
    }
  if (route == ROUTE_UNKNOWN)
    {
      fail (&req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
      goto respond;
    }
  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      fail (&req, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
            "HTTP Method is not allowed for this resource");
      goto respond;
    }

  req.fault = sim_faults_take (sf->faults, path, route != ROUTE_DELETED);
  if (sim_fault_kind_is_status (req.fault.kind))
    {
      send_status_fault (&req, req.fault);
      goto respond;
    }

  switch (route)
    {
    case ROUTE_QUERY:
      handle_query (&req, FALSE);
      break;
    case ROUTE_QUERY_ALL:
      handle_query (&req, TRUE);
      break;
    case ROUTE_QUERY_MORE:
      handle_more (&req, more);
      break;
    case ROUTE_DELETED:
      handle_deleted (&req, object);
      break;
    case ROUTE_VERSIONS:
    case ROUTE_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

respond:
  sim_faults_respond (sf->faults, msg, req.fault.kind, req.status, JSON_CONTENT_TYPE, req.body);
  return TRUE;
}

SimSalesforce *
sim_salesforce_new (SimBook    *book,
                    SimFaults  *faults,
                    const char *token)
{
  SimSalesforce *sf = g_new0 (SimSalesforce, 1);

  sf->book = book;
  sf->faults = faults;
  sf->token = g_strdup (token);
  sf->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sf->locators = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, locator_free);
  g_queue_init (&sf->locator_order);
  return sf;
}

void
sim_salesforce_free (SimSalesforce *sf)
{
  if (sf == NULL)
    return;
  g_queue_clear (&sf->locator_order);
  g_hash_table_unref (sf->locators);
  g_hash_table_unref (sf->requests);
  g_free (sf->token);
  g_free (sf->huge_string);
  g_free (sf);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Appends "salesforce": {"requests": {...}, "requests_total": N, "limit_exceeded": N}. */
void
sim_salesforce_append_stats (SimSalesforce *sf,
                             GString       *json)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (sf->requests, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  g_string_append (json, "\"salesforce\":{\"requests\":{");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      sim_json_append_member (json, keys[i]);
      g_string_append_printf (json, "%u", GPOINTER_TO_UINT (g_hash_table_lookup (sf->requests, keys[i])));
    }
  g_string_append_printf (json, "},\"requests_total\":%" G_GUINT64_FORMAT ",\"limit_exceeded\":%u}",
                          sf->n_requests, sf->n_limited);
}

gboolean
sim_salesforce_append_idmap (SimSalesforce *sf,
                             const char    *kind,
                             GString       *json)
{
  static const struct { const char *kind; int sim_kind; const char *prefix; } maps[] = {
    { "owners", -1, "005" },
    { "companies", SIM_KIND_COMPANY, "001" },
    { "contracts", SIM_KIND_COMPANY, "800" },
    { "deals", SIM_KIND_DEAL, "006" },
    { "tickets", SIM_KIND_TICKET, "500" },
    { "surveys", SIM_KIND_SURVEY, "a0X" },
  };

  for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
    {
      guint n;

      if (g_strcmp0 (kind, maps[m].kind) != 0)
        continue;
      n = maps[m].sim_kind < 0 ? sim_book_get_n_owners (sf->book)
                               : sim_book_get_n_records (sf->book, maps[m].sim_kind);
      g_string_append_c (json, '{');
      for (guint i = 0; i < n; i++)
        {
          guint64 id = maps[m].sim_kind < 0 ? sim_book_get_owner (sf->book, i)->id
                                            : sim_book_get_record (sf->book, maps[m].sim_kind, i)->id;
          char text[19];

          format_id (text, maps[m].prefix, id);
          g_string_append_printf (json, "%s\"%" G_GUINT64_FORMAT "\":\"%s\"", i > 0 ? "," : "", id, text);
        }
      g_string_append_c (json, '}');
      return TRUE;
    }
  return FALSE;
}
