/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_axes.c - axes with "nice" ticks and the frame of an x-y chart.
 *
 * Ticks are steps of 1, 2 or 5 times a power of ten, about a target number
 * over the range (after P. Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, 1990), labelled with as many decimals as the step needs.
 * The x-y frame (frontier and line charts) is a plot area with a grid,
 * ticks and axis labels; its left margin fits the widest y tick label and
 * the right 270 px are left for a legend.
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>

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

/* Padded range of finite values, 5% each side; optionally including 0. */
void svg_pad_range(double *lo, double *hi, int near_zero)
{
    if (!(*hi >= *lo)) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    if (near_zero && *lo > 0 && *lo < 0.3 * *hi)
        *lo = 0.0;
    if (near_zero && *hi < 0 && *hi > 0.3 * *lo)
        *hi = 0.0;
    double d = *hi - *lo;
    if (d == 0)
        return;
    if (*lo != 0.0)
        *lo -= 0.05 * d;
    if (*hi != 0.0)
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
    for (double v = svg_axis_first(&fm->ax); svg_axis_more(&fm->ax, v);
         v += fm->ax.step) {
        double x = svg_fx(fm, v);
        svg_tick_label(&fm->ax, v, buf, sizeof buf);
        fprintf(f,
                "<path d=\"M%.*f %.1fV%.1f\" stroke=\"%s\"/>"
                "<path d=\"M%.*f %.1fv5\" stroke=\"#999999\"/>\n",
                prec, x, fm->y0, fm->y1, grid, prec, x, ytick);
        svg_text(f, x, ytick + 18, 11, "middle", NULL, buf, 40);
    }
}

/* Plot area for a chart of height H with NNOTES lines under the title and
 * the legend on the right; the left margin fits the y tick labels. */
void svg_frame_layout(struct svg_frame *fm, double h, int has_title,
                      size_t nnotes)
{
    char buf[64];
    double wmax = 0;
    for (double v = svg_axis_first(&fm->ay); svg_axis_more(&fm->ay, v);
         v += fm->ay.step) {
        svg_tick_label(&fm->ay, v, buf, sizeof buf);
        double w = svg_text_width(buf, 11);
        wmax = w > wmax ? w : wmax;
    }
    fm->x0 = 40 + wmax;
    fm->x1 = SVG_WIDTH - 270;
    fm->y0 = (has_title ? 46 : 16) + 18.0 * (double)nnotes + 10;
    fm->y1 = h - 62;
}

void svg_frame_draw(FILE *f, const struct svg_frame *fm, const char *xlabel,
                    const char *ylabel)
{
    char buf[64];
    fprintf(f,
            "<g id=\"axes\" font-size=\"11\" fill=\"#333333\">\n"
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "fill=\"#ffffff\" stroke=\"#999999\"/>\n",
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
        svg_text(f, fm->x0 - 8, y + 4, 11, "end", NULL, buf, 40);
    }
    if (xlabel)
        svg_text(f, (fm->x0 + fm->x1) / 2, fm->y1 + 42, 13, "middle",
                 "fill=\"#000000\"", xlabel, 80);
    if (ylabel) {
        fprintf(f,
                "<text transform=\"translate(18 %.1f) rotate(-90)\" "
                "font-size=\"13\" text-anchor=\"middle\" "
                "fill=\"#000000\">",
                (fm->y0 + fm->y1) / 2);
        svg_put_text(f, ylabel, 60);
        fputs("</text>\n", f);
    }
    fputs("</g>\n", f);
}

void svg_notes_draw(FILE *f, const char *const *notes, size_t nnotes, double y)
{
    for (size_t k = 0; k < nnotes; k++)
        if (notes[k])
            svg_text(f, SVG_WIDTH / 2, y + 18.0 * (double)k, 12, "middle",
                     "fill=\"#444444\"", notes[k], 150);
}

void svg_chart_begin(FILE *f, struct svg_frame *fm, double h, const char *title,
                     const char *const *notes, size_t nnotes,
                     const char *xlabel, const char *ylabel)
{
    int has_title = title && *title;
    svg_frame_layout(fm, h, has_title, nnotes);
    svg_doc_begin(f, h, title, 28);
    if (notes)
        svg_notes_draw(f, notes, nnotes, has_title ? 48 : 20);
    svg_frame_draw(f, fm, xlabel, ylabel);
}

void svg_legend_begin(FILE *f, const struct svg_frame *fm,
                      struct svg_legend *lg, int sample, double dx, size_t max)
{
    fputs("<g id=\"legend\" font-size=\"12\">\n", f);
    lg->x = fm->x1 + 22;
    lg->y = fm->y0 + 6;
    lg->sample = sample;
    lg->dx = dx;
    lg->max = max;
}

void svg_legend_line(FILE *f, const struct svg_legend *lg, const char *attrs,
                     const char *label)
{
    fprintf(f, "<path d=\"M%.1f %.1fh%d\" %s/>\n", lg->x - 2, lg->y + 8,
            lg->sample, attrs);
    svg_text(f, lg->x + lg->dx, lg->y + 12, 12, NULL, NULL, label, lg->max);
}
