// Tend fields to CRM property names: the defaults of crm-api/README.md plus overrides.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TendMapping TendMapping;

/* overrides (nullable): "account.arr" -> "my_arr". Unknown field names and
 * property names that are not [A-Za-z0-9_] fail with TEND_ERROR_INVALID_INPUT. */
TendMapping  *tend_mapping_new               (GHashTable   *overrides,
                                              GError      **error);
void          tend_mapping_free              (TendMapping  *self);

/* The CRM property of a Tend field such as "deal.amount". */
const char   *tend_mapping_get               (TendMapping  *self,
                                              const char   *field);
/* The properties to request for a CRM object type ("companies", "deals",
 * "tickets", "feedback_submissions"), hs_lastmodifieddate included; a
 * NULL-terminated array owned by the mapping. */
const char * const *tend_mapping_get_properties (TendMapping  *self,
                                                 const char   *object_type);
/* The known Tend fields, NULL-terminated. */
const char * const *tend_mapping_list_fields  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendMapping, tend_mapping_free)

G_END_DECLS
