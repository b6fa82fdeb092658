/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow.c - minimum cut with arc lower bounds (see flow.h for the method).
 *
 * Residual network.  Every arc is a pair of half-arcs: user arc k is
 * u -> v (residual ub - flow) and v -> u (residual flow - lb); then come
 * the pair t -> s and, for every vertex v, the super pairs S -> v and
 * v -> T (S = nv, T = nv + 1).  This order (user arcs by index, t -> s,
 * super pairs by vertex) is the logical order.  Half-arcs are stored at
 * their position in a CSR by tail: hto[p], hcap[p] and hrev[p] (the
 * position of p's pair) for p in adj_off[u] .. adj_off[u+1]-1 are the
 * half-arcs leaving u, in logical order, so a scan of u's arcs reads
 * memory sequentially.  S's segment is rewritten per cut with the vertices
 * that have a surplus (in vertex order); T's is empty, since no search
 * expands T, and its half-arcs T -> v sit past the end, at tbase + v.
 *
 * An arc that is off has residual 0 both ways, as have the super pairs of a
 * balanced vertex, so they carry no flow and every scan skips them: the
 * searches and augmenting paths are exactly those of a network holding only
 * the arcs that are on and the super arcs that carry an imbalance.
 *
 * Between cuts the network is kept: pp_flownet_bounds and pp_flownet_off
 * rewrite the residuals of one arc and record the imbalance they create at
 * its endpoints (bal[], the dirty list), and the next cut gives only those
 * vertices super arcs.  Between cuts every vertex other than s and t is
 * balanced (the last cut's flow conserves there), so a cut after a few
 * changes costs the searches, not a rebuild.
 *
 * The parts: this file holds the network, its arcs and bounds, the
 * residual network's build and the cut driver (pp_flownet_mincut);
 * flow_dinic.c the feasible flow and Dinic's maximum flow, flow_igraph.c
 * igraph's as a cross-check, flow_recut.c the cut kept between steps.
 */
#include "flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pp_flownet_new(struct pp_flownet **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? PP_OK : PP_ENOMEM;
}

void pp_flownet_free(struct pp_flownet *net)
{
    if (!net)
        return;
    free(net->au);
    free(net->av);
    free(net->alb);
    free(net->aub);
    free(net->af);
    free(net->aon);
    free(net->apos);
    free(net->arev);
    free(net->vsup);
    free(net->hto);
    free(net->hcap);
    free(net->hrev);
    free(net->harc);
    free(net->adj_off);
    free(net->iter);
    free(net->level);
    free(net->queue);
    free(net->path);
    free(net->bal);
    free(net->dirty);
    free(net->mark);
    free(net->big);
    free(net->abig);
    free(net->par);
    free(net->stamp);
    free(net->fstamp);
    free(net->seen);
    free(net->dpar);
    free(net->tpar);
    free(net->stk);
    free(net->vis);
    free(net->dist);
    free(net->act);
    free(net->aq);
    free(net->orph);
    free(net->chg);
    free(net->chgm);
    free(net->tch);
    free(net->atch);
    free(net);
}

int pp_flownet_reset(struct pp_flownet *net, int nv)
{
    net->nv = nv;
    net->na = 0;
    net->built = 0;
    return PP_OK;
}

#define GROW(p, n)                                                          \
    do {                                                                    \
        void *g_ = realloc((p), (n) * sizeof *(p));                         \
        if (!g_)                                                            \
            return PP_ENOMEM;                                               \
        (p) = g_;                                                           \
    } while (0)

static int grow_arcs(struct pp_flownet *net, size_t need)
{
    if (need <= net->cap_a)
        return PP_OK;
    size_t c = net->cap_a ? 2 * net->cap_a : 256;
    while (c < need)
        c *= 2;
    GROW(net->au, c);
    GROW(net->av, c);
    GROW(net->alb, c);
    GROW(net->aub, c);
    GROW(net->af, c);
    GROW(net->aon, c);
    GROW(net->apos, c);
    GROW(net->arev, c);
    GROW(net->big, c);
    GROW(net->abig, c);
    GROW(net->tch, c);
    GROW(net->atch, c);
    net->cap_a = c;
    return PP_OK;
}

int64_t fl_clamp(int64_t f, int64_t lb, int64_t ub)
{
    return f < lb ? lb : f > ub ? ub : f;
}

long pp_flownet_arc(struct pp_flownet *net, int u, int v, int64_t lb,
                    int64_t ub, int64_t f0)
{
    size_t k = net->na;
    if (u < 0 || v < 0 || u >= net->nv || v >= net->nv || u == v || lb < 0 ||
        ub < lb)
        return PP_EINPUT;
    if (k == net->cap_a && grow_arcs(net, k + 1))
        return PP_ENOMEM;
    if (ub > PP_FLOW_INF)
        ub = PP_FLOW_INF;
    net->au[k] = u;
    net->av[k] = v;
    net->alb[k] = lb;
    net->aub[k] = ub;
    net->af[k] = fl_clamp(f0, lb, ub);
    net->aon[k] = 1;
    net->abig[k] = 0;
    net->atch[k] = 0;
    net->na = k + 1;
    net->built = 0;
    return (long)k;
}

/* Current flow on arc k. */
int64_t fl_arc_flow(const struct pp_flownet *net, size_t k)
{
    if (net->built && net->aon[k])
        return net->alb[k] + net->hcap[net->arev[k]];
    return net->af[k];
}

/* Record that the flow into v changed by df. */
void fl_unbalance(struct pp_flownet *net, int v, int64_t df)
{
    net->bal[v] += df;
    if (!net->mark[v]) {
        net->mark[v] = 1;
        net->dirty[net->ndirty++] = v;
    }
}

/* Note arc k's residuals changed, for the next incremental cut. */
static void touch(struct pp_flownet *net, size_t k)
{
    if (net->tree && !net->atch[k]) {
        net->atch[k] = 1;
        net->tch[net->ntch++] = k;
    }
}

/* Arc k (on) now carries flow f; account the change from old. */
void fl_set_arc(struct pp_flownet *net, size_t k, int64_t f, int64_t old)
{
    int64_t ub = net->aub[k];
    net->hcap[net->apos[k]] = ub >= PP_FLOW_INF ? PP_FLOW_INF : ub - f;
    net->hcap[net->arev[k]] = f - net->alb[k];
    if (f != old) {
        fl_unbalance(net, net->av[k], f - old);
        fl_unbalance(net, net->au[k], old - f);
    }
}

int pp_flownet_bounds(struct pp_flownet *net, long a, int64_t lb, int64_t ub)
{
    if (a < 0 || (size_t)a >= net->na || lb < 0 || ub < lb)
        return PP_EINPUT;
    size_t k = (size_t)a;
    if (ub > PP_FLOW_INF)
        ub = PP_FLOW_INF;
    int on = net->aon[k];
    int64_t f = fl_arc_flow(net, k), f0 = fl_clamp(f, lb, ub);
    net->alb[k] = lb;
    net->aub[k] = ub;
    net->aon[k] = 1;
    if (net->built) {
        fl_set_arc(net, k, f0, on ? f : 0);
        touch(net, k);
    } else
        net->af[k] = f0;
    return PP_OK;
}

void pp_flownet_off(struct pp_flownet *net, long a)
{
    size_t k = (size_t)a;
    if (a < 0 || k >= net->na || !net->aon[k])
        return;
    if (net->built) {
        int64_t f = fl_arc_flow(net, k);
        net->af[k] = f;
        net->hcap[net->apos[k]] = net->hcap[net->arev[k]] = 0;
        touch(net, k);
        if (f) {
            fl_unbalance(net, net->av[k], -f);
            fl_unbalance(net, net->au[k], f);
        }
    }
    net->aon[k] = 0;
}

/* Forget the search tree: the next incremental cut starts afresh. */
void fl_untree(struct pp_flownet *net)
{
    for (size_t i = 0; i < net->ntch; i++)
        net->atch[net->tch[i]] = 0;
    net->ntch = 0;
    net->tree = 0;
}

/* Leave residual form: flows back to af[], the next cut rebuilds. */
void fl_unbuild(struct pp_flownet *net)
{
    if (!net->built)
        return;
    for (size_t k = 0; k < net->na; k++)
        if (net->aon[k])
            net->af[k] = fl_clamp(net->alb[k] + net->hcap[net->arev[k]],
                               net->alb[k], net->aub[k]);
    for (int i = 0; i < net->ndirty; i++)
        net->mark[net->dirty[i]] = 0;
    net->ndirty = 0;
    for (size_t i = 0; i < net->nbig; i++)
        net->abig[net->big[i]] = 0;
    net->nbig = 0;
    fl_untree(net);
    net->built = 0;
}

static int alloc_network(struct pp_flownet *net)
{
    size_t nrv = (size_t)net->nv + 2;
    size_t maxh = 2 * (net->na + 1) + 4 * (size_t)net->nv;
    if (nrv + 1 > (size_t)net->cap_v) {
        size_t c = nrv + 1;
        GROW(net->adj_off, c + 1);
        GROW(net->iter, c);
        GROW(net->level, c);
        GROW(net->queue, c);
        GROW(net->path, c);
        GROW(net->bal, c);
        GROW(net->dirty, c);
        GROW(net->mark, c);
        GROW(net->vsup, c);
        GROW(net->par, c);
        GROW(net->stamp, c);
        GROW(net->fstamp, c);
        GROW(net->seen, c);
        GROW(net->dpar, c);
        GROW(net->tpar, c);
        GROW(net->stk, c);
        GROW(net->vis, c);
        GROW(net->dist, c);
        GROW(net->act, c);
        GROW(net->aq, c);
        GROW(net->orph, c);
        GROW(net->chg, c);
        GROW(net->chgm, c);
        net->cap_v = (int)c;
    }
    if (maxh > net->cap_h) {
        size_t c = maxh * 2;
        GROW(net->hto, c);
        GROW(net->hcap, c);
        GROW(net->hrev, c);
        GROW(net->harc, c);
        net->cap_h = c;
    }
    return PP_OK;
}

/* Place the pair u -> v, v -> u at the next free positions of u and v (the
 * cursors iter[]); returns the position of u -> v. */
static size_t place_pair(struct pp_flownet *net, int u, int v, long arc)
{
    size_t p = net->iter[u]++, q = net->iter[v]++;
    net->hto[p] = v;
    net->hto[q] = u;
    net->hrev[p] = q;
    net->hrev[q] = p;
    net->hcap[p] = net->hcap[q] = 0;
    net->harc[p] = net->harc[q] = arc;
    return p;
}

/*
 * Build the residual network of the arcs that are on, carrying the flows
 * af[], with source s and sink t: O(V + E).  The super arcs stay at 0;
 * every vertex the flows leave unbalanced is dirty.
 */
int fl_build(struct pp_flownet *net, int s, int t)
{
    int nv = net->nv, S = nv, T = nv + 1;
    if (alloc_network(net))
        return PP_ENOMEM;
    /* segment sizes: user pairs, t -> s, v -> S and v -> T */
    size_t *off = net->adj_off;
    memset(off, 0, ((size_t)nv + 3) * sizeof *off);
    for (size_t k = 0; k < net->na; k++) {
        off[net->au[k] + 1]++;
        off[net->av[k] + 1]++;
    }
    off[s + 1]++;
    off[t + 1]++;
    for (int v = 0; v < nv; v++)
        off[v + 1] += off[v] + 2;
    off[S + 1] = off[T + 1] = off[S];
    net->tbase = off[S] + (size_t)nv;
    net->nh = net->tbase + (size_t)nv;
    memcpy(net->iter, off, ((size_t)nv + 1) * sizeof *net->iter);
    net->iter[T] = net->tbase;
    /* in logical order, so each segment is in logical order */
    for (size_t k = 0; k < net->na; k++) {
        net->apos[k] = place_pair(net, net->au[k], net->av[k], (long)k);
        net->arev[k] = net->hrev[net->apos[k]];
    }
    net->ts = place_pair(net, t, s, -1);
    for (int v = 0; v < nv; v++) {
        net->iter[S] = off[S]; /* S -> v: placed per cut */
        net->vsup[v] = net->hrev[place_pair(net, S, v, -1)];
        place_pair(net, v, T, -1);
    }
    memset(net->bal, 0, (size_t)nv * sizeof *net->bal);
    memset(net->mark, 0, (size_t)nv);
    memset(net->act, 0, (size_t)nv);
    memset(net->chgm, 0, (size_t)nv);
    memset(net->stamp, 0, (size_t)nv * sizeof *net->stamp);
    memset(net->fstamp, 0, (size_t)nv * sizeof *net->fstamp);
    memset(net->seen, 0, (size_t)nv * sizeof *net->seen);
    net->now = 0;
    net->fails = 1;
    net->pmark = 0;
    net->ndirty = 0;
    net->built = 1;
    net->bs = s;
    net->bt = t;
    for (size_t k = 0; k < net->na; k++)
        if (net->aon[k])
            fl_set_arc(net, k, net->af[k], 0);
    for (int v = 0; v < nv + 2; v++)
        net->level[v] = -1;
    net->nq = 0;
    return PP_OK;
}

int pp_flownet_mincut(struct pp_flownet *net, int s, int t, int64_t threshold,
                      enum pp_flow_backend backend, unsigned char *side,
                      int64_t *value, struct pp_error *err)
{
    int64_t need, got = 0, more = 0;
    int rc;
    if (s < 0 || t < 0 || s >= net->nv || t >= net->nv || s == t)
        return pp_error_set(err, PP_EINPUT, "bad source or sink vertex");
    if (net->built && (net->bs != s || net->bt != t))
        fl_unbuild(net);
    if (!net->built && (rc = fl_build(net, s, t)))
        return rc == PP_ENOMEM ? pp_error_nomem(err) : rc;
    fl_untree(net);
    need = fl_open_super(net, s, t);
    int S = net->nv, T = net->nv + 1;
    if (backend == PP_FLOW_IGRAPH) {
        if ((rc = fl_igraph_flow(net, S, T, &got, err))) {
            fl_unbuild(net);
            return rc;
        }
    } else {
        got = fl_dinic(net, S, T, need);
    }
    if (got < need) {
        fl_unbuild(net);
        return 1;
    }
    /* Drop t -> s: its flow becomes the s-t flow value found so far. */
    net->hcap[net->ts] = 0;
    net->hcap[net->hrev[net->ts]] = 0;
    if (backend == PP_FLOW_IGRAPH) {
        if ((rc = fl_igraph_flow(net, s, t, &more, err))) {
            fl_unbuild(net);
            return rc;
        }
    } else {
        more = fl_dinic(net, s, t, PP_FLOW_INF);
    }
    fl_close_super(net, s, t);
    if (value) {
        /* net flow out of s over the network's own arcs */
        int64_t v = -net->bal[s];
        *value = v > PP_FLOW_INF || more >= PP_FLOW_INF ? PP_FLOW_INF : v;
    }
    fl_source_side(net, s, threshold,
                backend == PP_FLOW_DINIC && threshold == 0 &&
                    more < PP_FLOW_INF,
                side);
    fl_restore_big(net);
    return PP_OK;
}

int64_t pp_flownet_flow(const struct pp_flownet *net, long a)
{
    return fl_arc_flow(net, (size_t)a);
}

