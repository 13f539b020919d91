// The renewal month grid: weeks of a month, each day with its renewals.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-agenda-row.h"
#include "tend-format.h"
#include "tend-renewal-calendar.h"
#include "tend-renewal-calendar-day.h"
#include "tend-renewal-item.h"
#include "tend-renewal-weeks.h"

#define N_WEEKS 6
#define N_CELLS (N_WEEKS * 7)

struct _TendRenewalCalendar
{
  GtkBox        parent_instance;

  GListModel   *model;
  gulong        items_changed_id;
  TendDay       first;
  TendDay       last;
  TendDay       month;            /* the 1st of the month on screen */
  gboolean      is_compact;
  TendRenewalCalendarDay *cells[N_CELLS];

  GtkLabel     *month_label;
  GtkGrid      *grid;
  GtkPopover   *day_popover;
  GtkLabel     *day_popover_title;
  GListStore   *day_store;
};

G_DEFINE_FINAL_TYPE (TendRenewalCalendar, tend_renewal_calendar, GTK_TYPE_BOX)

static TendDay
month_start (TendDay day)
{
  return tend_day_from_ymd (tend_day_year (day), tend_day_month (day), 1);
}

static TendDay
item_day (GListModel *model,
          guint       position)
{
  g_autoptr(TendRenewalItem) item = g_list_model_get_item (model, position);

  return tend_renewal_item_get_renewal_date (item);
}

/* The position of the first renewal on or after day. */
static guint
lower_bound (GListModel *model,
             TendDay     day)
{
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (item_day (model, mid) < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
update_actions (TendRenewalCalendar *self)
{
  gboolean has_range = self->first != TEND_DAY_NONE && self->last != TEND_DAY_NONE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.previous-month",
                                 has_range && self->month > month_start (self->first));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.next-month",
                                 has_range && self->month < month_start (self->last));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.today",
                                 has_range && self->month != month_start (self->first));
}

static void
render (TendRenewalCalendar *self)
{
  g_autoptr(GPtrArray) day_items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *title = NULL;
  TendDay grid_start, next_month;
  guint n_items, position;
  int n_weeks;

  if (self->month == TEND_DAY_NONE)
    return;

  when = g_date_time_new_utc (tend_day_year (self->month), tend_day_month (self->month), 1, 0, 0, 0);
  /* Translators: the month on screen, see g_date_time_format(); "November 2026" */
  title = g_date_time_format (when, _("%B %Y"));
  gtk_label_set_label (self->month_label, title);

  next_month = tend_day_add_months (self->month, 1);
  grid_start = tend_week_start (self->month);
  n_weeks = (int) ((next_month - grid_start) + 6) / 7;

  n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  position = self->model != NULL ? lower_bound (self->model, self->month) : 0;

  for (int c = 0; c < N_CELLS; c++)
    {
      TendDay day = grid_start + (TendDay) c;
      TendRenewalDayFlags flags = 0;
      gboolean in_month = day >= self->month && day < next_month;

      g_ptr_array_set_size (day_items, 0);
      if (c / 7 >= n_weeks)
        {
          tend_renewal_calendar_day_set (self->cells[c], TEND_DAY_NONE, 0, NULL, 0);
          continue;
        }
      if (!in_month)
        flags |= TEND_RENEWAL_DAY_OTHER_MONTH;
      if (day < self->first || day > self->last)
        flags |= TEND_RENEWAL_DAY_OUTSIDE_HORIZON;
      if (day == self->first)
        flags |= TEND_RENEWAL_DAY_TODAY;
      if (self->is_compact)
        flags |= TEND_RENEWAL_DAY_COMPACT;
      /* The renewals of the month only: a day of the next month shows
       * them when its own month is on screen. */
      while (in_month && position < n_items && item_day (self->model, position) == day)
        g_ptr_array_add (day_items, g_list_model_get_item (self->model, position++));
      tend_renewal_calendar_day_set (self->cells[c], day, flags,
                                     (TendRenewalItem **) day_items->pdata, day_items->len);
    }
  update_actions (self);
}

static void
on_items_changed (TendRenewalCalendar *self)
{
  render (self);
}

static void
calendar_previous_month (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TendRenewalCalendar *self = TEND_RENEWAL_CALENDAR (widget);

  tend_renewal_calendar_show_month (self, tend_day_add_months (self->month, -1));
}

static void
calendar_next_month (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TendRenewalCalendar *self = TEND_RENEWAL_CALENDAR (widget);

  tend_renewal_calendar_show_month (self, tend_day_add_months (self->month, 1));
}

static void
calendar_today (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TendRenewalCalendar *self = TEND_RENEWAL_CALENDAR (widget);

  tend_renewal_calendar_show_month (self, self->first);
}

/* "+N more": the whole day in a popover, as agenda rows. */
static void
calendar_show_day (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendRenewalCalendar *self = TEND_RENEWAL_CALENDAR (widget);
  TendDay day = g_variant_get_uint32 (parameter);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  GtkWidget *more = NULL;
  graphene_rect_t bounds;
  guint n_items, position;

  if (self->model == NULL)
    return;
  n_items = g_list_model_get_n_items (self->model);
  for (position = lower_bound (self->model, day);
       position < n_items && item_day (self->model, position) == day; position++)
    g_ptr_array_add (items, g_list_model_get_item (self->model, position));
  g_list_store_splice (self->day_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->day_store)),
                       items->pdata, items->len);

  title = tend_format_day (day);
  gtk_label_set_label (self->day_popover_title, title);
  for (guint c = 0; c < N_CELLS && more == NULL; c++)
    if (tend_renewal_calendar_day_get_day (self->cells[c]) == day)
      more = tend_renewal_calendar_day_get_more (self->cells[c]);
  if (more != NULL && gtk_widget_compute_bounds (more, widget, &bounds))
    gtk_popover_set_pointing_to (self->day_popover,
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   (int) bounds.size.width, (int) bounds.size.height });
  gtk_popover_popup (self->day_popover);
}

