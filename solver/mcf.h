/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mcf.h - minimum-cost circulation behind a C interface (internal).
 *
 * The deadline solver (deadline.c) hands its network over as plain arrays;
 * mcf_lemon.cc solves it with the LEMON graph library (Dezső, Jüttner and
 * Kovács, "LEMON - an open source C++ graph template library", ENTCS 264(5),
 * 2011) so that no C++ type or exception crosses into C.
 */
#ifndef PP_MCF_H
#define PP_MCF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum pp_mcf_method {
    PP_MCF_COST_SCALING = 0, /* Goldberg-Tarjan, partial augment-relabel */
    PP_MCF_NETWORK_SIMPLEX = 1,
};

enum {
    PP_MCF_OK = 0,
    PP_MCF_NOMEM = -1,
    PP_MCF_FAILED = -2, /* infeasible, unbounded or an internal error */
};

/*
 * A circulation of minimum cost on NNODES nodes and NARCS arcs
 * TAIL[a] -> HEAD[a] with flow in [0, CAP[a]] and cost COST[a] per unit
 * (every node balanced).  On success FLOW[a] holds an optimal flow and
 * POT[v] node potentials with COST[a] + POT[tail] - POT[head] >= 0 on every
 * arc with residual capacity (and <= 0 on every arc with flow), exactly.
 * Caller's arrays only; never prints or throws.
 */
int pp_mcf_solve(enum pp_mcf_method method, int32_t nnodes, size_t narcs,
                 const int32_t *tail, const int32_t *head, const int64_t *cap,
                 const int64_t *cost, int64_t *flow, int64_t *pot);

#ifdef __cplusplus
}
#endif

#endif
