// Tend fields to CRM property names: the defaults of crm-api/README.md plus overrides.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-error.h"
#include "tend-mapping.h"

typedef struct {
  const char *field;        /* Tend field */
  const char *object_type;  /* CRM object it comes from */
  const char *property;     /* default property name */
} MappingDefault;

/* crm-api/README.md, "Default mapping". */
static const MappingDefault defaults[] = {
  { "account.name",             "companies", "name" },
  { "account.domain",           "companies", "domain" },
  { "account.owner",            "companies", "hubspot_owner_id" },
  { "account.exec_owner",       "companies", "cs_executive_owner_id" },
  { "account.segment",          "companies", "cs_segment" },
  { "account.region",           "companies", "cs_region" },
  { "account.business_unit",    "companies", "cs_business_unit" },
  { "account.product_line",     "companies", "cs_product_line" },
  { "account.arr",              "companies", "cs_arr" },
  { "account.arr_prior_year",   "companies", "cs_arr_prior_year" },
  { "account.currency",         "companies", "cs_currency" },
  { "account.contract_start",   "companies", "cs_contract_start_date" },
  { "account.contract_end",     "companies", "cs_contract_end_date" },
  { "account.licensed_seats",   "companies", "cs_licensed_seats" },
  { "account.active_users_30d", "companies", "cs_active_users_30d" },
  { "account.last_activity",    "companies", "cs_last_activity_date" },
  { "account.overdue_amount",   "companies", "cs_overdue_amount" },
  { "account.stage_override",   "companies", "cs_lifecycle_stage" },
  { "account.churn_date",       "companies", "cs_churn_date" },
  { "deal.name",                "deals", "dealname" },
  { "deal.amount",              "deals", "amount" },
  { "deal.close_date",          "deals", "closedate" },
  { "deal.owner",               "deals", "hubspot_owner_id" },
  { "deal.is_won",              "deals", "hs_is_closed_won" },
  { "deal.is_closed",           "deals", "hs_is_closed" },
  { "deal.stage",               "deals", "dealstage" },
  { "deal.category",            "deals", "cs_deal_category" },
  { "deal.legacy_type",         "deals", "dealtype" },
  { "deal.currency",            "deals", "deal_currency_code" },
  { "ticket.subject",           "tickets", "subject" },
  { "ticket.priority",          "tickets", "hs_ticket_priority" },
  { "ticket.created_at",        "tickets", "createdate" },
  { "ticket.closed_at",         "tickets", "closed_date" },
  { "survey.type",              "feedback_submissions", "hs_survey_type" },
  { "survey.value",             "feedback_submissions", "hs_response_value" },
  { "survey.verbatim",          "feedback_submissions", "hs_content" },
  { "survey.submitted_at",      "feedback_submissions", "hs_submission_timestamp" },
  { "survey.respondent",        "feedback_submissions", "hs_contact_email_rollup" },
};

static const char * const object_types[] = { "companies", "deals", "tickets", "feedback_submissions" };

/* The CRM's own last-modified property, not a mapping. */
#define MODIFIED_PROPERTY "hs_lastmodifieddate"

struct _TendMapping
{
  GHashTable *properties;                          /* field -> property */
  GStrv       requested[G_N_ELEMENTS (object_types)];
};

static gboolean
is_property_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 100)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

void
tend_mapping_free (TendMapping *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->properties, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (object_types); i++)
    g_strfreev (self->requested[i]);
  g_free (self);
}

TendMapping *
tend_mapping_new (GHashTable  *overrides,
                  GError     **error)
{
  g_autoptr(TendMapping) self = g_new0 (TendMapping, 1);

  self->properties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    g_hash_table_insert (self->properties, (gpointer) defaults[i].field, g_strdup (defaults[i].property));

  if (overrides != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, overrides);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *field = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
            if (g_strcmp0 (defaults[i].field, key) == 0)
              field = defaults[i].field;
          if (field == NULL)
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The field mapping names an unknown Tend field “%s”; fix the field-mapping setting",
                           (const char *) key);
              return NULL;
            }
          if (!is_property_name (value))
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The field mapping gives “%s” for %s, which is not a CRM property name; fix the field-mapping setting",
                           (const char *) value, field);
              return NULL;
            }
          g_hash_table_insert (self->properties, (gpointer) field, g_strdup (value));
        }
    }

  for (guint t = 0; t < G_N_ELEMENTS (object_types); t++)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
        {
          const char *property;

          if (strcmp (defaults[i].object_type, object_types[t]) != 0)
            continue;
          property = g_hash_table_lookup (self->properties, defaults[i].field);
          if (g_hash_table_add (seen, (gpointer) property))
            g_ptr_array_add (list, g_strdup (property));
        }
      if (g_hash_table_add (seen, (gpointer) MODIFIED_PROPERTY))
        g_ptr_array_add (list, g_strdup (MODIFIED_PROPERTY));
      g_ptr_array_add (list, NULL);
      self->requested[t] = (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
    }

  return g_steal_pointer (&self);
}

const char *
tend_mapping_get (TendMapping *self,
                  const char  *field)
{
  const char *property;

  g_return_val_if_fail (self != NULL, NULL);

  property = g_hash_table_lookup (self->properties, field);
  g_return_val_if_fail (property != NULL, NULL);
  return property;
}

const char * const *
tend_mapping_get_properties (TendMapping *self,
                             const char  *object_type)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (object_types); t++)
    if (g_strcmp0 (object_types[t], object_type) == 0)
      return (const char * const *) self->requested[t];
  return NULL;
}

const char * const *
tend_mapping_list_fields (void)
{
  static const char *fields[G_N_ELEMENTS (defaults) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
        fields[i] = defaults[i].field;
      g_once_init_leave (&initialized, 1);
    }
  return fields;
}
