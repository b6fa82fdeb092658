/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_ranks.c - Zeus per-rank profile CSVs (one row per GPU).
 *
 * A hand-checked aggregation of 2 tensor- x 2 data-parallel ranks, the
 * properties that the arithmetic must have (independent of row order, the
 * identity for one rank, ragged frequency sets), and every error with its
 * exact message.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define ZHEADER                                                                \
    "rank,dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,energy\n"

/*
 * One stage, 2 data-parallel replicas (dp) of 2 tensor-parallel ranks
 * (tp), in the order Zeus writes them: rank by rank, forward then backward
 * rows.  Values are exact in binary, so the expected results are exact:
 *
 *   forward 1410:  dp 0: tp 0 (0.5, 10.5)   tp 1 (0.625, 11.25)
 *                        -> time max 0.625, energy sum 21.75
 *                  dp 1: tp 0 (0.75, 9.5)   tp 1 (0.5, 10.25)
 *                        -> 0.75, 19.75
 *                  mean over dp: time (0.625 + 0.75) / 2 = 0.6875,
 *                                energy (21.75 + 19.75) / 2 = 20.75
 *   forward 1395:  dp 0: (0.625, 10) (0.5, 10.5)  -> 0.625, 20.5
 *                  dp 1: (0.5, 9) (0.875, 11)     -> 0.875, 20
 *                  mean: 0.75, 20.25
 *   backward 1410: dp 0: (1.25, 20) (1, 22)       -> 1.25, 42
 *                  dp 1: (1, 21) (1.5, 23)        -> 1.5, 44
 *                  mean: 1.375, 43
 *   backward 1395: dp 0: (1.5, 19.5) (1.25, 20.5) -> 1.5, 40
 *                  dp 1: (1.25, 20) (1.25, 21)    -> 1.25, 41
 *                  mean: 1.375, 40.5
 *
 * Summing over the data-parallel replicas too (as Zeus's online server
 * does) would give forward 1410 energy 41.5 and time 0.75.
 */
static const char *const two_by_two =
    ZHEADER "0,0,0,0,0,forward,1410,0.5,10.5\n" /* line 2 */
            "0,0,0,0,0,forward,1395,0.625,10\n"
            "0,0,0,0,0,backward,1410,1.25,20\n"
            "0,0,0,0,0,backward,1395,1.5,19.5\n"
            "1,0,0,1,0,forward,1410,0.625,11.25\n" /* line 6 */
            "1,0,0,1,0,forward,1395,0.5,10.5\n"
            "1,0,0,1,0,backward,1410,1,22\n"
            "1,0,0,1,0,backward,1395,1.25,20.5\n"
            "2,1,0,0,0,forward,1410,0.75,9.5\n" /* line 10 */
            "2,1,0,0,0,forward,1395,0.5,9\n"
            "2,1,0,0,0,backward,1410,1,21\n"
            "2,1,0,0,0,backward,1395,1.25,20\n"
            "3,1,0,1,0,forward,1410,0.5,10.25\n" /* line 14 */
            "3,1,0,1,0,forward,1395,0.875,11\n"
            "3,1,0,1,0,backward,1410,1.5,23\n"
            "3,1,0,1,0,backward,1395,1.25,21\n";

Test(ranks, two_tensor_by_two_data_parallel)
{
    struct pp_profile *p = csv_ok(two_by_two);
    cr_assert_eq(p->nstages, 1);
    cr_assert_eq(p->nkinds, 2);
    cr_expect_eq(p->rank_rows, 16);
    cr_expect_eq(p->tp_degree, 2);
    cr_expect_eq(p->dp_degree, 2);
    expect_option(p, 0, "forward", 0, 1410, 0.6875, 20.75);
    expect_option(p, 0, "forward", 1, 1395, 0.75, 20.25);
    expect_option(p, 0, "backward", 0, 1410, 1.375, 43);
    expect_option(p, 0, "backward", 1, 1395, 1.375, 40.5);
    /* An aggregated option points at its first row in the file. */
    cr_expect_eq(pp_profile_ops(p, 0, 0)->opt[0].line, 2);
    cr_expect_eq(pp_profile_ops(p, 0, 1)->opt[1].line, 5);
    pp_profile_free(p);
}

