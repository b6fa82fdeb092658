/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * custom.c - custom DAGs read from YAML (man perseus-plan-profiles(5)).
 *
 *   format_version: 1
 *   description: ZB-H1-like, 4 GPUs     # optional, ignored
 *   instructions:                      # each GPU runs its own in list order
 *     - {id: s0f0, gpu: 0, kind: forward, microbatch: 0}
 *     - {id: s1f0, gpu: 1, kind: forward, microbatch: 0, after: [s0f0]}
 *     - {id: s1b0, gpu: 1, kind: backward, microbatch: 0, stage: 1,
 *        chunk: 0, after: [s1f0]}
 *
 * id, gpu, kind and microbatch are required; stage defaults to gpu and
 * chunk to 0; after lists the ids this instruction waits for (consecutive
 * instructions of one GPU wait for each other anyway).  ids and kinds are
 * names of letters, digits, '_', '-' and '.'; kinds are looked up in the
 * profile later.  GPUs must be numbered 0..G-1 without gaps.
 *
 * The loader first reads every instruction into arrays (kinds get indices
 * in order of first appearance), then sorts instruction indices by id to
 * find duplicate ids and to resolve every "after" reference by binary
 * search: O(n log n + e log n).  Cycles are found by pp_graph_from_arrays;
 * the message then points at an "after" entry on the cycle, the one that
 * closes it if that is not a same-GPU order (a cycle always has at least
 * one "after" edge: the order of each GPU alone is acyclic).
 */
#include "graph.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "readfile.h"
#include "yamltree.h"

struct idkey {
    const char *id;
    size_t i;
};

struct loader {
    const char *name;
    struct pp_error *err;
    const struct pp_ynode **node; /* n: each instruction's mapping */
    struct pp_instr *ins;
    size_t n;
    const char *kinds[PP_GRAPH_MAX_KINDS];
    int nkinds;
    struct idkey *by_id; /* n: ids sorted, ties by instruction index */
};

static int cmp_id(const void *pa, const void *pb)
{
    const struct idkey *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    if (c != 0)
        return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Index of the instruction called ID, or SIZE_MAX. */
static size_t find_id(const struct loader *ld, const char *id)
{
    size_t lo = 0, hi = ld->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ld->by_id[mid].id, id);
        if (c == 0)
            return ld->by_id[mid].i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* "instruction "ID": KEY", the WHAT of a field's messages. */
static const char *field(char *buf, size_t len, const char *id, const char *key)
{
    snprintf(buf, len, "instruction \"%s\": %s", id, key);
    return buf;
}

static int read_name(struct loader *ld, const struct pp_ynode *v,
                     const char *what, const char **out)
{
    int rc = pp_ynode_string(v, ld->name, what, out, ld->err);
    if (rc < 0)
        return rc;
    if (!pp_is_name(*out))
        return pp_error_at(ld->err, PP_EINPUT, ld->name, v->line, v->col,
                           "%s must be 1 to 64 letters, digits, '_', '-' or "
                           "'.', got \"%.64s\"",
                           what, *out);
    return PP_OK;
}

static int read_count(struct loader *ld, const struct pp_ynode *v,
                      const char *what, int *out)
{
    long x;
    int rc = pp_ynode_long(v, ld->name, what, &x, ld->err);
    if (rc < 0)
        return rc;
    if (x < 0 || x > PP_GRAPH_MAX_NUMBER)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, v->line, v->col,
                           "%s must be a non-negative integer below %d, "
                           "got %ld",
                           what, PP_GRAPH_MAX_NUMBER + 1, x);
    *out = (int)x;
    return PP_OK;
}

