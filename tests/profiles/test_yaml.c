/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_yaml.c - unit tests for the YAML profile format.
 *
 * The happy path in block and flow (JSON) style, every kind of error at the
 * offending node's position, and exact round trips CSV -> YAML -> CSV.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define META                                                                   \
    "format_version: 1\ngpu: A100\nblocking_power: 83.64\n"                    \
    "frequency_unit: MHz\nstages:\n"

/* Line 6 is the first stage entry; its first option is on line 9. */
#define STAGE0                                                                 \
    "  - stage: 0\n"                                                           \
    "    instructions:\n"                                                      \
    "      forward:\n"                                                         \
    "        - {frequency: 1410, time: 0.05, energy: 20}\n"                    \
    "        - {frequency: 1395, time: 0.051, energy: 19.5}\n"                 \
    "      backward:\n"                                                        \
    "        - {frequency: 1395, time: 0.102, energy: 39}\n"                   \
    "        - {frequency: 1410, time: 0.1, energy: 40}\n"

#define STAGE1                                                                 \
    "  - stage: 1\n"                                                           \
    "    instructions:\n"                                                      \
    "      backward:\n"                                                        \
    "        - frequency: 1410\n"                                              \
    "          time: 0.11\n"                                                   \
    "          energy: 44\n"                                                   \
    "      forward:\n"                                                         \
    "        - {frequency: 1410, time: 0.055, energy: 22}\n"

static char *to_text(const struct pp_profile *p, int yaml)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(
        yaml ? pp_profile_write_yaml(p, f) : pp_profile_write_csv(p, f), PP_OK);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

Test(yaml, happy_path)
{
    struct pp_profile *p = yaml_ok(META STAGE1 STAGE0);
    cr_assert_eq(p->nstages, 2);
    cr_assert_eq(p->nkinds, 2);
    cr_expect_str_eq(p->kinds[0], "forward");
    cr_expect_str_eq(p->kinds[1], "backward");
    cr_expect_str_eq(p->gpu, "A100");
    cr_expect_eq(p->blocking_power, 83.64);
    cr_expect_str_eq(p->path, "prof.yaml");
    expect_option(p, 0, "forward", 0, 1410, 0.05, 20);
    expect_option(p, 0, "forward", 1, 1395, 0.051, 19.5);
    expect_option(p, 0, "backward", 0, 1410, 0.1, 40);
    expect_option(p, 1, "backward", 0, 1410, 0.11, 44);
    expect_option(p, 1, "forward", 0, 1410, 0.055, 22);
    pp_profile_free(p);
}

Test(yaml, json_and_optional_metadata)
{
    struct pp_profile *p = yaml_ok(
        "{\"format_version\": 1, \"stages\": [{\"stage\": 0, \"instructions\":"
        " {\"forward\": [{\"frequency\": 900, \"time\": 1e-2, \"energy\": 3}],"
        " \"backward\": [{\"frequency\": 900, \"time\": 2e-2, \"energy\": 6}]"
        "}}]}");
    cr_expect_null(p->gpu);
    cr_expect(isnan(p->blocking_power));
    expect_option(p, 0, "backward", 0, 900, 0.02, 6);
    pp_profile_free(p);
}

Test(yaml, round_trip_csv_yaml_csv_is_exact)
{
    const char *csv = "stage,instruction,frequency,time,energy\n"
                      "0,forward,1410,0.05016166687011708,23.80547200000007\n"
                      "0,backward,1410,0.092953779220581,44.584247999999675\n"
                      "0,forward,855,0.30000000000000004,1e-05\n"
                      "0,backward,855,123456789.125,5e-324\n"
                      "1,forward,1410,0.1,20\n"
                      "1,backward,1410,0.2,40\n";
    struct pp_profile *p = csv_ok(csv);
    char *yaml = to_text(p, 1);
    struct pp_profile *q = yaml_ok(yaml);
    char *back = to_text(q, 0);
    cr_expect_str_eq(back, csv);
    free(back);
    free(yaml);
    pp_profile_free(q);
    pp_profile_free(p);
}

Test(yaml, write_keeps_metadata_and_odd_names)
{
    struct pp_profile *p = yaml_ok(
        "format_version: 1\ngpu: 'say \"hi\" \\ there'\nblocking_power: 0\n"
        "stages: [{stage: 0, instructions: {-w: [{frequency: 1, time: 1, "
        "energy: 1}], 9x: [{frequency: 1, time: 1, energy: 1}]}}]\n");
    char *yaml = to_text(p, 1);
    struct pp_profile *q = yaml_ok(yaml);
    cr_expect_str_eq(q->gpu, "say \"hi\" \\ there");
    cr_expect_eq(q->blocking_power, 0);
    cr_assert_eq(q->nkinds, 2);
    cr_expect_str_eq(q->kinds[0], "-w");
    cr_expect_str_eq(q->kinds[1], "9x");
    free(yaml);
    pp_profile_free(q);
    pp_profile_free(p);
}

