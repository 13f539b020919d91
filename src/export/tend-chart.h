// Charts drawn with cairo, shared by the window and the PDF packs.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double r, g, b, a;
} TendRgba;

/* Colours a chart draws with; the window passes libadwaita's named colours
 * for the current style, PDFs the light palette. */
typedef struct {
  TendRgba foreground;     /* text and axes */
  TendRgba grid;
  TendRgba line;           /* the series */
  TendRgba green;
  TendRgba amber;
  TendRgba red;
  TendRgba unknown;
  const char *font_family;
  double      font_size;
} TendChartStyle;

typedef struct {
  double      x;           /* e.g. a Julian day */
  double      y;
} TendChartPoint;

typedef struct {
  const char *label;
  double      value;
  TendRgba    colour;
} TendChartBar;

void tend_chart_style_init_light (TendChartStyle        *style);
void tend_chart_style_init_dark  (TendChartStyle        *style);

/* A score line over time on a 0..100 axis with the tier bands behind it.
 * x labels come from x_label (may be NULL) called for a few ticks. */
void tend_chart_draw_line        (cairo_t               *cr,
                                  const TendChartStyle  *style,
                                  double                 x,
                                  double                 y,
                                  double                 width,
                                  double                 height,
                                  const TendChartPoint  *points,
                                  guint                  n_points,
                                  double                 amber_bound,
                                  double                 green_bound,
                                  char                *(*x_label) (double value));

/* Horizontal bars, one per item, on a 0..max axis, value printed at the end. */
void tend_chart_draw_bars        (cairo_t               *cr,
                                  const TendChartStyle  *style,
                                  double                 x,
                                  double                 y,
                                  double                 width,
                                  double                 height,
                                  const TendChartBar    *bars,
                                  guint                  n_bars,
                                  double                 max_value,
                                  const char          *(*format_value) (double value, char buf[32]));

/* One horizontal bar split into segments (e.g. accounts per tier). */
void tend_chart_draw_stacked     (cairo_t               *cr,
                                  const TendChartStyle  *style,
                                  double                 x,
                                  double                 y,
                                  double                 width,
                                  double                 height,
                                  const TendChartBar    *segments,
                                  guint                  n_segments);

/* A tiny trend line without axes, for list rows. */
void tend_chart_draw_sparkline   (cairo_t               *cr,
                                  const TendRgba        *colour,
                                  double                 x,
                                  double                 y,
                                  double                 width,
                                  double                 height,
                                  const double          *values,
                                  guint                  n_values,
                                  double                 min_value,
                                  double                 max_value);

G_END_DECLS
