/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg.c - SVG pictures of plans (timeline), frontiers and sweeps.
 *
 * The three charts share a small toolkit: XML text escaping, "nice" axis
 * ticks (steps of 1, 2 or 5 times a power of ten, after P. Heckbert, "Nice
 * numbers for graph labels", Graphics Gems, 1990), a width estimate for text
 * in a generic sans-serif font (0.6 em per character, on the wide side) to
 * decide where a label fits, a greedy label placer for the frontier's
 * marked points, and a switch to the C locale (uselocale) around each chart
 * so that printf writes '.' whatever the caller's LC_NUMERIC.
 *
 * The timeline has one <rect> per instruction.  To keep 100k-instruction
 * pictures small, each GPU row is a <g> translated to its height and inside
 * it the boxes are grouped by frequency under a <g fill=...>, so a box is
 * just x, width and height; tooltips and labels are only written for boxes
 * wide enough to show them.  Cost O(n log n) (sorting a row by colour).
 */
#include "svg.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 1000.0
#define CRIT_COLOUR "#e4002b"
#define IDLE_COLOUR "#e8e8e8"

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

/* Length of the valid UTF-8 sequence at P (lead byte >= 0x80), 0 if none. */
static size_t utf8_len(const unsigned char *p)
{
    size_t len;
    unsigned lo = 0x80, hi = 0xbf;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (p[0] == 0xe0)
        lo = 0xa0; /* overlong */
    else if (p[0] == 0xed)
        hi = 0x9f; /* surrogates */
    else if (p[0] == 0xf0)
        lo = 0x90;
    else if (p[0] == 0xf4)
        hi = 0x8f;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if (p[k] < 0x80 || p[k] > 0xbf)
            return 0;
    return len;
}

/* Characters (code points) in S. */
static size_t nchars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static double text_width(const char *s, double size)
{
    return (double)nchars(s) * size * 0.6;
}

/* Write S escaped for XML, at most MAX characters (then an ellipsis). */
static void put_text_max(FILE *f, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t k = 0; *p; k++) {
        if (k == max) {
            fputs("\xe2\x80\xa6", f);
            return;
        }
        unsigned c = *p;
        size_t len = 1;
        if (c >= 0x80) {
            len = utf8_len(p);
            if (len)
                fwrite(p, 1, len, f);
            else {
                fputc('?', f);
                len = 1;
            }
        } else if (c == '&')
            fputs("&amp;", f);
        else if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c == '\'')
            fputs("&apos;", f);
        else
            fputc(c < 0x20 || c == 0x7f ? ' ' : (int)c, f);
        p += len;
    }
}

/* V with 6 significant digits, without an exponent for large values. */
static const char *qty(char *buf, size_t len, double v)
{
    if (fabs(v) >= 1e5 && fabs(v) < 1e15)
        snprintf(buf, len, "%.0f", v);
    else
        snprintf(buf, len, "%.6g", v);
    return buf;
}

/* <text> at (X, Y) of SIZE px; ANCHOR and EXTRA attributes may be NULL. */
static void text_el(FILE *f, double x, double y, double size,
                    const char *anchor, const char *extra, const char *s,
                    size_t max)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.3g\"", x, y, size);
    if (anchor)
        fprintf(f, " text-anchor=\"%s\"", anchor);
    if (extra)
        fprintf(f, " %s", extra);
    fputc('>', f);
    put_text_max(f, s, max);
    fputs("</text>\n", f);
}

/* ------------------------------------------------------------------------ */
/* Document, locale, axes                                                   */

struct cloc {
    locale_t c, old;
};

static void cloc_begin(struct cloc *l)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}

static void cloc_end(struct cloc *l)
{
    if (l->c) {
        uselocale(l->old);
        freelocale(l->c);
    }
}

static void doc_begin(FILE *f, double h, const char *title, double top)
{
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
            "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"sans-serif\">\n"
            "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
            WIDTH, h, WIDTH, h, WIDTH, h);
    if (title && *title) {
        fputs("<title>", f);
        put_text_max(f, title, (size_t)-1);
        fputs("</title>\n", f);
        text_el(f, WIDTH / 2, top, 17, "middle", "font-weight=\"bold\"",
                title, (size_t)((WIDTH - 40) / (17 * 0.6)));
    }
}

static int doc_end(FILE *f)
{
    fputs("</svg>\n", f);
    if (fflush(f) != 0 || ferror(f))
        return PP_EIO;
    return PP_OK;
}

/* An axis: the range shown and ticks at multiples of step. */
struct axis {
    double lo, hi, step;
    int dec; /* decimals of the tick labels */
};

static void axis_init(struct axis *a, double lo, double hi, int target)
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

/* Tick K (from first_tick) value; ticks run while <= hi. */
static double axis_first(const struct axis *a)
{
    return ceil(a->lo / a->step - 1e-9) * a->step;
}

static void tick_label(const struct axis *a, double v, char *buf, size_t len)
{
    if (fabs(v) < a->step * 1e-6)
        v = 0.0;
    if (fabs(v) >= 1e9 || a->step < 1e-9)
        snprintf(buf, len, "%g", v);
    else
        snprintf(buf, len, "%.*f", a->dec, v);
}

