// The simulator's queue of injected faults and the broken deliveries they cause.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  SIM_FAULT_NONE,
  /* Answer with an error status instead. */
  SIM_FAULT_429,
  SIM_FAULT_500,
  SIM_FAULT_502,
  SIM_FAULT_503,
  /* The org's daily API limit (Salesforce REQUEST_LIMIT_EXCEEDED; HubSpot's DAILY 429). */
  SIM_FAULT_SF_LIMIT,
  /* Deliver the right answer badly. */
  SIM_FAULT_SLOW,
  SIM_FAULT_STALL,
  SIM_FAULT_TRUNCATE,
  SIM_FAULT_MALFORMED,
  /* Serve a well-formed page with bad content (record routes only). */
  SIM_FAULT_WRONG_TYPES,
  SIM_FAULT_MISSING_ID,
  SIM_FAULT_DUPLICATE_ID,
  SIM_FAULT_HUGE_STRING,
  SIM_FAULT_CONTROL_CHARS,
  SIM_FAULT_LOOP,
  SIM_N_FAULTS
} SimFaultKind;

typedef struct {
  SimFaultKind kind;
  int          retry_after;   /* seconds, for 429; -1: no Retry-After header */
} SimFaultHit;

typedef struct _SimFaults SimFaults;

SimFaults    *sim_faults_new               (void);
void          sim_faults_free              (SimFaults          *faults);

gboolean      sim_faults_add               (SimFaults          *faults,
                                            SimFaultKind        kind,
                                            int                 count,
                                            const char         *path,
                                            int                 skip,
                                            int                 retry_after,
                                            GError            **error);
gboolean      sim_faults_add_spec          (SimFaults          *faults,
                                            const char         *spec,
                                            GError            **error);
gboolean      sim_faults_add_json          (SimFaults          *faults,
                                            const char         *json,
                                            gsize               length,
                                            GError            **error);
void          sim_faults_clear             (SimFaults          *faults);
guint         sim_faults_get_n_pending     (SimFaults          *faults);
guint         sim_faults_get_n_injected    (SimFaults          *faults,
                                            SimFaultKind        kind);

SimFaultHit   sim_faults_take              (SimFaults          *faults,
                                            const char         *path,
                                            gboolean            is_record_route);
void          sim_faults_respond           (SimFaults          *faults,
                                            SoupServerMessage  *msg,
                                            SimFaultKind        kind,
                                            guint               status,
                                            const char         *content_type,
                                            GString            *body);

const char   *sim_fault_kind_to_string     (SimFaultKind        kind);
gboolean      sim_fault_kind_from_string   (const char         *text,
                                            SimFaultKind       *kind);
gboolean      sim_fault_kind_is_status     (SimFaultKind        kind);
gboolean      sim_fault_kind_is_data       (SimFaultKind        kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimFaults, sim_faults_free)

G_END_DECLS
