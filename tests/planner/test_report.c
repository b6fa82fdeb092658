/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_report.c - report_eval and report_frontier (planner/report.c) in all
 * four formats, written to memory and compared byte for byte.
 *
 * The inputs are built by hand (no solver run): a 2-GPU 1F1B DAG header,
 * an evaluation and a 3-point frontier whose numbers are exact in binary
 * (except 3.1, which shows that machine formats print the shortest text
 * that reads back to the same double).  Each expected text was written from the format strings and
 * these numbers: the widths are counted in the comments, the percentages
 * worked out there.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static char sched_1f1b[] = "1f1b", sched_inter[] = "interleaved";

/* The fields report.c reads; the rest stays zero.  dag1 is 1F1B on 2
 * GPUs with 1 microbatch: instructions 0, 1 on GPU 0 (F0, B0), 2, 3 on
 * GPU 1 (F0, B0), in that order. */
static char kf[] = "forward", kb[] = "backward";
static char *kinds[] = {kf, kb};
static struct pp_instr ins1[] = {{0, 0, 0, 0, 0, 0, NULL},
                                 {0, 0, 1, 0, 0, 1, NULL},
                                 {1, 1, 0, 0, 0, 0, NULL},
                                 {1, 1, 1, 0, 0, 1, NULL}};
static size_t off1[] = {0, 2, 4}, seq1[] = {0, 1, 2, 3};
static struct pp_dag dag1 = {.ngpus = 2, .n = 4, .schedule = sched_1f1b,
                             .microbatches = 1, .chunks = 1, .nkinds = 2,
                             .kinds = kinds, .ins = ins1, .gpu_off = off1,
                             .gpu_seq = seq1};
static struct pp_dag dag2 = {.ngpus = 2, .n = 8, .schedule = sched_inter,
                             .microbatches = 2, .chunks = 2};

/* Made-up numbers, exact in binary; instruction 2 has slack, the others
 * are critical. */
static double busy[] = {2.0, 1.5}, idle[] = {0.5, 1.0};
static double start[] = {0, 1.25, 0.75, 1.5}, dur[] = {0.75, 1.25, 0.5, 1},
              slack[] = {0, 0, 0.5, 0};
static const struct pp_eval ev = {.time = 2.5, .e_compute = 300,
                                  .e_blocking = 90, .e_total = 390,
                                  .ngpus = 2, .busy = busy, .idle = idle,
                                  .start = start, .dur = dur, .slack = slack,
                                  .ncritical = 3};
static int mhz1[] = {1410, 1395, 1380, 1365};
static const struct pp_plan plan1 = {.n = 4, .mhz = mhz1};

static void inputs_for(struct inputs *in, struct pp_dag *dag)
{
    inputs_init(in);
    in->dag = dag;
    in->energy.blocking_power = 60;
    in->energy.gpus_per_stage = 1;
}

/* Everything F received, as a string to free. */
struct mem {
    FILE *f;
    char *buf;
    size_t len;
};

static void mem_open(struct mem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    cr_assert(m->f);
}

static void mem_check(struct mem *m, const char *want)
{
    cr_assert_eq(fclose(m->f), 0);
    cr_assert_str_eq(m->buf, want);
    free(m->buf);
}

/* ------------------------------------------------------------------------ */
/* report_eval                                                              */

static const char desc[] = "every instruction at 1410 MHz";

Test(report, eval_human)
{
    struct inputs in;
    struct mem m;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_eval(m.f, FMT_HUMAN, &in, desc, &plan1, &ev);
    /* One microbatch: singular.  %12.6f of 2.5 is 4 blanks + "2.500000";
     * %12.3f of 390 is 5 blanks + "390.000", of 90 6 + "90.000".  The GPUs
     * are busy 3.5 s of 2 x 2.5 s: they wait 30.0% of the time.  GPU rows
     * "  %3d  %10.6f  %10.6f". */
    mem_check(&m,
              "schedule      1f1b, 2 GPUs, 1 microbatch, 4 instructions\n"
              "plan          every instruction at 1410 MHz\n"
              "blocking      60.00 W per GPU, 1 GPU(s) per stage\n"
              "\n"
              "iteration time       2.500000 s\n"
              "energy                390.000 J\n"
              "  computation         300.000 J\n"
              "  blocking             90.000 J  (GPUs wait 30.0% of the "
              "time)\n"
              "\n"
              "  gpu      busy s      idle s\n"
              "    0    2.000000    0.500000\n"
              "    1    1.500000    1.000000\n"
              "\n"
              "critical path: 3 instructions\n");
}

