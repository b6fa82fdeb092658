/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.c - atomic output files (outfile.h).
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int out_open(struct outfile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        return EXIT_OK;
    }
    /* A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in
     * place: renaming a temporary file over it would replace it. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: %s: is a directory\n", progname, path);
            return EXIT_FAIL;
        }
        o->f = fopen(path, "w");
        if (!o->f) {
            fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
            return EXIT_FAIL;
        }
        o->path = strdup(path);
        return EXIT_OK;
    }
    o->path = strdup(path);
    o->tmp = malloc(strlen(path) + 16);
    if (!o->path || !o->tmp) {
        fprintf(stderr, "%s: out of memory\n", progname);
        out_abort(o);
        return EXIT_FAIL;
    }
    sprintf(o->tmp, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: %s: cannot create a temporary file next to it: "
                        "%s\n", progname, path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        out_abort(o);
        return EXIT_FAIL;
    }
    fchmod(fd, 0644);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        out_abort(o);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

void out_abort(struct outfile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int out_commit(struct outfile *o)
{
    if (o->f == stdout) {
        if (fflush(stdout) || ferror(stdout)) {
            fprintf(stderr, "%s: writing to standard output failed: %s\n",
                    progname, strerror(errno));
            return EXIT_FAIL;
        }
        memset(o, 0, sizeof *o);
        return EXIT_OK;
    }
    if (!o->tmp) { /* a device or pipe written in place */
        int bad = fflush(o->f) || ferror(o->f);
        int e = errno;
        if (fclose(o->f))
            bad = 1, e = errno;
        o->f = NULL;
        if (bad)
            fprintf(stderr, "%s: %s: write failed: %s\n", progname, o->path,
                    strerror(e));
        out_abort(o);
        return bad ? EXIT_FAIL : EXIT_OK;
    }
    int bad = fflush(o->f) || ferror(o->f) || fsync(fileno(o->f));
    int e = errno;
    if (fclose(o->f))
        bad = 1, e = errno;
    o->f = NULL;
    if (bad || rename(o->tmp, o->path)) {
        if (!bad)
            e = errno;
        fprintf(stderr, "%s: %s: write failed: %s (the file was left as it "
                        "was)\n", progname, o->path, strerror(e));
        out_abort(o);
        return EXIT_FAIL;
    }
    free(o->tmp);
    o->tmp = NULL;
    out_abort(o);
    return EXIT_OK;
}

int out_finish(struct outfile *o, int write_rc)
{
    if (!write_rc)
        return out_commit(o);
    fprintf(stderr, "%s: %s: write failed\n", progname,
            o->path ? o->path : "standard output");
    out_abort(o);
    return EXIT_FAIL;
}