/* Padded range of finite values, 5% each side; optionally including 0. */
static void pad_range(double *lo, double *hi, int near_zero)
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

/* An x-y chart's plot area and axes. */
struct frame {
    double x0, y0, x1, y1;
    struct axis ax, ay;
};

static double fx(const struct frame *fm, double v)
{
    return fm->x0 + (v - fm->ax.lo) / (fm->ax.hi - fm->ax.lo) *
                        (fm->x1 - fm->x0);
}

static double fy(const struct frame *fm, double v)
{
    return fm->y1 - (v - fm->ay.lo) / (fm->ay.hi - fm->ay.lo) *
                        (fm->y1 - fm->y0);
}

/* Plot area for a chart of height H with NNOTES lines under the title and
 * the legend on the right; the left margin fits the y tick labels. */
static void frame_layout(struct frame *fm, double h, int has_title,
                         size_t nnotes)
{
    char buf[64];
    double wmax = 0;
    for (double v = axis_first(&fm->ay); v <= fm->ay.hi + fm->ay.step * 1e-9;
         v += fm->ay.step) {
        tick_label(&fm->ay, v, buf, sizeof buf);
        double w = text_width(buf, 11);
        wmax = w > wmax ? w : wmax;
    }
    fm->x0 = 40 + wmax;
    fm->x1 = WIDTH - 270;
    fm->y0 = (has_title ? 46 : 16) + 18.0 * (double)nnotes + 10;
    fm->y1 = h - 62;
}

static void frame_draw(FILE *f, const struct frame *fm, const char *xlabel,
                       const char *ylabel)
{
    char buf[64];
    fprintf(f, "<g id=\"axes\" font-size=\"11\" fill=\"#333333\">\n"
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
               "fill=\"#ffffff\" stroke=\"#999999\"/>\n",
            fm->x0, fm->y0, fm->x1 - fm->x0, fm->y1 - fm->y0);
    for (double v = axis_first(&fm->ax); v <= fm->ax.hi + fm->ax.step * 1e-9;
         v += fm->ax.step) {
        double x = fx(fm, v);
        tick_label(&fm->ax, v, buf, sizeof buf);
        fprintf(f, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"#e4e4e4\"/>"
                   "<path d=\"M%.1f %.1fv5\" stroke=\"#999999\"/>\n",
                x, fm->y0, fm->y1, x, fm->y1);
        text_el(f, x, fm->y1 + 18, 11, "middle", NULL, buf, 40);
    }
    for (double v = axis_first(&fm->ay); v <= fm->ay.hi + fm->ay.step * 1e-9;
         v += fm->ay.step) {
        double y = fy(fm, v);
        tick_label(&fm->ay, v, buf, sizeof buf);
        fprintf(f, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#e4e4e4\"/>"
                   "<path d=\"M%.1f %.1fh-5\" stroke=\"#999999\"/>\n",
                fm->x0, y, fm->x1, fm->x0, y);
        text_el(f, fm->x0 - 8, y + 4, 11, "end", NULL, buf, 40);
    }
    if (xlabel)
        text_el(f, (fm->x0 + fm->x1) / 2, fm->y1 + 42, 13, "middle",
                "fill=\"#000000\"", xlabel, 80);
    if (ylabel) {
        fprintf(f, "<text transform=\"translate(18 %.1f) rotate(-90)\" "
                   "font-size=\"13\" text-anchor=\"middle\" "
                   "fill=\"#000000\">",
                (fm->y0 + fm->y1) / 2);
        put_text_max(f, ylabel, 60);
        fputs("</text>\n", f);
    }
    fputs("</g>\n", f);
}

static void notes_draw(FILE *f, const char *const *notes, size_t nnotes,
                       double y)
{
    for (size_t k = 0; k < nnotes; k++)
        if (notes[k])
            text_el(f, WIDTH / 2, y + 18.0 * (double)k, 12, "middle",
                    "fill=\"#444444\"", notes[k], 150);
}

/* ------------------------------------------------------------------------ */
/* Timeline                                                                 */

struct rgb {
    int r, g, b;
};

