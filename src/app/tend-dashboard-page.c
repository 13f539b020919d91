// The portfolio dashboard: health per tier, filters and every account's score.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tend-account-health.h"
#include "tend-chart.h"
#include "tend-dashboard-page.h"
#include "tend-format.h"
#include "tend-health-history.h"
#include "tend-health-item.h"
#include "tend-health-list-model.h"
#include "tend-money.h"
#include "tend-tier-badge.h"

#define TREND_DAYS 90
#define NARROW_WIDTH 720

/* The card order of the template. */
static const TendTier card_tiers[] = {
  TEND_TIER_GREEN, TEND_TIER_AMBER, TEND_TIER_RED, TEND_TIER_UNKNOWN,
};

struct _TendDashboardPage
{
  AdwBin                parent_instance;

  TendWorkspace        *workspace;
  gboolean              is_stale;    /* the workspace changed while hidden */
  GCancellable         *cancellable;
  GSettings            *gsettings;
  GPtrArray            *owner_ids;        /* parallel to owner_dropdown; [0] NULL = all */
  GPtrArray            *segments;         /* parallel to segment_dropdown; [0] NULL = all */
  TendHealthSummary     summary;
  gboolean              is_ready;
  gboolean              is_narrow;
  gboolean              is_refreshing_filters;
  guint                 columns_idle_id;

  AdwLeaflet           *leaflet;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *empty_status;
  GtkLabel             *as_of_label;
  GtkLabel             *tier_count[G_N_ELEMENTS (card_tiers)];
  GtkLabel             *tier_arr[G_N_ELEMENTS (card_tiers)];
  GtkLabel             *at_risk_label;
  GtkLabel             *at_risk_detail;
  GtkLabel             *alerts_label;
  GtkLabel             *alerts_detail;
  GtkLabel             *nps_label;
  GtkLabel             *nps_detail;
  GtkDrawingArea       *tier_bar;
  GtkToggleButton      *mine_button;
  GtkDropDown          *owner_dropdown;
  GtkWidget            *review_button;
  GtkDropDown          *segment_dropdown;
  GtkDropDown          *stage_dropdown;
  GtkDropDown          *tier_dropdown;
  GtkDropDown          *sort_dropdown;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  TendHealthListModel  *model;
  GtkColumnViewColumn  *trend_column;
  GtkColumnViewColumn  *stage_column;
  GtkColumnViewColumn  *owner_column;
  GtkLabel             *account_title;
  TendAccountHealth    *account_health;
};

G_DEFINE_FINAL_TYPE (TendDashboardPage, tend_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char         *path;
  TendDay       as_of;
  TendSettings  settings;
  TendBook     *book;
  GArray       *healths;
  GHashTable   *history;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->history, g_hash_table_unref);
  g_clear_pointer (&data->healths, g_array_unref);
  g_clear_pointer (&data->book, tend_book_free);
  g_free (data->path);
  g_free (data);
}

