// An account's health explained: score, components, facts, trend and alerts.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tend-account-health.h"
#include "tend-alert-item.h"
#include "tend-chart.h"
#include "tend-format.h"
#include "tend-health-component-row.h"
#include "tend-health-history.h"
#include "tend-health-item.h"
#include "tend-money.h"
#include "tend-tier-badge.h"

#define HISTORY_DAYS 365
#define SURVEY_DAYS 180

/* One account is cheap to score (its own tickets, surveys and deals), so
 * this runs on the main thread with the workspace's store; the whole book
 * is the dashboard's, in a worker thread. */
struct _TendAccountHealth
{
  AdwBin                  parent_instance;

  TendWorkspace          *workspace;
  char                   *account_id;
  GArray                 *history;        /* TendHealthPoint */
  double                  amber_bound;
  double                  green_bound;
  GListStore             *alerts;

  GtkStack               *stack;
  AdwStatusPage          *missing_status;
  GtkLabel               *score_label;
  TendTierBadge          *tier_badge;
  GtkLabel               *coverage_label;
  GtkLabel               *tier_note;
  GtkWidget              *conflict_box;
  GtkLabel               *conflict_label;
  TendHealthComponentRow *component_rows[TEND_N_COMPONENTS];
  GtkDrawingArea         *chart;
  GtkLabel               *chart_caption;
  GtkListBox             *alerts_list;
};