Test(report, eval_json)
{
    struct inputs in;
    struct mem m;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_eval(m.f, FMT_JSON, &in, "say \"hi\"", &plan1, &ev);
    /* one field per line, one record per line; numbers as short as they
     * read back; instructions GPU by GPU, then the GPUs */
    mem_check(&m,
              "{\n"
              "  \"format_version\": 2,\n"
              "  \"plan\": \"say \\\"hi\\\"\",\n"
              "  \"schedule\": \"1f1b\",\n"
              "  \"gpus\": 2,\n"
              "  \"microbatches\": 1,\n"
              "  \"chunks\": 1,\n"
              "  \"instructions\": 4,\n"
              "  \"blocking_power\": 60,\n"
              "  \"gpus_per_stage\": 1,\n"
              "  \"time\": 2.5,\n"
              "  \"energy\": 390,\n"
              "  \"compute_energy\": 300,\n"
              "  \"blocking_energy\": 90,\n"
              "  \"per_instruction\": [\n"
              "    {\"gpu\": 0, \"position\": 0, \"kind\": \"forward\", "
              "\"microbatch\": 0, \"chunk\": 0, \"id\": null, \"stage\": 0, "
              "\"frequency\": 1410, \"start\": 0, \"end\": 0.75, "
              "\"slack\": 0, \"critical\": true, \"gpu_busy\": 2, "
              "\"gpu_idle\": 0.5},\n"
              "    {\"gpu\": 0, \"position\": 1, \"kind\": \"backward\", "
              "\"microbatch\": 0, \"chunk\": 0, \"id\": null, \"stage\": 0, "
              "\"frequency\": 1395, \"start\": 1.25, \"end\": 2.5, "
              "\"slack\": 0, \"critical\": true, \"gpu_busy\": 2, "
              "\"gpu_idle\": 0.5},\n"
              "    {\"gpu\": 1, \"position\": 0, \"kind\": \"forward\", "
              "\"microbatch\": 0, \"chunk\": 0, \"id\": null, \"stage\": 1, "
              "\"frequency\": 1380, \"start\": 0.75, \"end\": 1.25, "
              "\"slack\": 0.5, \"critical\": false, \"gpu_busy\": 1.5, "
              "\"gpu_idle\": 1},\n"
              "    {\"gpu\": 1, \"position\": 1, \"kind\": \"backward\", "
              "\"microbatch\": 0, \"chunk\": 0, \"id\": null, \"stage\": 1, "
              "\"frequency\": 1365, \"start\": 1.5, \"end\": 2.5, "
              "\"slack\": 0, \"critical\": true, \"gpu_busy\": 1.5, "
              "\"gpu_idle\": 1}\n"
              "  ],\n"
              "  \"per_gpu\": [\n"
              "    {\"gpu\": 0, \"busy\": 2, \"idle\": 0.5},\n"
              "    {\"gpu\": 1, \"busy\": 1.5, \"idle\": 1}\n"
              "  ]\n"
              "}\n");
}

Test(report, eval_yaml)
{
    struct inputs in;
    struct mem m;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_eval(m.f, FMT_YAML, &in, desc, &plan1, &ev);
    mem_check(&m,
              "format_version: 2\n"
              "plan: \"every instruction at 1410 MHz\"\n"
              "schedule: \"1f1b\"\n"
              "gpus: 2\n"
              "microbatches: 1\n"
              "chunks: 1\n"
              "instructions: 4\n"
              "blocking_power: 60\n"
              "gpus_per_stage: 1\n"
              "time: 2.5\n"
              "energy: 390\n"
              "compute_energy: 300\n"
              "blocking_energy: 90\n"
              "per_instruction:\n"
              "  - {gpu: 0, position: 0, kind: \"forward\", microbatch: 0, "
              "chunk: 0, id: null, stage: 0, frequency: 1410, start: 0, "
              "end: 0.75, slack: 0, critical: true, gpu_busy: 2, "
              "gpu_idle: 0.5}\n"
              "  - {gpu: 0, position: 1, kind: \"backward\", microbatch: 0, "
              "chunk: 0, id: null, stage: 0, frequency: 1395, start: 1.25, "
              "end: 2.5, slack: 0, critical: true, gpu_busy: 2, "
              "gpu_idle: 0.5}\n"
              "  - {gpu: 1, position: 0, kind: \"forward\", microbatch: 0, "
              "chunk: 0, id: null, stage: 1, frequency: 1380, start: 0.75, "
              "end: 1.25, slack: 0.5, critical: false, gpu_busy: 1.5, "
              "gpu_idle: 1}\n"
              "  - {gpu: 1, position: 1, kind: \"backward\", microbatch: 0, "
              "chunk: 0, id: null, stage: 1, frequency: 1365, start: 1.5, "
              "end: 2.5, slack: 0, critical: true, gpu_busy: 1.5, "
              "gpu_idle: 1}\n"
              "per_gpu:\n"
              "  - {gpu: 0, busy: 2, idle: 0.5}\n"
              "  - {gpu: 1, busy: 1.5, idle: 1}\n");
}

