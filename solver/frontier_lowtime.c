/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_lowtime.c - the lowtime model's stepper: one tau a step,
 * exactly as the reference (SPEC section 2; frontier_internal.h).
 *
 * Costs are the reference's fitted exponentials over quantised durations
 * (lowtime.h).  Each step recomputes the schedule and criticality by
 * forward and backward passes, cuts the critical network with the
 * reference's capacities (lower bound: the saving of one tau slower; upper
 * bound: the cost of one tau faster, plus 1e-6), moves the instructions on
 * the cut by one tau and yields a point; it stops where the reference
 * stops.  O(n + edges) per step for the passes, plus the cut.
 */
#include "frontier_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LT_FP 1e-6

static int64_t lt_units(double x)
{
    double u = pp_py_floordiv(x, LT_FP);
    /* absurd fitted coefficients must not make the conversion undefined;
     * anything this large acts as the reference's "infinite" anyway */
    if (!(u < 1e17))
        return (int64_t)1e17;
    return u > 0 ? (int64_t)u : 0;
}

static void lt_caps(const struct walk *w, size_t i, int64_t *lb, int64_t *ub)
{
    const struct pp_ltspec *sp = w->lt.spec[i];
    long d = (long)w->d[i];
    double l, u;
    const double inf = 10000.0;
    if (d == sp->min_dur && d == sp->max_dur) {
        l = 0.0;
        u = inf;
    } else if (d - 1 < sp->min_dur) {
        l = fabs(pp_ltspec_cost(sp, d) - pp_ltspec_cost(sp, d + 1));
        u = inf;
    } else if (d + 1 > sp->max_dur) {
        l = 0.0;
        u = fabs(pp_ltspec_cost(sp, d - 1) - pp_ltspec_cost(sp, d));
    } else {
        l = fabs(pp_ltspec_cost(sp, d) - pp_ltspec_cost(sp, d + 1));
        u = fabs(pp_ltspec_cost(sp, d - 1) - pp_ltspec_cost(sp, d)) + LT_FP;
    }
    *lb = lt_units(l);
    *ub = lt_units(u);
}

static int lt_point(struct walk *w, struct pp_frontier *fr)
{
    struct pp_point pt;
    double cost = 0.0, tau = w->opts->unit_time;
    for (size_t i = 0; i < w->n; i++) {
        cost += pp_ltspec_cost(w->lt.spec[i], (long)w->d[i]);
        w->rc[0].mhz[i] = pp_ltspec_knob(w->lt.spec[i], (long)w->d[i]);
    }
    pt.time_model = (double)w->T * tau;
    pt.energy_model = cost + w->ngpus * w->kpb * pt.time_model;
    walk_realized(w, &w->rc[0], w->rc[0].mhz, &pt);
    return pp_frontier_add(fr, &pt, w->rc[0].mhz, w->prev_mhz);
}

int lt_run(struct walk *w, struct pp_frontier *fr, struct pp_error *err)
{
    int rc;
    size_t expected;
    for (size_t i = 0; i < w->n; i++)
        w->d[i] = w->lt.spec[i]->min_dur;
    walk_schedule(w);
    int64_t tmin = w->T;
    for (size_t i = 0; i < w->n; i++)
        w->d[i] = w->lt.spec[i]->max_dur;
    walk_schedule(w);
    expected = (size_t)(w->T - tmin + 1);
    int64_t dummy_ub = lt_units(10000.0);
    for (;;) {
        const char *why = NULL;
        int64_t value;
        rc = walk_cut(w, lt_caps, dummy_ub, w->opts->residual_threshold,
                      &value, &why, err);
        if (rc < 0)
            return rc;
        fr->steps++;
        if (rc == 1) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason, "%s", why);
            break;
        }
        double change = 0.0;
        const char *stop = NULL;
        for (size_t k = 0; k < w->nspeed && !stop; k++) {
            size_t i = (size_t)w->speed[k];
            const struct pp_ltspec *sp = w->lt.spec[i];
            long d = (long)w->d[i];
            if (d - 1 < sp->min_dur)
                stop = "an instruction on the cut is at its fastest";
            else
                change += fabs(pp_ltspec_cost(sp, d - 1) -
                               pp_ltspec_cost(sp, d));
        }
        for (size_t k = 0; k < w->nslow && !stop; k++) {
            size_t i = (size_t)w->slow[k];
            const struct pp_ltspec *sp = w->lt.spec[i];
            long d = (long)w->d[i];
            if (d + 1 > sp->max_dur)
                stop = "an instruction to slow down is at its slowest";
            else
                change -= fabs(pp_ltspec_cost(sp, d) -
                               pp_ltspec_cost(sp, d + 1));
        }
        if (!stop && fabs(change) < LT_FP)
            stop = "the cost change is below 1e-6";
        if (stop) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason, "%s", stop);
            break;
        }
        for (size_t k = 0; k < w->nspeed; k++)
            w->d[w->speed[k]]--;
        for (size_t k = 0; k < w->nslow; k++)
            w->d[w->slow[k]]++;
        walk_schedule(w);
        if ((rc = lt_point(w, fr)))
            return pp_error_nomem(err);
        if (w->opts->progress)
            w->opts->progress(w->opts->progress_ctx, fr->steps, expected);
    }
    return PP_OK;
}


