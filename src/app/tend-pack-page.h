// One page of a pack's preview: a recorded page drawn at any size.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TEND_TYPE_PACK_PAGE (tend_pack_page_get_type ())
G_DECLARE_FINAL_TYPE (TendPackPage, tend_pack_page, TEND, PACK_PAGE, GObject)

TendPackPage *tend_pack_page_new          (cairo_surface_t *recording,
                                           guint            number,
                                           guint            n_pages);
guint         tend_pack_page_get_number   (TendPackPage    *self);
guint         tend_pack_page_get_n_pages  (TendPackPage    *self);
/* "Page 2 of 5" */
char         *tend_pack_page_dup_label    (TendPackPage    *self);

G_END_DECLS