Test(report, eval_csv)
{
    struct inputs in;
    struct mem m;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_eval(m.f, FMT_CSV, &in, desc, &plan1, &ev);
    /* one row per instruction, the iteration's fields repeated; the
     * unknown id is an empty cell */
    mem_check(&m,
              "gpu,position,kind,microbatch,chunk,id,stage,frequency,start,"
              "end,slack,critical,gpu_busy,gpu_idle,plan,schedule,gpus,"
              "microbatches,chunks,instructions,blocking_power,"
              "gpus_per_stage,time,energy,compute_energy,blocking_energy\n"
              "0,0,forward,0,0,,0,1410,0,0.75,0,1,2,0.5,every instruction at "
              "1410 MHz,1f1b,2,1,1,4,60,1,2.5,390,300,90\n"
              "0,1,backward,0,0,,0,1395,1.25,2.5,0,1,2,0.5,every instruction "
              "at 1410 MHz,1f1b,2,1,1,4,60,1,2.5,390,300,90\n"
              "1,0,forward,0,0,,1,1380,0.75,1.25,0.5,0,1.5,1,every "
              "instruction at 1410 MHz,1f1b,2,1,1,4,60,1,2.5,390,300,90\n"
              "1,1,backward,0,0,,1,1365,1.5,2.5,0,1,1.5,1,every instruction "
              "at 1410 MHz,1f1b,2,1,1,4,60,1,2.5,390,300,90\n");
}

/* ------------------------------------------------------------------------ */
/* report_frontier                                                          */

/* Slowest first, as the solver stores them; p0 is T*, p2 T_min. */
static struct pp_point pts[] = {
    {.time = 3, .energy = 200, .e_compute = 150, .e_blocking = 50,
     .time_model = 3.1, .energy_model = 201},
    {.time = 2.5, .energy = 250, .e_compute = 210, .e_blocking = 40,
     .time_model = 2.5, .energy_model = 250},
    {.time = 2, .energy = 300, .e_compute = 280, .e_blocking = 20,
     .time_model = 2, .energy_model = 300},
};
/* The pipeline blocks at 2 GPUs x 60 W (inputs_for) = 120 W. */
static struct pp_frontier fr = {.npoints = 3, .pts = pts, .steps = 7,
                                .stop_reason = "minimum energy reached",
                                .pblock = 120};

/* Certificate at the deadlines 2 and 3 s (points 2 and 0), with bounds a
 * quarter below their energies: gap 300 / 240 - 1 = 200 / 160 - 1 = 0.25. */
static const double cdl[] = {2, 3}, cbound[] = {240, 160};
static const long cpt[] = {2, 0};

static struct frontier_summary summary(int certify)
{
    struct frontier_summary s = {.fr = &fr, .model = "exact", .t_min = 2,
                                 .allmax_time = 2, .allmax_energy = 400,
                                 .chosen = 1, .deadline = 2.5,
                                 .published = 1};
    if (certify) {
        s.ncert = 2;
        s.cert_deadline = cdl;
        s.cert_point = cpt;
        s.cert_bound = cbound;
    }
    return s;
}

