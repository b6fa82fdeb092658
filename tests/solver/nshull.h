/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nshull.h - the exact model's per-instruction costs for the deadline
 * tests and bench: the lower hull of each (stage, kind) (pp_pwl_hull) with
 * times rounded up to whole ns and vertices that land on the same ns
 * dropped (the faster kept), as the frontier walk holds them.
 */
#ifndef PP_TEST_NSHULL_H
#define PP_TEST_NSHULL_H

#include "solver.h"

struct nshull {
    size_t nsets;
    struct pp_pwl *sets;        /* per profile (stage, kind) */
    const struct pp_pwl **per;  /* per instruction, into sets */
};

/*
 * Costs for DAG's instructions from PROF; instruction stage s uses profile
 * stage s % prof->nstages.  0 or a PP_E* code (ERR filled).
 */
int nshull_build(struct nshull *h, const struct pp_dag *dag,
                 const struct pp_profile *prof, const struct pp_energy *en,
                 struct pp_error *err);
void nshull_free(struct nshull *h);

#endif
