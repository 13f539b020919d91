// tend-cli commands of the incentives group.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-cli.h"

const TendCliCommand tend_cli_incentives_commands[] = {
  { NULL }
};
