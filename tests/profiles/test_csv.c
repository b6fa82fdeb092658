/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_csv.c - unit tests for the Perseus profile CSV reader and writer.
 *
 * Good input in the shapes real files take (other column orders, extra
 * columns, CRLF, quoting, any row order), then every error path with its
 * exact message: the message is the user interface, so it is pinned here.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "readfile.h"

#define HEADER "stage,instruction,frequency,time,energy\n"

/* Two stages, both kinds, two frequencies, rows deliberately shuffled. */
static const char *const shuffled = HEADER "1,backward,1395,0.21,41\n"
                                           "0,forward,1395,0.11,21\n"
                                           "1,forward,1410,0.1,20.5\n"
                                           "0,backward,1410,0.2,40\n"
                                           "0,forward,1410,0.1,20\n"
                                           "1,forward,1395,0.105,21.5\n"
                                           "1,backward,1410,0.19,39\n"
                                           "0,backward,1395,0.22,42\n";

Test(csv, any_row_order_sorted_by_frequency)
{
    struct pp_profile *p = csv_ok(shuffled);
    cr_assert_eq(p->nstages, 2);
    cr_assert_eq(p->nkinds, 2);
    cr_expect_str_eq(p->kinds[0], "forward");
    cr_expect_str_eq(p->kinds[1], "backward");
    cr_expect_str_eq(p->path, "prof.csv");
    cr_expect_null(p->gpu);
    cr_expect(isnan(p->blocking_power));
    expect_option(p, 0, "forward", 0, 1410, 0.1, 20);
    expect_option(p, 0, "forward", 1, 1395, 0.11, 21);
    expect_option(p, 1, "backward", 0, 1410, 0.19, 39);
    expect_option(p, 1, "backward", 1, 1395, 0.21, 41);
    cr_expect_eq(pp_profile_ops(p, 0, 1)->opt[1].line, 9);
    pp_profile_free(p);
}

/* TEXT must load with stage 0's forward at 1410 MHz taking 0.1 s and 20 J
 * and its backward 0.2 s and 40 J; returns the profile, to free. */
static struct pp_profile *csv_fwd_bwd(const char *text)
{
    struct pp_profile *p = csv_ok(text);
    expect_option(p, 0, "forward", 0, 1410, 0.1, 20);
    expect_option(p, 0, "backward", 0, 1410, 0.2, 40);
    return p;
}

Test(csv, columns_in_other_order_with_extra_columns)
{
    pp_profile_free(
        csv_fwd_bwd("energy,gpu,time,frequency,note,instruction,stage\n"
                    "20,a100,0.1,1410,x,forward,0\n"
                    "40,a100,0.2,1410,y,backward,0\n"));
}

Test(csv, crlf_blank_lines_bom_and_blanks)
{
    pp_profile_free(
        csv_fwd_bwd("\xEF\xBB\xBFstage,instruction,frequency,time,energy\r\n"
                    "0, forward ,1410 , 0.1,20\r\n"
                    "\r\n"
                    "0,backward,1410,0.2,40\r\n"
                    "\r\n\r\n"));
}

Test(csv, quoted_fields)
{
    struct pp_profile *p =
        csv_fwd_bwd("\"stage\",instruction,frequency,time,energy,comment\n"
                    "\"0\",\"forward\",\"1410\",0.1,\"20\",\"a, \"\"quoted\"\"\n"
                    "note\"\n"
                    "0,backward,1410,0.2,40, \"x\" \n");
    cr_expect_eq(pp_profile_ops(p, 0, 1)->opt[0].line, 4);
    pp_profile_free(p);
}

Test(csv, integral_frequency_with_decimals_and_extra_kinds)
{
    struct pp_profile *p = csv_fwd_bwd(HEADER "0,weight,1410,0.05,10\n"
                                              "0,backward,1410.0,0.2,40\n"
                                              "0,forward,1.41e3,0.1,20\n");
    cr_assert_eq(p->nkinds, 3);
    cr_expect_str_eq(p->kinds[0], "forward");
    cr_expect_str_eq(p->kinds[1], "backward");
    cr_expect_str_eq(p->kinds[2], "weight");
    pp_profile_free(p);
}

