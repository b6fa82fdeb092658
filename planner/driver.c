/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * driver.c - the one driver that runs a subcommand (struct verb, cli.h):
 * options, usage checks, inputs, the verb's computation, its report to
 * stdout or -o FILE, what follows it, and the cleanup, in that order.
 * Every subcommand's exit status comes from here.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int run_error(struct run *r)
{
    report_error(&r->err);
    return EXIT_FAIL;
}

enum { GO_ON = -1 };

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
    if (v->check && (rc = v->check(&r)))
        goto out;
    if ((!(v->flags & VERB_NO_INPUTS) &&
         (rc = inputs_load(&r.in, v->name, !!(v->flags & VERB_PROFILE)))) ||
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
