/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deadline.c - the project time-cost tradeoff LP at one deadline, through
 * its dual min-cost circulation (deadline.h).
 *
 * Fulkerson, "A network flow computation for project cost curves",
 * Management Science 7(2), 1961, doi:10.1287/mnsc.7.2.167, and Kelley,
 * "Critical-path planning and scheduling: mathematical basis", Operations
 * Research 9(3), 1961, doi:10.1287/opre.9.3.296, show that the LP
 *
 *     minimise sum_i c_i(d_i)  s.t.  tau(v_i) - tau(u_i) >= d_i,
 *              tau(u_b) >= tau(v_a) for a -> b,  tau(t) - tau(s) <= D
 *
 * (activity on arc: instruction i runs from event u_i to event v_i; s and t
 * start and end the iteration) has as dual a minimum-cost circulation.
 *
 * Network (node ids: s = 0, t = 1, u_i = 2 + 2i, v_i = 3 + 2i).  With
 * c_i's vertices t_0 < ... < t_K (ns) and slope magnitudes s_1 > ... > s_K
 * > 0 (s_{K+1} = 0), instruction i is the parallel arcs u_i -> v_i of cost
 * -t_k and capacity s_k - s_{k+1} (k = 1..K) plus one of cost -t_0 and
 * unbounded capacity; a flow f through i is cheapest when it fills the
 * slowest arcs first, and its cost is then -min_d (c_i(d) + f d) up to a
 * constant.  Precedence a -> b is the arc v_a -> u_b (cost 0), sources and
 * sinks hang off s and t, and the return arc t -> s costs D.  Optimal node
 * potentials pi (reduced costs cost + pi(u) - pi(v) >= 0 on residual arcs)
 * are event times tau = -pi of an optimal plan: d_i = tau(v_i) - tau(u_i)
 * clamped to the slowest vertex.  Costs are integers (ns); capacities are
 * slopes in integer units of 1e-9 W (1e18 per J/ns, less if the sums would
 * not fit in int64), so every flow is an exact integer and the potentials
 * are exact; the bound of deadline.h is then evaluated from the flow with
 * the real costs, so the units' rounding cannot make it invalid.
 *
 * Structure used:
 *   - floats.  With every instruction at its fastest, E_i (earliest start)
 *     and Q_i (longest path from i's start to the end) give the float
 *     F_i = D - E_i - Q_i; no feasible plan runs i longer than t_0 + F_i,
 *     which bounds the durations read from the potentials and the box of
 *     the dual bound.  The network keeps every segment all the same (an
 *     instruction's segments are one arc to mcf.c, so dropping some saves
 *     little), so that it is the same at every deadline but for the
 *     return arc's cost, and the solver's state carries over: each solve
 *     starts from the previous deadline's flow and potentials;
 *   - cost shift.  Costs are replaced by reduced costs with respect to the
 *     all-fastest earliest schedule (cost - tau0(u) + tau0(v)), which
 *     changes no cycle's cost but keeps magnitudes near instruction
 *     lengths instead of the iteration time: the cost-scaling solver
 *     multiplies costs by the number of nodes internally, and with raw ns
 *     costs that would overflow int64 at 64 x 1024.
 * E_i and Q_i do not depend on D and are computed once by pp_deadline_new.
 *
 * The flow problem is solved by mcf.c's cost scaling (mcf.h); LEMON's
 * network simplex and cost scaling (mcf_lemon.cc) stay selectable for the
 * tests and the bench.  Complexity: O(n + m + K) once to build the
 * network (m edges, K segments), O(n) per deadline to set it and recover
 * the plan, plus the circulation, O(N^2 M log(N C)) (N = 2n + 2 nodes, M = n + m + K +
 * sources + sinks + 1 arcs, C the largest cost; mcf.c on what it
 * measures).
 *
 * Repair.  With exact potentials the plan's longest path is at most
 * tau(t) - tau(s) <= D.  Should it ever exceed D (a solver that returned
 * inexact potentials), durations are pulled towards the fastest ones,
 * d_i <- t_0 + floor(lambda (d_i - t_0)) with lambda = (D - fastest) /
 * (T - fastest): every path's length is affine in lambda, so the longest
 * path is then at most D.  That costs optimality, which the tests would
 * see as a gap to the bound.
 */
#include "deadline.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"
#include "mcf.h"

/* Capacity units per J/ns: 1e-9 W. */
#define CAP_SCALE 1e18
/* The sum of all capacities stays below this. */
#define CAP_LIMIT 0x1p62
/* Coarsest capacity unit accepted: 1e-3 W. */
#define SCALE_MIN 1e12
/* Largest exact integer in a double: times must stay below it. */
#define TIME_LIMIT 0x1p53
/* Cost scaling multiplies costs by 16 x nodes; keep the product well
 * inside int64. */
#define COST_LIMIT 0x1p61
/* Relative slack of the convexity check (rounding in hull code). */
#define CONVEX_RTOL 1e-9

struct pp_deadline {
    const struct pp_dag *dag;
    const struct pp_pwl *const *costs;
    size_t n;
    size_t *order;   /* n: topological order */
    uint32_t *last;  /* n: index of the cheapest vertex (first of ties) */
    int64_t *t0;     /* n: fastest duration, ns */
    int64_t *es;     /* n: earliest start, all fastest */
    int64_t *q;      /* n: longest path from i's start to the end */
    int64_t fastest; /* longest path, all fastest */
    int64_t slowest; /* longest path, all at their cheapest vertex */
    int64_t *smax;   /* n: s_1 in capacity units (0 for one vertex) */
    double scale;    /* capacity units per J/ns */
    size_t nsrc, nsnk, maxarcs;
    int32_t nnodes;
    /* the network, built once; only the return arc's cost (the last arc)
     * changes with the deadline */
    size_t na;
    int64_t cmax;    /* largest |cost| but the return arc's */
    int32_t *tail, *head;
    int64_t *cap, *cost, *flow, *pot;
    size_t *arc0;    /* n + 1: instruction i's arcs are arc0[i]..arc0[i+1]-1 */
    int64_t *dcap;   /* n: slowest allowed duration at this deadline */
    enum pp_mcf_method method;
    struct pp_mcf *mcf; /* PP_MCF_SCALING's state, kept if warm */
    int warm;
};

void pp_deadline_set_method(struct pp_deadline *ds, enum pp_mcf_method m)
{
    ds->method = m;
}

void pp_deadline_set_warm(struct pp_deadline *ds, int warm)
{
    ds->warm = warm;
    if (!warm) {
        pp_mcf_free(ds->mcf);
        ds->mcf = NULL;
    }
}

static void label(const struct pp_dag *dag, size_t i, char *buf, size_t len)
{
    if (dag->ins && dag->kinds)
        pp_graph_label(dag, i, buf, len);
    else
        snprintf(buf, len, "instruction %zu", i);
}

/* Check cost P of instruction I; *LAST receives its cheapest vertex. */
static int check_cost(const struct pp_dag *dag, size_t i,
                      const struct pp_pwl *p, uint32_t *last,
                      struct pp_error *err)
{
    char who[160];

    label(dag, i, who, sizeof who);
    if (!p || p->n < 1 || !p->t || !p->c)
        return pp_error_set(err, PP_EINPUT, "%s: missing or empty cost", who);
    if (p->n > UINT32_MAX)
        return pp_error_set(err, PP_EINPUT, "%s: too many cost vertices", who);
    for (size_t k = 0; k < p->n; k++) {
        if (!isfinite(p->t[k]) || !isfinite(p->c[k]))
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost vertex %zu is not finite "
                                "(time %g ns, cost %g J)",
                                who, k, p->t[k], p->c[k]);
        if (p->t[k] < 0 || p->t[k] >= TIME_LIMIT || p->t[k] != floor(p->t[k]))
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost vertex %zu: time %.17g must be a "
                                "whole number of ns in [0, 2^53)",
                                who, k, p->t[k]);
        if (k > 0 && !(p->t[k] > p->t[k - 1]))
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost vertex times must be strictly "
                                "increasing (vertex %zu at %.0f ns, vertex "
                                "%zu at %.0f ns)",
                                who, k - 1, p->t[k - 1], k, p->t[k]);
    }
    size_t bad = pp_pwl_nonconvex(p, CONVEX_RTOL);
    if (bad)
        return pp_error_set(err, PP_EINPUT,
                            "%s: cost is not convex at vertex %zu "
                            "(%.0f ns, %g J)",
                            who, bad, p->t[bad], p->c[bad]);
    uint32_t best = 0;
    for (size_t k = 1; k < p->n; k++)
        if (p->c[k] < p->c[best])
            best = (uint32_t)k;
    *last = best;
    return PP_OK;
}

