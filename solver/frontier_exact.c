/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_exact.c - the exact model's stepper: breakpoint to breakpoint
 * on convex hulls (frontier_internal.h).
 *
 * Every instruction starts at the slowest vertex of its hull (hulls.h).
 * Each step cuts the critical network (ex_cut: the cut is kept between
 * steps by pp_flownet_recut, and so are the arcs crossing it), then moves
 * the instructions on the cut by the largest delta for which every
 * piecewise-linear cost keeps its slope and the schedule the steps keep
 * stays feasible (ex_step), so a step covers a linear piece of the
 * frontier or part of one; no step scans the whole DAG.  Points are
 * realized (rounded to measured frequencies, round.h, and evaluated) on
 * worker threads while the solver steps on (realq.h), about every
 * `resolution` seconds of iteration time.
 */
#include "frontier_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The arcs at each AOA vertex but the source and sink (whose sides never
 * change), for ex_cut: CSR in vinc_off / vinc. */
static void incidence(struct walk *w)
{
    size_t nv = 2 * w->n, *off = w->ex.vinc_off;
    memset(off, 0, (nv + 1) * sizeof *off);
    for (size_t k = 0; k < w->narcs; k++) {
        if ((size_t)w->arcs[k].u < nv)
            off[w->arcs[k].u + 1]++;
        if ((size_t)w->arcs[k].v < nv)
            off[w->arcs[k].v + 1]++;
    }
    for (size_t v = 0; v < nv; v++)
        off[v + 1] += off[v];
    for (size_t k = 0; k < w->narcs; k++) {
        const struct arc *a = &w->arcs[k];
        /* off[v] walks to v's end, then is moved back below */
        if ((size_t)a->u < nv)
            w->ex.vinc[off[a->u]++] = (int32_t)k;
        if ((size_t)a->v < nv)
            w->ex.vinc[off[a->v]++] = (int32_t)k;
    }
    for (size_t v = nv; v > 0; v--)
        off[v] = off[v - 1];
    off[0] = 0;
}

static void ex_caps(const struct walk *w, size_t i, int64_t *lb, int64_t *ub)
{
    const struct pp_pwl *p = w->ex.h.pwl[i];
    const int64_t *su = w->ex.h.slope[i];
    size_t k = (size_t)w->ex.seg[i];
    int64_t d = w->d[i];
    if ((double)d == p->t[k]) {
        *ub = k == 0 ? PP_FLOW_INF : su[k - 1];
        *lb = k + 1 == p->n ? 0 : su[k];
    } else {
        *lb = *ub = su[k];
    }
    if (*lb > *ub)
        *lb = *ub;
}

/*
 * The exact model keeps a schedule of its own instead of recomputing
 * floats: start/finish times pi of every AOA vertex with span T, held as
 * each arc's slack pi(v) - pi(u) - length (instruction arcs have slack 0
 * unless an instruction at its slowest idles).  Arcs with zero slack are
 * the network's arcs (w->crit).  Every source-sink path of them has length
 * T, so they carry every critical path and a flow only uses critical arcs;
 * the cut found on them is a minimum cut of the critical network.  A step
 * with source side X moves every vertex outside X earlier by delta: the
 * instructions cut forward get delta shorter, those cut backward delta
 * longer, and only arcs crossing X change slack (forward ones lose delta,
 * backward ones gain it), so delta is at most the smallest slack of a
 * forward-crossing arc that does not shorten.  This replaces the longest
 * path passes of the float-based step: ex_cut() keeps the crossing arcs
 * as the cut changes.  A schedule can hold a step shorter than the
 * longest-path limit (a vertex off the critical paths is shifted with X's
 * complement until an arc into it becomes tight); that costs a step, not
 * exactness (measured: 2 to 18% more steps on the example profile).
 */
