/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cli.c - the helpers every subcommand shares (planner/cli.c): option
 * value parsers and their messages, slowdowns in every form
 * (planner/slowdown.c).  The output files are test_outfile.c.
 *
 * Messages are compared whole, as a user sees them on stderr.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void stderr_is(const char *want)
{
    fflush(stderr);
    cr_assert_stderr_eq_str(want);
}

/* ------------------------------------------------------------------------ */
/* Value parsers                                                            */

Test(cli, int_option_values)
{
    int v = -1;
    cr_assert_eq(parse_int_opt("plan", "--points", "12", 1, 10000, NULL, &v),
                 0);
    cr_assert_eq(v, 12);
    cr_assert_eq(parse_int_opt("plan", "--threads", "0", 0, 8, NULL, &v), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(parse_int_opt("plan", "--points", " 10000 ", 1, 10000, NULL,
                               &v), 0);
    cr_assert_eq(v, 10000);
}

Test(cli, int_option_rejects, .init = cr_redirect_stderr)
{
    int v = 5;
    /* trailing junk, hexadecimal, below the minimum, above the maximum
     * (with where it comes from), beyond a long: each one message naming
     * the range, and the value untouched */
    cr_assert_eq(parse_int_opt("plan", "--points", "12x", 1, 10000, NULL, &v),
                 -1);
    cr_assert_eq(parse_int_opt("plan", "--points", "0x10", 1, 10000, NULL,
                               &v), -1);
    cr_assert_eq(parse_int_opt("sweep", "--pipelines", "0", 1, 1000000, NULL,
                               &v), -1);
    cr_assert_eq(parse_int_opt("plan", "--points", "10001", 1, 10000,
                               "5-digit names", &v), -1);
    cr_assert_eq(parse_int_opt("plan", "-M", "99999999999999999999", 1, 10,
                               NULL, &v), -1);
    cr_assert_eq(v, 5);
    stderr_is("perseus-plan: plan: invalid argument \"12x\" for --points; "
              "should be an integer from 1 to 10000\n"
              "Try 'perseus-plan plan --help' for more information.\n"
              "perseus-plan: plan: invalid argument \"0x10\" for --points; "
              "should be an integer from 1 to 10000\n"
              "Try 'perseus-plan plan --help' for more information.\n"
              "perseus-plan: sweep: invalid argument \"0\" for --pipelines; "
              "should be an integer from 1 to 1000000\n"
              "Try 'perseus-plan sweep --help' for more information.\n"
              "perseus-plan: plan: invalid argument \"10001\" for "
              "--points; should be an integer from 1 to 10000 (5-digit "
              "names)\n"
              "Try 'perseus-plan plan --help' for more information.\n"
              "perseus-plan: plan: invalid argument \"99999999999999999999\" "
              "for -M; should be an integer from 1 to 10\n"
              "Try 'perseus-plan plan --help' for more information.\n");
}

Test(cli, double_options, .init = cr_redirect_stderr)
{
    double d = -1;
    cr_assert_eq(parse_double_opt("plan", "--deadline", "0.5", 0, &d), 0);
    cr_assert_eq(d, 0.5);
    /* out of range, hexadecimal (strtod's), not finite, overflowing */
    cr_assert_eq(parse_double_opt("plan", "--deadline", "0", 0, &d), -1);
    cr_assert_eq(parse_double_opt("plan", "--deadline", "0x10", 0, &d), -1);
    cr_assert_eq(parse_double_opt("plan", "--deadline", "inf", 0, &d), -1);
    cr_assert_eq(parse_double_opt("plan", "--deadline", "1e400", 0, &d), -1);
    cr_assert_eq(d, 0.5);
    stderr_is("perseus-plan: plan: invalid argument \"0\" for --deadline; "
              "should be a decimal number > 0\n"
              "Try 'perseus-plan plan --help' for more information.\n"
              "perseus-plan: plan: invalid argument \"0x10\" for --deadline; "
              "should be a decimal number > 0\n"
              "Try 'perseus-plan plan --help' for more information.\n"
              "perseus-plan: plan: invalid argument \"inf\" for --deadline; "
              "should be a finite number > 0\n"
              "Try 'perseus-plan plan --help' for more information.\n"
              "perseus-plan: plan: invalid argument \"1e400\" for --deadline; "
              "should be a finite number > 0\n"
              "Try 'perseus-plan plan --help' for more information.\n");
}

/* The fraction SLOWDOWN as ARG gives it in convention PLAIN, or NAN with
 * WHY filled. */
static double frac_of(const char *arg, enum sd_plain plain, char *why,
                      size_t n)
{
    struct pp_dec f;
    why[0] = '\0';
    return slowdown_parse(arg, plain, &f, why, n) ? NAN : pp_dec_double(f);
}

Test(cli, slowdown_forms)
{
    char why[256];
    /* one slowdown, every way of writing it, exactly the same double */
    cr_expect(frac_of("0.05", SD_FRACTION, why, sizeof why) == 0.05);
    cr_expect(frac_of("5%", SD_FRACTION, why, sizeof why) == 0.05);
    cr_expect(frac_of("x1.05", SD_FRACTION, why, sizeof why) == 0.05);
    cr_expect(frac_of("1.05", SD_RATIO, why, sizeof why) == 0.05);
    cr_expect(frac_of("5%", SD_RATIO, why, sizeof why) == 0.05);
    cr_expect(frac_of("150%", SD_FRACTION, why, sizeof why) == 1.5);
    cr_expect(frac_of("x2.5", SD_RATIO, why, sizeof why) == 1.5);
    struct pp_dec f;
    cr_assert_eq(slowdown_parse("x1.2", SD_FRACTION, &f, why, sizeof why), 0);
    cr_expect(slowdown_ratio(f) == 1.2, "the ratio is the double nearest 1.2");
    /* plain numbers outside a slowdown below 100% are refused, with the
     * values they could have meant */
    cr_expect(isnan(frac_of("1.05", SD_FRACTION, why, sizeof why)));
    cr_expect_str_eq(why, "a plain slowdown is a fraction below 1; did you "
                          "mean x1.05 (5%, 0.05)? For 105% slower, write "
                          "105% or x2.05");
    cr_expect(isnan(frac_of("0.05", SD_RATIO, why, sizeof why)));
    cr_expect_str_eq(why, "a plain slowdown here is a ratio T'/T_min of at "
                          "least 1; did you mean 1.05 (5%, x1.05)?");
    cr_expect(isnan(frac_of("2", SD_RATIO, why, sizeof why)));
    cr_expect(isnan(frac_of("-1%", SD_FRACTION, why, sizeof why)));
    cr_expect(isnan(frac_of("x0.5", SD_RATIO, why, sizeof why)));
    cr_expect(frac_of(" 5 %", SD_FRACTION, why, sizeof why) == 0.05,
              "blanks around the number, as everywhere");
    cr_expect(isnan(frac_of("fast", SD_FRACTION, why, sizeof why)));
    cr_expect_str_eq(why, "should be a fraction (0.05), a percentage (5%) or "
                          "a ratio T'/T_min (x1.05)");
}

Test(cli, common_options, .init = cr_redirect_stderr)
{
    struct inputs in;
    inputs_init(&in);
    /* defaults */
    cr_assert_str_eq(in.schedule, "1f1b");
    cr_assert_eq(in.chunks, 1);
    cr_assert_eq(in.gpus_per_stage, 1);
    cr_assert_eq(in.format, FMT_HUMAN);
    cr_assert_eq(common_option(&in, "eval", OPT_FORMAT, "csv"), 1);
    cr_assert_eq(in.format, FMT_CSV);
    cr_assert_eq(common_option(&in, "eval", OPT_MICRO, "8"), 1);
    cr_assert_eq(in.microbatches, 8);
    cr_assert_eq(common_option(&in, "eval", OPT_QUIET, NULL), 1);
    cr_assert_eq(in.quiet, 1);
    /* not a common option: left to the command */
    cr_assert_eq(common_option(&in, "eval", 256, "x"), 0);
    cr_assert_eq(common_option(&in, "eval", OPT_FORMAT, "fast"), -1);
    cr_assert_eq(in.format, FMT_CSV);
    cr_assert_eq(common_option(&in, "eval", OPT_KGPUS, "0"), -1);
    stderr_is("perseus-plan: eval: invalid argument \"fast\" for --format; "
              "should be one of human, json, yaml, csv\n"
              "Try 'perseus-plan eval --help' for more information.\n"
              "perseus-plan: eval: invalid argument \"0\" for "
              "--gpus-per-stage; should be an integer from 1 to 1000000\n"
              "Try 'perseus-plan eval --help' for more information.\n");
}

Test(cli, messages, .init = cr_redirect_stderr)
{
    struct inputs quiet;
    struct pp_error err = {.code = PP_EINPUT, .msg = "f.csv:2:3: bad"};
    inputs_init(&quiet);
    quiet.quiet = 1;
    die_usage(NULL, "unknown command \"%s\"", "x");
    report_error(&err);
    note(NULL, "note %d", 1);
    note(&quiet, "not shown");
    /* what a message quotes is escaped, however long */
    char big[3000];
    memset(big, 'x', sizeof big - 2);
    big[sizeof big - 2] = '\033';
    big[sizeof big - 1] = '\0';
    message("%s: cannot open", "a\nb\033[2J");
    die_usage("plan", "invalid argument \"%s\"", big);
    char want[4096];
    snprintf(want, sizeof want,
             "perseus-plan: unknown command \"x\"\n"
             "Try 'perseus-plan --help' for more information.\n"
             "perseus-plan: f.csv:2:3: bad\n"
             "perseus-plan: note 1\n"
             "perseus-plan: a\\nb\\x1B[2J: cannot open\n"
             "perseus-plan: plan: invalid argument \"%.*s\\x1B\"\n"
             "Try 'perseus-plan plan --help' for more information.\n",
             (int)sizeof big - 2, big);
    stderr_is(want);
}

