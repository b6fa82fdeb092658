/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_frontier.c - the min-cut frontier against the LP, on random DAGs.
 *
 * For random DAGs (random GPUs, kinds, extra dependencies) and random
 * convex-ish profiles, every point of the exact model's frontier must have
 * the LP relaxation's optimal cost at its iteration time (the same convex
 * model solved by GLPK); every emitted plan must evaluate, from the
 * measured values, to the realized time and energy the frontier reports and
 * meet the model's iteration time; Dinic and igraph must give the same
 * frontier, and so must realizing plans inline and on 1 or 3 workers; a
 * saved frontier must read back identical.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "random.h"
#include "solver.h"

static void check_against_lp(const struct pp_dag *dag,
                             const struct pp_profile *prof,
                             const struct pp_frontier *fr, double kpb)
{
    size_t nsets = (size_t)prof->nstages * prof->nkinds;
    struct pp_pwl *pw = calloc(nsets, sizeof *pw);
    const struct pp_pwl **per = malloc(dag->n * sizeof *per);
    struct pp_energy en = {kpb, 1};
    struct pp_error err;
    for (size_t k = 0; k < nsets; k++)
        cr_assert_eq(pp_pwl_hull(&pw[k], &prof->sets[k], &en, &err), 0);
    for (size_t i = 0; i < dag->n; i++) {
        int pk = pp_profile_kind(prof, dag->kinds[dag->ins[i].kind]);
        per[i] = &pw[(size_t)dag->ins[i].stage * prof->nkinds + pk];
    }
    /* every point, or a sample of 40 on long frontiers */
    size_t step = fr->npoints > 40 ? fr->npoints / 40 : 1;
    for (size_t p = 0; p < fr->npoints; p += step) {
        const struct pp_point *pt = &fr->pts[p];
        double model = pt->energy_model - dag->ngpus * kpb * pt->time_model;
        double lp;
        cr_assert_eq(pp_lp_solve(dag, per, pt->time_model, &lp, NULL, &err),
                     0, "point %zu: %s", p, err.msg);
        cr_expect(fabs(model - lp) <= 1e-6 * fabs(lp) + 1e-6,
                  "point %zu at T %.9g: min cut %.9g, LP %.9g", p,
                  pt->time_model, model, lp);
    }
    for (size_t k = 0; k < nsets; k++)
        pp_pwl_clear(&pw[k]);
    free(pw);
    free(per);
}

static void check_realized(const struct pp_dag *dag,
                           const struct pp_profile *prof,
                           const struct pp_frontier *fr, double kpb)
{
    struct pp_plan *plan;
    struct pp_energy en = {kpb, 1};
    struct pp_error err;
    cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
    for (size_t p = 0; p < fr->npoints; p++) {
        struct pp_eval *ev;
        pp_frontier_plan_at(fr, p, plan->mhz);
        cr_assert_eq(pp_eval(&ev, dag, prof, plan, &en, &err), 0, "%s",
                     err.msg);
        cr_expect_float_eq(ev->time, fr->pts[p].time, 1e-12);
        cr_expect_float_eq(ev->e_total, fr->pts[p].energy,
                           1e-9 * ev->e_total);
        if (fr->model == PP_MODEL_EXACT)
            cr_expect_leq(ev->time, fr->pts[p].time_model * (1 + 1e-12),
                          "point %zu: realized %.12g > model %.12g", p,
                          ev->time, fr->pts[p].time_model);
        pp_eval_free(ev);
    }
    pp_plan_free(plan);
}

Test(frontier, exact_model_equals_lp_and_plans_are_honest)
{
    unsigned seed = 7;
    for (int trial = 0; trial < 12; trial++) {
        int g = 2 + trial % 4, nk = 2 + trial % 2;
        struct pp_dag *dag = rnd_dag(&seed, g, 8 + 3 * (size_t)trial, nk);
        struct pp_profile *prof = rnd_profile(&seed, g, nk);
        struct pp_solve_opts o;
        struct pp_frontier *fr;
        struct pp_error err;
        pp_solve_opts_init(&o);
        o.energy.blocking_power = trial % 3 ? 60.0 : 0.0;
        o.resolution = 1e-3;
        cr_assert_eq(pp_frontier_solve(&fr, dag, prof, &o, &err), 0, "%s",
                     err.msg);
        cr_assert_gt(fr->npoints, 1);
        check_against_lp(dag, prof, fr, o.energy.blocking_power);
        check_realized(dag, prof, fr, o.energy.blocking_power);
        pp_frontier_free(fr);
        pp_profile_free(prof);
        pp_graph_free(dag);
    }
}

