/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_lines.c - a generic line chart (sweep --svg).
 *
 * Each series is one <path> whose unbroken runs each start with a move, so
 * a NaN or infinite value breaks the line; lone points, and every point
 * when there are few x values, get a marker.  Series are told apart by the
 * Okabe-Ito colours (colour-blind safe) and, past seven series, by dash
 * patterns; the legend on the right repeats each series' stroke.
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>

/* Okabe-Ito colours (colour-blind safe), then dash patterns. */
static const char *const series_colour[] = {"#0072b2", "#d55e00", "#009e73",
                                            "#cc79a7", "#e69f00", "#56b4e9",
                                            "#000000"};
static const char *const series_dash[] = {NULL, "7 4", "2 3", "9 3 2 3"};

/* Series S's stroke attributes in BUF (LEN bytes; 45 suffice). */
static const char *series_style(char *buf, size_t len, size_t s)
{
    const char *d = series_dash[(s / 7) % 4];
    if (d)
        snprintf(buf, len, "stroke=\"%s\" stroke-dasharray=\"%s\"",
                 series_colour[s % 7], d);
    else
        snprintf(buf, len, "stroke=\"%s\"", series_colour[s % 7]);
    return buf;
}

/* Axes over the x values with at least one finite y and those y values;
 * x gets 2% room each side for the end markers, y is padded and includes
 * 0 when near it. */
static void lines_axes(struct svg_frame *fm, size_t ns, size_t n,
                       const double *x, const double *const *y)
{
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(x[k]))
            continue;
        int any = 0;
        for (size_t s = 0; s < ns; s++)
            if (isfinite(y[s][k])) {
                any = 1;
                svg_widen(&ylo, &yhi, y[s][k]);
            }
        if (any)
            svg_widen(&xlo, &xhi, x[k]);
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
    svg_pad_range(&ylo, &yhi, 1);
    svg_axis_init(&fm->ax, xlo, xhi, 8);
    svg_axis_init(&fm->ay, ylo, yhi, 8);
}

/* Is (X[k], Y[k]) drawn? */
static int finite_at(const double *x, const double *y, size_t k)
{
    return isfinite(x[k]) && isfinite(y[k]);
}

/* Series S through (X[k], Y[k]): one path (M starts each unbroken run);
 * lone points and, for a few x values, every point get a marker. */
static void draw_series(FILE *f, const struct svg_frame *fm, size_t s, size_t n,
                        const double *x, const double *y)
{
    char style[64];
    int pen = 0, any = 0;
    for (size_t k = 0; k < n; k++) {
        if (!finite_at(x, y, k)) {
            pen = 0;
            continue;
        }
        if (!any)
            fprintf(f, "<path %s d=\"", series_style(style, sizeof style, s));
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
        if (n <= 60 || lone)
            fprintf(f,
                    "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" "
                    "fill=\"%s\" stroke=\"none\"/>\n",
                    svg_fx(fm, x[k]), svg_fy(fm, y[k]), series_colour[s % 7]);
    }
}

static int draw_lines(FILE *f, const char *title, const char *xlabel,
                      const char *ylabel, size_t ns, const char *const *names,
                      size_t n, const double *x, const double *const *y,
                      const char *const *notes, size_t nnotes)
{
    struct svg_frame fm;
    struct svg_legend lg;
    char style[64], attrs[80];
    lines_axes(&fm, ns, n, x, y);
    svg_chart_begin(f, &fm, 600 + 18.0 * (double)nnotes, title, notes, nnotes,
                    xlabel, ylabel);
    fputs("<g id=\"series\" fill=\"none\" stroke-width=\"2\" "
          "stroke-linejoin=\"round\">\n",
          f);
    for (size_t s = 0; n && s < ns; s++) /* without points Y may be NULL */
        draw_series(f, &fm, s, n, x, y[s]);
    fputs("</g>\n", f);
    svg_legend_begin(f, &fm, &lg, 24, 30, 34);
    for (size_t s = 0; s < ns; s++, lg.y += 22) {
        snprintf(attrs, sizeof attrs, "stroke-width=\"2\" %s",
                 series_style(style, sizeof style, s));
        svg_legend_line(f, &lg, attrs, names && names[s] ? names[s] : "");
    }
    fputs("</g>\n", f);
    return svg_doc_end(f);
}

int svg_lines(FILE *f, const char *title, const char *xlabel,
              const char *ylabel, size_t nseries, const char *const *names,
              size_t n, const double *x, const double *const *y,
              const char *const *notes, size_t nnotes)
{
    struct svg_cloc l;
    if (!f || (n && (!x || (nseries && !y))))
        return PP_EINPUT;
    for (size_t s = 0; s < nseries; s++)
        if (n && !y[s])
            return PP_EINPUT;
    svg_cloc_begin(&l);
    int rc = draw_lines(f, title, xlabel, ylabel, nseries, names, n, x, y,
                        notes, notes ? nnotes : 0);
    svg_cloc_end(&l);
    return rc;
}
