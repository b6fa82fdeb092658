/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yamlnode.c - reading values out of a YAML tree.
 *
 * The tree from pp_yaml_load() keeps every scalar as text.  The readers here
 * give it a type at the point of use and, when the text does not fit, fill
 * the error with the node's position and what was found instead, so every
 * module that reads YAML (profiles, custom DAGs, plans) words type errors
 * the same way: "FILE:LINE:COL: WHAT must be a number, got "abc"".  Quoted
 * scalars are strings: "1410" in quotes is not a number, as in YAML itself.
 * Numbers go through pp_num_parse() and so ignore the locale.
 */
#include "yamltree.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

void pp_ynode_free(struct pp_ynode *node)
{
    if (!node)
        return;
    if (node->type != PP_YSCALAR) {
        size_t n = node->type == PP_YMAP ? 2 * node->n : node->n;
        for (size_t i = 0; i < n; i++)
            pp_ynode_free(node->items[i]);
        free(node->items);
    }
    if (node->str != (char *)(node + 1)) /* not stored with the node */
        free(node->str);
    free(node);
}

const struct pp_ynode *pp_ymap_get(const struct pp_ynode *map, const char *key)
{
    if (!map || map->type != PP_YMAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->str, key) == 0)
            return map->items[2 * i + 1];
    return NULL;
}

static int is_null_scalar(const struct pp_ynode *node)
{
    const char *s = node->str;
    return !node->quoted &&
           (s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
            strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0);
}

const char *pp_ynode_describe(const struct pp_ynode *node, char *buf,
                              size_t len)
{
    if (!node)
        snprintf(buf, len, "nothing");
    else if (node->type == PP_YMAP)
        snprintf(buf, len, "a mapping");
    else if (node->type == PP_YSEQ)
        snprintf(buf, len, "a sequence");
    else if (is_null_scalar(node))
        snprintf(buf, len, "null");
    else if (strlen(node->str) > 40)
        snprintf(buf, len, "%s\"%.37s...\"", node->quoted ? "the string " : "",
                 node->str);
    else
        snprintf(buf, len, "%s\"%s\"", node->quoted ? "the string " : "",
                 node->str);
    return buf;
}

static int missing(const char *name, const char *what, struct pp_error *err)
{
    return pp_error_at(err, PP_EINPUT, name, 0, 0, "%s is missing", what);
}

static int type_error(const struct pp_ynode *node, const char *name,
                      const char *what, const char *expected,
                      struct pp_error *err)
{
    char got[80];
    return pp_error_at(err, PP_EINPUT, name, node->line, node->col,
                       "%s must be %s, got %s", what, expected,
                       pp_ynode_describe(node, got, sizeof got));
}

int pp_ynode_double(const struct pp_ynode *node, const char *name,
                    const char *what, double *out, struct pp_error *err)
{
    if (!node)
        return missing(name, what, err);
    if (node->type != PP_YSCALAR || node->quoted)
        return type_error(node, name, what, "a number", err);
    switch (pp_num_parse(node->str, out)) {
    case PP_NUM_OK:
        return PP_OK;
    case PP_NUM_NONFINITE:
        return type_error(node, name, what, "a finite number", err);
    default:
        return type_error(node, name, what, "a number", err);
    }
}

int pp_ynode_long(const struct pp_ynode *node, const char *name,
                  const char *what, long *out, struct pp_error *err)
{
    char hint[160];
    if (!node)
        return missing(name, what, err);
    if (node->type == PP_YSCALAR && !node->quoted &&
        pp_num_leading_zero(node->str, hint, sizeof hint))
        return pp_error_at(err, PP_EINPUT, name, node->line, node->col,
                           "%s must be an integer without a leading zero "
                           "(%s), got \"%.40s\"",
                           what, hint, node->str);
    int rc = node->type != PP_YSCALAR || node->quoted
                 ? PP_EINPUT
                 : pp_parse_long(node->str, out);
    if (rc == PP_ERANGE) {
        char got[80];
        return pp_error_at(err, PP_EINPUT, name, node->line, node->col,
                           "%s is out of range (%ld to %ld), got %s", what,
                           LONG_MIN, LONG_MAX,
                           pp_ynode_describe(node, got, sizeof got));
    }
    if (rc != PP_OK)
        return type_error(node, name, what, "an integer", err);
    return PP_OK;
}

int pp_ynode_string(const struct pp_ynode *node, const char *name,
                    const char *what, const char **out, struct pp_error *err)
{
    if (!node)
        return missing(name, what, err);
    if (node->type != PP_YSCALAR || is_null_scalar(node))
        return type_error(node, name, what, "a string", err);
    *out = node->str;
    return PP_OK;
}

int pp_ykey_check(const struct pp_ynode *key, const char *name,
                  const char *what, const char *const *allowed,
                  struct pp_error *err)
{
    size_t k = 0;
    while (allowed[k] && strcmp(allowed[k], key->str) != 0)
        k++;
    if (allowed[k])
        return PP_OK;
    char list[256] = "";
    size_t used = 0;
    for (k = 0; allowed[k] && used < sizeof list; k++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s",
                         k ? ", " : "", allowed[k]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return pp_error_at(err, PP_EINPUT, name, key->line, key->col,
                       "unknown key \"%s\" in %s (expected one of: %s)",
                       key->str, what, list);
}

int pp_ymap_check_keys(const struct pp_ynode *map, const char *name,
                       const char *what, const char *const *allowed,
                       struct pp_error *err)
{
    int rc;
    if (!map)
        return missing(name, what, err);
    if (map->type != PP_YMAP)
        return type_error(map, name, what, "a mapping", err);
    for (size_t i = 0; i < map->n; i++)
        if ((rc = pp_ykey_check(map->items[2 * i], name, what, allowed,
                                err)))
            return rc;
    return PP_OK;
}
