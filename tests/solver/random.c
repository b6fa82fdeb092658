/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * random.c - random DAGs and profiles for the solver tests; see random.h.
 */
#include "random.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const kinds[] = {"forward", "backward", "weight"};

struct pp_dag *rnd_dag(unsigned *seed, int g, size_t n, int nk)
{
    struct pp_instr *ins = calloc(n, sizeof *ins);
    size_t *edges = malloc(4 * n * sizeof *edges), ne = 0;
    for (size_t i = 0; i < n; i++) {
        ins[i].gpu = i < (size_t)g ? (int)i : rand_r(seed) % g;
        ins[i].stage = ins[i].gpu;
        ins[i].kind = rand_r(seed) % nk;
        ins[i].mb = (int)i;
    }
    for (size_t j = 1; j < n; j++)
        for (int r = rand_r(seed) % 3; r > 0; r--) {
            edges[2 * ne] = (size_t)rand_r(seed) % j;
            edges[2 * ne + 1] = j;
            ne++;
        }
    struct pp_dag *dag;
    struct pp_error err;
    cr_assert_eq(pp_graph_from_arrays(&dag, g, n, ins, nk, kinds, ne, edges,
                                      &err), 0, "%s", err.msg);
    free(ins);
    free(edges);
    return dag;
}

struct pp_profile *rnd_profile_x(unsigned *seed, int stages, int nk,
                                 int smooth)
{
    size_t cap = 1 << 16, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv + len, cap - len,
                            "stage,instruction,frequency,time,energy\n");
    for (int s = 0; s < stages; s++)
        for (int k = 0; k < nk; k++) {
            int nf = smooth ? 8 : 4 + rand_r(seed) % 7;
            double base = 0.02 + 0.03 * (rand_r(seed) % 100) / 100.0;
            for (int q = 0; q < nf; q++) {
                int mhz = 1410 - 45 * q;
                double x = 1410.0 / mhz;
                double t = base * (0.3 + 0.7 * x);
                double p = 80 + 220 * pow(1.0 / x, 2.2);
                double e = t * p * (1 + 0.03 * (rand_r(seed) % 100) / 100.0);
                if (smooth)
                    e = 20.0 * exp(-50.0 * t) + 3.0 + 50.0 * t;
                len += (size_t)snprintf(csv + len, cap - len,
                                        "%d,%s,%d,%.9f,%.9f\n", s, kinds[k],
                                        mhz, t, e);
            }
        }
    struct pp_profile *p;
    struct pp_error err;
    cr_assert_eq(pp_profile_parse_csv(&p, "random.csv", csv, len, &err), 0,
                 "%s", err.msg);
    free(csv);
    return p;
}

struct pp_profile *rnd_profile(unsigned *seed, int stages, int nk)
{
    return rnd_profile_x(seed, stages, nk, 0);
}
