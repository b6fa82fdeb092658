/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * realize.c - from a relaxed schedule to real frequencies; see realize.h.
 */
#include "realize.h"

#include <math.h>
#include <stdlib.h>

#include "solver.h"

static int by_opt_time(const void *a, const void *b)
{
    const struct pp_option *x = *(const struct pp_option *const *)a,
                           *y = *(const struct pp_option *const *)b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return x->energy < y->energy ? -1 : x->energy > y->energy;
}

int pp_stair_build(struct pp_stair *st, const struct pp_opset *set,
                   double kpb)
{
    st->t = malloc(set->n * sizeof *st->t);
    st->c = malloc(set->n * sizeof *st->c);
    st->opt = malloc(set->n * sizeof *st->opt);
    if (!st->t || !st->c || !st->opt)
        return PP_ENOMEM;
    for (size_t k = 0; k < set->n; k++)
        st->opt[k] = &set->opt[k];
    qsort(st->opt, set->n, sizeof *st->opt, by_opt_time);
    st->n = 0;
    for (size_t k = 0; k < set->n; k++) {
        const struct pp_option *o = st->opt[k];
        double c = o->energy - kpb * o->time;
        if (st->n && c >= st->c[st->n - 1])
            continue;
        st->opt[st->n] = o;
        st->t[st->n] = o->time;
        st->c[st->n++] = c;
    }
    return PP_OK;
}

void pp_stair_clear(struct pp_stair *st)
{
    free(st->t);
    free(st->opt);
    free(st->c);
}

size_t pp_stair_at(const struct pp_stair *st, double win)
{
    size_t lo = 0, hi = st->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (st->t[mid] <= win)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

int pp_realizer_init(struct pp_realizer *R, const struct pp_dag *dag,
                     const struct pp_stair *const *stair, double kpb)
{
    size_t n = dag->n ? dag->n : 1;
    R->dag = dag;
    R->stair = stair;
    R->kpb = kpb;
    R->t = malloc(n * sizeof *R->t);
    R->es = malloc(n * sizeof *R->es);
    R->ls = malloc(n * sizeof *R->ls);
    if (!R->t || !R->es || !R->ls)
        return PP_ENOMEM;
    /* the ladder spans the saving rates between neighbouring steps */
    R->theta_hi = 0.0;
    R->theta_lo = INFINITY;
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_stair *st = stair[i];
        for (size_t k = 0; k + 1 < st->n; k++) {
            double r = (st->c[k] - st->c[k + 1]) / (st->t[k + 1] - st->t[k]);
            if (r > R->theta_hi)
                R->theta_hi = r;
            if (r > 0 && r < R->theta_lo)
                R->theta_lo = r;
        }
    }
    return PP_OK;
}

void pp_realizer_free(struct pp_realizer *R)
{
    free(R->t);
    free(R->es);
    free(R->ls);
}

/*
 * The slowest step k > FROM with time <= WIN saving at least THETA per
 * second of extra time over step FROM (FROM if none).  *BELOW gets the
 * best saving rate of a step that fits but falls short of THETA.
 */
static int32_t move_to(const struct pp_stair *st, int32_t from, double win,
                       double theta, double *below)
{
    int32_t best = from;
    for (size_t k = (size_t)from + 1; k < st->n && st->t[k] <= win; k++) {
        double rate = (st->c[from] - st->c[k]) / (st->t[k] - st->t[from]);
        if (rate >= theta)
            best = (int32_t)k;
        else if (rate > *below)
            *below = rate;
    }
    return best;
}

/* Latest finish of I: the deadline or its successors' latest starts. */
static double latest_finish(const struct pp_realizer *R, size_t i,
                            double deadline)
{
    const struct pp_dag *g = R->dag;
    double lf = deadline;
    for (size_t e = g->succ_off[i]; e < g->succ_off[i + 1]; e++)
        if (R->ls[g->succ[e]] < lf)
            lf = R->ls[g->succ[e]];
    return lf;
}

