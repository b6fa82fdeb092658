/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dag.c - instruction DAGs in CSR form: construction, labels, printing.
 *
 * pp_graph_from_arrays() is the one constructor every builder goes through
 * (built-in schedules, the custom YAML loader, tests).  It copies the
 * instructions, groups them per GPU keeping the given order (gpu_off and
 * gpu_seq, a counting sort by GPU), adds an edge between consecutive
 * instructions of each GPU, merges those with the caller's edges, sorts the
 * (from, to) pairs and drops duplicates, and builds the successor and
 * predecessor CSR arrays from the sorted pairs, so every successor and
 * predecessor list is in increasing instruction order.  A topological order
 * comes from Kahn's algorithm (A. B. Kahn, "Topological sorting of large
 * networks", CACM 5(11), 1962, doi:10.1145/368996.369025), O(n + e) after
 * the O(e log e) sort.  If Kahn's algorithm stops early, every unfinished
 * instruction still has an unfinished predecessor, so walking predecessors
 * from any of them must revisit one: that closed walk is a cycle, and the
 * error names the instructions on it.
 */
#include "graph.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct edge {
    size_t from, to;
};

/* calloc that never asks for zero bytes, so NULL always means no memory. */
static void *zalloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size);
}

static int cmp_edge(const void *pa, const void *pb)
{
    const struct edge *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return 0;
}

void pp_graph_free(struct pp_dag *dag)
{
    if (!dag)
        return;
    if (dag->kinds)
        for (int k = 0; k < dag->nkinds; k++)
            free(dag->kinds[k]);
    free(dag->kinds);
    if (dag->ins)
        for (size_t i = 0; i < dag->n; i++)
            free(dag->ins[i].id);
    free(dag->ins);
    free(dag->gpu_off);
    free(dag->gpu_seq);
    free(dag->succ_off);
    free(dag->succ);
    free(dag->pred_off);
    free(dag->pred);
    free(dag->topo);
    free(dag->schedule);
    free(dag);
}

int pp_graph_set_schedule(struct pp_dag *dag, const char *name)
{
    char *copy = strdup(name);
    if (!copy)
        return PP_ENOMEM;
    free(dag->schedule);
    dag->schedule = copy;
    return PP_OK;
}

void pp_graph_label(const struct pp_dag *dag, size_t i, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    if (!dag || i >= dag->n) {
        snprintf(buf, len, "instruction %zu", i);
        return;
    }
    if (!dag->ins) { /* a DAG built by hand: successors only */
        snprintf(buf, len, "instruction %zu", i);
        return;
    }
    const struct pp_instr *in = &dag->ins[i];
    if (in->id) {
        snprintf(buf, len, "%s", in->id);
        return;
    }
    if (!dag->kinds || in->kind < 0 || in->kind >= dag->nkinds ||
        !dag->kinds[in->kind])
        snprintf(buf, len, "instruction %zu", i);
    else if (dag->chunks > 1)
        snprintf(buf, len, "gpu %d %s mb %d chunk %d", in->gpu,
                 dag->kinds[in->kind], in->mb, in->chunk);
    else
        snprintf(buf, len, "gpu %d %s mb %d", in->gpu, dag->kinds[in->kind],
                 in->mb);
}

static int check_csr(const struct pp_dag *dag, struct pp_error *err)
{
    size_t n = dag->n;
    if (!dag->succ_off || (dag->nedges > 0 && !dag->succ))
        return pp_error_set(err, PP_EINPUT, "DAG has no successor arrays");
    if (dag->succ_off[0] != 0 || dag->succ_off[n] != dag->nedges)
        return pp_error_set(err, PP_EINPUT,
                            "DAG successor offsets are inconsistent "
                            "(%zu edges, offsets end at %zu)",
                            dag->nedges, dag->succ_off[n]);
    for (size_t i = 0; i < n; i++)
        if (dag->succ_off[i + 1] < dag->succ_off[i])
            return pp_error_set(err, PP_EINPUT,
                                "DAG successor offsets decrease at "
                                "instruction %zu", i);
    for (size_t e = 0; e < dag->nedges; e++)
        if (dag->succ[e] >= n)
            return pp_error_set(err, PP_EINPUT,
                                "DAG edge %zu points to instruction %zu of "
                                "%zu", e, dag->succ[e], n);
    return PP_OK;
}

