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
 * succ[succ_off[i] .. succ_off[i+1]-1]; every successor and predecessor list
 * is sorted by instruction index, without duplicates.  topo lists all
 * instructions in a topological order.  No dummy source or sink is stored: instructions without
 * predecessors start at time 0 and the iteration ends when the last finishes.
 *
 * Builders:
 *   - 1F1B exactly as the reference (SPEC 2.5): stage s runs
 *     w = min(S - s, M) warm-up forwards, then for i = 0..M-1: B_i, then
 *     F_{i+w} if i + w < M.  Edges: consecutive instructions of a stage,
 *     F(s,m) -> F(s+1,m), B(s+1,m) -> B(s,m).
 *   - GPipe: every stage runs F_0..F_{M-1}, then B_0..B_{M-1} (the order
 *     of synchronous-flush implementations such as PyTorch's ScheduleGPipe;
 *     schedule.c discusses the alternative).  Edges as for 1F1B plus
 *     F(S-1,m) -> B(S-1,m).
 *   - interleaved 1F1B (Megatron-LM virtual pipeline, V >= 2 chunks per
 *     GPU, M % S == 0; the exact order is in schedule.c).
 *   - a custom DAG read from YAML (man perseus-plan-profiles(5)).
 * Every DAG has at least one instruction and at most 2^24.
 */
#ifndef PP_GRAPH_H
#define PP_GRAPH_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

/*
 * What any DAG may hold, whoever builds or reads it (built-in schedules,
 * custom DAG files, frontier files): at most 2^24 instructions and 64
 * kinds; GPU, stage, microbatch and chunk numbers from 0 to
 * PP_GRAPH_MAX_NUMBER, so that a count of them (the largest plus one)
 * still fits an int.
 */
#define PP_GRAPH_MAX_INSTR ((size_t)1 << 24)
#define PP_GRAPH_MAX_KINDS 64
#define PP_GRAPH_MAX_NUMBER (INT_MAX - 1)

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
 * chunk * S + gpu (a profile with S*V stages).  Returns 0 and a new DAG in
 * *out (the caller frees it with pp_graph_free), or PP_EINPUT (bad sizes,
 * e.g. interleaved needs M % S == 0) / PP_ENOMEM with *out = NULL.
 */
int pp_graph_build(struct pp_dag **out, enum pp_schedule_kind kind, int S,
                   int M, int V, struct pp_error *err);

/*
 * The checks pp_graph_build makes of its sizes before building anything:
 * S and M at least 1, for interleaved V >= 2 and M a multiple of S, and
 * 2 x S x M (x V for interleaved) instructions at most PP_GRAPH_MAX_INSTR
 * ("schedule too large: 1f1b, 4096 GPUs x 4096 microbatches x 2 passes =
 * 33554432 instructions, more than 16777216").  0 or PP_EINPUT.  O(1), so
 * a caller can refuse sizes before it reads anything.
 */
int pp_graph_check_sizes(enum pp_schedule_kind kind, int S, int M, int V,
                         struct pp_error *err);

/* Parse a schedule name ("1f1b", "gpipe", "interleaved"); -1 if unknown. */
int pp_schedule_parse(const char *name);

/*
 * Load a custom DAG from a YAML file ("-" is stdin; man
 * perseus-plan-profiles(5) and graph/custom.c describe the format).
 * Rejects unknown keys, missing fields, duplicate ids, dangling references
 * (FILE:LINE:COL), GPUs not numbered 0..G-1 and cycles (naming the
 * instructions on the cycle by id).  Instructions keep their ids; the
 * schedule name is "custom".  Ownership as for pp_graph_build; PP_EIO if
 * the file cannot be read.
 */
int pp_graph_load_yaml(struct pp_dag **out, const char *path,
                       struct pp_error *err);
int pp_graph_parse_yaml(struct pp_dag **out, const char *name,
                        const char *text, size_t len, struct pp_error *err);

/*
 * Build a DAG from arrays (used by the YAML loader and tests): instructions
 * INS[0..n-1] with gpu/stage/kind/mb/chunk/id filled (pos ignored; per-GPU
 * order is the order of INS; ids copied, may be NULL), kind names
 * KINDS[0..nkinds-1] (copied), and extra dependencies EDGES as pairs
 * (from, to) = EDGES[2k], EDGES[2k+1].  Same-GPU serialisation edges are
 * added automatically and duplicate edges dropped.  The result has
 * schedule "custom", microbatches 0 and chunks = largest chunk + 1.
 * Fails with PP_EINPUT on out-of-range fields or on a cycle, naming the
 * instructions on it: "dependency cycle: A -> B -> A".  Ownership as for
 * pp_graph_build.
 */
