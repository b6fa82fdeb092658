/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hulls.c - the exact model's per-instruction costs: convex hulls in
 * integer ns, their slopes in flow-capacity units, the realization
 * staircases and the kind depths, built once per (stage, kind) pair.
 */
#include "hulls.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

int64_t pp_hulls_slope_units(const struct pp_pwl *p, size_t k)
{
    double s = (p->c[k] - p->c[k + 1]) / (p->t[k + 1] - p->t[k]);
    double u = llround(s * PP_EX_SCALE);
    if (u < 0)
        u = 0;
    if (u > (double)(PP_FLOW_INF / 4))
        u = (double)(PP_FLOW_INF / 4);
    return (int64_t)u;
}

/* Slope units of every segment of P (n - 1 entries), computed once. */
static int64_t *slope_table(const struct pp_pwl *p)
{
    int64_t *su = malloc((p->n ? p->n : 1) * sizeof *su);
    if (su)
        for (size_t k = 0; k + 1 < p->n; k++)
            su[k] = pp_hulls_slope_units(p, k);
    return su;
}

double pp_hulls_cost(const struct pp_pwl *p, size_t k, int64_t d)
{
    if (k + 1 >= p->n || (double)d == p->t[k])
        return p->c[k];
    double f = ((double)d - p->t[k]) / (p->t[k + 1] - p->t[k]);
    return p->c[k] + f * (p->c[k + 1] - p->c[k]);
}

/* Hull in ns: times rounded up, so planned durations bound real times. */
static int hull_ns(struct pp_pwl *out, const struct pp_opset *set,
                   const struct pp_energy *en, struct pp_error *err)
{
    int rc = pp_pwl_hull(out, set, en, err);
    if (rc)
        return rc;
    size_t m = 0;
    for (size_t k = 0; k < out->n; k++) {
        double t = ceil(out->t[k] * 1e9 - 1e-6);
        if (m > 0 && t <= out->t[m - 1])
            continue; /* same ns as the faster vertex: keep the faster */
        out->t[m] = t;
        out->c[m] = out->c[k];
        out->mhz[m] = out->mhz[k];
        m++;
    }
    out->n = m;
    return PP_OK;
}

void pp_hulls_clear(struct pp_hulls *h)
{
    for (size_t k = 0; k < h->nsets; k++) {
        if (h->pwls)
            pp_pwl_clear(&h->pwls[k]);
        if (h->stairs)
            pp_stair_clear(&h->stairs[k]);
        if (h->slopes)
            free(h->slopes[k]);
    }
    free(h->pwls);
    free(h->stairs);
    free(h->slopes);
    free(h->pwl);
    free(h->stair);
    free(h->slope);
    free(h->depth);
    memset(h, 0, sizeof *h);
}

int pp_hulls_build(struct pp_hulls *h, const struct pp_dag *g,
                   const struct pp_profile *P, const int *kindmap,
                   const struct pp_energy *en, struct pp_error *err)
{
    size_t n = g->n, nn = n ? n : 1;
    size_t nsets = (size_t)P->nstages * (size_t)P->nkinds;
    double kpb = en->gpus_per_stage * en->blocking_power;
    unsigned char *used = NULL;
    int32_t *scratch = NULL;
    int rc = PP_OK;

    memset(h, 0, sizeof *h);
    h->nsets = nsets;
    h->pwls = calloc(nsets ? nsets : 1, sizeof *h->pwls);
    h->stairs = calloc(nsets ? nsets : 1, sizeof *h->stairs);
    h->slopes = calloc(nsets ? nsets : 1, sizeof *h->slopes);
    h->pwl = malloc(nn * sizeof *h->pwl);
    h->stair = malloc(nn * sizeof *h->stair);
    h->slope = malloc(nn * sizeof *h->slope);
    h->depth = malloc(nn * sizeof *h->depth);
    used = calloc(nsets ? nsets : 1, 1);
    scratch = malloc(nn * sizeof *scratch);
    if (!h->pwls || !h->stairs || !h->slopes || !h->pwl || !h->stair ||
        !h->slope || !h->depth || !used || !scratch) {
        rc = pp_error_nomem(err);
        goto out;
    }
    /* built only for pairs the schedule uses */
    for (size_t i = 0; i < n; i++)
        used[(size_t)g->ins[i].stage * P->nkinds + kindmap[g->ins[i].kind]] = 1;
    for (size_t k = 0; k < nsets && !rc; k++) {
        if (!used[k])
            continue;
        rc = hull_ns(&h->pwls[k], &P->sets[k], en, err);
        if (!rc && (pp_stair_build(&h->stairs[k], &P->sets[k], kpb) ||
                    !(h->slopes[k] = slope_table(&h->pwls[k]))))
            rc = pp_error_nomem(err);
    }
    if (rc)
        goto out;
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)g->ins[i].stage * P->nkinds +
                   kindmap[g->ins[i].kind];
        h->pwl[i] = &h->pwls[k];
        h->stair[i] = &h->stairs[k];
        h->slope[i] = h->slopes[k];
    }
    pp_graph_kind_depth(g, h->depth, scratch);
out:
    free(used);
    free(scratch);
    if (rc)
        pp_hulls_clear(h);
    return rc;
}
