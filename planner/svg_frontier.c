/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_frontier.c - the time-energy frontier chart (plan --svg).
 *
 * The realized (time, energy) points as a line in time order, markers for
 * T_min, T*, the chosen point and the all-max baseline, and a legend with
 * their values and changes against the baseline.  The markers' labels are
 * placed greedily: each takes the first of a fixed list of spots around its
 * point that stays inside the plot and overlaps no marker or label placed
 * before; labels of coinciding markers merge ("T_min = chosen").
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The marked points, in label priority order; each kind has its label,
 * legend name, colour and shape (ring, diamond, square, cross). */
enum mark_kind { MARK_CHOSEN, MARK_TMIN, MARK_TSTAR, MARK_ALLMAX };
static const char *const mark_name[] = {"chosen", "T_min", "T*", "all-max"};
static const char *const mark_long[] = {"chosen point", "T_min: fastest point",
                                        "T*: minimum energy",
                                        "all-max frequency"};
static const char *const mark_colour[] = {"#000000", "#d55e00", "#009e73",
                                          "#555555"};

struct mark {
    enum mark_kind kind;
    double t, e;    /* data */
    double x, y;    /* px */
    char label[64]; /* label text, "" when merged into another's */
};

/* The marker of M's kind centred at (X, Y). */
static void mark_shape(FILE *f, const struct mark *m, double x, double y)
{
    const char *colour = mark_colour[m->kind];
    switch (m->kind) {
    case MARK_CHOSEN:
        fprintf(f,
                "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"9\" fill=\"none\" "
                "stroke=\"%s\" stroke-width=\"2.5\"/>\n",
                x, y, colour);
        break;
    case MARK_TMIN:
        fprintf(f, "<path d=\"M%.2f %.2fl6 6l-6 6l-6 -6z\" fill=\"%s\"/>\n", x,
                y - 6, colour);
        break;
    case MARK_TSTAR:
        fprintf(f,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"10\" height=\"10\" "
                "fill=\"%s\"/>\n",
                x - 5, y - 5, colour);
        break;
    case MARK_ALLMAX:
        fprintf(f,
                "<path d=\"M%.2f %.2fl10 10m0 -10l-10 10\" stroke=\"%s\" "
                "stroke-width=\"2.5\"/>\n",
                x - 5, y - 5, colour);
    }
}

struct box {
    double x0, y0, x1, y1;
};

