/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_flow.c - the min cut with lower bounds: known answers, and the
 * Dinic back end against igraph's push-relabel on random networks (same
 * feasibility, same flow value, same source side: the set reachable from s
 * in the residual of a maximum flow is the same for every maximum flow),
 * and a network kept across cuts against one built afresh.
 */
#include <criterion/criterion.h>
#include <igraph.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

Test(flow, series_parallel_known_answer)
{
    /* s=0 -> 1 -> t=3 (caps 5, 2) and s -> 2 -> t (caps 4, 7):
     * max flow 2 + 4 = 6; min cut {s, 1} (cuts 1->3 and s->2). */
    struct pp_flownet *net;
    unsigned char side[4];
    int64_t value;
    struct pp_error err;
    cr_assert_eq(pp_flownet_new(&net), 0);
    pp_flownet_reset(net, 4);
    pp_flownet_arc(net, 0, 1, 0, 5, 0);
    pp_flownet_arc(net, 1, 3, 0, 2, 0);
    pp_flownet_arc(net, 0, 2, 0, 4, 0);
    pp_flownet_arc(net, 2, 3, 0, 7, 0);
    cr_assert_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_DINIC, side, &value,
                                   &err), 0);
    cr_expect_eq(value, 6);
    cr_expect_eq(side[0], 1);
    cr_expect_eq(side[1], 1);
    cr_expect_eq(side[2], 0);
    cr_expect_eq(side[3], 0);
    pp_flownet_free(net);
}

/* Handlers a caller of the library might have installed. */
static void caller_error(const char *reason, const char *file, int line,
                         igraph_error_t code)
{
    (void)reason, (void)file, (void)line, (void)code;
    IGRAPH_FINALLY_FREE();
}

static void caller_warning(const char *reason, const char *file, int line)
{
    (void)reason, (void)file, (void)line;
}

Test(flow, igraph_handlers_are_the_callers_again_after_a_cut)
{
    /* The igraph back end sets igraph's handlers for its own calls only:
     * whatever the caller had (here, and igraph's aborting default in a
     * program that sets none) is back once the cut returns. */
    struct pp_flownet *net;
    unsigned char side[4];
    int64_t value = 0;
    struct pp_error err = {0};
    igraph_set_error_handler(caller_error);
    igraph_set_warning_handler(caller_warning);
    cr_assert_eq(pp_flownet_new(&net), 0);
    pp_flownet_reset(net, 4);
    pp_flownet_arc(net, 0, 1, 0, 5, 0);
    pp_flownet_arc(net, 1, 3, 0, 2, 0);
    pp_flownet_arc(net, 0, 2, 0, 4, 0);
    pp_flownet_arc(net, 2, 3, 0, 7, 0);
    cr_assert_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_IGRAPH, side, &value,
                                   &err), 0, "%s", err.msg);
    cr_expect_eq(value, 6);
    cr_expect(igraph_set_error_handler(NULL) == caller_error);
    cr_expect(igraph_set_warning_handler(NULL) == caller_warning);
    pp_flownet_free(net);
}

Test(flow, lower_bounds_force_flow_and_backward_arcs)
{
    /* s -> a (ub 10), a -> t (ub 10), a -> b (lb 3, ub 3), b -> t (ub 1),
     * b -> a? no; s -> b (ub 0).  b receives 3 but can only pass 1 on:
     * infeasible. */
    struct pp_flownet *net;
    unsigned char side[4];
    struct pp_error err;
    cr_assert_eq(pp_flownet_new(&net), 0);
    pp_flownet_reset(net, 4);
    pp_flownet_arc(net, 0, 1, 0, 10, 0);
    pp_flownet_arc(net, 1, 3, 0, 10, 0);
    pp_flownet_arc(net, 1, 2, 3, 3, 0);
    pp_flownet_arc(net, 2, 3, 0, 1, 0);
    cr_expect_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_DINIC, side, NULL,
                                   &err), 1);
    cr_expect_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_IGRAPH, side, NULL,
                                   &err), 1);
    /* Let b pass 5: feasible; max flow is s->a 10 = 10; cut after s. */
    pp_flownet_reset(net, 4);
    pp_flownet_arc(net, 0, 1, 0, 10, 0);
    pp_flownet_arc(net, 1, 3, 0, 10, 0);
    pp_flownet_arc(net, 1, 2, 3, 3, 0);
    long bt = pp_flownet_arc(net, 2, 3, 0, 5, 0);
    int64_t value;
    cr_assert_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_DINIC, side, &value,
                                   &err), 0);
    cr_expect_eq(value, 10);
    cr_expect_eq(pp_flownet_flow(net, bt), 3);
    cr_expect_eq(side[1], 0);
    pp_flownet_free(net);
}

