/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier.c - the iteration time-energy frontier by iterative minimum cut:
 * set-up and the driver.
 *
 * Phillips and Dessouky, "Solving the project time/cost tradeoff problem
 * using the minimal cut concept", Management Science 24(4), 1977,
 * doi:10.1287/mnsc.24.4.393; the Perseus use of it: Chung et al., SOSP 2024,
 * doi:10.1145/3694715.3695970.
 *
 * Overview.  The DAG is put in activity-on-arc form once (frontier_net.c).
 * Durations are integers: tau units in the lowtime model, ns (rounded up,
 * so realized times never exceed the model's) in the exact model.  Every
 * instruction starts at its slowest useful duration.  Each step:
 *   1. the critical arcs: lowtime, as the reference, those with zero float
 *      from forward and backward passes (O(n + edges)), the backward pass
 *      noting the arcs whose criticality changed; exact, those with zero
 *      slack under a schedule the steps keep, so no pass at all;
 *   2. on the critical arcs, a flow network with lower bound = saving of
 *      slowing down and upper bound = cost of speeding up; its minimum cut
 *      (flow.c) gives instructions to speed up (forward cut arcs) and to
 *      slow down (backward cut arcs).  The network is built once and kept
 *      with its flow: a step only switches the arcs whose criticality
 *      changed and re-bounds the instructions the last step moved.  In
 *      the exact model the cut is kept too (pp_flownet_recut repairs it
 *      where arcs changed) and so are the arcs crossing it, which follow
 *      the vertices that change side; no step scans the whole DAG;
 *   3. lowtime (frontier_lowtime.c): move them by one tau, exactly as the
 *      reference does.  exact (frontier_exact.c): move them by the largest
 *      delta for which the piecewise-linear costs keep their slopes and
 *      the kept schedule stays feasible (a scan of the arcs crossing the
 *      cut), so a step covers a linear piece of the frontier or part of
 *      one.
 * Each step yields a frontier point (frontier_points.c); the plan (real
 * frequencies) and its realized time and energy from the measured profile
 * are recorded.  In the exact model the plan is the cheapest of five
 * roundings of the relaxed durations, each finished by spending the slack
 * left (round.h, realize.h).
 */
#include "frontier_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum pp_solve_method pp_solve_pick(const struct pp_solve_opts *o,
                                   const struct pp_dag *dag, int whole)
{
    if (o->method != PP_SOLVE_AUTO)
        return o->method;
    if (whole || o->model != PP_MODEL_EXACT || dag->n <= PP_WALK_MAX_INSTR)
        return PP_SOLVE_WALK;
    return PP_SOLVE_DEADLINE;
}


/*
 * Realized time and energy of plan MHZ from measured values, with the same
 * arithmetic, in the same order, as pp_eval, so that `eval` of an emitted
 * plan prints the very same numbers.  Scratch from RC.
 */
void walk_realized(const struct walk *w, struct rctx *rc, const int *mhz,
                   struct pp_point *pt)
{
    double ec = 0.0;
    for (int g = 0; g < w->ngpus; g++)
        rc->busy[g] = 0.0;
    for (size_t i = 0; i < w->n; i++) {
        const struct pp_option *o = pp_opset_find(w->opset[i], mhz[i]);
        rc->rt[i] = o->time;
        ec += o->energy;
        rc->busy[w->dag->ins[i].gpu] += o->time;
    }
    double T = pp_longest_path(w->dag, rc->rt, rc->rstart);
    double idle = 0.0;
    for (int g = 0; g < w->ngpus; g++)
        idle += T - rc->busy[g];
    pt->time = T;
    pt->e_compute = ec;
    pt->e_blocking = w->opts->energy.gpus_per_stage *
                     w->opts->energy.blocking_power * idle;
    pt->energy = pt->e_compute + pt->e_blocking;
}


static void rctx_free(struct rctx *rc)
{
    pp_rounder_free(&rc->round);
    free(rc->mhz);
    free(rc->rt);
    free(rc->rstart);
    free(rc->busy);
}

/* Scratch for realizing plans of W (rounding too in the exact model). */
static int rctx_init(const struct walk *w, struct rctx *rc)
{
    size_t nn = w->n ? w->n : 1;
    memset(rc, 0, sizeof *rc);
    rc->mhz = malloc(nn * sizeof *rc->mhz);
    rc->rt = malloc(nn * sizeof *rc->rt);
    rc->rstart = malloc(nn * sizeof *rc->rstart);
    rc->busy = malloc(((size_t)w->ngpus + 1) * sizeof *rc->busy);
    if (!rc->mhz || !rc->rt || !rc->rstart || !rc->busy)
        return PP_ENOMEM;
    if (w->opts->model == PP_MODEL_LOWTIME)
        return PP_OK;
    return pp_rounder_init(&rc->round, w->dag, &w->ex.h, w->kpb);
}

