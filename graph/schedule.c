/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * schedule.c - the built-in pipeline schedules: 1F1B, GPipe, interleaved.
 *
 * Each builder appends every GPU's instructions in execution order (GPU 0
 * first), remembers where each (virtual stage, kind, microbatch) landed in
 * the table at[], then adds the data dependencies and hands everything to
 * pp_graph_from_arrays(), which adds the same-GPU serialisation edges.
 * With S GPUs and V model chunks per GPU there are S*V virtual stages;
 * chunk c of GPU g is virtual stage v = c*S + g (V = 1 except for
 * interleaved, so v = g).  at[] is laid out as
 *
 *     at[(v * M + m) * 2 + k],  k = 0 forward, 1 backward.
 *
 * Data dependencies, for every microbatch m:
 *     F(v, m) -> F(v+1, m)   activations flow down the pipeline
 *     B(v+1, m) -> B(v, m)   gradients flow back up
 *     F(last, m) -> B(last, m)
 * The last one is implied by the order for 1F1B (the edge is then a
 * duplicate of a serialisation edge and dropped) but not in general.
 *
 * Orders, for GPU (= pipeline rank) s:
 *   1F1B  (SPEC 2.5, the lowtime reference; the PipeDream-Flush order):
 *         w = min(S - s, M) forwards F_0..F_{w-1}; then for i = 0..M-1:
 *         B_i, then F_{i+w} if i + w < M.
 *   GPipe (Huang et al., NeurIPS 2019, arXiv:1811.06965): F_0..F_{M-1},
 *         then B_0..B_{M-1}.  The backward order follows the common
 *         synchronous-flush implementations (torch.distributed.pipelining
 *         ScheduleGPipe runs backward microbatches in increasing order);
 *         the GPipe paper's figure draws them in reverse, which gives the
 *         same iteration time when microbatches are identical.
 *   interleaved 1F1B (Narayanan et al., SC'21, arXiv:2104.04473; Megatron-LM
 *         forward_backward_pipelining_with_interleaving) with M % S == 0 and
 *         V >= 2.  The GPU runs MV forward steps and MV backward steps.
 *         Forward step k is chunk (k / S) % V of microbatch
 *         (k / (S V)) S + k % S; backward step k is the same microbatch of
 *         chunk V - 1 - (k / S) % V.  Warm-up: w = min((S - s - 1) 2 +
 *         (V - 1) S, MV) forward steps; then for i = 0..MV-w-1 forward step
 *         w + i and backward step i; then the remaining backward steps.
 *         (Older Megatron versions ran all forwards first when M == S; this
 *         follows the current one, which does not special-case it.)
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct builder {
    int S, M, V;
    size_t n;
    struct pp_instr *ins;
    size_t *at;
};

static void add(struct builder *b, int gpu, int kind, int mb, int chunk)
{
    size_t v = (size_t)chunk * (size_t)b->S + (size_t)gpu;
    b->at[(v * (size_t)b->M + (size_t)mb) * 2 + (size_t)kind] = b->n;
    b->ins[b->n++] = (struct pp_instr){
        .gpu = gpu, .stage = (int)v, .kind = kind, .mb = mb, .chunk = chunk};
}

static void order_1f1b(struct builder *b, int s)
{
    int w = b->S - s < b->M ? b->S - s : b->M;
    for (int m = 0; m < w; m++)
        add(b, s, 0, m, 0);
    for (int i = 0; i < b->M; i++) {
        add(b, s, 1, i, 0);
        if (i + w < b->M)
            add(b, s, 0, i + w, 0);
    }
}

static void order_gpipe(struct builder *b, int s)
{
    for (int m = 0; m < b->M; m++)
        add(b, s, 0, m, 0);
    for (int m = 0; m < b->M; m++)
        add(b, s, 1, m, 0);
}

/* Forward (kind 0) or backward (kind 1) step k of the interleaved order. */
static void add_step(struct builder *b, int s, int kind, int k)
{
    int S = b->S, V = b->V;
    int chunk = (k / S) % V;
    int mb = k / (S * V) * S + k % S;
    add(b, s, kind, mb, kind == 0 ? chunk : V - 1 - chunk);
}

static void order_interleaved(struct builder *b, int s)
{
    int total = b->M * b->V;
    int w = (b->S - s - 1) * 2 + (b->V - 1) * b->S;
    if (w > total)
        w = total;
    for (int k = 0; k < w; k++)
        add_step(b, s, 0, k);
    for (int i = 0; i < total - w; i++) {
        add_step(b, s, 0, w + i);
        add_step(b, s, 1, i);
    }
    for (int i = total - w; i < total; i++)
        add_step(b, s, 1, i);
}

static void push_edge(size_t *edges, size_t *ne, size_t from, size_t to)
{
    edges[2 * *ne] = from;
    edges[2 * *ne + 1] = to;
    (*ne)++;
}

