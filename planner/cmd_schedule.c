/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_schedule.c - `perseus-plan schedule`: print a schedule per GPU.
 */
#include <getopt.h>
#include <stdlib.h>

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

int cmd_schedule(int argc, char **argv)
{
    static const struct option longopts[] = {COMMON_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    struct inputs in;
    struct outfile out = {0};
    int rc = EXIT_USAGE;

    inputs_init(&in);
    in.blocking = "0";
    struct cmdspec spec = {"schedule", schedule_usage, longopts, NULL, NULL};
    if ((rc = parse_args(&spec, &in, argc, argv)) != ARGS_GO)
        goto out;
    rc = EXIT_USAGE;
    if ((rc = inputs_load(&in, "schedule", 0)))
        goto out;
    if ((rc = out_open(&out, in.output)))
        goto out;
    pp_graph_print(in.dag, out.f);
    rc = out_commit(&out);
out:
    if (out.f)
        out_abort(&out);
    inputs_free(&in);
    return rc;
}
