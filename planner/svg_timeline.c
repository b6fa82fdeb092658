/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_timeline.c - the timeline of one evaluated plan (eval --svg): its
 * layout, rows, time axis and legend; the boxes, the critical path and the
 * names are drawn by svg_tlboxes.c.
 *
 * A row per GPU, each instruction a box coloured by its frequency
 * (svg_colourbar.c), the critical path as a red bar in the gap above its
 * boxes, a time axis and a legend: the colour bar, the critical path, idle
 * time.  The page is as wide as asked, or as wide as it takes for the
 * shorter boxes (the lower quartile of durations) to hold a name at 10 px,
 * between 1000 px and SVG_WIDTH_AUTO_MAX; a window [t0, t1] draws only
 * that stretch of time, at that scale.  Rows are at most 40 px high, less
 * with many GPUs or on a narrow page, where they keep the plot's height
 * near 3/4 of its width.  Cost O(n log n) (the quartile; sorting a row by
 * colour).
 */
#include "svg_timeline.h"
#include "svg.h"
#include "svg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double tl_x(const struct timeline *t, double s)
{
    return t->x0 + (s - t->t0) / (t->t1 - t->t0) * t->pw;
}

int tl_visible(const struct timeline *t, size_t i, double *a, double *b)
{
    double s = t->ev->start[i], e = s + t->ev->dur[i];
    if (s > t->t1 || e < t->t0 || (e == t->t0 && e > s) ||
        (s == t->t1 && e > s))
        return 0;
    *a = s > t->t0 ? s : t->t0;
    *b = e < t->t1 ? e : t->t1;
    return 1;
}

double tl_row_top(const struct timeline *t, int g)
{
    return t->pt + g * t->row_h;
}

/* Decimal digits of the highest GPU number, at least 1. */
static int gpu_digits(int G)
{
    int d = 1;
    for (int g = G - 1; g >= 10; g /= 10)
        d++;
    return d;
}

/* The iteration's end T and the window [t0, t1]: the one asked for, cut
 * at 0 and at T (unless it lies past T: then an empty picture). */
