/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_plan.c - plan files: exact output of every writer, round trips on
 * 1F1B, interleaved and custom DAGs, and every reader error with its exact
 * message.  Golden outputs are written out by hand from the formats'
 * descriptions.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "helpers.h"

/* A plan with a different frequency for every instruction. */
static struct pp_plan *distinct_plan(const struct pp_dag *dag)
{
    struct pp_plan *plan = NULL;
    cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
    for (size_t i = 0; i < dag->n; i++)
        plan->mhz[i] = 1410 - (int)((i * 7919) % 600);
    return plan;
}

static void round_trip(const struct pp_dag *dag, enum pp_plan_format fmt)
{
    struct pp_plan *plan = distinct_plan(dag), *back = NULL;
    struct pp_error err = {0};
    char *text = plan_string(plan, dag, fmt, "line one\nline two");
    int rc = pp_plan_parse(&back, "p", text, strlen(text), dag, &err);
    cr_assert_eq(rc, 0, "format %d: %s\n%s", (int)fmt, err.msg, text);
    cr_assert_eq(back->n, dag->n);
    cr_assert_arr_eq(back->mhz, plan->mhz, dag->n * sizeof *plan->mhz);
    free(text);
    pp_plan_free(back);
    pp_plan_free(plan);
}

static void round_trips(struct pp_dag *dag)
{
    round_trip(dag, PP_PLAN_YAML);
    round_trip(dag, PP_PLAN_JSON);
    round_trip(dag, PP_PLAN_ZEUS);
    pp_graph_free(dag);
}

Test(plan, round_trip_1f1b)
{
    round_trips(build(PP_SCHED_1F1B, 4, 6, 1));
}

Test(plan, round_trip_interleaved)
{
    round_trips(build(PP_SCHED_INTERLEAVED, 2, 4, 2));
}

Test(plan, round_trip_custom)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(
        pp_graph_load_yaml(&dag, PP_GRAPH_EXAMPLES "/zb-4stage.yaml", &err), 0,
        "%s", err.msg);
    round_trips(dag);
}

Test(plan, write_yaml_exact)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    char *s = plan_string(plan, dag, PP_PLAN_YAML, "made by a test\nline 2");
    cr_assert_str_eq(
        s,
        "# made by a test\n"
        "# line 2\n"
        "format_version: 1\n"
        "schedule: \"1f1b\"\n"
        "gpus:\n"
        "  - gpu: 0\n"
        "    instructions:\n"
        "      - {kind: forward, microbatch: 0, chunk: 0, frequency: 1410}\n"
        "      - {kind: backward, microbatch: 0, chunk: 0, frequency: 1395}\n"
        "  - gpu: 1\n"
        "    instructions:\n"
        "      - {kind: forward, microbatch: 0, chunk: 0, frequency: 1380}\n"
        "      - {kind: backward, microbatch: 0, chunk: 0, frequency: "
        "1365}\n");
    free(s);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, write_json_exact)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    char *s = plan_string(plan, dag, PP_PLAN_JSON, "say \"hi\"\n\\o/");
    cr_assert_str_eq(
        s, "{\n"
           "  \"format_version\": 1,\n"
           "  \"comment\": \"say \\\"hi\\\"\\n\\\\o/\",\n"
           "  \"schedule\": \"1f1b\",\n"
           "  \"gpus\": [\n"
           "    {\"gpu\": 0, \"instructions\": [\n"
           "      {\"kind\": \"forward\", \"microbatch\": 0, \"chunk\": 0, "
           "\"frequency\": 1410},\n"
           "      {\"kind\": \"backward\", \"microbatch\": 0, \"chunk\": 0, "
           "\"frequency\": 1395}\n"
           "    ]},\n"
           "    {\"gpu\": 1, \"instructions\": [\n"
           "      {\"kind\": \"forward\", \"microbatch\": 0, \"chunk\": 0, "
           "\"frequency\": 1380},\n"
           "      {\"kind\": \"backward\", \"microbatch\": 0, \"chunk\": 0, "
           "\"frequency\": 1365}\n"
           "    ]}\n"
           "  ]\n"
           "}\n");
    free(s);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, write_zeus_exact)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    char *s = plan_string(plan, dag, PP_PLAN_ZEUS, "Iteration 3: x");
    cr_assert_str_eq(s, "[\n"
                        "[('forward', 1410), ('backward', 1395)],\n"
                        "[('forward', 1380), ('backward', 1365)],\n"
                        "]\n"
                        "# Iteration 3: x\n");
    free(s);
    s = plan_string(plan, dag, PP_PLAN_ZEUS, NULL);
    cr_assert_str_eq(s, "[\n"
                        "[('forward', 1410), ('backward', 1395)],\n"
                        "[('forward', 1380), ('backward', 1365)],\n"
                        "]\n");
    free(s);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, write_rejects_mismatched_plan)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_plan *small = NULL;
    cr_assert_eq(pp_plan_new(&small, 3), 0);
    cr_assert_eq(pp_plan_write(small, dag, PP_PLAN_YAML, NULL, stdout),
                 PP_EINPUT);
    cr_assert_eq(pp_plan_write(plan, dag, (enum pp_plan_format)9, NULL, stdout),
                 PP_EINPUT);
    pp_plan_free(small);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, reads_reference_style_zeus)
{
    struct pp_plan *plan, *got = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_error err = {0};
    const char *text = "# leading comment\n"
                       "[\n"
                       "  [(\"forward\", 1410), ('backward',1395,)],  # c\n"
                       "  [('forward', 1380), ('backward', 1365)]\n"
                       "]\n"
                       "# Iteration 0 cost change: 1.5\n";
    cr_assert_eq(pp_plan_parse(&got, "z.py", text, strlen(text), dag, &err), 0,
                 "%s", err.msg);
    cr_assert_arr_eq(got->mhz, plan->mhz, 4 * sizeof *plan->mhz);
    pp_plan_free(got);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, load_from_file)
{
    struct pp_plan *plan, *got = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_error err = {0};
    char path[] = "/tmp/pp-plan-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    cr_assert_not_null(f);
    cr_assert_eq(pp_plan_write(plan, dag, PP_PLAN_JSON, NULL, f), 0);
    fclose(f);
    cr_assert_eq(pp_plan_load(&got, path, dag, &err), 0, "%s", err.msg);
    cr_assert_arr_eq(got->mhz, plan->mhz, 4 * sizeof *plan->mhz);
    pp_plan_free(got);
    remove(path);
    cr_assert_eq(pp_plan_load(&got, path, dag, &err), PP_EIO);
    cr_assert_null(got);
    pp_plan_free(plan);
    pp_graph_free(dag);
}
