/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_numfmt.c - unit tests for locale-independent number parsing and
 * shortest exact formatting.
 *
 * Parsing classifies every input (number, empty, not a number, not finite)
 * and stores only on success; formatting prints the shortest text that
 * reads back to the identical double.
 */
#include <criterion/criterion.h>

#include "numfmt.h"

Test(numfmt, parse_classifies)
{
    double v = -1;
    cr_expect_eq(pp_num_parse(" 1410 ", &v), PP_NUM_OK);
    cr_expect_eq(v, 1410);
    cr_expect_eq(pp_num_parse(".5", &v), PP_NUM_OK);
    cr_expect_eq(v, 0.5);
    cr_expect_eq(pp_num_parse("5.", &v), PP_NUM_OK);
    cr_expect_eq(v, 5);
    cr_expect_eq(pp_num_parse("-2.5E-3", &v), PP_NUM_OK);
    cr_expect_eq(v, -0.0025);
    cr_expect_eq(pp_num_parse("", &v), PP_NUM_EMPTY);
    cr_expect_eq(pp_num_parse(" \t", &v), PP_NUM_EMPTY);
    cr_expect_eq(pp_num_parse("NaN", &v), PP_NUM_NONFINITE);
    cr_expect_eq(pp_num_parse("-Infinity", &v), PP_NUM_NONFINITE);
    cr_expect_eq(pp_num_parse(".inf", &v), PP_NUM_NONFINITE);
    cr_expect_eq(pp_num_parse("1e400", &v), PP_NUM_NONFINITE);
    cr_expect_eq(pp_num_parse("0x10", &v), PP_NUM_BAD);
    cr_expect_eq(pp_num_parse("1e", &v), PP_NUM_BAD);
    cr_expect_eq(pp_num_parse(".", &v), PP_NUM_BAD);
    cr_expect_eq(pp_num_parse("1,5", &v), PP_NUM_BAD);
    cr_expect_eq(pp_num_parse("nan(1)", &v), PP_NUM_BAD);
    cr_expect_eq(v, -0.0025, "a failed parse must not store");
}

Test(numfmt, shortest_exact_text)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {20, "20"},
        {0.1, "0.1"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1e-5, "1e-05"},
        {1e15, "1000000000000000"},
        {1e16, "1e+16"},
        {83.64, "83.64"},
        {5e-324, "5e-324"},
        {23.80547200000007, "23.80547200000007"},
    };
    char buf[PP_NUM_BUFSZ];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double back = 0;
        cr_expect_str_eq(pp_num_format(buf, cases[i].v), cases[i].text);
        cr_expect_eq(pp_num_parse(buf, &back), PP_NUM_OK);
        cr_expect_eq(back, cases[i].v, "%s does not read back", buf);
    }
}