/* Slope magnitude of segment k-1 -> k of P, J/ns. */
static double slope(const struct pp_pwl *p, size_t k)
{
    return (p->c[k - 1] - p->c[k]) / (p->t[k] - p->t[k - 1]);
}

void pp_deadline_free(struct pp_deadline *ds)
{
    if (!ds)
        return;
    free(ds->order);
    free(ds->last);
    free(ds->t0);
    free(ds->es);
    free(ds->q);
    free(ds->smax);
    free(ds->tail);
    free(ds->head);
    free(ds->cap);
    free(ds->cost);
    free(ds->flow);
    free(ds->pot);
    free(ds->arc0);
    free(ds->dcap);
    pp_mcf_free(ds->mcf);
    free(ds);
}

int64_t pp_deadline_fastest(const struct pp_deadline *ds)
{
    return ds->fastest;
}

/*
 * The network (layout in the file header) into ds's buffers, the return
 * arc last with cost 0 (pp_deadline_solve sets it); sets ds->na.
 */
static void build(struct pp_deadline *ds)
{
    const struct pp_dag *dag = ds->dag;
    size_t n = ds->n, a = 0;
    int64_t inf = 1;

    for (size_t i = 0; i < n; i++)
        inf += 2 * ds->smax[i];
#define ARC(u, v, c, w)                                                     \
    do {                                                                    \
        ds->tail[a] = (u);                                                  \
        ds->head[a] = (v);                                                  \
        ds->cap[a] = (c);                                                   \
        ds->cost[a] = (w);                                                  \
        a++;                                                                \
    } while (0)
    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = ds->costs[i];
        int32_t u = (int32_t)(2 + 2 * i), v = u + 1;
        int64_t t0 = ds->t0[i];
        size_t last = ds->last[i];
        ds->arc0[i] = a;
        ARC(u, v, inf, 0); /* -t_0, shifted by tau0(v) - tau0(u) = t_0 */
        /* vertices 1..K; S_k = slope units of the segment ending at k */
        int64_t prev_s = -1, tk = t0;
        for (size_t k = 1; k <= last; k++) {
            int64_t s = (int64_t)llround(slope(p, k) * ds->scale);
            if (s < 0)
                s = 0;
            if (prev_s >= 0 && s > prev_s)
                s = prev_s; /* keep rounded slopes monotone */
            if (prev_s > s) /* vertex k-1's arc: S_{k-1} - S_k */
                ARC(u, v, prev_s - s, t0 - tk);
            prev_s = s;
            tk = (int64_t)p->t[k];
        }
        if (prev_s > 0)
            ARC(u, v, prev_s, t0 - tk);
    }
    ds->arc0[n] = a;
    for (size_t i = 0; i < n; i++) {
        int32_t v = (int32_t)(3 + 2 * i);
        int64_t fin = ds->es[i] + ds->t0[i];
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            size_t j = dag->succ[e];
            ARC(v, (int32_t)(2 + 2 * j), inf, ds->es[j] - fin);
        }
        if (dag->succ_off[i + 1] == dag->succ_off[i])
            ARC(v, 1, inf, ds->fastest - fin);
    }
    for (size_t i = 0; i < n; i++)
        if (ds->es[i] == 0)
            ARC(0, (int32_t)(2 + 2 * i), inf, 0);
    ARC(1, 0, inf, 0);
