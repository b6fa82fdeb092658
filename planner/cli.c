/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.c - shared option handling (strict value parsers, lists, the common
 * and solving options) and messages; the inputs' checks and loading are
 * inputs.c, the output files outfile.c.
 * The driver that runs a subcommand with them is driver.c.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *progname = "perseus-plan";

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

/* One line of FMT with AP after "perseus-plan: ", escaped. */
static void vmessage(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", progname);
    put_escaped(fmt, ap);
    fputc('\n', stderr);
}

void message(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
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
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
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

int parse_choice(const char *cmd, const char *opt, const char *arg,
                 const char *const *names, int n, int *out)
{
    char list[256] = "";
    size_t len = 0;
    for (int k = 0; k < n; k++) {
        if (!strcmp(arg, names[k])) {
            *out = k;
            return 0;
        }
        if (len < sizeof list)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                    k ? ", " : "", names[k]);
    }
    die_usage(cmd, "invalid argument \"%s\" for %s; should be one of %s", arg,
              opt, list);
    return -1;
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
    case OPT_FORMAT: {
        static const char *const names[] = {"human", "json", "yaml", "csv"};
        static const enum out_format v[] = {FMT_HUMAN, FMT_JSON, FMT_YAML,
                                            FMT_CSV};
        int k;
        if (parse_choice(cmd, "--format", arg, names, 4, &k))
            return -1;
        in->format = v[k];
        return 1;
    }
    default:
        return 0;
    }
}

int solve_option(struct pp_solve_opts *so, const char *cmd, int c,
                 const char *arg)
{
    static const char *const models[] = {"exact", "lowtime"};
    static const enum pp_model model_v[] = {PP_MODEL_EXACT, PP_MODEL_LOWTIME};
    static const char *const methods[] = {"auto", "walk", "deadline"};
    static const enum pp_solve_method method_v[] = {
        PP_SOLVE_AUTO, PP_SOLVE_WALK, PP_SOLVE_DEADLINE};
    static const char *const orders[] = {"artifact", "zeus"};
    static const enum pp_filter_order order_v[] = {PP_FILTER_ARTIFACT,
                                                   PP_FILTER_ZEUS};
    int k;
    switch (c) {
    case OPT_SOLVE_MODEL:
        if (parse_choice(cmd, "--model", arg, models, 2, &k))
            return -1;
        so->model = model_v[k];
        return 1;
    case OPT_SOLVE_UNIT:
        return parse_double_opt(cmd, "--unit-time", arg, 0, &so->unit_time)
                   ? -1 : 1;
    case OPT_SOLVE_METHOD:
        if (parse_choice(cmd, "--method", arg, methods, 3, &k))
            return -1;
        so->method = method_v[k];
        return 1;
    case OPT_SOLVE_ORDER:
        if (parse_choice(cmd, "--filter-order", arg, orders, 2, &k))
            return -1;
        so->filter_order = order_v[k];
        return 1;
    }
    return 0;
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