/* The whole book in a worker thread with its own connection: the book,
 * every account's health and the last 90 days of snapshots in one query. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(TendStore) store = NULL;
  GError *error = NULL;

  if ((store = tend_store_open (data->path, &error)) == NULL ||
      (data->book = tend_book_load (store, &error)) == NULL ||
      g_task_return_error_if_cancelled (task) ||
      (data->healths = tend_health_compute_book (store, data->book, data->as_of, &data->settings, &error)) == NULL ||
      (data->history = tend_health_history_load_book (store, tend_day_add_days (data->as_of, -TREND_DAYS),
                                                      data->as_of, &error)) == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static char *
format_amounts (GArray *amounts)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < amounts->len; i++)
    {
      const TendHealthAmount *a = &g_array_index (amounts, TendHealthAmount, i);
      g_autofree char *text = tend_money_format_short (a->cents, a->currency);

      if (i > 0)
        g_string_append (out, " + ");
      g_string_append (out, text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
my_owner_id (TendDashboardPage *self,
             char             **out_owned)
{
  *out_owned = self->gsettings != NULL ? g_settings_get_string (self->gsettings, "my-owner-id") : NULL;
  return *out_owned != NULL && **out_owned != '\0' ? *out_owned : NULL;
}

static const char *
selected_owner_id (TendDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (self->owner_ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= self->owner_ids->len)
    return NULL;
  return g_ptr_array_index (self->owner_ids, selected);
}

static void
update_alert_count (TendDashboardPage *self)
{
  TendStore *store = self->workspace ? tend_workspace_get_store (self->workspace) : NULL;
  g_autofree char *owned = NULL;
  const char *owner = gtk_toggle_button_get_active (self->mine_button) ? my_owner_id (self, &owned)
                                                                       : selected_owner_id (self);
  g_autofree char *count = NULL;
  gint64 n = store != NULL ? tend_health_history_count_open_alerts (store, owner, NULL) : -1;

  count = n >= 0 ? tend_format_count (n) : g_strdup ("—");
  gtk_label_set_label (self->alerts_label, count);
  gtk_label_set_label (self->alerts_detail,
                       owner != NULL ? _("Routed to this owner") : _("For every owner"));
}

static void
update_summary (TendDashboardPage *self)
{
  TendHealthSummary *s = &self->summary;
  g_autofree char *as_of = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) bar_text = g_string_new (NULL);

  tend_health_list_model_summarize (self->model, s);

  as_of = self->workspace ? tend_format_day (tend_workspace_get_as_of (self->workspace)) : g_strdup ("—");
  shown = tend_format_count (s->n_scored);
  /* Translators: a day, then a number of accounts */
  heading = g_strdup_printf (ngettext ("Health on %s · %s account", "Health on %s · %s accounts", s->n_scored),
                             as_of, shown);
  gtk_label_set_label (self->as_of_label, heading);

  for (guint i = 0; i < G_N_ELEMENTS (card_tiers); i++)
    {
      TendTier tier = card_tiers[i];
      g_autofree char *count = tend_format_count (s->n_by_tier[tier]);
      g_autofree char *arr = format_amounts (s->arr_by_tier[tier]);
      g_autofree char *arr_text = NULL;

      gtk_label_set_label (self->tier_count[i], count);
      /* Translators: %s is an amount such as "USD 1.2M", or several joined by + */
      arr_text = *arr != '\0' ? g_strdup_printf (_("%s ARR"), arr) : g_strdup (_("No ARR"));
      gtk_label_set_label (self->tier_arr[i], arr_text);
      g_string_append_printf (bar_text, "%s%s %s", i > 0 ? ", " : "", tend_tier_get_word (tier), count);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tier_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bar_text->str, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tier_bar), bar_text->str);
  gtk_widget_queue_draw (GTK_WIDGET (self->tier_bar));

  {
    g_autofree char *at_risk = format_amounts (s->arr_by_tier[TEND_TIER_RED]);
    g_autofree char *detail = g_strdup_printf (ngettext ("In %u red account", "In %u red accounts",
                                                         s->n_by_tier[TEND_TIER_RED]),
                                               s->n_by_tier[TEND_TIER_RED]);

    gtk_label_set_label (self->at_risk_label, *at_risk != '\0' ? at_risk : "—");
    gtk_label_set_label (self->at_risk_detail, detail);
  }

  if (s->has_nps)
    {
      g_autofree char *nps = g_strdup_printf ("%+.0f", s->nps);
      g_autofree char *respondents = tend_format_count (s->nps_responses);
      g_autofree char *detail = g_strdup_printf (ngettext ("From %s respondent", "From %s respondents",
                                                           s->nps_responses),
                                                 respondents);
      gtk_label_set_label (self->nps_label, nps);
      gtk_label_set_label (self->nps_detail, detail);
    }
  else
    {
      gtk_label_set_label (self->nps_label, "—");
      gtk_label_set_label (self->nps_detail, _("No NPS responses"));
    }
  update_alert_count (self);
}

static void
update_mine_button (TendDashboardPage *self)
{
  g_autofree char *owned = NULL;
  const char *mine = my_owner_id (self, &owned);

  gtk_widget_set_sensitive (GTK_WIDGET (self->mine_button), mine != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_button),
                               mine != NULL ? _("Only the accounts you own")
                                            : _("Choose who you are in Preferences › Health first"));
  if (mine == NULL)
    gtk_toggle_button_set_active (self->mine_button, FALSE);
}

