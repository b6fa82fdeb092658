/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yamltree.c - build a positioned YAML tree from libyaml parser events.
 *
 * The loader pulls events from libyaml's event API and builds the tree by
 * recursive descent: load_node() receives the first event of a node and
 * consumes the events up to and including the node's end.  Recursion depth
 * is bounded by PP_YAML_MAX_DEPTH, checked before descending, so hostile
 * input cannot exhaust the stack.  Everything libyaml lets through but the
 * project's formats never need is rejected here, at its position: anchors
 * and aliases, explicit tags, non-scalar mapping keys, duplicate keys (found
 * as each key is added, so the message names both lines; a mapping of more
 * than a few keys gets a hash table of them, FNV-1a with linear probing, so
 * a mapping of n keys loads in O(n), not O(n^2)) and a second document.  The
 * whole stream is parsed before the caller sees the tree, so a syntax error
 * late in the file is never masked by a semantic error about a scalar libyaml
 * delivered before it.  libyaml marks are zero-based; the tree and all messages
 * are one-based.  The typed scalar readers are in yamlnode.c.
 *
 * Memory: a node takes about 90 bytes, so a document of small scalars
 * (a flow list "1,1,1,...") makes a tree 45 times its size.  Where the
 * caller knows the root keys (pp_yaml_load_keys), an unknown one stops
 * the building at once and the rest of the stream is only parsed; a
 * scalar longer than the line limit is refused before it is copied.
 */
#include "yamltree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "readfile.h"

struct loader {
    yaml_parser_t parser;
    const char *name;
    const char *text;
    size_t len;
    long nodes; /* made so far, at most PP_YAML_MAX_NODES */
    const char *const *root_keys; /* pp_yaml_load_keys, else NULL */
    const char *root_what;
    struct pp_error *err;
};

/* Line and column (one-based) of byte OFFSET, counting bytes. */
static void offset_pos(const char *text, size_t len, size_t offset, long *line,
                       long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static int parser_error(struct loader *ld)
{
    yaml_parser_t *p = &ld->parser;
    const char *problem = p->problem ? p->problem : "unknown error";
    long line, col;

    if (p->error == YAML_MEMORY_ERROR)
        return pp_error_nomem(ld->err);
    if (p->error == YAML_READER_ERROR) {
        offset_pos(ld->text, ld->len, p->problem_offset, &line, &col);
        if (p->problem_value != -1)
            return pp_error_at(ld->err, PP_EINPUT, ld->name, line, col,
                               "invalid YAML: %s (#%X)", problem,
                               (unsigned)p->problem_value);
        return pp_error_at(ld->err, PP_EINPUT, ld->name, line, col,
                           "invalid YAML: %s", problem);
    }
    line = (long)p->problem_mark.line + 1;
    col = (long)p->problem_mark.column + 1;
    if (p->context)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, line, col,
                           "invalid YAML: %s (%s at line %ld)", problem,
                           p->context, (long)p->context_mark.line + 1);
    return pp_error_at(ld->err, PP_EINPUT, ld->name, line, col,
                       "invalid YAML: %s", problem);
}

static int next_event(struct loader *ld, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&ld->parser, ev))
        return parser_error(ld);
    return PP_OK;
}

static int error_at_mark(struct loader *ld, const yaml_mark_t *m,
                         const char *what)
{
    return pp_error_at(ld->err, PP_EINPUT, ld->name, (long)m->line + 1,
                       (long)m->column + 1, "%s", what);
}

