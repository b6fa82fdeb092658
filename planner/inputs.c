/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inputs.c - the inputs every verb but lookup reads (struct inputs, cli.h):
 * the usage checks of their options before anything is read (the
 * schedule's sizes, -b and -K, by the graph's and the solver's own
 * checks), loading the profile and the schedule, and the solver's work
 * bound on the loaded inputs for a time unit or resolution typed.
 */
#include "cli.h"

#include <math.h>
#include <string.h>
#include <strings.h>

void inputs_init(struct inputs *in)
{
    memset(in, 0, sizeof *in);
    in->schedule = "1f1b";
    in->gpus_per_stage = 1;
    in->chunks = 1;
}

void inputs_free(struct inputs *in)
{
    pp_profile_free(in->prof);
    pp_graph_free(in->dag);
    in->prof = NULL;
    in->dag = NULL;
}

static int is_yaml_path(const char *s)
{
    size_t n = strlen(s);
    return (n > 5 && !strcasecmp(s + n - 5, ".yaml")) ||
           (n > 4 && !strcasecmp(s + n - 4, ".yml")) ||
           (n > 5 && !strcasecmp(s + n - 5, ".json"));
}

/* -b as watts or a preset into *W; 0, or -1 after the message. */
static int parse_blocking(const char *cmd, const char *arg, double *w)
{
    if (!pp_blocking_preset(arg, w) || (!pp_parse_double(arg, w) && *w >= 0))
        return 0;
    die_usage(cmd, "invalid argument \"%s\" for --blocking-power; should be "
                   "watts (a decimal number >= 0) or one of a100, a40",
              arg);
    return -1;
}

/* The built-in schedule's sizes, with S known: the interleaved schedule's
 * microbatches a multiple of S, and the size within the DAG's bound. */