int pp_graph_order(const struct pp_dag *dag, size_t *order, size_t *indeg,
                   struct pp_error *err)
{
    size_t n = dag->n, head = 0, tail = 0;
    int rc = check_csr(dag, err);
    if (rc)
        return rc;
    memset(indeg, 0, n * sizeof *indeg);
    for (size_t e = 0; e < dag->nedges; e++)
        indeg[dag->succ[e]]++;
    for (size_t i = 0; i < n; i++)
        if (indeg[i] == 0)
            order[tail++] = i;
    while (head < tail) {
        size_t i = order[head++];
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++)
            if (--indeg[dag->succ[e]] == 0)
                order[tail++] = dag->succ[e];
    }
    if (tail < n) {
        char who[160];
        size_t i = 0;
        while (indeg[i] == 0)
            i++;
        pp_graph_label(dag, i, who, sizeof who);
        return pp_error_set(err, PP_EINPUT,
                            "DAG has a cycle (%s is on it or after it)", who);
    }
    return PP_OK;
}

int pp_graph_print(const struct pp_dag *dag, FILE *f)
{
    for (int g = 0; g < dag->ngpus; g++) {
        fprintf(f, "gpu %d:", g);
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            const struct pp_instr *in = &dag->ins[dag->gpu_seq[k]];
            const char *kind = dag->kinds[in->kind];
            size_t kl = strlen(kind);
            if (strcmp(kind, "forward") == 0)
                fputs(" F", f);
            else if (strcmp(kind, "backward") == 0)
                fputs(" B", f);
            else if (kl > 0 && kind[kl - 1] >= '0' && kind[kl - 1] <= '9')
                fprintf(f, " %s:", kind); /* "w2:1", not "w21" */
            else
                fprintf(f, " %s", kind);
            fprintf(f, "%d", in->mb);
            if (dag->chunks > 1)
                fprintf(f, ".%d", in->chunk);
        }
        fputc('\n', f);
    }
    return ferror(f) ? PP_EIO : PP_OK;
}

/*
 * Name the cycle among the instructions Kahn's algorithm could not finish
 * (indeg[i] > 0).  The walk goes backwards along predecessors, so the
 * cycle's forward order is the walk reversed; it is rotated to start at its
 * smallest instruction index so the message does not depend on where the
 * walk began.
 */