static void tl_extent(struct timeline *t)
{
    const struct pp_eval *ev = t->ev;
    double T = ev->time;
    for (size_t i = 0; i < t->dag->n; i++)
        if (ev->start[i] + ev->dur[i] > T)
            T = ev->start[i] + ev->dur[i];
    if (!(T > 0) || !isfinite(T))
        T = 1.0;
    t->t0 = 0;
    t->t1 = T;
    if (t->info.t1 > t->info.t0) { /* cut at T unless all past it */
        t->t0 = t->info.t0 > 0 ? t->info.t0 : 0;
        t->t1 = t->info.t1 < T || t->t0 >= T ? t->info.t1 : T;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Width of the plot for the shorter boxes in the window to hold a name of
 * the longest kind at 10 px; 0 if none has a duration.  PP_ENOMEM. */
static int need_width(const struct timeline *t, double *pw)
{
    const struct pp_dag *dag = t->dag;
    double *d = malloc((dag->n ? dag->n : 1) * sizeof *d), a, b;
    size_t n = 0;
    if (!d)
        return PP_ENOMEM;
    for (size_t i = 0; i < dag->n; i++)
        if (t->ev->dur[i] > 0 && tl_visible(t, i, &a, &b))
            d[n++] = t->ev->dur[i];
    *pw = 0;
    if (n) {
        qsort(d, n, sizeof *d, cmp_double);
        int mb = dag->microbatches > 1 ? dag->microbatches - 1 : 9;
        int len = 1 +
                  (mb >= 100  ? 3
                   : mb >= 10 ? 2
                              : 1) +
                  (dag->chunks > 1 ? 2 : 0);
        *pw = (t->t1 - t->t0) / d[n / 4] * (len * 0.64 * 10 + 3);
    }
    free(d);
    return PP_OK;
}

/* The page's width: asked for, or grown until the boxes hold names. */
static int tl_width(struct timeline *t)
{
    int gd = gpu_digits(t->dag->ngpus);
    double w = t->info.width, pw;
    int rc;
    if (w > 0) {
        svg_page_init(&t->pg, w, w);
        return PP_OK;
    }
    if ((rc = need_width(t, &pw)) != PP_OK)
        return rc;
    /* margins at the widest text sizes, as on a page of 1000 px or more */
    svg_page_init(&t->pg, 1000, 1000);
    double fs = t->pg.fs;
    w = pw + 20 + svg_text_width("GPU ", fs) + gd * fs * 0.6 +
        svg_text_width("100.0%", fs);
    w = w < 1000 ? 1000 : w > SVG_WIDTH_AUTO_MAX ? SVG_WIDTH_AUTO_MAX : w;
    svg_page_init(&t->pg, w, w);
    return PP_OK;
}

/* The head: title, then the plan, its time and energy, the window. */
static void tl_head(struct timeline *t)
{
    const struct pp_eval *ev = t->ev;
    char e[32];
    svg_title(t->title, sizeof t->title, "Timeline", &t->info);
    svg_head_init(&t->hd, &t->pg, t->title);
    size_t u = (size_t)snprintf(
        t->note, sizeof t->note,
        "%s%s%siteration time %.6g" NBSP "s, energy %s" NBSP "J",
        t->info.plan ? "plan " : "", t->info.plan ? t->info.plan : "",
        t->info.plan ? ": " : "", ev->time, svg_qty(e, sizeof e, ev->e_total));
    if (u < sizeof t->note && (t->t0 > 0 || t->t1 < ev->time))
        snprintf(t->note + u, sizeof t->note - u,
                 "; showing %.6g" NBSP "s to %.6g" NBSP "s", t->t0, t->t1);
    svg_head_note(&t->hd, &t->pg, t->note);
}

/* Legend layout: the colour bar, and the critical path and idle entries
 * right of it or, if they do not fit there, under it. */
static void tl_legend_layout(struct timeline *t)
{
    const struct svg_page *pg = &t->pg;
    char buf[64];
    double room = pg->w - t->x0 - 10;
    t->cbar_w = room < 360 ? room : 360;
    t->crit_w =
        34 + svg_text_width(tl_crit_text(buf, sizeof buf, t->ev), pg->fs);
    double idle_w = 34 + svg_text_width("idle", pg->fs);
    double bar_h = svg_fscale_bar_h(pg), entry_h = svg_line_h(pg->fs) + 4;
    t->leg_side = t->cbar_w + 40 + t->crit_w + 16 + idle_w <= room;
    if (t->leg_side) {
        t->ent_x = t->x0 + t->cbar_w + 40;
        t->ent_y = t->leg_y + svg_line_h(pg->fs) + 4 - 3;
        t->h = t->leg_y + bar_h + 10;
    } else {
        t->ent_x = t->x0;
        t->ent_y = t->leg_y + bar_h + 6;
        t->h =
            t->ent_y + (t->crit_w + 16 + idle_w <= room ? 1 : 2) * entry_h + 8;
    }
}

/* Layout of rows, axis and legend on the page. */
static void tl_layout(struct timeline *t)
{
    const struct svg_page *pg = &t->pg;
    int G = t->dag->ngpus > 0 ? t->dag->ngpus : 1, gd = gpu_digits(G);
    t->x0 = 8 + svg_text_width("GPU ", pg->fs) + gd * pg->fs * 0.6 + 6;
    t->pw = pg->w - t->x0 - 10 - svg_text_width("100.0%", pg->fs);
    double row_h = 560.0 / G, fit = 0.75 * t->pw / G;
    row_h = row_h > 40 ? 40 : row_h;
    row_h = row_h > fit ? fit : row_h;
    t->row_h = row_h < 9 ? 9 : row_h;
    t->bar_h = t->row_h * 0.1 < 1.5 ? 1.5
               : t->row_h * 0.1 > 4 ? 4
                                    : t->row_h * 0.1;
    t->gap = t->bar_h + 1.5;
    t->box_h = t->row_h - t->gap - (t->row_h * 0.14 < 1 ? 1 : t->row_h * 0.14);
    t->row_fs = t->row_h * 0.8 > pg->fs ? pg->fs : t->row_h * 0.8;
    t->lab_fs = t->box_h * 0.62 > pg->fs_tick ? pg->fs_tick : t->box_h * 0.62;
    t->pt = t->hd.h + svg_line_h(t->row_fs) + 2;
    t->ph = t->row_h * G;
    t->axis_y = t->pt + t->ph + 3;
    t->leg_y = t->axis_y + 8 + svg_line_h(pg->fs_tick) + 4 +
               svg_line_h(pg->fs_label) + 8;
    tl_legend_layout(t);
}

/* Row backgrounds (idle time shows through), row labels, idle %. */
static void draw_rows(FILE *f, const struct timeline *t)
{
    const struct pp_eval *ev = t->ev;
    double xr = t->x0 + t->pw + 6;
    fprintf(f, "<g id=\"rows\" font-size=\"%.3g\">\n", t->row_fs);
    svg_text(f, xr, t->pt - 4, t->row_fs, NULL, "fill=\"#555555\"", "idle", 8);
    for (int g = 0; g < t->dag->ngpus; g++) {
        double y = tl_row_top(t, g);
        double idle = ev->time > 0 ? 100.0 * ev->idle[g] / ev->time : 0;
        double base = y + t->gap + t->box_h / 2 + t->row_fs * 0.35;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" "
                "height=\"%.2f\" fill=\"" TL_IDLE_COLOUR "\"/>\n",
                t->x0, y + t->gap, t->pw, t->box_h);
        fprintf(f,
                "<text x=\"%.1f\" y=\"%.2f\" text-anchor=\"end\">GPU %d"
                "<title>GPU %d: busy %.6g s, idle %.6g s</title></text>\n",
                t->x0 - 6, base, g, g, ev->busy[g], ev->idle[g]);
        fprintf(f,
                "<text x=\"%.1f\" y=\"%.2f\" fill=\"#555555\">%.1f%%</text>\n",
                xr, base, idle);
    }
    fputs("</g>\n", f);
}

/* Time axis, with grid lines over the rows' background.  The axis runs
 * from t0 to t1, so the frame puts time s where tl_x() does. */
static void draw_axis(FILE *f, const struct timeline *t)
{
    const struct svg_page *pg = &t->pg;
    struct svg_frame fm = {
        pg,           t->x0,       t->pt, t->x0 + t->pw, t->pt + t->ph,
        {0, 0, 0, 0}, {0, 0, 0, 0}, 0};
    svg_axis_fit(&fm.ax, t->t0, t->t1, (int)(t->pw / 80) + 1, t->pw,
                 pg->fs_tick);
    fprintf(f, "<g id=\"axes\" font-size=\"%.3g\" fill=\"#333333\">\n",
            pg->fs_tick);
    fprintf(f, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#999999\"/>\n", t->x0,
            t->axis_y, t->x0 + t->pw);
    svg_x_ticks(f, &fm, t->axis_y, "#ffffff", 2);
    svg_text(f, t->x0 + t->pw / 2,
             t->axis_y + 8 + svg_line_h(pg->fs_tick) + 4 +
                 svg_line_h(pg->fs_label) - pg->fs_label * 0.4,
             pg->fs_label, "middle", "fill=\"#000000\"", "time (s)", 20);
    fputs("</g>\n", f);
}

/* Legend: the colour bar, then the critical path and idle samples. */
static void draw_legend(FILE *f, const struct timeline *t)
{
    const struct svg_page *pg = &t->pg;
    char buf[64];
    double x = t->ent_x, y = t->ent_y, lh = svg_line_h(pg->fs);
    double base = y + lh / 2 + pg->fs * 0.35;
    fprintf(f, "<g id=\"legend\" font-size=\"%.3g\">\n", pg->fs);
    svg_fscale_bar(f, &t->scale, pg, t->x0, t->leg_y, t->cbar_w);
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"%.1f\" "
            "fill=\"" TL_IDLE_COLOUR "\"/><rect x=\"%.1f\" y=\"%.1f\" "
            "width=\"28\" height=\"3\" fill=\"" TL_CRIT_COLOUR "\"/>\n",
            x, y + 4, lh - 4, x, y);
    svg_text(f, x + 34, base, pg->fs, NULL, NULL,
             tl_crit_text(buf, sizeof buf, t->ev), 60);
    x += t->crit_w + 16;
    if (x + 34 + svg_text_width("idle", pg->fs) > pg->w - 10) {
        x = t->ent_x;
        y += lh + 4;
        base += lh + 4;
    }
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"%.1f\" "
            "fill=\"" TL_IDLE_COLOUR "\"/>\n",
            x, y + 4, lh - 4);
    svg_text(f, x + 34, base, pg->fs, NULL, NULL, "idle", 10);
    fputs("</g>\n", f);
}

