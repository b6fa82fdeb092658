/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay.c - a plain main() for every fuzz target, so that `meson test` runs
 * each target over its seed corpus and its crash regressions.
 *
 * Linked with one fuzz_<name>.c instead of libFuzzer (as dav1d's
 * tests/libfuzzer/main.c and igraph's fuzzing/ do), it calls
 * LLVMFuzzerTestOneInput() once for every regular file named on the command
 * line or found in a directory named there (directories are read in name
 * order, not recursively), then, unless PP_FUZZ_ROUNDS is 0, for a fixed
 * series of mutated copies of each file: a small deterministic generator
 * (xorshift32; overwrite, insert or delete bytes from a set that matters to
 * the formats), so error paths
 * nobody wrote a seed for run in every test too.  A target reports a bug by
 * crashing or calling abort(); this main only counts.  Each input is copied
 * into a buffer of exactly its size, so an ASan build catches reads past
 * the end just as libFuzzer would.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long ninputs, nmutations;
static int rounds = 20;

/* xorshift32 */
static uint32_t next_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static const char interesting[] = ",\n\r\"'-.0123456789e:[]{}()&*!#|> \t\\";

/* A mutated copy of TEXT in BUF (capacity LEN + 8); returns its length. */
static size_t mutate(const uint8_t *text, size_t len, uint8_t *buf,
                     uint32_t seed)
{
    uint32_t st = seed * 2654435761u + 1;
    size_t n = len;
    memcpy(buf, text, len);
    for (int m = 0; m < 1 + (int)(next_rand(&st) % 4); m++) {
        size_t at = n ? next_rand(&st) % n : 0;
        uint8_t c =
            (uint8_t)interesting[next_rand(&st) % (sizeof interesting - 1)];
        switch (next_rand(&st) % 3) {
        case 0: /* overwrite */
            if (n)
                buf[at] = c;
            break;
        case 1: /* insert, within the slack */
            if (n < len + 8) {
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = c;
                n++;
            }
            break;
        default: /* delete */
            if (n) {
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
            }
        }
    }
    return n;
}

/* Run the target on DATA[0..len) from a heap copy of exactly LEN bytes. */
static int run_exact(const uint8_t *data, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    memcpy(copy, data, len);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    return 0;
}

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL, *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = -1;

    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? 2 * cap : 4096;
            uint8_t *nd = realloc(data, ncap);
            if (!nd)
                goto out;
            data = nd;
            cap = ncap;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        goto out;
    }
    if (run_exact(data, len) < 0)
        goto out;
    ninputs++;
    if (!(buf = malloc(len + 8)))
        goto out;
    for (int r = 0; r < rounds; r++) {
        size_t n = mutate(data, len, buf, (uint32_t)r + 1);
        if (run_exact(buf, n) < 0)
            goto out;
        nmutations++;
    }
    rc = 0;
out:
    if (rc < 0 && errno == ENOMEM)
        fprintf(stderr, "replay: %s: out of memory\n", path);
    free(buf);
    free(data);
    fclose(f);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;

    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden files such as .gitkeep */
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn) {
                rc = -1;
                goto out;
            }
            names = nn;
            cap = ncap;
        }
        size_t l = strlen(dir) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(l))) {
            rc = -1;
            goto out;
        }
        snprintf(names[n++], l, "%s/%s", dir, e->d_name);
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            rc = replay_file(names[i]);
    }
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    const char *r = getenv("PP_FUZZ_ROUNDS");
    if (r && *r)
        rounds = atoi(r);
    if (argc < 2) {
        fprintf(stderr,
                "usage: %s DIR|FILE...\n"
                "Runs the fuzz target over every file (PP_FUZZ_ROUNDS "
                "mutations each, default 20).\n",
                argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        if ((S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : replay_file(argv[i])) <
            0)
            return 1;
    }
    printf("replayed %lu inputs and %lu mutations of them\n", ninputs,
           nmutations);
    return 0;
}
