/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_deadline.c - the deadline solver (solver/deadline.c): a case worked
 * out by hand, the infeasible deadline, random DAGs with random convex
 * costs against the GLPK LP (pp_lp_solve) and their circulations against
 * LEMON's network simplex, and, on the measured profiles in
 * ../shared (skipped when absent), the value at frontier points against
 * the exact model's frontier walk (pp_frontier_solve).
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csrdag.h"
#include "deadline.h"
#include "deadline_internal.h"
#include "mcf.h"
#include "random.h"
#include "solver.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

/* Longest path of DUR, by repeated relaxation (independent of the code
 * under test; the DAGs here are small). */
static int64_t longest(const struct pp_dag *d, const int64_t *dur)
{
    int64_t *start = calloc(d->n, sizeof *start), T = 0;
    cr_assert_not_null(start);
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < d->n; i++)
            for (size_t e = d->succ_off[i]; e < d->succ_off[i + 1]; e++)
                if (start[d->succ[e]] < start[i] + dur[i]) {
                    start[d->succ[e]] = start[i] + dur[i];
                    changed = 1;
                }
    }
    for (size_t i = 0; i < d->n; i++)
        if (start[i] + dur[i] > T)
            T = start[i] + dur[i];
    free(start);
    return T;
}

/* Solve at D and check what holds for any answer: durations whole ns in
 * range, longest path <= D and equal to res.T, cost = sum of costs. */
static struct pp_deadline_result solve_ok(struct pp_deadline *ds,
                                          const struct pp_dag *d,
                                          const struct pp_pwl *const *c,
                                          int64_t D, int64_t *dur)
{
    struct pp_deadline_result r;
    struct pp_error err = {0};
    cr_assert_eq(pp_deadline_solve(ds, D, dur, &r, &err), 0, "%s", err.msg);
    double sum = 0;
    for (size_t i = 0; i < d->n; i++) {
        cr_assert(dur[i] >= c[i]->t[0] && dur[i] <= c[i]->t[c[i]->n - 1],
                  "instruction %zu: %lld ns outside [%g, %g]", i,
                  (long long)dur[i], c[i]->t[0], c[i]->t[c[i]->n - 1]);
        sum += pp_pwl_eval(c[i], (double)dur[i]);
    }
    int64_t T = longest(d, dur);
    cr_assert_eq(T, r.T);
    cr_assert(T <= D, "longest path %lld > deadline %lld", (long long)T,
              (long long)D);
    cr_assert(fabs(sum - r.cost) <= 1e-9 * (1 + fabs(sum)),
              "cost %.12g, sum of costs %.12g", r.cost, sum);
    cr_assert(r.bound <= r.cost + 1e-9 * (1 + fabs(r.cost)),
              "bound %.12g above the cost %.12g", r.bound, r.cost);
    return r;
}

/* ------------------------------------------------------------------------ */
/* By hand                                                                  */

/*
 * A -> B.  A: (10 ns, 5 J) to (20 ns, 1 J), saving 0.4 J/ns; B: (10, 8) to
 * (30, 2), 0.3 J/ns.  Fastest 20 ns.  At 25 ns the 5 spare ns go to A
 * (it saves more per ns): cost 3 + 8 = 11 J.  At 40 ns A takes 10 and B
 * the other 10: 1 + 5 = 6 J.  At 50 ns and beyond both are slowest: 3 J.
 */
