/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_dag.c - pp_graph_from_arrays: grouping, edge merging, cycles, errors;
 * pp_graph_order on hand-built successor arrays.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "helpers.h"

static const char *const fb[] = {"forward", "backward"};

#define INS(g, k, m)                                                           \
    {                                                                          \
        .gpu = (g), .stage = (g), .kind = (k), .mb = (m)                       \
    }

Test(dag, groups_per_gpu_and_merges_edges)
{
    /* Instructions of two GPUs interleaved in the input array. */
    struct pp_instr ins[] = {INS(1, 0, 0), INS(0, 0, 0), INS(1, 1, 0),
                             INS(0, 1, 0), INS(1, 0, 1)};
    /* gpu 0 runs {1, 3}, gpu 1 runs {0, 2, 4}.  Extra edges: 1->0 (new),
     * 0->2 (duplicates serialisation), 1->0 again, 2->3 (new). */
    size_t edges[] = {1, 0, 0, 2, 1, 0, 2, 3};
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, 2, 5, ins, 2, fb, 4, edges, &err),
                 0, "%s", err.msg);
    check_invariants(dag);
    cr_assert_eq(dag->gpu_off[1] - dag->gpu_off[0], 2);
    cr_assert_eq(dag->gpu_seq[0], 1);
    cr_assert_eq(dag->gpu_seq[1], 3);
    cr_assert_eq(dag->gpu_seq[2], 0);
    cr_assert_eq(dag->gpu_seq[3], 2);
    cr_assert_eq(dag->gpu_seq[4], 4);
    cr_assert_eq(dag->ins[4].pos, 2);
    cr_assert_eq(dag->ins[3].pos, 1);
    /* serialisation 1->3, 0->2, 2->4; extra 1->0, 2->3 */
    cr_assert_eq(dag->nedges, 5);
    cr_assert(has_edge(dag, 1, 0));
    cr_assert(has_edge(dag, 2, 3));
    cr_assert(!has_edge(dag, 0, 1));
    cr_assert_eq(dag->topo[0], 1);
    cr_assert_str_eq(dag->schedule, "custom");
    cr_assert_eq(dag->chunks, 1);
    cr_assert_eq(dag->nstages, 2);
    cr_assert_eq(dag->microbatches, 0);
    /* kinds are copied */
    cr_assert_neq((const void *)dag->kinds[0], (const void *)fb[0]);
    char *s = dag_string(dag);
    cr_assert_str_eq(s, "gpu 0: F0 B0\ngpu 1: F0 B0 F1\n");
    free(s);
    pp_graph_free(dag);
}

Test(dag, two_gpu_cycle_is_named)
{
    struct pp_instr ins[] = {INS(0, 0, 1), INS(1, 0, 1)};
    size_t edges[] = {0, 1, 1, 0};
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, 2, 2, ins, 2, fb, 2, edges, &err),
                 PP_EINPUT);
    cr_assert_null(dag);
    cr_assert_str_eq(err.msg, "dependency cycle: gpu 0 forward mb 1 -> "
                              "gpu 1 forward mb 1 -> gpu 0 forward mb 1");
}

Test(dag, cycle_names_only_instructions_on_it)
{
    /* gpu 0: 0, 1; gpu 1: 2, 3.  3 -> 2 closes a cycle on gpu 1; 3 -> 0
     * puts gpu 0 downstream of it, but not on it. */
    struct pp_instr ins[] = {INS(0, 0, 0), INS(0, 1, 0), INS(1, 0, 0),
                             INS(1, 1, 0)};
    size_t edges[] = {3, 0, 3, 2};
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, 2, 4, ins, 2, fb, 2, edges, &err),
                 PP_EINPUT);
    cr_assert_str_eq(err.msg, "dependency cycle: gpu 1 forward mb 0 -> "
                              "gpu 1 backward mb 0 -> gpu 1 forward mb 0");
}

Test(dag, self_loop_and_ids)
{
    struct pp_instr ins[] = {INS(0, 0, 0), INS(0, 1, 0)};
    ins[0].id = "fa";
    ins[1].id = "ba";
    size_t edges[] = {1, 1};
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, 1, 2, ins, 2, fb, 1, edges, &err),
                 PP_EINPUT);
    cr_assert_str_eq(err.msg, "dependency cycle: ba -> ba");
}

Test(dag, long_cycle_message_is_elided)
{
    enum { N = 300 };
    struct pp_instr *ins = calloc(N, sizeof *ins);
    cr_assert_not_null(ins);
    for (int i = 0; i < N; i++)
        ins[i] = (struct pp_instr)INS(0, 0, i);
    size_t edges[] = {N - 1, 0};
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, 1, N, ins, 2, fb, 1, edges, &err),
                 PP_EINPUT);
    const char *start = "dependency cycle: gpu 0 forward mb 0 -> "
                        "gpu 0 forward mb 1 -> ";
    const char *end = " -> ... (300 instructions) -> gpu 0 forward mb 0";
    size_t len = strlen(err.msg);
    cr_assert_lt(len, sizeof err.msg - 1);
    cr_assert_eq(strncmp(err.msg, start, strlen(start)), 0, "%s", err.msg);
    cr_assert_str_eq(err.msg + len - strlen(end), end);
    free(ins);
}

