/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_plan_errors.c - every plan reader error, YAML/JSON and Zeus, with its
 * exact message and position.  Each case edits a valid base text for the
 * tiny 1F1B DAG (2 GPUs, 1 microbatch) in one place.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "helpers.h"

static const char base_yaml[] =
    "format_version: 1\n"
    "gpus:\n"
    "  - gpu: 0\n"
    "    instructions:\n"
    "      - {kind: forward, microbatch: 0, frequency: 1410}\n"
    "      - {kind: backward, microbatch: 0, frequency: 1395}\n"
    "  - gpu: 1\n"
    "    instructions:\n"
    "      - {kind: forward, microbatch: 0, frequency: 1380}\n"
    "      - {kind: backward, microbatch: 0, frequency: 1365}\n";

static const char base_zeus[] = "[\n"
                                "[('forward', 1410), ('backward', 1395)],\n"
                                "[('forward', 1380), ('backward', 1365)],\n"
                                "]\n";

/* BASE with the first FROM replaced by TO (caller frees). */
static char *subst(const char *base, const char *from, const char *to)
{
    const char *at = strstr(base, from);
    cr_assert_not_null(at, "\"%s\" not in the base text", from);
    size_t pre = (size_t)(at - base), fl = strlen(from), tl = strlen(to);
    char *s = malloc(strlen(base) - fl + tl + 1);
    cr_assert_not_null(s);
    memcpy(s, base, pre);
    memcpy(s + pre, to, tl);
    strcpy(s + pre + tl, at + fl);
    return s;
}

static void plan_err_on(const struct pp_dag *dag, const char *name,
                        const char *text, int zeus, const char *msg)
{
    static struct pp_plan dummy;
    struct pp_plan *plan = &dummy;
    struct pp_error err = {0};
    int rc =
        zeus ? pp_plan_parse_zeus(&plan, name, text, strlen(text), dag, &err)
             : pp_plan_parse(&plan, name, text, strlen(text), dag, &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(plan);
    cr_assert_str_eq(err.msg, msg);
}

/* Replace FROM by TO in the base text of the format and expect MSG. */
static void yaml_err(const char *from, const char *to, const char *msg)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    char *text = subst(base_yaml, from, to);
    plan_err_on(dag, "p.yaml", text, 0, msg);
    free(text);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

static void zeus_err(const char *from, const char *to, const char *msg)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    char *text = subst(base_zeus, from, to);
    plan_err_on(dag, "z.py", text, 1, msg);
    free(text);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, base_texts_are_valid)
{
    struct pp_plan *plan, *got = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_error err = {0};
    cr_assert_eq(
        pp_plan_parse(&got, "p.yaml", base_yaml, strlen(base_yaml), dag, &err),
        0, "%s", err.msg);
    cr_assert_arr_eq(got->mhz, plan->mhz, 4 * sizeof *plan->mhz);
    pp_plan_free(got);
    cr_assert_eq(pp_plan_parse_zeus(&got, "z.py", base_zeus, strlen(base_zeus),
                                    dag, &err),
                 0, "%s", err.msg);
    cr_assert_arr_eq(got->mhz, plan->mhz, 4 * sizeof *plan->mhz);
    pp_plan_free(got);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, yaml_document_errors)
{
    yaml_err(base_yaml, "42\n",
             "p.yaml:1:1: the plan must be a mapping, "
             "got \"42\"");
    yaml_err("format_version: 1\n", "extra: 1\nformat_version: 1\n",
             "p.yaml:1:1: unknown key \"extra\" in the plan (expected one "
             "of: format_version, schedule, comment, provenance, gpus)");
    yaml_err("format_version: 1\n", "schedule: x\n",
             "p.yaml:1:1: missing field \"format_version\"");
    yaml_err("format_version: 1\n", "format_version: 3\n",
             "p.yaml:1:17: unsupported format_version 3 (this version "
             "reads 1 and 2)");
    yaml_err("format_version: 1\n",
             "format_version: 1\nprovenance: {stages: 2}\n",
             "p.yaml:2:13: provenance needs format_version 2");
    yaml_err("format_version: 1\n",
             "format_version: 2\nprovenance: {stages: two}\n",
             "p.yaml:2:22: provenance: stages must be an integer, got "
             "\"two\"");
    yaml_err("format_version: 1\n",
             "format_version: 2\nprovenance: {stage: 2}\n",
             "p.yaml:2:14: unknown key \"stage\" in provenance (expected "
             "one of: tool, profile, profile_fnv1a64, schedule, stages, "
             "microbatches, chunks, gpus_per_stage, blocking_power, model, "
             "deadline, time, energy)");
    yaml_err(base_yaml, "format_version: 1\n",
             "p.yaml:1:1: missing field \"gpus\"");
    yaml_err(base_yaml, "format_version: 1\ngpus: 3\n",
             "p.yaml:2:7: gpus must be a list");
    yaml_err("  - gpu: 1\n"
             "    instructions:\n"
             "      - {kind: forward, microbatch: 0, frequency: 1380}\n"
             "      - {kind: backward, microbatch: 0, frequency: 1365}\n",
             "", "p.yaml:3:3: the plan has 1 gpus but the schedule has 2");
}

