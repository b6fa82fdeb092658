/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * certify.c - a lower bound on the energy of any plan meeting a deadline.
 *
 * Every real-frequency plan is a point of the LP relaxation built on the
 * lower convex hulls of the measured (time, effective energy) points, so
 * the LP optimum at deadline D, plus the constant G * K * P_b * D, bounds
 * from below the energy of every plan whose iteration time is exactly D.
 * A plan finishing earlier than D is bounded by the same expression at its
 * own time; since LP(T) + G K P_b T is convex in T, the bound over all
 * T <= D is its value at min(D, T_low), T_low being its minimiser, which is
 * found here by golden-section search when D is beyond the cheapest point.
 * When the iteration lasts D whatever the plan (a straggler sets it), the
 * bound is LP(min(D, T_slow)) + G K P_b D, T_slow the slowest useful
 * time (every instruction at its cheapest hull vertex).
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>

struct certctx {
    const struct pp_dag *dag;
    const struct pp_pwl *const *per;
    double gkpb;
};

static int bound_at(const struct certctx *c, double T, double *out,
                    struct pp_error *err)
{
    double lp;
    int rc = pp_lp_solve(c->dag, c->per, T, &lp, NULL, err);
    if (rc)
        return rc;
    *out = lp + c->gkpb * T;
    return PP_OK;
}

/* LASTING: the iteration lasts each deadline (pp_certify_lasting), else
 * it may end earlier (pp_certify). */
static int certify(const struct pp_dag *dag, const struct pp_profile *prof,
                   const struct pp_energy *en, const double *deadlines,
                   size_t nd, double *bounds, int lasting,
                   struct pp_error *err)
{
    size_t nsets = (size_t)prof->nstages * (size_t)prof->nkinds;
    struct pp_pwl *pw = calloc(nsets ? nsets : 1, sizeof *pw);
    const struct pp_pwl **per = malloc((dag->n ? dag->n : 1) * sizeof *per);
    int *kindmap = malloc((dag->nkinds ? dag->nkinds : 1) * sizeof *kindmap);
    int rc;

    if (!pw || !per || !kindmap) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = pp_bind_profile(dag, prof, kindmap, err)))
        goto out;
    for (size_t k = 0; k < nsets; k++)
        if (prof->sets[k].n && (rc = pp_pwl_hull(&pw[k], &prof->sets[k], en, err)))
            goto out;
    for (size_t i = 0; i < dag->n; i++)
        per[i] = &pw[(size_t)dag->ins[i].stage * prof->nkinds +
                     kindmap[dag->ins[i].kind]];
    struct certctx c = {dag, per, dag->ngpus * en->gpus_per_stage *
                                      en->blocking_power};
    /* the slowest useful time: every instruction at its cheapest vertex */
    double *dur = malloc((dag->n ? dag->n : 1) * sizeof *dur);
    if (!dur) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < dag->n; i++)
        dur[i] = per[i]->t[per[i]->n - 1];
    double tslow = pp_longest_path(dag, dur, NULL);
    for (size_t i = 0; i < dag->n; i++)
        dur[i] = per[i]->t[0];
    double tfast = pp_longest_path(dag, dur, NULL);
    free(dur);
    for (size_t q = 0; q < nd && !rc; q++) {
        double D = deadlines[q] < tslow ? deadlines[q] : tslow, b, b2;
        if ((rc = bound_at(&c, D, &b, err)))
            break;
        bounds[q] = b;
        if (lasting) {
            /* past the slowest useful time the GPUs block for the rest */
            bounds[q] += c.gkpb * (deadlines[q] - D);
            continue;
        }
        /* Convex in T: if it still falls towards D, D is the minimiser over
         * T <= D; otherwise search [tfast, D] by golden section. */
        double probe = D - 1e-4 * (D - tfast);
        if (!(probe > tfast) || (rc = bound_at(&c, probe, &b2, err)) ||
            b2 >= b)
            continue;
        double lo = tfast, hi = D, g = (sqrt(5.0) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1, f2;
        if ((rc = bound_at(&c, x1, &f1, err)) ||
            (rc = bound_at(&c, x2, &f2, err)))
            break;
        for (int it = 0; it < 30 && !rc && hi - lo > 1e-7 * hi; it++) {
            if (f1 <= f2) {
                hi = x2, x2 = x1, f2 = f1;
                x1 = hi - g * (hi - lo);
                rc = bound_at(&c, x1, &f1, err);
            } else {
                lo = x1, x1 = x2, f1 = f2;
                x2 = lo + g * (hi - lo);
                rc = bound_at(&c, x2, &f2, err);
            }
        }
        double m = f1 < f2 ? f1 : f2;
        if (m < bounds[q])
            bounds[q] = m;
    }
out:
    for (size_t k = 0; pw && k < nsets; k++)
        pp_pwl_clear(&pw[k]);
    free(pw);
    free(per);
    free(kindmap);
    return rc;
}

int pp_certify(const struct pp_dag *dag, const struct pp_profile *prof,
               const struct pp_energy *en, const double *deadlines, size_t nd,
               double *bounds, struct pp_error *err)
{
    return certify(dag, prof, en, deadlines, nd, bounds, 0, err);
}

int pp_certify_lasting(const struct pp_dag *dag, const struct pp_profile *prof,
                       const struct pp_energy *en, const double *deadlines,
                       size_t nd, double *bounds, struct pp_error *err)
{
    return certify(dag, prof, en, deadlines, nd, bounds, 1, err);
}