G_DEFINE_FINAL_TYPE (TendAccountHealth, tend_account_health, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_ACCOUNT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
priority_word (TendPriority priority)
{
  switch (priority)
    {
    case TEND_PRIORITY_URGENT: return _("urgent");
    case TEND_PRIORITY_HIGH:   return _("high");
    case TEND_PRIORITY_MEDIUM: return _("medium");
    case TEND_PRIORITY_LOW:
    case TEND_N_PRIORITIES:
    default:                   return _("low");
    }
}

static const char *
risk_word (const char *level)
{
  if (g_strcmp0 (level, "low") == 0)
    return _("low");
  if (g_strcmp0 (level, "medium") == 0)
    return _("medium");
  if (g_strcmp0 (level, "high") == 0)
    return _("high");
  return level;
}

static char *
days_ago (int days)
{
  if (days <= 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
}

/* "42 of 60 seats active (70%) — last activity 3 days ago" */
static char *
usage_facts (const TendAccount *a,
             const TendHealth  *h)
{
  GString *out = g_string_new (NULL);

  if (h->has_usage_ratio)
    {
      g_autofree char *active = tend_format_count (h->active_users_30d);
      g_autofree char *seats = tend_format_count (h->licensed_seats);

      /* Translators: active users of licensed seats in the last 30 days, then a percentage */
      g_string_append_printf (out, _("%s of %s seats active (%.0f%%)"), active, seats, 100 * h->usage_ratio);
    }
  else
    g_string_append (out, _("Licensed seats or active users are not known"));
  if (h->days_since_activity >= 0)
    {
      g_autofree char *ago = days_ago (h->days_since_activity);
      /* Translators: %s is "3 days ago", "today" */
      g_string_append_printf (out, _(" — last activity %s"), ago);
    }
  if (h->is_usage_capped)
    g_string_append (out, _("; capped at 20: no activity for over 30 days"));
  return g_string_free (out, FALSE);
}

/* "3 tickets in 90 days: 1 high, 2 low — 8 points; 1 open over 14 days counts twice" */
static char *
support_facts (const TendHealth *h)
{
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  if (h->n_tickets == 0)
    return g_strdup (_("No tickets in the last 90 days"));
  g_string_append_printf (out, ngettext ("%u ticket in 90 days: ", "%u tickets in 90 days: ", h->n_tickets),
                          h->n_tickets);
  for (int p = TEND_N_PRIORITIES - 1; p >= 0; p--)
    {
      if (h->tickets_by_priority[p] == 0)
        continue;
      /* Translators: a number of tickets and their priority, "2 low" */
      g_string_append_printf (out, _("%s%u %s"), first ? "" : _(", "), h->tickets_by_priority[p],
                              priority_word (p));
      first = FALSE;
    }
  g_string_append_printf (out, ngettext (" — %u point", " — %u points", h->support_points), h->support_points);
  if (h->n_tickets_doubled > 0)
    g_string_append_printf (out, ngettext ("; %u open over 14 days counts twice",
                                           "; %u open over 14 days count twice", h->n_tickets_doubled),
                            h->n_tickets_doubled);
  return g_string_free (out, FALSE);
}

static char *
financial_facts (const TendAccount *a,
                 const TendHealth  *h)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (h->has_spend_trend)
    /* Translators: change of ARR on a year ago in percent, then the part's value */
    g_ptr_array_add (parts, g_strdup_printf (_("ARR %+.1f%% on a year ago (spend trend %.1f)"),
                                             100 * h->spend_change, h->spend_trend));
  if (h->has_payment && h->overdue_amount <= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Nothing overdue (payment %.0f)"), h->payment));
  else if (h->has_payment)
    {
      g_autofree char *owed = tend_money_format (h->overdue_amount, a->currency);
      /* Translators: an amount of money overdue, then the part's value */
      g_ptr_array_add (parts, g_strdup_printf (_("%s overdue (payment %.0f)"), owed, h->payment));
    }
  if (h->has_renewal_risk)
    /* Translators: low, medium or high, then the part's value */
    g_ptr_array_add (parts, g_strdup_printf (_("Renewal risk assessed %s (%.0f)"),
                                             risk_word (h->renewal_risk_level), h->renewal_risk));
  if (parts->len == 0)
    return g_strdup (_("No spend trend, payment or renewal assessment is known"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* The latest verbatim of the survey window, to hear the customer. */
static const char *
latest_verbatim (const TendBook    *book,
                 const TendAccount *a,
                 TendDay            as_of)
{
  TendDay since = tend_day_add_days (as_of, -SURVEY_DAYS);
  const TendSurvey *latest = NULL;

  for (guint i = a->surveys_start; i < a->surveys_start + a->n_surveys; i++)
    {
      const TendSurvey *s = &book->surveys[i];

      if (s->verbatim == NULL || *s->verbatim == '\0' || s->submitted_day <= since ||
          s->submitted_day > as_of)
        continue;
      if (latest == NULL || g_strcmp0 (s->submitted_at, latest->submitted_at) > 0)
        latest = s;
    }
  return latest != NULL ? latest->verbatim : NULL;
}

/* "NPS +20 from 5 respondents; CSAT 4.2 from 3; “verbatim…”" */
static char *
relational_facts (const TendBook    *book,
                  const TendAccount *a,
                  const TendHealth  *h,
                  TendDay            as_of)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *verbatim = latest_verbatim (book, a, as_of);
  g_autofree char *joined = NULL;

  if (h->has_nps)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("NPS %+.0f from %u respondent",
                                                       "NPS %+.0f from %u respondents", h->nps_responses),
                                             h->nps, h->nps_responses));
  if (h->has_csat)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("CSAT %.1f from %u response",
                                                       "CSAT %.1f from %u responses", h->csat_responses),
                                             h->csat_mean, h->csat_responses));
  if (h->has_ces)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("CES %.1f from %u respondent",
                                                       "CES %.1f from %u respondents", h->ces_responses),
                                             h->ces_mean, h->ces_responses));
  if (parts->len == 0)
    return g_strdup (_("No survey responses in the last 180 days"));
  if (verbatim != NULL)
    /* Translators: the latest comment a customer wrote in a survey */
    g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), verbatim));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv ("; ", (char **) parts->pdata);
  return g_steal_pointer (&joined);
}

