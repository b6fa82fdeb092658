/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_check.c - `perseus-plan check`: a CI gate before a training job.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "machine.h"
#include "report.h"
#include "whatif.h"

static const char check_usage[] =
    "usage: perseus-plan check -p PROFILE [-s SCHEDULE] [-M N] [-S N] [-V N]\n"
    "                          [-b W|a100|a40] [-K N] [--plan FILE]\n"
    "                          [--max-slowdown F] [--min-saving F]\n"
    "                          [--max-input SIZE]\n"
    "                          [-f human|json] [-o FILE] [-q] [-v]\n"
    "\n"
    "Validate a profile and a schedule, and a plan file against them (every\n"
    "instruction of every GPU in order, every frequency measured), and\n"
    "report the intrinsic energy bloat: the energy the no-slowdown Perseus\n"
    "plan saves against all-max frequency.  The gates apply to the plan file\n"
    "if one is given, else to the no-slowdown Perseus plan; a missed budget\n"
    "exits with status 3 and one line saying which budget and by how much.\n"
    "A plan file that records other inputs than these (another profile, by\n"
    "content, schedule, size, -K or -b) exits with status 4 and one line\n"
    "saying what differs.  The report ends with a PASS or FAIL line; -f\n"
    "json is a record for CI (verdict, status, budgets, inputs, version,\n"
    "measured values), written for invalid inputs too.\n"
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
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
    "  -f, --format FMT         human (default) or json\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -q, --quiet              only the verdict line (human format)\n"
    "  -v, --verbose            more diagnostics\n"
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
    struct pp_provenance *prov; /* the plan file's, or NULL */
    struct pp_eval *ev;
    struct whatif w;
    int measured;                   /* the values below are known */
    double t, e, slow, save, bloat; /* the judged plan against all-max */
    int miss_slow, miss_save;
    char other[1024]; /* what the plan was made for instead, or "" */
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
        rc = pp_plan_read_file(&a->plan, &a->prov, a->plan_path, in->dag,
                               &r->err);
        if (provenance_mismatch(a->prov, in, a->other, sizeof a->other)) {
            message("check: %s was made for other inputs: %s",
                    a->plan_path, a->other);
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
    a->measured = 1;
    return EXIT_OK;
}

/* A nested mapping KEY holding P's recorded fields, or null. */
static void put_provenance(struct mw *m, const char *key,
                           const struct pp_provenance *p)
{
    if (!p) {
        mw_str(m, key, NULL);
        return;
    }
    mw_map_begin(m, key);
    if (p->tool)
        mw_str(m, "tool", p->tool);
    if (p->profile)
        mw_str(m, "profile", p->profile);
    if (p->profile_hash)
        mw_str(m, "profile_fnv1a64", p->profile_hash);
    if (p->schedule)
        mw_str(m, "schedule", p->schedule);
    const long ints[] = {p->stages, p->microbatches, p->chunks,
                         p->gpus_per_stage};
    const char *inames[] = {"stages", "microbatches", "chunks",
                            "gpus_per_stage"};
    for (int k = 0; k < 4; k++)
        if (ints[k] >= 0)
            mw_int(m, inames[k], ints[k]);
    if (!isnan(p->blocking_power))
        mw_num(m, "blocking_power", p->blocking_power);
    if (p->model)
        mw_str(m, "model", p->model);
    const double nums[] = {p->deadline, p->time, p->energy};
    const char *nnames[] = {"deadline", "time", "energy"};
    for (int k = 0; k < 3; k++)
        if (!isnan(nums[k]))
            mw_num(m, nnames[k], nums[k]);
    mw_map_end(m);
}

/* The inputs as far as they were read: the loaded profile and DAG, else
 * the options. */
