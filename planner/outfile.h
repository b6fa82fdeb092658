/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.h - the files a command writes: -o, --emit, --svg, --save,
 * --zeus-dir.
 *
 * All or nothing.  out_open gives a stream onto a temporary file,
 * PATH.tmpXXXXXX in PATH's directory; out_commit (or out_finish) flushes,
 * syncs and checks it, but the file keeps its temporary name: it is
 * pending.  outputs_end() then renames every pending file into place if
 * no output of the command failed, and otherwise removes them all, so a
 * failure replaces nothing.  A directory of files (out_dir_open) is
 * written the same way: a temporary directory renamed into place last.
 *
 * Standard output ("-" or NULL) and what is not a regular file (a device
 * such as /dev/null, a FIFO) are written in place, at once.
 *
 * Modes: a file that exists keeps its permission bits; a new file gets
 * 0666 less the umask, a new directory 0777 less the umask.  A symbolic
 * link at PATH is replaced by the new file (the file it pointed to is left
 * as it was), as mv(1) would.
 *
 * SIGINT, SIGTERM and SIGHUP remove the pending temporaries, then end the
 * process by the same signal (the handlers are installed by the first
 * out_open of a file).
 */
#ifndef PP_OUTFILE_H
#define PP_OUTFILE_H

#include <stdio.h>

struct outfile {
    FILE *f;
    char *path; /* where the file goes; NULL for standard output */
    char *tmp;  /* its temporary name; NULL when written in place */
};

/* Open PATH for writing.  Returns 0, or EXIT_FAIL after printing why. */
int out_open(struct outfile *o, const char *path);
/* Finish writing O: flush and check it; a file stays pending until
 * outputs_end().  Returns 0, or EXIT_FAIL after printing why. */
int out_commit(struct outfile *o);
/* Discard O (its temporary file is removed). */
void out_abort(struct outfile *o);
/* After writing with a function that returned WRITE_RC: commit if it is 0,
 * else discard, say why the write failed and return EXIT_FAIL. */
int out_finish(struct outfile *o, int write_rc);

/*
 * A directory DIR of new files, which replaces DIR as a whole.  DIR may
 * exist only as a directory holding nothing but files whose names
 * OURS(name) accepts (what an earlier run wrote); anything else is
 * refused, since replacing it would lose it.  out_dir_check says so
 * without writing (for a check before a long computation); out_dir_open
 * makes the temporary directory and puts its name into *TMPDIR (owned by
 * this module), where the files are then written with out_open.  Both
 * return 0, or EXIT_FAIL after printing why.
 */
int out_dir_check(const char *dir, int (*ours)(const char *name));
int out_dir_open(const char *dir, int (*ours)(const char *name),
                 const char **tmpdir);

/* Did an output of this command fail? */
int outputs_failed(void);
/*
 * The end of a command: rename every pending output into place, or, if an
 * output failed, remove them all and say which were left as they were.
 * Returns 0, or EXIT_FAIL if an output failed (before or now).  Resets the
 * module for the next command.
 */
int outputs_end(void);

#endif
