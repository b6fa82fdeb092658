/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_check.c - `perseus-plan check`: a CI gate before a training job.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
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
    "A plan file that records other inputs than these (another profile, by\n"
    "content, schedule, size, -K or -b) exits with status 4 and one line\n"
    "saying what differs.\n"
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
    "                           all-max frequency (0.02, 2% or x1.02)\n"
    "      --min-saving F       fail if the plan saves less than F of the\n"
    "                           all-max energy (0.1 or 10%)\n"
    "  -f, --format FMT         human (default) or json\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -q, --quiet              no report, only the verdict on stderr\n"
    "  -h, --help               this help\n"
    "\n"
    "Exit status: 0 all checks pass, 1 invalid input, 2 usage error,\n"
    "3 a budget was missed, 4 the plan was made for other inputs (its\n"
    "provenance names another profile, schedule, size, -K or -b).\n";

enum { OPT_PLANF = 256, OPT_MAXSLOW, OPT_MINSAVE };

struct check_state {
    /* options */
    const char *plan_path;
    double max_slow, min_save; /* NAN: no budget */
    /* results */
    struct pp_plan *plan;
    struct pp_eval *ev;
    struct whatif w;
    double t, e, slow, save, bloat; /* the judged plan against all-max */
    int miss_slow, miss_save;
};

static int check_option(struct run *r, int c, const char *arg)
{
    struct check_state *a = r->state;
    switch (c) {
    case OPT_PLANF:
        a->plan_path = arg;
        return 1;
    case OPT_MAXSLOW: {
        struct pp_dec f;
        if (parse_slowdown("check", "--max-slowdown", arg, SD_FRACTION, &f))
            return -1;
        a->max_slow = pp_dec_double(f);
        return 1;
    }
    case OPT_MINSAVE:
        return parse_fraction_opt("check", "--min-saving", arg,
                                  &a->min_save) ? -1 : 1;
    }
    return 0;
}

static int check_check(struct run *r)
{
    if (r->in.format == FMT_YAML || r->in.format == FMT_CSV) {
        die_usage("check", "--format for check should be one of human, json");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* The plan file or else the no-slowdown Perseus plan, against all-max. */
static int check_compute(struct run *r)
{
    struct check_state *a = r->state;
    struct inputs *in = &r->in;
    int rc;
    if (a->plan_path) {
        struct pp_provenance *prov = NULL;
        char why[1024];
        rc = pp_plan_read_file(&a->plan, &prov, a->plan_path, in->dag,
                               &r->err);
        int other = provenance_mismatch(prov, in, why, sizeof why);
        pp_provenance_free(prov);
        if (other) {
            fprintf(stderr, "%s: check: %s was made for other inputs: %s\n",
                    progname, a->plan_path, why);
            return EXIT_OTHER_INPUTS;
        }
        if (rc || pp_eval(&a->ev, in->dag, in->prof, a->plan, &in->energy,
                          &r->err))
            return run_error(r);
    }
    if ((rc = whatif_prepare(&a->w, in, &r->so, 0, PP_VALUES_REALIZED,
                             NULL, 0)))
        return rc;
    double tmin = a->w.acct.t_min;
    double emax = a->w.eval[PP_METHOD_ALLMAX]->e_total;
    const struct pp_point *nos = &a->w.fr->pts[a->w.acct.p_nos];
    a->t = a->plan ? a->ev->time : nos->time;
    a->e = a->plan ? a->ev->e_total : nos->energy;
    a->slow = a->t / tmin - 1;
    a->save = 1 - a->e / emax;
    a->bloat = emax - nos->energy;
    a->miss_slow = !isnan(a->max_slow) && a->slow > a->max_slow + 1e-12;
    a->miss_save = !isnan(a->min_save) && a->save < a->min_save - 1e-12;
    return EXIT_OK;
}

static int check_report(struct run *r, FILE *f)
{
    struct check_state *a = r->state;
    const struct inputs *in = &r->in;
    double tmin = a->w.acct.t_min;
    double emax = a->w.eval[PP_METHOD_ALLMAX]->e_total;
    if (in->format == FMT_JSON) {
        struct mw m;
        mw_begin(&m, f, FMT_JSON, 1);
        mw_bool(&m, "valid", 1);
        mw_str(&m, "plan", a->plan_path);
        mw_num(&m, "allmax_time", tmin);
        mw_num(&m, "allmax_energy", emax);
        mw_num(&m, "intrinsic_bloat", a->bloat);
        mw_num(&m, "intrinsic_bloat_fraction", a->bloat / emax);
        mw_num(&m, "time", a->t);
        mw_num(&m, "energy", a->e);
        mw_num(&m, "slowdown", a->slow);
        mw_num(&m, "saving", a->save);
        mw_bool(&m, "max_slowdown_met", !a->miss_slow);
        mw_bool(&m, "min_saving_met", !a->miss_save);
        return mw_end(&m);
    } else if (!in->quiet) {
        fprintf(f, "inputs        valid: profile %s, %s schedule, %zu "
                   "instructions%s%s\n",
                in->prof->path, in->dag->schedule, in->dag->n,
                a->plan_path ? ", plan " : "",
                a->plan_path ? a->plan_path : "");
        fprintf(f, "all-max       T %.6f s  E %.3f J\n", tmin, emax);
        fprintf(f, "intrinsic bloat %.3f J per iteration (%.2f%% of the "
                   "all-max energy)\n", a->bloat, 100 * a->bloat / emax);
        fprintf(f, "%s T %.6f s  E %.3f J  (slowdown %.2f%%, saving "
                   "%.2f%%)\n",
                a->plan ? "plan         " : "Perseus plan ", a->t, a->e,
                100 * a->slow, 100 * a->save);
    }
    return 0;
}

/* The verdict, after the report: one line per missed budget. */
static int check_after(struct run *r)
{
    struct check_state *a = r->state;
    int rc = EXIT_OK;
    if (a->miss_slow) {
        fprintf(stderr, "%s: check: slowdown %.2f%% exceeds --max-slowdown "
                        "%.2f%% by %.2f points\n",
                progname, 100 * a->slow, 100 * a->max_slow,
                100 * (a->slow - a->max_slow));
        rc = EXIT_GATE;
    }
    if (a->miss_save) {
        fprintf(stderr, "%s: check: saving %.2f%% is below --min-saving "
                        "%.2f%% by %.2f points\n",
                progname, 100 * a->save, 100 * a->min_save,
                100 * (a->min_save - a->save));
        rc = EXIT_GATE;
    }
    return rc;
}

static void check_cleanup(struct run *r)
{
    struct check_state *a = r->state;
    pp_eval_free(a->ev);
    pp_plan_free(a->plan);
    whatif_free(&a->w);
}

static const struct option check_longopts[] = {
    COMMON_LONGOPTS,
    {"plan", required_argument, NULL, OPT_PLANF},
    {"max-slowdown", required_argument, NULL, OPT_MAXSLOW},
    {"min-saving", required_argument, NULL, OPT_MINSAVE},
    {NULL, 0, NULL, 0},
};

static const struct check_state check_init = {.max_slow = NAN,
                                              .min_save = NAN};

const struct verb verb_check = {
    .name = "check",
    .summary = "CI gate: validate inputs, budgets on slowdown and saving",
    .usage = check_usage,
    .longopts = check_longopts,
    .flags = VERB_PROFILE,
    .state_size = sizeof(struct check_state),
    .state_init = &check_init,
    .option = check_option,
    .check = check_check,
    .compute = check_compute,
    .report = check_report,
    .after = check_after,
    .cleanup = check_cleanup,
};