static void
on_filter_changed (TendDashboardPage *self)
{
  g_autofree char *owned = NULL;
  gboolean mine = gtk_toggle_button_get_active (self->mine_button);
  const char *owner = mine ? my_owner_id (self, &owned) : selected_owner_id (self);
  guint segment_index = gtk_drop_down_get_selected (self->segment_dropdown);
  const char *segment = NULL;
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);
  guint tier = gtk_drop_down_get_selected (self->tier_dropdown);
  static const int tiers[] = {
    TEND_HEALTH_TIER_ALL, TEND_TIER_GREEN, TEND_TIER_AMBER, TEND_TIER_RED, TEND_TIER_UNKNOWN,
  };

  if (self->is_refreshing_filters)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->owner_dropdown), !mine);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->review_button),
                                          g_variant_new_string (owner != NULL ? owner : ""));
  if (self->segments != NULL && segment_index < self->segments->len)
    segment = g_ptr_array_index (self->segments, segment_index);
  tend_health_list_model_set_sort (self->model, MIN (gtk_drop_down_get_selected (self->sort_dropdown),
                                                     TEND_N_HEALTH_SORTS - 1));
  tend_health_list_model_set_filter (self->model, owner, segment,
                                     stage >= 1 && stage <= TEND_N_STAGES ? (TendStage) (stage - 1) : TEND_STAGE_NONE,
                                     tier < G_N_ELEMENTS (tiers) ? tiers[tier] : TEND_HEALTH_TIER_ALL);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 ? "list" : "no-match");
  update_summary (self);
}

static int
compare_owner_names (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const TendBook *book = user_data;

  return g_utf8_collate (tend_book_owner_name (book, *(const char * const *) a) ?: "",
                         tend_book_owner_name (book, *(const char * const *) b) ?: "");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Fills the owner and segment filters from the book, keeping what was
 * chosen when it is still there. */
static void
refresh_filter_choices (TendDashboardPage *self)
{
  const TendBook *book = tend_health_list_model_get_book (self->model);
  g_autofree char *owner = g_strdup (selected_owner_id (self));
  g_autofree char *segment = NULL;
  g_autoptr(GtkStringList) owner_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) segment_names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint owner_index = 0, segment_index = 0;

  if (self->segments != NULL && gtk_drop_down_get_selected (self->segment_dropdown) < self->segments->len)
    segment = g_strdup (g_ptr_array_index (self->segments, gtk_drop_down_get_selected (self->segment_dropdown)));
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->segments = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->owner_ids, NULL);
  gtk_string_list_append (owner_names, _("All owners"));
  g_ptr_array_add (self->segments, NULL);
  gtk_string_list_append (segment_names, _("All segments"));

  if (book != NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < book->n_owners; i++)
        g_ptr_array_add (ids, (gpointer) book->owners[i].id);
      g_ptr_array_sort_with_data (ids, compare_owner_names, (gpointer) book);
      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          if (g_strcmp0 (id, owner) == 0)
            owner_index = self->owner_ids->len;
          g_ptr_array_add (self->owner_ids, g_strdup (id));
          gtk_string_list_append (owner_names, tend_book_owner_name (book, id) ?: id);
        }
      /* Segments are few (SMB, Mid-Market, Enterprise); the scan is the
       * same walk the filter does. */
      for (guint i = 0; i < book->n_accounts; i++)
        {
          const char *s = book->accounts[i].segment;
          if (s != NULL && *s != '\0' && g_hash_table_add (seen, (gpointer) s))
            g_ptr_array_add (self->segments, g_strdup (s));
        }
      g_ptr_array_sort (self->segments, compare_strings);
      for (guint i = 1; i < self->segments->len; i++)
        {
          gtk_string_list_append (segment_names, g_ptr_array_index (self->segments, i));
          if (g_strcmp0 (g_ptr_array_index (self->segments, i), segment) == 0)
            segment_index = i;
        }
    }

  self->is_refreshing_filters = TRUE;
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (owner_names));
  gtk_drop_down_set_selected (self->owner_dropdown, owner_index);
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (segment_names));
  gtk_drop_down_set_selected (self->segment_dropdown, segment_index);
  self->is_refreshing_filters = FALSE;
}

