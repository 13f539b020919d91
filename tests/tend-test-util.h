// Helpers shared by the robustness tests: the simulator, the CLI, dumps.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The token every robustness test syncs with: distinctive enough that any
 * occurrence in a file or a log is a leak. */
#define TEND_TEST_TOKEN "tst-pat-na1-r0bu57-5e3cr3t-d0-n0t-l34k"

/* The as-of day the simulator's book is built around. */
#define TEND_TEST_TODAY "2026-11-23"

typedef struct {
  GSubprocess *process;
  char        *base_url;
  SoupSession *session;
} TendTestSim;

/* FALSE (and the test should skip) when TEND_CRM_SIM is not set. */
gboolean  tend_test_sim_start          (TendTestSim  *sim,
                                        const char   *accounts,
                                        const char   *token);
void      tend_test_sim_stop           (TendTestSim  *sim);
/* Answers a control or CRM call; NULL for an empty body. Fails the test
 * unless the status is below 300. */
JsonNode *tend_test_sim_call           (TendTestSim  *sim,
                                        const char   *method,
                                        const char   *path,
                                        const char   *body);
void      tend_test_sim_fault          (TendTestSim  *sim,
                                        const char   *json);
void      tend_test_sim_clear_faults   (TendTestSim  *sim);
/* Live or archived counts: type is "owners", "companies", "deals",
 * "tickets" or "surveys". */
gint64    tend_test_sim_stat           (TendTestSim  *sim,
                                        const char   *type,
                                        const char   *which);

/* Runs tend-cli (TEND_CLI) with argv (NULL-terminated, without the program)
 * and env_extra ("NAME=value" pairs, nullable) added to the environment,
 * from stdin /dev/null. Returns the exit status (-1 when killed by a
 * signal); out_stdout and out_stderr are nullable. */
int       tend_test_run_cli            (const char * const *argv,
                                        const char * const *env_extra,
                                        char              **out_stdout,
                                        char              **out_stderr);
/* The launcher tend_test_run_cli uses, for callers that need the process. */
GSubprocessLauncher *tend_test_cli_launcher (const char * const *env_extra,
                                             GSubprocessFlags    flags);

/* Reads the database with a fresh read-only connection. */
gint64    tend_test_query_int          (const char   *db_path,
                                        const char   *sql);
char     *tend_test_query_text         (const char   *db_path,
                                        const char   *sql);
/* PRAGMA integrity_check is “ok” and PRAGMA foreign_key_check is empty. */
void      tend_test_assert_db_healthy  (const char   *db_path);
/* The mirrored tables (owners, accounts, deals, tickets, survey_responses)
 * row by row, sync bookkeeping (sync_gen) left out. */
char     *tend_test_dump_mirror        (const char   *db_path);
/* Every table that only the app owns (DOMAIN.md 3): all but the mirror and
 * the sync's bookkeeping, every column. */
char     *tend_test_dump_app_owned     (const char   *db_path);
/* The whole database: schema, every table, every column. */
char     *tend_test_dump_all           (const char   *db_path);

gboolean  tend_test_file_contains      (const char   *path,
                                        const char   *needle);
/* Every regular file under dir (recursively) that contains needle, as a
 * newline-separated list; "" when none. */
char     *tend_test_find_in_tree       (const char   *dir,
                                        const char   *needle);
void      tend_test_remove_tree        (const char   *path);

G_END_DECLS