/* P as pp_profile_write_csv writes it (asserts success); free it. */
static char *write_csv(const struct pp_profile *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(pp_profile_write_csv(p, f), PP_OK);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

Test(csv, write_is_exact_and_in_profile_order)
{
    struct pp_profile *p =
        csv_ok(HEADER "0,backward,1410,0.30000000000000004,44.584247999999675\n"
                      "0,forward,1410,0.1,1e-05\n");
    char *buf = write_csv(p);
    cr_expect_str_eq(buf, HEADER "0,forward,1410,0.1,1e-05\n"
                                 "0,backward,1410,0.30000000000000004,"
                                 "44.584247999999675\n");
    free(buf);
    pp_profile_free(p);
}

Test(csv, write_keeps_order_of_other_kinds)
{
    /* "late" first appears before "early" but has the higher frequency:
     * rows by frequency would swap them when read back. */
    const char *text = HEADER "0,late,1400,0.1,20\n"
                              "0,early,1410,0.1,20\n"
                              "0,forward,1400,0.1,20\n";
    struct pp_profile *p = csv_ok(text);
    cr_assert_eq(p->nkinds, 3);
    cr_expect_str_eq(p->kinds[1], "late");
    char *buf = write_csv(p);
    cr_expect_str_eq(buf, HEADER "0,forward,1400,0.1,20\n"
                                 "0,late,1400,0.1,20\n"
                                 "0,early,1410,0.1,20\n");
    struct pp_profile *q = csv_ok(buf);
    cr_expect_str_eq(q->kinds[1], "late");
    cr_expect_str_eq(q->kinds[2], "early");
    free(buf);
    pp_profile_free(q);
    pp_profile_free(p);
}

/* ---- errors ---- */

Test(csv_errors, negative_energy_names_row_and_column)
{
    csv_fails(HEADER "0,forward,1410,0.1,20\n"
                     "2,backward,1230,0.1,-3\n",
              "prof.csv:3:21: stage 2 backward at 1230 MHz: energy must be "
              "positive, got -3");
}

Test(csv_errors, malformed_numbers)
{
    csv_fails(HEADER "0,forward,1410,0.1x,20\n",
              "prof.csv:2:16: stage 0 forward at 1410 MHz: time must be a "
              "number, got \"0.1x\"");
    csv_fails(HEADER "0,forward,1410,0.1,\n",
              "prof.csv:2:20: stage 0 forward at 1410 MHz: energy is empty");
    csv_fails(HEADER "x,forward,1410,0.1,20\n",
              "prof.csv:2:1: stage must be a non-negative integer, got \"x\"");
    csv_fails(HEADER "0,forward,0x58,0.1,20\n",
              "prof.csv:2:11: stage 0 forward: frequency must be a positive "
              "integer (MHz), got \"0x58\"");
}

Test(csv_errors, nan_and_infinity)
{
    csv_fails(HEADER "0,forward,1410,nan,20\n",
              "prof.csv:2:16: stage 0 forward at 1410 MHz: time must be "
              "finite, got nan");
    csv_fails(HEADER "0,forward,1410,0.1,-inf\n",
              "prof.csv:2:20: stage 0 forward at 1410 MHz: energy must be "
              "finite, got -inf");
    csv_fails(HEADER "0,forward,1410,0.1,1e999\n",
              "prof.csv:2:20: stage 0 forward at 1410 MHz: energy must be "
              "finite, got 1e999");
}

Test(csv_errors, zero_or_negative_time_and_energy)
{
    csv_fails(HEADER "0,forward,1410,0,20\n",
              "prof.csv:2:16: stage 0 forward at 1410 MHz: time must be "
              "positive, got 0");
    csv_fails(HEADER "0,forward,1410,-0.1,20\n",
              "prof.csv:2:16: stage 0 forward at 1410 MHz: time must be "
              "positive, got -0.1");
    csv_fails(HEADER "0,forward,1410,0.1,0.0\n",
              "prof.csv:2:20: stage 0 forward at 1410 MHz: energy must be "
              "positive, got 0.0");
}

Test(csv_errors, bad_frequency_and_stage)
{
    csv_fails(HEADER "0,forward,1410.5,0.1,20\n",
              "prof.csv:2:11: stage 0 forward: frequency must be a positive "
              "integer (MHz), got 1410.5");
    csv_fails(HEADER "0,forward,0,0.1,20\n",
              "prof.csv:2:11: stage 0 forward: frequency must be a positive "
              "integer (MHz), got 0");
    csv_fails(HEADER "-1,forward,1410,0.1,20\n",
              "prof.csv:2:1: stage must be a non-negative integer, got -1");
    csv_fails(HEADER "1.5,forward,1410,0.1,20\n",
              "prof.csv:2:1: stage must be a non-negative integer, got 1.5");
    csv_fails(HEADER "100000,forward,1410,0.1,20\n",
              "prof.csv:2:1: stage must be at most 99999, got 100000");
    csv_fails(HEADER "0,for ward,1410,0.1,20\n",
              "prof.csv:2:3: stage 0: instruction must be a name of letters, "
              "digits, '_', '-' and '.', got \"for ward\"");
}

Test(csv_errors, duplicate_row_names_both_lines)
{
    csv_fails(HEADER "0,forward,1410,0.1,20\n"
                     "0,backward,1410,0.2,40\n"
                     "0,forward,1395,0.1,20\n"
                     "0,forward,1410.0,0.1,20\n",
              "prof.csv:5:1: duplicate row for stage 0 forward at 1410 MHz "
              "(first on line 2)");
}

Test(csv_errors, missing_stage)
{
    csv_fails(HEADER "0,forward,1410,0.1,20\n"
                     "2,forward,1410,0.1,20\n"
                     "1,forward,1410,0.1,20\n"
                     "4,forward,1410,0.1,20\n",
              "prof.csv: stage 3 is missing (stages 0..4 present otherwise)");
    csv_fails(HEADER "1,forward,1410,0.1,20\n"
                     "3,forward,1410,0.1,20\n",
              "prof.csv: stage 0 is missing (2 of stages 0..3 are missing)");
}

Test(csv_errors, missing_kind)
{
    csv_fails(HEADER "0,forward,1410,0.1,20\n"
                     "0,backward,1410,0.2,40\n"
                     "1,forward,1410,0.1,20\n"
                     "1,backward,1410,0.2,40\n"
                     "2,forward,1410,0.1,20\n",
              "prof.csv: stage 2 has no backward rows");
}

Test(csv_errors, missing_and_duplicate_columns)
{
    csv_fails("stage,instruction,frequency,time\n0,forward,1410,0.1\n",
              "prof.csv:1:1: missing column \"energy\"");
    csv_fails("stage,instruction,freq,time,energy\n",
              "prof.csv:1:1: missing column \"frequency\"");
    csv_fails("stage,instruction,frequency,time,energy,time\n",
              "prof.csv:1:41: column \"time\" appears twice (fields 4 and 6)");
}

Test(csv_errors, empty_file_and_header_only)
{
    csv_fails("", "prof.csv: empty file (expected the header "
                  "stage,instruction,frequency,time,energy)");
    csv_fails("\r\n \n", "prof.csv: empty file (expected the header "
                         "stage,instruction,frequency,time,energy)");
    csv_fails(HEADER, "prof.csv: no data rows after the header");
    csv_fails(HEADER "\n\n", "prof.csv: no data rows after the header");
}

Test(csv_errors, field_count_and_quoting)
{
    csv_fails(HEADER "0,forward,1410,0.1\n",
              "prof.csv:2:1: row has 4 fields, the header has 5");
    csv_fails(HEADER "0,forward,1410,0.1,20,\n",
              "prof.csv:2:1: row has 6 fields, the header has 5");
    csv_fails(HEADER "0,\"forward\"x,1410,0.1,20\n",
              "prof.csv:2:12: unexpected text after a closing quote");
    csv_fails(HEADER "0,for\"ward,1410,0.1,20\n",
              "prof.csv:2:6: quote inside an unquoted field (quote the whole "
              "field)");
    csv_fails(HEADER "0,forward,1410,0.1,20\n0,\"backward,1410,0.2,40\n",
              "prof.csv:3:3: quoted field is never closed");
}

Test(csv_errors, nul_byte)
{
    static const char text[] = HEADER "0,forward,14\00010,0.1,20\n";
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    cr_assert_eq(
        pp_profile_parse_csv(&p, "prof.csv", text, sizeof text - 1, &err),
        PP_EINPUT);
    cr_expect_str_eq(err.msg, "prof.csv:2:13: NUL byte in the file");
}

Test(csv_errors, error_line_counts_quoted_newlines)
{
    csv_fails("stage,instruction,frequency,time,energy,c\n"
              "0,forward,1410,0.1,20,\"multi\nline\"\n"
              "0,backward,1410,0.2,-1,x\n",
              "prof.csv:4:21: stage 0 backward at 1410 MHz: energy must be "
              "positive, got -1");
}

/* TEXT with N copies of C inserted at the first '@'. */
static char *widen(const char *text, size_t n, char c)
{
    const char *at = strchr(text, '@');
    size_t pre = (size_t)(at - text), post = strlen(at + 1);
    char *s = malloc(pre + n + post + 1);
    cr_assert_not_null(s);
    memcpy(s, text, pre);
    memset(s + pre, c, n);
    memcpy(s + pre + n, at + 1, post + 1);
    return s;
}

Test(csv_errors, line_limit)
{
    /* A line was copied whole, doubling its buffer as it went: one longer
     * than the line limit (here 4 KiB) is refused before it is copied. */
    pp_read_set_limits(0, 4096);
    char *s = widen(HEADER "0,forward,1410,0.1,20,@\n", 4096, 'x');
    csv_fails(s, "prof.csv:2:1: line longer than the line limit of 4 KiB");
    free(s);
    s = widen(HEADER "0,forward,1410,0.1,\"@\"\n", 4096, '\n');
    csv_fails(s, "prof.csv:2:1: line longer than the line limit of 4 KiB");
    free(s);
    /* just within it: the extra column makes the header wider */
    s = widen("stage,instruction,frequency,time,energy,note\n"
              "0,forward,1410,0.1,20,@\n",
              4096 - 40, 'x');
    pp_profile_free(csv_ok(s));
    free(s);
}

Test(csv_errors, leading_zero_in_integers)
{
    csv_fails(HEADER "0,forward,01410,0.1,20\n",
              "prof.csv:2:11: stage 0 forward: frequency must be written "
              "without a leading zero (YAML 1.1 readers such as PyYAML read "
              "01410 as the octal number 776), got 01410");
    csv_fails(HEADER "00,forward,1410,0.1,20\n",
              "prof.csv:2:1: stage must be written without a leading zero "
              "(YAML 1.1 readers such as PyYAML read 00 as the octal number "
              "0), got 00");
}

Test(csv_errors, huge_numbers_are_out_of_range)
{
    /* 202 digits: "must be a number" before */
    char *s = widen(HEADER "0,forward,1410,1@,20\n", 201, '0');
    csv_fails(s, "prof.csv:2:16: stage 0 forward at 1410 MHz: time must be "
                 "at most 1e9 s (longer overflows the planner's 64-bit "
                 "nanosecond arithmetic), got "
                 "1000000000000000000000000000000000000...");
    free(s);
    s = widen(HEADER "0,forward,1@,0.1,20\n", 201, '0');
    csv_fails(s, "prof.csv:2:11: stage 0 forward: frequency must be at most "
                 "1000000, got 1000000000000000000000000000000000000...");
    free(s);
}

Test(csv_errors, cr_only_line_ends)
{
    /* classic Mac OS line ends: reported as a missing column before */
    csv_fails("stage,instruction,frequency,time,energy\r0,forward,1410,0.1,"
              "20\r",
              "prof.csv:1:40: carriage return without a line feed: the file "
              "seems to have CR-only (classic Mac OS) line ends; convert "
              "them to LF or CRLF");
    csv_fails(HEADER "0,forward,1410,0.1,\"20\"\r1,forward,1410,0.1,20\n",
              "prof.csv:2:24: carriage return without a line feed: the file "
              "seems to have CR-only (classic Mac OS) line ends; convert "
              "them to LF or CRLF");
    /* a carriage return in quotes is data; one at the very end is a
     * line end without its line feed */
    pp_profile_free(csv_ok("stage,instruction,frequency,time,energy,note\n"
                           "0,forward,1410,0.1,20,\"a\rb\"\r"));
}