static int cycle_error(const struct pp_dag *dag, const size_t *indeg,
                       size_t **cycle, size_t *cycle_len, struct pp_error *err)
{
    size_t n = dag->n, *step = NULL, *path = NULL, *cyc = NULL;
    int rc = PP_ENOMEM;
    char msg[PP_ERRMSG_MAX], label[256], first[256];

    step = calloc(n, sizeof *step);
    path = calloc(n, sizeof *path);
    cyc = calloc(n, sizeof *cyc);
    if (!step || !path || !cyc) {
        pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        step[i] = SIZE_MAX;
    size_t u = 0, len = 0;
    while (indeg[u] == 0)
        u++;
    while (step[u] == SIZE_MAX) {
        step[u] = len;
        path[len++] = u;
        size_t p = SIZE_MAX;
        for (size_t k = dag->pred_off[u]; k < dag->pred_off[u + 1]; k++)
            if (indeg[dag->pred[k]] > 0) {
                p = dag->pred[k];
                break;
            }
        u = p; /* exists: an unfinished node has an unfinished predecessor */
    }
    size_t j = step[u], clen = 0, best = 0;
    cyc[clen++] = path[j];
    for (size_t k = len - 1; k > j; k--)
        cyc[clen++] = path[k];
    for (size_t k = 1; k < clen; k++)
        if (cyc[k] < cyc[best])
            best = k;
    if (cycle) { /* path is free again: the rotated cycle goes there */
        for (size_t k = 0; k < clen; k++)
            path[k] = cyc[(best + k) % clen];
        *cycle = path;
        *cycle_len = clen;
        path = NULL;
    }

    /* Keep the message within pp_error's buffer: elide the middle. */
    pp_graph_label(dag, cyc[best], first, sizeof first);
    size_t used = (size_t)snprintf(msg, sizeof msg, "%s", first);
    size_t budget = sizeof msg - strlen(first) - 64;
    for (size_t k = 1; k <= clen; k++) {
        pp_graph_label(dag, cyc[(best + k) % clen], label, sizeof label);
        if (k < clen && used + strlen(label) + 4 > budget) {
            used += (size_t)snprintf(msg + used, sizeof msg - used,
                                     " -> ... (%zu instructions) -> %s", clen,
                                     first);
            break;
        }
        used +=
            (size_t)snprintf(msg + used, sizeof msg - used, " -> %s", label);
    }
    rc = pp_error_set(err, PP_EINPUT, "dependency cycle: %s", msg);
out:
    free(cyc);
    free(path);
    free(step);
    return rc;
}

static int check_input(int ngpus, size_t n, const struct pp_instr *ins,
                       int nkinds, const char *const *kinds, size_t nedges,
                       const size_t *edges, struct pp_error *err)
{
    if (ngpus < 1)
        return pp_error_set(err, PP_EINPUT, "a DAG needs at least one GPU");
    if (n == 0)
        return pp_error_set(err, PP_EINPUT,
                            "a DAG needs at least one instruction");
    if (n > PP_GRAPH_MAX_INSTR)
        return pp_error_set(err, PP_EINPUT,
                            "%zu instructions exceed the limit of %zu", n,
                            PP_GRAPH_MAX_INSTR);
    if (nedges > 4 * PP_GRAPH_MAX_INSTR)
        return pp_error_set(err, PP_EINPUT,
                            "%zu dependencies exceed the limit of %zu", nedges,
                            4 * PP_GRAPH_MAX_INSTR);
    if (nkinds < 1)
        return pp_error_set(err, PP_EINPUT, "a DAG needs at least one kind");
    for (int k = 0; k < nkinds; k++)
        if (!kinds[k] || !kinds[k][0])
            return pp_error_set(err, PP_EINPUT, "kind %d has no name", k);
    for (size_t i = 0; i < n; i++) {
        const struct pp_instr *in = &ins[i];
        if (in->gpu < 0 || in->gpu >= ngpus)
            return pp_error_set(err, PP_EINPUT,
                                "instruction %zu: gpu %d outside 0..%d", i,
                                in->gpu, ngpus - 1);
        if (in->kind < 0 || in->kind >= nkinds)
            return pp_error_set(err, PP_EINPUT,
                                "instruction %zu: kind %d outside 0..%d", i,
                                in->kind, nkinds - 1);
        if (in->stage < 0 || in->mb < 0 || in->chunk < 0 ||
            in->stage > PP_GRAPH_MAX_NUMBER || in->mb > PP_GRAPH_MAX_NUMBER ||
            in->chunk > PP_GRAPH_MAX_NUMBER)
            return pp_error_set(err, PP_EINPUT,
                                "instruction %zu: stage, microbatch or chunk "
                                "outside 0..%d",
                                i, PP_GRAPH_MAX_NUMBER);
    }
    for (size_t e = 0; e < nedges; e++)
        if (edges[2 * e] >= n || edges[2 * e + 1] >= n)
            return pp_error_set(err, PP_EINPUT,
                                "dependency %zu: instruction index outside "
                                "0..%zu",
                                e, n - 1);
    return PP_OK;
}

/* Copy instructions and kinds; group instructions per GPU. */
static int copy_parts(struct pp_dag *dag, const struct pp_instr *ins,
                      const char *const *kinds)
{
    size_t n = dag->n, *fill = NULL;
    int rc = PP_ENOMEM;

    dag->kinds = zalloc((size_t)dag->nkinds, sizeof *dag->kinds);
    dag->ins = zalloc(n, sizeof *dag->ins);
    dag->gpu_off = zalloc((size_t)dag->ngpus + 1, sizeof *dag->gpu_off);
    dag->gpu_seq = zalloc(n, sizeof *dag->gpu_seq);
    fill = zalloc((size_t)dag->ngpus, sizeof *fill);
    if (!dag->kinds || !dag->ins || !dag->gpu_off || !dag->gpu_seq || !fill)
        goto out;
    for (int k = 0; k < dag->nkinds; k++)
        if (!(dag->kinds[k] = strdup(kinds[k])))
            goto out;
    dag->chunks = 1;
    for (size_t i = 0; i < n; i++) {
        dag->ins[i] = ins[i];
        dag->ins[i].id = NULL;
        if (ins[i].id && !(dag->ins[i].id = strdup(ins[i].id)))
            goto out;
        if (ins[i].stage + 1 > dag->nstages)
            dag->nstages = ins[i].stage + 1;
        if (ins[i].chunk + 1 > dag->chunks)
            dag->chunks = ins[i].chunk + 1;
        dag->gpu_off[ins[i].gpu + 1]++;
    }
    for (int g = 0; g < dag->ngpus; g++)
        dag->gpu_off[g + 1] += dag->gpu_off[g];
    for (size_t i = 0; i < n; i++) {
        int g = ins[i].gpu;
        dag->ins[i].pos = (int)fill[g];
        dag->gpu_seq[dag->gpu_off[g] + fill[g]++] = i;
    }
    rc = PP_OK;
out:
    free(fill);
    return rc;
}

/* Sort and deduplicate all dependencies, then fill both CSR arrays. */
static int build_csr(struct pp_dag *dag, size_t nedges, const size_t *edges)
{
    size_t n = dag->n, total = 0, m = 0, *fill = NULL;
    struct edge *e = NULL;
    int rc = PP_ENOMEM;

    e = zalloc(nedges + n, sizeof *e);
    fill = zalloc(n, sizeof *fill);
    dag->succ_off = zalloc(n + 1, sizeof *dag->succ_off);
    dag->pred_off = zalloc(n + 1, sizeof *dag->pred_off);
    if (!e || !fill || !dag->succ_off || !dag->pred_off)
        goto out;
    for (int g = 0; g < dag->ngpus; g++)
        for (size_t k = dag->gpu_off[g] + 1; k < dag->gpu_off[g + 1]; k++)
            e[total++] = (struct edge){dag->gpu_seq[k - 1], dag->gpu_seq[k]};
    for (size_t k = 0; k < nedges; k++)
        e[total++] = (struct edge){edges[2 * k], edges[2 * k + 1]};
    qsort(e, total, sizeof *e, cmp_edge);
    for (size_t k = 0; k < total; k++)
        if (m == 0 || cmp_edge(&e[m - 1], &e[k]) != 0)
            e[m++] = e[k];
    dag->nedges = m;
    dag->succ = zalloc(m, sizeof *dag->succ);
    dag->pred = zalloc(m, sizeof *dag->pred);
    if (!dag->succ || !dag->pred)
        goto out;
    for (size_t k = 0; k < m; k++) {
        dag->succ_off[e[k].from + 1]++;
        dag->pred_off[e[k].to + 1]++;
    }
    for (size_t i = 0; i < n; i++) {
        dag->succ_off[i + 1] += dag->succ_off[i];
        dag->pred_off[i + 1] += dag->pred_off[i];
    }
    /*
     * Pairs are sorted by (from, to), so succ is just the "to" column; the
     * predecessors of t arrive in increasing "from" order too.
     */
    for (size_t k = 0; k < m; k++)
        dag->succ[k] = e[k].to;
    for (size_t k = 0; k < m; k++) {
        size_t t = e[k].to;
        dag->pred[dag->pred_off[t] + fill[t]++] = e[k].from;
    }
    rc = PP_OK;
out:
    free(fill);
    free(e);
    return rc;
}

/* Kahn's algorithm; dag->topo doubles as the queue. */
static int topo_sort(struct pp_dag *dag, size_t **cycle, size_t *clen,
                     struct pp_error *err)
{
    size_t n = dag->n, head = 0, tail = 0, *indeg = NULL;
    int rc;

    indeg = zalloc(n, sizeof *indeg);
    dag->topo = zalloc(n, sizeof *dag->topo);
    if (!indeg || !dag->topo) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        indeg[i] = dag->pred_off[i + 1] - dag->pred_off[i];
        if (indeg[i] == 0)
            dag->topo[tail++] = i;
    }
    while (head < tail) {
        size_t u = dag->topo[head++];
        for (size_t k = dag->succ_off[u]; k < dag->succ_off[u + 1]; k++)
            if (--indeg[dag->succ[k]] == 0)
                dag->topo[tail++] = dag->succ[k];
    }
    rc = tail == n ? PP_OK : cycle_error(dag, indeg, cycle, clen, err);
out:
    free(indeg);
    return rc;
}

