// A renewal's risk assessment form, its retention milestones and history.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-assessment-item.h"
#include "tend-format.h"
#include "tend-money.h"
#include "tend-renewal-form.h"
#include "tend-renewal-format.h"

/* A field and the line under it that says what is wrong with it. */
typedef struct {
  GtkWidget *field;
  GtkWidget *error_row;
  GtkLabel  *error_label;
} Field;

typedef enum {
  FIELD_RISK,
  FIELD_MITIGATION,
  FIELD_FORECAST,
  FIELD_CURRENCY,
  FIELD_OWNER,
  FIELD_NEXT_STEP,
  FIELD_DATE,
  N_FIELDS
} FieldId;

struct _TendRenewalForm
{
  AdwBin          parent_instance;

  TendStore      *store;
  const TendBook *book;
  TendDay         as_of;
  char           *account_id;
  char           *account_name;
  gint64          current_id;       /* the current assessment's, 0 when missing */
  gboolean        is_updating;
  Field           fields[N_FIELDS];
  GListStore     *history;
  GtkWidget      *scroll_target;    /* weak: the field to bring into view */
  guint           scroll_tick_id;
  guint           scroll_frames;    /* frames to wait for the layout */

  GtkScrolledWindow *scroller;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *tier_label;
  AdwPreferencesGroup *assessment_group;
  GtkToggleButton *risk_low;
  GtkToggleButton *risk_medium;
  GtkToggleButton *risk_high;
  GtkCheckButton *reason_0;
  GtkCheckButton *reason_1;
  GtkCheckButton *reason_2;
  GtkCheckButton *reason_3;
  GtkCheckButton *reason_4;
  GtkCheckButton *reason_5;
  GtkCheckButton *reason_6;
  GtkCheckButton *reason_7;
  GtkTextView    *mitigation_view;
  AdwEntryRow    *forecast_row;
  AdwEntryRow    *currency_row;
  AdwEntryRow    *owner_row;
  AdwEntryRow    *next_step_row;
  AdwEntryRow    *next_step_date_row;
  GtkPopover     *date_popover;
  GtkCalendar    *date_calendar;
  AdwActionRow   *milestone_row_0;
  AdwActionRow   *milestone_row_1;
  AdwActionRow   *milestone_row_2;
  GtkCheckButton *milestone_check_0;
  GtkCheckButton *milestone_check_1;
  GtkCheckButton *milestone_check_2;
  GtkWidget      *milestone_late_0;
  GtkWidget      *milestone_late_1;
  GtkWidget      *milestone_late_2;
  GtkListBox     *history_list;
  AdwPreferencesGroup *history_group;

  /* The error rows, bound one by one. */
  GtkWidget      *risk_error_row;
  GtkLabel       *risk_error_label;
  GtkWidget      *mitigation_error_row;
  GtkLabel       *mitigation_error_label;
  GtkWidget      *forecast_error_row;
  GtkLabel       *forecast_error_label;
  GtkWidget      *currency_error_row;
  GtkLabel       *currency_error_label;
  GtkWidget      *owner_error_row;
  GtkLabel       *owner_error_label;
  GtkWidget      *next_step_error_row;
  GtkLabel       *next_step_error_label;
  GtkWidget      *date_error_row;
  GtkLabel       *date_error_label;
};

G_DEFINE_FINAL_TYPE (TendRenewalForm, tend_renewal_form, ADW_TYPE_BIN)

