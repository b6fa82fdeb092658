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

/* Colour of frequency MHZ among the plan's FREQS[0..nf-1] (ascending). */
static struct svg_rgb freq_colour(const int *freqs, size_t nf, int mhz)
{
    if (nf == 0) {
        struct svg_rgb grey = {0x90, 0x90, 0x90};
        return grey;
    }
    if (freqs[nf - 1] == freqs[0])
        return svg_viridis(0.6);
    return svg_viridis((double)(mhz - freqs[0]) / (freqs[nf - 1] - freqs[0]));
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
static void box_name(const struct pp_dag *dag, size_t i, char *buf, size_t len)
{
    const struct pp_instr *in = &dag->ins[i];
    const char *k = dag->kinds[in->kind];
    char c = strcmp(k, "forward") == 0      ? 'F'
             : strcmp(k, "backward") == 0   ? 'B'
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

/*
 * A timeline being drawn: its inputs, the plan's colour scale and the
 * layout in px.  Time s is at x = x0 + s / T * pw; GPU g's row starts at
 * y = pt + g * row_h, its boxes pad below that and box_h high.  Under the
 * rows: the time axis at axis_y, the legend at leg_y (on two lines if
 * `two`), the page h high.
 */
struct timeline {
    const struct pp_dag *dag;
    const struct pp_eval *ev;
    const struct pp_plan *plan; /* NULL: grey boxes */
    int *freqs;                 /* the plan's distinct frequencies, ascending */
    size_t nf;
    int sw[7]; /* legend swatches */
    size_t nsw;
    double T, x0, pw, pt, ph;
    double row_h, pad, box_h, lab_fs, row_fs;
    double axis_y, leg_y, lw_crit, h;
    int two;
};

static double tl_x(const struct timeline *t, double s)
{
    return t->x0 + s / t->T * t->pw;
}

static struct svg_rgb box_colour(const struct timeline *t, size_t i)
{
    return freq_colour(t->freqs, t->nf, t->plan ? t->plan->mhz[i] : 0);
}

static const char *crit_text(char *buf, size_t len, const struct pp_eval *ev)
{
    snprintf(buf, len, "critical path (%zu instructions)", ev->ncritical);
    return buf;
}

/* Width of the legend entry for swatch MHZ: square, gap, number, gap. */
static double swatch_width(int mhz)
{
    char name[16];
    snprintf(name, sizeof name, "%d", mhz);
    return 18 + svg_text_width(name, 12) + 12;
}

/* The plan's distinct frequencies and the legend's swatches; PP_ENOMEM. */
static int tl_colours(struct timeline *t)
{
    size_t n = t->dag->n;
    if (!t->plan)
        return PP_OK;
    if (!(t->freqs = malloc((n ? n : 1) * sizeof *t->freqs)))
        return PP_ENOMEM;
    memcpy(t->freqs, t->plan->mhz, n * sizeof *t->freqs);
    qsort(t->freqs, n, sizeof *t->freqs, cmp_int);
    for (size_t i = 0; i < n; i++)
        if (t->nf == 0 || t->freqs[t->nf - 1] != t->freqs[i])
            t->freqs[t->nf++] = t->freqs[i];
    t->nsw = pick_swatches(t->freqs, t->nf, t->sw);
    return PP_OK;
}

/* Layout: title, subtitle, G rows, time axis, legend (1 or 2 lines). */
static void tl_layout(struct timeline *t, const char *title)
{
    const struct pp_eval *ev = t->ev;
    int G = t->dag->ngpus;
    char buf[64];
    t->T = 0;
    for (size_t i = 0; i < t->dag->n; i++)
        if (ev->start[i] + ev->dur[i] > t->T)
            t->T = ev->start[i] + ev->dur[i];
    if (ev->time > t->T)
        t->T = ev->time;
    if (!(t->T > 0) || !isfinite(t->T))
        t->T = 1.0;
    double row_h = 560.0 / (G > 0 ? G : 1);
    t->row_h = row_h > 40 ? 40 : row_h < 9 ? 9 : row_h;
    t->pad = t->row_h * 0.12 < 1 ? 1 : t->row_h * 0.12;
    t->box_h = t->row_h - 2 * t->pad;
    t->x0 = 64;
    t->pw = SVG_WIDTH - t->x0 - 80;
    t->pt = title && *title ? 66 : 34;
    t->ph = t->row_h * G;
    t->axis_y = t->pt + t->ph + 4;
    t->lab_fs = t->box_h * 0.6 > 11 ? 11 : t->box_h * 0.6;
    t->row_fs = t->row_h * 0.85 > 12 ? 12 : t->row_h * 0.85;

    /* Legend widths decide one line or two. */
    double lw_freq = svg_text_width("frequency (MHz)", 12) + 12;
    for (size_t k = 0; k < t->nsw; k++)
        lw_freq += swatch_width(t->sw[k]);
    if (!t->plan)
        lw_freq += svg_text_width("not given", 12);
    t->lw_crit = 28 + svg_text_width(crit_text(buf, sizeof buf, ev), 12) + 4;
    double lw_idle = 28 + 40;
    t->two = lw_freq + 20 + t->lw_crit + lw_idle > SVG_WIDTH - t->x0;
    t->leg_y = t->axis_y + 52;
    t->h = t->leg_y + (t->two ? 46 : 24) + 8;
}

/* Row backgrounds (idle time shows through), row labels, idle %. */
static void draw_rows(FILE *f, const struct timeline *t)
{
    const struct pp_eval *ev = t->ev;
    fprintf(f, "<g id=\"rows\" font-size=\"%.3g\">\n", t->row_fs);
    for (int g = 0; g < t->dag->ngpus; g++) {
        double y = t->pt + g * t->row_h;
        double idle = ev->time > 0 ? 100.0 * ev->idle[g] / ev->time : 0;
        double base = y + t->row_h / 2 + t->row_fs * 0.35;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" "
                "height=\"%.2f\" fill=\"" IDLE_COLOUR "\"/>\n",
                t->x0, y + t->pad, t->pw, t->box_h);
        fprintf(f,
                "<text x=\"%.1f\" y=\"%.2f\" text-anchor=\"end\">GPU %d"
                "<title>GPU %d: busy %.6g s, idle %.6g s</title></text>\n",
                t->x0 - 6, base, g, g, ev->busy[g], ev->idle[g]);
        fprintf(f,
                "<text x=\"%.1f\" y=\"%.2f\" fill=\"#555555\">idle "
                "%.1f%%</text>\n",
                t->x0 + t->pw + 6, base, idle);
    }
    fputs("</g>\n", f);
}

/* Time axis, with grid lines over the rows' background.  The axis runs
 * from 0 to T, so the frame puts time s where tl_x() does. */
static void draw_axis(FILE *f, const struct timeline *t)
{
    struct svg_frame fm = {t->x0,         t->pt,        t->x0 + t->pw,
                           t->pt + t->ph, {0, 0, 0, 0}, {0, 0, 0, 0}};
    svg_axis_init(&fm.ax, 0.0, t->T, 10);
    fputs("<g id=\"axes\" font-size=\"11\" fill=\"#333333\">\n", f);
    fprintf(f, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#999999\"/>\n", t->x0,
            t->axis_y, t->x0 + t->pw);
    svg_x_ticks(f, &fm, t->axis_y, "#ffffff", 2);
    svg_text(f, t->x0 + t->pw / 2, t->axis_y + 38, 13, "middle",
             "fill=\"#000000\"", "time (s)", 20);
    fputs("</g>\n", f);
}

/* Instruction I's box; a tooltip if it is at least 2 px wide. */
static void draw_box(FILE *f, const struct timeline *t, size_t i)
{
    const struct pp_eval *ev = t->ev;
    char buf[256];
    double w = ev->dur[i] / t->T * t->pw;
    fprintf(f, "<rect x=\"%.2f\" width=\"%.2f\" height=\"%.2f\"",
            tl_x(t, ev->start[i]), w > 0 ? w : 0, t->box_h);
    if (w < 2) {
        fputs("/>\n", f);
        return;
    }
    pp_graph_label(t->dag, i, buf, sizeof buf);
    fputs("><title>", f);
    svg_put_text(f, buf, 200);
    fprintf(f, ": %.6g s to %.6g s", ev->start[i], ev->start[i] + ev->dur[i]);
    if (t->plan)
        fprintf(f, " at %d MHz", t->plan->mhz[i]);
    fputs("</title></rect>\n", f);
}

/* Boxes: row groups, then one group per colour.  ROW holds the longest
 * row. */
static void draw_boxes(FILE *f, const struct timeline *t, struct boxref *row)
{
    const struct pp_dag *dag = t->dag;
    int G = dag->ngpus;
    fputs("<g id=\"boxes\"", f);
    if (dag->n && (double)dag->n / G * 4 < t->pw) /* mean width >= 4 px */
        fputs(" stroke=\"#ffffff\" stroke-width=\"0.5\"", f);
    fputs(">\n", f);
    for (int g = 0; g < G; g++) {
        size_t len = 0;
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            row[len].i = i;
            row[len++].c =
                t->plan ? colour_index(t->freqs, t->nf, t->plan->mhz[i]) : 0;
        }
        qsort(row, len, sizeof *row, cmp_box);
        fprintf(f, "<g transform=\"translate(0 %.2f)\">\n",
                t->pt + g * t->row_h + t->pad);
        for (size_t k = 0; k < len; k++) {
            if (k == 0 || row[k].c != row[k - 1].c) {
                struct svg_rgb c = box_colour(t, row[k].i);
                fprintf(f, "%s<g fill=\"#%02x%02x%02x\">\n", k ? "</g>" : "",
                        c.r, c.g, c.b);
            }
            draw_box(f, t, row[k].i);
        }
        fputs(len ? "</g></g>\n" : "</g>\n", f);
    }
    fputs("</g>\n", f);
}

