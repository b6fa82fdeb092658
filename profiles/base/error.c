/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.c - located error messages and strict number parsing.
 */
#include "error.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int vset(struct pp_error *err, int code, const char *prefix,
                const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    size_t n = strlen(prefix);
    if (n >= sizeof err->msg)
        n = sizeof err->msg - 1;
    memcpy(err->msg, prefix, n);
    err->msg[n] = '\0';
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    return code;
}

int pp_error_set(struct pp_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, "", fmt, ap);
    va_end(ap);
    return code;
}

int pp_error_at(struct pp_error *err, int code, const char *file, long line,
                long col, const char *fmt, ...)
{
    char prefix[512];
    if (line > 0 && col > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld:%ld: ", file, line, col);
    else if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, prefix, fmt, ap);
    va_end(ap);
    return code;
}

int pp_error_nomem(struct pp_error *err)
{
    return pp_error_set(err, PP_ENOMEM, "out of memory");
}

static int only_blanks(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

int pp_parse_double(const char *s, double *out)
{
    char *end;
    if (!s)
        return PP_EINPUT;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0')
        return PP_EINPUT;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || !only_blanks(end) || !isfinite(v))
        return PP_EINPUT;
    if (errno == ERANGE && fabs(v) > 1.0)
        return PP_EINPUT;
    *out = v;
    return PP_OK;
}

int pp_parse_long(const char *s, long *out)
{
    char *end;
    if (!s)
        return PP_EINPUT;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0')
        return PP_EINPUT;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || !only_blanks(end) || errno == ERANGE)
        return PP_EINPUT;
    *out = v;
    return PP_OK;
}
