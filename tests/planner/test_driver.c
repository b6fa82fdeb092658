/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_driver.c - the driver every subcommand runs through (verb_run in
 * planner/driver.c), with a made-up verb that records which of its steps
 * ran, in what order, and what the driver had parsed when they did.
 *
 * Checked: --help (stdout, exit 0, nothing else runs), usage errors (an
 * unknown option, operands, a verb's own option error, its check), the
 * order option -> check -> inputs -> compute -> report -> after, that the
 * first step to fail ends the run with its status while cleanup still
 * runs, that a report whose writer fails is discarded (an existing -o file
 * keeps its contents), that a verb's report of a failure is written with
 * the failing status kept (not after a usage error), that the verb's own
 * option handler sees an option
 * before the common ones, that each run starts from the verb's
 * initial state, and the usage checks every verb shares: an option the
 * verb refuses, an empty file name, options that do not fit the others
 * and values out of the solver's range, before anything is read.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_LEVEL = 256 };

struct toy_state {
    int level;         /* --level N, -1 by default */
    int fail_at;       /* the step that fails: 'k', 'c', 'r' (writer), 'a' */
    int fail_status;   /* what it returns */
    char steps[16];    /* the steps that ran, one letter each */
    int format_seen;   /* -f as the verb's own option */
    int ngpus;         /* of the DAG loaded when compute ran, 0 if none */
};

/* What the last run recorded, kept by its cleanup (the state is freed). */
static struct toy_state seen;
static struct run last;

static void step(struct run *r, char c)
{
    struct toy_state *t = r->state;
    size_t n = strlen(t->steps);
    cr_assert_lt(n, sizeof t->steps - 1);
    t->steps[n] = c;
}

static int toy_option(struct run *r, int c, const char *arg)
{
    struct toy_state *t = r->state;
    step(r, 'o');
    if (c == OPT_LEVEL)
        return parse_int_opt("toy", "--level", arg, 0, 9, NULL, &t->level)
                   ? -1 : 1;
    if (c == OPT_FORMAT && !strcmp(arg, "own")) {
        t->format_seen = 1;
        return 1;
    }
    return 0;
}

static int toy_check(struct run *r)
{
    struct toy_state *t = r->state;
    step(r, 'k');
    return t->fail_at == 'k' ? t->fail_status : EXIT_OK;
}

static int toy_compute(struct run *r)
{
    struct toy_state *t = r->state;
    step(r, 'c');
    t->ngpus = r->in.dag ? r->in.dag->ngpus : 0;
    return t->fail_at == 'c' ? t->fail_status : EXIT_OK;
}

static int toy_report(struct run *r, FILE *f)
{
    struct toy_state *t = r->state;
    step(r, 'r');
    fprintf(f, "level %d\n", t->level);
    return t->fail_at == 'r' ? PP_EIO : 0;
}

static int toy_after(struct run *r)
{
    struct toy_state *t = r->state;
    step(r, 'a');
    return t->fail_at == 'a' ? t->fail_status : EXIT_OK;
}

static void toy_cleanup(struct run *r)
{
    step(r, 'x');
    seen = *(struct toy_state *)r->state;
    last = *r;
}

static const struct option toy_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"level", required_argument, NULL, OPT_LEVEL},
    {NULL, 0, NULL, 0},
};

static const struct toy_state toy_init = {.level = -1};

static const char toy_usage[] = "usage: perseus-plan toy [--level N]\n";

/* No profile or schedule to load, unless a test sets other flags. */
static struct verb toy = {
    .name = "toy",
    .summary = "a test",
    .usage = toy_usage,
    .longopts = toy_longopts,
    .flags = VERB_NO_INPUTS,
    .state_size = sizeof(struct toy_state),
    .state_init = &toy_init,
    .option = toy_option,
    .check = toy_check,
    .compute = toy_compute,
    .report = toy_report,
    .after = toy_after,
    .cleanup = toy_cleanup,
};

/* Run the toy verb on a NULL-terminated list of arguments. */
#define RUN(...) run_args((char *[]){"toy", __VA_ARGS__, NULL})

static int run_args(char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    memset(&seen, 0, sizeof seen);
    return verb_run(&toy, argc, argv);
}

static void std_is(const char *out, const char *err)
{
    fflush(stdout);
    fflush(stderr);
    cr_assert_stdout_eq_str(out);
    cr_assert_stderr_eq_str(err);
}

static void redirect(void)
{
    cr_redirect_stdout();
    cr_redirect_stderr();
}

Test(driver, all_steps_in_order, .init = redirect)
{
    cr_assert_eq(RUN("--level", "3", "-q"), EXIT_OK);
    cr_assert_eq(seen.ngpus, 0); /* VERB_NO_INPUTS: nothing loaded */
    /* o: the verb saw --level and -q first; then check, compute, report,
     * after, cleanup */
    cr_assert_str_eq(seen.steps, "ookcrax");
    cr_assert_eq(seen.level, 3);
    cr_assert_eq(last.in.quiet, 1);
    std_is("level 3\n", "");
}

