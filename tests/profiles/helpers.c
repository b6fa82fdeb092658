/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpers.c - shared helpers for the profiles unit tests.
 *
 * Thin wrappers over the parsers that assert the outcome with Criterion,
 * so each test states only its input and the expected result.  Every test
 * runs in its own process, so temporary files are removed at exit only.
 */
#include "helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pp_profile *csv_ok(const char *text)
{
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    int rc = pp_profile_parse_csv(&p, "prof.csv", text, strlen(text), &err);
    cr_assert_eq(rc, PP_OK, "unexpected error: %s", err.msg);
    cr_assert_not_null(p);
    return p;
}

struct pp_profile *yaml_ok(const char *text)
{
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    int rc = pp_profile_parse_yaml(&p, "prof.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, PP_OK, "unexpected error: %s", err.msg);
    cr_assert_not_null(p);
    return p;
}

void csv_fails(const char *text, const char *msg)
{
    struct pp_profile *p = (struct pp_profile *)&p; /* must become NULL */
    struct pp_error err = {0};
    int rc = pp_profile_parse_csv(&p, "prof.csv", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT, "expected failure \"%s\", got rc %d", msg, rc);
    cr_assert_null(p);
    cr_assert_str_eq(err.msg, msg);
}

void yaml_fails(const char *text, const char *msg)
{
    struct pp_profile *p = (struct pp_profile *)&p;
    struct pp_error err = {0};
    int rc = pp_profile_parse_yaml(&p, "prof.yaml", text, strlen(text), &err);
    cr_assert_eq(rc, PP_EINPUT, "expected failure \"%s\", got rc %d", msg, rc);
    cr_assert_null(p);
    cr_assert_str_eq(err.msg, msg);
}

void expect_option(const struct pp_profile *p, int stage, const char *kind,
                   size_t i, int mhz, double time, double energy)
{
    int k = pp_profile_kind(p, kind);
    cr_assert_geq(k, 0, "no kind %s", kind);
    const struct pp_opset *set = pp_profile_ops(p, stage, k);
    cr_assert_not_null(set);
    cr_assert_lt(i, set->n);
    cr_expect_eq(set->opt[i].mhz, mhz);
    cr_expect_eq(set->opt[i].time, time, "stage %d %s #%zu time %.17g", stage,
                 kind, i, set->opt[i].time);
    cr_expect_eq(set->opt[i].energy, energy, "stage %d %s #%zu energy %.17g",
                 stage, kind, i, set->opt[i].energy);
}

char *data_path(const char *var, const char *file)
{
    const char *dir = getenv(var);
    struct stat st;
    char *path;

    if (!dir || !*dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cr_skip_test("%s not set or not a directory", var);
        return NULL;
    }
    path = malloc(strlen(dir) + strlen(file) + 2);
    cr_assert_not_null(path);
    sprintf(path, "%s/%s", dir, file);
    return path;
}

char *temp_file(const char *suffix, const char *text)
{
    const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *path = malloc(strlen(tmpdir) + strlen(suffix) + 32);
    cr_assert_not_null(path);
    sprintf(path, "%s/pp-test-XXXXXX", tmpdir);
    cr_assert_not_null(mkdtemp(path));
    strcat(path, "/prof");
    strcat(path, suffix);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    return path;
}

void temp_remove(char *path)
{
    remove(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    free(path);
}