/* The EXAMPLES of perseus-plan-profiles(5), which must stay valid. */
Test(yaml, man_page_examples)
{
    struct pp_profile *p = yaml_ok(
        "format_version: 1\n"
        "gpu: \"A100\"\n"
        "blocking_power: 83.64\n"
        "frequency_unit: MHz\n"
        "stages:\n"
        "  - stage: 0\n"
        "    instructions:\n"
        "      forward:\n"
        "        - {frequency: 1410, time: 0.04, energy: 16.8}\n"
        "        - {frequency: 1395, time: 0.0402796, energy: 16.3683}\n"
        "      backward:\n"
        "        - {frequency: 1410, time: 0.08, energy: 33.6}\n"
        "        - {frequency: 1395, time: 0.0806452, energy: 32.7715}\n");
    struct pp_profile *c = csv_ok("stage,instruction,frequency,time,energy\n"
                                  "0,forward,1410,0.04,16.8\n"
                                  "0,backward,1410,0.08,33.6\n"
                                  "0,forward,1395,0.0402796,16.3683\n"
                                  "0,backward,1395,0.0806452,32.7715\n");
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < 2; i++) {
            const struct pp_option *a = &pp_profile_ops(p, 0, k)->opt[i];
            const struct pp_option *b = &pp_profile_ops(c, 0, k)->opt[i];
            cr_expect(a->mhz == b->mhz && a->time == b->time &&
                      a->energy == b->energy);
        }
    pp_profile_free(c);
    pp_profile_free(p);
    p = yaml_ok("format_version: 1\nstages:\n  - stage: 0\n"
                "    instructions:\n"
                "      forward:\n"
                "        - frequency: 1410\n"
                "          time: 0.04\n"
                "          energy: 16.8\n");
    expect_option(p, 0, "forward", 0, 1410, 0.04, 16.8);
    pp_profile_free(p);
}

/* ---- errors ---- */

Test(yaml_errors, duplicate_key_and_alias)
{
    yaml_fails(META "  - stage: 0\n    stage: 1\n",
               "prof.yaml:7:5: duplicate key \"stage\" (first on line 6)");
    yaml_fails(META "  - &s {stage: 0}\n",
               "prof.yaml:6:5: YAML anchors (&s) are not supported");
    yaml_fails(META STAGE0 "  - *s\n",
               "prof.yaml:14:5: YAML aliases (*s) are not supported");
}

Test(yaml_errors, unknown_keys)
{
    yaml_fails("format_version: 1\nstagse: []\n",
               "prof.yaml:2:1: unknown key \"stagse\" in the profile (expected "
               "one of: format_version, gpu, blocking_power, frequency_unit, "
               "stages)");
    yaml_fails(META "  - stage: 0\n    instruction: {}\n",
               "prof.yaml:7:5: unknown key \"instruction\" in a stage entry "
               "(expected one of: stage, instructions)");
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 1410, time: 0.05, enrgy: 20}\n",
               "prof.yaml:9:41: unknown key \"enrgy\" in stage 0 forward "
               "option (expected one of: frequency, time, energy)");
}

Test(yaml_errors, wrong_types)
{
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 1410, time: \"0.05\", energy: 20}\n",
               "prof.yaml:9:35: stage 0 forward at 1410 MHz: time must be a "
               "number, got the string \"0.05\"");
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: [1], time: 0.05, energy: 20}\n",
               "prof.yaml:9:23: stage 0 forward: frequency must be a positive "
               "integer (MHz), got a sequence");
    yaml_fails(META "  - stage: 0\n    instructions: [forward]\n",
               "prof.yaml:7:19: stage 0: instructions must be a mapping from "
               "instruction to options, got a sequence");
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward: 5\n",
               "prof.yaml:8:16: stage 0 forward: options must be a sequence, "
               "got \"5\"");
    yaml_fails("format_version: 1\nstages: {}\n",
               "prof.yaml:2:9: stages must be a non-empty sequence, got a "
               "mapping");
    yaml_fails("format_version: 1\nstages: []\n",
               "prof.yaml:2:9: stages must be a non-empty sequence, got an "
               "empty one");
    yaml_fails("- 1\n", "prof.yaml:1:1: the profile must be a mapping, got a "
                        "sequence");
    yaml_fails("format_version: \"1\"\nstages: []\n",
               "prof.yaml:1:17: format_version must be an integer, got the "
               "string \"1\"");
    yaml_fails("format_version: 1\ngpu: [a]\n"
               "stages:\n" STAGE0,
               "prof.yaml:2:6: gpu must be a string, got a sequence");
}

