/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_lp.c - the LP relaxation (solver/lp.c) against answers worked out by
 * hand, against brute force and greedy optima on small random instances,
 * its input validation, and a 1F1B-sized instance.
 *
 * DAGs are built by hand (csrdag.c: CSR successor arrays only, which is
 * all the LP reads) so the test does not depend on the graph library.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csrdag.h"
#include "solver.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

/* A cost over caller-owned arrays. */
static struct pp_pwl pwl(size_t n, double *t, double *c)
{
    struct pp_pwl p = {n, t, c, NULL};
    return p;
}

static double cost_at(const struct pp_pwl *p, double d)
{
    if (d <= p->t[0])
        return p->c[0];
    for (size_t k = 1; k < p->n; k++)
        if (d <= p->t[k])
            return p->c[k - 1] + (p->c[k] - p->c[k - 1]) * (d - p->t[k - 1]) /
                                     (p->t[k] - p->t[k - 1]);
    return p->c[p->n - 1];
}

/* Longest path with durations DUR (Kahn order; nodes need not be
 * numbered topologically).  Independent of the code under test. */
static double longest(const struct pp_dag *d, const double *dur)
{
    size_t n = d->n;
    double *start = calloc(n + 1, sizeof *start);
    size_t *indeg = calloc(n + 1, sizeof *indeg);
    size_t *queue = malloc((n + 1) * sizeof *queue);
    size_t head = 0, tail = 0;
    double best = 0;
    cr_assert(start && indeg && queue);
    for (size_t e = 0; e < d->nedges; e++)
        indeg[d->succ[e]]++;
    for (size_t i = 0; i < n; i++)
        if (!indeg[i])
            queue[tail++] = i;
    while (head < tail) {
        size_t i = queue[head++];
        double f = start[i] + dur[i];
        if (f > best)
            best = f;
        for (size_t e = d->succ_off[i]; e < d->succ_off[i + 1]; e++) {
            size_t j = d->succ[e];
            if (start[j] < f)
                start[j] = f;
            if (--indeg[j] == 0)
                queue[tail++] = j;
        }
    }
    cr_assert_eq(tail, n, "test DAG has a cycle");
    free(start);
    free(indeg);
    free(queue);
    return best;
}