Test(plan, yaml_gpu_errors)
{
    yaml_err("  - gpu: 0\n", "  - gpu: 0\n    color: red\n",
             "p.yaml:4:5: unknown key \"color\" in gpus[0] (expected one "
             "of: gpu, instructions)");
    yaml_err("  - gpu: 1\n    instructions:\n", "  - gpu: 1\n    x:\n",
             "p.yaml:8:5: unknown key \"x\" in gpus[1] (expected one of: "
             "gpu, instructions)");
    yaml_err("  - gpu: 1\n    instructions:\n"
             "      - {kind: forward, microbatch: 0, frequency: 1380}\n"
             "      - {kind: backward, microbatch: 0, frequency: 1365}\n",
             "  - gpu: 1\n",
             "p.yaml:7:5: gpus[1]: missing field \"instructions\"");
    yaml_err("  - gpu: 0\n", "  - gpu: 1\n",
             "p.yaml:3:10: expected gpu 0 here, got gpu 1 (gpus must be "
             "listed in order 0..1)");
    yaml_err("  - gpu: 0\n", "  - gpu: zero\n",
             "p.yaml:3:10: gpus[0]: gpu must be an integer, got \"zero\"");
    yaml_err("  - gpu: 1\n    instructions:\n"
             "      - {kind: forward, microbatch: 0, frequency: 1380}\n"
             "      - {kind: backward, microbatch: 0, frequency: 1365}\n",
             "  - gpu: 1\n    instructions: {}\n",
             "p.yaml:8:19: gpu 1: instructions must be a list");
    yaml_err("      - {kind: backward, microbatch: 0, frequency: 1395}\n", "",
             "p.yaml:5:7: gpu 0: the plan lists 1 instructions but the "
             "schedule has 2");
}

Test(plan, yaml_instruction_errors)
{
    yaml_err("frequency: 1410}", "frequency: 1410, x: 1}",
             "p.yaml:5:57: unknown key \"x\" in gpu 0 position 0 (expected "
             "one of: id, kind, microbatch, chunk, frequency)");
    yaml_err(", frequency: 1410}", "}",
             "p.yaml:5:9: gpu 0 position 0 (gpu 0 forward mb 0): missing "
             "field \"frequency\"");
    yaml_err("{kind: forward, microbatch: 0, frequency: 1380}",
             "{kind: forward, frequency: 1380}",
             "p.yaml:9:9: gpu 1 position 0 (gpu 1 forward mb 0): missing "
             "field \"microbatch\"");
    yaml_err("{kind: backward, microbatch: 0, frequency: 1395}",
             "{kind: forward, microbatch: 0, frequency: 1395}",
             "p.yaml:6:16: gpu 0 position 1: kind \"forward\" does not "
             "match the schedule's gpu 0 backward mb 0");
    yaml_err("{kind: forward, microbatch: 0, frequency: 1380}",
             "{kind: forward, microbatch: 1, frequency: 1380}",
             "p.yaml:9:37: gpu 1 position 0: microbatch 1 does not match "
             "the schedule's gpu 1 forward mb 0");
    yaml_err("frequency: 1410}", "frequency: 1410, chunk: 1}",
             "p.yaml:5:64: gpu 0 position 0: chunk 1 does not match the "
             "schedule's gpu 0 forward mb 0");
    yaml_err("{kind: forward, microbatch: 0, frequency: 1410}",
             "{id: f, kind: forward, microbatch: 0, frequency: 1410}",
             "p.yaml:5:14: gpu 0 position 0: id given but the schedule's "
             "instructions have none");
    yaml_err("frequency: 1410}", "frequency: 1410.5}",
             "p.yaml:5:51: gpu 0 position 0 (gpu 0 forward mb 0): "
             "frequency must be an integer, got \"1410.5\"");
    yaml_err("frequency: 1410}", "frequency: \"1410\"}",
             "p.yaml:5:51: gpu 0 position 0 (gpu 0 forward mb 0): "
             "frequency must be an integer, got the string \"1410\"");
    yaml_err("frequency: 1395}", "frequency: 0}",
             "p.yaml:6:52: gpu 0 position 1 (gpu 0 backward mb 0): "
             "frequency must be a positive integer (MHz), got 0");
    yaml_err("frequency: 1395}", "frequency: 3000000000}",
             "p.yaml:6:52: gpu 0 position 1 (gpu 0 backward mb 0): "
             "frequency must be a positive integer (MHz), got 3000000000");
}

