/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_realize.c - rounding a relaxed schedule to real frequencies.
 *
 * A known answer where spending slack in DAG order loses and spending it by
 * value wins; and on random DAGs and profiles: the plan meets the deadline,
 * is never worse than its start, leaves no instruction a cheaper option
 * that fits its float, and its returned energy is the evaluator's (compute
 * energy + blocking energy of idle GPU time, computed here independently),
 * with and without hints from a relaxation.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "random.h"
#include "realize.h"
#include "solver.h"

struct fixture {
    struct pp_stair *stairs;         /* per (stage, kind) */
    const struct pp_stair **stair;   /* per instruction */
    struct pp_realizer R;
};

static void fixture_init(struct fixture *F, const struct pp_dag *dag,
                         const struct pp_profile *prof, double kpb)
{
    size_t nsets = (size_t)prof->nstages * prof->nkinds;
    F->stairs = calloc(nsets, sizeof *F->stairs);
    F->stair = malloc(dag->n * sizeof *F->stair);
    for (size_t k = 0; k < nsets; k++)
        cr_assert_eq(pp_stair_build(&F->stairs[k], &prof->sets[k], kpb), 0);
    for (size_t i = 0; i < dag->n; i++) {
        int pk = pp_profile_kind(prof, dag->kinds[dag->ins[i].kind]);
        F->stair[i] = &F->stairs[(size_t)dag->ins[i].stage * prof->nkinds + pk];
    }
    cr_assert_eq(pp_realizer_init(&F->R, dag, F->stair, kpb), 0);
}

static void fixture_free(struct fixture *F, const struct pp_profile *prof)
{
    for (size_t k = 0; k < (size_t)prof->nstages * prof->nkinds; k++)
        pp_stair_clear(&F->stairs[k]);
    free(F->stairs);
    free(F->stair);
    pp_realizer_free(&F->R);
}

/* Iteration time and evaluator energy of CI; earliest starts into ES. */
static double evaluate(const struct fixture *F, const struct pp_dag *dag,
                       const int32_t *ci, double kpb, double *es,
                       double *energy)
{
    double *t = malloc(dag->n * sizeof *t), *busy = calloc(dag->ngpus, sizeof *busy);
    double e = 0.0;
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_option *o = F->stair[i]->opt[ci[i]];
        t[i] = o->time;
        e += o->energy;
        busy[dag->ins[i].gpu] += o->time;
    }
    double T = pp_longest_path(dag, t, es);
    for (int g = 0; g < dag->ngpus; g++)
        e += kpb * (T - busy[g]);
    *energy = e;
    free(t);
    free(busy);
    return T;
}

/* Instruction A (GPU 0, stage 0) then B (GPU 1, stage 1), both "forward",
 * with the profile CSV. */
static void in_series(const char *csv, struct pp_profile **prof,
                      struct pp_dag **dag)
{
    static const char *const kinds[] = {"forward"};
    struct pp_instr ins[2] = {{.gpu = 0, .stage = 0}, {.gpu = 1, .stage = 1}};
    size_t edges[2] = {0, 1};
    struct pp_error err;
    cr_assert_eq(pp_profile_parse_csv(prof, "ab.csv", csv, strlen(csv), &err),
                 0, "%s", err.msg);
    cr_assert_eq(pp_graph_from_arrays(dag, 2, 2, ins, 1, kinds, 1, edges,
                                      &err), 0, "%s", err.msg);
}

/*
 * A on GPU 0 then B on GPU 1, 0.25 s of slack.  A: 0.5 s 20 J, 0.625 s
 * 19.9 J, 0.75 s 10 J; B: 0.5 s 20 J, 0.75 s 14 J.  Visiting B first (the
 * reverse pass) and taking any saving would slow B (-6 J) and leave A
 * nothing; by value, A's jump (40 J/s) beats B's (24 J/s): 30 J.
 */
Test(realize, slack_goes_to_the_most_valuable_move)
{
    static const char csv[] =
        "stage,instruction,frequency,time,energy\n"
        "0,forward,1400,0.5,20\n0,forward,1300,0.625,19.9\n"
        "0,forward,1200,0.75,10\n"
        "1,forward,1400,0.5,20\n1,forward,1200,0.75,14\n";
    struct pp_profile *prof;
    struct pp_dag *dag;
    in_series(csv, &prof, &dag);
    struct fixture F;
    fixture_init(&F, dag, prof, 0.0);
    int32_t ci[2] = {0, 0};
    double e = pp_realize(&F.R, ci, 1.25, NULL);
    cr_assert_eq(F.stair[0]->opt[ci[0]]->mhz, 1200);
    cr_assert_eq(F.stair[1]->opt[ci[1]]->mhz, 1400);
    cr_assert_float_eq(e, 30.0, 1e-12);
    /* a first round capped at A's fastest time hands the slack to B */
    double cap[2] = {0.5, 0.75};
    struct pp_realize_hint hint = {cap, NULL, NULL};
    ci[0] = ci[1] = 0;
    e = pp_realize(&F.R, ci, 1.25, &hint);
    cr_assert_eq(F.stair[0]->opt[ci[0]]->mhz, 1400);
    cr_assert_eq(F.stair[1]->opt[ci[1]]->mhz, 1200);
    cr_assert_float_eq(e, 34.0, 1e-12);
    fixture_free(&F, prof);
    pp_graph_free(dag);
    pp_profile_free(prof);
}