static void ex_slack_init(struct walk *w)
{
    for (size_t k = 0; k < w->narcs; k++) {
        const struct arc *a = &w->arcs[k];
        int64_t sl = 0;
        if (a->instr < 0) {
            int64_t from = a->a < 0 ? 0 : w->es[a->a] + w->d[a->a];
            int64_t to = a->b < 0 ? w->T : w->es[a->b];
            sl = to - from;
        }
        w->ex.slack[k] = sl;
        walk_set_crit(w, k, sl == 0);
    }
}

#define NOX ((size_t)-1)

/* Arc k crosses the cut iff its ends are on different sides: keep
 * w->ex.cross so. */
static void recross(struct walk *w, size_t k)
{
    int cr = w->side[w->arcs[k].u] != w->side[w->arcs[k].v];
    size_t at = w->ex.xpos[k];
    if (cr && at == NOX) {
        w->ex.xpos[k] = w->ex.ncross;
        w->ex.cross[w->ex.ncross++] = k;
    } else if (!cr && at != NOX) {
        size_t last = w->ex.cross[--w->ex.ncross];
        w->ex.cross[at] = last;
        w->ex.xpos[last] = at;
        w->ex.xpos[k] = NOX;
    }
}

/*
 * The exact model's cut: walk_cut() for a kept cut.  The flow network finds the
 * new cut incrementally (pp_flownet_recut) and lists the vertices that
 * changed side; only their arcs can start or stop crossing, so w->ex.cross is
 * kept rather than found by a scan of every arc.  O(what changed + arcs
 * crossing the cut), except when the network computes the cut afresh.
 */
static int ex_cut(struct walk *w, int64_t *value, const char **why,
                  struct pp_error *err)
{
    int nv = (int)(2 * w->n + 2);
    const int *chg = NULL;
    long nchg = -1;
    int rc;
    if ((rc = walk_net_update(w, ex_caps, PP_FLOW_INF, err)))
        return rc;
    if (w->opts->flow_backend)
        rc = pp_flownet_mincut(w->net, nv - 2, nv - 1, 0, PP_FLOW_IGRAPH,
                               w->side, value, err);
    else
        rc = pp_flownet_recut(w->net, nv - 2, nv - 1, w->side, value, &chg,
                              &nchg, err);
    if ((rc = walk_cut_stop(rc, *value, why)))
        return rc;
    if (nchg < 0 || nchg > nv / 2) { /* a scan in order is cheaper */
        for (size_t k = 0; k < w->narcs; k++)
            recross(w, k);
    } else {
        for (long q = 0; q < nchg; q++) {
            int v = chg[q];
            if (v >= nv - 2)
                continue;
            for (size_t e = w->ex.vinc_off[v]; e < w->ex.vinc_off[v + 1]; e++)
                recross(w, (size_t)w->ex.vinc[e]);
        }
    }
    w->nspeed = w->nslow = 0;
    for (size_t q = 0; q < w->ex.ncross; q++)
        if (walk_on_cut(w, w->ex.cross[q], why))
            return 1;
    if (w->nspeed == 0) {
        *why = "nothing left to speed up";
        return 1;
    }
    return 0;
}

/*
 * One step on the cut of ex_cut() (w->side, w->speed / w->slow and the arcs
 * crossing it in w->ex.cross): the largest delta for which every
 * piecewise-linear cost keeps its slope and the schedule stays feasible;
 * updates the slacks and criticality of the crossing arcs (the caller
 * moves the instructions).  Returns delta (> 0 unless something is
 * inconsistent).  O(instructions on the cut + arcs crossing it).
 */
