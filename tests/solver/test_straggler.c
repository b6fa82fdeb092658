/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_straggler.c - plans for iterations that a straggler makes last D,
 * on the measured profiles in ../shared/data/sosp24 (skipped where
 * absent).
 *
 * On all 16 shared cases (GPT-3 175B and BLOOM, A100 and A40, 8 stages,
 * 12 to 96 microbatches) at s = 1.05 to 1.5 in steps of 0.05, D = s T_min:
 * the plan pp_frontier_lookup picks ends by D; the energy of the iteration
 * lasting D (the plan, then blocking) is at least the LP bound over every
 * measured point (pp_certify_lasting: a cross-check of both), within 1% of
 * it, and never above that of the published rule (the T* plan, then
 * blocking).  Before the deadline rule, GPT-3 A100 8 x 24 was 3.28% above
 * the bound at s = 1.5.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "shared.h"
#include "solver.h"

#define NS 10

static void lasting(const char *model, const char *gpu)
{
    struct pp_error err;
    struct pp_profile *prof = shared_profile(model, gpu);
    static const int mbs[] = {12, 24, 48, 96};
    for (int m = 0; m < 4; m++) {
        struct pp_dag *dag = shared_dag(mbs[m]);
        struct pp_frontier *fr;
        struct pp_solve_opts o;
        pp_solve_opts_init(&o);
        o.energy.blocking_power = shared_blocking_power(gpu);
        cr_assert_eq(pp_frontier_solve(&fr, dag, prof, &o, &err), 0, "%s",
                     err.msg);
        double tmin = fr->pts[pp_frontier_fastest(fr)].time;
        double dl[NS], lb[NS], worst = 0, gain = 0;
        for (int q = 0; q < NS; q++)
            dl[q] = tmin * (1.05 + 0.05 * q);
        cr_assert_eq(pp_certify_lasting(dag, prof, &o.energy, dl, NS, lb,
                                        &err),
                     0, "%s", err.msg);
        for (int q = 0; q < NS; q++) {
            long p = pp_frontier_lookup(fr, dl[q]);
            long b = pp_frontier_lookup_published(fr, dl[q]);
            cr_assert(p >= 0 && b >= 0);
            cr_assert_leq(fr->pts[p].time, dl[q] * (1 + 1e-12));
            double e = pp_frontier_energy_lasting(fr, (size_t)p, dl[q]);
            double eb = pp_frontier_energy_lasting(fr, (size_t)b, dl[q]);
            double gap = (e - lb[q]) / lb[q];
            cr_assert_geq(gap, -1e-9, "%s %s M=%d s=%.2f: plan %.3f J "
                          "below the bound %.3f J", model, gpu, mbs[m],
                          dl[q] / tmin, e, lb[q]);
            cr_assert_lt(gap, 0.01, "%s %s M=%d s=%.2f: plan %.3f J, bound "
                         "%.3f J (%.3f%%)", model, gpu, mbs[m], dl[q] / tmin,
                         e, lb[q], 100 * gap);
            cr_assert_leq(e, eb * (1 + 1e-12), "%s %s M=%d s=%.2f: %.3f J, "
                          "T* then block %.3f J", model, gpu, mbs[m],
                          dl[q] / tmin, e, eb);
            if (gap > worst)
                worst = gap;
            if ((eb - e) / eb > gain)
                gain = (eb - e) / eb;
        }
        cr_log_info("%s %s M=%d: worst gap %.3f%%, best saving over T* "
                    "then block %.3f%%", model, gpu, mbs[m], 100 * worst,
                    100 * gain);
        pp_frontier_free(fr);
        pp_graph_free(dag);
    }
    pp_profile_free(prof);
}

Test(straggler, gpt3_a100, .timeout = 600) { lasting("gpt3-175b", "a100_sxm"); }
Test(straggler, gpt3_a40, .timeout = 600) { lasting("gpt3-175b", "a40"); }
Test(straggler, bloom_a100, .timeout = 600) { lasting("bloom", "a100_sxm"); }
Test(straggler, bloom_a40, .timeout = 600) { lasting("bloom", "a40"); }
