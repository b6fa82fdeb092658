/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_tlboxes.c - a timeline's boxes, its critical path and the boxes'
 * names (layout in svg_timeline.c).
 *
 * The timeline has one <rect> per instruction in the window, cut at the
 * window's edges.  To keep 100k-instruction pictures small, each GPU row
 * is a <g> translated to its height and inside it the boxes are grouped
 * by frequency under a <g fill=...>, so a box is just x, width and height;
 * tooltips and names are only written for boxes wide enough to show them.
 * The critical path is drawn beside the boxes, not over them, so that
 * their colours stay visible however many there are: a red bar in the gap
 * above each of its boxes (at least 1 px wide) and a thin red line for
 * each step from one GPU to another.
 */
#include "svg.h"
#include "svg_internal.h"
#include "svg_timeline.h"

#include <stdlib.h>
#include <string.h>

static int cmp_box(const void *a, const void *b)
{
    const struct tl_boxref *x = a, *y = b;
    if (x->c != y->c)
        return (x->c > y->c) - (x->c < y->c);
    return (x->i > y->i) - (x->i < y->i);
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

const char *tl_crit_text(char *buf, size_t len, const struct pp_eval *ev)
{
    snprintf(buf, len, "critical path (%zu instructions)", ev->ncritical);
    return buf;
}

static struct svg_rgb box_colour(const struct timeline *t, size_t i)
{
    return svg_fscale_colour(&t->scale, t->plan ? t->plan->mhz[i] : 0);
}

/* Instruction I's box over [A, B]; a tooltip if it is at least 2 px
 * wide. */
static void draw_box(FILE *f, const struct timeline *t, size_t i, double a,
                     double b)
{
    const struct pp_eval *ev = t->ev;
    char buf[256];
    double x = tl_x(t, a), w = tl_x(t, b) - x;
    fprintf(f, "<rect x=\"%.2f\" width=\"%.2f\" height=\"%.2f\"", x,
            w > 0 ? w : 0, t->box_h);
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

void tl_draw_boxes(FILE *f, const struct timeline *t, struct tl_boxref *row)
{
    const struct pp_dag *dag = t->dag;
    int G = dag->ngpus;
    double a, b;
    fputs("<g id=\"boxes\"", f);
    if (dag->n && (double)dag->n / G * 4 < t->pw) /* mean width >= 4 px */
        fputs(" stroke=\"#ffffff\" stroke-width=\"0.5\"", f);
    fputs(">\n", f);
    for (int g = 0; g < G; g++) {
        size_t len = 0;
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            if (!tl_visible(t, i, &a, &b))
                continue;
            row[len].i = i;
            row[len++].c =
                t->plan ? svg_fscale_index(&t->scale, t->plan->mhz[i]) : 0;
        }
        qsort(row, len, sizeof *row, cmp_box);
        fprintf(f, "<g transform=\"translate(0 %.2f)\">\n",
                tl_row_top(t, g) + t->gap);
        for (size_t k = 0; k < len; k++) {
            if (k == 0 || row[k].c != row[k - 1].c) {
                struct svg_rgb c = box_colour(t, row[k].i);
                fprintf(f, "%s<g fill=\"#%02x%02x%02x\">\n", k ? "</g>" : "",
                        c.r, c.g, c.b);
            }
            tl_visible(t, row[k].i, &a, &b);
            draw_box(f, t, row[k].i, a, b);
        }
        fputs(len ? "</g></g>\n" : "</g>\n", f);
    }
    fputs("</g>\n", f);
}

/* The steps of the critical path from one GPU to another, as one path of
 * thin lines between the bars' middles; clipped to the plot. */
static void draw_jumps(FILE *f, const struct timeline *t)
{
    const struct pp_dag *dag = t->dag;
    const struct pp_eval *ev = t->ev;
    int jumps = 0;
    double mid = 0.5 + t->bar_h / 2;
    for (size_t k = 1; k < ev->ncritical; k++) {
        size_t a = ev->critical[k - 1], b = ev->critical[k];
        double ta = ev->start[a] + ev->dur[a], tb = ev->start[b];
        if (dag->ins[a].gpu == dag->ins[b].gpu || (ta > tb ? ta : tb) < t->t0 ||
            (ta < tb ? ta : tb) > t->t1)
            continue;
        fprintf(f, "%sM%.2f %.2fL%.2f %.2f",
                jumps++ ? ""
                        : "<path stroke=\"" TL_CRIT_COLOUR "\" "
                          "stroke-width=\"1\" fill=\"none\" "
                          "clip-path=\"url(#plotarea)\" d=\"",
                tl_x(t, ta), tl_row_top(t, dag->ins[a].gpu) + mid, tl_x(t, tb),
                tl_row_top(t, dag->ins[b].gpu) + mid);
    }
    if (jumps)
        fputs("\"/>\n", f);
}

void tl_draw_critical(FILE *f, const struct timeline *t)
{
    const struct pp_eval *ev = t->ev;
    double a, b;
    fprintf(f,
            "<defs><clipPath id=\"plotarea\"><rect x=\"%.2f\" y=\"%.2f\" "
            "width=\"%.2f\" height=\"%.2f\"/></clipPath></defs>\n"
            "<g id=\"critical\" fill=\"" TL_CRIT_COLOUR "\">\n",
            t->x0, t->pt, t->pw, t->ph);
    for (size_t k = 0; k < ev->ncritical; k++) {
        size_t i = ev->critical[k];
        if (!tl_visible(t, i, &a, &b))
            continue;
        double x = tl_x(t, a), w = tl_x(t, b) - x;
        fprintf(f,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                "height=\"%.2f\"/>\n",
                w < 1 ? x - (1 - w) / 2 : x,
                tl_row_top(t, t->dag->ins[i].gpu) + 0.5, w < 1 ? 1 : w,
                t->bar_h);
    }
    draw_jumps(f, t);
    fputs("</g>\n", f);
}

/* Names inside boxes wide enough, smaller (down to 6.5 px) if need be.
 * Digits are about 0.64 em wide in the widest common sans-serif. */
void tl_draw_labels(FILE *f, const struct timeline *t)
{
    char name[64];
    double a, b;
    if (t->lab_fs < 6.5)
        return;
    fprintf(f,
            "<g id=\"labels\" font-size=\"%.3g\" "
            "text-anchor=\"middle\" fill=\"#000000\">\n",
            t->lab_fs);
    for (size_t i = 0; i < t->dag->n; i++) {
        if (!tl_visible(t, i, &a, &b))
            continue;
        double w = tl_x(t, b) - tl_x(t, a);
        if (w < 2 * 6.5 * 0.64 + 3)
            continue;
        box_name(t->dag, i, name, sizeof name);
        double fs = (w - 3) / (0.64 * (double)strlen(name));
        if (fs < 6.5)
            continue;
        fs = fs < t->lab_fs ? fs : t->lab_fs;
        fprintf(f, "<text x=\"%.2f\" y=\"%.2f\"", tl_x(t, (a + b) / 2),
                tl_row_top(t, t->dag->ins[i].gpu) + t->gap + t->box_h / 2 +
                    fs * 0.35);
        if (fs < t->lab_fs)
            fprintf(f, " font-size=\"%.3g\"", fs);
        fprintf(f, "%s>%s</text>\n",
                svg_is_dark(box_colour(t, i)) ? " fill=\"#ffffff\"" : "", name);
    }
    fputs("</g>\n", f);
}
