/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lowtime.c - the reference cost model: quantise, filter, fit.
 *
 * The fit uses GSL's nonlinear least squares (Levenberg-Marquardt trust
 * region, gsl_multifit_nlinear) with the analytic Jacobian of
 * a * exp(b * t) + c; it converges to the same minima as the reference's
 * MINPACK lmdif.  A start point's fit is rejected, as in the reference, when
 * it fails, when a < 0, or when the covariance is not finite (which is
 * always the case with 3 or fewer points: no degrees of freedom are left).
 */
#include "lowtime.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double pp_py_floordiv(double vx, double wx)
{
    double mod = fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, vx / wx);
    }
    return floordiv;
}

void pp_ltspec_clear(struct pp_ltspec *spec)
{
    free(spec->qt);
    free(spec->cost);
    free(spec->mhz);
    memset(spec, 0, sizeof *spec);
}

double pp_ltspec_cost(const struct pp_ltspec *spec, long d)
{
    return spec->a * exp(spec->b * (double)d) + spec->c;
}

int pp_ltspec_knob(const struct pp_ltspec *spec, long d)
{
    /* qt is descending; the first entry with qt <= d is the slowest that
     * fits; if none fits, the fastest (last). */
    for (size_t k = 0; k < spec->n; k++)
        if (spec->qt[k] <= d)
            return spec->mhz[k];
    return spec->mhz[spec->n - 1];
}

struct cand {
    double time, cost;
    long qt;
    int mhz;
    size_t idx; /* original order, for stable sorting */
};

static int by_time_desc(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int by_cost_desc(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int by_qt_desc(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->qt != y->qt)
        return x->qt < y->qt ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Pareto filter with noise factor NF into OUT; returns the count. */
static size_t pareto(const struct cand *in, size_t n, double nf,
                     struct cand *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int dominated = 0;
        for (size_t j = 0; j < n && !dominated; j++)
            if (in[j].time < in[i].time * nf && in[j].cost < in[i].cost * nf)
                dominated = 1;
        if (!dominated)
            out[m++] = in[i];
    }
    return m;
}

/* Keep the largest cost per quantised time; sort by qt descending. */
static size_t dedup_qt(struct cand *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        c[i].idx = i;
    qsort(c, n, sizeof *c, by_cost_desc);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < m && !seen; j++)
            seen = c[j].qt == c[i].qt;
        if (!seen)
            c[m++] = c[i];
    }
    for (size_t i = 0; i < m; i++)
        c[i].idx = i;
    qsort(c, m, sizeof *c, by_qt_desc);
    return m;
}

struct fitdata {
    size_t n;
    const double *t, *y;
};

static int f_exp(const gsl_vector *p, void *data, gsl_vector *f)
{
    const struct fitdata *d = data;
    double a = gsl_vector_get(p, 0), b = gsl_vector_get(p, 1),
           c = gsl_vector_get(p, 2);
    for (size_t i = 0; i < d->n; i++) {
        double v = a * exp(b * d->t[i]) + c - d->y[i];
        if (!isfinite(v))
            return GSL_EDOM;
        gsl_vector_set(f, i, v);
    }
    return GSL_SUCCESS;
}

static int df_exp(const gsl_vector *p, void *data, gsl_matrix *J)
{
    const struct fitdata *d = data;
    double a = gsl_vector_get(p, 0), b = gsl_vector_get(p, 1);
    for (size_t i = 0; i < d->n; i++) {
        double e = exp(b * d->t[i]);
        if (!isfinite(e) || !isfinite(a * d->t[i] * e))
            return GSL_EDOM;
        gsl_matrix_set(J, i, 0, e);
        gsl_matrix_set(J, i, 1, a * d->t[i] * e);
        gsl_matrix_set(J, i, 2, 1.0);
    }
    return GSL_SUCCESS;
}

static double mse(const struct fitdata *d, const double *p)
{
    double s = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        double r = d->y[i] - (p[0] * exp(p[1] * d->t[i]) + p[2]);
        s += r * r;
    }
    return s / (double)d->n;
}

/* One LM fit from P0; returns 0 and fills P if accepted. */
static int fit_one(const struct fitdata *d, const double *p0, double *p)
{
    const gsl_multifit_nlinear_type *T = gsl_multifit_nlinear_trust;
    gsl_multifit_nlinear_parameters params =
        gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_fdf fdf = {0};
    gsl_multifit_nlinear_workspace *w = NULL;
    gsl_matrix *cov = NULL;
    int ok = -1, info;

    if (d->n <= 3)
        return -1; /* no degrees of freedom: covariance is infinite */
    fdf.f = f_exp;
    fdf.df = df_exp;
    fdf.n = d->n;
    fdf.p = 3;
    fdf.params = (void *)d;
    w = gsl_multifit_nlinear_alloc(T, &params, d->n, 3);
    cov = gsl_matrix_alloc(3, 3);
    if (!w || !cov)
        goto out;
    gsl_vector_const_view x0 = gsl_vector_const_view_array(p0, 3);
    if (gsl_multifit_nlinear_init(&x0.vector, &fdf, w) != GSL_SUCCESS)
        goto out;
    int st = gsl_multifit_nlinear_driver(5000, 1.49012e-8, 1e-12, 1.49012e-8, NULL,
                                         NULL,
                                         &info, w);
    if (st != GSL_SUCCESS && st != GSL_ENOPROG)
        goto out;
    gsl_vector *x = gsl_multifit_nlinear_position(w);
    for (int k = 0; k < 3; k++)
        p[k] = gsl_vector_get(x, k);
    if (!isfinite(p[0]) || !isfinite(p[1]) || !isfinite(p[2]) || p[0] < 0)
        goto out;
    gsl_matrix *J = gsl_multifit_nlinear_jac(w);
    if (gsl_multifit_nlinear_covar(J, 0.0, cov) != GSL_SUCCESS)
        goto out;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (!isfinite(gsl_matrix_get(cov, i, j)))
                goto out;
    ok = 0;
out:
    gsl_matrix_free(cov);
    if (w)
        gsl_multifit_nlinear_free(w);
    return ok;
}