#define EPS 1e-7
#define assert_near(a, b)                                                    \
    cr_assert(fabs((a) - (b)) <= EPS * (1 + fabs(b)), "%s = %.12g, want %.12g", \
              #a, (double)(a), (double)(b))

/* Solve and check the solution is consistent: durations in range, the
 * longest path within the deadline, opt = sum of costs at the durations. */
static double solve_ok(const struct pp_dag *d, const struct pp_pwl *const *c,
                       double deadline, double *dur)
{
    struct pp_error err = {0};
    double opt = NAN;
    int rc = pp_lp_solve(d, c, deadline, &opt, dur, &err);
    cr_assert_eq(rc, 0, "pp_lp_solve: %d %s", rc, err.msg);
    double sum = 0;
    for (size_t i = 0; i < d->n; i++) {
        cr_assert(dur[i] >= c[i]->t[0] && dur[i] <= c[i]->t[c[i]->n - 1],
                  "dur[%zu] = %g out of range", i, dur[i]);
        sum += cost_at(c[i], dur[i]);
    }
    assert_near(opt, sum);
    double T = longest(d, dur);
    cr_assert(T <= deadline + EPS * (1 + deadline), "T = %.12g > %.12g", T,
              deadline);
    return opt;
}

/* ------------------------------------------------------------------------ */
/* Known answers                                                            */

Test(lp, single_instruction_interpolates)
{
    double t[] = {1, 2, 4}, c[] = {10, 6, 5};
    struct pp_pwl p = pwl(3, t, c);
    const struct pp_pwl *cs[] = {&p};
    struct pp_dag *d = mkdag(1, 0, NULL);
    double dur[1];
    /* The cost decreases with time, so d = deadline inside [1, 4]. */
    assert_near(solve_ok(d, cs, 1.5, dur), 8.0); /* 10 - 4 * 0.5 */
    assert_near(dur[0], 1.5);
    assert_near(solve_ok(d, cs, 3.0, dur), 5.5); /* 6 - 0.5 * 1 */
    assert_near(dur[0], 3.0);
    assert_near(solve_ok(d, cs, 1.0, dur), 10.0);
    assert_near(solve_ok(d, cs, 4.0, dur), 5.0);
    assert_near(solve_ok(d, cs, 9.0, dur), 5.0);
    assert_near(dur[0], 4.0);
    freedag(d);
}

Test(lp, chain_shortens_cheaper_slope_first)
{
    /* A: slope -3 (3 per unit to speed up), B: slope -1.  Slowest 3 + 3 = 6
     * at cost 4 + 6 = 10.  B is shortened first (1 per unit) down to 1,
     * then A (3 per unit). */
    double ta[] = {1, 3}, ca[] = {10, 4};
    double tb[] = {1, 3}, cb[] = {8, 6};
    struct pp_pwl a = pwl(2, ta, ca), b = pwl(2, tb, cb);
    const struct pp_pwl *cs[] = {&a, &b};
    size_t e[] = {0, 1};
    struct pp_dag *d = mkdag(2, 1, e);
    double dur[2];

    assert_near(solve_ok(d, cs, 6.0, dur), 10.0);
    assert_near(solve_ok(d, cs, 4.5, dur), 11.5); /* B = 1.5 */
    assert_near(dur[0], 3.0);
    assert_near(dur[1], 1.5);
    assert_near(solve_ok(d, cs, 4.0, dur), 12.0); /* B = 1 */
    assert_near(dur[1], 1.0);
    assert_near(solve_ok(d, cs, 2.5, dur), 16.5); /* A = 1.5: 8.5 + 8 */
    assert_near(dur[0], 1.5);
    assert_near(dur[1], 1.0);
    assert_near(solve_ok(d, cs, 2.0, dur), 18.0);
    freedag(d);
}

Test(lp, chain_multisegment)
{
    /* A: (1,12) (2,8) (4,6), slopes -4 then -1; B: (1,9) (3,5), slope -2.
     * Slowest 4 + 3 = 7 at 6 + 5 = 11.  Order of shortening: A's second
     * segment (1/unit, 2 units), B (2/unit, 2 units), A's first (4/unit). */
    double ta[] = {1, 2, 4}, ca[] = {12, 8, 6};
    double tb[] = {1, 3}, cb[] = {9, 5};
    struct pp_pwl a = pwl(3, ta, ca), b = pwl(2, tb, cb);
    const struct pp_pwl *cs[] = {&b, &a};
    size_t e[] = {1, 0}; /* A -> B, A stored second */
    struct pp_dag *d = mkdag(2, 1, e);
    double dur[2];

    assert_near(solve_ok(d, cs, 6.0, dur), 12.0); /* A = 3: 7 + 5 */
    assert_near(dur[1], 3.0);
    assert_near(dur[0], 3.0);
    assert_near(solve_ok(d, cs, 4.0, dur), 15.0); /* A = 2, B = 2: 8 + 7 */
    assert_near(dur[1], 2.0);
    assert_near(dur[0], 2.0);
    assert_near(solve_ok(d, cs, 2.5, dur), 19.0); /* A = 1.5, B = 1 */
    assert_near(dur[1], 1.5);
    assert_near(dur[0], 1.0);
    freedag(d);
}

/*
 * Diamond 0 -> {1, 2} -> 3.  Costs: 0: (1,5)(2,3) slope -2; 1: (2,8)(4,6)
 * slope -1; 2: (1,7)(3,6) slope -1/2; 3: fixed (1, 2).  Slowest: paths
 * 2+4+1 = 7 and 2+3+1 = 6, cost 3+6+6+2 = 17.  Speed-up costs a (node 0,
 * <= 1 unit), b (node 1, <= 2), c (node 2, <= 2); need a + b >= 7 - T and
 * a + c >= 6 - T; minimise 2a + b + c/2.
 */
static struct pp_pwl dia[4];
static double dia_t[4][2] = {{1, 2}, {2, 4}, {1, 3}, {1, 0}};
static double dia_c[4][2] = {{5, 3}, {8, 6}, {7, 6}, {2, 0}};
static const struct pp_pwl *dia_cs[4];
static const size_t dia_e[] = {0, 1, 0, 2, 1, 3, 2, 3};

static struct pp_dag *diamond(void)
{
    for (int i = 0; i < 4; i++) {
        dia[i] = pwl(i == 3 ? 1 : 2, dia_t[i], dia_c[i]);
        dia_cs[i] = &dia[i];
    }
    return mkdag(4, 4, dia_e);
}

Test(lp, diamond_parallel_branches)
{
    struct pp_dag *d = diamond();
    double dur[4];

    assert_near(solve_ok(d, dia_cs, 7.0, dur), 17.0);
    /* T = 6: b = 1 (cheaper than a = 1). */
    assert_near(solve_ok(d, dia_cs, 6.0, dur), 18.0);
    assert_near(dur[0], 2.0);
    assert_near(dur[1], 3.0);
    assert_near(dur[2], 3.0);
    /* T = 5: a = 0, b = 2, c = 1 costs 2.5 (a = 1, b = 1 costs 3). */
    assert_near(solve_ok(d, dia_cs, 5.0, dur), 19.5);
    assert_near(dur[0], 2.0);
    assert_near(dur[1], 2.0);
    assert_near(dur[2], 2.0);
    assert_near(dur[3], 1.0);
    /* T = 4 is the fastest: a = 1, b = 2, c = 1 costs 4.5. */
    assert_near(solve_ok(d, dia_cs, 4.0, dur), 21.5);
    assert_near(dur[0], 1.0);
    assert_near(dur[1], 2.0);
    assert_near(dur[2], 2.0);
    freedag(d);
}

Test(lp, deadline_below_fastest_is_input_error)
{
    struct pp_dag *d = diamond();
    struct pp_error err = {0};
    double opt = -123.0, dur[4] = {-1, -1, -1, -1};

    int rc = pp_lp_solve(d, dia_cs, 3.9, &opt, dur, &err);
    cr_assert_eq(rc, PP_EINPUT);
    cr_assert_eq(err.code, PP_EINPUT);
    cr_assert(strstr(err.msg, "below the fastest possible iteration time 4 s"),
              "message: %s", err.msg);
    cr_assert(strstr(err.msg, "deadline 3.9 s"), "message: %s", err.msg);
    /* Nothing half-filled on failure. */
    cr_assert_eq(opt, -123.0);
    cr_assert_eq(dur[0], -1.0);

    /* Within the 1e-12 relative tolerance the fastest plan is returned. */
    assert_near(solve_ok(d, dia_cs, 4.0 * (1 - 1e-13), dur), 21.5);
    /* Just outside it is refused. */
    rc = pp_lp_solve(d, dia_cs, 4.0 * (1 - 1e-10), &opt, dur, &err);
    cr_assert_eq(rc, PP_EINPUT);
    freedag(d);
}

Test(lp, deadline_above_slowest_gives_min_cost_vertices)
{
    /* Minimum cost at an interior vertex: X at 2, Y at 3; Z fixed.
     * X -> Y, X -> Z; a generous deadline must not stretch X or Y. */
    double tx[] = {1, 2, 3}, cx[] = {5, 3, 4};
    double ty[] = {2, 3, 5}, cy[] = {6, 2, 2.5};
    double tz[] = {1.5}, cz[] = {-1};
    struct pp_pwl x = pwl(3, tx, cx), y = pwl(3, ty, cy), z = pwl(1, tz, cz);
    const struct pp_pwl *cs[] = {&x, &y, &z};
    size_t e[] = {0, 1, 0, 2};
    struct pp_dag *d = mkdag(3, 2, e);
    double dur[3];

    for (double T = 5.0; T <= 100.0; T *= 2) {
        assert_near(solve_ok(d, cs, T, dur), 4.0); /* 3 + 2 - 1 */
        assert_near(dur[0], 2.0);
        assert_near(dur[1], 3.0);
        assert_near(dur[2], 1.5);
    }
    /* dur is optional. */
    struct pp_error err = {0};
    double opt = 0;
    cr_assert_eq(pp_lp_solve(d, cs, 50.0, &opt, NULL, &err), 0);
    assert_near(opt, 4.0);
    freedag(d);
}

Test(lp, units_do_not_matter)
{
    /* The diamond in milliseconds and millijoules gives the same answer
     * scaled: the LP is rescaled internally. */
    double t[4][2], c[4][2];
    struct pp_pwl p[4];
    const struct pp_pwl *cs[4];
    struct pp_dag *d = mkdag(4, 4, dia_e);
    double dur[4];

    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 2; k++) {
            t[i][k] = dia_t[i][k] * 1e-3;
            c[i][k] = dia_c[i][k] * 1e3;
        }
        p[i] = pwl(i == 3 ? 1 : 2, t[i], c[i]);
        cs[i] = &p[i];
    }
    assert_near(solve_ok(d, cs, 5e-3, dur), 19.5e3);
    assert_near(dur[1], 2e-3);
    assert_near(dur[2], 2e-3);
    freedag(d);
}

