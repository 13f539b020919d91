// Fast JSON text helpers for the simulator's hand-built responses.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sim_json_append_string     (GString    *out,
                                 const char *text);
void sim_json_append_string_len (GString    *out,
                                 const char *text,
                                 gsize       len);
void sim_json_append_member     (GString    *out,
                                 const char *name);

G_END_DECLS
