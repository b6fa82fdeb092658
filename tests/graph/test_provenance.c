/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_provenance.c - plans that record what they were made for: the
 * provenance written in every plan format reads back field for field; it
 * is returned even when the plan does not fit the schedule it is read
 * against (so a caller can say the plan was made for other inputs); a Zeus
 * plan keeps it in a comment line, and its errors name that line and
 * column; plans without one still load.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "helpers.h"

static struct pp_provenance *sample(void)
{
    struct pp_provenance *p = NULL;
    cr_assert_eq(pp_provenance_new(&p), 0);
    p->tool = strdup("perseus-plan 9.9");
    p->profile = strdup("prof \"a\".csv");
    p->profile_hash = strdup("0123456789abcdef");
    p->schedule = strdup("1f1b");
    p->model = strdup("exact");
    p->stages = 2;
    p->microbatches = 1;
    p->chunks = 1;
    p->gpus_per_stage = 8;
    p->blocking_power = 83.64;
    p->deadline = 0.1 + 0.2;
    p->time = 0.25;
    p->energy = 1e-5;
    return p;
}

static char *write_with(const struct pp_plan *plan, const struct pp_dag *dag,
                        enum pp_plan_format fmt,
                        const struct pp_provenance *prov)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f);
    cr_assert_eq(pp_plan_write_prov(plan, dag, fmt, "c", prov, f), 0);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

static void same(const struct pp_provenance *a, const struct pp_provenance *b)
{
    cr_assert_not_null(b);
    cr_expect_str_eq(b->tool, a->tool);
    cr_expect_str_eq(b->profile, a->profile);
    cr_expect_str_eq(b->profile_hash, a->profile_hash);
    cr_expect_str_eq(b->schedule, a->schedule);
    cr_expect_str_eq(b->model, a->model);
    cr_expect_eq(b->stages, a->stages);
    cr_expect_eq(b->microbatches, a->microbatches);
    cr_expect_eq(b->chunks, a->chunks);
    cr_expect_eq(b->gpus_per_stage, a->gpus_per_stage);
    cr_expect(b->blocking_power == a->blocking_power);
    cr_expect(b->deadline == a->deadline, "%.17g", b->deadline);
    cr_expect(b->time == a->time);
    cr_expect(b->energy == a->energy);
}

Test(provenance, round_trip_in_every_format)
{
    struct pp_plan *plan = NULL, *back = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_provenance *p = sample(), *got = NULL;
    struct pp_error err = {0};
    static const enum pp_plan_format fmts[] = {PP_PLAN_YAML, PP_PLAN_JSON,
                                               PP_PLAN_ZEUS};
    for (size_t k = 0; k < 3; k++) {
        char *text = write_with(plan, dag, fmts[k], p);
        cr_assert_eq(pp_plan_read(&back, &got, "p", text, strlen(text), dag,
                                  &err),
                     0, "%s\n%s", err.msg, text);
        same(p, got);
        cr_expect_arr_eq(back->mhz, plan->mhz, dag->n * sizeof *plan->mhz);
        if (fmts[k] != PP_PLAN_ZEUS)
            cr_expect(strstr(text, "format_version\": 2") ||
                          strstr(text, "format_version: 2"),
                      "%s", text);
        pp_plan_free(back);
        pp_provenance_free(got);
        free(text);
    }
    pp_provenance_free(p);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(provenance, zeus_comment_line_is_one_json_line)
{
    struct pp_plan *plan = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_provenance *p = sample();
    char *text = write_with(plan, dag, PP_PLAN_ZEUS, p);
    cr_expect_str_eq(text,
                     "[\n"
                     "[('forward', 1410), ('backward', 1395)],\n"
                     "[('forward', 1380), ('backward', 1365)],\n"
                     "]\n"
                     "# c\n"
                     "# perseus-plan provenance: {\"tool\": \"perseus-plan "
                     "9.9\", \"profile\": \"prof \\\"a\\\".csv\", "
                     "\"profile_fnv1a64\": \"0123456789abcdef\", "
                     "\"schedule\": \"1f1b\", \"stages\": 2, "
                     "\"microbatches\": 1, \"chunks\": 1, "
                     "\"gpus_per_stage\": 8, \"blocking_power\": 83.64, "
                     "\"model\": \"exact\", \"deadline\": "
                     "0.30000000000000004, \"time\": 0.25, \"energy\": "
                     "1.0e-05}\n");
    free(text);
    pp_provenance_free(p);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(provenance, kept_when_the_plan_does_not_fit)
{
    struct pp_plan *plan = NULL, *back = NULL;
    struct pp_dag *dag = tiny_dag(&plan), *other = build(PP_SCHED_1F1B, 3, 2, 1);
    struct pp_provenance *p = sample(), *got = NULL;
    struct pp_error err = {0};
    for (int zeus = 0; zeus < 2; zeus++) {
        char *text = write_with(plan, dag, zeus ? PP_PLAN_ZEUS : PP_PLAN_YAML,
                                p);
        cr_expect_eq(pp_plan_read(&back, &got, "p", text, strlen(text), other,
                                  &err),
                     PP_EINPUT);
        cr_expect_null(back);
        same(p, got);
        pp_provenance_free(got);
        free(text);
    }
    pp_provenance_free(p);
    pp_plan_free(plan);
    pp_graph_free(other);
    pp_graph_free(dag);
}

Test(provenance, plans_without_one_still_load)
{
    struct pp_plan *plan = NULL, *back = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_provenance *got = (struct pp_provenance *)1;
    struct pp_error err = {0};
    for (int k = 0; k < 3; k++) {
        char *text = write_with(plan, dag, (enum pp_plan_format)k, NULL);
        cr_assert_eq(pp_plan_read(&back, &got, "p", text, strlen(text), dag,
                                  &err),
                     0, "%s", err.msg);
        cr_expect_null(got);
        if (k != PP_PLAN_ZEUS)
            cr_expect(strstr(text, "format_version\": 1") ||
                      strstr(text, "format_version: 1"));
        pp_plan_free(back);
        free(text);
    }
    pp_plan_free(plan);
    pp_graph_free(dag);
}

static void zeus_err(const char *text, const char *msg)
{
    struct pp_plan *plan = NULL, *back = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_provenance *got = NULL;
    struct pp_error err = {0};
    cr_expect_eq(pp_plan_read(&back, &got, "z.py", text, strlen(text), dag,
                              &err),
                 PP_EINPUT);
    cr_expect_null(got);
    cr_expect_null(back);
    cr_expect_str_eq(err.msg, msg);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(provenance, zeus_errors_name_the_comment_line)
{
    static const char plan[] = "[\n"
                               "[('forward', 1410), ('backward', 1395)],\n"
                               "[('forward', 1380), ('backward', 1365)],\n"
                               "]\n";
    char text[512];
    snprintf(text, sizeof text,
             "%s# perseus-plan provenance: {\"stages\": \"two\"}\n", plan);
    zeus_err(text, "z.py:5:39: provenance: stages must be an integer, got "
                   "the string \"two\"");
    snprintf(text, sizeof text,
             "%s# perseus-plan provenance: {\"stages\": 2}\n"
             "# perseus-plan provenance: {\"stages\": 2}\n",
             plan);
    zeus_err(text, "z.py:6:1: a second provenance line (the first is line "
                   "5)");
}
