/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * whatif.h - what sweep, compare and check share: the frontier and the
 * baselines of one profile and schedule, and the cluster accounting.
 */
#ifndef PP_WHATIF_H
#define PP_WHATIF_H

#include "cli.h"

enum { M_ALLMAX, M_ENVPIPE, M_PERSEUS, NMETHODS };
extern const char *const method_names[NMETHODS];

struct whatif {
    struct inputs *in;
    struct pp_frontier *fr;
    struct pp_plan *plan[NMETHODS - 1];  /* all-max, EnvPipe */
    struct pp_eval *eval[NMETHODS - 1];
    int envpipe_rounds, envpipe_capped;
    double t_min;                        /* all-max iteration time */
    long p_nos;                          /* Perseus no-slowdown point */
    int model_values; /* Perseus by the model's times and energies (as the
                         published analysis did), T_min its fastest time */
};

/* Solve the frontier with SO and compute the baselines (EnvPipe only if
 * WANT_ENVPIPE).  Prints errors; returns an exit code. */
int whatif_prepare(struct whatif *w, struct inputs *in,
                   const struct pp_solve_opts *so, int want_envpipe);
void whatif_free(struct whatif *w);

/* Judge Perseus by the model's own frontier values, and measure slowdowns
 * from its fastest model time, as the published analysis did. */
void whatif_use_model_values(struct whatif *w);

/* Per straggler slowdown s (T' = s * t_min), per method. */
struct sweep_row {
    double s, deadline;
    double time[NMETHODS];     /* the plan's own iteration time */
    double e_plan[NMETHODS];   /* one non-straggler pipeline, until T' */
    double e_block[NMETHODS];  /* of which blocking after the plan ends */
    double e_cluster[NMETHODS];
    double saving[NMETHODS];   /* vs all-max, fraction of cluster energy */
    int beyond_tstar;          /* T' > T*: slowing further buys nothing */
};

/* Cluster of N pipelines, one straggling (SPEC section 1 and the published
 * accounting): the straggler costs the method's no-slowdown energy times s;
 * the N - 1 others run the method's plan for T' and block until T'. */
void whatif_row(const struct whatif *w, double s, int pipelines,
                int with_envpipe, struct sweep_row *row);

/* Common plan-solving options (--model, --unit-time, --filter-order). */
int solve_option(struct pp_solve_opts *so, const char *cmd, int c,
                 const char *arg);
enum { OPT_W_MODEL = 300, OPT_W_UNIT, OPT_W_ORDER };
#define WHATIF_LONGOPTS                                                      \
    {"model", required_argument, NULL, OPT_W_MODEL},                         \
    {"unit-time", required_argument, NULL, OPT_W_UNIT},                      \
    {"filter-order", required_argument, NULL, OPT_W_ORDER}

#endif
