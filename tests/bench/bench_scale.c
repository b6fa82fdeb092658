/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_scale.c - how planning time and memory grow with the pipeline.
 *
 * For a grid of generated pipelines (1F1B and interleaved 1F1B with 2
 * chunks; stages S and microbatches M), solve the exact model's whole
 * frontier on a profile made from the shipped 8-stage example (stage s uses
 * example stage s mod 7, the last stage the example's heavier last stage)
 * and print per case: instructions, edges, frontier steps, wall and CPU
 * time, time per step, peak memory (RSS high-water mark of the process, so
 * monotone over the run) and the time of a step in units of one linear
 * pass over the DAG (a longest-path evaluation).  Cases whose instruction
 * count exceeds PP_BENCH_MAX_INSTR (default 20000) are listed as skipped.
 * PP_BENCH_THREADS sets pp_solve_opts.threads (default: automatic).
 * PP_BENCH_METHOD=walk|deadline|both (default both): beside the walk,
 * the deadline solver's no-slowdown plan (pp_frontier_at at the all-max
 * iteration time: the relaxation, its rounding and evaluation), with its
 * wall and CPU time and the realized plan's gap to its own lower bound.
 * PP_BENCH_CERTIFY=K spot-checks the frontier against the LP relaxation
 * (GLPK, pp_certify): at K points spread over the frontier up to the
 * model's cheapest point, the relative difference (model energy - LP
 * optimum at the point's time) / LP optimum of largest magnitude (column
 * "LP diff"; both are the same relaxation, so it is zero up to GLPK's
 * tolerances and the rounding of hull times to whole ns).  GLPK's dual
 * simplex can take minutes per point from a few thousand instructions on
 * (1F1B 16 x 64: 3 minutes for 9 points; 32 x 128: over 10 for 5).  Its
 * memory counts in the peak of later cases.
 *
 * usage: bench_scale EXAMPLE_PROFILE [S,S,...] [M,M,...]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "solver.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
           ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

/* A profile with S stages cycling the example's stages. */
static struct pp_profile *scaled(const struct pp_profile *ex, int S)
{
    size_t cap = 1 << 20, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "stage,instruction,frequency,time,energy\n");
    for (int s = 0; s < S; s++) {
        int src = s == S - 1 ? ex->nstages - 1 : s % (ex->nstages - 1);
        for (int k = 0; k < ex->nkinds; k++) {
            const struct pp_opset *set = pp_profile_ops(ex, src, k);
            for (size_t q = 0; q < set->n; q++) {
                if (cap - len < 256) {
                    cap *= 2;
                    csv = realloc(csv, cap);
                }
                len += (size_t)snprintf(csv + len, cap - len,
                                        "%d,%s,%d,%.17g,%.17g\n", s,
                                        ex->kinds[k], set->opt[q].mhz,
                                        set->opt[q].time, set->opt[q].energy);
            }
        }
    }
    struct pp_profile *p = NULL;
    struct pp_error err;
    if (pp_profile_parse_csv(&p, "scaled.csv", csv, len, &err))
        fprintf(stderr, "%s\n", err.msg);
    free(csv);
    return p;
}

/* The relative difference (model energy - LP bound) / LP bound of largest
 * magnitude at K frontier points up to the model's cheapest one: positive
 * if the frontier is above the LP; NAN on an LP failure. */
