/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.c - the frontier and baselines of one case (the straggler
 * accounting over them is solver/whatif.c).
 */
#include "whatif.h"

#include <stdlib.h>
#include <string.h>

void whatif_free(struct whatif *w)
{
    pp_frontier_free(w->fr);
    for (int m = 0; m < PP_METHOD_PERSEUS; m++) {
        pp_plan_free(w->plan[m]);
        pp_eval_free(w->eval[m]);
    }
    memset(w, 0, sizeof *w);
}

/* Perseus's plans for the what-if: the whole frontier (the walk), or with
 * the deadline solver plans at T_min and at s * T_min for each of the NS
 * slowdowns S only. */
static int perseus(struct whatif *w, struct inputs *in,
                   const struct pp_solve_opts *o, const double *s, size_t ns,
                   int whole, struct pp_error *err)
{
    if (pp_solve_pick(o, in->dag, whole) != PP_SOLVE_DEADLINE)
        return pp_frontier_solve(&w->fr, in->dag, in->prof, o, err);
    double tmin = w->eval[PP_METHOD_ALLMAX]->time;
    double *dl = malloc((ns + 1) * sizeof *dl);
    double *bound = malloc((ns + 1) * sizeof *bound);
    long *pt = malloc((ns + 1) * sizeof *pt);
    int rc = PP_ENOMEM;
    if (!dl || !bound || !pt) {
        pp_error_nomem(err);
        goto out;
    }
    dl[0] = tmin;
    for (size_t k = 0; k < ns; k++)
        dl[k + 1] = s[k] * tmin;
    rc = pp_frontier_at(&w->fr, in->dag, in->prof, o, dl, ns + 1, pt, bound,
                        err);
out:
    free(dl);
    free(bound);
    free(pt);
    return rc;
}

int whatif_prepare(struct whatif *w, struct inputs *in,
                   const struct pp_solve_opts *so, int want_envpipe,
                   enum pp_whatif_values values, const double *slowdowns,
                   size_t ns)
{
    struct pp_error err = {0};
    struct pp_solve_opts o = *so;
    struct pp_plan **plan = w->plan;
    struct pp_eval **eval = w->eval;
    memset(w, 0, sizeof *w);
    w->in = in;
    o.energy = in->energy;
    if (pp_solver_plan_uniform(&plan[PP_METHOD_ALLMAX], in->dag, in->prof,
                               PP_FREQ_MAX, &in->energy, &err) ||
        pp_eval(&eval[PP_METHOD_ALLMAX], in->dag, in->prof,
                plan[PP_METHOD_ALLMAX], &in->energy, &err))
        goto fail;
    if (want_envpipe &&
        (pp_baseline_envpipe(&plan[PP_METHOD_ENVPIPE], in->dag, in->prof,
                             &in->energy, PP_ENVPIPE_DEFAULT_ROUNDS,
                             &w->envpipe_rounds, &w->envpipe_capped, &err) ||
         pp_eval(&eval[PP_METHOD_ENVPIPE], in->dag, in->prof,
                 plan[PP_METHOD_ENVPIPE], &in->energy, &err)))
        goto fail;
    if (o.method == PP_SOLVE_DEADLINE &&
        (o.model != PP_MODEL_EXACT || values == PP_VALUES_MODEL)) {
        pp_error_set(&err, PP_EINPUT, "--method deadline needs the exact "
                                      "model and realized values");
        goto fail;
    }
    progress_attach(&o, in);
    int rc = perseus(w, in, &o, slowdowns, ns, values == PP_VALUES_MODEL,
                     &err);
    progress_done(&o);
    if (rc)
        goto fail;
    if (pp_whatif_init(&w->acct, w->fr, eval[PP_METHOD_ALLMAX],
                       eval[PP_METHOD_ENVPIPE], in->dag->ngpus, &in->energy,
                       values, &err))
        goto fail;
    return EXIT_OK;
fail:
    report_error(&err);
    whatif_free(w);
    return EXIT_FAIL;
}
