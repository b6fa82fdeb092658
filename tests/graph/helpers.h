/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpers.h - shared helpers of the graph module's Criterion tests.
 *
 * They capture printed output in memory (open_memstream) and check the
 * structural invariants every DAG must satisfy, so the individual tests can
 * concentrate on the expected orders and messages.
 */
#ifndef PP_TEST_GRAPH_HELPERS_H
#define PP_TEST_GRAPH_HELPERS_H

#include <stddef.h>

#include "graph.h"

/* pp_graph_print output (caller frees). */
char *dag_string(const struct pp_dag *dag);

/* pp_plan_write output (caller frees); asserts the write succeeds. */
char *plan_string(const struct pp_plan *plan, const struct pp_dag *dag,
                  enum pp_plan_format format, const char *comment);

/* pp_graph_build that must succeed; also checks the invariants. */
struct pp_dag *build(enum pp_schedule_kind kind, int S, int M, int V);

/* Index of the instruction (gpu, kind name, mb, chunk); asserts it exists. */
size_t find_instr(const struct pp_dag *dag, int gpu, const char *kind, int mb,
                  int chunk);

/* 1F1B with 2 GPUs and 1 microbatch (gpu 0: F0 B0, gpu 1: F0 B0) and a
 * plan for it with frequencies 1410, 1395, 1380, 1365 in dag->ins order. */
struct pp_dag *tiny_dag(struct pp_plan **plan);

int has_edge(const struct pp_dag *dag, size_t from, size_t to);

/*
 * Invariants: pred is the transpose of succ, lists sorted without
 * duplicates, topo a permutation in which every edge points forward,
 * gpu_seq/pos consistent and consecutive instructions of a GPU linked.
 */
void check_invariants(const struct pp_dag *dag);

#endif
