/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readfile.c - read a whole file or stdin into one buffer, within limits.
 *
 * pp_read_file() slurps a file or stdin with a growing buffer; a regular
 * file's buffer is sized from fstat() up front, so reading a file of N
 * bytes takes N + 2 bytes rather than up to 2N, and no copy.  Each block
 * read is searched for a NUL byte (memchr, as fast as the copy) and the
 * total compared with the size limit, so a device that never ends or a
 * binary file is refused after one block; the line and column of a NUL
 * are counted only when one is found.
 */
#include "readfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t max_bytes = PP_READ_MAX_BYTES;
static size_t max_line = PP_READ_MAX_LINE;

void pp_read_set_limits(size_t bytes, size_t line)
{
    max_bytes = bytes ? bytes : PP_READ_MAX_BYTES;
    max_line = line ? line : PP_READ_MAX_LINE;
}

size_t pp_read_max_bytes(void)
{
    return max_bytes;
}

size_t pp_read_max_line(void)
{
    return max_line;
}

static const char *hint;

void pp_read_set_hint(const char *h)
{
    hint = h;
}

const char *pp_read_limit_text(char buf[PP_READ_LIMIT_TEXT], size_t limit)
{
    char size[32];
    pp_read_size_text(size, limit);
    if (hint)
        snprintf(buf, PP_READ_LIMIT_TEXT, "%s (%s)", size, hint);
    else
        snprintf(buf, PP_READ_LIMIT_TEXT, "%s", size);
    return buf;
}

const char *pp_read_size_text(char buf[32], size_t size)
{
    static const char *const unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (u < 4 && size >= 1024 && size % 1024 == 0) {
        size /= 1024;
        u++;
    }
    snprintf(buf, 32, "%zu %s", size, unit[u]);
    return buf;
}

/* The error for a NUL byte at TEXT[AT]. */
static int nul_error(const char *shown, const char *text, size_t at,
                     struct pp_error *err)
{
    /* worded as the CSV and fit readers word it for text in memory */
    long line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    return pp_error_at(err, PP_EINPUT, shown, line, col,
                       "NUL byte in the file");
}

int pp_read_file(const char *path, char **text, size_t *len,
                 struct pp_error *err)
{
    int use_stdin = strcmp(path, "-") == 0;
    const char *shown = use_stdin ? "<stdin>" : path;
    FILE *f = NULL;
    char *buf = NULL, limit[PP_READ_LIMIT_TEXT];
    size_t used = 0, cap = 0;
    int rc = PP_OK;

    *text = NULL;
    *len = 0;
    f = use_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        rc = pp_error_at(err, PP_EIO, shown, 0, 0, "cannot open: %s",
                         strerror(errno));
        goto out;
    }
    struct stat st;
    if (!use_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0) {
        if ((uintmax_t)st.st_size > max_bytes) {
            rc = pp_error_at(err, PP_EINPUT, shown, 0, 0,
                             "%jd bytes, more than the input limit of %s",
                             (intmax_t)st.st_size,
                             pp_read_limit_text(limit, max_bytes));
            goto out;
        }
        /* Room for the file, its NUL and one more byte: the read that
         * finds the end then needs no bigger buffer. */
        cap = (size_t)st.st_size + 2;
        if (!(buf = malloc(cap))) {
            rc = pp_error_nomem(err);
            goto out;
        }
    }
    for (;;) {
        if (cap - used < 2) {
            size_t ncap = cap ? 2 * cap : 65536;
            if (ncap > max_bytes + 2) /* never more than the limit needs */
                ncap = max_bytes + 2;
            char *nbuf = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nbuf) {
                rc = pp_error_nomem(err);
                goto out;
            }
            buf = nbuf;
            cap = ncap;
        }
        size_t got = fread(buf + used, 1, cap - used - 1, f);
        const char *nul = got ? memchr(buf + used, '\0', got) : NULL;
        used += got;
        if (nul) {
            rc = nul_error(shown, buf, (size_t)(nul - buf), err);
            goto out;
        }
        if (used > max_bytes) {
            rc = pp_error_at(err, PP_EINPUT, shown, 0, 0,
                             "more than the input limit of %s",
                             pp_read_limit_text(limit, max_bytes));
            goto out;
        }
        if (got == 0) {
            if (ferror(f)) {
                rc = pp_error_at(err, PP_EIO, shown, 0, 0, "cannot read: %s",
                                 strerror(errno));
                goto out;
            }
            break;
        }
    }
    buf[used] = '\0';
out:
    if (f && !use_stdin)
        fclose(f);
    if (rc != PP_OK) {
        free(buf);
        return rc;
    }
    *text = buf;
    *len = used;
    return PP_OK;
}
