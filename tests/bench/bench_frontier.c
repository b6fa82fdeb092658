/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_frontier.c - wall time, steps and peak memory of whole frontiers.
 *
 * Cases: the lowtime model on the published GPT-3 profiles (A100 8 x 24 at
 * tau 1 ms, A40 8 x 96 at tau 0.1 ms) when ../shared is present, and the
 * exact model on the same and on the shipped examples.  Prints one line per
 * case; run with `meson test -C build --benchmark --verbose`.
 */
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

static int run(const char *label, const char *path, int S, int M,
               enum pp_model model, double tau, double pb)
{
    struct pp_profile *prof;
    struct pp_dag *dag;
    struct pp_frontier *fr;
    struct pp_error err;
    struct pp_solve_opts o;
    if (pp_profile_load(&prof, path, &err)) {
        printf("%-34s skipped: %s\n", label, err.msg);
        return 0;
    }
    if (pp_graph_build(&dag, PP_SCHED_1F1B, S, M, 1, &err)) {
        printf("%-34s %s\n", label, err.msg);
        return 1;
    }
    pp_solve_opts_init(&o);
    o.model = model;
    o.unit_time = tau;
    o.energy.blocking_power = pb;
    struct rusage r0;
    getrusage(RUSAGE_SELF, &r0);
    double cpu0 = r0.ru_utime.tv_sec + r0.ru_utime.tv_usec * 1e-6 +
                  r0.ru_stime.tv_sec + r0.ru_stime.tv_usec * 1e-6;
    double t0 = now();
    int rc = pp_frontier_solve(&fr, dag, prof, &o, &err);
    double dt = now() - t0;
    if (rc) {
        printf("%-34s failed: %s\n", label, err.msg);
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                 ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6 - cpu0;
    printf("%-34s %6zu instr %7zu steps %7zu points  wall %8.3f s  cpu "
           "%8.3f s  %8.1f us/step  peak %6.1f MB\n",
           label, dag->n, fr->steps, fr->npoints, dt, cpu,
           1e6 * cpu / (double)(fr->steps ? fr->steps : 1),
           ru.ru_maxrss / 1024.0);
    pp_frontier_free(fr);
    pp_graph_free(dag);
    pp_profile_free(prof);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("PP_SHARED_DIR");
    const char *examples = argc > 1 ? argv[1] : "profiles/examples";
    char a100[1024], a40[1024], ex4[1024], ex8[1024];
    int bad = 0;
    snprintf(a100, sizeof a100,
             "%s/data/sosp24/emulation/stage_profile/gpt3-175b+a100_sxm_bf16.csv",
             shared ? shared : "../shared");
    snprintf(a40, sizeof a40,
             "%s/data/sosp24/emulation/stage_profile/gpt3-175b+a40_bf16.csv",
             shared ? shared : "../shared");
    snprintf(ex4, sizeof ex4, "%s/gpt-4stage-a100.csv", examples);
    snprintf(ex8, sizeof ex8, "%s/gpt-8stage-a40.csv", examples);
    bad |= run("lowtime gpt3 A100 8x24 tau 1ms", a100, 8, 24,
               PP_MODEL_LOWTIME, 1e-3, 83.64);
    bad |= run("lowtime gpt3 A40 8x96 tau 0.1ms", a40, 8, 96,
               PP_MODEL_LOWTIME, 1e-4, 70.38);
    bad |= run("exact gpt3 A100 8x24", a100, 8, 24, PP_MODEL_EXACT, 0, 83.64);
    bad |= run("exact gpt3 A40 8x96", a40, 8, 96, PP_MODEL_EXACT, 0, 70.38);
    bad |= run("exact example 4-stage A100 4x64", ex4, 4, 64, PP_MODEL_EXACT,
               0, 83.64);
    bad |= run("exact example 8-stage A40 8x256", ex8, 8, 256,
               PP_MODEL_EXACT, 0, 70.38);
    return bad;
}
