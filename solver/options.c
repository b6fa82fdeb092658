/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.c - the solver's options: defaults, and the ranges every value
 * must lie in before any arithmetic is done with it.
 *
 * The solver converts seconds to 64-bit integers (nanoseconds in the exact
 * model, time units in the lowtime model), and a double converted to an
 * integer type that cannot hold it is undefined behaviour (C11 6.3.1.4),
 * not an error.  So every number in struct pp_solve_opts and struct
 * pp_energy is checked here against a range in which those conversions
 * are exact, whoever filled it in (the command line or a test); the work a
 * value implies (how many points a resolution or a time unit asks for) is
 * bounded in frontier.c, where the schedule's span is known.
 */
#include "solver.h"

#include <math.h>
#include <string.h>

void pp_solve_opts_init(struct pp_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->model = PP_MODEL_EXACT;
    o->energy.gpus_per_stage = 1;
    o->unit_time = 1e-3;
    o->residual_threshold = 0;
    o->threads = -1;
    o->method = PP_SOLVE_AUTO;
}

int pp_energy_check(const struct pp_energy *en, int ngpus, struct pp_error *err)
{
    double pb = en->blocking_power;

    if (en->gpus_per_stage < 1)
        return pp_error_set(err, PP_EINPUT,
                            "GPUs per stage must be at least 1, got %d",
                            en->gpus_per_stage);
    if (!(pb >= 0) || !isfinite(pb))
        return pp_error_set(err, PP_EINPUT,
                            "blocking power must be a finite number of W "
                            "from 0, got %g",
                            pb);
    /* ngpus * K * P_b, in double: the product of the two integers is
     * exact, and the comparison is what matters */
    int g = ngpus > 0 ? ngpus : 1;
    double gk = (double)g * en->gpus_per_stage;
    if (pb * gk > PP_SOLVE_MAX_PIPELINE_BLOCKING)
        return pp_error_set(err, PP_ERANGE,
                            "blocking power %g W per GPU is out of range: "
                            "with %d pipeline GPU%s and %d GPU%s per stage "
                            "the planner supports at most %g W per GPU "
                            "(%g W for the whole pipeline)",
                            pb, g, g == 1 ? "" : "s", en->gpus_per_stage,
                            en->gpus_per_stage == 1 ? "" : "s",
                            PP_SOLVE_MAX_PIPELINE_BLOCKING / gk,
                            PP_SOLVE_MAX_PIPELINE_BLOCKING);
    return PP_OK;
}

/* SECONDS is 0 (when ZERO_OK) or within the solver's range of times. */
static int check_seconds(const char *what, double seconds, int zero_ok,
                         struct pp_error *err)
{
    if (zero_ok && seconds == 0)
        return PP_OK;
    if (seconds >= PP_SOLVE_MIN_SECONDS && seconds <= PP_SOLVE_MAX_SECONDS)
        return PP_OK;
    return pp_error_set(err, isnan(seconds) ? PP_EINPUT : PP_ERANGE,
                        "%s %g s is out of range: it must be %sfrom %g s "
                        "(one nanosecond) to %g s",
                        what, seconds, zero_ok ? "0 (the default) or " : "",
                        PP_SOLVE_MIN_SECONDS, PP_SOLVE_MAX_SECONDS);
}

int pp_solve_opts_check(const struct pp_solve_opts *o, struct pp_error *err)
{
    int rc;

    if (o->model != PP_MODEL_EXACT && o->model != PP_MODEL_LOWTIME)
        return pp_error_set(err, PP_EINPUT, "unknown cost model %d",
                            (int)o->model);
    if (o->filter_order != PP_FILTER_ARTIFACT &&
        o->filter_order != PP_FILTER_ZEUS)
        return pp_error_set(err, PP_EINPUT, "unknown filter order %d",
                            (int)o->filter_order);
    if (o->flow_backend != PP_FLOW_DINIC && o->flow_backend != PP_FLOW_IGRAPH)
        return pp_error_set(err, PP_EINPUT, "unknown flow backend %d",
                            (int)o->flow_backend);
    if (o->residual_threshold < 0)
        return pp_error_set(err, PP_EINPUT,
                            "the residual threshold must be at least 0, "
                            "got %ld",
                            o->residual_threshold);
    if ((rc = pp_energy_check(&o->energy, 1, err)) ||
        (rc = check_seconds("unit time", o->unit_time, 0, err)) ||
        (rc = check_seconds("resolution", o->resolution, 1, err)))
        return rc;
    return PP_OK;
}
