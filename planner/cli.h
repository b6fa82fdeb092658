/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - what every subcommand shares: inputs, options, output files, and
 * the driver that runs a subcommand.
 *
 * Only planner/ knows argv, stdout/stderr and exit codes.  Exit codes:
 * 0 success, 1 input, solver or I/O failure, 2 usage error, 3 a `check`
 * budget was missed, 4 `check`: the plan was made for other inputs.
 */
#ifndef PP_CLI_H
#define PP_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "graph.h"
#include "numfmt.h"
#include "outfile.h"
#include "profile.h"
#include "solver.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_GATE = 3,
       EXIT_OTHER_INPUTS = 4 };

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
    size_t max_input;     /* --max-input, bytes; 0: readfile.h's default */
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
    OPT_FORMAT = 'f', OPT_HELP = 'h', OPT_MAX_INPUT = 310,
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
    {"max-input", required_argument, NULL, OPT_MAX_INPUT},                   \
    {"help", no_argument, NULL, OPT_HELP}

extern const char *progname;

void inputs_init(struct inputs *in);
void inputs_free(struct inputs *in);

/*
 * Handle a common option; returns 1 if handled, 0 if not a common option,
 * -1 after printing a usage error.  CMD names the subcommand in messages.
 */
int common_option(struct inputs *in, const char *cmd, int c, const char *arg);

/* The plan-solving options (--model, --unit-time, --filter-order), into
 * SO; returns as common_option. */
enum { OPT_SOLVE_MODEL = 300, OPT_SOLVE_UNIT, OPT_SOLVE_ORDER,
       OPT_SOLVE_METHOD };
#define SOLVE_LONGOPTS                                                       \
    {"model", required_argument, NULL, OPT_SOLVE_MODEL},                     \
    {"unit-time", required_argument, NULL, OPT_SOLVE_UNIT},                  \
    {"filter-order", required_argument, NULL, OPT_SOLVE_ORDER},              \
    {"method", required_argument, NULL, OPT_SOLVE_METHOD}
int solve_option(struct pp_solve_opts *so, const char *cmd, int c,
                 const char *arg);

/*
 * Messages on stderr, each one line after "perseus-plan: ".  Whatever
 * they quote (arguments, file names, text from files) is escaped as the
 * libraries' messages are (pp_error_escape), so no control character
 * reaches the terminal.  die_usage: a usage error, "CMD: " before it
 * (unless CMD is NULL) and the line pointing to --help after it; message:
 * an error or a warning, always shown; note: a diagnostic that -q
 * (IN->quiet) silences.  report_error prints a library's message.
 */
