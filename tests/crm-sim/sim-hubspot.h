// Serves the simulator's book in HubSpot's CRM v3/v4 wire format.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

#include "sim-book.h"
#include "sim-faults.h"

G_BEGIN_DECLS

typedef struct _SimHubspot SimHubspot;

SimHubspot *sim_hubspot_new          (SimBook           *book,
                                      SimFaults         *faults,
                                      const char        *token);
void        sim_hubspot_free         (SimHubspot        *hubspot);
void        sim_hubspot_set_base_url (SimHubspot        *hubspot,
                                      const char        *base_url);
gboolean    sim_hubspot_handle       (SimHubspot        *hubspot,
                                      SoupServerMessage *msg,
                                      const char        *path);
void        sim_hubspot_append_stats (SimHubspot        *hubspot,
                                      GString           *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimHubspot, sim_hubspot_free)

G_END_DECLS
