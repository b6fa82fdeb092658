/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_net.c - the frontier walk's activity-on-arc form, its critical
 * arcs and the flow network kept on them (frontier_internal.h).
 *
 * The AOA form is built once.  Criticality comes from forward and backward
 * passes (lowtime) or from the slacks the exact stepper keeps; either way
 * the arcs whose criticality changed are listed (walk_set_crit) so that
 * the flow network, built once with every arc off, only switches those
 * and re-bounds the instructions the last step moved.
 */
#include "frontier_internal.h"

#include <stdlib.h>
#include <string.h>

int walk_build_arcs(struct walk *w)
{
    const struct pp_dag *g = w->dag;
    size_t n = g->n, cap = n + g->nedges + 2 * n + 2;
    w->arcs = malloc(cap * sizeof *w->arcs);
    w->dbase = malloc((n + 1) * sizeof *w->dbase);
    w->crit = calloc(cap, 1);
    w->flipped = calloc(cap, 1);
    w->flip = malloc(cap * sizeof *w->flip);
    if (!w->arcs || !w->dbase || !w->crit || !w->flipped || !w->flip)
        return PP_ENOMEM;
    size_t m = 0;
    int32_t src = (int32_t)(2 * n), snk = (int32_t)(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        w->arcs[m++] = (struct arc){(int32_t)(2 * i), (int32_t)(2 * i + 1),
                                    (int32_t)i, -1, -1};
    for (size_t j = 0; j < n; j++) {
        w->dbase[j] = m;
        for (size_t e = g->succ_off[j]; e < g->succ_off[j + 1]; e++) {
            size_t i = g->succ[e];
            w->arcs[m++] = (struct arc){(int32_t)(2 * j + 1), (int32_t)(2 * i),
                                        -1, (int32_t)j, (int32_t)i};
        }
        if (g->pred_off[j] == g->pred_off[j + 1])
            w->arcs[m++] = (struct arc){src, (int32_t)(2 * j), -1, -1,
                                        (int32_t)j};
        if (g->succ_off[j] == g->succ_off[j + 1])
            w->arcs[m++] = (struct arc){(int32_t)(2 * j + 1), snk, -1,
                                        (int32_t)j, -1};
    }
    w->narcs = m;
    return PP_OK;
}

/* Earliest starts and the makespan for durations w->d. */
void walk_forward(struct walk *w)
{
    const struct pp_dag *g = w->dag;
    int64_t T = 0;
    for (size_t k = 0; k < w->n; k++) {
        size_t i = g->topo[k];
        int64_t es = 0;
        for (size_t e = g->pred_off[i]; e < g->pred_off[i + 1]; e++) {
            size_t j = g->pred[e];
            if (w->es[j] + w->d[j] > es)
                es = w->es[j] + w->d[j];
        }
        w->es[i] = es;
        if (es + w->d[i] > T)
            T = es + w->d[i];
    }
    w->T = T;
}

/*
 * Latest finishes for durations w->d, the earliest starts w->es and the
 * makespan w->T; on the way, each AOA arc's criticality (zero float):
 * instruction i when es + d = lf, dependency i -> j when i's earliest
 * finish is j's latest start, source / sink arcs when i may start at 0 /
 * must end at T.  Arcs whose criticality changed are listed in w->flip.
 */
static void walk_backward(struct walk *w)
{
    const struct pp_dag *g = w->dag;
    int64_t T = w->T;
    for (size_t k = w->n; k-- > 0;) {
        size_t i = g->topo[k], a = w->dbase[i];
        int64_t lf = T, ef = w->es[i] + w->d[i];
        for (size_t e = g->succ_off[i]; e < g->succ_off[i + 1]; e++, a++) {
            size_t j = g->succ[e];
            int64_t ls = w->lf[j] - w->d[j];
            if (ls < lf)
                lf = ls;
            walk_set_crit(w, a, ef == ls);
        }
        w->lf[i] = lf;
        walk_set_crit(w, i, ef == lf);
        if (g->pred_off[i] == g->pred_off[i + 1])
            walk_set_crit(w, a++, lf - w->d[i] == 0);
        if (g->succ_off[i] == g->succ_off[i + 1])
            walk_set_crit(w, a, ef == T);
    }
}

/* Earliest starts, latest finishes and the makespan for durations w->d. */
void walk_schedule(struct walk *w)
{
    walk_forward(w);
    walk_backward(w);
}

/*
 * The flow network holds every AOA arc (arc k is flow arc k), added once,
 * all off.  Each step turns on the arcs that became critical and off those
 * that stopped being critical (walk_backward() lists them in w->flip), and
 * re-bounds the arcs of the instructions the last step moved (the only
 * ones whose bounds changed); the network keeps the last step's flow as
 * the warm start.
 */
static int net_arcs(struct walk *w, struct pp_error *err)
{
    pp_flownet_reset(w->net, (int)(2 * w->n + 2));
    for (size_t k = 0; k < w->narcs; k++) {
        long id = pp_flownet_arc(w->net, w->arcs[k].u, w->arcs[k].v, 0, 0, 0);
        if (id < 0)
            return id == PP_ENOMEM ? pp_error_nomem(err)
                                   : pp_error_set(err, PP_ESOLVER,
                                                  "invalid arc");
        pp_flownet_off(w->net, id);
    }
    w->net_ready = 1;
    return PP_OK;
}

/* Turn critical arc k on with its bounds for this step. */
static int arc_on(struct walk *w, capfn caps, int64_t dummy_ub, size_t k,
                  struct pp_error *err)
{
    const struct arc *a = &w->arcs[k];
    int64_t lb = 0, ub = dummy_ub;
    if (a->instr >= 0)
        caps(w, (size_t)a->instr, &lb, &ub);
    if (pp_flownet_bounds(w->net, (long)k, lb, ub))
        return pp_error_set(err, PP_ESOLVER, "invalid capacity");
    return PP_OK;
}

/*
 * Bring the network up to date with this step's critical arcs and bounds:
 * O(flipped arcs + moved instructions).  Needs w->crit / w->flip from the
 * last walk_backward() or ex_step() and w->speed / w->slow to list the instructions moved
 * since the last call (empty before the first).
 */
int walk_net_update(struct walk *w, capfn caps, int64_t dummy_ub,
                    struct pp_error *err)
{
    int rc;
    if (!w->net_ready && (rc = net_arcs(w, err)))
        return rc;
    for (size_t q = 0; q < w->nflip; q++) {
        size_t k = w->flip[q];
        w->flipped[k] = 0;
        if (!w->crit[k])
            pp_flownet_off(w->net, (long)k);
        else if ((rc = arc_on(w, caps, dummy_ub, k, err)))
            return rc;
    }
    w->nflip = 0;
    /* instruction i is arc i */
    for (size_t k = 0; k < w->nspeed; k++)
        if (w->crit[w->speed[k]] &&
            (rc = arc_on(w, caps, dummy_ub, (size_t)w->speed[k], err)))
            return rc;
    for (size_t k = 0; k < w->nslow; k++)
        if (w->crit[w->slow[k]] &&
            (rc = arc_on(w, caps, dummy_ub, (size_t)w->slow[k], err)))
            return rc;
    return PP_OK;
}

/* What a cut of the flow network means for the step: rc < 0 an error, 1
 * (reason in why) when no step can be taken, else 0. */
int walk_cut_stop(int rc, int64_t value, const char **why)
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
int walk_on_cut(struct walk *w, size_t k, const char **why)
{
    const struct arc *a = &w->arcs[k];
    if (!w->crit[k])
        return 0;
    if (w->side[a->u]) {
        if (a->instr < 0) {
            *why = "a dependency is on the cut (cannot go faster)";
            return 1;
        }
        w->speed[w->nspeed++] = a->instr;
    } else if (a->instr >= 0) {
        w->slow[w->nslow++] = a->instr;
    }
    return 0;
}

/*
 * Cut the flow network on the critical arcs (lowtime model).  Returns 0
 * with speed/slow filled, 1 if the step cannot be taken (reason in why),
 * or a negative error.  dummy_ub is the upper bound of dummy arcs.  On
 * entry speed/slow list the instructions the last step moved.
 */
int walk_cut(struct walk *w, capfn caps, int64_t dummy_ub, int64_t thr,
             int64_t *value, const char **why, struct pp_error *err)
{
    int nv = (int)(2 * w->n + 2);
    int rc;
    if ((rc = walk_net_update(w, caps, dummy_ub, err)))
        return rc;
    rc = pp_flownet_mincut(w->net, nv - 2, nv - 1, thr,
                           w->opts->flow_backend,
                           w->side, value, err);
    if ((rc = walk_cut_stop(rc, *value, why)))
        return rc;
    w->nspeed = w->nslow = 0;
    for (size_t k = 0; k < w->narcs; k++)
        if (w->side[w->arcs[k].u] != w->side[w->arcs[k].v] &&
            walk_on_cut(w, k, why))
            return 1;
    if (w->nspeed == 0) {
        *why = "nothing left to speed up";
        return 1;
    }
    return 0;
}

