/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.c - the frontier and baselines of one case, and the cluster
 * accounting of a straggler what-if.
 */
#include "whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const method_names[NMETHODS] = {"all-max", "EnvPipe", "Perseus"};

int solve_option(struct pp_solve_opts *so, const char *cmd, int c,
                 const char *arg)
{
    switch (c) {
    case OPT_W_MODEL:
        if (!strcmp(arg, "exact"))
            so->model = PP_MODEL_EXACT;
        else if (!strcmp(arg, "lowtime"))
            so->model = PP_MODEL_LOWTIME;
        else {
            die_usage(cmd, "invalid argument \"%s\" for --model; should be "
                           "one of exact, lowtime", arg);
            return -1;
        }
        return 1;
    case OPT_W_UNIT:
        return parse_double_opt(cmd, "--unit-time", arg, 0, &so->unit_time)
                   ? -1 : 1;
    case OPT_W_ORDER:
        if (!strcmp(arg, "artifact"))
            so->filter_order = 0;
        else if (!strcmp(arg, "zeus"))
            so->filter_order = 1;
        else {
            die_usage(cmd, "invalid argument \"%s\" for --filter-order; "
                           "should be one of artifact, zeus", arg);
            return -1;
        }
        return 1;
    }
    return 0;
}

void whatif_free(struct whatif *w)
{
    pp_frontier_free(w->fr);
    for (int m = 0; m < NMETHODS - 1; m++) {
        pp_plan_free(w->plan[m]);
        pp_eval_free(w->eval[m]);
    }
    memset(w, 0, sizeof *w);
}

int whatif_prepare(struct whatif *w, struct inputs *in,
                   const struct pp_solve_opts *so, int want_envpipe)
{
    struct pp_error err = {0};
    struct pp_solve_opts o = *so;
    memset(w, 0, sizeof *w);
    w->in = in;
    o.energy = in->energy;
    if (pp_solver_plan_uniform(&w->plan[M_ALLMAX], in->dag, in->prof,
                               PP_FREQ_MAX, &in->energy, &err) ||
        pp_eval(&w->eval[M_ALLMAX], in->dag, in->prof, w->plan[M_ALLMAX],
                &in->energy, &err))
        goto fail;
    w->t_min = w->eval[M_ALLMAX]->time;
    if (want_envpipe &&
        (pp_baseline_envpipe(&w->plan[M_ENVPIPE], in->dag, in->prof,
                             &in->energy, PP_ENVPIPE_DEFAULT_ROUNDS,
                             &w->envpipe_rounds,
                             &w->envpipe_capped, &err) ||
         pp_eval(&w->eval[M_ENVPIPE], in->dag, in->prof, w->plan[M_ENVPIPE],
                 &in->energy, &err)))
        goto fail;
    progress_attach(&o, in);
    int rc = pp_frontier_solve(&w->fr, in->dag, in->prof, &o, &err);
    progress_done(&o);
    if (rc)
        goto fail;
    w->p_nos = pp_frontier_lookup(w->fr, w->t_min);
    if (w->p_nos < 0) /* the model's fastest plan is slower than all-max */
        w->p_nos = (long)pp_frontier_fastest(w->fr);
    return EXIT_OK;
fail:
    report_error(&err);
    whatif_free(w);
    return EXIT_FAIL;
}

/* The lookup rule on the model's own times and energies. */
static long model_lookup(const struct pp_frontier *fr, double T)
{
    long best = -1, fastest = 0;
    for (size_t p = 0; p < fr->npoints; p++) {
        const struct pp_point *pt = &fr->pts[p];
        if (pt->time_model < fr->pts[fastest].time_model)
            fastest = (long)p;
        if (pt->time_model <= T * (1 + 1e-12) &&
            (best < 0 || pt->energy_model < fr->pts[best].energy_model))
            best = (long)p;
    }
    return best < 0 ? fastest : best;
}

void whatif_use_model_values(struct whatif *w)
{
    w->model_values = 1;
    w->t_min = w->fr->pts[0].time_model;
    for (size_t p = 1; p < w->fr->npoints; p++)
        if (w->fr->pts[p].time_model < w->t_min)
            w->t_min = w->fr->pts[p].time_model;
}

void whatif_row(const struct whatif *w, double s, int pipelines,
                int with_envpipe, struct sweep_row *row)
{
    const struct pp_energy *en = &w->in->energy;
    double gkpb = w->in->dag->ngpus * en->gpus_per_stage * en->blocking_power;
    double T = s * w->t_min;
    memset(row, 0, sizeof *row);
    row->s = s;
    row->deadline = T;
    for (int m = 0; m < NMETHODS; m++) {
        double t, e, e0;
        if (m == M_ENVPIPE && !with_envpipe) {
            row->time[m] = row->e_plan[m] = row->e_block[m] = NAN;
            row->e_cluster[m] = row->saving[m] = NAN;
            continue;
        }
        if (m == M_PERSEUS && w->model_values) {
            long p = model_lookup(w->fr, T), p0 = model_lookup(w->fr, w->t_min);
            t = w->fr->pts[p].time_model;
            e = w->fr->pts[p].energy_model;
            e0 = w->fr->pts[p0].energy_model;
        } else if (m == M_PERSEUS) {
            long p = pp_frontier_lookup(w->fr, T);
            if (p < 0)
                p = (long)pp_frontier_fastest(w->fr);
            t = w->fr->pts[p].time;
            e = w->fr->pts[p].energy;
            e0 = w->fr->pts[w->p_nos].energy;
        } else {
            t = w->eval[m]->time;
            e = e0 = w->eval[m]->e_total;
        }
        double wait = T > t ? T - t : 0.0;
        row->time[m] = t;
        row->e_block[m] = gkpb * wait;
        row->e_plan[m] = e + row->e_block[m];
        row->e_cluster[m] = e0 * s + (pipelines - 1) * row->e_plan[m];
    }
    for (int m = 0; m < NMETHODS; m++)
        row->saving[m] = 1.0 - row->e_cluster[m] / row->e_cluster[M_ALLMAX];
    row->beyond_tstar = T > w->fr->pts[pp_frontier_min_energy(w->fr)].time;
}
