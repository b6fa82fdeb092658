/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_profile.c - fuzz target for both profile parsers.
 *
 * LLVMFuzzerTestOneInput() feeds the input to the CSV and the YAML reader.
 * Whatever they accept must survive a round trip: written as CSV and as
 * YAML and read back, it must give the same profile, value for value (and
 * through YAML the same gpu name and blocking power); a difference aborts,
 * which is how a fuzzer sees a bug.  tests/fuzz links it with the shared
 * replay main (tests/fuzz/replay.c), which every `meson test` runs over
 * this directory's corpus and fixed mutations of it;
 * tests/fuzz/run-libfuzzer.sh builds it as a libFuzzer binary.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

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

