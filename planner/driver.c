/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * driver.c - the one driver that runs a subcommand (struct verb, cli.h):
 * options, usage checks, inputs, the verb's computation, its report to
 * stdout or -o FILE, what follows it, and the cleanup, in that order.
 * Every subcommand's exit status comes from here.  The usage checks here
 * are those of the options themselves: the common ones a verb refuses, an
 * empty file name, an option without the one it qualifies, and the
 * solving options against the solver's ranges and model; the inputs' own
 * are inputs.c.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"

int run_error(struct run *r)
{
    report_error(&r->err);
    return EXIT_FAIL;
}

enum { GO_ON = -1 };

int run_given(const struct run *r, int c)
{
    return c >= 0 && (size_t)c < 8 * sizeof r->given &&
           (r->given[c / 8] >> (c % 8) & 1);
}

/* Why V does not take the option of code C, or NULL if it does. */
static const char *refused(const struct verb *v, int c)
{
    for (const struct refusal *q = v->refuses; q && q->why; q++)
        if (q->opt == c)
            return q->why;
    return NULL;
}

int run_takes(const struct run *r, int c)
{
    return !refused(r->verb, c);
}

/* The long name of V's option of code C ("--profile"), into BUF. */
static const char *long_name(const struct verb *v, int c, char *buf,
                             size_t len)
{
    for (const struct option *o = v->longopts; o->name; o++)
        if (o->val == c) {
            snprintf(buf, len, "--%s", o->name);
            return buf;
        }
    snprintf(buf, len, "-%c", c);
    return buf;
}

const char *run_option_name(const struct run *r, int c, char *buf,
                            size_t len)
{
    return long_name(r->verb, c, buf, len);
}

int run_needs(const struct run *r, int opt, int needs)
{
    char a[64], b[64];
    if (!run_given(r, opt) || run_given(r, needs))
        return EXIT_OK;
    die_usage(r->verb->name, "%s applies only with %s",
              long_name(r->verb, opt, a, sizeof a),
              long_name(r->verb, needs, b, sizeof b));
    return EXIT_USAGE;
}

/* What the option of long name NAME takes when its argument is a file
 * name (or a directory's), else NULL: an empty one is a usage error. */
static const char *file_kind(const char *name)
{
    static const char *const files[] = {"--profile", "--output", "--emit",
                                        "--svg",     "--save",   "--plan",
                                        "--fit",     NULL};
    if (!strcmp(name, "--zeus-dir"))
        return "directory name";
    for (int k = 0; files[k]; k++)
        if (!strcmp(name, files[k]))
            return "file name";
    return NULL;
}

/*
 * Refuse option C with argument ARG before any handler sees it: one the
 * verb does not take (its reason from v->refuses), or an empty file name.
 * Returns 0 to go on, -1 after the usage error.
 */
static int refuse(const struct run *r, int c, const char *arg)
{
    const struct verb *v = r->verb;
    const char *why = refused(v, c), *kind;
    char name[64];
    long_name(v, c, name, sizeof name);
    if (why) {
        die_usage(v->name, "%s does not apply to %s (%s)", name, v->name,
                  why);
        return -1;
    }
    if (arg && !*arg && (kind = file_kind(name))) {
        die_usage(v->name, "empty %s for %s", kind, name);
        return -1;
    }
    return 0;
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

/* Options and operands into R.  Returns GO_ON, or the exit status (EXIT_OK
 * after --help, EXIT_USAGE after a usage error). */
static int parse(struct run *r, int argc, char **argv)
{
    const struct verb *v = r->verb;
    const char *shortopts = v->shortopts ? v->shortopts : COMMON_SHORTOPTS;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, v->longopts, NULL)) != -1) {
        int h = 0;
        if (c != '?' && c != ':' && refuse(r, c, optarg))
            return EXIT_USAGE;
        if (c >= 0 && (size_t)c < 8 * sizeof r->given)
            r->given[c / 8] |= (unsigned char)(1u << (c % 8));
        if (c != OPT_HELP && v->option)
            h = v->option(r, c, optarg);
        if (!h)
            h = common_option(&r->in, v->name, c, optarg);
        if (!h)
            h = solve_option(&r->so, v->name, c, optarg);
        if (h < 0)
            return EXIT_USAGE;
        if (h)
            continue;
        if (c == OPT_HELP) {
            fputs(v->usage, stdout);
            if (v->usage_more)
                fputs(v->usage_more, stdout);
            return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
        }
        die_usage(v->name, "unknown or incomplete option \"%s\"",
                  argv[optind - 1]);
        return EXIT_USAGE;
    }
    if (v->operand_missing) {
        if (optind + 1 != argc) {
            die_usage(v->name, "%s", optind >= argc ? v->operand_missing
                                                    : "too many arguments");
            return EXIT_USAGE;
        }
        r->operand = argv[optind];
    } else if (optind < argc) {
        die_usage(v->name, "unexpected argument \"%s\"", argv[optind]);
        return EXIT_USAGE;
    }
    return GO_ON;
}

/* Step 2: the verb's usage checks, then those every verb shares. */
static int usage_checks(struct run *r)
{
    const struct verb *v = r->verb;
    int rc;
    if (v->check && (rc = v->check(r)))
        return rc;
    if (!(v->flags & VERB_NO_INPUTS) && (rc = inputs_check(r)))
        return rc;
    return solve_check(r);
}

int verb_run(const struct verb *v, int argc, char **argv)
{
    struct run r;
    struct outfile out;
    int rc;

    memset(&r, 0, sizeof r);
    r.verb = v;
    inputs_init(&r.in);
    pp_solve_opts_init(&r.so);
    if (v->state_size) {
        if (!(r.state = malloc(v->state_size))) {
            fprintf(stderr, "%s: out of memory\n", progname);
            return EXIT_FAIL;
        }
        memcpy(r.state, v->state_init, v->state_size);
    }
    if ((rc = parse(&r, argc, argv)) != GO_ON)
        goto out;
    if ((rc = usage_checks(&r)))
        goto out;
    /* every file read from here on is within --max-input */
    pp_read_set_limits(r.in.max_input, r.in.max_input / 16);
    pp_read_set_hint("raise it with --max-input");
    if ((!(v->flags & VERB_NO_INPUTS) && (rc = inputs_load(&r))) ||
        (v->compute && (rc = v->compute(&r)))) {
        /* the status stays RC whether this report is written or not */
        if (rc != EXIT_USAGE && v->report_failed &&
            !out_open(&out, r.in.output))
            (void)out_finish(&out, v->report_failed(&r, out.f, rc));
        goto out;
    }
    if ((rc = out_open(&out, r.in.output)))
        goto out;
    if ((rc = out_finish(&out, v->report(&r, out.f))))
        goto out;
    if (v->after)
        rc = v->after(&r);
out:
    /* every output file is put in place now, or none is */
    if (outputs_end() && !rc)
        rc = EXIT_FAIL;
    if (v->cleanup && r.state)
        v->cleanup(&r);
    free(r.state);
    inputs_free(&r.in);
    return rc;
}