static int read_instr(struct loader *ld, size_t i)
{
    static const char *const keys[] = {"id",    "gpu",   "kind",  "microbatch",
                                       "stage", "chunk", "after", NULL};
    static const char *const required[] = {"id", "gpu", "kind", "microbatch"};
    const struct pp_ynode *m = ld->node[i], *v;
    struct pp_instr *in = &ld->ins[i];
    const char *kind;
    char what[128];
    int rc;

    snprintf(what, sizeof what, "instructions[%zu]", i);
    rc = pp_ymap_check_keys(m, ld->name, what, keys, ld->err);
    if (rc < 0)
        return rc;
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        if (!pp_ymap_get(m, required[k])) {
            const struct pp_ynode *id = pp_ymap_get(m, "id");
            if (id && id->type == PP_YSCALAR)
                snprintf(what, sizeof what, "instruction \"%.64s\"", id->str);
            return pp_error_at(ld->err, PP_EINPUT, ld->name, m->line, m->col,
                               "%s: missing field \"%s\"", what, required[k]);
        }
    const char *id;
    if ((rc = read_name(ld, pp_ymap_get(m, "id"), "id", &id)) < 0)
        return rc;
    in->id = (char *)id; /* borrowed from the tree; copied by the builder */
    if ((rc = read_count(ld, pp_ymap_get(m, "gpu"),
                         field(what, sizeof what, id, "gpu"), &in->gpu)) < 0 ||
        (rc = read_count(ld, pp_ymap_get(m, "microbatch"),
                         field(what, sizeof what, id, "microbatch"), &in->mb)) <
            0 ||
        (rc = read_name(ld, pp_ymap_get(m, "kind"),
                        field(what, sizeof what, id, "kind"), &kind)) < 0)
        return rc;
    in->stage = in->gpu;
    if ((v = pp_ymap_get(m, "stage")) &&
        (rc = read_count(ld, v, field(what, sizeof what, id, "stage"),
                         &in->stage)) < 0)
        return rc;
    if ((v = pp_ymap_get(m, "chunk")) &&
        (rc = read_count(ld, v, field(what, sizeof what, id, "chunk"),
                         &in->chunk)) < 0)
        return rc;
    if ((v = pp_ymap_get(m, "after")) && v->type != PP_YSEQ)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, v->line, v->col,
                           "instruction \"%s\": after must be a list of "
                           "instruction ids",
                           id);
    int k = 0;
    while (k < ld->nkinds && strcmp(ld->kinds[k], kind) != 0)
        k++;
    if (k == ld->nkinds) {
        if (k == PP_GRAPH_MAX_KINDS)
            return pp_error_at(ld->err, PP_EINPUT, ld->name, m->line, m->col,
                               "more than %d instruction kinds", PP_GRAPH_MAX_KINDS);
        ld->kinds[ld->nkinds++] = kind;
    }
    in->kind = k;
    return PP_OK;
}

static int check_ids(struct loader *ld)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < ld->n; i++)
        ld->by_id[i] = (struct idkey){ld->ins[i].id, i};
    qsort(ld->by_id, ld->n, sizeof *ld->by_id, cmp_id);
    /* Report the duplicate whose second occurrence comes first. */
    for (size_t k = 1; k < ld->n; k++)
        if (strcmp(ld->by_id[k - 1].id, ld->by_id[k].id) == 0 &&
            (best == SIZE_MAX || ld->by_id[k].i < ld->by_id[best].i))
            best = k;
    if (best == SIZE_MAX)
        return PP_OK;
    const struct pp_ynode *a = ld->node[ld->by_id[best - 1].i];
    const struct pp_ynode *b = ld->node[ld->by_id[best].i];
    return pp_error_at(ld->err, PP_EINPUT, ld->name, b->line, b->col,
                       "duplicate instruction id \"%s\" (first defined at "
                       "line %ld, column %ld)",
                       ld->by_id[best].id, a->line, a->col);
}

/* GPUs 0..G-1 must all be used; G - 1 is the largest gpu seen. */
static int check_gpus(struct loader *ld, int *ngpus)
{
    size_t n = ld->n, gap;
    unsigned char *used = calloc(n + 1, 1);
    int top = 0;

    if (!used)
        return pp_error_nomem(ld->err);
    for (size_t i = 0; i < n; i++) {
        if ((size_t)ld->ins[i].gpu < n)
            used[ld->ins[i].gpu] = 1;
        if (ld->ins[i].gpu > top)
            top = ld->ins[i].gpu;
    }
    for (gap = 0; used[gap]; gap++)
        ;
    free(used);
    *ngpus = top + 1;
    if (gap > (size_t)top)
        return PP_OK;
    for (size_t i = 0; i < n; i++)
        if ((size_t)ld->ins[i].gpu > gap)
            return pp_error_at(ld->err, PP_EINPUT, ld->name, ld->node[i]->line,
                               ld->node[i]->col,
                               "instruction \"%s\" runs on gpu %d but no "
                               "instruction runs on gpu %zu (gpus must be "
                               "numbered 0..G-1 without gaps)",
                               ld->ins[i].id, ld->ins[i].gpu, gap);
    return PP_OK; /* not reached */
}

/*
 * The "after" entry of instruction TO that names FROM, or NULL if the edge
 * FROM -> TO is only the order of a GPU.
 */
static const struct pp_ynode *after_entry(const struct loader *ld, size_t from,
                                          size_t to)
{
    const struct pp_ynode *a = pp_ymap_get(ld->node[to], "after");
    for (size_t j = 0; a && j < a->n; j++)
        if (a->items[j]->type == PP_YSCALAR &&
            find_id(ld, a->items[j]->str) == from)
            return a->items[j];
    return NULL;
}

/* Where a cycle (instructions CYC[0..clen-1], then CYC[0] again) is
 * reported: the "after" entry of its closing edge, else of its first. */
static const struct pp_ynode *cycle_entry(const struct loader *ld,
                                          const size_t *cyc, size_t clen)
{
    const struct pp_ynode *at = after_entry(ld, cyc[clen - 1], cyc[0]);
    for (size_t k = 0; !at && k + 1 < clen; k++)
        at = after_entry(ld, cyc[k], cyc[k + 1]);
    return at;
}

