/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h - printing evaluations and frontiers (human, JSON, YAML, CSV).
 * The machine formats go through machine.h.  Both return 0, or -1 when
 * the machine writer ran out of memory or F has a write error.
 */
#ifndef PP_REPORT_H
#define PP_REPORT_H

#include <stdio.h>

#include "cli.h"
#include "machine.h"

/* The fields naming the K-th instruction of GPU G of D (gpu, position,
 * kind, microbatch, chunk, id, stage) into the item M has begun: one set
 * for every per-instruction list (eval, schedule). */
void report_instr(struct mw *m, const struct pp_dag *d, int g, size_t k);

int report_eval(FILE *f, enum out_format fmt, const struct inputs *in,
                const char *plan_desc, const struct pp_plan *plan,
                const struct pp_eval *ev);

struct frontier_summary {
    const struct pp_frontier *fr;
    const char *model;        /* "exact" or "lowtime" */
    double t_min;             /* realized time of the fastest point */
    double allmax_time, allmax_energy;
    long chosen;              /* chosen point, -1 if none */
    double deadline;          /* NAN if none */
    long published;           /* the published rule's point for the
                                 deadline (T* then block), -1 if none */
    /* --certify: deadlines, the point chosen for each, and LP bounds (for
     * iterations lasting the deadline; their plans' energies likewise) */
    size_t ncert;
    const double *cert_deadline;
    const long *cert_point;
    const double *cert_bound;
};

int report_frontier(FILE *f, enum out_format fmt, const struct inputs *in,
                     const struct frontier_summary *s);

#endif
