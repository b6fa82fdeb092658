/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow.c - minimum cut with arc lower bounds (see flow.h for the method).
 *
 * Layout.  User arc k becomes the residual pair of half-arcs 2k (u -> v,
 * residual ub - flow) and 2k+1 (v -> u, residual flow - lb); the pair of a
 * half-arc h is h ^ 1, so the tail of h is hto[h ^ 1].  After the user arcs
 * come the pair for t -> s and the super source/sink pairs (vertices nv and
 * nv + 1).  adj[adj_off[v] .. adj_off[v+1]-1] lists the half-arcs leaving v
 * (a CSR built once per cut), so Dinic's scans are sequential.
 */
#include "flow.h"

#include <igraph.h>
#include <stdlib.h>
#include <string.h>

struct pp_flownet {
    int nv;
    size_t na, cap_a;
    int *au, *av;
    int64_t *alb, *aub, *af0;
    /* residual network */
    size_t nh, cap_h;
    int *hto;
    int64_t *hcap;
    int cap_v;
    size_t *adj_off, *adj, *iter;
    int *level, *queue;
    int nq;  /* vertices queued by the last search: the only level >= 0 */
    size_t *path;
    int64_t *excess;
    size_t cap_ex;
};

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
    free(net->af0);
    free(net->hto);
    free(net->hcap);
    free(net->adj_off);
    free(net->adj);
    free(net->iter);
    free(net->level);
    free(net->queue);
    free(net->path);
    free(net->excess);
    free(net);
}

int pp_flownet_reset(struct pp_flownet *net, int nv)
{
    net->nv = nv;
    net->na = 0;
    return PP_OK;
}

static int grow_arcs(struct pp_flownet *net, size_t need)
{
    if (need <= net->cap_a)
        return PP_OK;
    size_t c = net->cap_a ? 2 * net->cap_a : 256;
    while (c < need)
        c *= 2;
    int *au = realloc(net->au, c * sizeof *au);
    if (!au)
        return PP_ENOMEM;
    net->au = au;
    int *av = realloc(net->av, c * sizeof *av);
    if (!av)
        return PP_ENOMEM;
    net->av = av;
    int64_t *lb = realloc(net->alb, c * sizeof *lb);
    if (!lb)
        return PP_ENOMEM;
    net->alb = lb;
    int64_t *ub = realloc(net->aub, c * sizeof *ub);
    if (!ub)
        return PP_ENOMEM;
    net->aub = ub;
    int64_t *f0 = realloc(net->af0, c * sizeof *f0);
    if (!f0)
        return PP_ENOMEM;
    net->af0 = f0;
    net->cap_a = c;
    return PP_OK;
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
    net->af0[k] = f0 < lb ? lb : f0 > ub ? ub : f0;
    net->na = k + 1;
    return (long)k;
}

static void half_pair(struct pp_flownet *net, int u, int v, int64_t cap)
{
    net->hto[net->nh] = v;
    net->hcap[net->nh++] = cap;
    net->hto[net->nh] = u;
    net->hcap[net->nh++] = 0;
}

