/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_check.c - `perseus-plan check`: a CI gate before a training job.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "whatif.h"

static const char check_usage[] =
    "usage: perseus-plan check -p PROFILE [-s SCHEDULE] [-M N] [-S N] [-V N]\n"
    "                          [-b W|a100|a40] [-K N] [--plan FILE]\n"
    "                          [--max-slowdown F] [--min-saving F]\n"
    "                          [-f human|json] [-o FILE] [-q]\n"
    "\n"
    "Validate a profile and a schedule, and a plan file against them (every\n"
    "instruction of every GPU in order, every frequency measured), and\n"
    "report the intrinsic energy bloat: the energy the no-slowdown Perseus\n"
    "plan saves against all-max frequency.  The gates apply to the plan file\n"
    "if one is given, else to the no-slowdown Perseus plan; a missed budget\n"
    "exits with status 3 and one line saying which budget and by how much.\n"
    "\n"
    "  -p, --profile FILE       per-stage profile (CSV or YAML)\n"
    "  -s, --schedule NAME|FILE 1f1b (default), gpipe, interleaved, or YAML\n"
    "  -M, --microbatches N     microbatches per iteration\n"
    "  -S, --stages N           pipeline GPUs (default: from the profile)\n"
    "  -V, --chunks N           model chunks per GPU (interleaved)\n"
    "  -b, --blocking-power W   blocking power per GPU in W, or a100, a40\n"
    "  -K, --gpus-per-stage N   tensor-parallel GPUs per stage (default 1)\n"
    "      --plan FILE          the plan to check (.yaml/.json or Zeus .py)\n"
    "      --max-slowdown F     fail if the plan is more than F slower than\n"
    "                           all-max frequency (0.02 = 2%)\n"
    "      --min-saving F       fail if the plan saves less than F of the\n"
    "                           all-max energy\n"
    "  -f, --format FMT         human (default) or json\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -q, --quiet              no report, only the verdict on stderr\n"
    "  -h, --help               this help\n"
    "\n"
    "Exit status: 0 all checks pass, 1 invalid input, 2 usage error,\n"
    "3 a budget was missed.\n";

enum { OPT_PLANF = 256, OPT_MAXSLOW, OPT_MINSAVE };

struct check_args {
    const char *plan;
    double max_slow, min_save;
};

