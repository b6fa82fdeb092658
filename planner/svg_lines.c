/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_lines.c - a generic line chart (sweep --svg), alone or as panels
 * stacked over one x axis (sweep --straggler --svg).
 *
 * Each series is one <path> whose unbroken runs each start with a move, so
 * a NaN or infinite value breaks the line; lone points, and every point
 * when they are at least 9 px apart, get a marker.  Series are told apart
 * by the Okabe-Ito colours (colour-blind safe) and, past seven series, by
 * dash patterns; the legend repeats each series' stroke.  A series without a
 * finite point is left out (the published rule where the deadline solver
 * planned), its colour kept by the others.  Vertical lines (T*) are grey
 * and dashed, labelled at the plot's top; spots (the peak) are ringed and
 * labelled beside their point.  Stacked panels each draw their frame,
 * lines, series and spots in groups whose ids carry the panel's number
 * (svg_panel_id); one legend serves them all.
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>
#include <string.h>

/* Okabe-Ito colours (colour-blind safe), then dash patterns. */
static const char *const series_colour[] = {"#0072b2", "#d55e00", "#009e73",
                                            "#cc79a7", "#e69f00", "#56b4e9",
                                            "#000000"};
static const char *const series_dash[] = {NULL, "7 4", "2 3", "9 3 2 3"};

/* Series S's colour: its own, or its place's. */
static const char *colour_of(const struct svg_chart *c, size_t s)
{
    return c->series[s].colour ? c->series[s].colour : series_colour[s % 7];
}

/* Series S's stroke attributes in BUF (LEN bytes; 45 suffice); dashed or
 * dotted if the series asks to be. */
static const char *series_style(char *buf, size_t len,
                                const struct svg_chart *c, size_t s)
{
    const char *d = series_dash[(s / 7) % 4];
    if (c->series[s].dashed == 2)
        d = "2 3";
    else if (c->series[s].dashed)
        d = d ? d : "7 4";
    if (d)
        snprintf(buf, len, "stroke=\"%.7s\" stroke-dasharray=\"%s\"",
                 colour_of(c, s), d);
    else
        snprintf(buf, len, "stroke=\"%.7s\"", colour_of(c, s));
    return buf;
}

/* Widen [*XLO, *XHI] to C's x values with at least one finite y, and
 * [YR[0], YR[1]] to those y values. */
static void data_span(const struct svg_chart *c, double *xlo, double *xhi,
                      double yr[2])
{
    for (size_t k = 0; k < c->n; k++) {
        if (!isfinite(c->x[k]))
            continue;
        int any = 0;
        for (size_t s = 0; s < c->nseries; s++)
            if (isfinite(c->series[s].y[k])) {
                any = 1;
                svg_widen(&yr[0], &yr[1], c->series[s].y[k]);
            }
        if (any)
            svg_widen(xlo, xhi, c->x[k]);
    }
}

/* The x range over the NP panels P: their values with 2% room each side
 * for the end markers (a single value 5%; whole numbers half a unit;
 * none: [0, 1]). */
static void x_range(double xr[2], const struct svg_chart *p, size_t np)
{
    double xlo = INFINITY, xhi = -INFINITY, yr[2];
    for (size_t q = 0; q < np; q++)
        data_span(&p[q], &xlo, &xhi, yr);
    if (!(xhi >= xlo)) {
        xlo = 0;
        xhi = 1;
    } else if (p[0].x_whole) {
        xlo -= 0.5;
        xhi += 0.5;
    } else if (xhi == xlo) {
        xlo -= fabs(xlo) > 0 ? fabs(xlo) * 0.05 : 1;
        xhi += fabs(xhi) > 0 ? fabs(xhi) * 0.05 : 1;
    } else {
        double d = xhi - xlo;
        xlo -= 0.02 * d;
        xhi += 0.02 * d;
    }
    xr[0] = xlo;
    xr[1] = xhi;
}

/* Panel C's y range: padded, from zero if asked or when near it, with room
 * above for the spots' labels. */