static double lp_check(const struct pp_dag *dag, const struct pp_profile *prof,
                       const struct pp_frontier *fr,
                       const struct pp_energy *en, int K)
{
    size_t cheap = 0, np = 0, total = 0;
    for (size_t p = 1; p < fr->npoints; p++)
        if (fr->pts[p].energy_model < fr->pts[cheap].energy_model)
            cheap = p;
    double *dl = malloc((size_t)K * sizeof *dl), *b = malloc((size_t)K * sizeof *b);
    size_t *at = malloc((size_t)K * sizeof *at),
           *upto = malloc(fr->npoints * sizeof *upto);
    double worst = 0.0;
    if (!dl || !b || !at || !upto) {
        worst = NAN;
        goto out;
    }
    /* the points up to the cheapest; K of them, evenly */
    for (size_t p = 0; p < fr->npoints; p++)
        if (fr->pts[p].time_model <= fr->pts[cheap].time_model)
            upto[total++] = p;
    for (int q = 0; q < K && total; q++) {
        at[np] = upto[(size_t)((double)q * (double)(total - 1) /
                               (K > 1 ? K - 1 : 1))];
        dl[np] = fr->pts[at[np]].time_model;
        np++;
    }
    struct pp_error err;
    if (pp_certify(dag, prof, en, dl, np, b, &err)) {
        fprintf(stderr, "certify: %s\n", err.msg);
        worst = NAN;
    } else {
        for (size_t q = 0; q < np; q++) {
            double d = (fr->pts[at[q]].energy_model - b[q]) / b[q];
            if (fabs(d) > fabs(worst))
                worst = d;
        }
    }
out:
    free(dl);
    free(b);
    free(at);
    free(upto);
    return worst;
}

/* The deadline solver's no-slowdown plan: wall and CPU seconds, and the
 * realized plan's gap to the relaxation's bound, on the current line. */
static void deadline_case(const struct pp_dag *dag,
                          const struct pp_profile *prof,
                          const struct pp_solve_opts *o)
{
    struct pp_plan *allmax = NULL;
    struct pp_eval *ev = NULL;
    struct pp_frontier *fr = NULL;
    struct pp_error err;
    long pt;
    double bound;
    if (pp_solver_plan_uniform(&allmax, dag, prof, PP_FREQ_MAX, &o->energy,
                               &err) ||
        pp_eval(&ev, dag, prof, allmax, &o->energy, &err)) {
        printf("  failed: %s", err.msg);
        goto out;
    }
    double w0 = now(), c0 = cpu();
    int rc = pp_frontier_at(&fr, dag, prof, o, &ev->time, 1, &pt, &bound,
                            &err);
    double wall = now() - w0, cp = cpu() - c0;
    if (rc)
        printf("  failed: %s", err.msg);
    else
        printf("  %16.3f %6.3f %6.3f", wall, cp,
               100.0 * (pp_frontier_energy_lasting(fr, (size_t)pt, ev->time) /
                            bound -
                        1.0));
out:
    pp_frontier_free(fr);
    pp_eval_free(ev);
    pp_plan_free(allmax);
}

static void parse_list(const char *s, int *v, int *n)
{
    *n = 0;
    char *copy = strdup(s), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t && *n < 32;
         t = strtok_r(NULL, ",", &save))
        v[(*n)++] = atoi(t);
    free(copy);
}