Test(report, frontier_human)
{
    struct inputs in;
    struct mem m;
    struct frontier_summary s = summary(1);
    inputs_for(&in, &dag2);
    mem_open(&m);
    report_frontier(m.f, FMT_HUMAN, &in, &s);
    /* Names padded to 22 ("all-max frequency" + 5 blanks), %10.6f of 2 is
     * 2 blanks + "2.000000", %12.3f of 400 is 5 blanks + "400.000".
     * Against all-max (2 s, 400 J): T_min point p2 +0% time, 300/400 - 1 =
     * -25% energy; T* p0 3/2 - 1 = +50%, 200/400 - 1 = -50%; chosen p1
     * +25%, -37.5%; it ends at the deadline, so an iteration lasting
     * 2.5 s costs its 250 J, and the published rule picks it too (T' is
     * below T*: no line on the published rule).  Certificate rows: the
     * plans end at their deadlines, so their energies are the points';
     * %12.6f, %14.3f (7 blanks + "300.000"), gap %7.3f of 25 is
     * " 25.000". */
    mem_check(&m,
              "schedule      interleaved, 2 GPUs, 2 microbatches, 2 chunks "
              "per GPU, 8 instructions\n"
              "model         exact; 3 frontier points from 7 steps "
              "(stopped: minimum energy reached)\n"
              "blocking      60.00 W per GPU, 1 GPU(s) per stage\n"
              "\n"
              "all-max frequency      T   2.000000 s  E      400.000 J\n"
              "no slowdown (T_min)    T   2.000000 s  E      300.000 J  "
              "(+0.00% time, -25.00% energy vs all-max)\n"
              "minimum energy (T*)    T   3.000000 s  E      200.000 J  "
              "(+50.00% time, -50.00% energy vs all-max)\n"
              "chosen (T' 2.5 s)      T   2.500000 s  E      250.000 J  "
              "(+25.00% time, -37.50% energy vs all-max)\n"
              "  lasting T'                                    E      250.000 J  "
              "(the plan, then blocking 0.000000 s)\n"
              "\n"
              "certificate (LP relaxation on the convex hulls of the "
              "measured points):\n"
              "    deadline s   plan time s   plan energy J   lower bound J"
              "    gap %\n"
              "      2.000000      2.000000         300.000         240.000"
              "   25.000\n"
              "      3.000000      3.000000         200.000         160.000"
              "   25.000\n");
}

/* A deadline past T*: the extra point pb runs 4 s for 230 J, dominated in
 * (T, E) by T* (3 s, 200 J) but cheaper for an iteration lasting 4 s: T*
 * then blocking 1 s at 120 W costs 200 + 120 = 320 J, so pb saves 90 J,
 * 90 / 320 = 28.125%. */
Test(report, frontier_human_past_tstar)
{
    struct pp_point pp[4] = {{.time = 4, .energy = 230, .e_compute = 200,
                              .e_blocking = 30},
                             pts[0], pts[1], pts[2]};
    struct pp_frontier f4 = fr;
    struct inputs in;
    struct mem m;
    f4.pts = pp;
    f4.npoints = 4;
    struct frontier_summary s = summary(0);
    s.fr = &f4;
    s.deadline = 4;
    s.chosen = 0;
    s.published = 1;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_frontier(m.f, FMT_HUMAN, &in, &s);
    mem_check(&m,
              "schedule      1f1b, 2 GPUs, 1 microbatch, 4 instructions\n"
              "model         exact; 4 frontier points from 7 steps "
              "(stopped: minimum energy reached)\n"
              "blocking      60.00 W per GPU, 1 GPU(s) per stage\n"
              "\n"
              "all-max frequency      T   2.000000 s  E      400.000 J\n"
              "no slowdown (T_min)    T   2.000000 s  E      300.000 J  "
              "(+0.00% time, -25.00% energy vs all-max)\n"
              "minimum energy (T*)    T   3.000000 s  E      200.000 J  "
              "(+50.00% time, -50.00% energy vs all-max)\n"
              "chosen (T' 4 s)        T   4.000000 s  E      230.000 J  "
              "(+100.00% time, -42.50% energy vs all-max)\n"
              "  lasting T'                                    E      230.000 J  "
              "(the plan, then blocking 0.000000 s)\n"
              "T' > T*: the published rule (T* 3.000000 s, then blocking) "
              "uses 320.000 J; this plan saves 90.000 J (28.12%)\n");
}

Test(report, frontier_human_no_deadline)
{
    struct inputs in;
    struct mem m;
    struct frontier_summary s = summary(0);
    s.deadline = NAN;
    s.chosen = 2;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_frontier(m.f, FMT_HUMAN, &in, &s);
    /* No deadline: the chosen line is "chosen", here the T_min point. */
    mem_check(&m,
              "schedule      1f1b, 2 GPUs, 1 microbatch, 4 instructions\n"
              "model         exact; 3 frontier points from 7 steps "
              "(stopped: minimum energy reached)\n"
              "blocking      60.00 W per GPU, 1 GPU(s) per stage\n"
              "\n"
              "all-max frequency      T   2.000000 s  E      400.000 J\n"
              "no slowdown (T_min)    T   2.000000 s  E      300.000 J  "
              "(+0.00% time, -25.00% energy vs all-max)\n"
              "minimum energy (T*)    T   3.000000 s  E      200.000 J  "
              "(+50.00% time, -50.00% energy vs all-max)\n"
              "chosen                 T   2.000000 s  E      300.000 J  "
              "(+0.00% time, -25.00% energy vs all-max)\n");
}