static void y_range(double yr[2], const struct svg_chart *c)
{
    double xlo = INFINITY, xhi = -INFINITY;
    yr[0] = INFINITY;
    yr[1] = -INFINITY;
    data_span(c, &xlo, &xhi, yr);
    svg_pad_range(&yr[0], &yr[1], c->y_from_zero ? 1 : 2);
    if (c->nspots && yr[1] > yr[0]) /* room for a label above the top */
        yr[1] += 0.06 * (yr[1] - yr[0]);
}

/* Does series S have a finite point? */
static int has_points(const struct svg_chart *c, size_t s)
{
    for (size_t k = 0; k < c->n; k++)
        if (isfinite(c->x[k]) && isfinite(c->series[s].y[k]))
            return 1;
    return 0;
}

/* Is vertical line V inside the x axis? */
static int vline_shown(const struct svg_frame *fm, const struct svg_vline *v)
{
    return isfinite(v->x) && v->x >= fm->ax.lo && v->x <= fm->ax.hi;
}

/* Is (X[k], Y[k]) drawn? */
static int finite_at(const double *x, const double *y, size_t k)
{
    return isfinite(x[k]) && isfinite(y[k]);
}

/* Series S through (X[k], Y[k]): one path (M starts each unbroken run);
 * lone points and, when they are 9 px apart or more, every point get a
 * marker. */
static void draw_series(FILE *f, const struct svg_frame *fm,
                        const struct svg_chart *c, size_t s)
{
    size_t n = c->n;
    const double *x = c->x, *y = c->series[s].y;
    /* a marker at every point when they are at least 9 px apart */
    int sparse = n < 2 || (fm->x1 - fm->x0) / (double)(n - 1) >= 9;
    char style[64];
    int pen = 0, any = 0;
    for (size_t k = 0; k < n; k++) {
        if (!finite_at(x, y, k)) {
            pen = 0;
            continue;
        }
        if (!any)
            fprintf(f, "<path %s d=\"",
                    series_style(style, sizeof style, c, s));
        fprintf(f, "%s%c%.2f %.2f", any ? " " : "", pen ? 'L' : 'M',
                svg_fx(fm, x[k]), svg_fy(fm, y[k]));
        pen = any = 1;
    }
    if (any)
        fputs("\"/>\n", f);
    for (size_t k = 0; k < n; k++) {
        if (!finite_at(x, y, k))
            continue;
        int lone = (k == 0 || !finite_at(x, y, k - 1)) &&
                   (k + 1 == n || !finite_at(x, y, k + 1));
        if (sparse || lone)
            fprintf(f,
                    "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%s\" "
                    "fill=\"%s\" stroke=\"none\"/>\n",
                    svg_fx(fm, x[k]), svg_fy(fm, y[k]),
                    c->series[s].dashed ? "2" : "3", colour_of(c, s));
    }
}

#define VLINE_ATTRS                                                            \
    "stroke=\"#555555\" stroke-width=\"1.2\" "                                 \
    "stroke-dasharray=\"4 3\""

/* The vertical lines across the plot, named at its top. */
static void draw_vlines(FILE *f, const struct svg_frame *fm,
                        const struct svg_chart *c)
{
    const struct svg_page *pg = fm->pg;
    char id[32];
    fprintf(f, "<g id=\"%s\">\n", svg_panel_id(id, sizeof id, "vlines",
                                                fm->panel));
    for (size_t k = 0; k < c->nvlines; k++) {
        const struct svg_vline *v = &c->vlines[k];
        if (!vline_shown(fm, v))
            continue;
        double x = svg_fx(fm, v->x);
        int left = x > (fm->x0 + fm->x1) / 2;
        fprintf(f, "<path d=\"M%.2f %.1fV%.1f\" " VLINE_ATTRS "/>\n", x, fm->y0,
                fm->y1);
        svg_text(f, left ? x - 4 : x + 4, fm->y0 + pg->fs + 2, pg->fs,
                 left ? "end" : NULL, "fill=\"#333333\"",
                 v->label ? v->label : "", 40);
    }
    fputs("</g>\n", f);
}

/* The spots: a ring round the point and its label (if any) beside it,
 * above if there is room, kept inside the plot. */