/* Resolve every "after" list into (from, to) pairs in *edges. */
static int read_edges(struct loader *ld, size_t **edges, size_t *ne)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < ld->n; i++) {
        const struct pp_ynode *a = pp_ymap_get(ld->node[i], "after");
        total += a ? a->n : 0;
    }
    *edges = calloc(2 * total + 2, sizeof **edges);
    if (!*edges)
        return pp_error_nomem(ld->err);
    for (size_t i = 0; i < ld->n; i++) {
        const struct pp_ynode *a = pp_ymap_get(ld->node[i], "after");
        for (size_t j = 0; a && j < a->n; j++) {
            const struct pp_ynode *r = a->items[j];
            const char *id;
            char what[128];
            snprintf(what, sizeof what, "instruction \"%s\": after[%zu]",
                     ld->ins[i].id, j);
            int rc = pp_ynode_string(r, ld->name, what, &id, ld->err);
            if (rc < 0)
                return rc;
            size_t from = find_id(ld, id);
            if (from == SIZE_MAX)
                return pp_error_at(ld->err, PP_EINPUT, ld->name, r->line,
                                   r->col,
                                   "instruction \"%s\": after refers to "
                                   "unknown instruction \"%.64s\"",
                                   ld->ins[i].id, id);
            (*edges)[2 * k] = from;
            (*edges)[2 * k++ + 1] = i;
        }
    }
    *ne = k;
    return PP_OK;
}

/* The keys of the document's root mapping. */
static const char *const root_keys[] = {"format_version", "description",
                                        "instructions", NULL};

static int read_root(struct loader *ld, const struct pp_ynode *root,
                     const struct pp_ynode **list)
{
    const struct pp_ynode *v;
    long version;
    int rc = pp_ymap_check_keys(root, ld->name, "the custom DAG", root_keys,
                                ld->err);
    if (rc < 0)
        return rc;
    if (!(v = pp_ymap_get(root, "format_version")))
        return pp_error_at(ld->err, PP_EINPUT, ld->name, root->line, root->col,
                           "missing field \"format_version\"");
    if ((rc = pp_ynode_long(v, ld->name, "format_version", &version, ld->err)) <
        0)
        return rc;
    if (version != 1)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, v->line, v->col,
                           "unsupported format_version %ld (this version "
                           "reads 1)",
                           version);
    if (!(v = pp_ymap_get(root, "instructions")))
        return pp_error_at(ld->err, PP_EINPUT, ld->name, root->line, root->col,
                           "missing field \"instructions\"");
    if (v->type != PP_YSEQ || v->n == 0)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, v->line, v->col,
                           "instructions must be a non-empty list");
    if (v->n > PP_GRAPH_MAX_INSTR)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, v->line, v->col,
                           "more than %zu instructions", PP_GRAPH_MAX_INSTR);
    *list = v;
    return PP_OK;
}

int pp_graph_parse_yaml(struct pp_dag **out, const char *name, const char *text,
                        size_t len, struct pp_error *err)
{
    struct loader ld = {.name = name, .err = err};
    struct pp_ynode *root = NULL;
    const struct pp_ynode *list = NULL;
    size_t *edges = NULL, ne = 0, *cycle = NULL, clen = 0;
    int rc, ngpus = 0;

    *out = NULL;
    if ((rc = pp_yaml_load_keys(&root, name, text, len, root_keys,
                                "the custom DAG", err)) < 0 ||
        (rc = read_root(&ld, root, &list)) < 0)
        goto out;
    ld.n = list->n;
    ld.node = calloc(ld.n, sizeof *ld.node);
    ld.ins = calloc(ld.n, sizeof *ld.ins);
    ld.by_id = calloc(ld.n, sizeof *ld.by_id);
    if (!ld.node || !ld.ins || !ld.by_id) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < ld.n; i++) {
        ld.node[i] = list->items[i];
        if ((rc = read_instr(&ld, i)) < 0)
            goto out;
    }
    if ((rc = check_ids(&ld)) < 0 || (rc = check_gpus(&ld, &ngpus)) < 0 ||
        (rc = read_edges(&ld, &edges, &ne)) < 0)
        goto out;
    rc = pp_graph_from_arrays_cycle(out, ngpus, ld.n, ld.ins, ld.nkinds,
                                    ld.kinds, ne, edges, &cycle, &clen, err);
    if (rc == PP_EINPUT && err) {
        const struct pp_ynode *at =
            cycle ? cycle_entry(&ld, cycle, clen) : NULL;
        char msg[PP_ERRMSG_MAX];
        memcpy(msg, err->msg, sizeof msg);
        pp_error_at(err, rc, name, at ? at->line : 0, at ? at->col : 0, "%s",
                    msg);
    }
out:
    free(cycle);
    free(edges);
    free(ld.by_id);
    free(ld.ins);
    free(ld.node);
    pp_ynode_free(root);
    return rc;
}

int pp_graph_load_yaml(struct pp_dag **out, const char *path,
                       struct pp_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    rc = pp_read_file(path, &text, &len, err);
    if (rc < 0)
        goto out;
    rc = pp_graph_parse_yaml(out, strcmp(path, "-") == 0 ? "<stdin>" : path,
                             text, len, err);
out:
    free(text);
    return rc;
}
