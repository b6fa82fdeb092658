/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_mcf.c - the minimum-cost circulation solver (solver/mcf.c): small
 * circulations worked out by hand, bad input, costs and capacities at the
 * int64 limits, random networks against LEMON's network simplex (cold and
 * warm-started, the optimal cost equal exactly), and the deadline
 * networks of measured profiles (../shared, skipped when absent) against
 * it too.  Every answer is also checked on its own: bounds, conservation
 * and complementary slackness of the potentials, exactly.
 */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "deadline.h"
#include "deadline_internal.h"
#include "mcf.h"
#include "nshull.h"
#include "profile.h"
#include "solver.h"

__extension__ typedef __int128 i128; /* exact cost sums */

struct net {
    int32_t n;
    size_t m;
    int32_t *tail, *head;
    int64_t *cap, *cost;
};

/* Check FLOW and POT on NET exactly; return the cost sum. */
static i128 check(const struct net *g, const int64_t *flow, const int64_t *pot)
{
    i128 *bal = calloc((size_t)g->n, sizeof *bal), total = 0;
    cr_assert_not_null(bal);
    for (size_t a = 0; a < g->m; a++) {
        cr_assert(flow[a] >= 0 && flow[a] <= g->cap[a],
                  "arc %zu: flow %lld outside [0, %lld]", a, (long long)flow[a],
                  (long long)g->cap[a]);
        i128 rc = (i128)g->cost[a] + pot[g->tail[a]] - pot[g->head[a]];
        cr_assert(flow[a] == g->cap[a] || rc >= 0,
                  "arc %zu: residual with reduced cost %lld", a, (long long)rc);
        cr_assert(flow[a] == 0 || rc <= 0,
                  "arc %zu: flow with reduced cost %lld", a, (long long)rc);
        bal[g->tail[a]] -= flow[a];
        bal[g->head[a]] += flow[a];
        total += (i128)flow[a] * g->cost[a];
    }
    for (int32_t v = 0; v < g->n; v++)
        cr_assert(bal[v] == 0, "node %d unbalanced", (int)v);
    free(bal);
    return total;
}

/* Solve G with METHOD, check, return the cost. */
static i128 solve(const struct net *g, enum pp_mcf_method method)
{
    int64_t *flow = malloc((g->m + 1) * sizeof *flow);
    int64_t *pot = malloc((size_t)g->n * sizeof *pot);
    cr_assert(flow && pot);
    int rc = pp_mcf_solve(method, g->n, g->m, g->tail, g->head, g->cap, g->cost,
                          flow, pot);
    cr_assert_eq(rc, PP_MCF_OK, "method %d: status %d", (int)method, rc);
    i128 c = check(g, flow, pot);
    free(flow);
    free(pot);
    return c;
}

/* ------------------------------------------------------------------------ */
/* By hand                                                                  */

/*
 * 0 -> 1 (cap 5, cost 1), 1 -> 2 (cap 3, cost 1), 2 -> 0 (cap 10, cost
 * -5): the cycle costs -3 per unit and 1 -> 2 admits 3 units: cost -9.
 */
Test(mcf, triangle)
{
    int32_t t[] = {0, 1, 2}, h[] = {1, 2, 0};
    int64_t cap[] = {5, 3, 10}, cost[] = {1, 1, -5}, flow[3], pot[3];
    struct net g = {3, 3, t, h, cap, cost};
    cr_assert_eq(pp_mcf_solve(PP_MCF_SCALING, 3, 3, t, h, cap, cost, flow, pot),
                 0);
    cr_assert_eq(flow[0], 3);
    cr_assert_eq(flow[1], 3);
    cr_assert_eq(flow[2], 3);
    cr_assert(check(&g, flow, pot) == -9);
}

/*
 * Parallel arcs 0 -> 1 given dearest first, as the deadline network does
 * (costs 2, -1, -3, capacities 5, 2, 2), back 1 -> 0 at cost 2 (cap 10):
 * only the -3 segment pays (-3 + 2 < 0; -1 + 2 > 0): 2 units, cost -2.
 * Then the back arc at cost 1: the -1 segment breaks even, the cost is
 * -4 whatever it carries; at cost -3 the 2 segment pays too and all
 * segments fill: 2 x -3 + 2 x -1 + 5 x 2 + 9 x -3 = -25.
 */