Test(report, frontier_csv)
{
    struct inputs in;
    struct mem m;
    struct frontier_summary s = summary(1);
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_frontier(m.f, FMT_CSV, &in, &s);
    /* slowdown = time / 2 - 1; the certificate is not in CSV; the
     * top-level fields follow in every row.  3.1 is written "3.1": the
     * shortest text that reads back to the same double. */
    mem_check(&m,
              "point,time,energy,compute_energy,blocking_energy,slowdown,"
              "model_time,model_energy,beyond_tstar,model,t_min,t_star,"
              "pipeline_blocking_power,allmax_time,allmax_energy,deadline,"
              "chosen,chosen_energy_lasting,published,"
              "published_energy_lasting\n"
              "0,3,200,150,50,0.5,3.1,201,0,exact,2,3,120,2,400,2.5,1,250,1,"
              "250\n"
              "1,2.5,250,210,40,0.25,2.5,250,0,exact,2,3,120,2,400,2.5,1,250,"
              "1,250\n"
              "2,2,300,280,20,0,2,300,0,exact,2,3,120,2,400,2.5,1,250,1,250\n");
}

Test(report, frontier_json)
{
    struct inputs in;
    struct mem m;
    struct frontier_summary s = summary(1);
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_frontier(m.f, FMT_JSON, &in, &s);
    mem_check(&m,
              "{\n"
              "  \"format_version\": 2,\n"
              "  \"model\": \"exact\",\n"
              "  \"t_min\": 2,\n"
              "  \"t_star\": 3,\n"
              "  \"pipeline_blocking_power\": 120,\n"
              "  \"allmax_time\": 2,\n"
              "  \"allmax_energy\": 400,\n"
              "  \"deadline\": 2.5,\n"
              "  \"chosen\": 1,\n"
              "  \"chosen_energy_lasting\": 250,\n"
              "  \"published\": 1,\n"
              "  \"published_energy_lasting\": 250,\n"
              "  \"points\": [\n"
              "    {\"point\": 0, \"time\": 3, \"energy\": 200, "
              "\"compute_energy\": 150, \"blocking_energy\": 50, "
              "\"slowdown\": 0.5, \"model_time\": 3.1, "
              "\"model_energy\": 201, \"beyond_tstar\": false},\n"
              "    {\"point\": 1, \"time\": 2.5, \"energy\": 250, "
              "\"compute_energy\": 210, \"blocking_energy\": 40, "
              "\"slowdown\": 0.25, \"model_time\": 2.5, "
              "\"model_energy\": 250, \"beyond_tstar\": false},\n"
              "    {\"point\": 2, \"time\": 2, \"energy\": 300, "
              "\"compute_energy\": 280, \"blocking_energy\": 20, "
              "\"slowdown\": 0, \"model_time\": 2, \"model_energy\": 300, "
              "\"beyond_tstar\": false}\n"
              "  ],\n"
              "  \"certificate\": [\n"
              "    {\"deadline\": 2, \"point\": 2, \"time\": 2, "
              "\"energy\": 300, \"lower_bound\": 240, \"gap\": 0.25},\n"
              "    {\"deadline\": 3, \"point\": 0, \"time\": 3, "
              "\"energy\": 200, \"lower_bound\": 160, \"gap\": 0.25}\n"
              "  ]\n"
              "}\n");
}

Test(report, frontier_yaml_without_certificate)
{
    struct inputs in;
    struct mem m;
    struct frontier_summary s = summary(0);
    s.chosen = -1;
    inputs_for(&in, &dag1);
    mem_open(&m);
    report_frontier(m.f, FMT_YAML, &in, &s);
    mem_check(&m,
              "format_version: 2\n"
              "model: \"exact\"\n"
              "t_min: 2\n"
              "t_star: 3\n"
              "pipeline_blocking_power: 120\n"
              "allmax_time: 2\n"
              "allmax_energy: 400\n"
              "deadline: 2.5\n"
              "chosen: -1\n"
              "chosen_energy_lasting: null\n"
              "published: 1\n"
              "published_energy_lasting: 250\n"
              "points:\n"
              "  - {point: 0, time: 3, energy: 200, compute_energy: 150, "
              "blocking_energy: 50, slowdown: 0.5, model_time: 3.1, "
              "model_energy: 201, beyond_tstar: false}\n"
              "  - {point: 1, time: 2.5, energy: 250, compute_energy: 210, "
              "blocking_energy: 40, slowdown: 0.25, model_time: 2.5, "
              "model_energy: 250, beyond_tstar: false}\n"
              "  - {point: 2, time: 2, energy: 300, compute_energy: 280, "
              "blocking_energy: 20, slowdown: 0, model_time: 2, "
              "model_energy: 300, beyond_tstar: false}\n");
}