static char *
conflict_text (const TendHealth *h)
{
  double usage = h->components[TEND_COMPONENT_USAGE].value;
  double relational = h->components[TEND_COMPONENT_RELATIONAL].value;

  if (usage >= 70)
    /* Translators: two component values; the usage is high but the surveys are low */
    return g_strdup_printf (_("Conflicting signals: usage is high (%.1f) but the surveys are low (%.1f). "
                              "People use the product yet say they are unhappy — ask them why."),
                            usage, relational);
  /* Translators: two component values; the usage is low but the surveys are high */
  return g_strdup_printf (_("Conflicting signals: usage is low (%.1f) but the surveys are high (%.1f). "
                            "The people who answer are happy, yet few use the product — look for adoption gaps."),
                          usage, relational);
}

static char *
month_label (double value)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  tend_day_to_gdate ((TendDay) value, &date);
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  /* Translators: a month on a chart axis, see g_date_time_format(); "Nov 2026" */
  return g_date_time_format (dt, _("%b %Y"));
}

/* The chart's text alternative, also shown under it. */
static char *
history_summary (GArray *history)
{
  const TendHealthPoint *low = NULL, *high = NULL, *last = NULL;
  g_autofree char *low_day = NULL, *high_day = NULL, *last_day = NULL;
  guint n = 0;

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const TendHealthPoint *p = &g_array_index (history, TendHealthPoint, i);

      if (isnan (p->score))
        continue;
      n++;
      if (low == NULL || p->score < low->score)
        low = p;
      if (high == NULL || p->score > high->score)
        high = p;
      last = p;
    }
  if (n == 0)
    return g_strdup (_("No snapshots in the last 12 months yet: the trend starts with the next sync."));
  low_day = tend_format_day (low->day);
  high_day = tend_format_day (high->day);
  last_day = tend_format_day (last->day);
  /* Translators: a number of daily snapshots, then scores with their days */
  return g_strdup_printf (ngettext ("%u snapshot: lowest %.1f on %s, highest %.1f on %s, latest %.1f on %s.",
                                    "%u snapshots: lowest %.1f on %s, highest %.1f on %s, latest %.1f on %s.", n),
                          n, low->score, low_day, high->score, high_day, last->score, last_day);
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  TendAccountHealth *self = TEND_ACCOUNT_HEALTH (user_data);
  g_autofree TendChartPoint *points = NULL;
  TendChartStyle style;
  guint n = 0;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    tend_chart_style_init_dark (&style);
  else
    tend_chart_style_init_light (&style);
  if (self->history != NULL)
    {
      points = g_new (TendChartPoint, MAX (self->history->len, 1));
      for (guint i = 0; i < self->history->len; i++)
        {
          const TendHealthPoint *p = &g_array_index (self->history, TendHealthPoint, i);
          if (!isnan (p->score))
            points[n++] = (TendChartPoint) { p->day, p->score };
        }
    }
  tend_chart_draw_line (cr, &style, 0, 0, width, height, points, n,
                        self->amber_bound, self->green_bound, month_label);
}

