// Tend's entry point: gettext, then the application.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tend-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(TendApplication) app = NULL;
  const char *localedir = g_getenv ("TEND_LOCALEDIR");

  /* TEND_LOCALEDIR: the translations of a build tree (BUILDDIR/po), for
   * tests and screenshots of an uninstalled Tend. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tend_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
