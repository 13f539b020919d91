// An account's success plan: the accepted handoff's objectives, status and latest note.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-handoff-fields.h"
#include "tend-handoff-item.h"
#include "tend-handoff-row.h"
#include "tend-success-plan-view.h"

/* One account's objectives are a handful of rows: read on the main thread,
 * when the account changes, the workspace reloads or the view is shown
 * again (the handoffs page may have recorded progress meanwhile). */
struct _TendSuccessPlanView
{
  AdwBin               parent_instance;

  TendWorkspace       *workspace;
  char                *account_id;
  GListStore          *objectives;

  AdwPreferencesGroup *group;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (TendSuccessPlanView, tend_success_plan_view, ADW_TYPE_BIN)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return tend_handoff_row_new (TEND_HANDOFF_ITEM (item));
}

static TendHandoffItem *
make_item (const TendHandoffObjective *o)
{
  const TendHandoffProgressNote *last = NULL;
  g_autofree char *subtitle = NULL;
  TendHandoffItem *item;

  /* The latest word on the objective, else what success means. */
  for (guint k = o->progress->len; k > 0 && last == NULL; k--)
    {
      const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, k - 1);

      if (n->note != NULL && *n->note != '\0')
        last = n;
    }
  if (last != NULL)
    {
      g_autofree char *day = tend_handoff_fields_format_instant (last->noted_at);
      /* Translators: the latest progress note of an objective: day, note */
      subtitle = g_strdup_printf (_("%s: %s"), day, last->note);
    }
  else if (o->success_metric != NULL && *o->success_metric != '\0')
    /* Translators: how an objective's success is measured, and the target */
    subtitle = g_strdup_printf (_("Measured by %s · target %s by %s"), o->success_metric,
                                o->target_value != NULL && *o->target_value != '\0' ? o->target_value : "—",
                                o->target_date != NULL && *o->target_date != '\0' ? o->target_date : "—");
  item = tend_handoff_item_new (TEND_HANDOFF_ITEM_OBJECTIVE,
                                o->objective != NULL && *o->objective != '\0' ? o->objective : _("Objective"),
                                subtitle);
  tend_handoff_item_set_badge (item, tend_objective_status_label (o->status),
                               tend_objective_status_css_class (o->status));
  return item;
}

static void
reload (TendSuccessPlanView *self)
{
  TendStore *store = self->workspace != NULL ? tend_workspace_get_store (self->workspace) : NULL;
  g_autoptr(GPtrArray) objectives = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (store != NULL && self->account_id != NULL)
    objectives = tend_handoff_success_plan_for_account (store, self->account_id, &error);
  if (error != NULL)
    g_warning ("Could not read the success plan of account %s: %s", self->account_id, error->message);
  for (guint i = 0; objectives != NULL && i < objectives->len; i++)
    g_ptr_array_add (items, make_item (g_ptr_array_index (objectives, i)));
  g_list_store_splice (self->objectives, 0, g_list_model_get_n_items (G_LIST_MODEL (self->objectives)),
                       items->pdata, items->len);
}

static void
tend_success_plan_view_dispose (GObject *object)
{
  TendSuccessPlanView *self = TEND_SUCCESS_PLAN_VIEW (object);

  /* The bin lets go of its child before the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_SUCCESS_PLAN_VIEW);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->objectives);

  G_OBJECT_CLASS (tend_success_plan_view_parent_class)->dispose (object);
}

static void
tend_success_plan_view_finalize (GObject *object)
{
  g_free (TEND_SUCCESS_PLAN_VIEW (object)->account_id);

  G_OBJECT_CLASS (tend_success_plan_view_parent_class)->finalize (object);
}

static void
tend_success_plan_view_class_init (TendSuccessPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_success_plan_view_dispose;
  object_class->finalize = tend_success_plan_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-success-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TendSuccessPlanView, group);
  gtk_widget_class_bind_template_child (widget_class, TendSuccessPlanView, list);
}

static void
tend_success_plan_view_init (TendSuccessPlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->objectives = g_list_store_new (TEND_TYPE_HANDOFF_ITEM);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->objectives), create_row, NULL, NULL);
  g_signal_connect (self, "map", G_CALLBACK (reload), NULL);
}

GtkWidget *
tend_success_plan_view_new (void)
{
  return g_object_new (TEND_TYPE_SUCCESS_PLAN_VIEW, NULL);
}

void
tend_success_plan_view_set_workspace (TendSuccessPlanView *self,
                                      TendWorkspace       *workspace)
{
  g_return_if_fail (TEND_IS_SUCCESS_PLAN_VIEW (self));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_swapped (workspace, "changed", G_CALLBACK (reload), self);
  reload (self);
}

void
tend_success_plan_view_set_account_id (TendSuccessPlanView *self,
                                       const char          *account_id)
{
  g_return_if_fail (TEND_IS_SUCCESS_PLAN_VIEW (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  reload (self);
}

GListModel *
tend_success_plan_view_get_objectives (TendSuccessPlanView *self)
{
  g_return_val_if_fail (TEND_IS_SUCCESS_PLAN_VIEW (self), NULL);
  return G_LIST_MODEL (self->objectives);
}
