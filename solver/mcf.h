/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mcf.h - minimum-cost circulation (internal).
 *
 * The deadline solver (deadline.c) hands its network over as plain arrays.
 * mcf.c solves it by cost scaling push-relabel, keeping its state between
 * solves for warm starts (the method and its cost are described there);
 * mcf_lemon.cc solves it with the LEMON graph library (Dezső, Jüttner and
 * Kovács, "LEMON - an open source C++ graph template library", ENTCS 264(5),
 * 2011, doi:10.1016/j.entcs.2011.06.003), kept to cross-check the former in
 * tests and benches, so that no C++ type or exception crosses into C.
 */
#ifndef PP_MCF_H
#define PP_MCF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum pp_mcf_method {
    PP_MCF_SCALING = 0,              /* mcf.c */
    PP_MCF_LEMON_NETWORK_SIMPLEX = 1, /* LEMON, block search pivots */
    PP_MCF_LEMON_COST_SCALING = 2,   /* LEMON, partial augment-relabel */
};

enum {
    PP_MCF_OK = 0,
    PP_MCF_NOMEM = -1,
    PP_MCF_FAILED = -2,  /* the solver found no optimum (internal error) */
    PP_MCF_INVALID = -3, /* a node out of range, a negative capacity */
    PP_MCF_RANGE = -4,   /* capacities or costs beyond the int64 limits */
};

/*
 * A circulation of minimum cost on NNODES nodes and NARCS arcs
 * TAIL[a] -> HEAD[a] with flow in [0, CAP[a]] and cost COST[a] per unit
 * (every node balanced).  On success FLOW[a] holds an optimal flow and
 * POT[v] node potentials with COST[a] + POT[tail] - POT[head] >= 0 on every
 * arc with residual capacity (and <= 0 on every arc with flow), exactly.
 * Limits of PP_MCF_SCALING (PP_MCF_RANGE beyond them): capacities add up
 * to less than 2^62 and |COST[a]| (NNODES + 1) <= 2^58.  Caller's arrays
 * only; never prints or throws.
 */
int pp_mcf_solve(enum pp_mcf_method method, int32_t nnodes, size_t narcs,
                 const int32_t *tail, const int32_t *head, const int64_t *cap,
                 const int64_t *cost, int64_t *flow, int64_t *pot);

/* The same by LEMON (mcf_lemon.cc), METHOD one of the PP_MCF_LEMON_*. */
int pp_mcf_lemon_solve(enum pp_mcf_method method, int32_t nnodes,
                       size_t narcs, const int32_t *tail, const int32_t *head,
                       const int64_t *cap, const int64_t *cost, int64_t *flow,
                       int64_t *pot);

/*
 * Solver state for one network (nodes, arcs and capacities) whose costs
 * may change between solves.  The arrays are copied: they need not stay
 * alive.  On success *out owns a new state; on failure it is NULL
 * (PP_MCF_INVALID, PP_MCF_RANGE, PP_MCF_NOMEM).
 */
struct pp_mcf;
int pp_mcf_new(struct pp_mcf **out, int32_t nnodes, size_t narcs,
               const int32_t *tail, const int32_t *head, const int64_t *cap);

/*
 * Solve with costs COST[narcs], as pp_mcf_solve; the first run starts
 * from the zero flow, every later one from the last optimal flow and
 * potentials (a warm start: fast when the costs changed little).  After
 * a failure the next run starts cold.  Deterministic.
 */
int pp_mcf_run(struct pp_mcf *m, const int64_t *cost, int64_t *flow,
               int64_t *pot);

void pp_mcf_free(struct pp_mcf *m);

#ifdef __cplusplus
}
#endif

#endif
