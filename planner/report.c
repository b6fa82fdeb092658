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

void report_frontier(FILE *f, enum out_format fmt, const struct inputs *in,
                     const struct frontier_summary *s)
{
    const struct pp_frontier *fr = s->fr;
    switch (fmt) {
    case FMT_HUMAN: {
        schedule_line(f, in->dag);
        fprintf(f, "model         %s; %zu frontier points from %zu steps "
                   "(stopped: %s)\n",
                s->model, fr->npoints, fr->steps, fr->stop_reason);
        fprintf(f, "blocking      %.2f W per GPU, %d GPU(s) per stage\n\n",
                in->energy.blocking_power, in->energy.gpus_per_stage);
        fprintf(f, "%-22s T %10.6f s  E %12.3f J\n", "all-max frequency",
                s->allmax_time, s->allmax_energy);
        long nos = pp_frontier_lookup(fr, s->t_min);
        if (nos >= 0)
            point_human(f, "no slowdown (T_min)", s, (size_t)nos);
        point_human(f, "minimum energy (T*)", s, pp_frontier_min_energy(fr));
        if (s->chosen >= 0) {
            char what[64];
            if (isnan(s->deadline))
                snprintf(what, sizeof what, "chosen");
            else
                snprintf(what, sizeof what, "chosen (T' %.6g s)",
                         s->deadline);
            point_human(f, what, s, (size_t)s->chosen);
        }
        if (s->ncert) {
            fprintf(f, "\ncertificate (LP relaxation on the convex hulls of "
                       "the measured points):\n"
                       "  %12s  %12s  %14s  %14s  %7s\n",
                    "deadline s", "plan time s", "plan energy J",
                    "lower bound J", "gap %");
            for (size_t q = 0; q < s->ncert; q++) {
                const struct pp_point *pt = &fr->pts[s->cert_point[q]];
                fprintf(f, "  %12.6f  %12.6f  %14.3f  %14.3f  %7.3f\n",
                        s->cert_deadline[q], pt->time, pt->energy,
                        s->cert_bound[q],
                        100.0 * (pt->energy / s->cert_bound[q] - 1.0));
            }
        }
        break;
    }
    case FMT_CSV:
        fprintf(f, "point,time,energy,compute_energy,blocking_energy,"
                   "slowdown,model_time,model_energy\n");
        for (size_t p = 0; p < fr->npoints; p++) {
            const struct pp_point *pt = &fr->pts[p];
            fprintf(f, "%zu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", p,
                    pt->time, pt->energy, pt->e_compute, pt->e_blocking,
                    pt->time / s->t_min - 1.0, pt->time_model,
                    pt->energy_model);
        }
        break;
    case FMT_JSON:
    case FMT_YAML: {
        int js = fmt == FMT_JSON;
        fprintf(f, js ? "{\"format_version\": 1, \"model\": \"%s\", "
                        "\"t_min\": %.17g, \"allmax_time\": %.17g, "
                        "\"allmax_energy\": %.17g, \"chosen\": %ld,\n"
                        " \"points\": [\n"
                      : "format_version: 1\nmodel: %s\nt_min: %.17g\n"
                        "allmax_time: %.17g\nallmax_energy: %.17g\n"
                        "chosen: %ld\npoints:\n",
                s->model, s->t_min, s->allmax_time, s->allmax_energy,
                s->chosen);
        for (size_t p = 0; p < fr->npoints; p++) {
            const struct pp_point *pt = &fr->pts[p];
            fprintf(f, "%s{\"point\": %zu, \"time\": %.17g, \"energy\": %.17g, "
                       "\"compute_energy\": %.17g, \"blocking_energy\": %.17g, "
                       "\"slowdown\": %.17g, \"model_time\": %.17g, "
                       "\"model_energy\": %.17g}%s\n",
                    js ? "  " : "  - ", p, pt->time, pt->energy,
                    pt->e_compute, pt->e_blocking, pt->time / s->t_min - 1.0,
                    pt->time_model, pt->energy_model,
                    js && p + 1 < fr->npoints ? "," : "");
        }
        if (s->ncert)
            fprintf(f, js ? " ],\n \"certificate\": [\n" : "certificate:\n");
        for (size_t q = 0; q < s->ncert; q++) {
            const struct pp_point *pt = &fr->pts[s->cert_point[q]];
            fprintf(f, "%s{\"deadline\": %.17g, \"point\": %ld, "
                       "\"time\": %.17g, \"energy\": %.17g, "
                       "\"lower_bound\": %.17g, \"gap\": %.17g}%s\n",
                    js ? "  " : "  - ", s->cert_deadline[q], s->cert_point[q],
                    pt->time, pt->energy, s->cert_bound[q],
                    pt->energy / s->cert_bound[q] - 1.0,
                    js && q + 1 < s->ncert ? "," : "");
        }
        if (js)
            fprintf(f, " ]}\n");
        break;
    }
    }
}