static int draw_timeline(FILE *f, struct timeline *t)
{
    struct tl_boxref *row = NULL;
    size_t maxrow = 1;
    int rc;
    if ((rc = svg_fscale_init(&t->scale, t->plan ? t->plan->mhz : NULL,
                              t->dag->n)) != PP_OK)
        return rc;
    for (int g = 0; g < t->dag->ngpus; g++) {
        size_t len = t->dag->gpu_off[g + 1] - t->dag->gpu_off[g];
        maxrow = len > maxrow ? len : maxrow;
    }
    rc = PP_ENOMEM;
    if (!(row = malloc(maxrow * sizeof *row)))
        goto out;
    tl_extent(t);
    if ((rc = tl_width(t)) != PP_OK)
        goto out;
    tl_head(t);
    tl_layout(t);
    t->pg.h = t->h;
    svg_doc_begin(f, &t->pg, &t->hd);
    draw_rows(f, t);
    draw_axis(f, t);
    tl_draw_boxes(f, t, row);
    tl_draw_critical(f, t);
    tl_draw_labels(f, t);
    draw_legend(f, t);
    rc = svg_doc_end(f);
out:
    free(row);
    svg_fscale_free(&t->scale);
    return rc;
}

int svg_timeline(FILE *f, const struct pp_dag *dag, const struct pp_eval *ev,
                 const struct pp_plan *plan, const struct svg_info *info)
{
    struct svg_cloc l;
    struct timeline t;
    if (!f || !dag || !ev || ev->ngpus != dag->ngpus ||
        (plan && plan->n != dag->n))
        return PP_EINPUT;
    memset(&t, 0, sizeof t);
    t.dag = dag;
    t.ev = ev;
    t.plan = plan;
    if (info)
        t.info = *info;
    /* what the DAG says where INFO says nothing */
    if (!t.info.schedule)
        t.info.schedule = dag->schedule;
    if (!t.info.stages)
        t.info.stages = dag->ngpus;
    if (!t.info.microbatches)
        t.info.microbatches = dag->microbatches;
    if (!t.info.chunks)
        t.info.chunks = dag->chunks;
    svg_cloc_begin(&l);
    int rc = draw_timeline(f, &t);
    svg_cloc_end(&l);
    return rc;
}
