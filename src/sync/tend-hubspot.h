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

G_END_DECLS