#undef ARC
    ds->na = a;
}

/* Longest path of DUR (ns) in topological order; START is scratch (n). */
static int64_t longest(const struct pp_deadline *ds, const int64_t *dur,
                       int64_t *start)
{
    const struct pp_dag *dag = ds->dag;
    int64_t T = 0;

    memset(start, 0, ds->n * sizeof *start);
    for (size_t h = 0; h < ds->n; h++) {
        size_t i = ds->order[h];
        int64_t f = start[i] + dur[i];
        if (f > T)
            T = f;
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++)
            if (start[dag->succ[e]] < f)
                start[dag->succ[e]] = f;
    }
    return T;
}

/* Earliest starts ES (forward, by longest) and longest remaining paths Q,
 * every instruction at its fastest, and the fastest iteration time. */
static void fastest_paths(struct pp_deadline *ds)
{
    const struct pp_dag *dag = ds->dag;
    ds->fastest = longest(ds, ds->t0, ds->es);
    for (size_t h = ds->n; h-- > 0;) {
        size_t i = ds->order[h];
        int64_t r = 0;
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++)
            if (ds->q[dag->succ[e]] > r)
                r = ds->q[dag->succ[e]];
        ds->q[i] = r + ds->t0[i];
    }
}

/*
 * Capacity units (ds->scale) and each instruction's steepest slope in
 * them (smax), for slopes adding up to SSUM J/ns.  The solver saturates
 * arcs wholesale and sums excesses in int64: every arc's capacity added
 * up must fit.  Unbounded arcs get R = 2 sum_i s_1(i) + 1 (no flow exceeds
 * the return arc's, and a larger R changes nothing), so (unbounded arcs +
 * 1) R < 2^62.
 */
