/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_profile.c - queries on profiles, loading by file type, the measured
 * SOSP'24 profiles and the shipped examples.
 *
 * The measured profiles live in ../shared (PP_SHARED_DIR); those tests skip
 * when it is absent.  The example profiles are checked against the model
 * they claim to follow (profiles/examples/README.md).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char *const small =
    "stage,instruction,frequency,time,energy\n"
    "0,forward,1410,0.1,20\n0,forward,1395,0.11,19\n0,forward,1380,0.12,18\n"
    "0,backward,1410,0.2,40\n0,backward,1395,0.22,38\n"
    "1,forward,1410,0.1,20\n1,forward,1380,0.12,18\n"
    "1,backward,1410,0.2,40\n1,backward,1395,0.22,38\n";

Test(profile, kind_ops_and_find)
{
    struct pp_profile *p = csv_ok(small);
    cr_expect_eq(pp_profile_kind(p, "forward"), 0);
    cr_expect_eq(pp_profile_kind(p, "backward"), 1);
    cr_expect_eq(pp_profile_kind(p, "weight"), -1);
    cr_expect_null(pp_profile_ops(p, 2, 0));
    cr_expect_null(pp_profile_ops(p, -1, 0));
    cr_expect_null(pp_profile_ops(p, 0, 2));
    const struct pp_opset *set = pp_profile_ops(p, 0, 0);
    cr_assert_eq(set->n, 3);
    for (size_t i = 0; i < set->n; i++)
        cr_expect_eq(pp_opset_find(set, set->opt[i].mhz), &set->opt[i]);
    cr_expect_null(pp_opset_find(set, 1425));
    cr_expect_null(pp_opset_find(set, 1390));
    cr_expect_null(pp_opset_find(set, 100));
    cr_expect_null(pp_opset_find(NULL, 1410));
    pp_profile_free(p);
    pp_profile_free(NULL);
}

Test(profile, freqsets_differ)
{
    struct pp_profile *p = csv_ok(small);
    char buf[200] = "";
    cr_expect_eq(pp_profile_freqsets_differ(p, buf, sizeof buf), 1);
    cr_expect_str_eq(buf, "stage 1 forward has no 1395 MHz option, stage 0 "
                          "forward has one");
    pp_profile_free(p);

    p = csv_ok("stage,instruction,frequency,time,energy\n"
               "0,forward,1410,0.1,20\n1,forward,1410,0.1,20\n"
               "1,forward,1425,0.1,20\n");
    cr_expect_eq(pp_profile_freqsets_differ(p, buf, sizeof buf), 1);
    cr_expect_str_eq(buf, "stage 1 forward has a 1425 MHz option, stage 0 "
                          "forward has none");
    pp_profile_free(p);

    p = csv_ok("stage,instruction,frequency,time,energy\n"
               "0,forward,1410,0.1,20\n1,forward,1410,0.1,20\n");
    cr_expect_eq(pp_profile_freqsets_differ(p, buf, sizeof buf), 0);
    pp_profile_free(p);
}

Test(profile, blocking_presets)
{
    double w = 0;
    cr_expect_eq(pp_blocking_preset("a100", &w), PP_OK);
    cr_expect_eq(w, 83.64);
    cr_expect_eq(pp_blocking_preset("A40", &w), PP_OK);
    cr_expect_eq(w, 70.38);
    w = 1;
    cr_expect_eq(pp_blocking_preset("h100", &w), PP_EINPUT);
    cr_expect_eq(w, 1);
    cr_expect_eq(pp_blocking_preset(NULL, &w), PP_EINPUT);
}

Test(profile, load_chooses_format_by_extension)
{
    char *csv = temp_file(".csv", small);
    char *yml = temp_file(".YML", "format_version: 1\nstages: [{stage: 0, "
                                  "instructions: {forward: [{frequency: 1, "
                                  "time: 1, energy: 1}]}}]\n");
    char *yaml_as_csv = temp_file(".txt", "format_version: 1\n");
    struct pp_profile *p = NULL;
    struct pp_error err = {0};

    cr_assert_eq(pp_profile_load(&p, csv, &err), PP_OK, "%s", err.msg);
    cr_expect_eq(p->nstages, 2);
    cr_expect_str_eq(p->path, csv);
    pp_profile_free(p);
    cr_assert_eq(pp_profile_load(&p, yml, &err), PP_OK, "%s", err.msg);
    cr_expect_eq(p->nstages, 1);
    pp_profile_free(p);
    cr_expect_eq(pp_profile_load(&p, yaml_as_csv, &err), PP_EINPUT);
    cr_expect_null(p);
    cr_expect(strstr(err.msg, "missing column \"stage\"") != NULL, "%s",
              err.msg);
    cr_expect_eq(pp_profile_load(&p, "/nonexistent.yaml", &err), PP_EIO);
    cr_expect_str_eq(err.msg, "/nonexistent.yaml: cannot open: No such file "
                              "or directory");
    temp_remove(csv);
    temp_remove(yml);
    temp_remove(yaml_as_csv);
}

static void load_stdin(const char *text, int expect_rc, const char *msg)
{
    char *path = temp_file(".in", text);
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    cr_assert_not_null(freopen(path, "r", stdin));
    cr_assert_eq(pp_profile_load(&p, "-", &err), expect_rc, "%s", err.msg);
    if (msg)
        cr_expect_str_eq(err.msg, msg);
    else
        cr_expect_str_eq(p->path, "<stdin>");
    pp_profile_free(p);
    temp_remove(path);
}

Test(profile, stdin_is_sniffed_csv)
{
    load_stdin(small, PP_OK, NULL);
}

Test(profile, stdin_is_sniffed_yaml)
{
    load_stdin("format_version: 1\nstages: 5\n", PP_EINPUT,
               "<stdin>:2:9: stages must be a non-empty sequence, got \"5\"");
}

Test(profile, stdin_json_with_commas_is_yaml)
{
    load_stdin("{\"format_version\": 1, \"stages\": []}\n", PP_EINPUT,
               "<stdin>:1:33: stages must be a non-empty sequence, got an "
               "empty one");
}

Test(profile, stdin_blank_lines_and_bom_before_the_header)
{
    /* A leading blank line made the CSV on stdin look like YAML: "the
     * profile must be a mapping".  Blank lines, blanks and a byte order
     * mark before the header are skipped, as the CSV reader skips them. */
    char *text = malloc(strlen(small) + 16);
    cr_assert_not_null(text);
    strcpy(text, "\n  \r\n");
    strcat(text, small);
    load_stdin(text, PP_OK, NULL);
    strcpy(text, "\xEF\xBB\xBF\n");
    strcat(text, small);
    load_stdin(text, PP_OK, NULL);
    free(text);
}
