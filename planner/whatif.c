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

/* A comma list of numbers into V (at most MAX); how many, or -1. */
static int number_list(const char *s, double *v, int max)
{
    int n = 0;
    char *copy = strdup(s), *save = NULL;
    if (!copy)
        return -1;
    for (char *t = strtok_r(copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        if (n == max || pp_parse_double(t, &v[n])) {
            n = -1;
            break;
        }
        n++;
    }
    free(copy);
    return n;
}

int parse_stragglers(const char *cmd, const char *arg, int ngpus,
                     struct pp_straggler **out, size_t *n)
{
    enum { MAXL = 64 };
    double g[MAXL], f[MAXL], pw = 1.0;
    char *copy = strdup(arg);
    char *c1 = copy ? strchr(copy, ':') : NULL, *c2 = NULL;
    int ng = 0, nf = 0, ok = 0;
    if (c1) {
        *c1++ = '\0';
        if ((c2 = strchr(c1, ':')))
            *c2++ = '\0';
        if (!strcmp(copy, "all")) {
            ng = ngpus < MAXL ? ngpus : MAXL;
            for (int k = 0; k < ng; k++)
                g[k] = k;
        } else {
            ng = number_list(copy, g, MAXL);
        }
        nf = number_list(c1, f, MAXL);
        ok = ng > 0 && nf > 0 && (!c2 || !pp_parse_double(c2, &pw));
        for (int k = 0; ok && k < ng; k++)
            ok = g[k] == floor(g[k]) && g[k] >= 0 && g[k] < ngpus;
        for (int k = 0; ok && k < nf; k++)
            ok = f[k] >= 1.0 && f[k] <= 100.0;
        ok = ok && pw > 0.0 && pw <= 10.0;
    }
    free(copy);
    if (!ok) {
        die_usage(cmd, "invalid argument \"%s\" for --straggler; should be "
                       "GPUS:FACTORS[:POWER], e.g. 3:1.1 or all:1.05,1.1:0.9 "
                       "(GPUs 0 to %d or all, time factors 1 to 100, a "
                       "power factor above 0 and at most 10)",
                  arg, ngpus - 1);
        return -1;
    }
    *out = malloc((size_t)(ng * nf) * sizeof **out);
    if (!*out)
        return -1;
    *n = 0;
    for (int a = 0; a < ng; a++)
        for (int b = 0; b < nf; b++)
            (*out)[(*n)++] = (struct pp_straggler){(int)g[a], f[b], pw};
    return 0;
}
