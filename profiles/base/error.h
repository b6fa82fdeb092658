/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.h - error codes and located error messages shared by every library.
 *
 * Library code never prints, exits or aborts on bad input: it fills a
 * struct pp_error and returns a negative PP_E* code.  The planner prefixes
 * the message with "perseus-plan: " and prints it.  Input errors are located:
 * "FILE:LINE:COL: what is wrong, naming stage, instruction and frequency".
 * LINE and COL are one-based; 0 means "not known" and is omitted.
 */
#ifndef PP_ERROR_H
#define PP_ERROR_H

#include <stddef.h>

enum {
    PP_OK = 0,
    PP_EINPUT = -1,  /* malformed or inconsistent input */
    PP_ENOMEM = -2,  /* out of memory */
    PP_EIO = -3,     /* a read or write failed */
    PP_ESOLVER = -4, /* the solver could not produce a result */
    PP_ERANGE = -5,  /* a value outside what the arithmetic can represent */
};

#define PP_ERRMSG_MAX 1024

struct pp_error {
    int code;
    char msg[PP_ERRMSG_MAX];
};

/* Set err (may be NULL) to a printf-style message; returns code. */
int pp_error_set(struct pp_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like pp_error_set, prefixed "FILE:LINE:COL: " (LINE/COL omitted when 0). */
int pp_error_at(struct pp_error *err, int code, const char *file, long line,
                long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Out-of-memory shorthand. */
int pp_error_nomem(struct pp_error *err);

/*
 * Strict number parsing: the whole string must be a number (leading and
 * trailing blanks allowed), finite.  Return 0 or PP_EINPUT; pp_parse_long
 * returns PP_ERANGE for an integer beyond LONG_MIN..LONG_MAX.
 */
int pp_parse_double(const char *s, double *out);
int pp_parse_long(const char *s, long *out);

#endif
