/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_straggler_sweep.c - `sweep --straggler` as a user runs it (verb_run,
 * -f csv), its figures derived again from the profile, independently of
 * the sweep's own arithmetic (planner/whatif.c's straggler_case and
 * pp_whatif_straggler_row), on held-out cases that no other straggler
 * test uses: GPU 2 of the shipped 4-stage example 15% slower at 0.9 times
 * the power (4 pipelines), and, with the shared data, GPU 5 of GPT-3 A100
 * 8 x 24 25% slower at 0.95 times the power (16 pipelines).
 *
 * Here the slowed profile is made by scaling the CSV text (not
 * pp_straggler_profile; with 1F1B on as many GPUs as stages, GPU g runs
 * stage g), every plan the sweep's rules pick (all-max, EnvPipe, the
 * frontier point for T' by the deadline rule and by the published one,
 * the straggler's point for its own T', the no-slowdown point) is made a
 * plan and evaluated with pp_eval, the pipeline's blocking until T' is
 * added here, and the cluster's energies and savings are summed here.  The
 * sweep's T', s, straggler energies and all four savings must agree to
 * 1e-9 (relative for energies and times).
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "shared.h"

/* The sweep's CSV row, its columns in order. */
struct row {
    double gpu, tf, pf, deadline, s, e[3], saving[3], pub[2];
};
enum { A, E, P, Q }; /* all-max, EnvPipe, Perseus, Perseus T*+block */

/* Agreement to 1e-9, relative (REL) or absolute. */
static void near(double got, double want, int rel, const char *what)
{
    cr_assert(fabs(got - want) <= 1e-9 * (rel ? fabs(want) : 1.0),
              "%s: the sweep says %.17g, evaluated %.17g", what, got, want);
}

/* Run sweep on PROFILE with ARGS (M, pipelines, straggler) into a CSV and
 * read its one row into R. */
static void run_sweep(const char *profile, const char *m, const char *pipes,
                      const char *straggler, struct row *r)
{
    char dir[] = "/tmp/test_straggler_XXXXXX", csv[64], line[2048];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(csv, sizeof csv, "%s/t.csv", dir);
    char *argv[] = {"sweep", "-p", (char *)profile, "-b", "a100", "-M",
                    (char *)m, "--pipelines", (char *)pipes, "--straggler",
                    (char *)straggler, "-f", "csv", "-o", csv, "-q", NULL};
    cr_assert_eq(verb_run(&verb_sweep, 16, argv), 0);
    FILE *f = fopen(csv, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert(!strncmp(line, "gpu,time_factor,power_factor,deadline,s,"
                             "straggler_allmax_energy,straggler_envpipe_"
                             "energy,straggler_perseus_energy,envpipe_"
                             "cluster_saving,perseus_cluster_saving,"
                             "published_cluster_saving,envpipe_cluster_"
                             "saving_energy_x_s,perseus_cluster_saving_"
                             "energy_x_s\n", strlen(line)), "%s", line);
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert_eq(sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,"
                              "%lf,%lf", &r->gpu, &r->tf, &r->pf,
                        &r->deadline, &r->s, &r->e[A], &r->e[E], &r->e[P],
                        &r->saving[E - 1], &r->saving[P - 1],
                        &r->saving[Q - 1], &r->pub[0], &r->pub[1]), 13,
                 "%s", line);
    cr_assert_null(fgets(line, sizeof line, f), "a second row");
    fclose(f);
    unlink(csv);
    rmdir(dir);
}

/* The CSV profile at PATH with stage GPU's times times TF and energies
 * times TF * PF, made from its text. */
