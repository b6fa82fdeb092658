/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c - human and machine-readable output of evaluations and frontiers.
 */
#include "report.h"

#include <math.h>
#include <string.h>

#include "machine.h"

void report_instr(struct mw *m, const struct pp_dag *d, int g, size_t k)
{
    const struct pp_instr *x = &d->ins[d->gpu_seq[k]];
    mw_int(m, "gpu", g);
    mw_int(m, "position", (long long)(k - d->gpu_off[g]));
    mw_str(m, "kind", d->kinds[x->kind]);
    mw_int(m, "microbatch", x->mb);
    mw_int(m, "chunk", x->chunk);
    mw_str(m, "id", x->id);
    mw_int(m, "stage", x->stage);
}

static void schedule_line(FILE *f, const struct pp_dag *d)
{
    char esc[1024];
    /* a custom DAG's name comes from its file: escaped as in messages */
    fprintf(f, "schedule      %s, %d GPUs",
            pp_error_escape(esc, sizeof esc, d->schedule), d->ngpus);
    if (d->microbatches)
        fprintf(f, ", %d microbatch%s", d->microbatches,
                d->microbatches == 1 ? "" : "es");
    if (d->chunks > 1)
        fprintf(f, ", %d chunks per GPU", d->chunks);
    fprintf(f, ", %zu instructions\n", d->n);
}

/* An instruction is critical when its slack is below this much of T: on
 * some longest path, up to rounding. */
#define CRITICAL_SLACK 1e-9

/* The machine formats of an evaluation (machine.h): the iteration, then
 * every instruction (GPU by GPU in execution order: the CSV rows), then
 * every GPU. */
static int eval_machine(FILE *f, enum out_format fmt, const struct inputs *in,
                        const char *plan_desc, const struct pp_plan *plan,
                        const struct pp_eval *ev)
{
    const struct pp_dag *d = in->dag;
    struct mw m;
    mw_begin(&m, f, fmt, 2);
    mw_str(&m, "plan", plan_desc);
    mw_str(&m, "schedule", d->schedule);
    mw_int(&m, "gpus", d->ngpus);
    mw_int(&m, "microbatches", d->microbatches);
    mw_int(&m, "chunks", d->chunks);
    mw_int(&m, "instructions", (long long)d->n);
    mw_num(&m, "blocking_power", in->energy.blocking_power);
    mw_int(&m, "gpus_per_stage", in->energy.gpus_per_stage);
    mw_num(&m, "time", ev->time);
    mw_num(&m, "energy", ev->e_total);
    mw_num(&m, "compute_energy", ev->e_compute);
    mw_num(&m, "blocking_energy", ev->e_blocking);
    mw_list_begin(&m, "per_instruction");
    for (int g = 0; g < d->ngpus; g++)
        for (size_t k = d->gpu_off[g]; k < d->gpu_off[g + 1]; k++) {
            size_t i = d->gpu_seq[k];
            mw_item_begin(&m);
            report_instr(&m, d, g, k);
            mw_int(&m, "frequency", plan->mhz[i]);
            mw_num(&m, "start", ev->start[i]);
            mw_num(&m, "end", ev->start[i] + ev->dur[i]);
            mw_num(&m, "slack", ev->slack[i]);
            mw_bool(&m, "critical", ev->slack[i] <= CRITICAL_SLACK * ev->time);
            mw_num(&m, "gpu_busy", ev->busy[g]);
            mw_num(&m, "gpu_idle", ev->idle[g]);
            mw_item_end(&m);
        }
    mw_list_end(&m);
    mw_list_begin(&m, "per_gpu");
    for (int g = 0; g < ev->ngpus; g++) {
        mw_item_begin(&m);
        mw_int(&m, "gpu", g);
        mw_num(&m, "busy", ev->busy[g]);
        mw_num(&m, "idle", ev->idle[g]);
        mw_item_end(&m);
    }
    mw_list_end(&m);
    return mw_end(&m);
}

