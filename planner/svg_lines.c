/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_lines.c - a generic line chart (sweep --svg).
 *
 * Each series is one <path> whose unbroken runs each start with a move, so
 * a NaN or infinite value breaks the line; lone points, and every point
 * when they are at least 9 px apart, get a marker.  Series are told apart
 * by the Okabe-Ito colours (colour-blind safe) and, past seven series, by
 * dash patterns; the legend repeats each series' stroke.  A series without a
 * finite point is left out (the published rule where the deadline solver
 * planned), its colour kept by the others.  Vertical lines (T*) are grey
 * and dashed, labelled at the plot's top; spots (the peak) are ringed and
 * labelled beside their point.
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>

/* Okabe-Ito colours (colour-blind safe), then dash patterns. */
static const char *const series_colour[] = {"#0072b2", "#d55e00", "#009e73",
                                            "#cc79a7", "#e69f00", "#56b4e9",
                                            "#000000"};
static const char *const series_dash[] = {NULL, "7 4", "2 3", "9 3 2 3"};

/* Series S's stroke attributes in BUF (LEN bytes; 45 suffice); dashed if
 * the series asks to be. */
static const char *series_style(char *buf, size_t len,
                                const struct svg_chart *c, size_t s)
{
    const char *d = series_dash[(s / 7) % 4];
    if (c->series[s].dashed)
        d = d ? d : "7 4";
    if (d)
        snprintf(buf, len, "stroke=\"%s\" stroke-dasharray=\"%s\"",
                 series_colour[s % 7], d);
    else
        snprintf(buf, len, "stroke=\"%s\"", series_colour[s % 7]);
    return buf;
}

/* The data ranges: x over the values with at least one finite y, with 2%
 * room each side for the end markers; y padded, from zero if asked or
 * when near it. */
static void lines_ranges(double xr[2], double yr[2], const struct svg_chart *c)
{
    double xlo = INFINITY, xhi = -INFINITY;
    yr[0] = INFINITY;
    yr[1] = -INFINITY;
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
            svg_widen(&xlo, &xhi, c->x[k]);
    }
    if (!(xhi >= xlo)) {
        xlo = 0;
        xhi = 1;
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
                    c->series[s].dashed ? "2" : "3", series_colour[s % 7]);
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
    fputs("<g id=\"vlines\">\n", f);
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

/* The spots: a ring round the point and its label beside it, above if
 * there is room, kept inside the plot. */
static void draw_spots(FILE *f, const struct svg_frame *fm,
                       const struct svg_chart *c)
{
    const struct svg_page *pg = fm->pg;
    fputs("<g id=\"spots\">\n", f);
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
        svg_text(f, tx, ty, pg->fs, NULL,
                 "fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"4\" "
                 "stroke-linejoin=\"round\"",
                 l, 60);
        svg_text(f, tx, ty, pg->fs, NULL, "font-weight=\"bold\"", l, 60);
    }
    fputs("</g>\n", f);
}

/* The legend: each drawn series, then each vertical line shown. */
static void draw_legend(FILE *f, const struct svg_frame *fm,
                        const struct svg_legend *lg, const struct svg_chart *c)
{
    char style[64], attrs[96];
    size_t e = 0;
    fprintf(f, "<g id=\"legend\" font-size=\"%.3g\">\n", fm->pg->fs);
    for (size_t s = 0; s < c->nseries && e < lg->n; s++) {
        if (!has_points(c, s))
            continue;
        snprintf(attrs, sizeof attrs, "stroke-width=\"2\" %s",
                 series_style(style, sizeof style, c, s));
        svg_legend_line(f, fm->pg, lg->x[e], lg->y[e], attrs,
                        c->series[s].name ? c->series[s].name : "");
        e++;
    }
    for (size_t k = 0; k < c->nvlines && e < lg->n; k++)
        if (vline_shown(fm, &c->vlines[k])) {
            svg_legend_line(f, fm->pg, lg->x[e], lg->y[e], VLINE_ATTRS,
                            c->vlines[k].name ? c->vlines[k].name : "");
            e++;
        }
    fputs("</g>\n", f);
}

/* Legend entries' heights and width for the series drawn and the lines
 * inside [XR[0], XR[1]]; returns how many. */
static size_t legend_size(const struct svg_chart *c, const struct svg_page *pg,
                          const double xr[2], double *eh, double *colw)
{
    size_t n = 0;
    *colw = 0;
    for (size_t k = 0; k < c->nseries + c->nvlines && n < SVG_LEGEND_MAX; k++) {
        const char *name;
        if (k < c->nseries) {
            if (!has_points(c, k))
                continue;
            name = c->series[k].name;
        } else {
            const struct svg_vline *v = &c->vlines[k - c->nseries];
            if (!isfinite(v->x) || v->x < xr[0] || v->x > xr[1])
                continue;
            name = v->name;
        }
        double w = 34 + svg_text_width(name ? name : "", pg->fs);
        *colw = w > *colw ? w : *colw;
        eh[n++] = svg_line_h(pg->fs) + 6;
    }
    return n;
}

static int draw_lines(FILE *f, const struct svg_chart *c,
                      const struct svg_info *info)
{
    struct svg_page pg;
    struct svg_head hd;
    struct svg_frame fm;
    struct svg_legend lg;
    char title[512];
    double xr[2], yr[2], eh[SVG_LEGEND_MAX], colw;
    svg_page_init(&pg, info ? info->width : 0, SVG_WIDTH_DEFAULT);
    svg_head_init(&hd, &pg, svg_title(title, sizeof title, c->what, info));
    for (size_t k = 0; k < c->nnotes; k++)
        svg_head_note(&hd, &pg, c->notes[k]);
    lines_ranges(xr, yr, c);
    size_t ne = legend_size(c, &pg, xr, eh, &colw);
    svg_chart_layout(&fm, &lg, &pg, &hd, xr, yr, eh, ne, colw);
    svg_doc_begin(f, &pg, &hd);
    svg_frame_draw(f, &fm, c->xlabel, c->ylabel);
    draw_vlines(f, &fm, c);
    fputs("<g id=\"series\" fill=\"none\" stroke-width=\"2\" "
          "stroke-linejoin=\"round\">\n",
          f);
    for (size_t s = 0; s < c->nseries; s++)
        if (has_points(c, s))
            draw_series(f, &fm, c, s);
    fputs("</g>\n", f);
    draw_spots(f, &fm, c);
    draw_legend(f, &fm, &lg, c);
    return svg_doc_end(f);
}

int svg_lines(FILE *f, const struct svg_chart *c, const struct svg_info *info)
{
    struct svg_cloc l;
    struct svg_chart cc;
    if (!f || !c || (c->n && !c->x) || (c->nseries && !c->series) ||
        (c->nvlines && !c->vlines) || (c->nspots && !c->spots))
        return PP_EINPUT;
    for (size_t s = 0; s < c->nseries; s++)
        if (c->n && !c->series[s].y)
            return PP_EINPUT;
    cc = *c;
    if (!cc.notes)
        cc.nnotes = 0;
    if (!cc.n) /* without points there is nothing to draw of a series */
        cc.nseries = 0;
    svg_cloc_begin(&l);
    int rc = draw_lines(f, &cc, info);
    svg_cloc_end(&l);
    return rc;
}
