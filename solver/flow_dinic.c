/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow_dinic.c - a feasible flow with lower bounds and a maximum flow:
 * the dirty vertices' super arcs (S -> v for a surplus, v -> T for a
 * deficit) and Dinic's algorithm (E. A. Dinic, "Algorithm for solution of
 * a problem of maximum flow in networks with power estimation", Soviet
 * Math. Doklady 11, 1970; O(V^2 E)) on the residual network of flow.c,
 * then the source side of the cut.
 */
#include "flow_internal.h"

#include <stdlib.h>
#include <string.h>

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/*
 * Give the dirty vertices their super arcs (S -> v carrying a surplus,
 * v -> T a deficit), S's segment in vertex order, and open t -> s; returns
 * the surplus to route.  O(D log D) for D dirty vertices.
 */
int64_t fl_open_super(struct pp_flownet *net, int s, int t)
{
    int nv = net->nv, S = nv;
    fl_unbalance(net, s, 0);
    fl_unbalance(net, t, 0);
    qsort(net->dirty, (size_t)net->ndirty, sizeof *net->dirty, by_int);
    size_t end = net->adj_off[S];
    int64_t need = 0;
    for (int i = 0; i < net->ndirty; i++) {
        int v = net->dirty[i];
        size_t q = net->vsup[v];
        int64_t b = net->bal[v];
        net->hcap[q] = 0;
        net->hcap[q + 1] = b < 0 ? -b : 0;
        net->hcap[net->hrev[q + 1]] = 0;
        if (b > 0) {
            net->hto[end] = v;
            net->hcap[end] = b;
            net->hrev[end] = q;
            net->hrev[q] = end;
            net->harc[end] = -1;
            end++;
            need += b;
        }
    }
    net->adj_off[S + 1] = net->adj_off[S + 2] = end;
    net->hcap[net->ts] = PP_FLOW_INF;
    net->hcap[net->hrev[net->ts]] = 0;
    return need;
}

/* Net flow out of v over the arcs that are on. */
int64_t fl_out_flow(const struct pp_flownet *net, int v)
{
    int64_t f = 0;
    for (size_t p = net->adj_off[v]; p < net->adj_off[v + 1]; p++) {
        long a = net->harc[p];
        if (a < 0 || !net->aon[a])
            continue;
        f += net->apos[a] == p ? fl_arc_flow(net, (size_t)a)
                               : -fl_arc_flow(net, (size_t)a);
    }
    return f;
}

/*
 * After a feasible cut: empty the super arcs.  The flow now conserves at
 * every vertex but s and t (phase 1 saturated every super arc, and no s-t
 * path can use them), so only those keep an imbalance.
 */
void fl_close_super(struct pp_flownet *net, int s, int t)
{
    int S = net->nv;
    for (int i = 0; i < net->ndirty; i++) {
        int v = net->dirty[i];
        size_t q = net->vsup[v];
        net->hcap[q] = net->hcap[q + 1] = 0;
        net->hcap[net->hrev[q + 1]] = 0;
        net->bal[v] = 0;
        net->mark[v] = 0;
    }
    for (size_t p = net->adj_off[S]; p < net->adj_off[S + 1]; p++)
        net->hcap[p] = 0;
    net->ndirty = 0;
    net->adj_off[S + 1] = net->adj_off[S + 2] = net->adj_off[S];
    net->bal[s] = -fl_out_flow(net, s);
    net->bal[t] = -fl_out_flow(net, t);
}

/*
 * After a feasible cut and its side: back to the residuals the bounds give
 * (and flows clamped to them) for the arcs fl_push() marked, as a rebuild
 * would start the next cut.
 */
void fl_restore_big(struct pp_flownet *net)
{
    for (size_t i = 0; i < net->nbig; i++) {
        size_t k = net->big[i];
        net->abig[k] = 0;
        if (net->aon[k]) {
            int64_t f = fl_arc_flow(net, k);
            fl_set_arc(net, k, fl_clamp(f, net->alb[k], net->aub[k]), f);
        }
    }
    net->nbig = 0;
}

/*
 * Move f units of flow along half-arc p.  A cut must start with the
 * residuals the bounds give (u -> v of an unbounded arc exactly
 * PP_FLOW_INF), as if the network were built afresh: a residual near
 * PP_FLOW_INF that a cut changes marks its arc, and close_super restores
 * it.  Residuals far below never need it (they stay ub - flow).
 */