int pp_graph_from_arrays(struct pp_dag **out, int ngpus, size_t n,
                         const struct pp_instr *ins, int nkinds,
                         const char *const *kinds, size_t nedges,
                         const size_t *edges, struct pp_error *err)
{
    return pp_graph_from_arrays_cycle(out, ngpus, n, ins, nkinds, kinds, nedges,
                                      edges, NULL, NULL, err);
}

int pp_graph_from_arrays_cycle(struct pp_dag **out, int ngpus, size_t n,
                               const struct pp_instr *ins, int nkinds,
                               const char *const *kinds, size_t nedges,
                               const size_t *edges, size_t **cycle,
                               size_t *clen, struct pp_error *err)
{
    struct pp_dag *dag = NULL;
    int rc;

    *out = NULL;
    if (cycle) {
        *cycle = NULL;
        *clen = 0;
    }
    rc = check_input(ngpus, n, ins, nkinds, kinds, nedges, edges, err);
    if (rc < 0)
        goto out;
    rc = PP_ENOMEM;
    dag = calloc(1, sizeof *dag);
    if (!dag) {
        pp_error_nomem(err);
        goto out;
    }
    dag->ngpus = ngpus;
    dag->n = n;
    dag->nkinds = nkinds;
    if (copy_parts(dag, ins, kinds) < 0 || build_csr(dag, nedges, edges) < 0 ||
        pp_graph_set_schedule(dag, "custom") < 0) {
        pp_error_nomem(err);
        goto out;
    }
    rc = topo_sort(dag, cycle, clen, err);
    if (rc < 0)
        goto out;
    *out = dag;
    dag = NULL;
out:
    pp_graph_free(dag);
    return rc;
}

void pp_graph_kind_depth(const struct pp_dag *dag, int32_t *depth,
                         int32_t *scratch)
{
    for (int K = 0; K < dag->nkinds; K++)
        for (size_t k = 0; k < dag->n; k++) {
            size_t i = dag->topo[k];
            int32_t m = 0;
            for (size_t e = dag->pred_off[i]; e < dag->pred_off[i + 1]; e++)
                if (scratch[dag->pred[e]] > m)
                    m = scratch[dag->pred[e]];
            scratch[i] = m + (dag->ins[i].kind == K);
            if (dag->ins[i].kind == K)
                depth[i] = scratch[i];
        }
}
