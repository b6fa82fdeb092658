/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * round.c - relaxed durations to a plan of measured frequencies: five
 * roundings, each finished by pp_realize, the cheapest kept (round.h).
 */
#include "round.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pp_rounder_free(struct pp_rounder *rc)
{
    pp_realizer_free(&rc->real);
    for (int k = 0; k < 5; k++)
        free(rc->ci[k]);
    free(rc->target);
    free(rc->cap);
    free(rc->frac);
    free(rc->dither);
    memset(rc, 0, sizeof *rc);
}

int pp_rounder_init(struct pp_rounder *rc, const struct pp_dag *dag,
                    const struct pp_hulls *h, double kpb)
{
    size_t nn = dag->n ? dag->n : 1;
    memset(rc, 0, sizeof *rc);
    rc->h = h;
    rc->n = dag->n;
    for (int k = 0; k < 5; k++)
        if (!(rc->ci[k] = malloc(nn * sizeof *rc->ci[k])))
            goto fail;
    rc->target = malloc(nn * sizeof *rc->target);
    rc->cap = malloc(nn * sizeof *rc->cap);
    rc->frac = malloc(nn * sizeof *rc->frac);
    rc->dither = malloc(nn * sizeof *rc->dither);
    if (!rc->target || !rc->cap || !rc->frac || !rc->dither ||
        pp_realizer_init(&rc->real, dag, h->stair, kpb))
        goto fail;
    return PP_OK;
fail:
    pp_rounder_free(rc);
    return PP_ENOMEM;
}

/*
 * A plan for durations D that meets DEADLINE: the cheapest of
 * five roundings, each finished by pp_realize (realize.h):
 *   (a) each instruction at the cheapest option no slower than its
 *       duration;
 *   (b) the same, but a first round moves no instruction past the slower
 *       end of its hull segment, so one instruction cannot swallow the
 *       slack a whole chain shares the way the relaxation spread it;
 *   (c) each at the faster end of its hull segment (a measured point),
 *       which leaves more slack for whole-segment jumps where the measured
 *       points between hull vertices are poor;
 *   (d) (c), then instructions jump to the slower end of their segment in
 *       order of how far along it the relaxation put them;
 *   (e) (c), then a dithered set jumps first: instruction i, a fraction f
 *       along its segment, jumps iff floor((k + 1) f + 1/4) > floor(k f +
 *       1/4) for k its kind depth -- so along every chain of one kind a
 *       fraction f jumps, spread evenly, and instructions the same depth
 *       apart on different GPUs (which run side by side) decide alike.
 *       The relaxation spreads a steady-state backward pass evenly between
 *       two hull vertices 20 ms apart; rounding each chain on its own
 *       makes the slow ones of different GPUs meet on one path, and the
 *       plan misses the deadline or pays to catch up.  A MILP solved for
 *       GPT-3 A40 8 x 48 showed this pattern in the discrete optimum.
 * None wins everywhere: on the shared profiles (a) is better on BLOOM A40,
 * (c) on GPT-3 A40, (d) brings the LP gap of BLOOM A40 8 x 48 at one
 * certify deadline from 1.02% to 0.77%, and (e) that of GPT-3 A40 8 x 48
 * from 1.46% to 0.69%.  (c), (d) and (e) are skipped when every
 * instruction sits on a vertex.
 */
void pp_round(struct pp_rounder *rc, const int64_t *d, const int32_t *seg,
              double deadline, int *mhz)
{
    const struct pp_hulls *h = rc->h;
    int32_t *best = rc->ci[0], *capped = rc->ci[1], *vertex = rc->ci[2],
            *lp = rc->ci[3], *dith = rc->ci[4];
    double *cap = rc->cap, *frac = rc->frac;
    int differ = 0;
    for (size_t i = 0; i < rc->n; i++) {
        const struct pp_stair *st = h->stair[i];
        const struct pp_pwl *p = h->pwl[i];
        size_t sg = (size_t)seg[i];
        int at_vertex = (double)d[i] == p->t[sg] || sg + 1 >= p->n;
        double up = at_vertex ? p->t[sg] : p->t[sg + 1];
        best[i] = capped[i] = (int32_t)pp_stair_at(st, (double)d[i] * 1e-9);
        vertex[i] = lp[i] = dith[i] =
            (int32_t)pp_stair_at(st, p->t[sg] * 1e-9);
        rc->target[i] = (int32_t)pp_stair_at(st, up * 1e-9);
        cap[i] = up * 1e-9;
        frac[i] = at_vertex ? 0.0
                            : ((double)d[i] - p->t[sg]) / (up - p->t[sg]);
        double k = h->depth[i];
        rc->dither[i] = floor((k + 1) * frac[i] + 0.25) >
                       floor(k * frac[i] + 0.25);
        differ |= vertex[i] != best[i];
    }
    const struct pp_realize_hint hcap = {cap, NULL, NULL},
                                 hlp = {NULL, rc->target, frac},
                                 hdith = {NULL, rc->target, rc->dither};
    const struct {
        int32_t *ci;
        const struct pp_realize_hint *hint;
    } cand[5] = {{best, NULL}, {capped, &hcap}, {vertex, NULL}, {lp, &hlp},
                 {dith, &hdith}};
    int32_t *win = NULL;
    double e = INFINITY;
    for (int c = 0; c < (differ ? 5 : 2); c++) {
        double ec = pp_realize(&rc->real, cand[c].ci, deadline, cand[c].hint);
        if (!win || ec < e) {
            win = cand[c].ci;
            e = ec;
        }
    }
    for (size_t i = 0; i < rc->n; i++)
        mhz[i] = h->stair[i]->opt[win[i]]->mhz;
}