Test(ranks, per_stage_profile_has_degree_one)
{
    struct pp_profile *p =
        csv_ok("stage,instruction,frequency,time,energy,rank\n"
               "0,forward,1410,0.1,20,0\n0,backward,1410,0.2,40,0\n");
    cr_expect_eq(p->rank_rows, 0);
    cr_expect_eq(p->tp_degree, 1);
    cr_expect_eq(p->dp_degree, 1);
    pp_profile_free(p);
}

/*
 * Three tensor-parallel ranks whose energies add up differently in
 * different orders: (0.1 + 0.2) + 0.3 is 0.6000000000000001 in binary
 * floating point, 0.1 + (0.2 + 0.3) is 0.6.  The sum goes in tp_rank
 * order whatever the order of the rows.
 */
Test(ranks, sum_in_rank_order_whatever_the_row_order)
{
    struct pp_profile *a =
        csv_ok("dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,"
               "energy\n"
               "0,0,0,0,forward,1410,0.1,0.1\n"
               "0,0,1,0,forward,1410,0.3,0.2\n"
               "0,0,2,0,forward,1410,0.2,0.3\n");
    struct pp_profile *b =
        csv_ok("dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,"
               "energy\n"
               "0,0,2,0,forward,1410,0.2,0.3\n"
               "0,0,1,0,forward,1410,0.3,0.2\n"
               "0,0,0,0,forward,1410,0.1,0.1\n");
    double sum = 0.1;
    sum += 0.2;
    sum += 0.3;
    cr_assert_neq(sum, 0.1 + (0.2 + 0.3)); /* the premise */
    expect_option(a, 0, "forward", 0, 1410, 0.3, sum);
    expect_option(b, 0, "forward", 0, 1410, 0.3, sum);
    cr_expect_eq(a->tp_degree, 3);
    cr_expect_eq(a->dp_degree, 1);
    pp_profile_free(a);
    pp_profile_free(b);
}

/* One rank per stage is the per-stage profile itself, bit for bit. */
Test(ranks, one_rank_per_stage_is_the_plain_profile)
{
    struct pp_profile *z =
        csv_ok("rank,dp_rank,pp_rank,tp_rank,stage,instruction,frequency,"
               "time,energy,note\n"
               "1,0,1,0,1,forward,1410,0.10000000000000001,20.3,x\n"
               "0,0,0,0,0,forward,1410,0.1,20.1,y\n"
               "0,0,0,0,0,backward,1410,0.2,40.7,z\n"
               "1,0,1,0,1,backward,1410,0.23,41.9,w\n");
    struct pp_profile *p = csv_ok("stage,instruction,frequency,time,energy\n"
                                  "0,forward,1410,0.1,20.1\n"
                                  "0,backward,1410,0.2,40.7\n"
                                  "1,forward,1410,0.1,20.3\n"
                                  "1,backward,1410,0.23,41.9\n");
    cr_expect_eq(z->rank_rows, 4);
    cr_expect_eq(z->tp_degree, 1);
    cr_expect_eq(z->dp_degree, 1);
    for (int s = 0; s < 2; s++)
        for (int k = 0; k < 2; k++) {
            const struct pp_opset *a = pp_profile_ops(z, s, k);
            const struct pp_opset *b = pp_profile_ops(p, s, k);
            cr_assert_eq(a->n, b->n);
            cr_expect_eq(a->opt[0].mhz, b->opt[0].mhz);
            cr_expect_eq(a->opt[0].time, b->opt[0].time);
            cr_expect_eq(a->opt[0].energy, b->opt[0].energy);
        }
    pp_profile_free(z);
    pp_profile_free(p);
}

/*
 * Zeus's profiling tip stops each scan once energy has risen five times in
 * a row, so stages and instructions list different frequencies; every
 * rank of a stage still lists the same ones.
 */
