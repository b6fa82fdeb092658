/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * round.h - the exact model's plans: relaxed durations rounded to measured
 * frequencies (internal).
 *
 * The relaxation (the frontier walk, or the deadline solver) gives every
 * instruction a duration on its convex hull (hulls.h).  A deployed plan
 * needs one measured frequency per instruction that still meets the
 * deadline: pp_round tries five roundings, finishes each by spending the
 * slack left (pp_realize, realize.h), and keeps the cheapest.  Cost:
 * five pp_realize calls, O(rounds x (n + edges + options)) each.
 */
#ifndef PP_ROUND_H
#define PP_ROUND_H

#include <stddef.h>
#include <stdint.h>

#include "hulls.h"
#include "realize.h"

/* Scratch for rounding plans of one DAG; one per thread. */
struct pp_rounder {
    const struct pp_hulls *h;
    size_t n;
    struct pp_realizer real;
    int32_t *ci[5];    /* candidate plans (staircase steps) */
    int32_t *target;   /* slower end of each hull segment */
    double *cap, *frac; /* its time, position on it */
    double *dither;    /* 1 where candidate (e) jumps, else 0 */
};

/* Set up for DAG with costs H (kept, not copied), blocking cost KPB =
 * K * P_b.  PP_OK or PP_ENOMEM (R is then freed). */
int pp_rounder_init(struct pp_rounder *r, const struct pp_dag *dag,
                    const struct pp_hulls *h, double kpb);
void pp_rounder_free(struct pp_rounder *r);

/*
 * A plan for durations D (ns, instruction i on hull segment SEG[i]) that
 * meets DEADLINE (s): the cheapest of the five roundings, as frequencies
 * in MHZ[n].  D must meet the deadline itself.
 */
void pp_round(struct pp_rounder *r, const int64_t *d, const int32_t *seg,
              double deadline, int *mhz);

#endif