int report_eval(FILE *f, enum out_format fmt, const struct inputs *in,
                const char *plan_desc, const struct pp_plan *plan,
                const struct pp_eval *ev)
{
    const struct pp_dag *d = in->dag;
    double busy = 0;
    char esc[1024];
    for (int g = 0; g < ev->ngpus; g++)
        busy += ev->busy[g];
    switch (fmt) {
    case FMT_HUMAN:
        schedule_line(f, d);
        fprintf(f, "plan          %s\n",
                pp_error_escape(esc, sizeof esc, plan_desc));
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
    default:
        return eval_machine(f, fmt, in, plan_desc, plan, ev);
    }
    return 0;
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

/* A point slower than T* (the minimum-energy point): dominated in (T, E),
 * kept as the best plan for iterations lasting its time or longer. */
static int beyond_tstar(const struct pp_frontier *fr, size_t p)
{
    return fr->pts[p].time > fr->pts[pp_frontier_min_energy(fr)].time;
}

/* The energy of an iteration lasting D with point P (NAN if P < 0). */
static double lasting(const struct pp_frontier *fr, long p, double d)
{
    return p < 0 ? NAN : pp_frontier_energy_lasting(fr, (size_t)p, d);
}

/* The machine formats of a frontier (machine.h): the choice, then every
 * point; the certificate is a second list (not in CSV). */
static int frontier_machine(FILE *f, enum out_format fmt,
                            const struct inputs *in,
                            const struct frontier_summary *s)
{
    const struct pp_frontier *fr = s->fr;
    double dl = isnan(s->deadline) ? s->t_min : s->deadline;
    struct mw m;
    mw_begin(&m, f, fmt, 2);
    mw_str(&m, "model", s->model);
    mw_num(&m, "t_min", s->t_min);
    mw_num(&m, "t_star", fr->partial ? NAN
                                     : fr->pts[pp_frontier_min_energy(fr)].time);
    mw_num(&m, "pipeline_blocking_power", in->dag->ngpus *
                                              in->energy.gpus_per_stage *
                                              in->energy.blocking_power);
    mw_num(&m, "allmax_time", s->allmax_time);
    mw_num(&m, "allmax_energy", s->allmax_energy);
    mw_num(&m, "deadline", dl);
    mw_int(&m, "chosen", s->chosen);
    mw_num(&m, "chosen_energy_lasting", lasting(fr, s->chosen, dl));
    mw_int(&m, "published", s->published);
    mw_num(&m, "published_energy_lasting", lasting(fr, s->published, dl));
    mw_list_begin(&m, "points");
    for (size_t p = 0; p < fr->npoints; p++) {
        const struct pp_point *pt = &fr->pts[p];
        mw_item_begin(&m);
        mw_int(&m, "point", (long long)p);
        mw_num(&m, "time", pt->time);
        mw_num(&m, "energy", pt->energy);
        mw_num(&m, "compute_energy", pt->e_compute);
        mw_num(&m, "blocking_energy", pt->e_blocking);
        mw_num(&m, "slowdown", pt->time / s->t_min - 1.0);
        mw_num(&m, "model_time", pt->time_model);
        mw_num(&m, "model_energy", pt->energy_model);
        mw_bool(&m, "beyond_tstar", beyond_tstar(fr, p));
        mw_item_end(&m);
    }
    mw_list_end(&m);
    if (s->ncert) {
        mw_list_begin(&m, "certificate");
        for (size_t q = 0; q < s->ncert; q++) {
            const struct pp_point *pt = &fr->pts[s->cert_point[q]];
            double e = cert_energy(s, q);
            mw_item_begin(&m);
            mw_num(&m, "deadline", s->cert_deadline[q]);
            mw_int(&m, "point", s->cert_point[q]);
            mw_num(&m, "time", pt->time);
            mw_num(&m, "energy", e);
            mw_num(&m, "lower_bound", s->cert_bound[q]);
            mw_num(&m, "gap", e / s->cert_bound[q] - 1.0);
            mw_item_end(&m);
        }
        mw_list_end(&m);
    }
    return mw_end(&m);
}

int report_frontier(FILE *f, enum out_format fmt, const struct inputs *in,
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
    default:
        return frontier_machine(f, fmt, in, s);
    }
    return 0;
}