Test(lp, glpk_prints_nothing, .init = cr_redirect_stdout)
{
    struct pp_dag *d = diamond();
    double dur[4];
    solve_ok(d, dia_cs, 5.0, dur);
    freedag(d);
    fflush(stdout);
    cr_assert_stdout_eq_str("");
}

/* ------------------------------------------------------------------------ */
/* Input validation                                                         */

static int solve_err(const struct pp_dag *d, const struct pp_pwl *const *c,
                     double T, const char *want)
{
    struct pp_error err = {0};
    double opt = 0, dur[8];
    int rc = pp_lp_solve(d, c, T, &opt, dur, &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d for %s", rc, want);
    cr_assert(strstr(err.msg, want), "message \"%s\" lacks \"%s\"", err.msg,
              want);
    return rc;
}

Test(lp, rejects_bad_costs)
{
    double t[3], c[3];
    struct pp_pwl p = pwl(3, t, c);
    const struct pp_pwl *cs[] = {&p};
    struct pp_dag *d = mkdag(1, 0, NULL);
#define SET(a, b, e, x, y, z)                                                \
    do {                                                                     \
        t[0] = a, t[1] = b, t[2] = e;                                        \
        c[0] = x, c[1] = y, c[2] = z;                                        \
    } while (0)

    SET(1, 2, 3, 3, 2, 1.5);
    double dur[1];
    solve_ok(d, cs, 2.5, dur); /* the baseline is valid */
    SET(1, NAN, 3, 3, 2, 1.5);
    solve_err(d, cs, 2.5, "instruction 0: cost vertex 1 is not finite");
    SET(1, 2, 3, 3, NAN, 1.5);
    solve_err(d, cs, 2.5, "not finite");
    SET(1, 2, 3, 3, 2, INFINITY);
    solve_err(d, cs, 2.5, "not finite");
    SET(1, 2, 2, 3, 2, 1.5);
    solve_err(d, cs, 2.5, "strictly increasing");
    SET(1, 3, 2, 3, 2, 1.5);
    solve_err(d, cs, 2.5, "strictly increasing");
    SET(1, 2, 3, 3, 2.9, 1.5); /* above the chord */
    solve_err(d, cs, 2.5, "not convex at vertex 1");
    SET(-1, 2, 3, 3, 2, 1.5);
    solve_err(d, cs, 2.5, "negative duration");
    SET(1, 1 + 0x1p-52, 3, 1e300, -1e300, -1e300); /* slope overflows */
    solve_err(d, cs, 2.5, "slope between vertices 0 and 1 is not finite");
    /* Rounding-level non-convexity is accepted. */
    SET(1, 2, 3, 3, 2.25 * (1 + 1e-12), 1.5);
    solve_ok(d, cs, 2.5, dur);
    /* Bad deadlines. */
    SET(1, 2, 3, 3, 2, 1.5);
    solve_err(d, cs, NAN, "not finite");
    solve_err(d, cs, INFINITY, "not finite");
    /* Missing or empty cost. */
    p.n = 0;
    solve_err(d, cs, 2.5, "missing or empty cost");
    const struct pp_pwl *none[] = {NULL};
    solve_err(d, none, 2.5, "missing or empty cost");
    freedag(d);
#undef SET
}

Test(lp, rejects_bad_dags)
{
    double t[] = {1, 2}, c[] = {2, 1};
    struct pp_pwl p = pwl(2, t, c);
    const struct pp_pwl *cs[] = {&p, &p, &p};

    struct pp_dag *d0 = mkdag(0, 0, NULL);
    solve_err(d0, cs, 5, "no instructions");
    freedag(d0);

    size_t cyc[] = {0, 1, 1, 2, 2, 1};
    struct pp_dag *d1 = mkdag(3, 3, cyc);
    solve_err(d1, cs, 50, "cycle");
    freedag(d1);

    size_t ok[] = {0, 1};
    struct pp_dag *d2 = mkdag(3, 1, ok);
    d2->succ[0] = 7; /* dangling */
    solve_err(d2, cs, 50, "points to instruction 7");
    d2->succ[0] = 1;
    d2->nedges = 2; /* offsets disagree */
    solve_err(d2, cs, 50, "inconsistent");
    freedag(d2);

    /* Labels use the instruction's GPU, kind and microbatch when known. */
    char *kinds[] = {"forward", "backward"};
    struct pp_instr ins[1] = {{.gpu = 2, .kind = 1, .mb = 5}};
    struct pp_dag *d3 = mkdag(1, 0, NULL);
    d3->ins = ins;
    d3->kinds = kinds;
    d3->nkinds = 2;
    double tb[] = {2, 1}, cb[] = {1, 1};
    struct pp_pwl bad = pwl(2, tb, cb);
    const struct pp_pwl *bcs[] = {&bad};
    solve_err(d3, bcs, 5, "instruction 0 (gpu 2 backward mb 5)");
    freedag(d3);
}

/* ------------------------------------------------------------------------ */
/* Random instances against independent optima                              */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int irand(int lo, int hi) /* inclusive */
{
    return lo + (int)(next() % (uint64_t)(hi - lo + 1));
}

static double urand(void)
{
    return (double)(next() >> 11) * 0x1.0p-53;
}

/* A random convex cost with N vertices; integer data if INTEGRAL. */
static void rand_cost(struct pp_pwl *p, double *t, double *c, size_t n,
                      int integral)
{
    double slope[8];
    t[0] = integral ? irand(1, 2) : 0.5 + urand();
    c[0] = integral ? irand(10, 30) : 10 + 20 * urand();
    for (size_t k = 0; k + 1 < n; k++)
        slope[k] = integral ? irand(-8, 3) : -8 + 11 * urand();
    for (size_t a = 1; a + 1 < n; a++) /* sort: convex */
        for (size_t b = a; b > 0 && slope[b - 1] > slope[b]; b--) {
            double s = slope[b];
            slope[b] = slope[b - 1];
            slope[b - 1] = s;
        }
    for (size_t k = 1; k < n; k++) {
        double len = integral ? irand(1, 2) : 0.2 + 1.5 * urand();
        t[k] = t[k - 1] + len;
        c[k] = c[k - 1] + slope[k - 1] * len;
    }
    *p = pwl(n, t, c);
}

/*
 * Tiny random DAGs with integer breakpoints and an integer deadline.
 * Writing f_i = s_i + d_i, every constraint bounds a difference of two
 * potentials (s_j - f_i >= 0, t_i0 <= f_i - s_i <= t_i,last, 0 <= s_i,
 * f_i <= T) and the objective is a sum of convex functions of such
 * differences with integer breakpoints: a convex-cost tension problem, the
 * dual of a convex-cost flow, which has an integral optimum.  So the LP
 * optimum equals the minimum over integer durations, found by enumeration.
 */
Test(lp, random_tiny_dags_vs_brute_force)
{
    for (int trial = 0; trial < 300; trial++) {
        size_t n = (size_t)irand(3, 4);
        size_t perm[4], edges[12], ne = 0;
        double t[4][4], c[4][4];
        struct pp_pwl p[4];
        const struct pp_pwl *cs[4];

        for (size_t i = 0; i < n; i++)
            perm[i] = i;
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)irand(0, (int)i);
            size_t s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        /* Edges a -> b for a < b in a hidden order, relabelled by perm so
         * instruction indices are not topologically sorted. */
        for (size_t a = 0; a < n; a++)
            for (size_t b = a + 1; b < n; b++)
                if (irand(0, 1)) {
                    edges[2 * ne] = perm[a];
                    edges[2 * ne + 1] = perm[b];
                    ne++;
                }
        for (size_t i = 0; i < n; i++) {
            rand_cost(&p[i], t[i], c[i], (size_t)irand(1, 4), 1);
            cs[i] = &p[i];
        }
        struct pp_dag *d = mkdag(n, ne, edges);
        double lo[4], hi[4];
        for (size_t i = 0; i < n; i++) {
            lo[i] = t[i][0];
            hi[i] = t[i][p[i].n - 1];
        }
        double fastest = longest(d, lo), slowest = longest(d, hi);
        double T = irand((int)fastest, (int)slowest + 1);

        /* Brute force over integer durations. */
        double best = INFINITY, dd[4];
        int idx[4] = {0, 0, 0, 0};
        for (;;) {
            for (size_t i = 0; i < n; i++)
                dd[i] = lo[i] + idx[i];
            if (longest(d, dd) <= T) {
                double s = 0;
                for (size_t i = 0; i < n; i++)
                    s += cost_at(&p[i], dd[i]);
                if (s < best)
                    best = s;
            }
            size_t i = 0;
            while (i < n && lo[i] + ++idx[i] > hi[i])
                idx[i++] = 0;
            if (i == n)
                break;
        }
        cr_assert(isfinite(best));
        double dur[4];
        double opt = solve_ok(d, cs, T, dur);
        cr_assert(fabs(opt - best) <= 1e-7 * (1 + fabs(best)),
                  "trial %d: LP %.12g, brute force %.12g", trial, opt, best);
        freedag(d);
    }
}

