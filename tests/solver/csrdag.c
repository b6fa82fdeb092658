/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csrdag.c - hand-built CSR DAGs for the solver tests (see csrdag.h):
 * edges counted per source, prefix-summed into succ_off, then placed.
 */
#include "csrdag.h"

#include <criterion/criterion.h>
#include <stdlib.h>

struct pp_dag *mkdag(size_t n, size_t ne, const size_t *edges)
{
    struct pp_dag *d = calloc(1, sizeof *d);
    cr_assert_not_null(d);
    d->n = n;
    d->nedges = ne;
    d->succ_off = calloc(n + 1, sizeof *d->succ_off);
    d->succ = malloc((ne ? ne : 1) * sizeof *d->succ);
    size_t *fill = calloc(n + 1, sizeof *fill);
    cr_assert(d->succ_off && d->succ && fill);
    for (size_t e = 0; e < ne; e++)
        d->succ_off[edges[2 * e] + 1]++;
    for (size_t i = 0; i < n; i++)
        d->succ_off[i + 1] += d->succ_off[i];
    for (size_t e = 0; e < ne; e++) {
        size_t i = edges[2 * e];
        d->succ[d->succ_off[i] + fill[i]++] = edges[2 * e + 1];
    }
    free(fill);
    return d;
}

void freedag(struct pp_dag *d)
{
    if (!d)
        return;
    free(d->succ_off);
    free(d->succ);
    free(d);
}
