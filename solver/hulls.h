/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hulls.h - the exact model's per-instruction costs (internal).
 *
 * The exact model plans on each instruction's lower convex hull of measured
 * (time, effective energy) points (pp_pwl_hull), with times in integer ns
 * (rounded up, so planned durations bound real times), and rounds relaxed
 * durations to the staircase of measured options (realize.h).  Both are
 * built once per (stage, kind) the schedule uses and shared by every
 * instruction of that pair; the frontier walk (frontier_exact.c), the
 * roundings (round.h) and the deadline solver all read them from here.
 */
#ifndef PP_HULLS_H
#define PP_HULLS_H

#include <stddef.h>
#include <stdint.h>

#include "realize.h"
#include "solver.h"

#define PP_EX_SCALE 1e15 /* flow capacity units per J/ns (1e-6 J/s) */

struct pp_hulls {
    size_t nsets;               /* profile (stage, kind) pairs */
    struct pp_pwl *pwls;        /* per pair (unused pairs empty), t in ns */
    struct pp_stair *stairs;    /* per pair */
    int64_t **slopes;           /* per pair: PP_EX_SCALE units per segment */
    const struct pp_pwl **pwl;  /* per instruction: its pair's */
    const struct pp_stair **stair;
    const int64_t **slope;
    int32_t *depth;             /* per instruction: pp_graph_kind_depth */
};

/*
 * Build the hulls of every (stage, kind) DAG uses in PROF (KINDMAP: DAG
 * kind -> profile kind, from pp_bind_profile), for blocking energy EN.  On
 * failure H is cleared; PP_EINPUT or PP_ENOMEM.
 */
int pp_hulls_build(struct pp_hulls *h, const struct pp_dag *dag,
                   const struct pp_profile *prof, const int *kindmap,
                   const struct pp_energy *en, struct pp_error *err);
void pp_hulls_clear(struct pp_hulls *h);

/* Slope of segment k of P in PP_EX_SCALE units, clamped to
 * [0, PP_FLOW_INF / 4]. */
int64_t pp_hulls_slope_units(const struct pp_pwl *p, size_t k);

/* Cost of P at duration d (ns) on segment k (t[k] <= d <= t[k+1]). */
double pp_hulls_cost(const struct pp_pwl *p, size_t k, int64_t d);

#endif
