// Charts drawn with cairo, shared by the window and the PDF packs.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "tend-chart.h"

static void
set_colour (cairo_t        *cr,
            const TendRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
style_init (TendChartStyle *style,
            gboolean        dark)
{
  /* libadwaita's palette: green 4/2, yellow 5/2, red 3/4, blue 3 */
  style->foreground = dark ? (TendRgba) { 1, 1, 1, 0.85 } : (TendRgba) { 0, 0, 0, 0.8 };
  style->grid = dark ? (TendRgba) { 1, 1, 1, 0.12 } : (TendRgba) { 0, 0, 0, 0.1 };
  style->line = dark ? (TendRgba) { 0.47, 0.68, 0.93, 1 } : (TendRgba) { 0.21, 0.52, 0.89, 1 };
  style->green = dark ? (TendRgba) { 0.18, 0.76, 0.49, 1 } : (TendRgba) { 0.15, 0.64, 0.41, 1 };
  style->amber = dark ? (TendRgba) { 0.96, 0.83, 0.18, 1 } : (TendRgba) { 0.90, 0.65, 0.04, 1 };
  style->red = dark ? (TendRgba) { 0.96, 0.38, 0.32, 1 } : (TendRgba) { 0.75, 0.11, 0.16, 1 };
  style->unknown = dark ? (TendRgba) { 0.6, 0.6, 0.6, 1 } : (TendRgba) { 0.55, 0.55, 0.55, 1 };
  style->font_family = "Sans";
  style->font_size = 8;
}

void
tend_chart_style_init_light (TendChartStyle *style)
{
  style_init (style, FALSE);
}

void
tend_chart_style_init_dark (TendChartStyle *style)
{
  style_init (style, TRUE);
}

/* Draws text with its left (align 0), centre (0.5) or right (1) edge at x
 * and its vertical middle at y. */
static void
draw_text (cairo_t              *cr,
           const TendChartStyle *style,
           const char           *text,
           double                x,
           double                y,
           double                align,
           gboolean              bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, style->font_size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

void
tend_chart_draw_line (cairo_t              *cr,
                      const TendChartStyle *style,
                      double                x,
                      double                y,
                      double                width,
                      double                height,
                      const TendChartPoint *points,
                      guint                 n_points,
                      double                amber_bound,
                      double                green_bound,
                      char               *(*x_label) (double value))
{
  double left = x + style->font_size * 3.2;
  double bottom = y + height - style->font_size * 2;
  double plot_w = x + width - left - 4;
  double plot_h = bottom - y - style->font_size * 0.6;
  double top = bottom - plot_h;
  double x_min = 0, x_max = 1;

  if (plot_w <= 0 || plot_h <= 0)
    return;
  cairo_save (cr);

  /* tier bands, faint, so the line reads against them */
  {
    TendRgba band;
    band = style->red; band.a = 0.08; set_colour (cr, &band);
    cairo_rectangle (cr, left, bottom - plot_h * amber_bound / 100, plot_w, plot_h * amber_bound / 100);
    cairo_fill (cr);
    band = style->amber; band.a = 0.08; set_colour (cr, &band);
    cairo_rectangle (cr, left, bottom - plot_h * green_bound / 100, plot_w, plot_h * (green_bound - amber_bound) / 100);
    cairo_fill (cr);
    band = style->green; band.a = 0.08; set_colour (cr, &band);
    cairo_rectangle (cr, left, top, plot_w, plot_h * (100 - green_bound) / 100);
    cairo_fill (cr);
  }

  cairo_set_line_width (cr, 1);
  for (int v = 0; v <= 100; v += 25)
    {
      char buf[8];
      double gy = bottom - plot_h * v / 100.0;
      set_colour (cr, &style->grid);
      cairo_move_to (cr, left, round (gy) + 0.5);
      cairo_line_to (cr, left + plot_w, round (gy) + 0.5);
      cairo_stroke (cr);
      g_snprintf (buf, sizeof buf, "%d", v);
      set_colour (cr, &style->foreground);
      draw_text (cr, style, buf, left - 4, gy, 1.0, FALSE);
    }

  if (n_points > 0)
    {
      x_min = points[0].x;
      x_max = points[n_points - 1].x;
      if (x_max <= x_min)
        x_max = x_min + 1;
    }

  if (x_label != NULL && n_points > 0)
    {
      int ticks = MIN (5, (int) n_points);
      for (int i = 0; i < ticks; i++)
        {
          double xv = ticks == 1 ? x_min : x_min + (x_max - x_min) * i / (ticks - 1);
          g_autofree char *label = x_label (xv);
          double px = left + plot_w * (xv - x_min) / (x_max - x_min);
          set_colour (cr, &style->foreground);
          draw_text (cr, style, label, px, bottom + style->font_size, i == 0 ? 0 : i == ticks - 1 ? 1 : 0.5, FALSE);
        }
    }

  if (n_points > 0)
    {
      set_colour (cr, &style->line);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n_points; i++)
        {
          double px = left + plot_w * (points[i].x - x_min) / (x_max - x_min);
          double py = bottom - plot_h * CLAMP (points[i].y, 0, 100) / 100.0;
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_stroke (cr);
      if (n_points == 1)
        {
          double py = bottom - plot_h * CLAMP (points[0].y, 0, 100) / 100.0;
          cairo_arc (cr, left + plot_w / 2, py, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

void
tend_chart_draw_bars (cairo_t              *cr,
                      const TendChartStyle *style,
                      double                x,
                      double                y,
                      double                width,
                      double                height,
                      const TendChartBar   *bars,
                      guint                 n_bars,
                      double                max_value,
                      const char         *(*format_value) (double value, char buf[32]))
{
  double label_w = 0;
  double row_h, bar_h, value_w = style->font_size * 5;

  if (n_bars == 0 || max_value <= 0)
    return;
  cairo_save (cr);

  /* the widest label decides where the bars start */
  for (guint i = 0; i < n_bars; i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string (style->font_family);
      int w, h;
      pango_font_description_set_absolute_size (font, style->font_size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, bars[i].label, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      label_w = MAX (label_w, w);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  label_w += 8;
  row_h = height / n_bars;
  bar_h = MIN (row_h * 0.6, style->font_size * 1.8);

  for (guint i = 0; i < n_bars; i++)
    {
      double cy = y + row_h * (i + 0.5);
      double full = width - label_w - value_w;
      double w = full * CLAMP (bars[i].value, 0, max_value) / max_value;
      char buf[32];
      const char *text;

      set_colour (cr, &style->foreground);
      draw_text (cr, style, bars[i].label, x, cy, 0, FALSE);
      set_colour (cr, &style->grid);
      cairo_rectangle (cr, x + label_w, cy - bar_h / 2, full, bar_h);
      cairo_fill (cr);
      set_colour (cr, &bars[i].colour);
      cairo_rectangle (cr, x + label_w, cy - bar_h / 2, w, bar_h);
      cairo_fill (cr);
      if (format_value != NULL)
        text = format_value (bars[i].value, buf);
      else
        {
          g_snprintf (buf, sizeof buf, "%.1f", bars[i].value);
          text = buf;
        }
      set_colour (cr, &style->foreground);
      draw_text (cr, style, text, x + label_w + full + 6, cy, 0, TRUE);
    }
  cairo_restore (cr);
}

void
tend_chart_draw_stacked (cairo_t              *cr,
                         const TendChartStyle *style,
                         double                x,
                         double                y,
                         double                width,
                         double                height,
                         const TendChartBar   *segments,
                         guint                 n_segments)
{
  double total = 0, at = x;

  for (guint i = 0; i < n_segments; i++)
    total += MAX (0, segments[i].value);
  cairo_save (cr);
  if (total <= 0)
    {
      set_colour (cr, &style->grid);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < n_segments; i++)
    {
      double w = width * MAX (0, segments[i].value) / total;
      if (w <= 0)
        continue;
      set_colour (cr, &segments[i].colour);
      cairo_rectangle (cr, at, y, w, height);
      cairo_fill (cr);
      if (w > style->font_size * 4 && segments[i].label != NULL)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
          draw_text (cr, style, segments[i].label, at + w / 2, y + height / 2, 0.5, TRUE);
        }
      at += w;
    }
  cairo_restore (cr);
}

void
tend_chart_draw_sparkline (cairo_t        *cr,
                           const TendRgba *colour,
                           double          x,
                           double          y,
                           double          width,
                           double          height,
                           const double   *values,
                           guint           n_values,
                           double          min_value,
                           double          max_value)
{
  guint drawn = 0;

  if (n_values < 2 || max_value <= min_value)
    return;
  cairo_save (cr);
  set_colour (cr, colour);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n_values; i++)
    {
      double px, py;
      if (isnan (values[i]))
        continue;
      px = x + width * i / (n_values - 1);
      py = y + height - height * (CLAMP (values[i], min_value, max_value) - min_value) / (max_value - min_value);
      if (drawn++ == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}
