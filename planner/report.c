/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c - human and machine-readable output of evaluations and frontiers.
 */
#include "report.h"

#include <math.h>
#include <string.h>

#include "json.h"

static void schedule_line(FILE *f, const struct pp_dag *d)
{
    fprintf(f, "schedule      %s, %d GPUs", d->schedule, d->ngpus);
    if (d->microbatches)
        fprintf(f, ", %d microbatch%s", d->microbatches,
                d->microbatches == 1 ? "" : "es");
    if (d->chunks > 1)
        fprintf(f, ", %d chunks per GPU", d->chunks);
    fprintf(f, ", %zu instructions\n", d->n);
}

void report_eval(FILE *f, enum out_format fmt, const struct inputs *in,
                 const char *plan_desc, const struct pp_eval *ev)
{
    const struct pp_dag *d = in->dag;
    double busy = 0;
    for (int g = 0; g < ev->ngpus; g++)
        busy += ev->busy[g];
    switch (fmt) {
    case FMT_HUMAN:
        schedule_line(f, d);
        fprintf(f, "plan          %s\n", plan_desc);
        fprintf(f, "blocking      %.2f W per GPU, %d GPU(s) per stage\n",
                in->energy.blocking_power, in->energy.gpus_per_stage);
        fprintf(f, "\niteration time   %12.6f s\n", ev->time);
        fprintf(f, "energy           %12.3f J\n", ev->e_total);
        fprintf(f, "  computation    %12.3f J\n", ev->e_compute);
        fprintf(f, "  blocking       %12.3f J  (GPUs wait %.1f%% of the "
                   "time)\n", ev->e_blocking,
                ev->time > 0 ? 100.0 * (1.0 - busy / (ev->time * ev->ngpus))
                             : 0.0);
        fprintf(f, "\n  gpu      busy s      idle s\n");
        for (int g = 0; g < ev->ngpus; g++)
            fprintf(f, "  %3d  %10.6f  %10.6f\n", g, ev->busy[g],
                    ev->idle[g]);
        fprintf(f, "\ncritical path: %zu instructions\n", ev->ncritical);
        break;
    case FMT_JSON:
        fprintf(f, "{\"format_version\": 1, \"plan\": ");
        pp_json_put_string(f, plan_desc);
        fprintf(f, ", \"schedule\": ");
        pp_json_put_string(f, d->schedule);
        fprintf(f, ", \"gpus\": %d, \"instructions\": %zu, "
                   "\"blocking_power\": %.17g, \"gpus_per_stage\": %d,\n"
                   " \"time\": %.17g, \"energy\": %.17g, "
                   "\"compute_energy\": %.17g, \"blocking_energy\": %.17g,\n"
                   " \"per_gpu\": [",
                d->ngpus, d->n, in->energy.blocking_power,
                in->energy.gpus_per_stage, ev->time, ev->e_total,
                ev->e_compute, ev->e_blocking);
        for (int g = 0; g < ev->ngpus; g++)
            fprintf(f, "%s{\"gpu\": %d, \"busy\": %.17g, \"idle\": %.17g}",
                    g ? ", " : "", g, ev->busy[g], ev->idle[g]);
        fprintf(f, "]}\n");
        break;
    case FMT_YAML:
        fprintf(f, "format_version: 1\nplan: ");
        pp_json_put_string(f, plan_desc);
        fprintf(f, "\nschedule: %s\ngpus: %d\ninstructions: %zu\n"
                   "blocking_power: %.17g\ngpus_per_stage: %d\n"
                   "time: %.17g\nenergy: %.17g\ncompute_energy: %.17g\n"
                   "blocking_energy: %.17g\nper_gpu:\n",
                d->schedule, d->ngpus, d->n, in->energy.blocking_power,
                in->energy.gpus_per_stage, ev->time, ev->e_total,
                ev->e_compute, ev->e_blocking);
        for (int g = 0; g < ev->ngpus; g++)
            fprintf(f, "  - {gpu: %d, busy: %.17g, idle: %.17g}\n", g,
                    ev->busy[g], ev->idle[g]);
        break;
    case FMT_CSV:
        fprintf(f, "gpu,busy,idle,time,energy,compute_energy,"
                   "blocking_energy\n");
        for (int g = 0; g < ev->ngpus; g++)
            fprintf(f, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", g,
                    ev->busy[g], ev->idle[g], ev->time, ev->e_total,
                    ev->e_compute, ev->e_blocking);
        break;
    }
}

