/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_frontier_io.c - frontier files read as strictly as profiles: every
 * number, every instruction and every GPU is checked and reported at its
 * line and column, and what pp_frontier_write writes for any DAG the
 * graph module accepts reads back.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver.h"

/* A valid file: 1F1B on 2 GPUs, 1 microbatch, two points. */
#define HEAD                                                                   \
    "perseus-plan-frontier 2\nmodel exact\nblocking 100\n"                     \
    "schedule 1f1b 1 1\nkinds forward backward\ngpus 2\ninstructions 4\n"
#define INSTRS "i 0 0 0 0 0\ni 0 0 1 0 0\ni 1 1 0 0 0\ni 1 1 1 0 0\n"
#define P0 "p 1 10 8 2 1 10 4 0 1410 1 1410 2 1410 3 1410\n"
#define P1 "p 1.5 9 8 1 1.5 9 1 0 1200\n"
#define GOOD HEAD INSTRS "points 2\n" P0 P1

static int read_text(const char *text, struct pp_frontier **fr,
                     struct pp_dag **dag, struct pp_error *err)
{
    memset(err, 0, sizeof *err);
    return pp_frontier_read(fr, dag, "f.txt", text, strlen(text), err);
}

static void fails(const char *text, const char *msg)
{
    struct pp_frontier *fr = NULL;
    struct pp_dag *dag = NULL;
    struct pp_error err;
    int rc = read_text(text, &fr, &dag, &err);
    cr_assert_eq(rc, PP_EINPUT, "rc %d: %s", rc, err.msg);
    cr_assert_null(fr);
    cr_assert_null(dag);
    cr_assert_str_eq(err.msg, msg);
}

Test(frontier_io, the_valid_file_reads)
{
    struct pp_frontier *fr;
    struct pp_dag *dag;
    struct pp_error err;
    cr_assert_eq(read_text(GOOD, &fr, &dag, &err), 0, "%s", err.msg);
    cr_expect_eq(fr->npoints, 2);
    cr_expect_eq(dag->ngpus, 2);
    cr_expect_str_eq(dag->schedule, "1f1b");
    cr_expect_eq(pp_frontier_lookup(fr, 1.2), 0);
    pp_frontier_free(fr);
    pp_graph_free(dag);
}

Test(frontier_io, point_numbers)
{
    fails(HEAD INSTRS "points 2\np 0 10 8 2 1 10 4 0 1410 1 1410 2 1410 3 "
                      "1410\n" P1,
          "f.txt:13:3: frontier file: time must be positive, got 0");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 -9 8 1 1.5 9 1 0 1200\n",
          "f.txt:14:7: frontier file: energy must be positive, got -9");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 10 -1 1.5 9 1 0 1200\n",
          "f.txt:14:12: frontier file: blocking energy must not be "
          "negative, got -1");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 -8 17 1.5 9 1 0 1200\n",
          "f.txt:14:9: frontier file: computation energy must not be "
          "negative, got -8");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 8 2 1.5 9 1 0 1200\n",
          "f.txt:14:7: frontier file: energy 9 is not the sum of the "
          "computation energy 8 and the blocking energy 2");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 8 1 0 9 1 0 1200\n",
          "f.txt:14:13: frontier file: model time must be positive, got 0");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 8 1 1.5 inf 1 0 1200\n",
          "f.txt:14:17: frontier file: malformed number");
}

Test(frontier_io, frequencies_and_changes)
{
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 8 1 1.5 9 1 0 0\n",
          "f.txt:14:23: frontier file: frequency must be from 1 to 1000000 "
          "MHz, got 0");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 8 1 1.5 9 1 0 2000000\n",
          "f.txt:14:23: frontier file: frequency must be from 1 to 1000000 "
          "MHz, got 2000000");
    fails(HEAD INSTRS "points 2\n" P0 "p 1.5 9 8 1 1.5 9 2 1 1200 1 1395\n",
          "f.txt:14:28: frontier file: the instructions a point changes "
          "must be listed in increasing order, once each: 1 after 1");
}

Test(frontier_io, builtin_schedule_instructions)
{
    /* kinds swapped on one line, in the kinds list, a line repeated */
    fails(HEAD "i 0 0 1 0 0\ni 0 0 0 0 0\ni 1 1 0 0 0\ni 1 1 1 0 0\n"
               "points 1\n" P0,
          "f.txt:8:7: frontier file: instruction 0 of the 1f1b schedule is "
          "gpu 0 forward mb 0: kind forward expected, got backward");
    fails("perseus-plan-frontier 2\nmodel exact\nblocking 100\n"
          "schedule 1f1b 1 1\nkinds backward forward\ngpus 2\n"
          "instructions 4\n" INSTRS "points 1\n" P0,
          "f.txt:5:1: frontier file: the kinds of schedule 1f1b are forward "
          "backward, in that order");
    fails(HEAD "i 0 0 0 0 0\ni 0 0 0 0 0\ni 1 1 0 0 0\ni 1 1 1 0 0\n"
               "points 1\n" P0,
          "f.txt:9:7: frontier file: instruction 1 of the 1f1b schedule is "
          "gpu 0 backward mb 0: kind backward expected, got forward");
    fails("perseus-plan-frontier 2\nmodel exact\nblocking 100\n"
          "schedule 1f1b 2 1\nkinds forward backward\ngpus 2\n"
          "instructions 4\n" INSTRS "points 1\n" P0,
          "f.txt:4:10: frontier file: schedule 1f1b with 2 GPUs, 2 "
          "microbatches and 1 chunks has 8 instructions, the file states 4");
    fails(HEAD "i 0 0 0 0 0 f0\ni 0 0 1 0 0\ni 1 1 0 0 0\ni 1 1 1 0 0\n"
               "points 1\n" P0,
          "f.txt:8:13: frontier file: instructions of a built-in schedule "
          "have no id");
}

