/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readfile.h - reading a whole input file (or stdin) into memory.
 *
 * Every reader of the project (profiles, custom DAGs, plans, frontiers,
 * fit files) parses text held in memory; this is where that text comes
 * from, so "-" means stdin and an unreadable file is worded the same way
 * everywhere.
 */
#ifndef PP_READFILE_H
#define PP_READFILE_H

#include <stddef.h>

#include "error.h"

/*
 * Read a whole file ("-" is stdin) into a NUL-terminated buffer.  On success
 * *text is malloc'ed (the caller frees it) and *len excludes the NUL; on
 * failure *text is NULL and err reads "FILE: cannot open: REASON" (FILE is
 * "<stdin>" for "-").
 */
int pp_read_file(const char *path, char **text, size_t *len,
                 struct pp_error *err);

#endif
