// Shared state and helpers of tend-cli's commands.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

#include "tend-book.h"
#include "tend-day.h"
#include "tend-store.h"

G_BEGIN_DECLS

/* Exit codes of the CLI contract (ARCHITECTURE.md). */
#define TEND_CLI_OK      0
#define TEND_CLI_FAILURE 1
#define TEND_CLI_USAGE   2

typedef struct {
  char      *workspace_path;
  TendDay    as_of;
  gboolean   as_of_given;
  TendStore *store;
  TendBook  *book;
} TendCli;

typedef int (*TendCliCommandFunc) (TendCli *cli, int argc, char **argv);

typedef struct {
  const char         *name;
  const char         *summary;
  TendCliCommandFunc  run;
} TendCliCommand;

/* Each group of commands lives in its own file and ends its list with a
 * NULL name. */
extern const TendCliCommand tend_cli_accounts_commands[];
extern const TendCliCommand tend_cli_sync_commands[];
extern const TendCliCommand tend_cli_health_commands[];
extern const TendCliCommand tend_cli_renewals_commands[];
extern const TendCliCommand tend_cli_handoffs_commands[];
extern const TendCliCommand tend_cli_incentives_commands[];
extern const TendCliCommand tend_cli_reports_commands[];

TendStore *tend_cli_store         (TendCli     *cli,
                                   GError     **error);
TendBook  *tend_cli_book          (TendCli     *cli,
                                   GError     **error);
int        tend_cli_fail          (GError      *error);
int        tend_cli_usage_error   (const char  *command,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (2, 3);
gboolean   tend_cli_parse_options (const char  *command,
                                   const char  *parameter_string,
                                   GOptionEntry *entries,
                                   int         *argc,
                                   char      ***argv,
                                   int         *out_status);
void       tend_cli_print_json    (JsonNode    *node);
void       tend_cli_print_builder (JsonBuilder *builder);
void       tend_cli_json_add_double_or_null (JsonBuilder *builder,
                                             const char  *member,
                                             gboolean     present,
                                             double       value);
void       tend_cli_json_add_day  (JsonBuilder *builder,
                                   const char  *member,
                                   TendDay      day);
void       tend_cli_json_add_string_or_null (JsonBuilder *builder,
                                             const char  *member,
                                             const char  *value);
void       tend_cli_json_add_int_or_null    (JsonBuilder *builder,
                                             const char  *member,
                                             gboolean     present,
                                             gint64       value);

G_END_DECLS