Test(mcf, parallel_segments)
{
    int32_t t[] = {0, 0, 0, 1}, h[] = {1, 1, 1, 0};
    int64_t cap[] = {5, 2, 2, 10}, cost[] = {2, -1, -3, 2}, flow[4], pot[2];
    struct net g = {2, 4, t, h, cap, cost};
    struct pp_mcf *m;
    cr_assert_eq(pp_mcf_new(&m, 2, 4, t, h, cap), 0);
    cr_assert_eq(pp_mcf_run(m, cost, flow, pot), 0);
    cr_assert(check(&g, flow, pot) == -2);
    cr_assert_eq(flow[2], 2);
    cr_assert_eq(flow[1], 0);
    cr_assert_eq(flow[0], 0);
    cost[3] = 1; /* warm */
    cr_assert_eq(pp_mcf_run(m, cost, flow, pot), 0);
    cr_assert(check(&g, flow, pot) == -4);
    cr_assert_eq(flow[2], 2);
    cost[3] = -3;
    cr_assert_eq(pp_mcf_run(m, cost, flow, pot), 0);
    cr_assert(check(&g, flow, pot) == -25);
    cr_assert_eq(flow[3], 9);
    cr_assert_eq(flow[0], 5);
    cost[3] = 2; /* and back */
    cr_assert_eq(pp_mcf_run(m, cost, flow, pot), 0);
    cr_assert(check(&g, flow, pot) == -2);
    pp_mcf_free(m);
}

/* Two cycles share the arc 0 -> 1 (cap 4): the dearer one (cost -10 per
 * unit through node 2) takes it all; the other (-1 through node 3)
 * nothing.  A self-loop of negative cost is full, one of positive cost
 * empty. */
Test(mcf, shared_arc_and_loops)
{
    int32_t t[] = {0, 1, 2, 1, 3, 2, 3}, h[] = {1, 2, 0, 3, 0, 2, 3};
    int64_t cap[] = {4, 9, 9, 9, 9, 7, 7};
    int64_t cost[] = {0, -4, -6, 0, -1, -2, 3}, flow[7], pot[4];
    struct net g = {4, 7, t, h, cap, cost};
    cr_assert_eq(pp_mcf_solve(PP_MCF_SCALING, 4, 7, t, h, cap, cost, flow, pot),
                 0);
    cr_assert(check(&g, flow, pot) == -40 - 14);
    cr_assert_eq(flow[1], 4);
    cr_assert_eq(flow[3], 0);
    cr_assert_eq(flow[5], 7);
    cr_assert_eq(flow[6], 0);
}

/* A cycle of zero cost: any flow is optimal; the potentials must still be
 * exact.  No arcs at all: nothing to do. */
Test(mcf, degenerate)
{
    int32_t t[] = {0, 1}, h[] = {1, 0};
    int64_t cap[] = {3, 3}, cost[] = {5, -5}, flow[2], pot[2];
    struct net g = {2, 2, t, h, cap, cost};
    cr_assert_eq(pp_mcf_solve(PP_MCF_SCALING, 2, 2, t, h, cap, cost, flow, pot),
                 0);
    cr_assert(check(&g, flow, pot) == 0);
    cr_assert_eq(
        pp_mcf_solve(PP_MCF_SCALING, 1, 0, NULL, NULL, NULL, NULL, NULL, pot),
        0);
}

/* ------------------------------------------------------------------------ */
/* Bad input and limits                                                     */