static int capacities(struct pp_deadline *ds, double ssum,
                      struct pp_error *err)
{
    const struct pp_dag *dag = ds->dag;
    double ninf = (double)(ds->n + dag->nedges + ds->nsrc + ds->nsnk + 2);
    ds->scale = CAP_SCALE;
    if (ninf * (2.0 * ssum * ds->scale + 2.0) > CAP_LIMIT)
        ds->scale = (CAP_LIMIT / ninf - 2.0) / (2.0 * ssum);
    if (ds->scale < SCALE_MIN)
        return pp_error_set(err, PP_ERANGE,
                            "deadline: the instructions' cost slopes add up "
                            "to %.3g W, too much for the flow solver's int64 "
                            "capacities at %zu instructions",
                            ssum * 1e9, ds->n);
    for (size_t i = 0; i < ds->n; i++)
        ds->smax[i] = ds->last[i] > 0 ? (int64_t)llround(
                                            slope(ds->costs[i], 1) * ds->scale)
                                      : 0;
    return PP_OK;
}

int pp_deadline_new(struct pp_deadline **out, const struct pp_dag *dag,
                    const struct pp_pwl *const *costs, struct pp_error *err)
{
    struct pp_deadline *ds = NULL;
    int rc;
    size_t n;

    *out = NULL;
    if (!dag || !costs)
        return pp_error_set(err, PP_EINPUT, "deadline: missing argument");
    n = dag->n;
    if (n < 1)
        return pp_error_set(err, PP_EINPUT, "deadline: no instructions");
    if (n > ((size_t)INT32_MAX - 2) / 2)
        return pp_error_set(err, PP_ERANGE, "deadline: too many instructions");
    ds = calloc(1, sizeof *ds);
    if (!ds)
        return pp_error_nomem(err);
    ds->dag = dag;
    ds->costs = costs;
    ds->method = PP_MCF_SCALING;
    ds->warm = 1;
    ds->n = n;
    ds->nnodes = (int32_t)(2 * n + 2);
    ds->order = malloc(n * sizeof *ds->order);
    ds->last = malloc(n * sizeof *ds->last);
    ds->t0 = malloc(n * sizeof *ds->t0);
    ds->es = calloc(n, sizeof *ds->es);
    ds->q = calloc(n, sizeof *ds->q);
    ds->smax = malloc(n * sizeof *ds->smax);
    ds->arc0 = malloc((n + 1) * sizeof *ds->arc0);
    ds->dcap = malloc(n * sizeof *ds->dcap);
    ds->pot = malloc((size_t)ds->nnodes * sizeof *ds->pot);
    if (!ds->order || !ds->last || !ds->t0 || !ds->es || !ds->q ||
        !ds->smax || !ds->arc0 || !ds->dcap || !ds->pot) {
        rc = pp_error_nomem(err);
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        rc = check_cost(dag, i, costs[i], &ds->last[i], err);
        if (rc)
            goto fail;
        ds->t0[i] = (int64_t)costs[i]->t[0];
    }
    size_t *indeg = malloc(n * sizeof *indeg);
    rc = indeg ? pp_graph_order(dag, ds->order, indeg, err)
               : pp_error_nomem(err);
    free(indeg);
    if (rc)
        goto fail;

    /* The sum of slowest durations bounds every event time. */
    double tsum = 0, ssum = 0;
    size_t segs = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        tsum += p->t[ds->last[i]];
        if (ds->last[i] > 0)
            ssum += slope(p, 1);
        segs += ds->last[i];
    }
    if (tsum >= TIME_LIMIT) {
        rc = pp_error_set(err, PP_ERANGE,
                          "deadline: the instructions' slowest durations "
                          "add up to %.3g ns, beyond 2^53", tsum);
        goto fail;
    }

    fastest_paths(ds);

    /* Arc budget: every kept segment, the -t_0 arcs, the edges, source and
     * sink arcs, the return arc. */
    for (size_t i = 0; i < n; i++) {
        ds->nsrc += ds->es[i] == 0; /* sources, and any that start at 0 */
        ds->nsnk += dag->succ_off[i + 1] == dag->succ_off[i];
    }
    ds->maxarcs = segs + n + dag->nedges + ds->nsrc + ds->nsnk + 1;
    if ((rc = capacities(ds, ssum, err)))
        goto fail;
    ds->tail = malloc(ds->maxarcs * sizeof *ds->tail);
    ds->head = malloc(ds->maxarcs * sizeof *ds->head);
    ds->cap = malloc(ds->maxarcs * sizeof *ds->cap);
    ds->cost = malloc(ds->maxarcs * sizeof *ds->cost);
    ds->flow = malloc(ds->maxarcs * sizeof *ds->flow);
    if (!ds->tail || !ds->head || !ds->cap || !ds->cost || !ds->flow) {
        rc = pp_error_nomem(err);
        goto fail;
    }
    build(ds);
    for (size_t a = 0; a + 1 < ds->na; a++)
        if (llabs(ds->cost[a]) > ds->cmax)
            ds->cmax = llabs(ds->cost[a]);
    /* the all-slowest iteration time (dcap is scratch here) */
    for (size_t i = 0; i < n; i++)
        ds->dcap[i] = (int64_t)costs[i]->t[ds->last[i]];
    int64_t *start = malloc(n * sizeof *start);
    if (!start) {
        rc = pp_error_nomem(err);
        goto fail;
    }
    ds->slowest = longest(ds, ds->dcap, start);
    free(start);
    *out = ds;
    return PP_OK;