static int overlaps(const struct box *a, const struct box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Place label L (12 px) near (X, Y): the first candidate spot inside the
 * plot that hits no placed box; boxes[] grows by one. */
static void place_label(FILE *f, const struct svg_frame *fm, const char *l,
                        double x, double y, struct box *boxes, size_t *nb)
{
    static const double cand[][3] = {{11, -9, 0},  {11, 17, 0}, {-11, -9, 1},
                                     {-11, 17, 1}, {0, -15, 2}, {0, 27, 2},
                                     {15, -25, 0}, {15, 33, 0}, {-15, -25, 1},
                                     {-15, 33, 1}, {30, 4, 0},  {-30, 4, 1}};
    static const char *const anchor[] = {"start", "end", "middle"};
    double w = svg_text_width(l, 12);
    size_t pick = 0;
    struct box b = {0, 0, 0, 0};
    for (size_t c = 0; c < sizeof cand / sizeof cand[0]; c++) {
        double tx = x + cand[c][0], ty = y + cand[c][1];
        int a = (int)cand[c][2];
        double bx = a == 0 ? tx : a == 1 ? tx - w : tx - w / 2;
        struct box t = {bx - 2, ty - 12, bx + w + 2, ty + 4};
        int ok = t.x0 >= fm->x0 && t.x1 <= fm->x1 && t.y0 >= fm->y0 &&
                 t.y1 <= fm->y1;
        for (size_t k = 0; ok && k < *nb; k++)
            ok = !overlaps(&t, &boxes[k]);
        if (c == 0 || ok) {
            pick = c;
            b = t;
        }
        if (ok)
            break;
    }
    boxes[(*nb)++] = b;
    double tx = x + cand[pick][0], ty = y + cand[pick][1];
    const char *a = anchor[(int)cand[pick][2]];
    /* a white halo first, so the label reads over the curve */
    svg_text(f, tx, ty, 12, a,
             "fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"4\" "
             "stroke-linejoin=\"round\"",
             l, 40);
    svg_text(f, tx, ty, 12, a, "font-weight=\"bold\"", l, 40);
}

/* A (time, energy) point. */
struct tpt {
    double t, e;
};

static int cmp_time(const void *a, const void *b)
{
    const struct tpt *p = a, *q = b;
    if (p->t != q->t)
        return (p->t > q->t) - (p->t < q->t);
    return (p->e > q->e) - (p->e < q->e);
}

/* The frontier's points in time order into *OUT (malloc'ed); PP_ENOMEM. */
static int sort_points(struct tpt **out, const struct pp_frontier *fr)
{
    size_t np = fr->npoints;
    struct tpt *ord = malloc((np ? np : 1) * sizeof *ord);
    if (!ord)
        return PP_ENOMEM;
    for (size_t p = 0; p < np; p++) {
        ord[p].t = fr->pts[p].time;
        ord[p].e = fr->pts[p].energy;
    }
    qsort(ord, np, sizeof *ord, cmp_time);
    *out = ord;
    return PP_OK;
}

/* The marked points into M[4], in label priority order; returns how
 * many.  BASE (the all-max point) may be NULL. */
static size_t find_marks(struct mark *m, const struct pp_frontier *fr,
                         long chosen, const struct tpt *base)
{
    size_t np = fr->npoints, nm = 0;
    if (chosen >= 0 && (size_t)chosen < np)
        m[nm++] = (struct mark){
            MARK_CHOSEN, fr->pts[chosen].time, fr->pts[chosen].energy, 0, 0,
            ""};
    if (np) {
        size_t a = pp_frontier_fastest(fr), b = pp_frontier_min_energy(fr);
        m[nm++] = (struct mark){
            MARK_TMIN, fr->pts[a].time, fr->pts[a].energy, 0, 0, ""};
        m[nm++] = (struct mark){
            MARK_TSTAR, fr->pts[b].time, fr->pts[b].energy, 0, 0, ""};
    }
    if (base)
        m[nm++] = (struct mark){MARK_ALLMAX, base->t, base->e, 0, 0, ""};
    return nm;
}

/* Axes over the finite points and BASE (may be NULL), padded. */
static void frontier_axes(struct svg_frame *fm, const struct pp_frontier *fr,
                          const struct tpt *base)
{
    double tlo = INFINITY, thi = -INFINITY, elo = INFINITY, ehi = -INFINITY;
    for (size_t p = 0; p < fr->npoints; p++) {
        double t = fr->pts[p].time, e = fr->pts[p].energy;
        if (isfinite(t) && isfinite(e)) {
            svg_widen(&tlo, &thi, t);
            svg_widen(&elo, &ehi, e);
        }
    }
    if (base) {
        svg_widen(&tlo, &thi, base->t);
        svg_widen(&elo, &ehi, base->e);
    }
    svg_pad_range(&tlo, &thi, 0);
    svg_pad_range(&elo, &ehi, 0);
    svg_axis_init(&fm->ax, tlo, thi, 8);
    svg_axis_init(&fm->ay, elo, ehi, 8);
}

/* The baseline's energy as a dashed line, the frontier as a polyline
 * through ORD[0..np-1] and, if there are few, a dot per point. */
static void draw_curve(FILE *f, const struct svg_frame *fm,
                       const struct tpt *ord, size_t np, const struct tpt *base)
{
    if (base)
        fprintf(f,
                "<path id=\"baseline\" d=\"M%.1f %.2fH%.1f\" "
                "stroke=\"#555555\" stroke-dasharray=\"5 4\"/>\n",
                fm->x0, svg_fy(fm, base->e), fm->x1);
    fputs("<polyline id=\"frontier\" fill=\"none\" stroke=\"#0072b2\" "
          "stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"",
          f);
    for (size_t k = 0, any = 0; k < np; k++)
        if (isfinite(ord[k].t) && isfinite(ord[k].e))
            fprintf(f, "%s%.2f,%.2f", any++ ? " " : "", svg_fx(fm, ord[k].t),
                    svg_fy(fm, ord[k].e));
    fputs("\"/>\n", f);
    if (np > 400)
        return;
    fputs("<g id=\"points\" fill=\"#0072b2\">\n", f);
    for (size_t k = 0; k < np; k++)
        if (isfinite(ord[k].t) && isfinite(ord[k].e))
            fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.2\"/>\n",
                    svg_fx(fm, ord[k].t), svg_fy(fm, ord[k].e));
    fputs("</g>\n", f);
}

/* Each mark's label; a mark within 3 px of an earlier labelled one adds its
 * name to that label ("T_min = chosen") and gets none. */
static void merge_labels(struct mark *m, size_t nm)
{
    for (size_t k = 0; k < nm; k++) {
        size_t j = 0;
        while (j < k && (fabs(m[j].x - m[k].x) > 3 ||
                         fabs(m[j].y - m[k].y) > 3 || !m[j].label[0]))
            j++;
        if (j < k) {
            size_t len = strlen(m[j].label);
            snprintf(m[j].label + len, sizeof m[j].label - len, " = %s",
                     mark_name[m[k].kind]);
        } else
            snprintf(m[k].label, sizeof m[k].label, "%s", mark_name[m[k].kind]);
    }
}