Test(mcf, rejects_bad_input)
{
    int32_t t[] = {0, 1}, h[] = {1, 0}, bad[] = {1, 2};
    int64_t cap[] = {3, 3}, ncap[] = {3, -1}, cost[] = {1, -2}, flow[2];
    int64_t pot[2];
    struct pp_mcf *m = (void *)1;
    cr_assert_eq(pp_mcf_new(&m, 2, 2, t, bad, cap), PP_MCF_INVALID);
    cr_assert_null(m);
    cr_assert_eq(pp_mcf_new(&m, 2, 2, t, h, ncap), PP_MCF_INVALID);
    cr_assert_eq(pp_mcf_new(&m, 0, 0, t, h, cap), PP_MCF_INVALID);
    /* capacities whose sum reaches 2^62 */
    int64_t big[] = {(int64_t)1 << 61, (int64_t)1 << 61};
    cr_assert_eq(pp_mcf_new(&m, 2, 2, t, h, big), PP_MCF_RANGE);
    cr_assert_null(m);
    /* |cost| (nodes + 1) beyond 2^58 */
    cr_assert_eq(pp_mcf_new(&m, 2, 2, t, h, cap), 0);
    int64_t huge[] = {((int64_t)1 << 58) / 3 + 1, -1};
    cr_assert_eq(pp_mcf_run(m, huge, flow, pot), PP_MCF_RANGE);
    /* still usable, and cold */
    cr_assert_eq(pp_mcf_run(m, cost, flow, pot), 0);
    cr_assert_eq(flow[0], 3);
    pp_mcf_free(m);
    pp_mcf_free(NULL);
}

/* A negative cycle through capacities near 2^61 and costs at the limit:
 * the cost (beyond int64) is exact in 128 bits, flows saturate. */
Test(mcf, at_the_limits)
{
    int32_t t[] = {0, 1, 2}, h[] = {1, 2, 0};
    int64_t c = ((int64_t)1 << 58) / 4;
    int64_t cap[] = {(int64_t)1 << 60, (int64_t)1 << 60, (int64_t)1 << 60};
    int64_t cost[] = {c, -c, -c}, flow[3], pot[3];
    struct net g = {3, 3, t, h, cap, cost};
    cr_assert_eq(pp_mcf_solve(PP_MCF_SCALING, 3, 3, t, h, cap, cost, flow, pot),
                 0);
    cr_assert(check(&g, flow, pot) == -(i128)c * ((int64_t)1 << 60));
}

/* ------------------------------------------------------------------------ */
/* Random networks against LEMON                                            */

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 8) & 0xffffff;
}

/* N nodes, about M arcs in runs of 1-4 parallel ones; capacities small,
 * zero or huge, costs of either sign. */
static void rnd_net(unsigned *s, struct net *g, int32_t n, size_t m)
{
    g->n = n;
    g->tail = malloc(m * sizeof *g->tail);
    g->head = malloc(m * sizeof *g->head);
    g->cap = malloc(m * sizeof *g->cap);
    g->cost = malloc(m * sizeof *g->cost);
    cr_assert(g->tail && g->head && g->cap && g->cost);
    size_t a = 0;
    while (a < m) {
        int32_t u = (int32_t)(rnd(s) % (unsigned)n);
        int32_t v = (int32_t)(rnd(s) % (unsigned)n);
        size_t k = 1 + rnd(s) % 4;
        for (; k > 0 && a < m; k--, a++) {
            g->tail[a] = u;
            g->head[a] = v;
            unsigned r = rnd(s) % 10;
            g->cap[a] = r == 0   ? 0
                        : r == 1 ? (int64_t)1 << 50
                                 : (int64_t)(rnd(s) % 1000);
            g->cost[a] = (int64_t)(rnd(s) % 2001) - 1000;
        }
    }
    g->m = m;
}

static void free_net(struct net *g)
{
    free(g->tail);
    free(g->head);
    free(g->cap);
    free(g->cost);
}

