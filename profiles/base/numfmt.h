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

enum pp_num_status {
    PP_NUM_OK = 0,
    PP_NUM_EMPTY,     /* nothing but blanks */
    PP_NUM_BAD,       /* not a decimal number */
    PP_NUM_NONFINITE, /* nan, inf, or a value that overflows a double */
};

/* Parse S; on PP_NUM_OK *out is the value (otherwise untouched). */
enum pp_num_status pp_num_parse(const char *s, double *out);

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

#endif