#define CHEAD                                                                  \
    "perseus-plan-frontier 2\nmodel exact\nblocking 100\n"                     \
    "schedule custom 0 1\nkinds forward backward\n"

Test(frontier_io, custom_schedule_instructions)
{
    fails(CHEAD "gpus 2\ninstructions 4\ni 0 0 0 0 0\ni 0 0 1 0 0\n"
                "i 1 1 0 0 0\ni 0 0 0 0 0\npoints 1\n" P0,
          "f.txt:11:1: frontier file: duplicate instruction: gpu 0 forward "
          "microbatch 0 chunk 0 (first on line 8)");
    fails(CHEAD "gpus 2\ninstructions 4\ni 0 0 0 0 0 a\ni 0 0 1 0 0 b\n"
                "i 1 1 0 0 0 c\ni 1 1 1 0 0 b\npoints 1\n" P0,
          "f.txt:11:1: frontier file: duplicate instruction id \"b\" "
          "(first on line 9)");
    fails(CHEAD "gpus 2\ninstructions 4\ni 0 0 0 0 0 a\ni 0 0 1 0 0\n"
                "i 1 1 0 0 0 c\ni 1 1 1 0 0 d\npoints 1\n" P0,
          "f.txt:9:1: frontier file: instruction 1 lacks an id but "
          "instruction 0 has one: ids are given for all or none");
    fails(CHEAD "gpus 3\ninstructions 4\n" INSTRS "points 1\n" P0,
          "f.txt:6:6: frontier file: gpu 2 runs no instruction (gpus must "
          "be numbered 0..G-1 without gaps)");
    /* 141 bytes that announced 16,777,216 GPUs, each written out by a
     * plan: every GPU needs an instruction line */
    fails(CHEAD "gpus 16777216\ninstructions 4\n" INSTRS "points 1\n" P0,
          "f.txt:7:14: frontier file: 4 instructions cannot keep 16777216 "
          "GPUs busy: every GPU runs one at least");
}

/* Write FR for DAG into a new buffer; returns pp_frontier_write's code. */
static int write_text(const struct pp_frontier *fr, const struct pp_dag *dag,
                      char **buf, size_t *len)
{
    FILE *f = open_memstream(buf, len);
    cr_assert_not_null(f);
    int rc = pp_frontier_write(fr, dag, f);
    cr_assert_eq(fclose(f), 0);
    return rc;
}

Test(frontier_io, what_is_written_reads_back)
{
    /* the largest numbers a custom DAG may hold: the writer wrote a
     * chunk count the reader refused (above 2^20) */
    static const char *const kinds[] = {"forward", "backward"};
    struct pp_instr ins[2] = {
        {0, 0, 0, PP_GRAPH_MAX_NUMBER, PP_GRAPH_MAX_NUMBER, 0, "a"},
        {0, 0, 1, 2000000000, 1 << 21, 0, "b"},
    };
    struct pp_dag *dag, *back_dag;
    struct pp_frontier *back;
    struct pp_error err;
    struct pp_point pt = {1, 10, 1, 10, 8, 2};
    int mhz[2] = {1410, 1410};
    size_t off = 0;
    struct pp_frontier fr = {.model = PP_MODEL_EXACT,
                             .ninstr = 2,
                             .npoints = 1,
                             .pts = &pt,
                             .base_mhz = mhz,
                             .chg_off = &off,
                             .pblock = 100};
    char *buf = NULL;
    size_t len = 0;

    cr_assert_eq(pp_graph_from_arrays(&dag, 1, 2, ins, 2, kinds, 0, NULL, &err),
                 0, "%s", err.msg);
    cr_assert_eq(write_text(&fr, dag, &buf, &len), 0);
    cr_assert_eq(pp_frontier_read(&back, &back_dag, "f.txt", buf, len, &err), 0,
                 "%s", err.msg);
    cr_expect_eq(back_dag->ins[0].chunk, PP_GRAPH_MAX_NUMBER);
    cr_expect_eq(back_dag->ins[1].mb, 2000000000);
    cr_expect_eq(back_dag->chunks, PP_GRAPH_MAX_NUMBER + 1);
    pp_frontier_free(back);
    pp_graph_free(back_dag);
    free(buf);

    /* a number the reader would refuse is not written at all */
    pt.energy = INFINITY;
    buf = NULL;
    cr_expect_eq(write_text(&fr, dag, &buf, &len), PP_ERANGE);
    cr_expect_eq(len, 0);
    free(buf);
    pp_graph_free(dag);
}

Test(frontier_io, byte_order_mark_and_cr_only_line_ends)
{
    struct pp_frontier *fr;
    struct pp_dag *dag;
    struct pp_error err;
    cr_assert_eq(read_text("\xEF\xBB\xBF" GOOD, &fr, &dag, &err), 0, "%s",
                 err.msg);
    pp_frontier_free(fr);
    pp_graph_free(dag);
    fails("perseus-plan-frontier 2\rmodel exact\r",
          "f.txt:1:24: frontier file: carriage return without a line feed: "
          "the file seems to have CR-only (classic Mac OS) line ends; "
          "convert them to LF or CRLF");
}