static struct pp_profile *slowed(const char *path, int gpu, double tf,
                                 double pf)
{
    char *text = NULL, line[512];
    size_t len = 0;
    FILE *in = fopen(path, "r"), *out = open_memstream(&text, &len);
    cr_assert(in && out);
    cr_assert_not_null(fgets(line, sizeof line, in));
    fputs(line, out); /* stage,instruction,frequency,time,energy */
    while (fgets(line, sizeof line, in)) {
        char kind[64];
        int st, mhz;
        double t, e;
        cr_assert_eq(sscanf(line, "%d,%63[^,],%d,%lf,%lf", &st, kind, &mhz,
                            &t, &e), 5, "%s", line);
        if (st == gpu) {
            t *= tf;
            e *= tf * pf;
        }
        fprintf(out, "%d,%s,%d,%.17g,%.17g\n", st, kind, mhz, t, e);
    }
    fclose(in);
    cr_assert_eq(fclose(out), 0);
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_profile_parse_csv(&p, "slowed.csv", text, len, &err), 0,
                 "%s", err.msg);
    free(text);
    return p;
}

/* PLAN (freed) evaluated on PROF. */
static struct pp_eval *evaluate(struct pp_plan *plan, const struct pp_dag *dag,
                                const struct pp_profile *prof,
                                const struct pp_energy *en)
{
    struct pp_eval *ev = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_eval(&ev, dag, prof, plan, en, &err), 0, "%s", err.msg);
    pp_plan_free(plan);
    return ev;
}

/* The all-max plan (ENVPIPE 0) or EnvPipe's, evaluated on PROF. */
static struct pp_eval *baseline(int envpipe, const struct pp_dag *dag,
                                const struct pp_profile *prof,
                                const struct pp_energy *en)
{
    struct pp_plan *plan = NULL;
    struct pp_error err = {0};
    int rc = envpipe ? pp_baseline_envpipe(&plan, dag, prof, en,
                                           PP_ENVPIPE_DEFAULT_ROUNDS, NULL,
                                           NULL, &err)
                     : pp_solver_plan_uniform(&plan, dag, prof, PP_FREQ_MAX,
                                              en, &err);
    cr_assert_eq(rc, 0, "%s", err.msg);
    return evaluate(plan, dag, prof, en);
}

/* The plan of point P (>= 0) of FR, evaluated on PROF. */
static struct pp_eval *point(const struct pp_frontier *fr, long p,
                             const struct pp_dag *dag,
                             const struct pp_profile *prof,
                             const struct pp_energy *en)
{
    struct pp_plan *plan = NULL;
    cr_assert_geq(p, 0);
    cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
    pp_frontier_plan_at(fr, (size_t)p, plan->mhz);
    return evaluate(plan, dag, prof, en);
}

static struct pp_frontier *frontier(const struct pp_dag *dag,
                                    const struct pp_profile *prof,
                                    const struct pp_energy *en)
{
    struct pp_solve_opts o;
    struct pp_frontier *fr = NULL;
    struct pp_error err = {0};
    pp_solve_opts_init(&o);
    o.energy = *en;
    cr_assert_eq(pp_frontier_solve(&fr, dag, prof, &o, &err), 0, "%s",
                 err.msg);
    return fr;
}

/* EV's energy in an iteration lasting T: its own, then the whole
 * pipeline (PIPE_W watts) blocking until T; its plan must end by T. */
static double until(const struct pp_eval *ev, double T, double pipe_w)
{
    cr_assert_leq(ev->time, T * (1 + 1e-12), "a plan of %.9g s for T' %.9g",
                  ev->time, T);
    return ev->e_total + pipe_w * (T > ev->time ? T - ev->time : 0.0);
}

/*
 * The case: PATH's profile, 1F1B on its stages with M microbatches, N
 * pipelines, GPU slowed by TF drawing PF the power; ARG the --straggler
 * value saying so.
 */
