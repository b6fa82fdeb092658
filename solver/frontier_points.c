/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_points.c - the frontier's point store: points appended in solve
 * order with their plans delta-encoded (solver.h), plan reconstruction,
 * the deadline lookup, the fastest and minimum-energy points, and pruning
 * to the points a lookup could choose.  Reading and writing frontier files
 * is frontier_io.c.
 */
#include "frontier_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pp_frontier_free(struct pp_frontier *fr)
{
    if (!fr)
        return;
    free(fr->pts);
    free(fr->base_mhz);
    free(fr->chg_off);
    free(fr->chg_idx);
    free(fr->chg_mhz);
    pp_provenance_free(fr->prov);
    free(fr);
}

int pp_frontier_add(struct pp_frontier *fr, const struct pp_point *pt,
                    const int *mhz, int *prev)
{
    if (fr->npoints == fr->cap_pts) {
        size_t c = fr->cap_pts ? 2 * fr->cap_pts : 1024;
        struct pp_point *p = realloc(fr->pts, c * sizeof *p);
        if (!p)
            return PP_ENOMEM;
        fr->pts = p;
        size_t *o = realloc(fr->chg_off, c * sizeof *o);
        if (!o)
            return PP_ENOMEM;
        fr->chg_off = o;
        fr->cap_pts = c;
    }
    if (fr->npoints == 0) {
        memcpy(fr->base_mhz, mhz, fr->ninstr * sizeof *mhz);
    } else {
        for (size_t i = 0; i < fr->ninstr; i++) {
            if (mhz[i] == prev[i])
                continue;
            if (fr->nchg == fr->cap_chg) {
                size_t c = fr->cap_chg ? 2 * fr->cap_chg : 4096;
                uint32_t *ix = realloc(fr->chg_idx, c * sizeof *ix);
                if (!ix)
                    return PP_ENOMEM;
                fr->chg_idx = ix;
                int *mz = realloc(fr->chg_mhz, c * sizeof *mz);
                if (!mz)
                    return PP_ENOMEM;
                fr->chg_mhz = mz;
                fr->cap_chg = c;
            }
            fr->chg_idx[fr->nchg] = (uint32_t)i;
            fr->chg_mhz[fr->nchg++] = mhz[i];
        }
    }
    memcpy(prev, mhz, fr->ninstr * sizeof *mhz);
    fr->chg_off[fr->npoints] = fr->nchg;
    fr->pts[fr->npoints++] = *pt;
    return PP_OK;
}

void pp_frontier_plan_at(const struct pp_frontier *fr, size_t p, int *mhz)
{
    memcpy(mhz, fr->base_mhz, fr->ninstr * sizeof *mhz);
    size_t end = fr->chg_off[p];
    for (size_t k = 0; k < end; k++)
        mhz[fr->chg_idx[k]] = fr->chg_mhz[k];
}

/* The deadline rule ranks points by what they cost beyond the blocking a
 * lasting iteration pays anyway: E - pblock * T. */
static int rule_lasting(const struct pp_frontier *fr)
{
    return fr->model == PP_MODEL_EXACT && isfinite(fr->pblock);
}

static double rank(const struct pp_frontier *fr, size_t p, int lasting)
{
    return lasting ? fr->pts[p].energy - fr->pblock * fr->pts[p].time
                   : fr->pts[p].energy;
}

static long lookup(const struct pp_frontier *fr, double deadline,
                   int lasting)
{
    long best = -1;
    double br = 0.0;
    for (size_t p = 0; p < fr->npoints; p++) {
        if (fr->pts[p].time > deadline * (1 + 1e-12))
            continue;
        double r = rank(fr, p, lasting);
        if (best < 0 || r < br) {
            best = (long)p;
            br = r;
        }
    }
    return best;
}

long pp_frontier_lookup(const struct pp_frontier *fr, double deadline)
{
    return lookup(fr, deadline, rule_lasting(fr));
}