static void walk_free(struct walk *w)
{
    lt_free(w);
    ex_free(w);
    free(w->kindmap);
    free(w->opset);
    free(w->arcs);
    free(w->dbase);
    free(w->d);
    free(w->es);
    free(w->lf);
    pp_flownet_free(w->net);
    free(w->side);
    free(w->crit);
    free(w->flip);
    free(w->flipped);
    free(w->speed);
    free(w->slow);
    free(w->prev_mhz);
    for (int k = 0; k < w->nrc; k++)
        rctx_free(&w->rc[k]);
}

static int walk_init(struct walk *w, struct pp_error *err)
{
    const struct pp_dag *g = w->dag;
    size_t n = g->n, nn = n ? n : 1;
    int rc;

    w->n = n;
    w->ngpus = g->ngpus;
    w->kpb = w->opts->energy.gpus_per_stage * w->opts->energy.blocking_power;
    w->kindmap = malloc((g->nkinds ? g->nkinds : 1) * sizeof *w->kindmap);
    if (!w->kindmap)
        return pp_error_nomem(err);
    if ((rc = pp_bind_profile(g, w->prof, w->kindmap, err)))
        return rc;
    if ((rc = walk_build_arcs(w)))
        return pp_error_nomem(err);
    w->opset = malloc(nn * sizeof *w->opset);
    w->d = malloc(nn * sizeof *w->d);
    w->es = malloc(nn * sizeof *w->es);
    w->lf = malloc(nn * sizeof *w->lf);
    w->side = malloc(2 * nn + 2);
    w->speed = malloc(nn * sizeof *w->speed);
    w->slow = malloc(nn * sizeof *w->slow);
    w->prev_mhz = malloc(nn * sizeof *w->prev_mhz);
    if (!w->opset || !w->d || !w->es || !w->lf || !w->side || !w->speed ||
        !w->slow || !w->prev_mhz || pp_flownet_new(&w->net))
        return pp_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        w->opset[i] = pp_profile_ops(w->prof, g->ins[i].stage,
                                     w->kindmap[g->ins[i].kind]);
    rc = w->opts->model == PP_MODEL_LOWTIME ? lt_init(w, err)
                                            : ex_init(w, err);
    if (rc)
        return rc;
    /* realization contexts: one per worker, at least one */
    int workers = w->opts->model == PP_MODEL_LOWTIME ? 0
                  : w->opts->threads >= 0 ? w->opts->threads
                                          : pp_realq_default_workers();
    w->nworkers = workers < PP_REALQ_MAX_WORKERS ? workers
                                                 : PP_REALQ_MAX_WORKERS;
    while (w->nrc < (w->nworkers > 0 ? w->nworkers : 1))
        if (rctx_init(w, &w->rc[w->nrc++])) /* counted: freed on failure */
            return pp_error_nomem(err);
    return PP_OK;
}

/*
 * Durations are int64 (ns, or time units); every start time is at most the
 * sum of all slowest durations.  Reject up front what that sum cannot hold.
 */
static int check_range(const struct walk *w, struct pp_error *err)
{
    double total = 0.0;
    for (size_t i = 0; i < w->n; i++)
        total += w->opts->model == PP_MODEL_LOWTIME
                     ? (double)w->lt.spec[i]->max_dur
                     : w->ex.h.pwl[i]->t[w->ex.h.pwl[i]->n - 1];
    if (total < 4e18)
        return PP_OK;
    double unit = w->opts->model == PP_MODEL_LOWTIME ? w->opts->unit_time
                                                     : 1e-9;
    return pp_error_set(err, PP_ERANGE,
                        "the instructions' slowest times add up to %.3g s, "
                        "%.3g time units of %g s: more than the planner's "
                        "64-bit arithmetic holds (4e18 units)",
                        total * unit, total, unit);
}

/*
 * The points a solve would realize, estimated before it starts: the span
 * of iteration times from every instruction at its fastest to every one at
 * its slowest, over the resolution (exact) or the time unit (lowtime: a
 * step per unit).  More than PP_SOLVE_MAX_POINTS is refused, naming the
 * smallest resolution or time unit that stays within the bound.  O(n +
 * edges).
 */
