/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_straggler.c - the chart of a straggler sweep (sweep --straggler
 * --svg): two panels over one x axis, drawn by svg_lines_stacked.
 *
 * The cases are put on a grid of GPUs (in the order given) by time factors
 * (ascending); a GPU and factor given twice count once, the last.  With
 * several factors the factor is the x axis and each GPU a line in both
 * panels, the lines in the order of the GPUs' T' at the largest factor,
 * the longest first, so that the legend reads from the GPU that hurts
 * most and the first colours go to the lines that matter; the grey
 * references are the first GPU's published accounting (dashed, top) and
 * T' = factor x T_min (dotted, bottom: the slowdown if every instruction
 * of the pipeline were on the slow GPU's path).  With a single factor the
 * GPUs are the x axis.  The GPU that hurts most at a factor is the sweep
 * table's: the longest T', the first given on a tie.
 */
#include "svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REF_COLOUR "#555555"
#define TIMES "\xc3\x97" /* U+00D7, the multiplication sign */

/* The cases on a grid: GPU index g (first-given order) by factor index f
 * (ascending). */
struct grid {
    const struct svg_straggler_case *c;
    int *gpu;       /* ng distinct GPUs */
    double *factor; /* nf distinct factors, ascending */
    size_t ng, nf;
    long *cell;    /* [g * nf + f]: the case there, or -1 */
    size_t *rank;  /* the GPUs by s at the largest factor, longest first */
    size_t *bynum; /* the GPUs by number */
    size_t *worst; /* per factor, the GPU that hurts most; ng if none */
};

enum value { V_SAVING, V_PUBLISHED, V_S };

/* Value V of the case at GPU G and factor F, NaN if there is none. */
static double value(const struct grid *gr, size_t g, size_t f, enum value v)
{
    long k = gr->cell[g * gr->nf + f];
    if (k < 0)
        return NAN;
    const struct svg_straggler_case *c = &gr->c[k];
    return v == V_SAVING ? c->saving : v == V_PUBLISHED ? c->published : c->s;
}

/* Index of GPU X in GR's GPUs, or ng. */
static size_t gpu_index(const struct grid *gr, int x)
{
    size_t k = 0;
    while (k < gr->ng && gr->gpu[k] != x)
        k++;
    return k;
}

/* Index of factor X in GR's factors, or nf. */
static size_t factor_index(const struct grid *gr, double x)
{
    size_t k = 0;
    while (k < gr->nf && gr->factor[k] != x)
        k++;
    return k;
}

/* GR's GPUs (first-given order) and factors (ascending) from the N
 * cases. */
static void grid_axes(struct grid *gr, const struct svg_straggler_case *c,
                      size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (gpu_index(gr, c[k].gpu) == gr->ng)
            gr->gpu[gr->ng++] = c[k].gpu;
        if (factor_index(gr, c[k].factor) < gr->nf)
            continue;
        size_t j = gr->nf++;
        for (; j > 0 && gr->factor[j - 1] > c[k].factor; j--)
            gr->factor[j] = gr->factor[j - 1];
        gr->factor[j] = c[k].factor;
    }
}

/* The GPU that hurts most at factor F: the largest s, the first given on
 * a tie; ng if no GPU has a case there. */
static size_t hurts_most(const struct grid *gr, size_t f)
{
    size_t w = gr->ng;
    for (size_t g = 0; g < gr->ng; g++) {
        double s = value(gr, g, f, V_S);
        if (!isnan(s) && (w == gr->ng || s > value(gr, w, f, V_S)))
            w = g;
    }
    return w;
}

/* Does GPU A rank before GPU B: a longer T' at the largest factor (a GPU
 * without a case there last)? */
static int ranks_before(const struct grid *gr, size_t a, size_t b)
{
    double sa = value(gr, a, gr->nf - 1, V_S),
           sb = value(gr, b, gr->nf - 1, V_S);
    return !isnan(sa) && (isnan(sb) || sa > sb);
}