int main(int argc, char **argv)
{
    struct pp_profile *ex;
    struct pp_error err;
    int Ss[32] = {4, 8, 16, 32, 64}, Ms[32] = {8, 32, 128, 512, 1024};
    int nS = 5, nM = 5;
    const char *lim = getenv("PP_BENCH_MAX_INSTR");
    size_t maxn = lim ? (size_t)atol(lim) : 20000;
    const char *th = getenv("PP_BENCH_THREADS");
    int threads = th ? atoi(th) : -1;
    const char *ce = getenv("PP_BENCH_CERTIFY");
    int certify = ce && atoi(ce) > 0 ? atoi(ce) : 0;
    const char *me = getenv("PP_BENCH_METHOD");
    int walk = !me || strcmp(me, "deadline"), at = !me || strcmp(me, "walk");
    if (argc < 2 || pp_profile_load(&ex, argv[1], &err)) {
        fprintf(stderr, "usage: bench_scale EXAMPLE_PROFILE [S,..] [M,..]\n");
        return 2;
    }
    if (argc > 2)
        parse_list(argv[2], Ss, &nS);
    if (argc > 3)
        parse_list(argv[3], Ms, &nM);
    printf("%-12s %4s %5s %8s %8s %8s %9s %9s %10s %8s %9s%s%s\n",
           "schedule", "S", "M", "instr", "edges", "steps", "wall s",
           "cpu s", "us/step", "passes", "peak MB",
           certify ? "   LP diff" : "",
           at ? "  deadline: wall s  cpu s  gap %" : "");
    for (int sch = 0; sch < 2; sch++)
        for (int a = 0; a < nS; a++)
            for (int b = 0; b < nM; b++) {
                int S = Ss[a], M = Ms[b], V = sch ? 2 : 1;
                const char *name = sch ? "interleaved" : "1f1b";
                if (sch && M % S) {
                    printf("%-12s %4d %5d  skipped: M not a multiple of S\n",
                           name, S, M);
                    continue;
                }
                if ((size_t)S * M * 2 * V > maxn) {
                    printf("%-12s %4d %5d  skipped: %d instructions > "
                           "PP_BENCH_MAX_INSTR\n",
                           name, S, M, S * M * 2 * V);
                    continue;
                }
                struct pp_profile *prof = scaled(ex, S * V);
                struct pp_dag *dag;
                if (!prof || pp_graph_build(&dag, sch ? PP_SCHED_INTERLEAVED
                                                      : PP_SCHED_1F1B,
                                            S, M, V, &err)) {
                    printf("%-12s %4d %5d  failed: %s\n", name, S, M, err.msg);
                    pp_profile_free(prof);
                    continue;
                }
                /* one linear pass: a longest path over the DAG (into a
                 * kept array: a fresh one per call would time the
                 * allocator's page faults too, once it is mmap-sized) */
                double *dur = malloc(dag->n * sizeof *dur),
                       *start = malloc(dag->n * sizeof *start);
                for (size_t i = 0; i < dag->n; i++)
                    dur[i] = 1.0 + (double)(i % 7);
                double t0 = now();
                int reps = 0;
                do {
                    pp_longest_path(dag, dur, start);
                    reps++;
                } while (now() - t0 < 0.05);
                double pass = (now() - t0) / reps;
                free(dur);
                free(start);
                struct pp_solve_opts o;
                struct pp_frontier *fr;
                pp_solve_opts_init(&o);
                o.energy.blocking_power = 83.64;
                o.threads = threads;
                double w0 = now(), c0 = cpu();
                int rc = walk ? pp_frontier_solve(&fr, dag, prof, &o, &err)
                              : 0;
                double wall = now() - w0, cp = cpu() - c0;
                struct rusage ru;
                getrusage(RUSAGE_SELF, &ru);
                if (!walk) {
                    printf("%-12s %4d %5d %8zu %8zu %8s %9s %9s %10s %8s %9s",
                           name, S, M, dag->n, dag->nedges, "-", "-", "-",
                           "-", "-", "-");
                    deadline_case(dag, prof, &o);
                    printf("\n");
                } else if (rc) {
                    printf("%-12s %4d %5d  failed: %s\n", name, S, M, err.msg);
                } else {
                    double per = cp / (double)(fr->steps ? fr->steps : 1);
                    printf("%-12s %4d %5d %8zu %8zu %8zu %9.3f %9.3f %10.1f "
                           "%8.1f %9.1f",
                           name, S, M, dag->n, dag->nedges, fr->steps, wall, cp,
                           1e6 * per, per / pass, ru.ru_maxrss / 1024.0);
                    if (certify)
                        printf(" %10.2e",
                               lp_check(dag, prof, fr, &o.energy, certify));
                    if (at)
                        deadline_case(dag, prof, &o);
                    printf("\n");
                    pp_frontier_free(fr);
                }
                fflush(stdout);
                pp_graph_free(dag);
                pp_profile_free(prof);
            }
    pp_profile_free(ex);
    return 0;
}