static void same_frontier(const struct pp_frontier *a,
                          const struct pp_frontier *b)
{
    cr_assert_eq(a->npoints, b->npoints);
    int *pa = malloc(a->ninstr * sizeof *pa), *pb = malloc(a->ninstr * sizeof *pb);
    for (size_t p = 0; p < a->npoints; p++) {
        cr_assert_eq(a->pts[p].time_model, b->pts[p].time_model);
        cr_assert_eq(a->pts[p].energy_model, b->pts[p].energy_model);
        cr_assert_eq(a->pts[p].time, b->pts[p].time);
        cr_assert_eq(a->pts[p].energy, b->pts[p].energy);
        pp_frontier_plan_at(a, p, pa);
        pp_frontier_plan_at(b, p, pb);
        cr_assert_eq(memcmp(pa, pb, a->ninstr * sizeof *pa), 0);
    }
    free(pa);
    free(pb);
}

Test(frontier, dinic_and_igraph_give_the_same_frontier)
{
    unsigned seed = 99;
    for (int model = 0; model < 2; model++) {
        struct pp_dag *dag;
        struct pp_error err;
        cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 4, 6, 1, &err), 0);
        struct pp_profile *prof = rnd_profile_x(&seed, 4, 2, model);
        struct pp_solve_opts o;
        struct pp_frontier *a, *b;
        pp_solve_opts_init(&o);
        o.model = model ? PP_MODEL_LOWTIME : PP_MODEL_EXACT;
        o.energy.blocking_power = 50.0;
        o.unit_time = 1e-4;
        int ra = pp_frontier_solve(&a, dag, prof, &o, &err);
        cr_assert_eq(ra, 0, "%s", err.msg);
        o.flow_backend = PP_FLOW_IGRAPH;
        cr_assert_eq(pp_frontier_solve(&b, dag, prof, &o, &err), 0, "%s",
                     err.msg);
        same_frontier(a, b);
        check_realized(dag, prof, a, 50.0);
        pp_frontier_free(a);
        pp_frontier_free(b);
        pp_profile_free(prof);
        pp_graph_free(dag);
    }
}

Test(frontier, worker_threads_give_the_same_frontier)
{
    unsigned seed = 7;
    for (int k = 0; k < 6; k++) {
        struct pp_dag *dag;
        struct pp_error err;
        cr_assert_eq(pp_graph_build(&dag, k % 2 ? PP_SCHED_INTERLEAVED
                                                : PP_SCHED_1F1B,
                                    4, 8, k % 2 ? 2 : 1, &err), 0);
        struct pp_profile *prof = rnd_profile_x(&seed, k % 2 ? 8 : 4, 2, 0);
        struct pp_solve_opts o;
        struct pp_frontier *a, *b;
        pp_solve_opts_init(&o);
        o.energy.blocking_power = 50.0;
        o.threads = 0;
        cr_assert_eq(pp_frontier_solve(&a, dag, prof, &o, &err), 0, "%s",
                     err.msg);
        cr_assert_gt(a->npoints, 2);
        for (int w = 1; w <= 3; w += 2) {
            o.threads = w;
            cr_assert_eq(pp_frontier_solve(&b, dag, prof, &o, &err), 0,
                         "%s", err.msg);
            same_frontier(a, b);
            pp_frontier_free(b);
        }
        pp_frontier_free(a);
        pp_profile_free(prof);
        pp_graph_free(dag);
    }
}

