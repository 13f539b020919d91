// Preferences of the health score: who you are, tier bounds, stage weights.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-health-preferences-page.h"
#include "tend-settings.h"
#include "tend-window.h"

/* Each field is checked on its own against the saved rules: a valid value
 * is written to GSettings at once (the workspace then emits "changed" and
 * the pages recompute); an invalid one stays in its field with the reason
 * beside it and is not saved. */
struct _TendHealthPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GPtrArray          *owner_ids;      /* parallel to owner_row's model; [0] NULL = not set */
  gboolean            is_loading;

  AdwComboRow        *owner_row;
  AdwActionRow       *green_row;
  GtkSpinButton      *green_spin;
  AdwActionRow       *amber_row;
  GtkSpinButton      *amber_spin;
  AdwActionRow       *weight_rows[TEND_N_STAGES][TEND_N_COMPONENTS];
  GtkSpinButton      *weight_spins[TEND_N_STAGES][TEND_N_COMPONENTS];
};

G_DEFINE_FINAL_TYPE (TendHealthPreferencesPage, tend_health_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *stage_ids[TEND_N_STAGES] = { "onboarding", "adoption", "expansion", "renewal" };
static const char *component_ids[TEND_N_COMPONENTS] = { "usage", "support", "financial", "relational" };

static void
set_row_error (AdwActionRow *row,
               const char   *message)
{
  if (message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_action_row_set_subtitle (row, escaped);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      adw_action_row_set_subtitle (row, NULL);
    }
}

static void
load_values (TendHealthPreferencesPage *self)
{
  TendSettings settings;

  tend_settings_init_defaults (&settings);
  tend_settings_load (&settings, self->settings);
  self->is_loading = TRUE;
  gtk_spin_button_set_value (self->green_spin, settings.tier_green);
  gtk_spin_button_set_value (self->amber_spin, settings.tier_amber);
  set_row_error (self->green_row, NULL);
  set_row_error (self->amber_row, NULL);
  for (int s = 0; s < TEND_N_STAGES; s++)
    for (int c = 0; c < TEND_N_COMPONENTS; c++)
      {
        gtk_spin_button_set_value (self->weight_spins[s][c], settings.weights[s][c]);
        set_row_error (self->weight_rows[s][c], NULL);
      }
  self->is_loading = FALSE;
  tend_settings_clear (&settings);
}

static void
on_value_changed (TendHealthPreferencesPage *self,
                  GtkSpinButton             *spin)
{
  g_autoptr(GError) error = NULL;
  TendSettings candidate;
  AdwActionRow *row = NULL;
  g_autofree char *message = NULL;
  double value = gtk_spin_button_get_value (spin);
  int stage = -1;

  if (self->is_loading || self->settings == NULL)
    return;
  tend_settings_init_defaults (&candidate);
  tend_settings_load (&candidate, self->settings);

  if (spin == self->green_spin)
    {
      candidate.tier_green = value;
      row = self->green_row;
    }
  else if (spin == self->amber_spin)
    {
      candidate.tier_amber = value;
      row = self->amber_row;
    }
  else
    for (int s = 0; s < TEND_N_STAGES && row == NULL; s++)
      for (int c = 0; c < TEND_N_COMPONENTS; c++)
        if (self->weight_spins[s][c] == spin)
          {
            candidate.weights[s][c] = value;
            row = self->weight_rows[s][c];
            stage = s;
            break;
          }
  g_return_if_fail (row != NULL);

  if (!tend_settings_validate (&candidate, &error))
    {
      if (stage >= 0 && value >= 0)
        message = g_strdup (_("Not saved: at least one weight of a stage must be above 0"));
      else if (spin == self->amber_spin)
        /* Translators: %g is the green bound */
        message = g_strdup_printf (_("Not saved: amber must be below green (%g)"), candidate.tier_green);
      else if (spin == self->green_spin)
        /* Translators: %g is the amber bound */
        message = g_strdup_printf (_("Not saved: green must be above amber (%g)"), candidate.tier_amber);
      else
        message = g_strdup (error->message);
      set_row_error (row, message);
      tend_settings_clear (&candidate);
      return;
    }

  set_row_error (row, NULL);
  if (stage >= 0)
    {
      g_autofree char *key = g_strconcat ("weights-", stage_ids[stage], NULL);
      const double *w = candidate.weights[stage];

      g_settings_set (self->settings, key, "(dddd)", w[0], w[1], w[2], w[3]);
    }
  else if (spin == self->green_spin)
    g_settings_set_double (self->settings, "tier-green", value);
  else
    g_settings_set_double (self->settings, "tier-amber", value);
  tend_settings_clear (&candidate);
}

static void
on_reset_clicked (TendHealthPreferencesPage *self)
{
  if (self->settings == NULL)
    return;
  g_settings_delay (self->settings);
  for (int s = 0; s < TEND_N_STAGES; s++)
    {
      g_autofree char *key = g_strconcat ("weights-", stage_ids[s], NULL);
      g_settings_reset (self->settings, key);
    }
  g_settings_reset (self->settings, "tier-green");
  g_settings_reset (self->settings, "tier-amber");
  g_settings_apply (self->settings);
  load_values (self);
}

static void
on_owner_selected (TendHealthPreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->owner_row);
  const char *id;

  if (self->is_loading || self->settings == NULL || self->owner_ids == NULL ||
      selected >= self->owner_ids->len)
    return;
  id = g_ptr_array_index (self->owner_ids, selected);
  g_settings_set_string (self->settings, "my-owner-id", id != NULL ? id : "");
}