static int check_option(void *ctx, int c, const char *arg)
{
    struct check_args *a = ctx;
    switch (c) {
    case OPT_PLANF:
        a->plan = arg;
        return 1;
    case OPT_MAXSLOW:
        return parse_nonneg_opt("check", "--max-slowdown", arg, &a->max_slow)
                   ? -1 : 1;
    case OPT_MINSAVE:
        if (pp_parse_double(arg, &a->min_save) || a->min_save >= 1.0) {
            die_usage("check", "invalid argument \"%s\" for --min-saving; "
                               "should be a fraction below 1", arg);
            return -1;
        }
        return 1;
    }
    return 0;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        COMMON_LONGOPTS,
        {"plan", required_argument, NULL, OPT_PLANF},
        {"max-slowdown", required_argument, NULL, OPT_MAXSLOW},
        {"min-saving", required_argument, NULL, OPT_MINSAVE},
        {NULL, 0, NULL, 0},
    };
    struct inputs in;
    struct pp_solve_opts so;
    struct whatif w = {0};
    struct outfile out = {0};
    struct pp_plan *plan = NULL;
    struct pp_eval *ev = NULL;
    struct pp_error err = {0};
    const char *plan_path = NULL;
    double max_slow = NAN, min_save = NAN;
    int rc = EXIT_USAGE;

    inputs_init(&in);
    pp_solve_opts_init(&so);
    struct check_args a = {NULL, NAN, NAN};
    struct cmdspec spec = {"check", check_usage, longopts, check_option, &a};
    if ((rc = parse_args(&spec, &in, argc, argv)) != ARGS_GO)
        goto out;
    rc = EXIT_USAGE;
    plan_path = a.plan;
    max_slow = a.max_slow;
    min_save = a.min_save;
    if (in.format == FMT_YAML || in.format == FMT_CSV) {
        die_usage("check", "--format for check should be one of human, json");
        goto out;
    }
    if ((rc = inputs_load(&in, "check", 1)))
        goto out;
    rc = EXIT_FAIL;
    if (plan_path && (pp_plan_load(&plan, plan_path, in.dag, &err) ||
                      pp_eval(&ev, in.dag, in.prof, plan, &in.energy, &err))) {
        report_error(&err);
        goto out;
    }
    if ((rc = whatif_prepare(&w, &in, &so, 0, PP_VALUES_REALIZED)))
        goto out;
    double tmin = w.acct.t_min, emax = w.eval[PP_METHOD_ALLMAX]->e_total;
    const struct pp_point *nos = &w.fr->pts[w.acct.p_nos];
    double t = plan ? ev->time : nos->time, e = plan ? ev->e_total : nos->energy;
    double slow = t / tmin - 1, save = 1 - e / emax;
    double bloat = emax - nos->energy;
    int miss_slow = !isnan(max_slow) && slow > max_slow + 1e-12;
    int miss_save = !isnan(min_save) && save < min_save - 1e-12;

    if ((rc = out_open(&out, in.output)))
        goto out;
    if (in.format == FMT_JSON) {
        fprintf(out.f, "{\"format_version\": 1, \"valid\": true, "
                       "\"plan\": ");
        if (plan_path)
            put_json_string(out.f, plan_path);
        else
            fputs("null", out.f);
        fprintf(out.f, ", \"allmax_time\": %.17g, \"allmax_energy\": %.17g, "
                       "\"intrinsic_bloat\": %.17g, "
                       "\"intrinsic_bloat_fraction\": %.17g, "
                       "\"time\": %.17g, \"energy\": %.17g, "
                       "\"slowdown\": %.17g, \"saving\": %.17g, "
                       "\"max_slowdown_met\": %s, \"min_saving_met\": %s}\n",
                tmin, emax, bloat, bloat / emax, t, e, slow, save,
                miss_slow ? "false" : "true", miss_save ? "false" : "true");
    } else if (!in.quiet) {
        fprintf(out.f, "inputs        valid: profile %s, %s schedule, %zu "
                       "instructions%s%s\n",
                in.prof->path, in.dag->schedule, in.dag->n,
                plan_path ? ", plan " : "", plan_path ? plan_path : "");
        fprintf(out.f, "all-max       T %.6f s  E %.3f J\n", tmin, emax);
        fprintf(out.f, "intrinsic bloat %.3f J per iteration (%.2f%% of the "
                       "all-max energy)\n", bloat, 100 * bloat / emax);
        fprintf(out.f, "%s T %.6f s  E %.3f J  (slowdown %.2f%%, saving "
                       "%.2f%%)\n",
                plan ? "plan         " : "Perseus plan ", t, e, 100 * slow,
                100 * save);
    }
    if ((rc = out_commit(&out)))
        goto out;
    rc = EXIT_OK;
    if (miss_slow) {
        fprintf(stderr, "%s: check: slowdown %.2f%% exceeds --max-slowdown "
                        "%.2f%% by %.2f points\n",
                progname, 100 * slow, 100 * max_slow,
                100 * (slow - max_slow));
        rc = EXIT_GATE;
    }
    if (miss_save) {
        fprintf(stderr, "%s: check: saving %.2f%% is below --min-saving "
                        "%.2f%% by %.2f points\n",
                progname, 100 * save, 100 * min_save,
                100 * (min_save - save));
        rc = EXIT_GATE;
    }
out:
    if (out.f)
        out_abort(&out);
    pp_eval_free(ev);
    pp_plan_free(plan);
    whatif_free(&w);
    inputs_free(&in);
    return rc;
}