Test(flow, cut_value_counts_lower_bounds_of_backward_arcs)
{
    /* s -> a (ub 4), a -> t (ub 9), t? use b: a -> b (ub 9), b -> a' ...
     * Chain s -> x (ub 5) -> y (ub 2) -> t, with y -> x lb 1 ub 9:
     * flow around the loop must carry 1 from y back to x.  Max s-t flow:
     * x->y carries f + 1 <= 2, so f <= 1. */
    struct pp_flownet *net;
    unsigned char side[4];
    struct pp_error err;
    int64_t v1, v2;
    cr_assert_eq(pp_flownet_new(&net), 0);
    pp_flownet_reset(net, 4);
    pp_flownet_arc(net, 0, 1, 0, 5, 0);
    pp_flownet_arc(net, 1, 2, 0, 2, 0);
    pp_flownet_arc(net, 2, 1, 1, 9, 0);
    pp_flownet_arc(net, 2, 3, 0, 9, 0);
    cr_assert_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_DINIC, side, &v1,
                                   &err), 0);
    cr_expect_eq(v1, 1);
    cr_expect_eq(side[1], 1);
    cr_expect_eq(side[2], 0);
    cr_assert_eq(pp_flownet_mincut(net, 0, 3, 0, PP_FLOW_IGRAPH, side, &v2,
                                   &err), 0);
    cr_expect_eq(v2, 1);
    pp_flownet_free(net);
}

/* Random DAG-like networks with lower bounds; compare the two back ends,
 * each from a cold start and from a random (clamped) warm start. */
Test(flow, dinic_matches_igraph_on_random_networks)
{
    srand(12345);
    struct pp_flownet *a, *b;
    struct pp_error err;
    cr_assert_eq(pp_flownet_new(&a), 0);
    cr_assert_eq(pp_flownet_new(&b), 0);
    int feasible = 0, infeasible = 0;
    for (int trial = 0; trial < 400; trial++) {
        int nv = 4 + rand() % 30;
        int na = nv + rand() % (3 * nv);
        pp_flownet_reset(a, nv);
        pp_flownet_reset(b, nv);
        for (int k = 0; k < na; k++) {
            int u = rand() % (nv - 1), v = u + 1 + rand() % (nv - 1 - u);
            int64_t lb = rand() % 10 == 0 ? rand() % 4 : 0;
            int64_t ub = rand() % 6 == 0 ? PP_FLOW_INF : lb + rand() % 20;
            int64_t f0 = rand() % 25;
            pp_flownet_arc(a, u, v, lb, ub, 0);
            pp_flownet_arc(b, u, v, lb, ub, f0);
        }
        unsigned char sa[40], sb[40];
        int64_t va = -1, vb = -2;
        int ra = pp_flownet_mincut(a, 0, nv - 1, 0, PP_FLOW_DINIC, sa, &va,
                                   &err);
        int rb = pp_flownet_mincut(b, 0, nv - 1, 0,
                                   trial % 2 ? PP_FLOW_IGRAPH : PP_FLOW_DINIC,
                                   sb, &vb, &err);
        cr_assert_eq(ra, rb, "trial %d: feasibility differs", trial);
        if (ra == 1) {
            infeasible++;
            continue;
        }
        feasible++;
        cr_assert_eq(va, vb, "trial %d: flow value %lld vs %lld", trial,
                     (long long)va, (long long)vb);
        /* with an unbounded s-t path the flow stops at the cap and the
         * cut is not determined; the frontier stops there anyway */
        if (va < PP_FLOW_INF)
            cr_assert_eq(memcmp(sa, sb, (size_t)nv), 0,
                         "trial %d: source sides differ", trial);
    }
    cr_log_info("%d feasible, %d infeasible", feasible, infeasible);
    cr_expect_gt(feasible, 50);
    cr_expect_gt(infeasible, 5);
    pp_flownet_free(a);
    pp_flownet_free(b);
}

