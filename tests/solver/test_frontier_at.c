/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_frontier_at.c - plans at given deadlines from the deadline solver
 * (pp_frontier_at), on the measured profiles in ../shared/data/sosp24
 * (skipped where absent).
 *
 * On all 16 shared cases, at T_min (the all-max plan's time) and at
 * s T_min for s = 1.1, 1.3 and 1.6 (the last past the slowest useful
 * time of some cases): each plan ends by its deadline; its certificate
 * is the LP lower bound of an independent solver (GLPK's simplex,
 * pp_certify_lasting) to 1e-6 relative; the energy of the iteration
 * lasting the deadline is at least that bound and within 1% of it; and
 * at the deadlines below T* it is within 0.5% of the walk's plan for the
 * same deadline (both round the same relaxation; neither is always
 * lower).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "shared.h"
#include "solver.h"

#define ND 4

static void at_deadlines(const char *model, const char *gpu)
{
    struct pp_error err;
    struct pp_profile *prof = shared_profile(model, gpu);
    static const int mbs[] = {12, 24, 48, 96};
    static const double s[ND] = {1.0, 1.1, 1.3, 1.6};
    for (int m = 0; m < 4; m++) {
        struct pp_dag *dag = shared_dag(mbs[m]);
        struct pp_frontier *at, *walk;
        struct pp_solve_opts o;
        struct pp_plan *allmax;
        struct pp_eval *ev;
        pp_solve_opts_init(&o);
        o.energy.blocking_power = shared_blocking_power(gpu);
        cr_assert_eq(pp_solver_plan_uniform(&allmax, dag, prof, PP_FREQ_MAX,
                                            &o.energy, &err),
                     0);
        cr_assert_eq(pp_eval(&ev, dag, prof, allmax, &o.energy, &err), 0);
        double dl[ND], lb[ND], bound[ND];
        long pt[ND];
        for (int q = 0; q < ND; q++)
            dl[q] = s[q] * ev->time;
        cr_assert_eq(pp_frontier_at(&at, dag, prof, &o, dl, ND, pt, bound,
                                    &err),
                     0, "%s", err.msg);
        cr_assert_eq(pp_certify_lasting(dag, prof, &o.energy, dl, ND, lb,
                                        &err),
                     0, "%s", err.msg);
        cr_assert_eq(pp_frontier_solve(&walk, dag, prof, &o, &err), 0, "%s",
                     err.msg);
        double tstar = walk->pts[pp_frontier_min_energy(walk)].time;
        for (int q = 0; q < ND; q++) {
            const struct pp_point *p = &at->pts[pt[q]];
            double e = pp_frontier_energy_lasting(at, (size_t)pt[q], dl[q]);
            cr_assert_leq(p->time, dl[q] * (1 + 1e-12), "%s %s M=%d s=%.1f",
                          model, gpu, mbs[m], s[q]);
            cr_assert_lt(fabs(bound[q] - lb[q]) / lb[q], 1e-6,
                         "%s %s M=%d s=%.1f: bound %.6f J, GLPK %.6f J",
                         model, gpu, mbs[m], s[q], bound[q], lb[q]);
            cr_assert_geq(e, bound[q] * (1 - 1e-9));
            cr_assert_lt(e / bound[q] - 1, 0.01, "%s %s M=%d s=%.1f: %.3f J, "
                         "bound %.3f J", model, gpu, mbs[m], s[q], e,
                         bound[q]);
            if (dl[q] > tstar)
                continue;
            long w = pp_frontier_lookup(walk, dl[q]);
            cr_assert_geq(w, 0);
            double ew = pp_frontier_energy_lasting(walk, (size_t)w, dl[q]);
            cr_assert_lt(fabs(e / ew - 1), 0.005, "%s %s M=%d s=%.1f: "
                         "deadline solver %.3f J, walk %.3f J", model, gpu,
                         mbs[m], s[q], e, ew);
        }
        pp_frontier_free(at);
        pp_frontier_free(walk);
        pp_eval_free(ev);
        pp_plan_free(allmax);
        pp_graph_free(dag);
    }
    pp_profile_free(prof);
}

Test(frontier_at, gpt3_a100, .timeout = 600) { at_deadlines("gpt3-175b", "a100_sxm"); }
Test(frontier_at, gpt3_a40, .timeout = 600) { at_deadlines("gpt3-175b", "a40"); }
Test(frontier_at, bloom_a100, .timeout = 600) { at_deadlines("bloom", "a100_sxm"); }
Test(frontier_at, bloom_a40, .timeout = 600) { at_deadlines("bloom", "a40"); }
