/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_readfile.c - unit tests for pp_read_file().
 *
 * A missing file is reported with its name and the system's reason; a file
 * longer than the first buffer and the same bytes on stdin read back whole,
 * NUL-terminated, with the length excluding the NUL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readfile.h"

/* Write TEXT to a new temporary file; returns its malloc'ed path. */
static char *temp_file(const char *text)
{
    const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *path = malloc(strlen(tmpdir) + 32);
    cr_assert_not_null(path);
    sprintf(path, "%s/pp-test-XXXXXX", tmpdir);
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    return path;
}

static void temp_remove(char *path)
{
    remove(path);
    free(path);
}

Test(read_file, missing_file)
{
    char *text = (char *)&text;
    size_t len = 1;
    struct pp_error err = {0};
    cr_assert_eq(pp_read_file("/nonexistent/prof.csv", &text, &len, &err),
                 PP_EIO);
    cr_expect_null(text);
    cr_expect_str_eq(err.msg, "/nonexistent/prof.csv: cannot open: No such "
                              "file or directory");
}

Test(read_file, whole_file_and_stdin)
{
    /* Longer than the first buffer, to exercise growing it. */
    size_t n = 200000;
    char *big = malloc(n + 1);
    cr_assert_not_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    big[n] = '\0';
    char *path = temp_file(big);
    char *text = NULL;
    size_t len = 0;
    struct pp_error err = {0};

    cr_assert_eq(pp_read_file(path, &text, &len, &err), PP_OK, "%s", err.msg);
    cr_expect_eq(len, n);
    cr_expect_eq(text[len], '\0');
    cr_expect_eq(memcmp(text, big, n), 0);
    free(text);
    /* Each test is its own process, so replacing stdin is harmless. */
    cr_assert_not_null(freopen(path, "r", stdin));
    cr_assert_eq(pp_read_file("-", &text, &len, &err), PP_OK, "%s", err.msg);
    cr_expect_eq(len, n);
    free(text);
    free(big);
    temp_remove(path);
}
