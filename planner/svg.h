/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg.h - SVG pictures: a plan's timeline, the time-energy frontier and a
 * generic line chart (the slowdown sweep).
 *
 * Each function writes one self-contained SVG 1.1 document (1000 px wide,
 * generic sans-serif font) to F and writes nowhere else.  Numbers are
 * printed in the C locale whatever LC_NUMERIC says; titles, names and notes
 * are escaped for XML (control characters become blanks, invalid UTF-8
 * '?').  F is flushed at the end.  Return 0; PP_EIO if F reports a write
 * error; PP_ENOMEM; PP_EINPUT for inconsistent arguments (a plan for another
 * DAG).  On failure F may hold part of a document: write through
 * out_open()/out_commit() so that it is discarded.  Nothing is kept.
 */
#ifndef PP_SVG_H
#define PP_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "graph.h"
#include "solver.h"

/*
 * Timeline of one evaluated plan: a row per GPU ("GPU g"), each instruction
 * a box from ev->start[i] to ev->start[i] + ev->dur[i] filled by its
 * frequency (plan->mhz[i], viridis scale from the plan's lowest to highest
 * frequency, with labelled swatches; PLAN may be NULL: grey boxes), idle
 * time as the empty row background, the critical path ev->critical outlined
 * in red.  Boxes wide enough carry their name ("F3", "B3", "F3.1" with
 * chunks, other kinds by initial and microbatch) and a tooltip.  TITLE may
 * be NULL.  Works for 1 to 64+ GPUs; for ~100k instructions the boxes are
 * bare rectangles (about 45 bytes each).
 */
int svg_timeline(FILE *f, const struct pp_dag *dag, const struct pp_eval *ev,
                 const struct pp_plan *plan, const char *title);

/*
 * Realized (time, energy) of every point of FR as a line through the points
 * in time order, with markers and labels for T_min (pp_frontier_fastest),
 * T* (pp_frontier_min_energy), point CHOSEN (if >= 0) and the all-max
 * frequency baseline (ALLMAX_TIME, ALLMAX_ENERGY; skipped when NaN), and a
 * legend giving their values and changes against the baseline.
 */
int svg_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                 double allmax_time, double allmax_energy, const char *title);

/*
 * Line chart: NSERIES series named NAMES[s], each the points (X[k],
 * Y[s][k]) for k < N drawn in order; a NaN (or infinite) y breaks the line.
 * NOTES[0..NNOTES-1] are extra lines under the title.  TITLE, XLABEL,
 * YLABEL and NOTES may be NULL.
 */
int svg_lines(FILE *f, const char *title, const char *xlabel,
              const char *ylabel, size_t nseries, const char *const *names,
              size_t n, const double *x, const double *const *y,
              const char *const *notes, size_t nnotes);

#endif
