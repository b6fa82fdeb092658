/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deadline.h - the exact model's relaxation solved at one deadline.
 *
 * Given a DAG and, per instruction, a convex piecewise-linear cost c_i of
 * its duration (struct pp_pwl with times in whole ns, as the exact model
 * holds them), find durations d_i in [t_i,0, t_i,last] minimising
 * sum_i c_i(d_i) subject to precedence and longest path <= D.  This is the
 * project time-cost tradeoff LP (Fulkerson 1961, doi:10.1287/mnsc.7.2.167;
 * Kelley 1961, "Critical-path planning and scheduling: mathematical basis",
 * Operations Research 9(3), doi:10.1287/opre.9.3.296); its dual is a
 * min-cost circulation, solved by deadline.c (the method and its cost are
 * described there).  Unlike the frontier walk (pp_frontier_solve) it
 * answers one deadline without visiting the breakpoints before it.
 *
 * The bound.  For any circulation of the dual network - a flow f_i >= 0
 * through every instruction, conserved at the DAG's events, value v >= 0
 * on the deadline arc - Lagrangian duality gives
 *
 *     sum_i min_{d in [t_i,0, u_i]} (c_i(d) + f_i d)  -  v D
 *
 * as a lower bound on the relaxation's optimum (u_i = min(t_i,last,
 * t_i,0 + F_i), F_i the float of i at D with every instruction at its
 * fastest: no feasible plan runs i longer, so the box is implied by the
 * constraints and changes nothing).  The minimum over d is at a vertex of
 * c_i or at u_i.  pp_deadline_solve evaluates this in double from the flow
 * it found, so the bound holds whatever the flow's rounding; at an optimal
 * flow it equals the optimum up to the rounding of slopes to the network's
 * integer capacities (1e-9 W units: far below 1e-9 relative on real data).
 */
#ifndef PP_DEADLINE_H
#define PP_DEADLINE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "graph.h"
#include "solver.h"

/* Solver state for one DAG and one cost set, reusable across deadlines. */
struct pp_deadline;

/*
 * Check DAG (CSR successors only are read) and COSTS[dag->n] (one per
 * instruction, may share storage; times whole ns in [0, 2^53), strictly
 * increasing; convex; a rising tail is never used) and precompute what
 * every deadline shares.  DAG and COSTS must stay alive and unchanged
 * until pp_deadline_free.  On success *out owns a new state; on failure
 * *out is NULL (PP_EINPUT naming the instruction, PP_ERANGE if the sums of
 * times or slopes exceed the network's int64 arithmetic, PP_ENOMEM).
 */
int pp_deadline_new(struct pp_deadline **out, const struct pp_dag *dag,
                    const struct pp_pwl *const *costs, struct pp_error *err);

struct pp_deadline_result {
    double bound; /* rigorous lower bound on the optimum sum_i c_i (above) */
    double cost;  /* sum_i c_i(dur_i) of the plan returned */
    int64_t T;    /* the plan's longest path, ns, <= the deadline */
};

/*
 * Solve at DEADLINE_NS.  DUR (dag->n entries) receives integer durations,
 * each within its cost's range, whose longest path is at most the
 * deadline; RES the plan's cost, its time and the dual bound.  PP_EINPUT
 * if the deadline is below the fastest longest path (the message gives
 * both), PP_ESOLVER if the flow solver fails, PP_ENOMEM.  On failure DUR
 * and RES are unspecified.  Never prints.
 */
int pp_deadline_solve(struct pp_deadline *ds, int64_t deadline_ns,
                      int64_t *dur, struct pp_deadline_result *res,
                      struct pp_error *err);

/* The fastest longest path (every instruction at t_i,0), ns. */
int64_t pp_deadline_fastest(const struct pp_deadline *ds);

void pp_deadline_free(struct pp_deadline *ds);

#endif
