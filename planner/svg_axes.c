/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_axes.c - axes with "nice" ticks and the frame of an x-y chart.
 *
 * Ticks are steps of 1, 2 or 5 times a power of ten, about a target number
 * over the range (after P. Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, 1990), labelled with as many decimals as the step needs.
 * The x-y frame (frontier and line charts) is a plot area with a grid,
 * ticks and axis labels; its left margin fits the widest y tick label,
 * its height follows its width (about 5:8), and the legend goes right of
 * it on wide pages and in rows under it on narrow ones.  Frames can be
 * stacked over one x axis (svg_panels_layout), each a little lower.
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>
#include <string.h>

void svg_axis_init(struct svg_axis *a, double lo, double hi, int target)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (!(hi > lo)) {
        double d = fabs(lo) > 0 ? fabs(lo) * 0.05 : 1.0;
        lo -= d;
        hi += d;
    }
    double raw = (hi - lo) / target, mag = pow(10.0, floor(log10(raw)));
    double r = raw / mag;
    a->lo = lo;
    a->hi = hi;
    a->step = (r < 1.5 ? 1.0 : r < 3.0 ? 2.0 : r < 7.0 ? 5.0 : 10.0) * mag;
    a->dec = 0;
    for (double s = a->step; a->dec < 9 && fabs(s - round(s)) > 1e-6 * s;
         s *= 10.0)
        a->dec++;
}

void svg_axis_fit(struct svg_axis *a, double lo, double hi, int target,
                  double len, double fs)
{
    char buf[64];
    for (int t = target > 2 ? target : 2;; t--) {
        svg_axis_init(a, lo, hi, t);
        if (t <= 2 || !(a->hi > a->lo))
            return;
        double wmax = 0;
        for (double v = svg_axis_first(a); svg_axis_more(a, v); v += a->step) {
            svg_tick_label(a, v, buf, sizeof buf);
            double w = svg_text_width(buf, fs);
            wmax = w > wmax ? w : wmax;
        }
        if (a->step / (a->hi - a->lo) * len >= 1.4 * wmax + fs)
            return;
    }
}

double svg_axis_first(const struct svg_axis *a)
{
    return ceil(a->lo / a->step - 1e-9) * a->step;
}

int svg_axis_more(const struct svg_axis *a, double v)
{
    return v <= a->hi + a->step * 1e-9;
}

void svg_tick_label(const struct svg_axis *a, double v, char *buf, size_t len)
{
    if (fabs(v) < a->step * 1e-6)
        v = 0.0;
    if (fabs(v) >= 1e9 || a->step < 1e-9)
        snprintf(buf, len, "%g", v);
    else
        snprintf(buf, len, "%.*f", a->dec, v);
}

void svg_widen(double *lo, double *hi, double v)
{
    *lo = v < *lo ? v : *lo;
    *hi = v > *hi ? v : *hi;
}

void svg_pad_range(double *lo, double *hi, int zero)
{
    if (!(*hi >= *lo)) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    if (*lo > 0 && (zero == 1 || (zero == 2 && *lo < 0.3 * *hi)))
        *lo = 0.0;
    if (*hi < 0 && (zero == 1 || (zero == 2 && *hi > 0.3 * *lo)))
        *hi = 0.0;
    double d = *hi - *lo;
    if (d == 0)
        return;
    if (*lo != 0.0 || !zero)
        *lo -= 0.05 * d;
    if (*hi != 0.0 || !zero)
        *hi += 0.05 * d;
}

double svg_fx(const struct svg_frame *fm, double v)
{
    return fm->x0 +
           (v - fm->ax.lo) / (fm->ax.hi - fm->ax.lo) * (fm->x1 - fm->x0);
}

double svg_fy(const struct svg_frame *fm, double v)
{
    return fm->y1 -
           (v - fm->ay.lo) / (fm->ay.hi - fm->ay.lo) * (fm->y1 - fm->y0);
}

