/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_timeline.c - the timeline of one evaluated plan (eval --svg).
 *
 * A row per GPU, each instruction a box coloured by its frequency
 * (viridis), the critical path outlined in red, a time axis and a legend of
 * frequency swatches.  The timeline has one <rect> per instruction.  To
 * keep 100k-instruction pictures small, each GPU row is a <g> translated to
 * its height and inside it the boxes are grouped by frequency under a
 * <g fill=...>, so a box is just x, width and height; tooltips and labels
 * are only written for boxes wide enough to show them.  Cost O(n log n)
 * (sorting a row by colour).
 */
#include "svg.h"
#include "svg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CRIT_COLOUR "#e4002b"
#define IDLE_COLOUR "#e8e8e8"

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
    double X0 = 64, PW = SVG_WIDTH - X0 - 80, PT = title && *title ? 66 : 34;
    double PH = row_h * G, axis_y = PT + PH + 4;
    double lab_fs = box_h * 0.6 > 11 ? 11 : box_h * 0.6;
    double row_fs = row_h * 0.85 > 12 ? 12 : row_h * 0.85;

    /* Legend widths decide one line or two. */
    double lw_freq = svg_text_width("frequency (MHz)", 12) + 12;
    for (size_t k = 0; k < nsw; k++) {
        snprintf(name, sizeof name, "%d", sw[k]);
        lw_freq += 18 + svg_text_width(name, 12) + 12;
    }
    if (!plan)
        lw_freq += svg_text_width("not given", 12);
    snprintf(buf, sizeof buf, "critical path (%zu instructions)",
             ev->ncritical);
    double lw_crit = 28 + svg_text_width(buf, 12) + 4, lw_idle = 28 + 40;
    int two = lw_freq + 20 + lw_crit + lw_idle > SVG_WIDTH - X0;
    double leg_y = axis_y + 52;
    double H = leg_y + (two ? 46 : 24) + 8;

    svg_doc_begin(f, H, title, 28);
    snprintf(buf, sizeof buf,
             "%s schedule, %d GPU%s, %zu instructions: iteration time "
             "%.6g s, energy %s J",
             dag->schedule ? dag->schedule : "custom", G, G == 1 ? "" : "s",
             n, ev->time, svg_qty(e, sizeof e, ev->e_total));
    svg_text(f, SVG_WIDTH / 2, PT - 14, 12, "middle", "fill=\"#444444\"", buf,
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
    struct svg_frame fm = {X0, PT, X0 + PW, PT + PH, {0, 0, 0, 0},
                           {0, 0, 0, 0}};
    svg_axis_init(&fm.ax, 0.0, T, 10);
    fputs("<g id=\"axes\" font-size=\"11\" fill=\"#333333\">\n", f);
    fprintf(f, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#999999\"/>\n", X0,
            axis_y, X0 + PW);
    svg_x_ticks(f, &fm, axis_y, "#ffffff", 2);
    svg_text(f, X0 + PW / 2, axis_y + 38, 13, "middle", "fill=\"#000000\"",
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
            svg_put_text(f, buf, 200);
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
    svg_text(f, lx, ly + 11, 12, NULL, NULL, "frequency (MHz)", 20);
    lx += svg_text_width("frequency (MHz)", 12) + 12;
    if (!plan)
        svg_text(f, lx, ly + 11, 12, NULL, NULL, "not given", 20);
    for (size_t k = 0; k < nsw; k++) {
        struct rgb c = freq_colour(freqs, nf, sw[k]);
        snprintf(name, sizeof name, "%d", sw[k]);
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                   "fill=\"#%02x%02x%02x\"/>\n",
                lx, ly, c.r, c.g, c.b);
        svg_text(f, lx + 18, ly + 11, 12, NULL, NULL, name, 20);
        lx += 18 + svg_text_width(name, 12) + 12;
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
    svg_text(f, lx + 28, ly + 11, 12, NULL, NULL, buf, 60);
    lx += lw_crit;
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"14\" "
               "fill=\"" IDLE_COLOUR "\"/>\n",
            lx, ly);
    svg_text(f, lx + 28, ly + 11, 12, NULL, NULL, "idle", 10);
    fputs("</g>\n", f);

    rc = svg_doc_end(f);
out:
    free(row);
    free(freqs);
    return rc;
}

int svg_timeline(FILE *f, const struct pp_dag *dag, const struct pp_eval *ev,
                 const struct pp_plan *plan, const char *title)
{
    struct svg_cloc l;
    if (!f || !dag || !ev || ev->ngpus != dag->ngpus ||
        (plan && plan->n != dag->n))
        return PP_EINPUT;
    svg_cloc_begin(&l);
    int rc = timeline(f, dag, ev, plan, title);
    svg_cloc_end(&l);
    return rc;
}