/* The owners come from the open workspace of the window the preferences
 * belong to. */
static void
load_owners (TendHealthPreferencesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  TendWorkspace *workspace = TEND_IS_WINDOW (parent) ? tend_window_get_workspace (TEND_WINDOW (parent)) : NULL;
  const TendBook *book = workspace != NULL ? tend_workspace_get_book (workspace) : NULL;
  g_autofree char *mine = self->settings ? g_settings_get_string (self->settings, "my-owner-id") : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->owner_ids, NULL);
  gtk_string_list_append (names, _("Not set"));
  for (guint i = 0; book != NULL && i < book->n_owners; i++)
    {
      const TendOwner *owner = &book->owners[i];

      if (g_strcmp0 (owner->id, mine) == 0)
        selected = self->owner_ids->len;
      g_ptr_array_add (self->owner_ids, g_strdup (owner->id));
      gtk_string_list_append (names, owner->name != NULL ? owner->name : owner->id);
    }
  /* Someone not in this book yet keeps the setting. */
  if (selected == 0 && mine != NULL && *mine != '\0')
    {
      selected = self->owner_ids->len;
      g_ptr_array_add (self->owner_ids, g_strdup (mine));
      gtk_string_list_append (names, mine);
    }
  self->is_loading = TRUE;
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->owner_row, selected);
  self->is_loading = FALSE;
}

static void
tend_health_preferences_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tend_health_preferences_page_parent_class)->root (widget);
  load_owners (TEND_HEALTH_PREFERENCES_PAGE (widget));
}

static void
tend_health_preferences_page_dispose (GObject *object)
{
  TendHealthPreferencesPage *self = TEND_HEALTH_PREFERENCES_PAGE (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_HEALTH_PREFERENCES_PAGE);

  G_OBJECT_CLASS (tend_health_preferences_page_parent_class)->dispose (object);
}

static void
tend_health_preferences_page_finalize (GObject *object)
{
  TendHealthPreferencesPage *self = TEND_HEALTH_PREFERENCES_PAGE (object);

  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_health_preferences_page_parent_class)->finalize (object);
}

static void
tend_health_preferences_page_class_init (TendHealthPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_health_preferences_page_dispose;
  object_class->finalize = tend_health_preferences_page_finalize;
  widget_class->root = tend_health_preferences_page_root;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-health-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHealthPreferencesPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, TendHealthPreferencesPage, green_row);
  gtk_widget_class_bind_template_child (widget_class, TendHealthPreferencesPage, green_spin);
  gtk_widget_class_bind_template_child (widget_class, TendHealthPreferencesPage, amber_row);
  gtk_widget_class_bind_template_child (widget_class, TendHealthPreferencesPage, amber_spin);
  for (int s = 0; s < TEND_N_STAGES; s++)
    for (int c = 0; c < TEND_N_COMPONENTS; c++)
      {
        /* Template children are named "weight_<stage>_<component>". */
        char *spin_name = g_strdup_printf ("weight_%s_%s", stage_ids[s], component_ids[c]);
        char *row_name = g_strdup_printf ("weight_row_%s_%s", stage_ids[s], component_ids[c]);

        gtk_widget_class_bind_template_child_full (widget_class, spin_name, FALSE,
                                                   G_STRUCT_OFFSET (TendHealthPreferencesPage, weight_spins) +
                                                   (s * TEND_N_COMPONENTS + c) * sizeof (gpointer));
        gtk_widget_class_bind_template_child_full (widget_class, row_name, FALSE,
                                                   G_STRUCT_OFFSET (TendHealthPreferencesPage, weight_rows) +
                                                   (s * TEND_N_COMPONENTS + c) * sizeof (gpointer));
        g_free (spin_name);
        g_free (row_name);
      }
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_selected);
}

static void
tend_health_preferences_page_init (TendHealthPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = tend_settings_new_gsettings ();
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->settings != NULL);
  load_values (self);
}

GtkWidget *
tend_health_preferences_page_new (void)
{
  return g_object_new (TEND_TYPE_HEALTH_PREFERENCES_PAGE, NULL);
}
