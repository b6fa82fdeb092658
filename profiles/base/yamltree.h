/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yamltree.h - a small YAML document tree built from libyaml events.
 *
 * libyaml's event API resolves no types, detects no duplicate keys, does not
 * resolve aliases and accepts several documents.  This loader builds one
 * tree with positions and rejects what the project's formats never need:
 * aliases/anchors, duplicate mapping keys, more than one document, nesting
 * deeper than PP_YAML_MAX_DEPTH, more than PP_YAML_MAX_NODES nodes, a
 * scalar longer than the line limit (readfile.h).  Every
 * node keeps its one-based line and
 * column so callers can report semantic errors as FILE:LINE:COL.
 * JSON text is accepted too (it is YAML flow style).
 */
#ifndef PP_YAMLTREE_H
#define PP_YAMLTREE_H

#include <stddef.h>

#include "error.h"

#define PP_YAML_MAX_DEPTH 64

/*
 * Most nodes in one tree.  A node takes about 90 bytes, so this bounds the
 * tree near 3 GB and a document of a few bytes per node (a 200 MB flow list
 * of small numbers) fails with a message instead of exhausting memory.  It
 * allows custom DAGs and plans of about 2.5 million instructions (11 to 13
 * nodes each) and profiles of about 4.5 million rows (7 nodes each).
 */
#define PP_YAML_MAX_NODES (1L << 25)

enum pp_ynode_type { PP_YSCALAR, PP_YSEQ, PP_YMAP };

struct pp_ynode {
    enum pp_ynode_type type;
    long line, col;      /* one-based position of the node's start */
    char *str;           /* PP_YSCALAR: the text (NUL-terminated) */
    int quoted;          /* PP_YSCALAR: was quoted in the source */
    size_t n;            /* PP_YSEQ: items; PP_YMAP: pairs */
    struct pp_ynode **items; /* PP_YSEQ items; PP_YMAP: keys and values
                                interleaved, key 2i, value 2i+1 */
};

/*
 * Parse TEXT (LEN bytes) into a tree; NAME is used in messages.  On success
 * *out owns the root (free with pp_ynode_free); an empty document gives
 * PP_EINPUT "empty document".
 */
int pp_yaml_load(struct pp_ynode **out, const char *name, const char *text,
                 size_t len, struct pp_error *err);

/*
 * pp_yaml_load for a document whose root mapping may only have the keys
 * in the NULL-terminated list ROOT_KEYS (WHAT names the document in
 * messages, "the profile"): the first unknown root key stops the building
 * of the tree, so a huge value under a misspelt key costs no memory; the
 * rest of the stream is still parsed, in constant memory, and a syntax
 * error there is reported instead.  The message is pp_ykey_check's.  A
 * root that is not a mapping is left to the caller, as with pp_yaml_load.
 */
int pp_yaml_load_keys(struct pp_ynode **out, const char *name,
                      const char *text, size_t len,
                      const char *const *root_keys, const char *what,
                      struct pp_error *err);

void pp_ynode_free(struct pp_ynode *node);

/* Value of KEY in mapping MAP, or NULL (also NULL if MAP is not a map). */
const struct pp_ynode *pp_ymap_get(const struct pp_ynode *map, const char *key);

/*
 * Typed readers for scalars; on a type error they fill err with
 * "NAME:LINE:COL: WHAT must be ..." and return PP_EINPUT.
 */
int pp_ynode_double(const struct pp_ynode *node, const char *name,
                    const char *what, double *out, struct pp_error *err);
int pp_ynode_long(const struct pp_ynode *node, const char *name,
                  const char *what, long *out, struct pp_error *err);
int pp_ynode_string(const struct pp_ynode *node, const char *name,
                    const char *what, const char **out, struct pp_error *err);

/*
 * Check that KEY (a scalar) is in the NULL-terminated list ALLOWED; if not,
 * the error names it, WHAT and the allowed keys (catches typos).
 */
int pp_ykey_check(const struct pp_ynode *key, const char *name,
                  const char *what, const char *const *allowed,
                  struct pp_error *err);

/*
 * Check that MAP is a mapping whose keys are all in the NULL-terminated list
 * ALLOWED; an unknown key is an error naming it (catches typos).
 */
int pp_ymap_check_keys(const struct pp_ynode *map, const char *name,
                       const char *what, const char *const *allowed,
                       struct pp_error *err);

/*
 * Describe NODE for a message ("a mapping", "a sequence", "null", "\"text\"",
 * "the string \"text\"" for quoted scalars, long text cut); returns BUF.
 */
const char *pp_ynode_describe(const struct pp_ynode *node, char *buf,
                              size_t len);

#endif