/* GR's cells, orders and worst GPUs, its axes being set. */
static void grid_fill(struct grid *gr, size_t n)
{
    for (size_t k = 0; k < gr->ng * gr->nf; k++)
        gr->cell[k] = -1;
    for (size_t k = 0; k < n; k++)
        gr->cell[gpu_index(gr, gr->c[k].gpu) * gr->nf +
                 factor_index(gr, gr->c[k].factor)] = (long)k;
    for (size_t g = 0; g < gr->ng; g++) { /* stable insertions */
        size_t j = g;
        for (; j > 0 && ranks_before(gr, g, gr->rank[j - 1]); j--)
            gr->rank[j] = gr->rank[j - 1];
        gr->rank[j] = g;
        for (j = g; j > 0 && gr->gpu[gr->bynum[j - 1]] > gr->gpu[g]; j--)
            gr->bynum[j] = gr->bynum[j - 1];
        gr->bynum[j] = g;
    }
    for (size_t f = 0; f < gr->nf; f++)
        gr->worst[f] = hurts_most(gr, f);
}

static void grid_free(struct grid *gr)
{
    free(gr->gpu);
    free(gr->factor);
    free(gr->cell);
    free(gr->rank);
    free(gr->bynum);
    free(gr->worst);
}

/* GR from the N cases C (N >= 1, finite factors); PP_ENOMEM. */
static int grid_init(struct grid *gr, const struct svg_straggler_case *c,
                     size_t n)
{
    memset(gr, 0, sizeof *gr);
    gr->c = c;
    gr->gpu = malloc(n * sizeof *gr->gpu);
    gr->factor = malloc(n * sizeof *gr->factor);
    if (!gr->gpu || !gr->factor)
        return PP_ENOMEM;
    grid_axes(gr, c, n);
    if (gr->ng > ((size_t)-1 / sizeof(long)) / gr->nf)
        return PP_ENOMEM;
    gr->cell = malloc(gr->ng * gr->nf * sizeof *gr->cell);
    gr->rank = malloc(gr->ng * sizeof *gr->rank);
    gr->bynum = malloc(gr->ng * sizeof *gr->bynum);
    gr->worst = malloc(gr->nf * sizeof *gr->worst);
    if (!gr->cell || !gr->rank || !gr->bynum || !gr->worst)
        return PP_ENOMEM;
    grid_fill(gr, n);
    return PP_OK;
}

/* ------------------------------------------------------------------------ */
/* The two panels                                                           */

#define MAX_NOTES 8

/* What the panels point into: NPTS points of up to NS series per panel
 * (the last a reference), a spot per point and panel. */
struct view {
    size_t npts, ns;
    double *x, *y; /* y: series s of panel q at y[(q * ns + s) * npts] */
    struct svg_series ser[2][SVG_STRAGGLER_LINES + 1];
    char name[SVG_STRAGGLER_LINES + 2][80];
    struct svg_spot *spot; /* panel q's at spot[q * npts] */
    size_t nspots;         /* per panel */
    const char *notes[MAX_NOTES];
    size_t nnotes;
    char note[3][400];
    struct svg_chart p[2];
};

/* V's arrays for NPTS points and NS series; PP_ENOMEM. */
static int view_alloc(struct view *v, size_t npts, size_t ns)
{
    memset(v, 0, sizeof *v);
    v->npts = npts;
    v->ns = ns;
    v->x = malloc(npts * sizeof *v->x);
    v->y = malloc(2 * ns * npts * sizeof *v->y);
    v->spot = malloc(2 * npts * sizeof *v->spot);
    return v->x && v->y && v->spot ? PP_OK : PP_ENOMEM;
}

static void view_free(struct view *v)
{
    free(v->x);
    free(v->y);
    free(v->spot);
}

/* Series S of panel Q: NAME, its values (returned); solid, or a grey
 * reference DASHED (1) or dotted (2). */
static double *view_series(struct view *v, size_t q, size_t s,
                           const char *name, int dashed)
{
    double *y = &v->y[(q * v->ns + s) * v->npts];
    v->ser[q][s] =
        (struct svg_series){name, y, dashed, dashed ? REF_COLOUR : NULL};
    return y;
}

