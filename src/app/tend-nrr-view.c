// NRR and GRR per CSM portfolio over a chosen period, against the target.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-day-entry.h"
#include "tend-money.h"
#include "tend-nrr-view.h"
#include "tend-nrr.h"
#include "tend-portfolio-item.h"

/* The bar runs from 0 to this many times the target. */
#define BAR_SPAN 1.5

struct _TendNrrView
{
  AdwBin         parent_instance;

  TendWorkspace *workspace;
  gulong         changed_id;
  GCancellable  *cancellable;
  guint          serial;
  gboolean       is_loaded;
  double         target;

  TendDayEntry  *from_entry;
  TendDayEntry  *to_entry;
  GtkLabel      *target_label;
  GtkLabel      *period_error;
  GtkStack      *stack;
  GtkSpinner    *spinner;
  GListStore    *portfolios;
};

G_DEFINE_FINAL_TYPE (TendNrrView, tend_nrr_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_IS_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char      *path;
  TendDay    from;
  TendDay    to;
  TendDay    as_of;
  guint      serial;
  GPtrArray *items;    /* TendPortfolioItem, totals first */
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

/* A worker thread with its own connection and book: the report walks
 * every account. */
static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(TendNrrReport) report = NULL;
  GError *error = NULL;

  if ((store = tend_store_open (data->path, &error)) == NULL ||
      (book = tend_book_load (store, &error)) == NULL ||
      (report = tend_nrr_report_compute (book, data->from, data->to, data->as_of, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < report->totals->len; i++)
    g_ptr_array_add (data->items,
                     tend_portfolio_item_new (&g_array_index (report->totals, TendRetention, i),
                                              NULL, TRUE));
  for (guint i = 0; i < report->portfolios->len; i++)
    {
      const TendRetention *r = &g_array_index (report->portfolios, TendRetention, i);

      g_ptr_array_add (data->items,
                       tend_portfolio_item_new (r, tend_book_owner_name (book, r->owner_id), FALSE));
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_is_loaded (TendNrrView *self,
               gboolean     is_loaded)
{
  if (self->is_loaded == is_loaded)
    return;
  self->is_loaded = is_loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOADED]);
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TendNrrView *self = TEND_NRR_VIEW (object);
  ComputeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (data->serial != self->serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (!ok)
    {
      gtk_label_set_label (self->period_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->period_error), TRUE);
      g_list_store_remove_all (self->portfolios);
    }
  else
    g_list_store_splice (self->portfolios, 0, g_list_model_get_n_items (G_LIST_MODEL (self->portfolios)),
                         data->items->pdata, data->items->len);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->portfolios)) > 0
                                    ? "list" : "empty");
  set_is_loaded (self, TRUE);
}

static void
update_target (TendNrrView *self)
{
  const TendSettings *settings = self->workspace ? tend_workspace_get_settings (self->workspace) : NULL;
  g_autofree char *text = NULL;

  self->target = settings != NULL ? settings->nrr_target : 1.0;
  /* Translators: %.1f is a percentage such as 100.0 */
  text = g_strdup_printf (_("The NRR target is %.1f%%; CSM bonuses are tied to it. "
                            "ARR at start counts the accounts active on the first day."),
                          self->target * 100.0);
  gtk_label_set_label (self->target_label, text);
}

static void
compute (TendNrrView *self)
{
  TendDay from = tend_day_entry_get_day (self->from_entry);
  TendDay to = tend_day_entry_get_day (self->to_entry);
  g_autoptr(GTask) task = NULL;
  ComputeData *data;
  const char *problem = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->serial++;
  update_target (self);

  if (self->workspace == NULL || tend_workspace_get_book (self->workspace) == NULL)
    return;
  if (from == TEND_DAY_NONE || to == TEND_DAY_NONE)
    problem = _("Enter both days as YYYY-MM-DD or pick them from the calendars.");
  else if (from > to)
    problem = _("The period starts after it ends: choose a “From” day on or before the “To” day.");
  gtk_label_set_label (self->period_error, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->period_error), problem != NULL);
  if (problem != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  data = g_new0 (ComputeData, 1);
  data->path = g_strdup (tend_workspace_get_path (self->workspace));
  data->from = from;
  data->to = to;
  data->as_of = tend_workspace_get_as_of (self->workspace);
  data->serial = self->serial;
  if (!self->is_loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }
  task = g_task_new (self, self->cancellable, compute_done, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_in_thread);
}

