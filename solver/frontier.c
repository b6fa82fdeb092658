/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier.c - the iteration time-energy frontier by iterative minimum cut.
 *
 * Phillips and Dessouky, "Solving the project time/cost tradeoff problem
 * using the minimal cut concept", Management Science 24(4), 1977,
 * doi:10.1287/mnsc.24.4.393; the Perseus use of it: Chung et al., SOSP 2024,
 * doi:10.1145/3694715.3695970.
 *
 * Overview.  The DAG is put in activity-on-arc form once: instruction i is
 * the arc 2i -> 2i+1, a dependency j -> i the dummy arc 2j+1 -> 2i, and a
 * source 2n / sink 2n+1 connect to instructions without predecessors /
 * successors.  Durations are integers: tau units in the lowtime model, ns
 * (rounded up, so realized times never exceed the model's) in the exact
 * model.  Every instruction starts at its slowest useful duration.  Each
 * step:
 *   1. the critical arcs: lowtime, as the reference, those with zero float
 *      from forward and backward passes (O(n + edges)), the backward pass
 *      noting the arcs whose criticality changed; exact, those with zero
 *      slack under a schedule the steps keep (ex_step), so no pass at all;
 *   2. on the critical arcs, a flow network with lower bound = saving of
 *      slowing down and upper bound = cost of speeding up; its minimum cut
 *      (flow.c) gives instructions to speed up (forward cut arcs) and to
 *      slow down (backward cut arcs).  The network is built once and kept
 *      with its flow: a step only switches the arcs whose criticality
 *      changed and re-bounds the instructions the last step moved.  In
 *      the exact model the cut is kept too (pp_flownet_recut repairs it
 *      where arcs changed) and so are the arcs crossing it, which follow
 *      the vertices that change side; no step scans the whole DAG;
 *   3. lowtime: move them by one tau, exactly as the reference does.
 *      exact: move them by the largest delta for which the piecewise-linear
 *      costs keep their slopes and the kept schedule stays feasible (a
 *      scan of the arcs crossing the cut), so a step covers a linear piece
 *      of the frontier or part of one.
 * Each step yields a frontier point; the plan (real frequencies) and its
 * realized time and energy from the measured profile are recorded.  In the
 * exact model the plan is the cheapest of five roundings of the relaxed
 * durations, each finished by spending the slack left (realize.h).
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "lowtime.h"
#include "realize.h"
#include "realq.h"

struct arc {
    int32_t u, v;
    int32_t instr; /* instruction index, or -1 for a dummy arc */
    int32_t a, b;  /* dummy: endpoint instructions (-1 for source/sink) */
};

/*
 * What rounding and evaluating one plan needs: one per realization worker
 * (realq.h); the first also serves the lowtime model and inline
 * realization.
 */
struct rctx {
    struct pp_realizer real;         /* exact only */
    int32_t *ci[5];                  /* exact: candidate plans (steps) */
    int32_t *target;                 /* exact: slower end of the segment */
    double *cap, *frac;              /* exact: its time, position on it */
    double *dither;                  /* exact: 1 where (e) jumps, else 0 */
    int *mhz;
    double *rt, *rstart, *busy;
};

struct solver {
    const struct pp_dag *dag;
    const struct pp_profile *prof;
    const struct pp_solve_opts *opts;
    size_t n;
    int ngpus;
    double kpb;                      /* K * P_b */
    struct arc *arcs;
    size_t narcs;
    const struct pp_opset **opset;   /* per instruction */
    int64_t *d, *es, *lf, T;
    int64_t *dnew;                   /* exact: durations after a step */
    double ecost;                    /* exact: the instructions' model
                                        energy, kept per step */
    double res;                      /* exact: realization resolution, s */
    struct pp_flownet *net;
    int net_ready;                   /* net holds the arcs (net_arcs) */
    unsigned char *side;
    unsigned char *crit;             /* per arc: in the network (zero
                                        float, backward(); exact: zero
                                        slack, ex_step()) */
    size_t *dbase;                   /* per instruction: its first dummy
                                        arc, then source, then sink arc */
    size_t *flip, nflip;             /* arcs whose crit changed since the
                                        network last saw them */
    unsigned char *flipped;          /* per arc: listed in flip */
    int32_t *speed, *slow;
    size_t nspeed, nslow;
    /* lowtime */
    struct pp_ltspec *specs;         /* per profile (stage, kind) */
    struct pp_ltspec **spec;         /* per instruction */
    /* exact */
    struct pp_pwl *pwls;             /* per profile (stage, kind), ns */
    struct pp_stair *stairs;         /* per profile (stage, kind) */
    const struct pp_stair **stair;   /* per instruction */
    struct pp_pwl **pwl;             /* per instruction */
    int64_t **slopes;                /* per profile: slope_units per segment */
    const int64_t **slope;           /* per instruction: its profile's */
    int32_t *seg;                    /* per instruction: vertex index */
    int8_t *rate;                    /* step: +1 speeds up, -1 slows */
    int64_t *slack;                  /* exact: per arc, under the schedule
                                        the steps keep (see ex_step) */
    size_t *cross, ncross;           /* exact: arcs crossing the cut,
                                        kept as the cut changes */
    size_t *xpos;                    /* exact: per arc, its index in cross
                                        or NOX */
    size_t *vinc_off;                /* exact: per AOA vertex but s and t, */
    int32_t *vinc;                   /* the arcs at it */
    int32_t *depth;                  /* exact: pp_graph_kind_depth */
    /* realized plans: in the exact model, rc[w] belongs to realization
     * worker w (realq.h) while the solver steps on; fr and prev_mhz to the
     * queue's commits */
    struct rctx rc[PP_REALQ_MAX_WORKERS];
    int nrc, nworkers;               /* contexts; workers (0: inline) */
    struct pp_frontier *fr;
    struct pp_realq *rq;
    int *prev_mhz;
    int *kindmap;
};

void pp_solve_opts_init(struct pp_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->model = PP_MODEL_EXACT;
    o->energy.gpus_per_stage = 1;
    o->unit_time = 1e-3;
    o->residual_threshold = 0;
    o->threads = -1;
}

void pp_frontier_free(struct pp_frontier *fr)
{
    if (!fr)
        return;
    free(fr->pts);
    free(fr->base_mhz);
    free(fr->chg_off);
    free(fr->chg_idx);
    free(fr->chg_mhz);
    free(fr);
}

/* ---------------------------------------------------------------------- */
/* AOA form and critical arcs                                             */

static int build_arcs(struct solver *S)
{
    const struct pp_dag *g = S->dag;
    size_t n = g->n, cap = n + g->nedges + 2 * n + 2;
    S->arcs = malloc(cap * sizeof *S->arcs);
    S->dbase = malloc((n + 1) * sizeof *S->dbase);
    S->crit = calloc(cap, 1);
    S->flipped = calloc(cap, 1);
    S->flip = malloc(cap * sizeof *S->flip);
    if (!S->arcs || !S->dbase || !S->crit || !S->flipped || !S->flip)
        return PP_ENOMEM;
    size_t m = 0;
    int32_t src = (int32_t)(2 * n), snk = (int32_t)(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        S->arcs[m++] = (struct arc){(int32_t)(2 * i), (int32_t)(2 * i + 1),
                                    (int32_t)i, -1, -1};
    for (size_t j = 0; j < n; j++) {
        S->dbase[j] = m;
        for (size_t e = g->succ_off[j]; e < g->succ_off[j + 1]; e++) {
            size_t i = g->succ[e];
            S->arcs[m++] = (struct arc){(int32_t)(2 * j + 1), (int32_t)(2 * i),
                                        -1, (int32_t)j, (int32_t)i};
        }
        if (g->pred_off[j] == g->pred_off[j + 1])
            S->arcs[m++] = (struct arc){src, (int32_t)(2 * j), -1, -1,
                                        (int32_t)j};
        if (g->succ_off[j] == g->succ_off[j + 1])
            S->arcs[m++] = (struct arc){(int32_t)(2 * j + 1), snk, -1,
                                        (int32_t)j, -1};
    }
    S->narcs = m;
    return PP_OK;
}

/* The arcs at each AOA vertex but the source and sink (whose sides never
 * change), for ex_cut: CSR in vinc_off / vinc. */
static void incidence(struct solver *S)
{
    size_t nv = 2 * S->n, *off = S->vinc_off;
    memset(off, 0, (nv + 1) * sizeof *off);
    for (size_t k = 0; k < S->narcs; k++) {
        if ((size_t)S->arcs[k].u < nv)
            off[S->arcs[k].u + 1]++;
        if ((size_t)S->arcs[k].v < nv)
            off[S->arcs[k].v + 1]++;
    }
    for (size_t v = 0; v < nv; v++)
        off[v + 1] += off[v];
    for (size_t k = 0; k < S->narcs; k++) {
        const struct arc *a = &S->arcs[k];
        /* off[v] walks to v's end, then is moved back below */
        if ((size_t)a->u < nv)
            S->vinc[off[a->u]++] = (int32_t)k;
        if ((size_t)a->v < nv)
            S->vinc[off[a->v]++] = (int32_t)k;
    }
    for (size_t v = nv; v > 0; v--)
        off[v] = off[v - 1];
    off[0] = 0;
}

/* Earliest starts and the makespan for durations S->d. */
static void forward(struct solver *S)
{
    const struct pp_dag *g = S->dag;
    int64_t T = 0;
    for (size_t k = 0; k < S->n; k++) {
        size_t i = g->topo[k];
        int64_t es = 0;
        for (size_t e = g->pred_off[i]; e < g->pred_off[i + 1]; e++) {
            size_t j = g->pred[e];
            if (S->es[j] + S->d[j] > es)
                es = S->es[j] + S->d[j];
        }
        S->es[i] = es;
        if (es + S->d[i] > T)
            T = es + S->d[i];
    }
    S->T = T;
}

/* Arc k's criticality is c: record a change for the flow network. */
static inline void set_crit(struct solver *S, size_t k, int c)
{
    if (c == S->crit[k])
        return;
    S->crit[k] = (unsigned char)c;
    if (!S->flipped[k]) {
        S->flipped[k] = 1;
        S->flip[S->nflip++] = k;
    }
}

/*
 * Latest finishes for durations S->d, the earliest starts S->es and the
 * makespan S->T; on the way, each AOA arc's criticality (zero float):
 * instruction i when es + d = lf, dependency i -> j when i's earliest
 * finish is j's latest start, source / sink arcs when i may start at 0 /
 * must end at T.  Arcs whose criticality changed are listed in S->flip.
 */
static void backward(struct solver *S)
{
    const struct pp_dag *g = S->dag;
    int64_t T = S->T;
    for (size_t k = S->n; k-- > 0;) {
        size_t i = g->topo[k], a = S->dbase[i];
        int64_t lf = T, ef = S->es[i] + S->d[i];
        for (size_t e = g->succ_off[i]; e < g->succ_off[i + 1]; e++, a++) {
            size_t j = g->succ[e];
            int64_t ls = S->lf[j] - S->d[j];
            if (ls < lf)
                lf = ls;
            set_crit(S, a, ef == ls);
        }
        S->lf[i] = lf;
        set_crit(S, i, ef == lf);
        if (g->pred_off[i] == g->pred_off[i + 1])
            set_crit(S, a++, lf - S->d[i] == 0);
        if (g->succ_off[i] == g->succ_off[i + 1])
            set_crit(S, a, ef == T);
    }
}

/* Earliest starts, latest finishes and the makespan for durations S->d. */
static void schedule(struct solver *S)
{
    forward(S);
    backward(S);
}

typedef void (*capfn)(const struct solver *S, size_t i, int64_t *lb,
                      int64_t *ub);

/*
 * The flow network holds every AOA arc (arc k is flow arc k), added once,
 * all off.  Each step turns on the arcs that became critical and off those
 * that stopped being critical (backward() lists them in S->flip), and
 * re-bounds the arcs of the instructions the last step moved (the only
 * ones whose bounds changed); the network keeps the last step's flow as
 * the warm start.
 */
static int net_arcs(struct solver *S, struct pp_error *err)
{
    pp_flownet_reset(S->net, (int)(2 * S->n + 2));
    for (size_t k = 0; k < S->narcs; k++) {
        long id = pp_flownet_arc(S->net, S->arcs[k].u, S->arcs[k].v, 0, 0, 0);
        if (id < 0)
            return id == PP_ENOMEM ? pp_error_nomem(err)
                                   : pp_error_set(err, PP_ESOLVER,
                                                  "invalid arc");
        pp_flownet_off(S->net, id);
    }
    S->net_ready = 1;
    return PP_OK;
}

/* Turn critical arc k on with its bounds for this step. */
static int arc_on(struct solver *S, capfn caps, int64_t dummy_ub, size_t k,
                  struct pp_error *err)
{
    const struct arc *a = &S->arcs[k];
    int64_t lb = 0, ub = dummy_ub;
    if (a->instr >= 0)
        caps(S, (size_t)a->instr, &lb, &ub);
    if (pp_flownet_bounds(S->net, (long)k, lb, ub))
        return pp_error_set(err, PP_ESOLVER, "invalid capacity");
    return PP_OK;
}

/*
 * Bring the network up to date with this step's critical arcs and bounds:
 * O(flipped arcs + moved instructions).  Needs S->crit / S->flip from the
 * last backward() or ex_step() and S->speed / S->slow to list the instructions moved
 * since the last call (empty before the first).
 */
static int net_update(struct solver *S, capfn caps, int64_t dummy_ub,
                      struct pp_error *err)
{
    int rc;
    if (!S->net_ready && (rc = net_arcs(S, err)))
        return rc;
    for (size_t q = 0; q < S->nflip; q++) {
        size_t k = S->flip[q];
        S->flipped[k] = 0;
        if (!S->crit[k])
            pp_flownet_off(S->net, (long)k);
        else if ((rc = arc_on(S, caps, dummy_ub, k, err)))
            return rc;
    }
    S->nflip = 0;
    /* instruction i is arc i */
    for (size_t k = 0; k < S->nspeed; k++)
        if (S->crit[S->speed[k]] &&
            (rc = arc_on(S, caps, dummy_ub, (size_t)S->speed[k], err)))
            return rc;
    for (size_t k = 0; k < S->nslow; k++)
        if (S->crit[S->slow[k]] &&
            (rc = arc_on(S, caps, dummy_ub, (size_t)S->slow[k], err)))
            return rc;
    return PP_OK;
}

/* What a cut of the flow network means for the step: rc < 0 an error, 1
 * (reason in why) when no step can be taken, else 0. */
static int cut_stop(int rc, int64_t value, const char **why)
{
    if (rc < 0)
        return rc;
    if (rc == 1) {
        *why = "no feasible flow";
        return 1;
    }
    if (value >= PP_FLOW_INF) {
        *why = "the fastest iteration time is reached";
        return 1;
    }
    return 0;
}

/* Crossing arc k of the cut: a critical instruction cut forward speeds
 * up, one cut backward slows down; returns 1 (reason in why) for a
 * critical dependency cut forward. */
static int on_cut(struct solver *S, size_t k, const char **why)
{
    const struct arc *a = &S->arcs[k];
    if (!S->crit[k])
        return 0;
    if (S->side[a->u]) {
        if (a->instr < 0) {
            *why = "a dependency is on the cut (cannot go faster)";
            return 1;
        }
        S->speed[S->nspeed++] = a->instr;
    } else if (a->instr >= 0) {
        S->slow[S->nslow++] = a->instr;
    }
    return 0;
}

/*
 * Cut the flow network on the critical arcs (lowtime model).  Returns 0
 * with speed/slow filled, 1 if the step cannot be taken (reason in why),
 * or a negative error.  dummy_ub is the upper bound of dummy arcs.  On
 * entry speed/slow list the instructions the last step moved.
 */
static int cut(struct solver *S, capfn caps, int64_t dummy_ub, int64_t thr,
               int64_t *value, const char **why, struct pp_error *err)
{
    int nv = (int)(2 * S->n + 2);
    int rc;
    if ((rc = net_update(S, caps, dummy_ub, err)))
        return rc;
    rc = pp_flownet_mincut(S->net, nv - 2, nv - 1, thr,
                           S->opts->flow_backend ? PP_FLOW_IGRAPH
                                                 : PP_FLOW_DINIC,
                           S->side, value, err);
    if ((rc = cut_stop(rc, *value, why)))
        return rc;
    S->nspeed = S->nslow = 0;
    for (size_t k = 0; k < S->narcs; k++)
        if (S->side[S->arcs[k].u] != S->side[S->arcs[k].v] &&
            on_cut(S, k, why))
            return 1;
    if (S->nspeed == 0) {
        *why = "nothing left to speed up";
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Frontier storage                                                       */

static int add_point(struct pp_frontier *fr, const struct pp_point *pt,
                     const int *mhz, int *prev)
{
    if (fr->npoints == fr->cap_pts) {
        size_t c = fr->cap_pts ? 2 * fr->cap_pts : 1024;
        struct pp_point *p = realloc(fr->pts, c * sizeof *p);
        if (!p)
            return PP_ENOMEM;
        fr->pts = p;
        size_t *o = realloc(fr->chg_off, c * sizeof *o);
        if (!o)
            return PP_ENOMEM;
        fr->chg_off = o;
        fr->cap_pts = c;
    }
    if (fr->npoints == 0) {
        memcpy(fr->base_mhz, mhz, fr->ninstr * sizeof *mhz);
    } else {
        for (size_t i = 0; i < fr->ninstr; i++) {
            if (mhz[i] == prev[i])
                continue;
            if (fr->nchg == fr->cap_chg) {
                size_t c = fr->cap_chg ? 2 * fr->cap_chg : 4096;
                uint32_t *ix = realloc(fr->chg_idx, c * sizeof *ix);
                if (!ix)
                    return PP_ENOMEM;
                fr->chg_idx = ix;
                int *mz = realloc(fr->chg_mhz, c * sizeof *mz);
                if (!mz)
                    return PP_ENOMEM;
                fr->chg_mhz = mz;
                fr->cap_chg = c;
            }
            fr->chg_idx[fr->nchg] = (uint32_t)i;
            fr->chg_mhz[fr->nchg++] = mhz[i];
        }
    }
    memcpy(prev, mhz, fr->ninstr * sizeof *mhz);
    fr->chg_off[fr->npoints] = fr->nchg;
    fr->pts[fr->npoints++] = *pt;
    return PP_OK;
}

void pp_frontier_plan_at(const struct pp_frontier *fr, size_t p, int *mhz)
{
    memcpy(mhz, fr->base_mhz, fr->ninstr * sizeof *mhz);
    size_t end = fr->chg_off[p];
    for (size_t k = 0; k < end; k++)
        mhz[fr->chg_idx[k]] = fr->chg_mhz[k];
}

long pp_frontier_lookup(const struct pp_frontier *fr, double deadline)
{
    long best = -1;
    for (size_t p = 0; p < fr->npoints; p++) {
        const struct pp_point *pt = &fr->pts[p];
        if (pt->time > deadline * (1 + 1e-12))
            continue;
        if (best < 0 || pt->energy < fr->pts[best].energy)
            best = (long)p;
    }
    return best;
}

size_t pp_frontier_fastest(const struct pp_frontier *fr)
{
    size_t best = 0;
    for (size_t p = 1; p < fr->npoints; p++)
        if (fr->pts[p].time < fr->pts[best].time ||
            (fr->pts[p].time == fr->pts[best].time &&
             fr->pts[p].energy < fr->pts[best].energy))
            best = p;
    return best;
}

size_t pp_frontier_min_energy(const struct pp_frontier *fr)
{
    size_t best = 0;
    for (size_t p = 1; p < fr->npoints; p++)
        if (fr->pts[p].energy < fr->pts[best].energy)
            best = p;
    return best;
}

/*
 * Realized time and energy of plan MHZ from measured values, with the same
 * arithmetic, in the same order, as pp_eval, so that `eval` of an emitted
 * plan prints the very same numbers.  Scratch from RC.
 */
static void realized(const struct solver *S, struct rctx *rc, const int *mhz,
                     struct pp_point *pt)
{
    double ec = 0.0;
    for (int g = 0; g < S->ngpus; g++)
        rc->busy[g] = 0.0;
    for (size_t i = 0; i < S->n; i++) {
        const struct pp_option *o = pp_opset_find(S->opset[i], mhz[i]);
        rc->rt[i] = o->time;
        ec += o->energy;
        rc->busy[S->dag->ins[i].gpu] += o->time;
    }
    double T = pp_longest_path(S->dag, rc->rt, rc->rstart);
    double idle = 0.0;
    for (int g = 0; g < S->ngpus; g++)
        idle += T - rc->busy[g];
    pt->time = T;
    pt->e_compute = ec;
    pt->e_blocking = S->opts->energy.gpus_per_stage *
                     S->opts->energy.blocking_power * idle;
    pt->energy = pt->e_compute + pt->e_blocking;
}

/* ---------------------------------------------------------------------- */
/* The lowtime model: one tau per step, exactly as the reference          */

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

static void lt_caps(const struct solver *S, size_t i, int64_t *lb, int64_t *ub)
{
    const struct pp_ltspec *sp = S->spec[i];
    long d = (long)S->d[i];
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

static int lt_point(struct solver *S, struct pp_frontier *fr)
{
    struct pp_point pt;
    double cost = 0.0, tau = S->opts->unit_time;
    for (size_t i = 0; i < S->n; i++) {
        cost += pp_ltspec_cost(S->spec[i], (long)S->d[i]);
        S->rc[0].mhz[i] = pp_ltspec_knob(S->spec[i], (long)S->d[i]);
    }
    pt.time_model = (double)S->T * tau;
    pt.energy_model = cost + S->ngpus * S->kpb * pt.time_model;
    realized(S, &S->rc[0], S->rc[0].mhz, &pt);
    return add_point(fr, &pt, S->rc[0].mhz, S->prev_mhz);
}

static int lt_run(struct solver *S, struct pp_frontier *fr,
                  struct pp_error *err)
{
    int rc;
    size_t expected;
    for (size_t i = 0; i < S->n; i++)
        S->d[i] = S->spec[i]->min_dur;
    schedule(S);
    int64_t tmin = S->T;
    for (size_t i = 0; i < S->n; i++)
        S->d[i] = S->spec[i]->max_dur;
    schedule(S);
    expected = (size_t)(S->T - tmin + 1);
    int64_t dummy_ub = lt_units(10000.0);
    for (;;) {
        const char *why = NULL;
        int64_t value;
        rc = cut(S, lt_caps, dummy_ub, S->opts->residual_threshold, &value,
                 &why, err);
        if (rc < 0)
            return rc;
        fr->steps++;
        if (rc == 1) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason, "%s", why);
            break;
        }
        double change = 0.0;
        const char *stop = NULL;
        for (size_t k = 0; k < S->nspeed && !stop; k++) {
            size_t i = (size_t)S->speed[k];
            const struct pp_ltspec *sp = S->spec[i];
            long d = (long)S->d[i];
            if (d - 1 < sp->min_dur)
                stop = "an instruction on the cut is at its fastest";
            else
                change += fabs(pp_ltspec_cost(sp, d - 1) -
                               pp_ltspec_cost(sp, d));
        }
        for (size_t k = 0; k < S->nslow && !stop; k++) {
            size_t i = (size_t)S->slow[k];
            const struct pp_ltspec *sp = S->spec[i];
            long d = (long)S->d[i];
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
        for (size_t k = 0; k < S->nspeed; k++)
            S->d[S->speed[k]]--;
        for (size_t k = 0; k < S->nslow; k++)
            S->d[S->slow[k]]++;
        schedule(S);
        if ((rc = lt_point(S, fr)))
            return pp_error_nomem(err);
        if (S->opts->progress)
            S->opts->progress(S->opts->progress_ctx, fr->steps, expected);
    }
    return PP_OK;
}

/* ---------------------------------------------------------------------- */
/* The exact model: piecewise-linear hulls, steps between breakpoints     */

#define EX_SCALE 1e15 /* capacity units per J/ns (1e-6 J/s) */

static int64_t slope_units(const struct pp_pwl *p, size_t k)
{
    double s = (p->c[k] - p->c[k + 1]) / (p->t[k + 1] - p->t[k]);
    double u = llround(s * EX_SCALE);
    if (u < 0)
        u = 0;
    if (u > (double)(PP_FLOW_INF / 4))
        u = (double)(PP_FLOW_INF / 4);
    return (int64_t)u;
}

/* Slope units of every segment of P (n - 1 entries), computed once. */
static int64_t *slope_table(const struct pp_pwl *p)
{
    int64_t *su = malloc((p->n ? p->n : 1) * sizeof *su);
    if (su)
        for (size_t k = 0; k + 1 < p->n; k++)
            su[k] = slope_units(p, k);
    return su;
}

static void ex_caps(const struct solver *S, size_t i, int64_t *lb, int64_t *ub)
{
    const struct pp_pwl *p = S->pwl[i];
    const int64_t *su = S->slope[i];
    size_t k = (size_t)S->seg[i];
    int64_t d = S->d[i];
    if ((double)d == p->t[k]) {
        *ub = k == 0 ? PP_FLOW_INF : su[k - 1];
        *lb = k + 1 == p->n ? 0 : su[k];
    } else {
        *lb = *ub = su[k];
    }
    if (*lb > *ub)
        *lb = *ub;
}

static double ex_cost(const struct pp_pwl *p, size_t k, int64_t d)
{
    if (k + 1 >= p->n || (double)d == p->t[k])
        return p->c[k];
    double f = ((double)d - p->t[k]) / (p->t[k + 1] - p->t[k]);
    return p->c[k] + f * (p->c[k + 1] - p->c[k]);
}

/*
 * The exact model keeps a schedule of its own instead of recomputing
 * floats: start/finish times pi of every AOA vertex with span T, held as
 * each arc's slack pi(v) - pi(u) - length (instruction arcs have slack 0
 * unless an instruction at its slowest idles).  Arcs with zero slack are
 * the network's arcs (S->crit).  Every source-sink path of them has length
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
static void ex_slack_init(struct solver *S)
{
    for (size_t k = 0; k < S->narcs; k++) {
        const struct arc *a = &S->arcs[k];
        int64_t sl = 0;
        if (a->instr < 0) {
            int64_t from = a->a < 0 ? 0 : S->es[a->a] + S->d[a->a];
            int64_t to = a->b < 0 ? S->T : S->es[a->b];
            sl = to - from;
        }
        S->slack[k] = sl;
        set_crit(S, k, sl == 0);
    }
}

#define NOX ((size_t)-1)

/* Arc k crosses the cut iff its ends are on different sides: keep
 * S->cross so. */
static void recross(struct solver *S, size_t k)
{
    int cr = S->side[S->arcs[k].u] != S->side[S->arcs[k].v];
    size_t at = S->xpos[k];
    if (cr && at == NOX) {
        S->xpos[k] = S->ncross;
        S->cross[S->ncross++] = k;
    } else if (!cr && at != NOX) {
        size_t last = S->cross[--S->ncross];
        S->cross[at] = last;
        S->xpos[last] = at;
        S->xpos[k] = NOX;
    }
}

/*
 * The exact model's cut: cut() for a kept cut.  The flow network finds the
 * new cut incrementally (pp_flownet_recut) and lists the vertices that
 * changed side; only their arcs can start or stop crossing, so S->cross is
 * kept rather than found by a scan of every arc.  O(what changed + arcs
 * crossing the cut), except when the network computes the cut afresh.
 */
static int ex_cut(struct solver *S, int64_t *value, const char **why,
                  struct pp_error *err)
{
    int nv = (int)(2 * S->n + 2);
    const int *chg = NULL;
    long nchg = -1;
    int rc;
    if ((rc = net_update(S, ex_caps, PP_FLOW_INF, err)))
        return rc;
    if (S->opts->flow_backend)
        rc = pp_flownet_mincut(S->net, nv - 2, nv - 1, 0, PP_FLOW_IGRAPH,
                               S->side, value, err);
    else
        rc = pp_flownet_recut(S->net, nv - 2, nv - 1, S->side, value, &chg,
                              &nchg, err);
    if ((rc = cut_stop(rc, *value, why)))
        return rc;
    if (nchg < 0 || nchg > nv / 2) { /* a scan in order is cheaper */
        for (size_t k = 0; k < S->narcs; k++)
            recross(S, k);
    } else {
        for (long q = 0; q < nchg; q++) {
            int v = chg[q];
            if (v >= nv - 2)
                continue;
            for (size_t e = S->vinc_off[v]; e < S->vinc_off[v + 1]; e++)
                recross(S, (size_t)S->vinc[e]);
        }
    }
    S->nspeed = S->nslow = 0;
    for (size_t q = 0; q < S->ncross; q++)
        if (on_cut(S, S->cross[q], why))
            return 1;
    if (S->nspeed == 0) {
        *why = "nothing left to speed up";
        return 1;
    }
    return 0;
}

/*
 * One step on the cut of ex_cut() (S->side, S->speed / S->slow and the arcs
 * crossing it in S->cross): the largest delta for which every
 * piecewise-linear cost keeps its slope and the schedule stays feasible;
 * updates the slacks and criticality of the crossing arcs (the caller
 * moves the instructions).  Returns delta (> 0 unless something is
 * inconsistent).  O(instructions on the cut + arcs crossing it).
 */
static int64_t ex_step(struct solver *S)
{
    int64_t delta = INT64_MAX;
    for (size_t k = 0; k < S->nspeed; k++) {
        size_t i = (size_t)S->speed[k];
        const struct pp_pwl *p = S->pwl[i];
        size_t sg = (size_t)S->seg[i];
        int64_t room = 0;
        if ((double)S->d[i] != p->t[sg])
            room = S->d[i] - (int64_t)p->t[sg];
        else if (sg > 0)
            room = S->d[i] - (int64_t)p->t[sg - 1];
        if (room < delta)
            delta = room;
        S->rate[i] = 1;
    }
    /* A backward cut arc already at its slowest saves nothing: it idles
     * (its slack grows) instead. */
    size_t keep = 0;
    for (size_t k = 0; k < S->nslow; k++) {
        size_t i = (size_t)S->slow[k];
        if ((size_t)S->seg[i] + 1 < S->pwl[i]->n)
            S->slow[keep++] = (int32_t)i;
    }
    S->nslow = keep;
    for (size_t k = 0; k < S->nslow; k++) {
        size_t i = (size_t)S->slow[k];
        int64_t room = (int64_t)S->pwl[i]->t[S->seg[i] + 1] - S->d[i];
        if (room < delta)
            delta = room;
        S->rate[i] = -1;
    }
    /* moved instructions stay tight: skip them */
    for (size_t q = 0; q < S->ncross; q++) {
        size_t k = S->cross[q];
        const struct arc *a = &S->arcs[k];
        if ((a->instr < 0 || !S->rate[a->instr]) && S->side[a->u] &&
            S->slack[k] < delta)
            delta = S->slack[k];
    }
    for (size_t q = 0; q < S->ncross; q++) {
        size_t k = S->cross[q];
        const struct arc *a = &S->arcs[k];
        if (a->instr >= 0 && S->rate[a->instr])
            continue;
        S->slack[k] += S->side[a->u] ? -delta : delta;
        set_crit(S, k, S->slack[k] == 0);
    }
    for (size_t k = 0; k < S->nspeed; k++)
        S->rate[S->speed[k]] = 0;
    for (size_t k = 0; k < S->nslow; k++)
        S->rate[S->slow[k]] = 0;
    return delta;
}

static void move(struct solver *S, size_t i, int64_t nd)
{
    const struct pp_pwl *p = S->pwl[i];
    size_t k = (size_t)S->seg[i];
    S->d[i] = nd;
    while (k > 0 && (double)nd < p->t[k])
        k--;
    while (k + 1 < p->n && (double)nd >= p->t[k + 1])
        k++;
    S->seg[i] = (int32_t)k;
}

/*
 * A plan for the current durations that meets DEADLINE: the cheapest of
 * five roundings, each finished by pp_realize (realize.h):
 *   (a) each instruction at the cheapest option no slower than its
 *       duration;
 *   (b) the same, but a first round moves no instruction past the slower
 *       end of its hull segment, so one instruction cannot swallow the
 *       slack a whole chain shares the way the relaxation spread it;
 *   (c) each at the faster end of its hull segment (a measured point),
 *       which leaves more slack for whole-segment jumps where the measured
 *       points between hull vertices are poor;
 *   (d) (c), then instructions jump to the slower end of their segment in
 *       order of how far along it the relaxation put them;
 *   (e) (c), then a dithered set jumps first: instruction i, a fraction f
 *       along its segment, jumps iff floor((k + 1) f + 1/4) > floor(k f +
 *       1/4) for k its kind depth -- so along every chain of one kind a
 *       fraction f jumps, spread evenly, and instructions the same depth
 *       apart on different GPUs (which run side by side) decide alike.
 *       The relaxation spreads a steady-state backward pass evenly between
 *       two hull vertices 20 ms apart; rounding each chain on its own
 *       makes the slow ones of different GPUs meet on one path, and the
 *       plan misses the deadline or pays to catch up.  A MILP solved for
 *       GPT-3 A40 8 x 48 showed this pattern in the discrete optimum.
 * None wins everywhere: on the shared profiles (a) is better on BLOOM A40,
 * (c) on GPT-3 A40, (d) brings the LP gap of BLOOM A40 8 x 48 at one
 * certify deadline from 1.02% to 0.77%, and (e) that of GPT-3 A40 8 x 48
 * from 1.46% to 0.69%.  (c), (d) and (e) are skipped when every
 * instruction sits on a vertex.
 */
static void ex_realize(const struct solver *S, struct rctx *rc,
                       const int64_t *d, const int32_t *seg, double deadline,
                       int *mhz)
{
    int32_t *best = rc->ci[0], *capped = rc->ci[1], *vertex = rc->ci[2],
            *lp = rc->ci[3], *dith = rc->ci[4];
    double *cap = rc->cap, *frac = rc->frac;
    int differ = 0;
    for (size_t i = 0; i < S->n; i++) {
        const struct pp_stair *st = S->stair[i];
        const struct pp_pwl *p = S->pwl[i];
        size_t sg = (size_t)seg[i];
        int at_vertex = (double)d[i] == p->t[sg] || sg + 1 >= p->n;
        double up = at_vertex ? p->t[sg] : p->t[sg + 1];
        best[i] = capped[i] = (int32_t)pp_stair_at(st, (double)d[i] * 1e-9);
        vertex[i] = lp[i] = dith[i] =
            (int32_t)pp_stair_at(st, p->t[sg] * 1e-9);
        rc->target[i] = (int32_t)pp_stair_at(st, up * 1e-9);
        cap[i] = up * 1e-9;
        frac[i] = at_vertex ? 0.0
                            : ((double)d[i] - p->t[sg]) / (up - p->t[sg]);
        double k = S->depth[i];
        rc->dither[i] = floor((k + 1) * frac[i] + 0.25) >
                       floor(k * frac[i] + 0.25);
        differ |= vertex[i] != best[i];
    }
    const struct pp_realize_hint hcap = {cap, NULL, NULL},
                                 hlp = {NULL, rc->target, frac},
                                 hdith = {NULL, rc->target, rc->dither};
    const struct {
        int32_t *ci;
        const struct pp_realize_hint *hint;
    } cand[5] = {{best, NULL}, {capped, &hcap}, {vertex, NULL}, {lp, &hlp},
                 {dith, &hdith}};
    int32_t *win = NULL;
    double e = INFINITY;
    for (int c = 0; c < (differ ? 5 : 2); c++) {
        double ec = pp_realize(&rc->real, cand[c].ci, deadline, cand[c].hint);
        if (!win || ec < e) {
            win = cand[c].ci;
            e = ec;
        }
    }
    for (size_t i = 0; i < S->n; i++)
        mhz[i] = S->stair[i]->opt[win[i]]->mhz;
}

/* Realize a job of the realization queue on worker W: the plan and its
 * realized time and energy. */
static int ex_realize_job(void *ctx, int w, const int64_t *d,
                          const int32_t *seg, struct pp_point *pt, int *mhz)
{
    struct solver *S = ctx;
    struct rctx *rc = &S->rc[w];
    ex_realize(S, rc, d, seg, pt->time_model, mhz);
    realized(S, rc, mhz, pt);
    return PP_OK;
}

/* The queue's commit: the frontier point, in submission order. */
static int ex_commit(void *ctx, const struct pp_point *pt, const int *mhz)
{
    struct solver *S = ctx;
    return add_point(S->fr, pt, mhz, S->prev_mhz);
}

/* The model's energy of the instructions at their current durations. */
static double instr_energy(const struct solver *S)
{
    double cost = 0.0;
    for (size_t i = 0; i < S->n; i++)
        cost += ex_cost(S->pwl[i], (size_t)S->seg[i], S->d[i]);
    return cost;
}

/* The model's energy at iteration time T (ns), the instructions' being
 * COST. */
static double model_energy(const struct solver *S, double cost, int64_t T)
{
    return cost + S->ngpus * S->kpb * ((double)T * 1e-9);
}

/* A frontier point for the current durations at iteration time T (ns):
 * the model's values now, the plan and realized values by the queue;
 * returns the instructions' energy in *cost. */
static int ex_point_at(struct solver *S, int64_t T, double *cost)
{
    struct pp_point pt = {0};
    *cost = instr_energy(S);
    pt.time_model = (double)T * 1e-9;
    pt.energy_model = model_energy(S, *cost, T);
    return pp_realq_submit(S->rq, S->d, S->seg, &pt);
}

/* A point at the current state; the kept energy is summed afresh. */
static int ex_point(struct solver *S)
{
    return ex_point_at(S, S->T, &S->ecost);
}

/* The q-th instruction a step of delta moves (those sped up, then those
 * slowed down, q < nspeed + nslow); *dd gets its change of duration. */
static size_t ex_moved(const struct solver *S, size_t q, int64_t delta,
                       int64_t *dd)
{
    if (q < S->nspeed) {
        *dd = -delta;
        return (size_t)S->speed[q];
    }
    *dd = delta;
    return (size_t)S->slow[q - S->nspeed];
}

/* Durations of the instructions the last step moved by delta: back to
 * before it (back = 1), or as after it (back = 0, from S->dnew). */
static void ex_undo(struct solver *S, int64_t delta, int back)
{
    for (size_t q = 0; q < S->nspeed + S->nslow; q++) {
        int64_t dd;
        size_t i = ex_moved(S, q, delta, &dd);
        move(S, i, back ? S->dnew[i] - dd : S->dnew[i]);
    }
}

/*
 * Between two breakpoints the relaxation is linear: the optimum at an
 * intermediate time is the interpolation of the two end solutions (the
 * makespan is convex in the durations, so the interpolated schedule meets
 * the interpolated time).  Realize a point every `resolution` seconds so a
 * deadline anywhere on the frontier finds a plan close below it.
 */
static int ex_between(struct solver *S, int64_t delta, int64_t Tprev)
{
    double res = S->res, cost;
    int64_t gap = Tprev - S->T;
    int64_t k = (int64_t)((double)gap * 1e-9 / res);
    if (k < 2)
        return PP_OK;
    if (k > 100000)
        k = 100000;
    int rc = PP_OK;
    for (int64_t j = 1; j < k && !rc; j++) {
        for (size_t q = 0; q < S->nspeed + S->nslow; q++) {
            int64_t dd;
            size_t i = ex_moved(S, q, delta, &dd);
            int64_t b = S->dnew[i], a = b - dd;
            move(S, i, a + (int64_t)floor((double)(b - a) * (double)j /
                                          (double)k));
        }
        rc = ex_point_at(S, Tprev - (int64_t)((double)gap * (double)j /
                                                   (double)k), &cost);
    }
    ex_undo(S, delta, 0);
    return rc;
}

static int ex_run(struct solver *S, struct pp_frontier *fr,
                  struct pp_error *err)
{
    int rc;
    for (size_t i = 0; i < S->n; i++) {
        const struct pp_pwl *p = S->pwl[i];
        S->seg[i] = (int32_t)(p->n - 1);
        S->d[i] = (int64_t)p->t[p->n - 1];
    }
    forward(S); /* starts and T: the first schedule the steps keep */
    ex_slack_init(S);
    S->ncross = 0;
    for (size_t k = 0; k < S->narcs; k++)
        S->xpos[k] = NOX;
    if ((rc = ex_point(S)))
        return pp_error_nomem(err);
    /* default: 1e-4 of the slowest iteration time */
    S->res = S->opts->resolution > 0 ? S->opts->resolution
                                     : (double)S->T * 1e-9 * 1e-4;
    double res = S->res;
    int64_t res_ns = (int64_t)(res * 1e9), Tlast = S->T;
    double e_last = model_energy(S, S->ecost, S->T), e_pending = INFINITY;
    int pending = 0;
    for (;;) {
        const char *why = NULL;
        int64_t value;
        rc = ex_cut(S, &value, &why, err);
        if (rc < 0)
            return rc;
        fr->steps++;
        if (rc == 1) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason, "%s", why);
            break;
        }
        int64_t Tprev = S->T;
        int64_t delta = ex_step(S);
        if (delta <= 0 || delta == INT64_MAX) {
            snprintf(fr->stop_reason, sizeof fr->stop_reason,
                     "no progress (numerical tie); stopping");
            break;
        }
        double dcost = 0.0;
        for (size_t q = 0; q < S->nspeed + S->nslow; q++) {
            int64_t dd;
            size_t i = ex_moved(S, q, delta, &dd);
            dcost -= ex_cost(S->pwl[i], (size_t)S->seg[i], S->d[i]);
            S->dnew[i] = S->d[i] + dd;
            move(S, i, S->dnew[i]);
            dcost += ex_cost(S->pwl[i], (size_t)S->seg[i], S->d[i]);
        }
        S->ecost += dcost;
        S->T -= delta;
        /* Realize a plan at most every `resolution` of iteration time:
         * where breakpoints are denser than that, the points in between
         * add nothing a deadline lookup could use -- except the minimum of
         * the model's energy (T*), which is realized when it is passed. */
        double e_now = model_energy(S, S->ecost, S->T), cost;
        if (pending && e_now > e_pending && e_pending < e_last) {
            ex_undo(S, delta, 1);
            rc = ex_point_at(S, Tprev, &cost);
            ex_undo(S, delta, 0);
            if (rc)
                return pp_error_nomem(err);
            Tlast = Tprev;
            e_last = e_pending;
            pending = 0;
        }
        if (Tlast - S->T < res_ns) {
            pending = 1;
            e_pending = e_now;
        } else {
            if ((rc = ex_between(S, delta, Tprev)) ||
                (rc = ex_point(S)))
                return pp_error_nomem(err);
            Tlast = S->T;
            e_last = model_energy(S, S->ecost, S->T);
            pending = 0;
        }
        if (S->opts->progress)
            S->opts->progress(S->opts->progress_ctx, fr->steps, 0);
    }
    if (pending && (rc = ex_point(S)))
        return pp_error_nomem(err);
    return PP_OK;
}

/*
 * Keep only Pareto-optimal realized points: drop a point if another is no
 * slower and uses less energy (or is as good and faster, or equal and
 * earlier).  Plans are re-encoded as changes between kept points.
 * O(P log P + P n).
 */
struct tei {
    double time, energy;
    size_t idx;
};

static int by_tei(const void *a, const void *b)
{
    const struct tei *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    if (x->energy != y->energy)
        return x->energy < y->energy ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int prune_dominated(struct pp_frontier *fr)
{
    size_t np = fr->npoints, n = fr->ninstr;
    struct tei *ord = malloc(np * sizeof *ord);
    unsigned char *keep = calloc(np, 1);
    int *cur = malloc(n * sizeof *cur), *last = malloc(n * sizeof *last);
    struct pp_frontier nf = *fr;
    int rc = PP_ENOMEM;
    nf.pts = NULL;
    nf.base_mhz = NULL;
    nf.chg_off = NULL;
    nf.chg_idx = NULL;
    nf.chg_mhz = NULL;
    if (!ord || !keep || !cur || !last)
        goto out;
    for (size_t p = 0; p < np; p++)
        ord[p] = (struct tei){fr->pts[p].time, fr->pts[p].energy, p};
    qsort(ord, np, sizeof *ord, by_tei);
    double best = INFINITY;
    for (size_t k = 0; k < np; k++)
        if (ord[k].energy < best) {
            best = ord[k].energy;
            keep[ord[k].idx] = 1;
        }
    nf.npoints = nf.nchg = nf.cap_chg = nf.cap_pts = 0;
    nf.base_mhz = malloc(n * sizeof *nf.base_mhz);
    if (!nf.base_mhz)
        goto out;
    for (size_t p = 0; p < np; p++) {
        if (p == 0) {
            memcpy(cur, fr->base_mhz, n * sizeof *cur);
        } else {
            for (size_t k = fr->chg_off[p - 1]; k < fr->chg_off[p]; k++)
                cur[fr->chg_idx[k]] = fr->chg_mhz[k];
        }
        if (keep[p] && add_point(&nf, &fr->pts[p], cur, last))
            goto out;
    }
    free(fr->pts);
    free(fr->base_mhz);
    free(fr->chg_off);
    free(fr->chg_idx);
    free(fr->chg_mhz);
    *fr = nf;
    memset(&nf, 0, sizeof nf);
    rc = PP_OK;
out:
    free(nf.pts);
    free(nf.base_mhz);
    free(nf.chg_off);
    free(nf.chg_idx);
    free(nf.chg_mhz);
    free(ord);
    free(keep);
    free(cur);
    free(last);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Set-up                                                                 */

/* Hull in ns: times rounded up, so planned durations bound real times. */
static int hull_ns(struct pp_pwl *out, const struct pp_opset *set,
                   const struct pp_energy *en, struct pp_error *err)
{
    int rc = pp_pwl_hull(out, set, en, err);
    if (rc)
        return rc;
    size_t m = 0;
    for (size_t k = 0; k < out->n; k++) {
        double t = ceil(out->t[k] * 1e9 - 1e-6);
        if (m > 0 && t <= out->t[m - 1])
            continue; /* same ns as the faster vertex: keep the faster */
        out->t[m] = t;
        out->c[m] = out->c[k];
        out->mhz[m] = out->mhz[k];
        m++;
    }
    out->n = m;
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

static void rctx_free(struct rctx *rc)
{
    pp_realizer_free(&rc->real);
    for (int k = 0; k < 5; k++)
        free(rc->ci[k]);
    free(rc->target);
    free(rc->cap);
    free(rc->frac);
    free(rc->dither);
    free(rc->mhz);
    free(rc->rt);
    free(rc->rstart);
    free(rc->busy);
}

/* Scratch for realizing plans of S (rounding too in the exact model). */
static int rctx_init(const struct solver *S, struct rctx *rc)
{
    size_t nn = S->n ? S->n : 1;
    memset(rc, 0, sizeof *rc);
    rc->mhz = malloc(nn * sizeof *rc->mhz);
    rc->rt = malloc(nn * sizeof *rc->rt);
    rc->rstart = malloc(nn * sizeof *rc->rstart);
    rc->busy = malloc(((size_t)S->ngpus + 1) * sizeof *rc->busy);
    if (!rc->mhz || !rc->rt || !rc->rstart || !rc->busy)
        return PP_ENOMEM;
    if (S->opts->model == PP_MODEL_LOWTIME)
        return PP_OK;
    for (int k = 0; k < 5; k++)
        if (!(rc->ci[k] = malloc(nn * sizeof *rc->ci[k])))
            return PP_ENOMEM;
    rc->target = malloc(nn * sizeof *rc->target);
    rc->cap = malloc(nn * sizeof *rc->cap);
    rc->frac = malloc(nn * sizeof *rc->frac);
    rc->dither = malloc(nn * sizeof *rc->dither);
    if (!rc->target || !rc->cap || !rc->frac || !rc->dither)
        return PP_ENOMEM;
    return pp_realizer_init(&rc->real, S->dag,
                            (const struct pp_stair *const *)S->stair,
                            S->kpb);
}

static void solver_free(struct solver *S)
{
    size_t nsets = (size_t)S->prof->nstages * (size_t)S->prof->nkinds;
    if (S->specs)
        for (size_t k = 0; k < nsets; k++)
            pp_ltspec_clear(&S->specs[k]);
    if (S->pwls)
        for (size_t k = 0; k < nsets; k++)
            pp_pwl_clear(&S->pwls[k]);
    free(S->specs);
    free(S->spec);
    if (S->stairs)
        for (size_t k = 0; k < nsets; k++)
            pp_stair_clear(&S->stairs[k]);
    free(S->stairs);
    free(S->stair);
    free(S->pwls);
    free(S->pwl);
    if (S->slopes)
        for (size_t k = 0; k < nsets; k++)
            free(S->slopes[k]);
    free(S->slopes);
    free(S->slope);
    free(S->arcs);
    free(S->opset);
    free(S->d);
    free(S->xpos);
    free(S->vinc_off);
    free(S->vinc);
    free(S->dnew);
    free(S->es);
    free(S->lf);
    pp_flownet_free(S->net);
    free(S->side);
    free(S->crit);
    free(S->dbase);
    free(S->flip);
    free(S->flipped);
    free(S->speed);
    free(S->slow);
    free(S->seg);
    free(S->rate);
    free(S->slack);
    free(S->cross);
    free(S->prev_mhz);
    free(S->depth);
    for (int w = 0; w < S->nrc; w++)
        rctx_free(&S->rc[w]);
    free(S->kindmap);
}

static int solver_init(struct solver *S, struct pp_error *err)
{
    const struct pp_dag *g = S->dag;
    const struct pp_profile *P = S->prof;
    size_t n = g->n, nn = n ? n : 1;
    size_t nsets = (size_t)P->nstages * (size_t)P->nkinds;
    int rc;

    S->n = n;
    S->ngpus = g->ngpus;
    S->kpb = S->opts->energy.gpus_per_stage * S->opts->energy.blocking_power;
    S->kindmap = malloc((g->nkinds ? g->nkinds : 1) * sizeof *S->kindmap);
    if (!S->kindmap)
        return pp_error_nomem(err);
    if ((rc = pp_bind_profile(g, P, S->kindmap, err)))
        return rc;
    if ((rc = build_arcs(S)))
        return pp_error_nomem(err);
    S->opset = malloc(nn * sizeof *S->opset);
    S->d = malloc(nn * sizeof *S->d);
    S->xpos = malloc(S->narcs * sizeof *S->xpos);
    S->vinc_off = calloc(2 * nn + 1, sizeof *S->vinc_off);
    S->vinc = malloc(2 * S->narcs * sizeof *S->vinc);
    S->dnew = malloc(nn * sizeof *S->dnew);
    S->es = malloc(nn * sizeof *S->es);
    S->lf = malloc(nn * sizeof *S->lf);
    S->side = malloc(2 * nn + 2);
    S->speed = malloc(nn * sizeof *S->speed);
    S->slow = malloc(nn * sizeof *S->slow);
    S->seg = malloc(nn * sizeof *S->seg);
    S->rate = calloc(nn, sizeof *S->rate);
    S->slack = malloc(S->narcs * sizeof *S->slack);
    S->cross = malloc(S->narcs * sizeof *S->cross);
    S->prev_mhz = malloc(nn * sizeof *S->prev_mhz);
    S->depth = malloc(nn * sizeof *S->depth);
    if (!S->opset || !S->d || !S->xpos || !S->vinc_off || !S->vinc ||
        !S->dnew || !S->es || !S->lf ||
        !S->side || !S->speed || !S->slow || !S->seg || !S->rate ||
        !S->slack || !S->cross || !S->prev_mhz || !S->depth ||
        pp_flownet_new(&S->net))
        return pp_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        S->opset[i] = pp_profile_ops(P, g->ins[i].stage,
                                     S->kindmap[g->ins[i].kind]);
    incidence(S);

    /* per (stage, kind) models, built only for pairs the schedule uses */
    unsigned char *used = calloc(nsets ? nsets : 1, 1);
    if (!used)
        return pp_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        used[(size_t)g->ins[i].stage * P->nkinds + S->kindmap[g->ins[i].kind]] = 1;
    if (S->opts->model == PP_MODEL_LOWTIME) {
        S->specs = calloc(nsets, sizeof *S->specs);
        S->spec = malloc(nn * sizeof *S->spec);
        if (!S->specs || !S->spec) {
            free(used);
            return pp_error_nomem(err);
        }
        for (size_t k = 0; k < nsets && !rc; k++) {
            if (!used[k])
                continue;
            /* identical measurements (e.g. equal transformer stages) give
             * the identical fit: reuse it */
            size_t same = k;
            for (size_t q = 0; q < k && same == k; q++)
                if (used[q] && !S->opts->fit && same_opset(&P->sets[q], &P->sets[k]))
                    same = q;
            if (same != k) {
                rc = ltspec_copy(&S->specs[k], &S->specs[same], err);
                continue;
            }
            char label[128];
            snprintf(label, sizeof label, "stage %zu %s", k / P->nkinds,
                     P->kinds[k % P->nkinds]);
            const double *fit = NULL;
            if (S->opts->fit && !isnan(S->opts->fit[3 * k]))
                fit = &S->opts->fit[3 * k];
            rc = pp_ltspec_build(&S->specs[k], &P->sets[k],
                                 S->opts->unit_time, S->kpb,
                                 (enum pp_filter_order)S->opts->filter_order,
                                 fit, label, err);
        }
        for (size_t i = 0; i < n && !rc; i++)
            S->spec[i] = &S->specs[(size_t)g->ins[i].stage * P->nkinds +
                                   S->kindmap[g->ins[i].kind]];
    } else {
        S->pwls = calloc(nsets, sizeof *S->pwls);
        S->pwl = malloc(nn * sizeof *S->pwl);
        if (!S->pwls || !S->pwl) {
            free(used);
            return pp_error_nomem(err);
        }
        S->stairs = calloc(nsets, sizeof *S->stairs);
        S->stair = malloc(nn * sizeof *S->stair);
        S->slopes = calloc(nsets, sizeof *S->slopes);
        S->slope = malloc(nn * sizeof *S->slope);
        if (!S->stairs || !S->stair || !S->slopes || !S->slope) {
            free(used);
            return pp_error_nomem(err);
        }
        for (size_t k = 0; k < nsets && !rc; k++) {
            if (!used[k])
                continue;
            rc = hull_ns(&S->pwls[k], &P->sets[k], &S->opts->energy, err);
            if (!rc && (pp_stair_build(&S->stairs[k], &P->sets[k], S->kpb) ||
                        !(S->slopes[k] = slope_table(&S->pwls[k]))))
                rc = pp_error_nomem(err);
        }
        for (size_t i = 0; i < n && !rc; i++) {
            size_t k = (size_t)g->ins[i].stage * P->nkinds +
                       S->kindmap[g->ins[i].kind];
            S->pwl[i] = &S->pwls[k];
            S->stair[i] = &S->stairs[k];
            S->slope[i] = S->slopes[k];
        }
        if (!rc)
            pp_graph_kind_depth(g, S->depth, S->seg); /* seg: scratch */
    }
    free(used);
    if (rc)
        return rc;
    /* realization contexts: one per worker, at least one */
    int workers = S->opts->model == PP_MODEL_LOWTIME ? 0
                  : S->opts->threads >= 0 ? S->opts->threads
                                          : pp_realq_default_workers();
    S->nworkers = workers < PP_REALQ_MAX_WORKERS ? workers
                                                 : PP_REALQ_MAX_WORKERS;
    while (S->nrc < (S->nworkers > 0 ? S->nworkers : 1))
        if (rctx_init(S, &S->rc[S->nrc++])) /* counted: freed on failure */
            return pp_error_nomem(err);
    return PP_OK;
}

/*
 * Durations are int64 (ns, or time units); every start time is at most the
 * sum of all slowest durations.  Reject up front what that sum cannot hold.
 */
static int check_range(const struct solver *S, struct pp_error *err)
{
    double total = 0.0;
    for (size_t i = 0; i < S->n; i++)
        total += S->opts->model == PP_MODEL_LOWTIME
                     ? (double)S->spec[i]->max_dur
                     : S->pwl[i]->t[S->pwl[i]->n - 1];
    if (total < 4e18)
        return PP_OK;
    double unit = S->opts->model == PP_MODEL_LOWTIME ? S->opts->unit_time
                                                     : 1e-9;
    return pp_error_set(err, PP_ERANGE,
                        "the instructions' slowest times add up to %.3g s, "
                        "%.3g time units of %g s: more than the planner's "
                        "64-bit arithmetic holds (4e18 units)",
                        total * unit, total, unit);
}

int pp_frontier_solve(struct pp_frontier **out, const struct pp_dag *dag,
                      const struct pp_profile *prof,
                      const struct pp_solve_opts *opts, struct pp_error *err)
{
    struct solver S = {0};
    struct pp_frontier *fr = NULL;
    int rc;

    *out = NULL;
    S.dag = dag;
    S.prof = prof;
    S.opts = opts;
    if (dag->n == 0) {
        rc = pp_error_set(err, PP_EINPUT, "the schedule has no instructions");
        goto out;
    }
    if (dag->n > INT32_MAX / 4) {
        rc = pp_error_set(err, PP_ERANGE, "too many instructions (%zu)",
                          dag->n);
        goto out;
    }
    if ((rc = solver_init(&S, err)))
        goto out;
    if ((rc = check_range(&S, err)))
        goto out;
    fr = calloc(1, sizeof *fr);
    if (!fr || !(fr->base_mhz = malloc(dag->n * sizeof *fr->base_mhz))) {
        rc = pp_error_nomem(err);
        goto out;
    }
    fr->model = opts->model;
    fr->ninstr = dag->n;
    if (opts->model == PP_MODEL_LOWTIME) {
        rc = lt_run(&S, fr, err);
    } else {
        S.fr = fr;
        if (pp_realq_start(&S.rq, dag->n, S.nworkers,
                           ex_realize_job, ex_commit, &S)) {
            rc = pp_error_nomem(err);
            goto out;
        }
        rc = ex_run(&S, fr, err);
        int qrc = pp_realq_finish(S.rq);
        if (!rc && qrc)
            rc = pp_error_nomem(err);
    }
    if (rc)
        goto out;
    /* The reference's frontier is kept point for point; the exact model's
     * realized frontier keeps only what a deadline lookup could choose. */
    if (opts->model == PP_MODEL_EXACT && prune_dominated(fr)) {
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
    solver_free(&S);
    return rc;
}
