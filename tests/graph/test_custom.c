/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_custom.c - custom DAGs from YAML: the shipped example, defaults, and
 * every error path with its exact, located message.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "helpers.h"

static struct pp_dag *parse_ok(const char *text)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    int rc = pp_graph_parse_yaml(&dag, "t.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, 0, "%s", err.msg);
    check_invariants(dag);
    return dag;
}

static void parse_err(const char *text, const char *msg)
{
    static struct pp_dag dummy;
    struct pp_dag *dag = &dummy;
    struct pp_error err = {0};
    int rc = pp_graph_parse_yaml(&dag, "t.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(dag);
    cr_assert_str_eq(err.msg, msg);
}

#define HEAD "format_version: 1\ninstructions:\n"

Test(custom, shipped_example)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    int rc =
        pp_graph_load_yaml(&dag, PP_GRAPH_EXAMPLES "/zb-4stage.yaml", &err);
    cr_assert_eq(rc, 0, "%s", err.msg);
    check_invariants(dag);
    cr_assert_eq(dag->ngpus, 4);
    cr_assert_eq(dag->n, 72);
    cr_assert_eq(dag->nkinds, 3);
    cr_assert_str_eq(dag->kinds[2], "weight");
    cr_assert_str_eq(dag->schedule, "custom");
    char *s = dag_string(dag);
    cr_assert_str_eq(
        s, "gpu 0: F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 weight0 B4 weight1 B5 "
           "weight2 weight3 weight4 weight5\n"
           "gpu 1: F0 F1 F2 B0 F3 B1 F4 B2 weight0 F5 B3 weight1 B4 weight2 "
           "B5 weight3 weight4 weight5\n"
           "gpu 2: F0 F1 B0 F2 B1 weight0 F3 B2 weight1 F4 B3 weight2 F5 B4 "
           "weight3 B5 weight4 weight5\n"
           "gpu 3: F0 B0 weight0 F1 B1 weight1 F2 B2 weight2 F3 B3 weight3 "
           "F4 B4 weight4 F5 B5 weight5\n");
    free(s);
    /* Cross-GPU dependencies from "after". */
    size_t f = find_instr(dag, 1, "forward", 4, 0);
    cr_assert(has_edge(dag, find_instr(dag, 0, "forward", 4, 0), f));
    cr_assert(has_edge(dag, find_instr(dag, 2, "backward", 2, 0),
                       find_instr(dag, 1, "backward", 2, 0)));
    cr_assert_str_eq(dag->ins[f].id, "s1f4");
    char label[64];
    pp_graph_label(dag, f, label, sizeof label);
    cr_assert_str_eq(label, "s1f4");
    pp_graph_free(dag);
}

Test(custom, defaults_and_explicit_fields)
{
    struct pp_dag *dag = parse_ok(
        HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0}\n"
             "  - {id: b, gpu: 1, kind: forward, microbatch: 0, stage: 3, "
             "chunk: 1, after: [a]}\n"
             "  - id: c\n"
             "    gpu: 1\n"
             "    kind: backward\n"
             "    microbatch: 0\n"
             "    after: [b, b]\n"
             "  - {id: d, gpu: 0, kind: backward, microbatch: 0, "
             "after: [c]}\n");
    cr_assert_eq(dag->ngpus, 2);
    cr_assert_eq(dag->ins[0].stage, 0);
    cr_assert_eq(dag->ins[0].chunk, 0);
    cr_assert_eq(dag->ins[1].stage, 3);
    cr_assert_eq(dag->ins[1].chunk, 1);
    cr_assert_eq(dag->ins[2].stage, 1);
    cr_assert_eq(dag->nstages, 4);
    /* a->b, b->c (once), c->d; a->d serialises gpu 0 */
    cr_assert_eq(dag->nedges, 4);
    cr_assert(has_edge(dag, 0, 3));
    pp_graph_free(dag);
}

Test(custom, document_errors)
{
    parse_err("format_version: 1\ninstrs: []\n",
              "t.yaml:2:1: unknown key \"instrs\" in the custom DAG "
              "(expected one of: format_version, description, "
              "instructions)");
    parse_err("instructions: []\n",
              "t.yaml:1:1: missing field \"format_version\"");
    parse_err("format_version: 2\ninstructions: []\n",
              "t.yaml:1:17: unsupported format_version 2 (this version "
              "reads 1)");
    parse_err("format_version: one\n",
              "t.yaml:1:17: format_version must be an integer, got \"one\"");
    parse_err("format_version: 1\n",
              "t.yaml:1:1: missing field \"instructions\"");
    parse_err(HEAD "  []\n",
              "t.yaml:3:3: instructions must be a non-empty list");
    parse_err("format_version: 1\ninstructions: {a: 1}\n",
              "t.yaml:2:15: instructions must be a non-empty list");
    parse_err("- 1\n", "t.yaml:1:1: the custom DAG must be a mapping, got a "
                       "sequence");
}

Test(custom, yaml_syntax_error_is_located)
{
    const char *text = "format_version: 1\ninstructions: [}\n";
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_parse_yaml(&dag, "t.yaml", text, strlen(text), &err),
                 PP_EINPUT);
    cr_assert_null(dag);
    /* the wording after the position is the YAML loader's */
    cr_assert_eq(strncmp(err.msg, "t.yaml:2:16: ", 13), 0, "%s", err.msg);
}

