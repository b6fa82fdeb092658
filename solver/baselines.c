/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * baselines.c - the plans users compare Perseus against (SPEC section 3).
 *
 * EnvPipe (Choi, Koo, Ahn, Jeon and Kwon, "EnvPipe: Performance-preserving
 * DNN training framework for saving energy", USENIX ATC 2023) as the
 * Perseus paper re-implements it for its emulation (Chung et al., "Reducing
 * Energy Bloat in Large Model Training", SOSP 2024,
 * doi:10.1145/3694715.3695970): the instructions on the pipeline's outer
 * envelope run at their maximum frequency, every other instruction at the
 * frequency where its own measured energy is lowest; then, round after
 * round, one critical path is taken and, among its instructions that are
 * not on the envelope, those at the lowest frequency are raised by one
 * measured step, until the critical path lies on the envelope.  This is
 * EnvPipe's "balanced" reconfiguration (DeepSpeed runtime/pipe/
 * reconfiguration.py in the EnvPipe release), run on the DAG instead of on
 * measured receive times.  It reproduces the Perseus artifact's
 * emulation/envpipe_result.csv to the printed digits (tests/solver/
 * test_baselines.c), which settles the details the papers leave open:
 * "minimum-energy" is the lowest measured energy (not effective energy),
 * and critical-path ties are broken towards the lowest instruction index,
 * with finish times within a relative 1e-9 of each other treated as tied
 * (equal sums of identical stages must tie whatever the rounding).
 *
 * Zeus-style single knob (You, Chung and Chowdhury, "Zeus: Understanding and
 * Optimizing GPU Energy Consumption of DNN Training", NSDI 2023): the one
 * frequency for every instruction whose plan has the least energy within a
 * deadline, found by evaluating every candidate frequency.
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Finish times within this fraction of the iteration time are ties. */
#define TIE_REL 1e-9

/* State of one EnvPipe run.  Arrays are indexed like dag->ins. */
struct envpipe {
    const struct pp_dag *dag;
    const struct pp_opset **set; /* n: the instruction's options */
    size_t *opt;    /* n: index into set[i]->opt (0 = maximum frequency) */
    char *envelope; /* n: 1 if on the outer envelope */
    double *dur;    /* n: duration at the current option */
    double *start;  /* n: earliest start */
    size_t *path;   /* n: the current critical path, sink first */
    size_t npath;
};

/*
 * Mark the outer envelope: every instruction of the last GPU, and on every
 * GPU the first instruction of kind "forward" and the last of kind
 * "backward" in its execution order.  For 1F1B with S stages this is the
 * shape of the pipeline: the fill, the last stage, the drain.
 */
static void mark_envelope(const struct pp_dag *dag, char *envelope)
{
    int kf = -1, kb = -1;
    for (int k = 0; k < dag->nkinds; k++) {
        if (strcmp(dag->kinds[k], "forward") == 0)
            kf = k;
        else if (strcmp(dag->kinds[k], "backward") == 0)
            kb = k;
    }
    memset(envelope, 0, dag->n);
    for (int g = 0; g < dag->ngpus; g++) {
        size_t lo = dag->gpu_off[g], hi = dag->gpu_off[g + 1];
        if (g == dag->ngpus - 1) {
            for (size_t p = lo; p < hi; p++)
                envelope[dag->gpu_seq[p]] = 1;
            continue;
        }
        for (size_t p = lo; p < hi; p++) {
            size_t i = dag->gpu_seq[p];
            if (dag->ins[i].kind == kf) {
                envelope[i] = 1;
                break;
            }
        }
        for (size_t p = hi; p > lo; p--) {
            size_t i = dag->gpu_seq[p - 1];
            if (dag->ins[i].kind == kb) {
                envelope[i] = 1;
                break;
            }
        }
    }
}

/* Option of lowest measured energy; ties go to the higher frequency. */
static size_t min_energy_option(const struct pp_opset *set)
{
    size_t best = 0;
    for (size_t k = 1; k < set->n; k++)
        if (set->opt[k].energy < set->opt[best].energy)
            best = k;
    return best;
}

/*
 * One critical path of the current durations, O(n + edges): earliest
 * starts in topological order, then a walk back from the instruction that
 * finishes last along predecessors that finish exactly when their successor
 * starts.  Ties, at every step, go to the lowest instruction index (for the
 * built-in schedules: the lowest GPU, then the earliest in its order).
 */
static void critical_path(struct envpipe *ep)
{
    const struct pp_dag *dag = ep->dag;
    double T = pp_longest_path(dag, ep->dur, ep->start);
    double tol = TIE_REL * T;
    size_t cur = 0;

    for (size_t i = 0; i < dag->n; i++)
        if (ep->start[i] + ep->dur[i] >= T - tol) {
            cur = i;
            break;
        }
    ep->npath = 0;
    for (;;) {
        ep->path[ep->npath++] = cur;
        size_t lo = dag->pred_off[cur], hi = dag->pred_off[cur + 1];
        if (lo == hi || ep->npath == dag->n)
            break;
        /* start[cur] is the largest finish among the predecessors;
         * pred[] is sorted, so the first tight one has the lowest index. */
        size_t next = dag->pred[lo];
        for (size_t e = lo; e < hi; e++) {
            size_t p = dag->pred[e];
            if (ep->start[p] + ep->dur[p] >= ep->start[cur] - tol) {
                next = p;
                break;
            }
        }
        cur = next;
    }
}

static void envpipe_clear(struct envpipe *ep)
{
    free(ep->set);
    free(ep->opt);
    free(ep->envelope);
    free(ep->dur);
    free(ep->start);
    free(ep->path);
}

/*
 * Rounds are bounded: each raises at least one instruction by one of its
 * finitely many options, so there are at most sum_i (options_i - 1) of
 * them, each O(n + edges).
 */
int pp_baseline_envpipe(struct pp_plan **out, const struct pp_dag *dag,
                        const struct pp_profile *prof,
                        const struct pp_energy *en, int max_rounds, int *rounds,
                        int *capped, struct pp_error *err)
{
    struct envpipe ep = {.dag = dag};
    struct pp_plan *plan = NULL;
    int *kindmap = NULL;
    int nrounds = 0, stop = PP_ENVPIPE_ENVELOPE;
    int rc;

    (void)en; /* the plan depends on measured times and energies only */
    *out = NULL;
    if (max_rounds < 0) {
        rc = pp_error_set(err, PP_EINPUT,
                          "EnvPipe: the round limit must be >= 0, not %d",
                          max_rounds);
        goto out;
    }
    size_t n = dag->n ? dag->n : 1;
    kindmap = malloc((dag->nkinds ? dag->nkinds : 1) * sizeof *kindmap);
    ep.set = malloc(n * sizeof *ep.set);
    ep.opt = malloc(n * sizeof *ep.opt);
    ep.envelope = malloc(n);
    ep.dur = malloc(n * sizeof *ep.dur);
    ep.start = malloc(n * sizeof *ep.start);
    ep.path = malloc(n * sizeof *ep.path);
    if (!kindmap || !ep.set || !ep.opt || !ep.envelope || !ep.dur ||
        !ep.start || !ep.path) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = pp_bind_profile(dag, prof, kindmap, err)))
        goto out;

    mark_envelope(dag, ep.envelope);
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        ep.set[i] = pp_profile_ops(prof, in->stage, kindmap[in->kind]);
        ep.opt[i] = ep.envelope[i] ? 0 : min_energy_option(ep.set[i]);
        ep.dur[i] = ep.set[i]->opt[ep.opt[i]].time;
    }

    for (;;) {
        critical_path(&ep);
        /* Lowest frequency among the critical, raisable, off-envelope
         * instructions.  Envelope instructions are at their maximum. */
        int lo = 0, off_envelope = 0;
        for (size_t k = 0; k < ep.npath; k++) {
            size_t i = ep.path[k];
            if (ep.envelope[i])
                continue;
            off_envelope = 1;
            int f = ep.set[i]->opt[ep.opt[i]].mhz;
            if (ep.opt[i] > 0 && (lo == 0 || f < lo))
                lo = f;
        }
        if (!off_envelope) {
            stop = PP_ENVPIPE_ENVELOPE;
            break;
        }
        if (lo == 0) {
            stop = PP_ENVPIPE_STUCK;
            break;
        }
        if (nrounds >= max_rounds) {
            stop = PP_ENVPIPE_CAPPED;
            break;
        }
        for (size_t k = 0; k < ep.npath; k++) {
            size_t i = ep.path[k];
            if (!ep.envelope[i] && ep.opt[i] > 0 &&
                ep.set[i]->opt[ep.opt[i]].mhz == lo) {
                ep.opt[i]--;
                ep.dur[i] = ep.set[i]->opt[ep.opt[i]].time;
            }
        }
        nrounds++;
    }

    if (pp_plan_new(&plan, dag->n)) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < dag->n; i++)
        plan->mhz[i] = ep.set[i]->opt[ep.opt[i]].mhz;
    if (rounds)
        *rounds = nrounds;
    if (capped)
        *capped = stop;
    *out = plan;
    plan = NULL;
    rc = PP_OK;