void svg_x_ticks(FILE *f, const struct svg_frame *fm, double ytick,
                 const char *grid, int prec)
{
    char buf[64];
    double fs = fm->pg->fs_tick;
    for (double v = svg_axis_first(&fm->ax); svg_axis_more(&fm->ax, v);
         v += fm->ax.step) {
        double x = svg_fx(fm, v);
        svg_tick_label(&fm->ax, v, buf, sizeof buf);
        fprintf(f,
                "<path d=\"M%.*f %.1fV%.1f\" stroke=\"%s\"/>"
                "<path d=\"M%.*f %.1fv5\" stroke=\"#999999\"/>\n",
                prec, x, fm->y0, fm->y1, grid, prec, x, ytick);
        svg_text(f, x, ytick + 6 + fs * 0.9, fs, "middle", NULL, buf, 40);
    }
}

/* Height under the plot: tick marks and labels, the x axis label. */
static double below_plot(const struct svg_page *pg)
{
    return 8 + svg_line_h(pg->fs_tick) + 4 + svg_line_h(pg->fs_label);
}

/* Place LG's N entries of heights EH: a column from (X, Y), or rows of as
 * many columns as fit on PG, centred, from Y. */
static void legend_place(struct svg_legend *lg, const struct svg_page *pg,
                         double x, double y, const double *eh, size_t n)
{
    size_t cols = lg->right ? 1 : (size_t)((pg->w - 16) / lg->colw);
    cols = cols < 1 ? 1 : cols > n ? (n ? n : 1) : cols;
    if (!lg->right)
        x = (pg->w - (double)cols * lg->colw) / 2;
    lg->n = n < SVG_LEGEND_MAX ? n : SVG_LEGEND_MAX;
    lg->h = 0;
    for (size_t k = 0; k < lg->n; k += cols) {
        double rh = 0;
        for (size_t c = 0; c < cols && k + c < lg->n; c++) {
            lg->x[k + c] = x + (double)c * lg->colw;
            lg->y[k + c] = y + lg->h;
            rh = eh[k + c] > rh ? eh[k + c] : rh;
        }
        lg->h += rh;
    }
}

/* The widest tick label of A in a font of FS px. */
static double ticks_width(const struct svg_axis *a, double fs)
{
    char buf[64];
    double wmax = 0;
    for (double v = svg_axis_first(a); svg_axis_more(a, v); v += a->step) {
        svg_tick_label(a, v, buf, sizeof buf);
        double w = svg_text_width(buf, fs);
        wmax = w > wmax ? w : wmax;
    }
    return wmax;
}

/* Only whole-number ticks on A: a step of at least 1. */
static void axis_whole(struct svg_axis *a)
{
    if (a->step < 1) {
        a->step = 1;
        a->dec = 0;
    }
}

void svg_panels_layout(struct svg_frame *fm, size_t np, struct svg_legend *lg,
                       struct svg_page *pg, const struct svg_head *hd,
                       const double xr[2], int x_whole, const double *yr,
                       const double *eh, size_t n, double colw)
{
    struct svg_axis ax;
    double fs = pg->fs_tick, wmax = 0, gap = 8 + svg_line_h(fs) + pg->fs;
    lg->right = pg->w >= SVG_WIDTH_LEGEND_RIGHT;
    lg->colw = colw;
    double x1 = lg->right ? pg->w - colw - 28 : pg->w - 8 - fs * 1.5;
    double y0 = hd->h + pg->fs * 0.8;
    /* the height from an estimate of the width, then the y ticks */
    double ph = 0.62 * (x1 - 16 - pg->fs_label * 1.4 - fs * 4);
    ph = ph < 120 ? 120 : ph > 560 ? 560 : ph;
    if (np > 1)
        ph = 0.6 * ph < 120 ? 120 : 0.6 * ph;
    for (size_t k = 0; k < np; k++) { /* lower panels: ticks closer */
        svg_axis_init(&fm[k].ay, yr[2 * k], yr[2 * k + 1],
                      (int)(ph / (fs * (np > 1 ? 3.5 : 5))) + 1);
        double w = ticks_width(&fm[k].ay, fs);
        wmax = w > wmax ? w : wmax;
    }
    double x0 = 8 + svg_line_h(pg->fs_label) + wmax + 10;
    svg_axis_fit(&ax, xr[0], xr[1], (int)((x1 - x0) / 70) + 1, x1 - x0, fs);
    if (x_whole)
        axis_whole(&ax);
    legend_place(lg, pg, x1 + 24, y0 + 4, eh, n);
    double need = (lg->h + 8 - (double)(np - 1) * gap) / (double)np;
    if (lg->right && need > ph)
        ph = need;
    for (size_t k = 0; k < np; k++) {
        fm[k].pg = pg;
        fm[k].panel = (int)k;
        fm[k].x0 = x0;
        fm[k].x1 = x1;
        fm[k].ax = ax;
        fm[k].y0 = y0 + (double)k * (ph + gap);
        fm[k].y1 = fm[k].y0 + ph;
    }
    pg->h = fm[np - 1].y1 + below_plot(pg) + 10;
    if (!lg->right) {
        for (size_t k = 0; k < lg->n; k++)
            lg->y[k] += pg->h - 4 - y0;
        pg->h += lg->h;
    }
}

