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

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
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

/* The value-only parsers take exactly pp_num_parse's numbers: no
 * hexadecimal, nan, infinity or overflow, which strtod would take. */
Test(numfmt, strict_value_parsers)
{
    double v = -1;
    long l = -1;
    cr_expect_eq(pp_parse_double(" 0.25\t", &v), 0);
    cr_expect_eq(v, 0.25);
    cr_expect_eq(pp_parse_double("1e-400", &v), 0, "underflow is 0");
    cr_expect_eq(v, 0);
    v = -1;
    cr_expect_eq(pp_parse_double("0x10", &v), PP_EINPUT);
    cr_expect_eq(pp_parse_double("inf", &v), PP_EINPUT);
    cr_expect_eq(pp_parse_double("nan", &v), PP_EINPUT);
    cr_expect_eq(pp_parse_double("1e400", &v), PP_EINPUT);
    cr_expect_eq(pp_parse_double("", &v), PP_EINPUT);
    cr_expect_eq(pp_parse_double(NULL, &v), PP_EINPUT);
    cr_expect_eq(v, -1, "a failed parse must not store");
    cr_expect_eq(pp_parse_long(" +42 ", &l), 0);
    cr_expect_eq(l, 42);
    cr_expect_eq(pp_parse_long("-7", &l), 0);
    cr_expect_eq(l, -7);
    l = -1;
    cr_expect_eq(pp_parse_long("0x10", &l), PP_EINPUT);
    cr_expect_eq(pp_parse_long("1e3", &l), PP_EINPUT);
    cr_expect_eq(pp_parse_long("8.0", &l), PP_EINPUT);
    cr_expect_eq(pp_parse_long("4 2", &l), PP_EINPUT);
    cr_expect_eq(pp_parse_long("-", &l), PP_EINPUT);
    cr_expect_eq(pp_parse_long(" ", &l), PP_EINPUT);
    cr_expect_eq(pp_parse_long("99999999999999999999", &l), PP_ERANGE);
    cr_expect_eq(l, -1, "a failed parse must not store");
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

/* What pp_num_put writes for V, in BUF. */
static const char *put_text(char *buf, size_t len, double v)
{
    FILE *f = fmemopen(buf, len, "w");
    cr_assert(f);
    pp_num_put(f, v);
    fclose(f);
    return buf;
}

Test(numfmt, machine_text_reads_back_as_a_float)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {83.64, "83.64"},
        {83.640000000000001, "83.64"},
        {1.2, "1.2"},
        {0.1 + 0.2, "0.30000000000000004"},
        {20, "20"},
        {1e-5, "1.0e-05"},
        {1.5e-7, "1.5e-07"},
        {-2e-9, "-2.0e-09"},
        {1e16, "1.0e+16"},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_str_eq(put_text(buf, sizeof buf, cases[i].v),
                         cases[i].text);
    /* the subnormal keeps its shortest mantissa, with ".0" */
    cr_expect_str_eq(put_text(buf, sizeof buf, 5e-324), "5.0e-324");
}

/* Every precision from 1: the shortest text that reads back, as a
 * reference for the 15-16-17 search. */
static int shortest_len(double v)
{
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return prec;
    }
    return 17;
}

/* Significant digits in TEXT (a pp_num_format result). */
static int digits(const char *text)
{
    int n = 0, lead = 1;
    for (const char *p = text; *p && *p != 'e'; p++) {
        if (*p < '0' || *p > '9')
            continue;
        if (lead && *p == '0')
            continue;
        lead = 0;
        n++;
    }
    return n ? n : 1;
}

Test(numfmt, shortest_round_trip_on_random_bits)
{
    unsigned long long x = 88172645463325252ULL;
    char buf[64];
    for (int k = 0; k < 100000; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        unsigned long long bits = k % 4 == 0 ? x >> 12 : x; /* subnormals */
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v))
            continue;
        if (k % 3 == 0) /* short decimals, as measured profiles hold */
            v = (double)(long long)(x % 100000000) / 1e4;
        put_text(buf, sizeof buf, v);
        double back = strtod(buf, NULL);
        cr_assert(back == v || (v == 0 && back == 0),
                  "%s does not read back to %.17g", buf, v);
        char plain[PP_NUM_BUFSZ];
        int want = shortest_len(v);
        int got = digits(pp_num_format(plain, v));
        /* the repr()-like spelling of exponents 0..15 may add zeros */
        cr_assert(got == want || (strchr(plain, 'e') == NULL && got >= want),
                  "%s: %d digits, shortest %d", plain, got, want);
    }
}

Test(numfmt, exact_decimals)
{
    struct pp_dec a, b, c;
    char buf[PP_DEC_BUFSZ];
    cr_assert_eq(pp_dec_parse("1.05", &a), PP_NUM_OK);
    cr_expect(a.m == 105 && a.e == -2);
    cr_assert_eq(pp_dec_parse(" 0.050 ", &b), PP_NUM_OK);
    cr_expect(b.m == 50 && b.e == -3);
    cr_expect_str_eq(pp_dec_format(buf, b), "0.05");
    cr_assert_eq(pp_dec_parse("5e2", &c), PP_NUM_OK);
    cr_expect_str_eq(pp_dec_format(buf, c), "500");
    cr_assert_eq(pp_dec_parse("-1.5E-3", &c), PP_NUM_OK);
    cr_expect_str_eq(pp_dec_format(buf, c), "-0.0015");
    cr_expect_eq(pp_dec_parse("1.2x", &c), PP_NUM_BAD);
    cr_expect_eq(pp_dec_parse("1234567890123456789", &c), PP_NUM_BAD);

    /* 1.05 + 3 x 0.05 is the double nearest 1.2, which 1.05 + 3 * 0.05
     * in doubles is not */
    struct pp_dec s = a, step;
    pp_dec_parse("0.05", &step);
    for (int k = 0; k < 3; k++)
        cr_assert_eq(pp_dec_add(s, step, &s), 0);
    cr_expect_str_eq(pp_dec_format(buf, s), "1.2");
    cr_expect(pp_dec_double(s) == 1.2);
    cr_expect(1.05 + 3 * 0.05 != 1.2);
    cr_expect(pp_dec_cmp(s, a) > 0 && pp_dec_cmp(a, s) < 0);
    pp_dec_parse("1.20", &c);
    cr_expect_eq(pp_dec_cmp(s, c), 0);

    struct pp_dec big = {999999999999999999LL, 0}, one = {1, 0};
    cr_expect_eq(pp_dec_add(big, one, &c), -1, "overflow is reported");
    cr_expect_eq(pp_dec_shift(one, 3, &c), 0);
    cr_expect(c.m == 1000 && c.e == -3);
}