enum {
  SAVED,
  MILESTONE_CHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkCheckButton *
reason_check (TendRenewalForm *self,
              guint            bit)
{
  GtkCheckButton *checks[TEND_N_RISK_REASONS] = {
    self->reason_0, self->reason_1, self->reason_2, self->reason_3,
    self->reason_4, self->reason_5, self->reason_6, self->reason_7,
  };

  return checks[bit];
}

static GtkCheckButton *
milestone_check (TendRenewalForm   *self,
                 TendMilestoneKind  kind)
{
  GtkCheckButton *checks[TEND_N_MILESTONES] = {
    self->milestone_check_0, self->milestone_check_1, self->milestone_check_2,
  };

  return checks[kind];
}

static char *
dup_stripped (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static char *
dup_mitigation (TendRenewalForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->mitigation_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return dup_stripped (text);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
bind_field (TendRenewalForm *self,
            FieldId          id,
            GtkWidget       *field,
            GtkWidget       *error_row,
            GtkLabel        *error_label)
{
  Field *f = &self->fields[id];

  f->field = field;
  f->error_row = error_row;
  f->error_label = error_label;
  /* A screen reader reads the message with the field. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error_label, NULL,
                                  -1);
}

static void
clear_errors (TendRenewalForm *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *f = &self->fields[i];

      gtk_widget_remove_css_class (f->field, "error");
      gtk_widget_set_visible (f->error_row, FALSE);
      gtk_label_set_label (f->error_label, "");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (f->field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Marks the field, says why under it, and focuses the first one marked. */
static void
set_error (TendRenewalForm  *self,
           FieldId           id,
           const char       *message,
           GtkWidget       **first_bad)
{
  Field *f = &self->fields[id];

  if (gtk_widget_get_visible (f->error_row))
    return;
  gtk_widget_add_css_class (f->field, "error");
  gtk_label_set_label (f->error_label, message);
  gtk_widget_set_visible (f->error_row, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (f->field),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  if (*first_bad == NULL)
    *first_bad = id == FIELD_RISK ? GTK_WIDGET (self->risk_low) : f->field;
}

/* The core's rule for one free-text field, on a draft holding only it. */
static gboolean
check_text (const char  *account_id,
            FieldId      id,
            const char  *text,
            GError     **error)
{
  g_autoptr(TendAssessment) probe = tend_assessment_new ();

  probe->account_id = g_strdup (account_id);
  probe->risk = TEND_RISK_LOW;
  switch (id)
    {
    case FIELD_MITIGATION:
      probe->mitigation = g_strdup (text);
      break;
    case FIELD_OWNER:
      probe->owner = g_strdup (text);
      break;
    case FIELD_NEXT_STEP:
      probe->next_step = g_strdup (text);
      probe->next_step_date = tend_day_from_ymd (2000, 1, 1);
      break;
    case FIELD_RISK:
    case FIELD_FORECAST:
    case FIELD_CURRENCY:
    case FIELD_DATE:
    case N_FIELDS:
    default:
      break;
    }
  return tend_assessment_validate (probe, error);
}

/* After the next layout, the first wrong field and its message come into
 * view; grabbing the focus alone scrolls only when the window has it. */
static gboolean
scroll_to_target (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  TendRenewalForm *self = TEND_RENEWAL_FORM (widget);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;

  /* Tick callbacks run before the layout of their frame. */
  if (self->scroll_frames-- > 0)
    return G_SOURCE_CONTINUE;
  self->scroll_tick_id = 0;
  if (self->scroll_target != NULL && gtk_widget_compute_bounds (self->scroll_target, content, &bounds))
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = gtk_adjustment_get_value (adjustment);
      double top = bounds.origin.y - 24;
      double bottom = bounds.origin.y + bounds.size.height + 72;

      if (top < value)
        gtk_adjustment_set_value (adjustment, top);
      else if (bottom > value + page)
        gtk_adjustment_set_value (adjustment, bottom - page);
    }
  g_clear_weak_pointer (&self->scroll_target);
  return G_SOURCE_REMOVE;
}

static void
scroll_to (TendRenewalForm *self,
           GtkWidget       *widget)
{
  g_set_weak_pointer (&self->scroll_target, widget);
  self->scroll_frames = 1;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_target, NULL, NULL);
}

/* Reads every field into a draft, or marks each wrong one and returns
 * NULL. The fields keep what was typed either way. */
static TendAssessment *
build_draft (TendRenewalForm *self)
{
  g_autoptr(TendAssessment) draft = tend_assessment_new ();
  g_autofree char *forecast = dup_stripped (entry_text (self->forecast_row));
  g_autofree char *currency = dup_stripped (entry_text (self->currency_row));
  g_autofree char *date = dup_stripped (entry_text (self->next_step_date_row));
  g_autoptr(GError) error = NULL;
  GtkWidget *first_bad = NULL;

  clear_errors (self);
  draft->account_id = g_strdup (self->account_id);

  if (gtk_toggle_button_get_active (self->risk_high))
    draft->risk = TEND_RISK_HIGH;
  else if (gtk_toggle_button_get_active (self->risk_medium))
    draft->risk = TEND_RISK_MEDIUM;
  else if (gtk_toggle_button_get_active (self->risk_low))
    draft->risk = TEND_RISK_LOW;
  else
    {
      draft->risk = TEND_N_RISKS;
      set_error (self, FIELD_RISK, _("Choose how likely the renewal is at risk: low, medium or high."),
                 &first_bad);
    }

  for (guint bit = 0; bit < TEND_N_RISK_REASONS; bit++)
    if (gtk_check_button_get_active (reason_check (self, bit)))
      draft->reasons |= 1u << bit;

  draft->mitigation = dup_mitigation (self);
  if (!check_text (self->account_id, FIELD_MITIGATION, draft->mitigation, &error))
    set_error (self, FIELD_MITIGATION, error->message, &first_bad);
  g_clear_error (&error);

  if (forecast != NULL)
    {
      if (tend_money_parse (forecast, FALSE, &draft->forecast_amount, NULL))
        draft->has_forecast = TRUE;
      else
        set_error (self, FIELD_FORECAST,
                   _("Write the amount as a number of zero or more, such as 125000 or 125000.50."),
                   &first_bad);
      /* The currency goes with an amount; alone it is left out. */
      if (currency != NULL)
        {
          g_autofree char *code = g_ascii_strup (currency, -1);

          if (tend_currency_is_valid (code))
            draft->forecast_currency = g_steal_pointer (&code);
          else
            set_error (self, FIELD_CURRENCY,
                       _("Use a three-letter currency code such as USD or EUR."), &first_bad);
        }
    }

  draft->owner = dup_stripped (entry_text (self->owner_row));
  if (!check_text (self->account_id, FIELD_OWNER, draft->owner, &error))
    set_error (self, FIELD_OWNER, error->message, &first_bad);
  g_clear_error (&error);

  draft->next_step = dup_stripped (entry_text (self->next_step_row));
  if (!check_text (self->account_id, FIELD_NEXT_STEP, draft->next_step, &error))
    set_error (self, FIELD_NEXT_STEP, error->message, &first_bad);
  g_clear_error (&error);

  if (date != NULL && !tend_day_parse (date, &draft->next_step_date, NULL))
    set_error (self, FIELD_DATE,
               _("Write the date as YYYY-MM-DD, such as 2026-12-15, or pick it from the calendar."),
               &first_bad);
  else if (date == NULL && draft->next_step != NULL)
    set_error (self, FIELD_DATE, _("The next step needs a date."), &first_bad);
  else if (date != NULL && draft->next_step == NULL)
    set_error (self, FIELD_NEXT_STEP, _("Write the next step that this date is for."), &first_bad);

  if (first_bad == NULL && !tend_assessment_validate (draft, &error))
    set_error (self, FIELD_RISK, error->message, &first_bad);

  if (first_bad != NULL)
    {
      gtk_widget_grab_focus (first_bad);
      scroll_to (self, first_bad);
      return NULL;
    }
  return g_steal_pointer (&draft);
}

static void
set_risk (TendRenewalForm *self,
          TendRisk         risk)
{
  gtk_toggle_button_set_active (self->risk_low, risk == TEND_RISK_LOW);
  gtk_toggle_button_set_active (self->risk_medium, risk == TEND_RISK_MEDIUM);
  gtk_toggle_button_set_active (self->risk_high, risk == TEND_RISK_HIGH);
}

/* Fills the fields from the current assessment, or the account's owner and
 * currency for a first one. */
static void
load_fields (TendRenewalForm   *self,
             const TendRenewal *renewal)
{
  const TendAssessment *a = renewal->assessment;
  const char *owner = tend_book_owner_name (self->book, renewal->account->owner_id);
  g_autofree char *forecast = NULL;
  g_autofree char *date = NULL;

  clear_errors (self);
  set_risk (self, a != NULL ? a->risk : TEND_N_RISKS);
  for (guint bit = 0; bit < TEND_N_RISK_REASONS; bit++)
    gtk_check_button_set_active (reason_check (self, bit), a != NULL && (a->reasons & (1u << bit)) != 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->mitigation_view),
                            a != NULL && a->mitigation != NULL ? a->mitigation : "", -1);
  if (a != NULL && a->has_forecast)
    forecast = tend_money_to_decimal (a->forecast_amount);
  gtk_editable_set_text (GTK_EDITABLE (self->forecast_row), forecast != NULL ? forecast : "");
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row),
                         a != NULL && a->forecast_currency != NULL ? a->forecast_currency
                         : renewal->account->currency != NULL ? renewal->account->currency : "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row),
                         a != NULL && a->owner != NULL ? a->owner : owner != NULL ? owner : "");
  gtk_editable_set_text (GTK_EDITABLE (self->next_step_row),
                         a != NULL && a->next_step != NULL ? a->next_step : "");
  if (a != NULL && a->next_step_date != TEND_DAY_NONE)
    date = tend_day_to_iso (a->next_step_date);
  gtk_editable_set_text (GTK_EDITABLE (self->next_step_date_row), date != NULL ? date : "");
}