fail:
    pp_deadline_free(ds);
    return rc;
}

/* Cost of P at whole-ns D inside its range (linear interpolation). */
static double cost_at(const struct pp_pwl *p, int64_t d)
{
    return pp_pwl_eval(p, (double)d);
}

/*
 * Per deadline: the slowest useful duration dcap[i] = min(t_0 + float,
 * cheapest vertex) and the return arc's cost.  Beyond the all-slowest
 * iteration time the deadline binds nothing: the cost stops there (+1, so
 * that the arc carries no flow), which keeps costs bounded.
 */
static void set_deadline(struct pp_deadline *ds, int64_t deadline_ns)
{
    for (size_t i = 0; i < ds->n; i++) {
        const struct pp_pwl *p = ds->costs[i];
        int64_t ucap = deadline_ns - ds->es[i] - ds->q[i] + ds->t0[i];
        int64_t slow = (int64_t)p->t[ds->last[i]];
        ds->dcap[i] = ucap < slow ? ucap : slow;
    }
    ds->cost[ds->na - 1] = (deadline_ns < ds->slowest ? deadline_ns
                                                      : ds->slowest + 1) -
                           ds->fastest;
}

void pp_deadline_network(struct pp_deadline *ds, int64_t deadline_ns,
                         struct pp_deadline_net *net)
{
    set_deadline(ds, deadline_ns);
    net->nnodes = ds->nnodes;
    net->narcs = ds->na;
    net->tail = ds->tail;
    net->head = ds->head;
    net->cap = ds->cap;
    net->cost = ds->cost;
}

int pp_deadline_solve(struct pp_deadline *ds, int64_t deadline_ns,
                      int64_t *dur, struct pp_deadline_result *res,
                      struct pp_error *err)
{
    size_t n = ds->n, na;
    int rc;

