/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_cli.c - the picture options of eval, plan and sweep, parsed
 * strictly (the whole value, with its unit), and the subject of a picture
 * from the command's inputs, so that each command passes one struct to
 * svg.h's functions.
 */
#include "svg_cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ARG as px: a number, optionally followed by in, cm, mm, pt or px. */
static int parse_width(const char *arg, double *px)
{
    static const struct {
        const char *unit;
        double px;
    } units[] = {{"px", 1.0},
                 {"in", 96.0},
                 {"cm", 96.0 / 2.54},
                 {"mm", 9.6 / 2.54},
                 {"pt", 96.0 / 72.0}};
    char num[64];
    size_t len = strlen(arg);
    double k = 1.0, v;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
        if (len > 2 && !strcmp(arg + len - 2, units[u].unit)) {
            k = units[u].px;
            len -= 2;
            break;
        }
    if (len == 0 || len >= sizeof num)
        return -1;
    memcpy(num, arg, len);
    num[len] = '\0';
    if (pp_parse_double(num, &v) || !isfinite(v * k))
        return -1;
    *px = v * k;
    return *px >= SVG_WIDTH_MIN && *px <= SVG_WIDTH_MAX ? 0 : -1;
}

/* ARG as A:B seconds, 0 <= A < B. */
static int parse_window(const char *arg, double *a, double *b)
{
    const char *colon = strchr(arg, ':');
    char num[64];
    size_t len = colon ? (size_t)(colon - arg) : 0;
    if (!colon || len == 0 || len >= sizeof num)
        return -1;
    memcpy(num, arg, len);
    num[len] = '\0';
    if (pp_parse_double(num, a) || pp_parse_double(colon + 1, b))
        return -1;
    return *a >= 0 && *b > *a ? 0 : -1;
}

int svg_option(struct svg_request *q, const char *cmd, int c, const char *arg)
{
    switch (c) {
    case OPT_SVG_FILE:
        q->path = arg;
        return 1;
    case OPT_SVG_WIDTH:
        if (!parse_width(arg, &q->info.width))
            return 1;
        die_usage(cmd,
                  "invalid argument \"%s\" for --svg-width; should be "
                  "a width from %.0f to %.0f px, its unit px, in, cm, mm "
                  "or pt (3.5in)",
                  arg, SVG_WIDTH_MIN, SVG_WIDTH_MAX);
        return -1;
    case OPT_SVG_WINDOW:
        if (!parse_window(arg, &q->info.t0, &q->info.t1))
            return 1;
        die_usage(cmd,
                  "invalid argument \"%s\" for --svg-window; should be "
                  "A:B, seconds from A >= 0 to B > A",
                  arg);
        return -1;
    }
    return 0;
}

void svg_describe(struct svg_request *q, const struct inputs *in)
{
    struct svg_info *si = &q->info;
    double w;
    si->profile = in->profile_path;
    si->gpu = in->prof ? in->prof->gpu : NULL;
    if (!si->gpu && in->blocking && !pp_blocking_preset(in->blocking, &w)) {
        size_t k = 0;
        for (; in->blocking[k] && k + 1 < sizeof q->gpu; k++)
            q->gpu[k] = in->blocking[k] >= 'a' && in->blocking[k] <= 'z'
                            ? (char)(in->blocking[k] - 'a' + 'A')
                            : in->blocking[k];
        q->gpu[k] = '\0';
        si->gpu = q->gpu;
    }
    if (in->dag) {
        si->schedule = in->dag->schedule;
        si->stages = in->dag->ngpus;
        si->microbatches = in->dag->microbatches;
        si->chunks = in->dag->chunks;
    }
}
