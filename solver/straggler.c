/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * straggler.c - one slow GPU inside a pipeline (solver.h,
 * pp_straggler_profile).
 *
 * A straggler is usually one GPU: thermal throttling, a degraded link, a
 * noisy neighbour.  It is modelled as that GPU's instructions taking
 * TIME_FACTOR times as long at every frequency and drawing POWER_FACTOR
 * times the power, so their energy is multiplied by TIME_FACTOR *
 * POWER_FACTOR; the blocking power is unchanged.  What is not modelled:
 * a straggler whose slowdown depends on the frequency or changes within an
 * iteration, and slow links (communication is not in the DAG).  The
 * profile stages the GPU runs are scaled in a copy of the profile, so a
 * stage that another GPU also runs (possible in a custom DAG) is refused.
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s, int *fail)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *fail = 1;
    return d;
}

/* A deep copy of P, or NULL when out of memory. */
static struct pp_profile *profile_copy(const struct pp_profile *p)
{
    struct pp_profile *c = calloc(1, sizeof *c);
    int fail = !c;
    size_t nsets = (size_t)p->nstages * (size_t)p->nkinds;
    if (fail)
        return NULL;
    *c = *p;
    c->path = c->gpu = NULL;
    c->kinds = NULL;
    c->sets = NULL;
    c->path = dup_or_null(p->path, &fail);
    c->gpu = dup_or_null(p->gpu, &fail);
    c->kinds = calloc((size_t)p->nkinds ? (size_t)p->nkinds : 1,
                      sizeof *c->kinds);
    c->sets = calloc(nsets ? nsets : 1, sizeof *c->sets);
    if (fail || !c->kinds || !c->sets) {
        c->nkinds = c->kinds ? c->nkinds : 0;
        c->nstages = c->sets ? c->nstages : 0;
        pp_profile_free(c);
        return NULL;
    }
    for (int k = 0; k < p->nkinds; k++)
        c->kinds[k] = dup_or_null(p->kinds[k], &fail);
    for (size_t q = 0; q < nsets && !fail; q++) {
        c->sets[q].n = p->sets[q].n;
        if (!p->sets[q].n)
            continue;
        c->sets[q].opt = malloc(p->sets[q].n * sizeof *c->sets[q].opt);
        if (!c->sets[q].opt)
            fail = 1;
        else
            memcpy(c->sets[q].opt, p->sets[q].opt,
                   p->sets[q].n * sizeof *c->sets[q].opt);
    }
    if (fail) {
        pp_profile_free(c);
        return NULL;
    }
    return c;
}

int pp_straggler_profile(struct pp_profile **out, const struct pp_dag *dag,
                         const struct pp_profile *prof,
                         const struct pp_straggler *s, struct pp_error *err)
{
    *out = NULL;
    if (s->gpu < 0 || s->gpu >= dag->ngpus)
        return pp_error_set(err, PP_EINPUT, "straggler GPU %d: the schedule "
                                            "has GPUs 0 to %d",
                            s->gpu, dag->ngpus - 1);
    if (!(s->time_factor >= 1.0 && s->time_factor <= 100.0))
        return pp_error_set(err, PP_EINPUT, "straggler GPU %d: time factor "
                                            "%g should be from 1 to 100",
                            s->gpu, s->time_factor);
    if (!(s->power_factor > 0.0 && s->power_factor <= 10.0))
        return pp_error_set(err, PP_EINPUT, "straggler GPU %d: power factor "
                                            "%g should be above 0 and at "
                                            "most 10",
                            s->gpu, s->power_factor);
    /* the stages the straggler runs, and that no other GPU runs them */
    int *owner = malloc(((size_t)prof->nstages ? (size_t)prof->nstages : 1) *
                        sizeof *owner);
    if (!owner)
        return pp_error_nomem(err);
    for (int st = 0; st < prof->nstages; st++)
        owner[st] = -1;
    int rc = PP_OK;
    for (size_t i = 0; i < dag->n && !rc; i++) {
        const struct pp_instr *in = &dag->ins[i];
        if (in->stage < 0 || in->stage >= prof->nstages)
            rc = pp_error_set(err, PP_EINPUT, "the schedule uses stage %d, "
                                              "the profile has %d",
                              in->stage, prof->nstages);
        else if (owner[in->stage] < 0)
            owner[in->stage] = in->gpu;
        else if (owner[in->stage] != in->gpu &&
                 (owner[in->stage] == s->gpu || in->gpu == s->gpu))
            rc = pp_error_set(err, PP_EINPUT, "straggler GPU %d: profile "
                                              "stage %d also runs on GPU %d, "
                                              "so it cannot be slowed alone",
                              s->gpu, in->stage,
                              in->gpu == s->gpu ? owner[in->stage] : in->gpu);
    }
    struct pp_profile *c = rc ? NULL : profile_copy(prof);
    if (!rc && !c)
        rc = pp_error_nomem(err);
    for (int st = 0; !rc && st < prof->nstages; st++) {
        if (owner[st] != s->gpu)
            continue;
        for (int k = 0; k < prof->nkinds; k++) {
            struct pp_opset *set = &c->sets[(size_t)st * c->nkinds + k];
            for (size_t q = 0; q < set->n; q++) {
                set->opt[q].time *= s->time_factor;
                set->opt[q].energy *= s->time_factor * s->power_factor;
            }
        }
    }
    free(owner);
    if (rc) {
        pp_profile_free(c);
        return rc;
    }
    *out = c;
    return PP_OK;
}
