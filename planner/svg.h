/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg.h - SVG pictures: a plan's timeline, the time-energy frontier, a
 * line chart (the slowdown sweep), line charts stacked, and the straggler
 * sweep's chart made of two of them.
 *
 * Each function writes one self-contained SVG 1.1 document (generic
 * sans-serif font) to F and writes nowhere else.  Its width is INFO->width
 * px (1 px = 1/96 in) or a default; the text is set in px sizes that grow
 * a little with the page, from about 10 px on a 336 px page (a 3.5 in paper
 * column: 7.5 pt) to 12-17 px from 1000 px on, so a picture made at the
 * width it is printed at stays legible.  Pages narrower than 700 px put the
 * legend under the plot.  The title names what is drawn and INFO's
 * subject, wrapped to the page.  Numbers are printed in the C locale
 * whatever LC_NUMERIC says; titles, names and notes are escaped for XML
 * (control characters become blanks, invalid UTF-8 '?').  F is flushed at
 * the end.  Return 0; PP_EIO if F reports a write error; PP_ENOMEM;
 * PP_EINPUT for inconsistent arguments (a plan for another DAG).  On
 * failure F may hold part of a document: write through
 * out_open()/out_commit() so that it is discarded.  Nothing is kept.
 */
#ifndef PP_SVG_H
#define PP_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "graph.h"
#include "solver.h"

/* Page widths in px: the narrowest and widest accepted, and the widest a
 * timeline grows to by itself. */
#define SVG_WIDTH_MIN 240.0
#define SVG_WIDTH_MAX 30000.0
#define SVG_WIDTH_AUTO_MAX 12000.0

/*
 * What a picture shows and how large.  Every field may be left zero (NULL):
 * the title then says less, the page has its default width and the
 * timeline shows the whole iteration.  The strings are only read.
 */
struct svg_info {
    const char *title;    /* replaces the generated title */
    const char *profile;  /* profile file: shown without directories and
                             extension ("gpt3-175b+a100_sxm_bf16") */
    const char *gpu;      /* GPU name; left out when the profile's name
                             already holds it */
    const char *schedule; /* "1f1b", "gpipe", "interleaved", "custom" */
    int stages;           /* pipeline GPUs S */
    int microbatches;     /* M; 0 for a custom DAG */
    int chunks;           /* V, shown when above 1 */
    int pipelines;        /* data-parallel pipelines, shown when above 1 */
    const char *model;    /* planner model, "exact" or "lowtime" */
    const char *plan;     /* the timeline's plan, in words */
    double width;         /* page width in px; 0: the default */
    double t0, t1;        /* timeline: the time window in s; t1 <= t0:
                             the whole iteration */
};

/*
 * Timeline of one evaluated plan: a row per GPU ("GPU g"), each instruction
 * a box from ev->start[i] to ev->start[i] + ev->dur[i] filled by its
 * frequency (plan->mhz[i], viridis from the plan's lowest to highest
 * frequency, read back on a colour bar with MHz ticks; PLAN may be NULL:
 * grey boxes), idle time as the empty row background, the critical path
 * ev->critical as a red bar above each of its boxes and thin lines between
 * GPUs, so the boxes keep their colours.  Every box wide enough carries its
 * name ("F3", "B3", "F3.1" with chunks, other kinds by initial and
 * microbatch) and a tooltip.  The default width grows with the iteration
 * until the shorter boxes (the lower quartile) fit a name, from 1000 px to
 * SVG_WIDTH_AUTO_MAX.  INFO (may be NULL) gives the title's subject, the
 * plan's name, the width and a window [t0, t1]: only that stretch of time
 * is drawn, boxes cut at its edges.  Works for 1 to 64+ GPUs; for ~100k
 * instructions the boxes are bare rectangles (about 45 bytes each).
 */
int svg_timeline(FILE *f, const struct pp_dag *dag, const struct pp_eval *ev,
                 const struct pp_plan *plan, const struct svg_info *info);

/*
 * Realized (time, energy) of every point of FR as a line through the points
 * in time order: solid up to T* (pp_frontier_min_energy), dashed and in
 * another colour past it (dominated, kept as the best plans for iterations
 * a straggler makes longer); markers and labels for T_min
 * (pp_frontier_fastest), T*, point CHOSEN (if >= 0) and the all-max
 * frequency baseline (ALLMAX_TIME, ALLMAX_ENERGY; skipped when NaN), and a
 * legend giving their values and changes against the baseline (on narrow
 * pages only their names).  INFO may be NULL.
 */