/* Viridis (matplotlib), 9 stops; T in [0, 1], dark purple to yellow. */
static struct rgb viridis(double t)
{
    static const unsigned char stop[9][3] = {
        {0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b},
        {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
        {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25}};
    t = t < 0 || !isfinite(t) ? 0 : t > 1 ? 1 : t;
    int k = (int)(t * 8);
    k = k > 7 ? 7 : k;
    double u = t * 8 - k;
    struct rgb c = {
        (int)lround(stop[k][0] + u * (stop[k + 1][0] - stop[k][0])),
        (int)lround(stop[k][1] + u * (stop[k + 1][1] - stop[k][1])),
        (int)lround(stop[k][2] + u * (stop[k + 1][2] - stop[k][2]))};
    return c;
}

static int is_dark(struct rgb c)
{
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 128;
}

/* Colour of frequency MHZ among the plan's FREQS[0..nf-1] (ascending). */
static struct rgb freq_colour(const int *freqs, size_t nf, int mhz)
{
    if (nf == 0) {
        struct rgb grey = {0x90, 0x90, 0x90};
        return grey;
    }
    if (freqs[nf - 1] == freqs[0])
        return viridis(0.6);
    return viridis((double)(mhz - freqs[0]) / (freqs[nf - 1] - freqs[0]));
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

struct boxref {
    size_t c; /* colour: index into the distinct frequencies */
    size_t i; /* instruction */
};

static int cmp_box(const void *a, const void *b)
{
    const struct boxref *x = a, *y = b;
    if (x->c != y->c)
        return (x->c > y->c) - (x->c < y->c);
    return (x->i > y->i) - (x->i < y->i);
}

static size_t colour_index(const int *freqs, size_t nf, int mhz)
{
    size_t lo = 0, hi = nf;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (freqs[mid] <= mhz)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* "F3", "B3", "F3.1", other kinds by initial: "W3". */
static void box_name(const struct pp_dag *dag, size_t i, char *buf,
                     size_t len)
{
    const struct pp_instr *in = &dag->ins[i];
    const char *k = dag->kinds[in->kind];
    char c = strcmp(k, "forward") == 0    ? 'F'
             : strcmp(k, "backward") == 0 ? 'B'
             : (k[0] >= 'a' && k[0] <= 'z') ? (char)(k[0] - 'a' + 'A')
             : ((k[0] >= 'A' && k[0] <= 'Z') || (k[0] >= '0' && k[0] <= '9'))
                 ? k[0]
                 : '?';
    if (dag->chunks > 1)
        snprintf(buf, len, "%c%d.%d", c, in->mb, in->chunk);
    else
        snprintf(buf, len, "%c%d", c, in->mb);
}

/* Legend swatches: every distinct frequency if few, else 6 spread out. */
static size_t pick_swatches(const int *freqs, size_t nf, int *sw)
{
    if (nf <= 7) {
        memcpy(sw, freqs, nf * sizeof *sw);
        return nf;
    }
    size_t ns = 0;
    for (int k = 0; k < 6; k++) {
        double target = freqs[0] + k * (freqs[nf - 1] - freqs[0]) / 5.0;
        size_t c = colour_index(freqs, nf, (int)floor(target));
        if (c + 1 < nf && freqs[c + 1] - target < target - freqs[c])
            c++;
        if (ns == 0 || sw[ns - 1] != freqs[c])
            sw[ns++] = freqs[c];
    }
    return ns;
}

static int timeline(FILE *f, const struct pp_dag *dag,
                    const struct pp_eval *ev, const struct pp_plan *plan,
                    const char *title)
{
    int rc = PP_ENOMEM, G = dag->ngpus, sw[7];
    size_t n = dag->n, nf = 0, nsw = 0, maxrow = 1;
    int *freqs = NULL;
    struct boxref *row = NULL;
    char buf[256], name[64], e[32];

    if (plan) {
        if (!(freqs = malloc((n ? n : 1) * sizeof *freqs)))
            goto out;
        memcpy(freqs, plan->mhz, n * sizeof *freqs);
        qsort(freqs, n, sizeof *freqs, cmp_int);
        for (size_t i = 0; i < n; i++)
            if (nf == 0 || freqs[nf - 1] != freqs[i])
                freqs[nf++] = freqs[i];
        nsw = pick_swatches(freqs, nf, sw);
    }
    for (int g = 0; g < G; g++) {
        size_t len = dag->gpu_off[g + 1] - dag->gpu_off[g];
        maxrow = len > maxrow ? len : maxrow;
    }
    if (!(row = malloc(maxrow * sizeof *row)))
        goto out;

    /* Layout: title, subtitle, G rows, time axis, legend (1 or 2 lines). */
    double T = 0;
    for (size_t i = 0; i < n; i++)
        if (ev->start[i] + ev->dur[i] > T)
            T = ev->start[i] + ev->dur[i];
    if (ev->time > T)
        T = ev->time;
    if (!(T > 0) || !isfinite(T))
        T = 1.0;
    double row_h = 560.0 / (G > 0 ? G : 1);
    row_h = row_h > 40 ? 40 : row_h < 9 ? 9 : row_h;
    double pad = row_h * 0.12 < 1 ? 1 : row_h * 0.12, box_h = row_h - 2 * pad;
    double X0 = 64, PW = WIDTH - X0 - 80, PT = title && *title ? 66 : 34;
    double PH = row_h * G, axis_y = PT + PH + 4;
    double lab_fs = box_h * 0.6 > 11 ? 11 : box_h * 0.6;
    double row_fs = row_h * 0.85 > 12 ? 12 : row_h * 0.85;

    /* Legend widths decide one line or two. */
    double lw_freq = text_width("frequency (MHz)", 12) + 12;
    for (size_t k = 0; k < nsw; k++) {
        snprintf(name, sizeof name, "%d", sw[k]);
        lw_freq += 18 + text_width(name, 12) + 12;
    }
    if (!plan)
        lw_freq += text_width("not given", 12);
    snprintf(buf, sizeof buf, "critical path (%zu instructions)",
             ev->ncritical);
    double lw_crit = 28 + text_width(buf, 12) + 4, lw_idle = 28 + 40;
    int two = lw_freq + 20 + lw_crit + lw_idle > WIDTH - X0;
    double leg_y = axis_y + 52;
    double H = leg_y + (two ? 46 : 24) + 8;

    doc_begin(f, H, title, 28);
    snprintf(buf, sizeof buf,
             "%s schedule, %d GPU%s, %zu instructions: iteration time "
             "%.6g s, energy %s J",
             dag->schedule ? dag->schedule : "custom", G, G == 1 ? "" : "s",
             n, ev->time, qty(e, sizeof e, ev->e_total));
    text_el(f, WIDTH / 2, PT - 14, 12, "middle", "fill=\"#444444\"", buf,
            150);

    /* Row backgrounds (idle time shows through), row labels, idle %. */
    fprintf(f, "<g id=\"rows\" font-size=\"%.3g\">\n", row_fs);
    for (int g = 0; g < G; g++) {
        double y = PT + g * row_h;
        double idle = ev->time > 0 ? 100.0 * ev->idle[g] / ev->time : 0;
        fprintf(f, "<rect x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" "
                   "height=\"%.2f\" fill=\"" IDLE_COLOUR "\"/>\n",
                X0, y + pad, PW, box_h);
        fprintf(f, "<text x=\"%.1f\" y=\"%.2f\" text-anchor=\"end\">GPU %d"
                   "<title>GPU %d: busy %.6g s, idle %.6g s</title></text>\n",
                X0 - 6, y + row_h / 2 + row_fs * 0.35, g, g, ev->busy[g],
                ev->idle[g]);
        fprintf(f, "<text x=\"%.1f\" y=\"%.2f\" fill=\"#555555\">idle "
                   "%.1f%%</text>\n",
                X0 + PW + 6, y + row_h / 2 + row_fs * 0.35, idle);
    }
    fputs("</g>\n", f);

    /* Time axis, with grid lines over the rows' background. */
    struct axis ax;
    axis_init(&ax, 0.0, T, 10);
    fputs("<g id=\"axes\" font-size=\"11\" fill=\"#333333\">\n", f);
    fprintf(f, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#999999\"/>\n", X0,
            axis_y, X0 + PW);
    for (double v = axis_first(&ax); v <= ax.hi + ax.step * 1e-9;
         v += ax.step) {
        double x = X0 + v / T * PW;
        tick_label(&ax, v, buf, sizeof buf);
        fprintf(f, "<path d=\"M%.2f %.1fV%.1f\" stroke=\"#ffffff\"/>"
                   "<path d=\"M%.2f %.1fv5\" stroke=\"#999999\"/>\n",
                x, PT, PT + PH, x, axis_y);
        text_el(f, x, axis_y + 18, 11, "middle", NULL, buf, 40);
    }
    text_el(f, X0 + PW / 2, axis_y + 38, 13, "middle", "fill=\"#000000\"",
            "time (s)", 20);
    fputs("</g>\n", f);

    /* Boxes: row groups, then one group per colour. */
    fputs("<g id=\"boxes\"", f);
    if (n && (double)n / G * 4 < PW) /* mean width >= 4 px: separate them */
        fputs(" stroke=\"#ffffff\" stroke-width=\"0.5\"", f);
    fputs(">\n", f);
    for (int g = 0; g < G; g++) {
        size_t len = 0;
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            row[len].i = i;
            row[len++].c = plan ? colour_index(freqs, nf, plan->mhz[i]) : 0;
        }
        qsort(row, len, sizeof *row, cmp_box);
        fprintf(f, "<g transform=\"translate(0 %.2f)\">\n",
                PT + g * row_h + pad);
        for (size_t k = 0; k < len; k++) {
            size_t i = row[k].i;
            if (k == 0 || row[k].c != row[k - 1].c) {
                struct rgb c = freq_colour(freqs, nf,
                                           plan ? plan->mhz[i] : 0);
                fprintf(f, "%s<g fill=\"#%02x%02x%02x\">\n", k ? "</g>" : "",
                        c.r, c.g, c.b);
            }
            double x = X0 + ev->start[i] / T * PW, w = ev->dur[i] / T * PW;
            fprintf(f, "<rect x=\"%.2f\" width=\"%.2f\" height=\"%.2f\"", x,
                    w > 0 ? w : 0, box_h);
            if (w < 2) {
                fputs("/>\n", f);
                continue;
            }
            pp_graph_label(dag, i, buf, sizeof buf);
            fputs("><title>", f);
            put_text_max(f, buf, 200);
            fprintf(f, ": %.6g s to %.6g s", ev->start[i],
                    ev->start[i] + ev->dur[i]);
            if (plan)
                fprintf(f, " at %d MHz", plan->mhz[i]);
            fputs("</title></rect>\n", f);
        }
        fputs(len ? "</g></g>\n" : "</g>\n", f);
    }
    fputs("</g>\n", f);

    /* Critical path: outlines, and the jumps between GPUs. */
    fputs("<g id=\"critical\" fill=\"none\" stroke=\"" CRIT_COLOUR "\" "
          "stroke-width=\"2\">\n",
          f);
    for (size_t k = 0; k < ev->ncritical; k++) {
        size_t i = ev->critical[k];
        double x = X0 + ev->start[i] / T * PW, w = ev->dur[i] / T * PW;
        double y = PT + dag->ins[i].gpu * row_h + pad;
        if (w > 4)
            fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                       "height=\"%.2f\"/>\n",
                    x + 1, y + 1, w - 2, box_h - 2);
        else
            fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                       "height=\"%.2f\"/>\n",
                    x, y, w > 1 ? w : 1, box_h);
    }
    int jumps = 0;
    for (size_t k = 1; k < ev->ncritical; k++) {
        size_t a = ev->critical[k - 1], b = ev->critical[k];
        if (dag->ins[a].gpu == dag->ins[b].gpu)
            continue;
        fprintf(f, "%sM%.2f %.2fL%.2f %.2f",
                jumps++ ? "" : "<path stroke-width=\"1.5\" d=\"",
                X0 + (ev->start[a] + ev->dur[a]) / T * PW,
                PT + (dag->ins[a].gpu + 0.5) * row_h,
                X0 + ev->start[b] / T * PW,
                PT + (dag->ins[b].gpu + 0.5) * row_h);
    }
    if (jumps)
        fputs("\"/>\n", f);
    fputs("</g>\n", f);

