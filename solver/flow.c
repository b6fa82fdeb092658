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
 */
#include "flow.h"

#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pp_flownet {
    int nv;
    size_t na, cap_a;
    int *au, *av;
    int64_t *alb, *aub;
    int64_t *af;          /* flow of an arc off, or of every arc unbuilt */
    unsigned char *aon;   /* arc is on (part of the network) */
    /* residual network, valid while built (for source bs, sink bt) */
    int built, bs, bt;
    size_t *apos, *arev;  /* per arc: positions of u -> v and v -> u */
    size_t ts;            /* position of t -> s */
    size_t *vsup;         /* per vertex: position of v -> S (v -> T next) */
    size_t tbase;         /* T -> v is at tbase + v */
    size_t nh, cap_h;
    int *hto;
    int64_t *hcap;
    size_t *hrev;
    long *harc;           /* per position: its user arc, or -1 */
    int cap_v;
    size_t *adj_off, *iter;
    int *level, *queue;
    int nq;  /* vertices queued by the last search: the only level >= 0 */
    size_t *path;
    /* per vertex: flow in - flow out over the arcs that are on; between
     * cuts 0 except at the dirty vertices and at bs, bt */
    int64_t *bal;
    int *dirty;
    unsigned char *mark;
    int ndirty;
    /* arcs whose residual went near PP_FLOW_INF this cut (see push) */
    size_t *big;
    unsigned char *abig;
    size_t nbig;
    /* incremental cuts (pp_flownet_recut): the source side kept as a
     * search tree, valid while tree is set */
    int tree;
    unsigned char *side;  /* the caller's side array the tree describes */
    size_t *par;          /* per source-side vertex: the half-arc from its
                             parent (NOPAR for s and orphans) */
    unsigned *stamp;      /* per vertex: when dist was last verified */
    int *dist;            /* per vertex: tree depth, valid if stamp == now */
    unsigned now;
    unsigned *fstamp;     /* per vertex: its parent chain met an orphan, if
                             fstamp == fails (no orphan adopted since) */
    unsigned fails;
    unsigned *seen;       /* per vertex: reached by the probe of this mark */
    unsigned pmark;
    size_t *dpar;         /* per vertex: the half-arc a probe reached it by */
    size_t *tpar;         /* per vertex off the source side: the half-arc
                             to the next vertex of a path to t an earlier
                             probe found, or NOPAR; checked before use */
    int *stk, *vis;       /* a probe's path, and all it reached */
    unsigned char *act;   /* per vertex: in the active queue aq */
    int *aq, *orph, *chg;
    unsigned char *chgm;  /* per vertex: 0, or listed in chg with its side
                             before the cut + 1 */
    int norph, nchg;
    size_t *tch;          /* arcs re-bounded or turned off since the last
                             cut (while tree is set) */
    unsigned char *atch;
    size_t ntch;
};

#define NOPAR ((size_t)-1)

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

static int64_t clamp(int64_t f, int64_t lb, int64_t ub)
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
    net->af[k] = clamp(f0, lb, ub);
    net->aon[k] = 1;
    net->abig[k] = 0;
    net->atch[k] = 0;
    net->na = k + 1;
    net->built = 0;
    return (long)k;
}

/* Current flow on arc k. */
static int64_t arc_flow(const struct pp_flownet *net, size_t k)
{
    if (net->built && net->aon[k])
        return net->alb[k] + net->hcap[net->arev[k]];
    return net->af[k];
}

