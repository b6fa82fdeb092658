/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_lookup.c - `perseus-plan lookup`: a plan from a saved frontier.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "yamltree.h"

static const char lookup_usage[] =
    "usage: perseus-plan lookup FRONTIER (--deadline S | --slowdown F)\n"
    "                           [--emit FILE] [-f yaml|json|zeus] [-o FILE]\n"
    "                           [-q]\n"
    "\n"
    "Pick a point of a frontier saved by 'perseus-plan plan --save' with the\n"
    "lookup rule (the minimum-energy point no slower than the deadline) and\n"
    "write its plan, without solving again.  The plan goes to stdout (or\n"
    "-o FILE) in the chosen format; --emit FILE writes it with the format\n"
    "taken from the file name (.py Zeus, .json JSON, otherwise YAML).  The\n"
    "point's time and energy are reported on stderr.\n"
    "\n"
    "      --deadline S         iteration time to meet, seconds\n"
    "      --slowdown F         deadline T_min * (1 + F)\n"
    "      --emit FILE          write the plan to FILE\n"
    "  -f, --format FMT         yaml (default), json or zeus\n"
    "  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
    "  -q, --quiet              no report on stderr\n"
    "  -h, --help               this help\n";

enum { OPT_DEADLINE = 256, OPT_SLOWDOWN, OPT_EMIT };

static int fmt_from_name(const char *path)
{
    size_t n = strlen(path);
    if (n > 3 && !strcmp(path + n - 3, ".py"))
        return PP_PLAN_ZEUS;
    if (n > 5 && !strcmp(path + n - 5, ".json"))
        return PP_PLAN_JSON;
    return PP_PLAN_YAML;
}

static int emit(const struct pp_plan *plan, const struct pp_dag *dag,
                enum pp_plan_format fmt, const char *comment, const char *path)
{
    struct outfile out;
    int rc = out_open(&out, path);
    if (rc)
        return rc;
    return out_finish(&out, pp_plan_write(plan, dag, fmt, comment, out.f));
}

int cmd_lookup(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"deadline", required_argument, NULL, OPT_DEADLINE},
        {"slowdown", required_argument, NULL, OPT_SLOWDOWN},
        {"emit", required_argument, NULL, OPT_EMIT},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct pp_error err = {0};
    struct pp_frontier *fr = NULL;
    struct pp_dag *dag = NULL;
    struct pp_plan *plan = NULL;
    char *text = NULL;
    size_t len;
    const char *output = NULL, *emit_path = NULL;
    double deadline = NAN, slowdown = NAN;
    enum pp_plan_format fmt = PP_PLAN_YAML;
    int quiet = 0, c, rc = EXIT_USAGE;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(lookup_usage, stdout);
            return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
        case OPT_DEADLINE:
            if (parse_double_opt("lookup", "--deadline", optarg, 0, &deadline))
                return EXIT_USAGE;
            break;
        case OPT_SLOWDOWN:
            if (parse_nonneg_opt("lookup", "--slowdown", optarg, &slowdown))
                return EXIT_USAGE;
            break;
        case OPT_EMIT:
            emit_path = optarg;
            break;
        case 'f':
            if (!strcmp(optarg, "yaml"))
                fmt = PP_PLAN_YAML;
            else if (!strcmp(optarg, "json"))
                fmt = PP_PLAN_JSON;
            else if (!strcmp(optarg, "zeus"))
                fmt = PP_PLAN_ZEUS;
            else {
                die_usage("lookup", "invalid argument \"%s\" for --format; "
                                    "should be one of yaml, json, zeus",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        default:
            die_usage("lookup", "unknown or incomplete option \"%s\"",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        die_usage("lookup", optind >= argc ? "a frontier file is required"
                                           : "too many arguments");
        return EXIT_USAGE;
    }
    if (isnan(deadline) == isnan(slowdown)) {
        die_usage("lookup", "give exactly one of --deadline and --slowdown");
        return EXIT_USAGE;
    }
    rc = EXIT_FAIL;
    const char *path = argv[optind];
    if (pp_read_file(path, &text, &len, &err) ||
        pp_frontier_read(&fr, &dag, path, text, len, &err)) {
        report_error(&err);
        goto out;
    }
    double tmin = fr->pts[pp_frontier_fastest(fr)].time;
    double target = isnan(deadline) ? tmin * (1.0 + slowdown) : deadline;
    long p = pp_frontier_lookup(fr, target);
    if (p < 0) {
        fprintf(stderr, "%s: lookup: deadline %.9g s is below the fastest "
                        "iteration time T_min = %.9g s\n",
                progname, target, tmin);
        goto out;
    }
    if (pp_plan_new(&plan, dag->n)) {
        fprintf(stderr, "%s: out of memory\n", progname);
        goto out;
    }
    pp_frontier_plan_at(fr, (size_t)p, plan->mhz);
    char comment[256];
    snprintf(comment, sizeof comment,
             "perseus-plan frontier point %ld: time %.9g s, energy %.9g J", p,
             fr->pts[p].time, fr->pts[p].energy);
    if (!quiet)
        fprintf(stderr, "%s: point %ld: time %.6f s (%+.2f%% vs T_min), "
                        "energy %.3f J\n",
                progname, p, fr->pts[p].time,
                100.0 * (fr->pts[p].time / tmin - 1.0), fr->pts[p].energy);
    if ((rc = emit(plan, dag, fmt, comment, output)))
        goto out;
    if (emit_path &&
        (rc = emit(plan, dag, fmt_from_name(emit_path), comment, emit_path)))
        goto out;
    rc = EXIT_OK;
out:
    free(text);
    pp_plan_free(plan);
    pp_frontier_free(fr);
    pp_graph_free(dag);
    return rc;
}