    if (deadline_ns < ds->fastest)
        return pp_error_set(err, PP_EINPUT,
                            "deadline %.9f s (%lld ns) is below the fastest "
                            "possible iteration time %.9f s (%lld ns, every "
                            "instruction at its fastest option)",
                            (double)deadline_ns * 1e-9,
                            (long long)deadline_ns,
                            (double)ds->fastest * 1e-9,
                            (long long)ds->fastest);
    set_deadline(ds, deadline_ns);
    na = ds->na;
    /* Cost scaling multiplies costs by 16 x nodes, network simplex sums
     * them along paths of at most nodes arcs: both must stay in int64. */
    int64_t cmax = ds->cmax > ds->cost[na - 1] ? ds->cmax : ds->cost[na - 1];
    if ((double)cmax * 16.0 * (double)(ds->nnodes + 1) >= COST_LIMIT)
        return pp_error_set(err, PP_ERANGE,
                            "deadline: arc costs up to %lld ns at %zu "
                            "instructions exceed the flow solver's int64 "
                            "arithmetic",
                            (long long)cmax, n);
    if (ds->method == PP_MCF_SCALING) {
        if (!ds->mcf) {
            rc = pp_mcf_new(&ds->mcf, ds->nnodes, na, ds->tail, ds->head,
                            ds->cap);
            if (rc == PP_MCF_NOMEM)
                return pp_error_nomem(err);
        }
        if (ds->mcf)
            rc = pp_mcf_run(ds->mcf, ds->cost, ds->flow, ds->pot);
        if (ds->mcf && !ds->warm) {
            pp_mcf_free(ds->mcf); /* the next solve starts cold */
            ds->mcf = NULL;
        }
    } else {
        rc = pp_mcf_solve(ds->method, ds->nnodes, na, ds->tail, ds->head,
                          ds->cap, ds->cost, ds->flow, ds->pot);
    }
    if (rc == PP_MCF_NOMEM)
        return pp_error_nomem(err);
    if (rc)
        return pp_error_set(err, PP_ESOLVER,
                            "deadline: the min-cost circulation solver "
                            "failed (%zu nodes, %zu arcs)",
                            (size_t)ds->nnodes, na);

    /* durations from potentials: tau = tau0 - pot, so d_i = t_0 +
     * pot(u_i) - pot(v_i); clamp to the range (the -t_0 arc keeps them
     * at least t_0 already) */
    for (size_t i = 0; i < n; i++) {
        int64_t d = ds->t0[i] + ds->pot[2 + 2 * i] - ds->pot[3 + 2 * i];
        if (d > ds->dcap[i])
            d = ds->dcap[i];
        if (d < ds->t0[i])
            d = ds->t0[i];
        dur[i] = d;
    }
    /* ds->es is reused as scratch below only through START */
    int64_t *start = malloc(n * sizeof *start);
    if (!start)
        return pp_error_nomem(err);
    int64_t T = longest(ds, dur, start);
    if (T > deadline_ns) {
        /* repair (file header): pull towards the fastest durations */
        double lambda = (double)(deadline_ns - ds->fastest) /
                        (double)(T - ds->fastest);
        for (size_t i = 0; i < n; i++)
            dur[i] = ds->t0[i] +
                     (int64_t)floor(lambda * (double)(dur[i] - ds->t0[i]));
        T = longest(ds, dur, start);
    }
    free(start);

    /* cost and the Lagrangian bound, in long double */
    long double cost = 0, bound = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = ds->costs[i];
        int64_t f = 0;
        for (size_t a = ds->arc0[i]; a < ds->arc0[i + 1]; a++)
            f += ds->flow[a];
        double fi = (double)f / ds->scale;
        cost += cost_at(p, dur[i]);
        /* min over the vertices in [t_0, dcap] and dcap itself */
        double best = p->c[0] + fi * p->t[0];
        for (size_t k = 1; k <= ds->last[i] && p->t[k] <= ds->dcap[i]; k++) {
            double l = p->c[k] + fi * p->t[k];
            if (l < best)
                best = l;
        }
        double l = cost_at(p, ds->dcap[i]) + fi * (double)ds->dcap[i];
        if (l < best)
            best = l;
        bound += best;
    }
    bound -= (long double)ds->flow[na - 1] / ds->scale * deadline_ns;
    res->bound = (double)bound;
    res->cost = (double)cost;
    res->T = T;
    return PP_OK;
}
