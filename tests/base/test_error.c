/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_error.c - unit tests for the one place messages are formatted.
 *
 * Input text quoted in a message must not reach the terminal raw: control
 * characters, C1 controls and bytes that are not UTF-8 come out escaped,
 * valid UTF-8 as it is.  A message too long for PP_ERRMSG_MAX ends in
 * "...", and a long file name keeps its end, so the position and the
 * reason are never cut away.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

Test(error, control_characters_escaped)
{
    struct pp_error err = {0};
    cr_expect_eq(pp_error_at(&err, PP_EINPUT, "p.csv", 2, 3, "got \"%s\"",
                             "a\nb\x1b[2Jc\r\t\x7f\x01"),
                 PP_EINPUT);
    cr_expect_eq(err.code, PP_EINPUT);
    cr_expect_str_eq(err.msg,
                     "p.csv:2:3: got \"a\\nb\\x1B[2Jc\\r\\t\\x7F\\x01\"");
    /* C1 controls (CSI is U+009B), bytes that are not UTF-8, overlong
     * forms; accented letters stay */
    pp_error_set(&err, PP_EINPUT, "%s",
                 "\xc2\x9b"
                 "1m \xff \xc0\xaf caf\xc3\xa9");
    cr_expect_str_eq(err.msg, "\\u009B1m \\xFF \\xC0\\xAF caf\xc3\xa9");
    /* the file name is input too */
    pp_error_at(&err, PP_EIO, "a\nb.csv", 0, 0, "cannot open");
    cr_expect_str_eq(err.msg, "a\\nb.csv: cannot open");
}

Test(error, escaping_twice_changes_nothing)
{
    struct pp_error a = {0}, b = {0};
    pp_error_set(&a, PP_EINPUT, "x\ny\\z");
    pp_error_set(&b, PP_EINPUT, "%s", a.msg);
    cr_expect_str_eq(a.msg, "x\\ny\\z");
    cr_expect_str_eq(b.msg, a.msg);
}

Test(error, long_messages_end_in_dots)
{
    static char text[3000];
    struct pp_error err = {0};

    memset(text, 'x', sizeof text - 1);
    pp_error_set(&err, PP_EINPUT, "%s", text);
    cr_expect_eq(strlen(err.msg), PP_ERRMSG_MAX - 1);
    cr_expect_str_eq(err.msg + PP_ERRMSG_MAX - 4, "...");
    /* exactly the room there is: whole, no dots */
    text[PP_ERRMSG_MAX - 1] = '\0';
    pp_error_set(&err, PP_EINPUT, "%s", text);
    cr_expect_str_eq(err.msg, text);
    /* an escape that does not fit is not cut in half */
    memset(text, 'x', PP_ERRMSG_MAX - 6);
    strcpy(text + PP_ERRMSG_MAX - 6, "\x01\x01\x01\x01");
    pp_error_set(&err, PP_EINPUT, "%s", text);
    size_t n = strlen(err.msg);
    cr_expect_str_eq(err.msg + n - 3, "...");
    cr_expect_neq(err.msg[n - 4], '\\');
    cr_expect_leq(n, PP_ERRMSG_MAX - 1);
}

Test(error, long_paths_keep_their_end)
{
    char path[600];
    struct pp_error err = {0};

    /* 500 bytes of directories, then the file's own name */
    memset(path, 'd', 500);
    for (int i = 9; i < 500; i += 10)
        path[i] = '/';
    strcpy(path + 500, "/profile-of-the-week.csv");
    pp_error_at(&err, PP_EINPUT, path, 14, 30,
                "stage 2 backward at 1230 MHz: energy must be positive");
    /* before, the 512-byte prefix buffer cut the name, the position and
     * the whole reason away */
    cr_expect(strstr(err.msg, "/profile-of-the-week.csv:14:30: stage 2 "
                              "backward at 1230 MHz: energy must be "
                              "positive"),
              "%s", err.msg);
    cr_expect_eq(strncmp(err.msg, path, 40), 0, "%s", err.msg);
    cr_expect_eq(strncmp(err.msg + 40, "...", 3), 0, "%s", err.msg);
    cr_expect_lt(strlen(err.msg), 300);
    /* a short one is shown whole */
    pp_error_at(&err, PP_EINPUT, "dir/p.csv", 1, 1, "x");
    cr_expect_str_eq(err.msg, "dir/p.csv:1:1: x");
}
