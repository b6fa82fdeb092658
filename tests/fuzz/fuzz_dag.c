/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_dag.c - fuzz target for custom DAG files (pp_graph_parse_yaml).
 *
 * A failure must follow the error contract (fuzz.h).  A DAG that loads
 * must satisfy everything graph.h promises: GPUs 0..G-1 each with at least
 * one instruction, gpu_seq/pos consistent, successor and predecessor lists
 * sorted, duplicate-free and mirror images of each other, consecutive
 * instructions of a GPU linked, and topo a permutation that every edge
 * respects.  Then a plan for it is written in all three plan formats and
 * read back (pp_plan_parse), which must give the same frequencies: ids and
 * kinds a user chose must survive the writers' quoting.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "graph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int has_edge(const struct pp_dag *dag, size_t u, size_t v)
{
    for (size_t k = dag->succ_off[u]; k < dag->succ_off[u + 1]; k++)
        if (dag->succ[k] == v)
            return 1;
    return 0;
}

static void check_dag(const struct pp_dag *dag)
{
    size_t n = dag->n;
    size_t *rank = calloc(n, sizeof *rank);
    unsigned char *seen = calloc(n, 1);

    FUZZ_CHECK(rank && seen);
    FUZZ_CHECK(n >= 1 && dag->ngpus >= 1 && dag->nkinds >= 1);
    FUZZ_CHECK(strcmp(dag->schedule, "custom") == 0);
    FUZZ_CHECK(dag->gpu_off[0] == 0 && dag->gpu_off[dag->ngpus] == n);
    for (int g = 0; g < dag->ngpus; g++) {
        FUZZ_CHECK(dag->gpu_off[g + 1] > dag->gpu_off[g]); /* no gaps */
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            FUZZ_CHECK(i < n && !seen[i]);
            seen[i] = 1;
            FUZZ_CHECK(dag->ins[i].gpu == g);
            FUZZ_CHECK((size_t)dag->ins[i].pos == k - dag->gpu_off[g]);
            if (k > dag->gpu_off[g])
                FUZZ_CHECK(has_edge(dag, dag->gpu_seq[k - 1], i));
        }
    }
    for (size_t i = 0; i < n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        FUZZ_CHECK(in->id != NULL);
        FUZZ_CHECK(in->kind >= 0 && in->kind < dag->nkinds);
        FUZZ_CHECK(in->stage >= 0 && in->stage < dag->nstages);
        FUZZ_CHECK(in->chunk >= 0 && in->chunk < dag->chunks);
        FUZZ_CHECK(in->mb >= 0);
    }
    FUZZ_CHECK(dag->succ_off[n] == dag->nedges &&
               dag->pred_off[n] == dag->nedges);
    memset(seen, 0, n);
    for (size_t k = 0; k < n; k++) {
        FUZZ_CHECK(dag->topo[k] < n && !seen[dag->topo[k]]);
        seen[dag->topo[k]] = 1;
        rank[dag->topo[k]] = k;
    }
    for (size_t u = 0; u < n; u++) {
        for (size_t k = dag->succ_off[u]; k < dag->succ_off[u + 1]; k++) {
            size_t v = dag->succ[k];
            FUZZ_CHECK(v < n && v != u && rank[u] < rank[v]);
            if (k > dag->succ_off[u])
                FUZZ_CHECK(dag->succ[k - 1] < v);
        }
        for (size_t k = dag->pred_off[u]; k < dag->pred_off[u + 1]; k++) {
            size_t v = dag->pred[k];
            FUZZ_CHECK(v < n && has_edge(dag, v, u));
            if (k > dag->pred_off[u])
                FUZZ_CHECK(dag->pred[k - 1] < v);
        }
    }
    free(seen);
    free(rank);
}

/* Write PLAN in FORMAT, read it back, compare. */
static void plan_round_trip(const struct pp_dag *dag,
                            const struct pp_plan *plan,
                            enum pp_plan_format format)
{
    char *buf = NULL;
    size_t len = 0;
    struct pp_plan *back = NULL;
    struct pp_error err;
    FILE *f = open_memstream(&buf, &len);

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(pp_plan_write(plan, dag, format, "fuzz\nround trip", f) ==
               PP_OK);
    FUZZ_CHECK(fclose(f) == 0);
    if (pp_plan_parse(&back, "rt", buf, len, dag, &err) != PP_OK) {
        fprintf(stderr, "plan round trip (format %d) failed: %s\n%s\n",
                (int)format, err.msg, buf);
        abort();
    }
    FUZZ_CHECK(back->n == plan->n);
    FUZZ_CHECK(memcmp(back->mhz, plan->mhz, plan->n * sizeof *plan->mhz) == 0);
    pp_plan_free(back);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pp_dag *dag = NULL;
    struct pp_plan *plan = NULL;
    struct pp_error err = {0};
    char label[256];
    int rc = pp_graph_parse_yaml(&dag, "fuzz", (const char *)data, size, &err);

    if (rc != PP_OK) {
        fuzz_check_error(rc, &err, "fuzz", dag);
        return 0;
    }
    check_dag(dag);
    for (size_t i = 0; i < dag->n; i++)
        pp_graph_label(dag, i, label, sizeof label);
    FILE *null = fopen("/dev/null", "w");
    FUZZ_CHECK(null != NULL);
    FUZZ_CHECK(pp_graph_print(dag, null) == PP_OK);
    fclose(null);
    FUZZ_CHECK(pp_plan_new(&plan, dag->n) == PP_OK);
    for (size_t i = 0; i < dag->n; i++)
        plan->mhz[i] = 210 + (int)(i * 7919 % 1500);
    plan_round_trip(dag, plan, PP_PLAN_YAML);
    plan_round_trip(dag, plan, PP_PLAN_JSON);
    plan_round_trip(dag, plan, PP_PLAN_ZEUS);
    pp_plan_free(plan);
    pp_graph_free(dag);
    return 0;
}