/* The arcs a test keeps in a network, to build the same network afresh. */
enum { TA_MAX = 160 };
struct test_arcs {
    int na;
    int au[TA_MAX], av[TA_MAX];
    int64_t lb[TA_MAX], ub[TA_MAX];
    unsigned char on[TA_MAX];
};

/* FRESH on NV vertices with the arcs of A that are on, in order, each
 * starting from its flow in WARM (NULL: 0); ID (may be NULL) receives
 * their indices in FRESH. */
static void build_fresh(struct pp_flownet *fresh, int nv,
                        const struct test_arcs *A,
                        const struct pp_flownet *warm, long *id)
{
    pp_flownet_reset(fresh, nv);
    for (int k = 0; k < A->na; k++) {
        if (!A->on[k])
            continue;
        long a = pp_flownet_arc(fresh, A->au[k], A->av[k], A->lb[k], A->ub[k],
                                warm ? pp_flownet_flow(warm, k) : 0);
        if (id)
            id[k] = a;
    }
}

/* Every arc of A that is on carries a flow within its bounds in NET; with
 * UNBOUNDED (an unbounded flow) it may exceed an unbounded arc's cap. */
static void assert_flows_within(const struct pp_flownet *net,
                                const struct test_arcs *A, int unbounded,
                                int trial, int round)
{
    for (int k = 0; k < A->na; k++) {
        if (!A->on[k])
            continue;
        int64_t f = pp_flownet_flow(net, k);
        cr_assert(f >= A->lb[k] && (f <= A->ub[k] || unbounded),
                  "trial %d round %d arc %d: flow %lld outside "
                  "[%lld, %lld]", trial, round, k, (long long)f,
                  (long long)A->lb[k], (long long)A->ub[k]);
    }
}

/*
 * A network kept across cuts (arcs re-bounded, switched off and on) must
 * behave exactly like one built afresh from the arcs that are on, in the
 * same order, warm-started from the same flows: same feasibility, value,
 * source side (also with a threshold, where the side depends on the flow)
 * and the same flow on every arc, with either back end.
 */
