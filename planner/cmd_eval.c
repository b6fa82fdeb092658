/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_eval.c - `perseus-plan eval`: time and energy of one plan.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "svg.h"

static const char eval_usage[] =
    "usage: perseus-plan eval -p PROFILE [-s SCHEDULE] [-M N] [-S N] [-V N]\n"
    "                         [-b W|a100|a40] [-K N] (--plan FILE |\n"
    "                         --frequency max|min-energy|MHZ)\n"
    "                         [--svg FILE] [-f human|json|yaml|csv] [-o FILE]\n"
    "                         [-q] [-v]\n"
    "\n"
    "Evaluate one frequency plan: iteration time (longest path), energy\n"
    "(computation + blocking), per-GPU busy and idle time.\n"
    "\n"
    "  -p, --profile FILE       per-stage profile (CSV or YAML; - is stdin)\n"
    "  -s, --schedule NAME|FILE 1f1b (default), gpipe, interleaved, or a\n"
    "                           custom DAG (.yaml)\n"
    "  -M, --microbatches N     microbatches per iteration\n"
    "  -S, --stages N           pipeline GPUs (default: from the profile)\n"
    "  -V, --chunks N           model chunks per GPU (interleaved)\n"
    "  -b, --blocking-power W   blocking power per GPU in W, or a100, a40\n"
    "                           (default: from a YAML profile)\n"
    "  -K, --gpus-per-stage N   tensor-parallel GPUs per stage (default 1)\n"
    "      --plan FILE          plan file (.yaml/.json, or Zeus .py)\n"
    "      --frequency F        uniform plan: max, min-energy (each\n"
    "                           instruction's own lowest-energy frequency),\n"
    "                           or MHz\n"
    "      --svg FILE           timeline picture: one row per GPU, each\n"
    "                           instruction coloured by its frequency, the\n"
    "                           critical path marked\n"
    "  -f, --format FMT         human (default), json, yaml, csv\n"
    "  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
    "  -q, --quiet              no diagnostics\n"
    "  -v, --verbose            more diagnostics\n"
    "  -h, --help               this help\n";

enum { OPT_PLAN = 256, OPT_FREQ, OPT_SVG };

struct eval_args {
    const char *plan, *freq, *svg;
};

static int eval_option(void *ctx, int c, const char *arg)
{
    struct eval_args *a = ctx;
    switch (c) {
    case OPT_PLAN:
        a->plan = arg;
        return 1;
    case OPT_FREQ:
        a->freq = arg;
        return 1;
    case OPT_SVG:
        a->svg = arg;
        return 1;
    }
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option longopts[] = {
        COMMON_LONGOPTS,
        {"plan", required_argument, NULL, OPT_PLAN},
        {"frequency", required_argument, NULL, OPT_FREQ},
        {"svg", required_argument, NULL, OPT_SVG},
        {NULL, 0, NULL, 0},
    };
    struct inputs in;
    struct pp_error err = {0};
    struct pp_plan *plan = NULL;
    struct pp_eval *ev = NULL;
    struct outfile out = {0};
    const char *plan_path = NULL, *freq = NULL, *svg = NULL;
    char desc[512];
    int rc = EXIT_USAGE;

    inputs_init(&in);
    struct eval_args a = {NULL, NULL, NULL};
    struct cmdspec spec = {"eval", eval_usage, longopts, eval_option, &a};
    if ((rc = parse_args(&spec, &in, argc, argv)) != ARGS_GO)
        goto out;
    rc = EXIT_USAGE;
    plan_path = a.plan;
    freq = a.freq;
    svg = a.svg;
    if (!plan_path == !freq) {
        die_usage("eval", "give exactly one of --plan FILE and --frequency");
        goto out;
    }
    int mhz = 0;
    if (freq) {
        if (!strcmp(freq, "max"))
            mhz = PP_FREQ_MAX;
        else if (!strcmp(freq, "min-energy"))
            mhz = PP_FREQ_MIN_ENERGY;
        else {
            long v;
            if (pp_parse_long(freq, &v) || v < 1 || v > 1000000) {
                die_usage("eval", "invalid argument \"%s\" for --frequency; "
                                  "should be max, min-energy or a frequency "
                                  "in MHz", freq);
                goto out;
            }
            mhz = (int)v;
        }
    }
    if ((rc = inputs_load(&in, "eval", 1)))
        goto out;
    rc = EXIT_FAIL;
    if (plan_path) {
        if (pp_plan_load(&plan, plan_path, in.dag, &err))
            goto fail;
        snprintf(desc, sizeof desc, "%s", plan_path);
    } else {
        if (pp_solver_plan_uniform(&plan, in.dag, in.prof, mhz, &in.energy,
                                   &err))
            goto fail;
        if (mhz == PP_FREQ_MAX)
            snprintf(desc, sizeof desc, "every instruction at its maximum "
                                        "frequency");
        else if (mhz == PP_FREQ_MIN_ENERGY)
            snprintf(desc, sizeof desc, "every instruction at its own "
                                        "minimum-energy frequency");
        else
            snprintf(desc, sizeof desc, "every instruction at %d MHz", mhz);
    }
    if (pp_eval(&ev, in.dag, in.prof, plan, &in.energy, &err))
        goto fail;
    if ((rc = out_open(&out, in.output)))
        goto out;
    report_eval(out.f, in.format, &in, desc, ev);
    if ((rc = out_commit(&out)))
        goto out;
    if (svg && !(rc = out_open(&out, svg)))
        rc = out_finish(&out, svg_timeline(out.f, in.dag, ev, plan, desc));
    goto out;
fail:
    report_error(&err);
    rc = EXIT_FAIL;
out:
    if (out.f)
        out_abort(&out);
    pp_eval_free(ev);
    pp_plan_free(plan);
    inputs_free(&in);
    return rc;
}