Test(plan, yaml_chunk_required_when_interleaved)
{
    /* S = 1, M = 1, V = 2: F0.0 F0.1 B0.1 B0.0 */
    struct pp_dag *dag = build(PP_SCHED_INTERLEAVED, 1, 1, 2);
    const char *text =
        "format_version: 1\n"
        "gpus:\n"
        "  - gpu: 0\n"
        "    instructions:\n"
        "      - {kind: forward, microbatch: 0, chunk: 0, frequency: 1}\n"
        "      - {kind: forward, microbatch: 0, frequency: 2}\n"
        "      - {kind: backward, microbatch: 0, chunk: 1, frequency: 3}\n"
        "      - {kind: backward, microbatch: 0, chunk: 0, frequency: 4}\n";
    plan_err_on(dag, "p.yaml", text, 0,
                "p.yaml:6:9: gpu 0 position 1 (gpu 0 forward mb 0 chunk 1): "
                "missing field \"chunk\"");
    char *bad = subst(text, "microbatch: 0, frequency: 2",
                      "microbatch: 0, chunk: 0, frequency: 2");
    plan_err_on(dag, "p.yaml", bad, 0,
                "p.yaml:6:47: gpu 0 position 1: chunk 0 does not match the "
                "schedule's gpu 0 forward mb 0 chunk 1");
    free(bad);
    pp_graph_free(dag);
}

Test(plan, yaml_custom_ids_are_checked)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    const char *dtext = "format_version: 1\n"
                        "instructions:\n"
                        "  - {id: a, gpu: 0, kind: fwd, microbatch: 0}\n";
    cr_assert_eq(pp_graph_parse_yaml(&dag, "d", dtext, strlen(dtext), &err), 0);
    plan_err_on(dag, "p.yaml",
                "format_version: 1\n"
                "gpus:\n"
                "  - gpu: 0\n"
                "    instructions:\n"
                "      - {id: b, kind: fwd, microbatch: 0, frequency: 9}\n",
                0,
                "p.yaml:5:14: gpu 0 position 0: id \"b\" does not match the "
                "schedule's a");
    pp_graph_free(dag);
}

Test(plan, zeus_structure_errors)
{
    zeus_err(base_zeus, "",
             "z.py:1:1: expected '[' to open the list of "
             "stages, got end of file");
    zeus_err("[('forward', 1380), ('backward', 1365)],\n", "",
             "z.py:3:1: the plan has 1 stage lists but the schedule has 2 "
             "gpus");
    zeus_err("]\n", "[],\n]\n",
             "z.py:4:1: the plan has more than 2 stage lists, the number of "
             "gpus in the schedule");
    zeus_err("[('forward', 1410), ('backward', 1395)]",
             "('forward', 1410), ('backward', 1395)",
             "z.py:2:1: expected '[' to open a stage list, got '('");
    zeus_err(", ('backward', 1395)]", "]",
             "z.py:2:19: gpu 0: the plan lists 1 instructions but the "
             "schedule has 2");
    zeus_err("('backward', 1395)]", "('backward', 1395), ('forward', 1)]",
             "z.py:2:41: gpu 0: the plan lists more than 2 instructions, "
             "the number in the schedule");
    zeus_err("1410), ('backward'", "1410) ('backward'",
             "z.py:2:20: expected ',' or ']' after a tuple, got '('");
    zeus_err("]\n", "]\n[]\n",
             "z.py:5:1: unexpected '[' after the list of stages");
    zeus_err("]\n", "]\nx = 1\n", "z.py:5:1: unexpected character 'x'");
    zeus_err("],\n]", "] {\n]", "z.py:3:41: unexpected character '{'");
    zeus_err("[\n[", "[\n\001[", "z.py:2:1: unexpected byte 0x01");
}

