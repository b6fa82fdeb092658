/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.h - the files a command writes: -o, --emit, --svg, --save,
 * --zeus-dir.
 */
#ifndef PP_OUTFILE_H
#define PP_OUTFILE_H

#include <stdio.h>

/*
 * Atomic output: out_open returns a stream for PATH (NULL or "-": stdout);
 * a file is written to a temporary name in the same directory.  out_commit
 * flushes, checks for write errors and renames; on any failure it removes
 * the temporary file, prints why and returns EXIT_FAIL.  out_abort discards.
 */
struct outfile {
    FILE *f;
    char *path, *tmp;
};
int out_open(struct outfile *o, const char *path);
int out_commit(struct outfile *o);
void out_abort(struct outfile *o);
/* After writing with a function that returned WRITE_RC: commit if it is 0,
 * else discard, say the write failed and return EXIT_FAIL. */
int out_finish(struct outfile *o, int write_rc);

#endif
