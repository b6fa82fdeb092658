/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_lookup.c - `perseus-plan lookup`: a plan from a saved frontier.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "readfile.h"

static const char lookup_usage[] =
    "usage: perseus-plan lookup FRONTIER (--deadline S | --slowdown F)\n"
    "                           [--emit FILE] [-f yaml|json|zeus] [-o FILE]\n"
    "                           [-q] [--max-input SIZE]\n"
    "\n"
    "Pick a point of a frontier saved by 'perseus-plan plan --save' with the\n"
    "lookup rule (the minimum-energy point no slower than the deadline) and\n"
    "write its plan, without solving again.  The plan goes to stdout (or\n"
    "-o FILE) in the chosen format; with --emit FILE, only to FILE, in the\n"
    "format its name gives (.py Zeus, .json JSON, otherwise YAML), and to\n"
    "-o FILE if given.  The point's time and energy, and what --emit\n"
    "wrote, are reported on stderr.\n"
    "\n"
    "      --deadline S         iteration time to meet, seconds\n"
    "      --slowdown F         deadline T_min * (1 + F): 0.05, 5% or x1.05\n"
    "      --emit FILE          write the plan to FILE (not to stdout)\n"
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
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

struct lookup_state {
    /* options */
    const char *emit_path;
    double deadline, slowdown; /* slowdown: the ratio T'/T_min, or NAN */
    enum pp_plan_format fmt;
    /* results */
    char *text;
    struct pp_frontier *fr;
    struct pp_dag *dag;
    struct pp_plan *plan;
    struct pp_provenance *prov; /* the frontier's, with the point's own */
    long point;
    char comment[256];
};

static int lookup_option(struct run *r, int c, const char *arg)
{
    struct lookup_state *l = r->state;
    switch (c) {
    case OPT_DEADLINE:
        return parse_double_opt("lookup", "--deadline", arg, 0, &l->deadline)
                   ? -1 : 1;
    case OPT_SLOWDOWN: {
        struct pp_dec f;
        if (parse_slowdown("lookup", "--slowdown", arg, SD_FRACTION, &f))
            return -1;
        l->slowdown = slowdown_ratio(f);
        return 1;
    }
    case OPT_EMIT:
        l->emit_path = arg;
        return 1;
    case OPT_FORMAT: {
        static const char *const names[] = {"yaml", "json", "zeus"};
        static const enum pp_plan_format v[] = {PP_PLAN_YAML, PP_PLAN_JSON,
                                                PP_PLAN_ZEUS};
        int k;
        if (parse_choice("lookup", "--format", arg, names, 3, &k))
            return -1;
        l->fmt = v[k];
        return 1;
    }
    }
    return 0;
}

static int lookup_check(struct run *r)
{
    struct lookup_state *l = r->state;
    if (!*r->operand) {
        die_usage("lookup", "empty file name for the frontier file");
        return EXIT_USAGE;
    }
    if (isnan(l->deadline) == isnan(l->slowdown)) {
        die_usage("lookup", "give exactly one of --deadline and --slowdown");
        return EXIT_USAGE;
    }
    /* with --emit, the plan goes to standard output only through -o - */
    const char *opt = "--emit";
    return check_stdout_once("lookup", r->in.output &&
                                           !strcmp(r->in.output, "-"),
                             1, &opt, &l->emit_path);
}

static int lookup_compute(struct run *r)
{
    struct lookup_state *l = r->state;
    const char *path = r->operand;
    size_t len;
    if (pp_read_file(path, &l->text, &len, &r->err) ||
        pp_frontier_read(&l->fr, &l->dag, path, l->text, len, &r->err))
        return run_error(r);
    const struct pp_frontier *fr = l->fr;
    double tmin = fr->pts[pp_frontier_fastest(fr)].time;
    double target = isnan(l->deadline) ? tmin * l->slowdown
                                       : l->deadline;
    long p = pp_frontier_lookup(fr, target);
    if (p < 0) {
        fprintf(stderr, "%s: lookup: deadline %.9g s is below the fastest "
                        "iteration time T_min = %.9g s\n",
                progname, target, tmin);
        return EXIT_FAIL;
    }
    if (pp_plan_new(&l->plan, l->dag->n)) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_FAIL;
    }
    pp_frontier_plan_at(fr, (size_t)p, l->plan->mhz);
    l->point = p;
    if (pp_provenance_copy(&l->prov, fr->prov)) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_FAIL;
    }
    if (l->prov) {
        l->prov->deadline = target;
        l->prov->time = fr->pts[p].time;
        l->prov->energy = fr->pts[p].energy;
    }
    snprintf(l->comment, sizeof l->comment,
             "perseus-plan frontier point %ld: time %.9g s, energy %.9g J", p,
             fr->pts[p].time, fr->pts[p].energy);
    if (!r->in.quiet) {
        double el = pp_frontier_energy_lasting(fr, (size_t)p, target);
        fprintf(stderr, "%s: point %ld: time %.6f s (%+.2f%% vs T_min), "
                        "energy %.3f J",
                progname, p, fr->pts[p].time,
                100.0 * (fr->pts[p].time / tmin - 1.0), fr->pts[p].energy);
        if (isnan(el))
            fprintf(stderr, "; the file (format 1) does not record the "
                            "blocking power: the published rule\n");
        else
            fprintf(stderr, "; an iteration lasting %.6f s: %.3f J\n",
                    target, el);
        size_t ts = pp_frontier_min_energy(fr);
        long b = pp_frontier_lookup_published(fr, target);
        if (b >= 0 && b != p && target > fr->pts[ts].time) {
            double e = pp_frontier_energy_lasting(fr, (size_t)p, target),
                   eb = pp_frontier_energy_lasting(fr, (size_t)b, target);
            fprintf(stderr, "%s: T' > T* (%.6f s): the published rule (T* "
                            "then blocking) uses %.3f J; this plan saves "
                            "%.3f J (%.2f%%)\n",
                    progname, fr->pts[ts].time, eb, eb - e,
                    100.0 * (1.0 - e / eb));
        }
    }
    return EXIT_OK;
}

