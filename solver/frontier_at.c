/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_at.c - plans at given deadlines from the deadline solver,
 * without walking the frontier (solver.h, pp_frontier_at).
 *
 * Per deadline D: the exact model's relaxation at min(D, T_slow)
 * (deadline.h; T_slow: every instruction at its cheapest hull vertex,
 * beyond which slowing saves nothing), its durations rounded to measured
 * frequencies by the same five roundings as the walk's points (round.h)
 * with the whole of D to spend, and the plan evaluated from the measured
 * values.  The dual of the relaxation gives, for free, a lower bound on the
 * energy of any plan for an iteration lasting D: its bound plus
 * G * K * P_b * D.  Cost per deadline: one min-cost circulation on the
 * activity-on-arc network, one rounding (O(rounds (n + edges))) and one
 * evaluation; nothing grows with the number of frontier breakpoints.
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "frontier_internal.h"
#include "hulls.h"
#include "round.h"

/* Indices of D sorted slowest first (the walk's order). */
static const double *sort_base;
static int by_deadline_desc(const void *a, const void *b)
{
    double x = sort_base[*(const size_t *)a], y = sort_base[*(const size_t *)b];
    return x > y ? -1 : x < y;
}

/* Hull segment of duration d on P (t[k] <= d < t[k+1], or the last). */
static int32_t segment_of(const struct pp_pwl *p, int64_t d)
{
    size_t k = 0;
    while (k + 1 < p->n && (double)d >= p->t[k + 1])
        k++;
    return (int32_t)k;
}

struct at {
    const struct pp_dag *dag;
    const struct pp_profile *prof;
    const struct pp_solve_opts *opts;
    int *kindmap;
    struct pp_hulls h;
    struct pp_deadline *ds;
    struct pp_rounder round;
    int rounder_ready;
    int64_t *dur;
    int32_t *seg;
    struct pp_plan *plan;
    int *prev;
    int64_t tfast, tslow; /* ns */
};

static void at_free(struct at *a)
{
    free(a->kindmap);
    pp_deadline_free(a->ds);
    if (a->rounder_ready)
        pp_rounder_free(&a->round);
    pp_hulls_clear(&a->h);
    free(a->dur);
    free(a->seg);
    pp_plan_free(a->plan);
    free(a->prev);
}

static int at_init(struct at *a, struct pp_error *err)
{
    const struct pp_dag *g = a->dag;
    size_t nn = g->n ? g->n : 1;
    double kpb = a->opts->energy.gpus_per_stage *
                 a->opts->energy.blocking_power;
    int rc;
    a->kindmap = malloc((g->nkinds ? g->nkinds : 1) * sizeof *a->kindmap);
    a->dur = malloc(nn * sizeof *a->dur);
    a->seg = malloc(nn * sizeof *a->seg);
    a->prev = malloc(nn * sizeof *a->prev);
    if (!a->kindmap || !a->dur || !a->seg || !a->prev ||
        pp_plan_new(&a->plan, g->n))
        return pp_error_nomem(err);
    if ((rc = pp_bind_profile(g, a->prof, a->kindmap, err)) ||
        (rc = pp_hulls_build(&a->h, g, a->prof, a->kindmap,
                             &a->opts->energy, err)) ||
        (rc = pp_deadline_new(&a->ds, g,
                              (const struct pp_pwl *const *)a->h.pwl, err)))
        return rc;
    if (pp_rounder_init(&a->round, g, &a->h, kpb))
        return pp_error_nomem(err);
    a->rounder_ready = 1;
    a->tfast = pp_deadline_fastest(a->ds);
    for (size_t i = 0; i < g->n; i++)
        a->dur[i] = (int64_t)a->h.pwl[i]->t[a->h.pwl[i]->n - 1];
    /* the slowest useful time: a longest path in integer ns */
    double *t = malloc(nn * sizeof *t);
    if (!t)
        return pp_error_nomem(err);
    for (size_t i = 0; i < g->n; i++)
        t[i] = (double)a->dur[i];
    a->tslow = (int64_t)pp_longest_path(g, t, NULL);
    free(t);
    return PP_OK;
}

/* The plan for deadline D (s) into a new point of FR; its lower bound for
 * an iteration lasting D in *bound. */