/* Anchors, aliases and explicit tags: valid YAML the formats never use. */
static int check_node_event(struct loader *ld, const yaml_event_t *ev)
{
    const yaml_char_t *anchor = NULL, *tag = NULL;

    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return pp_error_at(ld->err, PP_EINPUT, ld->name,
                           (long)ev->start_mark.line + 1,
                           (long)ev->start_mark.column + 1,
                           "YAML aliases (*%s) are not supported",
                           (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
        break;
    default:
        return error_at_mark(ld, &ev->start_mark, "unexpected YAML event");
    }
    if (anchor)
        return pp_error_at(
            ld->err, PP_EINPUT, ld->name, (long)ev->start_mark.line + 1,
            (long)ev->start_mark.column + 1,
            "YAML anchors (&%s) are not supported", (const char *)anchor);
    if (tag)
        return pp_error_at(
            ld->err, PP_EINPUT, ld->name, (long)ev->start_mark.line + 1,
            (long)ev->start_mark.column + 1, "YAML tags (%s) are not supported",
            (const char *)tag);
    return PP_OK;
}

static struct pp_ynode *new_node(enum pp_ynode_type type, const yaml_mark_t *m)
{
    struct pp_ynode *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    n->line = (long)m->line + 1;
    n->col = (long)m->column + 1;
    return n;
}

/*
 * A scalar node with its text V (LEN bytes) in the same allocation, right
 * after the node: half the allocations of a tree are scalars, and one block
 * instead of two keeps a large document's tree (a million-row profile) a
 * third smaller.  pp_ynode_free() knows not to free such a str.
 */
static struct pp_ynode *new_scalar(const yaml_mark_t *m, const char *v,
                                   size_t len)
{
    struct pp_ynode *n;
    if (len > SIZE_MAX - sizeof *n - 1 || !(n = malloc(sizeof *n + len + 1)))
        return NULL;
    memset(n, 0, sizeof *n);
    n->type = PP_YSCALAR;
    n->line = (long)m->line + 1;
    n->col = (long)m->column + 1;
    n->str = (char *)(n + 1);
    memcpy(n->str, v, len);
    n->str[len] = '\0';
    return n;
}

/* Make room for NEED item pointers in NODE (capacity *CAP). */
static int reserve(struct loader *ld, struct pp_ynode *node, size_t *cap,
                   size_t need)
{
    if (need <= *cap)
        return PP_OK;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / sizeof *node->items)
        return pp_error_nomem(ld->err);
    struct pp_ynode **items = realloc(node->items, ncap * sizeof *items);
    if (!items)
        return pp_error_nomem(ld->err);
    node->items = items;
    *cap = ncap;
    return PP_OK;
}

static int load_node(struct loader *ld, yaml_event_t *first, int depth,
                     struct pp_ynode **out);

/*
 * An error found while the tree is built, before the stream is parsed to
 * its end: parse the rest without keeping anything (libyaml's events one
 * at a time, constant memory) and report a syntax error there instead of
 * PENDING, which is what the whole-stream rule above promises.
 */
static int finish_after(struct loader *ld, const struct pp_error *pending)
{
    yaml_event_t ev;
    int rc;
    for (;;) {
        if ((rc = next_event(ld, &ev)) != PP_OK)
            return rc;
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (end)
            break;
    }
    if (ld->err)
        *ld->err = *pending;
    return pending->code;
}

/* Keys of one mapping: slot[] holds pair index + 1 (0 empty). */
struct keyset {
    size_t *slot;
    size_t cap; /* a power of two, or 0 while the mapping is small */
};

/* Below this many keys a linear search is as fast as hashing. */
#define KEYSET_MIN 16

