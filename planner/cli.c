/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.c - shared option handling, input loading and messages; the output
 * files are outfile.c.
 * The driver that runs a subcommand with them is driver.c.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *progname = "perseus-plan";

void inputs_init(struct inputs *in)
{
    memset(in, 0, sizeof *in);
    in->schedule = "1f1b";
    in->gpus_per_stage = 1;
    in->chunks = 1;
}

void inputs_free(struct inputs *in)
{
    pp_profile_free(in->prof);
    pp_graph_free(in->dag);
    in->prof = NULL;
    in->dag = NULL;
}

/*
 * FMT with AP to stderr, escaped as the libraries escape their messages
 * (pp_error_escape): an argument or a file name in it cannot send control
 * characters to the terminal.  Whole whatever its length, unless memory
 * runs out (then cut, ending in "...").
 */
static void put_escaped(const char *fmt, va_list ap)
{
    char small[512], esmall[2048], *raw = small, *esc = esmall;
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(small, sizeof small, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        if ((raw = malloc((size_t)n + 1)))
            vsnprintf(raw, (size_t)n + 1, fmt, ap);
        else
            raw = small;
    }
    size_t cap = 4 * strlen(raw) + 1;
    if (cap > sizeof esmall && !(esc = malloc(cap))) {
        esc = esmall;
        cap = sizeof esmall;
    }
    fputs(pp_error_escape(esc, cap, raw), stderr);
    if (raw != small)
        free(raw);
    if (esc != esmall)
        free(esc);
}

void die_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", progname);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    va_start(ap, fmt);
    put_escaped(fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nTry '%s %s --help' for more information.\n",
                progname, cmd);
    else
        fprintf(stderr, "\nTry '%s --help' for more information.\n",
                progname);
}

