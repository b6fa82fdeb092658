/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - what every subcommand shares: inputs, options, output files.
 *
 * Only planner/ knows argv, stdout/stderr and exit codes.  Exit codes:
 * 0 success, 1 input, solver or I/O failure, 2 usage error, 3 a `check`
 * budget was missed.
 */
#ifndef PP_CLI_H
#define PP_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "graph.h"
#include "profile.h"
#include "solver.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_GATE = 3 };

enum out_format { FMT_HUMAN, FMT_JSON, FMT_YAML, FMT_CSV };

/* Options common to the commands that read a profile and a schedule. */
struct inputs {
    const char *profile_path;
    const char *schedule; /* "1f1b", "gpipe", "interleaved" or a YAML path */
    int stages, microbatches, chunks;
    const char *blocking; /* W or preset name, NULL: from the profile */
    int gpus_per_stage;
    int quiet, verbose;
    const char *output;   /* -o FILE, NULL for stdout */
    enum out_format format;
    /* loaded */
    struct pp_profile *prof;
    struct pp_dag *dag;
    struct pp_energy energy;
};

/* getopt_long option codes for the common options (above 255). */
enum {
    OPT_PROFILE = 'p', OPT_SCHEDULE = 's', OPT_STAGES = 'S',
    OPT_MICRO = 'M', OPT_CHUNKS = 'V', OPT_BLOCKING = 'b',
    OPT_KGPUS = 'K', OPT_OUTPUT = 'o', OPT_QUIET = 'q', OPT_VERBOSE = 'v',
    OPT_FORMAT = 'f', OPT_HELP = 'h',
};

#define COMMON_SHORTOPTS "p:s:S:M:V:b:K:o:qvf:h"
#define COMMON_LONGOPTS                                                      \
    {"profile", required_argument, NULL, OPT_PROFILE},                       \
    {"schedule", required_argument, NULL, OPT_SCHEDULE},                     \
    {"stages", required_argument, NULL, OPT_STAGES},                         \
    {"microbatches", required_argument, NULL, OPT_MICRO},                    \
    {"chunks", required_argument, NULL, OPT_CHUNKS},                         \
    {"blocking-power", required_argument, NULL, OPT_BLOCKING},               \
    {"gpus-per-stage", required_argument, NULL, OPT_KGPUS},                  \
    {"output", required_argument, NULL, OPT_OUTPUT},                         \
    {"quiet", no_argument, NULL, OPT_QUIET},                                 \
    {"verbose", no_argument, NULL, OPT_VERBOSE},                             \
    {"format", required_argument, NULL, OPT_FORMAT},                         \
    {"help", no_argument, NULL, OPT_HELP}

extern const char *progname;

void inputs_init(struct inputs *in);
void inputs_free(struct inputs *in);

/*
 * Handle a common option; returns 1 if handled, 0 if not a common option,
 * -1 after printing a usage error.  CMD names the subcommand in messages.
 */
int common_option(struct inputs *in, const char *cmd, int c, const char *arg);

/*
 * One subcommand's argument parsing: getopt_long over LONGOPTS (the common
 * options plus the command's own), common options into IN, the others to
 * OPTION (returns 1 handled, 0 not its option, -1 after printing a usage
 * error), --help prints USAGE.  No operands are accepted.  Returns
 * ARGS_GO to go on, or the exit status to return (EXIT_OK after --help,
 * EXIT_USAGE after a usage error).
 */
#define ARGS_GO (-1)
struct cmdspec {
    const char *name;
    const char *usage;
    const struct option *longopts;
    int (*option)(void *ctx, int c, const char *arg);
    void *ctx;
};
int parse_args(const struct cmdspec *spec, struct inputs *in, int argc,
               char **argv);

/* Load profile and schedule; prints the error and returns EXIT_FAIL/USAGE. */
int inputs_load(struct inputs *in, const char *cmd, int need_profile);

/* Messages. */
void die_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void report_error(const struct pp_error *err);
void note(const struct inputs *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Strict option value parsers; print a usage error naming OPT on failure. */
int parse_int_opt(const char *cmd, const char *opt, const char *arg, int min,
                  int *out);
int parse_double_opt(const char *cmd, const char *opt, const char *arg,
                     double min_exclusive, double *out);
int parse_nonneg_opt(const char *cmd, const char *opt, const char *arg,
                     double *out);

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

/* Steps done of the expected count on stderr while solving, only when it
 * is a terminal and not -q. */
void progress_attach(struct pp_solve_opts *so, const struct inputs *in);
void progress_done(const struct pp_solve_opts *so);

/* Command entry points. */
int cmd_eval(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