    /* Labels inside boxes wide enough, smaller (down to 6.5 px) if need be.
     * Digits are about 0.64 em wide in the widest common sans-serif. */
    if (lab_fs >= 6.5) {
        fprintf(f, "<g id=\"labels\" font-size=\"%.3g\" "
                   "text-anchor=\"middle\" fill=\"#000000\">\n",
                lab_fs);
        for (size_t i = 0; i < n; i++) {
            double w = ev->dur[i] / T * PW;
            if (w < 2 * 6.5 * 0.64 + 3)
                continue;
            box_name(dag, i, name, sizeof name);
            double fs = (w - 3) / (0.64 * (double)strlen(name));
            if (fs < 6.5)
                continue;
            struct rgb c = freq_colour(freqs, nf, plan ? plan->mhz[i] : 0);
            fprintf(f, "<text x=\"%.2f\" y=\"%.2f\"",
                    X0 + (ev->start[i] + ev->dur[i] / 2) / T * PW,
                    PT + dag->ins[i].gpu * row_h + row_h / 2 +
                        (fs < lab_fs ? fs : lab_fs) * 0.35);
            if (fs < lab_fs)
                fprintf(f, " font-size=\"%.3g\"", fs);
            fprintf(f, "%s>%s</text>\n",
                    is_dark(c) ? " fill=\"#ffffff\"" : "", name);
        }
        fputs("</g>\n", f);
    }