Test(ranks, ragged_frequency_sets)
{
    struct pp_profile *p =
        csv_ok("dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,"
               "energy\n"
               "0,0,0,0,forward,1410,0.5,10\n"
               "0,0,1,0,forward,1410,0.5,10\n"
               "0,0,0,0,forward,1395,0.5,9\n"
               "0,0,1,0,forward,1395,0.5,9\n"
               "0,0,0,0,backward,1410,1,20\n"
               "0,0,1,0,backward,1410,1,20\n"
               "0,1,0,1,forward,1410,0.5,10\n"
               "0,1,1,1,forward,1410,0.5,10\n"
               "0,1,0,1,backward,1410,1,20\n"
               "0,1,1,1,backward,1410,1,20\n"
               "0,1,0,1,backward,1395,1,19\n"
               "0,1,1,1,backward,1395,1,19\n"
               "0,1,0,1,backward,1380,1.25,18\n"
               "0,1,1,1,backward,1380,1.25,18\n");
    cr_expect_eq(pp_profile_ops(p, 0, 0)->n, 2);
    cr_expect_eq(pp_profile_ops(p, 0, 1)->n, 1);
    cr_expect_eq(pp_profile_ops(p, 1, 0)->n, 1);
    cr_expect_eq(pp_profile_ops(p, 1, 1)->n, 3);
    expect_option(p, 1, "backward", 2, 1380, 1.25, 36);
    pp_profile_free(p);
}

/* ---- errors ------------------------------------------------------------ */

#define RHEADER                                                                \
    "dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,energy\n"

Test(ranks_errors, pp_rank_is_not_the_stage)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,0,0,1,forward,1410,0.5,10\n",
              "prof.csv:3:3: stage 1 forward at 1410 MHz: pp_rank must equal "
              "the stage, 1, got 0");
}

Test(ranks_errors, ranks_must_be_non_negative_integers)
{
    csv_fails(RHEADER "0,0,0.5,0,forward,1410,0.5,10\n",
              "prof.csv:2:5: stage 0 forward at 1410 MHz: tp_rank must be a "
              "non-negative integer, got 0.5");
    csv_fails(RHEADER "-1,0,0,0,forward,1410,0.5,10\n",
              "prof.csv:2:1: stage 0 forward at 1410 MHz: dp_rank must be a "
              "non-negative integer, got -1");
    csv_fails(RHEADER "0,,0,0,forward,1410,0.5,10\n",
              "prof.csv:2:3: stage 0 forward at 1410 MHz: pp_rank is empty");
    csv_fails(RHEADER "0,0,1000000,0,forward,1410,0.5,10\n",
              "prof.csv:2:5: stage 0 forward at 1410 MHz: tp_rank must be at "
              "most 999999, got 1000000");
    csv_fails(ZHEADER "x,0,0,0,0,forward,1410,0.5,10\n",
              "prof.csv:2:1: stage 0 forward at 1410 MHz: rank must be a "
              "non-negative integer, got \"x\"");
}

Test(ranks_errors, the_same_rank_twice)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,0,1,0,forward,1410,0.5,10\n"
                      "0,0,0,0,backward,1410,1,20\n"
                      "0,0,1,0,backward,1410,1,20\n"
                      "0,0,1,0,forward,1410,0.5,10\n",
              "prof.csv:6:1: duplicate row for stage 0 forward at 1410 MHz, "
              "dp_rank 0 tp_rank 1 (first on line 3)");
}

/* Rank (1, 1) has no forward row at 1395 MHz; the others have one. */
Test(ranks_errors, a_rank_misses_a_frequency)
{
    char text[2048];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "%s", RHEADER);
    for (int d = 0; d < 2; d++)
        for (int t = 0; t < 2; t++)
            for (int f = 1410; f >= 1395; f -= 15)
                if (!(d == 1 && t == 1 && f == 1395))
                    n += (size_t)snprintf(text + n, sizeof text - n,
                                          "%d,0,%d,0,forward,%d,0.5,10\n", d, t,
                                          f);
    cr_assert_lt(n, sizeof text);
    /* Line 3 is rank (0, 0) at 1395 MHz, the first row of that option. */
    csv_fails(text, "prof.csv:3:1: stage 0 forward at 1395 MHz: measured for "
                    "dp_rank 0 tp_rank 0 but not for dp_rank 1 tp_rank 1");
}

