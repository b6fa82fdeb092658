/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.h - what sweep, compare and check share: the frontier and the
 * baselines of one profile and schedule.
 */
#ifndef PP_WHATIF_H
#define PP_WHATIF_H

#include "cli.h"

/* The frontier and the baselines of one case, owned, and the straggler
 * accounting over them (T_min, the no-slowdown point).  plan[] and eval[]
 * are indexed by enum pp_method: all-max and EnvPipe. */
struct whatif {
    struct inputs *in;
    struct pp_frontier *fr;
    struct pp_plan *plan[PP_METHOD_PERSEUS];
    struct pp_eval *eval[PP_METHOD_PERSEUS];
    int envpipe_rounds, envpipe_capped;
    struct pp_whatif acct;
};

/* Solve the frontier with SO (or, where pp_solve_pick says so, plan at
 * T_min and at the NS SLOWDOWNS only) and compute the baselines (EnvPipe
 * only if WANT_ENVPIPE); judge Perseus by VALUES.  Prints errors; returns
 * an exit code. */
int whatif_prepare(struct whatif *w, struct inputs *in,
                   const struct pp_solve_opts *so, int want_envpipe,
                   enum pp_whatif_values values, const double *slowdowns,
                   size_t ns);
void whatif_free(struct whatif *w);

/* The pipeline with straggler S inside it, planned on its own: its all-max
 * time T' and each method's energy until T' (Perseus: its no-slowdown
 * plan, by the method SO picks).  Errors in *ERR. */
int straggler_case(const struct inputs *in, const struct pp_solve_opts *so,
                   const struct pp_straggler *s,
                   struct pp_whatif_straggler *out, struct pp_error *err);

/* Parse --straggler GPUS:FACTORS[:POWER] (GPUS a comma list or "all",
 * FACTORS a comma list of time factors from 1 to 100, POWER one power
 * factor in (0, 10], default 1; no item empty) into a new array of *N
 * stragglers for a DAG of NGPUS GPUs, at most PP_STRAGGLER_MAX_CASES of
 * them (GPUs x factors); -1 after a usage error. */
#define PP_STRAGGLER_MAX_CASES 4096
int parse_stragglers(const char *cmd, const char *arg, int ngpus,
                     struct pp_straggler **out, size_t *n);

#endif