    /* Legend: frequency swatches, critical path, idle. */
    fputs("<g id=\"legend\" font-size=\"12\">\n", f);
    double lx = X0, ly = leg_y;
    text_el(f, lx, ly + 11, 12, NULL, NULL, "frequency (MHz)", 20);
    lx += text_width("frequency (MHz)", 12) + 12;
    if (!plan)
        text_el(f, lx, ly + 11, 12, NULL, NULL, "not given", 20);
    for (size_t k = 0; k < nsw; k++) {
        struct rgb c = freq_colour(freqs, nf, sw[k]);
        snprintf(name, sizeof name, "%d", sw[k]);
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                   "fill=\"#%02x%02x%02x\"/>\n",
                lx, ly, c.r, c.g, c.b);
        text_el(f, lx + 18, ly + 11, 12, NULL, NULL, name, 20);
        lx += 18 + text_width(name, 12) + 12;
    }
    if (two) {
        lx = X0;
        ly += 22;
    } else
        lx += 20;
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"14\" "
               "fill=\"" IDLE_COLOUR "\" stroke=\"" CRIT_COLOUR "\" "
               "stroke-width=\"2\"/>\n",
            lx + 1, ly);
    snprintf(buf, sizeof buf, "critical path (%zu instructions)",
             ev->ncritical);
    text_el(f, lx + 28, ly + 11, 12, NULL, NULL, buf, 60);
    lx += lw_crit;
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"14\" "
               "fill=\"" IDLE_COLOUR "\"/>\n",
            lx, ly);
    text_el(f, lx + 28, ly + 11, 12, NULL, NULL, "idle", 10);
    fputs("</g>\n", f);

    rc = doc_end(f);
out:
    free(row);
    free(freqs);
    return rc;
}