/* Critical path: outlines, and the jumps between GPUs. */
static void draw_critical(FILE *f, const struct timeline *t)
{
    const struct pp_dag *dag = t->dag;
    const struct pp_eval *ev = t->ev;
    fputs("<g id=\"critical\" fill=\"none\" stroke=\"" CRIT_COLOUR "\" "
          "stroke-width=\"2\">\n",
          f);
    for (size_t k = 0; k < ev->ncritical; k++) {
        size_t i = ev->critical[k];
        double x = tl_x(t, ev->start[i]), w = ev->dur[i] / t->T * t->pw;
        double y = t->pt + dag->ins[i].gpu * t->row_h + t->pad;
        if (w > 4) /* inside the box */
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                    "height=\"%.2f\"/>\n",
                    x + 1, y + 1, w - 2, t->box_h - 2);
        else
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                    "height=\"%.2f\"/>\n",
                    x, y, w > 1 ? w : 1, t->box_h);
    }
    int jumps = 0;
    for (size_t k = 1; k < ev->ncritical; k++) {
        size_t a = ev->critical[k - 1], b = ev->critical[k];
        if (dag->ins[a].gpu == dag->ins[b].gpu)
            continue;
        fprintf(f, "%sM%.2f %.2fL%.2f %.2f",
                jumps++ ? "" : "<path stroke-width=\"1.5\" d=\"",
                tl_x(t, ev->start[a] + ev->dur[a]),
                t->pt + (dag->ins[a].gpu + 0.5) * t->row_h,
                tl_x(t, ev->start[b]),
                t->pt + (dag->ins[b].gpu + 0.5) * t->row_h);
    }
    if (jumps)
        fputs("\"/>\n", f);
    fputs("</g>\n", f);
}

