/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_internal.h - the toolkit of the SVG charts: text, colours, the page
 * and its head (svg.c), axes, the x-y chart frame and its legend
 * (svg_axes.c), a plan's frequency scale and its colour bar
 * (svg_colourbar.c); used by svg_timeline.c, svg_frontier.c and
 * svg_lines.c only.
 *
 * Nothing here is part of svg.h's contract.  All writers print to F
 * without checking for errors: svg_doc_end() flushes F and reports any
 * write error once for the whole document.  Numbers are only printed in
 * the C locale when the caller brackets the chart with svg_cloc_begin()
 * and svg_cloc_end().  Coordinates are in px, y growing downwards.
 */
#ifndef PP_SVG_INTERNAL_H
#define PP_SVG_INTERNAL_H

#include <locale.h>
#include <stddef.h>
#include <stdio.h>

#include "svg.h"

/* The default width of the frontier and line charts (px). */
#define SVG_WIDTH_DEFAULT 1000.0
/* Pages at least this wide put the legend right of the plot. */
#define SVG_WIDTH_LEGEND_RIGHT 700.0

/* ------------------------------------------------------------------------ */
/* Text, colours, page and document (svg.c)                                 */

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
#define SVG_VIRIDIS_STOPS 9

/* Is C dark enough (luma under half) for white text on it? */
int svg_is_dark(struct svg_rgb c);

/* The C numeric locale for this thread between begin and end. */
struct svg_cloc {
    locale_t c, old;
};

void svg_cloc_begin(struct svg_cloc *l);
void svg_cloc_end(struct svg_cloc *l);

/*
 * A page W px wide (H px high, set by the chart's layout) and its text
 * sizes: from 10-12 px on a 336 px page (a 3.5 in column) growing linearly
 * to 12-17 px on a 1000 px page, and no larger on wider ones.
 */
struct svg_page {
    double w, h;
    double fs;       /* legends, notes, labels in the plot */
    double fs_tick;  /* tick labels */
    double fs_label; /* axis labels */
    double fs_title;
};

/* PG for a page W px wide (DEF if W is 0, clamped to the accepted range). */
void svg_page_init(struct svg_page *pg, double w, double def);

/* A no-break space (U+00A0): the head's lines are only wrapped at ' '. */
#define NBSP "\xc2\xa0"

/* Height of a line of text of size FS. */
double svg_line_h(double fs);

/* The title of a picture of WHAT ("Timeline") with INFO's subject, or
 * INFO's own title, in BUF (LEN bytes); returns BUF. */
const char *svg_title(char *buf, size_t len, const char *what,
                      const struct svg_info *info);

/*
 * The head of a page: the title in bold, then notes in grey, each wrapped
 * at blanks to the page's width.  Lines point into the strings given,
 * which must live until svg_doc_begin().  H is the px from the page's top
 * to a little under the last line.
 */
#define SVG_HEAD_MAX 16
struct svg_head {
    const char *title;
    struct {
        const char *s;
        size_t len;
        int bold;
    } line[SVG_HEAD_MAX];
    size_t n;
    double h;
};

/* HD with TITLE (may be NULL: no title) wrapped for PG. */
void svg_head_init(struct svg_head *hd, const struct svg_page *pg,
                   const char *title);

/* One more grey note (NULL is skipped) under HD's lines. */
void svg_head_note(struct svg_head *hd, const struct svg_page *pg,
                   const char *note);

/* Open a document of PG's size on a white page, with HD's title as its
 * <title> and HD's lines centred at the top. */
void svg_doc_begin(FILE *f, const struct svg_page *pg,
                   const struct svg_head *hd);

/* Close the document and flush F: PP_OK, or PP_EIO on a write error. */
int svg_doc_end(FILE *f);

/* ------------------------------------------------------------------------ */
/* Axes, the x-y chart frame and its legend (svg_axes.c)                    */

/* An axis: the range shown and ticks at multiples of step. */
struct svg_axis {
    double lo, hi, step;
    int dec; /* decimals of the tick labels */
};

/* About TARGET ticks over [LO, HI] at 1, 2 or 5 times a power of ten; an
 * empty or non-finite range is widened first. */
void svg_axis_init(struct svg_axis *a, double lo, double hi, int target);

/* As svg_axis_init, with as many ticks up to TARGET as leave labels of
 * size FS at least a gap of their own width apart over LEN px. */
void svg_axis_fit(struct svg_axis *a, double lo, double hi, int target,
                  double len, double fs);

/* The ticks of A: for (v = svg_axis_first(a); svg_axis_more(a, v);
 * v += a->step), from the first multiple of the step at or above a->lo up
 * to a->hi (with some slack for rounding). */
double svg_axis_first(const struct svg_axis *a);
int svg_axis_more(const struct svg_axis *a, double v);

/* The label of tick V in BUF (LEN bytes). */
void svg_tick_label(const struct svg_axis *a, double v, char *buf, size_t len);