/* Ring point K of series S in both panels. */
static void view_spot(struct view *v, size_t s, size_t k)
{
    v->spot[v->nspots] = (struct svg_spot){s, k, NULL};
    v->spot[v->npts + v->nspots] = (struct svg_spot){s, k, NULL};
    v->nspots++;
}

/* Append printf FMT to BUF (LEN bytes) at *AT, cut at its end. */
static void append(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
    va_list ap;
    if (*at + 1 >= len)
        return;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *at, len - *at, fmt, ap);
    va_end(ap);
    *at = k < 0 ? *at : *at + (size_t)k > len - 1 ? len - 1 : *at + (size_t)k;
}

/* In BUF (LEN bytes), which GPU hurts most at which factors: "GPU 7 at
 * every factor", or runs ("GPU 2 at x 1.05 to 1.1, GPU 3 at x 1.2"). */
static void worst_note(char *buf, size_t len, const struct grid *gr)
{
    size_t at = 0;
    append(buf, len, &at, "The GPU that hurts most (the longest T'), "
                          "ringed: ");
    for (size_t f = 0, e; f < gr->nf; f = e + 1) {
        for (e = f; e + 1 < gr->nf && gr->worst[e + 1] == gr->worst[f]; e++)
            ;
        if (gr->worst[f] == gr->ng)
            continue;
        append(buf, len, &at, "%sGPU %d", f ? ", " : "",
               gr->gpu[gr->worst[f]]);
        if (f == 0 && e + 1 == gr->nf)
            append(buf, len, &at, gr->nf > 1 ? " at every factor" : "");
        else if (e == f)
            append(buf, len, &at, " at " TIMES " %g", gr->factor[f]);
        else
            append(buf, len, &at, " at " TIMES " %g to %g", gr->factor[f],
                   gr->factor[e]);
    }
    append(buf, len, &at, ".");
}

/* The panels of V: the saving over the T' ratio, NS series each. */
static void view_charts(struct view *v, const char *xlabel, int x_whole)
{
    static const char *const ylabel[2] = {"energy saving (%)",
                                          "T' / T_min"};
    for (size_t q = 0; q < 2; q++)
        v->p[q] = (struct svg_chart){
            .what = "A slow GPU in one pipeline", .xlabel = xlabel,
            .ylabel = ylabel[q], .n = v->npts, .x = v->x, .nseries = v->ns,
            .series = v->ser[q], .notes = v->notes, .nnotes = v->nnotes,
            .spots = &v->spot[q * v->npts], .nspots = v->nspots,
            .x_whole = x_whole};
}

/* The caller's NOTES (N), as many as leave room for ours. */
static void view_notes(struct view *v, const char *const *notes, size_t n)
{
    for (size_t k = 0; notes && k < n && v->nnotes < MAX_NOTES - 3; k++)
        v->notes[v->nnotes++] = notes[k];
}

/* The view over the factors: a line per GPU drawn (D of them, by rank),
 * the first one's published accounting and T' = factor x T_min. */
static void by_factor(struct view *v, const struct grid *gr, size_t d)
{
    size_t last = gr->nf - 1;
    const size_t *pos = gr->rank; /* rank -> GPU */
    memcpy(v->x, gr->factor, gr->nf * sizeof *v->x);
    for (size_t r = 0; r < d; r++) {
        snprintf(v->name[r], sizeof v->name[r], "GPU %d", gr->gpu[pos[r]]);
        double *a = view_series(v, 0, r, v->name[r], 0);
        double *b = view_series(v, 1, r, v->name[r], 0);
        for (size_t f = 0; f < gr->nf; f++) {
            a[f] = value(gr, pos[r], f, V_SAVING);
            b[f] = value(gr, pos[r], f, V_S);
        }
    }
    snprintf(v->name[d], sizeof v->name[d],
             "GPU %d, published (energy " TIMES " s)", gr->gpu[pos[0]]);
    snprintf(v->name[d + 1], sizeof v->name[d + 1],
             "T' = factor " TIMES " T_min");
    double *a = view_series(v, 0, d, v->name[d], 1);
    double *b = view_series(v, 1, d, v->name[d + 1], 2);
    for (size_t f = 0; f < gr->nf; f++) {
        a[f] = value(gr, pos[0], f, V_PUBLISHED);
        b[f] = gr->factor[f];
    }
    snprintf(v->note[0], sizeof v->note[0],
             "Legend: the GPUs by their T' at time " TIMES " %g, the "
             "longest first.", gr->factor[last]);
    v->notes[v->nnotes++] = v->note[0];
    if (d < gr->ng) {
        snprintf(v->note[1], sizeof v->note[1], "The %zu of %zu GPUs with "
                 "the longest T' at time " TIMES " %g are drawn.", d, gr->ng,
                 gr->factor[last]);
        v->notes[v->nnotes++] = v->note[1];
    }
}

