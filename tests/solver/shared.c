/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * shared.c - paths into, and profiles from, the measured data in
 * $PP_SHARED_DIR for the solver tests (see shared.h): one place that
 * decides when such a test is skipped rather than failed.
 */
#include "shared.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void shared_path(char *buf, size_t size, const char *fmt, ...)
{
    const char *dir = getenv("PP_SHARED_DIR");
    struct stat st;
    va_list ap;
    if (!dir || !*dir)
        cr_skip_test("PP_SHARED_DIR is not set");
    int n = snprintf(buf, size, "%s/data/sosp24/emulation/", dir);
    cr_assert(n > 0 && (size_t)n < size, "PP_SHARED_DIR is too long");
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, size - (size_t)n, fmt, ap);
    va_end(ap);
    cr_assert(m >= 0 && (size_t)m < size - (size_t)n, "path too long");
    if (stat(buf, &st) != 0)
        cr_skip_test("%s absent", buf);
}

int csv_split(char *line, char **f, int max)
{
    int n = 0;
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    return n;
}

struct pp_profile *shared_profile(const char *model, const char *gpu)
{
    char path[1024];
    struct pp_profile *prof = NULL;
    struct pp_error err = {0};
    shared_path(path, sizeof path, "stage_profile/%s+%s_bf16.csv", model,
                gpu);
    cr_assert_eq(pp_profile_load(&prof, path, &err), 0, "%s", err.msg);
    return prof;
}

double shared_blocking_power(const char *gpu)
{
    return strcmp(gpu, "a40") ? 83.64 : 70.38;
}

struct pp_dag *shared_dag(int mb)
{
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_graph_build(&dag, PP_SCHED_1F1B, 8, mb, 1, &err), 0,
                 "%s", err.msg);
    return dag;
}