static int check_work(const struct walk *w, struct pp_error *err)
{
    double *dur = malloc((w->n ? w->n : 1) * sizeof *dur);
    int lowtime = w->opts->model == PP_MODEL_LOWTIME;
    double span[2];

    if (!dur)
        return pp_error_nomem(err);
    for (int end = 0; end < 2; end++) {
        for (size_t i = 0; i < w->n; i++) {
            if (lowtime) {
                const struct pp_ltspec *sp = w->lt.spec[i];
                dur[i] = (double)(end ? sp->max_dur : sp->min_dur);
            } else {
                const struct pp_pwl *p = w->ex.h.pwl[i];
                dur[i] = p->t[end ? p->n - 1 : 0] * 1e-9;
            }
        }
        span[end] = pp_longest_path(w->dag, dur, NULL);
    }
    free(dur);
    if (isnan(span[0]) || isnan(span[1]))
        return pp_error_nomem(err);
    double max = PP_SOLVE_MAX_POINTS;
    if (lowtime) {
        double tau = w->opts->unit_time, steps = span[1] - span[0];
        if (steps <= max)
            return PP_OK;
        return pp_error_set(err, PP_ERANGE,
                            "unit time %g s asks for about %.3g steps (one "
                            "per unit of the %.9g s between the fastest and "
                            "the slowest iteration time), more than the %d "
                            "the planner takes: use a unit time of at "
                            "least %.3g s",
                            tau, steps, steps * tau, PP_SOLVE_MAX_POINTS,
                            steps * tau / max);
    }
    double res = w->opts->resolution > 0 ? w->opts->resolution
                                         : span[1] * 1e-4;
    double points = (span[1] - span[0]) / res;
    if (points <= max)
        return PP_OK;
    return pp_error_set(err, PP_ERANGE,
                        "resolution %g s asks for about %.3g realized points "
                        "(the iteration time spans %.9g s), more than the "
                        "%d the planner takes: use a resolution of at "
                        "least %.3g s",
                        res, points, span[1] - span[0], PP_SOLVE_MAX_POINTS,
                        (span[1] - span[0]) / max);
}

/*
 * W set up for DAG, PROF and OPTS, after every check pp_frontier_solve
 * makes before it starts; *WORK is 1 when the one that failed is the work
 * bound (check_work), else 0.  W is walk_free'd by the caller, whatever
 * the outcome.
 */
static int walk_start(struct walk *w, const struct pp_dag *dag,
                      const struct pp_profile *prof,
                      const struct pp_solve_opts *opts, int *work,
                      struct pp_error *err)
{
    int rc;
    w->dag = dag;
    w->prof = prof;
    w->opts = opts;
    *work = 0;
    if ((rc = pp_energy_check(&opts->energy, dag->ngpus, err)) ||
        (rc = pp_solve_opts_check(opts, err)))
        return rc;
    if (dag->n == 0)
        return pp_error_set(err, PP_EINPUT,
                            "the schedule has no instructions");
    if (dag->n > INT32_MAX / 4)
        return pp_error_set(err, PP_ERANGE, "too many instructions (%zu)",
                            dag->n);
    if ((rc = walk_init(w, err)) || (rc = check_range(w, err)))
        return rc;
    rc = check_work(w, err);
    *work = rc == PP_ERANGE;
    return rc;
}

int pp_frontier_check_work(const struct pp_dag *dag,
                           const struct pp_profile *prof,
                           const struct pp_solve_opts *opts,
                           struct pp_error *err)
{
    struct walk w = {0};
    struct pp_solve_opts o = *opts;
    int work;
    o.threads = 0; /* one realization context: nothing is realized */
    walk_start(&w, dag, prof, &o, &work, err);
    walk_free(&w);
    return work;
}

int pp_frontier_solve(struct pp_frontier **out, const struct pp_dag *dag,
                      const struct pp_profile *prof,
                      const struct pp_solve_opts *opts, struct pp_error *err)
{
    struct walk w = {0};
    struct pp_frontier *fr = NULL;
    int rc, work;

    *out = NULL;
    if ((rc = walk_start(&w, dag, prof, opts, &work, err)))
        goto out;
    fr = calloc(1, sizeof *fr);
    if (!fr || !(fr->base_mhz = malloc(dag->n * sizeof *fr->base_mhz))) {
        rc = pp_error_nomem(err);
        goto out;
    }
    fr->model = opts->model;
    fr->ninstr = dag->n;
    fr->pblock = w.ngpus * w.kpb;
    if (opts->model == PP_MODEL_LOWTIME) {
        rc = lt_run(&w, fr, err);
    } else {
        w.ex.fr = fr;
        if (pp_realq_start(&w.ex.rq, dag->n, w.nworkers,
                           ex_realize_job, ex_commit, &w)) {
            rc = pp_error_nomem(err);
            goto out;
        }
        rc = ex_run(&w, fr, err);
        int qrc = pp_realq_finish(w.ex.rq);
        if (!rc && qrc)
            rc = pp_error_nomem(err);
    }
    if (rc)
        goto out;
    /* The reference's frontier is kept point for point; the exact model's
     * realized frontier keeps only what a deadline lookup could choose. */
    if (opts->model == PP_MODEL_EXACT && pp_frontier_prune(fr)) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if (fr->npoints == 0) {
        rc = pp_error_set(err, PP_ESOLVER,
                          "the solver produced no frontier point (%s)",
                          fr->stop_reason);
        goto out;
    }
    *out = fr;
    fr = NULL;
out:
    pp_frontier_free(fr);
    walk_free(&w);
    return rc;
}