/*
 * A then B, both 0.5 s 20 J or 0.75 s 10 J, room for one jump.  By value
 * alone the reverse pass gives it to B; a relaxation that put A 90% and B
 * 40% of the way along the segment gives it to A.
 */
Test(realize, relaxation_fractions_decide_who_jumps)
{
    static const char csv[] =
        "stage,instruction,frequency,time,energy\n"
        "0,forward,1400,0.5,20\n0,forward,1200,0.75,10\n"
        "1,forward,1400,0.5,20\n1,forward,1200,0.75,10\n";
    struct pp_profile *prof;
    struct pp_dag *dag;
    in_series(csv, &prof, &dag);
    struct fixture F;
    fixture_init(&F, dag, prof, 0.0);
    int32_t ci[2] = {0, 0}, target[2] = {1, 1};
    cr_assert_float_eq(pp_realize(&F.R, ci, 1.25, NULL), 30.0, 1e-12);
    cr_assert(ci[0] == 0 && ci[1] == 1);
    double frac[2] = {0.9, 0.4};
    struct pp_realize_hint hint = {NULL, target, frac};
    ci[0] = ci[1] = 0;
    cr_assert_float_eq(pp_realize(&F.R, ci, 1.25, &hint), 30.0, 1e-12);
    cr_assert(ci[0] == 1 && ci[1] == 0);
    fixture_free(&F, prof);
    pp_graph_free(dag);
    pp_profile_free(prof);
}

Test(realize, plans_meet_the_deadline_and_spend_all_useful_slack)
{
    unsigned seed = 4242;
    for (int round = 0; round < 60; round++) {
        int g = 2 + rand_r(&seed) % 4, nk = 1 + rand_r(&seed) % 3;
        size_t n = (size_t)g + (size_t)(rand_r(&seed) % 40);
        struct pp_dag *dag = rnd_dag(&seed, g, n, nk);
        struct pp_profile *prof = rnd_profile(&seed, g, nk);
        double kpb = (rand_r(&seed) % 4) * 25.0;
        struct fixture F;
        fixture_init(&F, dag, prof, kpb);
        int32_t *ci = calloc(n, sizeof *ci);
        double *es = malloc(n * sizeof *es), e0, e1;
        double T0 = evaluate(&F, dag, ci, kpb, es, &e0);
        double D = T0 * (1.0 + 0.4 * (rand_r(&seed) % 100) / 100.0);
        /* every third round with caps, every third with LP-style targets */
        double *cap = malloc(n * sizeof *cap), *frac = malloc(n * sizeof *frac);
        int32_t *target = malloc(n * sizeof *target);
        for (size_t i = 0; i < n; i++) {
            const struct pp_stair *st = F.stair[i];
            target[i] = (int32_t)(rand_r(&seed) % st->n);
            cap[i] = st->t[target[i]];
            frac[i] = (rand_r(&seed) % 100) / 100.0;
        }
        struct pp_realize_hint hc = {cap, NULL, NULL},
                               ht = {NULL, target, frac};
        double e = pp_realize(&F.R, ci, D,
                              round % 3 == 0 ? NULL
                              : round % 3 == 1 ? &hc : &ht);
        free(cap);
        free(frac);
        free(target);
        double T1 = evaluate(&F, dag, ci, kpb, es, &e1);
        cr_assert_leq(T1, D * (1 + 1e-12), "round %d: T %.17g > %.17g",
                      round, T1, D);
        cr_assert_float_eq(e, e1, 1e-9 * e1, "round %d: %.17g vs %.17g",
                           round, e, e1);
        cr_assert_leq(e1, e0 * (1 + 1e-12), "round %d: worse than start",
                      round);
        /* no instruction has a cheaper option within its float */
        double *lf = malloc(n * sizeof *lf);
        for (size_t k = n; k-- > 0;) {
            size_t i = dag->topo[k];
            lf[i] = D;
            for (size_t q = dag->succ_off[i]; q < dag->succ_off[i + 1]; q++) {
                size_t j = dag->succ[q];
                double ls = lf[j] - F.stair[j]->t[ci[j]];
                if (ls < lf[i])
                    lf[i] = ls;
            }
            size_t best = pp_stair_at(F.stair[i], lf[i] - es[i]);
            cr_assert_leq(best, (size_t)ci[i],
                          "round %d: instruction %zu could slow to step %zu",
                          round, i, best);
        }
        free(lf);
        free(es);
        free(ci);
        fixture_free(&F, prof);
        pp_graph_free(dag);
        pp_profile_free(prof);
    }
}
