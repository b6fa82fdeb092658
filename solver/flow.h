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
 * Method: (1) a feasible flow by the classic reduction, starting from each
 * arc's warm-start flow clamped to its bounds (residuals ub - flow and
 * flow - lb, a super source/sink carrying each vertex's imbalance of those
 * flows, an arc t -> s of unbounded capacity; feasible iff the super arcs
 * saturate); (2) drop t -> s and augment s -> t to a maximum flow on the
 * residual network; (3) the cut is the set reachable from s through arcs
 * with residual capacity > threshold.
 *
 * The network persists between cuts: arcs can be re-bounded or switched off
 * and on (pp_flownet_bounds, pp_flownet_off, O(1) each), and the next cut
 * starts from the previous cut's flow without rebuilding anything; only the
 * vertices whose balance those changes broke (and s, t) get super arcs.  A
 * cut on a kept network does exactly what a cut on a network built afresh
 * from the arcs that are on (in index order, warm-started from the same
 * flows) does, step for step: same flow on every arc, same value and side.
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
#include "solver.h" /* enum pp_flow_backend */

#define PP_FLOW_INF ((int64_t)1 << 58)

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
 * every maximum flow.  The arc is on.  Returns the arc index or a negative
 * PP_E* code.  Adding an arc makes the next cut rebuild the network.
 */
long pp_flownet_arc(struct pp_flownet *net, int u, int v, int64_t lb,
                    int64_t ub, int64_t f0);

/*
 * Give arc A the bounds lb <= ub (0 <= lb; ub may be PP_FLOW_INF) and turn
 * it on.  Its current flow (the last cut's, or the one it had when turned
 * off, or f0), clamped to [lb, ub], is the warm start.  O(1): the network
 * built by the last cut is kept and only A's residuals change, so a cut
 * after a few changes costs no rebuild.  Returns PP_OK or PP_EINPUT.
 */
int pp_flownet_bounds(struct pp_flownet *net, long a, int64_t lb, int64_t ub);

/*
 * Take arc A out of the network (as if it had never been added) until
 * pp_flownet_bounds turns it on again; its flow is remembered as that
 * later warm start.  O(1).  Invalid or already-off arcs are ignored.
 */
void pp_flownet_off(struct pp_flownet *net, long a);

/*
 * Minimum cut between S and T over the arcs that are on.  On PP_OK, side[v]
 * is 1 for vertices on the source side (reachable from S through residual
 * capacity > THRESHOLD), 0 otherwise, and *value (if not NULL) is the flow
 * value (capped at PP_FLOW_INF); the flow found stays in the network as
 * the next cut's warm start.  Returns 1 if no feasible flow exists (lower
 * bounds cannot be met), PP_ENOMEM, or PP_ESOLVER (igraph failure); after
 * those the arcs keep the partial flow (clamped to their bounds) and the
 * next cut rebuilds the network.  The first cut after pp_flownet_reset or
 * pp_flownet_arc, or with another S or T, builds it: O(V + E).  side must
 * hold nv entries.
 */
int pp_flownet_mincut(struct pp_flownet *net, int s, int t, int64_t threshold,
                      enum pp_flow_backend backend, unsigned char *side,
                      int64_t *value, struct pp_error *err);

/*
 * The cut of pp_flownet_mincut with threshold 0 and Dinic's back end (the
 * same side and value: the set reachable from S is the same for every
 * maximum flow), found incrementally.  The source side is kept as a search
 * tree between calls; the arcs re-bounded or turned off since the last
 * call only open residual capacity out of it (a depth-first probe from
 * each such arc either reaches T, or a vertex from which a path to T an
 * earlier probe found still has residual capacity, and the call augments;
 * or its vertices join the tree) or cut tree arcs (orphans are re-parented or leave, as in
 * Boykov and Kolmogorov's algorithm), so a call costs about what changed,
 * not the network.  SIDE must be the array the
 * last call filled, unchanged since.  On PP_OK, *changed lists the
 * *nchanged vertices whose side changed, or *nchanged is -1 when the call computed the cut afresh: the first
 * call, after a change that unbalanced a vertex other than S and T (its
 * flow no longer conserves), or after any pp_flownet_mincut.  The list
 * stays valid until the next call.  Returns as pp_flownet_mincut.
 */
int pp_flownet_recut(struct pp_flownet *net, int s, int t,
                     unsigned char *side, int64_t *value, const int **changed,
                     long *nchanged, struct pp_error *err);

/* Flow on arc A: after a feasible pp_flownet_mincut lb <= flow <= ub for an
 * arc that is on; for one that is off, the flow it had when turned off. */
int64_t pp_flownet_flow(const struct pp_flownet *net, long a);

#endif