/*
 * Parallel chains with real-valued data.  Each chain must fit the deadline
 * on its own, and on a chain the optimum removes time from the segments in
 * order of increasing speed-up cost (a fractional knapsack: each segment
 * costs -slope per unit removed, and convexity means an instruction's
 * segments are removed from its slow end first).  Segments with a positive
 * slope are never entered: each instruction starts at its minimum-cost
 * vertex.
 */
struct seg {
    double len, price;
};

static int seg_cmp(const void *a, const void *b)
{
    double x = ((const struct seg *)a)->price, y = ((const struct seg *)b)->price;
    return (x > y) - (x < y);
}

Test(lp, random_parallel_chains_vs_greedy)
{
    for (int trial = 0; trial < 100; trial++) {
        enum { MAXN = 12 };
        size_t nchains = (size_t)irand(1, 3), n = 0, ne = 0;
        size_t first[4], edges[2 * MAXN];
        double t[MAXN][6], c[MAXN][6];
        struct pp_pwl p[MAXN];
        const struct pp_pwl *cs[MAXN];

        for (size_t h = 0; h < nchains; h++) {
            size_t len = (size_t)irand(1, 4);
            first[h] = n;
            for (size_t k = 0; k < len; k++, n++) {
                rand_cost(&p[n], t[n], c[n], (size_t)irand(1, 6), 0);
                cs[n] = &p[n];
                if (k > 0) {
                    edges[2 * ne] = n - 1;
                    edges[2 * ne + 1] = n;
                    ne++;
                }
            }
        }
        first[nchains] = n;
        /* Deadline between the longest fastest chain and a bit past the
         * longest min-cost chain. */
        double fast = 0, slow = 0;
        for (size_t h = 0; h < nchains; h++) {
            double f = 0, s = 0;
            for (size_t i = first[h]; i < first[h + 1]; i++) {
                f += p[i].t[0];
                s += p[i].t[p[i].n - 1];
            }
            fast = fmax(fast, f);
            slow = fmax(slow, s);
        }
        double T = fast + (slow - fast) * 1.1 * urand();

        double want = 0;
        for (size_t h = 0; h < nchains; h++) {
            struct seg segs[MAXN * 5];
            size_t ns = 0;
            double len = 0, base = 0;
            for (size_t i = first[h]; i < first[h + 1]; i++) {
                /* Start at the minimum-cost vertex (last with slope < 0). */
                size_t m = 0;
                while (m + 1 < p[i].n && p[i].c[m + 1] < p[i].c[m])
                    m++;
                len += p[i].t[m];
                base += p[i].c[m];
                for (size_t k = 0; k < m; k++)
                    segs[ns++] = (struct seg){
                        p[i].t[k + 1] - p[i].t[k],
                        (p[i].c[k] - p[i].c[k + 1]) /
                            (p[i].t[k + 1] - p[i].t[k])};
            }
            qsort(segs, ns, sizeof *segs, seg_cmp);
            double need = len - T;
            for (size_t k = 0; k < ns && need > 0; k++) {
                double take = fmin(need, segs[k].len);
                base += take * segs[k].price;
                need -= take;
            }
            cr_assert(need <= 1e-9);
            want += base;
        }
        struct pp_dag *d = mkdag(n, ne, edges);
        double dur[MAXN];
        double opt = solve_ok(d, cs, T, dur);
        cr_assert(fabs(opt - want) <= 1e-7 * (1 + fabs(want)),
                  "trial %d: LP %.12g, greedy %.12g", trial, opt, want);
        freedag(d);
    }
}

