/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_options.c - the solver checks its options itself: values outside
 * the range its integer arithmetic holds, and values that ask for more
 * work than PP_SOLVE_MAX_POINTS, are refused with a message naming the
 * value and the range; fitted coefficients that would make costs
 * non-finite or capacities inconsistent are refused, in the fit file at
 * their line and column.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lowtime.h"
#include "random.h"
#include "readfile.h"
#include "solver.h"

struct input {
    struct pp_dag *dag;
    struct pp_profile *prof;
};

static struct input input(void)
{
    unsigned seed = 7;
    struct input in;
    in.dag = rnd_dag(&seed, 3, 12, 2);
    in.prof = rnd_profile_x(&seed, 3, 2, 1);
    return in;
}

static void input_free(struct input *in)
{
    pp_graph_free(in->dag);
    pp_profile_free(in->prof);
}

/* Solve with O; returns the code, the message in ERR. */
static int solve(const struct input *in, const struct pp_solve_opts *o,
                 struct pp_error *err)
{
    struct pp_frontier *fr = NULL;
    memset(err, 0, sizeof *err);
    int rc = pp_frontier_solve(&fr, in->dag, in->prof, o, err);
    cr_assert((rc == 0) == (fr != NULL));
    pp_frontier_free(fr);
    return rc;
}

Test(options, resolution_out_of_range)
{
    static const double bad[] = {1e-300, 5e-10, -1.0, 2e9, 1e308};
    struct input in = input();
    struct pp_solve_opts o;
    struct pp_error err;
    char want[128];

    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        pp_solve_opts_init(&o);
        o.energy.blocking_power = 50;
        o.resolution = bad[k];
        cr_expect_eq(solve(&in, &o, &err), PP_ERANGE, "resolution %g", bad[k]);
        snprintf(want, sizeof want,
                 "resolution %g s is out of range: it "
                 "must be 0 (the default) or from 1e-09 s",
                 bad[k]);
        cr_expect(strstr(err.msg, want), "%s", err.msg);
        cr_expect(strstr(err.msg, "to 1e+09 s"), "%s", err.msg);
    }
    o.resolution = NAN;
    cr_expect_eq(solve(&in, &o, &err), PP_EINPUT);
    /* the edges of the range are allowed */
    o.resolution = 1e9;
    cr_expect_eq(solve(&in, &o, &err), 0, "%s", err.msg);
    input_free(&in);
}

Test(options, resolution_that_asks_for_too_many_points)
{
    struct input in = input();
    struct pp_solve_opts o;
    struct pp_error err;

    pp_solve_opts_init(&o);
    o.energy.blocking_power = 50;
    o.resolution = 1e-9; /* the iteration times span milliseconds */
    cr_assert_eq(solve(&in, &o, &err), PP_ERANGE);
    cr_expect(strstr(err.msg, "resolution 1e-09 s asks for about "), "%s",
              err.msg);
    cr_expect(strstr(err.msg, "more than the 1000000 the planner takes: use "
                              "a resolution of at least "),
              "%s", err.msg);
    /* the resolution the message names is the span over the bound (a
     * solve at it would realize a million plans: too slow for a test),
     * and a finer one is refused too */
    const char *at = strstr(err.msg, "at least ");
    const char *sp = strstr(err.msg, "spans ");
    cr_assert(at && sp);
    double named = strtod(at + 9, NULL), span = strtod(sp + 6, NULL);
    cr_expect(fabs(named - span / PP_SOLVE_MAX_POINTS) <= 0.005 * named,
              "named %g, span %g", named, span);
    o.resolution = named * 0.9;
    cr_expect_eq(solve(&in, &o, &err), PP_ERANGE);
    input_free(&in);
}

Test(options, unit_time_out_of_range_and_too_fine)
{
    struct input in = input();
    struct pp_solve_opts o;
    struct pp_error err;

    pp_solve_opts_init(&o);
    o.model = PP_MODEL_LOWTIME;
    o.energy.blocking_power = 50;
    o.unit_time = 1e-300;
    cr_expect_eq(solve(&in, &o, &err), PP_ERANGE);
    cr_expect_str_eq(err.msg, "unit time 1e-300 s is out of range: it must "
                              "be from 1e-09 s (one nanosecond) to 1e+09 s");
    o.unit_time = 0;
    cr_expect_eq(solve(&in, &o, &err), PP_ERANGE);
    o.unit_time = INFINITY;
    cr_expect_eq(solve(&in, &o, &err), PP_ERANGE);
    o.unit_time = 1e-9;
    cr_expect_eq(solve(&in, &o, &err), PP_ERANGE);
    cr_expect(strstr(err.msg, "unit time 1e-09 s asks for about "), "%s",
              err.msg);
    cr_expect(strstr(err.msg, "use a unit time of at least "), "%s", err.msg);
    input_free(&in);
}