/* The built-in schedules' names, by enum pp_schedule_kind. */
static const char *const names[] = {"1f1b", "gpipe", "interleaved"};

int pp_graph_check_sizes(enum pp_schedule_kind kind, int S, int M, int V,
                         struct pp_error *err)
{
    if (kind != PP_SCHED_1F1B && kind != PP_SCHED_GPIPE &&
        kind != PP_SCHED_INTERLEAVED)
        return pp_error_set(err, PP_EINPUT, "unknown schedule kind %d",
                            (int)kind);
    if (S < 1)
        return pp_error_set(err, PP_EINPUT,
                            "number of GPUs must be at least 1, got %d", S);
    if (M < 1)
        return pp_error_set(err, PP_EINPUT,
                            "number of microbatches must be at least 1, "
                            "got %d",
                            M);
    if (kind == PP_SCHED_INTERLEAVED) {
        if (V < 2)
            return pp_error_set(err, PP_EINPUT,
                                "interleaved schedule needs at least 2 model "
                                "chunks per GPU, got %d",
                                V);
        if (M % S != 0)
            return pp_error_set(err, PP_EINPUT,
                                "interleaved schedule needs the number of "
                                "microbatches (%d) to be a multiple of the "
                                "number of GPUs (%d)",
                                M, S);
    }
    int v = kind == PP_SCHED_INTERLEAVED ? V : 1;
    /* in doubles: exact up to 2^53, and the bound is 2^24 */
    double n = 2.0 * S * M * v;
    if (n > (double)PP_GRAPH_MAX_INSTR) {
        char chunks[48] = "";
        if (kind == PP_SCHED_INTERLEAVED)
            snprintf(chunks, sizeof chunks, " x %d chunks", V);
        return pp_error_set(err, PP_EINPUT,
                            "schedule too large: %s, %d GPU%s x %d "
                            "microbatch%s%s x 2 passes = %.0f instructions, "
                            "more than %zu",
                            names[kind], S, S == 1 ? "" : "s", M,
                            M == 1 ? "" : "es", chunks, n,
                            PP_GRAPH_MAX_INSTR);
    }
    return PP_OK;
}

int pp_graph_build(struct pp_dag **out, enum pp_schedule_kind kind, int S,
                   int M, int V, struct pp_error *err)
{
    static const char *const kinds[] = {"forward", "backward"};
    struct builder b = {0};
    struct pp_dag *dag = NULL;
    size_t *edges = NULL, ne = 0;
    int rc;

    *out = NULL;
    rc = pp_graph_check_sizes(kind, S, M, V, err);
    if (rc < 0)
        goto out;
    if (kind != PP_SCHED_INTERLEAVED)
        V = 1;
    b.S = S;
    b.M = M;
    b.V = V;
    size_t total = 2 * (size_t)S * (size_t)M * (size_t)V;
    size_t nv = (size_t)S * (size_t)V;
    b.ins = calloc(total, sizeof *b.ins);
    b.at = calloc(total, sizeof *b.at);
    /* 2 (nv - 1) M chain edges and M last-stage edges, as pairs. */
    edges = calloc(2 * ((2 * nv - 1) * (size_t)M), sizeof *edges);
    if (!b.ins || !b.at || !edges) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (int s = 0; s < S; s++) {
        if (kind == PP_SCHED_1F1B)
            order_1f1b(&b, s);
        else if (kind == PP_SCHED_GPIPE)
            order_gpipe(&b, s);
        else
            order_interleaved(&b, s);
    }
    /* at[] layout: see the top of the file. */
#define AT(v, m, k) b.at[((size_t)(v) * (size_t)M + (size_t)(m)) * 2 + (k)]
    for (size_t v = 0; v + 1 < nv; v++)
        for (int m = 0; m < M; m++) {
            push_edge(edges, &ne, AT(v, m, 0), AT(v + 1, m, 0));
            push_edge(edges, &ne, AT(v + 1, m, 1), AT(v, m, 1));
        }
    for (int m = 0; m < M; m++)
        push_edge(edges, &ne, AT(nv - 1, m, 0), AT(nv - 1, m, 1));
#undef AT
    rc = pp_graph_from_arrays(&dag, S, total, b.ins, 2, kinds, ne, edges, err);
    if (rc < 0)
        goto out;
    if (pp_graph_set_schedule(dag, names[kind]) < 0) {
        rc = pp_error_nomem(err);
        goto out;
    }
    dag->microbatches = M;
    dag->chunks = V;
    *out = dag;
    dag = NULL;
out:
    pp_graph_free(dag);
    free(edges);
    free(b.at);
    free(b.ins);
    return rc;
}

int pp_schedule_parse(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "1f1b") == 0)
        return PP_SCHED_1F1B;
    if (strcmp(name, "gpipe") == 0)
        return PP_SCHED_GPIPE;
    if (strcmp(name, "interleaved") == 0)
        return PP_SCHED_INTERLEAVED;
    return -1;
}
