/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_deadline.c - the deadline solver (solver/deadline.h) at scale.
 *
 * For generated pipelines on a measured 8-stage profile (stage s uses
 * profile stage s mod 8), P_b 83.64 W, K = 1, the exact model's hulls in
 * ns: pp_deadline_new, then pp_deadline_solve at D = the fastest
 * iteration time (the no-slowdown plan) and at 1.05 x that.  Prints per
 * case and deadline: instructions, build and solve wall time, solve CPU
 * time (the machine may be shared), peak RSS
 * (high-water mark of the process, so monotone over the run), the plan's
 * time against D, and (cost - bound) / |cost|.
 *
 * PP_BENCH_MCF=cs or ns solves with LEMON's cost scaling or network
 * simplex instead of mcf.c's cost scaling; PP_BENCH_COLD=1 starts every
 * mcf.c solve cold instead of from the previous deadline's.
 *
 * CASE sweep:KIND:SxM solves at 51 deadlines from the fastest time to 1.5
 * times it, in that order (a frontier's worth), and prints each solve and
 * the total CPU time.
 *
 * usage: bench_deadline PROFILE [CASE ...], CASE = [sweep:]1f1b:SxM or
 * [sweep:]interleaved:SxM (2 chunks); default: the target
 * sizes, where the 1.05 solve starts from the first one's state.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "deadline.h"
#include "deadline_internal.h"
#include "nshull.h"
#include "solver.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

static int run_case(const struct pp_profile *prof, const char *spec)
{
    char kind[32];
    int S, M;
    struct pp_error err;
    int sweep = !strncmp(spec, "sweep:", 6);
    if (sscanf(spec + (sweep ? 6 : 0), "%31[a-z0-9]:%dx%d", kind, &S, &M) !=
        3) {
        fprintf(stderr, "bad case %s\n", spec);
        return 1;
    }
    int inter = !strcmp(kind, "interleaved");
    struct pp_dag *dag = NULL;
    if (pp_graph_build(&dag, inter ? PP_SCHED_INTERLEAVED : PP_SCHED_1F1B, S,
                       M, inter ? 2 : 1, &err)) {
        fprintf(stderr, "%s: %s\n", spec, err.msg);
        return 1;
    }
    struct pp_energy en = {83.64, 1};
    struct nshull h;
    if (nshull_build(&h, dag, prof, &en, &err)) {
        fprintf(stderr, "%s: %s\n", spec, err.msg);
        pp_graph_free(dag);
        return 1;
    }
    int64_t *dur = malloc(dag->n * sizeof *dur);
    struct pp_deadline *ds = NULL;
    double t0 = now();
    int rc = pp_deadline_new(&ds, dag, h.per, &err);
    double tb = now() - t0;
    const char *m = getenv("PP_BENCH_MCF");
    if (!rc && m && !strcmp(m, "cs"))
        pp_deadline_set_method(ds, PP_MCF_LEMON_COST_SCALING);
    if (!rc && m && !strcmp(m, "ns"))
        pp_deadline_set_method(ds, PP_MCF_LEMON_NETWORK_SIMPLEX);
    const char *cold = getenv("PP_BENCH_COLD");
    if (!rc && cold && !strcmp(cold, "1"))
        pp_deadline_set_warm(ds, 0);
    if (rc || !dur) {
        fprintf(stderr, "%s: %s\n", spec, rc ? err.msg : "out of memory");
        rc = 1;
        goto out;
    }
    int npts = sweep ? 51 : 2;
    double total = 0;
    for (int q = 0; q < npts; q++) {
        int64_t fast = pp_deadline_fastest(ds);
        double x = sweep ? 1.0 + 0.01 * q : q ? 1.05 : 1.0;
        int64_t D = (int64_t)llround(x * (double)fast);
        struct pp_deadline_result r;
        t0 = now();
        double c0 = cpu();
        rc = pp_deadline_solve(ds, D, dur, &r, &err);
        double ts = now() - t0, tc = cpu() - c0;
        total += tc;
        if (rc) {
            printf("%-16s %4.2f  failed: %s\n", spec, x, err.msg);
            continue;
        }
        printf("%-16s %4.2f %8zu %8.3f %8.3f %8.3f %8.1f %14lld %14lld "
               "%10.2e\n",
               spec, x, dag->n, tb, ts, tc, peak_mb(),
               (long long)D, (long long)r.T,
               (r.cost - r.bound) / fabs(r.cost));
        fflush(stdout);
    }
    if (sweep)
        printf("%-16s %d deadlines: %.3f s CPU in all\n", spec, npts, total);
    rc = 0;
out:
    pp_deadline_free(ds);
    free(dur);
    nshull_free(&h);
    pp_graph_free(dag);
    return rc;
}

int main(int argc, char **argv)
{
    static const char *const targets[] = {"1f1b:8x96", "1f1b:32x128",
                                          "interleaved:32x512",
                                          "1f1b:64x1024"};
    struct pp_profile *prof = NULL;
    struct pp_error err;
    int rc = 0;
    if (argc < 2 || pp_profile_load(&prof, argv[1], &err)) {
        fprintf(stderr, "usage: bench_deadline PROFILE [[sweep:]KIND:SxM ...]"
                        "%s%s\n",
                argc < 2 ? "" : ": ", argc < 2 ? "" : err.msg);
        return argc < 2 ? 2 : 77; /* the measured profile may be absent */
    }
    printf("%-16s %4s %8s %8s %8s %8s %8s %14s %14s %10s\n", "case", "D/Tf",
           "instr", "build s", "solve s", "cpu s", "peak MB", "D ns",
           "T ns", "gap");
    if (argc > 2)
        for (int a = 2; a < argc; a++)
            rc |= run_case(prof, argv[a]);
    else
        for (size_t a = 0; a < sizeof targets / sizeof *targets; a++)
            rc |= run_case(prof, targets[a]);
    pp_profile_free(prof);
    return rc;
}