/* Labels inside boxes wide enough, smaller (down to 6.5 px) if need be.
 * Digits are about 0.64 em wide in the widest common sans-serif. */
static void draw_labels(FILE *f, const struct timeline *t)
{
    const struct pp_eval *ev = t->ev;
    char name[64];
    if (t->lab_fs < 6.5)
        return;
    fprintf(f,
            "<g id=\"labels\" font-size=\"%.3g\" "
            "text-anchor=\"middle\" fill=\"#000000\">\n",
            t->lab_fs);
    for (size_t i = 0; i < t->dag->n; i++) {
        double w = ev->dur[i] / t->T * t->pw;
        if (w < 2 * 6.5 * 0.64 + 3)
            continue;
        box_name(t->dag, i, name, sizeof name);
        double fs = (w - 3) / (0.64 * (double)strlen(name));
        if (fs < 6.5)
            continue;
        fprintf(f, "<text x=\"%.2f\" y=\"%.2f\"",
                tl_x(t, ev->start[i] + ev->dur[i] / 2),
                t->pt + t->dag->ins[i].gpu * t->row_h + t->row_h / 2 +
                    (fs < t->lab_fs ? fs : t->lab_fs) * 0.35);
        if (fs < t->lab_fs)
            fprintf(f, " font-size=\"%.3g\"", fs);
        fprintf(f, "%s>%s</text>\n",
                svg_is_dark(box_colour(t, i)) ? " fill=\"#ffffff\"" : "", name);
    }
    fputs("</g>\n", f);
}