/* Markers (the first on top) and their labels. */
static void draw_marks(FILE *f, const struct svg_frame *fm, struct mark *m,
                       size_t nm)
{
    struct box boxes[16];
    size_t nb = 0;
    fputs("<g id=\"marks\">\n", f);
    for (size_t k = nm; k-- > 0;) {
        m[k].x = svg_fx(fm, m[k].t);
        m[k].y = svg_fy(fm, m[k].e);
        mark_shape(f, &m[k], m[k].x, m[k].y);
    }
    for (size_t k = 0; k < nm; k++) {
        struct box b = {m[k].x - 8, m[k].y - 8, m[k].x + 8, m[k].y + 8};
        boxes[nb++] = b;
    }
    merge_labels(m, nm);
    /* T_min first: it has most company near the top left */
    for (size_t r = 0; r < nm; r++) {
        size_t k = (r + 1) % nm;
        if (m[k].label[0])
            place_label(f, fm, m[k].label, m[k].x, m[k].y, boxes, &nb);
    }
    fputs("</g>\n", f);
}

/* A value line of a legend entry: BUF (LEN bytes) holds the value V and
 * gets its change against REF appended when REL. */
static void value_line(FILE *f, double x, double y, char *buf, size_t len,
                       int rel, double v, double ref)
{
    size_t used = strlen(buf);
    if (rel)
        snprintf(buf + used, len - used, " (%+.2f%%)", 100.0 * (v / ref - 1.0));
    svg_text(f, x, y, 11, NULL, "fill=\"#444444\"", buf, 40);
}

/* Legend on the right: the curve, the baseline, then each mark with its
 * time and energy (and their changes against BASE, if any). */
static void draw_legend(FILE *f, const struct svg_frame *fm,
                        const struct mark *m, size_t nm, size_t np,
                        const struct tpt *base)
{
    char buf[128];
    struct svg_legend lg;
    svg_legend_begin(f, fm, &lg, 20, 26, 32);
    snprintf(buf, sizeof buf, "frontier (%zu points)", np);
    svg_legend_line(f, &lg, "stroke=\"#0072b2\" stroke-width=\"2\"", buf);
    if (base) {
        lg.y += 24;
        svg_legend_line(f, &lg, "stroke=\"#555555\" stroke-dasharray=\"5 4\"",
                        "all-max energy");
    }
    double lx = lg.x, ly = lg.y + 34;
    for (size_t k = 0; k < nm; k++, ly += 58) {
        int rel = base && m[k].kind != MARK_ALLMAX;
        mark_shape(f, &m[k], lx + 8, ly + 7);
        svg_text(f, lx + 26, ly + 12, 12, NULL, "font-weight=\"bold\"",
                 mark_long[m[k].kind], 32);
        snprintf(buf, sizeof buf, "%.6g s", m[k].t);
        value_line(f, lx + 26, ly + 28, buf, sizeof buf, rel, m[k].t,
                   rel ? base->t : 0);
        svg_qty(buf, sizeof buf, m[k].e);
        strcat(buf, " J");
        value_line(f, lx + 26, ly + 43, buf, sizeof buf, rel, m[k].e,
                   rel ? base->e : 0);
    }
    if (base)
        svg_text(f, lx, ly + 6, 11, NULL, "fill=\"#444444\"",
                 "(%: change against all-max)", 40);
    fputs("</g>\n", f);
}

static int draw_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                         double amt, double ame, const char *title)
{
    struct tpt *ord = NULL, base = {amt, ame};
    const struct tpt *b = isfinite(amt) && isfinite(ame) ? &base : NULL;
    struct mark m[4];
    struct svg_frame fm;
    char note[128];
    const char *notes[1] = {note};
    int rc = sort_points(&ord, fr);
    if (rc != PP_OK)
        return rc;
    size_t nm = find_marks(m, fr, chosen, b);
    frontier_axes(&fm, fr, b);
    snprintf(note, sizeof note,
             "%zu frontier points (%s model), realized from measured times "
             "and energies",
             fr->npoints, fr->model == PP_MODEL_LOWTIME ? "lowtime" : "exact");
    svg_chart_begin(f, &fm, 620, title, notes, 1, "iteration time (s)",
                    "energy (J)");
    draw_curve(f, &fm, ord, fr->npoints, b);
    draw_marks(f, &fm, m, nm);
    draw_legend(f, &fm, m, nm, fr->npoints, b);
    free(ord);
    return svg_doc_end(f);
}

int svg_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                 double allmax_time, double allmax_energy, const char *title)
{
    struct svg_cloc l;
    if (!f || !fr)
        return PP_EINPUT;
    svg_cloc_begin(&l);
    int rc = draw_frontier(f, fr, chosen, allmax_time, allmax_energy, title);
    svg_cloc_end(&l);
    return rc;
}