static int check_sizes(const char *cmd, int kind, int S, const struct inputs *in)
{
    struct pp_error err = {0};
    if (kind == PP_SCHED_INTERLEAVED && in->microbatches % S) {
        die_usage(cmd, "the interleaved schedule needs the microbatches (%d) "
                       "to be a multiple of the stages (%d)",
                  in->microbatches, S);
        return EXIT_USAGE;
    }
    if (pp_graph_check_sizes((enum pp_schedule_kind)kind, S,
                             in->microbatches, in->chunks, &err)) {
        die_usage(cmd, "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* -b and -K for a pipeline of NGPUS GPUs, by the solver's check; the
 * message names -b, the value out of range (-K is within its own). */
static int check_energy(const char *cmd, const struct inputs *in, int ngpus)
{
    struct pp_error err = {0};
    if (!pp_energy_check(&in->energy, ngpus, &err))
        return EXIT_OK;
    die_usage(cmd, "--blocking-power: %s", err.msg);
    return EXIT_USAGE;
}

/* A built-in schedule KIND's sizes: -M, -V for interleaved only, -S or a
 * profile to take it from; with -S, its size. */
static int check_builtin(struct run *r, int kind)
{
    const struct inputs *in = &r->in;
    const char *cmd = r->verb->name;
    if (in->microbatches <= 0) {
        die_usage(cmd, "the number of microbatches is required (-M N)");
        return EXIT_USAGE;
    }
    if (kind == PP_SCHED_INTERLEAVED && in->chunks < 2) {
        die_usage(cmd, "the interleaved schedule needs --chunks V >= 2");
        return EXIT_USAGE;
    }
    if (kind != PP_SCHED_INTERLEAVED && run_given(r, OPT_CHUNKS)) {
        die_usage(cmd, "--chunks applies to the interleaved schedule only");
        return EXIT_USAGE;
    }
    if (in->stages <= 0 && !in->profile_path) {
        die_usage(cmd, "the number of stages is required (-S N)");
        return EXIT_USAGE;
    }
    return in->stages > 0 ? check_sizes(cmd, kind, in->stages, in) : EXIT_OK;
}

int inputs_check(struct run *r)
{
    struct inputs *in = &r->in;
    const char *cmd = r->verb->name;
    if ((r->verb->flags & VERB_PROFILE) && !in->profile_path) {
        die_usage(cmd, "a profile is required (--profile FILE)");
        return EXIT_USAGE;
    }
    int kind = pp_schedule_parse(in->schedule), rc;
    if (kind < 0 && !is_yaml_path(in->schedule)) {
        die_usage(cmd, "invalid argument \"%s\" for --schedule; should be "
                       "one of 1f1b, gpipe, interleaved, or a custom DAG "
                       "file (.yaml)", in->schedule);
        return EXIT_USAGE;
    }
    static const struct {
        int opt;
        const char *name;
    } sizes[] = {{OPT_STAGES, "--stages"},
                 {OPT_MICRO, "--microbatches"},
                 {OPT_CHUNKS, "--chunks"}};
    for (size_t k = 0; kind < 0 && k < sizeof sizes / sizeof *sizes; k++)
        if (run_given(r, sizes[k].opt)) {
            die_usage(cmd, "%s does not apply to a custom DAG (%s sets the "
                           "GPUs, microbatches and chunks)",
                      sizes[k].name, in->schedule);
            return EXIT_USAGE;
        }
    if (kind >= 0 && (rc = check_builtin(r, kind)))
        return rc;
    in->energy.gpus_per_stage = in->gpus_per_stage;
    if (in->blocking &&
        parse_blocking(cmd, in->blocking, &in->energy.blocking_power))
        return EXIT_USAGE;
    return check_energy(cmd, in, in->stages > 0 ? in->stages : 1);
}

int work_check(struct run *r, int opt, enum pp_model model)
{
    struct pp_solve_opts o = r->so;
    struct pp_error err = {0};
    char name[64];
    if (!run_given(r, opt))
        return EXIT_OK;
    o.model = model;
    o.energy = r->in.energy;
    if (!pp_frontier_check_work(r->in.dag, r->in.prof, &o, &err))
        return EXIT_OK;
    die_usage(r->verb->name, "%s: %s",
              run_option_name(r, opt, name, sizeof name), err.msg);
    return EXIT_USAGE;
}

/* The profile named by -p, if any, with its notes (-v). */
static int load_profile(struct inputs *in)
{
    struct pp_error err = {0};
    if (!in->profile_path)
        return EXIT_OK;
    if (pp_profile_load(&in->prof, in->profile_path, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    char buf[256];
    if (in->verbose && pp_profile_freqsets_differ(in->prof, buf, sizeof buf))
        note(in, "note: %s", buf);
    /* Zeus per-rank rows: how they were aggregated (-v), and -K, since
     * the stage energies now include every tensor-parallel GPU. */
    const struct pp_profile *zp = in->prof;
    if (zp->rank_rows && in->verbose)
        note(in, "%s: Zeus per-rank rows: %d stage%s x %d tensor-parallel x "
                 "%d data-parallel ranks; time = slowest tensor-parallel "
                 "rank, energy = their sum, averaged over %d data-parallel "
                 "replica%s", zp->path, zp->nstages, zp->nstages == 1 ? "" : "s",
             zp->tp_degree, zp->dp_degree, zp->dp_degree,
             zp->dp_degree == 1 ? "" : "s");
    return EXIT_OK;
}

/* The blocking power, when the verb takes one: -b, else the profile's. */
static int load_blocking(struct run *r)
{
    struct inputs *in = &r->in;
    const struct pp_profile *zp = in->prof;
    if (!run_takes(r, OPT_BLOCKING) || in->blocking || !zp)
        return EXIT_OK;
    if (isnan(zp->blocking_power)) {
        die_usage(r->verb->name, "no blocking power: give --blocking-power W "
                                 "(or a100, a40), or blocking_power in a "
                                 "YAML profile");
        return EXIT_USAGE;
    }
    in->energy.blocking_power = zp->blocking_power;
    return EXIT_OK;
}

/* The built-in schedule KIND for IN, -S from the profile if not given. */
static int build_schedule(struct inputs *in, const char *cmd, int kind)
{
    struct pp_error err = {0};
    int S = in->stages, rc;
    if (S <= 0) {
        int V = kind == PP_SCHED_INTERLEAVED ? in->chunks : 1;
        if (in->prof->nstages % V) {
            die_usage(cmd, "the profile has %d stages, not a multiple of "
                           "--chunks %d; give --stages", in->prof->nstages, V);
            return EXIT_USAGE;
        }
        S = in->prof->nstages / V;
        if ((rc = check_sizes(cmd, kind, S, in)))
            return rc;
    }
    if (pp_graph_build(&in->dag, (enum pp_schedule_kind)kind, S,
                       in->microbatches, in->chunks, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int inputs_load(struct run *r)
{
    struct inputs *in = &r->in;
    const char *cmd = r->verb->name;
    struct pp_error err = {0};
    int rc;
    if ((rc = load_profile(in)) || (rc = load_blocking(r)))
        return rc;
    const struct pp_profile *zp = in->prof;
    if (zp && zp->rank_rows && zp->tp_degree != in->gpus_per_stage &&
        in->energy.blocking_power > 0)
        note(in, "note: %s: stage energies are those of %d tensor-parallel "
                 "GPUs, but -K is %d (GPUs per stage that block); give -K %d",
             zp->path, zp->tp_degree, in->gpus_per_stage, zp->tp_degree);
    int kind = pp_schedule_parse(in->schedule);
    if (kind < 0 && pp_graph_load_yaml(&in->dag, in->schedule, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    if (kind >= 0 && (rc = build_schedule(in, cmd, kind)))
        return rc;
    /* the solver's check of the blocking power for this pipeline: a usage
     * error for -b, an input's for the profile's */
    if (in->blocking)
        return check_energy(cmd, in, in->dag->ngpus);
    if (pp_energy_check(&in->energy, in->dag->ngpus, &err)) {
        report_error(&err);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