Test(driver, help, .init = redirect)
{
    cr_assert_eq(RUN("--level", "1", "--help", "--bogus"), EXIT_OK);
    /* parsing stops at --help: the verb is not asked about it */
    cr_assert_str_eq(seen.steps, "ox");
    std_is("usage: perseus-plan toy [--level N]\n", "");
}

Test(driver, unknown_option, .init = redirect)
{
    cr_assert_eq(RUN("--bogus"), EXIT_USAGE);
    cr_assert_str_eq(seen.steps, "ox");
    std_is("", "perseus-plan: toy: unknown or incomplete option \"--bogus\"\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, missing_option_argument, .init = redirect)
{
    cr_assert_eq(RUN("--level"), EXIT_USAGE);
    std_is("", "perseus-plan: toy: unknown or incomplete option \"--level\"\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, option_value_error, .init = redirect)
{
    cr_assert_eq(RUN("--level", "x", "--level", "2"), EXIT_USAGE);
    /* the first error ends parsing; cleanup still runs */
    cr_assert_str_eq(seen.steps, "ox");
    std_is("", "perseus-plan: toy: invalid argument \"x\" for --level; "
               "should be an integer from 0 to 9\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, common_and_solve_option_errors, .init = redirect)
{
    cr_assert_eq(RUN("--model", "fast"), EXIT_USAGE);
    std_is("", "perseus-plan: toy: invalid argument \"fast\" for --model; "
               "should be one of exact, lowtime\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, options_reach_inputs_and_solver, .init = cr_redirect_stdout)
{
    cr_assert_eq(RUN("-M", "8", "--unit-time", "0.002", "--model", "lowtime",
                     "-f", "json"), EXIT_OK);
    cr_assert_eq(last.in.microbatches, 8);
    cr_assert_eq(last.in.format, FMT_JSON);
    cr_assert_eq(last.so.unit_time, 0.002);
    cr_assert_eq(last.so.model, PP_MODEL_LOWTIME);
    /* the verb's handler sees an option before the common ones do */
    cr_assert_eq(RUN("-f", "own"), EXIT_OK);
    cr_assert_eq(seen.format_seen, 1);
    cr_assert_eq(last.in.format, FMT_HUMAN);
}

Test(driver, unexpected_operand, .init = redirect)
{
    cr_assert_eq(RUN("--level", "1", "extra"), EXIT_USAGE);
    cr_assert_str_eq(seen.steps, "ox");
    std_is("", "perseus-plan: toy: unexpected argument \"extra\"\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, one_operand, .init = redirect)
{
    toy.operand_missing = "a toy file is required";
    cr_assert_eq(RUN("-q", "file.txt"), EXIT_OK);
    cr_assert_str_eq(last.operand, "file.txt");
    cr_assert_eq(RUN("a", "b"), EXIT_USAGE);
    cr_assert_eq(RUN("-q"), EXIT_USAGE);
    cr_assert_str_eq(seen.steps, "ox");
    std_is("level -1\n",
           "perseus-plan: toy: too many arguments\n"
           "Try 'perseus-plan toy --help' for more information.\n"
           "perseus-plan: toy: a toy file is required\n"
           "Try 'perseus-plan toy --help' for more information.\n");
}

/* Each failing step: the run ends there with its status; cleanup runs. */
static void fails_at(int at, const char *steps, int status)
{
    char level[] = "0";
    struct toy_state init = toy_init;
    init.fail_at = at;
    init.fail_status = status;
    toy.state_init = &init;
    cr_assert_eq(RUN("--level", level), status);
    toy.state_init = &toy_init;
    cr_assert_str_eq(seen.steps, steps, "failing at %c", at);
}

Test(driver, check_fails, .init = redirect)
{
    fails_at('k', "okx", EXIT_USAGE);
    std_is("", "");
}

Test(driver, compute_fails, .init = redirect)
{
    fails_at('c', "okcx", EXIT_FAIL);
    std_is("", "");
}

/* The report of a failure, for verbs whose report is a record. */
static int toy_report_failed(struct run *r, FILE *f, int status)
{
    step(r, 'f');
    fprintf(f, "failed with %d\n", status);
    return 0;
}

Test(driver, failure_report, .init = redirect)
{
    toy.report_failed = toy_report_failed;
    /* compute fails: the failure's report, the status kept, no after */
    fails_at('c', "okcfx", EXIT_OTHER_INPUTS);
    /* a usage error in check writes none */
    fails_at('k', "okx", EXIT_USAGE);
    toy.report_failed = NULL;
    std_is("failed with 4\n", "");
}

Test(driver, after_fails, .init = redirect)
{
    /* the report is out already */
    fails_at('a', "okcrax", EXIT_GATE);
    std_is("level 0\n", "");
}

Test(driver, report_write_fails, .init = cr_redirect_stderr)
{
    char dir[] = "/tmp/pp-test-driver.XXXXXX", path[64], buf[32] = "";
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("old\n", f);
    fclose(f);
    struct toy_state init = toy_init;
    init.fail_at = 'r';
    toy.state_init = &init;
    cr_assert_eq(RUN("-o", path), EXIT_FAIL);
    /* after does not run; the old file is left as it was */
    cr_assert_str_eq(seen.steps, "okcrx");
    f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(buf, sizeof buf, f));
    fclose(f);
    cr_assert_str_eq(buf, "old\n");
    unlink(path);
    cr_assert_eq(rmdir(dir), 0, "a temporary file was left in %s", dir);
    char want[256];
    snprintf(want, sizeof want, "perseus-plan: %s: write failed: an "
             "input/output error (the file was left as it was)\n", path);
    fflush(stderr);
    cr_assert_stderr_eq_str(want);
}

Test(driver, inputs, .init = redirect)
{
    /* With inputs: a schedule without a profile is built from -S and -M;
     * a missing profile where one is required is a usage error before
     * compute. */
    toy.flags = 0;
    cr_assert_eq(RUN("-S", "2", "-M", "3", "-b", "0"), EXIT_OK);
    cr_assert_str_eq(seen.steps, "oookcrax");
    cr_assert_eq(seen.ngpus, 2);
    toy.flags = VERB_PROFILE;
    cr_assert_eq(RUN("-S", "2", "-M", "3"), EXIT_USAGE);
    cr_assert_str_eq(seen.steps, "ookx");
    std_is("level -1\n",
           "perseus-plan: toy: a profile is required (--profile FILE)\n"
           "Try 'perseus-plan toy --help' for more information.\n");
}

static const struct refusal toy_refuses[] = {
    {OPT_BLOCKING, "a toy draws no power"},
    {0, NULL},
};

Test(driver, refused_option, .init = redirect)
{
    toy.refuses = toy_refuses;
    cr_assert_eq(RUN("-q", "-b", "5"), EXIT_USAGE);
    toy.refuses = NULL;
    /* refused before the verb or the common options see it */
    cr_assert_str_eq(seen.steps, "ox");
    std_is("", "perseus-plan: toy: --blocking-power does not apply to toy "
               "(a toy draws no power)\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, empty_file_name, .init = redirect)
{
    cr_assert_eq(RUN("--output="), EXIT_USAGE);
    cr_assert_eq(RUN("-p", ""), EXIT_USAGE);
    std_is("", "perseus-plan: toy: empty file name for --output\n"
               "Try 'perseus-plan toy --help' for more information.\n"
               "perseus-plan: toy: empty file name for --profile\n"
               "Try 'perseus-plan toy --help' for more information.\n");
}

Test(driver, options_given, .init = redirect)
{
    cr_assert_eq(RUN("-q", "--level", "2"), EXIT_OK);
    cr_assert(run_given(&last, OPT_QUIET));
    cr_assert(run_given(&last, OPT_LEVEL));
    cr_assert_not(run_given(&last, OPT_VERBOSE));
    cr_assert(run_takes(&last, OPT_BLOCKING));
    std_is("level 2\n", "");
}

Test(driver, shared_usage_checks, .init = redirect)
{
    /* the inputs' options: -V outside interleaved, sizes too large for a
     * schedule, a blocking power out of the solver's range; then the
     * solver's: a time unit out of range, one for the other model; all
     * after the verb's check, before anything is loaded or computed */
    toy.flags = 0;
    cr_assert_eq(RUN("-S", "2", "-M", "3", "-V", "2"), EXIT_USAGE);
    cr_assert_str_eq(seen.steps, "oookx");
    cr_assert_eq(RUN("-S", "8388608", "-M", "2", "-b", "0"), EXIT_USAGE);
    cr_assert_eq(RUN("-S", "2", "-M", "3", "-b", "1e12"), EXIT_USAGE);
    toy.flags = VERB_NO_INPUTS;
    cr_assert_eq(RUN("--unit-time", "1e-300", "--model", "lowtime"),
                 EXIT_USAGE);
    cr_assert_eq(RUN("--unit-time", "0.002"), EXIT_USAGE);
    cr_assert_str_eq(seen.steps, "okx");
    std_is("",
           "perseus-plan: toy: --chunks applies to the interleaved schedule "
           "only\n"
           "Try 'perseus-plan toy --help' for more information.\n"
           "perseus-plan: toy: schedule too large: 1f1b, 8388608 GPUs x 2 "
           "microbatches x 2 passes = 33554432 instructions, more than "
           "16777216\n"
           "Try 'perseus-plan toy --help' for more information.\n"
           "perseus-plan: toy: --blocking-power: blocking power 1e+12 W per "
           "GPU is out of range: with 2 pipeline GPUs and 1 GPU per stage "
           "the planner supports at most 5e+11 W per GPU (1e+12 W for the "
           "whole pipeline)\n"
           "Try 'perseus-plan toy --help' for more information.\n"
           "perseus-plan: toy: --unit-time: unit time 1e-300 s is out of "
           "range: it must be from 1e-09 s (one nanosecond) to 1e+09 s\n"
           "Try 'perseus-plan toy --help' for more information.\n"
           "perseus-plan: toy: --unit-time applies to --model lowtime only\n"
           "Try 'perseus-plan toy --help' for more information.\n");
}
