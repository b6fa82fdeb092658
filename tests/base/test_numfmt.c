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
#include <string.h>

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

Test(numfmt, leading_zero)
{
    char hint[128];
    cr_expect(pp_num_leading_zero("01410", hint, sizeof hint));
    cr_expect_str_eq(hint, "YAML 1.1 readers such as PyYAML read 01410 as "
                           "the octal number 776");
    cr_expect(pp_num_leading_zero(" -017 ", hint, sizeof hint));
    cr_expect_str_eq(hint, "YAML 1.1 readers such as PyYAML read -017 as "
                           "the octal number -15");
    cr_expect(pp_num_leading_zero("0189", hint, sizeof hint));
    cr_expect_str_eq(hint, "YAML 1.1 readers such as PyYAML read 0189 as a "
                           "string");
    cr_expect(pp_num_leading_zero("00", NULL, 0));
    /* one zero, decimals and other numbers are fine */
    cr_expect_not(pp_num_leading_zero("0", hint, sizeof hint));
    cr_expect_not(pp_num_leading_zero("1410", hint, sizeof hint));
    cr_expect_not(pp_num_leading_zero("0.5", hint, sizeof hint));
    cr_expect_not(pp_num_leading_zero("01410.0", hint, sizeof hint));
    cr_expect_not(pp_num_leading_zero("0e5", hint, sizeof hint));
    cr_expect_not(pp_num_leading_zero("", hint, sizeof hint));
}

Test(numfmt, long_numbers_are_numbers)
{
    /* 202 digits: a number, if a huge one ("must be a number" before) */
    char text[2100];
    double v = 0;
    memset(text, '0', sizeof text);
    text[0] = '1';
    text[202] = '\0';
    cr_expect_eq(pp_num_parse(text, &v), PP_NUM_OK);
    cr_expect_eq(v, 1e201);
    /* beyond a double: not finite, as 1e400 */
    text[202] = '0';
    text[400] = '\0';
    cr_expect_eq(pp_num_parse(text, &v), PP_NUM_NONFINITE);
    /* longer than any exact double's text: not a number */
    text[400] = '0';
    text[2049] = '\0';
    cr_expect_eq(pp_num_parse(text, &v), PP_NUM_BAD);
}
