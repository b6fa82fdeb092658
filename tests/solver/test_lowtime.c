/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_lowtime.c - the reference cost model: Python float floor division,
 * the Pareto filter with its noise-factor retry, quantisation, dedup and
 * the exponential fit, on hand-worked inputs.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "lowtime.h"

Test(lowtime, python_floor_division)
{
    /* CPython: 0.3 // 0.001 == 299.0, 1.0 // 0.1 == 9.0, 7 // 2 == 3,
     * -7 // 2 == -4, 0.05 // 0.01 == 5.0 (the double 0.05 is above five
     * times the double 0.01), 2.818 // 0.001 == 2818.0 (checked with
     * python3). */
    cr_expect_eq(pp_py_floordiv(0.3, 0.001), 299.0);
    cr_expect_eq(pp_py_floordiv(1.0, 0.1), 9.0);
    cr_expect_eq(pp_py_floordiv(7.0, 2.0), 3.0);
    cr_expect_eq(pp_py_floordiv(-7.0, 2.0), -4.0);
    cr_expect_eq(pp_py_floordiv(0.05, 0.01), 5.0);
    cr_expect_eq(pp_py_floordiv(2.818, 0.001), 2818.0);
    cr_expect_eq(pp_py_floordiv(10000.0, 1e-6), 10000000000.0);
}

static struct pp_option opts_exp[] = {
    /* energy = 2 * exp(-0.01 * t_ms) * 1000 + 5 at t = 40..90 ms */
    {1400, 0.0405, 0, 0}, {1300, 0.0505, 0, 0}, {1200, 0.0605, 0, 0},
    {1100, 0.0705, 0, 0}, {1000, 0.0805, 0, 0}, {900, 0.0905, 0, 0},
};

Test(lowtime, fit_recovers_an_exact_exponential)
{
    struct pp_opset set = {6, opts_exp};
    for (size_t i = 0; i < 6; i++) {
        double t = floor(opts_exp[i].time / 0.001);
        opts_exp[i].energy = 2000.0 * exp(-0.01 * t) + 5.0;
    }
    struct pp_ltspec sp;
    struct pp_error err;
    cr_assert_eq(pp_ltspec_build(&sp, &set, 0.001, 0.0, PP_FILTER_ARTIFACT,
                                 NULL, "stage 0 forward", &err), 0, "%s",
                 err.msg);
    cr_expect_eq(sp.n, 6);
    cr_expect_eq(sp.max_dur, 90);
    cr_expect_eq(sp.min_dur, 40);
    cr_expect_float_eq(sp.a, 2000.0, 1e-4);
    cr_expect_float_eq(sp.b, -0.01, 1e-8);
    cr_expect_float_eq(sp.c, 5.0, 1e-4);
    cr_expect_lt(sp.mse, 1e-12);
    /* knob: slowest candidate with quant_time <= d */
    cr_expect_eq(pp_ltspec_knob(&sp, 90), 900);
    cr_expect_eq(pp_ltspec_knob(&sp, 89), 1000);
    cr_expect_eq(pp_ltspec_knob(&sp, 40), 1400);
    cr_expect_eq(pp_ltspec_knob(&sp, 10), 1400);
    pp_ltspec_clear(&sp);
}

Test(lowtime, filter_drops_dominated_and_keeps_costliest_per_quantum)
{
    /* (time s, energy J): 1500 MHz is dominated by 1400 (slower and
     * costlier); 1250 and 1200 share quant_time 60: keep the costlier
     * (1250, 31); effective cost subtracts P_b * qt * tau = 10 * qt / 1000
     * after the filter (artifact order). */
    struct pp_option o[] = {
        {1500, 0.0450, 41.0, 0}, {1400, 0.0400, 40.0, 0},
        {1300, 0.0500, 35.0, 0}, {1250, 0.0601, 31.0, 0},
        {1200, 0.0609, 30.0, 0}, {1100, 0.0700, 27.0, 0},
        {1000, 0.0800, 25.0, 0},
    };
    struct pp_opset set = {7, o};
    struct pp_ltspec sp;
    struct pp_error err;
    double fit[3] = {1, 0, 0};
    cr_assert_eq(pp_ltspec_build(&sp, &set, 0.001, 10.0, PP_FILTER_ARTIFACT,
                                 fit, "x", &err), 0, "%s", err.msg);
    cr_assert_eq(sp.n, 5);
    long qt[] = {80, 70, 60, 50, 40};
    int mhz[] = {1000, 1100, 1250, 1300, 1400};
    double cost[] = {25 - 0.8, 27 - 0.7, 31 - 0.6, 35 - 0.5, 40 - 0.4};
    for (size_t i = 0; i < 5; i++) {
        cr_expect_eq(sp.qt[i], qt[i], "qt[%zu]", i);
        cr_expect_eq(sp.mhz[i], mhz[i], "mhz[%zu]", i);
        cr_expect_float_eq(sp.cost[i], cost[i], 1e-12, "cost[%zu]", i);
    }
    pp_ltspec_clear(&sp);
}

Test(lowtime, three_points_cannot_be_fitted)
{
    struct pp_option o[] = {
        {1400, 0.040, 40.0, 0}, {1300, 0.050, 35.0, 0},
        {1200, 0.060, 31.0, 0},
    };
    struct pp_opset set = {3, o};
    struct pp_ltspec sp;
    struct pp_error err;
    cr_expect_eq(pp_ltspec_build(&sp, &set, 0.001, 0.0, PP_FILTER_ARTIFACT,
                                 NULL, "stage 3 backward", &err),
                 PP_ESOLVER);
    cr_expect(strstr(err.msg, "stage 3 backward") != NULL, "%s", err.msg);
}

Test(lowtime, time_below_one_unit_is_an_error)
{
    struct pp_option o[] = {{1400, 0.0004, 40.0, 0}, {1300, 0.002, 35.0, 0}};
    struct pp_opset set = {2, o};
    struct pp_ltspec sp;
    struct pp_error err;
    cr_expect_eq(pp_ltspec_build(&sp, &set, 0.001, 0.0, PP_FILTER_ARTIFACT,
                                 NULL, "stage 0 forward", &err),
                 PP_EINPUT);
    cr_expect(strstr(err.msg, "1400 MHz") != NULL, "%s", err.msg);
}