static void draw_spots(FILE *f, const struct svg_frame *fm,
                       const struct svg_chart *c)
{
    const struct svg_page *pg = fm->pg;
    char id[32];
    fprintf(f, "<g id=\"%s\">\n", svg_panel_id(id, sizeof id, "spots",
                                                fm->panel));
    for (size_t k = 0; k < c->nspots; k++) {
        const struct svg_spot *sp = &c->spots[k];
        if (sp->series >= c->nseries || sp->k >= c->n ||
            !finite_at(c->x, c->series[sp->series].y, sp->k))
            continue;
        double x = svg_fx(fm, c->x[sp->k]);
        double y = svg_fy(fm, c->series[sp->series].y[sp->k]);
        const char *l = sp->label ? sp->label : "";
        double w = svg_text_width(l, pg->fs);
        double tx = x - w / 2, ty = y - 11;
        tx = tx + w > fm->x1 - 4 ? fm->x1 - 4 - w : tx;
        tx = tx < fm->x0 + 4 ? fm->x0 + 4 : tx;
        ty = ty - pg->fs < fm->y0 ? y + 11 + pg->fs : ty;
        fprintf(f,
                "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"6.5\" fill=\"none\" "
                "stroke=\"#000000\" stroke-width=\"1.8\"/>\n",
                x, y);
        if (!*l)
            continue;
        svg_text(f, tx, ty, pg->fs, NULL,
                 "fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"4\" "
                 "stroke-linejoin=\"round\"",
                 l, 60);
        svg_text(f, tx, ty, pg->fs, NULL, "font-weight=\"bold\"", l, 60);
    }
    fputs("</g>\n", f);
}

/* A legend entry: series S of panel C, or vertical line V. */
struct entry {
    const struct svg_chart *c;
    size_t s;
    const struct svg_vline *v;
};

/* Has an entry of E[0..n-1] from another panel than C the name NAME? */
static int listed(const struct entry *e, size_t n, const struct svg_chart *c,
                  const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (e[k].c != c && !e[k].v && e[k].c->series[e[k].s].name &&
            !strcmp(e[k].c->series[e[k].s].name, name))
            return 1;
    return 0;
}

/* The legend's entries in E (SVG_LEGEND_MAX at most): each panel's drawn
 * series in turn, less names an earlier panel listed, then each vertical
 * line inside [XR[0], XR[1]]; returns how many. */
static size_t legend_entries(struct entry *e, const struct svg_chart *p,
                             size_t np, const double xr[2])
{
    size_t n = 0;
    for (size_t q = 0; q < np; q++)
        for (size_t s = 0; s < p[q].nseries && n < SVG_LEGEND_MAX; s++) {
            const char *name = p[q].series[s].name;
            if (has_points(&p[q], s) && !(name && listed(e, n, &p[q], name)))
                e[n++] = (struct entry){&p[q], s, NULL};
        }
    for (size_t q = 0; q < np; q++)
        for (size_t k = 0; k < p[q].nvlines && n < SVG_LEGEND_MAX; k++) {
            const struct svg_vline *v = &p[q].vlines[k];
            if (isfinite(v->x) && v->x >= xr[0] && v->x <= xr[1])
                e[n++] = (struct entry){NULL, 0, v};
        }
    return n;
}

/* Entry E's name ("" for none). */
static const char *entry_name(const struct entry *e)
{
    const char *name = e->v ? e->v->name : e->c->series[e->s].name;
    return name ? name : "";
}

/* The legend: its N entries E at LG's places. */
static void draw_legend(FILE *f, const struct svg_page *pg,
                        const struct svg_legend *lg, const struct entry *e,
                        size_t n)
{
    char style[64], attrs[96];
    fprintf(f, "<g id=\"legend\" font-size=\"%.3g\">\n", pg->fs);
    for (size_t k = 0; k < n && k < lg->n; k++) {
        if (e[k].v) {
            svg_legend_line(f, pg, lg->x[k], lg->y[k], VLINE_ATTRS,
                            entry_name(&e[k]));
            continue;
        }
        snprintf(attrs, sizeof attrs, "stroke-width=\"2\" %s",
                 series_style(style, sizeof style, e[k].c, e[k].s));
        svg_legend_line(f, pg, lg->x[k], lg->y[k], attrs, entry_name(&e[k]));
    }
    fputs("</g>\n", f);
}

