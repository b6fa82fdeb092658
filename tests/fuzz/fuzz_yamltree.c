/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_yamltree.c - fuzz target for the YAML tree loader (pp_yaml_load).
 *
 * Every input goes to pp_yaml_load().  A failure must follow the error
 * contract (fuzz.h).  A tree that loads must keep the loader's promises
 * (yamltree.h): positions one-based, nesting within PP_YAML_MAX_DEPTH, map
 * keys scalars and distinct, scalars NUL-free, and pp_ymap_get() finds each
 * key's own value.  Each node also goes through the typed readers and
 * pp_ynode_describe(), which the format readers call on whatever a user
 * wrote.  Built with -fsanitize=fuzzer this is a libFuzzer target
 * (run-libfuzzer.sh); linked with replay.c it replays a corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Keys of MAP pairwise distinct (sorted copy, adjacent pairs). */
static void check_keys_distinct(const struct pp_ynode *map)
{
    const char **keys = malloc((map->n ? map->n : 1) * sizeof *keys);
    FUZZ_CHECK(keys != NULL);
    for (size_t i = 0; i < map->n; i++)
        keys[i] = map->items[2 * i]->str;
    qsort(keys, map->n, sizeof *keys, cmp_str);
    for (size_t i = 1; i < map->n; i++)
        FUZZ_CHECK(strcmp(keys[i - 1], keys[i]) != 0);
    free(keys);
}

static void readers(const struct pp_ynode *node)
{
    static const char *const allowed[] = {"format_version", "stages", "gpu",
                                          NULL};
    struct pp_error err;
    char buf[80], tiny[4];
    double d;
    long l;
    const char *s;

    pp_ynode_describe(node, buf, sizeof buf);
    FUZZ_CHECK(strlen(buf) < sizeof buf);
    pp_ynode_describe(node, tiny, sizeof tiny);
    if (pp_ynode_double(node, "fuzz", "x", &d, &err) != PP_OK)
        FUZZ_CHECK(strncmp(err.msg, "fuzz:", 5) == 0);
    if (pp_ynode_long(node, "fuzz", "x", &l, &err) != PP_OK)
        FUZZ_CHECK(strncmp(err.msg, "fuzz:", 5) == 0);
    if (pp_ynode_string(node, "fuzz", "x", &s, &err) == PP_OK)
        FUZZ_CHECK(s == node->str);
    else
        FUZZ_CHECK(strncmp(err.msg, "fuzz:", 5) == 0);
    if (pp_ymap_check_keys(node, "fuzz", "x", allowed, &err) != PP_OK)
        FUZZ_CHECK(strncmp(err.msg, "fuzz:", 5) == 0);
}

static void walk(const struct pp_ynode *node, int depth)
{
    FUZZ_CHECK(node != NULL);
    FUZZ_CHECK(node->line >= 1 && node->col >= 1);
    readers(node);
    if (node->type == PP_YSCALAR) {
        FUZZ_CHECK(node->str != NULL);
        return;
    }
    FUZZ_CHECK(node->type == PP_YSEQ || node->type == PP_YMAP);
    FUZZ_CHECK(depth <= PP_YAML_MAX_DEPTH);
    if (node->type == PP_YSEQ) {
        for (size_t i = 0; i < node->n; i++)
            walk(node->items[i], depth + 1);
        return;
    }
    for (size_t i = 0; i < node->n; i++) {
        const struct pp_ynode *key = node->items[2 * i];
        FUZZ_CHECK(key->type == PP_YSCALAR);
        walk(key, depth + 1);
        walk(node->items[2 * i + 1], depth + 1);
        if (i < 64) /* pp_ymap_get is a linear search */
            FUZZ_CHECK(pp_ymap_get(node, key->str) == node->items[2 * i + 1]);
    }
    check_keys_distinct(node);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pp_ynode *root = NULL;
    struct pp_error err = {0};
    int rc = pp_yaml_load(&root, "fuzz", (const char *)data, size, &err);

    if (rc != PP_OK) {
        fuzz_check_error(rc, &err, "fuzz", root);
        return 0;
    }
    walk(root, 1);
    pp_ynode_free(root);
    return 0;
}
