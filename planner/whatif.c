/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.c - the frontier and baselines of one case (the straggler
 * accounting over them is solver/whatif.c).
 */
#include "whatif.h"

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

int whatif_prepare(struct whatif *w, struct inputs *in,
                   const struct pp_solve_opts *so, int want_envpipe,
                   enum pp_whatif_values values)
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
    progress_attach(&o, in);
    int rc = pp_frontier_solve(&w->fr, in->dag, in->prof, &o, &err);
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