void fl_push(struct pp_flownet *net, size_t p, int64_t f)
{
    size_t r = net->hrev[p];
    int64_t before = net->hcap[p];
    net->hcap[p] -= f;
    net->hcap[r] += f;
    if (before >= PP_FLOW_INF / 2 || net->hcap[r] >= PP_FLOW_INF / 2) {
        long a = net->harc[p];
        if (a >= 0 && !net->abig[a]) {
            net->abig[a] = 1;
            net->big[net->nbig++] = (size_t)a;
        }
    }
}

/*
 * Levels from s through positive residual capacity, up to t's level.  Only
 * the vertices the previous search queued can have a level: resetting those
 * keeps a search proportional to what it visits, not to the network.
 */
static int bfs_levels(struct pp_flownet *net, int s, int t)
{
    for (int k = 0; k < net->nq; k++)
        net->level[net->queue[k]] = -1;
    int qh = 0, qt = 0;
    net->level[s] = 0;
    net->queue[qt++] = s;
    while (qh < qt) {
        int u = net->queue[qh++];
        if (net->level[t] >= 0 && net->level[u] >= net->level[t])
            break;
        for (size_t h = net->adj_off[u]; h < net->adj_off[u + 1]; h++) {
            int v = net->hto[h];
            if (net->hcap[h] > 0 && net->level[v] < 0) {
                net->level[v] = net->level[u] + 1;
                net->queue[qt++] = v;
            }
        }
    }
    net->nq = qt;
    return net->level[t] >= 0;
}

/*
 * A blocking flow in the level graph by iterative DFS: after each
 * augmentation the search resumes at the tail of the first saturated arc, and
 * dead ends leave the level graph, so one phase costs O(V E) at worst.
 */
static int64_t blocking_flow(struct pp_flownet *net, int s, int t,
                             int64_t lim)
{
    int64_t total = 0;
    size_t d = 0;
    int u = s;
    while (total < lim) {
        if (u == t) {
            int64_t f = lim - total;
            size_t b = 0;
            for (size_t i = 0; i < d; i++)
                if (net->hcap[net->path[i]] < f) {
                    f = net->hcap[net->path[i]];
                    b = i;
                }
            for (size_t i = 0; i < d; i++) {
                fl_push(net, net->path[i], f);
            }
            total += f;
            d = b;
            u = net->hto[net->hrev[net->path[b]]];
            continue;
        }
        size_t h = net->iter[u], end = net->adj_off[u + 1];
        int want = net->level[u] + 1;
        for (; h < end; h++)
            if (net->hcap[h] > 0 && net->level[net->hto[h]] == want)
                break;
        net->iter[u] = h;
        if (h < end) {
            net->path[d++] = h;
            u = net->hto[h];
        } else {
            net->level[u] = -1;
            if (d == 0)
                break;
            h = net->path[--d];
            u = net->hto[net->hrev[h]];
            net->iter[u]++;
        }
    }
    return total;
}

/*
 * Augment from s to t until no augmenting path is left or the flow reaches
 * limit.  When it stops for want of a path, level[v] >= 0 exactly for the
 * vertices reachable from s through positive residual capacity (the last
 * BFS found no path to t, so it ran to completion).
 */
int64_t fl_dinic(struct pp_flownet *net, int s, int t, int64_t limit)
{
    int64_t total = 0;
    while (total < limit && bfs_levels(net, s, t)) {
        /* the blocking flow only visits vertices with a level */
        for (int k = 0; k < net->nq; k++)
            net->iter[net->queue[k]] = net->adj_off[net->queue[k]];
        total += blocking_flow(net, s, t, limit - total);
    }
    return total;
}


/*
 * side[v] = 1 for the vertices reachable from s through residual >
 * threshold.  When Dinic's last search ran to completion with threshold 0
 * (have_levels), it has found that set already.
 */
void fl_source_side(struct pp_flownet *net, int s, int64_t threshold,
                        int have_levels, unsigned char *side)
{
    if (have_levels) {
        for (int v = 0; v < net->nv; v++)
            side[v] = net->level[v] >= 0;
        return;
    }
    /* the queue is reused below: clear the levels it records first */
    for (int k = 0; k < net->nq; k++)
        net->level[net->queue[k]] = -1;
    net->nq = 0;
    memset(side, 0, (size_t)net->nv);
    int qh = 0, qt = 0;
    side[s] = 1;
    net->queue[qt++] = s;
    while (qh < qt) {
        int u = net->queue[qh++];
        for (size_t h = net->adj_off[u]; h < net->adj_off[u + 1]; h++) {
            int v = net->hto[h];
            if (v < net->nv && !side[v] && net->hcap[h] > threshold) {
                side[v] = 1;
                net->queue[qt++] = v;
            }
        }
    }
}

