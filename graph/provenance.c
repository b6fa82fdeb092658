/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * provenance.c - what a plan was made for (graph.h, struct pp_provenance):
 * one line of JSON for Zeus comments and frontier files, a mapping in YAML
 * and JSON plans (plan.c), and reading either back from the YAML tree.
 *
 * A one-line provenance inside a larger text (a comment of a Zeus plan, a
 * line of a frontier file) is parsed as YAML on a copy of the text up to
 * its end in which every byte before it except line breaks is a blank, so
 * that the tree's lines and columns, and so every message, are those of
 * the file itself.
 */
#include "graph.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "json.h"
#include "numfmt.h"
#include "yamltree.h"

int pp_provenance_new(struct pp_provenance **out)
{
    struct pp_provenance *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return PP_ENOMEM;
    p->stages = p->microbatches = p->chunks = p->gpus_per_stage = -1;
    p->blocking_power = p->deadline = p->time = p->energy = NAN;
    *out = p;
    return PP_OK;
}

void pp_provenance_free(struct pp_provenance *p)
{
    if (!p)
        return;
    free(p->tool);
    free(p->profile);
    free(p->profile_hash);
    free(p->schedule);
    free(p->model);
    free(p);
}

/* A copy of S into *TO (NULL stays NULL); 0 or -1. */
static int dup(char **to, const char *s)
{
    *to = s ? strdup(s) : NULL;
    return s && !*to ? -1 : 0;
}

int pp_provenance_copy(struct pp_provenance **out,
                       const struct pp_provenance *p)
{
    struct pp_provenance *c = NULL;
    *out = NULL;
    if (!p)
        return PP_OK;
    if (pp_provenance_new(&c))
        return PP_ENOMEM;
    *c = *p;
    c->tool = c->profile = c->profile_hash = c->schedule = c->model = NULL;
    if (dup(&c->tool, p->tool) || dup(&c->profile, p->profile) ||
        dup(&c->profile_hash, p->profile_hash) ||
        dup(&c->schedule, p->schedule) || dup(&c->model, p->model)) {
        pp_provenance_free(c);
        return PP_ENOMEM;
    }
    *out = c;
    return PP_OK;
}

/* The fields in the order they are written, and where each lives. */
enum kind { K_STR, K_LONG, K_NUM };
struct field {
    const char *key;
    enum kind kind;
    size_t off;
};
#define F(key, kind, member) {key, kind, offsetof(struct pp_provenance, member)}
static const struct field fields[] = {
    F("tool", K_STR, tool),
    F("profile", K_STR, profile),
    F("profile_fnv1a64", K_STR, profile_hash),
    F("schedule", K_STR, schedule),
    F("stages", K_LONG, stages),
    F("microbatches", K_LONG, microbatches),
    F("chunks", K_LONG, chunks),
    F("gpus_per_stage", K_LONG, gpus_per_stage),
    F("blocking_power", K_NUM, blocking_power),
    F("model", K_STR, model),
    F("deadline", K_NUM, deadline),
    F("time", K_NUM, time),
    F("energy", K_NUM, energy),
};
#undef F
#define NFIELDS (sizeof fields / sizeof fields[0])

/* Field Q of P: recorded?  Written to F if so. */
static int put_field(FILE *f, const struct pp_provenance *p, size_t q)
{
    const char *base = (const char *)p;
    switch (fields[q].kind) {
    case K_STR: {
        const char *s = *(char *const *)(base + fields[q].off);
        if (s && f)
            pp_json_put_string(f, s);
        return s != NULL;
    }
    case K_LONG: {
        long v = *(const long *)(base + fields[q].off);
        if (v >= 0 && f)
            fprintf(f, "%ld", v);
        return v >= 0;
    }
    default: {
        double v = *(const double *)(base + fields[q].off);
        if (isfinite(v) && f)
            pp_num_put(f, v);
        return isfinite(v);
    }
    }
}

void pp_provenance_put_json(FILE *f, const struct pp_provenance *p)
{
    int first = 1;
    fputc('{', f);
    for (size_t q = 0; q < NFIELDS; q++) {
        if (!put_field(NULL, p, q))
            continue;
        fprintf(f, "%s\"%s\": ", first ? "" : ", ", fields[q].key);
        put_field(f, p, q);
        first = 0;
    }
    fputc('}', f);
}

void pp_provenance_put_yaml(FILE *f, const struct pp_provenance *p,
                            int indent)
{
    for (size_t q = 0; q < NFIELDS; q++) {
        if (!put_field(NULL, p, q))
            continue;
        fprintf(f, "%*s%s: ", indent, "", fields[q].key);
        put_field(f, p, q);
        fputc('\n', f);
    }
}

int pp_provenance_from_node(struct pp_provenance **out,
                            const struct pp_ynode *map, const char *name,
                            struct pp_error *err)
{
    static const char *const keys[NFIELDS + 1] = {
        "tool",           "profile",        "profile_fnv1a64", "schedule",
        "stages",         "microbatches",   "chunks",          "gpus_per_stage",
        "blocking_power", "model",          "deadline",        "time",
        "energy",         NULL};
    struct pp_provenance *p = NULL;
    char what[64];
    int rc;

    *out = NULL;
    if (map->type != PP_YMAP)
        return pp_error_at(err, PP_EINPUT, name, map->line, map->col,
                           "provenance must be a mapping");
    if ((rc = pp_ymap_check_keys(map, name, "provenance", keys, err)) < 0)
        return rc;
    if (pp_provenance_new(&p))
        return pp_error_nomem(err);
    char *base = (char *)p;
    for (size_t q = 0; q < NFIELDS; q++) {
        const struct pp_ynode *v = pp_ymap_get(map, fields[q].key);
        if (!v)
            continue;
        snprintf(what, sizeof what, "provenance: %s", fields[q].key);
        if (fields[q].kind == K_STR) {
            const char *s;
            char **to = (char **)(base + fields[q].off);
            if ((rc = pp_ynode_string(v, name, what, &s, err)) < 0)
                goto fail;
            if (!(*to = strdup(s))) {
                rc = pp_error_nomem(err);
                goto fail;
            }
        } else if (fields[q].kind == K_LONG) {
            long *to = (long *)(base + fields[q].off);
            if ((rc = pp_ynode_long(v, name, what, to, err)) < 0)
                goto fail;
            if (*to < 0) {
                rc = pp_error_at(err, PP_EINPUT, name, v->line, v->col,
                                 "%s must not be negative", what);
                goto fail;
            }
        } else {
            double *to = (double *)(base + fields[q].off);
            if ((rc = pp_ynode_double(v, name, what, to, err)) < 0)
                goto fail;
        }
    }
    *out = p;
    return PP_OK;
fail:
    pp_provenance_free(p);
    return rc;
}

int pp_provenance_parse_line(struct pp_provenance **out, const char *name,
                             const char *text, size_t start, size_t end,
                             struct pp_error *err)
{
    struct pp_ynode *root = NULL;
    char *copy = malloc(end + 1);
    int rc;

    *out = NULL;
    if (!copy)
        return pp_error_nomem(err);
    for (size_t i = 0; i < end; i++)
        copy[i] = i >= start ? text[i] : text[i] == '\n' ? '\n' : ' ';
    copy[end] = '\0';
    if ((rc = pp_yaml_load(&root, name, copy, end, err)) == PP_OK)
        rc = pp_provenance_from_node(out, root, name, err);
    pp_ynode_free(root);
    free(copy);
    return rc;
}
