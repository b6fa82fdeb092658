/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - perseus-plan: the subcommand table, global options, start-up;
 * driver.c runs the subcommand.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The subcommands, in the order of --help; "help" is handled by main(). */
static const struct verb *const verbs[] = {
    &verb_plan, &verb_eval, &verb_lookup, &verb_sweep,
    &verb_compare, &verb_check, &verb_schedule,
};
#define NVERBS (sizeof verbs / sizeof verbs[0])

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
    for (size_t i = 0; i < NVERBS; i++)
        fprintf(f, "  %-10s %s\n", verbs[i]->name, verbs[i]->summary);
    fprintf(f, "  %-10s %s\n", "help", "show help for a command");
    fprintf(f, "\nRun '%s COMMAND --help' for a command's options; see "
               "perseus-plan(1).\n"
               "Exit status: 0 ok, 1 input/solver/I-O failure, 2 usage "
               "error, 3 check budget missed,\n"
               "4 check: the plan was made for other inputs.\n",
            progname);
}

static const struct verb *find(const char *name)
{
    for (size_t i = 0; i < NVERBS; i++)
        if (!strcmp(verbs[i]->name, name))
            return verbs[i];
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
        const struct verb *v = find(argv[2]);
        if (!v) {
            die_usage(NULL, "unknown command \"%s\"", argv[2]);
            return EXIT_USAGE;
        }
        if (argc > 3) {
            die_usage(NULL, "help takes one command name");
            return EXIT_USAGE;
        }
        char *hargv[] = {argv[2], "--help", NULL};
        return verb_run(v, 2, hargv);
    }
    if (a[0] == '-') {
        die_usage(NULL, "unknown option \"%s\"", a);
        return EXIT_USAGE;
    }
    const struct verb *v = find(a);
    if (!v) {
        die_usage(NULL, "unknown command \"%s\"", a);
        return EXIT_USAGE;
    }
    return verb_run(v, argc - 1, argv + 1);
}
