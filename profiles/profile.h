/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * profile.h - per-stage time/energy profiles of pipeline instructions.
 *
 * A profile holds, for every pipeline stage and instruction kind
 * ("forward", "backward", or any other name such as a zero-bubble "weight"
 * pass), the measured time (seconds) and energy (joules) of one execution at
 * each GPU frequency (MHz).  Two file formats are read (man page
 * perseus-plan-profiles(5)):
 *
 *   - the Perseus CSV "stage,instruction,frequency,time,energy" (header
 *     required, columns by name, extra columns ignored, any row order);
 *     with the columns dp_rank, pp_rank and tp_rank too it is the Zeus
 *     profiler's one row per GPU, aggregated per stage on reading (ranks.h);
 *   - a YAML profile carrying the same rows plus metadata (gpu name,
 *     blocking power in W, frequency unit).
 *
 * Loading validates everything a solver relies on: stages are numbered
 * 0..S-1 with none missing, every stage has the same instruction kinds,
 * no duplicate (stage, instruction, frequency), times and energies finite
 * and positive, frequencies positive integers.  Errors name FILE:LINE:COL
 * and the stage, instruction and frequency involved.
 */
#ifndef PP_PROFILE_H
#define PP_PROFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

/* One measured execution option. */
struct pp_option {
    int mhz;       /* GPU SM frequency, MHz */
    double time;   /* seconds, > 0 */
    double energy; /* joules, > 0; the stage's total over its GPUs */
    long line;     /* source line (one-based), 0 if none */
};

/* All options of one (stage, kind), sorted by frequency, highest first. */
struct pp_opset {
    size_t n;
    struct pp_option *opt;
};

struct pp_profile {
    char *path;            /* name used in messages ("-" shows as <stdin>) */
    char *gpu;             /* GPU name from YAML metadata, or NULL */
    double blocking_power; /* W per GPU from YAML metadata, or NAN */
    /*
     * How the rows were aggregated.  A Zeus per-rank CSV has one row per
     * GPU: rank_rows of them were read, and each stage ran on tp_degree
     * tensor-parallel GPUs (time: the slowest; energy: their sum) in each
     * of dp_degree data-parallel pipelines (averaged).  A per-stage profile
     * has rank_rows 0 and both degrees 1.
     */
    size_t rank_rows;
    int tp_degree, dp_degree;
    /* FNV-1a 64 of the file's bytes as read (hash.h), so that a plan can
     * record which profile it was made from */
    uint64_t hash;
    int nstages;
    int nkinds;
    char **kinds;          /* kind names, in order of first appearance */
    struct pp_opset *sets; /* nstages * nkinds, index stage * nkinds + kind */
};

/*
 * Load a profile from PATH ("-" reads stdin).  The format is chosen by
 * extension (.yaml/.yml is YAML, anything else CSV) and, for stdin, by
 * content (a first line starting with "stage", or containing a comma and
 * not starting with '{', '[' or '#', is CSV).
 * On success *out owns a new profile (free with pp_profile_free); on failure
 * *out is NULL and err says why.
 */
int pp_profile_load(struct pp_profile **out, const char *path,
                    struct pp_error *err);

/* Parse CSV / YAML text already in memory; NAME is used in messages. */
int pp_profile_parse_csv(struct pp_profile **out, const char *name,
                         const char *text, size_t len, struct pp_error *err);
int pp_profile_parse_yaml(struct pp_profile **out, const char *name,
                          const char *text, size_t len, struct pp_error *err);

/* Write a profile as CSV or YAML (with metadata). Returns 0 or PP_EIO. */
int pp_profile_write_csv(const struct pp_profile *p, FILE *f);
int pp_profile_write_yaml(const struct pp_profile *p, FILE *f);

void pp_profile_free(struct pp_profile *p);

/* Index of kind NAME, or -1. */
int pp_profile_kind(const struct pp_profile *p, const char *name);

/* Options of (stage, kind); NULL if out of range. */
const struct pp_opset *pp_profile_ops(const struct pp_profile *p, int stage,
                                      int kind);

/* Option at exactly MHZ in SET, or NULL. */
const struct pp_option *pp_opset_find(const struct pp_opset *set, int mhz);

/*
 * Blocking power presets (W per GPU) for the published measurements:
 * "a100" 83.64, "a40" 70.38.  Returns 0 and sets *watts, or PP_EINPUT.
 */
int pp_blocking_preset(const char *name, double *watts);

/*
 * Frequency sets that differ between stages (allowed): writes a one-line
 * description of the first difference to buf and returns 1, else 0.
 */
int pp_profile_freqsets_differ(const struct pp_profile *p, char *buf,
                               size_t len);

#endif