static int at_one(struct at *a, struct pp_frontier *fr, double d,
                  double *bound, struct pp_error *err)
{
    struct pp_deadline_result res;
    struct pp_eval *ev = NULL;
    double gkpb = fr->pblock;
    /* hull times are whole ns rounded up: a deadline of T_min (the
     * all-max plan's measured time) may lie a few ns below the hulls'
     * fastest path, never more than one ns per instruction */
    double dns = floor(d * 1e9);
    if (dns < (double)a->tfast - (double)a->dag->n - 1)
        return pp_error_set(err, PP_EINPUT,
                            "deadline %.9g s is below the fastest iteration "
                            "time T_min = %.9g s",
                            d, (double)a->tfast * 1e-9);
    int64_t dl = dns < (double)a->tfast ? a->tfast
                 : dns > (double)a->tslow ? a->tslow
                                          : (int64_t)dns;
    int rc = pp_deadline_solve(a->ds, dl, a->dur, &res, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < a->dag->n; i++)
        a->seg[i] = segment_of(a->h.pwl[i], a->dur[i]);
    /* the relaxation meets dl; a deadline below it (clamped up to the
     * hulls' fastest path, whose times are rounded up) is met by the
     * fastest plan, and the rounding must not spend past it */
    pp_round(&a->round, a->dur, a->seg, fmin(d, (double)dl * 1e-9),
             a->plan->mhz);
    if ((rc = pp_eval(&ev, a->dag, a->prof, a->plan, &a->opts->energy, err)))
        return rc;
    struct pp_point pt = {
        .time_model = (double)res.T * 1e-9,
        .energy_model = res.cost + gkpb * ((double)res.T * 1e-9),
        .time = ev->time,
        .energy = ev->e_total,
        .e_compute = ev->e_compute,
        .e_blocking = ev->e_blocking,
    };
    pp_eval_free(ev);
    *bound = res.bound + gkpb * d;
    if (pp_frontier_add(fr, &pt, a->plan->mhz, a->prev))
        return pp_error_nomem(err);
    return PP_OK;
}

int pp_frontier_at(struct pp_frontier **out, const struct pp_dag *dag,
                   const struct pp_profile *prof,
                   const struct pp_solve_opts *opts, const double *deadlines,
                   size_t nd, long *point, double *bound,
                   struct pp_error *err)
{
    struct at a = {.dag = dag, .prof = prof, .opts = opts};
    struct pp_frontier *fr = NULL;
    size_t *ord = NULL;
    int rc;

    *out = NULL;
    if (dag->n == 0 || nd == 0)
        return pp_error_set(err, PP_EINPUT, dag->n ? "no deadline to plan for"
                                                   : "the schedule has no "
                                                     "instructions");
    if (opts->model != PP_MODEL_EXACT)
        return pp_error_set(err, PP_EINPUT, "the deadline solver needs the "
                                            "exact model");
    for (size_t q = 0; q < nd; q++)
        if (!(deadlines[q] > 0) || isinf(deadlines[q]))
            return pp_error_set(err, PP_EINPUT, "deadline %g s: not a "
                                                "positive number",
                                deadlines[q]);
    ord = malloc(nd * sizeof *ord);
    fr = calloc(1, sizeof *fr);
    if (!ord || !fr || !(fr->base_mhz = malloc(dag->n * sizeof *fr->base_mhz))) {
        rc = pp_error_nomem(err);
        goto out;
    }
    fr->model = PP_MODEL_EXACT;
    fr->partial = 1;
    fr->ninstr = dag->n;
    fr->pblock = dag->ngpus * opts->energy.gpus_per_stage *
                 opts->energy.blocking_power;
    snprintf(fr->stop_reason, sizeof fr->stop_reason,
             "the deadline solver planned at %zu deadline(s)", nd);
    if ((rc = at_init(&a, err)))
        goto out;
    for (size_t q = 0; q < nd; q++)
        ord[q] = q;
    sort_base = deadlines;
    qsort(ord, nd, sizeof *ord, by_deadline_desc);
    for (size_t k = 0; k < nd; k++) {
        size_t q = ord[k];
        if (k > 0 && deadlines[q] == deadlines[ord[k - 1]]) {
            point[q] = point[ord[k - 1]];
            bound[q] = bound[ord[k - 1]];
            continue;
        }
        point[q] = (long)fr->npoints;
        if ((rc = at_one(&a, fr, deadlines[q], &bound[q], err)))
            goto out;
        fr->steps++;
        if (opts->progress)
            opts->progress(opts->progress_ctx, k + 1, nd);
    }
    *out = fr;
    fr = NULL;
out:
    free(ord);
    pp_frontier_free(fr);
    at_free(&a);
    return rc;
}
