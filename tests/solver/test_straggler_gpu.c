/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_straggler_gpu.c - one slow GPU inside a pipeline
 * (pp_straggler_profile), on hand-worked cases.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "solver.h"

/* Two stages, two frequencies: forward 1 s / 10 J at 1000 MHz, 2 s / 8 J
 * at 500 MHz; backward twice both. */
static const char csv[] =
    "stage,instruction,frequency,time,energy\n"
    "0,forward,1000,1,10\n0,forward,500,2,8\n"
    "0,backward,1000,2,20\n0,backward,500,4,16\n"
    "1,forward,1000,1,10\n1,forward,500,2,8\n"
    "1,backward,1000,2,20\n1,backward,500,4,16\n";

static struct pp_profile *two_stages(void)
{
    struct pp_profile *p;
    struct pp_error err;
    cr_assert_eq(pp_profile_parse_csv(&p, "two.csv", csv, strlen(csv), &err),
                 0, "%s", err.msg);
    return p;
}

Test(straggler_gpu, scales_only_its_stage)
{
    struct pp_profile *p = two_stages(), *s;
    struct pp_dag *dag;
    struct pp_error err;
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 2, 1, 1, &err), 0);
    struct pp_straggler st = {1, 1.5, 0.8};
    cr_assert_eq(pp_straggler_profile(&s, dag, p, &st, &err), 0, "%s",
                 err.msg);
    /* stage 1: times x 1.5, energies x 1.5 x 0.8 = x 1.2 */
    const struct pp_opset *f1 = pp_profile_ops(s, 1, 0), *b1 =
                                    pp_profile_ops(s, 1, 1);
    cr_assert_float_eq(f1->opt[0].time, 1.5, 1e-12);
    cr_assert_float_eq(f1->opt[0].energy, 12.0, 1e-12);
    cr_assert_float_eq(f1->opt[1].time, 3.0, 1e-12);
    cr_assert_float_eq(f1->opt[1].energy, 9.6, 1e-12);
    cr_assert_float_eq(b1->opt[0].time, 3.0, 1e-12);
    cr_assert_float_eq(b1->opt[1].energy, 19.2, 1e-12);
    /* stage 0 untouched, the original untouched */
    cr_assert_eq(pp_profile_ops(s, 0, 0)->opt[0].time, 1.0);
    cr_assert_eq(pp_profile_ops(p, 1, 0)->opt[0].time, 1.0);
    /* all-max: the chain F0 s0 -> F0 s1 -> B0 s1 -> B0 s0 takes
     * 1 + 1.5 + 3 + 2 = 7.5 s (6 s without the straggler); computation
     * 10 + 12 + 24 + 20 = 66 J; with P_b = 10 W each GPU idles
     * 7.5 - 3 = 4.5 s (GPU 0) and 7.5 - 4.5 = 3 s (GPU 1): 75 J */
    struct pp_plan *plan;
    struct pp_eval *ev;
    struct pp_energy en = {10.0, 1};
    cr_assert_eq(pp_solver_plan_uniform(&plan, dag, s, PP_FREQ_MAX, &en,
                                        &err),
                 0);
    cr_assert_eq(pp_eval(&ev, dag, s, plan, &en, &err), 0, "%s", err.msg);
    cr_assert_float_eq(ev->time, 7.5, 1e-12);
    cr_assert_float_eq(ev->e_compute, 66.0, 1e-12);
    cr_assert_float_eq(ev->e_blocking, 75.0, 1e-12);
    pp_eval_free(ev);
    pp_plan_free(plan);
    pp_profile_free(s);
    pp_graph_free(dag);
    pp_profile_free(p);
}

/* With 2 microbatches the straggler's slack moves to GPU 0: in the
 * no-slowdown plan of the straggling pipeline GPU 0 runs slower than in
 * the healthy pipeline's (it waits for GPU 1 anyway). */
Test(straggler_gpu, others_use_its_slack)
{
    struct pp_profile *p = two_stages(), *s;
    struct pp_dag *dag;
    struct pp_error err;
    struct pp_frontier *fh, *fs;
    struct pp_solve_opts o;
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 2, 4, 1, &err), 0);
    struct pp_straggler st = {1, 2.0, 1.0};
    cr_assert_eq(pp_straggler_profile(&s, dag, p, &st, &err), 0, "%s",
                 err.msg);
    pp_solve_opts_init(&o);
    o.energy.blocking_power = 1.0;
    cr_assert_eq(pp_frontier_solve(&fh, dag, p, &o, &err), 0, "%s", err.msg);
    cr_assert_eq(pp_frontier_solve(&fs, dag, s, &o, &err), 0, "%s", err.msg);
    size_t ph = pp_frontier_fastest(fh), ps = pp_frontier_fastest(fs);
    int *mh = malloc(dag->n * sizeof *mh), *ms = malloc(dag->n * sizeof *ms);
    pp_frontier_plan_at(fh, ph, mh);
    pp_frontier_plan_at(fs, ps, ms);
    int slow_h = 0, slow_s = 0;
    for (size_t i = 0; i < dag->n; i++)
        if (dag->ins[i].gpu == 0) {
            slow_h += mh[i] == 500;
            slow_s += ms[i] == 500;
        }
    cr_assert_gt(slow_s, slow_h, "GPU 0 at 500 MHz: %d straggling, %d "
                 "healthy", slow_s, slow_h);
    /* the straggling pipeline's T_min is longer */
    cr_assert_gt(fs->pts[ps].time, fh->pts[ph].time);
    free(mh);
    free(ms);
    pp_frontier_free(fh);
    pp_frontier_free(fs);
    pp_profile_free(s);
    pp_graph_free(dag);
    pp_profile_free(p);
}

Test(straggler_gpu, refuses_bad_input)
{
    struct pp_profile *p = two_stages(), *s;
    struct pp_dag *dag;
    struct pp_error err;
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 2, 1, 1, &err), 0);
    struct pp_straggler gpu = {2, 1.1, 1.0}, slow = {0, 0.5, 1.0},
                        power = {0, 1.1, 0.0};
    cr_assert_eq(pp_straggler_profile(&s, dag, p, &gpu, &err), PP_EINPUT);
    cr_assert_str_eq(err.msg, "straggler GPU 2: the schedule has GPUs 0 to "
                              "1");
    cr_assert_eq(pp_straggler_profile(&s, dag, p, &slow, &err), PP_EINPUT);
    cr_assert_str_eq(err.msg, "straggler GPU 0: time factor 0.5 should be "
                              "from 1 to 100");
    cr_assert_eq(pp_straggler_profile(&s, dag, p, &power, &err), PP_EINPUT);
    cr_assert_null(s);
    pp_graph_free(dag);
    pp_profile_free(p);
}