static size_t hash_key(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* Slot of KEY in KS for map M: the slot of an equal key, or an empty one. */
static size_t keyset_slot(const struct keyset *ks, const struct pp_ynode *m,
                          const char *key)
{
    size_t mask = ks->cap - 1, i = hash_key(key) & mask;
    while (ks->slot[i] && strcmp(m->items[2 * (ks->slot[i] - 1)]->str, key))
        i = (i + 1) & mask;
    return i;
}

/* Make KS hold the M->n keys of M with room for one more (half full). */
static int keyset_grow(struct loader *ld, struct keyset *ks,
                       const struct pp_ynode *m)
{
    if (m->n + 1 < KEYSET_MIN || 2 * (m->n + 1) <= ks->cap)
        return PP_OK;
    size_t ncap = ks->cap ? 2 * ks->cap : 2 * KEYSET_MIN;
    while (ncap < 2 * (m->n + 1))
        ncap *= 2;
    size_t *slot = calloc(ncap, sizeof *slot);
    if (!slot)
        return pp_error_nomem(ld->err);
    free(ks->slot);
    ks->slot = slot;
    ks->cap = ncap;
    for (size_t i = 0; i < m->n; i++)
        ks->slot[keyset_slot(ks, m, m->items[2 * i]->str)] = i + 1;
    return PP_OK;
}

/* An error if map M already has KEY: both positions are named. */
static int check_duplicate(struct loader *ld, const struct keyset *ks,
                           const struct pp_ynode *m, const struct pp_ynode *key)
{
    const struct pp_ynode *k = NULL;
    if (ks->cap) {
        size_t i = ks->slot[keyset_slot(ks, m, key->str)];
        if (i)
            k = m->items[2 * (i - 1)];
    } else {
        for (size_t i = 0; i < m->n && !k; i++)
            if (strcmp(m->items[2 * i]->str, key->str) == 0)
                k = m->items[2 * i];
    }
    if (k)
        return pp_error_at(ld->err, PP_EINPUT, ld->name, key->line, key->col,
                           "duplicate key \"%s\" (first on line %ld)", key->str,
                           k->line);
    return PP_OK;
}

/* One key and its value into map M (its keys in KS); FIRST is the key's
 * first event, deleted here.  Keys are checked as they arrive, so the
 * message points at the second occurrence. */
static int load_pair(struct loader *ld, struct pp_ynode *m, size_t *cap,
                     struct keyset *ks, yaml_event_t *first, int depth)
{
    struct pp_ynode *key = NULL, *val = NULL;
    yaml_event_t ev;
    int rc;

    if (first->type != YAML_SCALAR_EVENT && first->type != YAML_ALIAS_EVENT) {
        rc = error_at_mark(ld, &first->start_mark,
                           "mapping keys must be scalars");
        yaml_event_delete(first);
        goto out;
    }
    if ((rc = load_node(ld, first, depth, &key)) != PP_OK)
        goto out;
    if (depth == 2 && ld->root_keys) { /* a key of the root mapping */
        struct pp_error pending = {0};
        if (pp_ykey_check(key, ld->name, ld->root_what, ld->root_keys,
                          &pending)) {
            rc = finish_after(ld, &pending);
            goto out;
        }
    }
    if ((rc = keyset_grow(ld, ks, m)) != PP_OK ||
        (rc = check_duplicate(ld, ks, m, key)) != PP_OK ||
        (rc = next_event(ld, &ev)) != PP_OK ||
        (rc = load_node(ld, &ev, depth, &val)) != PP_OK ||
        (rc = reserve(ld, m, cap, 2 * m->n + 2)) != PP_OK)
        goto out;
    if (ks->cap)
        ks->slot[keyset_slot(ks, m, key->str)] = m->n + 1;
    m->items[2 * m->n] = key;
    m->items[2 * m->n + 1] = val;
    m->n++;
    key = val = NULL;
out:
    pp_ynode_free(val);
    pp_ynode_free(key);
    return rc;
}

/* One sequence item into S; FIRST is its first event, deleted here. */
static int load_item(struct loader *ld, struct pp_ynode *s, size_t *cap,
                     yaml_event_t *first, int depth)
{
    struct pp_ynode *item = NULL;
    int rc;

    if ((rc = load_node(ld, first, depth, &item)) != PP_OK ||
        (rc = reserve(ld, s, cap, s->n + 1)) != PP_OK)
        goto out;
    s->items[s->n++] = item;
    item = NULL;
out:
    pp_ynode_free(item);
    return rc;
}

/* The children of NODE (at DEPTH), up to and including its end event. */
static int load_children(struct loader *ld, struct pp_ynode *node, int depth)
{
    yaml_event_type_t end = node->type == PP_YMAP ? YAML_MAPPING_END_EVENT
                                                  : YAML_SEQUENCE_END_EVENT;
    size_t cap = 0;
    struct keyset ks = {NULL, 0};
    yaml_event_t ev;
    int rc;

    while ((rc = next_event(ld, &ev)) == PP_OK) {
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        rc = node->type == PP_YMAP
                 ? load_pair(ld, node, &cap, &ks, &ev, depth + 1)
                 : load_item(ld, node, &cap, &ev, depth + 1);
        if (rc != PP_OK)
            break;
    }
    free(ks.slot);
    return rc;
}

/* FIRST is the node's first event; this function deletes it. */
static int load_node(struct loader *ld, yaml_event_t *first, int depth,
                     struct pp_ynode **out)
{
    struct pp_ynode *node = NULL;
    int rc = check_node_event(ld, first);

    *out = NULL;
    if (rc != PP_OK)
        goto out;
    if (++ld->nodes > PP_YAML_MAX_NODES) {
        rc = pp_error_at(ld->err, PP_EINPUT, ld->name,
                         (long)first->start_mark.line + 1,
                         (long)first->start_mark.column + 1,
                         "more than %ld YAML nodes (a tree that large would "
                         "need gigabytes of memory)",
                         PP_YAML_MAX_NODES);
        goto out;
    }
    if (first->type == YAML_SCALAR_EVENT) {
        size_t n = first->data.scalar.length;
        const char *v = (const char *)first->data.scalar.value;
        if (memchr(v, '\0', n)) {
            rc = error_at_mark(ld, &first->start_mark,
                               "NUL character in a YAML scalar");
            goto out;
        }
        if (n > pp_read_max_line()) {
            char limit[PP_READ_LIMIT_TEXT];
            rc = pp_error_at(ld->err, PP_EINPUT, ld->name,
                             (long)first->start_mark.line + 1,
                             (long)first->start_mark.column + 1,
                             "YAML scalar longer than the line limit of %s",
                             pp_read_limit_text(limit, pp_read_max_line()));
            goto out;
        }
        if (!(node = new_scalar(&first->start_mark, v, n))) {
            rc = pp_error_nomem(ld->err);
            goto out;
        }
        node->quoted = first->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        goto out;
    }
    if (depth > PP_YAML_MAX_DEPTH) {
        rc = pp_error_at(
            ld->err, PP_EINPUT, ld->name, (long)first->start_mark.line + 1,
            (long)first->start_mark.column + 1,
            "YAML nesting deeper than %d levels", PP_YAML_MAX_DEPTH);
        goto out;
    }
    node = new_node(first->type == YAML_MAPPING_START_EVENT ? PP_YMAP : PP_YSEQ,
                    &first->start_mark);
    if (!node) {
        rc = pp_error_nomem(ld->err);
        goto out;
    }
    rc = load_children(ld, node, depth);
out:
    yaml_event_delete(first);
    if (rc != PP_OK) {
        pp_ynode_free(node);
        return rc;
    }
    *out = node;
    return PP_OK;
}

static int is_empty_root(const struct pp_ynode *root)
{
    return root->type == PP_YSCALAR && !root->quoted && root->str[0] == '\0';
}

static int load_stream(struct loader *ld, struct pp_ynode **out)
{
    struct pp_ynode *root = NULL;
    yaml_event_t ev;
    int rc;

    if ((rc = next_event(ld, &ev)) != PP_OK) /* STREAM-START */
        goto out;
    yaml_event_delete(&ev);
    if ((rc = next_event(ld, &ev)) != PP_OK)
        goto out;
    if (ev.type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&ev);
        rc = pp_error_at(ld->err, PP_EINPUT, ld->name, 0, 0, "empty document");
        goto out;
    }
    yaml_event_delete(&ev); /* DOCUMENT-START */
    if ((rc = next_event(ld, &ev)) != PP_OK)
        goto out;
    if ((rc = load_node(ld, &ev, 1, &root)) != PP_OK)
        goto out;
    if ((rc = next_event(ld, &ev)) != PP_OK) /* DOCUMENT-END */
        goto out;
    yaml_event_delete(&ev);
    if ((rc = next_event(ld, &ev)) != PP_OK)
        goto out;
    if (ev.type == YAML_DOCUMENT_START_EVENT) {
        rc = error_at_mark(ld, &ev.start_mark,
                           "more than one YAML document (a second '---')");
        yaml_event_delete(&ev);
        goto out;
    }
    yaml_event_delete(&ev); /* STREAM-END */
    if (is_empty_root(root)) {
        rc = pp_error_at(ld->err, PP_EINPUT, ld->name, 0, 0, "empty document");
        goto out;
    }
out:
    if (rc != PP_OK) {
        pp_ynode_free(root);
        return rc;
    }
    *out = root;
    return PP_OK;
}

int pp_yaml_load(struct pp_ynode **out, const char *name, const char *text,
                 size_t len, struct pp_error *err)
{
    return pp_yaml_load_keys(out, name, text, len, NULL, NULL, err);
}

int pp_yaml_load_keys(struct pp_ynode **out, const char *name,
                      const char *text, size_t len,
                      const char *const *root_keys, const char *what,
                      struct pp_error *err)
{
    struct loader ld = {.name = name, .text = text, .len = len,
                        .root_keys = root_keys, .root_what = what,
                        .err = err};
    int rc;

    *out = NULL;
    if (!yaml_parser_initialize(&ld.parser))
        return pp_error_nomem(err);
    yaml_parser_set_input_string(&ld.parser, (const unsigned char *)text, len);
    rc = load_stream(&ld, out);
    yaml_parser_delete(&ld.parser);
    return rc;
}
