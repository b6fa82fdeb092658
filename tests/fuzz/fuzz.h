/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz.h - checks shared by the fuzz targets in this directory.
 *
 * A target reports a bug by calling abort(): a crash is what both libFuzzer
 * and the replay main (replay.c) see.  fuzz_check_error() states the
 * library's error contract (error.h, STYLE.md): a failed parse returns a
 * negative PP_E* code equal to err.code, leaves no result, and says why; an
 * input error names the input ("NAME:" first) and, where it gives a
 * position, a one-based LINE and COL.  With PP_FUZZ_VERBOSE set in the
 * environment every message is printed, which is how the messages of a
 * corpus are reviewed by eye.
 */
#ifndef PP_FUZZ_H
#define PP_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define FUZZ_CHECK(cond)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Parse the "LINE:COL: " or "LINE: " that may follow "NAME:" at S. */
static inline void fuzz_check_position(const char *s)
{
    if (*s < '0' || *s > '9')
        return; /* no position: a whole-input message */
    char *end;
    long line = strtol(s, &end, 10);
    FUZZ_CHECK(line >= 1);
    if (*end == ':' && end[1] >= '0' && end[1] <= '9') {
        long col = strtol(end + 1, &end, 10);
        FUZZ_CHECK(col >= 1);
    }
    FUZZ_CHECK(*end == ':');
}

/*
 * RC and ERR from a failed parse of input NAME; RESULT is what the parser
 * left in its output pointer (must be NULL).
 */
static inline void fuzz_check_error(int rc, const struct pp_error *err,
                                    const char *name, const void *result)
{
    if (getenv("PP_FUZZ_VERBOSE"))
        fprintf(stderr, "rc %d: %s\n", rc, err->msg);
    FUZZ_CHECK(rc < 0);
    FUZZ_CHECK(result == NULL);
    FUZZ_CHECK(err->code == rc);
    FUZZ_CHECK(err->msg[0] != '\0');
    FUZZ_CHECK(memchr(err->msg, '\0', sizeof err->msg) != NULL);
    if (rc == PP_ENOMEM)
        return;
    FUZZ_CHECK(rc == PP_EINPUT || rc == PP_ERANGE || rc == PP_EIO);
    size_t n = strlen(name);
    FUZZ_CHECK(strncmp(err->msg, name, n) == 0 && err->msg[n] == ':');
    fuzz_check_position(err->msg + n + 1);
}

#endif