static char *
format_instant (const char *iso)
{
  g_autoptr(GDateTime) when = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return when != NULL ? tend_format_moment (when) : g_strdup (iso != NULL ? iso : "—");
}

static void
show_header (TendRenewalForm   *self,
             const TendRenewal *renewal)
{
  g_autofree char *day = tend_format_day (renewal->renewal_date);
  g_autofree char *days_left = tend_renewal_format_days_left (renewal->days_left);
  g_autofree char *arr = renewal->account->has_arr
                         ? tend_money_format (renewal->account->arr, renewal->account->currency)
                         : g_strdup (_("no ARR"));
  g_autofree char *subtitle = NULL;
  g_autofree char *status = NULL;

  gtk_label_set_label (self->title_label, renewal->account->name);
  /* Translators: "Renews 28 Nov 2026 (in 5 days) · USD 515,201.00" */
  subtitle = g_strdup_printf (_("Renews %s (%s) · %s"), day, days_left, arr);
  gtk_label_set_label (self->subtitle_label, subtitle);
  for (guint k = 0; k < TEND_N_TIERS; k++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_label), tend_renewal_tier_style_class (k));
  gtk_widget_add_css_class (GTK_WIDGET (self->tier_label), tend_renewal_tier_style_class (renewal->tier));
  gtk_label_set_label (self->tier_label, tend_renewal_format_tier (renewal->tier));

  if (renewal->assessment == NULL)
    status = g_strdup (_("Assessment missing: this renewal has no risk assessment yet."));
  else
    {
      g_autofree char *moment = format_instant (renewal->assessment->assessed_at);
      /* Translators: "Current: High risk, assessed by Ana Silva on 23 Nov 2026, 14:05" */
      status = g_strdup_printf (_("Current: %s, assessed by %s on %s. Saving records a new one."),
                                tend_renewal_format_risk (renewal->assessment->risk),
                                renewal->assessment->assessed_by, moment);
    }
  adw_preferences_group_set_description (self->assessment_group, status);
}