Test(yaml_errors, metadata_values)
{
    yaml_fails("format_version: 2\nstages: []\n",
               "prof.yaml:1:17: unsupported format_version 2 (this version "
               "reads format_version 1)");
    yaml_fails("format_version: 1\nfrequency_unit: GHz\nstages: []\n",
               "prof.yaml:2:17: frequency_unit must be MHz, got \"GHz\"");
    yaml_fails("stages: []\n", "prof.yaml:1:1: format_version is missing");
    yaml_fails("format_version: 1\n", "prof.yaml:1:1: stages is missing");
    yaml_fails("format_version: 1\nblocking_power: -5\nstages:\n" STAGE0,
               "prof.yaml:2:17: blocking_power must not be negative, got -5");
    yaml_fails("format_version: 1\nblocking_power: .inf\nstages:\n" STAGE0,
               "prof.yaml:2:17: blocking_power (W per GPU) must be a finite "
               "number, got \".inf\"");
}

Test(yaml_errors, values_checked_like_csv)
{
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 1410, time: 0.05, energy: -3}\n",
               "prof.yaml:9:49: stage 0 forward at 1410 MHz: energy must be "
               "positive, got -3");
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 1410.5, time: 0.05, energy: 3}\n",
               "prof.yaml:9:23: stage 0 forward: frequency must be a positive "
               "integer (MHz), got 1410.5");
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 1410, time: 0.05}\n",
               "prof.yaml:9:11: stage 0 forward at 1410 MHz: energy is "
               "missing");
    yaml_fails(META "  - stage: -1\n",
               "prof.yaml:6:12: stage must be a non-negative integer, got -1");
}

Test(yaml_errors, stage_structure)
{
    yaml_fails(META STAGE0 STAGE0,
               "prof.yaml:14:12: stage 0 appears twice (first on line 6)");
    yaml_fails(META STAGE0 "  - stage: 2\n    instructions:\n      forward:\n"
                           "        - {frequency: 1410, time: 1, energy: 1}\n"
                           "      backward:\n"
                           "        - {frequency: 1410, time: 1, energy: 1}\n",
               "prof.yaml: stage 1 is missing (stages 0..2 present otherwise)");
    yaml_fails(META STAGE0 "  - stage: 1\n    instructions:\n      forward:\n"
                           "        - {frequency: 1410, time: 1, energy: 1}\n",
               "prof.yaml: stage 1 has no backward rows");
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 1410, time: 1, energy: 1}\n"
                    "        - {frequency: 1410, time: 2, energy: 1}\n",
               "prof.yaml:10:11: duplicate row for stage 0 forward at 1410 MHz"
               " (first on line 9)");
}

Test(yaml_errors, syntax_error_is_located)
{
    yaml_fails(META "  - stage: 0\n   instructions: {}\n",
               "prof.yaml:7:4: invalid YAML: did not find expected '-' "
               "indicator (while parsing a block collection at line 6)");
}

Test(yaml_errors, leading_zeros_and_byte_order_mark)
{
    /* PyYAML reads 01410 as 776: it was read as 1410 here */
    yaml_fails(META "  - stage: 0\n    instructions:\n      forward:\n"
                    "        - {frequency: 01410, time: 0.05, energy: 20}\n",
               "prof.yaml:9:23: stage 0 forward: frequency must be written "
               "without a leading zero (YAML 1.1 readers such as PyYAML read "
               "01410 as the octal number 776), got 01410");
    yaml_fails("format_version: 01\nstages: []\n",
               "prof.yaml:1:17: format_version must be an integer without a "
               "leading zero (YAML 1.1 readers such as PyYAML read 01 as the "
               "octal number 1), got \"01\"");
    /* a byte order mark is no column */
    pp_profile_free(yaml_ok("\xEF\xBB\xBF" META STAGE0));
    yaml_fails("\xEF\xBB\xBF" "format_version: 2\nstages: []\n",
               "prof.yaml:1:17: unsupported format_version 2 (this version "
               "reads format_version 1)");
}
