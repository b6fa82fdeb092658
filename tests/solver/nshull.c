/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nshull.c - per-instruction hulls in whole ns (nshull.h).
 */
#include "nshull.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

void nshull_free(struct nshull *h)
{
    for (size_t k = 0; h->sets && k < h->nsets; k++)
        pp_pwl_clear(&h->sets[k]);
    free(h->sets);
    free(h->per);
    memset(h, 0, sizeof *h);
}

int nshull_build(struct nshull *h, const struct pp_dag *dag,
                 const struct pp_profile *prof, const struct pp_energy *en,
                 struct pp_error *err)
{
    int rc = PP_OK;
    memset(h, 0, sizeof *h);
    h->nsets = (size_t)prof->nstages * (size_t)prof->nkinds;
    h->sets = calloc(h->nsets, sizeof *h->sets);
    h->per = calloc(dag->n, sizeof *h->per);
    if (!h->sets || !h->per) {
        nshull_free(h);
        return pp_error_nomem(err);
    }
    for (size_t i = 0; i < dag->n && !rc; i++) {
        int stage = dag->ins[i].stage % prof->nstages;
        int kind = pp_profile_kind(prof, dag->kinds[dag->ins[i].kind]);
        if (kind < 0) {
            rc = pp_error_set(err, PP_EINPUT, "kind %s not in the profile",
                              dag->kinds[dag->ins[i].kind]);
            break;
        }
        struct pp_pwl *p = &h->sets[(size_t)stage * prof->nkinds + kind];
        if (p->n == 0) {
            rc = pp_pwl_hull(p, pp_profile_ops(prof, stage, kind), en, err);
            size_t m = 0;
            for (size_t k = 0; !rc && k < p->n; k++) {
                double t = ceil(p->t[k] * 1e9 - 1e-6);
                if (m > 0 && t <= p->t[m - 1])
                    continue; /* same ns as the faster vertex */
                p->t[m] = t;
                p->c[m] = p->c[k];
                p->mhz[m] = p->mhz[k];
                m++;
            }
            p->n = m;
        }
        h->per[i] = p;
    }
    if (rc)
        nshull_free(h);
    return rc;
}