static void
show_milestones (TendRenewalForm   *self,
                 const TendRenewal *renewal)
{
  AdwActionRow *rows[TEND_N_MILESTONES] = { self->milestone_row_0, self->milestone_row_1, self->milestone_row_2 };
  GtkWidget *lates[TEND_N_MILESTONES] = { self->milestone_late_0, self->milestone_late_1, self->milestone_late_2 };

  self->is_updating = TRUE;
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      const TendMilestone *m = &renewal->milestones[k];
      g_autofree char *due = tend_format_day (m->due_date);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: "Renewal proposal sent — 60 days out" */
      title = g_strdup_printf (_("%s — %u days out"), tend_renewal_format_milestone (m->kind), m->days_before);
      if (m->is_done)
        {
          g_autofree char *moment = format_instant (m->done_at);
          /* Translators: "Due 24 Sep 2026 · done by Ana Silva on 23 Nov 2026, 14:05" */
          subtitle = g_strdup_printf (_("Due %s · done by %s on %s"), due, m->done_by, moment);
        }
      else if (m->kind == TEND_MILESTONE_RISK_ASSESSMENT)
        /* Translators: "Due 25 Aug 2026 · done by saving an assessment" */
        subtitle = g_strdup_printf (_("Due %s · done by saving an assessment"), due);
      else
        subtitle = g_strdup_printf (_("Due %s"), due);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[k]), title);
      adw_action_row_set_subtitle (rows[k], subtitle);
      gtk_check_button_set_active (milestone_check (self, k), m->is_done);
      gtk_widget_set_visible (lates[k], m->is_past_due);
      if (m->is_past_due)
        gtk_widget_add_css_class (GTK_WIDGET (rows[k]), "past-due");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (rows[k]), "past-due");
    }
  self->is_updating = FALSE;
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  const TendAssessment *a = tend_assessment_item_get_assessment (item);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *moment = format_instant (a->assessed_at);
  g_autofree char *title = NULL;
  g_autofree char *by = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Translators: "High risk — 23 Nov 2026, 14:05" */
  title = g_strdup_printf (_("%s — %s"), tend_renewal_format_risk (a->risk), moment);
  /* Translators: who recorded an earlier assessment */
  by = g_strdup_printf (_("By %s"), a->assessed_by != NULL ? a->assessed_by : "—");
  g_string_append (details, by);
  if (a->reasons != 0)
    {
      g_string_append (details, " · ");
      for (guint bit = 0, n = 0; bit < TEND_N_RISK_REASONS; bit++)
        if (a->reasons & (1u << bit))
          {
            g_string_append (details, n++ > 0 ? ", " : "");
            g_string_append (details, tend_renewal_format_reason (1u << bit));
          }
    }
  if (a->has_forecast)
    {
      g_autofree char *forecast = tend_money_format (a->forecast_amount, a->forecast_currency);
      g_string_append_printf (details, " · %s %s", _("Forecast"), forecast);
    }
  if (a->next_step != NULL)
    {
      g_autofree char *day = tend_format_day (a->next_step_date);
      g_string_append_printf (details, "\n%s: %s (%s)", _("Next step"), a->next_step, day);
    }
  if (a->mitigation != NULL)
    g_string_append_printf (details, "\n%s: %s", _("Mitigation"), a->mitigation);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, details->str);
  adw_action_row_set_subtitle_lines (row, 0);
  return GTK_WIDGET (row);
}