Test(deadline, two_in_series)
{
    double ta[] = {10, 20}, ca[] = {5, 1}, tb[] = {10, 30}, cb[] = {8, 2};
    struct pp_pwl A = {2, ta, ca, NULL}, B = {2, tb, cb, NULL};
    const struct pp_pwl *c[] = {&A, &B};
    size_t e[] = {0, 1};
    struct pp_dag *d = mkdag(2, 1, e);
    struct pp_deadline *ds;
    struct pp_error err;
    int64_t dur[2];
    cr_assert_eq(pp_deadline_new(&ds, d, c, &err), 0, "%s", err.msg);
    cr_assert_eq(pp_deadline_fastest(ds), 20);

    struct pp_deadline_result r = solve_ok(ds, d, c, 25, dur);
    cr_assert_eq(dur[0], 15);
    cr_assert_eq(dur[1], 10);
    cr_assert_float_eq(r.cost, 11.0, 1e-12);
    cr_assert_float_eq(r.bound, 11.0, 1e-9);

    r = solve_ok(ds, d, c, 40, dur);
    cr_assert_eq(dur[0], 20);
    cr_assert_eq(dur[1], 20);
    cr_assert_float_eq(r.cost, 6.0, 1e-12);
    cr_assert_float_eq(r.bound, 6.0, 1e-9);

    r = solve_ok(ds, d, c, 20, dur);
    cr_assert_eq(dur[0], 10);
    cr_assert_eq(dur[1], 10);
    cr_assert_float_eq(r.cost, 13.0, 1e-12);
    cr_assert_float_eq(r.bound, 13.0, 1e-9);

    r = solve_ok(ds, d, c, 1000, dur);
    cr_assert_float_eq(r.cost, 3.0, 1e-12);
    cr_assert_float_eq(r.bound, 3.0, 1e-9);
    pp_deadline_free(ds);
    freedag(d);
}

Test(deadline, below_fastest)
{
    double ta[] = {10, 20}, ca[] = {5, 1}, tb[] = {7}, cb[] = {8};
    struct pp_pwl A = {2, ta, ca, NULL}, B = {1, tb, cb, NULL};
    const struct pp_pwl *c[] = {&A, &B};
    size_t e[] = {0, 1};
    struct pp_dag *d = mkdag(2, 1, e);
    struct pp_deadline *ds;
    struct pp_error err = {0};
    int64_t dur[2];
    struct pp_deadline_result r;
    cr_assert_eq(pp_deadline_new(&ds, d, c, &err), 0, "%s", err.msg);
    cr_assert_eq(pp_deadline_solve(ds, 16, dur, &r, &err), PP_EINPUT);
    cr_assert(strstr(err.msg, "16 ns") && strstr(err.msg, "17 ns"), "%s",
              err.msg);
    /* still usable afterwards */
    r = solve_ok(ds, d, c, 17, dur);
    cr_assert_float_eq(r.cost, 13.0, 1e-12);
    pp_deadline_free(ds);
    freedag(d);
}

Test(deadline, rejects_bad_costs)
{
    double t1[] = {10, 20.5}, c1[] = {5, 1};
    double t2[] = {10, 20, 30}, c2[] = {5, 1, 0.9 + 4}; /* not convex */
    struct pp_pwl A = {2, t1, c1, NULL}, B = {3, t2, c2, NULL};
    size_t e[] = {0, 1};
    struct pp_dag *d = mkdag(2, 1, e);
    struct pp_deadline *ds = (void *)1;
    struct pp_error err = {0};
    const struct pp_pwl *ca[] = {&A, &A};
    cr_assert_eq(pp_deadline_new(&ds, d, ca, &err), PP_EINPUT);
    cr_assert_null(ds);
    cr_assert(strstr(err.msg, "whole number"), "%s", err.msg);
    c2[2] = 4.0; /* 5, 1, 4: the slope rises, convex but not monotone */
    const struct pp_pwl *cb[] = {&B, &B};
    cr_assert_eq(pp_deadline_new(&ds, d, cb, &err), 0, "%s", err.msg);
    int64_t dur[2];
    struct pp_deadline_result r = solve_ok(ds, d, cb, 100, dur);
    cr_assert_eq(dur[0], 20); /* the rising tail is never used */
    cr_assert_float_eq(r.cost, 2.0, 1e-12);
    pp_deadline_free(ds);
    c2[1] = 6.0; /* 5, 6, 4: concave */
    cr_assert_eq(pp_deadline_new(&ds, d, cb, &err), PP_EINPUT);
    cr_assert(strstr(err.msg, "not convex"), "%s", err.msg);
    freedag(d);
}

