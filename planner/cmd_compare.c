/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_compare.c - `perseus-plan compare`: the baselines and both planner
 * models side by side for one profile and schedule.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "report.h"
#include "whatif.h"

static const char compare_usage[] =
    "usage: perseus-plan compare -p PROFILE [-s SCHEDULE] [-M N] [-S N]\n"
    "                            [-V N] [-b W|a100|a40] [-K N] [--budget F]\n"
    "                            [--unit-time S] [--filter-order O]\n"
    "                            [--max-input SIZE]\n"
    "                            [-f human|json|yaml|csv] [-o FILE] [-q] [-v]\n"
    "\n"
    "Compare, for one profile and schedule: all-max frequency, the best\n"
    "single frequency for every instruction (Zeus-style knob) at no slowdown\n"
    "and within a slowdown budget, EnvPipe, and Perseus with the reference\n"
    "(lowtime) and the default (exact) model at no slowdown.  Times and\n"
    "energies are evaluated from the profile's measured values.\n"
    "\n"
    "  -p, --profile FILE       per-stage profile (CSV or YAML)\n"
    "  -s, --schedule NAME|FILE 1f1b (default), gpipe, interleaved, or YAML\n"
    "  -M, --microbatches N     microbatches per iteration\n"
    "  -S, --stages N           pipeline GPUs (default: from the profile)\n"
    "  -V, --chunks N           model chunks per GPU (interleaved)\n"
    "  -b, --blocking-power W   blocking power per GPU in W, or a100, a40\n"
    "  -K, --gpus-per-stage N   tensor-parallel GPUs per stage (default 1)\n"
    "      --budget F           slowdown budget of the uniform row: 0.05\n"
    "                           (the default), 5% or x1.05\n"
    "      --unit-time S        lowtime time unit (default 0.001 s)\n"
    "      --filter-order O     lowtime: artifact (default) or zeus\n"
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
    "  -f, --format FMT         human (default), json, yaml, csv\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -q, --quiet              no diagnostics\n"
    "  -v, --verbose            more diagnostics\n"
    "  -h, --help               this help\n";

enum { OPT_BUDGET = 256 };

struct row {
    char name[64], note[128];
    double time, energy;
    int ok;
};

static void put_row(struct row *r, const char *name, const char *note,
                    double t, double e)
{
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->note, sizeof r->note, "%s", note);
    r->time = t;
    r->energy = e;
    r->ok = 1;
}

static void fail_row(struct row *r, const char *name, const char *why)
{
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->note, sizeof r->note, "n/a: %.120s", why);
    r->ok = 0;
}

static void uniform_row(struct row *r, const char *name, struct inputs *in,
                        double deadline)
{
    struct pp_plan *plan = NULL;
    struct pp_eval *ev = NULL;
    struct pp_error err = {0};
    int mhz;
    char note[64];
    if (pp_baseline_uniform(&plan, &mhz, in->dag, in->prof, &in->energy,
                            deadline, &err) ||
        pp_eval(&ev, in->dag, in->prof, plan, &in->energy, &err)) {
        fail_row(r, name, err.msg);
    } else {
        snprintf(note, sizeof note, "%d MHz", mhz);
        put_row(r, name, note, ev->time, ev->e_total);
    }
    pp_eval_free(ev);
    pp_plan_free(plan);
}

static void frontier_row(struct row *r, const char *name, struct inputs *in,
                         const struct pp_solve_opts *so, double tmin)
{
    struct pp_frontier *fr = NULL;
    struct pp_error err = {0};
    struct pp_solve_opts o = *so;
    o.energy = in->energy;
    if (pp_frontier_solve(&fr, in->dag, in->prof, &o, &err)) {
        fail_row(r, name, err.msg);
        return;
    }
    long p = pp_frontier_lookup(fr, tmin);
    const char *note = "no slowdown";
    if (p < 0) {
        p = (long)pp_frontier_fastest(fr);
        note = "its fastest plan (slower than all-max)";
    }
    put_row(r, name, note, fr->pts[p].time, fr->pts[p].energy);
    pp_frontier_free(fr);
}

struct compare_state {
    double budget; /* --budget */
    struct whatif w;
    struct row rows[6];
};

static int compare_option(struct run *r, int c, const char *arg)
{
    struct compare_state *a = r->state;
    struct pp_dec f;
    if (c != OPT_BUDGET)
        return 0;
    if (parse_slowdown("compare", "--budget", arg, SD_FRACTION, &f))
        return -1;
    a->budget = pp_dec_double(f);
    return 1;
}