static void check(const char *path, int m, int n, int gpu, double tf,
                  double pf, const char *arg)
{
    char ms[16], ns[16];
    struct row r;
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ns, sizeof ns, "%d", n);
    run_sweep(path, ms, ns, arg, &r);
    cr_assert(r.gpu == gpu && r.tf == tf && r.pf == pf);

    struct pp_error err = {0};
    struct pp_energy en = {83.64, 1};
    struct pp_profile *hp = NULL, *sp = slowed(path, gpu, tf, pf);
    struct pp_dag *dag = NULL;
    cr_assert_eq(pp_profile_load(&hp, path, &err), 0, "%s", err.msg);
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, hp->nstages, m, 1, &err),
                 0, "%s", err.msg);
    double pipe_w = dag->ngpus * en.gpus_per_stage * en.blocking_power;

    /* the straggling pipeline: its all-max time is T' */
    struct pp_eval *sa = baseline(0, dag, sp, &en), *se = baseline(1, dag, sp,
                                                                   &en);
    double T = sa->time;
    struct pp_frontier *fs = frontier(dag, sp, &en);
    struct pp_eval *sx = point(fs, pp_frontier_lookup(fs, T), dag, sp, &en);
    double st[3] = {until(sa, T, pipe_w), until(se, T, pipe_w),
                    until(sx, T, pipe_w)};

    /* the N - 1 others, healthy, until T' */
    struct pp_eval *ha = baseline(0, dag, hp, &en), *he = baseline(1, dag, hp,
                                                                   &en);
    struct pp_frontier *fh = frontier(dag, hp, &en);
    struct pp_eval *hx = point(fh, pp_frontier_lookup(fh, T), dag, hp, &en);
    struct pp_eval *hq = point(fh, pp_frontier_lookup_published(fh, T), dag,
                               hp, &en);
    struct pp_eval *h0 = point(fh, pp_frontier_lookup(fh, ha->time), dag, hp,
                               &en);
    double s = T / ha->time;
    double ot[4] = {until(ha, T, pipe_w), until(he, T, pipe_w),
                    until(hx, T, pipe_w), until(hq, T, pipe_w)};

    near(r.deadline, T, 1, "T'");
    near(r.s, s, 1, "s");
    near(r.e[A], st[A], 1, "straggler, all-max");
    near(r.e[E], st[E], 1, "straggler, EnvPipe");
    near(r.e[P], st[P], 1, "straggler, Perseus");
    /* the cluster: the straggler's own energy (the published rule's
     * column charges Perseus's) and N - 1 others */
    double cl[4], pub[3], e0[3] = {ha->e_total, he->e_total, h0->e_total};
    for (int k = A; k <= Q; k++)
        cl[k] = st[k == Q ? P : k] + (n - 1) * ot[k];
    for (int k = A; k <= P; k++) /* published: no-slowdown energy x s */
        pub[k] = e0[k] * s + (n - 1) * ot[k];
    near(r.saving[E - 1], 1 - cl[E] / cl[A], 0, "EnvPipe cluster saving");
    near(r.saving[P - 1], 1 - cl[P] / cl[A], 0, "Perseus cluster saving");
    near(r.saving[Q - 1], 1 - cl[Q] / cl[A], 0, "T*+block cluster saving");
    near(r.pub[0], 1 - pub[E] / pub[A], 0, "EnvPipe, energy x s");
    near(r.pub[1], 1 - pub[P] / pub[A], 0, "Perseus, energy x s");
    /* a real case: the straggler lengthens the iteration, Perseus saves */
    cr_assert_gt(s, 1.0);
    cr_assert_gt(r.saving[P - 1], 0.0);

    struct pp_eval *evs[] = {sa, se, sx, ha, he, hx, hq, h0};
    for (size_t k = 0; k < sizeof evs / sizeof evs[0]; k++)
        pp_eval_free(evs[k]);
    pp_frontier_free(fs);
    pp_frontier_free(fh);
    pp_graph_free(dag);
    pp_profile_free(hp);
    pp_profile_free(sp);
}

Test(straggler_sweep, example_gpu2_of_4, .timeout = 120)
{
    const char *ex = getenv("PP_EXAMPLES_DIR");
    char path[512];
    if (!ex)
        cr_skip_test("PP_EXAMPLES_DIR is not set");
    snprintf(path, sizeof path, "%s/gpt-4stage-a100.csv", ex);
    check(path, 8, 4, 2, 1.15, 0.9, "2:1.15:0.9");
}

Test(straggler_sweep, gpt3_a100_gpu5_of_8, .timeout = 300)
{
    char path[1024];
    shared_path(path, sizeof path,
                "stage_profile/gpt3-175b+a100_sxm_bf16.csv");
    check(path, 24, 16, 5, 1.25, 0.95, "5:1.25:0.95");
}
