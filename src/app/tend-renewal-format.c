// How the renewals page words tiers, risks, days left and ARR totals.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-money.h"
#include "tend-renewal-format.h"
#include "tend-renewal-weeks.h"

const char *
tend_renewal_format_tier (TendTier tier)
{
  switch (tier)
    {
    case TEND_TIER_GREEN:
      return C_("health tier", "Green");
    case TEND_TIER_AMBER:
      return C_("health tier", "Amber");
    case TEND_TIER_RED:
      return C_("health tier", "Red");
    case TEND_TIER_UNKNOWN:
    case TEND_N_TIERS:
    default:
      return C_("health tier", "Unknown");
    }
}

const char *
tend_renewal_tier_style_class (TendTier tier)
{
  switch (tier)
    {
    case TEND_TIER_GREEN:
      return "tier-green";
    case TEND_TIER_AMBER:
      return "tier-amber";
    case TEND_TIER_RED:
      return "tier-red";
    case TEND_TIER_UNKNOWN:
    case TEND_N_TIERS:
    default:
      return "tier-unknown";
    }
}

const char *
tend_renewal_format_risk (TendRisk risk)
{
  switch (risk)
    {
    case TEND_RISK_LOW:
      return C_("renewal risk", "Low risk");
    case TEND_RISK_MEDIUM:
      return C_("renewal risk", "Medium risk");
    case TEND_RISK_HIGH:
      return C_("renewal risk", "High risk");
    case TEND_N_RISKS:
    default:
      return C_("renewal risk", "Unknown risk");
    }
}

const char *
tend_renewal_format_reason (TendRiskReason reason)
{
  switch (reason)
    {
    case TEND_RISK_REASON_PRICE:
      return _("Price");
    case TEND_RISK_REASON_PRODUCT_GAP:
      return _("Product gap");
    case TEND_RISK_REASON_SUPPORT:
      return _("Support");
    case TEND_RISK_REASON_CHAMPION_LOSS:
      return _("Champion loss");
    case TEND_RISK_REASON_BUDGET:
      return _("Budget");
    case TEND_RISK_REASON_COMPETITOR:
      return _("Competitor");
    case TEND_RISK_REASON_MERGER_ACQUISITION:
      return _("Merger or acquisition");
    case TEND_RISK_REASON_OTHER:
    default:
      return _("Other");
    }
}

const char *
tend_renewal_format_milestone (TendMilestoneKind kind)
{
  switch (kind)
    {
    case TEND_MILESTONE_RISK_ASSESSMENT:
      return _("Risk assessment");
    case TEND_MILESTONE_PROPOSAL_SENT:
      return _("Renewal proposal sent");
    case TEND_MILESTONE_ORDER_FORM_SIGNED:
    case TEND_N_MILESTONES:
    default:
      return _("Order form signed");
    }
}

char *
tend_renewal_format_days_left (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("today"));
  if (days_left == 1)
    return g_strdup (_("tomorrow"));
  if (days_left < 0)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) -days_left), -days_left);
  return g_strdup_printf (ngettext ("in %d day", "in %d days", (gulong) days_left), days_left);
}

char *
tend_renewal_format_totals (GArray   *totals,
                            gboolean  is_short)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; totals != NULL && k < totals->len; k++)
    {
      const TendArrTotal *total = &g_array_index (totals, TendArrTotal, k);
      const char *currency = *total->currency != '\0' ? total->currency : NULL;
      g_autofree char *money = is_short ? tend_money_format_short (total->arr, currency)
                                        : tend_money_format (total->arr, currency);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, money);
    }
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (text, FALSE);
}
