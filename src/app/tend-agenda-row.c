// A line of the renewal agenda: a week's heading with its ARR, or a renewal.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-agenda-row.h"
#include "tend-format.h"
#include "tend-money.h"
#include "tend-renewal-format.h"

struct _TendAgendaRow
{
  GtkBox     parent_instance;

  GtkLabel  *week_label;
  GtkWidget *renewal_box;
  GtkLabel  *name_label;
  GtkLabel  *date_label;
  GtkLabel  *arr_label;
  GtkWidget *status_box;
  GtkImage  *status_icon;
  GtkLabel  *status_label;
  GtkLabel  *tier_label;
};

G_DEFINE_FINAL_TYPE (TendAgendaRow, tend_agenda_row, GTK_TYPE_BOX)

static const char * const status_classes[] = { "warning", "error", "success" };

static void
set_week (TendAgendaRow   *self,
          TendRenewalItem *item)
{
  TendDay monday = tend_renewal_item_get_week_start (item);
  guint n = tend_renewal_item_get_n_renewals (item);
  g_autofree char *totals = tend_renewal_format_totals (tend_renewal_item_get_totals (item), TRUE);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  GDate date;

  tend_day_to_gdate (monday, &date);
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  /* Translators: the Monday of a week in the agenda, see g_date_time_format(); "23 Nov" */
  day = g_date_time_format (when, _("%-d %b"));
  count = g_strdup_printf (ngettext ("%u renewal", "%u renewals", n), n);
  /* Translators: an agenda heading: "Week of 23 Nov — 5 renewals — USD 1.2M · EUR 35K" */
  text = g_strdup_printf (_("Week of %s — %s — %s"), day, count, totals);
  gtk_label_set_label (self->week_label, text);
}

static void
set_renewal (TendAgendaRow   *self,
             TendRenewalItem *item)
{
  TendTier tier = tend_renewal_item_get_tier (item);
  gboolean is_missing = tend_renewal_item_get_is_missing (item);
  g_autofree char *day = tend_format_day (tend_renewal_item_get_renewal_date (item));
  g_autofree char *days_left = tend_renewal_format_days_left (tend_renewal_item_get_days_left (item));
  g_autofree char *date_text = NULL;
  g_autofree char *arr = NULL;
  g_autofree char *description = NULL;
  const char *status;
  const char *status_class;
  gint64 cents;

  if (tend_renewal_item_get_arr (item, &cents))
    arr = tend_money_format (cents, tend_renewal_item_get_currency (item));

  gtk_label_set_label (self->name_label, tend_renewal_item_get_name (item));
  /* Translators: "25 Nov 2026 · in 2 days" */
  date_text = g_strdup_printf (_("%s · %s"), day, days_left);
  gtk_label_set_label (self->date_label, date_text);
  gtk_label_set_label (self->arr_label, arr != NULL ? arr : "—");

  for (guint k = 0; k < TEND_N_TIERS; k++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_label), tend_renewal_tier_style_class (k));
  gtk_widget_add_css_class (GTK_WIDGET (self->tier_label), tend_renewal_tier_style_class (tier));
  gtk_label_set_label (self->tier_label, tend_renewal_format_tier (tier));

  if (is_missing)
    {
      status = _("Assessment missing");
      status_class = "warning";
    }
  else
    {
      TendRisk risk = tend_renewal_item_get_risk (item);

      status = tend_renewal_format_risk (risk);
      status_class = risk == TEND_RISK_HIGH ? "error" : risk == TEND_RISK_MEDIUM ? "warning" : "success";
    }
  for (guint k = 0; k < G_N_ELEMENTS (status_classes); k++)
    gtk_widget_remove_css_class (self->status_box, status_classes[k]);
  gtk_widget_add_css_class (self->status_box, status_class);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), is_missing);

  /* Translators: an agenda row for a screen reader: "Acme, renews 25 Nov
   * 2026, in 2 days, USD 12,000.00, health Red, Assessment missing" */
  description = g_strdup_printf (_("%s, renews %s, %s, %s, health %s, %s"),
                                 tend_renewal_item_get_name (item), day, days_left,
                                 arr != NULL ? arr : _("no ARR"), tend_renewal_format_tier (tier), status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
tend_agenda_row_class_init (TendAgendaRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, week_label);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, renewal_box);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, arr_label);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, status_box);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TendAgendaRow, tier_label);
}

static void
tend_agenda_row_init (TendAgendaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_agenda_row_new (void)
{
  return g_object_new (TEND_TYPE_AGENDA_ROW, NULL);
}

void
tend_agenda_row_set_item (TendAgendaRow   *self,
                          TendRenewalItem *item)
{
  gboolean is_week;

  g_return_if_fail (TEND_IS_AGENDA_ROW (self));
  g_return_if_fail (TEND_IS_RENEWAL_ITEM (item));

  is_week = tend_renewal_item_get_is_week (item);
  gtk_widget_set_visible (GTK_WIDGET (self->week_label), is_week);
  gtk_widget_set_visible (self->renewal_box, !is_week);
  if (is_week)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "week");
      set_week (self, item);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "week");
      set_renewal (self, item);
    }
}
