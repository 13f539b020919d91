// Serves the simulator's book in Salesforce's REST wire format (SOQL query, queryAll, getDeleted).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

#include "sim-book.h"
#include "sim-faults.h"

G_BEGIN_DECLS

typedef struct _SimSalesforce SimSalesforce;

SimSalesforce *sim_salesforce_new           (SimBook           *book,
                                             SimFaults         *faults,
                                             const char        *token);
void           sim_salesforce_free          (SimSalesforce     *salesforce);
gboolean       sim_salesforce_handle        (SimSalesforce     *salesforce,
                                             SoupServerMessage *msg,
                                             const char        *path);
void           sim_salesforce_append_stats  (SimSalesforce     *salesforce,
                                             GString           *json);

/* Appends {"<neutral id>": "<18-character Salesforce id>", …} for a
 * neutral kind: owners, companies, contracts (keyed by company), deals,
 * tickets, surveys. FALSE for an unknown kind. */
gboolean       sim_salesforce_append_idmap  (SimSalesforce     *salesforce,
                                             const char        *kind,
                                             GString           *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimSalesforce, sim_salesforce_free)

G_END_DECLS