static void
show_history (TendRenewalForm *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  all = tend_assessment_list_for_account (self->store, self->account_id, &error);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      const TendAssessment *a = g_ptr_array_index (all, i);

      if (a->id != self->current_id)
        g_ptr_array_add (items, tend_assessment_item_new (a));
    }
  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       items->pdata, items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), items->len > 0);
  if (error != NULL)
    adw_preferences_group_set_description (self->history_group, error->message);
  else if (items->len == 0)
    adw_preferences_group_set_description (self->history_group, _("None: nothing was superseded yet."));
  else
    adw_preferences_group_set_description (self->history_group,
                                           _("Superseded by the current one, newest first."));
}

static void
on_milestone_toggled (TendRenewalForm *self,
                      GtkCheckButton  *check)
{
  g_autoptr(GError) error = NULL;
  TendMilestoneKind kind = TEND_MILESTONE_PROPOSAL_SENT;
  gboolean active = gtk_check_button_get_active (check);
  g_autofree char *message = NULL;
  gboolean ok;

  if (self->is_updating || self->store == NULL)
    return;
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    if (milestone_check (self, k) == check)
      kind = k;
  if (active)
    ok = tend_milestone_check (self->store, self->book, self->account_id, kind, self->as_of, &error);
  else
    ok = tend_milestone_uncheck (self->store, self->book, self->account_id, kind, self->as_of, &error);
  if (!ok)
    {
      self->is_updating = TRUE;
      gtk_check_button_set_active (check, !active);
      self->is_updating = FALSE;
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  message = active
    /* Translators: "Renewal proposal sent: checked for Acme" */
    ? g_strdup_printf (_("%s: checked for %s"), tend_renewal_format_milestone (kind), self->account_name)
    : g_strdup_printf (_("%s: unchecked for %s"), tend_renewal_format_milestone (kind), self->account_name);
  g_signal_emit (self, signals[MILESTONE_CHANGED], 0, message);
}

/* The popover starts on the typed day, when it is one. */
static void
on_date_popover_show (TendRenewalForm *self)
{
  TendDay day = TEND_DAY_NONE;
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  if (!tend_day_parse (entry_text (self->next_step_date_row), &day, NULL))
    day = self->as_of != TEND_DAY_NONE ? self->as_of : tend_day_today ();
  tend_day_to_gdate (day, &date);
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  self->is_updating = TRUE;
  gtk_calendar_select_day (self->date_calendar, when);
  self->is_updating = FALSE;
}

static void
on_date_chosen (TendRenewalForm *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (self->is_updating)
    return;
  when = gtk_calendar_get_date (self->date_calendar);
  text = g_date_time_format (when, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->next_step_date_row), text);
  gtk_popover_popdown (self->date_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_step_date_row));
}