static void
update_stack (TendDashboardPage *self)
{
  const char *page;

  if (!self->is_ready)
    page = "loading";
  else if (tend_health_list_model_get_n_scored (self->model) == 0)
    page = "empty";
  else
    page = "dashboard";
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not compute the book's health: %s", error->message);
          g_clear_object (&self->cancellable);
          self->is_ready = TRUE;
          tend_health_list_model_set_data (self->model, NULL, NULL, NULL);
          update_stack (self);
        }
      return;
    }
  g_clear_object (&self->cancellable);
  tend_health_list_model_set_data (self->model, g_steal_pointer (&data->book),
                                   g_steal_pointer (&data->healths), g_steal_pointer (&data->history));
  self->is_ready = TRUE;
  refresh_filter_choices (self);
  update_mine_button (self);
  on_filter_changed (self);
  update_stack (self);
}

static void start_load (TendDashboardPage *self);

/* Hidden, the page only notes it is stale and loads when first shown: at
 * 100,000 accounts health for the book and every sparkline's history are
 * work the account list should not wait for when it is the page shown. */
static void
load_when_shown (TendDashboardPage *self)
{
  self->is_stale = self->workspace != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->is_stale)
    start_load (self);
}

static void
on_map (TendDashboardPage *self)
{
  if (self->is_stale)
    load_when_shown (self);
}

static void
start_load (TendDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace == NULL || tend_workspace_get_book (self->workspace) == NULL)
    {
      self->is_ready = self->workspace != NULL && !tend_workspace_get_is_loading (self->workspace);
      tend_health_list_model_set_data (self->model, NULL, NULL, NULL);
      update_stack (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->path = g_strdup (tend_workspace_get_path (self->workspace));
  data->as_of = tend_workspace_get_as_of (self->workspace);
  data->settings = *tend_workspace_get_settings (self->workspace);
  data->settings.onboarding_checklist = NULL;
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  /* Keep showing the last figures while new ones come. */
  if (!self->is_ready)
    update_stack (self);
  g_task_run_in_thread (task, load_in_thread);
}

/* Before the first book, the spinner gives way to the empty state. */
static void
on_loading_changed (TendDashboardPage *self)
{
  if (tend_workspace_get_book (self->workspace) == NULL)
    start_load (self);
}

static void
draw_tier_bar (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (user_data);
  TendChartBar segments[G_N_ELEMENTS (card_tiers)];
  TendChartStyle style;
  const TendRgba *colours[TEND_N_TIERS] = { &style.unknown, &style.red, &style.amber, &style.green };

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    tend_chart_style_init_dark (&style);
  else
    tend_chart_style_init_light (&style);
  /* No numbers on the bar: white on amber is hard to read, and the cards
   * above say the counts in words; the bar's label and tooltip too. */
  for (guint i = 0; i < G_N_ELEMENTS (card_tiers); i++)
    {
      TendTier tier = card_tiers[i];
      segments[i] = (TendChartBar) { NULL, self->summary.n_by_tier[tier], *colours[tier] };
    }
  tend_chart_draw_stacked (cr, &style, 0, 0, width, height, segments, G_N_ELEMENTS (segments));
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_number_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_tier_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, tend_tier_badge_new ());
}

static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  GtkListItem *list_item = user_data;
  TendHealthItem *item = gtk_list_item_get_item (list_item);
  TendChartStyle style;
  const TendRgba *colours[TEND_N_TIERS] = { &style.unknown, &style.red, &style.amber, &style.green };
  const double *values;
  double low = 100, high = 0;
  guint n;

  if (item == NULL)
    return;
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    tend_chart_style_init_dark (&style);
  else
    tend_chart_style_init_light (&style);
  values = tend_health_item_get_trend (item, &n);
  for (guint i = 0; i < n; i++)
    {
      low = MIN (low, values[i]);
      high = MAX (high, values[i]);
    }
  /* A flat line stays in the middle; a small wobble is not a crash. */
  if (high - low < 20)
    {
      double mid = (high + low) / 2;
      low = mid - 10;
      high = mid + 10;
    }
  tend_chart_draw_sparkline (cr, colours[tend_health_item_get_tier (item)], 1, 2, width - 2, height - 4,
                             values, n, low, high);
}

static void
setup_trend_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 90);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_trend, list_item, NULL);
  gtk_list_item_set_child (list_item, area);
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       text != NULL && *text != '\0' ? text : "—");
}

static void
bind_name_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  set_cell_text (list_item, tend_health_item_get_name (gtk_list_item_get_item (list_item)));
}

