/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * eval.c - the exact evaluator: iteration time and energy of one plan.
 *
 * Every later number the tool prints about a plan comes from here: the
 * longest path through the DAG with the plan's measured times (one forward
 * pass in topological order, O(n + edges)), and the energy model of SPEC
 * section 1 with K GPUs per stage:
 *   E = sum_i e_i + K * P_b * sum_g (T - busy_g).
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double pp_longest_path(const struct pp_dag *dag, const double *dur,
                       double *start)
{
    double T = 0.0;
    double *es = start;
    if (!es) {
        es = calloc(dag->n ? dag->n : 1, sizeof *es);
        if (!es)
            return NAN;
    } else {
        memset(es, 0, dag->n * sizeof *es);
    }
    for (size_t k = 0; k < dag->n; k++) {
        size_t i = dag->topo[k];
        double f = es[i] + dur[i];
        if (f > T)
            T = f;
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            size_t j = dag->succ[e];
            if (f > es[j])
                es[j] = f;
        }
    }
    if (!start)
        free(es);
    return T;
}

int pp_bind_profile(const struct pp_dag *dag, const struct pp_profile *prof,
                    int *kindmap, struct pp_error *err)
{
    for (int k = 0; k < dag->nkinds; k++) {
        kindmap[k] = pp_profile_kind(prof, dag->kinds[k]);
        if (kindmap[k] < 0)
            return pp_error_at(err, PP_EINPUT, prof->path, 0, 0,
                               "the schedule uses instruction \"%s\", which "
                               "the profile does not have",
                               dag->kinds[k]);
    }
    if (dag->nstages > prof->nstages)
        return pp_error_at(err, PP_EINPUT, prof->path, 0, 0,
                           "the schedule needs %d stages but the profile has "
                           "%d (stages 0..%d)",
                           dag->nstages, prof->nstages, prof->nstages - 1);
    return PP_OK;
}

void pp_eval_free(struct pp_eval *ev)
{
    if (!ev)
        return;
    free(ev->busy);
    free(ev->idle);
    free(ev->start);
    free(ev->dur);
    free(ev->slack);
    free(ev->critical);
    free(ev);
}

/* Slack: latest start minus earliest start, the latest finish of i being
 * T or the earliest latest start of its successors (reverse topological
 * order, O(n + edges)).  Clamped at 0 against rounding. */
static void slack(struct pp_eval *ev, const struct pp_dag *dag)
{
    for (size_t k = dag->n; k-- > 0;) {
        size_t i = dag->topo[k];
        double lf = ev->time;
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            size_t j = dag->succ[e];
            double ls = ev->start[j] + ev->slack[j];
            if (ls < lf)
                lf = ls;
        }
        double s = lf - ev->dur[i] - ev->start[i];
        ev->slack[i] = s > 0 ? s : 0.0;
    }
}

/* Walk back from the instruction finishing last along tight predecessors. */
static int critical_path(struct pp_eval *ev, const struct pp_dag *dag)
{
    size_t n = dag->n, last = 0;
    if (n == 0)
        return PP_OK;
    for (size_t i = 1; i < n; i++)
        if (ev->start[i] + ev->dur[i] > ev->start[last] + ev->dur[last])
            last = i;
    size_t *path = malloc(n * sizeof *path);
    if (!path)
        return PP_ENOMEM;
    size_t len = 0, cur = last;
    for (;;) {
        path[len++] = cur;
        size_t best = SIZE_MAX;
        double bestf = -1.0;
        for (size_t e = dag->pred_off[cur]; e < dag->pred_off[cur + 1]; e++) {
            size_t p = dag->pred[e];
            double f = ev->start[p] + ev->dur[p];
            if (f > bestf) {
                bestf = f;
                best = p;
            }
        }
        if (best == SIZE_MAX || len == n)
            break;
        cur = best;
    }
    for (size_t a = 0, b = len - 1; a < b; a++, b--) {
        size_t t = path[a];
        path[a] = path[b];
        path[b] = t;
    }
    ev->critical = path;
    ev->ncritical = len;
    return PP_OK;
}