long pp_frontier_lookup_published(const struct pp_frontier *fr,
                                  double deadline)
{
    return lookup(fr, deadline, 0);
}

double pp_frontier_energy_lasting(const struct pp_frontier *fr, size_t p,
                                  double deadline)
{
    const struct pp_point *pt = &fr->pts[p];
    return deadline > pt->time ? pt->energy + fr->pblock * (deadline - pt->time)
                               : pt->energy;
}

size_t pp_frontier_fastest(const struct pp_frontier *fr)
{
    size_t best = 0;
    for (size_t p = 1; p < fr->npoints; p++)
        if (fr->pts[p].time < fr->pts[best].time ||
            (fr->pts[p].time == fr->pts[best].time &&
             fr->pts[p].energy < fr->pts[best].energy))
            best = p;
    return best;
}

size_t pp_frontier_min_energy(const struct pp_frontier *fr)
{
    size_t best = 0;
    for (size_t p = 1; p < fr->npoints; p++)
        if (fr->pts[p].energy < fr->pts[best].energy)
            best = p;
    return best;
}


/*
 * Keep only the realized points pp_frontier_lookup could choose: drop a
 * point if another is no slower and ranks lower (or ranks the same and is
 * faster, or both and earlier).  Under the deadline rule the rank is
 * E - pblock * T, so points past T* stay (dominated in (T, E), each the
 * best for deadlines from its time on); under the published rule it is E,
 * the Pareto frontier.  Plans are re-encoded as changes between kept
 * points.  O(P log P + P n).
 */
struct tei {
    double time, rank;
    size_t idx;
};

static int by_tei(const void *a, const void *b)
{
    const struct tei *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int pp_frontier_prune(struct pp_frontier *fr)
{
    size_t np = fr->npoints, n = fr->ninstr;
    struct tei *ord = malloc(np * sizeof *ord);
    unsigned char *keep = calloc(np, 1);
    int *cur = malloc(n * sizeof *cur), *last = malloc(n * sizeof *last);
    struct pp_frontier nf = *fr;
    int rc = PP_ENOMEM, lasting = rule_lasting(fr);
    nf.pts = NULL;
    nf.base_mhz = NULL;
    nf.chg_off = NULL;
    nf.chg_idx = NULL;
    nf.chg_mhz = NULL;
    if (!ord || !keep || !cur || !last)
        goto out;
    for (size_t p = 0; p < np; p++)
        ord[p] = (struct tei){fr->pts[p].time, rank(fr, p, lasting), p};
    qsort(ord, np, sizeof *ord, by_tei);
    double best = INFINITY;
    for (size_t k = 0; k < np; k++)
        if (ord[k].rank < best) {
            best = ord[k].rank;
            keep[ord[k].idx] = 1;
        }
    nf.npoints = nf.nchg = nf.cap_chg = nf.cap_pts = 0;
    nf.base_mhz = malloc(n * sizeof *nf.base_mhz);
    if (!nf.base_mhz)
        goto out;
    for (size_t p = 0; p < np; p++) {
        if (p == 0) {
            memcpy(cur, fr->base_mhz, n * sizeof *cur);
        } else {
            for (size_t k = fr->chg_off[p - 1]; k < fr->chg_off[p]; k++)
                cur[fr->chg_idx[k]] = fr->chg_mhz[k];
        }
        if (keep[p] && pp_frontier_add(&nf, &fr->pts[p], cur, last))
            goto out;
    }
    free(fr->pts);
    free(fr->base_mhz);
    free(fr->chg_off);
    free(fr->chg_idx);
    free(fr->chg_mhz);
    *fr = nf;
    memset(&nf, 0, sizeof nf);
    rc = PP_OK;
out:
    free(nf.pts);
    free(nf.base_mhz);
    free(nf.chg_off);
    free(nf.chg_idx);
    free(nf.chg_mhz);
    free(ord);
    free(keep);
    free(cur);
    free(last);
    return rc;
}