static void
on_period_changed (TendNrrView *self)
{
  compute (self);
}

/* The last 12 months to the as-of day, the first time a book is there. */
static void
set_default_period (TendNrrView *self)
{
  TendDay as_of = tend_workspace_get_as_of (self->workspace);

  if (tend_day_entry_get_day (self->from_entry) != TEND_DAY_NONE ||
      tend_day_entry_get_day (self->to_entry) != TEND_DAY_NONE)
    return;
  g_signal_handlers_block_by_func (self->from_entry, on_period_changed, self);
  tend_day_entry_set_day (self->from_entry, tend_day_add_months (as_of, -12));
  g_signal_handlers_unblock_by_func (self->from_entry, on_period_changed, self);
  tend_day_entry_set_day (self->to_entry, as_of);
}

static void
on_workspace_changed (TendNrrView *self)
{
  if (tend_workspace_get_book (self->workspace) == NULL)
    return;
  set_default_period (self);
  compute (self);
}

static char *
format_ratio (const TendRetention *r,
              gboolean           (*ratio_func) (const TendRetention *, double *),
              double              *out_ratio)
{
  double ratio = 0;

  if (!ratio_func (r, &ratio))
    return NULL;
  if (out_ratio != NULL)
    *out_ratio = ratio;
  return g_strdup_printf ("%.1f%%", ratio * 100.0);
}

static void
setup_portfolio_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new ();
  GtkWidget *verdict = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "heading");
  /* The colour comes from below-target (style.css), not the offsets. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_label_set_xalign (GTK_LABEL (verdict), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), value);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), verdict);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_portfolio_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  TendNrrView *self = TEND_NRR_VIEW (user_data);
  TendPortfolioItem *item = gtk_list_item_get_item (list_item);
  const TendRetention *r = tend_portfolio_item_get_retention (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (top);
  GtkWidget *value = gtk_widget_get_next_sibling (name);
  GtkWidget *bar = gtk_widget_get_next_sibling (top);
  GtkWidget *verdict = gtk_widget_get_next_sibling (bar);
  GtkWidget *detail = gtk_widget_get_next_sibling (verdict);
  double nrr = 0, max_value = MAX (self->target, 0.01) * BAR_SPAN;
  g_autofree char *nrr_text = format_ratio (r, tend_retention_nrr, &nrr);
  g_autofree char *grr_text = format_ratio (r, tend_retention_grr, NULL);
  g_autofree char *arr0 = tend_money_format (r->arr0, r->currency);
  g_autofree char *expansion = tend_money_format (r->expansion, r->currency);
  g_autofree char *contraction = tend_money_format (r->contraction, r->currency);
  g_autofree char *churned = tend_money_format (r->churned, r->currency);
  g_autofree char *title = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *details = NULL;
  const char *owner = tend_portfolio_item_get_owner_name (item);
  const char *word;

  if (tend_portfolio_item_get_is_total (item))
    /* Translators: the row of every portfolio together, "All portfolios (USD)" */
    title = g_strdup_printf (_("All portfolios (%s)"), r->currency);
  else
    title = g_strdup_printf ("%s (%s)", owner != NULL ? owner : _("No owner"), r->currency);
  gtk_label_set_label (GTK_LABEL (name), title);
  if (tend_portfolio_item_get_is_total (item))
    gtk_widget_add_css_class (box, "portfolio-total");
  else
    gtk_widget_remove_css_class (box, "portfolio-total");

  /* Translators: "NRR 104.2%" */
  value_text = g_strdup_printf (_("NRR %s"), nrr_text ? nrr_text : "—");
  gtk_label_set_label (GTK_LABEL (value), value_text);

  gtk_level_bar_set_max_value (GTK_LEVEL_BAR (bar), max_value);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), nrr_text ? CLAMP (nrr, 0, max_value) : 0);
  gtk_widget_set_visible (bar, nrr_text != NULL);

  if (nrr_text == NULL)
    word = _("No ARR at the start of the period");
  else if (nrr >= self->target)
    word = _("Above target");
  else
    word = _("Below target");
  if (nrr_text != NULL && nrr < self->target)
    gtk_widget_add_css_class (bar, "below-target");
  else
    gtk_widget_remove_css_class (bar, "below-target");
  gtk_label_set_label (GTK_LABEL (verdict), word);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, word,
                                  -1);

  /* Translators: a portfolio's figures; "12 accounts · GRR 96.0% · ARR at start USD …" */
  details = g_strdup_printf (ngettext ("%u account · GRR %s · ARR at start %s · expansion %s · "
                                       "contraction %s · churned %s",
                                       "%u accounts · GRR %s · ARR at start %s · expansion %s · "
                                       "contraction %s · churned %s", r->n_accounts),
                             r->n_accounts, grr_text ? grr_text : "—", arr0, expansion,
                             contraction, churned);
  gtk_label_set_label (GTK_LABEL (detail), details);
}

