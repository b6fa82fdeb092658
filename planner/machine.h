/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * machine.h - the one writer of the machine-readable formats (JSON, YAML,
 * CSV).  Every command's json, yaml and csv output goes through it, so:
 *
 *   - all three hold the same fields;
 *   - numbers are the shortest text that reads back to the same double
 *     (pp_num_put), whatever the locale; a value that is not a number
 *     (unknown) is null in JSON and YAML and an empty cell in CSV;
 *   - every JSON and YAML document starts with format_version.
 *
 * A document is a mapping of scalars, nested mappings and lists of flat
 * records (one record per line).  CSV is one table: the document's first
 * list, one row per record, with every top-level scalar of the document
 * (all written before that list) repeated in the last columns of each row;
 * its header is the first record's keys, then the top-level keys.  Nested
 * mappings and later lists are left out of CSV (what they hold is also in
 * the rows, or documented as JSON and YAML only).  CSV has no
 * format_version: its header is its version.  Strings are JSON string
 * literals in JSON and YAML, and RFC 4180 fields (quoted when they hold a
 * comma, quote or line break) in CSV; booleans are true/false, and 1/0 in
 * CSV.
 *
 * Usage: mw_begin, then fields (mw_num, mw_int, mw_str, mw_bool) and
 * nested structure (mw_map_begin/end, mw_list_begin, mw_item_begin/end,
 * mw_list_end), then mw_end, which says whether everything was written:
 * 0, PP_EIO (the stream failed) or PP_ENOMEM.
 * Keys are plain identifiers.
 */
#ifndef PP_MACHINE_H
#define PP_MACHINE_H

#include <stdio.h>

#include "cli.h"

enum { MW_MAX_DEPTH = 8 };

struct mw {
    FILE *f;
    enum out_format fmt;
    int depth;                 /* open mappings below the document */
    int first[MW_MAX_DEPTH + 1]; /* no field yet in the mapping at depth */
    int in_list, in_item, first_item, lists;
    int failed;                /* out of memory: mw_end fails */
    /* CSV: the top-level scalars, as "key" and cell text */
    char **top_key, **top_val;
    size_t ntop;
    /* CSV: the header (from the first record) and the current row */
    FILE *hdr, *row;
    char *hdr_buf, *row_buf;
    size_t hdr_len, row_len;
    int header_done, row_cells;
};

/* Start a document of FMT (FMT_JSON, FMT_YAML or FMT_CSV) on F with
 * format_version VERSION. */
void mw_begin(struct mw *m, FILE *f, enum out_format fmt, int version);
/* Finish it; 0, or -1 if memory ran out or F has a write error. */
int mw_end(struct mw *m);

/* Fields of the current mapping or record.  mw_num writes NaN and
 * infinities as unknown; mw_str a NULL S as unknown. */
void mw_num(struct mw *m, const char *key, double v);
void mw_int(struct mw *m, const char *key, long long v);
void mw_str(struct mw *m, const char *key, const char *s);
void mw_bool(struct mw *m, const char *key, int b);

/* A nested mapping under KEY (not in CSV). */
void mw_map_begin(struct mw *m, const char *key);
void mw_map_end(struct mw *m);

/* A list of records under KEY: each record between mw_item_begin and
 * mw_item_end holds scalars only. */
void mw_list_begin(struct mw *m, const char *key);
void mw_item_begin(struct mw *m);
void mw_item_end(struct mw *m);
void mw_list_end(struct mw *m);

#endif