/* The plan in -f's format, to -o FILE or standard output; with --emit,
 * only to -o FILE (one stream, one content). */
static int lookup_report(struct run *r, FILE *f)
{
    struct lookup_state *l = r->state;
    if (l->emit_path && !r->in.output)
        return 0;
    return pp_plan_write_prov(l->plan, l->dag, l->fmt, l->comment, l->prov,
                              f);
}

/* --emit FILE: the plan, in the format its name says ("-": -f's). */
static int lookup_after(struct run *r)
{
    struct lookup_state *l = r->state;
    struct outfile out;
    int rc;
    if (!l->emit_path)
        return EXIT_OK;
    enum pp_plan_format fmt = strcmp(l->emit_path, "-")
                                  ? (enum pp_plan_format)fmt_from_name(
                                        l->emit_path)
                                  : l->fmt;
    if ((rc = out_open(&out, l->emit_path)) ||
        (rc = out_finish(&out, pp_plan_write_prov(l->plan, l->dag, fmt,
                                                  l->comment, l->prov,
                                                  out.f))))
        return rc;
    if (strcmp(l->emit_path, "-"))
        note(&r->in, "wrote %s: the %s plan of frontier point %ld",
             l->emit_path, fmt == PP_PLAN_ZEUS ? "Zeus"
                           : fmt == PP_PLAN_JSON ? "JSON" : "YAML",
             l->point);
    return EXIT_OK;
}

static void lookup_cleanup(struct run *r)
{
    struct lookup_state *l = r->state;
    free(l->text);
    pp_plan_free(l->plan);
    pp_provenance_free(l->prov);
    pp_frontier_free(l->fr);
    pp_graph_free(l->dag);
}

static const struct option lookup_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"deadline", required_argument, NULL, OPT_DEADLINE},
    {"slowdown", required_argument, NULL, OPT_SLOWDOWN},
    {"emit", required_argument, NULL, OPT_EMIT},
    {NULL, 0, NULL, 0},
};

/* Of the common options, only -f (its own formats), -o and -q. */
#define IN_FILE "the frontier file holds the schedule and the plans"
#define ENERGY "the frontier file records the energies"
#define SOLVED "nothing is solved: plan --save solved the frontier"
static const struct refusal lookup_refuses[] = {
    {OPT_PROFILE, IN_FILE},
    {OPT_SCHEDULE, IN_FILE},
    {OPT_STAGES, IN_FILE},
    {OPT_MICRO, IN_FILE},
    {OPT_CHUNKS, IN_FILE},
    {OPT_BLOCKING, ENERGY},
    {OPT_KGPUS, ENERGY},
    {OPT_VERBOSE, "its report on stderr is all it has to say"},
    {OPT_SOLVE_MODEL, SOLVED},
    {OPT_SOLVE_UNIT, SOLVED},
    {OPT_SOLVE_ORDER, SOLVED},
    {OPT_SOLVE_METHOD, SOLVED},
    {0, NULL},
};

static const struct lookup_state lookup_init = {
    .deadline = NAN, .slowdown = NAN, .fmt = PP_PLAN_YAML};

const struct verb verb_lookup = {
    .name = "lookup",
    .summary = "a plan from a saved frontier, without solving",
    .usage = lookup_usage,
    .longopts = lookup_longopts,
    .refuses = lookup_refuses,
    .flags = VERB_NO_INPUTS,
    .operand_missing = "a frontier file is required",
    .state_size = sizeof(struct lookup_state),
    .state_init = &lookup_init,
    .option = lookup_option,
    .check = lookup_check,
    .compute = lookup_compute,
    .report = lookup_report,
    .after = lookup_after,
    .cleanup = lookup_cleanup,
};
