/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pwl.c - convex piecewise-linear costs: the exact model's lower hull.
 *
 * For one (stage, kind) the measured options are points (time, effective
 * cost = energy - K * P_b * time).  Options slower than the one of least
 * effective cost are never worth choosing (slower and costlier), so the
 * model keeps the lower convex hull of the points from the fastest option to
 * the cheapest one (Andrew's monotone chain, O(m log m)).  Every vertex is a
 * real measured frequency.
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pt {
    double t, c;
    int mhz;
};

static int by_time(const void *a, const void *b)
{
    const struct pt *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    return y->mhz - x->mhz;
}

void pp_pwl_clear(struct pp_pwl *pwl)
{
    free(pwl->t);
    free(pwl->c);
    free(pwl->mhz);
    memset(pwl, 0, sizeof *pwl);
}

/* z-component of (b - a) x (c - a); <= 0 means b is not below segment ac */
static double cross(const struct pt *a, const struct pt *b, const struct pt *c)
{
    return (b->t - a->t) * (c->c - a->c) - (b->c - a->c) * (c->t - a->t);
}

int pp_pwl_hull(struct pp_pwl *out, const struct pp_opset *set,
                const struct pp_energy *en, struct pp_error *err)
{
    struct pt *p = NULL, *h = NULL;
    int rc;
    double kpb = en->gpus_per_stage * en->blocking_power;

    memset(out, 0, sizeof *out);
    if (set->n == 0)
        return pp_error_set(err, PP_EINPUT, "no options to build a cost from");
    p = malloc(set->n * sizeof *p);
    h = malloc(set->n * sizeof *h);
    if (!p || !h) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t k = 0; k < set->n; k++) {
        p[k].t = set->opt[k].time;
        p[k].c = set->opt[k].energy - kpb * set->opt[k].time;
        p[k].mhz = set->opt[k].mhz;
    }
    qsort(p, set->n, sizeof *p, by_time);
    /* drop equal times (keep the cheapest, sorted first) */
    size_t m = 0;
    for (size_t k = 0; k < set->n; k++)
        if (m == 0 || p[k].t != p[m - 1].t)
            p[m++] = p[k];
    /* cut at the cheapest option (the fastest of equally cheap ones) */
    size_t cheapest = 0;
    for (size_t k = 1; k < m; k++)
        if (p[k].c < p[cheapest].c)
            cheapest = k;
    m = cheapest + 1;
    size_t nh = 0;
    for (size_t k = 0; k < m; k++) {
        while (nh >= 2 && cross(&h[nh - 2], &h[nh - 1], &p[k]) <= 0)
            nh--;
        h[nh++] = p[k];
    }
    out->t = malloc(nh * sizeof *out->t);
    out->c = malloc(nh * sizeof *out->c);
    out->mhz = malloc(nh * sizeof *out->mhz);
    if (!out->t || !out->c || !out->mhz) {
        pp_pwl_clear(out);
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t k = 0; k < nh; k++) {
        out->t[k] = h[k].t;
        out->c[k] = h[k].c;
        out->mhz[k] = h[k].mhz;
    }
    out->n = nh;
    rc = PP_OK;
out:
    free(p);
    free(h);
    return rc;
}

double pp_pwl_eval(const struct pp_pwl *pwl, double d)
{
    if (d <= pwl->t[0])
        return pwl->c[0];
    if (d >= pwl->t[pwl->n - 1])
        return pwl->c[pwl->n - 1];
    size_t lo = 0, hi = pwl->n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (pwl->t[mid] <= d)
            lo = mid;
        else
            hi = mid;
    }
    double f = (d - pwl->t[lo]) / (pwl->t[hi] - pwl->t[lo]);
    return pwl->c[lo] + f * (pwl->c[hi] - pwl->c[lo]);
}

size_t pp_pwl_nonconvex(const struct pp_pwl *p, double rtol)
{
    for (size_t k = 1; k + 1 < p->n; k++) {
        double w = (p->t[k] - p->t[k - 1]) / (p->t[k + 1] - p->t[k - 1]);
        double chord = p->c[k - 1] + w * (p->c[k + 1] - p->c[k - 1]);
        double tol = rtol * (fabs(p->c[k - 1]) + fabs(p->c[k]) +
                             fabs(p->c[k + 1]));
        if (p->c[k] > chord + tol)
            return k;
    }
    return 0;
}