Test(dag, chunks_and_custom_kinds)
{
    static const char *const kinds[] = {"forward", "weight", "w2"};
    struct pp_instr ins[] = {INS(0, 0, 3), INS(0, 1, 3), INS(0, 2, 3)};
    ins[1].chunk = 1;
    ins[2].stage = 5;
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, 1, 3, ins, 3, kinds, 0, NULL, &err),
                 0);
    cr_assert_eq(dag->chunks, 2);
    cr_assert_eq(dag->nstages, 6);
    char *s = dag_string(dag);
    cr_assert_str_eq(s, "gpu 0: F3.0 weight3.1 w2:3.0\n");
    free(s);
    char label[64];
    pp_graph_label(dag, 1, label, sizeof label);
    cr_assert_str_eq(label, "gpu 0 weight mb 3 chunk 1");
    pp_graph_free(dag);
}

Test(dag, free_null)
{
    pp_graph_free(NULL);
    pp_plan_free(NULL);
}

static void expect_error(int ngpus, size_t n, const struct pp_instr *ins,
                         int nkinds, size_t nedges, const size_t *edges,
                         const char *msg)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_from_arrays(&dag, ngpus, n, ins, nkinds, fb, nedges,
                                      edges, &err),
                 PP_EINPUT);
    cr_assert_null(dag);
    cr_assert_str_eq(err.msg, msg);
}

Test(dag, input_errors)
{
    struct pp_instr ok[] = {INS(0, 0, 0), INS(1, 1, 0)};
    struct pp_instr badgpu[] = {INS(0, 0, 0), INS(2, 1, 0)};
    struct pp_instr badkind[] = {INS(0, 2, 0)};
    struct pp_instr badmb[] = {INS(0, 0, -1)};
    size_t badedge[] = {0, 2};
    expect_error(0, 2, ok, 2, 0, NULL, "a DAG needs at least one GPU");
    expect_error(2, 0, ok, 2, 0, NULL, "a DAG needs at least one instruction");
    expect_error(2, 2, badgpu, 2, 0, NULL, "instruction 1: gpu 2 outside 0..1");
    expect_error(1, 1, badkind, 2, 0, NULL,
                 "instruction 0: kind 2 outside 0..1");
    expect_error(1, 1, badmb, 2, 0, NULL,
                 "instruction 0: stage, microbatch or chunk outside "
                 "0..2147483646");
    expect_error(2, 2, ok, 2, 1, badedge,
                 "dependency 0: instruction index outside 0..1");
    expect_error(2, 2, ok, 0, 0, NULL, "a DAG needs at least one kind");
}

/* pp_graph_order on successor arrays built by hand (what the solvers'
 * tests pass): an order every edge respects, and each kind of damage
 * named. */
Test(dag, order_of_hand_built_arrays)
{
    /* 0 -> 2, 1 -> 2, 2 -> 3 */
    size_t off[] = {0, 1, 2, 3, 3}, succ[] = {2, 2, 3};
    struct pp_dag d = {.n = 4, .nedges = 3, .succ_off = off, .succ = succ};
    size_t order[4], indeg[4], pos[4];
    struct pp_error err;
    cr_assert_eq(pp_graph_order(&d, order, indeg, &err), PP_OK);
    for (size_t h = 0; h < 4; h++)
        pos[order[h]] = h;
    cr_assert(pos[0] < pos[2] && pos[1] < pos[2] && pos[2] < pos[3]);
    /* a cycle 2 -> 3 -> 2: named by an instruction on it */
    size_t coff[] = {0, 1, 2, 3, 4}, csucc[] = {2, 2, 3, 2};
    struct pp_dag c = {.n = 4, .nedges = 4, .succ_off = coff, .succ = csucc};
    cr_assert_eq(pp_graph_order(&c, order, indeg, &err), PP_EINPUT);
    cr_assert_str_eq(err.msg, "DAG has a cycle (instruction 2 is on it or "
                              "after it)");
    /* an edge to a missing instruction; offsets that end elsewhere */
    succ[2] = 7;
    cr_assert_eq(pp_graph_order(&d, order, indeg, &err), PP_EINPUT);
    cr_assert_str_eq(err.msg, "DAG edge 2 points to instruction 7 of 4");
    succ[2] = 3;
    off[4] = 2;
    cr_assert_eq(pp_graph_order(&d, order, indeg, &err), PP_EINPUT);
    cr_assert_str_eq(err.msg, "DAG successor offsets are inconsistent (3 "
                              "edges, offsets end at 2)");
    d.succ_off = NULL;
    cr_assert_eq(pp_graph_order(&d, order, indeg, &err), PP_EINPUT);
    cr_assert_str_eq(err.msg, "DAG has no successor arrays");
}