static int64_t ex_step(struct walk *w)
{
    int64_t delta = INT64_MAX;
    for (size_t k = 0; k < w->nspeed; k++) {
        size_t i = (size_t)w->speed[k];
        const struct pp_pwl *p = w->ex.h.pwl[i];
        size_t sg = (size_t)w->ex.seg[i];
        int64_t room = 0;
        if ((double)w->d[i] != p->t[sg])
            room = w->d[i] - (int64_t)p->t[sg];
        else if (sg > 0)
            room = w->d[i] - (int64_t)p->t[sg - 1];
        if (room < delta)
            delta = room;
        w->ex.rate[i] = 1;
    }
    /* A backward cut arc already at its slowest saves nothing: it idles
     * (its slack grows) instead. */
    size_t keep = 0;
    for (size_t k = 0; k < w->nslow; k++) {
        size_t i = (size_t)w->slow[k];
        if ((size_t)w->ex.seg[i] + 1 < w->ex.h.pwl[i]->n)
            w->slow[keep++] = (int32_t)i;
    }
    w->nslow = keep;
    for (size_t k = 0; k < w->nslow; k++) {
        size_t i = (size_t)w->slow[k];
        int64_t room = (int64_t)w->ex.h.pwl[i]->t[w->ex.seg[i] + 1] - w->d[i];
        if (room < delta)
            delta = room;
        w->ex.rate[i] = -1;
    }
    /* moved instructions stay tight: skip them */
    for (size_t q = 0; q < w->ex.ncross; q++) {
        size_t k = w->ex.cross[q];
        const struct arc *a = &w->arcs[k];
        if ((a->instr < 0 || !w->ex.rate[a->instr]) && w->side[a->u] &&
            w->ex.slack[k] < delta)
            delta = w->ex.slack[k];
    }
    for (size_t q = 0; q < w->ex.ncross; q++) {
        size_t k = w->ex.cross[q];
        const struct arc *a = &w->arcs[k];
        if (a->instr >= 0 && w->ex.rate[a->instr])
            continue;
        w->ex.slack[k] += w->side[a->u] ? -delta : delta;
        walk_set_crit(w, k, w->ex.slack[k] == 0);
    }
    for (size_t k = 0; k < w->nspeed; k++)
        w->ex.rate[w->speed[k]] = 0;
    for (size_t k = 0; k < w->nslow; k++)
        w->ex.rate[w->slow[k]] = 0;
    return delta;
}

static void move(struct walk *w, size_t i, int64_t nd)
{
    const struct pp_pwl *p = w->ex.h.pwl[i];
    size_t k = (size_t)w->ex.seg[i];
    w->d[i] = nd;
    while (k > 0 && (double)nd < p->t[k])
        k--;
    while (k + 1 < p->n && (double)nd >= p->t[k + 1])
        k++;
    w->ex.seg[i] = (int32_t)k;
}


/* Realize a job of the realization queue on worker WK: the plan and its
 * realized time and energy. */
int ex_realize_job(void *ctx, int wk, const int64_t *d, const int32_t *seg,
                   struct pp_point *pt, int *mhz)
{
    struct walk *w = ctx;
    struct rctx *rc = &w->rc[wk];
    pp_round(&rc->round, d, seg, pt->time_model, mhz);
    walk_realized(w, rc, mhz, pt);
    return PP_OK;
}

/* The queue's commit: the frontier point, in submission order. */
int ex_commit(void *ctx, const struct pp_point *pt, const int *mhz)
{
    struct walk *w = ctx;
    return pp_frontier_add(w->ex.fr, pt, mhz, w->prev_mhz);
}

/* The model's energy of the instructions at their current durations. */
static double instr_energy(const struct walk *w)
{
    double cost = 0.0;
    for (size_t i = 0; i < w->n; i++)
        cost += pp_hulls_cost(w->ex.h.pwl[i], (size_t)w->ex.seg[i], w->d[i]);
    return cost;
}

/* The model's energy at iteration time T (ns), the instructions' being
 * COST. */
static double model_energy(const struct walk *w, double cost, int64_t T)
{
    return cost + w->ngpus * w->kpb * ((double)T * 1e-9);
}

/* A frontier point for the current durations at iteration time T (ns):
 * the model's values now, the plan and realized values by the queue;
 * returns the instructions' energy in *cost. */