/* ------------------------------------------------------------------------ */
/* A 1F1B-sized instance                                                    */

/*
 * 1F1B as in SPEC 2.5: stage s runs w = min(S - s, M) warm-up forwards, then
 * for i = 0..M-1: B_i, then F_{i+w} if i + w < M.  Edges: consecutive
 * instructions of a stage, F(s,m) -> F(s+1,m), B(s+1,m) -> B(s,m).
 * Instruction (s, kind, m) has index (s * 2 + kind) * M + m.
 */
static struct pp_dag *build_1f1b(int S, int M)
{
    size_t n = (size_t)2 * S * M, ne = 0;
    size_t *edges = malloc(2 * 3 * n * sizeof *edges);
    cr_assert_not_null(edges);
#define ID(s, k, m) ((size_t)(((s) * 2 + (k)) * M + (m)))
    for (int s = 0; s < S; s++) {
        int w = S - s < M ? S - s : M;
        size_t prev = SIZE_MAX;
#define EMIT(id)                                                             \
    do {                                                                     \
        size_t id_ = (id);                                                   \
        if (prev != SIZE_MAX) {                                              \
            edges[2 * ne] = prev;                                            \
            edges[2 * ne + 1] = id_;                                         \
            ne++;                                                            \
        }                                                                    \
        prev = id_;                                                          \
    } while (0)
        for (int m = 0; m < w; m++)
            EMIT(ID(s, 0, m));
        for (int i = 0; i < M; i++) {
            EMIT(ID(s, 1, i));
            if (i + w < M)
                EMIT(ID(s, 0, i + w));
        }
#undef EMIT
        for (int m = 0; m < M; m++) {
            if (s + 1 < S) {
                edges[2 * ne] = ID(s, 0, m);
                edges[2 * ne + 1] = ID(s + 1, 0, m);
                ne++;
                edges[2 * ne] = ID(s + 1, 1, m);
                edges[2 * ne + 1] = ID(s, 1, m);
                ne++;
            }
        }
    }
#undef ID
    struct pp_dag *d = mkdag(n, ne, edges);
    free(edges);
    return d;
}

