/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_internal.h - the toolkit of the SVG charts: text, colours and the
 * document (svg.c), axes and the x-y chart frame (svg_axes.c); used by
 * svg_timeline.c, svg_frontier.c and svg_lines.c only.
 *
 * Nothing here is part of svg.h's contract.  All writers print to F
 * without checking for errors: svg_doc_end() flushes F and reports any
 * write error once for the whole document.  Numbers are only printed in
 * the C locale when the caller brackets the chart with svg_cloc_begin()
 * and svg_cloc_end().  Coordinates are in px, y growing downwards, on a
 * page SVG_WIDTH px wide.
 */
#ifndef PP_SVG_INTERNAL_H
#define PP_SVG_INTERNAL_H

#include <locale.h>
#include <stddef.h>
#include <stdio.h>

#define SVG_WIDTH 1000.0

/* ------------------------------------------------------------------------ */
/* Text, colours and document (svg.c)                                       */

/* Estimated width in px of S in a sans-serif font of SIZE px. */
double svg_text_width(const char *s, double size);

/* Write S escaped for XML, at most MAX characters (then an ellipsis). */
void svg_put_text(FILE *f, const char *s, size_t max);

/* V with 6 significant digits, without an exponent for large values, in
 * BUF (LEN bytes); returns BUF. */
const char *svg_qty(char *buf, size_t len, double v);

/* <text> at (X, Y) of SIZE px holding S (at most MAX characters); ANCHOR
 * (text-anchor) and EXTRA (more attributes, written as given) may be
 * NULL. */
void svg_text(FILE *f, double x, double y, double size, const char *anchor,
              const char *extra, const char *s, size_t max);

/* A colour, each channel 0 to 255. */
struct svg_rgb {
    int r, g, b;
};

/* Viridis (matplotlib), 9 stops linearly interpolated: T in [0, 1] from
 * dark purple to yellow; T outside is clamped, a non-finite T gives 0. */
struct svg_rgb svg_viridis(double t);

/* Is C dark enough (luma under half) for white text on it? */
int svg_is_dark(struct svg_rgb c);

/* The C numeric locale for this thread between begin and end. */
struct svg_cloc {
    locale_t c, old;
};

void svg_cloc_begin(struct svg_cloc *l);
void svg_cloc_end(struct svg_cloc *l);

/* Open a document H px high on a white page; TITLE (may be NULL) as its
 * <title> and in bold, centred, with its baseline at TOP. */
void svg_doc_begin(FILE *f, double h, const char *title, double top);

/* Close the document and flush F: PP_OK, or PP_EIO on a write error. */
int svg_doc_end(FILE *f);

/* ------------------------------------------------------------------------ */
/* Axes and the x-y chart frame (svg_axes.c)                                */

/* An axis: the range shown and ticks at multiples of step. */
struct svg_axis {
    double lo, hi, step;
    int dec; /* decimals of the tick labels */
};

/* About TARGET ticks over [LO, HI] at 1, 2 or 5 times a power of ten; an
 * empty or non-finite range is widened first. */
void svg_axis_init(struct svg_axis *a, double lo, double hi, int target);

/* The ticks of A: for (v = svg_axis_first(a); svg_axis_more(a, v);
 * v += a->step), from the first multiple of the step at or above a->lo up
 * to a->hi (with some slack for rounding). */
double svg_axis_first(const struct svg_axis *a);
int svg_axis_more(const struct svg_axis *a, double v);

/* The label of tick V in BUF (LEN bytes). */
void svg_tick_label(const struct svg_axis *a, double v, char *buf, size_t len);

/* Widen [*LO, *HI] to hold V. */
void svg_widen(double *lo, double *hi, double v);

/* Padded range of finite values, 5% each side; optionally including 0. */
void svg_pad_range(double *lo, double *hi, int near_zero);

/* An x-y chart's plot area (px) and axes. */
struct svg_frame {
    double x0, y0, x1, y1;
    struct svg_axis ax, ay;
};

/* The px position of data value V on the frame's x and y axes. */
double svg_fx(const struct svg_frame *fm, double v);
double svg_fy(const struct svg_frame *fm, double v);

/* At each tick of fm->ax: a vertical grid line of colour GRID from fm->y0
 * to fm->y1, a tick mark down from YTICK and its label under that; x
 * printed with PREC decimals. */
void svg_x_ticks(FILE *f, const struct svg_frame *fm, double ytick,
                 const char *grid, int prec);

/* Plot area for a chart of height H with NNOTES lines under the title and
 * the legend on the right; the left margin fits the y tick labels.  The
 * axes must be set. */
void svg_frame_layout(struct svg_frame *fm, double h, int has_title,
                      size_t nnotes);

/* The plot area, grid, ticks and axis labels (XLABEL, YLABEL may be
 * NULL). */
void svg_frame_draw(FILE *f, const struct svg_frame *fm, const char *xlabel,
                    const char *ylabel);

/* NNOTES lines of grey text, centred, the first with its baseline at Y;
 * NULL entries are skipped. */
void svg_notes_draw(FILE *f, const char *const *notes, size_t nnotes, double y);

/* Open an x-y chart H px high whose axes fm->ax and fm->ay are set: lay
 * out the frame, then write the document's start with TITLE, NNOTES lines
 * of NOTES under it (NOTES may be NULL) and the frame with its axis labels
 * XLABEL and YLABEL. */
void svg_chart_begin(FILE *f, struct svg_frame *fm, double h, const char *title,
                     const char *const *notes, size_t nnotes,
                     const char *xlabel, const char *ylabel);

/* The legend column right of an x-y chart's plot area.  Entries are
 * placed by the caller, moving y down; a line sample is SAMPLE px long and
 * its label starts DX px right of x, cut at MAX characters. */
struct svg_legend {
    double x, y; /* the current entry's top left */
    int sample;
    double dx;
    size_t max;
};

/* Open the legend group (12 px text) and set LG to its first entry. */
void svg_legend_begin(FILE *f, const struct svg_frame *fm,
                      struct svg_legend *lg, int sample, double dx, size_t max);

/* A line sample drawn with ATTRS (stroke attributes, written as given)
 * and LABEL, at the current entry. */
void svg_legend_line(FILE *f, const struct svg_legend *lg, const char *attrs,
                     const char *label);

#endif
