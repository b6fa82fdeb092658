/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow_recut.c - the minimum cut kept between steps (pp_flownet_recut;
 * flow.h describes the method): the source side as a search tree, probes
 * from arcs that open, Boykov-Kolmogorov adoption where tree arcs close.
 */
#include "flow_internal.h"

#include <stdlib.h>
#include <string.h>

#define NOPAR ((size_t)-1)

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
        fl_push(net, p, f);
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
    fl_push(net, h, f);
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
        fl_push(net, found, f);
        net->tpar[net->stk[top - 1]] = found;
    }
    for (int x = via; x >= 0 && x != t; x = net->hto[net->tpar[x]])
        fl_push(net, net->tpar[x], f);
    for (int i = 0; i < top; i++) {
        fl_push(net, net->dpar[net->stk[i]], f);
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
    net->bal[s] = -fl_out_flow(net, s);
    net->bal[t] = -fl_out_flow(net, t);
    fl_restore_big(net);
    if (f >= PP_FLOW_INF) {
        *value = PP_FLOW_INF;
        fl_unbuild(net);
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