void svg_chart_layout(struct svg_frame *fm, struct svg_legend *lg,
                      struct svg_page *pg, const struct svg_head *hd,
                      const double xr[2], const double yr[2], const double *eh,
                      size_t n, double colw)
{
    svg_panels_layout(fm, 1, lg, pg, hd, xr, 0, yr, eh, n, colw);
}

const char *svg_panel_id(char *buf, size_t len, const char *id, int panel)
{
    if (panel > 0)
        snprintf(buf, len, "%s-%d", id, panel + 1);
    else
        snprintf(buf, len, "%s", id);
    return buf;
}

void svg_frame_draw(FILE *f, const struct svg_frame *fm, const char *xlabel,
                    const char *ylabel)
{
    const struct svg_page *pg = fm->pg;
    char buf[64], id[32];
    fprintf(f,
            "<g id=\"%s\" font-size=\"%.3g\" fill=\"#333333\">\n"
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "fill=\"#ffffff\" stroke=\"#999999\"/>\n",
            svg_panel_id(id, sizeof id, "axes", fm->panel), pg->fs_tick,
            fm->x0, fm->y0, fm->x1 - fm->x0, fm->y1 - fm->y0);
    svg_x_ticks(f, fm, fm->y1, "#e4e4e4", 1);
    for (double v = svg_axis_first(&fm->ay); svg_axis_more(&fm->ay, v);
         v += fm->ay.step) {
        double y = svg_fy(fm, v);
        svg_tick_label(&fm->ay, v, buf, sizeof buf);
        fprintf(f,
                "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#e4e4e4\"/>"
                "<path d=\"M%.1f %.1fh-5\" stroke=\"#999999\"/>\n",
                fm->x0, y, fm->x1, fm->x0, y);
        svg_text(f, fm->x0 - 8, y + pg->fs_tick * 0.35, pg->fs_tick, "end",
                 NULL, buf, 40);
    }
    if (xlabel)
        svg_text(f, (fm->x0 + fm->x1) / 2,
                 fm->y1 + below_plot(pg) - pg->fs_label * 0.4, pg->fs_label,
                 "middle", "fill=\"#000000\"", xlabel, 80);
    if (ylabel) {
        fprintf(f,
                "<text transform=\"translate(%.1f %.1f) rotate(-90)\" "
                "font-size=\"%.3g\" text-anchor=\"middle\" "
                "fill=\"#000000\">",
                6 + pg->fs_label, (fm->y0 + fm->y1) / 2, pg->fs_label);
        svg_put_text(f, ylabel, 60);
        fputs("</text>\n", f);
    }
    fputs("</g>\n", f);
}

void svg_legend_line(FILE *f, const struct svg_page *pg, double x, double y,
                     const char *attrs, const char *label)
{
    double mid = y + svg_line_h(pg->fs) / 2;
    fprintf(f, "<path d=\"M%.1f %.1fh20\" %s/>\n", x, mid, attrs);
    svg_text(f, x + 26, mid + pg->fs * 0.35, pg->fs, NULL, NULL, label, 60);
}