int pp_eval(struct pp_eval **out, const struct pp_dag *dag,
            const struct pp_profile *prof, const struct pp_plan *plan,
            const struct pp_energy *en, struct pp_error *err)
{
    struct pp_eval *ev = NULL;
    int *kindmap = NULL;
    int rc;

    *out = NULL;
    if ((rc = pp_energy_check(en, dag->ngpus, err)))
        goto out;
    if (plan->n != dag->n) {
        rc = pp_error_set(err, PP_EINPUT,
                          "the plan has %zu instructions, the schedule %zu",
                          plan->n, dag->n);
        goto out;
    }
    kindmap = malloc((dag->nkinds ? dag->nkinds : 1) * sizeof *kindmap);
    ev = calloc(1, sizeof *ev);
    if (!kindmap || !ev) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = pp_bind_profile(dag, prof, kindmap, err)))
        goto out;
    ev->ngpus = dag->ngpus;
    ev->busy = calloc(dag->ngpus + 1, sizeof *ev->busy);
    ev->idle = calloc(dag->ngpus + 1, sizeof *ev->idle);
    ev->start = calloc(dag->n + 1, sizeof *ev->start);
    ev->dur = calloc(dag->n + 1, sizeof *ev->dur);
    ev->slack = calloc(dag->n + 1, sizeof *ev->slack);
    if (!ev->busy || !ev->idle || !ev->start || !ev->dur || !ev->slack) {
        rc = pp_error_nomem(err);
        goto out;
    }
    double e_comp = 0.0;
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        const struct pp_opset *set =
            pp_profile_ops(prof, in->stage, kindmap[in->kind]);
        const struct pp_option *o = set ? pp_opset_find(set, plan->mhz[i]) : NULL;
        if (!o) {
            char label[128];
            pp_graph_label(dag, i, label, sizeof label);
            if (plan->source)
                rc = pp_error_at(err, PP_EINPUT, plan->source, plan->line[i],
                                 plan->col[i],
                                 "%s (stage %d %s): the profile %s has no "
                                 "measurement at %d MHz",
                                 label, in->stage, dag->kinds[in->kind],
                                 prof->path, plan->mhz[i]);
            else
                rc = pp_error_set(err, PP_EINPUT,
                                  "%s (stage %d %s): the profile has no "
                                  "measurement at %d MHz",
                                  label, in->stage, dag->kinds[in->kind],
                                  plan->mhz[i]);
            goto out;
        }
        ev->dur[i] = o->time;
        e_comp += o->energy;
        ev->busy[in->gpu] += o->time;
    }
    ev->time = pp_longest_path(dag, ev->dur, ev->start);
    double idle = 0.0;
    for (int g = 0; g < dag->ngpus; g++) {
        ev->idle[g] = ev->time - ev->busy[g];
        idle += ev->idle[g];
    }
    ev->e_compute = e_comp;
    ev->e_blocking = en->gpus_per_stage * en->blocking_power * idle;
    ev->e_total = ev->e_compute + ev->e_blocking;
    slack(ev, dag);
    if (critical_path(ev, dag)) {
        rc = pp_error_nomem(err);
        goto out;
    }
    *out = ev;
    ev = NULL;
    rc = PP_OK;
out:
    pp_eval_free(ev);
    free(kindmap);
    return rc;
}

int pp_solver_plan_uniform(struct pp_plan **out, const struct pp_dag *dag,
                           const struct pp_profile *prof, int mhz,
                           const struct pp_energy *en, struct pp_error *err)
{
    struct pp_plan *plan = NULL;
    int *kindmap = NULL;
    int rc;

    *out = NULL;
    kindmap = malloc((dag->nkinds ? dag->nkinds : 1) * sizeof *kindmap);
    if (!kindmap) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = pp_bind_profile(dag, prof, kindmap, err)))
        goto out;
    if ((rc = pp_plan_new(&plan, dag->n))) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        const struct pp_opset *set =
            pp_profile_ops(prof, in->stage, kindmap[in->kind]);
        if (mhz == PP_FREQ_MAX) {
            plan->mhz[i] = set->opt[0].mhz;
        } else if (mhz == PP_FREQ_MIN_ENERGY) {
            size_t best = 0;
            for (size_t k = 1; k < set->n; k++)
                if (set->opt[k].energy < set->opt[best].energy)
                    best = k;
            plan->mhz[i] = set->opt[best].mhz;
        } else {
            if (!pp_opset_find(set, mhz)) {
                rc = pp_error_at(err, PP_EINPUT, prof->path, 0, 0,
                                 "stage %d %s has no measurement at %d MHz",
                                 in->stage, dag->kinds[in->kind], mhz);
                goto out;
            }
            plan->mhz[i] = mhz;
        }
    }
    *out = plan;
    plan = NULL;
    rc = PP_OK;
out:
    pp_plan_free(plan);
    free(kindmap);
    return rc;
}