void die_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void note(const struct inputs *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void report_error(const struct pp_error *err);
/* The message the last report_error printed, or NULL if none did. */
const char *last_error(void);

/*
 * Strict option value parsers (the decimal syntax of the file readers,
 * numfmt.h: no hexadecimal, nan, infinity or overflow); each prints a
 * usage error naming OPT and the range on failure and returns -1, else
 * stores *OUT and returns 0.  parse_int_opt: an integer from MIN to MAX;
 * WHY (NULL: none) says where MAX comes from, in parentheses after the
 * range.  parse_double_opt: a finite number above MIN_EXCLUSIVE.
 */
int parse_int_opt(const char *cmd, const char *opt, const char *arg, int min,
                  int max, const char *why, int *out);
/* ARG as one of the N NAMES: its index into *OUT, or -1 after a usage
 * error naming OPT and listing them ("should be one of a, b"). */
int parse_choice(const char *cmd, const char *opt, const char *arg,
                 const char *const *names, int n, int *out);
int parse_double_opt(const char *cmd, const char *opt, const char *arg,
                     double min_exclusive, double *out);

/*
 * --max-input SIZE: bytes, or with a suffix K, M or G (KiB, MiB, GiB; "64M",
 * "2G"), from CLI_MIN_INPUT to CLI_MAX_INPUT.  The input files may hold
 * SIZE bytes and their lines (and YAML scalars) SIZE / 16, the ratio of
 * readfile.h's defaults (1 GiB, 64 MiB).  Returns 0 or -1 after the usage
 * error.
 */
#define CLI_MIN_INPUT ((size_t)4 << 10)
#define CLI_MAX_INPUT ((size_t)64 << 30)
int parse_size_opt(const char *cmd, const char *opt, const char *arg,
                   size_t *out);

/*
 * Bounds of the counts a user types.  A built-in schedule holds
 * 2 x S x M (x V) instructions, at most PP_GRAPH_MAX_INSTR, so each of S,
 * M and V is at most half that (and their product is checked as soon as S
 * is known); GPUs per stage and pipelines are at most a million, the
 * count the solver's bound on blocking power is made for (solver.h).
 */
#define CLI_MAX_SIZE ((int)(PP_GRAPH_MAX_INSTR / 2))
#define CLI_SIZE_WHY "a schedule holds at most 16777216 instructions"
#define CLI_MAX_GPUS 1000000

/*
 * LIST (a copy of, or a part of, the argument ARG of option OPT) split in
 * place at every SEP into a new array *ITEMS of *N pointers (free it; the
 * strings stay LIST's).  Every item must hold something: an empty one
 * (two separators in a row, or one at either end) is a usage error naming
 * it, "invalid argument "1,,2" for --slowdowns: empty item 2 in the list
 * of slowdowns" (WHAT is "the list of slowdowns").  Returns 0, or -1 after
 * the message.
 */
int split_items(const char *cmd, const char *opt, const char *arg,
                char *list, char sep, const char *what, char ***items,
                size_t *n);

/*
 * Slowdowns: one convention, with forms that cannot be confused.
 *   N%   N percent slower: T' = T_min (1 + N / 100), N >= 0;
 *   xR   the ratio R = T' / T_min >= 1;
 *   a plain number in the option's own convention (PLAIN): a fraction F,
 *        T' = T_min (1 + F), for --slowdown, --max-slowdown and --budget
 *        (SD_FRACTION); a ratio s = T' / T_min for sweep's --slowdowns
 *        (SD_RATIO).  A plain number must be a slowdown below 100%
 *        (0 <= F < 1, 1 <= s < 2): outside it, the other convention was
 *        probably meant, so it is refused with a hint; larger slowdowns
 *        are written with % or x.
 * slowdown_parse puts the fraction T' / T_min - 1 into *FRAC exactly (the
 * decimal typed, not a sum of doubles) and returns 0, or -1 with the
 * reason in WHY.  parse_slowdown prints that as a usage error naming OPT.
 */
enum sd_plain { SD_FRACTION, SD_RATIO };
int slowdown_parse(const char *arg, enum sd_plain plain, struct pp_dec *frac,
                   char *why, size_t whylen);
int parse_slowdown(const char *cmd, const char *opt, const char *arg,
                   enum sd_plain plain, struct pp_dec *frac);
/*
 * A grid of slowdowns s = T'/T_min for option OPT: A:B:STEP or a comma
 * list (each plain, N% or xR: slowdown_parse; STEP a difference of
 * ratios or percentage points), at most SLOWDOWN_MAX_GRID of them, into a
 * new array *OUT of *N; -1 after a usage error (an empty item, a grid too
 * large, also when its end B is a plain number that no reading of would
 * make small enough).  The grid is computed in exact decimals, A + k STEP
 * for k = 0, 1, ... while it is at most B, and each value rounded once to
 * a double: with 1.05:1.5:0.05 the value written as 1.2 is the double
 * nearest 1.2, as a program reading the output back expects (1.05 + 3 *
 * 0.05 in doubles is not).
 */
#define SLOWDOWN_MAX_GRID 1000000
int parse_slowdown_grid(const char *cmd, const char *opt, const char *arg,
                        double **out, size_t *n);
/* A fraction below 1, plain (0.1) or as a percentage (10%), for
 * --min-saving. */
int parse_fraction_opt(const char *cmd, const char *opt, const char *arg,
                       double *out);
/* 1 + FRAC, the ratio T' / T_min, rounded once to a double. */
double slowdown_ratio(struct pp_dec frac);

/*
 * One stream, one content: a side file (--emit, --svg, --save) named "-"
 * is standard output, which the report uses too unless it goes to -o FILE
 * (REPORT_ON_STDOUT).  Refuse that mix, and two side files both on
 * standard output.  OPTS[k] names the option of PATHS[k] (NULL: not
 * given).  Returns 0, or EXIT_USAGE after the message.
 */
int check_stdout_once(const char *cmd, int report_on_stdout, int n,
                      const char *const *opts, const char *const *paths);
/* Does the report of IN go to standard output (no -o, or -o -)? */
int report_on_stdout(const struct inputs *in);

/*
 * Provenance (provenance.c): what IN is, for the plans a command writes (a
 * new struct to free with pp_provenance_free, NULL when out of memory;
 * MODEL may be NULL); and the inputs a plan's provenance P records that
 * differ from IN's, "; "-separated into BUF, returning how many (0 when P
 * is NULL or records none that differ).  The profile is compared by its
 * content hash, not its name.
 */
struct pp_provenance *inputs_provenance(const struct inputs *in,
                                        const char *model);
int provenance_mismatch(const struct pp_provenance *p,
                        const struct inputs *in, char *buf, size_t len);


/* Steps done of the expected count on stderr while solving, only when it
 * is a terminal and not -q. */
void progress_attach(struct pp_solve_opts *so, const struct inputs *in);
void progress_done(const struct pp_solve_opts *so);

/*
 * One subcommand, as data and a few short functions; verb_run() is the one
 * driver that runs any of them (OpenBSD signify's shape: the common parts
 * once, each verb only what is its own).  In order:
 *
 *   1. options: getopt_long over SHORTOPTS (NULL: COMMON_SHORTOPTS) and
 *      LONGOPTS, which hold COMMON_LONGOPTS and SOLVE_LONGOPTS in every
 *      verb.  An option in REFUSES, one the verb does not take, is a usage
 *      error naming it and saying why ("--blocking-power does not apply
 *      to schedule (it draws the schedule; no energies)"), and so is an
 *      empty file name.  Each other option goes to OPTION first (returns
 *      1 handled, 0 not its own, -1 after printing a usage error), then to
 *      the common options (into r->in), then to the plan-solving ones
 *      (into r->so); --help prints USAGE and exits 0.  Operands: none, or
 *      exactly one (r->operand) if OPERAND_MISSING is the message for its
 *      absence.
 *   2. CHECK: the verb's usage errors between options; then those every
 *      verb shares, before anything is read: the inputs' options
 *      (inputs_check, unless VERB_NO_INPUTS) and the plan-solving ones
 *      against the solver's own ranges (solve_check).
 *   3. inputs: the profile and schedule into r->in (inputs_load) unless
 *      VERB_NO_INPUTS; a profile is required with VERB_PROFILE.
 *   4. COMPUTE: everything before the report, side files included.
 *   5. the report: the output (-o FILE or stdout) is opened, REPORT writes
 *      to it and returns 0 or a write error; out_finish() commits or
 *      discards it.  If step 3 or 4 failed with a status other than
 *      EXIT_USAGE, REPORT_FAILED (when given) writes the report of the
 *      failure there instead, with that status, which stays the exit
 *      status (a CI record that is written whatever happens).
 *   6. AFTER: what follows the report (more files, a verdict).
 *   7. CLEANUP frees what the verb's state holds; the driver frees the
 *      state and r->in.
 *
 * Every function but REPORT may be NULL.  CHECK, COMPUTE and AFTER return
 * EXIT_OK to go on or the exit status, after printing why.  The verb's
 * state is STATE_SIZE bytes at r->state, a copy of STATE_INIT made before
 * the options (STATE_SIZE 0: no state, no CLEANUP call).
 */
struct run;
enum { VERB_PROFILE = 1, VERB_NO_INPUTS = 2 };

/* A common option (its getopt code) that a verb does not take, and why,
 * in words that follow "does not apply to VERB (". */
struct refusal {
    int opt;
    const char *why;
};

struct verb {
    const char *name, *summary, *usage;
    const char *usage_more; /* the rest of a long --help (C99 compilers
                               need only take 4095-byte literals), or NULL */
    const char *shortopts;
    const struct option *longopts;
    const struct refusal *refuses; /* ended by {0, NULL}; NULL: none */
    unsigned flags;
    const char *operand_missing;
    size_t state_size;
    const void *state_init;
    int (*option)(struct run *r, int c, const char *arg);
    int (*check)(struct run *r);
    int (*compute)(struct run *r);
    int (*report)(struct run *r, FILE *f);
    int (*report_failed)(struct run *r, FILE *f, int status);
    int (*after)(struct run *r);
    void (*cleanup)(struct run *r);
};

/* What a verb's functions get. */
struct run {
    const struct verb *verb;
    struct inputs in;
    struct pp_solve_opts so;
    const char *operand;
    void *state;
    struct pp_error err; /* for library calls; run_error() prints it */
    unsigned char given[64]; /* the options given, a bit per getopt code */
};

/* Was the option of getopt code C given to R's command? */
int run_given(const struct run *r, int c);
/* Does R's verb take the option of getopt code C (not in REFUSES)? */
int run_takes(const struct run *r, int c);
/* The long name of R's option of getopt code C ("--profile") in BUF. */
const char *run_option_name(const struct run *r, int c, char *buf,
                            size_t len);
/* OPT given without NEEDS, which it qualifies: EXIT_USAGE after "OPT
 * applies only with NEEDS", else EXIT_OK. */
int run_needs(const struct run *r, int opt, int needs);

/*
 * The usage checks of step 2 that every verb shares (cli.c), each
 * returning EXIT_OK or EXIT_USAGE after the message.  inputs_check: a
 * profile where the verb needs one; the schedule's name or file; the
 * sizes it needs and takes (-M for a built-in schedule, -V >= 2 for the
 * interleaved one only, none of -S, -M, -V for a custom DAG, which sets
 * them); with -S the schedule's size (pp_graph_check_sizes); -b and -K
 * against the solver's range (pp_energy_check).  solve_check: the
 * plan-solving options against the solver's ranges (pp_solve_opts_check),
 * naming the option at fault, and where the verb takes --model, those of
 * the lowtime model only with --model lowtime and --method deadline only
 * with the exact model.
 */
int inputs_check(struct run *r);
int solve_check(struct run *r);
/* OPT given to R's command while its model is not MODEL: EXIT_USAGE after
 * "OPT applies to --model NAME only", else EXIT_OK. */
int run_model_only(const struct run *r, int opt, enum pp_model model);

/*
 * Before a walk of the frontier with R's options in MODEL: if OPT (the
 * resolution or the time unit) was given and asks the walk for more
 * points than the solver takes (pp_frontier_check_work on the loaded
 * inputs), EXIT_USAGE after the message naming OPT, else EXIT_OK.
 */
int work_check(struct run *r, int opt, enum pp_model model);

/* Load the profile and schedule of step 3: prints the error and returns
 * EXIT_FAIL (an input) or EXIT_USAGE (options that do not fit it). */
int inputs_load(struct run *r);

/* Run V on ARGV[0..ARGC-1] (ARGV[0] is the command's name); returns the
 * exit status. */
int verb_run(const struct verb *v, int argc, char **argv);

/* Print r->err; returns EXIT_FAIL. */
int run_error(struct run *r);

extern const struct verb verb_plan, verb_eval, verb_lookup, verb_sweep,
    verb_compare, verb_check, verb_schedule;

#endif
