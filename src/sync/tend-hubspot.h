// TendHubspot: the HubSpot CRM v3 connector.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-connector.h"
#include "tend-mapping.h"

G_BEGIN_DECLS

#define TEND_TYPE_HUBSPOT (tend_hubspot_get_type ())
G_DECLARE_FINAL_TYPE (TendHubspot, tend_hubspot, TEND, HUBSPOT, GObject)

/* Takes ownership of http; mapping must outlive the connector. */
TendHubspot *tend_hubspot_new (TendHttp    *http,
                               TendMapping *mapping);

/* For tests/fuzz: what a list page (companies == NULL) or a search page
 * (companies: record id -> company id) of kind makes of a response body,
 * without the network. NULL with TEND_ERROR_PROTOCOL when the body is not
 * a page. */
TendPage    *tend_hubspot_parse_page_for_fuzzing (TendHubspot    *self,
                                                  TendObjectKind  kind,
                                                  const char     *body,
                                                  gsize           length,
                                                  GHashTable     *companies,
                                                  GError        **error);

G_END_DECLS