static void put_inputs(struct mw *m, const struct run *r)
{
    const struct check_state *a = r->state;
    const struct inputs *in = &r->in;
    const struct pp_dag *d = in->dag;
    char hex[PP_HASH_HEXSZ];
    mw_map_begin(m, "inputs");
    mw_str(m, "profile", in->prof ? in->prof->path : in->profile_path);
    mw_str(m, "profile_fnv1a64",
           in->prof ? pp_hash_hex(hex, in->prof->hash) : NULL);
    mw_str(m, "schedule", d ? d->schedule : in->schedule);
    if (d) {
        mw_int(m, "stages", d->ngpus);
        mw_int(m, "microbatches", d->microbatches);
        mw_int(m, "chunks", d->chunks);
        mw_int(m, "instructions", (long long)d->n);
    } else {
        mw_num(m, "stages", in->stages > 0 ? in->stages : NAN);
        mw_num(m, "microbatches",
               in->microbatches > 0 ? in->microbatches : NAN);
        mw_int(m, "chunks", in->chunks);
        mw_num(m, "instructions", NAN);
    }
    mw_int(m, "gpus_per_stage", in->gpus_per_stage);
    mw_num(m, "blocking_power", d ? in->energy.blocking_power : NAN);
    mw_str(m, "plan", a->plan_path);
    put_provenance(m, "plan_provenance", a->prov);
    mw_map_end(m);
}

/* The verdict line of the human report. */
static void verdict_line(FILE *f, const struct check_state *a, int status)
{
    switch (status) {
    case EXIT_OK:
        fprintf(f, "PASS: inputs valid%s\n",
                !isnan(a->max_slow) || !isnan(a->min_save)
                    ? ", every budget met" : "");
        break;
    case EXIT_GATE:
        fprintf(f, "FAIL (status 3): budget missed:%s%s\n",
                a->miss_slow ? " --max-slowdown" : "",
                a->miss_save ? " --min-saving" : "");
        break;
    case EXIT_OTHER_INPUTS:
        fprintf(f, "FAIL (status 4): the plan was made for other inputs\n");
        break;
    default:
        fprintf(f, "FAIL (status %d): inputs invalid\n", status);
    }
}

/*
 * The report, whatever the outcome (STATUS): JSON, the CI record, holds
 * the verdict, every budget, the inputs, the version and, when measured,
 * the values; the human report ends with a PASS or FAIL line, which -q
 * keeps alone.
 */
static int check_record(struct run *r, FILE *f, int status)
{
    struct check_state *a = r->state;
    const struct inputs *in = &r->in;
    double emax = a->measured ? a->w.eval[PP_METHOD_ALLMAX]->e_total : NAN;
    if (in->format != FMT_JSON) {
        if (a->measured && !in->quiet) {
            char ep[1024], es[1024], epl[1024];
            fprintf(f, "inputs        valid: profile %s, %s schedule, %zu "
                       "instructions%s%s\n",
                    pp_error_escape(ep, sizeof ep, in->prof->path),
                    pp_error_escape(es, sizeof es, in->dag->schedule),
                    in->dag->n, a->plan_path ? ", plan " : "",
                    a->plan_path ? pp_error_escape(epl, sizeof epl,
                                                   a->plan_path)
                                 : "");
            fprintf(f, "all-max       T %.6f s  E %.3f J\n", a->w.acct.t_min,
                    emax);
            fprintf(f, "intrinsic bloat %.3f J per iteration (%.2f%% of the "
                       "all-max energy)\n",
                    a->bloat, 100 * a->bloat / emax);
            fprintf(f, "%s T %.6f s  E %.3f J  (slowdown %.2f%%, saving "
                       "%.2f%%)\n",
                    a->plan ? "plan         " : "Perseus plan ", a->t, a->e,
                    100 * a->slow, 100 * a->save);
        }
        verdict_line(f, a, status);
        return 0;
    }
    struct mw m;
    mw_begin(&m, f, FMT_JSON, 2);
    mw_str(&m, "tool", "perseus-plan " PP_VERSION);
    mw_str(&m, "verdict", status == EXIT_OK ? "pass" : "fail");
    mw_int(&m, "status", status);
    mw_bool(&m, "valid", status == EXIT_OK || status == EXIT_GATE);
    mw_str(&m, "error", status == EXIT_OTHER_INPUTS ? a->other
                        : status == EXIT_OK || status == EXIT_GATE
                            ? NULL
                            : last_error() ? last_error()
                                           : "see standard error");
    mw_bool(&m, "other_inputs", status == EXIT_OTHER_INPUTS);
    mw_map_begin(&m, "budgets");
    mw_num(&m, "max_slowdown", a->max_slow);
    mw_num(&m, "min_saving", a->min_save);
    if (a->measured && !isnan(a->max_slow))
        mw_bool(&m, "max_slowdown_met", !a->miss_slow);
    else
        mw_str(&m, "max_slowdown_met", NULL);
    if (a->measured && !isnan(a->min_save))
        mw_bool(&m, "min_saving_met", !a->miss_save);
    else
        mw_str(&m, "min_saving_met", NULL);
    mw_map_end(&m);
    put_inputs(&m, r);
    mw_map_begin(&m, "measured");
    mw_str(&m, "judged", a->measured ? a->plan ? "plan" : "perseus" : NULL);
    mw_num(&m, "allmax_time", a->measured ? a->w.acct.t_min : NAN);
    mw_num(&m, "allmax_energy", emax);
    mw_num(&m, "intrinsic_bloat", a->measured ? a->bloat : NAN);
    mw_num(&m, "intrinsic_bloat_fraction",
           a->measured ? a->bloat / emax : NAN);
    mw_num(&m, "time", a->measured ? a->t : NAN);
    mw_num(&m, "energy", a->measured ? a->e : NAN);
    mw_num(&m, "slowdown", a->measured ? a->slow : NAN);
    mw_num(&m, "saving", a->measured ? a->save : NAN);
    mw_map_end(&m);
    return mw_end(&m);
}

