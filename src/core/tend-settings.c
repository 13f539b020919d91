// The rule settings of DOMAIN.md with their defaults, read from GSettings.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-error.h"
#include "tend-settings.h"

static const double default_weights[TEND_N_STAGES][TEND_N_COMPONENTS] = {
  [TEND_STAGE_ONBOARDING] = { 45, 25, 10, 20 },
  [TEND_STAGE_ADOPTION]   = { 35, 25, 15, 25 },
  [TEND_STAGE_EXPANSION]  = { 30, 20, 25, 25 },
  [TEND_STAGE_RENEWAL]    = { 20, 20, 30, 30 },
};

static const char *default_checklist[] = {
  "Kickoff meeting held",
  "Technical contact named",
  "Accounts and seats provisioned",
  "Admin training delivered",
  "Integrations configured",
  "Success plan reviewed with the customer",
  "Go-live confirmed",
  NULL
};

static const char *weight_keys[TEND_N_STAGES] = {
  "weights-onboarding", "weights-adoption", "weights-expansion", "weights-renewal",
};

static const char *clawback_keys[TEND_N_INCENTIVE_KINDS] = {
  "clawback-months-new-business", "clawback-months-renewal",
  "clawback-months-expansion", "clawback-months-csm-bonus",
};

static const char *component_names[TEND_N_COMPONENTS] = {
  "usage", "support", "financial", "relational",
};

const char *
tend_component_to_string (TendComponent component)
{
  return (component >= 0 && component < TEND_N_COMPONENTS) ? component_names[component] : NULL;
}

void
tend_settings_init_defaults (TendSettings *settings)
{
  memcpy (settings->weights, default_weights, sizeof default_weights);
  settings->tier_green = 70.0;
  settings->tier_amber = 45.0;
  settings->renewal_horizon_days = 90;
  settings->onboarding_checklist = g_strdupv ((char **) default_checklist);
  settings->clawback_months[TEND_INCENTIVE_NEW_BUSINESS] = 12;
  settings->clawback_months[TEND_INCENTIVE_EXPANSION] = 12;
  settings->clawback_months[TEND_INCENTIVE_RENEWAL] = 6;
  settings->clawback_months[TEND_INCENTIVE_CSM_BONUS] = 0;
  settings->nrr_target = 1.10;
}

void
tend_settings_clear (TendSettings *settings)
{
  g_clear_pointer (&settings->onboarding_checklist, g_strfreev);
}

/* The schema when it is installed (or found through GSETTINGS_SCHEMA_DIR),
 * else NULL: the CLI then runs on DOMAIN.md's defaults. */
GSettings *
tend_settings_new_gsettings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* Fills settings from gsettings; an invalid combination keeps the defaults
 * for that group and returns FALSE. */
gboolean
tend_settings_load (TendSettings *settings,
                    GSettings    *gsettings)
{
  TendSettings candidate;
  gboolean ok = TRUE;

  tend_settings_clear (settings);
  tend_settings_init_defaults (settings);
  if (gsettings == NULL)
    return TRUE;

  candidate = *settings;
  for (int s = 0; s < TEND_N_STAGES; s++)
    g_settings_get (gsettings, weight_keys[s], "(dddd)",
                    &candidate.weights[s][0], &candidate.weights[s][1],
                    &candidate.weights[s][2], &candidate.weights[s][3]);
  candidate.tier_green = g_settings_get_double (gsettings, "tier-green");
  candidate.tier_amber = g_settings_get_double (gsettings, "tier-amber");
  candidate.onboarding_checklist = NULL;
  if (tend_settings_validate (&candidate, NULL))
    {
      memcpy (settings->weights, candidate.weights, sizeof candidate.weights);
      settings->tier_green = candidate.tier_green;
      settings->tier_amber = candidate.tier_amber;
    }
  else
    ok = FALSE;

  settings->renewal_horizon_days = g_settings_get_uint (gsettings, "renewal-horizon");
  for (int k = 0; k < TEND_N_INCENTIVE_KINDS; k++)
    settings->clawback_months[k] = g_settings_get_uint (gsettings, clawback_keys[k]);
  settings->nrr_target = g_settings_get_double (gsettings, "nrr-target");
  {
    g_auto(GStrv) items = g_settings_get_strv (gsettings, "onboarding-checklist");
    if (items != NULL && items[0] != NULL)
      {
        g_strfreev (settings->onboarding_checklist);
        settings->onboarding_checklist = g_steal_pointer (&items);
      }
  }
  return ok;
}

/* Weights >= 0 with a positive sum per stage; 0 <= amber < green <= 100. */
gboolean
tend_settings_validate (const TendSettings  *settings,
                        GError             **error)
{
  for (int s = 0; s < TEND_N_STAGES; s++)
    {
      double sum = 0;
      for (int c = 0; c < TEND_N_COMPONENTS; c++)
        {
          if (!(settings->weights[s][c] >= 0))
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The %s weight of the %s stage is negative; weights must be 0 or more",
                           component_names[c], tend_stage_to_string (s));
              return FALSE;
            }
          sum += settings->weights[s][c];
        }
      if (!(sum > 0))
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "The weights of the %s stage add up to 0; at least one must be above 0",
                       tend_stage_to_string (s));
          return FALSE;
        }
    }
  if (!(settings->tier_amber >= 0 && settings->tier_green <= 100 &&
        settings->tier_amber < settings->tier_green))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "The amber bound (%.1f) must be below the green bound (%.1f), both between 0 and 100",
                   settings->tier_amber, settings->tier_green);
      return FALSE;
    }
  return TRUE;
}
