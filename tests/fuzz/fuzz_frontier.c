/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_frontier.c - fuzz target for frontier files (pp_frontier_read).
 *
 * A failure must follow the error contract (fuzz.h).  A frontier that loads
 * must be consistent with its DAG (one base frequency per instruction,
 * change offsets non-decreasing, change indices in range), every point's
 * plan must be reconstructible, the lookups must return valid indices, and
 * writing it out, reading that back and writing again must give the same
 * bytes: the file is the only record of a saved frontier.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "solver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *write_text(const struct pp_frontier *fr, const struct pp_dag *dag,
                        size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(pp_frontier_write(fr, dag, f) == PP_OK);
    FUZZ_CHECK(fclose(f) == 0);
    return buf;
}

static void check_frontier(const struct pp_frontier *fr,
                           const struct pp_dag *dag)
{
    FUZZ_CHECK(fr->ninstr == dag->n && fr->npoints >= 1);
    for (size_t p = 1; p < fr->npoints; p++) {
        FUZZ_CHECK(fr->chg_off[p] >= fr->chg_off[p - 1]);
        FUZZ_CHECK(fr->chg_off[p] <= fr->nchg);
    }
    for (size_t k = 0; k < fr->nchg; k++) {
        FUZZ_CHECK(fr->chg_idx[k] < fr->ninstr);
        FUZZ_CHECK(fr->chg_mhz[k] > 0);
    }
    int *mhz = malloc(fr->ninstr * sizeof *mhz);
    FUZZ_CHECK(mhz != NULL);
    for (size_t p = 0; p < fr->npoints; p++) {
        pp_frontier_plan_at(fr, p, mhz);
        for (size_t i = 0; i < fr->ninstr; i++)
            FUZZ_CHECK(mhz[i] > 0);
    }
    free(mhz);
    FUZZ_CHECK(pp_frontier_fastest(fr) < fr->npoints);
    FUZZ_CHECK(pp_frontier_min_energy(fr) < fr->npoints);
    for (size_t p = 0; p < fr->npoints && p < 8; p++) {
        long q = pp_frontier_lookup(fr, fr->pts[p].time);
        FUZZ_CHECK(q >= -1 && q < (long)fr->npoints);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pp_frontier *fr = NULL, *fr2 = NULL;
    struct pp_dag *dag = NULL, *dag2 = NULL;
    struct pp_error err = {0};
    size_t len1, len2;
    int rc =
        pp_frontier_read(&fr, &dag, "fuzz", (const char *)data, size, &err);

    if (rc != PP_OK) {
        fuzz_check_error(rc, &err, "fuzz", fr);
        FUZZ_CHECK(dag == NULL);
        return 0;
    }
    check_frontier(fr, dag);
    char *text1 = write_text(fr, dag, &len1);
    if (pp_frontier_read(&fr2, &dag2, "rt", text1, len1, &err) != PP_OK) {
        fprintf(stderr, "frontier round trip failed: %s\n", err.msg);
        abort();
    }
    char *text2 = write_text(fr2, dag2, &len2);
    FUZZ_CHECK(len1 == len2 && memcmp(text1, text2, len1) == 0);
    free(text2);
    free(text1);
    pp_graph_free(dag2);
    pp_frontier_free(fr2);
    pp_graph_free(dag);
    pp_frontier_free(fr);
    return 0;
}