Test(options, unit_time_conversion_is_checked_in_ltspec)
{
    /* called directly, without pp_solve_opts_check: a time unit so small
     * that the quantised time overflows long is an error, not a wrapped
     * value reported as "shorter than one time unit" */
    struct pp_option opt[] = {{1410, 0.04, 10, 0}, {1200, 0.05, 9, 0}};
    struct pp_opset set = {2, opt};
    struct pp_ltspec sp;
    struct pp_error err;
    double fit[3] = {1, -0.1, 1};

    cr_assert_eq(pp_ltspec_build(&sp, &set, 1e-300, 0, PP_FILTER_ARTIFACT, fit,
                                 "stage 0 forward", &err),
                 PP_ERANGE);
    cr_expect(strstr(err.msg, "stage 0 forward at 1410 MHz: time 0.04 s is "
                              "4e+298 time units"),
              "%s", err.msg);
}

Test(options, energy)
{
    struct input in = input();
    struct pp_solve_opts o;
    struct pp_error err;
    struct pp_plan *plan;
    struct pp_eval *ev = NULL;

    pp_solve_opts_init(&o);
    o.energy.blocking_power = 1e308;
    cr_expect_eq(solve(&in, &o, &err), PP_ERANGE);
    cr_expect_str_eq(err.msg,
                     "blocking power 1e+308 W per GPU is out of range: with "
                     "3 pipeline GPUs and 1 GPU per stage the planner "
                     "supports at most 3.33333e+11 W per GPU (1e+12 W for "
                     "the whole pipeline)");
    cr_assert_eq(
        pp_solver_plan_uniform(&plan, in.dag, in.prof, PP_FREQ_MAX, NULL, &err), 0);
    cr_expect_eq(pp_eval(&ev, in.dag, in.prof, plan, &o.energy, &err),
                 PP_ERANGE);
    cr_expect_null(ev);
    o.energy.blocking_power = NAN;
    cr_expect_eq(solve(&in, &o, &err), PP_EINPUT);
    cr_expect_eq(pp_eval(&ev, in.dag, in.prof, plan, &o.energy, &err),
                 PP_EINPUT);
    o.energy.blocking_power = 50;
    o.energy.gpus_per_stage = 0;
    cr_expect_eq(solve(&in, &o, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg, "GPUs per stage must be at least 1, got 0");
    /* the bound is on the whole pipeline: 1e12 W over 3 GPUs x 1 */
    o.energy.gpus_per_stage = 1;
    o.energy.blocking_power = 3.3e11;
    cr_expect_eq(pp_eval(&ev, in.dag, in.prof, plan, &o.energy, &err), 0, "%s",
                 err.msg);
    cr_expect(isfinite(ev->e_total));
    pp_eval_free(ev);
    pp_plan_free(plan);
    input_free(&in);
}

Test(options, enums_and_threshold)
{
    struct pp_solve_opts o;
    struct pp_error err;

    pp_solve_opts_init(&o);
    cr_expect_eq(pp_solve_opts_check(&o, &err), 0);
    o.model = (enum pp_model)7;
    cr_expect_eq(pp_solve_opts_check(&o, &err), PP_EINPUT);
    pp_solve_opts_init(&o);
    o.residual_threshold = -1;
    cr_expect_eq(pp_solve_opts_check(&o, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg,
                     "the residual threshold must be at least 0, got -1");
}

Test(options, fit_check)
{
    const char *why;
    static const double ok[][3] = {{20284772.5, -0.383, 8.3849},
                                   {0, 0, 0},
                                   {1e15, -1, 0},
                                   {1, -1e308, -1e15}};
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++)
        cr_expect_eq(pp_fit_check(ok[k], &why), -1, "case %zu", k);
    static const struct {
        double abc[3];
        int bad;
    } bad[] = {
        {{-1, -0.1, 0}, 0},    {{1, 0.2, 0}, 1},      {{1e308, -0.1, 5}, 0},
        {{1, -0.1, 1e308}, 2}, {{1, -0.1, -2e15}, 2}, {{1e15, -0.1, 1}, 0},
        {{NAN, -0.1, 1}, 0},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
        cr_expect_eq(pp_fit_check(bad[k].abc, &why), bad[k].bad, "case %zu", k);
}

/* pp_fit_load on TEXT for the input's profile; the path in *path. */
static int load_fit(const struct input *in, const char *text, char *path,
                    double **fit, struct pp_error *err)
{
    strcpy(path, "/tmp/pp-fit-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    int rc = pp_fit_load(fit, path, in->prof, err);
    unlink(path);
    return rc;
}

Test(options, fit_file_rejects_unusable_coefficients)
{
    static const struct {
        const char *row, *msg;
    } cases[] = {
        {"0,forward,1e308,-0.01,5",
         ":2:11: stage 0 forward: coefficient a must be at most 1e15 J "
         "(the cost over the profile's times lies between c and a + c), "
         "got 1e308"},
        {"0,forward,100,0.2,5",
         ":2:15: stage 0 forward: coefficient b must be at most 0 (the "
         "cost must not grow with the duration), got 0.2"},
        {"0,forward,-100,-0.2,5",
         ":2:11: stage 0 forward: coefficient a must be at least 0 (the "
         "cost must fall as the duration grows), got -100"},
        {"0,forward,100,-0.2,-1e308",
         ":2:20: stage 0 forward: coefficient c must be within -1e15..1e15 "
         "J (the cost over the profile's times lies between c and a + c), "
         "got -1e308"},
    };
    struct input in = input();
    struct pp_error err;
    char path[32], text[128], want[512];
    double *fit = NULL;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        snprintf(text, sizeof text, "stage,instruction,a,b,c\n%s\n",
                 cases[k].row);
        cr_expect_eq(load_fit(&in, text, path, &fit, &err), PP_EINPUT,
                     "case %zu", k);
        cr_expect_null(fit);
        snprintf(want, sizeof want, "%s%s", path, cases[k].msg);
        cr_expect_str_eq(err.msg, want);
    }
    /* the fit the golden case uses still loads and solves */
    cr_assert_eq(load_fit(&in,
                          "stage,instruction,a,b,c\n"
                          "0,forward,20284772.5,-0.383,8.3849\n",
                          path, &fit, &err),
                 0, "%s", err.msg);
    free(fit);
    input_free(&in);
}

Test(options, solver_refuses_an_unusable_fit_array)
{
    /* a fit array filled in by a caller, not read from a file, is checked
     * too: a growing cost used to fail later as "invalid capacity" */
    struct input in = input();
    struct pp_solve_opts o;
    struct pp_error err;
    size_t nsets = (size_t)in.prof->nstages * in.prof->nkinds;
    double *fit = malloc(3 * nsets * sizeof *fit);

    for (size_t k = 0; k < 3 * nsets; k++)
        fit[k] = NAN;
    fit[0] = 100;
    fit[1] = 0.2;
    fit[2] = 5;
    pp_solve_opts_init(&o);
    o.model = PP_MODEL_LOWTIME;
    o.energy.blocking_power = 50;
    o.fit = fit;
    cr_expect_eq(solve(&in, &o, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg, "stage 0 forward: fitted coefficient b must be "
                              "at most 0 (the cost must not grow with the "
                              "duration), got 0.2");
    free(fit);
    input_free(&in);
}

Test(options, fit_file_line_limit)
{
    struct input in = input();
    struct pp_error err;
    char path[32], want[128];
    double *fit = NULL;
    size_t n = 4097;
    char *text = malloc(n + 64);

    cr_assert_not_null(text);
    pp_read_set_limits(0, 4096);
    strcpy(text, "stage,instruction,a,b,c\n0,forward,1,-1,");
    size_t at = strlen(text);
    memset(text + at, '1', n);
    strcpy(text + at + n, "\n");
    cr_expect_eq(load_fit(&in, text, path, &fit, &err), PP_EINPUT);
    snprintf(want, sizeof want,
             "%s:2:1: line longer than the line limit of 4 KiB", path);
    cr_expect_str_eq(err.msg, want);
    free(text);
    input_free(&in);
}

Test(options, fit_file_byte_order_mark_and_cr_only)
{
    struct input in = input();
    struct pp_error err;
    char path[32], want[256];
    double *fit = NULL;

    cr_assert_eq(load_fit(&in,
                          "\xEF\xBB\xBF"
                          "stage,instruction,a,b,c\n"
                          "0,forward,20284772.5,-0.383,8.3849\n",
                          path, &fit, &err),
                 0, "%s", err.msg);
    cr_expect_eq(fit[1], -0.383);
    free(fit);
    cr_assert_eq(load_fit(&in,
                          "stage,instruction,a,b,c\r"
                          "0,forward,20284772.5,-0.383,8.3849\r",
                          path, &fit, &err),
                 PP_EINPUT);
    snprintf(want, sizeof want,
             "%s:1:24: carriage return without a line feed: the file seems "
             "to have CR-only (classic Mac OS) line ends; convert them to LF "
             "or CRLF",
             path);
    cr_expect_str_eq(err.msg, want);
    input_free(&in);
}
