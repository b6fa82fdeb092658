/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - perseus-plan: subcommand table, global options, start-up.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"plan", cmd_plan, "compute the time-energy frontier and emit a plan"},
    {"eval", cmd_eval, "iteration time and energy of one plan"},
    {"lookup", cmd_lookup, "a plan from a saved frontier, without solving"},
    {"sweep", cmd_sweep, "straggler what-if: savings over a grid of slowdowns"},
    {"compare", cmd_compare, "baselines and planner models side by side"},
    {"check", cmd_check, "CI gate: validate inputs, budgets on slowdown and saving"},
    {"schedule", cmd_schedule, "print a pipeline schedule, GPU by GPU"},
    {"help", NULL, "show help for a command"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [--help] [--version] COMMAND [ARGS]\n"
            "\n"
            "Plan per-instruction GPU frequencies for pipeline-parallel "
            "training that\nremove energy bloat (Perseus, SOSP 2024).\n"
            "\n"
            "Commands:\n",
            progname);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun '%s COMMAND --help' for a command's options; see "
               "perseus-plan(1).\n"
               "Exit status: 0 ok, 1 input/solver/I-O failure, 2 usage "
               "error, 3 check budget missed.\n",
            progname);
}

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C");

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *a = argv[1];
    if ((!strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "--version")) &&
        argc > 2) {
        die_usage(NULL, "unexpected argument \"%s\"", argv[2]);
        return EXIT_USAGE;
    }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        usage(stdout);
        return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
    }
    if (!strcmp(a, "--version")) {
        printf("perseus-plan %s\n", PP_VERSION);
        return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
    }
    if (!strcmp(a, "help")) {
        if (argc < 3 || !strcmp(argv[2], "help") ||
            !strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")) {
            usage(stdout);
            return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
        }
        const struct command *c = find(argv[2]);
        if (!c || !c->run) {
            die_usage(NULL, "unknown command \"%s\"", argv[2]);
            return EXIT_USAGE;
        }
        if (argc > 3) {
            die_usage(NULL, "help takes one command name");
            return EXIT_USAGE;
        }
        char *hargv[] = {argv[2], "--help", NULL};
        return c->run(2, hargv);
    }
    if (a[0] == '-') {
        die_usage(NULL, "unknown option \"%s\"", a);
        return EXIT_USAGE;
    }
    const struct command *c = find(a);
    if (!c || !c->run) {
        die_usage(NULL, "unknown command \"%s\"", a);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
