/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow_igraph.c - igraph's maximum flow (push-relabel) on the same
 * residual network, kept as a cross-check of Dinic (--maxflow igraph).
 * igraph's error and warning handlers are set around its calls and the
 * caller's restored after.
 */
#include "flow_internal.h"

#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * residual capacities.  Runs under fl_igraph_flow()'s handlers. */
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
        fl_push(net, map[e], f);
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
int fl_igraph_flow(struct pp_flownet *net, int s, int t, int64_t *value,
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

