// tend-cli commands of the health group.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-cli.h"

const TendCliCommand tend_cli_health_commands[] = {
  { NULL }
};