int svg_timeline(FILE *f, const struct pp_dag *dag, const struct pp_eval *ev,
                 const struct pp_plan *plan, const char *title)
{
    struct cloc l;
    if (!f || !dag || !ev || ev->ngpus != dag->ngpus ||
        (plan && plan->n != dag->n))
        return PP_EINPUT;
    cloc_begin(&l);
    int rc = timeline(f, dag, ev, plan, title);
    cloc_end(&l);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Frontier                                                                 */

struct mark {
    const char *name;   /* label and legend name */
    const char *colour;
    int shape;          /* 0 ring, 1 diamond, 2 square, 3 cross */
    double t, e;        /* data */
    double x, y;        /* px */
    char label[64];     /* label text, "" when merged into another's */
};

static void mark_shape(FILE *f, const struct mark *m, double x, double y)
{
    switch (m->shape) {
    case 0:
        fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"9\" fill=\"none\" "
                   "stroke=\"%s\" stroke-width=\"2.5\"/>\n",
                x, y, m->colour);
        break;
    case 1:
        fprintf(f, "<path d=\"M%.2f %.2fl6 6l-6 6l-6 -6z\" fill=\"%s\"/>\n",
                x, y - 6, m->colour);
        break;
    case 2:
        fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"10\" height=\"10\" "
                   "fill=\"%s\"/>\n",
                x - 5, y - 5, m->colour);
        break;
    default:
        fprintf(f, "<path d=\"M%.2f %.2fl10 10m0 -10l-10 10\" stroke=\"%s\" "
                   "stroke-width=\"2.5\"/>\n",
                x - 5, y - 5, m->colour);
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
static void place_label(FILE *f, const struct frame *fm, const char *l,
                        double x, double y, struct box *boxes, size_t *nb)
{
    static const double cand[][3] = {
        {11, -9, 0},  {11, 17, 0},  {-11, -9, 1}, {-11, 17, 1},
        {0, -15, 2},  {0, 27, 2},   {15, -25, 0}, {15, 33, 0},
        {-15, -25, 1}, {-15, 33, 1}, {30, 4, 0},  {-30, 4, 1}};
    static const char *const anchor[] = {"start", "end", "middle"};
    double w = text_width(l, 12);
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
    text_el(f, tx, ty, 12, a,
            "fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"4\" "
            "stroke-linejoin=\"round\"",
            l, 40);
    text_el(f, tx, ty, 12, a, "font-weight=\"bold\"", l, 40);
}

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

static int frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                    double amt, double ame, const char *title)
{
    size_t np = fr->npoints, nm = 0;
    struct mark m[4];
    struct box boxes[16];
    size_t nb = 0;
    char buf[128];
    struct tpt *ord = malloc((np ? np : 1) * sizeof *ord);
    if (!ord)
        return PP_ENOMEM;
    for (size_t p = 0; p < np; p++) {
        ord[p].t = fr->pts[p].time;
        ord[p].e = fr->pts[p].energy;
    }
    qsort(ord, np, sizeof *ord, cmp_time);

    /* Marked points, in label priority order. */
    if (chosen >= 0 && (size_t)chosen < np)
        m[nm++] = (struct mark){"chosen", "#000000", 0,
                                fr->pts[chosen].time, fr->pts[chosen].energy,
                                0, 0, ""};
    if (np) {
        size_t a = pp_frontier_fastest(fr), b = pp_frontier_min_energy(fr);
        m[nm++] = (struct mark){"T_min", "#d55e00", 1, fr->pts[a].time,
                                fr->pts[a].energy, 0, 0, ""};
        m[nm++] = (struct mark){"T*", "#009e73", 2, fr->pts[b].time,
                                fr->pts[b].energy, 0, 0, ""};
    }
    int has_base = isfinite(amt) && isfinite(ame);
    if (has_base)
        m[nm++] = (struct mark){"all-max", "#555555", 3, amt, ame, 0, 0, ""};

    double tlo = INFINITY, thi = -INFINITY, elo = INFINITY, ehi = -INFINITY;
    for (size_t p = 0; p < np; p++) {
        double t = fr->pts[p].time, e = fr->pts[p].energy;
        if (isfinite(t) && isfinite(e)) {
            tlo = t < tlo ? t : tlo;
            thi = t > thi ? t : thi;
            elo = e < elo ? e : elo;
            ehi = e > ehi ? e : ehi;
        }
    }
    if (has_base) {
        tlo = amt < tlo ? amt : tlo;
        thi = amt > thi ? amt : thi;
        elo = ame < elo ? ame : elo;
        ehi = ame > ehi ? ame : ehi;
    }
    pad_range(&tlo, &thi, 0);
    pad_range(&elo, &ehi, 0);
    struct frame fm;
    double H = 620;
    axis_init(&fm.ax, tlo, thi, 8);
    axis_init(&fm.ay, elo, ehi, 8);
    int has_title = title && *title;
    frame_layout(&fm, H, has_title, 1);

    doc_begin(f, H, title, 28);
    snprintf(buf, sizeof buf, "%zu frontier points (%s model), realized "
                              "from measured times and energies",
             np, fr->model == PP_MODEL_LOWTIME ? "lowtime" : "exact");
    const char *note = buf;
    notes_draw(f, &note, 1, has_title ? 48 : 20);
    frame_draw(f, &fm, "iteration time (s)", "energy (J)");

    if (has_base)
        fprintf(f, "<path id=\"baseline\" d=\"M%.1f %.2fH%.1f\" "
                   "stroke=\"#555555\" stroke-dasharray=\"5 4\"/>\n",
                fm.x0, fy(&fm, ame), fm.x1);
    fputs("<polyline id=\"frontier\" fill=\"none\" stroke=\"#0072b2\" "
          "stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"",
          f);
    for (size_t k = 0, any = 0; k < np; k++)
        if (isfinite(ord[k].t) && isfinite(ord[k].e))
            fprintf(f, "%s%.2f,%.2f", any++ ? " " : "", fx(&fm, ord[k].t),
                    fy(&fm, ord[k].e));
    fputs("\"/>\n", f);
    if (np <= 400) {
        fputs("<g id=\"points\" fill=\"#0072b2\">\n", f);
        for (size_t k = 0; k < np; k++)
            if (isfinite(ord[k].t) && isfinite(ord[k].e))
                fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.2\"/>\n",
                        fx(&fm, ord[k].t), fy(&fm, ord[k].e));
        fputs("</g>\n", f);
    }

    /* Markers; labels of coinciding markers merge ("T_min = chosen"). */
    fputs("<g id=\"marks\">\n", f);
    for (size_t k = nm; k-- > 0;) {
        m[k].x = fx(&fm, m[k].t);
        m[k].y = fy(&fm, m[k].e);
        mark_shape(f, &m[k], m[k].x, m[k].y);
    }
    for (size_t k = 0; k < nm; k++) {
        struct box b = {m[k].x - 8, m[k].y - 8, m[k].x + 8, m[k].y + 8};
        boxes[nb++] = b;
    }
    for (size_t k = 0; k < nm; k++) {
        size_t j = 0;
        while (j < k && (fabs(m[j].x - m[k].x) > 3 ||
                         fabs(m[j].y - m[k].y) > 3 || !m[j].label[0]))
            j++;
        if (j < k) {
            size_t len = strlen(m[j].label);
            snprintf(m[j].label + len, sizeof m[j].label - len, " = %s",
                     m[k].name);
        } else
            snprintf(m[k].label, sizeof m[k].label, "%s", m[k].name);
    }
    /* T_min first: it has most company near the top left */
    for (size_t r = 0; r < nm; r++) {
        size_t k = (r + 1) % nm;
        if (m[k].label[0])
            place_label(f, &fm, m[k].label, m[k].x, m[k].y, boxes, &nb);
    }
    fputs("</g>\n", f);

    /* Legend on the right. */
    double lx = fm.x1 + 22, ly = fm.y0 + 6;
    fputs("<g id=\"legend\" font-size=\"12\">\n", f);
    fprintf(f, "<path d=\"M%.1f %.1fh20\" stroke=\"#0072b2\" "
               "stroke-width=\"2\"/>\n",
            lx - 2, ly + 8);
    snprintf(buf, sizeof buf, "frontier (%zu points)", np);
    text_el(f, lx + 26, ly + 12, 12, NULL, NULL, buf, 32);
    if (has_base) {
        ly += 24;
        fprintf(f, "<path d=\"M%.1f %.1fh20\" stroke=\"#555555\" "
                   "stroke-dasharray=\"5 4\"/>\n",
                lx - 2, ly + 8);
        text_el(f, lx + 26, ly + 12, 12, NULL, NULL, "all-max energy", 32);
    }
    ly += 34;
    static const char *const longname[] = {
        "chosen point", "T_min: fastest point", "T*: minimum energy",
        "all-max frequency"};
    for (size_t k = 0; k < nm; k++) {
        size_t which = strcmp(m[k].name, "chosen") == 0  ? 0
                       : strcmp(m[k].name, "T_min") == 0 ? 1
                       : strcmp(m[k].name, "T*") == 0    ? 2
                                                          : 3;
        mark_shape(f, &m[k], lx + 8, ly + 7);
        text_el(f, lx + 26, ly + 12, 12, NULL, "font-weight=\"bold\"",
                longname[which], 32);
        int rel = has_base && which != 3;
        snprintf(buf, sizeof buf, "%.6g s", m[k].t);
        if (rel)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
                     " (%+.2f%%)", 100.0 * (m[k].t / amt - 1.0));
        text_el(f, lx + 26, ly + 28, 11, NULL, "fill=\"#444444\"", buf, 40);
        qty(buf, sizeof buf, m[k].e);
        strcat(buf, " J");
        if (rel)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
                     " (%+.2f%%)", 100.0 * (m[k].e / ame - 1.0));
        text_el(f, lx + 26, ly + 43, 11, NULL, "fill=\"#444444\"", buf, 40);
        ly += 58;
    }
    if (has_base)
        text_el(f, lx, ly + 6, 11, NULL, "fill=\"#444444\"",
                "(%: change against all-max)", 40);
    fputs("</g>\n", f);
    free(ord);
    return doc_end(f);
}