static int ex_point_at(struct walk *w, int64_t T, double *cost)
{
    struct pp_point pt = {0};
    *cost = instr_energy(w);
    pt.time_model = (double)T * 1e-9;
    pt.energy_model = model_energy(w, *cost, T);
    return pp_realq_submit(w->ex.rq, w->d, w->ex.seg, &pt);
}

/* A point at the current state; the kept energy is summed afresh. */
static int ex_point(struct walk *w)
{
    return ex_point_at(w, w->T, &w->ex.ecost);
}

/* The q-th instruction a step of delta moves (those sped up, then those
 * slowed down, q < nspeed + nslow); *dd gets its change of duration. */
static size_t ex_moved(const struct walk *w, size_t q, int64_t delta,
                       int64_t *dd)
{
    if (q < w->nspeed) {
        *dd = -delta;
        return (size_t)w->speed[q];
    }
    *dd = delta;
    return (size_t)w->slow[q - w->nspeed];
}

/* Durations of the instructions the last step moved by delta: back to
 * before it (back = 1), or as after it (back = 0, from w->ex.dnew). */
static void ex_undo(struct walk *w, int64_t delta, int back)
{
    for (size_t q = 0; q < w->nspeed + w->nslow; q++) {
        int64_t dd;
        size_t i = ex_moved(w, q, delta, &dd);
        move(w, i, back ? w->ex.dnew[i] - dd : w->ex.dnew[i]);
    }
}

/*
 * Between two breakpoints the relaxation is linear: the optimum at an
 * intermediate time is the interpolation of the two end solutions (the
 * makespan is convex in the durations, so the interpolated schedule meets
 * the interpolated time).  Realize a point every `resolution` seconds so a
 * deadline anywhere on the frontier finds a plan close below it.
 */
static int ex_between(struct walk *w, int64_t delta, int64_t Tprev)
{
    double res = w->ex.res, cost;
    int64_t gap = Tprev - w->T;
    /* capped in double: converting a count that int64_t cannot hold
     * would be undefined */
    double kd = floor((double)gap * 1e-9 / res);
    if (!(kd >= 2))
        return PP_OK;
    int64_t k = kd > 100000 ? 100000 : (int64_t)kd;
    int rc = PP_OK;
    for (int64_t j = 1; j < k && !rc; j++) {
        for (size_t q = 0; q < w->nspeed + w->nslow; q++) {
            int64_t dd;
            size_t i = ex_moved(w, q, delta, &dd);
            int64_t b = w->ex.dnew[i], a = b - dd;
            move(w, i, a + (int64_t)floor((double)(b - a) * (double)j /
                                          (double)k));
        }
        rc = ex_point_at(w, Tprev - (int64_t)((double)gap * (double)j /
                                                   (double)k), &cost);
    }
    ex_undo(w, delta, 0);
    return rc;
}

