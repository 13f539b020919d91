// Fast JSON text helpers for the simulator's hand-built responses.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <string.h>

#include "sim-json.h"

/* Appends @text as a JSON string. Bytes >= 0x80 pass through untouched, so
 * valid UTF-8 stays valid and deliberately broken bytes stay broken. */
void
sim_json_append_string_len (GString    *out,
                            const char *text,
                            gsize       len)
{
  static const char hex[] = "0123456789abcdef";
  gsize run = 0;

  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      const char *escape = NULL;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, text + run, (gssize) (i - run));
      run = i + 1;
      switch (c)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          break;
        }
      if (escape != NULL)
        g_string_append (out, escape);
      else
        {
          char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf], 0 };

          g_string_append (out, u);
        }
    }
  g_string_append_len (out, text + run, (gssize) (len - run));
  g_string_append_c (out, '"');
}

/* Appends @text as a JSON string, or null when @text is NULL. */
void
sim_json_append_string (GString    *out,
                        const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    sim_json_append_string_len (out, text, strlen (text));
}

/* Appends "name": */
void
sim_json_append_member (GString    *out,
                        const char *name)
{
  sim_json_append_string (out, name);
  g_string_append_c (out, ':');
}
