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
 * SRC into DST[CAP] as every message holds its input text: C0 controls
 * and DEL as \n, \r, \t or \xNN, C1 controls as \uNNNN, bytes that are
 * not UTF-8 as \xNN, the rest as it is; whole if it fits, else cut at a
 * character boundary and ended with "..." (CAP >= 4).  No text grows more
 * than four times, so CAP = 4 * strlen(SRC) + 1 always holds it whole.
 * The messages of pp_error_set and pp_error_at are escaped with it; the
 * command line escapes its own with it too.  Returns DST.
 */
char *pp_error_escape(char *dst, size_t cap, const char *src);

#endif
