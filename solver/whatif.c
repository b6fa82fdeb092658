/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.c - the cluster accounting of a straggler what-if (Perseus, Chung
 * et al., SOSP 2024, doi:10.1145/3694715.3695970; SPEC section 1).
 *
 * A cluster runs N data-parallel pipelines of G GPUs (K per stage); one
 * pipeline straggles, so every iteration takes T' = s * T_min.  Each method
 * (all-max frequency, EnvPipe, Perseus) is charged, per iteration:
 *
 *   straggler:  its no-slowdown energy E0 times s (the published accounting
 *               scales the straggler's energy with its slowdown);
 *   others:     N - 1 times (E(T') + G * K * P_b * max(T' - t(T'), 0)),
 *               the energy of the plan it runs for T' plus blocking until T'.
 *
 * All-max and EnvPipe run their one plan whatever T' is; Perseus runs the
 * frontier point its rule picks for T' (realized values), or, to reproduce
 * the published analysis, the point the same rule picks on the model's own
 * times and energies.  Perseus is charged twice: with the deadline rule
 * (the plan for an iteration lasting T', past T* too) and with the
 * published rule (past T*, the T* plan, then blocking).  Savings are against all-max's cluster
 * energy.  A row costs O(points) (the lookup); nothing is allocated.
 */
#include "solver.h"

#include <math.h>
#include <string.h>

/* A lookup rule on the model's own times and energies: among points with
 * time_model <= T (+1e-12 relative), the one of least energy_model, or,
 * LASTING (the deadline rule), of least energy_model - BLOCKING *
 * time_model; if none, the point of least time_model. */
static size_t model_lookup(const struct pp_frontier *fr, double T,
                           int lasting, double blocking)
{
    long best = -1, fastest = 0;
    double br = 0.0;
    for (size_t p = 0; p < fr->npoints; p++) {
        const struct pp_point *pt = &fr->pts[p];
        if (pt->time_model < fr->pts[fastest].time_model)
            fastest = (long)p;
        double r = pt->energy_model - (lasting ? blocking * pt->time_model
                                               : 0.0);
        if (pt->time_model <= T * (1 + 1e-12) && (best < 0 || r < br)) {
            best = (long)p;
            br = r;
        }
    }
    return (size_t)(best < 0 ? fastest : best);
}

/* A realized lookup rule; the fastest point if T is below every point. */
static size_t realized_lookup(const struct pp_frontier *fr, double T,
                              int published)
{
    long p = published ? pp_frontier_lookup_published(fr, T)
                       : pp_frontier_lookup(fr, T);
    return p < 0 ? pp_frontier_fastest(fr) : (size_t)p;
}

/* Perseus's plan for T' under one rule, on the values W judges by: its time
 * in *t, its energy in *e. */
static void perseus_at(const struct pp_whatif *w, double T, int published,
                       double *t, double *e)
{
    const struct pp_frontier *fr = w->fr;
    if (w->values == PP_VALUES_MODEL) {
        int lasting = !published && fr->model == PP_MODEL_EXACT;
        const struct pp_point *pt =
            &fr->pts[model_lookup(fr, T, lasting, w->blocking)];
        *t = pt->time_model;
        *e = pt->energy_model;
    } else {
        const struct pp_point *pt = &fr->pts[realized_lookup(fr, T,
                                                             published)];
        *t = pt->time;
        *e = pt->energy;
    }
}

int pp_whatif_init(struct pp_whatif *w, const struct pp_frontier *fr,
                   const struct pp_eval *allmax, const struct pp_eval *envpipe,
                   int ngpus, const struct pp_energy *en,
                   enum pp_whatif_values values, struct pp_error *err)
{
    memset(w, 0, sizeof *w);
    if (!fr || !fr->npoints)
        return pp_error_set(err, PP_EINPUT, "what-if: the frontier has no "
                                            "points");
    if (!allmax)
        return pp_error_set(err, PP_EINPUT, "what-if: the all-max "
                                            "evaluation is missing");
    if (ngpus < 1 || !en || en->gpus_per_stage < 1 ||
        !(en->blocking_power >= 0) || isinf(en->blocking_power))
        return pp_error_set(err, PP_EINPUT, "what-if: %d GPUs, %d per stage, "
                                            "blocking power %g W: need at "
                                            "least one GPU and a finite "
                                            "power >= 0",
                            ngpus, en ? en->gpus_per_stage : 0,
                            en ? en->blocking_power : NAN);
    w->fr = fr;
    w->allmax = allmax;
    w->envpipe = envpipe;
    w->values = values;
    w->blocking = ngpus * en->gpus_per_stage * en->blocking_power;
    if (values == PP_VALUES_MODEL) {
        w->t_min = fr->pts[0].time_model;
        for (size_t p = 1; p < fr->npoints; p++)
            if (fr->pts[p].time_model < w->t_min)
                w->t_min = fr->pts[p].time_model;
        w->p_nos = model_lookup(fr, w->t_min, fr->model == PP_MODEL_EXACT,
                                w->blocking);
    } else {
        w->t_min = allmax->time;
        w->p_nos = realized_lookup(fr, w->t_min, 0);
    }
    return PP_OK;
}

int pp_whatif_row(const struct pp_whatif *w, double s, int pipelines,
                  struct pp_whatif_row *row, struct pp_error *err)
{
    const struct pp_frontier *fr = w->fr;
    struct pp_whatif_row r;
    if (!(s >= 1.0) || isinf(s))
        return pp_error_set(err, PP_EINPUT, "what-if: slowdown %g should be "
                                            "a finite number >= 1", s);
    if (pipelines < 1)
        return pp_error_set(err, PP_EINPUT, "what-if: %d pipelines: need at "
                                            "least one", pipelines);
    double T = s * w->t_min;
    memset(&r, 0, sizeof r);
    r.s = s;
    r.deadline = T;
    for (int m = 0; m < PP_NMETHODS; m++) {
        double t, e, e0;
        if (m == PP_METHOD_ENVPIPE && !w->envpipe) {
            r.time[m] = r.e_plan[m] = r.e_block[m] = NAN;
            r.e_cluster[m] = r.saving[m] = NAN;
            continue;
        }
        if (m == PP_METHOD_PUBLISHED && fr->partial) {
            /* plans at given deadlines only: T* is unknown */
            r.time[m] = r.e_plan[m] = r.e_block[m] = NAN;
            r.e_cluster[m] = r.saving[m] = NAN;
            continue;
        }
        if (m == PP_METHOD_PERSEUS || m == PP_METHOD_PUBLISHED) {
            perseus_at(w, T, m == PP_METHOD_PUBLISHED, &t, &e);
            e0 = w->values == PP_VALUES_MODEL ? fr->pts[w->p_nos].energy_model
                                              : fr->pts[w->p_nos].energy;
        } else {
            const struct pp_eval *ev =
                m == PP_METHOD_ALLMAX ? w->allmax : w->envpipe;
            t = ev->time;
            e = e0 = ev->e_total;
        }
        double wait = T > t ? T - t : 0.0;
        r.time[m] = t;
        r.e_block[m] = w->blocking * wait;
        r.e_plan[m] = e + r.e_block[m];
        r.e_cluster[m] = e0 * s + (pipelines - 1) * r.e_plan[m];
    }
    for (int m = 0; m < PP_NMETHODS; m++)
        r.saving[m] = 1.0 - r.e_cluster[m] / r.e_cluster[PP_METHOD_ALLMAX];
    r.beyond_tstar = !fr->partial &&
                     T > fr->pts[pp_frontier_min_energy(fr)].time;
    *row = r;
    return PP_OK;
}

int pp_whatif_straggler_row(const struct pp_whatif *w,
                            const struct pp_whatif_straggler *st,
                            int pipelines, struct pp_whatif_row *row,
                            double *published, struct pp_error *err)
{
    struct pp_whatif_row r;
    double s = st->t / w->t_min;
    if (!(s >= 1.0 - 1e-12) || isinf(s))
        return pp_error_set(err, PP_EINPUT, "what-if: the straggling "
                                            "pipeline's time %g s is below "
                                            "T_min %g s",
                            st->t, w->t_min);
    int rc = pp_whatif_row(w, s < 1.0 ? 1.0 : s, pipelines, &r, err);
    if (rc)
        return rc;
    for (int m = 0; m < PP_NMETHODS; m++) {
        if (published)
            published[m] = r.saving[m];
        r.e_cluster[m] = st->e[m == PP_METHOD_PUBLISHED ? PP_METHOD_PERSEUS
                                                         : m] +
                         (pipelines - 1) * r.e_plan[m];
    }
    for (int m = 0; m < PP_NMETHODS; m++)
        r.saving[m] = 1.0 - r.e_cluster[m] / r.e_cluster[PP_METHOD_ALLMAX];
    *row = r;
    return PP_OK;
}
