/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rows.h - internal: rows shared by the CSV and YAML profile readers.
 *
 * Both readers turn their input into a flat list of rows (stage, kind,
 * frequency, time, energy, source position) with pp_rows_*, checking each
 * field with the pp_field_* helpers so that the two formats word every
 * field error identically.  pp_rows_finish() then runs the checks that need
 * all rows (duplicates, missing stages, missing kinds) and builds the
 * profile.  Not installed; not for use outside profiles/.
 */
#ifndef PP_ROWS_H
#define PP_ROWS_H

#include <stddef.h>

#include "profile.h"

/* Largest stage number and frequency accepted (both far beyond real use). */
#define PP_MAX_STAGE 99999
#define PP_MAX_MHZ 1000000
/* Largest rank (global, data- or tensor-parallel) in a per-rank profile: a
 * million GPUs, far beyond any cluster. */
#define PP_MAX_RANK 999999

/*
 * Range of times (s) and energies (J) accepted.  The planner works in whole
 * nanoseconds and counts lowtime costs in microjoules, both as 64-bit
 * integers: a time below 1 ns would round to nothing, and a time above
 * 1e9 s or an energy above 1e12 J would not fit (2^63 ns is 9.2e9 s, 2^63
 * uJ is 9.2e12 J).  Measured values are milliseconds and tens of joules.
 */
#define PP_MIN_TIME 1e-9
#define PP_MAX_TIME 1e9
#define PP_MAX_ENERGY 1e12
/* Largest blocking power (W per GPU) accepted in profile metadata, a
 * thousand times what any GPU draws: larger is a unit mistake. */
#define PP_MAX_BLOCKING_POWER 1e6

struct pp_row {
    int stage;
    int kind; /* index into pp_rows.kinds */
    int mhz;
    double time, energy;
    long line, col; /* where the row (CSV) or option (YAML) starts */
};

struct pp_rows {
    const char *name; /* file name for messages, not owned */
    struct pp_row *row;
    size_t n, cap;
    char **kinds; /* owned names, in order of first appearance */
    int nkinds, kcap;
    int *khash;  /* open addressing: kind index + 1, 0 empty */
    size_t hcap; /* slots in khash, a power of two (0: none yet) */
};

/*
 * What is known about the row a field belongs to, for the message prefix
 * "stage 2 backward at 1230 MHz: ".  stage < 0, kind NULL, mhz 0: unknown.
 */
struct pp_rowctx {
    int stage;
    const char *kind;
    int mhz;
};

/* "stage 2 backward at 1230 MHz: " as far as CTX knows ("" if nothing). */
const char *pp_rowctx_prefix(char *buf, size_t len,
                             const struct pp_rowctx *ctx);

/* Index of kind NAME in R, adding a copy of NAME if it is new. */
int pp_rows_kind(struct pp_rows *r, const char *name, int *idx,
                 struct pp_error *err);

/* Append a copy of ROW. */
int pp_rows_push(struct pp_rows *r, const struct pp_row *row,
                 struct pp_error *err);

/*
 * Validate the rows as a whole and build a profile named R->name.  Sorts
 * R->row and reorders R->kinds; on success *out is a new profile, on
 * failure *out is NULL.  R still needs pp_rows_free() either way.
 */
int pp_rows_finish(struct pp_rows *r, struct pp_profile **out,
                   struct pp_error *err);

void pp_rows_free(struct pp_rows *r);

/*
 * Field checks.  TEXT is the field's text (blanks around it are ignored);
 * LINE and COL locate it in file NAME.  On bad input they fill err with
 * "NAME:LINE:COL: CONTEXT: WHAT must be ..., got TEXT" and return
 * PP_EINPUT.
 */
int pp_field_stage(const char *name, long line, long col, const char *text,
                   int *out, struct pp_error *err);
int pp_field_kind(const char *name, long line, long col,
                  const struct pp_rowctx *ctx, const char *text,
                  struct pp_error *err);
int pp_field_mhz(const char *name, long line, long col,
                 const struct pp_rowctx *ctx, const char *text, int *out,
                 struct pp_error *err);
/* WHAT is the column name ("tp_rank", ...): an integer in 0..PP_MAX_RANK. */
int pp_field_rank(const char *name, long line, long col,
                  const struct pp_rowctx *ctx, const char *what,
                  const char *text, int *out, struct pp_error *err);
/* WHAT is "time" or "energy": finite and > 0. */
int pp_field_positive(const char *name, long line, long col,
                      const struct pp_rowctx *ctx, const char *what,
                      const char *text, double *out, struct pp_error *err);
/* pp_field_positive, then within PP_MIN_TIME..PP_MAX_TIME s, resp. at most
 * PP_MAX_ENERGY J; the message says why the limit exists. */
int pp_field_time(const char *name, long line, long col,
                  const struct pp_rowctx *ctx, const char *text, double *out,
                  struct pp_error *err);
int pp_field_energy(const char *name, long line, long col,
                    const struct pp_rowctx *ctx, const char *text, double *out,
                    struct pp_error *err);

#endif
