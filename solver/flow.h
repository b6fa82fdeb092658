/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow.h - minimum s-t cut with lower and upper arc bounds (internal).
 *
 * The Phillips-Dessouky step needs, on the critical subgraph, the minimum
 * cut of a network whose arcs carry a lower bound (the saving from slowing
 * an instruction down) and an upper bound (the cost of speeding it up).  The
 * network is given as integer capacities (the caller scales: the lowtime
 * model uses units of 1e-6 J exactly like the reference's flooring).
 *
 * Method: (1) a feasible flow by the classic reduction (arc capacities
 * ub - lb, a super source/sink carrying each vertex's lower-bound imbalance,
 * an arc t -> s of unbounded capacity; feasible iff the super arcs saturate);
 * (2) drop t -> s and augment s -> t to a maximum flow on the residual
 * network; (3) the cut is the set reachable from s through arcs with
 * residual capacity > threshold.
 *
 * Two max-flow back ends: Dinic's algorithm on int64 (the default; no
 * per-step allocation once warmed up) and igraph_maxflow (push-relabel,
 * doubles holding integers exactly below 2^53) kept as a cross-check.
 * Dinic: O(V^2 E) worst case, far less on the near-series-parallel critical
 * subgraphs of pipeline schedules.
 */
#ifndef PP_FLOW_H
#define PP_FLOW_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define PP_FLOW_INF ((int64_t)1 << 58)

enum pp_flow_backend { PP_FLOW_DINIC, PP_FLOW_IGRAPH };

struct pp_flownet;

int pp_flownet_new(struct pp_flownet **out);
void pp_flownet_free(struct pp_flownet *net);

/* Start a new network with NV vertices and no arcs (reuses memory). */
int pp_flownet_reset(struct pp_flownet *net, int nv);

/*
 * Add arc u -> v with 0 <= lb <= ub (ub may be PP_FLOW_INF) and a starting
 * flow guess f0 (clamped to [lb, ub]): a warm start from a similar network's
 * flow leaves little to augment.  Any guess gives the same cut, since the
 * set reachable from s in the residual of a maximum flow is the same for
 * every maximum flow.  Returns the arc index or a negative PP_E* code.
 */
long pp_flownet_arc(struct pp_flownet *net, int u, int v, int64_t lb,
                    int64_t ub, int64_t f0);

/*
 * Minimum cut between S and T.  On PP_OK, side[v] is 1 for vertices on the
 * source side (reachable from S through residual capacity > THRESHOLD), 0
 * otherwise, and *value (if not NULL) is the flow value (capped at
 * PP_FLOW_INF).  Returns 1 if no feasible flow exists (lower bounds cannot
 * be met), PP_ENOMEM, or PP_ESOLVER (igraph failure).  side must hold nv
 * entries.
 */
int pp_flownet_mincut(struct pp_flownet *net, int s, int t, int64_t threshold,
                      enum pp_flow_backend backend, unsigned char *side,
                      int64_t *value, struct pp_error *err);

/* Flow on arc A after pp_flownet_mincut (lb <= flow <= ub). */
int64_t pp_flownet_flow(const struct pp_flownet *net, long a);

#endif