Test(flow, kept_network_equals_fresh_one)
{
    srand(777);
    struct pp_flownet *kept, *fresh;
    struct pp_error err;
    cr_assert_eq(pp_flownet_new(&kept), 0);
    cr_assert_eq(pp_flownet_new(&fresh), 0);
    enum { MAXA = 120 };
    struct test_arcs A;
    int *au = A.au, *av = A.av;
    int64_t *lb = A.lb, *ub = A.ub;
    unsigned char *on = A.on;
    long id[MAXA];
    int cuts = 0, infeasible = 0, unbounded = 0;
    for (int trial = 0; trial < 150; trial++) {
        int nv = 4 + rand() % 30;
        int na = nv + rand() % (3 * nv);
        if (na > MAXA)
            na = MAXA;
        A.na = na;
        pp_flownet_reset(kept, nv);
        for (int k = 0; k < na; k++) {
            au[k] = rand() % (nv - 1);
            av[k] = au[k] + 1 + rand() % (nv - 1 - au[k]);
            lb[k] = 0;
            ub[k] = 10;
            on[k] = 1;
            cr_assert_geq(pp_flownet_arc(kept, au[k], av[k], 0, 10, 0), 0);
        }
        for (int round = 0; round < 8; round++) {
            for (int k = 0; k < na; k++) {
                int r = rand() % 10;
                if (r < 2) {
                    pp_flownet_off(kept, k);
                    on[k] = 0;
                } else if (r < 5 || !on[k]) {
                    lb[k] = rand() % 15 == 0 ? rand() % 4 : 0;
                    ub[k] = rand() % 6 == 0 ? PP_FLOW_INF : lb[k] + rand() % 20;
                    cr_assert_eq(pp_flownet_bounds(kept, k, lb[k], ub[k]), 0);
                    on[k] = 1;
                }
            }
            build_fresh(fresh, nv, &A, kept, id);
            enum pp_flow_backend be = round % 3 == 2 ? PP_FLOW_IGRAPH
                                                     : PP_FLOW_DINIC;
            int64_t thr = round % 4 == 1 ? 2 : 0;
            unsigned char sk[40], sf[40];
            int64_t vk = -1, vf = -2;
            int rk = pp_flownet_mincut(kept, 0, nv - 1, thr, be, sk, &vk, &err);
            int rf = pp_flownet_mincut(fresh, 0, nv - 1, thr, be, sf, &vf,
                                       &err);
            cr_assert_eq(rk, rf, "trial %d round %d: feasibility differs",
                         trial, round);
            cuts++;
            if (rk == 1) {
                infeasible++;
                continue;
            }
            cr_assert_eq(vk, vf, "trial %d round %d: value", trial, round);
            unbounded += vk >= PP_FLOW_INF;
            cr_assert_eq(memcmp(sk, sf, (size_t)nv), 0,
                         "trial %d round %d: source sides differ (value "
                         "%lld, backend %d, thr %lld)", trial, round,
                         (long long)vk, (int)be, (long long)thr);
            for (int k = 0; k < na; k++)
                if (on[k])
                    cr_assert_eq(pp_flownet_flow(kept, k),
                                 pp_flownet_flow(fresh, id[k]),
                                 "trial %d round %d arc %d: flow", trial,
                                 round, k);
            assert_flows_within(kept, &A, vk >= PP_FLOW_INF, trial, round);
        }
    }
    cr_log_info("%d cuts, %d infeasible, %d unbounded", cuts, infeasible,
                unbounded);
    cr_expect_gt(cuts - infeasible - unbounded, 200);
    cr_expect_gt(infeasible, 20);
    cr_expect_gt(unbounded, 20);
    pp_flownet_free(kept);
    pp_flownet_free(fresh);
}

/* Incremental cuts (pp_flownet_recut) against a cut of a network built
 * afresh, over runs of small changes like the solver's (mostly a few arcs
 * re-bounded or switched, lower bounds mostly 0 so the flow stays
 * balanced and the cut stays incremental): same feasibility, value and
 * side; exactly the vertices that changed side listed; flows within
 * bounds. */
