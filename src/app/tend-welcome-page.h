// The first page a person sees: connect to the CRM or open the demo.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_WELCOME_PAGE (tend_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (TendWelcomePage, tend_welcome_page, TEND, WELCOME_PAGE, AdwBin)

GtkWidget *tend_welcome_page_new          (void);
void       tend_welcome_page_set_base_url (TendWelcomePage *self,
                                           const char      *base_url);
void       tend_welcome_page_set_busy     (TendWelcomePage *self,
                                           gboolean         busy);
void       tend_welcome_page_set_progress (TendWelcomePage *self,
                                           const char      *message,
                                           double           fraction);
void       tend_welcome_page_show_error   (TendWelcomePage *self,
                                           const char      *message);

G_END_DECLS
