/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpers.c - shared helpers of the graph module's Criterion tests.
 */
#include "helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dag_string(const struct pp_dag *dag)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(pp_graph_print(dag, f), 0);
    fclose(f);
    return buf;
}

char *plan_string(const struct pp_plan *plan, const struct pp_dag *dag,
                  enum pp_plan_format format, const char *comment)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(pp_plan_write(plan, dag, format, comment, f), 0);
    fclose(f);
    return buf;
}

struct pp_dag *build(enum pp_schedule_kind kind, int S, int M, int V)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    int rc = pp_graph_build(&dag, kind, S, M, V, &err);
    cr_assert_eq(rc, 0, "build failed: %s", err.msg);
    cr_assert_not_null(dag);
    check_invariants(dag);
    return dag;
}

size_t find_instr(const struct pp_dag *dag, int gpu, const char *kind, int mb,
                  int chunk)
{
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        if (in->gpu == gpu && in->mb == mb && in->chunk == chunk &&
            strcmp(dag->kinds[in->kind], kind) == 0)
            return i;
    }
    cr_assert_fail("no instruction gpu %d %s mb %d chunk %d", gpu, kind, mb,
                   chunk);
    return 0;
}

struct pp_dag *tiny_dag(struct pp_plan **plan)
{
    static const int mhz[] = {1410, 1395, 1380, 1365};
    struct pp_dag *dag = build(PP_SCHED_1F1B, 2, 1, 1);
    cr_assert_eq(dag->n, 4);
    cr_assert_eq(pp_plan_new(plan, 4), 0);
    memcpy((*plan)->mhz, mhz, sizeof mhz);
    return dag;
}

int has_edge(const struct pp_dag *dag, size_t from, size_t to)
{
    for (size_t k = dag->succ_off[from]; k < dag->succ_off[from + 1]; k++)
        if (dag->succ[k] == to)
            return 1;
    return 0;
}

void check_invariants(const struct pp_dag *dag)
{
    size_t n = dag->n;
    size_t *rank = calloc(n, sizeof *rank);
    unsigned char *seen = calloc(n, 1);
    cr_assert(rank && seen);

    cr_assert_eq(dag->succ_off[0], 0);
    cr_assert_eq(dag->succ_off[n], dag->nedges);
    cr_assert_eq(dag->pred_off[n], dag->nedges);
    for (size_t k = 0; k < n; k++) {
        size_t i = dag->topo[k];
        cr_assert_lt(i, n);
        cr_assert_eq(seen[i], 0, "instruction %zu twice in topo", i);
        seen[i] = 1;
        rank[i] = k;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = dag->succ_off[i]; k < dag->succ_off[i + 1]; k++) {
            size_t j = dag->succ[k];
            cr_assert_lt(rank[i], rank[j], "edge %zu->%zu against topo", i, j);
            if (k > dag->succ_off[i])
                cr_assert_lt(dag->succ[k - 1], j, "succ not sorted/unique");
            size_t c = 0;
            for (size_t q = dag->pred_off[j]; q < dag->pred_off[j + 1]; q++)
                c += dag->pred[q] == i;
            cr_assert_eq(c, 1, "edge %zu->%zu not once in pred", i, j);
        }
    }
    size_t total = 0;
    for (int g = 0; g < dag->ngpus; g++) {
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            cr_assert_eq(dag->ins[i].gpu, g);
            cr_assert_eq((size_t)dag->ins[i].pos, k - dag->gpu_off[g]);
            if (k > dag->gpu_off[g])
                cr_assert(has_edge(dag, dag->gpu_seq[k - 1], i),
                          "missing serialisation edge on gpu %d", g);
            total++;
        }
    }
    cr_assert_eq(total, n);
    free(seen);
    free(rank);
}