out:
    pp_plan_free(plan);
    envpipe_clear(&ep);
    free(kindmap);
    return rc;
}

/*
 * Candidate frequencies: those of the first (stage, kind) the schedule
 * uses that every other used (stage, kind) also has.  Each is evaluated
 * with pp_eval: O(F (n + edges)) for F candidates.
 */
int pp_baseline_uniform(struct pp_plan **out, int *mhz,
                        const struct pp_dag *dag, const struct pp_profile *prof,
                        const struct pp_energy *en, double deadline,
                        struct pp_error *err)
{
    struct pp_plan *plan = NULL, *best = NULL;
    struct pp_eval *ev = NULL;
    int *kindmap = NULL;
    char *used = NULL;
    int best_mhz = 0, ncand = 0;
    double best_e = INFINITY, fastest = INFINITY;
    int rc;

    *out = NULL;
    if (!en) {
        rc = pp_error_set(err, PP_EINPUT,
                          "uniform frequency: the energy model is required");
        goto out;
    }
    if (isnan(deadline) || deadline <= 0.0) {
        rc = pp_error_set(err, PP_EINPUT,
                          "uniform frequency: the deadline must be positive");
        goto out;
    }
    kindmap = malloc((dag->nkinds ? dag->nkinds : 1) * sizeof *kindmap);
    if (!kindmap) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = pp_bind_profile(dag, prof, kindmap, err)))
        goto out;
    size_t nsets = (size_t)prof->nstages * (size_t)prof->nkinds;
    used = calloc(nsets ? nsets : 1, 1);
    if (!used) {
        rc = pp_error_nomem(err);
        goto out;
    }
    size_t first = nsets;
    for (size_t i = 0; i < dag->n; i++) {
        size_t s = (size_t)dag->ins[i].stage * (size_t)prof->nkinds +
                   (size_t)kindmap[dag->ins[i].kind];
        used[s] = 1;
        if (first == nsets)
            first = s;
    }
    if (first == nsets) {
        rc = pp_error_set(err, PP_EINPUT, "the schedule has no instructions");
        goto out;
    }

    const struct pp_opset *fs = &prof->sets[first];
    for (size_t k = 0; k < fs->n; k++) {
        int f = fs->opt[k].mhz;
        int common = 1;
        for (size_t s = 0; s < nsets && common; s++)
            if (used[s] && !pp_opset_find(&prof->sets[s], f))
                common = 0;
        if (!common)
            continue;
        ncand++;
        if ((rc = pp_solver_plan_uniform(&plan, dag, prof, f, en, err)))
            goto out;
        if ((rc = pp_eval(&ev, dag, prof, plan, en, err)))
            goto out;
        if (ev->time < fastest)
            fastest = ev->time;
        /* The same slack as pp_frontier_lookup; energy ties go to the
         * higher frequency, which comes first. */
        if (ev->time <= deadline * (1.0 + 1e-12) && ev->e_total < best_e) {
            best_e = ev->e_total;
            best_mhz = f;
            pp_plan_free(best);
            best = plan;
            plan = NULL;
        }
        pp_plan_free(plan);
        plan = NULL;
        pp_eval_free(ev);
        ev = NULL;
    }
    if (ncand == 0) {
        rc = pp_error_at(err, PP_EINPUT, prof->path, 0, 0,
                         "no frequency is measured for every stage and "
                         "instruction the schedule uses");
        goto out;
    }
    if (!best) {
        rc = pp_error_set(err, PP_EINPUT,
                          "uniform frequency: no single frequency meets the "
                          "deadline of %.9g s (the fastest takes %.9g s)",
                          deadline, fastest);
        goto out;
    }
    if (mhz)
        *mhz = best_mhz;
    *out = best;
    best = NULL;
    rc = PP_OK;
out:
    pp_eval_free(ev);
    pp_plan_free(plan);
    pp_plan_free(best);
    free(used);
    free(kindmap);
    return rc;
}