int svg_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                 double allmax_time, double allmax_energy,
                 const struct svg_info *info);

/* A line chart's series: N values (svg_chart.n) of y; DASHED 1 for one
 * that runs along another for a stretch (both stay visible), 2 dotted (a
 * second reference); COLOUR ("#rrggbb") replaces the colour its place
 * gives it (NULL: that colour). */
struct svg_series {
    const char *name;
    const double *y;
    int dashed;
    const char *colour;
};

/* A vertical line across the plot at x: LABEL (short) at the plot's top,
 * NAME in the legend. */
struct svg_vline {
    double x;
    const char *label, *name;
};

/* A point of a series (index k) ringed and labelled in the plot (LABEL
 * NULL or empty: ringed only). */
struct svg_spot {
    size_t series, k;
    const char *label;
};

/*
 * A line chart: series s through the points (x[k], series[s].y[k]) for
 * k < n, drawn in order; a NaN (or infinite) x or y breaks the line, and a
 * series without a single finite point is left out, legend included.
 * WHAT starts the title; NOTES are grey lines under it.  VLINES outside the
 * x range are left out; SPOTS on a non-finite point too.  With Y_FROM_ZERO
 * the y axis starts at zero (or ends there, all values being negative);
 * with X_WHOLE the x ticks are whole numbers (GPUs).  Strings may be NULL.
 */
struct svg_chart {
    const char *what, *xlabel, *ylabel;
    size_t n;
    const double *x;
    size_t nseries;
    const struct svg_series *series;
    const char *const *notes;
    size_t nnotes;
    const struct svg_vline *vlines;
    size_t nvlines;
    const struct svg_spot *spots;
    size_t nspots;
    int y_from_zero;
    int x_whole;
};

int svg_lines(FILE *f, const struct svg_chart *c, const struct svg_info *info);

/*
 * NP line charts P[0..np-1] stacked in one picture, P[0] on top, each with
 * its own y axis (label, range, Y_FROM_ZERO), series, vertical lines and
 * spots, all over one x axis that spans every panel's points (ticks whole
 * with P[0].x_whole).  The title and notes are P[0]'s, the x axis label
 * the last panel's (the others keep their tick labels).  A series is
 * styled by its place in its panel, so a series shown in several panels
 * should have the same place in each; the legend lists each panel's
 * series in turn, leaving out a name an earlier panel listed, then the
 * vertical lines.  Each panel is 60% as high as a lone chart.  svg_lines
 * is the case NP = 1.  NP from 1 to SVG_PANELS_MAX, else PP_EINPUT.
 */
#define SVG_PANELS_MAX 4
int svg_lines_stacked(FILE *f, const struct svg_chart *p, size_t np,
                      const struct svg_info *info);

/* One case of a straggler sweep (sweep --straggler): GPU slowed by time
 * FACTOR; the cluster's energy saving against all-max frequency in %
 * with the straggling pipeline's own plan (SAVING) and with the published
 * accounting (PUBLISHED: its no-slowdown energy times s; NaN if unknown);
 * S = T' / T_min, T' the straggling pipeline's time. */
struct svg_straggler_case {
    int gpu;
    double factor, saving, published, s;
};

/*
 * The straggler sweep's chart from its N cases (any order; a GPU and
 * factor given twice: the last case): against the time factor, one line
 * per GPU of the saving (top panel) and of T' / T_min (bottom panel).  The
 * GPUs are ranked by T' at the largest factor, the longest first (ties:
 * the first given): that is their legend and colour order.  Grey
 * references: the first GPU's published accounting (dashed, top) and
 * T' = factor x T_min (dotted, bottom: the whole pipeline slowed).  At
 * each factor the GPU that hurts most (the longest T'; ties: the first
 * given), the sweep table's rule, is ringed in both panels, and a note
 * names it.  At most SVG_STRAGGLER_LINES GPUs are drawn, the first of the
 * ranking (a note says so; the GPU that hurts most is ringed only if
 * drawn).  With a single factor the GPUs are the x axis instead: one line
 * of each quantity over the GPUs, with the same references.  NOTES (NNOTES
 * of them, at most 5 used; may be NULL) go under the title; INFO may be
 * NULL.  Returns as svg_lines; PP_EINPUT also for N = 0 or a factor that
 * is not finite.
 */
#define SVG_STRAGGLER_LINES 12
int svg_straggler(FILE *f, const struct svg_straggler_case *c, size_t n,
                  const char *const *notes, size_t nnotes,
                  const struct svg_info *info);

#endif