/* Ring the GPU that hurts most at each factor, on the lines drawn (the
 * first D by rank). */
static void by_factor_spots(struct view *v, const struct grid *gr, size_t d)
{
    for (size_t f = 0; f < gr->nf; f++) {
        size_t r = 0;
        while (r < d && gr->rank[r] != gr->worst[f])
            r++;
        if (r < d)
            view_spot(v, r, f);
    }
}

/* The view of a single factor: the GPUs along x (ascending), the saving
 * and the published accounting, T' / T_min and the factor. */
static void by_gpu(struct view *v, const struct grid *gr)
{
    const size_t *ord = gr->bynum;
    snprintf(v->name[0], sizeof v->name[0], "time " TIMES " %g, own plan",
             gr->factor[0]);
    snprintf(v->name[1], sizeof v->name[1],
             "published accounting (energy " TIMES " s)");
    snprintf(v->name[2], sizeof v->name[2], "T' = %g " TIMES " T_min",
             gr->factor[0]);
    double *sa = view_series(v, 0, 0, v->name[0], 0);
    double *pu = view_series(v, 0, 1, v->name[1], 1);
    double *s = view_series(v, 1, 0, v->name[0], 0);
    double *fa = view_series(v, 1, 1, v->name[2], 2);
    for (size_t k = 0; k < gr->ng; k++) {
        v->x[k] = gr->gpu[ord[k]];
        sa[k] = value(gr, ord[k], 0, V_SAVING);
        pu[k] = value(gr, ord[k], 0, V_PUBLISHED);
        s[k] = value(gr, ord[k], 0, V_S);
        fa[k] = gr->factor[0];
        if (ord[k] == gr->worst[0])
            view_spot(v, 0, k);
    }
}

/* Draw GR as VIEW; the caller's NOTES under the title. */
static int draw(FILE *f, const struct grid *gr, const char *const *notes,
                size_t nnotes, const struct svg_info *info)
{
    struct view v;
    size_t d = gr->ng < SVG_STRAGGLER_LINES ? gr->ng : SVG_STRAGGLER_LINES;
    int single = gr->nf == 1;
    int rc = single ? view_alloc(&v, gr->ng, 2)
                    : view_alloc(&v, gr->nf, d + 1);
    if (!rc) {
        view_notes(&v, notes, nnotes);
        if (single) {
            by_gpu(&v, gr);
        } else {
            by_factor(&v, gr, d);
            by_factor_spots(&v, gr, d);
        }
        worst_note(v.note[2], sizeof v.note[2], gr);
        v.notes[v.nnotes++] = v.note[2];
        view_charts(&v, single ? "slow GPU" : "time factor of the slow GPU",
                    single);
        rc = svg_lines_stacked(f, v.p, 2, info);
    }
    view_free(&v);
    return rc;
}

int svg_straggler(FILE *f, const struct svg_straggler_case *c, size_t n,
                  const char *const *notes, size_t nnotes,
                  const struct svg_info *info)
{
    struct grid gr;
    if (!f || !c || n == 0)
        return PP_EINPUT;
    for (size_t k = 0; k < n; k++)
        if (!isfinite(c[k].factor))
            return PP_EINPUT;
    int rc = grid_init(&gr, c, n);
    if (!rc)
        rc = draw(f, &gr, notes, nnotes, info);
    grid_free(&gr);
    return rc;
}
