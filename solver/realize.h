/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * realize.h - from a relaxed schedule to real frequencies (internal).
 *
 * The exact model plans on the convex hull of each instruction's measured
 * points; a deployed plan must pick one measured frequency per instruction.
 * This module does that rounding for one deadline:
 *
 *   1. the caller gives, per instruction, a starting option (an index into
 *      its staircase) such that the schedule meets the deadline -- e.g. the
 *      cheapest option no slower than the relaxation's duration;
 *   2. the slack left is spent greedily by value: rounds with a falling
 *      threshold theta, each a reverse and a forward pass over the DAG in
 *      which an instruction moves to the slowest option that fits between
 *      its earliest start and the latest start of its successors and saves
 *      at least theta joules per second of extra time.  theta starts at
 *      the steepest saving rate between neighbouring options and falls by
 *      PP_REALIZE_RATIO a round -- or straight to the best rate of a move
 *      that fitted but fell short, so levels where nothing could move cost
 *      nothing -- down to 0.  High-value moves (a forward pass jumping a
 *      15 ms hull segment for 10 J) so claim shared slack before low-value
 *      ones (an intermediate frequency saving 0.6 J for 10 ms).  On the
 *      shared profiles a ratio of 0.5 left LP gaps up to 2.1%, 0.84 up to
 *      1.6%; 0.9 gains nothing more and costs more rounds.
 *
 * Every pass keeps a schedule that meets the deadline, so the result is
 * never worse than the start.  Cost: O(rounds x (n + edges + options));
 * rounds <= PP_REALIZE_MAX_ROUNDS.
 */
#ifndef PP_REALIZE_H
#define PP_REALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "graph.h"
#include "profile.h"

#define PP_REALIZE_MAX_ROUNDS 64
#define PP_REALIZE_RATIO 0.84

/*
 * Per (stage, kind), the options that can be the cheapest within a time
 * budget: sorted by time, effective cost c = energy - K P_b time strictly
 * falling.  The cheapest option no slower than w is the last step with
 * time <= w.
 */
struct pp_stair {
    size_t n;
    double *t;
    double *c;
    const struct pp_option **opt;
};

int pp_stair_build(struct pp_stair *st, const struct pp_opset *set,
                   double kpb);
void pp_stair_clear(struct pp_stair *st);
/* Index of the last step with time <= WIN (0 if none).  O(log n). */
size_t pp_stair_at(const struct pp_stair *st, double win);

struct pp_realizer {
    const struct pp_dag *dag;
    const struct pp_stair *const *stair; /* per instruction */
    double kpb;                          /* K * P_b */
    double theta_hi, theta_lo;           /* saving rates bounding the ladder */
    double *t, *es, *ls;                 /* scratch, n each */
};

/*
 * Set up for DAG with per-instruction staircases STAIR (kept, not copied).
 * Returns PP_OK or PP_ENOMEM.
 */
int pp_realizer_init(struct pp_realizer *R, const struct pp_dag *dag,
                     const struct pp_stair *const *stair, double kpb);
void pp_realizer_free(struct pp_realizer *R);

/*
 * Optional guidance from the relaxation.  CAP: a first round (any saving)
 * moves no instruction i past CAP[i] seconds.  TARGET/FRAC: first, rounds
 * that move instruction i straight to step TARGET[i] (the slower end of its
 * hull segment) where it fits, in order of FRAC[i] (how far along that
 * segment the relaxation put it: 0.95 and up first, then 0.85, ... 0.35) --
 * LP-guided rounding.
 */
struct pp_realize_hint {
    const double *cap;
    const int32_t *target;
    const double *frac;
};

/*
 * Spend the slack of the options CI (staircase indices, updated in place;
 * they must meet DEADLINE) as described above, after the rounds HINT asks
 * for (HINT may be NULL).  Returns the plan's energy as the evaluator counts
 * it: the sum of effective costs + G K P_b T.
 */
double pp_realize(struct pp_realizer *R, int32_t *ci, double deadline,
                  const struct pp_realize_hint *hint);

#endif