static void
form_save (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  tend_renewal_form_save (TEND_RENEWAL_FORM (widget));
}

static void
tend_renewal_form_dispose (GObject *object)
{
  TendRenewalForm *self = TEND_RENEWAL_FORM (object);

  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_weak_pointer (&self->scroll_target);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  self->book = NULL;
  /* No gtk_widget_dispose_template () here: AdwBin unparents its child
   * itself, and disposing the template as well unparents it twice on
   * libadwaita 1.2 (a critical when the window closes). */

  G_OBJECT_CLASS (tend_renewal_form_parent_class)->dispose (object);
}

static void
tend_renewal_form_finalize (GObject *object)
{
  TendRenewalForm *self = TEND_RENEWAL_FORM (object);

  g_free (self->account_id);
  g_free (self->account_name);

  G_OBJECT_CLASS (tend_renewal_form_parent_class)->finalize (object);
}

static void
tend_renewal_form_class_init (TendRenewalFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_renewal_form_dispose;
  object_class->finalize = tend_renewal_form_finalize;

  /* Each carries a message for a toast. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MILESTONE_CHANGED] = g_signal_new ("milestone-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, form_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "renewals.show-overview", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-renewal-form.ui");
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, tier_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, assessment_group);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, risk_low);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, risk_medium);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, risk_high);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_3);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_4);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_5);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_6);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, reason_7);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, mitigation_view);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, forecast_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, owner_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, next_step_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, next_step_date_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, date_popover);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_row_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_row_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_row_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_check_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_check_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_check_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_late_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_late_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, milestone_late_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, history_list);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, history_group);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, risk_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, risk_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, mitigation_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, mitigation_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, forecast_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, forecast_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, currency_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, currency_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, owner_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, owner_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, next_step_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, next_step_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, date_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalForm, date_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_milestone_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_date_chosen);
}

static void
tend_renewal_form_init (TendRenewalForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  bind_field (self, FIELD_RISK, gtk_widget_get_parent (GTK_WIDGET (self->risk_low)),
              self->risk_error_row, self->risk_error_label);
  bind_field (self, FIELD_MITIGATION, GTK_WIDGET (self->mitigation_view),
              self->mitigation_error_row, self->mitigation_error_label);
  bind_field (self, FIELD_FORECAST, GTK_WIDGET (self->forecast_row),
              self->forecast_error_row, self->forecast_error_label);
  bind_field (self, FIELD_CURRENCY, GTK_WIDGET (self->currency_row),
              self->currency_error_row, self->currency_error_label);
  bind_field (self, FIELD_OWNER, GTK_WIDGET (self->owner_row),
              self->owner_error_row, self->owner_error_label);
  bind_field (self, FIELD_NEXT_STEP, GTK_WIDGET (self->next_step_row),
              self->next_step_error_row, self->next_step_error_label);
  bind_field (self, FIELD_DATE, GTK_WIDGET (self->next_step_date_row),
              self->date_error_row, self->date_error_label);

  gtk_widget_set_sensitive (GTK_WIDGET (self->milestone_check_0), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->milestone_row_0), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->milestone_check_0), _("Done by saving a risk assessment"));

  self->history = g_list_store_new (TEND_TYPE_ASSESSMENT_ITEM);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->history), create_history_row, NULL, NULL);
}

GtkWidget *
tend_renewal_form_new (void)
{
  return g_object_new (TEND_TYPE_RENEWAL_FORM, NULL);
}

void
tend_renewal_form_set_renewal (TendRenewalForm   *self,
                               TendStore         *store,
                               const TendBook    *book,
                               const TendRenewal *renewal,
                               TendDay            as_of)
{
  gboolean is_same;

  g_return_if_fail (TEND_IS_RENEWAL_FORM (self));
  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (book != NULL);
  g_return_if_fail (renewal != NULL);

  is_same = g_strcmp0 (self->account_id, renewal->account->id) == 0;
  g_set_object (&self->store, store);
  self->book = book;
  self->as_of = as_of;
  self->current_id = renewal->assessment != NULL ? renewal->assessment->id : 0;
  if (!is_same)
    {
      g_free (self->account_id);
      self->account_id = g_strdup (renewal->account->id);
      load_fields (self, renewal);
    }
  g_free (self->account_name);
  self->account_name = g_strdup (renewal->account->name);

  show_header (self, renewal);
  show_milestones (self, renewal);
  show_history (self);
}

void
tend_renewal_form_clear (TendRenewalForm *self)
{
  g_return_if_fail (TEND_IS_RENEWAL_FORM (self));

  g_clear_pointer (&self->account_id, g_free);
  g_clear_object (&self->store);
  self->book = NULL;
  g_list_store_remove_all (self->history);
}

const char *
tend_renewal_form_get_account_id (TendRenewalForm *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_FORM (self), NULL);
  return self->account_id;
}

/* The risk level, on the button already chosen if any. */
void
tend_renewal_form_focus_first_field (TendRenewalForm *self)
{
  GtkToggleButton *risk = self->risk_low;

  g_return_if_fail (TEND_IS_RENEWAL_FORM (self));

  if (gtk_toggle_button_get_active (self->risk_medium))
    risk = self->risk_medium;
  else if (gtk_toggle_button_get_active (self->risk_high))
    risk = self->risk_high;
  gtk_widget_grab_focus (GTK_WIDGET (risk));
}

gboolean
tend_renewal_form_save (TendRenewalForm *self)
{
  g_autoptr(TendAssessment) draft = NULL;
  g_autoptr(TendAssessment) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (TEND_IS_RENEWAL_FORM (self), FALSE);

  if (self->store == NULL || self->account_id == NULL)
    return FALSE;
  draft = build_draft (self);
  if (draft == NULL)
    return FALSE;
  saved = tend_assessment_save (self->store, self->book, draft, self->as_of, &error);
  if (saved == NULL)
    {
      /* Translators: %s says why, from the workspace */
      message = g_strdup_printf (_("The assessment was not saved: %s"), error->message);
      g_signal_emit (self, signals[FAILED], 0, message);
      return FALSE;
    }
  /* Translators: %s is an account's name */
  message = g_strdup_printf (_("Assessment saved for %s"), self->account_name);
  g_signal_emit (self, signals[SAVED], 0, message);
  return TRUE;
}
