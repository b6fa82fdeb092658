/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * shared_main.c - the entry point of the solver test binaries whose every
 * test reads the measured data in ../shared (those that link it in
 * meson.build: golden, quality, straggler, ...).  Criterion's own main
 * would skip each test and exit 0 without that data, and meson would count
 * a pass for a binary that ran nothing.  This main checks first that
 * $PP_SHARED_DIR/data/sosp24/emulation is a directory; if not, it says so
 * and exits with status 77, which meson reports as SKIP (as
 * tests/cli/run.sh does for the cases that need $SHARED).  Otherwise it is
 * Criterion's usual main.  A single file missing from data that is present
 * still skips only the test that reads it (shared.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* The directory under PP_SHARED_DIR that every test here reads from. */
#define SHARED_SUBDIR "data/sosp24/emulation"

/* The exit status meson reads as "skipped". */
enum { EXIT_SKIP = 77 };

/* 1 if the shared data is there; else prints why not and returns 0 (it
 * is absent) or -1 (PP_SHARED_DIR is too long to check). */
static int shared_present(const char *prog)
{
    const char *dir = getenv("PP_SHARED_DIR");
    char path[1024];
    struct stat st;
    if (!dir || !*dir) {
        printf("%s: PP_SHARED_DIR is not set: skipped\n", prog);
        return 0;
    }
    int n = snprintf(path, sizeof path, "%s/%s", dir, SHARED_SUBDIR);
    if (n < 0 || (size_t)n >= sizeof path) {
        printf("%s: PP_SHARED_DIR is too long\n", prog);
        return -1;
    }
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("%s: %s is absent: skipped\n", prog, path);
        return 0;
    }
    return 1;
}

int main(int argc, char *argv[])
{
    struct criterion_test_set *tests = criterion_initialize();
    int status = 0;
    /* Options first, so that --help and --list work without the data. */
    if (criterion_handle_args(argc, argv, true)) {
        int present = shared_present(argv[0]);
        if (present < 0)
            status = 1;
        else if (!present)
            status = EXIT_SKIP;
        else
            status = criterion_run_all_tests(tests) ? 0 : 1;
    }
    criterion_finalize(tests);
    return status;
}