/* Legend: frequency swatches, critical path, idle. */
static void draw_legend(FILE *f, const struct timeline *t)
{
    char buf[64];
    fputs("<g id=\"legend\" font-size=\"12\">\n", f);
    double lx = t->x0, ly = t->leg_y;
    svg_text(f, lx, ly + 11, 12, NULL, NULL, "frequency (MHz)", 20);
    lx += svg_text_width("frequency (MHz)", 12) + 12;
    if (!t->plan)
        svg_text(f, lx, ly + 11, 12, NULL, NULL, "not given", 20);
    for (size_t k = 0; k < t->nsw; k++) {
        struct svg_rgb c = freq_colour(t->freqs, t->nf, t->sw[k]);
        snprintf(buf, sizeof buf, "%d", t->sw[k]);
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                "fill=\"#%02x%02x%02x\"/>\n",
                lx, ly, c.r, c.g, c.b);
        svg_text(f, lx + 18, ly + 11, 12, NULL, NULL, buf, 20);
        lx += swatch_width(t->sw[k]);
    }
    if (t->two) {
        lx = t->x0;
        ly += 22;
    } else
        lx += 20;
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"14\" "
            "fill=\"" IDLE_COLOUR "\" stroke=\"" CRIT_COLOUR "\" "
            "stroke-width=\"2\"/>\n",
            lx + 1, ly);
    svg_text(f, lx + 28, ly + 11, 12, NULL, NULL,
             crit_text(buf, sizeof buf, t->ev), 60);
    lx += t->lw_crit;
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"14\" "
            "fill=\"" IDLE_COLOUR "\"/>\n",
            lx, ly);
    svg_text(f, lx + 28, ly + 11, 12, NULL, NULL, "idle", 10);
    fputs("</g>\n", f);
}

static int draw_timeline(FILE *f, const struct pp_dag *dag,
                         const struct pp_eval *ev, const struct pp_plan *plan,
                         const char *title)
{
    struct timeline t = {0};
    struct boxref *row = NULL;
    size_t maxrow = 1;
    char buf[256], e[32];
    int rc;

    t.dag = dag;
    t.ev = ev;
    t.plan = plan;
    if ((rc = tl_colours(&t)) != PP_OK)
        goto out;
    for (int g = 0; g < dag->ngpus; g++) {
        size_t len = dag->gpu_off[g + 1] - dag->gpu_off[g];
        maxrow = len > maxrow ? len : maxrow;
    }
    rc = PP_ENOMEM;
    if (!(row = malloc(maxrow * sizeof *row)))
        goto out;
    tl_layout(&t, title);

    svg_doc_begin(f, t.h, title, 28);
    snprintf(buf, sizeof buf,
             "%s schedule, %d GPU%s, %zu instructions: iteration time "
             "%.6g s, energy %s J",
             dag->schedule ? dag->schedule : "custom", dag->ngpus,
             dag->ngpus == 1 ? "" : "s", dag->n, ev->time,
             svg_qty(e, sizeof e, ev->e_total));
    svg_text(f, SVG_WIDTH / 2, t.pt - 14, 12, "middle", "fill=\"#444444\"", buf,
             150);
    draw_rows(f, &t);
    draw_axis(f, &t);
    draw_boxes(f, &t, row);
    draw_critical(f, &t);
    draw_labels(f, &t);
    draw_legend(f, &t);
    rc = svg_doc_end(f);
out:
    free(row);
    free(t.freqs);
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
    int rc = draw_timeline(f, dag, ev, plan, title);
    svg_cloc_end(&l);
    return rc;
}
