// tend-cli commands of the reports group.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-cli.h"

const TendCliCommand tend_cli_reports_commands[] = {
  { NULL }
};