static void
disconnect_workspace (TendNrrView *self)
{
  if (self->workspace == NULL)
    return;
  g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);
}

static void
tend_nrr_view_dispose (GObject *object)
{
  TendNrrView *self = TEND_NRR_VIEW (object);

  disconnect_workspace (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template () here: AdwBin unparents its child
   * itself, and disposing the template as well unparents it twice on
   * libadwaita 1.2 (a critical when the window closes). */

  G_OBJECT_CLASS (tend_nrr_view_parent_class)->dispose (object);
}

static void
tend_nrr_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TendNrrView *self = TEND_NRR_VIEW (object);

  switch (prop_id)
    {
    case PROP_IS_LOADED:
      g_value_set_boolean (value, self->is_loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_nrr_view_class_init (TendNrrViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_nrr_view_dispose;
  object_class->get_property = tend_nrr_view_get_property;

  properties[PROP_IS_LOADED] =
    g_param_spec_boolean ("is-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TEND_TYPE_DAY_ENTRY);
  g_type_ensure (TEND_TYPE_PORTFOLIO_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-nrr-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, target_label);
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, period_error);
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, stack);
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, spinner);
  gtk_widget_class_bind_template_child (widget_class, TendNrrView, portfolios);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, setup_portfolio_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_portfolio_row);
}

static void
tend_nrr_view_init (TendNrrView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->target = 1.0;
  update_target (self);
}

GtkWidget *
tend_nrr_view_new (void)
{
  return g_object_new (TEND_TYPE_NRR_VIEW, NULL);
}

void
tend_nrr_view_set_workspace (TendNrrView   *self,
                             TendWorkspace *workspace)
{
  g_return_if_fail (TEND_IS_NRR_VIEW (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  g_list_store_remove_all (self->portfolios);
  set_is_loaded (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      self->changed_id = g_signal_connect_swapped (workspace, "changed",
                                                   G_CALLBACK (on_workspace_changed), self);
      if (tend_workspace_get_book (workspace) != NULL)
        on_workspace_changed (self);
    }
  else
    compute (self);
}

GListModel *
tend_nrr_view_get_portfolios (TendNrrView *self)
{
  g_return_val_if_fail (TEND_IS_NRR_VIEW (self), NULL);
  return G_LIST_MODEL (self->portfolios);
}

gboolean
tend_nrr_view_get_is_loaded (TendNrrView *self)
{
  g_return_val_if_fail (TEND_IS_NRR_VIEW (self), FALSE);
  return self->is_loaded;
}
