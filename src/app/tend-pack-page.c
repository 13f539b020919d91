// One page of a pack's preview: a recorded page drawn at any size.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-pack-page.h"

/* A page's points show as this many logical pixels: about the size of the
 * printed page on a common screen. */
#define POINTS_TO_PIXELS 1.25

/* The page stays vector until drawn: GTK replays the recording at the
 * screen's scale, so text is sharp at any zoom and a long review costs no
 * memory for pages out of sight. */
struct _TendPackPage
{
  GObject          parent_instance;

  cairo_surface_t *recording;
  double           width;        /* points */
  double           height;
  guint            number;
  guint            n_pages;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPackPage, tend_pack_page, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static void
tend_pack_page_snapshot (GdkPaintable *paintable,
                         GdkSnapshot  *snapshot,
                         double        width,
                         double        height)
{
  TendPackPage *self = TEND_PACK_PAGE (paintable);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* Paper is white in the light and the dark style alike. */
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / self->width, height / self->height);
  cairo_set_source_surface (cr, self->recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
tend_pack_page_get_intrinsic_width (GdkPaintable *paintable)
{
  return (int) (TEND_PACK_PAGE (paintable)->width * POINTS_TO_PIXELS + 0.5);
}

static int
tend_pack_page_get_intrinsic_height (GdkPaintable *paintable)
{
  return (int) (TEND_PACK_PAGE (paintable)->height * POINTS_TO_PIXELS + 0.5);
}

static double
tend_pack_page_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  TendPackPage *self = TEND_PACK_PAGE (paintable);

  return self->width / self->height;
}

static GdkPaintableFlags
tend_pack_page_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = tend_pack_page_snapshot;
  iface->get_intrinsic_width = tend_pack_page_get_intrinsic_width;
  iface->get_intrinsic_height = tend_pack_page_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = tend_pack_page_get_intrinsic_aspect_ratio;
  iface->get_flags = tend_pack_page_get_flags;
}

static void
tend_pack_page_finalize (GObject *object)
{
  TendPackPage *self = TEND_PACK_PAGE (object);

  g_clear_pointer (&self->recording, cairo_surface_destroy);

  G_OBJECT_CLASS (tend_pack_page_parent_class)->finalize (object);
}

static void
tend_pack_page_class_init (TendPackPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_pack_page_finalize;
}

static void
tend_pack_page_init (TendPackPage *self)
{
}

/* recording: a page of tend_pack_preview_qbr () or _review (), bounded to
 * the paper's size. */
TendPackPage *
tend_pack_page_new (cairo_surface_t *recording,
                    guint            number,
                    guint            n_pages)
{
  TendPackPage *self;
  cairo_rectangle_t extents;
  gboolean is_bounded;

  g_return_val_if_fail (recording != NULL, NULL);
  is_bounded = cairo_recording_surface_get_extents (recording, &extents);
  g_return_val_if_fail (is_bounded && extents.width > 0 && extents.height > 0, NULL);

  self = g_object_new (TEND_TYPE_PACK_PAGE, NULL);
  self->recording = cairo_surface_reference (recording);
  self->width = extents.width;
  self->height = extents.height;
  self->number = number;
  self->n_pages = n_pages;
  return self;
}

guint
tend_pack_page_get_number (TendPackPage *self)
{
  g_return_val_if_fail (TEND_IS_PACK_PAGE (self), 0);
  return self->number;
}

guint
tend_pack_page_get_n_pages (TendPackPage *self)
{
  g_return_val_if_fail (TEND_IS_PACK_PAGE (self), 0);
  return self->n_pages;
}

char *
tend_pack_page_dup_label (TendPackPage *self)
{
  g_return_val_if_fail (TEND_IS_PACK_PAGE (self), NULL);
  /* Translators: the accessible name of a page in the preview of a PDF */
  return g_strdup_printf (_("Page %u of %u"), self->number, self->n_pages);
}
