// How the window writes days, moments and counts for people.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-day.h"

G_BEGIN_DECLS

char *tend_format_day          (TendDay     day);
char *tend_format_time_ago     (GDateTime  *when,
                                GDateTime  *now);
char *tend_format_moment       (GDateTime  *when);
char *tend_format_count        (gint64      count);

G_END_DECLS