Test(plan, zeus_tuple_errors)
{
    zeus_err("('forward', 1410)", "('backward', 1410)",
             "z.py:2:3: gpu 0 position 0: kind 'backward' does not match "
             "the schedule's gpu 0 forward mb 0");
    zeus_err("('forward', 1410)", "(1410, 'forward')",
             "z.py:2:3: expected a string (the instruction kind), got an "
             "integer");
    zeus_err("('forward', 1410)", "('forward' 1410)",
             "z.py:2:13: expected ',' after the instruction kind, got an "
             "integer");
    zeus_err("('forward', 1410)", "('forward', 'x')",
             "z.py:2:14: expected an integer (the frequency in MHz), got a "
             "string");
    zeus_err("('forward', 1410)", "('forward', 1410, 3)",
             "z.py:2:20: expected ')' after the frequency: a tuple holds "
             "(instruction, MHz)");
    zeus_err("('forward', 1410)", "('forward', 1410]",
             "z.py:2:18: expected ',' or ')' after the frequency, got ']'");
    zeus_err("('forward', 1410)", "['forward', 1410)",
             "z.py:2:2: expected '(' to open an (instruction, MHz) tuple, "
             "got '['");
    zeus_err("1410", "1410.0",
             "z.py:2:14: frequencies must be integers "
             "(MHz)");
    zeus_err("1410", "1410e3",
             "z.py:2:14: frequencies must be integers "
             "(MHz)");
    zeus_err("1410", "-5",
             "z.py:2:14: gpu 0 position 0 (gpu 0 forward mb "
             "0): frequency must be a positive integer (MHz), "
             "got -5");
    zeus_err("1395", "0",
             "z.py:2:34: gpu 0 position 1 (gpu 0 backward mb "
             "0): frequency must be a positive integer (MHz), "
             "got 0");
    zeus_err("1410", "- 5", "z.py:2:15: expected a digit after '-'");
}

Test(plan, zeus_string_errors)
{
    zeus_err("'backward'", "'backward", "z.py:2:22: unterminated string");
    zeus_err("'forward'", "'for\\qward'",
             "z.py:2:8: unsupported escape in string (only \\\\ \\' \\\" "
             "\\n \\t)");
    zeus_err("'forward'", "'for\\'ward'",
             "z.py:2:3: gpu 0 position 0: kind 'for'ward' does not match "
             "the schedule's gpu 0 forward mb 0");
}

Test(plan, project_parse_reports_yaml_syntax)
{
    struct pp_plan *plan;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_plan *got = NULL;
    struct pp_error err = {0};
    const char *text = "{\"format_version\": 1,, }";
    cr_assert_eq(pp_plan_parse(&got, "p.json", text, strlen(text), dag, &err),
                 PP_EINPUT);
    cr_assert_null(got);
    cr_assert_eq(strncmp(err.msg, "p.json:1:", 9), 0, "%s", err.msg);
    pp_plan_free(plan);
    pp_graph_free(dag);
}

Test(plan, leading_zeros_and_byte_order_marks)
{
    /* YAML 1.1 and Python 3 do not read 01410 as 1410, so neither may we */
    yaml_err("frequency: 1410", "frequency: 01410",
             "p.yaml:5:51: gpu 0 position 0 (gpu 0 forward mb 0): frequency "
             "must be an integer without a leading zero (YAML 1.1 readers "
             "such as PyYAML read 01410 as the octal number 776), got "
             "\"01410\"");
    zeus_err("1410", "01410",
             "z.py:2:14: 01410 has a leading zero, which Python 3 refuses "
             "(write 1410)");
    yaml_err("microbatch: 0, frequency: 1410",
             "microbatch: 99999999999999999999, frequency: 1410",
             "p.yaml:5:37: gpu 0 position 0: microbatch is out of range "
             "(-9223372036854775808 to 9223372036854775807), got "
             "\"99999999999999999999\"");

    /* a byte order mark before a Zeus plan made it "must be a mapping" */
    struct pp_plan *plan, *got = NULL;
    struct pp_dag *dag = tiny_dag(&plan);
    struct pp_error err = {0};
    char text[512];
    snprintf(text, sizeof text, "\xEF\xBB\xBF%s", base_zeus);
    cr_assert_eq(pp_plan_parse(&got, "z.py", text, strlen(text), dag, &err),
                 0, "%s", err.msg);
    cr_expect_arr_eq(got->mhz, plan->mhz, 4 * sizeof *plan->mhz);
    pp_plan_free(got);
    snprintf(text, sizeof text, "\xEF\xBB\xBF%s", base_yaml);
    cr_assert_eq(pp_plan_parse(&got, "p.yaml", text, strlen(text), dag, &err),
                 0, "%s", err.msg);
    pp_plan_free(got);
    /* and columns do not count it */
    snprintf(text, sizeof text, "\xEF\xBB\xBF[x");
    plan_err_on(dag, "z.py", text, 1, "z.py:1:2: unexpected character 'x'");
    pp_plan_free(plan);
    pp_graph_free(dag);
}
