// tend-cli commands of the sync group.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-cli.h"

const TendCliCommand tend_cli_sync_commands[] = {
  { NULL }
};