int pp_graph_from_arrays(struct pp_dag **out, int ngpus, size_t n,
                         const struct pp_instr *ins, int nkinds,
                         const char *const *kinds, size_t nedges,
                         const size_t *edges, struct pp_error *err);

void pp_graph_free(struct pp_dag *dag);

/*
 * Short label of instruction i, e.g. "gpu 2 forward mb 5" (plus " chunk 1"
 * if dag->chunks > 1); an instruction with an id is labelled by its id.
 */
void pp_graph_label(const struct pp_dag *dag, size_t i, char *buf, size_t len);

/*
 * A topological order of DAG into ORDER (n entries; INDEG, n entries, is
 * scratch), by Kahn's algorithm, O(n + m), checking the successor arrays
 * first: all a solver may assume of a DAG built by hand, with only n,
 * nedges, succ_off and succ filled (dag->topo is not read).  PP_EINPUT
 * names what is wrong: missing or inconsistent arrays, an edge to a
 * missing instruction, or a cycle (an instruction on or after it).
 */
int pp_graph_order(const struct pp_dag *dag, size_t *order, size_t *indeg,
                   struct pp_error *err);

/*
 * Kind depth: DEPTH[i] = the most instructions of instruction i's kind on
 * one path from a source to i, i included.  In 1F1B with S GPUs the
 * backward pass of microbatch m on GPU g has depth m + S - g: equal depths
 * run side by side on neighbouring GPUs.  SCRATCH holds n entries.
 * O(kinds x (n + edges)).
 */
void pp_graph_kind_depth(const struct pp_dag *dag, int32_t *depth,
                         int32_t *scratch);

/*
 * Print the schedule, one line per GPU, e.g. "gpu 0: F0 F1 B0 F2 ...":
 * F/B for forward/backward, other kinds by name ("weight3"; "w2:3" when the
 * name ends in a digit), then the microbatch, then ".CHUNK" if
 * dag->chunks > 1 ("F3.1").  Returns 0 or PP_EIO.
 */
int pp_graph_print(const struct pp_dag *dag, FILE *f);

/* ------------------------------------------------------------------------ */
/* Frequency plans                                                          */

/* A plan gives the frequency (MHz) of every instruction of a DAG. */
struct pp_plan {
    size_t n;
    int *mhz; /* n, indexed like dag->ins */
    /* Plans read from a file: the file's name and each frequency's
     * one-based line and column, so later checks (a frequency the profile
     * lacks) can point at it; NULL for plans made in memory. */
    char *source;
    long *line, *col;
};

/* A plan for N instructions, all frequencies 0; 0 or PP_ENOMEM. */
int pp_plan_new(struct pp_plan **out, size_t n);
void pp_plan_free(struct pp_plan *plan);

/* Give PLAN a source NAME and position arrays (all 0); 0 or PP_ENOMEM. */
int pp_plan_track(struct pp_plan *plan, const char *name); /* NULL ok */

/*
 * Plan files.  The project's own format (YAML or JSON, format_version 1,
 * or 2 with a "provenance" mapping after "schedule": struct pp_provenance):
 *
 *   format_version: 1
 *   schedule: "1f1b"        # informational
 *   gpus:
 *     - gpu: 0
 *       instructions:
 *         - {kind: forward, microbatch: 0, chunk: 0, frequency: 1410}
 *         ...
 *
 * (custom DAGs also write each instruction's id first; chunk may be left
 * out when every chunk is 0) and the Zeus Pipeline Frequency Optimizer
 * format (freqs_pipeline_%05d.py): a Python list with one list per stage of
 * ('forward'|'backward', MHz) tuples in execution order.  Reading checks the
 * plan against DAG: GPUs in order 0..G-1, every instruction of every GPU
 * present, in order, kinds (and microbatch, chunk, id where given)
 * matching, frequencies positive integers; errors are FILE:LINE:COL and
 * name the GPU, the position (0-based) and the schedule's instruction.
 * Whether a frequency exists in the profile is not checked here.
 *
 * pp_plan_load reads PATH ("-" is stdin) and calls pp_plan_parse, which
 * accepts all three formats: a text whose first token (after blanks and
 * '#' comments) is '[' is Zeus, anything else YAML/JSON.
 * pp_plan_parse_zeus reads the Zeus format only.  On success *out is a new
 * plan indexed like dag->ins (free with pp_plan_free); on failure *out is
 * NULL and the return value PP_EINPUT, PP_ENOMEM or PP_EIO.
 */
int pp_plan_load(struct pp_plan **out, const char *path,
                 const struct pp_dag *dag, struct pp_error *err);
