/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_schedule.c - `perseus-plan schedule`: print a schedule per GPU.
 */
#include "cli.h"
#include "report.h"

static const char schedule_usage[] =
    "usage: perseus-plan schedule [-s SCHEDULE] -M N -S N [-V N]\n"
    "                             [-p PROFILE] [-f human|json|yaml|csv]\n"
    "                             [-o FILE] [--max-input SIZE]\n"
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
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
    "  -f, --format FMT         human (default), json, yaml, csv: every\n"
    "                           instruction with its GPU, position, kind,\n"
    "                           microbatch, chunk, id and profile stage\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -h, --help               this help\n";

/* A write error shows in the stream, and the commit reports it with its
 * cause.  The machine formats list every instruction, GPU by GPU in
 * execution order. */
static int schedule_report(struct run *r, FILE *f)
{
    const struct pp_dag *d = r->in.dag;
    struct mw m;
    if (r->in.format == FMT_HUMAN) {
        pp_graph_print(d, f);
        return 0;
    }
    mw_begin(&m, f, r->in.format, 1);
    mw_str(&m, "schedule", d->schedule);
    mw_int(&m, "gpus", d->ngpus);
    mw_int(&m, "microbatches", d->microbatches);
    mw_int(&m, "chunks", d->chunks);
    mw_int(&m, "instructions", (long long)d->n);
    mw_list_begin(&m, "per_instruction");
    for (int g = 0; g < d->ngpus; g++)
        for (size_t k = d->gpu_off[g]; k < d->gpu_off[g + 1]; k++) {
            mw_item_begin(&m);
            report_instr(&m, d, g, k);
            mw_item_end(&m);
        }
    mw_list_end(&m);
    return mw_end(&m);
}

static const struct option schedule_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {NULL, 0, NULL, 0},
};

#define NO_ENERGY "it draws the schedule; no energies"
#define NO_SOLVE "it draws the schedule; nothing is solved"
static const struct refusal schedule_refuses[] = {
    {OPT_BLOCKING, NO_ENERGY},
    {OPT_KGPUS, NO_ENERGY},
    {OPT_QUIET, "it prints no diagnostics"},
    {OPT_VERBOSE, "it prints no diagnostics"},
    {OPT_SOLVE_MODEL, NO_SOLVE},
    {OPT_SOLVE_UNIT, NO_SOLVE},
    {OPT_SOLVE_ORDER, NO_SOLVE},
    {OPT_SOLVE_METHOD, NO_SOLVE},
    {0, NULL},
};

const struct verb verb_schedule = {
    .name = "schedule",
    .summary = "print a pipeline schedule, GPU by GPU",
    .usage = schedule_usage,
    .longopts = schedule_longopts,
    .refuses = schedule_refuses,
    .report = schedule_report,
};