static void point_human(FILE *f, const char *what,
                        const struct frontier_summary *s, size_t p)
{
    const struct pp_point *pt = &s->fr->pts[p];
    fprintf(f, "%-22s T %10.6f s  E %12.3f J  (%+.2f%% time, %+.2f%% "
               "energy vs all-max)\n",
            what, pt->time, pt->energy,
            100.0 * (pt->time / s->allmax_time - 1.0),
            100.0 * (pt->energy / s->allmax_energy - 1.0));
}

/* Certificate row Q: the energy of its plan as its bound counts it, for an
 * iteration lasting the deadline (the exact model's deadline rule) or
 * ending with the plan (the published rule). */
static double cert_energy(const struct frontier_summary *s, size_t q)
{
    size_t p = (size_t)s->cert_point[q];
    return s->fr->model == PP_MODEL_EXACT
               ? pp_frontier_energy_lasting(s->fr, p, s->cert_deadline[q])
               : s->fr->pts[p].energy;
}

/* The iteration lasts T' whatever the plan: what the chosen plan costs
 * then, and past T* what it saves over the published rule. */
static void lasting_human(FILE *f, const struct frontier_summary *s)
{
    const struct pp_frontier *fr = s->fr;
    const struct pp_point *pt = &fr->pts[s->chosen];
    double e = pp_frontier_energy_lasting(fr, (size_t)s->chosen, s->deadline);
    fprintf(f, "%-22s %26s %12.3f J  (the plan, then blocking %.6f s)\n",
            "  lasting T'", "E", e,
            s->deadline > pt->time ? s->deadline - pt->time : 0.0);
    size_t tstar = pp_frontier_min_energy(fr);
    if (s->published < 0 || s->published == s->chosen ||
        !(s->deadline > fr->pts[tstar].time))
        return;
    double eb = pp_frontier_energy_lasting(fr, (size_t)s->published,
                                           s->deadline);
    fprintf(f, "T' > T*: the published rule (T* %.6f s, then blocking) "
               "uses %.3f J; this plan saves %.3f J (%.2f%%)\n",
            fr->pts[tstar].time, eb, eb - e, 100.0 * (1.0 - e / eb));
}

/* The energy of an iteration lasting D with point P, or null if P < 0. */
static void put_lasting(FILE *f, const struct pp_frontier *fr, long p,
                        double d)
{
    if (p < 0)
        fputs("null", f);
    else
        fprintf(f, "%.17g", pp_frontier_energy_lasting(fr, (size_t)p, d));
}

/* A point slower than T* (the minimum-energy point): dominated in (T, E),
 * kept as the best plan for iterations lasting its time or longer. */
static int beyond_tstar(const struct pp_frontier *fr, size_t p)
{
    return fr->pts[p].time > fr->pts[pp_frontier_min_energy(fr)].time;
}

