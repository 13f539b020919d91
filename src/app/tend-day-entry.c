// A day typed as YYYY-MM-DD or picked from a calendar popover.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-day-entry.h"

struct _TendDayEntry
{
  GtkBox          parent_instance;

  TendDay         day;
  char           *title;
  gboolean        is_picking;
  int             shown_year;
  int             shown_month;

  GtkEntry       *entry;
  GtkMenuButton  *calendar_button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;
};

G_DEFINE_FINAL_TYPE (TendDayEntry, tend_day_entry, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DAY,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_day_internal (TendDayEntry *self,
                  TendDay       day)
{
  if (self->day == day)
    return;
  self->day = day;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

static void
on_text_changed (TendDayEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  TendDay day = TEND_DAY_NONE;
  gboolean is_day = tend_day_parse (text, &day, NULL);

  if (!is_day)
    day = TEND_DAY_NONE;
  if (*text != '\0' && !is_day)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               *text != '\0' && !is_day ? GTK_ACCESSIBLE_INVALID_TRUE
                                                        : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  set_day_internal (self, day);
}

/* The calendar opens on the typed day, or today. */
static void
on_popover_show (TendDayEntry *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (self->day != TEND_DAY_NONE)
    {
      tend_day_to_gdate (self->day, &date);
      dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
    }
  else
    dt = g_date_time_new_now_utc ();
  self->is_picking = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->is_picking = FALSE;
  self->shown_year = g_date_time_get_year (dt);
  self->shown_month = g_date_time_get_month (dt);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

/* A day picked in the month on show closes the popover; moving to another
 * month or year (which selects a day too) keeps it open. */
static void
on_day_selected (TendDayEntry *self)
{
  g_autoptr(GDateTime) dt = NULL;
  gboolean is_same_month;

  if (self->is_picking)
    return;
  dt = gtk_calendar_get_date (self->calendar);
  is_same_month = g_date_time_get_year (dt) == self->shown_year &&
                  g_date_time_get_month (dt) == self->shown_month;
  self->shown_year = g_date_time_get_year (dt);
  self->shown_month = g_date_time_get_month (dt);
  tend_day_entry_set_day (self, tend_day_from_ymd (g_date_time_get_year (dt),
                                                   g_date_time_get_month (dt),
                                                   g_date_time_get_day_of_month (dt)));
  if (is_same_month)
    {
      gtk_popover_popdown (self->popover);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
}

static void
update_title (TendDayEntry *self)
{
  g_autofree char *tooltip = NULL;

  /* Translators: %s names the day, such as "Earned on" or "From" */
  tooltip = g_strdup_printf (_("Choose “%s” From a Calendar"), self->title ? self->title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
}

static gboolean
tend_day_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TEND_DAY_ENTRY (widget)->entry));
}

static void
tend_day_entry_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_DAY_ENTRY);

  G_OBJECT_CLASS (tend_day_entry_parent_class)->dispose (object);
}

static void
tend_day_entry_finalize (GObject *object)
{
  g_free (TEND_DAY_ENTRY (object)->title);

  G_OBJECT_CLASS (tend_day_entry_parent_class)->finalize (object);
}

static void
tend_day_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TendDayEntry *self = TEND_DAY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_day_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TendDayEntry *self = TEND_DAY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DAY:
      tend_day_entry_set_day (self, g_value_get_uint (value));
      break;
    case PROP_TITLE:
      if (g_strcmp0 (self->title, g_value_get_string (value)) != 0)
        {
          g_free (self->title);
          self->title = g_value_dup_string (value);
          update_title (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_day_entry_class_init (TendDayEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_day_entry_dispose;
  object_class->finalize = tend_day_entry_finalize;
  object_class->get_property = tend_day_entry_get_property;
  object_class->set_property = tend_day_entry_set_property;
  widget_class->grab_focus = tend_day_entry_grab_focus;

  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* What the day is, for assistive technologies and the calendar's tooltip. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-day-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, TendDayEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, TendDayEntry, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, TendDayEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, TendDayEntry, calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
}

static void
tend_day_entry_init (TendDayEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_title (self);
}

GtkWidget *
tend_day_entry_new (void)
{
  return g_object_new (TEND_TYPE_DAY_ENTRY, NULL);
}

TendDay
tend_day_entry_get_day (TendDayEntry *self)
{
  g_return_val_if_fail (TEND_IS_DAY_ENTRY (self), TEND_DAY_NONE);
  return self->day;
}

/* Writes the day as YYYY-MM-DD; TEND_DAY_NONE empties the entry. */
void
tend_day_entry_set_day (TendDayEntry *self,
                        TendDay       day)
{
  char text[11];

  g_return_if_fail (TEND_IS_DAY_ENTRY (self));

  tend_day_format (day, text);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

const char *
tend_day_entry_get_text (TendDayEntry *self)
{
  g_return_val_if_fail (TEND_IS_DAY_ENTRY (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
tend_day_entry_set_text (TendDayEntry *self,
                         const char   *text)
{
  g_return_if_fail (TEND_IS_DAY_ENTRY (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
}

GtkWidget *
tend_day_entry_get_entry (TendDayEntry *self)
{
  g_return_val_if_fail (TEND_IS_DAY_ENTRY (self), NULL);
  return GTK_WIDGET (self->entry);
}
