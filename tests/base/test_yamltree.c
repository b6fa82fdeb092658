/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_yamltree.c - unit tests for the YAML tree loader and its readers.
 *
 * Positions must be one-based, and everything the loader refuses (aliases,
 * anchors, tags, duplicate keys, several documents, deep nesting, syntax
 * errors) must come back as a located message, never a partial tree.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "yamltree.h"

static struct pp_ynode *load_ok(const char *text)
{
    struct pp_ynode *root = NULL;
    struct pp_error err = {0};
    int rc = pp_yaml_load(&root, "t.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, PP_OK, "unexpected error: %s", err.msg);
    cr_assert_not_null(root);
    return root;
}

static void load_fails(const char *text, const char *msg)
{
    struct pp_ynode *root = (struct pp_ynode *)&root;
    struct pp_error err = {0};
    int rc = pp_yaml_load(&root, "t.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT);
    cr_assert_null(root);
    cr_assert_str_eq(err.msg, msg);
}

Test(yamltree, positions_are_one_based)
{
    struct pp_ynode *r = load_ok("a: 1\nlist:\n  - x\n  - \"y\"\n");
    cr_assert_eq(r->type, PP_YMAP);
    cr_assert_eq(r->n, 2);
    cr_assert_eq(r->line, 1);
    cr_assert_eq(r->col, 1);
    const struct pp_ynode *list = pp_ymap_get(r, "list");
    cr_assert_not_null(list);
    cr_assert_eq(list->type, PP_YSEQ);
    cr_assert_eq(list->n, 2);
    cr_expect_eq(list->items[0]->line, 3);
    cr_expect_eq(list->items[0]->col, 5);
    cr_expect_str_eq(list->items[1]->str, "y");
    cr_expect_eq(list->items[1]->quoted, 1);
    cr_expect_eq(list->items[0]->quoted, 0);
    cr_expect_str_eq(r->items[0]->str, "a");
    cr_expect_str_eq(r->items[1]->str, "1");
    cr_expect_eq(r->items[1]->col, 4);
    cr_expect_null(pp_ymap_get(r, "missing"));
    cr_expect_null(pp_ymap_get(list, "a"));
    pp_ynode_free(r);
}

Test(yamltree, json_is_accepted)
{
    struct pp_ynode *r = load_ok("{\"a\": [1, 2.5], \"b\": {\"c\": null}}");
    const struct pp_ynode *a = pp_ymap_get(r, "a");
    cr_assert_not_null(a);
    cr_assert_eq(a->n, 2);
    cr_expect_str_eq(a->items[1]->str, "2.5");
    cr_expect_eq(pp_ymap_get(r, "b")->type, PP_YMAP);
    pp_ynode_free(r);
}

Test(yamltree, duplicate_key_names_both_lines)
{
    load_fails("a: 1\nb: 2\na: 3\n",
               "t.yaml:3:1: duplicate key \"a\" (first on line 1)");
    load_fails("top:\n  x: 1\n  y: 2\n  x: 3\n",
               "t.yaml:4:3: duplicate key \"x\" (first on line 2)");
    load_fails("[{k: 1, k: 2}]",
               "t.yaml:1:9: duplicate key \"k\" (first on line 1)");
}

Test(yamltree, aliases_and_anchors_rejected)
{
    load_fails("a: &x 1\nb: 2\n",
               "t.yaml:1:4: YAML anchors (&x) are not supported");
    load_fails("a: 1\nb: *x\n",
               "t.yaml:2:4: YAML aliases (*x) are not supported");
}

Test(yamltree, tags_and_complex_keys_rejected)
{
    load_fails("a: !!str 5\n", "t.yaml:1:4: YAML tags "
                               "(tag:yaml.org,2002:str) are not supported");
    load_fails("? [a]\n: 1\n", "t.yaml:1:3: mapping keys must be scalars");
}

Test(yamltree, several_documents_rejected)
{
    load_fails("a: 1\n---\nb: 2\n",
               "t.yaml:2:1: more than one YAML document (a second '---')");
}

Test(yamltree, empty_documents)
{
    load_fails("", "t.yaml: empty document");
    load_fails("# only a comment\n\n", "t.yaml: empty document");
    load_fails("---\n", "t.yaml: empty document");
}

Test(yamltree, syntax_errors_are_located)
{
    load_fails("a: 1\n b: 2\n", "t.yaml:2:3: invalid YAML: mapping values "
                                "are not allowed in this context");
    load_fails("a: [1, 2\nb: 3\n",
               "t.yaml:2:2: invalid YAML: did not find expected ',' or ']' "
               "(while parsing a flow sequence at line 1)");
    load_fails("a: \xff\n",
               "t.yaml:1:4: invalid YAML: invalid leading UTF-8 octet (#FF)");
}

Test(yamltree, syntax_error_after_a_good_scalar_wins)
{
    /* libyaml delivers "x" before it finds the error; no tree results. */
    load_fails("a: b\nc: d: e\n", "t.yaml:2:5: invalid YAML: mapping values "
                                  "are not allowed in this context");
    load_fails("key: x\n- y\n", "t.yaml:2:1: invalid YAML: did not find "
                                "expected key (while parsing a block mapping "
                                "at line 1)");
}

Test(yamltree, nul_in_scalar_rejected)
{
    load_fails("a: \"x\\0y\"\n", "t.yaml:1:4: NUL character in a YAML scalar");
}

static char *nested(int depth)
{
    char *s = malloc(2 * (size_t)depth + 1);
    cr_assert_not_null(s);
    memset(s, '[', (size_t)depth);
    memset(s + depth, ']', (size_t)depth);
    s[2 * depth] = '\0';
    return s;
}

Test(yamltree, nesting_limit)
{
    char *ok = nested(PP_YAML_MAX_DEPTH);
    char *deep = nested(PP_YAML_MAX_DEPTH + 1);
    pp_ynode_free(load_ok(ok));
    load_fails(deep, "t.yaml:1:65: YAML nesting deeper than 64 levels");
    free(ok);
    free(deep);
}

Test(yamltree, typed_readers)
{
    struct pp_ynode *r =
        load_ok("d: 2.5\nq: \"2.5\"\nn: .nan\ni: 42\nf: 4.2\ns: A100\n"
                "z: ~\nm: {}\ne:\n");
    struct pp_error err = {0};
    double d = 0;
    long l = 0;
    const char *s = NULL;

    cr_assert_eq(pp_ynode_double(pp_ymap_get(r, "d"), "t.yaml", "d", &d, &err),
                 PP_OK);
    cr_expect_eq(d, 2.5);
    cr_expect_eq(pp_ynode_double(pp_ymap_get(r, "q"), "t.yaml", "q", &d, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg,
                     "t.yaml:2:4: q must be a number, got the string \"2.5\"");
    cr_expect_eq(pp_ynode_double(pp_ymap_get(r, "n"), "t.yaml", "n", &d, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg,
                     "t.yaml:3:4: n must be a finite number, got \".nan\"");
    cr_expect_eq(pp_ynode_double(pp_ymap_get(r, "m"), "t.yaml", "m", &d, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:8:4: m must be a number, got a mapping");
    cr_expect_eq(pp_ynode_double(pp_ymap_get(r, "e"), "t.yaml", "e", &d, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:9:3: e must be a number, got null");
    cr_assert_eq(pp_ynode_long(pp_ymap_get(r, "i"), "t.yaml", "i", &l, &err),
                 PP_OK);
    cr_expect_eq(l, 42);
    cr_expect_eq(pp_ynode_long(pp_ymap_get(r, "f"), "t.yaml", "f", &l, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:5:4: f must be an integer, got \"4.2\"");
    cr_assert_eq(pp_ynode_string(pp_ymap_get(r, "s"), "t.yaml", "s", &s, &err),
                 PP_OK);
    cr_expect_str_eq(s, "A100");
    cr_expect_eq(pp_ynode_string(pp_ymap_get(r, "z"), "t.yaml", "z", &s, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:7:4: z must be a string, got null");
    cr_expect_eq(pp_ynode_string(NULL, "t.yaml", "gpu", &s, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml: gpu is missing");
    pp_ynode_free(r);
}

Test(yamltree, check_keys)
{
    static const char *const allowed[] = {"alpha", "beta", NULL};
    struct pp_ynode *r = load_ok("alpha: 1\nbeta: 2\n");
    struct pp_ynode *bad = load_ok("alpha: 1\nbtea: 2\n");
    struct pp_ynode *seq = load_ok("- 1\n");
    struct pp_error err = {0};

    cr_expect_eq(pp_ymap_check_keys(r, "t.yaml", "the thing", allowed, &err),
                 PP_OK);
    cr_expect_eq(pp_ymap_check_keys(bad, "t.yaml", "the thing", allowed, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:2:1: unknown key \"btea\" in the thing "
                              "(expected one of: alpha, beta)");
    cr_expect_eq(pp_ymap_check_keys(seq, "t.yaml", "the thing", allowed, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg,
                     "t.yaml:1:1: the thing must be a mapping, got a sequence");
    pp_ynode_free(r);
    pp_ynode_free(bad);
    pp_ynode_free(seq);
}

/* pp_yaml_load_keys with the root keys a, b. */
static int load_keys(const char *text, struct pp_ynode **root,
                     struct pp_error *err)
{
    static const char *const keys[] = {"a", "b", NULL};
    return pp_yaml_load_keys(root, "t.yaml", text, strlen(text), keys,
                             "the document", err);
}

Test(yamltree, unknown_root_key_stops_the_tree)
{
    struct pp_ynode *root = NULL;
    struct pp_error err = {0};

    /* The value under the unknown key is never built: an alias in it,
     * which building refuses, is not what is reported. */
    cr_assert_eq(load_keys("a: 1\nbogus: [1, *x, 3]\nb: 2\n", &root, &err),
                 PP_EINPUT);
    cr_expect_null(root);
    cr_expect_str_eq(err.msg, "t.yaml:2:1: unknown key \"bogus\" in the "
                              "document (expected one of: a, b)");
    /* A syntax error later in the stream still wins. */
    cr_assert_eq(load_keys("bogus: 1\nb: [1, 2\nc: 3\n", &root, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:3:2: invalid YAML: did not find "
                              "expected ',' or ']' (while parsing a flow "
                              "sequence at line 2)");
    /* Known keys load as with pp_yaml_load; nested keys are the caller's. */
    cr_assert_eq(load_keys("a: {zz: 1}\nb: 2\n", &root, &err), PP_OK, "%s",
                 err.msg);
    cr_expect_eq(root->n, 2);
    pp_ynode_free(root);
}

Test(yamltree, scalar_longer_than_the_line_limit)
{
    size_t n = 4097;
    char *text = malloc(n + 8);
    cr_assert_not_null(text);
    pp_read_set_limits(0, 4096);
    memcpy(text, "a: ", 3);
    memset(text + 3, 'x', n);
    strcpy(text + 3 + n, "\n");
    load_fails(text, "t.yaml:1:4: YAML scalar longer than the line limit of "
                     "4 KiB");
    text[3 + n - 1] = '\n'; /* one byte shorter: fine */
    text[3 + n] = '\0';
    pp_ynode_free(load_ok(text));
    free(text);
}
