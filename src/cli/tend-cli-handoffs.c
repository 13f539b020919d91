// tend-cli commands of the handoffs group.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-cli.h"

const TendCliCommand tend_cli_handoffs_commands[] = {
  { NULL }
};
