// libFuzzer target: the HubSpot page parser (tend-hubspot.c) on any body.
// The first byte picks the object type and list or search; the rest is the
// response body.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "tend-hubspot.h"

#define MAX_STRING (64 * 1024)

static TendHubspot *hubspot;
static TendMapping *mapping;
static GHashTable  *companies;

/* What the sync engine writes to the workspace must be clean text. */
static void
check_record (const TendRecord *record)
{
  g_autoptr(GList) members = json_object_get_members (record->fields);

  g_assert_nonnull (record->id);
  g_assert_cmpuint (strlen (record->id), >, 0);
  g_assert_cmpuint (strlen (record->id), <=, 64);
  g_assert_true (g_utf8_validate (record->id, -1, NULL));
  for (const char *p = record->id; *p; p++)
    g_assert_false (g_ascii_iscntrl (*p));

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (record->fields, l->data);

      g_assert_true (JSON_NODE_HOLDS_NULL (node) || JSON_NODE_HOLDS_VALUE (node));
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_cmpuint (strlen (text), <=, MAX_STRING * 3);
          for (const char *p = text; *p; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);
              g_assert_true (!g_unichar_iscntrl (c) || c == '\n' || c == '\t');
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TendPage) page = NULL;
  g_autoptr(GError) error = NULL;
  TendObjectKind kind;
  gboolean is_search;

  tend_fuzz_init ();
  if (hubspot == NULL)
    {
      TendHttp *http = tend_http_new ("http://127.0.0.1:9", "fuzz-token", NULL);

      mapping = tend_mapping_new (NULL, NULL);
      hubspot = tend_hubspot_new (http, mapping);
      companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (companies, g_strdup ("6000000001"), g_strdup ("5000000001"));
    }
  if (size == 0)
    return 0;

  kind = data[0] % TEND_N_OBJECTS;
  is_search = (data[0] / TEND_N_OBJECTS) % 2 == 1 && kind != TEND_OBJECT_OWNERS;
  page = tend_hubspot_parse_page_for_fuzzing (hubspot, kind, (const char *) data + 1, size - 1,
                                              is_search ? companies : NULL, &error);
  if (page == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);
  /* Every record received is either kept or listed as skipped. */
  g_assert_cmpuint (page->records->len + page->skipped->len, ==, page->n_received);
  for (guint i = 0; i < page->records->len; i++)
    check_record (g_ptr_array_index (page->records, i));
  for (guint i = 0; i < page->skipped->len; i++)
    {
      const TendRecordIssue *issue = g_ptr_array_index (page->skipped, i);
      g_assert_nonnull (issue->reason);
      if (!g_utf8_validate (issue->reason, -1, NULL))
        {
          g_autofree char *escaped = g_strescape (issue->reason, NULL);
          g_error ("a skip reason is not UTF-8: %s", escaped);
        }
    }
  return 0;
}
