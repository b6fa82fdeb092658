/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * golden.c - the lowtime model against the reference's published frontiers
 * (../shared/data/sosp24/emulation/iteration_time_energy): same number of
 * points, same iteration times, energies within 1e-4 relative.
 */
#include "golden.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared.h"
#include "solver.h"

void golden_case(const char *gpu, const char *model, int mb)
{
    char gold_path[1024];
    shared_path(gold_path, sizeof gold_path,
                "iteration_time_energy/%s/%s_bf16_mb%d.csv", gpu, model, mb);
    struct pp_profile *prof = shared_profile(model, gpu);
    struct pp_dag *dag = shared_dag(mb);
    FILE *g = fopen(gold_path, "r");
    cr_assert_not_null(g, "%s", gold_path);
    struct pp_frontier *fr;
    struct pp_error err;
    struct pp_solve_opts o;
    pp_solve_opts_init(&o);
    o.model = PP_MODEL_LOWTIME;
    o.unit_time = strcmp(gpu, "a40") ? 1e-3 : 1e-4;
    o.energy.blocking_power = shared_blocking_power(gpu);
    cr_assert_eq(pp_frontier_solve(&fr, dag, prof, &o, &err), 0, "%s",
                 err.msg);
    char line[256];
    cr_assert(fgets(line, sizeof line, g) && !strncmp(line, "time,energy", 11));
    size_t k = 0;
    double worst = 0;
    while (fgets(line, sizeof line, g)) {
        double t, e;
        cr_assert_eq(sscanf(line, "%lf,%lf", &t, &e), 2);
        cr_assert_lt(k, fr->npoints, "the reference has more points (%zu)",
                     fr->npoints);
        const struct pp_point *pt = &fr->pts[k];
        cr_assert_float_eq(pt->time_model, t, 1e-9 * t, "point %zu time", k);
        double rel = fabs(pt->energy_model - e) / e;
        cr_assert_lt(rel, 1e-4, "point %zu: energy %.9g vs %.9g", k,
                     pt->energy_model, e);
        if (rel > worst)
            worst = rel;
        k++;
    }
    cr_expect_eq(k, fr->npoints, "the reference has %zu points, we %zu", k,
                 fr->npoints);
    cr_log_info("%s %s mb%d: %zu points, worst energy error %.3g", gpu, model,
                mb, k, worst);
    fclose(g);
    pp_frontier_free(fr);
    pp_graph_free(dag);
    pp_profile_free(prof);
}
