/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_timeline.h - a timeline being drawn, shared by its layout and
 * legend (svg_timeline.c) and its boxes, critical path and names
 * (svg_tlboxes.c); used by those two files only.
 *
 * Time s is at x = tl_x(s) = x0 + (s - t0) / (t1 - t0) * pw.  GPU g's row
 * starts at y = tl_row_top(g) = pt + g * row_h: a gap of `gap` px that
 * holds the critical path's bar (bar_h px high, at its top), then the
 * boxes, box_h px high.  Under the rows: the time axis at axis_y, the
 * legend from leg_y (the colour bar, cbar_w px wide, at x0; the critical
 * path and idle entries from (ent_x, ent_y)), the page h px high.
 */
#ifndef PP_SVG_TIMELINE_H
#define PP_SVG_TIMELINE_H

#include <stddef.h>
#include <stdio.h>

#include "svg.h"
#include "svg_internal.h"

#define TL_CRIT_COLOUR "#e4002b"
#define TL_IDLE_COLOUR "#e8e8e8"

struct timeline {
    const struct pp_dag *dag;
    const struct pp_eval *ev;
    const struct pp_plan *plan; /* NULL: grey boxes */
    struct svg_info info;       /* the schedule's sizes filled in */
    struct svg_fscale scale;    /* the plan's frequencies */
    struct svg_page pg;
    struct svg_head hd;
    char title[512], note[512];
    double t0, t1; /* the window shown, s */
    double x0, pw, pt, ph;
    double row_h, gap, bar_h, box_h, lab_fs, row_fs;
    double axis_y, leg_y, cbar_w, crit_w, ent_x, ent_y, h;
    int leg_side; /* the entries right of the colour bar */
};

/* A box in a row, by colour (index into the plan's frequencies). */
struct tl_boxref {
    size_t c, i;
};

double tl_x(const struct timeline *t, double s);
double tl_row_top(const struct timeline *t, int g);

/* Is instruction I in the window?  Then [*A, *B] is the part shown. */
int tl_visible(const struct timeline *t, size_t i, double *a, double *b);

/* "critical path (N instructions)" in BUF (LEN bytes). */
const char *tl_crit_text(char *buf, size_t len, const struct pp_eval *ev);

/* The boxes in the window, one <g> per row and per colour in it (ROW
 * holds the longest row); the critical path; the boxes' names. */
void tl_draw_boxes(FILE *f, const struct timeline *t, struct tl_boxref *row);
void tl_draw_critical(FILE *f, const struct timeline *t);
void tl_draw_labels(FILE *f, const struct timeline *t);

#endif