static void
setup_day_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, tend_agenda_row_new ());
}

static void
bind_day_row (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  tend_agenda_row_set_item (TEND_AGENDA_ROW (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
on_day_row_activated (TendRenewalCalendar *self,
                      guint                position)
{
  g_autoptr(TendRenewalItem) item = g_list_model_get_item (G_LIST_MODEL (self->day_store), position);

  gtk_popover_popdown (self->day_popover);
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "renewals.open", "s",
                                tend_renewal_item_get_account_id (item));
}

static void
tend_renewal_calendar_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  TendRenewalCalendar *self = TEND_RENEWAL_CALENDAR (widget);

  GTK_WIDGET_CLASS (tend_renewal_calendar_parent_class)->size_allocate (widget, width, height, baseline);
  if (gtk_widget_get_visible (GTK_WIDGET (self->day_popover)))
    gtk_popover_present (self->day_popover);
}

static void
tend_renewal_calendar_dispose (GObject *object)
{
  TendRenewalCalendar *self = TEND_RENEWAL_CALENDAR (object);

  tend_renewal_calendar_set_model (self, NULL);
  if (self->day_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->day_popover));
      self->day_popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_RENEWAL_CALENDAR);

  G_OBJECT_CLASS (tend_renewal_calendar_parent_class)->dispose (object);
}

static void
tend_renewal_calendar_class_init (TendRenewalCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_renewal_calendar_dispose;
  widget_class->size_allocate = tend_renewal_calendar_size_allocate;

  gtk_widget_class_install_action (widget_class, "calendar.previous-month", NULL, calendar_previous_month);
  gtk_widget_class_install_action (widget_class, "calendar.next-month", NULL, calendar_next_month);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, calendar_today);
  gtk_widget_class_install_action (widget_class, "calendar.show-day", "u", calendar_show_day);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "calendar.today", NULL);

  g_type_ensure (TEND_TYPE_RENEWAL_ITEM);
  g_type_ensure (TEND_TYPE_RENEWAL_CALENDAR_DAY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-renewal-calendar.ui");
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendar, month_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendar, grid);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendar, day_popover);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendar, day_popover_title);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendar, day_store);
  gtk_widget_class_bind_template_callback (widget_class, setup_day_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_day_row);
  gtk_widget_class_bind_template_callback (widget_class, on_day_row_activated);
}

static void
tend_renewal_calendar_init (TendRenewalCalendar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_parent (GTK_WIDGET (self->day_popover), GTK_WIDGET (self));
  for (int c = 0; c < N_CELLS; c++)
    {
      self->cells[c] = TEND_RENEWAL_CALENDAR_DAY (tend_renewal_calendar_day_new ());
      gtk_grid_attach (self->grid, GTK_WIDGET (self->cells[c]), c % 7, 1 + c / 7, 1, 1);
    }
  update_actions (self);
}

GtkWidget *
tend_renewal_calendar_new (void)
{
  return g_object_new (TEND_TYPE_RENEWAL_CALENDAR, NULL);
}

void
tend_renewal_calendar_set_model (TendRenewalCalendar *self,
                                 GListModel          *renewals)
{
  g_return_if_fail (TEND_IS_RENEWAL_CALENDAR (self));
  g_return_if_fail (renewals == NULL || G_IS_LIST_MODEL (renewals));

  if (self->model == renewals)
    return;
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, renewals);
  if (renewals != NULL)
    self->items_changed_id = g_signal_connect_swapped (renewals, "items-changed",
                                                       G_CALLBACK (on_items_changed), self);
  render (self);
}

void
tend_renewal_calendar_set_range (TendRenewalCalendar *self,
                                 TendDay              first,
                                 TendDay              last)
{
  g_return_if_fail (TEND_IS_RENEWAL_CALENDAR (self));

  self->first = first;
  self->last = last;
  if (first == TEND_DAY_NONE)
    return;
  if (self->month == TEND_DAY_NONE || self->month < month_start (first) || self->month > month_start (last))
    self->month = month_start (first);
  render (self);
}

void
tend_renewal_calendar_set_compact (TendRenewalCalendar *self,
                                   gboolean             is_compact)
{
  g_return_if_fail (TEND_IS_RENEWAL_CALENDAR (self));

  if (self->is_compact == !!is_compact)
    return;
  self->is_compact = !!is_compact;
  if (is_compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  render (self);
}

TendDay
tend_renewal_calendar_get_month (TendRenewalCalendar *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_CALENDAR (self), TEND_DAY_NONE);
  return self->month;
}

void
tend_renewal_calendar_show_month (TendRenewalCalendar *self,
                                  TendDay              day)
{
  TendDay month;

  g_return_if_fail (TEND_IS_RENEWAL_CALENDAR (self));

  if (day == TEND_DAY_NONE || self->first == TEND_DAY_NONE)
    return;
  month = CLAMP (month_start (day), month_start (self->first), month_start (self->last));
  if (month == self->month)
    return;
  self->month = month;
  render (self);
}
