// One day of the renewal month grid: its number and its renewals as chips.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-format.h"
#include "tend-money.h"
#include "tend-renewal-calendar-day.h"
#include "tend-renewal-format.h"

#define N_CHIPS TEND_RENEWAL_CALENDAR_DAY_MAX_CHIPS

/* A fixed set of chips, re-bound when the month changes: a month shows at
 * most 42 days * 3 chips whatever the size of the book. */
struct _TendRenewalCalendarDay
{
  GtkBox      parent_instance;

  TendDay     day;

  GtkLabel   *number_label;
  GtkButton  *chip_0;
  GtkButton  *chip_1;
  GtkButton  *chip_2;
  GtkImage   *icon_0;
  GtkImage   *icon_1;
  GtkImage   *icon_2;
  GtkLabel   *label_0;
  GtkLabel   *label_1;
  GtkLabel   *label_2;
  GtkButton  *more_button;
};

G_DEFINE_FINAL_TYPE (TendRenewalCalendarDay, tend_renewal_calendar_day, GTK_TYPE_BOX)

static const char * const tier_classes[] = { "tier-green", "tier-amber", "tier-red", "tier-unknown" };

static void
bind_chip (GtkButton       *chip,
           GtkImage        *icon,
           GtkLabel        *label,
           TendRenewalItem *item,
           gboolean         is_compact)
{
  TendTier tier = tend_renewal_item_get_tier (item);
  gboolean is_missing = tend_renewal_item_get_is_missing (item);
  g_autofree char *day = tend_format_day (tend_renewal_item_get_renewal_date (item));
  g_autofree char *arr = NULL;
  g_autofree char *description = NULL;
  gint64 cents;

  if (tend_renewal_item_get_arr (item, &cents))
    arr = tend_money_format (cents, tend_renewal_item_get_currency (item));
  for (guint k = 0; k < G_N_ELEMENTS (tier_classes); k++)
    gtk_widget_remove_css_class (GTK_WIDGET (chip), tier_classes[k]);
  gtk_widget_add_css_class (GTK_WIDGET (chip), tend_renewal_tier_style_class (tier));
  if (is_missing)
    gtk_widget_add_css_class (GTK_WIDGET (chip), "assessment-missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (chip), "assessment-missing");

  gtk_label_set_label (label, tend_renewal_item_get_name (item));
  gtk_widget_set_visible (GTK_WIDGET (label), !is_compact);
  gtk_widget_set_visible (GTK_WIDGET (icon), is_missing);
  /* The target first: a name without one would warn of a mismatch. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (chip),
                                          g_variant_new_string (tend_renewal_item_get_account_id (item)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "renewals.open");

  /* Translators: a renewal in the calendar: "Acme, renews 25 Nov 2026,
   * USD 12,000.00, health Red, assessment missing" */
  description = g_strdup_printf (_("%s, renews %s, %s, health %s, %s"),
                                 tend_renewal_item_get_name (item), day, arr != NULL ? arr : _("no ARR"),
                                 tend_renewal_format_tier (tier),
                                 is_missing ? _("assessment missing")
                                            : tend_renewal_format_risk (tend_renewal_item_get_risk (item)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (chip), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (chip), TRUE);
}

static void
tend_renewal_calendar_day_class_init (TendRenewalCalendarDayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-renewal-calendar-day.ui");
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, number_label);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, chip_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, chip_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, chip_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, icon_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, icon_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, icon_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, label_0);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, label_1);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, label_2);
  gtk_widget_class_bind_template_child (widget_class, TendRenewalCalendarDay, more_button);
}

static void
tend_renewal_calendar_day_init (TendRenewalCalendarDay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_renewal_calendar_day_new (void)
{
  return g_object_new (TEND_TYPE_RENEWAL_CALENDAR_DAY, NULL);
}

void
tend_renewal_calendar_day_set (TendRenewalCalendarDay  *self,
                               TendDay                  day,
                               TendRenewalDayFlags      flags,
                               TendRenewalItem        **items,
                               guint                    n_items)
{
  GtkButton *chips[N_CHIPS] = { self->chip_0, self->chip_1, self->chip_2 };
  GtkImage *icons[N_CHIPS] = { self->icon_0, self->icon_1, self->icon_2 };
  GtkLabel *labels[N_CHIPS] = { self->label_0, self->label_1, self->label_2 };
  /* All of them when they fit, else one line fewer and "+N more". */
  guint n_chips = n_items <= N_CHIPS ? n_items : N_CHIPS - 1;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *label = NULL;
  char number[4];
  GDate date;

  g_return_if_fail (TEND_IS_RENEWAL_CALENDAR_DAY (self));

  self->day = day;
  /* A week the month does not reach. */
  gtk_widget_set_visible (GTK_WIDGET (self), day != TEND_DAY_NONE);
  if (day == TEND_DAY_NONE)
    return;
  tend_day_to_gdate (day, &date);
  g_snprintf (number, sizeof number, "%u", g_date_get_day (&date));
  gtk_label_set_label (self->number_label, number);

  if (flags & TEND_RENEWAL_DAY_OTHER_MONTH)
    gtk_widget_add_css_class (GTK_WIDGET (self), "other-month");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "other-month");
  if (flags & TEND_RENEWAL_DAY_OUTSIDE_HORIZON)
    gtk_widget_add_css_class (GTK_WIDGET (self), "outside-horizon");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "outside-horizon");
  if (flags & TEND_RENEWAL_DAY_TODAY)
    gtk_widget_add_css_class (GTK_WIDGET (self), "today");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "today");

  for (guint k = 0; k < N_CHIPS; k++)
    {
      if (k < n_chips)
        bind_chip (chips[k], icons[k], labels[k], items[k], (flags & TEND_RENEWAL_DAY_COMPACT) != 0);
      else
        gtk_widget_set_visible (GTK_WIDGET (chips[k]), FALSE);
    }
  if (n_items > n_chips)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("+%u more", "+%u more", n_items - n_chips),
                                               n_items - n_chips);
      g_autofree char *tip = g_strdup_printf (ngettext ("Show the %u renewal of the day",
                                                        "Show all %u renewals of the day", n_items),
                                              n_items);

      gtk_button_set_label (self->more_button, more);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->more_button), tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->more_button), g_variant_new_uint32 (day));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->more_button), "calendar.show-day");
      gtk_widget_set_visible (GTK_WIDGET (self->more_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);

  /* A screen reader hears the day and how many renewals it holds. */
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* Translators: a day of the calendar, see g_date_time_format(); "Wednesday 25 November" */
  weekday = g_date_time_format (when, _("%A %-d %B"));
  if (n_items == 0)
    label = g_strdup (weekday);
  else
    /* Translators: "Wednesday 25 November, 3 renewals" */
    label = g_strdup_printf (ngettext ("%s, %u renewal", "%s, %u renewals", n_items), weekday, n_items);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

TendDay
tend_renewal_calendar_day_get_day (TendRenewalCalendarDay *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_CALENDAR_DAY (self), TEND_DAY_NONE);
  return self->day;
}

GtkWidget *
tend_renewal_calendar_day_get_more (TendRenewalCalendarDay *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_CALENDAR_DAY (self), NULL);
  return GTK_WIDGET (self->more_button);
}
