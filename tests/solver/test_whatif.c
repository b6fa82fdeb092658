/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_whatif.c - the straggler accounting of solver/whatif.c.
 *
 * One hand-built case, small enough to work out on paper:
 *
 *   frontier   point  time  energy  time_model  energy_model
 *                p0    12     80       12.5          79      (T*, realized)
 *                p1    11     90       11.2          88
 *                p2    10    100        9.8         101      (fastest)
 *   all-max    T 10, E 120          EnvPipe  T 10.5, E 105
 *   pipeline   G = 4 GPUs, K = 2 per stage, P_b = 5 W: G K P_b = 40 W
 *
 * With realized values T_min is all-max's 10 s and Perseus at no slowdown
 * runs p2 (the only point no slower than 10 s): E0 = 100.  Each expected
 * value below is derived in the comment before it, from the definition
 * (the straggler costs E0 * s; each of the N - 1 others costs the plan's
 * energy plus 40 W times the wait until T' = s T_min), not from a run.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "solver.h"

static struct pp_point pts[3] = {
    {.time = 12, .energy = 80, .time_model = 12.5, .energy_model = 79},
    {.time = 11, .energy = 90, .time_model = 11.2, .energy_model = 88},
    {.time = 10, .energy = 100, .time_model = 9.8, .energy_model = 101},
};
static struct pp_frontier fr = {.npoints = 3, .pts = pts};
static struct pp_eval allmax = {.time = 10, .e_total = 120};
static struct pp_eval envpipe = {.time = 10.5, .e_total = 105};
static const struct pp_energy en = {.blocking_power = 5, .gpus_per_stage = 2};

enum { A = PP_METHOD_ALLMAX, E = PP_METHOD_ENVPIPE, P = PP_METHOD_PERSEUS };

static void init(struct pp_whatif *w, const struct pp_eval *env,
                 enum pp_whatif_values values)
{
    struct pp_error err = {0};
    cr_assert_eq(pp_whatif_init(w, &fr, &allmax, env, 4, &en, values, &err),
                 PP_OK, "%s", err.msg);
}

static void row(const struct pp_whatif *w, double s, int n,
                struct pp_whatif_row *r)
{
    struct pp_error err = {0};
    cr_assert_eq(pp_whatif_row(w, s, n, r, &err), PP_OK, "%s", err.msg);
}

#define near(x, want) cr_assert_float_eq((x), (want), 1e-9, #x " = %.17g", (x))

Test(whatif, init_realized)
{
    struct pp_whatif w;
    init(&w, &envpipe, PP_VALUES_REALIZED);
    cr_assert_eq(w.t_min, 10.0);
    cr_assert_eq(w.p_nos, 2);
    near(w.blocking, 40.0);
}

Test(whatif, realized_row)
{
    struct pp_whatif w;
    struct pp_whatif_row r;
    init(&w, &envpipe, PP_VALUES_REALIZED);
    /* s = 1.15, N = 3: T' = 11.5.
     * all-max: t 10, wait 1.5, blocking 60, plan 180;
     *          cluster 120 * 1.15 + 2 * 180 = 138 + 360 = 498.
     * EnvPipe: t 10.5, wait 1, blocking 40, plan 145;
     *          cluster 105 * 1.15 + 2 * 145 = 120.75 + 290 = 410.75.
     * Perseus: points no slower than 11.5 are p1 (90) and p2 (100): p1;
     *          t 11, wait 0.5, blocking 20, plan 110;
     *          cluster 100 * 1.15 + 2 * 110 = 115 + 220 = 335.
     * Savings: 0, 87.25 / 498, 163 / 498.  T* = 12: not beyond. */
    row(&w, 1.15, 3, &r);
    near(r.s, 1.15);
    near(r.deadline, 11.5);
    near(r.time[A], 10.0);
    near(r.time[E], 10.5);
    near(r.time[P], 11.0);
    near(r.e_block[A], 60.0);
    near(r.e_block[E], 40.0);
    near(r.e_block[P], 20.0);
    near(r.e_plan[A], 180.0);
    near(r.e_plan[E], 145.0);
    near(r.e_plan[P], 110.0);
    near(r.e_cluster[A], 498.0);
    near(r.e_cluster[E], 410.75);
    near(r.e_cluster[P], 335.0);
    cr_assert_eq(r.saving[A], 0.0);
    near(r.saving[E], 87.25 / 498);
    near(r.saving[P], 163.0 / 498);
    cr_assert_eq(r.beyond_tstar, 0);
}

Test(whatif, beyond_tstar)
{
    struct pp_whatif w;
    struct pp_whatif_row r;
    init(&w, &envpipe, PP_VALUES_REALIZED);
    /* s = 1.3, N = 3: T' = 13 > T* = 12.
     * all-max: wait 3, blocking 120, plan 240; cluster 156 + 480 = 636.
     * Perseus: every point is no slower than 13; least energy p0 (80);
     *          wait 1, blocking 40, plan 120; cluster 130 + 240 = 370. */
    row(&w, 1.3, 3, &r);
    near(r.e_plan[P], 120.0);
    near(r.e_cluster[A], 636.0);
    near(r.e_cluster[P], 370.0);
    near(r.saving[P], 1 - 370.0 / 636);
    cr_assert_eq(r.beyond_tstar, 1);
}

Test(whatif, no_slowdown_and_one_pipeline)
{
    struct pp_whatif w;
    struct pp_whatif_row r;
    init(&w, &envpipe, PP_VALUES_REALIZED);
    /* s = 1, N = 3: nobody waits but EnvPipe, which is slower than T'.
     * all-max 120 * 3 = 360; Perseus p2: 100 * 3 = 300, saving 1/6.
     * EnvPipe: t 10.5 > T' = 10: no blocking, plan 105, cluster 315. */
    row(&w, 1.0, 3, &r);
    near(r.e_block[E], 0.0);
    near(r.e_cluster[A], 360.0);
    near(r.e_cluster[E], 315.0);
    near(r.e_cluster[P], 300.0);
    near(r.saving[P], 1.0 / 6);
    /* N = 1 at s = 1.15: the cluster is the straggler alone, E0 * s:
     * 138, 120.75 and 115; the others' columns are still filled. */
    row(&w, 1.15, 1, &r);
    near(r.e_cluster[A], 138.0);
    near(r.e_cluster[E], 120.75);
    near(r.e_cluster[P], 115.0);
    near(r.e_plan[P], 110.0);
}

Test(whatif, model_values)
{
    struct pp_whatif w;
    struct pp_whatif_row r;
    init(&w, &envpipe, PP_VALUES_MODEL);
    /* T_min is the model's fastest time, p2's 9.8; at no slowdown Perseus
     * runs p2 by the model: E0 = 101. */
    cr_assert_eq(w.t_min, 9.8);
    cr_assert_eq(w.p_nos, 2);
    /* s = 1.2, N = 3: T' = 11.76.  Model times no slower: p1 (11.2, 88)
     * and p2 (9.8, 101): p1.  Perseus: t 11.2, wait 0.56, blocking 22.4,
     * plan 110.4, cluster 101 * 1.2 + 2 * 110.4 = 121.2 + 220.8 = 342.
     * all-max (realized): wait 1.76, blocking 70.4, plan 190.4,
     * cluster 144 + 380.8 = 524.8. */
    row(&w, 1.2, 3, &r);
    near(r.deadline, 11.76);
    near(r.time[P], 11.2);
    near(r.e_block[P], 22.4);
    near(r.e_plan[P], 110.4);
    near(r.e_cluster[P], 342.0);
    near(r.e_cluster[A], 524.8);
    near(r.saving[P], 1 - 342 / 524.8);
    /* s = 1.13: T' = 11.074.  Realized values would pick p1 (time 11);
     * by the model only p2 (9.8) meets it: t 9.8, energy 101, blocking
     * 40 * 1.274 = 50.96, plan 151.96. */
    row(&w, 1.13, 3, &r);
    near(r.time[P], 9.8);
    near(r.e_plan[P], 151.96);
}

Test(whatif, allmax_faster_than_every_point)
{
    struct pp_eval fast = {.time = 9, .e_total = 120};
    struct pp_whatif w;
    struct pp_whatif_row r;
    struct pp_error err = {0};
    /* No point is as fast as 9 s: Perseus falls back on its fastest, p2,
     * at no slowdown and at T' = 9 (no wait: its plan ends after T').
     * Cluster at s = 1, N = 2: 100 + 100 = 200. */
    cr_assert_eq(pp_whatif_init(&w, &fr, &fast, NULL, 4, &en,
                                PP_VALUES_REALIZED, &err), PP_OK);
    cr_assert_eq(w.p_nos, 2);
    row(&w, 1.0, 2, &r);
    near(r.time[P], 10.0);
    near(r.e_block[P], 0.0);
    near(r.e_cluster[P], 200.0);
    /* Without EnvPipe its columns are NaN, the others are filled. */
    cr_assert(isnan(r.time[E]) && isnan(r.e_plan[E]) && isnan(r.e_block[E]));
    cr_assert(isnan(r.e_cluster[E]) && isnan(r.saving[E]));
    cr_assert(!isnan(r.saving[P]));
}

Test(whatif, row_errors)
{
    struct pp_whatif w;
    struct pp_whatif_row r, before;
    struct pp_error err = {0};
    init(&w, &envpipe, PP_VALUES_REALIZED);
    memset(&r, 0x5a, sizeof r);
    memcpy(&before, &r, sizeof r);
    const double bad_s[] = {0.99, 0.0, -1.0, NAN, INFINITY};
    for (size_t k = 0; k < sizeof bad_s / sizeof bad_s[0]; k++) {
        cr_assert_eq(pp_whatif_row(&w, bad_s[k], 3, &r, &err), PP_EINPUT,
                     "s = %g", bad_s[k]);
        cr_assert(strstr(err.msg, "slowdown"), "%s", err.msg);
    }
    cr_assert_eq(pp_whatif_row(&w, 1.1, 0, &r, &err), PP_EINPUT);
    cr_assert(strstr(err.msg, "0 pipelines"), "%s", err.msg);
    cr_assert_eq(memcmp(&r, &before, sizeof r), 0, "row written on failure");
}

Test(whatif, init_errors)
{
    struct pp_whatif w;
    struct pp_error err = {0};
    struct pp_frontier empty = {.npoints = 0, .pts = pts};
    struct pp_energy e = en;
    static const struct pp_whatif zero;
    cr_assert_eq(pp_whatif_init(&w, NULL, &allmax, NULL, 4, &en,
                                PP_VALUES_REALIZED, &err), PP_EINPUT);
    cr_assert_eq(pp_whatif_init(&w, &empty, &allmax, NULL, 4, &en,
                                PP_VALUES_REALIZED, &err), PP_EINPUT);
    cr_assert(strstr(err.msg, "no points"), "%s", err.msg);
    cr_assert_eq(pp_whatif_init(&w, &fr, NULL, NULL, 4, &en,
                                PP_VALUES_REALIZED, &err), PP_EINPUT);
    cr_assert_eq(pp_whatif_init(&w, &fr, &allmax, NULL, 0, &en,
                                PP_VALUES_REALIZED, &err), PP_EINPUT);
    e.gpus_per_stage = 0;
    cr_assert_eq(pp_whatif_init(&w, &fr, &allmax, NULL, 4, &e,
                                PP_VALUES_REALIZED, &err), PP_EINPUT);
    const double bad_pb[] = {-1.0, NAN, INFINITY};
    for (size_t k = 0; k < sizeof bad_pb / sizeof bad_pb[0]; k++) {
        e = en;
        e.blocking_power = bad_pb[k];
        cr_assert_eq(pp_whatif_init(&w, &fr, &allmax, NULL, 4, &e,
                                    PP_VALUES_REALIZED, &err), PP_EINPUT,
                     "P_b %g", bad_pb[k]);
        cr_assert(strstr(err.msg, "blocking power"), "%s", err.msg);
        cr_assert_eq(memcmp(&w, &zero, sizeof w), 0, "not zeroed");
    }
}

/* A straggler inside the straggling pipeline: it runs its own fastest
 * plan, so T' is its all-max time, 11.5 s (s = 1.15), and it costs its own
 * energies, here all-max 130, EnvPipe 112, Perseus 104 J.  The N - 1 = 2
 * others are as in realized_row: plans of 180, 145 and 110 J until T'.
 * Cluster: all-max 130 + 360 = 490; EnvPipe 112 + 290 = 402; Perseus
 * 104 + 220 = 324 (the published rule's column too: with no blocking
 * power recorded in the frontier both rules pick p1).  Savings 88 / 490
 * and 166 / 490; the published accounting's are realized_row's, 87.25 /
 * 498 and 163 / 498. */
Test(whatif, straggler_inside_a_pipeline)
{
    struct pp_whatif w;
    struct pp_whatif_row r;
    struct pp_error err = {0};
    double pub[PP_NMETHODS];
    struct pp_whatif_straggler st = {.t = 11.5, .e = {130, 112, 104, 0}};
    init(&w, &envpipe, PP_VALUES_REALIZED);
    cr_assert_eq(pp_whatif_straggler_row(&w, &st, 3, &r, pub, &err), PP_OK,
                 "%s", err.msg);
    near(r.s, 1.15);
    near(r.e_cluster[A], 490.0);
    near(r.e_cluster[E], 402.0);
    near(r.e_cluster[P], 324.0);
    near(r.e_cluster[PP_METHOD_PUBLISHED], 324.0);
    near(r.saving[E], 88.0 / 490.0);
    near(r.saving[P], 166.0 / 490.0);
    near(pub[E], 87.25 / 498.0);
    near(pub[P], 163.0 / 498.0);
    st.t = 9.0;
    cr_assert_eq(pp_whatif_straggler_row(&w, &st, 3, &r, pub, &err),
                 PP_EINPUT);
}