/* Widen [*LO, *HI] to hold V. */
void svg_widen(double *lo, double *hi, double v);

/* Padded range of finite values, 5% each side; with ZERO 0 is included
 * (1: always, 2: when the range comes within 30% of it) and not padded
 * past. */
void svg_pad_range(double *lo, double *hi, int zero);

/* An x-y chart's page, plot area (px) and axes; PANEL its place in a
 * stack of frames, 0 for the top one or a lone one. */
struct svg_frame {
    const struct svg_page *pg;
    double x0, y0, x1, y1;
    struct svg_axis ax, ay;
    int panel;
};

/* The id of a group ID ("axes") of panel PANEL in BUF (LEN bytes): ID
 * itself for panel 0, else ID-2, ID-3, ... (ids stay unique); returns
 * BUF. */
const char *svg_panel_id(char *buf, size_t len, const char *id, int panel);

/* The px position of data value V on the frame's x and y axes. */
double svg_fx(const struct svg_frame *fm, double v);
double svg_fy(const struct svg_frame *fm, double v);

/* At each tick of fm->ax: a vertical grid line of colour GRID from fm->y0
 * to fm->y1, a tick mark down from YTICK and its label under that; x
 * printed with PREC decimals. */
void svg_x_ticks(FILE *f, const struct svg_frame *fm, double ytick,
                 const char *grid, int prec);

/*
 * A legend of up to SVG_LEGEND_MAX entries COLW px wide: on a page at
 * least SVG_WIDTH_LEGEND_RIGHT wide in a column right of the plot,
 * otherwise in rows of as many columns as fit under the x axis label.
 * Entry k's top left is (x[k], y[k]); H is the whole legend's height.
 */
#define SVG_LEGEND_MAX 16
struct svg_legend {
    size_t n;
    double x[SVG_LEGEND_MAX], y[SVG_LEGEND_MAX];
    double colw, h;
    int right;
};

/*
 * Lay out an x-y chart on PG under HD: the axes over [XLO, XHI] x [YLO,
 * YHI] (padded as wanted) with ticks that fit, the plot area with room for
 * the y tick labels and the axis labels, and LG's N entries of heights
 * EH[k] and width COLW.  Sets PG's height.
 */
void svg_chart_layout(struct svg_frame *fm, struct svg_legend *lg,
                      struct svg_page *pg, const struct svg_head *hd,
                      const double xr[2], const double yr[2], const double *eh,
                      size_t n, double colw);

/*
 * The same for NP frames FM[0..np-1] stacked from the top, each 60% as
 * high as a lone chart (when NP > 1), frame k's y range YR[2k], YR[2k+1],
 * one x axis over [XR[0], XR[1]] (whole ticks if X_WHOLE), room between
 * them for the x tick labels, one left margin for the widest y tick label
 * of all, and the legend right of them (or under the last).
 */
void svg_panels_layout(struct svg_frame *fm, size_t np, struct svg_legend *lg,
                       struct svg_page *pg, const struct svg_head *hd,
                       const double xr[2], int x_whole, const double *yr,
                       const double *eh, size_t n, double colw);

/* The plot area, grid, ticks and axis labels (XLABEL, YLABEL may be
 * NULL) in a group "axes" (svg_panel_id). */
void svg_frame_draw(FILE *f, const struct svg_frame *fm, const char *xlabel,
                    const char *ylabel);

/* A legend entry's line sample with stroke ATTRS (written as given) and
 * LABEL, its top left at (X, Y). */
void svg_legend_line(FILE *f, const struct svg_page *pg, double x, double y,
                     const char *attrs, const char *label);

/* ------------------------------------------------------------------------ */
/* A plan's frequencies on the viridis scale (svg_colourbar.c)              */

/* The distinct frequencies of a plan, ascending; none: grey. */
struct svg_fscale {
    int *mhz;
    size_t n;
};

/* The distinct values of MHZ[0..n-1] (MHZ NULL: none); PP_ENOMEM. */
int svg_fscale_init(struct svg_fscale *s, const int *mhz, size_t n);
void svg_fscale_free(struct svg_fscale *s);

/* Index of MHZ among the distinct frequencies (the nearest below). */
size_t svg_fscale_index(const struct svg_fscale *s, int mhz);

/* Colour of MHZ: viridis linear in MHz from the lowest to the highest. */
struct svg_rgb svg_fscale_colour(const struct svg_fscale *s, int mhz);

/* Height of the colour bar block: caption, bar, tick labels. */
double svg_fscale_bar_h(const struct svg_page *pg);

/* The colour bar W px wide, its block's top left at (X, Y): a caption,
 * the gradient with a mark at each frequency used and MHz ticks under it
 * (every frequency when there are few); "not given" for an empty scale. */
void svg_fscale_bar(FILE *f, const struct svg_fscale *s,
                    const struct svg_page *pg, double x, double y, double w);

#endif
