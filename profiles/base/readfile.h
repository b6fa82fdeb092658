/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readfile.h - reading a whole input file (or stdin) into memory, within
 * limits.
 *
 * Every reader of the project (profiles, custom DAGs, plans, frontiers,
 * fit files) parses text held in memory; this is where that text comes
 * from, so "-" means stdin and an unreadable file is worded the same way
 * everywhere.  Every format is text, so a NUL byte stops the reading at
 * once (reading /dev/zero ends with the first block, not when memory
 * does), and so does input beyond the size limit.
 *
 * Limits.  PP_READ_MAX_BYTES bounds every input: a regular file larger is
 * refused before it is read, a stream when it passes the limit.
 * PP_READ_MAX_LINE bounds a line of a line-based format (a CSV record, a
 * fit file line) and a YAML scalar, so that a huge line costs no copy of
 * itself; formats whose lines hold a whole plan (frontier files) read
 * theirs token by token and have no line limit.  The defaults hold any
 * profile, custom DAG or plan of a realistic size: a million-row profile
 * is about 40 MB, a plan of 2.5 million instructions (the YAML tree's
 * limit, yamltree.h) about 175 MB, and no field needs more than a few
 * dozen bytes; the line limit is far above that only so that a long
 * field still gets the message about the field (a 20 MB number "must be
 * a number"), and so that one line costs at most 64 MiB beyond the text.
 * pp_read_set_limits() changes both for
 * the whole process (a command-line option may raise them); it is not
 * thread-safe: call it before reading anything.
 */
#ifndef PP_READFILE_H
#define PP_READFILE_H

#include <stddef.h>

#include "error.h"

#define PP_READ_MAX_BYTES ((size_t)1 << 30) /* 1 GiB */
#define PP_READ_MAX_LINE ((size_t)1 << 26)  /* 64 MiB */

/* Set the limits (0 keeps the default of that one). */
void pp_read_set_limits(size_t max_bytes, size_t max_line);

/* The limits in force. */
size_t pp_read_max_bytes(void);
size_t pp_read_max_line(void);

/*
 * "1 GiB", "512 KiB" or "1000 bytes": SIZE for a message, into BUF[32];
 * returns BUF.
 */
const char *pp_read_size_text(char buf[32], size_t size);

/*
 * How the program using the library lets its user raise the limits
 * ("raise it with --max-input"), said in parentheses after the limit in
 * every message about one; NULL (the default) for nothing.  HINT is kept,
 * not copied.  Process-wide and not thread-safe, as pp_read_set_limits.
 */
void pp_read_set_hint(const char *hint);

/* LIMIT for a message about a limit: "64 MiB", or with the hint "64 MiB
 * (raise it with --max-input)", into BUF; returns BUF. */
#define PP_READ_LIMIT_TEXT 128
const char *pp_read_limit_text(char buf[PP_READ_LIMIT_TEXT], size_t limit);

/*
 * Read a whole file ("-" is stdin) into a NUL-terminated buffer.  On success
 * *text is malloc'ed (the caller frees it) and *len excludes the NUL; on
 * failure *text is NULL and err reads "FILE: cannot open: REASON",
 * "FILE: cannot read: REASON" (PP_EIO), "FILE: N bytes, more than the
 * input limit of 1 GiB", "FILE: more than the input limit of 1 GiB"
 * (a stream; both with the hint, pp_read_set_hint) or "FILE:LINE:COL:
 * NUL byte in the file" (PP_EINPUT).
 * FILE is "<stdin>" for "-".
 */
int pp_read_file(const char *path, char **text, size_t *len,
                 struct pp_error *err);

#endif
