/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mcf_lemon.cc - minimum-cost circulation with LEMON (mcf.h), the
 * cross-check of mcf.c.
 *
 * The only C++ in the project: it copies the arrays into a LEMON
 * SmartDigraph, runs CostScaling (Goldberg and Tarjan, "Finding minimum-cost
 * circulations by successive approximation", Mathematics of Operations
 * Research 15(3), 1990, doi:10.1287/moor.15.3.430; O(n^2 m log(n C)) for the
 * push variant, LEMON's default partial augment-relabel has the same bound)
 * or NetworkSimplex (block search pivots; exponential worst case), and
 * copies flows and potentials back.  LEMON's CostScaling ends by fixing its
 * potentials with Bellman-Ford on the residual network whenever the scaled
 * ones are not exactly optimal, so POT satisfies complementary slackness
 * exactly (integer costs).  Every exception (std::bad_alloc, anything
 * else) is caught here.
 *
 * LEMON 1.3.1's CostScaling is for benches only: its price refinement
 * (cost_scaling.h, priceRefinement) files a node in bucket rank(u) +
 * floor(-rc / eps), checking each term against the bucket array's size
 * (alpha x nodes) but not their sum along a path of the admissible
 * network, and so writes past the array: AddressSanitizer reports a
 * heap-buffer-overflow at cost_scaling.h:1076 on random 22-instruction
 * deadline networks.  Network simplex is the cross-check in the tests.
 */
#include "mcf.h"

#include <new>

/* GCC 12 warns that SmartDigraph's addNode/addArc push a node record with
 * uninitialised padding (inside LEMON's headers, harmless). */
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

namespace {

typedef lemon::SmartDigraph Graph;

template <class Alg>
int run(Alg &alg, const Graph &g, const Graph::ArcMap<long long> &cap,
        const Graph::ArcMap<long long> &cost, size_t narcs, int32_t nnodes,
        int64_t *flow, int64_t *pot)
{
    alg.upperMap(cap).costMap(cost);
    if (alg.run() != Alg::OPTIMAL)
        return PP_MCF_FAILED;
    for (size_t a = 0; a < narcs; a++)
        flow[a] = alg.flow(g.arcFromId((int)a));
    for (int32_t v = 0; v < nnodes; v++)
        pot[v] = alg.potential(g.nodeFromId(v));
    return PP_MCF_OK;
}

} // namespace

extern "C" int pp_mcf_lemon_solve(enum pp_mcf_method method, int32_t nnodes,
                                  size_t narcs, const int32_t *tail,
                                  const int32_t *head, const int64_t *cap,
                                  const int64_t *cost, int64_t *flow,
                                  int64_t *pot)
{
    try {
        Graph g;
        g.reserveNode(nnodes);
        g.reserveArc((int)narcs);
        for (int32_t v = 0; v < nnodes; v++)
            g.addNode();
        for (size_t a = 0; a < narcs; a++)
            g.addArc(g.nodeFromId(tail[a]), g.nodeFromId(head[a]));
        Graph::ArcMap<long long> c(g), w(g);
        for (size_t a = 0; a < narcs; a++) {
            Graph::Arc arc = g.arcFromId((int)a);
            c[arc] = cap[a];
            w[arc] = cost[a];
        }
        if (method == PP_MCF_LEMON_NETWORK_SIMPLEX) {
            lemon::NetworkSimplex<Graph, long long, long long> ns(g);
            return run(ns, g, c, w, narcs, nnodes, flow, pot);
        }
        if (method != PP_MCF_LEMON_COST_SCALING)
            return PP_MCF_INVALID;
        lemon::CostScaling<Graph, long long, long long> cs(g);
        return run(cs, g, c, w, narcs, nnodes, flow, pot);
    } catch (const std::bad_alloc &) {
        return PP_MCF_NOMEM;
    } catch (...) {
        return PP_MCF_FAILED;
    }
}
