// TendConnector: what the sync engine needs from a CRM, provider-neutral.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-connector.h"

G_DEFINE_INTERFACE (TendConnector, tend_connector, G_TYPE_OBJECT)

static void
tend_connector_default_init (TendConnectorInterface *iface)
{
}

const char *
tend_object_kind_get_name (TendObjectKind kind)
{
  static const char * const names[TEND_N_OBJECTS] = {
    "owners", "companies", "deals", "tickets", "feedback_submissions",
  };

  g_return_val_if_fail (kind < TEND_N_OBJECTS, NULL);
  return names[kind];
}

TendRecord *
tend_record_new (const char *id)
{
  TendRecord *record = g_new0 (TendRecord, 1);

  record->id = g_strdup (id);
  record->fields = json_object_new ();
  return record;
}

void
tend_record_free (TendRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_clear_pointer (&record->fields, json_object_unref);
  g_free (record);
}

static void
record_issue_free (gpointer data)
{
  TendRecordIssue *issue = data;

  g_free (issue->id);
  g_free (issue->reason);
  g_free (issue);
}

TendPage *
tend_page_new (void)
{
  TendPage *page = g_new0 (TendPage, 1);

  page->records = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_record_free);
  page->skipped = g_ptr_array_new_with_free_func (record_issue_free);
  page->deleted_ids = g_ptr_array_new_with_free_func (g_free);
  return page;
}

void
tend_page_free (TendPage *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->records);
  g_ptr_array_unref (page->skipped);
  g_ptr_array_unref (page->deleted_ids);
  g_free (page->next_cursor);
  g_free (page);
}

void
tend_page_add_skipped (TendPage   *page,
                       const char *id,
                       const char *reason)
{
  TendRecordIssue *issue = g_new0 (TendRecordIssue, 1);

  issue->id = g_strdup (id);
  issue->reason = g_strdup (reason);
  g_ptr_array_add (page->skipped, issue);
}

const char *
tend_connector_get_provider (TendConnector *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTOR (self), NULL);
  return TEND_CONNECTOR_GET_IFACE (self)->get_provider (self);
}

gboolean
tend_connector_supports_changes (TendConnector  *self,
                                 TendObjectKind  kind)
{
  g_return_val_if_fail (TEND_IS_CONNECTOR (self), FALSE);
  return TEND_CONNECTOR_GET_IFACE (self)->supports_changes (self, kind);
}

TendPage *
tend_connector_list_page (TendConnector   *self,
                          TendObjectKind   kind,
                          const char      *cursor,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_return_val_if_fail (TEND_IS_CONNECTOR (self), NULL);
  return TEND_CONNECTOR_GET_IFACE (self)->list_page (self, kind, cursor, cancellable, error);
}

TendPage *
tend_connector_changes_page (TendConnector   *self,
                             TendObjectKind   kind,
                             gint64           since_ms,
                             const char      *cursor,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_return_val_if_fail (TEND_IS_CONNECTOR (self), NULL);
  return TEND_CONNECTOR_GET_IFACE (self)->changes_page (self, kind, since_ms, cursor, cancellable, error);
}

TendPage *
tend_connector_deleted_page (TendConnector   *self,
                             TendObjectKind   kind,
                             const char      *cursor,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_return_val_if_fail (TEND_IS_CONNECTOR (self), NULL);
  return TEND_CONNECTOR_GET_IFACE (self)->deleted_page (self, kind, cursor, cancellable, error);
}

guint
tend_connector_get_n_requests (TendConnector *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTOR (self), 0);
  return TEND_CONNECTOR_GET_IFACE (self)->get_n_requests (self);
}

void
tend_connector_set_wait_func (TendConnector    *self,
                              TendHttpWaitFunc  func,
                              gpointer          user_data)
{
  g_return_if_fail (TEND_IS_CONNECTOR (self));
  TEND_CONNECTOR_GET_IFACE (self)->set_wait_func (self, func, user_data);
}
