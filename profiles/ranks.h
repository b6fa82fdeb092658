/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ranks.h - internal: Zeus per-rank profile rows and their aggregation.
 *
 * Zeus's offline profiler (InstructionProfilingResult.to_csv) writes one
 * row per GPU, stage, instruction and frequency, with the GPU's data-,
 * pipeline- and tensor-parallel ranks.  The CSV reader collects those rows
 * here (pp_ranks_push) and pp_ranks_aggregate() checks that they describe
 * one consistent job and turns every (stage, instruction, frequency) into
 * one per-stage row of a struct pp_rows:
 *
 *   - the tensor-parallel ranks of one pipeline run the stage in lockstep
 *     (every layer ends in a collective), so the stage takes as long as
 *     its slowest rank and uses the energy of all of them: time = max,
 *     energy = sum over tp_rank;
 *   - data-parallel ranks are replicas of the whole pipeline, and the
 *     planner plans one pipeline (its blocking term counts one pipeline's
 *     GPUs), so their per-pipeline values are averaged: time and energy =
 *     mean over dp_rank of the tensor-parallel aggregates.
 *
 * Not installed; not for use outside profiles/.
 */
#ifndef PP_RANKS_H
#define PP_RANKS_H

#include <stddef.h>

#include "rows.h"

/* One GPU's row: the per-stage fields plus its ranks and where they are. */
struct pp_rankrow {
    struct pp_row row; /* stage, kind (index into pp_rows.kinds), ... */
    int dp, tp;        /* dp_rank, tp_rank (pp_rank was checked = stage) */
    long dp_col, tp_col;
};

struct pp_rankrows {
    struct pp_rankrow *r;
    size_t n, cap;
};

/* Append a copy of ROW. */
int pp_ranks_push(struct pp_rankrows *rr, const struct pp_rankrow *row,
                  struct pp_error *err);

/*
 * Check RR (sorting it) and append one aggregated row per (stage, kind,
 * frequency) to ROWS, whose kind names the messages use.  The checks, in
 * this order, each reporting the first offender with its file position:
 * no (stage, kind, frequency, dp_rank, tp_rank) twice; dp_rank and
 * tp_rank numbered from 0 without gaps, and every stage has every
 * (dp_rank, tp_rank) combination; every rank of a stage has the same
 * frequencies for each kind; the aggregated energy within PP_MAX_ENERGY.
 * On success *tp and *dp are the tensor- and data-parallel degrees.
 * O(n log n) for n rows.
 */
int pp_ranks_aggregate(struct pp_rankrows *rr, struct pp_rows *rows, int *tp,
                       int *dp, struct pp_error *err);

void pp_ranks_free(struct pp_rankrows *rr);

#endif
