/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_schedule.c - `perseus-plan schedule`: print a schedule per GPU.
 */
#include "cli.h"

static const char schedule_usage[] =
    "usage: perseus-plan schedule [-s SCHEDULE] -M N -S N [-V N]\n"
    "                             [-p PROFILE] [-o FILE]\n"
    "\n"
    "Print a pipeline schedule, one line per GPU in execution order\n"
    "(F3 = forward of microbatch 3, B3 = backward; F3.1 = chunk 1), so it\n"
    "can be checked by eye.  With a profile, --stages defaults to its\n"
    "stage count.\n"
    "\n"
    "  -s, --schedule NAME|FILE 1f1b (default), gpipe, interleaved, or a\n"
    "                           custom DAG (.yaml)\n"
    "  -M, --microbatches N     microbatches per iteration\n"
    "  -S, --stages N           pipeline GPUs\n"
    "  -V, --chunks N           model chunks per GPU (interleaved)\n"
    "  -p, --profile FILE       take the stage count from this profile\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -h, --help               this help\n";

/* No blocking power is needed to print a schedule. */
static int schedule_check(struct run *r)
{
    if (!r->in.blocking)
        r->in.blocking = "0";
    return EXIT_OK;
}

/* A write error shows in the stream, and the commit reports it with its
 * cause. */
static int schedule_report(struct run *r, FILE *f)
{
    pp_graph_print(r->in.dag, f);
    return 0;
}

static const struct option schedule_longopts[] = {
    COMMON_LONGOPTS,
    {NULL, 0, NULL, 0},
};

const struct verb verb_schedule = {
    .name = "schedule",
    .summary = "print a pipeline schedule, GPU by GPU",
    .usage = schedule_usage,
    .longopts = schedule_longopts,
    .check = schedule_check,
    .report = schedule_report,
};
