// TendSalesforce: the Salesforce REST connector (SOQL query, queryAll).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-connector.h"

G_BEGIN_DECLS

#define TEND_SALESFORCE_DEFAULT_API_VERSION "v60.0"

#define TEND_TYPE_SALESFORCE (tend_salesforce_get_type ())
G_DECLARE_FINAL_TYPE (TendSalesforce, tend_salesforce, TEND, SALESFORCE, GObject)

/* base_url is the org's instance URL (https://acme.my.salesforce.com); it
 * may end in /services/data/vNN.0 to choose the API version, otherwise
 * TEND_SALESFORCE_DEFAULT_API_VERSION. mapping_overrides (nullable) maps
 * Tend fields ("account.arr") to Salesforce field API names ("ARR__c"), as
 * the field-mapping setting does for every provider. */
TendSalesforce *tend_salesforce_new            (const char      *base_url,
                                                const char      *token,
                                                GHashTable      *mapping_overrides,
                                                GError         **error);
const char     *tend_salesforce_get_api_version (TendSalesforce *self);
/* Records per query page, 200..2000 (Sforce-Query-Options batchSize);
 * Salesforce treats it as a hint. TEND_SALESFORCE_BATCH_SIZE sets the
 * default. */
void            tend_salesforce_set_batch_size  (TendSalesforce *self,
                                                 guint           batch_size);
/* The SOQL statement a page of kind starts with; since_ms < 0 lists
 * everything. For tests and diagnostics. */
char           *tend_salesforce_build_query     (TendSalesforce *self,
                                                 TendObjectKind  kind,
                                                 gint64          since_ms);

G_END_DECLS