/* What a pass may do: move by saving rate, or only to a target step. */
struct rule {
    double theta;          /* minimum saving rate (J/s) */
    const double *cap;     /* if not NULL: no instruction i past cap[i] s */
    const int32_t *target; /* if not NULL: only to target[i], and only */
    const double *frac;    /* where frac[i] >= thr */
    double thr;
};

static int32_t decide(const struct pp_realizer *R, size_t i, int32_t cur,
                      double win, const struct rule *ru, double *below)
{
    if (ru->cap && ru->cap[i] < win)
        win = ru->cap[i];
    if (ru->target) {
        int32_t t = ru->target[i];
        return ru->frac[i] >= ru->thr && t > cur && R->stair[i]->t[t] <= win
                   ? t : cur;
    }
    return move_to(R->stair[i], cur, win, ru->theta, below);
}

/* Reverse topological order; es must hold earliest starts of CI. */
static void pass_back(struct pp_realizer *R, int32_t *ci, double deadline,
                      const struct rule *ru, double *below)
{
    const struct pp_dag *g = R->dag;
    for (size_t k = g->n; k-- > 0;) {
        size_t i = g->topo[k];
        double lf = latest_finish(R, i, deadline);
        ci[i] = decide(R, i, ci[i], lf - R->es[i], ru, below);
        R->ls[i] = lf - R->stair[i]->t[ci[i]];
    }
}

/* Topological order; ls must hold latest starts (from pass_back). */
static void pass_fwd(struct pp_realizer *R, int32_t *ci, double deadline,
                     const struct rule *ru, double *below)
{
    const struct pp_dag *g = R->dag;
    for (size_t k = 0; k < g->n; k++) {
        size_t i = g->topo[k];
        double st = 0.0;
        for (size_t e = g->pred_off[i]; e < g->pred_off[i + 1]; e++) {
            size_t j = g->pred[e];
            double f = R->es[j] + R->stair[j]->t[ci[j]];
            if (f > st)
                st = f;
        }
        R->es[i] = st;
        ci[i] = decide(R, i, ci[i], latest_finish(R, i, deadline) - st, ru,
                       below);
    }
}

static void round_trip(struct pp_realizer *R, int32_t *ci, double deadline,
                       const struct rule *ru, double *below)
{
    pass_back(R, ci, deadline, ru, below);
    pass_fwd(R, ci, deadline, ru, below);
}

double pp_realize(struct pp_realizer *R, int32_t *ci, double deadline,
                  const struct pp_realize_hint *hint)
{
    const struct pp_dag *g = R->dag;
    for (size_t i = 0; i < g->n; i++)
        R->t[i] = R->stair[i]->t[ci[i]];
    pp_longest_path(g, R->t, R->es);
    double below = INFINITY, unused = 0.0;
    if (hint && hint->target) {
        struct rule ru = {0.0, NULL, hint->target, hint->frac, 0.0};
        for (int k = 0; k < 7; k++) {
            ru.thr = 0.95 - 0.1 * k;
            round_trip(R, ci, deadline, &ru, &unused);
        }
    }
    if (hint && hint->cap) {
        struct rule ru = {0.0, hint->cap, NULL, NULL, 0.0};
        round_trip(R, ci, deadline, &ru, &unused);
    }
    struct rule ru = {R->theta_hi, NULL, NULL, NULL, 0.0};
    for (int r = 0; r < PP_REALIZE_MAX_ROUNDS && ru.theta > 0.0 && below > 0.0;
         r++) {
        /* the next level, skipping those at which nothing could move */
        ru.theta *= PP_REALIZE_RATIO;
        if (below < ru.theta)
            ru.theta = below;
        if (ru.theta < 0.5 * R->theta_lo || r + 1 == PP_REALIZE_MAX_ROUNDS)
            ru.theta = 0.0;
        below = 0.0;
        round_trip(R, ci, deadline, &ru, &below);
    }
    double c = 0.0;
    for (size_t i = 0; i < g->n; i++) {
        R->t[i] = R->stair[i]->t[ci[i]];
        c += R->stair[i]->c[ci[i]];
    }
    return c + (double)g->ngpus * R->kpb * pp_longest_path(g, R->t, NULL);
}
