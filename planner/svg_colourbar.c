/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_colourbar.c - a plan's frequencies on the viridis scale and the
 * colour bar that reads a colour back as a frequency.
 *
 * A frequency maps linearly in MHz from the plan's lowest (dark purple) to
 * its highest (yellow).  The bar is a linear gradient through the same
 * nine viridis stops that svg_viridis() interpolates between, so each
 * point of the bar has exactly the colour of the frequency under it.  A
 * short mark above the bar shows each frequency the plan uses; ticks under
 * it are labelled in MHz: at every frequency used when there are at most
 * six, else at round values (Heckbert's nice numbers, svg_axis_fit).
 */
#include "svg.h"
#include "svg_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int svg_fscale_init(struct svg_fscale *s, const int *mhz, size_t n)
{
    s->mhz = NULL;
    s->n = 0;
    if (!mhz || n == 0)
        return PP_OK;
    if (!(s->mhz = malloc(n * sizeof *s->mhz)))
        return PP_ENOMEM;
    memcpy(s->mhz, mhz, n * sizeof *s->mhz);
    qsort(s->mhz, n, sizeof *s->mhz, cmp_int);
    for (size_t i = 0; i < n; i++)
        if (s->n == 0 || s->mhz[s->n - 1] != s->mhz[i])
            s->mhz[s->n++] = s->mhz[i];
    return PP_OK;
}

void svg_fscale_free(struct svg_fscale *s)
{
    free(s->mhz);
    s->mhz = NULL;
    s->n = 0;
}

size_t svg_fscale_index(const struct svg_fscale *s, int mhz)
{
    size_t lo = 0, hi = s->n;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->mhz[mid] <= mhz)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

struct svg_rgb svg_fscale_colour(const struct svg_fscale *s, int mhz)
{
    if (s->n == 0) {
        struct svg_rgb grey = {0x90, 0x90, 0x90};
        return grey;
    }
    if (s->mhz[s->n - 1] == s->mhz[0])
        return svg_viridis(0.6);
    return svg_viridis((double)(mhz - s->mhz[0]) /
                       (s->mhz[s->n - 1] - s->mhz[0]));
}

/* Height of the bar itself. */
static double bar_h(const struct svg_page *pg)
{
    return pg->fs * 0.9 < 8 ? 8 : pg->fs * 0.9;
}

double svg_fscale_bar_h(const struct svg_page *pg)
{
    return svg_line_h(pg->fs) + 4 + bar_h(pg) + 5 + svg_line_h(pg->fs_tick);
}

/* A tick under the bar at X (from Y down) labelled V, unless the label
 * would overlap the last one (*LAST: its right end). */
static void tick(FILE *f, const struct svg_page *pg, double x, double y, int v,
                 double *last)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    double w = svg_text_width(buf, pg->fs_tick);
    fprintf(f, "<path d=\"M%.2f %.2fv4\" stroke=\"#555555\"/>\n", x, y);
    if (x - w / 2 < *last + pg->fs_tick * 0.5)
        return;
    svg_text(f, x, y + 4 + pg->fs_tick * 0.95, pg->fs_tick, "middle", NULL, buf,
             16);
    *last = x + w / 2;
}

/* The gradient bar over [lo, hi] at (X, Y), W px wide, its marks at the
 * frequencies used and its ticks. */
static void gradient_bar(FILE *f, const struct svg_fscale *s,
                         const struct svg_page *pg, double x, double y,
                         double w)
{
    int lo = s->mhz[0], hi = s->mhz[s->n - 1];
    double bh = bar_h(pg), last = -1e9;
    fputs("<defs><linearGradient id=\"fscale\" x1=\"0\" y1=\"0\" x2=\"1\" "
          "y2=\"0\">",
          f);
    for (int k = 0; k < SVG_VIRIDIS_STOPS; k++) {
        double t = (double)k / (SVG_VIRIDIS_STOPS - 1);
        struct svg_rgb c = svg_viridis(t);
        fprintf(f, "<stop offset=\"%.3f\" stop-color=\"#%02x%02x%02x\"/>", t,
                c.r, c.g, c.b);
    }
    fprintf(f,
            "</linearGradient></defs>\n"
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "fill=\"url(#fscale)\"/>\n<path stroke=\"#333333\" d=\"",
            x, y, w, bh);
    for (size_t k = 0; k < s->n; k++) /* the frequencies used */
        fprintf(f, "M%.2f %.1fv-3", x + (s->mhz[k] - lo) * w / (hi - lo), y);
    fputs("\"/>\n", f);
    if (s->n <= 6) {
        for (size_t k = 0; k < s->n; k++)
            tick(f, pg, x + (s->mhz[k] - lo) * w / (hi - lo), y + bh, s->mhz[k],
                 &last);
        return;
    }
    struct svg_axis a;
    svg_axis_fit(&a, lo, hi, (int)(w / 50) + 1, w, pg->fs_tick);
    for (double v = svg_axis_first(&a); svg_axis_more(&a, v); v += a.step)
        tick(f, pg, x + (v - lo) * w / (hi - lo), y + bh, (int)v, &last);
}

void svg_fscale_bar(FILE *f, const struct svg_fscale *s,
                    const struct svg_page *pg, double x, double y, double w)
{
    double by = y + svg_line_h(pg->fs) + 4, bh = bar_h(pg), last = -1e9;
    svg_text(f, x, y + pg->fs * 0.95, pg->fs, NULL, NULL, "frequency (MHz)",
             20);
    if (s->n >= 2 && s->mhz[s->n - 1] > s->mhz[0]) {
        gradient_bar(f, s, pg, x, by, w);
        return;
    }
    /* one frequency, or none: a swatch */
    struct svg_rgb c = svg_fscale_colour(s, s->n ? s->mhz[0] : 0);
    double sw = 3 * bh;
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "fill=\"#%02x%02x%02x\"/>\n",
            x, by, sw, bh, c.r, c.g, c.b);
    if (s->n)
        tick(f, pg, x + sw / 2, by + bh, s->mhz[0], &last);
    else
        svg_text(f, x + sw + 6, by + bh / 2 + pg->fs * 0.35, pg->fs, NULL, NULL,
                 "not given", 20);
}
