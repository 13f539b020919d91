// The application: command line, app-wide actions and their shortcuts.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_APPLICATION (tend_application_get_type ())
G_DECLARE_FINAL_TYPE (TendApplication, tend_application, TEND, APPLICATION, AdwApplication)

TendApplication *tend_application_new (void);

G_END_DECLS
