/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.c - the frontier and baselines of one case (the straggler
 * accounting over them is solver/whatif.c).
 */
#include "whatif.h"

#include <math.h>
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

int straggler_case(const struct inputs *in, const struct pp_solve_opts *so,
                   const struct pp_straggler *s,
                   struct pp_whatif_straggler *out, struct pp_error *err)
{
    struct pp_profile *sp = NULL;
    struct pp_plan *plan = NULL;
    struct pp_eval *ev = NULL;
    struct pp_frontier *fr = NULL;
    struct pp_solve_opts o = *so;
    int rc;
    o.energy = in->energy;
    memset(out, 0, sizeof *out);
    if ((rc = pp_straggler_profile(&sp, in->dag, in->prof, s, err)) ||
        (rc = pp_solver_plan_uniform(&plan, in->dag, sp, PP_FREQ_MAX,
                                     &in->energy, err)) ||
        (rc = pp_eval(&ev, in->dag, sp, plan, &in->energy, err)))
        goto out;
    out->t = ev->time;
    out->e[PP_METHOD_ALLMAX] = ev->e_total;
    pp_eval_free(ev);
    pp_plan_free(plan);
    ev = NULL;
    plan = NULL;
    if ((rc = pp_baseline_envpipe(&plan, in->dag, sp, &in->energy,
                                  PP_ENVPIPE_DEFAULT_ROUNDS, NULL, NULL,
                                  err)) ||
        (rc = pp_eval(&ev, in->dag, sp, plan, &in->energy, err)))
        goto out;
    out->e[PP_METHOD_ENVPIPE] = ev->e_total;
    long p;
    if (pp_solve_pick(&o, in->dag, 0) == PP_SOLVE_DEADLINE) {
        double bound;
        rc = pp_frontier_at(&fr, in->dag, sp, &o, &out->t, 1, &p, &bound,
                            err);
    } else {
        rc = pp_frontier_solve(&fr, in->dag, sp, &o, err);
        if (!rc && (p = pp_frontier_lookup(fr, out->t)) < 0)
            p = (long)pp_frontier_fastest(fr);
    }
    if (rc)
        goto out;
    out->e[PP_METHOD_PERSEUS] = out->e[PP_METHOD_PUBLISHED] =
        pp_frontier_energy_lasting(fr, (size_t)p, out->t);
out:
    pp_frontier_free(fr);
    pp_eval_free(ev);
    pp_plan_free(plan);
    pp_profile_free(sp);
    return rc;
}

/* The GPUs of ITEM[0..N-1] (-1 if one is not a GPU number below NGPUS)
 * or time factors (-1 if one is not from 1 to 100) into V; 0 or -1. */
static int straggler_values(char **item, size_t n, int gpus, int ngpus,
                            double *v)
{
    for (size_t k = 0; k < n; k++) {
        long g;
        if (gpus ? pp_parse_long(item[k], &g) || g < 0 || g >= ngpus
                 : pp_parse_double(item[k], &v[k]) || v[k] < 1.0 ||
                       v[k] > 100.0)
            return -1;
        if (gpus)
            v[k] = (double)g;
    }
    return 0;
}

/* GPUS:FACTORS[:POWER] split into PART[0..NP-1], as *NG GPUs in *G and
 * *NF factors in *F (new arrays) and the power factor in *PW; 0, -1 after
 * a usage error naming what is wrong, or 1 for the generic one. */
static int straggler_lists(const char *cmd, const char *arg, char **part,
                           size_t np, int ngpus, double **g, size_t *ng,
                           double **f, size_t *nf, double *pw)
{
    char **gl = NULL, **fl = NULL;
    int rc = 1;
    *ng = (size_t)ngpus;
    if (np < 2 || np > 3)
        return 1;
    if ((strcmp(part[0], "all") &&
         split_items(cmd, "--straggler", arg, part[0], ',', "the list of GPUs",
                     &gl, ng)) ||
        split_items(cmd, "--straggler", arg, part[1], ',',
                    "the list of time factors", &fl, nf)) {
        free(gl);
        return -1;
    }
    if ((double)*ng * (double)*nf > PP_STRAGGLER_MAX_CASES) {
        die_usage(cmd, "--straggler gives %zu GPUs x %zu time factors = "
                       "%.0f cases, more than the %d a sweep takes (each "
                       "plans a pipeline)",
                  *ng, *nf, (double)*ng * (double)*nf,
                  PP_STRAGGLER_MAX_CASES);
        rc = -1;
        goto out;
    }
    *g = malloc(*ng * sizeof **g);
    *f = malloc(*nf * sizeof **f);
    if (!*g || !*f) {
        message("out of memory");
        rc = -1;
        goto out;
    }
    for (size_t k = 0; !gl && k < *ng; k++)
        (*g)[k] = (double)k;
    *pw = 1.0;
    if ((gl && straggler_values(gl, *ng, 1, ngpus, *g)) ||
        straggler_values(fl, *nf, 0, ngpus, *f) ||
        (np == 3 && pp_parse_double(part[2], pw)) || !(*pw > 0.0) ||
        *pw > 10.0)
        goto out;
    rc = 0;
out:
    free(gl);
    free(fl);
    return rc;
}

int parse_stragglers(const char *cmd, const char *arg, int ngpus,
                     struct pp_straggler **out, size_t *n)
{
    char *copy = strdup(arg), **part = NULL;
    double *g = NULL, *f = NULL, pw = 1.0;
    size_t np = 0, ng = 0, nf = 0;
    int rc = -1;
    if (!copy) {
        message("out of memory");
        return -1;
    }
    if (split_items(cmd, "--straggler", arg, copy, ':',
                    "GPUS:FACTORS[:POWER]", &part, &np))
        goto out;
    rc = straggler_lists(cmd, arg, part, np, ngpus, &g, &ng, &f, &nf, &pw);
    if (rc > 0)
        die_usage(cmd, "invalid argument \"%s\" for --straggler; should be "
                       "GPUS:FACTORS[:POWER], e.g. 3:1.1 or all:1.05,1.1:0.9 "
                       "(GPUs 0 to %d or all, time factors 1 to 100, a "
                       "power factor above 0 and at most 10)",
                  arg, ngpus - 1);
    if (rc)
        goto out;
    if (!(*out = malloc(ng * nf * sizeof **out))) {
        message("out of memory");
        rc = -1;
        goto out;
    }
    *n = 0;
    for (size_t a = 0; a < ng; a++)
        for (size_t b = 0; b < nf; b++)
            (*out)[(*n)++] = (struct pp_straggler){(int)g[a], f[b], pw};
out:
    free(copy);
    free(part);
    free(g);
    free(f);
    return rc ? -1 : 0;
}