/*
 * As pp_plan_load and pp_plan_parse, and the file's provenance into *PROV
 * (NULL if it records none; see struct pp_provenance below).  *PROV is set
 * as soon as the provenance is read, before the plan is checked against
 * DAG, so a caller can say a plan was made for other inputs even when it
 * does not fit them: on failure *out is NULL but *PROV may be set, and the
 * caller frees it either way.
 */
struct pp_provenance;
int pp_plan_read_file(struct pp_plan **out, struct pp_provenance **prov,
                      const char *path, const struct pp_dag *dag,
                      struct pp_error *err);
int pp_plan_read(struct pp_plan **out, struct pp_provenance **prov,
                 const char *name, const char *text, size_t len,
                 const struct pp_dag *dag, struct pp_error *err);
int pp_plan_parse(struct pp_plan **out, const char *name, const char *text,
                  size_t len, const struct pp_dag *dag, struct pp_error *err);
int pp_plan_parse_zeus(struct pp_plan **out, const char *name,
                       const char *text, size_t len, const struct pp_dag *dag,
                       struct pp_error *err);

enum pp_plan_format { PP_PLAN_YAML, PP_PLAN_JSON, PP_PLAN_ZEUS };

/* ------------------------------------------------------------------------ */
/* Provenance: what a plan was made for                                     */

/*
 * The inputs a plan was planned for and what it was predicted to cost,
 * recorded in plan files (and frontier files, for the plans lookup writes
 * from them) so that a plan checked or evaluated against other inputs can
 * be told apart.  Every field is optional: strings NULL, integers -1 and
 * numbers NAN when not recorded, and then neither written nor compared.
 *
 *   tool             "perseus-plan VERSION"
 *   profile          the profile's name as given (not compared: a moved
 *                    file is the same profile)
 *   profile_fnv1a64  FNV-1a 64 of the profile file's bytes, 16 lowercase
 *                    hexadecimal digits (hash.h)
 *   schedule         1f1b, gpipe, interleaved or custom
 *   stages, microbatches, chunks   the DAG's GPUs, M (0 for custom), V
 *   gpus_per_stage   K
 *   blocking_power   P_b, W per GPU
 *   model            exact or lowtime
 *   deadline         the deadline T' the plan was picked for, s
 *   time, energy     its predicted iteration time (s) and energy (J)
 *
 * In a YAML or JSON plan it is the mapping "provenance" (format_version
 * 2); in a Zeus .py plan the comment line "# perseus-plan provenance: "
 * followed by the same mapping as one line of JSON, which Python's eval(),
 * the Zeus loader, skips as a comment.
 */
struct pp_provenance {
    char *tool, *profile, *profile_hash, *schedule, *model;
    long stages, microbatches, chunks, gpus_per_stage;
    double blocking_power, deadline, time, energy;
};

/* A provenance with nothing recorded; 0 or PP_ENOMEM. */
int pp_provenance_new(struct pp_provenance **out);
/* A deep copy of P (NULL gives NULL); 0 or PP_ENOMEM. */
int pp_provenance_copy(struct pp_provenance **out,
                       const struct pp_provenance *p);
void pp_provenance_free(struct pp_provenance *p); /* NULL ok */

/* P as one line of JSON (no newline), numbers as pp_num_put writes them. */
void pp_provenance_put_json(FILE *f, const struct pp_provenance *p);

/*
 * Read the provenance written by pp_provenance_put_json on one line of
 * TEXT: the bytes [START, END) of the LEN-byte text NAME (positions in
 * messages are those in the whole text).  On success *out is new; errors
 * are FILE:LINE:COL (an unknown key, a value of the wrong type).
 */
int pp_provenance_parse_line(struct pp_provenance **out, const char *name,
                             const char *text, size_t start, size_t end,
                             struct pp_error *err);

/*
 * Write PLAN for DAG in FORMAT.  COMMENT (may be NULL; may hold several
 * lines) is written as "# " lines before the document (YAML), after the list
 * as the reference does (Zeus), or as a "comment" field (JSON).  Only
 * integers and names are printed, so the output is locale independent.
 * Returns 0, PP_EIO (after a failed write) or PP_EINPUT (plan->n !=
 * dag->n, unknown format).
 */
int pp_plan_write(const struct pp_plan *plan, const struct pp_dag *dag,
                  enum pp_plan_format format, const char *comment, FILE *f);
/* pp_plan_write with the provenance PROV (NULL: none, and a YAML or JSON
 * plan is format_version 1, as before; else 2). */
int pp_plan_write_prov(const struct pp_plan *plan, const struct pp_dag *dag,
                       enum pp_plan_format format, const char *comment,
                       const struct pp_provenance *prov, FILE *f);

#endif