static int compare_compute(struct run *r)
{
    struct compare_state *a = r->state;
    struct inputs *in = &r->in;
    struct whatif *w = &a->w;
    struct row *rows = a->rows;
    char note[128];
    int rc;
    /* the lowtime row's time unit, before any work */
    if (work_check(r, OPT_SOLVE_UNIT, PP_MODEL_LOWTIME))
        return EXIT_USAGE;
    r->so.model = PP_MODEL_EXACT;
    if ((rc = whatif_prepare(w, in, &r->so, 1, PP_VALUES_REALIZED, NULL,
                             0)))
        return rc;
    double tmin = w->acct.t_min, emax = w->eval[PP_METHOD_ALLMAX]->e_total;
    put_row(&rows[0], "all-max frequency", "", tmin, emax);
    uniform_row(&rows[1], "uniform frequency", in, tmin * (1 + 1e-12));
    snprintf(note, sizeof note, "budget %.3g%%", 100 * a->budget);
    uniform_row(&rows[2], "uniform frequency", in, tmin * (1 + a->budget));
    if (rows[2].ok) {
        size_t l = strlen(rows[2].note);
        snprintf(rows[2].note + l, sizeof rows[2].note - l, ", %s", note);
    }
    snprintf(note, sizeof note, "%d rounds%s", w->envpipe_rounds,
             w->envpipe_capped == PP_ENVPIPE_CAPPED ? " (cap reached)"
             : w->envpipe_capped == PP_ENVPIPE_STUCK ? " (stuck at maximum)"
                                                     : "");
    put_row(&rows[3], "EnvPipe", note, w->eval[PP_METHOD_ENVPIPE]->time,
            w->eval[PP_METHOD_ENVPIPE]->e_total);
    struct pp_solve_opts lt = r->so;
    lt.model = PP_MODEL_LOWTIME;
    frontier_row(&rows[4], "Perseus, lowtime model", in, &lt, tmin);
    put_row(&rows[5], "Perseus, exact model", "no slowdown",
            w->fr->pts[w->acct.p_nos].time, w->fr->pts[w->acct.p_nos].energy);
    return EXIT_OK;
}

static int compare_report(struct run *r, FILE *f)
{
    struct compare_state *a = r->state;
    enum out_format fmt = r->in.format;
    double tmin = a->w.acct.t_min;
    double emax = a->w.eval[PP_METHOD_ALLMAX]->e_total;
    struct mw m;
    if (fmt == FMT_HUMAN)
        fprintf(f, "%-24s %12s %14s %9s %9s  %s\n", "method", "time s",
                "energy J", "saving", "slowdown", "note");
    else
        mw_begin(&m, f, fmt, 1), mw_list_begin(&m, "rows");
    for (int k = 0; k < 6; k++) {
        const struct row *row = &a->rows[k];
        double sav = row->ok ? 1 - row->energy / emax : NAN;
        double slow = row->ok ? row->time / tmin - 1 : NAN;
        if (fmt != FMT_HUMAN) {
            mw_item_begin(&m);
            mw_str(&m, "method", row->name);
            mw_str(&m, "note", row->note);
            mw_num(&m, "time", row->ok ? row->time : NAN);
            mw_num(&m, "energy", row->ok ? row->energy : NAN);
            mw_num(&m, "saving", sav);
            mw_num(&m, "slowdown", slow);
            mw_item_end(&m);
        } else if (row->ok) {
            fprintf(f, "%-24s %12.6f %14.3f %8.2f%% %8.2f%%  %s\n",
                    row->name, row->time, row->energy, 100 * sav, 100 * slow,
                    row->note);
        } else {
            fprintf(f, "%-24s %12s %14s %9s %9s  %s\n", row->name, "-", "-",
                    "-", "-", row->note);
        }
    }
    if (fmt == FMT_HUMAN)
        return 0;
    mw_list_end(&m);
    return mw_end(&m);
}

static void compare_cleanup(struct run *r)
{
    struct compare_state *a = r->state;
    whatif_free(&a->w);
}

static const struct option compare_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"budget", required_argument, NULL, OPT_BUDGET},
    {NULL, 0, NULL, 0},
};

static const struct refusal compare_refuses[] = {
    {OPT_SOLVE_MODEL, "it runs both models"},
    {OPT_SOLVE_METHOD, "it picks the method as --method auto does"},
    {0, NULL},
};

static const struct compare_state compare_init = {.budget = 0.05};

const struct verb verb_compare = {
    .name = "compare",
    .summary = "baselines and planner models side by side",
    .usage = compare_usage,
    .longopts = compare_longopts,
    .refuses = compare_refuses,
    .flags = VERB_PROFILE,
    .state_size = sizeof(struct compare_state),
    .state_init = &compare_init,
    .option = compare_option,
    .compute = compare_compute,
    .report = compare_report,
    .cleanup = compare_cleanup,
};