static int check_status(const struct check_state *a)
{
    return a->miss_slow || a->miss_save ? EXIT_GATE : EXIT_OK;
}

static int check_report(struct run *r, FILE *f)
{
    return check_record(r, f, check_status(r->state));
}

/* After the report: one line on stderr per missed budget. */
static int check_after(struct run *r)
{
    struct check_state *a = r->state;
    if (a->miss_slow)
        fprintf(stderr, "%s: check: slowdown %.2f%% exceeds --max-slowdown "
                        "%.2f%% by %.2f points\n",
                progname, 100 * a->slow, 100 * a->max_slow,
                100 * (a->slow - a->max_slow));
    if (a->miss_save)
        fprintf(stderr, "%s: check: saving %.2f%% is below --min-saving "
                        "%.2f%% by %.2f points\n",
                progname, 100 * a->save, 100 * a->min_save,
                100 * (a->min_save - a->save));
    return check_status(a);
}

static void check_cleanup(struct run *r)
{
    struct check_state *a = r->state;
    pp_eval_free(a->ev);
    pp_plan_free(a->plan);
    pp_provenance_free(a->prov);
    whatif_free(&a->w);
}

static const struct option check_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"plan", required_argument, NULL, OPT_PLANF},
    {"max-slowdown", required_argument, NULL, OPT_MAXSLOW},
    {"min-saving", required_argument, NULL, OPT_MINSAVE},
    {NULL, 0, NULL, 0},
};

#define JUDGES "it judges the exact model's no-slowdown plan"
static const struct refusal check_refuses[] = {
    {OPT_SOLVE_MODEL, JUDGES},
    {OPT_SOLVE_UNIT, JUDGES},
    {OPT_SOLVE_ORDER, JUDGES},
    {OPT_SOLVE_METHOD, "it picks the method as --method auto does"},
    {0, NULL},
};

static const struct check_state check_init = {.max_slow = NAN,
                                              .min_save = NAN};

const struct verb verb_check = {
    .name = "check",
    .summary = "CI gate: validate inputs, budgets on slowdown and saving",
    .usage = check_usage,
    .longopts = check_longopts,
    .refuses = check_refuses,
    .flags = VERB_PROFILE,
    .state_size = sizeof(struct check_state),
    .state_init = &check_init,
    .option = check_option,
    .check = check_check,
    .compute = check_compute,
    .report = check_report,
    .report_failed = check_record,
    .after = check_after,
    .cleanup = check_cleanup,
};