/* Record that the flow into v changed by df. */
static void unbalance(struct pp_flownet *net, int v, int64_t df)
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
static void set_arc(struct pp_flownet *net, size_t k, int64_t f, int64_t old)
{
    int64_t ub = net->aub[k];
    net->hcap[net->apos[k]] = ub >= PP_FLOW_INF ? PP_FLOW_INF : ub - f;
    net->hcap[net->arev[k]] = f - net->alb[k];
    if (f != old) {
        unbalance(net, net->av[k], f - old);
        unbalance(net, net->au[k], old - f);
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
    int64_t f = arc_flow(net, k), f0 = clamp(f, lb, ub);
    net->alb[k] = lb;
    net->aub[k] = ub;
    net->aon[k] = 1;
    if (net->built) {
        set_arc(net, k, f0, on ? f : 0);
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
        int64_t f = arc_flow(net, k);
        net->af[k] = f;
        net->hcap[net->apos[k]] = net->hcap[net->arev[k]] = 0;
        touch(net, k);
        if (f) {
            unbalance(net, net->av[k], -f);
            unbalance(net, net->au[k], f);
        }
    }
    net->aon[k] = 0;
}

/* Forget the search tree: the next incremental cut starts afresh. */
static void untree(struct pp_flownet *net)
{
    for (size_t i = 0; i < net->ntch; i++)
        net->atch[net->tch[i]] = 0;
    net->ntch = 0;
    net->tree = 0;
}

/* Leave residual form: flows back to af[], the next cut rebuilds. */
static void unbuild(struct pp_flownet *net)
{
    if (!net->built)
        return;
    for (size_t k = 0; k < net->na; k++)
        if (net->aon[k])
            net->af[k] = clamp(net->alb[k] + net->hcap[net->arev[k]],
                               net->alb[k], net->aub[k]);
    for (int i = 0; i < net->ndirty; i++)
        net->mark[net->dirty[i]] = 0;
    net->ndirty = 0;
    for (size_t i = 0; i < net->nbig; i++)
        net->abig[net->big[i]] = 0;
    net->nbig = 0;
    untree(net);
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
static int build(struct pp_flownet *net, int s, int t)
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
            set_arc(net, k, net->af[k], 0);
    for (int v = 0; v < nv + 2; v++)
        net->level[v] = -1;
    net->nq = 0;
    return PP_OK;
}

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
static int64_t open_super(struct pp_flownet *net, int s, int t)
{
    int nv = net->nv, S = nv;
    unbalance(net, s, 0);
    unbalance(net, t, 0);
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
static int64_t out_flow(const struct pp_flownet *net, int v)
{
    int64_t f = 0;
    for (size_t p = net->adj_off[v]; p < net->adj_off[v + 1]; p++) {
        long a = net->harc[p];
        if (a < 0 || !net->aon[a])
            continue;
        f += net->apos[a] == p ? arc_flow(net, (size_t)a)
                               : -arc_flow(net, (size_t)a);
    }
    return f;
}

/*
 * After a feasible cut: empty the super arcs.  The flow now conserves at
 * every vertex but s and t (phase 1 saturated every super arc, and no s-t
 * path can use them), so only those keep an imbalance.
 */
static void close_super(struct pp_flownet *net, int s, int t)
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
    net->bal[s] = -out_flow(net, s);
    net->bal[t] = -out_flow(net, t);
}

/*
 * After a feasible cut and its side: back to the residuals the bounds give
 * (and flows clamped to them) for the arcs push() marked, as a rebuild
 * would start the next cut.
 */
static void restore_big(struct pp_flownet *net)
{
    for (size_t i = 0; i < net->nbig; i++) {
        size_t k = net->big[i];
        net->abig[k] = 0;
        if (net->aon[k]) {
            int64_t f = arc_flow(net, k);
            set_arc(net, k, clamp(f, net->alb[k], net->aub[k]), f);
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
static void push(struct pp_flownet *net, size_t p, int64_t f)
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
                push(net, net->path[i], f);
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
static int64_t dinic(struct pp_flownet *net, int s, int t, int64_t limit)
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

/* Positions of all half-arcs in logical order (see the top of the file);
 * S -> v exists only for a vertex with a surplus this cut. */
static size_t logical_order(const struct pp_flownet *net, size_t *out)
{
    size_t m = 0;
    for (size_t k = 0; k < net->na; k++) {
        out[m++] = net->apos[k];
        out[m++] = net->arev[k];
    }
    out[m++] = net->ts;
    out[m++] = net->hrev[net->ts];
    for (int v = 0; v < net->nv; v++) {
        size_t q = net->vsup[v];
        if (net->mark[v] && net->bal[v] > 0)
            out[m++] = net->hrev[q];
        out[m++] = q;
        out[m++] = q + 1;
        out[m++] = net->hrev[q + 1];
    }
    return m;
}

/*
 * The reason igraph gave for its last error in this thread.  igraph's
 * default error handler aborts, and a handler gets no pointer of ours, so
 * on_igraph_error() copies the reason here (igraph may free it once the
 * handler returns) and returns: the failing call then returns its error
 * code, which igraph_flow_run() turns into a message.
 */
static _Thread_local char igraph_reason[256];

static void on_igraph_error(const char *reason, const char *file, int line,
                            igraph_error_t code)
{
    (void)file, (void)line, (void)code;
    if (reason)
        snprintf(igraph_reason, sizeof igraph_reason, "%s", reason);
    IGRAPH_FINALLY_FREE();
}

/* Max flow with igraph on the half-arcs with positive residual, given in
 * logical order (the order the network had before it was kept between
 * cuts, so igraph sees the same graph); the flow found is applied to the
 * residual capacities.  Runs under igraph_flow()'s handlers. */
static int igraph_flow_run(struct pp_flownet *net, int s, int t,
                           int64_t *value, struct pp_error *err)
{
    igraph_vector_int_t edges;
    igraph_vector_t cap, flow;
    igraph_t g;
    igraph_real_t val = 0;
    size_t *map = NULL, *ord = NULL;
    int rc = PP_OK, have_g = 0;
    size_t m = 0;

    if (igraph_vector_int_init(&edges, 0))
        return pp_error_nomem(err);
    if (igraph_vector_init(&cap, 0)) {
        igraph_vector_int_destroy(&edges);
        return pp_error_nomem(err);
    }
    if (igraph_vector_init(&flow, 0)) {
        igraph_vector_int_destroy(&edges);
        igraph_vector_destroy(&cap);
        return pp_error_nomem(err);
    }
    map = malloc((net->nh + 1) * sizeof *map);
    ord = malloc((net->nh + 1) * sizeof *ord);
    if (!map || !ord) {
        rc = pp_error_nomem(err);
        goto out;
    }
    /* Doubles hold integers exactly only below 2^53: unbounded arcs get the
     * sum of all bounded residuals plus one, which no flow can exceed. */
    size_t nord = logical_order(net, ord);
    double big = 1.0;
    for (size_t i = 0; i < nord; i++) {
        int64_t c = net->hcap[ord[i]];
        if (c > 0 && c < PP_FLOW_INF / 2)
            big += (double)c;
    }
    for (size_t i = 0; i < nord; i++) {
        size_t h = ord[i];
        int from = net->hto[net->hrev[h]];
        /* arcs into the source or out of the sink carry no useful flow,
         * and igraph_maxflow's flow vector is unreliable with them */
        if (net->hcap[h] <= 0 || net->hto[h] == s || from == t)
            continue;
        if (igraph_vector_int_push_back(&edges, from) ||
            igraph_vector_int_push_back(&edges, net->hto[h]) ||
            igraph_vector_push_back(&cap, net->hcap[h] >= PP_FLOW_INF / 2
                                              ? big
                                              : (double)net->hcap[h])) {
            rc = pp_error_nomem(err);
            goto out;
        }
        map[m++] = h;
    }
    if (igraph_create(&g, &edges, net->nv + 2, IGRAPH_DIRECTED)) {
        rc = pp_error_set(err, PP_ESOLVER, "igraph_create failed: %s",
                          igraph_reason);
        goto out;
    }
    have_g = 1;
    if (igraph_maxflow(&g, &val, &flow, NULL, NULL, NULL, s, t, &cap, NULL)) {
        rc = pp_error_set(err, PP_ESOLVER, "igraph_maxflow failed: %s",
                          igraph_reason);
        goto out;
    }
    for (size_t e = 0; e < m; e++) {
        int64_t f = (int64_t)VECTOR(flow)[e];
        push(net, map[e], f);
    }
    *value = val >= big ? PP_FLOW_INF : (int64_t)val;
out:
    if (have_g)
        igraph_destroy(&g);
    free(map);
    free(ord);
    igraph_vector_destroy(&flow);
    igraph_vector_destroy(&cap);
    igraph_vector_int_destroy(&edges);
    return rc;
}

/*
 * igraph_flow_run() with igraph's handlers set for its calls only: errors
 * to on_igraph_error(), warnings ignored (a library prints nothing); the
 * caller's handlers, whatever they were, are put back afterwards.  These are
 * the project's only igraph calls.
 */
static int igraph_flow(struct pp_flownet *net, int s, int t, int64_t *value,
                       struct pp_error *err)
{
    igraph_error_handler_t *old_error =
        igraph_set_error_handler(on_igraph_error);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(igraph_warning_handler_ignore);

    snprintf(igraph_reason, sizeof igraph_reason, "no reason given");
    int rc = igraph_flow_run(net, s, t, value, err);
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old_error);
    return rc;
}

/*
 * side[v] = 1 for the vertices reachable from s through residual >
 * threshold.  When Dinic's last search ran to completion with threshold 0
 * (have_levels), it has found that set already.
 */
static void source_side(struct pp_flownet *net, int s, int64_t threshold,
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

int pp_flownet_mincut(struct pp_flownet *net, int s, int t, int64_t threshold,
                      enum pp_flow_backend backend, unsigned char *side,
                      int64_t *value, struct pp_error *err)
{
    int64_t need, got = 0, more = 0;
    int rc;
    if (s < 0 || t < 0 || s >= net->nv || t >= net->nv || s == t)
        return pp_error_set(err, PP_EINPUT, "bad source or sink vertex");
    if (net->built && (net->bs != s || net->bt != t))
        unbuild(net);
    if (!net->built && (rc = build(net, s, t)))
        return rc == PP_ENOMEM ? pp_error_nomem(err) : rc;
    untree(net);
    need = open_super(net, s, t);
    int S = net->nv, T = net->nv + 1;
    if (backend == PP_FLOW_IGRAPH) {
        if ((rc = igraph_flow(net, S, T, &got, err))) {
            unbuild(net);
            return rc;
        }
    } else {
        got = dinic(net, S, T, need);
    }
    if (got < need) {
        unbuild(net);
        return 1;
    }
    /* Drop t -> s: its flow becomes the s-t flow value found so far. */
    net->hcap[net->ts] = 0;
    net->hcap[net->hrev[net->ts]] = 0;
    if (backend == PP_FLOW_IGRAPH) {
        if ((rc = igraph_flow(net, s, t, &more, err))) {
            unbuild(net);
            return rc;
        }
    } else {
        more = dinic(net, s, t, PP_FLOW_INF);
    }
    close_super(net, s, t);
    if (value) {
        /* net flow out of s over the network's own arcs */
        int64_t v = -net->bal[s];
        *value = v > PP_FLOW_INF || more >= PP_FLOW_INF ? PP_FLOW_INF : v;
    }
    source_side(net, s, threshold,
                backend == PP_FLOW_DINIC && threshold == 0 &&
                    more < PP_FLOW_INF,
                side);
    restore_big(net);
    return PP_OK;
}

int64_t pp_flownet_flow(const struct pp_flownet *net, long a)
{
    return arc_flow(net, (size_t)a);
}

/* ---------------------------------------------------------------------- */
/* Incremental cuts                                                       */

static inline int tail(const struct pp_flownet *net, size_t h)
{
    return net->hto[net->hrev[h]];
}

/* Vertex v just changed side. */
static void note_change(struct pp_flownet *net, int v)
{
    if (!net->chgm[v]) {
        net->chgm[v] = (unsigned char)(1 + !net->side[v]);
        net->chg[net->nchg++] = v;
    }
}

/* Queue source-side vertex u to scan its residual arcs again. */
static void activate(struct pp_flownet *net, int u, int *qt)
{
    if (!net->act[u]) {
        net->act[u] = 1;
        net->aq[*qt] = u;
        *qt = (*qt + 1) % (net->nv + 1);
    }
}

static void orphan(struct pp_flownet *net, int v)
{
    if (net->par[v] != NOPAR) {
        net->par[v] = NOPAR;
        net->orph[net->norph++] = v;
    }
}

/* Depth of source-side vertex q in the tree, or -1 if its parent chain
 * meets an orphan.  Both answers are stamped on the chain, so walks stay
 * short (Boykov and Kolmogorov's origin check): a depth until the next
 * augmentation, a failure until an orphan is adopted (only that can root
 * a chain again). */
static int depth_of(struct pp_flownet *net, int s, int q)
{
    int d = 0, v = q;
    while (v != s && net->stamp[v] != net->now) {
        if (net->par[v] == NOPAR || net->fstamp[v] == net->fails) {
            for (v = q; v != s && net->par[v] != NOPAR &&
                        net->fstamp[v] != net->fails;
                 v = tail(net, net->par[v]))
                net->fstamp[v] = net->fails;
            return -1;
        }
        v = tail(net, net->par[v]);
        d++;
    }
    int total = d + (v == s ? 0 : net->dist[v]);
    for (v = q, d = total; v != s && net->stamp[v] != net->now; d--) {
        net->stamp[v] = net->now;
        net->dist[v] = d;
        v = tail(net, net->par[v]);
    }
    return total;
}

/* Re-parent the orphans through residual arcs from rooted source-side
 * vertices; an orphan without one leaves the source side, its tree
 * children become orphans and its in-neighbours with residual to it are
 * queued to grow into it again. */
static void adopt(struct pp_flownet *net, int s, int *qt)
{
    int nv = net->nv;
    while (net->norph > 0) {
        int o = net->orph[--net->norph];
        size_t best = NOPAR;
        int bd = 0;
        for (size_t h = net->adj_off[o]; h < net->adj_off[o + 1]; h++) {
            int q = net->hto[h];
            size_t r = net->hrev[h];
            if (q >= nv || !net->side[q] || net->hcap[r] <= 0)
                continue;
            int d = depth_of(net, s, q);
            if (d >= 0 && (best == NOPAR || d < bd)) {
                best = r;
                bd = d;
            }
        }
        if (best != NOPAR) {
            net->fails++;
            net->par[o] = best;
            net->stamp[o] = net->now;
            net->dist[o] = bd + 1;
            continue;
        }
        net->side[o] = 0;
        note_change(net, o);
        for (size_t h = net->adj_off[o]; h < net->adj_off[o + 1]; h++) {
            int q = net->hto[h];
            if (q >= nv || !net->side[q])
                continue;
            if (net->hcap[net->hrev[h]] > 0)
                activate(net, q, qt);
            if (net->par[q] == h)
                orphan(net, q);
        }
    }
}

/* The smaller of f and the residuals along the tree path from s to u. */
static int64_t tree_min(const struct pp_flownet *net, int s, int u, int64_t f)
{
    for (int v = u; v != s; v = tail(net, net->par[v]))
        if (net->hcap[net->par[v]] < f)
            f = net->hcap[net->par[v]];
    return f;
}

/* Push f along the tree path from s to u; saturated tree arcs orphan their
 * children. */
static void tree_push(struct pp_flownet *net, int s, int u, int64_t f)
{
    for (int v = u; v != s;) {
        size_t p = net->par[v];
        int w = tail(net, p);
        push(net, p, f);
        if (net->hcap[p] == 0)
            orphan(net, v);
        v = w;
    }
}

/* Augment along the tree path to u, then u -> t (half-arc h); returns the
 * amount, PP_FLOW_INF if unbounded. */
static int64_t augment(struct pp_flownet *net, int s, int u, size_t h)
{
    int64_t f = tree_min(net, s, u, net->hcap[h]);
    if (f >= PP_FLOW_INF / 2)
        return PP_FLOW_INF;
    push(net, h, f);
    tree_push(net, s, u, f);
    return f;
}

/*
 * Whether the path to t that tpar records from v (off the source side) has
 * residual capacity all the way and stays off the source side.  If not,
 * the part up to the first arc that fails is forgotten.
 */
static int to_sink(struct pp_flownet *net, int t, int v)
{
    int x = v, y;
    for (; x != t; x = y) {
        size_t p = net->tpar[x];
        if (p == NOPAR || net->hcap[p] <= 0 ||
            ((y = net->hto[p]) != t && net->side[y]))
            break;
    }
    if (x == t)
        return 1;
    while (v != x) {
        size_t p = net->tpar[v];
        net->tpar[v] = NOPAR;
        v = net->hto[p];
    }
    net->tpar[x] = NOPAR;
    return 0;
}

/*
 * From source-side vertex u's residual arc h0 (to v0 off the source side):
 * a depth-first search of the vertices off the source side for t, or for a
 * vertex whose recorded path to t (tpar, from earlier probes) still holds.
 * Found: augment along the tree path to u, h0, the search path and the
 * recorded path, record the search path for later probes, and return the
 * amount (PP_FLOW_INF if unbounded); the vertices searched stay off the
 * source side, so nothing needs undoing.  Not found: everything reached
 * joins the source side (it is reachable from s, and its residual arcs all
 * lead there), and 0.  A breadth-first growth of the tree would reach t
 * too, but only after adding every vertex closer than t's distance (most
 * of the network, at many stages) and then orphaning them all again.
 */
static int64_t probe(struct pp_flownet *net, int s, int t, int u, size_t h0)
{
    int nv = net->nv, top = 0, nvis = 0, v0 = net->hto[h0], via = -1;
    unsigned mark = ++net->pmark;
    size_t found = NOPAR;
    if (mark == 0) { /* wrapped: clear the marks */
        for (int v = 0; v < nv; v++)
            net->seen[v] = 0;
        mark = net->pmark = 1;
    }
    net->dpar[v0] = h0;
    for (int w = v0;;) {
        net->seen[w] = mark;
        net->iter[w] = net->adj_off[w];
        net->stk[top++] = w;
        net->vis[nvis++] = w;
        if (net->tpar[w] != NOPAR && to_sink(net, t, w)) {
            via = w;
            break;
        }
        /* the next vertex: along the first unseen residual arc of the
         * vertex on top of the stack; pop the vertices that have none */
        size_t h = NOPAR;
        while (top > 0) {
            int x = net->stk[top - 1];
            size_t end = net->adj_off[x + 1];
            for (h = net->iter[x]; h < end; h++) {
                int y = net->hto[h];
                if (net->hcap[h] <= 0 || y >= nv || net->side[y])
                    continue;
                if (y == t) {
                    found = h;
                    break;
                }
                if (net->seen[y] != mark)
                    break;
            }
            net->iter[x] = h;
            if (found != NOPAR || h < end)
                break;
            top--;
        }
        if (found != NOPAR || top == 0)
            break;
        w = net->hto[h];
        net->dpar[w] = h;
    }
    if (found == NOPAR && via < 0) {
        for (int i = 0; i < nvis; i++) {
            int w = net->vis[i];
            net->side[w] = 1;
            net->par[w] = net->dpar[w];
            net->tpar[w] = NOPAR;
            note_change(net, w);
        }
        return 0;
    }
    int64_t f = via < 0 ? net->hcap[found] : PP_FLOW_INF;
    for (int i = 0; i < top; i++)
        if (net->hcap[net->dpar[net->stk[i]]] < f)
            f = net->hcap[net->dpar[net->stk[i]]];
    for (int x = via; x >= 0 && x != t; x = net->hto[net->tpar[x]])
        if (net->hcap[net->tpar[x]] < f)
            f = net->hcap[net->tpar[x]];
    f = tree_min(net, s, u, f);
    if (f >= PP_FLOW_INF / 2)
        return PP_FLOW_INF;
    if (via < 0) {
        push(net, found, f);
        net->tpar[net->stk[top - 1]] = found;
    }
    for (int x = via; x >= 0 && x != t; x = net->hto[net->tpar[x]])
        push(net, net->tpar[x], f);
    for (int i = 0; i < top; i++) {
        push(net, net->dpar[net->stk[i]], f);
        if (i + 1 < top)
            net->tpar[net->stk[i]] = net->dpar[net->stk[i + 1]];
    }
    tree_push(net, s, u, f);
    return f;
}

/* The tree of a fresh cut: parents by a search from s over side. */
static void grow_tree(struct pp_flownet *net, int s)
{
    int nv = net->nv, qh = 0, qt = 0;
    net->now++;
    net->fails++;
    net->stamp[s] = net->now;
    net->par[s] = NOPAR;
    net->aq[qt++] = s;
    while (qh < qt) {
        int u = net->aq[qh++];
        for (size_t h = net->adj_off[u]; h < net->adj_off[u + 1]; h++) {
            int v = net->hto[h];
            if (v < nv && net->side[v] && net->hcap[h] > 0 &&
                net->stamp[v] != net->now) {
                net->stamp[v] = net->now;
                net->dist[v] = net->dist[u] + 1;
                net->par[v] = h;
                net->aq[qt++] = v;
            }
        }
    }
    net->dist[s] = 0;
    for (int v = 0; v < nv; v++)
        net->tpar[v] = NOPAR;
    net->tree = 1;
}

int pp_flownet_recut(struct pp_flownet *net, int s, int t,
                     unsigned char *side, int64_t *value, const int **changed,
                     long *nchanged, struct pp_error *err)
{
    int nv = net->nv, rc;
    int full = !net->built || !net->tree || net->bs != s || net->bt != t ||
               net->side != side;
    for (int i = 0; i < net->ndirty && !full; i++)
        full = net->dirty[i] != s && net->dirty[i] != t;
    for (int i = 0; i < net->nchg; i++)
        net->chgm[net->chg[i]] = 0;
    net->nchg = 0;
    *changed = net->chg;
    if (full) {
        *nchanged = -1;
        rc = pp_flownet_mincut(net, s, t, 0, PP_FLOW_DINIC, side, value, err);
        if (rc == PP_OK && *value < PP_FLOW_INF) {
            net->side = side;
            grow_tree(net, s);
        }
        return rc;
    }
    /* the changed arcs: orphans and vertices to scan again */
    int qh = 0, qt = 0;
    net->now++;
    net->fails++;
    for (size_t i = 0; i < net->ntch; i++) {
        size_t k = net->tch[i];
        net->atch[k] = 0;
        size_t hp[2] = {net->apos[k], net->arev[k]};
        for (int j = 0; j < 2; j++) {
            size_t p = hp[j];
            int u = tail(net, p), v = net->hto[p];
            if (!side[u])
                continue;
            if (side[v] && net->par[v] == p && net->hcap[p] <= 0)
                orphan(net, v);
            else if (!side[v] && net->hcap[p] > 0)
                activate(net, u, &qt);
        }
    }
    net->ntch = 0;
    adopt(net, s, &qt);
    /* probe from the active vertices; augment where t is reached */
    int64_t f = 0;
    while (qh != qt) {
        int u = net->aq[qh], again = 0;
        for (size_t h = net->adj_off[u];
             side[u] && h < net->adj_off[u + 1] && !again; h++) {
            int v = net->hto[h];
            if (net->hcap[h] <= 0 || v >= nv || side[v])
                continue;
            f = v == t ? augment(net, s, u, h) : probe(net, s, t, u, h);
            again = f > 0;
        }
        if (f >= PP_FLOW_INF)
            break;
        if (!again) { /* u is done */
            net->act[u] = 0;
            qh = (qh + 1) % (nv + 1);
            continue;
        }
        /* u stays at the head: its arcs may have room left */
        net->now++;
        net->fails++;
        adopt(net, s, &qt);
    }
    for (; qh != qt; qh = (qh + 1) % (nv + 1))
        net->act[net->aq[qh]] = 0;
    for (int i = 0; i < net->ndirty; i++)
        net->mark[net->dirty[i]] = 0;
    net->ndirty = 0;
    net->bal[s] = -out_flow(net, s);
    net->bal[t] = -out_flow(net, t);
    restore_big(net);
    if (f >= PP_FLOW_INF) {
        *value = PP_FLOW_INF;
        unbuild(net);
        return PP_OK;
    }
    int64_t v = -net->bal[s];
    *value = v > PP_FLOW_INF ? PP_FLOW_INF : v;
    /* about half the vertices a search moves come back: list the others */
    int m = 0;
    for (int i = 0; i < net->nchg; i++) {
        int w = net->chg[i];
        if (net->chgm[w] - 1 != side[w])
            net->chg[m++] = w;
        else
            net->chgm[w] = 0;
    }
    net->nchg = m;
    *nchanged = net->nchg;
    (void)err;
    return PP_OK;
}
