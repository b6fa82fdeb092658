/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * numfmt.h - locale-independent number parsing and exact formatting.
 *
 * Profiles, DAG and plan files always use '.' as the decimal point, whatever
 * LC_NUMERIC says.  pp_num_parse() accepts exactly the decimal syntax
 * [+-]digits[.digits][(e|E)[+-]digits] (also ".5" and "5."), with blanks
 * around it, up to 2048 characters (longer is PP_NUM_BAD), and classifies
 * everything else; pp_num_format() prints the
 * shortest text that reads back to the identical double, so writing a
 * profile and reading it again is exact.
 */
#ifndef PP_NUMFMT_H
#define PP_NUMFMT_H

#include <stddef.h>
#include <stdio.h>

enum pp_num_status {
    PP_NUM_OK = 0,
    PP_NUM_EMPTY,     /* nothing but blanks */
    PP_NUM_BAD,       /* not a decimal number */
    PP_NUM_NONFINITE, /* nan, inf, or a value that overflows a double */
};

/* Parse S; on PP_NUM_OK *out is the value (otherwise untouched). */
enum pp_num_status pp_num_parse(const char *s, double *out);

/*
 * The strict parsers the callers that need only a value use, with the
 * syntax and the blanks of pp_num_parse (no hexadecimal, nan, infinity or
 * overflow to infinity, whatever strtod would take): pp_parse_double
 * returns 0 (PP_OK) and the value, or PP_EINPUT for anything
 * pp_num_parse does not call a number (NULL too); pp_parse_long takes
 * [+-]digits only, returning PP_EINPUT otherwise and PP_ERANGE beyond
 * LONG_MIN..LONG_MAX.  *OUT is set on success only.
 */
int pp_parse_double(const char *s, double *out);
int pp_parse_long(const char *s, long *out);

/*
 * Is S (blanks around it ignored) an integer written with a leading zero,
 * [+-]?0[0-9]+?  Such text is refused where an integer is read: YAML 1.1
 * readers (PyYAML among them) take 01410 for the octal number 776, and
 * Python 3 refuses it, so a file that means 1410 must say so.  If so, and
 * HINT is not NULL, HINT[LEN] says how YAML 1.1 reads it ("YAML 1.1
 * readers such as PyYAML read 01410 as the octal number 776", or "... as
 * a string" when a digit is 8 or 9).
 */
int pp_num_leading_zero(const char *s, char *hint, size_t len);

/* Enough for any double printed by pp_num_format, with its NUL. */
#define PP_NUM_BUFSZ 32

/*
 * Write the shortest decimal text that parses back to exactly V (at most
 * 17 significant digits, '.' as decimal point) into BUF; returns BUF.
 */
char *pp_num_format(char buf[PP_NUM_BUFSZ], double v);

/*
 * Write finite V to F for a machine format (JSON, YAML, CSV): the text of
 * pp_num_format, with ".0" added to a mantissa without a decimal point
 * before an exponent ("1.0e-05", not "1e-05"), which YAML 1.1 readers such
 * as PyYAML would take for a string.  Every format the tool writes for
 * programs prints its numbers with this one function.
 */
void pp_num_put(FILE *f, double v);

/*
 * Exact decimals, for values the user types and expects back exactly (a
 * slowdown of 1.2 is the double nearest 1.2, and 1.05 + 3 x 0.05 is that
 * one too, not 1.2000000000000002): M x 10^E with |M| < 10^18.
 */
struct pp_dec {
    long long m;
    int e;
};

/* Enough for any pp_dec_format text, with its NUL. */
#define PP_DEC_BUFSZ 64

/*
 * Parse S (the decimal syntax of pp_num_parse, at most 18 significant
 * digits, exponent within +-300) exactly; PP_NUM_OK or the failure.
 */
enum pp_num_status pp_dec_parse(const char *s, struct pp_dec *out);

/* A + B exactly into *OUT: 0, or -1 if it does not fit. */
int pp_dec_add(struct pp_dec a, struct pp_dec b, struct pp_dec *out);

/* A x 10^K (K >= 0) exactly: 0, or -1 if it does not fit. */
int pp_dec_shift(struct pp_dec a, int k, struct pp_dec *out);

/* Compare A and B: negative, 0 or positive. */
int pp_dec_cmp(struct pp_dec a, struct pp_dec b);

/* The double nearest to D (correctly rounded). */
double pp_dec_double(struct pp_dec d);

/* D as plain decimal text without trailing zeros ("1.05", "0.05", "500";
 * with an exponent only beyond 24 zeros); returns BUF. */
char *pp_dec_format(char buf[PP_DEC_BUFSZ], struct pp_dec d);

#endif