Test(custom, instruction_field_errors)
{
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0, "
                   "stag: 1}\n",
              "t.yaml:3:51: unknown key \"stag\" in instructions[0] "
              "(expected one of: id, gpu, kind, microbatch, stage, chunk, "
              "after)");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward}\n",
              "t.yaml:3:5: instruction \"a\": missing field \"microbatch\"");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0}\n"
                   "  - {gpu: 0, kind: forward, microbatch: 1}\n",
              "t.yaml:4:5: instructions[1]: missing field \"id\"");
    parse_err(HEAD "  - [a]\n",
              "t.yaml:3:5: instructions[0] must be a mapping, got a "
              "sequence");
    parse_err(HEAD "  - {id: a b, gpu: 0, kind: forward, microbatch: 0}\n",
              "t.yaml:3:10: id must be 1 to 64 letters, digits, '_', '-' or "
              "'.', got \"a b\"");
    parse_err(HEAD "  - {id: a, gpu: -1, kind: forward, microbatch: 0}\n",
              "t.yaml:3:18: instruction \"a\": gpu must be a non-negative "
              "integer below 2147483647, got -1");
    parse_err(HEAD "  - {id: a, gpu: x, kind: forward, microbatch: 0}\n",
              "t.yaml:3:18: instruction \"a\": gpu must be an integer, got "
              "\"x\"");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: [f], microbatch: 0}\n",
              "t.yaml:3:27: instruction \"a\": kind must be a string, got a "
              "sequence");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0, "
                   "stage: 1.5}\n",
              "t.yaml:3:58: instruction \"a\": stage must be an integer, got "
              "\"1.5\"");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0, "
                   "chunk: -2}\n",
              "t.yaml:3:58: instruction \"a\": chunk must be a non-negative "
              "integer below 2147483647, got -2");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0, "
                   "after: a}\n",
              "t.yaml:3:58: instruction \"a\": after must be a list of "
              "instruction ids");
}

Test(custom, duplicate_id_names_both_lines)
{
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0}\n"
                   "  - {id: b, gpu: 0, kind: forward, microbatch: 1}\n"
                   "  - {id: a, gpu: 0, kind: backward, microbatch: 0}\n"
                   "  - {id: b, gpu: 0, kind: backward, microbatch: 1}\n",
              "t.yaml:5:5: duplicate instruction id \"a\" (first defined at "
              "line 3, column 5)");
}

Test(custom, dangling_reference)
{
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0}\n"
                   "  - {id: b, gpu: 1, kind: forward, microbatch: 0,\n"
                   "     after: [a, zz]}\n",
              "t.yaml:5:17: instruction \"b\": after refers to unknown "
              "instruction \"zz\"");
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0}\n"
                   "  - {id: b, gpu: 1, kind: forward, microbatch: 0, "
                   "after: [[a]]}\n",
              "t.yaml:4:59: instruction \"b\": after[0] must be a string, "
              "got a sequence");
}

Test(custom, gpus_must_be_contiguous)
{
    parse_err(HEAD "  - {id: a, gpu: 0, kind: forward, microbatch: 0}\n"
                   "  - {id: b, gpu: 1, kind: forward, microbatch: 0}\n"
                   "  - {id: c, gpu: 3, kind: forward, microbatch: 0}\n",
              "t.yaml:5:5: instruction \"c\" runs on gpu 3 but no "
              "instruction runs on gpu 2 (gpus must be numbered 0..G-1 "
              "without gaps)");
    parse_err(HEAD "  - {id: a, gpu: 2000000000, kind: forward, "
                   "microbatch: 0}\n",
              "t.yaml:3:5: instruction \"a\" runs on gpu 2000000000 but no "
              "instruction runs on gpu 0 (gpus must be numbered 0..G-1 "
              "without gaps)");
}

Test(custom, cycle_is_named_by_ids)
{
    parse_err(HEAD "  - {id: f0, gpu: 0, kind: forward, microbatch: 0}\n"
                   "  - {id: f1, gpu: 0, kind: forward, microbatch: 1, "
                   "after: [g1]}\n"
                   "  - {id: g0, gpu: 1, kind: forward, microbatch: 0}\n"
                   "  - {id: g1, gpu: 1, kind: forward, microbatch: 1, "
                   "after: [f1]}\n",
              "t.yaml:4:60: dependency cycle: f1 -> g1 -> f1");
    parse_err(HEAD "  - {id: x, gpu: 0, kind: forward, microbatch: 0, "
                   "after: [x]}\n",
              "t.yaml:3:59: dependency cycle: x -> x");
}

Test(custom, too_many_kinds)
{
    char *text = malloc(65 * 64 + 64);
    cr_assert_not_null(text);
    size_t used = (size_t)sprintf(text, HEAD);
    for (int k = 0; k < 65; k++)
        used += (size_t)sprintf(text + used,
                                "  - {id: i%d, gpu: 0, kind: k%d, "
                                "microbatch: 0}\n",
                                k, k);
    parse_err(text, "t.yaml:67:5: more than 64 instruction kinds");
    free(text);
}

Test(custom, missing_file)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_load_yaml(&dag, "/nonexistent/dag.yaml", &err),
                 PP_EIO);
    cr_assert_null(dag);
    cr_assert_str_eq(err.msg, "/nonexistent/dag.yaml: cannot open: No such "
                              "file or directory");
}