Test(mcf, random_against_lemon)
{
    unsigned seed = 2024;
    int checked = 0;
    for (int trial = 0; trial < 300; trial++) {
        struct net g;
        int32_t n = 2 + (int32_t)(rnd(&seed) % 30);
        rnd_net(&seed, &g, n, 1 + rnd(&seed) % (size_t)(6 * n));
        i128 want = solve(&g, PP_MCF_LEMON_NETWORK_SIMPLEX);
        cr_assert(solve(&g, PP_MCF_SCALING) == want, "trial %d", trial);
        /* warm: the same network under perturbed costs, three times */
        struct pp_mcf *m;
        int64_t *flow = malloc(g.m * sizeof *flow);
        int64_t *pot = malloc((size_t)n * sizeof *pot);
        cr_assert(flow && pot);
        cr_assert_eq(pp_mcf_new(&m, n, g.m, g.tail, g.head, g.cap), 0);
        for (int r = 0; r < 4; r++) {
            if (r > 0)
                for (size_t a = 0; a < g.m; a++)
                    if (rnd(&seed) % 3 == 0)
                        g.cost[a] += (int64_t)(rnd(&seed) % 201) - 100;
            cr_assert_eq(pp_mcf_run(m, g.cost, flow, pot), 0);
            want = solve(&g, PP_MCF_LEMON_NETWORK_SIMPLEX);
            cr_assert(check(&g, flow, pot) == want, "trial %d warm %d", trial,
                      r);
            checked++;
        }
        pp_mcf_free(m);
        free(flow);
        free(pot);
        free_net(&g);
    }
    cr_assert_eq(checked, 1200);
}

/* ------------------------------------------------------------------------ */
/* Deadline networks of measured profiles                                    */

/*
 * 1F1B, S stages x M microbatches on the GPT-3 A100 profile (stage s uses
 * the profile's stage s mod 8): the deadline network at five deadlines
 * from the fastest time to 1.2 times it, solved cold by LEMON's network
 * simplex and warm, in that order, by mcf.c: the same optimal cost.
 */
static void deadline_nets(int S, int M)
{
    const char *dir = getenv("PP_SHARED_DIR");
    char path[1024];
    struct stat st;
    if (!dir || !*dir)
        cr_skip_test("PP_SHARED_DIR is not set");
    snprintf(path, sizeof path,
             "%s/data/sosp24/emulation/stage_profile/"
             "gpt3-175b+a100_sxm_bf16.csv",
             dir);
    if (stat(path, &st) != 0)
        cr_skip_test("%s absent", path);
    struct pp_profile *prof;
    struct pp_dag *dag;
    struct pp_error err;
    struct pp_energy en = {83.64, 1};
    struct nshull h;
    struct pp_deadline *ds;
    cr_assert_eq(pp_profile_load(&prof, path, &err), 0, "%s", err.msg);
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, S, M, 1, &err), 0);
    cr_assert_eq(nshull_build(&h, dag, prof, &en, &err), 0, "%s", err.msg);
    cr_assert_eq(pp_deadline_new(&ds, dag, h.per, &err), 0, "%s", err.msg);
    int64_t fast = pp_deadline_fastest(ds);
    struct pp_mcf *m = NULL;
    int64_t *flow = NULL, *pot = NULL;
    for (int q = 0; q < 5; q++) {
        struct pp_deadline_net dn;
        pp_deadline_network(ds, fast + fast / 20 * q, &dn);
        struct net g = {dn.nnodes,          dn.narcs,
                        (int32_t *)dn.tail, (int32_t *)dn.head,
                        (int64_t *)dn.cap,  (int64_t *)dn.cost};
        if (!m) {
            cr_assert_eq(pp_mcf_new(&m, g.n, g.m, g.tail, g.head, g.cap), 0);
            flow = malloc(g.m * sizeof *flow);
            pot = malloc((size_t)g.n * sizeof *pot);
            cr_assert(flow && pot);
        }
        cr_assert_eq(pp_mcf_run(m, g.cost, flow, pot), 0);
        i128 got = check(&g, flow, pot);
        cr_assert(got == solve(&g, PP_MCF_LEMON_NETWORK_SIMPLEX),
                  "%dx%d at %lld ns", S, M, (long long)(fast + fast / 20 * q));
    }
    pp_mcf_free(m);
    free(flow);
    free(pot);
    pp_deadline_free(ds);
    nshull_free(&h);
    pp_graph_free(dag);
    pp_profile_free(prof);
}

Test(mcf, deadline_8x24)
{
    deadline_nets(8, 24);
}
Test(mcf, deadline_16x32)
{
    deadline_nets(16, 32);
}
