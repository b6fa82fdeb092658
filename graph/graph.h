/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph.h - pipeline schedules as instruction DAGs, and frequency plans.
 *
 * A DAG holds every instruction of one training iteration of one pipeline:
 * the GPU it runs on, the profile stage whose measurements it uses, its kind
 * (an index into dag->kinds: "forward", "backward", ...), microbatch and model
 * chunk.  Instructions on one GPU run in schedule order (gpu_seq); a
 * dependency i -> j means j starts after i finishes.  Serialisation edges
 * between consecutive instructions of a GPU are ordinary dependencies in
 * succ/pred.  Arrays are CSR: the successors of i are
 * succ[succ_off[i] .. succ_off[i+1]-1].  topo lists all instructions in a
 * topological order.  No dummy source or sink is stored: instructions without
 * predecessors start at time 0 and the iteration ends when the last finishes.
 *
 * Builders:
 *   - 1F1B exactly as the reference (SPEC 2.5): stage s runs
 *     w = min(S - s, M) warm-up forwards, then for i = 0..M-1: B_i, then
 *     F_{i+w} if i + w < M.  Edges: consecutive instructions of a stage,
 *     F(s,m) -> F(s+1,m), B(s+1,m) -> B(s,m).
 *   - GPipe: every stage runs F_0..F_{M-1}, then B_{M-1}..B_0 ... (see
 *     schedule.c for the exact order).
 *   - interleaved 1F1B (Megatron-LM virtual pipeline, V chunks per GPU).
 *   - a custom DAG read from YAML (man perseus-plan-profiles(5)).
 */
#ifndef PP_GRAPH_H
#define PP_GRAPH_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

struct pp_instr {
    int gpu;   /* 0..ngpus-1 */
    int stage; /* profile stage whose measurements this instruction uses */
    int kind;  /* index into dag->kinds */
    int mb;    /* microbatch, 0-based */
    int chunk; /* model chunk on its GPU (interleaved), else 0 */
    int pos;   /* position in its GPU's order */
    char *id;  /* custom DAGs: the instruction's id; NULL for built-ins */
};

struct pp_dag {
    int ngpus;
    int nstages;     /* number of profile stages referenced (max stage + 1) */
    int nkinds;
    char **kinds;    /* kind names; built-ins use "forward" and "backward" */
    size_t n;        /* instructions */
    struct pp_instr *ins;
    size_t *gpu_off; /* ngpus + 1 */
    size_t *gpu_seq; /* n: instructions of GPU g in order are
                        gpu_seq[gpu_off[g] .. gpu_off[g+1]-1] */
    size_t nedges;
    size_t *succ_off, *succ; /* CSR successors (n + 1, nedges) */
    size_t *pred_off, *pred; /* CSR predecessors */
    size_t *topo;            /* n, a topological order */
    char *schedule;          /* "1f1b", "gpipe", "interleaved", "custom" */
    int microbatches;        /* M for built-ins, 0 for custom */
    int chunks;              /* V for interleaved, else 1 */
};

enum pp_schedule_kind { PP_SCHED_1F1B, PP_SCHED_GPIPE, PP_SCHED_INTERLEAVED };

/*
 * Build a built-in schedule for S GPUs and M microbatches (V chunks per GPU
 * for interleaved; ignored otherwise).  For interleaved, instruction stage =
 * chunk * S + gpu (a profile with S*V stages).  Returns 0 and a new DAG, or
 * PP_EINPUT (bad sizes, e.g. interleaved needs M % S == 0) / PP_ENOMEM.
 */
int pp_graph_build(struct pp_dag **out, enum pp_schedule_kind kind, int S,
                   int M, int V, struct pp_error *err);

/* Parse a schedule name ("1f1b", "gpipe", "interleaved"); -1 if unknown. */
int pp_schedule_parse(const char *name);

/*
 * Load a custom DAG from a YAML file (man perseus-plan-profiles(5)).
 * Rejects dangling references (FILE:LINE:COL) and cycles (naming the
 * instructions on the cycle).
 */
int pp_graph_load_yaml(struct pp_dag **out, const char *path,
                       struct pp_error *err);
int pp_graph_parse_yaml(struct pp_dag **out, const char *name,
                        const char *text, size_t len, struct pp_error *err);

/*
 * Build a DAG from arrays (used by the YAML loader and tests): instructions
 * INS[0..n-1] with gpu/stage/kind/mb/chunk/id filled (pos ignored; per-GPU
 * order is the order of INS), kind names KINDS[0..nkinds-1] (copied), and
 * extra dependencies EDGES as pairs (from, to).  Same-GPU serialisation edges
 * are added automatically.  Fails with PP_EINPUT on a cycle, naming it.
 */
int pp_graph_from_arrays(struct pp_dag **out, int ngpus, size_t n,
                         const struct pp_instr *ins, int nkinds,
                         const char *const *kinds, size_t nedges,
                         const size_t *edges, struct pp_error *err);

void pp_graph_free(struct pp_dag *dag);

/* Short label of instruction i, e.g. "gpu 2 forward mb 5" (chunk if V>1). */
void pp_graph_label(const struct pp_dag *dag, size_t i, char *buf, size_t len);

/* Print the schedule, one line per GPU, e.g. "gpu 0: F0 F1 B0 F2 ...". */
int pp_graph_print(const struct pp_dag *dag, FILE *f);

/* ------------------------------------------------------------------------ */
/* Frequency plans                                                          */

/* A plan gives the frequency (MHz) of every instruction of a DAG. */
struct pp_plan {
    size_t n;
    int *mhz; /* n, indexed like dag->ins */
};

int pp_plan_new(struct pp_plan **out, size_t n);
void pp_plan_free(struct pp_plan *plan);

/*
 * Plan files.  The project's own format (YAML or JSON, format_version 1):
 *
 *   format_version: 1
 *   schedule: 1f1b          # informational
 *   gpus:
 *     - gpu: 0
 *       instructions:
 *         - {kind: forward, microbatch: 0, chunk: 0, frequency: 1410}
 *         ...
 *
 * and the Zeus Pipeline Frequency Optimizer format (freqs_pipeline_%05d.py):
 * a Python list with one list per stage of ('forward'|'backward', MHz)
 * tuples in execution order.  Reading checks the plan against DAG: every
 * instruction of every GPU present, in order, kinds matching.
 */
int pp_plan_load(struct pp_plan **out, const char *path,
                 const struct pp_dag *dag, struct pp_error *err);
int pp_plan_parse(struct pp_plan **out, const char *name, const char *text,
                  size_t len, const struct pp_dag *dag, struct pp_error *err);
int pp_plan_parse_zeus(struct pp_plan **out, const char *name,
                       const char *text, size_t len, const struct pp_dag *dag,
                       struct pp_error *err);

enum pp_plan_format { PP_PLAN_YAML, PP_PLAN_JSON, PP_PLAN_ZEUS };

/*
 * Write PLAN for DAG in FORMAT.  COMMENT (may be NULL) is written as a
 * comment header (YAML/Zeus) or a "comment" field (JSON).  Returns 0 or
 * PP_EIO (after a failed write).
 */
int pp_plan_write(const struct pp_plan *plan, const struct pp_dag *dag,
                  enum pp_plan_format format, const char *comment, FILE *f);

#endif
