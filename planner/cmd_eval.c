/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_eval.c - `perseus-plan eval`: time and energy of one plan.
 */
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "report.h"
#include "svg_cli.h"

static const char eval_usage[] =
    "usage: perseus-plan eval -p PROFILE [-s SCHEDULE] [-M N] [-S N] [-V N]\n"
    "                         [-b W|a100|a40] [-K N] (--plan FILE |\n"
    "                         --frequency max|min-energy|MHZ)\n"
    "                         [--svg FILE [--svg-width W] [--svg-window A:B]]\n"
    "                         [--max-input SIZE]\n"
    "                         [-f human|json|yaml|csv] [-o FILE] [-q] [-v]\n"
    "\n"
    "Evaluate one frequency plan: iteration time (longest path), energy\n"
    "(computation + blocking), per-GPU busy and idle time; json, yaml and\n"
    "csv also list every instruction's GPU, kind, microbatch, frequency,\n"
    "start, end, slack and whether it is critical.  A plan file made for\n"
    "other inputs (its provenance) is evaluated after a warning.\n"
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
    "      --svg-width W        picture width: px, or with a unit (3.5in,\n"
    "                           8cm; default: grows with the iteration)\n"
    "      --svg-window A:B     timeline from A to B seconds only\n"
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
    "  -f, --format FMT         human (default), json, yaml, csv\n"
    "  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
    "  -q, --quiet              no diagnostics\n"
    "  -v, --verbose            more diagnostics\n"
    "  -h, --help               this help\n";

enum { OPT_PLAN = 256, OPT_FREQ };

struct eval_state {
    const char *plan_path, *freq;       /* options */
    struct svg_request svg;             /* --svg, --svg-width, --svg-window */
    int mhz;                            /* --frequency as a number */
    char desc[512];                     /* the plan, in words */
    struct pp_plan *plan;
    struct pp_eval *ev;
};

static int eval_option(struct run *r, int c, const char *arg)
{
    struct eval_state *e = r->state;
    int h = svg_option(&e->svg, "eval", c, arg);
    if (h)
        return h;
    switch (c) {
    case OPT_PLAN:
        e->plan_path = arg;
        return 1;
    case OPT_FREQ:
        e->freq = arg;
        return 1;
    }
    return 0;
}

static int eval_check(struct run *r)
{
    struct eval_state *e = r->state;
    long v;
    if (!e->plan_path == !e->freq) {
        die_usage("eval", "give exactly one of --plan FILE and --frequency");
        return EXIT_USAGE;
    }
    const char *opt = "--svg";
    if (check_stdout_once("eval", report_on_stdout(&r->in), 1, &opt,
                          &e->svg.path) ||
        run_needs(r, OPT_SVG_WIDTH, OPT_SVG_FILE) ||
        run_needs(r, OPT_SVG_WINDOW, OPT_SVG_FILE))
        return EXIT_USAGE;
    if (!e->freq)
        return EXIT_OK;
    if (!strcmp(e->freq, "max")) {
        e->mhz = PP_FREQ_MAX;
    } else if (!strcmp(e->freq, "min-energy")) {
        e->mhz = PP_FREQ_MIN_ENERGY;
    } else if (pp_parse_long(e->freq, &v) || v < 1 || v > PP_MAX_MHZ) {
        die_usage("eval", "invalid argument \"%s\" for --frequency; should "
                          "be max, min-energy or a frequency in MHz from 1 "
                          "to %d",
                  e->freq, PP_MAX_MHZ);
        return EXIT_USAGE;
    } else {
        e->mhz = (int)v;
    }
    return EXIT_OK;
}

static int eval_compute(struct run *r)
{
    struct eval_state *e = r->state;
    struct inputs *in = &r->in;
    if (e->plan_path) {
        /* a plan made for other inputs: say so, and evaluate it anyway */
        struct pp_provenance *prov = NULL;
        char why[1024];
        int rc = pp_plan_read_file(&e->plan, &prov, e->plan_path, in->dag,
                                   &r->err);
        if (provenance_mismatch(prov, in, why, sizeof why))
            note(in, "warning: %s was made for other inputs: %s; evaluating "
                     "it anyway",
                 e->plan_path, why);
        pp_provenance_free(prov);
        if (rc)
            return run_error(r);
        snprintf(e->desc, sizeof e->desc, "%s", e->plan_path);
    } else {
        if (pp_solver_plan_uniform(&e->plan, in->dag, in->prof, e->mhz,
                                   &in->energy, &r->err))
            return run_error(r);
        if (e->mhz == PP_FREQ_MAX)
            snprintf(e->desc, sizeof e->desc, "every instruction at its "
                                              "maximum frequency");
        else if (e->mhz == PP_FREQ_MIN_ENERGY)
            snprintf(e->desc, sizeof e->desc, "every instruction at its own "
                                              "minimum-energy frequency");
        else
            snprintf(e->desc, sizeof e->desc, "every instruction at %d MHz",
                     e->mhz);
    }
    if (pp_eval(&e->ev, in->dag, in->prof, e->plan, &in->energy, &r->err))
        return run_error(r);
    return EXIT_OK;
}

static int eval_report(struct run *r, FILE *f)
{
    struct eval_state *e = r->state;
    return report_eval(f, r->in.format, &r->in, e->desc, e->plan, e->ev);
}

/* The timeline picture, after the report. */
static int eval_after(struct run *r)
{
    struct eval_state *e = r->state;
    struct outfile out;
    int rc;
    if (!e->svg.path)
        return EXIT_OK;
    svg_describe(&e->svg, &r->in);
    e->svg.info.plan = e->desc;
    if ((rc = out_open(&out, e->svg.path)))
        return rc;
    return out_finish(&out, svg_timeline(out.f, r->in.dag, e->ev, e->plan,
                                         &e->svg.info));
}

static void eval_cleanup(struct run *r)
{
    struct eval_state *e = r->state;
    pp_eval_free(e->ev);
    pp_plan_free(e->plan);
}

static const struct option eval_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"plan", required_argument, NULL, OPT_PLAN},
    {"frequency", required_argument, NULL, OPT_FREQ},
    SVG_LONGOPTS,
    SVG_WINDOW_LONGOPT,
    {NULL, 0, NULL, 0},
};

static const struct eval_state eval_init;

#define NO_SOLVE "it evaluates one plan; nothing is solved"
static const struct refusal eval_refuses[] = {
    {OPT_SOLVE_MODEL, NO_SOLVE},
    {OPT_SOLVE_UNIT, NO_SOLVE},
    {OPT_SOLVE_ORDER, NO_SOLVE},
    {OPT_SOLVE_METHOD, NO_SOLVE},
    {0, NULL},
};

const struct verb verb_eval = {
    .name = "eval",
    .summary = "iteration time and energy of one plan",
    .usage = eval_usage,
    .longopts = eval_longopts,
    .refuses = eval_refuses,
    .flags = VERB_PROFILE,
    .state_size = sizeof(struct eval_state),
    .state_init = &eval_init,
    .option = eval_option,
    .check = eval_check,
    .compute = eval_compute,
    .report = eval_report,
    .after = eval_after,
    .cleanup = eval_cleanup,
};