static void
bind_tier_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  tend_tier_badge_set_tier (TEND_TIER_BADGE (gtk_list_item_get_child (list_item)),
                            tend_health_item_get_tier (gtk_list_item_get_item (list_item)));
}

static void
bind_score_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  double score = tend_health_item_get_score (gtk_list_item_get_item (list_item));
  char text[16];

  if (isnan (score))
    g_strlcpy (text, "—", sizeof text);
  else
    g_snprintf (text, sizeof text, "%.1f", score);
  set_cell_text (list_item, text);
}

static void
bind_trend_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  TendHealthItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *area = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  const double *values;
  guint n;

  values = tend_health_item_get_trend (item, &n);
  if (n >= 2)
    /* Translators: the first and last score of the 90-day trend */
    text = g_strdup_printf (_("Trend over 90 days: from %.1f to %.1f"), values[0], values[n - 1]);
  else
    text = g_strdup (_("Not enough snapshots for a trend"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_tooltip_text (area, text);
  gtk_widget_queue_draw (area);
}

static void
bind_stage_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  set_cell_text (list_item, tend_stage_get_word (tend_health_item_get_stage (gtk_list_item_get_item (list_item))));
}

static void
bind_owner_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  set_cell_text (list_item, tend_health_item_get_owner_name (gtk_list_item_get_item (list_item)));
}

static void
bind_arr_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  TendHealthItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  gint64 arr;

  if (tend_health_item_get_arr (item, &arr))
    text = tend_money_format (arr, tend_health_item_get_currency (item));
  set_cell_text (list_item, text);
}

static void
on_row_activated (TendDashboardPage *self,
                  guint              position)
{
  g_autoptr(TendHealthItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL)
    tend_dashboard_page_show_account (self, tend_health_item_get_id (item));
}

static void
dashboard_show_overview (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "overview");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Narrow, the list keeps name, tier, score and ARR. Columns are taken out,
 * not hidden, as on the accounts page (GTK 4.8 shares width with hidden
 * columns), and in an idle: not in the middle of an allocation. */
static gboolean
update_columns (gpointer user_data)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (user_data);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean shown = g_list_model_get_n_items (columns) == 7;

  self->columns_idle_id = 0;
  if (self->is_narrow && shown)
    {
      gtk_column_view_remove_column (self->column_view, self->trend_column);
      gtk_column_view_remove_column (self->column_view, self->stage_column);
      gtk_column_view_remove_column (self->column_view, self->owner_column);
    }
  else if (!self->is_narrow && !shown)
    {
      gtk_column_view_insert_column (self->column_view, 3, self->trend_column);
      gtk_column_view_insert_column (self->column_view, 4, self->stage_column);
      gtk_column_view_insert_column (self->column_view, 5, self->owner_column);
    }
  return G_SOURCE_REMOVE;
}

/* The tier bar spans the page, so its width is the page's. */
static void
on_tier_bar_resize (TendDashboardPage *self,
                    int                width,
                    int                height)
{
  gboolean narrow = width < NARROW_WIDTH;

  if (narrow != self->is_narrow)
    {
      self->is_narrow = narrow;
      if (self->columns_idle_id == 0)
        self->columns_idle_id = g_idle_add (update_columns, self);
    }
}

static void
on_dark_changed (TendDashboardPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->tier_bar));
  gtk_widget_queue_draw (GTK_WIDGET (self->column_view));
}

static void
disconnect_workspace (TendDashboardPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->gsettings != NULL)
    g_signal_handlers_disconnect_by_data (self->gsettings, self);
  g_clear_object (&self->gsettings);
  if (self->workspace == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
}

static void
tend_dashboard_page_dispose (GObject *object)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  disconnect_workspace (self);
  g_clear_handle_id (&self->columns_idle_id, g_source_remove);
  g_clear_object (&self->trend_column);
  g_clear_object (&self->stage_column);
  g_clear_object (&self->owner_column);

  G_OBJECT_CLASS (tend_dashboard_page_parent_class)->dispose (object);
}

static void
tend_dashboard_page_finalize (GObject *object)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  tend_health_summary_clear (&self->summary);

  G_OBJECT_CLASS (tend_dashboard_page_parent_class)->finalize (object);
}