void message(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    put_escaped(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* The last message report_error printed, for reports that record it. */
static char last_msg[PP_ERRMSG_MAX];

void report_error(const struct pp_error *err)
{
    fprintf(stderr, "%s: %s\n", progname, err->msg);
    snprintf(last_msg, sizeof last_msg, "%s", err->msg);
}

const char *last_error(void)
{
    return last_msg[0] ? last_msg : NULL;
}

void note(const struct inputs *in, const char *fmt, ...)
{
    if (in && in->quiet)
        return;
    va_list ap;
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    put_escaped(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int parse_int_opt(const char *cmd, const char *opt, const char *arg, int min,
                  int max, const char *why, int *out)
{
    long v;
    if (pp_parse_long(arg, &v) || v < min || v > max) {
        die_usage(cmd, "invalid argument \"%s\" for %s; should be an integer "
                       "from %d to %d%s%s%s",
                  arg, opt, min, max, why ? " (" : "", why ? why : "",
                  why ? ")" : "");
        return -1;
    }
    *out = (int)v;
    return 0;
}

int parse_double_opt(const char *cmd, const char *opt, const char *arg,
                     double min_exclusive, double *out)
{
    double v;
    enum pp_num_status st = pp_num_parse(arg, &v);
    if (st != PP_NUM_OK || !(v > min_exclusive)) {
        die_usage(cmd, "invalid argument \"%s\" for %s; should be a %s "
                       "number > %g",
                  arg, opt, st == PP_NUM_NONFINITE ? "finite" : "decimal",
                  min_exclusive);
        return -1;
    }
    *out = v;
    return 0;
}

int parse_size_opt(const char *cmd, const char *opt, const char *arg,
                   size_t *out)
{
    static const char units[] = "KMG";
    size_t n = strlen(arg);
    char num[32];
    int shift = 0;
    if (n > 2 && !strcmp(arg + n - 2, "iB"))
        n -= 2; /* 64MiB as the messages write it */
    const char *u = n > 0 ? strchr(units, arg[n - 1]) : NULL;
    if (u && *u) {
        shift = 10 * (int)(u - units + 1);
        n--;
    }
    long v;
    if (n == 0 || n >= sizeof num ||
        (memcpy(num, arg, n), num[n] = '\0', pp_parse_long(num, &v)) ||
        v < 1 || (double)v * (double)((size_t)1 << shift) > (double)CLI_MAX_INPUT ||
        ((size_t)v << shift) < CLI_MIN_INPUT) {
        die_usage(cmd, "invalid argument \"%s\" for %s; should be a size "
                       "from 4K to 64G: bytes, or with K, M or G (64M, 2G)",
                  arg, opt);
        return -1;
    }
    *out = (size_t)v << shift;
    return 0;
}

int split_items(const char *cmd, const char *opt, const char *arg,
                char *list, char sep, const char *what, char ***items,
                size_t *n)
{
    size_t count = 1;
    for (const char *p = list; *p; p++)
        count += *p == sep;
    char **v = malloc(count * sizeof *v);
    if (!v) {
        message("out of memory");
        return -1;
    }
    char *p = list;
    for (size_t k = 0; k < count; k++) {
        char *end = strchr(p, sep);
        if (end)
            *end = '\0';
        if (!*p) {
            die_usage(cmd, "invalid argument \"%s\" for %s: empty item %zu "
                           "in %s",
                      arg, opt, k + 1, what);
            free(v);
            return -1;
        }
        v[k] = p;
        p = end ? end + 1 : p + strlen(p);
    }
    *items = v;
    *n = count;
    return 0;
}

int common_option(struct inputs *in, const char *cmd, int c, const char *arg)
{
    switch (c) {
    case OPT_PROFILE:
        in->profile_path = arg;
        return 1;
    case OPT_SCHEDULE:
        in->schedule = arg;
        return 1;
    case OPT_STAGES:
        return parse_int_opt(cmd, "--stages", arg, 1, CLI_MAX_SIZE,
                             CLI_SIZE_WHY, &in->stages) ? -1 : 1;
    case OPT_MICRO:
        return parse_int_opt(cmd, "--microbatches", arg, 1, CLI_MAX_SIZE,
                             CLI_SIZE_WHY, &in->microbatches) ? -1 : 1;
    case OPT_CHUNKS:
        return parse_int_opt(cmd, "--chunks", arg, 1, CLI_MAX_SIZE,
                             CLI_SIZE_WHY, &in->chunks) ? -1 : 1;
    case OPT_BLOCKING:
        in->blocking = arg;
        return 1;
    case OPT_KGPUS:
        return parse_int_opt(cmd, "--gpus-per-stage", arg, 1, CLI_MAX_GPUS,
                             NULL, &in->gpus_per_stage) ? -1 : 1;
    case OPT_OUTPUT:
        in->output = arg;
        return 1;
    case OPT_MAX_INPUT:
        return parse_size_opt(cmd, "--max-input", arg, &in->max_input) ? -1
                                                                       : 1;
    case OPT_QUIET:
        in->quiet = 1;
        return 1;
    case OPT_VERBOSE:
        in->verbose = 1;
        return 1;
    case OPT_FORMAT:
        if (!strcmp(arg, "human"))
            in->format = FMT_HUMAN;
        else if (!strcmp(arg, "json"))
            in->format = FMT_JSON;
        else if (!strcmp(arg, "yaml"))
            in->format = FMT_YAML;
        else if (!strcmp(arg, "csv"))
            in->format = FMT_CSV;
        else {
            die_usage(cmd, "invalid argument \"%s\" for --format; should be "
                           "one of human, json, yaml, csv", arg);
            return -1;
        }
        return 1;
    default:
        return 0;
    }
}

int solve_option(struct pp_solve_opts *so, const char *cmd, int c,
                 const char *arg)
{
    switch (c) {
    case OPT_SOLVE_MODEL:
        if (!strcmp(arg, "exact"))
            so->model = PP_MODEL_EXACT;
        else if (!strcmp(arg, "lowtime"))
            so->model = PP_MODEL_LOWTIME;
        else {
            die_usage(cmd, "invalid argument \"%s\" for --model; should be "
                           "one of exact, lowtime", arg);
            return -1;
        }
        return 1;
    case OPT_SOLVE_UNIT:
        return parse_double_opt(cmd, "--unit-time", arg, 0, &so->unit_time)
                   ? -1 : 1;
    case OPT_SOLVE_METHOD:
        if (!strcmp(arg, "auto"))
            so->method = PP_SOLVE_AUTO;
        else if (!strcmp(arg, "walk"))
            so->method = PP_SOLVE_WALK;
        else if (!strcmp(arg, "deadline"))
            so->method = PP_SOLVE_DEADLINE;
        else {
            die_usage(cmd, "invalid argument \"%s\" for --method; should be "
                           "one of auto, walk, deadline", arg);
            return -1;
        }
        return 1;
    case OPT_SOLVE_ORDER:
        if (!strcmp(arg, "artifact"))
            so->filter_order = PP_FILTER_ARTIFACT;
        else if (!strcmp(arg, "zeus"))
            so->filter_order = PP_FILTER_ZEUS;
        else {
            die_usage(cmd, "invalid argument \"%s\" for --filter-order; "
                           "should be one of artifact, zeus", arg);
            return -1;
        }
        return 1;
    }
    return 0;
}

static int is_yaml_path(const char *s)
{
    size_t n = strlen(s);
    return (n > 5 && !strcasecmp(s + n - 5, ".yaml")) ||
           (n > 4 && !strcasecmp(s + n - 4, ".yml")) ||
           (n > 5 && !strcasecmp(s + n - 5, ".json"));
}

/* -b as watts or a preset into *W; 0, or -1 after the message. */
static int parse_blocking(const char *cmd, const char *arg, double *w)
{
    if (!pp_blocking_preset(arg, w) || (!pp_parse_double(arg, w) && *w >= 0))
        return 0;
    die_usage(cmd, "invalid argument \"%s\" for --blocking-power; should be "
                   "watts (a decimal number >= 0) or one of a100, a40",
              arg);
    return -1;
}

/* The built-in schedule's sizes, with S known: the interleaved schedule's
 * microbatches a multiple of S, and the size within the DAG's bound. */
static int check_sizes(const char *cmd, int kind, int S, const struct inputs *in)
{
    struct pp_error err = {0};
    if (kind == PP_SCHED_INTERLEAVED && in->microbatches % S) {
        die_usage(cmd, "the interleaved schedule needs the microbatches (%d) "
                       "to be a multiple of the stages (%d)",
                  in->microbatches, S);
        return EXIT_USAGE;
    }
    if (pp_graph_check_sizes((enum pp_schedule_kind)kind, S,
                             in->microbatches, in->chunks, &err)) {
        die_usage(cmd, "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* -b and -K for a pipeline of NGPUS GPUs, by the solver's check; the
 * message names -b, the value out of range (-K is within its own). */
static int check_energy(const char *cmd, const struct inputs *in, int ngpus)
{
    struct pp_error err = {0};
    if (!pp_energy_check(&in->energy, ngpus, &err))
        return EXIT_OK;
    die_usage(cmd, "--blocking-power: %s", err.msg);
    return EXIT_USAGE;
}

/* A built-in schedule KIND's sizes: -M, -V for interleaved only, -S or a
 * profile to take it from; with -S, its size. */
static int check_builtin(struct run *r, int kind)
{
    const struct inputs *in = &r->in;
    const char *cmd = r->verb->name;
    if (in->microbatches <= 0) {
        die_usage(cmd, "the number of microbatches is required (-M N)");
        return EXIT_USAGE;
    }
    if (kind == PP_SCHED_INTERLEAVED && in->chunks < 2) {
        die_usage(cmd, "the interleaved schedule needs --chunks V >= 2");
        return EXIT_USAGE;
    }
    if (kind != PP_SCHED_INTERLEAVED && run_given(r, OPT_CHUNKS)) {
        die_usage(cmd, "--chunks applies to the interleaved schedule only");
        return EXIT_USAGE;
    }
    if (in->stages <= 0 && !in->profile_path) {
        die_usage(cmd, "the number of stages is required (-S N)");
        return EXIT_USAGE;
    }
    return in->stages > 0 ? check_sizes(cmd, kind, in->stages, in) : EXIT_OK;
}

int inputs_check(struct run *r)
{
    struct inputs *in = &r->in;
    const char *cmd = r->verb->name;
    if ((r->verb->flags & VERB_PROFILE) && !in->profile_path) {
        die_usage(cmd, "a profile is required (--profile FILE)");
        return EXIT_USAGE;
    }
    int kind = pp_schedule_parse(in->schedule), rc;
    if (kind < 0 && !is_yaml_path(in->schedule)) {
        die_usage(cmd, "invalid argument \"%s\" for --schedule; should be "
                       "one of 1f1b, gpipe, interleaved, or a custom DAG "
                       "file (.yaml)", in->schedule);
        return EXIT_USAGE;
    }
    static const struct {
        int opt;
        const char *name;
    } sizes[] = {{OPT_STAGES, "--stages"},
                 {OPT_MICRO, "--microbatches"},
                 {OPT_CHUNKS, "--chunks"}};
    for (size_t k = 0; kind < 0 && k < sizeof sizes / sizeof *sizes; k++)
        if (run_given(r, sizes[k].opt)) {
            die_usage(cmd, "%s does not apply to a custom DAG (%s sets the "
                           "GPUs, microbatches and chunks)",
                      sizes[k].name, in->schedule);
            return EXIT_USAGE;
        }
    if (kind >= 0 && (rc = check_builtin(r, kind)))
        return rc;
    in->energy.gpus_per_stage = in->gpus_per_stage;
    if (in->blocking &&
        parse_blocking(cmd, in->blocking, &in->energy.blocking_power))
        return EXIT_USAGE;
    return check_energy(cmd, in, in->stages > 0 ? in->stages : 1);
}

/* The solver's check of O, naming OPT if it fails. */
static int solve_opt_ok(const char *cmd, const struct pp_solve_opts *o,
                        const char *opt)
{
    struct pp_error err = {0};
    if (!pp_solve_opts_check(o, &err))
        return 1;
    die_usage(cmd, "%s: %s", opt, err.msg);
    return 0;
}

int solve_check(struct run *r)
{
    const char *cmd = r->verb->name;
    /* each value typed joins the defaults in turn, so the first check that
     * fails names its option */
    struct pp_solve_opts o;
    pp_solve_opts_init(&o);
    o.unit_time = r->so.unit_time;
    if (!solve_opt_ok(cmd, &o, "--unit-time"))
        return EXIT_USAGE;
    o.resolution = r->so.resolution;
    if (!solve_opt_ok(cmd, &o, "--resolution"))
        return EXIT_USAGE;
    o.residual_threshold = r->so.residual_threshold;
    if (!solve_opt_ok(cmd, &o, "--residual-threshold"))
        return EXIT_USAGE;
    if (!run_takes(r, OPT_SOLVE_MODEL))
        return EXIT_OK;
    if (run_model_only(r, OPT_SOLVE_UNIT, PP_MODEL_LOWTIME) ||
        run_model_only(r, OPT_SOLVE_ORDER, PP_MODEL_LOWTIME))
        return EXIT_USAGE;
    if (r->so.method == PP_SOLVE_DEADLINE && r->so.model != PP_MODEL_EXACT) {
        die_usage(cmd, "--method deadline applies to --model exact only");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int run_model_only(const struct run *r, int opt, enum pp_model model)
{
    char name[64];
    if (!run_given(r, opt) || r->so.model == model)
        return EXIT_OK;
    die_usage(r->verb->name, "%s applies to --model %s only",
              run_option_name(r, opt, name, sizeof name),
              model == PP_MODEL_LOWTIME ? "lowtime" : "exact");
    return EXIT_USAGE;
}

int work_check(struct run *r, int opt, enum pp_model model)
{
    struct pp_solve_opts o = r->so;
    struct pp_error err = {0};
    char name[64];
    if (!run_given(r, opt))
        return EXIT_OK;
    o.model = model;
    o.energy = r->in.energy;
    if (!pp_frontier_check_work(r->in.dag, r->in.prof, &o, &err))
        return EXIT_OK;
    die_usage(r->verb->name, "%s: %s",
              run_option_name(r, opt, name, sizeof name), err.msg);
    return EXIT_USAGE;
}

/* The profile named by -p, if any, with its notes (-v). */
static int load_profile(struct inputs *in)
{
    struct pp_error err = {0};
    if (!in->profile_path)
        return EXIT_OK;
    if (pp_profile_load(&in->prof, in->profile_path, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    char buf[256];
    if (in->verbose && pp_profile_freqsets_differ(in->prof, buf, sizeof buf))
        note(in, "note: %s", buf);
    /* Zeus per-rank rows: how they were aggregated (-v), and -K, since
     * the stage energies now include every tensor-parallel GPU. */
    const struct pp_profile *zp = in->prof;
    if (zp->rank_rows && in->verbose)
        note(in, "%s: Zeus per-rank rows: %d stage%s x %d tensor-parallel x "
                 "%d data-parallel ranks; time = slowest tensor-parallel "
                 "rank, energy = their sum, averaged over %d data-parallel "
                 "replica%s", zp->path, zp->nstages, zp->nstages == 1 ? "" : "s",
             zp->tp_degree, zp->dp_degree, zp->dp_degree,
             zp->dp_degree == 1 ? "" : "s");
    return EXIT_OK;
}

/* The blocking power, when the verb takes one: -b, else the profile's. */
static int load_blocking(struct run *r)
{
    struct inputs *in = &r->in;
    const struct pp_profile *zp = in->prof;
    if (!run_takes(r, OPT_BLOCKING) || in->blocking || !zp)
        return EXIT_OK;
    if (isnan(zp->blocking_power)) {
        die_usage(r->verb->name, "no blocking power: give --blocking-power W "
                                 "(or a100, a40), or blocking_power in a "
                                 "YAML profile");
        return EXIT_USAGE;
    }
    in->energy.blocking_power = zp->blocking_power;
    return EXIT_OK;
}

/* The built-in schedule KIND for IN, -S from the profile if not given. */
static int build_schedule(struct inputs *in, const char *cmd, int kind)
{
    struct pp_error err = {0};
    int S = in->stages, rc;
    if (S <= 0) {
        int V = kind == PP_SCHED_INTERLEAVED ? in->chunks : 1;
        if (in->prof->nstages % V) {
            die_usage(cmd, "the profile has %d stages, not a multiple of "
                           "--chunks %d; give --stages", in->prof->nstages, V);
            return EXIT_USAGE;
        }
        S = in->prof->nstages / V;
        if ((rc = check_sizes(cmd, kind, S, in)))
            return rc;
    }
    if (pp_graph_build(&in->dag, (enum pp_schedule_kind)kind, S,
                       in->microbatches, in->chunks, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int inputs_load(struct run *r)
{
    struct inputs *in = &r->in;
    const char *cmd = r->verb->name;
    struct pp_error err = {0};
    int rc;
    if ((rc = load_profile(in)) || (rc = load_blocking(r)))
        return rc;
    const struct pp_profile *zp = in->prof;
    if (zp && zp->rank_rows && zp->tp_degree != in->gpus_per_stage &&
        in->energy.blocking_power > 0)
        note(in, "note: %s: stage energies are those of %d tensor-parallel "
                 "GPUs, but -K is %d (GPUs per stage that block); give -K %d",
             zp->path, zp->tp_degree, in->gpus_per_stage, zp->tp_degree);
    int kind = pp_schedule_parse(in->schedule);
    if (kind < 0 && pp_graph_load_yaml(&in->dag, in->schedule, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    if (kind >= 0 && (rc = build_schedule(in, cmd, kind)))
        return rc;
    /* the solver's check of the blocking power for this pipeline: a usage
     * error for -b, an input's for the profile's */
    if (in->blocking)
        return check_energy(cmd, in, in->dag->ngpus);
    if (pp_energy_check(&in->energy, in->dag->ngpus, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int report_on_stdout(const struct inputs *in)
{
    return !in->output || !strcmp(in->output, "-");
}

int check_stdout_once(const char *cmd, int report_stdout, int n,
                      const char *const *opts, const char *const *paths)
{
    const char *first = NULL;
    for (int k = 0; k < n; k++) {
        if (!paths[k] || strcmp(paths[k], "-"))
            continue;
        if (report_stdout) {
            die_usage(cmd, "%s - would write into standard output together "
                           "with the report; give the report -o FILE, or "
                           "%s a file name",
                      opts[k], opts[k]);
            return EXIT_USAGE;
        }
        if (first) {
            die_usage(cmd, "%s - and %s - would both write into standard "
                           "output; give one of them a file name",
                      first, opts[k]);
            return EXIT_USAGE;
        }
        first = opts[k];
    }
    return EXIT_OK;
}

/* Progress of a long solve on stderr, only when it is a terminal. */
static int progress_on;

static void show_progress(void *ctx, size_t done, size_t expected)
{
    (void)ctx;
    if (!progress_on || done % 256)
        return;
    if (expected)
        fprintf(stderr, "\r%s: step %zu of about %zu", progname, done,
                expected);
    else
        fprintf(stderr, "\r%s: step %zu", progname, done);
}

void progress_attach(struct pp_solve_opts *so, const struct inputs *in)
{
    progress_on = !in->quiet && isatty(2);
    so->progress = show_progress;
    so->progress_ctx = NULL;
}

void progress_done(const struct pp_solve_opts *so)
{
    (void)so;
    if (progress_on)
        fprintf(stderr, "\r\033[K");
}