/* Per (stage, kind) costs: 10 vertices, times base * (1 + 0.04 k), costs
 * e0 * (0.8 + 0.4 exp(-k / 2)), decreasing and convex; stage imbalance. */
struct costs_1f1b {
    double t[16][2][10], c[16][2][10];
    struct pp_pwl p[16][2];
    const struct pp_pwl **cs;
};

static void costs_1f1b(struct costs_1f1b *k, int S, int M)
{
    k->cs = malloc((size_t)2 * S * M * sizeof *k->cs);
    cr_assert_not_null(k->cs);
    for (int s = 0; s < S; s++)
        for (int kind = 0; kind < 2; kind++) {
            double base = (kind ? 0.02 : 0.01) * (1 + 0.07 * (s % 5));
            double e0 = (kind ? 200 : 100) * (1 + 0.05 * s);
            for (int v = 0; v < 10; v++) {
                k->t[s][kind][v] = base * (1 + 0.04 * v);
                k->c[s][kind][v] = e0 * (0.8 + 0.4 * exp(-v / 2.0));
            }
            k->p[s][kind] = pwl(10, k->t[s][kind], k->c[s][kind]);
            for (int m = 0; m < M; m++)
                k->cs[(s * 2 + kind) * M + m] = &k->p[s][kind];
        }
}

