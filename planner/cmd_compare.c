/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_compare.c - `perseus-plan compare`: the baselines and both planner
 * models side by side for one profile and schedule.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "whatif.h"

static const char compare_usage[] =
    "usage: perseus-plan compare -p PROFILE [-s SCHEDULE] [-M N] [-S N]\n"
    "                            [-V N] [-b W|a100|a40] [-K N] [--budget F]\n"
    "                            [--unit-time S] [--filter-order O]\n"
    "                            [-f human|json|yaml|csv] [-o FILE] [-q]\n"
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
    "      --budget F           slowdown budget of the uniform row (0.05)\n"
    "      --unit-time S        lowtime time unit (default 0.001 s)\n"
    "      --filter-order O     lowtime: artifact (default) or zeus\n"
    "  -f, --format FMT         human (default), json, yaml, csv\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -q, --quiet              no diagnostics\n"
    "  -h, --help               this help\n";

enum { OPT_BUDGET = 256 };

struct compare_args {
    struct pp_solve_opts *so;
    double budget;
};

static int compare_option(void *ctx, int c, const char *arg)
{
    struct compare_args *a = ctx;
    if (c == OPT_BUDGET)
        return parse_nonneg_opt("compare", "--budget", arg, &a->budget) ? -1
                                                                         : 1;
    return solve_option(a->so, "compare", c, arg);
}

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

int cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        COMMON_LONGOPTS,
        {"unit-time", required_argument, NULL, OPT_W_UNIT},
        {"filter-order", required_argument, NULL, OPT_W_ORDER},
        {"budget", required_argument, NULL, OPT_BUDGET},
        {NULL, 0, NULL, 0},
    };
    struct inputs in;
    struct pp_solve_opts so;
    struct whatif w = {0};
    struct outfile out = {0};
    struct row rows[6];
    double budget = 0.05;
    int rc = EXIT_USAGE;

    memset(rows, 0, sizeof rows);
    inputs_init(&in);
    pp_solve_opts_init(&so);
    struct compare_args a = {&so, 0.05};
    struct cmdspec spec = {"compare", compare_usage, longopts, compare_option,
                           &a};
    if ((rc = parse_args(&spec, &in, argc, argv)) != ARGS_GO)
        goto out;
    budget = a.budget;
    if ((rc = inputs_load(&in, "compare", 1)))
        goto out;
    so.model = PP_MODEL_EXACT;
    if ((rc = whatif_prepare(&w, &in, &so, 1, PP_VALUES_REALIZED)))
        goto out;
    double tmin = w.acct.t_min, emax = w.eval[PP_METHOD_ALLMAX]->e_total;
    char note[128];
    put_row(&rows[0], "all-max frequency", "", tmin, emax);
    uniform_row(&rows[1], "uniform frequency", &in, tmin * (1 + 1e-12));
    snprintf(note, sizeof note, "budget %.3g%%", 100 * budget);
    uniform_row(&rows[2], "uniform frequency", &in, tmin * (1 + budget));
    if (rows[2].ok) {
        size_t l = strlen(rows[2].note);
        snprintf(rows[2].note + l, sizeof rows[2].note - l, ", %s", note);
    }
    snprintf(note, sizeof note, "%d rounds%s", w.envpipe_rounds,
             w.envpipe_capped == PP_ENVPIPE_CAPPED ? " (cap reached)"
             : w.envpipe_capped == PP_ENVPIPE_STUCK ? " (stuck at maximum)"
                                                    : "");
    put_row(&rows[3], "EnvPipe", note, w.eval[PP_METHOD_ENVPIPE]->time,
            w.eval[PP_METHOD_ENVPIPE]->e_total);
    struct pp_solve_opts lt = so;
    lt.model = PP_MODEL_LOWTIME;
    frontier_row(&rows[4], "Perseus, lowtime model", &in, &lt, tmin);
    put_row(&rows[5], "Perseus, exact model", "no slowdown",
            w.fr->pts[w.acct.p_nos].time, w.fr->pts[w.acct.p_nos].energy);

    if ((rc = out_open(&out, in.output)))
        goto out;
    FILE *f = out.f;
    if (in.format == FMT_HUMAN)
        fprintf(f, "%-24s %12s %14s %9s %9s  %s\n", "method", "time s",
                "energy J", "saving", "slowdown", "note");
    else if (in.format == FMT_CSV)
        fprintf(f, "method,note,time,energy,saving,slowdown\n");
    else
        fprintf(f, in.format == FMT_JSON
                       ? "{\"format_version\": 1, \"rows\": [\n"
                       : "format_version: 1\nrows:\n");
    for (int k = 0; k < 6; k++) {
        const struct row *r = &rows[k];
        double sav = r->ok ? 1 - r->energy / emax : NAN;
        double slow = r->ok ? r->time / tmin - 1 : NAN;
        switch (in.format) {
        case FMT_HUMAN:
            if (r->ok)
                fprintf(f, "%-24s %12.6f %14.3f %8.2f%% %8.2f%%  %s\n",
                        r->name, r->time, r->energy, 100 * sav, 100 * slow,
                        r->note);
            else
                fprintf(f, "%-24s %12s %14s %9s %9s  %s\n", r->name, "-", "-",
                        "-", "-", r->note);
            break;
        case FMT_CSV:
            fprintf(f, "\"%s\",\"%s\",%.17g,%.17g,%.17g,%.17g\n", r->name,
                    r->note, r->ok ? r->time : NAN, r->ok ? r->energy : NAN,
                    sav, slow);
            break;
        default:
            fprintf(f, "%s{\"method\": ", in.format == FMT_JSON ? "  " : "  - ");
            put_json_string(f, r->name);
            fprintf(f, ", \"note\": ");
            put_json_string(f, r->note);
            if (r->ok)
                fprintf(f, ", \"time\": %.17g, \"energy\": %.17g, "
                           "\"saving\": %.17g, \"slowdown\": %.17g}",
                        r->time, r->energy, sav, slow);
            else
                fprintf(f, ", \"time\": null, \"energy\": null, "
                           "\"saving\": null, \"slowdown\": null}");
            fprintf(f, "%s\n", in.format == FMT_JSON && k < 5 ? "," : "");
        }
    }
    if (in.format == FMT_JSON)
        fprintf(f, "]}\n");
    rc = out_commit(&out);
out:
    if (out.f)
        out_abort(&out);
    whatif_free(&w);
    inputs_free(&in);
    return rc;
}
