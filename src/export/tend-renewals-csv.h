// The renewal calendar as CSV (DOMAIN.md 6), shared by tend-cli and the window.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"

G_BEGIN_DECLS

/* One row per TendRenewal (tend-renewals.h) of renewals, after a header,
 * with its assessment and milestones; book names the owners. */
char     *tend_renewals_csv      (GPtrArray      *renewals,
                                  const TendBook *book);
/* The same document, replacing path atomically. */
gboolean  tend_renewals_csv_save (GPtrArray      *renewals,
                                  const TendBook *book,
                                  const char     *path,
                                  GError        **error);

G_END_DECLS