int svg_frontier(FILE *f, const struct pp_frontier *fr, long chosen,
                 double allmax_time, double allmax_energy, const char *title)
{
    struct cloc l;
    if (!f || !fr)
        return PP_EINPUT;
    cloc_begin(&l);
    int rc = frontier(f, fr, chosen, allmax_time, allmax_energy, title);
    cloc_end(&l);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Line chart                                                               */

/* Okabe-Ito colours (colour-blind safe), then dash patterns. */
static const char *const series_colour[] = {"#0072b2", "#d55e00", "#009e73",
                                            "#cc79a7", "#e69f00", "#56b4e9",
                                            "#000000"};
static const char *const series_dash[] = {NULL, "7 4", "2 3", "9 3 2 3"};

static void series_style(FILE *f, size_t s)
{
    fprintf(f, " stroke=\"%s\"", series_colour[s % 7]);
    const char *d = series_dash[(s / 7) % 4];
    if (d)
        fprintf(f, " stroke-dasharray=\"%s\"", d);
}

static int lines(FILE *f, const char *title, const char *xlabel,
                 const char *ylabel, size_t ns, const char *const *names,
                 size_t n, const double *x, const double *const *y,
                 const char *const *notes, size_t nnotes)
{
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(x[k]))
            continue;
        int any = 0;
        for (size_t s = 0; s < ns; s++)
            if (isfinite(y[s][k])) {
                any = 1;
                ylo = y[s][k] < ylo ? y[s][k] : ylo;
                yhi = y[s][k] > yhi ? y[s][k] : yhi;
            }
        if (any) {
            xlo = x[k] < xlo ? x[k] : xlo;
            xhi = x[k] > xhi ? x[k] : xhi;
        }
    }
    if (!(xhi >= xlo)) {
        xlo = 0;
        xhi = 1;
    } else if (xhi == xlo) {
        xlo -= fabs(xlo) > 0 ? fabs(xlo) * 0.05 : 1;
        xhi += fabs(xhi) > 0 ? fabs(xhi) * 0.05 : 1;
    } else { /* room for the end markers */
        double d = xhi - xlo;
        xlo -= 0.02 * d;
        xhi += 0.02 * d;
    }
    pad_range(&ylo, &yhi, 1);
    struct frame fm;
    int has_title = title && *title;
    double H = 600 + 18.0 * (double)nnotes;
    axis_init(&fm.ax, xlo, xhi, 8);
    axis_init(&fm.ay, ylo, yhi, 8);
    frame_layout(&fm, H, has_title, nnotes);

    doc_begin(f, H, title, 28);
    if (notes)
        notes_draw(f, notes, nnotes, has_title ? 48 : 20);
    frame_draw(f, &fm, xlabel, ylabel);

    /* One path per series (M starts each unbroken run); lone points and,
     * for a few x values, every point get a marker. */
    fprintf(f, "<g id=\"series\" fill=\"none\" stroke-width=\"2\" "
               "stroke-linejoin=\"round\">\n");
    for (size_t s = 0; s < ns; s++) {
        int pen = 0, any = 0;
        for (size_t k = 0; k < n; k++) {
            if (!isfinite(x[k]) || !isfinite(y[s][k])) {
                pen = 0;
                continue;
            }
            if (!any) {
                fputs("<path", f);
                series_style(f, s);
                fputs(" d=\"", f);
            }
            fprintf(f, "%s%c%.2f %.2f", any ? " " : "", pen ? 'L' : 'M',
                    fx(&fm, x[k]), fy(&fm, y[s][k]));
            pen = any = 1;
        }
        if (any)
            fputs("\"/>\n", f);
        for (size_t k = 0; k < n; k++) {
            if (!isfinite(x[k]) || !isfinite(y[s][k]))
                continue;
            int lone = (k == 0 || !isfinite(y[s][k - 1]) ||
                        !isfinite(x[k - 1])) &&
                       (k + 1 == n || !isfinite(y[s][k + 1]) ||
                        !isfinite(x[k + 1]));
            if (n <= 60 || lone)
                fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" "
                           "fill=\"%s\" stroke=\"none\"/>\n",
                        fx(&fm, x[k]), fy(&fm, y[s][k]),
                        series_colour[s % 7]);
        }
    }
    fputs("</g>\n", f);

    fputs("<g id=\"legend\" font-size=\"12\">\n", f);
    double lx = fm.x1 + 22, ly = fm.y0 + 6;
    for (size_t s = 0; s < ns; s++, ly += 22) {
        fprintf(f, "<path d=\"M%.1f %.1fh24\" stroke-width=\"2\"", lx - 2,
                ly + 8);
        series_style(f, s);
        fputs("/>\n", f);
        text_el(f, lx + 30, ly + 12, 12, NULL, NULL,
                names && names[s] ? names[s] : "", 34);
    }
    fputs("</g>\n", f);
    return doc_end(f);
}

int svg_lines(FILE *f, const char *title, const char *xlabel,
              const char *ylabel, size_t nseries, const char *const *names,
              size_t n, const double *x, const double *const *y,
              const char *const *notes, size_t nnotes)
{
    struct cloc l;
    if (!f || (n && (!x || (nseries && !y))))
        return PP_EINPUT;
    for (size_t s = 0; s < nseries; s++)
        if (n && !y[s])
            return PP_EINPUT;
    cloc_begin(&l);
    int rc = lines(f, title, xlabel, ylabel, nseries, names, n, x, y, notes,
                   notes ? nnotes : 0);
    cloc_end(&l);
    return rc;
}
