/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readfile.c - read a whole file or stdin into one buffer.
 *
 * pp_read_file() slurps a file or stdin with a growing buffer; a regular
 * file's buffer is sized from fstat() up front, so reading a file of N
 * bytes takes N + 2 bytes rather than up to 2N, and no copy.
 */
#include "readfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int pp_read_file(const char *path, char **text, size_t *len,
                 struct pp_error *err)
{
    int use_stdin = strcmp(path, "-") == 0;
    const char *shown = use_stdin ? "<stdin>" : path;
    FILE *f = NULL;
    char *buf = NULL;
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
        st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2) {
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
            char *nbuf = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nbuf) {
                rc = pp_error_nomem(err);
                goto out;
            }
            buf = nbuf;
            cap = ncap;
        }
        size_t got = fread(buf + used, 1, cap - used - 1, f);
        used += got;
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