static void
tend_dashboard_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_dashboard_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_dashboard_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_dashboard_page_class_init (TendDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *count_names[] = {
    "tier_count_green", "tier_count_amber", "tier_count_red", "tier_count_unknown",
  };
  static const char *arr_names[] = {
    "tier_arr_green", "tier_arr_amber", "tier_arr_red", "tier_arr_unknown",
  };

  object_class->dispose = tend_dashboard_page_dispose;
  object_class->finalize = tend_dashboard_page_finalize;
  object_class->get_property = tend_dashboard_page_get_property;
  object_class->set_property = tend_dashboard_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "dashboard.show-overview", NULL, dashboard_show_overview);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "dashboard.show-overview", NULL);

  g_type_ensure (TEND_TYPE_ACCOUNT_HEALTH);
  g_type_ensure (TEND_TYPE_HEALTH_LIST_MODEL);
  g_type_ensure (TEND_TYPE_TIER_BADGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, as_of_label);
  for (guint i = 0; i < G_N_ELEMENTS (card_tiers); i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, count_names[i], FALSE,
                                                 G_STRUCT_OFFSET (TendDashboardPage, tier_count) + i * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, arr_names[i], FALSE,
                                                 G_STRUCT_OFFSET (TendDashboardPage, tier_arr) + i * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, at_risk_label);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, at_risk_detail);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, alerts_label);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, alerts_detail);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, nps_label);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, nps_detail);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, tier_bar);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, model);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, trend_column);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, stage_column);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, owner_column);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, account_title);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, account_health);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_tier_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_trend_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_tier_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_score_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_trend_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_stage_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_owner_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_arr_cell);
}

static void
tend_dashboard_page_init (TendDashboardPage *self)
{
  tend_health_summary_init (&self->summary);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  /* Kept while a narrow window takes them out of the view. */
  g_object_ref (self->trend_column);
  g_object_ref (self->stage_column);
  g_object_ref (self->owner_column);
  gtk_drawing_area_set_draw_func (self->tier_bar, draw_tier_bar, self, NULL);
  g_signal_connect_object (self->tier_bar, "resize", G_CALLBACK (on_tier_bar_resize), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  refresh_filter_choices (self);
  update_mine_button (self);
  update_stack (self);
}

GtkWidget *
tend_dashboard_page_new (void)
{
  return g_object_new (TEND_TYPE_DASHBOARD_PAGE, NULL);
}

TendWorkspace *
tend_dashboard_page_get_workspace (TendDashboardPage *self)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), NULL);
  return self->workspace;
}

void
tend_dashboard_page_set_workspace (TendDashboardPage *self,
                                   TendWorkspace     *workspace)
{
  g_return_if_fail (TEND_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  self->is_ready = FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "overview");
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      g_signal_connect_swapped (workspace, "changed", G_CALLBACK (load_when_shown), self);
      g_signal_connect_swapped (workspace, "notify::is-loading", G_CALLBACK (on_loading_changed), self);
      g_signal_connect_swapped (workspace, "alerts-changed", G_CALLBACK (update_alert_count), self);
      if (tend_workspace_get_gsettings (workspace) != NULL)
        {
          self->gsettings = g_object_ref (tend_workspace_get_gsettings (workspace));
          g_signal_connect_swapped (self->gsettings, "changed::my-owner-id",
                                    G_CALLBACK (update_mine_button), self);
          g_signal_connect_swapped (self->gsettings, "changed::my-owner-id",
                                    G_CALLBACK (on_filter_changed), self);
        }
    }
  load_when_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* Whether the figures on screen are those of the current book. */
gboolean
tend_dashboard_page_get_is_ready (TendDashboardPage *self)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), FALSE);
  return self->is_ready && self->cancellable == NULL;
}

/* Opens the account's health as a subpage of the dashboard. */
void
tend_dashboard_page_show_account (TendDashboardPage *self,
                                  const char        *account_id)
{
  const TendBook *book;
  const TendAccount *a;

  g_return_if_fail (TEND_IS_DASHBOARD_PAGE (self));

  book = self->workspace ? tend_workspace_get_book (self->workspace) : NULL;
  a = book != NULL ? tend_book_find_account (book, account_id) : NULL;
  gtk_label_set_label (self->account_title, a != NULL ? a->name : account_id);
  tend_account_health_set_account_id (self->account_health, account_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "account");
}