Test(frontier, saved_frontier_reads_back_identical)
{
    unsigned seed = 3;
    struct pp_dag *dag, *dag2;
    struct pp_error err;
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_INTERLEAVED, 2, 4, 2, &err), 0,
                 "%s", err.msg);
    struct pp_profile *prof = rnd_profile(&seed, 4, 2);
    struct pp_solve_opts o;
    struct pp_frontier *fr, *back;
    pp_solve_opts_init(&o);
    o.energy.blocking_power = 70.0;
    cr_assert_eq(pp_frontier_solve(&fr, dag, prof, &o, &err), 0, "%s",
                 err.msg);
    /* with what it was solved for: format 3 */
    cr_assert_eq(pp_provenance_new(&fr->prov), 0);
    fr->prov->profile = strdup("r.csv");
    fr->prov->stages = 2;
    fr->prov->blocking_power = 70.0;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(pp_frontier_write(fr, dag, f), 0);
    fclose(f);
    cr_expect(strncmp(buf, "perseus-plan-frontier 3\n", 24) == 0);
    cr_expect(strstr(buf, "\nprovenance {\"profile\": \"r.csv\", "
                          "\"stages\": 2, \"blocking_power\": 70}\n"),
              "%.300s", buf);
    cr_assert_eq(pp_frontier_read(&back, &dag2, "mem", buf, len, &err), 0,
                 "%s", err.msg);
    same_frontier(fr, back);
    cr_assert_not_null(back->prov);
    cr_expect_str_eq(back->prov->profile, "r.csv");
    cr_expect_eq(back->prov->stages, 2);
    cr_expect_eq(back->prov->microbatches, -1, "not recorded");
    cr_expect(back->prov->blocking_power == 70.0);
    cr_expect_eq(dag2->n, dag->n);
    cr_expect_eq(dag2->ngpus, dag->ngpus);
    for (size_t i = 0; i < dag->n; i++) {
        cr_expect_eq(dag2->ins[i].gpu, dag->ins[i].gpu);
        cr_expect_eq(dag2->ins[i].mb, dag->ins[i].mb);
        cr_expect_eq(dag2->ins[i].chunk, dag->ins[i].chunk);
    }
    /* a damaged file names the line */
    char *bad = strdup(buf);
    char *p = strstr(bad, "\np ");
    cr_assert(p);
    p[1] = 'q';
    long line = 1;
    for (char *s = bad; s <= p; s++)
        line += *s == '\n';
    struct pp_frontier *x;
    struct pp_dag *xd;
    cr_expect_eq(pp_frontier_read(&x, &xd, "bad.txt", bad, len, &err),
                 PP_EINPUT);
    char want[64];
    snprintf(want, sizeof want, "bad.txt:%ld:1:", line);
    cr_expect(strstr(err.msg, want) != NULL, "%s (want %s)", err.msg, want);
    free(bad);
    free(buf);
    pp_frontier_free(fr);
    pp_frontier_free(back);
    pp_graph_free(dag);
    pp_graph_free(dag2);
    pp_profile_free(prof);
}

Test(frontier, lookup_rule)
{
    /* three points: (3 s, 10 J), (2 s, 12 J), (1 s, 20 J) */
    struct pp_point pts[3] = {{3, 0, 3, 10, 0, 0}, {2, 0, 2, 12, 0, 0},
                              {1, 0, 1, 20, 0, 0}};
    struct pp_frontier fr = {0};
    fr.npoints = 3;
    fr.pts = pts;
    cr_expect_eq(pp_frontier_lookup(&fr, 0.5), -1);
    cr_expect_eq(pp_frontier_lookup(&fr, 1.0), 2);
    cr_expect_eq(pp_frontier_lookup(&fr, 2.5), 1);
    cr_expect_eq(pp_frontier_lookup(&fr, 9.0), 0);
    cr_expect_eq(pp_frontier_fastest(&fr), 2);
    cr_expect_eq(pp_frontier_min_energy(&fr), 0);
}

/* The deadline solver's plan ends within one ns per instruction of its
 * deadline where the hulls' whole-ns times (rounded up) leave room the
 * measured times do not: a chain of ten instructions, each 1.0000000001 s
 * at 1000 MHz or 1.0000000005 s for less energy at 500 MHz (the same
 * whole ns, so the hull keeps only the fast one).  The all-max time is
 * 10.000000001 s, the hulls' fastest path 10.00000001 s; the rounding
 * starts from the cheapest option within each whole ns, here 500 MHz, and
 * ends 4 ns late (within the 10 ns bound; spending the hulls' slack, as it
 * did before, it would also be 4 ns late, and more with more room).  On
 * measured profiles no plan was late: 64 x 1024 at T_min ended exactly at
 * it once the rounding stopped spending at the deadline. */
Test(frontier, deadline_solver_meets_all_max_time)
{
    static const char csv[] =
        "stage,instruction,frequency,time,energy\n"
        "0,forward,1000,1.0000000001,10\n0,forward,500,1.0000000005,9\n"
        "0,backward,1000,1.0000000001,10\n0,backward,500,1.0000000005,9\n";
    struct pp_profile *p;
    struct pp_dag *dag;
    struct pp_frontier *fr;
    struct pp_error err;
    struct pp_solve_opts o;
    long pt;
    double bound, d = 0;
    cr_assert_eq(pp_profile_parse_csv(&p, "chain.csv", csv, strlen(csv),
                                      &err), 0, "%s", err.msg);
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_GPIPE, 1, 5, 1, &err), 0);
    for (size_t i = 0; i < dag->n; i++)
        d += 1.0000000001;
    pp_solve_opts_init(&o);
    cr_assert_eq(pp_frontier_at(&fr, dag, p, &o, &d, 1, &pt, &bound, &err),
                 0, "%s", err.msg);
    cr_assert_leq(fr->pts[pt].time, d + (double)dag->n * 1e-9,
                  "%.12f s, deadline %.12f s", fr->pts[pt].time, d);
    cr_assert_geq(bound, 0.0);
    pp_frontier_free(fr);
    pp_graph_free(dag);
    pp_profile_free(p);
}