Test(ranks_errors, a_rank_misses_an_instruction)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,0,1,0,forward,1410,0.5,10\n"
                      "0,0,0,0,backward,1410,1,20\n",
              "prof.csv:4:1: stage 0 backward at 1410 MHz: measured for "
              "dp_rank 0 tp_rank 0 but not for dp_rank 0 tp_rank 1");
}

Test(ranks_errors, stages_with_different_ranks)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,0,1,0,forward,1410,0.5,10\n"
                      "0,1,0,1,forward,1410,0.5,10\n",
              "prof.csv:3:1: stage 0 has rows for dp_rank 0 tp_rank 1, "
              "stage 1 has none");
    /* The stage that has fewer ranks may come first. */
    csv_fails(RHEADER "1,1,0,1,forward,1410,0.5,10\n"
                      "0,0,0,0,forward,1410,0.5,10\n"
                      "0,1,0,1,forward,1410,0.5,10\n",
              "prof.csv:2:1: stage 1 has rows for dp_rank 1 tp_rank 0, "
              "stage 0 has none");
}

Test(ranks_errors, ranks_numbered_from_zero)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,0,2,0,forward,1410,0.5,10\n",
              "prof.csv:3:5: stage 0 forward at 1410 MHz: tp_rank 2, but no "
              "row has tp_rank 1 (ranks are numbered from 0)");
    csv_fails(RHEADER "1,0,0,0,forward,1410,0.5,10\n",
              "prof.csv:2:1: stage 0 forward at 1410 MHz: dp_rank 1, but no "
              "row has dp_rank 0 (ranks are numbered from 0)");
}

/* Replica 0 has tensor-parallel ranks 0 and 1, replica 1 only rank 0. */
Test(ranks_errors, replicas_with_different_tensor_ranks)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,0,1,0,forward,1410,0.5,10\n"
                      "1,0,0,0,forward,1410,0.5,10\n",
              "prof.csv:3:1: stage 0 has rows for dp_rank 0 tp_rank 1, but "
              "no stage has any for dp_rank 1 tp_rank 1");
}

Test(ranks_errors, missing_stage_after_aggregation)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,10\n"
                      "0,2,0,2,forward,1410,0.5,10\n",
              "prof.csv: stage 1 is missing (stages 0..2 present otherwise)");
}

Test(ranks_errors, summed_energy_too_large)
{
    csv_fails(RHEADER "0,0,0,0,forward,1410,0.5,6e11\n"
                      "0,0,1,0,forward,1410,0.5,6e11\n",
              "prof.csv:2:1: stage 0 forward at 1410 MHz: energy summed over "
              "2 tensor-parallel ranks must be at most 1e12 J (more "
              "overflows the planner's 64-bit microjoule arithmetic), got "
              "1200000000000");
}

Test(ranks_errors, some_rank_columns_only)
{
    csv_fails("tp_rank,stage,instruction,frequency,time,energy\n"
              "0,0,forward,1410,0.5,10\n",
              "prof.csv:1:1: missing column \"dp_rank\" (a per-rank profile "
              "has dp_rank, pp_rank and tp_rank)");
    csv_fails("dp_rank,tp_rank,stage,instruction,frequency,time,energy\n"
              "0,0,0,forward,1410,0.5,10\n",
              "prof.csv:1:1: missing column \"pp_rank\" (a per-rank profile "
              "has dp_rank, pp_rank and tp_rank)");
}

Test(ranks_errors, rank_column_twice)
{
    csv_fails("dp_rank,pp_rank,tp_rank,stage,instruction,frequency,time,"
              "energy,tp_rank\n",
              "prof.csv:1:65: column \"tp_rank\" appears twice (fields 3 and "
              "9)");
    /* In a per-stage profile they are extra columns, ignored. */
    struct pp_profile *p =
        csv_ok("stage,instruction,frequency,time,energy,rank,rank\n"
               "0,forward,1410,0.1,20,0,1\n");
    cr_expect_eq(p->rank_rows, 0);
    pp_profile_free(p);
}
