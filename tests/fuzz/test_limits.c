/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_limits.c - resource limits of the parsers, and the bugs fuzzing found
 * that need more than "does not crash" to pin down.
 *
 * Each case builds its input in memory and runs in well under two seconds
 * on a plain build; a timeout of 20 s per test catches a parser that turns
 * quadratic again (the many-kinds, many-keys, many-stages and
 * many-frequencies cases took minutes or hours before the hash tables and
 * the binary search).  Inputs too large for a unit test (a million rows, a
 * million instructions, a 200 MB line) are measured by hand; see
 * tests/fuzz/README.md.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph.h"
#include "profile.h"
#include "solver.h"
#include "yamltree.h"

/* ---- a growing text buffer ------------------------------------------- */

struct buf {
    char *s;
    size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int w = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        cr_assert_geq(w, 0);
        if ((size_t)w < b->cap - b->n) {
            b->n += (size_t)w;
            return;
        }
        b->cap = b->cap ? 2 * b->cap : 1 << 16;
        cr_assert_not_null(b->s = realloc(b->s, b->cap));
    }
}

#define HEADER "stage,instruction,frequency,time,energy\n"

static void csv_fails(const char *text, const char *msg)
{
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    int rc = pp_profile_parse_csv(&p, "p.csv", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(p);
    cr_assert_str_eq(err.msg, msg);
}

static void yaml_profile_fails(const char *text, const char *msg)
{
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    int rc = pp_profile_parse_yaml(&p, "p.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(p);
    cr_assert_str_eq(err.msg, msg);
}

/* ---- absurd values ----------------------------------------------------- */

Test(limits, absurd_energy_and_time_rejected_with_reason)
{
    csv_fails(HEADER "0,forward,1410,0.05,1e308\n",
              "p.csv:2:21: stage 0 forward at 1410 MHz: energy must be at "
              "most 1e12 J (more overflows the planner's 64-bit microjoule "
              "arithmetic), got 1e308");
    csv_fails(HEADER "0,forward,1410,1e-300,20\n",
              "p.csv:2:16: stage 0 forward at 1410 MHz: time must be at "
              "least 1e-9 s (the planner counts whole nanoseconds), got "
              "1e-300");
    csv_fails(HEADER "0,forward,1410,2e9,20\n",
              "p.csv:2:16: stage 0 forward at 1410 MHz: time must be at "
              "most 1e9 s (longer overflows the planner's 64-bit nanosecond "
              "arithmetic), got 2e9");
    yaml_profile_fails(
        "format_version: 1\nstages:\n  - stage: 0\n    instructions:\n"
        "      forward: [{frequency: 1410, time: 0.05, energy: 1e308}]\n",
        "p.yaml:5:55: stage 0 forward at 1410 MHz: energy must be at most "
        "1e12 J (more overflows the planner's 64-bit microjoule "
        "arithmetic), got 1e308");
    yaml_profile_fails(
        "format_version: 1\nblocking_power: 1e308\nstages:\n  - stage: 0\n"
        "    instructions:\n"
        "      forward: [{frequency: 1410, time: 0.05, energy: 20}]\n",
        "p.yaml:2:17: blocking_power must be at most 1e6 W per GPU (no GPU "
        "draws that much: milliwatts?), got 1e308");
}

Test(limits, limits_themselves_are_accepted)
{
    const char *text = HEADER "0,forward,1410,1e-9,1e12\n"
                              "0,forward,1395,1e9,5e-324\n";
    struct pp_profile *p = NULL;
    struct pp_error err;
    cr_assert_eq(pp_profile_parse_csv(&p, "p.csv", text, strlen(text), &err),
                 PP_OK, "%s", err.msg);
    cr_expect_eq(p->sets[0].opt[0].time, 1e-9);
    cr_expect_eq(p->sets[0].opt[1].energy, 5e-324);
    pp_profile_free(p);
}

/* ---- sizes that used to be quadratic ----------------------------------- */

Test(limits, profile_with_300k_kinds_is_linear, .timeout = 20)
{
    struct buf b = {0};
    struct pp_profile *p = NULL;
    struct pp_error err;
    put(&b, HEADER);
    for (int k = 0; k < 300000; k++)
        put(&b, "0,k%d,1410,0.05,20\n", k);
    cr_assert_eq(pp_profile_parse_csv(&p, "p.csv", b.s, b.n, &err), PP_OK, "%s",
                 err.msg);
    cr_expect_eq(p->nkinds, 300000);
    cr_expect_str_eq(p->kinds[123456], "k123456");
    pp_profile_free(p);
    put(&b, "0,k7,1410,0.06,21\n"); /* a duplicate, found by hash */
    csv_fails(b.s, "p.csv:300002:1: duplicate row for stage 0 k7 at 1410 MHz "
                   "(first on line 9)");
    free(b.s);
}

Test(limits, yaml_map_with_300k_keys_is_linear, .timeout = 20)
{
    struct buf b = {0};
    struct pp_ynode *root = NULL;
    struct pp_error err;
    for (int k = 0; k < 300000; k++)
        put(&b, "key%d: %d\n", k, k);
    cr_assert_eq(pp_yaml_load(&root, "t.yaml", b.s, b.n, &err), PP_OK, "%s",
                 err.msg);
    cr_expect_eq(root->n, 300000);
    pp_ynode_free(root);
    put(&b, "key17: again\n");
    cr_assert_eq(pp_yaml_load(&root, "t.yaml", b.s, b.n, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:300001:1: duplicate key \"key17\" "
                              "(first on line 18)");
    free(b.s);
}

Test(limits, yaml_profile_with_100k_stages_is_linear, .timeout = 20)
{
    struct buf b = {0};
    struct pp_profile *p = NULL;
    struct pp_error err;
    put(&b, "format_version: 1\nstages:\n");
    for (int s = 99999; s >= 0; s--) /* PP_MAX_STAGE is 99999 */
        put(&b,
            "  - {stage: %d, instructions: {forward: [{frequency: 1410, "
            "time: 0.05, energy: 20}]}}\n",
            s);
    cr_assert_eq(pp_profile_parse_yaml(&p, "p.yaml", b.s, b.n, &err), PP_OK,
                 "%s", err.msg);
    cr_expect_eq(p->nstages, 100000);
    cr_expect_eq(p->sets[99999].opt[0].line, 3);
    pp_profile_free(p);
    free(b.s);
}

Test(limits, csv_write_of_200k_frequencies_is_linear, .timeout = 20)
{
    struct buf b = {0};
    struct pp_profile *p = NULL;
    struct pp_error err;
    char *out = NULL;
    size_t len = 0, lines = 0;
    put(&b, HEADER);
    for (int m = 200000; m >= 1; m--)
        put(&b, "0,forward,%d,%g,%g\n", m, 1.0 / m, 20.0);
    cr_assert_eq(pp_profile_parse_csv(&p, "p.csv", b.s, b.n, &err), PP_OK, "%s",
                 err.msg);
    FILE *f = open_memstream(&out, &len);
    cr_assert_not_null(f);
    cr_assert_eq(pp_profile_write_csv(p, f), PP_OK);
    fclose(f);
    for (size_t i = 0; i < len; i++)
        lines += out[i] == '\n';
    cr_expect_eq(lines, 200001);
    cr_expect_eq(strncmp(out, HEADER "0,forward,200000,", 57), 0);
    free(out);
    pp_profile_free(p);
    free(b.s);
}

/* ---- nesting, long lines, announced sizes ------------------------------ */

Test(limits, million_level_nesting_rejected_at_level_65, .timeout = 20)
{
    size_t n = 1000000;
    char *text = malloc(2 * n);
    struct pp_ynode *root = NULL;
    struct pp_dag *dag = NULL;
    struct pp_error err;
    cr_assert_not_null(text);
    memset(text, '[', n);
    memset(text + n, ']', n);
    cr_assert_eq(pp_yaml_load(&root, "t.yaml", text, 2 * n, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg, "t.yaml:1:65: YAML nesting deeper than 64 "
                              "levels");
    free(text);

    struct buf b = {0}; /* block style, through the custom DAG reader */
    put(&b, "format_version: 1\ninstructions:\n");
    for (int d = 0; d < 100; d++)
        put(&b, "%*s- \n", 2 * d, "");
    cr_assert_eq(pp_graph_parse_yaml(&dag, "d.yaml", b.s, b.n, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "d.yaml:66:127: YAML nesting deeper than 64 "
                              "levels");
    free(b.s);
}

Test(limits, twenty_megabyte_line_fails_clearly, .timeout = 20)
{
    size_t n = 20 << 20;
    struct buf b = {0};
    struct pp_profile *p = NULL;
    struct pp_error err;
    put(&b, HEADER "0,forward,1410,0.05,");
    char *text = realloc(b.s, b.n + n + 1);
    cr_assert_not_null(text);
    memset(text + b.n, '7', n); /* a 20 MB energy, no newline */
    text[b.n + n] = '\0';
    csv_fails(text, "p.csv:2:21: stage 0 forward at 1410 MHz: energy must be "
                    "a number, got \"7777777777777777777777777777777777777"
                    "...\"");
    memcpy(text, "format_version: 1\nstages: ", 26);
    memset(text + 26, 'x', b.n + n - 26);
    cr_assert_eq(pp_profile_parse_yaml(&p, "p.yaml", text, b.n + n, &err),
                 PP_EINPUT);
    cr_expect_str_eq(err.msg, "p.yaml:2:9: stages must be a non-empty "
                              "sequence, got \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                              "xxxxxxxx...\"");
    free(text);
}

static void frontier_fails(const char *text, const char *msg)
{
    struct pp_frontier *fr = NULL;
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    int rc = pp_frontier_read(&fr, &dag, "f.txt", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(fr);
    cr_assert_null(dag);
    cr_assert_str_eq(err.msg, msg);
}

#define FHEAD "perseus-plan-frontier 1\nmodel exact\nschedule x 1 1\n"

Test(limits, frontier_counts_checked_against_file_size)
{
    frontier_fails(FHEAD "kinds forward\ngpus 1\ninstructions 16777216\n"
                         "i 0 0 0 0 0\n",
                   "f.txt:6:14: frontier file: 16777216 instructions "
                   "announced, but the rest of the file is too short to "
                   "hold them");
    frontier_fails(FHEAD "kinds forward\ngpus 1\ninstructions 1\n"
                         "i 0 0 0 0 0\npoints 1099511627776\n"
                         "p 1 1 1 1 1 1 1 0 1410\n",
                   "f.txt:8:8: frontier file: 1099511627776 points "
                   "announced, but the rest of the file is too short to "
                   "hold them");
    frontier_fails(FHEAD "kinds forward\ngpus 1\ninstructions 1\n"
                         "i 0 0 0 0 1\n",
                   "f.txt:7:11: frontier file: integer out of range or "
                   "malformed");
    frontier_fails("perseus-plan-frontier 1\nmodel exact\nschedule a\x01 "
                   "1 1\n",
                   "f.txt:3:11: frontier file: a name may hold only "
                   "letters, digits, '_', '-' and '.'");
}

/* ---- fitted coefficients: positions and fields ------------------------- */

static void fit_fails(const char *text, size_t len, const char *msg)
{
    static const char csv[] = HEADER "0,forward,1410,0.05,20\n";
    char path[] = "/tmp/pp-test-fit.XXXXXX", want[512];
    struct pp_profile *p = NULL;
    struct pp_error err;
    double *fit = NULL;
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
    cr_assert_eq(pp_profile_parse_csv(&p, "p", csv, sizeof csv - 1, &err),
                 PP_OK);
    int rc = pp_fit_load(&fit, path, p, &err);
    unlink(path);
    pp_profile_free(p);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(fit);
    snprintf(want, sizeof want, "%s:%s", path, msg);
    cr_assert_str_eq(err.msg, want);
}

Test(limits, fit_file_lines_fields_and_nul)
{
#define T(s) s, sizeof s - 1
    fit_fails(T("stage,instruction,a,b,c\n\n\n0,forward,1,-0.2x,3\n"),
              "4:13: stage 0 forward: coefficient b is not a finite number: "
              "\"-0.2x\"");
    fit_fails(T("stage,instruction,a,b,c\n0,forward,1,2,3,4\n"),
              "2:1: expected 5 fields: stage,instruction,a,b,c");
    fit_fails(T("stage,instruction,a,b,c\n0,forward,1,2,3\0,x\n"),
              "2:16: NUL byte in the file");
    fit_fails(T("stage,instruction,a,b,c\r\n\r\n9,forward,1,2,3\r\n"),
              "3:1: stage \"9\" is not in the profile (0..0)");
}

/* ---- Zeus plans: a backslash at the very end --------------------------- */

Test(limits, zeus_backslash_at_end_is_an_unterminated_string)
{
    struct pp_dag *dag = NULL;
    struct pp_plan *plan = NULL;
    struct pp_error err;
    static const char text[] = "[[('forward', 1410), ('backward', 1410)], "
                               "[('\\";
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 2, 1, 1, &err), PP_OK);
    cr_assert_eq(
        pp_plan_parse_zeus(&plan, "z.py", text, sizeof text - 1, dag, &err),
        PP_EINPUT);
    cr_expect_null(plan);
    cr_expect_str_eq(err.msg, "z.py:1:45: unterminated string");
    pp_graph_free(dag);
}