static GtkWidget *
create_alert_row (gpointer item,
                  gpointer user_data)
{
  TendAlertItem *alert = TEND_ALERT_ITEM (item);
  g_autofree char *day = tend_format_day (tend_alert_item_get_day (alert));
  g_autofree char *subtitle = g_markup_printf_escaped ("%s · %s", tend_alert_item_get_message (alert), day);
  g_autofree char *title = g_markup_escape_text (tend_alert_item_get_kind_label (alert), -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Acknowledge"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "account.acknowledge-alert");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (tend_alert_item_get_id (alert)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
load_alerts (TendAccountHealth *self)
{
  TendStore *store = self->workspace ? tend_workspace_get_store (self->workspace) : NULL;
  const TendBook *book = self->workspace ? tend_workspace_get_book (self->workspace) : NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_remove_all (self->alerts);
  if (store == NULL || self->account_id == NULL)
    return;
  alerts = tend_health_history_list_alerts (store, self->account_id, FALSE, &error);
  if (alerts == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  for (guint i = 0; i < alerts->len; i++)
    {
      const TendAccount *a = book ? tend_book_find_account (book, self->account_id) : NULL;
      g_autoptr(TendAlertItem) item = tend_alert_item_new (g_ptr_array_index (alerts, i),
                                                           a ? a->name : NULL);
      g_list_store_append (self->alerts, item);
    }
}

static void
show_missing (TendAccountHealth *self,
              const char        *title,
              const char        *description)
{
  adw_status_page_set_title (self->missing_status, title);
  adw_status_page_set_description (self->missing_status, description);
  gtk_stack_set_visible_child_name (self->stack, "missing");
}

static void
refresh (TendAccountHealth *self)
{
  const TendBook *book = self->workspace ? tend_workspace_get_book (self->workspace) : NULL;
  TendStore *store = self->workspace ? tend_workspace_get_store (self->workspace) : NULL;
  const TendSettings *settings;
  g_autoptr(GHashTable) risks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coverage = NULL;
  g_autofree char *caption = NULL;
  const TendAccount *a;
  TendHealth h;
  TendDay as_of;

  g_clear_pointer (&self->history, g_array_unref);
  if (book == NULL || store == NULL || self->account_id == NULL ||
      (a = tend_book_find_account (book, self->account_id)) == NULL)
    {
      g_list_store_remove_all (self->alerts);
      show_missing (self, _("No Account"), _("Select an account to see its health"));
      return;
    }
  as_of = tend_workspace_get_as_of (self->workspace);
  settings = tend_workspace_get_settings (self->workspace);
  if ((risks = tend_health_load_risks (store, book, as_of, &error)) == NULL)
    {
      show_missing (self, _("Health Not Available"), error->message);
      return;
    }
  tend_health_compute (book, a, as_of, settings, risks, &h);
  load_alerts (self);
  if (!h.is_scored)
    {
      g_autofree char *churned = tend_format_day (tend_account_churn_day (book, a));
      /* Translators: %s is a day */
      g_autofree char *text = g_strdup_printf (_("The account churned on %s; health is only computed for active accounts."),
                                               churned);
      show_missing (self, _("Churned"), text);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "health");
  if (isnan (h.score))
    gtk_label_set_label (self->score_label, "—");
  else
    {
      g_autofree char *score = g_strdup_printf ("%.1f", h.score);
      gtk_label_set_label (self->score_label, score);
    }
  tend_tier_badge_set_tier (self->tier_badge, h.tier);
  /* Translators: the share of the weights with data, then the lifecycle stage */
  coverage = g_strdup_printf (_("Coverage %.0f%% · %s stage"), 100 * h.coverage, tend_stage_get_word (h.stage));
  gtk_label_set_label (self->coverage_label, coverage);
  gtk_widget_set_visible (GTK_WIDGET (self->tier_note), h.tier == TEND_TIER_UNKNOWN);
  if (h.tier == TEND_TIER_UNKNOWN)
    {
      g_autofree char *note = g_strdup_printf (_("Not enough data for a tier: the components with data carry %.0f%% "
                                                 "of the weight, and a tier needs at least 50%%."),
                                               100 * h.coverage);
      gtk_label_set_label (self->tier_note, note);
    }
  gtk_widget_set_visible (self->conflict_box, (h.flags & TEND_HEALTH_FLAG_CONFLICT) != 0);
  if (h.flags & TEND_HEALTH_FLAG_CONFLICT)
    {
      g_autofree char *text = conflict_text (&h);
      gtk_label_set_label (self->conflict_label, text);
    }

  {
    g_autofree char *usage = usage_facts (a, &h);
    g_autofree char *support = support_facts (&h);
    g_autofree char *financial = financial_facts (a, &h);
    g_autofree char *relational = relational_facts (book, a, &h, as_of);
    const char *facts[TEND_N_COMPONENTS] = { usage, support, financial, relational };

    for (int c = 0; c < TEND_N_COMPONENTS; c++)
      tend_health_component_row_show (self->component_rows[c], &h.components[c], facts[c]);
  }

  self->amber_bound = settings->tier_amber;
  self->green_bound = settings->tier_green;
  self->history = tend_health_history_load_account (store, self->account_id,
                                                    tend_day_add_days (as_of, -HISTORY_DAYS), as_of, &error);
  if (self->history == NULL)
    g_warning ("%s", error->message);
  caption = history_summary (self->history);
  gtk_label_set_label (self->chart_caption, caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
account_acknowledge_alert (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TendAccountHealth *self = TEND_ACCOUNT_HEALTH (widget);
  TendStore *store = self->workspace ? tend_workspace_get_store (self->workspace) : NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GError) error = NULL;
  const char *message;

  if (store == NULL)
    return;
  if (tend_health_acknowledge_alert (store, g_variant_get_int64 (parameter), &error))
    {
      message = _("Alert acknowledged");
      tend_workspace_alerts_changed (self->workspace);
    }
  else
    message = error->message;
  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

static void
on_dark_changed (TendAccountHealth *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
disconnect_workspace (TendAccountHealth *self)
{
  if (self->workspace == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
}

static void
tend_account_health_dispose (GObject *object)
{
  TendAccountHealth *self = TEND_ACCOUNT_HEALTH (object);

  disconnect_workspace (self);
  g_clear_object (&self->alerts);

  G_OBJECT_CLASS (tend_account_health_parent_class)->dispose (object);
}

static void
tend_account_health_finalize (GObject *object)
{
  TendAccountHealth *self = TEND_ACCOUNT_HEALTH (object);

  g_clear_pointer (&self->history, g_array_unref);
  g_free (self->account_id);

  G_OBJECT_CLASS (tend_account_health_parent_class)->finalize (object);
}

static void
tend_account_health_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TendAccountHealth *self = TEND_ACCOUNT_HEALTH (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_health_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TendAccountHealth *self = TEND_ACCOUNT_HEALTH (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tend_account_health_set_workspace (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_ID:
      tend_account_health_set_account_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_health_class_init (TendAccountHealthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *row_names[TEND_N_COMPONENTS] = {
    "usage_row", "support_row", "financial_row", "relational_row",
  };

  object_class->dispose = tend_account_health_dispose;
  object_class->finalize = tend_account_health_finalize;
  object_class->get_property = tend_account_health_get_property;
  object_class->set_property = tend_account_health_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "account.acknowledge-alert", "x",
                                   account_acknowledge_alert);

  g_type_ensure (TEND_TYPE_TIER_BADGE);
  g_type_ensure (TEND_TYPE_HEALTH_COMPONENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-account-health.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, stack);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, missing_status);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, score_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, tier_note);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, conflict_label);
  for (int c = 0; c < TEND_N_COMPONENTS; c++)
    gtk_widget_class_bind_template_child_full (widget_class, row_names[c], FALSE,
                                               G_STRUCT_OFFSET (TendAccountHealth, component_rows) +
                                               c * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, chart);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, chart_caption);
  gtk_widget_class_bind_template_child (widget_class, TendAccountHealth, alerts_list);
}

static void
tend_account_health_init (TendAccountHealth *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->amber_bound = 45;
  self->green_bound = 70;
  self->alerts = g_list_store_new (TEND_TYPE_ALERT_ITEM);
  gtk_list_box_bind_model (self->alerts_list, G_LIST_MODEL (self->alerts), create_alert_row, NULL, NULL);
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  refresh (self);
}

GtkWidget *
tend_account_health_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNT_HEALTH, NULL);
}

TendWorkspace *
tend_account_health_get_workspace (TendAccountHealth *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_HEALTH (self), NULL);
  return self->workspace;
}

void
tend_account_health_set_workspace (TendAccountHealth *self,
                                   TendWorkspace     *workspace)
{
  g_return_if_fail (TEND_IS_ACCOUNT_HEALTH (self));
  g_return_if_fail (workspace == NULL || TEND_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_workspace (self);
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      g_signal_connect_swapped (workspace, "changed", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (workspace, "alerts-changed", G_CALLBACK (load_alerts), self);
    }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

const char *
tend_account_health_get_account_id (TendAccountHealth *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_HEALTH (self), NULL);
  return self->account_id;
}

void
tend_account_health_set_account_id (TendAccountHealth *self,
                                    const char        *account_id)
{
  g_return_if_fail (TEND_IS_ACCOUNT_HEALTH (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}
