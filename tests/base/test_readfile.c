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

Test(read_file, size_text)
{
    char buf[32];
    cr_expect_str_eq(pp_read_size_text(buf, PP_READ_MAX_BYTES), "1 GiB");
    cr_expect_str_eq(pp_read_size_text(buf, PP_READ_MAX_LINE), "64 MiB");
    cr_expect_str_eq(pp_read_size_text(buf, 1536), "1536 bytes");
    cr_expect_str_eq(pp_read_size_text(buf, 3 << 10), "3 KiB");
}

Test(read_file, input_limit)
{
    char *path = temp_file("0123456789abcdef"); /* 16 bytes */
    char *text = NULL;
    size_t len = 0;
    struct pp_error err = {0};

    cr_expect_eq(pp_read_max_bytes(), PP_READ_MAX_BYTES);
    pp_read_set_limits(16, 0);
    cr_assert_eq(pp_read_file(path, &text, &len, &err), PP_OK, "%s",
                 err.msg);
    cr_expect_eq(len, 16);
    free(text);
    pp_read_set_limits(15, 0);
    cr_assert_eq(pp_read_file(path, &text, &len, &err), PP_EINPUT);
    cr_expect_null(text);
    char want[512];
    snprintf(want, sizeof want,
             "%s: 16 bytes, more than the input limit of 15 bytes", path);
    cr_expect_str_eq(err.msg, want);
    /* a stream is stopped once it passes the limit */
    cr_assert_not_null(freopen(path, "r", stdin));
    cr_assert_eq(pp_read_file("-", &text, &len, &err), PP_EINPUT);
    cr_expect_str_eq(err.msg,
                     "<stdin>: more than the input limit of 15 bytes");
    /* the program's way to raise the limit, in every message about it */
    pp_read_set_hint("raise it with --max-input");
    cr_assert_eq(pp_read_file(path, &text, &len, &err), PP_EINPUT);
    snprintf(want, sizeof want,
             "%s: 16 bytes, more than the input limit of 15 bytes (raise it "
             "with --max-input)", path);
    cr_expect_str_eq(err.msg, want);
    char lim[PP_READ_LIMIT_TEXT];
    cr_expect_str_eq(pp_read_limit_text(lim, 64 << 20),
                     "64 MiB (raise it with --max-input)");
    pp_read_set_hint(NULL);
    cr_expect_str_eq(pp_read_limit_text(lim, 64 << 20), "64 MiB");
    pp_read_set_limits(0, 0); /* the defaults again */
    cr_expect_eq(pp_read_max_bytes(), PP_READ_MAX_BYTES);
    cr_expect_eq(pp_read_max_line(), PP_READ_MAX_LINE);
    temp_remove(path);
}

Test(read_file, nul_byte_stops_reading)
{
    /* /dev/zero used to be read until memory ran out */
    char *text = NULL;
    size_t len = 0;
    struct pp_error err = {0};
    cr_assert_eq(pp_read_file("/dev/zero", &text, &len, &err), PP_EINPUT);
    cr_expect_null(text);
    cr_expect_str_eq(err.msg, "/dev/zero:1:1: NUL byte in the file");

    char *path = temp_file("ab\ncd");
    FILE *f = fopen(path, "ab");
    cr_assert_not_null(f);
    fputc('\0', f);
    fclose(f);
    cr_assert_eq(pp_read_file(path, &text, &len, &err), PP_EINPUT);
    char want[512];
    snprintf(want, sizeof want, "%s:2:3: NUL byte in the file", path);
    cr_expect_str_eq(err.msg, want);
    temp_remove(path);
}
