/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.c - located error messages.
 *
 * Every message of every library is formatted here, so this is where
 * text from the input is made safe to print: messages quote fields, keys,
 * names and file names as they are, and a control character among them
 * (a quoted newline, an escape sequence) would otherwise reach the
 * terminal.  The formatted message is copied into the error escaped: C0
 * controls and DEL as \n, \r, \t or \xNN, C1 controls (U+0080..U+009F,
 * which some terminals obey) as \uNNNN, bytes that are not UTF-8 as \xNN;
 * backslashes are left alone, so escaping a message again (readers that
 * wrap another's message) changes nothing.  A message too long for
 * PP_ERRMSG_MAX ends in "..." at a character boundary, and a long file
 * name in the "FILE:LINE:COL: " prefix keeps its start and its end (the
 * file's own name) around "...", so the position and the reason survive.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* File names longer than this are shown as their first PATH_HEAD bytes,
 * "...", and their end. */
#define PATH_SHOWN_MAX 160
#define PATH_HEAD 40

/* Length of the valid UTF-8 sequence at S, or 0; its code point in *cp. */
static int utf8_len(const unsigned char *s, long *cp)
{
    static const long least[5] = {0, 0, 0x80, 0x800, 0x10000}; /* overlong */
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (n == 0 || s[0] > 0xF4)
        return 0;
    long c = n == 4 ? s[0] & 0x07 : n == 3 ? s[0] & 0x0F : s[0] & 0x1F;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) /* also stops at the NUL */
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* The text that stands for the character at P: *out (ESC or P itself),
 * its length; returns the bytes of P it covers. */
static size_t piece(const unsigned char *p, char esc[8], const char **out,
                    size_t *n)
{
    long cp = 0;
    int u = *p >= 0x80 ? utf8_len(p, &cp) : 0;

    *out = esc;
    if (*p == '\n' || *p == '\r' || *p == '\t') {
        *n = (size_t)snprintf(esc, 8, "\\%c",
                              *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
        return 1;
    }
    if (*p < 0x20 || *p == 0x7F || (*p >= 0x80 && u == 0)) {
        *n = (size_t)snprintf(esc, 8, "\\x%02X", *p);
        return 1;
    }
    if (u && cp <= 0x9F) {
        *n = (size_t)snprintf(esc, 8, "\\u%04lX", cp);
        return (size_t)u;
    }
    *out = (const char *)p;
    *n = u ? (size_t)u : 1;
    return *n;
}

char *pp_error_escape(char *dst, size_t cap, const char *src)
{
    const unsigned char *p;
    const char *out;
    char esc[8];
    size_t n, total = 0, used = 0;

    for (p = (const unsigned char *)src; *p;) {
        p += piece(p, esc, &out, &n);
        total += n;
    }
    size_t limit = total < cap ? cap - 1 : cap - 4;
    for (p = (const unsigned char *)src; *p;) {
        size_t step = piece(p, esc, &out, &n);
        if (used + n > limit)
            break;
        memcpy(dst + used, out, n);
        used += n;
        p += step;
    }
    if (*p) {
        memcpy(dst + used, "...", 3);
        used += 3;
    }
    dst[used] = '\0';
    return dst;
}

static int vset(struct pp_error *err, int code, const char *prefix,
                const char *fmt, va_list ap)
{
    char raw[2 * PP_ERRMSG_MAX];
    if (!err)
        return code;
    err->code = code;
    size_t n = strlen(prefix);
    if (n >= sizeof raw)
        n = sizeof raw - 1;
    memcpy(raw, prefix, n);
    raw[n] = '\0';
    vsnprintf(raw + n, sizeof raw - n, fmt, ap);
    pp_error_escape(err->msg, sizeof err->msg, raw);
    return code;
}

/* FILE for a prefix: as it is, or its start, "..." and its end. */
static const char *shown_path(char buf[PATH_SHOWN_MAX + 1], const char *file)
{
    size_t len = strlen(file);
    if (len <= PATH_SHOWN_MAX)
        return file;
    size_t head = PATH_HEAD, tail = len - (PATH_SHOWN_MAX - PATH_HEAD - 3);
    /* cut at character boundaries: back to a lead byte, on to one */
    while (head > 0 && ((unsigned char)file[head] & 0xC0) == 0x80)
        head--;
    while (tail < len && ((unsigned char)file[tail] & 0xC0) == 0x80)
        tail++;
    snprintf(buf, PATH_SHOWN_MAX + 1, "%.*s...%s", (int)head, file,
             file + tail);
    return buf;
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
    char prefix[PATH_SHOWN_MAX + 64], pbuf[PATH_SHOWN_MAX + 1];
    file = shown_path(pbuf, file);
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