static int same_opset(const struct pp_opset *a, const struct pp_opset *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t k = 0; k < a->n; k++)
        if (a->opt[k].mhz != b->opt[k].mhz || a->opt[k].time != b->opt[k].time ||
            a->opt[k].energy != b->opt[k].energy)
            return 0;
    return 1;
}

static int ltspec_copy(struct pp_ltspec *dst, const struct pp_ltspec *src,
                       struct pp_error *err)
{
    *dst = *src;
    dst->qt = malloc(src->n * sizeof *dst->qt);
    dst->cost = malloc(src->n * sizeof *dst->cost);
    dst->mhz = malloc(src->n * sizeof *dst->mhz);
    if (!dst->qt || !dst->cost || !dst->mhz) {
        pp_ltspec_clear(dst);
        return pp_error_nomem(err);
    }
    memcpy(dst->qt, src->qt, src->n * sizeof *dst->qt);
    memcpy(dst->cost, src->cost, src->n * sizeof *dst->cost);
    memcpy(dst->mhz, src->mhz, src->n * sizeof *dst->mhz);
    return PP_OK;
}

/* The fitted cost of every (stage, kind) the schedule uses. */
int lt_init(struct walk *w, struct pp_error *err)
{
    const struct pp_dag *g = w->dag;
    const struct pp_profile *P = w->prof;
    size_t n = g->n, nn = n ? n : 1;
    size_t nsets = (size_t)P->nstages * (size_t)P->nkinds;
    unsigned char *used = calloc(nsets ? nsets : 1, 1);
    int rc = PP_OK;

    w->lt.nsets = nsets;
    w->lt.specs = calloc(nsets ? nsets : 1, sizeof *w->lt.specs);
    w->lt.spec = malloc(nn * sizeof *w->lt.spec);
    if (!used || !w->lt.specs || !w->lt.spec) {
        free(used);
        return pp_error_nomem(err);
    }
    for (size_t i = 0; i < n; i++)
        used[(size_t)g->ins[i].stage * P->nkinds +
             w->kindmap[g->ins[i].kind]] = 1;
    for (size_t k = 0; k < nsets && !rc; k++) {
        if (!used[k])
            continue;
        /* identical measurements (e.g. equal transformer stages) give
         * the identical fit: reuse it */
        size_t same = k;
        for (size_t q = 0; q < k && same == k; q++)
            if (used[q] && !w->opts->fit &&
                same_opset(&P->sets[q], &P->sets[k]))
                same = q;
        if (same != k) {
            rc = ltspec_copy(&w->lt.specs[k], &w->lt.specs[same], err);
            continue;
        }
        char label[128];
        snprintf(label, sizeof label, "stage %zu %s", k / P->nkinds,
                 P->kinds[k % P->nkinds]);
        const double *fit = NULL;
        if (w->opts->fit && !isnan(w->opts->fit[3 * k]))
            fit = &w->opts->fit[3 * k];
        rc = pp_ltspec_build(&w->lt.specs[k], &P->sets[k],
                             w->opts->unit_time, w->kpb,
                             w->opts->filter_order, fit, label, err);
    }
    for (size_t i = 0; i < n && !rc; i++)
        w->lt.spec[i] = &w->lt.specs[(size_t)g->ins[i].stage * P->nkinds +
                                     w->kindmap[g->ins[i].kind]];
    free(used);
    return rc;
}

void lt_free(struct walk *w)
{
    if (w->lt.specs)
        for (size_t k = 0; k < w->lt.nsets; k++)
            pp_ltspec_clear(&w->lt.specs[k]);
    free(w->lt.specs);
    free(w->lt.spec);
}