Test(flow, recut_equals_fresh_cut)
{
    srand(4242);
    struct pp_flownet *kept, *fresh;
    struct pp_error err;
    cr_assert_eq(pp_flownet_new(&kept), 0);
    cr_assert_eq(pp_flownet_new(&fresh), 0);
    enum { MAXA = TA_MAX, MAXV = 48 };
    struct test_arcs A;
    int *au = A.au, *av = A.av;
    int64_t *lb = A.lb, *ub = A.ub;
    unsigned char *on = A.on;
    int cuts = 0, incremental = 0, infeasible = 0, unbounded = 0, moved = 0;
    for (int trial = 0; trial < 400; trial++) {
        int nv = 4 + rand() % (MAXV - 4);
        int na = nv + rand() % (3 * nv);
        if (na > MAXA)
            na = MAXA;
        A.na = na;
        pp_flownet_reset(kept, nv);
        for (int k = 0; k < na; k++) {
            au[k] = rand() % (nv - 1);
            /* short arcs: long paths, sides that move */
            av[k] = au[k] + 1 + rand() % 3;
            if (av[k] >= nv)
                av[k] = nv - 1;
            lb[k] = 0;
            ub[k] = 1 + rand() % 10;
            on[k] = 1;
            cr_assert_geq(pp_flownet_arc(kept, au[k], av[k], 0, ub[k], 0), 0);
        }
        unsigned char sk[MAXV], sf[MAXV], prev[MAXV];
        int have_prev = 0;
        for (int round = 0; round < 30; round++) {
            int nchange = round % 7 == 6 ? na : 1 + rand() % 6;
            for (int c = 0; c < nchange; c++) {
                int k = rand() % na, r = rand() % 10;
                if (r < 2) {
                    pp_flownet_off(kept, k);
                    on[k] = 0;
                } else {
                    lb[k] = rand() % 150 == 0 ? 1 + rand() % 2 : 0;
                    ub[k] = rand() % 8 == 0 ? PP_FLOW_INF
                                            : lb[k] + rand() % 12;
                    cr_assert_eq(pp_flownet_bounds(kept, k, lb[k], ub[k]), 0);
                    on[k] = 1;
                }
            }
            build_fresh(fresh, nv, &A, NULL, NULL);
            int64_t vk = -1, vf = -2;
            const int *chg;
            long nchg = 0;
            int rk = pp_flownet_recut(kept, 0, nv - 1, sk, &vk, &chg, &nchg,
                                      &err);
            int rf = pp_flownet_mincut(fresh, 0, nv - 1, 0, PP_FLOW_DINIC,
                                       sf, &vf, &err);
            cr_assert_eq(rk, rf, "trial %d round %d: feasibility differs",
                         trial, round);
            cuts++;
            if (rk == 1 || vk >= PP_FLOW_INF) {
                infeasible += rk == 1;
                unbounded += rk != 1;
                have_prev = 0;
                for (int k = 0; k < na && rk == 1; k++)
                    if (on[k] && lb[k] > 0) {
                        lb[k] = 0;
                        pp_flownet_bounds(kept, k, lb[k], ub[k]);
                    }
                continue;
            }
            cr_assert_eq(vk, vf, "trial %d round %d: value", trial, round);
            cr_assert_eq(memcmp(sk, sf, (size_t)nv), 0,
                         "trial %d round %d: source sides differ", trial,
                         round);
            if (nchg >= 0) {
                cr_assert(have_prev, "incremental after no cut");
                incremental++;
                unsigned char listed[MAXV] = {0};
                for (long i = 0; i < nchg; i++)
                    listed[chg[i]] = 1;
                for (int v = 0; v < nv; v++) {
                    moved += sk[v] != prev[v];
                    cr_assert_eq(sk[v] != prev[v], listed[v],
                                 "trial %d round %d: vertex %d changed "
                                 "side %d, listed %d", trial, round, v,
                                 sk[v] != prev[v], listed[v]);
                }
            }
            assert_flows_within(kept, &A, 0, trial, round);
            memcpy(prev, sk, (size_t)nv);
            have_prev = 1;
        }
    }
    cr_log_info("%d cuts, %d incremental, %d infeasible, %d unbounded, "
                "%d side changes", cuts, incremental, infeasible, unbounded,
                moved);
    cr_expect_gt(incremental, 2000);
    cr_expect_gt(moved, 2000);
    cr_expect_gt(infeasible, 20);
    cr_expect_gt(unbounded, 20);
    pp_flownet_free(kept);
    pp_flownet_free(fresh);
}

Test(flow, rejects_bad_arcs)
{
    struct pp_flownet *net;
    cr_assert_eq(pp_flownet_new(&net), 0);
    pp_flownet_reset(net, 3);
    cr_expect_lt(pp_flownet_arc(net, 0, 0, 0, 1, 0), 0);
    cr_expect_lt(pp_flownet_arc(net, 0, 3, 0, 1, 0), 0);
    cr_expect_lt(pp_flownet_arc(net, 0, 1, 5, 1, 0), 0);
    cr_expect_lt(pp_flownet_arc(net, 0, 1, -1, 1, 0), 0);
    long a = pp_flownet_arc(net, 0, 1, 0, 1, 0);
    cr_expect_lt(pp_flownet_bounds(net, a, 2, 1), 0);
    cr_expect_lt(pp_flownet_bounds(net, a, -1, 1), 0);
    cr_expect_lt(pp_flownet_bounds(net, a + 1, 0, 1), 0);
    pp_flownet_free(net);
}