/* ------------------------------------------------------------------------ */
/* Random instances against the GLPK LP                                     */

__extension__ typedef __int128 i128;

/* The optimal cost of DS's network at D by METHOD, exactly. */
static i128 net_cost(struct pp_deadline *ds, int64_t D,
                     enum pp_mcf_method method)
{
    struct pp_deadline_net dn;
    pp_deadline_network(ds, D, &dn);
    int64_t *flow = malloc(dn.narcs * sizeof *flow);
    int64_t *pot = malloc((size_t)dn.nnodes * sizeof *pot);
    cr_assert(flow && pot);
    cr_assert_eq(pp_mcf_solve(method, dn.nnodes, dn.narcs, dn.tail, dn.head,
                              dn.cap, dn.cost, flow, pot), 0);
    i128 c = 0;
    for (size_t a = 0; a < dn.narcs; a++)
        c += (i128)flow[a] * dn.cost[a];
    free(flow);
    free(pot);
    return c;
}

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 8) & 0xffffff;
}

/* A convex non-increasing cost: 1..6 vertices, whole ns. */
static void rnd_cost(unsigned *s, struct pp_pwl *p, double *t, double *c)
{
    size_t n = 1 + rnd(s) % 6;
    double slope = 0.5 + (rnd(s) % 1000) * 1e-3;
    t[0] = 1 + rnd(s) % 1000;
    c[0] = 10 + (rnd(s) % 1000) * 0.1;
    for (size_t k = 1; k < n; k++) {
        t[k] = t[k - 1] + 1 + rnd(s) % 300;
        c[k] = c[k - 1] - slope * (t[k] - t[k - 1]);
        slope *= 0.1 + (rnd(s) % 900) * 1e-3; /* strictly flatter */
    }
    p->n = n;
    p->t = t;
    p->c = c;
    p->mhz = NULL;
}

Test(deadline, random_against_lp)
{
    unsigned seed = 12345;
    int checked = 0;
    for (int trial = 0; trial < 60; trial++) {
        size_t n = 4 + rnd(&seed) % 40;
        int g = 1 + (int)(rnd(&seed) % 4);
        struct pp_dag *d = rnd_dag(&seed, g, n, 2);
        struct pp_pwl *pw = calloc(n, sizeof *pw);
        const struct pp_pwl **c = calloc(n, sizeof *c);
        double *tv = malloc(n * 6 * sizeof *tv), *cv = malloc(n * 6 * sizeof *cv);
        int64_t *dur = malloc(n * sizeof *dur), *slow = malloc(n * sizeof *slow);
        double *ldur = malloc(n * sizeof *ldur);
        cr_assert(pw && c && tv && cv && dur && slow && ldur);
        for (size_t i = 0; i < n; i++) {
            rnd_cost(&seed, &pw[i], tv + 6 * i, cv + 6 * i);
            c[i] = &pw[i];
            slow[i] = (int64_t)pw[i].t[pw[i].n - 1];
        }
        struct pp_deadline *ds;
        struct pp_error err;
        cr_assert_eq(pp_deadline_new(&ds, d, c, &err), 0, "%s", err.msg);
        int64_t lo = pp_deadline_fastest(ds), hi = longest(d, slow);
        for (int q = 0; q < 6; q++) {
            int64_t D = q == 0   ? lo
                        : q == 5 ? hi + 7
                                 : lo + (int64_t)(rnd(&seed) % (uint64_t)(hi - lo + 1));
            struct pp_deadline_result r = solve_ok(ds, d, c, D, dur);
            double opt;
            cr_assert_eq(pp_lp_solve(d, c, (double)D, &opt, ldur, &err), 0,
                         "%s", err.msg);
            double tol = 1e-7 * (1 + fabs(opt));
            cr_assert(fabs(r.cost - opt) <= tol,
                      "trial %d D %lld: cost %.12g, LP %.12g", trial,
                      (long long)D, r.cost, opt);
            cr_assert(fabs(r.bound - opt) <= tol,
                      "trial %d D %lld: bound %.12g, LP %.12g", trial,
                      (long long)D, r.bound, opt);
            /* the circulation itself: the same optimum as LEMON's */
            cr_assert(net_cost(ds, D, PP_MCF_SCALING) ==
                          net_cost(ds, D, PP_MCF_LEMON_NETWORK_SIMPLEX),
                      "trial %d D %lld: circulation costs differ", trial,
                      (long long)D);
            checked++;
        }
        pp_deadline_free(ds);
        free(pw);
        free(c);
        free(tv);
        free(cv);
        free(dur);
        free(slow);
        free(ldur);
        pp_graph_free(d);
    }
    cr_assert_eq(checked, 360);
}