static int fit_exp(struct pp_ltspec *s, double unit_time)
{
    static const double as[] = {1e1, 1e2, 1e3};
    static const double bs[] = {0.01, 0.02, 0.03, 0.04, 0.05, 0.1};
    static const double cs[] = {1e1, 1e2, 1e3};
    double *t = malloc(s->n * sizeof *t);
    if (!t)
        return PP_ENOMEM;
    for (size_t i = 0; i < s->n; i++)
        t[i] = (double)s->qt[i];
    struct fitdata d = {s->n, t, s->cost};
    double best = INFINITY;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    for (size_t ia = 0; ia < 3; ia++)
        for (size_t ib = 0; ib < 6; ib++)
            for (size_t ic = 0; ic < 3; ic++) {
                double p0[3] = {as[ia], -bs[ib] * unit_time / 0.001, cs[ic]};
                double p[3];
                if (fit_one(&d, p0, p))
                    continue;
                double e = mse(&d, p);
                if (isfinite(e) && e < best) {
                    best = e;
                    s->a = p[0];
                    s->b = p[1];
                    s->c = p[2];
                }
            }
    gsl_set_error_handler(old);
    free(t);
    s->mse = best;
    return isfinite(best) ? PP_OK : PP_ESOLVER;
}

int pp_ltspec_build(struct pp_ltspec *out, const struct pp_opset *set,
                    double unit_time, double kpb, enum pp_filter_order order,
                    const double *fit, const char *label,
                    struct pp_error *err)
{
    struct cand *all = NULL, *kept = NULL;
    struct pp_ltspec s = {0};
    const char *why;
    int rc;

    memset(out, 0, sizeof *out);
    all = malloc((set->n + 1) * sizeof *all);
    kept = malloc((set->n + 1) * sizeof *kept);
    if (!all || !kept) {
        rc = pp_error_nomem(err);
        goto out;
    }
    int k;
    if (fit && (k = pp_fit_check(fit, &why)) >= 0) {
        rc = pp_error_set(err, PP_EINPUT,
                          "%s: fitted coefficient %c %s, got %g", label,
                          "abc"[k], why, fit[k]);
        goto out;
    }
    for (size_t i = 0; i < set->n; i++) {
        /* checked in double first: converting a quotient long cannot
         * hold is undefined */
        double q = pp_py_floordiv(set->opt[i].time, unit_time);
        all[i].time = set->opt[i].time;
        all[i].mhz = set->opt[i].mhz;
        all[i].idx = i;
        if (!(q >= 1)) {
            rc = pp_error_set(err, PP_EINPUT,
                              "%s at %d MHz: time %.9g s is shorter than one "
                              "time unit (%g s); use a smaller --unit-time",
                              label, all[i].mhz, all[i].time, unit_time);
            goto out;
        }
        if (q > 4e18) {
            rc = pp_error_set(err, PP_ERANGE,
                              "%s at %d MHz: time %.9g s is %.3g time units "
                              "of %g s, more than the planner's 64-bit "
                              "arithmetic holds (4e18); use a larger "
                              "--unit-time",
                              label, all[i].mhz, all[i].time, q, unit_time);
            goto out;
        }
        all[i].qt = (long)q;
        all[i].cost = set->opt[i].energy;
        if (order == PP_FILTER_ZEUS)
            all[i].cost -= kpb * (double)all[i].qt * unit_time;
    }
    qsort(all, set->n, sizeof *all, by_time_desc);
    size_t m = pareto(all, set->n, 1.0, kept);
    if (m <= 3)
        m = pareto(all, set->n, 0.95, kept);
    m = dedup_qt(kept, m);
    s.n = m;
    s.qt = malloc(m * sizeof *s.qt);
    s.cost = malloc(m * sizeof *s.cost);
    s.mhz = malloc(m * sizeof *s.mhz);
    if (!s.qt || !s.cost || !s.mhz) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < m; i++) {
        s.qt[i] = kept[i].qt;
        s.cost[i] = kept[i].cost;
        if (order == PP_FILTER_ARTIFACT)
            s.cost[i] -= kpb * (double)kept[i].qt * unit_time;
        s.mhz[i] = kept[i].mhz;
    }
    s.max_dur = s.qt[0];
    s.min_dur = s.qt[m - 1];
    if (fit) {
        s.a = fit[0];
        s.b = fit[1];
        s.c = fit[2];
        s.mse = 0.0;
        for (size_t i = 0; i < m; i++) {
            double r = s.cost[i] - pp_ltspec_cost(&s, s.qt[i]);
            s.mse += r * r / (double)m;
        }
    } else {
        rc = fit_exp(&s, unit_time);
        if (rc == PP_ENOMEM) {
            rc = pp_error_nomem(err);
            goto out;
        }
        if (rc) {
            rc = pp_error_set(err, PP_ESOLVER,
                              "%s: no exponential fit converged from any of "
                              "the 54 start points (%zu candidate options "
                              "after filtering; at least 4 are needed)",
                              label, m);
            goto out;
        }
    }
    *out = s;
    memset(&s, 0, sizeof s);
    rc = PP_OK;
out:
    pp_ltspec_clear(&s);
    free(all);
    free(kept);
    return rc;
}