/* Build the phase-1 residual network; *excess_total gets the demand. */
static int build(struct pp_flownet *net, int s, int t, int64_t *need)
{
    int nv = net->nv, nrv = nv + 2;
    size_t maxh = 2 * (net->na + 1 + (size_t)nv);
    size_t capv = (size_t)net->cap_v;
    if ((size_t)nrv + 1 > capv) {
        size_t c = (size_t)nrv + 1;
        size_t *a = realloc(net->adj_off, (c + 1) * sizeof *a);
        if (!a)
            return PP_ENOMEM;
        net->adj_off = a;
        size_t *it = realloc(net->iter, c * sizeof *it);
        if (!it)
            return PP_ENOMEM;
        net->iter = it;
        int *l = realloc(net->level, c * sizeof *l);
        if (!l)
            return PP_ENOMEM;
        net->level = l;
        int *q = realloc(net->queue, c * sizeof *q);
        if (!q)
            return PP_ENOMEM;
        net->queue = q;
        size_t *p = realloc(net->path, c * sizeof *p);
        if (!p)
            return PP_ENOMEM;
        net->path = p;
        net->cap_v = (int)c;
    }
    if (maxh > net->cap_h) {
        size_t c = maxh * 2;
        int *h = realloc(net->hto, c * sizeof *h);
        if (!h)
            return PP_ENOMEM;
        net->hto = h;
        int64_t *hc = realloc(net->hcap, c * sizeof *hc);
        if (!hc)
            return PP_ENOMEM;
        net->hcap = hc;
        size_t *a = realloc(net->adj, c * sizeof *a);
        if (!a)
            return PP_ENOMEM;
        net->adj = a;
        net->cap_h = c;
    }
    /* excess[v] = lower bounds in - lower bounds out */
    if ((size_t)nv > net->cap_ex) {
        int64_t *x = realloc(net->excess, (size_t)nv * 2 * sizeof *x);
        if (!x)
            return PP_ENOMEM;
        net->excess = x;
        net->cap_ex = (size_t)nv * 2;
    }
    int64_t *excess = net->excess;
    memset(excess, 0, (size_t)nv * sizeof *excess);
    net->nh = 0;
    for (size_t k = 0; k < net->na; k++) {
        int64_t ub = net->aub[k], lb = net->alb[k], f0 = net->af0[k];
        half_pair(net, net->au[k], net->av[k],
                  ub >= PP_FLOW_INF ? PP_FLOW_INF : ub - f0);
        net->hcap[net->nh - 1] = f0 - lb;
        excess[net->av[k]] += f0;
        excess[net->au[k]] -= f0;
    }
    half_pair(net, t, s, PP_FLOW_INF);
    *need = 0;
    for (int v = 0; v < nv; v++) {
        if (excess[v] > 0) {
            half_pair(net, nv, v, excess[v]);
            *need += excess[v];
        } else if (excess[v] < 0) {
            half_pair(net, v, nv + 1, -excess[v]);
        }
    }
    /* CSR of half-arcs by tail */
    memset(net->adj_off, 0, ((size_t)nrv + 1) * sizeof *net->adj_off);
    for (size_t h = 0; h < net->nh; h++)
        net->adj_off[net->hto[h ^ 1] + 1]++;
    for (int v = 0; v < nrv; v++)
        net->adj_off[v + 1] += net->adj_off[v];
    memcpy(net->iter, net->adj_off, (size_t)nrv * sizeof *net->iter);
    for (size_t h = 0; h < net->nh; h++)
        net->adj[net->iter[net->hto[h ^ 1]]++] = h;
    for (int v = 0; v < nrv; v++)
        net->level[v] = -1;
    net->nq = 0;
    return PP_OK;
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
        for (size_t k = net->adj_off[u]; k < net->adj_off[u + 1]; k++) {
            size_t h = net->adj[k];
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
                net->hcap[net->path[i]] -= f;
                net->hcap[net->path[i] ^ 1] += f;
            }
            total += f;
            d = b;
            u = net->hto[net->path[b] ^ 1];
            continue;
        }
        size_t k = net->iter[u], end = net->adj_off[u + 1];
        int want = net->level[u] + 1;
        for (; k < end; k++) {
            size_t h = net->adj[k];
            if (net->hcap[h] > 0 && net->level[net->hto[h]] == want)
                break;
        }
        net->iter[u] = k;
        if (k < end) {
            size_t h = net->adj[k];
            net->path[d++] = h;
            u = net->hto[h];
        } else {
            net->level[u] = -1;
            if (d == 0)
                break;
            size_t h = net->path[--d];
            u = net->hto[h ^ 1];
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

/* Max flow with igraph on the half-arcs with positive residual; the flow
 * found is applied to the residual capacities. */
static int igraph_flow(struct pp_flownet *net, int s, int t, int64_t *value,
                       struct pp_error *err)
{
    igraph_vector_int_t edges;
    igraph_vector_t cap, flow;
    igraph_t g;
    igraph_real_t val = 0;
    size_t *map = NULL;
    int rc = PP_OK, have_g = 0;
    size_t m = 0;

    if (igraph_vector_int_init(&edges, 0))
        return PP_ENOMEM;
    if (igraph_vector_init(&cap, 0)) {
        igraph_vector_int_destroy(&edges);
        return PP_ENOMEM;
    }
    if (igraph_vector_init(&flow, 0)) {
        igraph_vector_int_destroy(&edges);
        igraph_vector_destroy(&cap);
        return PP_ENOMEM;
    }
    map = malloc((net->nh + 1) * sizeof *map);
    if (!map) {
        rc = PP_ENOMEM;
        goto out;
    }
    /* Doubles hold integers exactly only below 2^53: unbounded arcs get the
     * sum of all bounded residuals plus one, which no flow can exceed. */
    double big = 1.0;
    for (size_t h = 0; h < net->nh; h++)
        if (net->hcap[h] > 0 && net->hcap[h] < PP_FLOW_INF / 2)
            big += (double)net->hcap[h];
    for (size_t h = 0; h < net->nh; h++) {
        /* arcs into the source or out of the sink carry no useful flow,
         * and igraph_maxflow's flow vector is unreliable with them */
        if (net->hcap[h] <= 0 || net->hto[h] == s || net->hto[h ^ 1] == t)
            continue;
        if (igraph_vector_int_push_back(&edges, net->hto[h ^ 1]) ||
            igraph_vector_int_push_back(&edges, net->hto[h]) ||
            igraph_vector_push_back(&cap, net->hcap[h] >= PP_FLOW_INF / 2
                                              ? big
                                              : (double)net->hcap[h])) {
            rc = PP_ENOMEM;
            goto out;
        }
        map[m++] = h;
    }
    if (igraph_create(&g, &edges, net->nv + 2, IGRAPH_DIRECTED)) {
        rc = pp_error_set(err, PP_ESOLVER, "igraph_create failed");
        goto out;
    }
    have_g = 1;
    if (igraph_maxflow(&g, &val, &flow, NULL, NULL, NULL, s, t, &cap, NULL)) {
        rc = pp_error_set(err, PP_ESOLVER, "igraph_maxflow failed");
        goto out;
    }
    for (size_t e = 0; e < m; e++) {
        int64_t f = (int64_t)VECTOR(flow)[e];
        net->hcap[map[e]] -= f;
        net->hcap[map[e] ^ 1] += f;
    }
    *value = val >= big ? PP_FLOW_INF : (int64_t)val;
out:
    if (have_g)
        igraph_destroy(&g);
    free(map);
    igraph_vector_destroy(&flow);
    igraph_vector_destroy(&cap);
    igraph_vector_int_destroy(&edges);
    return rc;
}

int pp_flownet_mincut(struct pp_flownet *net, int s, int t, int64_t threshold,
                      enum pp_flow_backend backend, unsigned char *side,
                      int64_t *value, struct pp_error *err)
{
    int64_t need, got = 0, more = 0;
    int rc;
    if (s < 0 || t < 0 || s >= net->nv || t >= net->nv || s == t)
        return pp_error_set(err, PP_EINPUT, "bad source or sink vertex");
    if ((rc = build(net, s, t, &need)))
        return rc == PP_ENOMEM ? pp_error_nomem(err) : rc;
    int S = net->nv, T = net->nv + 1;
    if (backend == PP_FLOW_IGRAPH) {
        if ((rc = igraph_flow(net, S, T, &got, err)))
            return rc;
    } else {
        got = dinic(net, S, T, need);
    }
    if (got < need)
        return 1;
    /* Drop t -> s: its flow becomes the s-t flow value found so far. */
    size_t ts = 2 * net->na;
    net->hcap[ts] = 0;
    net->hcap[ts + 1] = 0;
    if (backend == PP_FLOW_IGRAPH) {
        if ((rc = igraph_flow(net, s, t, &more, err)))
            return rc;
    } else {
        more = dinic(net, s, t, PP_FLOW_INF);
    }
    if (value) {
        /* net flow out of s over the network's own arcs */
        int64_t v = 0;
        for (size_t k = 0; k < net->na; k++) {
            if (net->au[k] == s)
                v += pp_flownet_flow(net, (long)k);
            if (net->av[k] == s)
                v -= pp_flownet_flow(net, (long)k);
        }
        *value = v > PP_FLOW_INF || more >= PP_FLOW_INF ? PP_FLOW_INF : v;
    }
    /* Source side: reachable through residual > threshold.  With threshold
     * 0, Dinic's last search has found that set already. */
    if (backend == PP_FLOW_DINIC && threshold == 0 && more < PP_FLOW_INF) {
        for (int v = 0; v < net->nv; v++)
            side[v] = net->level[v] >= 0;
        return PP_OK;
    }
    memset(side, 0, (size_t)net->nv);
    int qh = 0, qt = 0;
    side[s] = 1;
    net->queue[qt++] = s;
    while (qh < qt) {
        int u = net->queue[qh++];
        for (size_t k = net->adj_off[u]; k < net->adj_off[u + 1]; k++) {
            size_t h = net->adj[k];
            int v = net->hto[h];
            if (v < net->nv && !side[v] && net->hcap[h] > threshold) {
                side[v] = 1;
                net->queue[qt++] = v;
            }
        }
    }
    return PP_OK;
}

int64_t pp_flownet_flow(const struct pp_flownet *net, long a)
{
    return net->alb[a] + net->hcap[2 * (size_t)a + 1];
}
