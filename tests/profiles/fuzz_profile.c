/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_profile.c - fuzz target for both profile parsers, with a replay main.
 *
 * LLVMFuzzerTestOneInput() feeds the input to the CSV and the YAML reader.
 * Whatever they accept must survive a round trip: written as CSV and as
 * YAML and read back, it must give the same profile, value for value (and
 * through YAML the same gpu name and blocking power); a difference aborts,
 * which is how a fuzzer sees a bug.  Built with
 * -DPP_LIBFUZZER and -fsanitize=fuzzer, this is a libFuzzer target:
 *
 *     clang -DPP_LIBFUZZER -fsanitize=fuzzer,address,undefined -Iprofiles \
 *         tests/profiles/fuzz_profile.c profiles/\*.c -lyaml -lm
 *
 * Without it, main() replays the files named on the command line, and for
 * each also a fixed series of mutated copies (a small deterministic
 * generator flips, inserts and deletes bytes), so every `meson test` run
 * exercises the error paths on inputs nobody wrote by hand.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_profile(const struct pp_profile *a, const struct pp_profile *b)
{
    if (a->nstages != b->nstages || a->nkinds != b->nkinds)
        abort();
    for (int k = 0; k < a->nkinds; k++)
        if (strcmp(a->kinds[k], b->kinds[k]) != 0)
            abort();
    for (int i = 0; i < a->nstages * a->nkinds; i++) {
        if (a->sets[i].n != b->sets[i].n)
            abort();
        for (size_t j = 0; j < a->sets[i].n; j++) {
            const struct pp_option *x = &a->sets[i].opt[j];
            const struct pp_option *y = &b->sets[i].opt[j];
            if (x->mhz != y->mhz || x->time != y->time ||
                x->energy != y->energy)
                abort();
        }
    }
}

/* Write P in one format, read it back, compare. */
static void round_trip(const struct pp_profile *p, int yaml)
{
    char *buf = NULL;
    size_t len = 0;
    struct pp_profile *q = NULL;
    struct pp_error err;
    FILE *f = open_memstream(&buf, &len);

    if (!f)
        abort();
    if ((yaml ? pp_profile_write_yaml(p, f) : pp_profile_write_csv(p, f)) !=
        PP_OK)
        abort();
    if (fclose(f) != 0)
        abort();
    if ((yaml ? pp_profile_parse_yaml(&q, "rt", buf, len, &err)
              : pp_profile_parse_csv(&q, "rt", buf, len, &err)) != PP_OK) {
        fprintf(stderr, "round trip failed: %s\n", err.msg);
        abort();
    }
    same_profile(p, q);
    if (yaml) { /* only YAML keeps the metadata */
        if ((p->gpu == NULL) != (q->gpu == NULL) ||
            (p->gpu && strcmp(p->gpu, q->gpu) != 0))
            abort();
        if (p->blocking_power != q->blocking_power &&
            !(isnan(p->blocking_power) && isnan(q->blocking_power)))
            abort();
    }
    pp_profile_free(q);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct pp_profile *p = NULL;
    struct pp_error err;

    for (int yaml = 0; yaml < 2; yaml++) {
        int rc = yaml ? pp_profile_parse_yaml(&p, "fuzz", text, size, &err)
                      : pp_profile_parse_csv(&p, "fuzz", text, size, &err);
        if (rc == PP_OK) {
            round_trip(p, 0);
            round_trip(p, 1);
            pp_profile_free(p);
        } else if (p != NULL || err.msg[0] == '\0') {
            abort(); /* a failure must leave no result and say why */
        }
    }
    return 0;
}

#ifndef PP_LIBFUZZER

/* Deterministic mutations: xorshift32, seeded by the round number. */
static uint32_t next_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static const char interesting[] = ",\n\r\"-.0123456789e:[]{}&*!#'";

/* A mutated copy of TEXT in BUF (capacity LEN + 8); returns its length. */
static size_t mutate(const char *text, size_t len, char *buf, uint32_t seed)
{
    uint32_t st = seed * 2654435761u + 1;
    size_t n = len;
    memcpy(buf, text, len);
    for (int m = 0; m < 1 + (int)(next_rand(&st) % 4); m++) {
        size_t at = n ? next_rand(&st) % n : 0;
        char c = interesting[next_rand(&st) % (sizeof interesting - 1)];
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

int main(int argc, char **argv)
{
    int rounds =
        getenv("PP_FUZZ_ROUNDS") ? atoi(getenv("PP_FUZZ_ROUNDS")) : 500;
    for (int i = 1; i < argc; i++) {
        char *text = NULL, *buf = NULL;
        size_t len = 0;
        struct pp_error err;
        if (pp_read_file(argv[i], &text, &len, &err) != PP_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)text, len);
        if (!(buf = malloc(len + 8))) {
            free(text);
            return 1;
        }
        for (int r = 0; r < rounds; r++) {
            size_t n = mutate(text, len, buf, (uint32_t)r + 1);
            LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
        }
        free(buf);
        free(text);
    }
    printf("replayed %d inputs, %d mutations each\n", argc - 1, rounds);
    return 0;
}

#endif