static void check_1f1b(int S, int M, int full)
{
    struct pp_dag *d = build_1f1b(S, M);
    static struct costs_1f1b k;
    costs_1f1b(&k, S, M);
    size_t n = d->n;
    double *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
    double *dur = malloc(n * sizeof *dur), *uni = malloc(n * sizeof *uni);
    cr_assert(lo && hi && dur && uni);
    double fastcost = 0, mincost = 0;
    for (size_t i = 0; i < n; i++) {
        lo[i] = k.cs[i]->t[0];
        hi[i] = k.cs[i]->t[9];
        fastcost += k.cs[i]->c[0];
        mincost += k.cs[i]->c[9];
    }
    double fastest = longest(d, lo), slowest = longest(d, hi);
    cr_assert(slowest > fastest);

    double T = fastest + 0.3 * (slowest - fastest);
    double opt = solve_ok(d, k.cs, T, dur);
    cr_assert(opt <= fastcost + 1e-9 * fastcost);
    cr_assert(opt >= mincost - 1e-9 * mincost);
    /* No worse than the best uniform plan (every instruction at vertex v)
     * that meets T. */
    for (int v = 9; v >= 0; v--) {
        double uc = 0;
        for (size_t i = 0; i < n; i++) {
            uni[i] = k.cs[i]->t[v];
            uc += k.cs[i]->c[v];
        }
        if (longest(d, uni) <= T) {
            cr_assert(opt <= uc * (1 + 1e-9), "LP %.12g > uniform %.12g",
                      opt, uc);
            cr_assert(opt < uc, "imbalanced stages should gain over uniform");
            break;
        }
    }
    /* At the slowest, the minimum; a tighter deadline, a higher optimum. */
    assert_near(solve_ok(d, k.cs, slowest, dur), mincost);
    if (full) {
        double tighter = solve_ok(d, k.cs, fastest, dur);
        cr_assert(tighter > opt);
    }
    free(lo);
    free(hi);
    free(dur);
    free(uni);
    free(k.cs);
    freedag(d);
}

Test(lp, one_f_one_b_1500)
{
    check_1f1b(8, 94, 1); /* 1,504 instructions */
}

Test(lp, one_f_one_b_5000, .timeout = 120)
{
    check_1f1b(8, 313, 0); /* 5,008 instructions */
}