int ex_run(struct walk *w, struct pp_frontier *fr, struct pp_error *err)
{
    int rc;
    for (size_t i = 0; i < w->n; i++) {
        const struct pp_pwl *p = w->ex.h.pwl[i];
        w->ex.seg[i] = (int32_t)(p->n - 1);
        w->d[i] = (int64_t)p->t[p->n - 1];
    }
    walk_forward(w); /* starts and T: the first schedule the steps keep */
    ex_slack_init(w);
    w->ex.ncross = 0;
    for (size_t k = 0; k < w->narcs; k++)
        w->ex.xpos[k] = NOX;
    if ((rc = ex_point(w)))
        return pp_error_nomem(err);
    /* default: 1e-4 of the slowest iteration time */
    w->ex.res = w->opts->resolution > 0 ? w->opts->resolution
                                     : (double)w->T * 1e-9 * 1e-4;
    /* pp_solve_opts_check keeps the resolution within 1e9 s, and the
     * default is 1e-4 of an iteration time that fits int64_t ns */
    int64_t res_ns = (int64_t)(w->ex.res * 1e9), Tlast = w->T;
    double e_last = model_energy(w, w->ex.ecost, w->T), e_pending = INFINITY;
    int pending = 0;
    for (;;) {
        const char *why = NULL;
        int64_t value;
        rc = ex_cut(w, &value, &why, err);
        if (rc < 0)
            return rc;
        fr->steps++;
        if (rc == 1) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason, "%s", why);
            break;
        }
        int64_t Tprev = w->T;
        int64_t delta = ex_step(w);
        if (delta <= 0 || delta == INT64_MAX) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason,
                     "no progress (numerical tie); stopping");
            break;
        }
        double dcost = 0.0;
        for (size_t q = 0; q < w->nspeed + w->nslow; q++) {
            int64_t dd;
            size_t i = ex_moved(w, q, delta, &dd);
            dcost -= pp_hulls_cost(w->ex.h.pwl[i], (size_t)w->ex.seg[i], w->d[i]);
            w->ex.dnew[i] = w->d[i] + dd;
            move(w, i, w->ex.dnew[i]);
            dcost += pp_hulls_cost(w->ex.h.pwl[i], (size_t)w->ex.seg[i], w->d[i]);
        }
        w->ex.ecost += dcost;
        w->T -= delta;
        /* Realize a plan at most every `resolution` of iteration time:
         * where breakpoints are denser than that, the points in between
         * add nothing a deadline lookup could use -- except the minimum of
         * the model's energy (T*), which is realized when it is passed. */
        double e_now = model_energy(w, w->ex.ecost, w->T), cost;
        if (pending && e_now > e_pending && e_pending < e_last) {
            ex_undo(w, delta, 1);
            rc = ex_point_at(w, Tprev, &cost);
            ex_undo(w, delta, 0);
            if (rc)
                return pp_error_nomem(err);
            Tlast = Tprev;
            e_last = e_pending;
            pending = 0;
        }
        if (Tlast - w->T < res_ns) {
            pending = 1;
            e_pending = e_now;
        } else {
            if ((rc = ex_between(w, delta, Tprev)) ||
                (rc = ex_point(w)))
                return pp_error_nomem(err);
            Tlast = w->T;
            e_last = model_energy(w, w->ex.ecost, w->T);
            pending = 0;
        }
        if (w->opts->progress)
            w->opts->progress(w->opts->progress_ctx, fr->steps, 0);
    }
    if (pending && (rc = ex_point(w)))
        return pp_error_nomem(err);
    return PP_OK;
}

int ex_init(struct walk *w, struct pp_error *err)
{
    size_t nn = w->n ? w->n : 1;
    struct ex_walk *x = &w->ex;
    int rc;
    x->xpos = malloc(w->narcs * sizeof *x->xpos);
    x->vinc_off = calloc(2 * nn + 1, sizeof *x->vinc_off);
    x->vinc = malloc(2 * w->narcs * sizeof *x->vinc);
    x->dnew = malloc(nn * sizeof *x->dnew);
    x->seg = malloc(nn * sizeof *x->seg);
    x->rate = calloc(nn, sizeof *x->rate);
    x->slack = malloc(w->narcs * sizeof *x->slack);
    x->cross = malloc(w->narcs * sizeof *x->cross);
    if (!x->xpos || !x->vinc_off || !x->vinc || !x->dnew || !x->seg ||
        !x->rate || !x->slack || !x->cross)
        return pp_error_nomem(err);
    incidence(w);
    if ((rc = pp_hulls_build(&x->h, w->dag, w->prof, w->kindmap,
                             &w->opts->energy, err)))
        return rc;
    return PP_OK;
}

void ex_free(struct walk *w)
{
    struct ex_walk *x = &w->ex;
    pp_hulls_clear(&x->h);
    free(x->xpos);
    free(x->vinc_off);
    free(x->vinc);
    free(x->dnew);
    free(x->seg);
    free(x->rate);
    free(x->slack);
    free(x->cross);
}