/* The N entries' heights in EH and the legend's column width. */
static double legend_size(const struct entry *e, size_t n,
                          const struct svg_page *pg, double *eh)
{
    double colw = 0;
    for (size_t k = 0; k < n; k++) {
        double w = 34 + svg_text_width(entry_name(&e[k]), pg->fs);
        colw = w > colw ? w : colw;
        eh[k] = svg_line_h(pg->fs) + 6;
    }
    return colw;
}

/* Panel C in frame FM: its frame, vertical lines, series and spots. */
static void draw_panel(FILE *f, const struct svg_frame *fm,
                       const struct svg_chart *c, const char *xlabel)
{
    char id[32];
    svg_frame_draw(f, fm, xlabel, c->ylabel);
    draw_vlines(f, fm, c);
    fprintf(f,
            "<g id=\"%s\" fill=\"none\" stroke-width=\"2\" "
            "stroke-linejoin=\"round\">\n",
            svg_panel_id(id, sizeof id, "series", fm->panel));
    for (size_t s = 0; s < c->nseries; s++)
        if (has_points(c, s))
            draw_series(f, fm, c, s);
    fputs("</g>\n", f);
    draw_spots(f, fm, c);
}

static int draw_lines(FILE *f, const struct svg_chart *p, size_t np,
                      const struct svg_info *info)
{
    struct svg_page pg;
    struct svg_head hd;
    struct svg_frame fm[SVG_PANELS_MAX];
    struct svg_legend lg;
    struct entry e[SVG_LEGEND_MAX];
    char title[512];
    double xr[2], yr[2 * SVG_PANELS_MAX], eh[SVG_LEGEND_MAX];
    svg_page_init(&pg, info ? info->width : 0, SVG_WIDTH_DEFAULT);
    svg_head_init(&hd, &pg, svg_title(title, sizeof title, p[0].what, info));
    for (size_t k = 0; k < p[0].nnotes; k++)
        svg_head_note(&hd, &pg, p[0].notes[k]);
    x_range(xr, p, np);
    for (size_t q = 0; q < np; q++)
        y_range(&yr[2 * q], &p[q]);
    size_t ne = legend_entries(e, p, np, xr);
    double colw = legend_size(e, ne, &pg, eh);
    svg_panels_layout(fm, np, &lg, &pg, &hd, xr, p[0].x_whole, yr, eh, ne,
                      colw);
    svg_doc_begin(f, &pg, &hd);
    for (size_t q = 0; q < np; q++)
        draw_panel(f, &fm[q], &p[q], q + 1 == np ? p[q].xlabel : NULL);
    draw_legend(f, &pg, &lg, e, ne);
    return svg_doc_end(f);
}

/* Is C a chart the drawing can trust (arrays where counts say so)? */
static int chart_ok(const struct svg_chart *c)
{
    if ((c->n && !c->x) || (c->nseries && !c->series) ||
        (c->nvlines && !c->vlines) || (c->nspots && !c->spots))
        return 0;
    for (size_t s = 0; s < c->nseries; s++)
        if (c->n && !c->series[s].y)
            return 0;
    return 1;
}

int svg_lines_stacked(FILE *f, const struct svg_chart *p, size_t np,
                      const struct svg_info *info)
{
    struct svg_cloc l;
    struct svg_chart cc[SVG_PANELS_MAX];
    if (!f || !p || np < 1 || np > SVG_PANELS_MAX)
        return PP_EINPUT;
    for (size_t q = 0; q < np; q++) {
        if (!chart_ok(&p[q]))
            return PP_EINPUT;
        cc[q] = p[q];
        if (!cc[q].notes)
            cc[q].nnotes = 0;
        if (!cc[q].n) /* without points there is nothing to draw of a series */
            cc[q].nseries = 0;
    }
    svg_cloc_begin(&l);
    int rc = draw_lines(f, cc, np, info);
    svg_cloc_end(&l);
    return rc;
}

int svg_lines(FILE *f, const struct svg_chart *c, const struct svg_info *info)
{
    return svg_lines_stacked(f, c, 1, info);
}
