/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_zeus_ranks.c - a Zeus per-rank profile made from a measured one
 * plans exactly as the measured one does.
 *
 * The GPT-3 175B A100 profile of ../shared is written out again as Zeus's
 * offline profiler would write it for 4 tensor-parallel GPUs per stage in
 * 2 data-parallel pipelines: one row per GPU, rank by rank, forward rows
 * then backward rows.  Each option's energy e is split over the
 * tensor-parallel ranks as e/8, e/8, e/4, e/2 (in tp_rank order every
 * partial sum, e/4, e/2, e, is a power-of-two multiple of e, so exact); one
 * rank of each pipeline, a different one from option to option and
 * between the two pipelines, takes the measured time t and the others
 * 1-3% less.  Read back, every option must be the measured one bit for bit
 * (time: the slowest rank, t; energy: the sum, e; both averaged over two
 * equal pipelines), and both planner models must give the same frontier.
 * Summing over the pipelines, or averaging the tensor-parallel ranks,
 * would fail here.  shared_main.c skips the binary when ../shared is
 * absent.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "shared.h"
#include "solver.h"

enum { TP = 4, DP = 2 };

static struct pp_profile *load_measured(void)
{
    return shared_profile("gpt3-175b", "a100_sxm");
}

/* P as Zeus per-rank rows; returns the malloc'ed text, its length in *len. */
static char *per_rank_csv(const struct pp_profile *p, size_t *len)
{
    static const double share[TP] = {0.125, 0.125, 0.25, 0.5};
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    cr_assert_not_null(f);
    fputs("rank,dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,"
          "energy\n",
          f);
    /* Global ranks as Megatron-LM numbers them (tensor-parallel fastest),
     * visited from the last, so that the file order is far from sorted. */
    for (int rank = p->nstages * DP * TP - 1; rank >= 0; rank--) {
        int s = rank / (DP * TP), d = rank / TP % DP, t = rank % TP;
        for (int k = 0; k < p->nkinds; k++) {
            const struct pp_opset *set = pp_profile_ops(p, s, k);
            for (size_t i = 0; i < set->n; i++) {
                const struct pp_option *o = &set->opt[i];
                int slowest = (s + o->mhz / 15 + 3 * d) % TP;
                int below = (t - slowest + TP) % TP; /* 0 for the slowest */
                double time = o->time * (1.0 - 0.01 * below);
                fprintf(f, "%d,%d,%d,%d,%d,%s,%d,%.17g,%.17g\n", rank, d, s, t,
                        s, p->kinds[k], o->mhz, time, o->energy * share[t]);
            }
        }
    }
    cr_assert_eq(fclose(f), 0);
    return buf;
}

static struct pp_profile *load_per_rank(const struct pp_profile *measured)
{
    size_t len = 0;
    char *text = per_rank_csv(measured, &len);
    struct pp_profile *z = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_profile_parse_csv(&z, "zeus.csv", text, len, &err), PP_OK,
                 "%s", err.msg);
    free(text);
    return z;
}

Test(zeus_ranks, aggregates_to_the_measured_profile)
{
    struct pp_profile *p = load_measured();
    struct pp_profile *z = load_per_rank(p);
    size_t options = 0;

    cr_assert_eq(z->nstages, p->nstages);
    cr_assert_eq(z->nkinds, p->nkinds);
    cr_expect_eq(z->tp_degree, TP);
    cr_expect_eq(z->dp_degree, DP);
    for (int s = 0; s < p->nstages; s++) {
        for (int k = 0; k < p->nkinds; k++) {
            const struct pp_opset *a = pp_profile_ops(p, s, k);
            const struct pp_opset *b = pp_profile_ops(z, s, k);
            cr_assert_str_eq(z->kinds[k], p->kinds[k]);
            cr_assert_eq(b->n, a->n, "stage %d %s", s, p->kinds[k]);
            for (size_t i = 0; i < a->n; i++) {
                cr_assert_eq(b->opt[i].mhz, a->opt[i].mhz);
                cr_assert_eq(b->opt[i].time, a->opt[i].time,
                             "stage %d %s at %d MHz: time %.17g, not %.17g", s,
                             p->kinds[k], a->opt[i].mhz, b->opt[i].time,
                             a->opt[i].time);
                cr_assert_eq(b->opt[i].energy, a->opt[i].energy,
                             "stage %d %s at %d MHz: energy %.17g, not %.17g",
                             s, p->kinds[k], a->opt[i].mhz, b->opt[i].energy,
                             a->opt[i].energy);
            }
            options += a->n;
        }
    }
    cr_expect_eq(z->rank_rows, options * TP * DP);
    pp_profile_free(z);
    pp_profile_free(p);
}

/* Both frontiers point by point: times, energies and plans. */
static void same_frontier(enum pp_model model)
{
    struct pp_profile *p = load_measured();
    struct pp_profile *z = load_per_rank(p);
    struct pp_dag *dag = NULL;
    struct pp_frontier *fa = NULL, *fb = NULL;
    struct pp_solve_opts o;
    struct pp_error err = {0};

    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 8, 12, 1, &err), PP_OK,
                 "%s", err.msg);
    pp_solve_opts_init(&o);
    o.model = model;
    o.energy.blocking_power = 83.64;
    o.threads = 0;
    cr_assert_eq(pp_frontier_solve(&fa, dag, p, &o, &err), PP_OK, "%s",
                 err.msg);
    cr_assert_eq(pp_frontier_solve(&fb, dag, z, &o, &err), PP_OK, "%s",
                 err.msg);
    cr_assert_gt(fa->npoints, 100);
    cr_assert_eq(fb->npoints, fa->npoints);
    int *ma = malloc(dag->n * sizeof *ma), *mb = malloc(dag->n * sizeof *mb);
    cr_assert(ma && mb);
    for (size_t k = 0; k < fa->npoints; k++) {
        cr_assert_eq(fb->pts[k].time, fa->pts[k].time, "point %zu", k);
        cr_assert_eq(fb->pts[k].energy, fa->pts[k].energy, "point %zu", k);
        cr_assert_eq(fb->pts[k].energy_model, fa->pts[k].energy_model,
                     "point %zu", k);
        pp_frontier_plan_at(fa, k, ma);
        pp_frontier_plan_at(fb, k, mb);
        cr_assert_eq(memcmp(ma, mb, dag->n * sizeof *ma), 0, "point %zu", k);
    }
    free(ma);
    free(mb);
    pp_frontier_free(fa);
    pp_frontier_free(fb);
    pp_graph_free(dag);
    pp_profile_free(z);
    pp_profile_free(p);
}

Test(zeus_ranks, same_frontier_exact_model)
{
    same_frontier(PP_MODEL_EXACT);
}

Test(zeus_ranks, same_frontier_lowtime_model)
{
    same_frontier(PP_MODEL_LOWTIME);
}
