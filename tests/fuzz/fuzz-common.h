// Shared by Tend's libFuzzer targets and their corpus runner.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>

G_BEGIN_DECLS

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* Makes GLib criticals and warnings fatal, so a g_return_if_fail the input
 * reaches is a finding, not a line in a log. Cheap after the first call. */
static inline void
tend_fuzz_init (void)
{
  static gboolean done;

  if (!done)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
      done = TRUE;
    }
}

/* The input as a C string (up to its first NUL byte, as argv and the JSON
 * parser would see it). */
static inline char *
tend_fuzz_string (const uint8_t *data,
                  size_t         size)
{
  return g_strndup ((const char *) data, size);
}

G_END_DECLS
