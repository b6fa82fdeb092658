/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_frontier.c - the time-energy frontier chart (plan --svg).
 *
 * The realized (time, energy) points as a line in time order, solid up
 * to T* and dashed in another colour past it, markers for T_min, T*, the
 * chosen point and the all-max baseline, and a legend with their values
 * and changes against the baseline (wide pages; narrow ones give only the
 * names, under the plot).  The markers' labels are
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

/* Place label L (text of the page's size, FS) near (X, Y): the first
 * candidate spot inside the plot that hits no placed box; boxes[] grows by
 * one.  The spots are given for 12 px text, moved out for larger. */
static void place_label(FILE *f, const struct svg_frame *fm, const char *l,
                        double x, double y, struct box *boxes, size_t *nb)
{
    static const double cand[][3] = {{11, -9, 0},  {11, 17, 0}, {-11, -9, 1},
                                     {-11, 17, 1}, {0, -15, 2}, {0, 27, 2},
                                     {15, -25, 0}, {15, 33, 0}, {-15, -25, 1},
                                     {-15, 33, 1}, {30, 4, 0},  {-30, 4, 1}};
    static const char *const anchor[] = {"start", "end", "middle"};
    double fs = fm->pg->fs, sc = fs > 12 ? fs / 12 : 1;
    double w = svg_text_width(l, fs);
    size_t pick = 0;
    struct box b = {0, 0, 0, 0};
    for (size_t c = 0; c < sizeof cand / sizeof cand[0]; c++) {
        double tx = x + sc * cand[c][0], ty = y + sc * cand[c][1];
        int a = (int)cand[c][2];
        double bx = a == 0 ? tx : a == 1 ? tx - w : tx - w / 2;
        struct box t = {bx - 2, ty - fs, bx + w + 2, ty + 4};
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
    double tx = x + sc * cand[pick][0], ty = y + sc * cand[pick][1];
    const char *a = anchor[(int)cand[pick][2]];
    /* a white halo first, so the label reads over the curve */
    svg_text(f, tx, ty, fs, a,
             "fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"4\" "
             "stroke-linejoin=\"round\"",
             l, 40);
    svg_text(f, tx, ty, fs, a, "font-weight=\"bold\"", l, 40);
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

/* The data ranges over the finite points and BASE (may be NULL), padded. */
static void frontier_ranges(double xr[2], double yr[2],
                            const struct pp_frontier *fr,
                            const struct tpt *base)
{
    xr[0] = yr[0] = INFINITY;
    xr[1] = yr[1] = -INFINITY;
    for (size_t p = 0; p < fr->npoints; p++) {
        double t = fr->pts[p].time, e = fr->pts[p].energy;
        if (isfinite(t) && isfinite(e)) {
            svg_widen(&xr[0], &xr[1], t);
            svg_widen(&yr[0], &yr[1], e);
        }
    }
    if (base) {
        svg_widen(&xr[0], &xr[1], base->t);
        svg_widen(&yr[0], &yr[1], base->e);
    }
    svg_pad_range(&xr[0], &xr[1], 0);
    svg_pad_range(&yr[0], &yr[1], 0);
}

/* Points of ORD[0..np-1] past T* (none if FR is partial or empty). */
static size_t count_beyond(const struct pp_frontier *fr, const struct tpt *ord,
                           size_t np)
{
    if (fr->partial || np == 0)
        return 0;
    double tstar = fr->pts[pp_frontier_min_energy(fr)].time;
    size_t k = np;
    while (k > 0 && ord[k - 1].t > tstar)
        k--;
    return np - k;
}

/* A polyline with id ID and stroke ATTRS through ORD[0..n-1], and a dot
 * of FILL (none with FILL NULL) at each point when there are few. */
static void polyline(FILE *f, const struct svg_frame *fm, const char *id,
                     const char *attrs, const struct tpt *ord, size_t n,
                     const char *dot)
{
    fprintf(f,
            "<polyline id=\"%s\" fill=\"none\" %s "
            "stroke-linejoin=\"round\" points=\"",
            id, attrs);
    for (size_t k = 0, any = 0; k < n; k++)
        if (isfinite(ord[k].t) && isfinite(ord[k].e))
            fprintf(f, "%s%.2f,%.2f", any++ ? " " : "", svg_fx(fm, ord[k].t),
                    svg_fy(fm, ord[k].e));
    fputs("\"/>\n", f);
    if (n > 400 || !dot)
        return;
    fprintf(f, "<g id=\"%s-points\" %s>\n", id, dot);
    for (size_t k = 0; k < n; k++)
        if (isfinite(ord[k].t) && isfinite(ord[k].e))
            fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.2\"/>\n",
                    svg_fx(fm, ord[k].t), svg_fy(fm, ord[k].e));
    fputs("</g>\n", f);
}

#define CURVE_ATTRS "stroke=\"#0072b2\" stroke-width=\"1.8\""
#define BEYOND_ATTRS                                                           \
    "stroke=\"#cc79a7\" stroke-width=\"1.8\" stroke-dasharray=\"6 3\""
#define BASE_ATTRS "stroke=\"#555555\" stroke-dasharray=\"5 4\""

/* The baseline's energy as a dashed line; the frontier up to T* as a
 * solid line through ORD[0..np-NB-1] and past it (NB points) dashed, in
 * another colour, from T* on; dots at the points when there are few. */
static void draw_curve(FILE *f, const struct svg_frame *fm,
                       const struct tpt *ord, size_t np, size_t nb,
                       const struct tpt *base)
{
    if (base)
        fprintf(
            f, "<path id=\"baseline\" d=\"M%.1f %.2fH%.1f\" " BASE_ATTRS "/>\n",
            fm->x0, svg_fy(fm, base->e), fm->x1);
    polyline(f, fm, "frontier", CURVE_ATTRS, ord, np - nb, "fill=\"#0072b2\"");
    if (nb)
        polyline(f, fm, "beyond", BEYOND_ATTRS, ord + (np - nb - 1), nb + 1,
                 "fill=\"#ffffff\" stroke=\"#cc79a7\"");
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

/* The legend's entries, in order: the curve, the part past T*, the
 * baseline, each mark, the footnote on percentages. */
enum entry_kind { E_CURVE, E_BEYOND, E_BASE, E_MARK, E_FOOT };
struct entry {
    enum entry_kind kind;
    size_t mark;
    char text[3][64]; /* a name (bold for marks), values on wide pages */
};

/* A value with its change against REF in BUF (LEN bytes) when REL. */
static void value_text(char *buf, size_t len, const char *v, const char *unit,
                       int rel, double x, double ref)
{
    if (rel)
        snprintf(buf, len, "%s %s (%+.2f%%)", v, unit, 100.0 * (x / ref - 1.0));
    else
        snprintf(buf, len, "%s %s", v, unit);
}

/* The entries into EN (at most 4 + nm + 1) with their heights EH and the
 * column width; returns how many.  WIDE: marks with their values. */
static size_t legend_entries(struct entry *en, double *eh, double *colw,
                             const struct svg_page *pg, const struct mark *m,
                             size_t nm, size_t np, size_t nb,
                             const struct tpt *base, int wide)
{
    size_t n = 0;
    double lh = svg_line_h(pg->fs), lt = svg_line_h(pg->fs_tick);
    char v[32];
    memset(en, 0, (5 + nm) * sizeof *en);
    en[n].kind = E_CURVE;
    if (wide)
        snprintf(en[n].text[0], 64, "frontier%s (%zu points)",
                 nb ? " to T*" : "", np - nb);
    else
        snprintf(en[n].text[0], 64, "frontier");
    n++;
    if (nb) {
        en[n].kind = E_BEYOND;
        if (wide)
            snprintf(en[n].text[0], 64, "past T* (%zu points)", nb);
        else
            snprintf(en[n].text[0], 64, "past T*");
        n++;
    }
    if (base) {
        en[n].kind = E_BASE;
        snprintf(en[n++].text[0], 64, "all-max energy");
    }
    for (size_t k = 0; k < nm; k++, n++) {
        int rel = base && m[k].kind != MARK_ALLMAX;
        en[n].kind = E_MARK;
        en[n].mark = k;
        snprintf(en[n].text[0], 64, "%s",
                 wide ? mark_long[m[k].kind] : mark_name[m[k].kind]);
        if (!wide)
            continue;
        snprintf(v, sizeof v, "%.6g", m[k].t);
        value_text(en[n].text[1], 64, v, "s", rel, m[k].t, rel ? base->t : 0);
        value_text(en[n].text[2], 64, svg_qty(v, sizeof v, m[k].e), "J", rel,
                   m[k].e, rel ? base->e : 0);
    }
    if (base && wide) {
        en[n].kind = E_FOOT;
        snprintf(en[n++].text[0], 64, "(%%: change against all-max)");
    }
    *colw = 0;
    for (size_t k = 0; k < n; k++) {
        int two = en[k].text[1][0] != 0;
        eh[k] = two ? lh + 2 * lt + 10 : lh + 4;
        for (int q = 0; q < 3; q++) {
            double w = svg_text_width(en[k].text[q], q ? pg->fs_tick : pg->fs);
            w = w * (q == 0 && en[k].kind == E_MARK ? 1.08 : 1) + 34;
            *colw = w > *colw ? w : *colw;
        }
    }
    return n;
}

/* The legend's entries at the places LG gives. */
static void draw_legend(FILE *f, const struct svg_page *pg,
                        const struct svg_legend *lg, const struct entry *en,
                        const struct mark *m)
{
    double lh = svg_line_h(pg->fs), lt = svg_line_h(pg->fs_tick);
    fprintf(f, "<g id=\"legend\" font-size=\"%.3g\">\n", pg->fs);
    for (size_t k = 0; k < lg->n; k++) {
        double x = lg->x[k], y = lg->y[k];
        const struct entry *e = &en[k];
        switch (e->kind) {
        case E_CURVE:
        case E_BEYOND:
        case E_BASE:
            svg_legend_line(f, pg, x, y,
                            e->kind == E_CURVE    ? CURVE_ATTRS
                            : e->kind == E_BEYOND ? BEYOND_ATTRS
                                                  : BASE_ATTRS,
                            e->text[0]);
            break;
        case E_MARK:
            mark_shape(f, &m[e->mark], x + 10, y + lh / 2);
            svg_text(f, x + 26, y + lh / 2 + pg->fs * 0.35, pg->fs, NULL,
                     "font-weight=\"bold\"", e->text[0], 40);
            for (int q = 1; q < 3 && e->text[q][0]; q++)
                svg_text(f, x + 26, y + lh + q * lt - pg->fs_tick * 0.2,
                         pg->fs_tick, NULL, "fill=\"#444444\"", e->text[q], 40);
            break;
        case E_FOOT:
            svg_text(f, x, y + lh / 2 + pg->fs * 0.35, pg->fs_tick, NULL,
                     "fill=\"#444444\"", e->text[0], 40);
        }
    }
    fputs("</g>\n", f);
}

static int draw_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                         double amt, double ame, const struct svg_info *info)
{
    struct tpt *ord = NULL, base = {amt, ame};
    const struct tpt *b = isfinite(amt) && isfinite(ame) ? &base : NULL;
    struct mark m[4];
    struct entry en[9];
    struct svg_page pg;
    struct svg_head hd;
    struct svg_frame fm;
    struct svg_legend lg;
    char title[512], note[160], note2[160];
    double xr[2], yr[2], eh[9], colw;
    int rc = sort_points(&ord, fr);
    if (rc != PP_OK)
        return rc;
    size_t np = fr->npoints, nb = count_beyond(fr, ord, np);
    size_t nm = find_marks(m, fr, chosen, b);
    svg_page_init(&pg, info ? info->width : 0, SVG_WIDTH_DEFAULT);
    svg_head_init(&hd, &pg,
                  svg_title(title, sizeof title, "Time-energy frontier", info));
    snprintf(note, sizeof note,
             "%s model: %zu points, plans realized from the measurements",
             info && info->model             ? info->model
             : fr->model == PP_MODEL_LOWTIME ? "lowtime"
                                             : "exact",
             np);
    svg_head_note(&hd, &pg, note);
    snprintf(note2, sizeof note2,
             "dashed past T*: the best plans for iterations a straggler "
             "makes longer");
    if (nb)
        svg_head_note(&hd, &pg, note2);
    frontier_ranges(xr, yr, fr, b);
    size_t ne = legend_entries(en, eh, &colw, &pg, m, nm, np, nb, b,
                               pg.w >= SVG_WIDTH_LEGEND_RIGHT);
    svg_chart_layout(&fm, &lg, &pg, &hd, xr, yr, eh, ne, colw);
    svg_doc_begin(f, &pg, &hd);
    svg_frame_draw(f, &fm, "iteration time (s)", "energy (J)");
    draw_curve(f, &fm, ord, np, nb, b);
    draw_marks(f, &fm, m, nm);
    draw_legend(f, &pg, &lg, en, m);
    free(ord);
    return svg_doc_end(f);
}

int svg_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                 double allmax_time, double allmax_energy,
                 const struct svg_info *info)
{
    struct svg_cloc l;
    if (!f || !fr)
        return PP_EINPUT;
    svg_cloc_begin(&l);
    int rc = draw_frontier(f, fr, chosen, allmax_time, allmax_energy, info);
    svg_cloc_end(&l);
    return rc;
}