/* ------------------------------------------------------------------------ */
/* Measured profiles against the frontier walk                              */

#include "nshull.h"
#include "profile.h"
#include "shared.h"

/*
 * 1F1B, 8 stages, M microbatches on a measured profile: at 20 frontier
 * points spread over the walk's points, D = the point's model time; the
 * deadline solver's cost + G K P_b D must equal the point's model energy
 * (both the relaxation's optimum at D) to 1e-9 relative, and its bound
 * too.
 */
static void against_frontier(const char *gpu, const char *model, int M)
{
    struct pp_profile *prof = shared_profile(model, gpu);
    struct pp_dag *dag = shared_dag(M);
    struct pp_frontier *fr;
    struct pp_error err;
    struct pp_solve_opts o;
    pp_solve_opts_init(&o);
    o.energy.blocking_power = shared_blocking_power(gpu);
    o.threads = 0;
    cr_assert_eq(pp_frontier_solve(&fr, dag, prof, &o, &err), 0, "%s",
                 err.msg);
    struct nshull h;
    cr_assert_eq(nshull_build(&h, dag, prof, &o.energy, &err), 0, "%s",
                 err.msg);
    struct pp_deadline *ds;
    cr_assert_eq(pp_deadline_new(&ds, dag, h.per, &err), 0, "%s", err.msg);
    int64_t *dur = malloc(dag->n * sizeof *dur);
    cr_assert_not_null(dur);
    double gkp = dag->ngpus * o.energy.gpus_per_stage *
                 o.energy.blocking_power;
    cr_assert_geq(fr->npoints, 20);
    for (int q = 0; q < 20; q++) {
        const struct pp_point *pt =
            &fr->pts[(size_t)q * (fr->npoints - 1) / 19];
        int64_t D = llround(pt->time_model * 1e9);
        struct pp_deadline_result r = solve_ok(ds, dag, h.per, D, dur);
        double e = r.cost + gkp * (double)D * 1e-9;
        double eb = r.bound + gkp * (double)D * 1e-9;
        cr_assert(fabs(e - pt->energy_model) <= 1e-9 * fabs(pt->energy_model),
                  "%s %s M %d at %lld ns: %.12g J, frontier %.12g J", gpu,
                  model, M, (long long)D, e, pt->energy_model);
        cr_assert(fabs(eb - pt->energy_model) <= 1e-9 * fabs(pt->energy_model),
                  "%s %s M %d at %lld ns: bound %.12g J, frontier %.12g J",
                  gpu, model, M, (long long)D, eb, pt->energy_model);
    }
    free(dur);
    pp_deadline_free(ds);
    nshull_free(&h);
    pp_frontier_free(fr);
    pp_graph_free(dag);
    pp_profile_free(prof);
}

Test(deadline, frontier_a100_gpt3_12) { against_frontier("a100_sxm", "gpt3-175b", 12); }
Test(deadline, frontier_a40_bloom_24) { against_frontier("a40", "bloom", 24); }
Test(deadline, frontier_a100_bloom_48) { against_frontier("a100_sxm", "bloom", 48); }
Test(deadline, frontier_a40_gpt3_12) { against_frontier("a40", "gpt3-175b", 12); }