void report_frontier(FILE *f, enum out_format fmt, const struct inputs *in,
                     const struct frontier_summary *s)
{
    const struct pp_frontier *fr = s->fr;
    switch (fmt) {
    case FMT_HUMAN: {
        schedule_line(f, in->dag);
        if (fr->partial)
            fprintf(f, "model         %s; the deadline solver, %zu plan(s) "
                       "at the deadlines asked for\n",
                    s->model, fr->npoints);
        else
            fprintf(f, "model         %s; %zu frontier points from %zu "
                       "steps (stopped: %s)\n",
                    s->model, fr->npoints, fr->steps, fr->stop_reason);
        fprintf(f, "blocking      %.2f W per GPU, %d GPU(s) per stage\n\n",
                in->energy.blocking_power, in->energy.gpus_per_stage);
        fprintf(f, "%-22s T %10.6f s  E %12.3f J\n", "all-max frequency",
                s->allmax_time, s->allmax_energy);
        long nos = pp_frontier_lookup(fr, s->t_min);
        if (nos >= 0)
            point_human(f, "no slowdown (T_min)", s, (size_t)nos);
        if (!fr->partial)
            point_human(f, "minimum energy (T*)", s,
                        pp_frontier_min_energy(fr));
        if (s->chosen >= 0) {
            char what[64];
            if (isnan(s->deadline))
                snprintf(what, sizeof what, "chosen");
            else
                snprintf(what, sizeof what, "chosen (T' %.6g s)",
                         s->deadline);
            point_human(f, what, s, (size_t)s->chosen);
            if (!isnan(s->deadline))
                lasting_human(f, s);
        }
        if (s->ncert) {
            fprintf(f, "\ncertificate (LP relaxation on the convex hulls of "
                       "the measured points):\n"
                       "  %12s  %12s  %14s  %14s  %7s\n",
                    "deadline s", "plan time s", "plan energy J",
                    "lower bound J", "gap %");
            for (size_t q = 0; q < s->ncert; q++) {
                size_t p = (size_t)s->cert_point[q];
                double e = cert_energy(s, q);
                fprintf(f, "  %12.6f  %12.6f  %14.3f  %14.3f  %7.3f\n",
                        s->cert_deadline[q], fr->pts[p].time, e,
                        s->cert_bound[q],
                        100.0 * (e / s->cert_bound[q] - 1.0));
            }
        }
        break;
    }
    case FMT_CSV:
        fprintf(f, "point,time,energy,compute_energy,blocking_energy,"
                   "slowdown,model_time,model_energy,beyond_tstar\n");
        for (size_t p = 0; p < fr->npoints; p++) {
            const struct pp_point *pt = &fr->pts[p];
            fprintf(f, "%zu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%d\n",
                    p, pt->time, pt->energy, pt->e_compute, pt->e_blocking,
                    pt->time / s->t_min - 1.0, pt->time_model,
                    pt->energy_model, beyond_tstar(fr, p));
        }
        break;
    case FMT_JSON:
    case FMT_YAML: {
        int js = fmt == FMT_JSON;
        size_t ts = pp_frontier_min_energy(fr);
        double dl = isnan(s->deadline) ? s->t_min : s->deadline;
        fprintf(f, js ? "{\"format_version\": 2, \"model\": \"%s\", "
                        "\"t_min\": %.17g, \"t_star\": %.17g, "
                        "\"pipeline_blocking_power\": %.17g, "
                        "\"allmax_time\": %.17g, "
                        "\"allmax_energy\": %.17g, \"deadline\": %.17g, "
                        "\"chosen\": %ld, \"chosen_energy_lasting\": "
                      : "format_version: 2\nmodel: %s\nt_min: %.17g\n"
                        "t_star: %.17g\npipeline_blocking_power: %.17g\n"
                        "allmax_time: %.17g\nallmax_energy: %.17g\n"
                        "deadline: %.17g\nchosen: %ld\n"
                        "chosen_energy_lasting: ",
                s->model, s->t_min, fr->pts[ts].time,
                in->dag->ngpus * in->energy.gpus_per_stage *
                    in->energy.blocking_power,
                s->allmax_time, s->allmax_energy, dl, s->chosen);
        put_lasting(f, fr, s->chosen, dl);
        fprintf(f, js ? ", \"published\": %ld, "
                        "\"published_energy_lasting\": "
                      : "\npublished: %ld\npublished_energy_lasting: ",
                s->published);
        put_lasting(f, fr, s->published, dl);
        fputs(js ? ",\n \"points\": [\n" : "\npoints:\n", f);
        for (size_t p = 0; p < fr->npoints; p++) {
            const struct pp_point *pt = &fr->pts[p];
            fprintf(f, "%s{\"point\": %zu, \"time\": %.17g, \"energy\": %.17g, "
                       "\"compute_energy\": %.17g, \"blocking_energy\": %.17g, "
                       "\"slowdown\": %.17g, \"model_time\": %.17g, "
                       "\"model_energy\": %.17g, \"beyond_tstar\": %s}%s\n",
                    js ? "  " : "  - ", p, pt->time, pt->energy,
                    pt->e_compute, pt->e_blocking, pt->time / s->t_min - 1.0,
                    pt->time_model, pt->energy_model,
                    beyond_tstar(fr, p) ? "true" : "false",
                    js && p + 1 < fr->npoints ? "," : "");
        }
        if (s->ncert)
            fprintf(f, js ? " ],\n \"certificate\": [\n" : "certificate:\n");
        for (size_t q = 0; q < s->ncert; q++) {
            const struct pp_point *pt = &fr->pts[s->cert_point[q]];
            double e = cert_energy(s, q);
            fprintf(f, "%s{\"deadline\": %.17g, \"point\": %ld, "
                       "\"time\": %.17g, \"energy\": %.17g, "
                       "\"lower_bound\": %.17g, \"gap\": %.17g}%s\n",
                    js ? "  " : "  - ", s->cert_deadline[q], s->cert_point[q],
                    pt->time, e, s->cert_bound[q], e / s->cert_bound[q] - 1.0,
                    js && q + 1 < s->ncert ? "," : "");
        }
        if (js)
            fprintf(f, " ]}\n");
        break;
    }
    }
}
