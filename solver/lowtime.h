/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lowtime.h - the reference ("lowtime") cost model (internal).
 *
 * Per (stage, kind): quantise times to tau with Python's float floor
 * division, Pareto-filter (with the noise-factor retry), keep the largest
 * cost per quantised time, subtract K * P_b * quant_time * tau (before or
 * after the filter: the artifact and zeus orders), then fit
 * cost(d) = a * exp(b * d) + c by Levenberg-Marquardt from 54 start points
 * and keep the lowest mean squared error (SPEC section 2, steps 2-4).
 */
#ifndef PP_LOWTIME_H
#define PP_LOWTIME_H

#include <stddef.h>

#include "error.h"
#include "profile.h"
#include "solver.h"

struct pp_ltspec {
    size_t n;      /* candidate options, quantised time descending */
    long *qt;      /* quantised times */
    double *cost;  /* effective cost of each candidate */
    int *mhz;
    long min_dur, max_dur;
    double a, b, c; /* fitted cost(d) = a * exp(b * d) + c */
    double mse;
};

/* Python's float floor division a // b (fmod-based, as CPython does it). */
double pp_py_floordiv(double a, double b);

/*
 * Build the spec of one (stage, kind).  If FIT is not NULL, use its three
 * coefficients instead of fitting.  LABEL names the stage and kind in
 * errors.  On failure nothing is left allocated.
 */
int pp_ltspec_build(struct pp_ltspec *out, const struct pp_opset *set,
                    double unit_time, double kpb, enum pp_filter_order order,
                    const double *fit, const char *label,
                    struct pp_error *err);
void pp_ltspec_clear(struct pp_ltspec *spec);

/* cost(d) with the fitted coefficients. */
double pp_ltspec_cost(const struct pp_ltspec *spec, long d);
/* The slowest candidate frequency whose quantised time is <= d. */
int pp_ltspec_knob(const struct pp_ltspec *spec, long d);

#endif
