// Tend in German: the built catalogue (BUILDDIR/po) reaches the window, the
// menus, the shortcuts window and the formatted days, counts and money.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// tests/meson.build runs it with LANGUAGE=de and TEND_LOCALEDIR pointing at
// the build's po directory. The day and money tests use the de_DE.UTF-8
// locale, compiled into a temporary LOCPATH when the system has not
// generated it (Debian's locales package has its sources); they skip
// without it.
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "tend-application.h"
#include "tend-day.h"
#include "tend-format.h"
#include "tend-money.h"
#include "tend-window.h"

static TendApplication *app;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The catalogue itself: a message from each layer. */
static void
test_catalogue (void)
{
  g_assert_cmpstr (_("Accounts"), ==, "Konten");
  g_assert_cmpstr (g_dpgettext2 (NULL, "tier", "Amber"), ==, "Gelb");
  g_assert_cmpstr (g_dpgettext2 (NULL, "shortcut window", "General"), ==, "Allgemein");
  g_assert_cmpstr (ngettext ("%u renewal", "%u renewals", 1), ==, "%u Verlängerung");
  g_assert_cmpstr (ngettext ("%u renewal", "%u renewals", 7), ==, "%u Verlängerungen");
}

/* The page titles of the main window come from the translated template. */
static void
test_window_pages (void)
{
  static const struct { const char *name; const char *title; } expected[] = {
    { "dashboard", "_Übersicht" },
    { "accounts", "_Konten" },
    { "alerts", "_Warnungen" },
    { "renewals", "_Verlängerungen" },
    { "incentives", "_Provisionen" },
    { "handoffs", "Über_gaben" },
  };
  TendWindow *window = tend_window_new (GTK_APPLICATION (app));
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, expected[i].name);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, expected[i].title);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The primary menu: Preferences, Keyboard Shortcuts, About Tend. */
static void
test_primary_menu (void)
{
  TendWindow *window = tend_window_new (GTK_APPLICATION (app));
  GtkMenuButton *button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  GMenuModel *menu;
  GMenuModel *section;
  g_autofree char *labels[3] = { NULL };

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 3);
  for (int i = 0; i < 3; i++)
    g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &labels[i]);
  g_assert_cmpstr (labels[0], ==, "_Einstellungen");
  g_assert_cmpstr (labels[1], ==, "_Tastenkürzel");
  g_assert_cmpstr (labels[2], ==, "_Info zu Tend");
  g_object_unref (section);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keyboard shortcuts window is translated with its context. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/tend/Tend/ui/help-overlay.ui");
  GObject *group = NULL;
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  gboolean found = FALSE;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_GROUP (l->data))
      {
        g_autofree char *title = NULL;

        group = l->data;
        g_object_get (group, "title", &title, NULL);
        found = found || g_strcmp0 (title, "Allgemein") == 0;
      }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* "vor 5 Minuten": the plural forms of the header are used. */
static void
test_time_ago (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr(GDateTime) one = g_date_time_add_minutes (now, -1);
  g_autoptr(GDateTime) five = g_date_time_add_minutes (now, -5);
  g_autofree char *one_text = tend_format_time_ago (one, now);
  g_autofree char *five_text = tend_format_time_ago (five, now);

  g_assert_cmpstr (one_text, ==, "vor 1 Minute");
  g_assert_cmpstr (five_text, ==, "vor 5 Minuten");
}

/* A locale compiled here when the system has none: de_DE.UTF-8 from the
 * locales package's sources into a temporary LOCPATH. */
static char *locpath;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static gboolean
compile_german_locale (void)
{
  g_autofree char *target = NULL;
  g_autofree char *ctype = NULL;
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", NULL, NULL };

  if (locpath == NULL)
    {
      locpath = g_dir_make_tmp ("tend-i18n-XXXXXX", NULL);
      if (locpath == NULL)
        return FALSE;
      target = g_build_filename (locpath, "de_DE.UTF-8", NULL);
      argv[5] = target;
      /* localedef exits 1 on harmless warnings: judge by what it wrote. */
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  ctype = g_build_filename (locpath, "de_DE.UTF-8", "LC_CTYPE", NULL);
  return g_file_test (ctype, G_FILE_TEST_EXISTS);
}

static gboolean
use_german_locale (void)
{
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    return TRUE;
  if (compile_german_locale ())
    {
      g_setenv ("LOCPATH", locpath, TRUE);
      if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
        return TRUE;
      g_unsetenv ("LOCPATH");
    }
  g_test_skip ("no de_DE.UTF-8 locale, and localedef could not make one (Debian: locales)");
  return FALSE;
}

static void
restore_locale (void)
{
  g_unsetenv ("LOCPATH");
  setlocale (LC_ALL, "");
}

/* Days in German order and month names: "23. Nov 2026". */
static void
test_day_de_DE (void)
{
  g_autofree char *day = NULL;
  g_autofree char *march = NULL;

  if (!use_german_locale ())
    return;
  day = tend_format_day (tend_day_from_ymd (2026, 11, 23));
  march = tend_format_day (tend_day_from_ymd (2027, 3, 4));
  restore_locale ();
  g_assert_cmpstr (day, ==, "23. Nov 2026");
  g_assert_cmpstr (march, ==, "4. Mär 2027");
}

/* Money and counts with the locale's separators: "EUR 1.234.567,89". */
static void
test_money_de_DE (void)
{
  g_autofree char *money = NULL;
  g_autofree char *negative = NULL;
  g_autofree char *count = NULL;

  if (!use_german_locale ())
    return;
  money = tend_money_format (123456789, "EUR");
  negative = tend_money_format (-50, "USD");
  count = tend_format_count (1234567);
  restore_locale ();
  g_assert_cmpstr (money, ==, "EUR 1.234.567,89");
  g_assert_cmpstr (negative, ==, "USD −0,50");
  g_assert_cmpstr (count, ==, "1.234.567");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("TEND_LOCALEDIR");
  int status;

  g_setenv ("LANGUAGE", "de", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () keeps the "C" locale, where gettext ignores LANGUAGE. */
  setlocale (LC_ALL, "");
  adw_init ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tend_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/i18n/de/catalogue", test_catalogue);
  g_test_add_func ("/i18n/de/window-pages", test_window_pages);
  g_test_add_func ("/i18n/de/primary-menu", test_primary_menu);
  g_test_add_func ("/i18n/de/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/i18n/de/time-ago", test_time_ago);
  g_test_add_func ("/i18n/de_DE/day", test_day_de_DE);
  g_test_add_func ("/i18n/de_DE/money", test_money_de_DE);

  status = g_test_run ();
  g_clear_object (&app);
  if (locpath != NULL)
    remove_tree (locpath);
  g_free (locpath);
  return status;
}
