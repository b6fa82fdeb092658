/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_plan.c - fuzz target for plan files (pp_plan_read), and with
 * FUZZ_PLAN_ZEUS defined (fuzz_plan_zeus.c) for the Zeus reader
 * (pp_plan_parse_zeus).
 *
 * Plans are only meaningful against a DAG, so every input is read against
 * two fixed ones: the 1F1B schedule for 3 GPUs and 4 microbatches
 * (pp_graph_build) and a small custom DAG with ids, a third kind, a stage
 * that differs from the GPU and a second chunk, so that every field the
 * readers compare is exercised.  A failure must follow the error contract
 * (fuzz.h).  A plan that loads has a positive frequency for every
 * instruction; written back in each of the three formats and read again it
 * must give the same frequencies, and its provenance (pp_plan_read) again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "graph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char custom_dag[] =
    "format_version: 1\n"
    "instructions:\n"
    "  - {id: a.f0, gpu: 0, kind: forward, microbatch: 0}\n"
    "  - {id: b-f0, gpu: 1, kind: forward, microbatch: 0, stage: 3,\n"
    "     after: [a.f0]}\n"
    "  - {id: b_f0c1, gpu: 1, kind: forward, microbatch: 0, chunk: 1}\n"
    "  - {id: b-b0, gpu: 1, kind: backward, microbatch: 0, stage: 3}\n"
    "  - {id: a.b0, gpu: 0, kind: backward, microbatch: 0, after: [b-b0]}\n"
    "  - {id: a.w0, gpu: 0, kind: weight2, microbatch: 0}\n";

static struct pp_dag *dags[2];

static void init_dags(void)
{
    struct pp_error err;
    if (dags[0])
        return;
    if (pp_graph_build(&dags[0], PP_SCHED_1F1B, 3, 4, 1, &err) != PP_OK ||
        pp_graph_parse_yaml(&dags[1], "custom", custom_dag,
                            sizeof custom_dag - 1, &err) != PP_OK) {
        fprintf(stderr, "fuzz_plan: %s\n", err.msg);
        abort();
    }
}

static int parse(struct pp_plan **out, struct pp_provenance **prov,
                 const char *name, const char *text, size_t len,
                 const struct pp_dag *dag, struct pp_error *err)
{
#ifdef FUZZ_PLAN_ZEUS
    *prov = NULL;
    return pp_plan_parse_zeus(out, name, text, len, dag, err);
#else
    return pp_plan_read(out, prov, name, text, len, dag, err);
#endif
}

/* Write PLAN (with the provenance PROV, if any) and read it back: the
 * same frequencies, and a provenance exactly when one was written. */
static void round_trip(const struct pp_dag *dag, const struct pp_plan *plan,
                       const struct pp_provenance *prov,
                       enum pp_plan_format format)
{
    char *buf = NULL;
    size_t len = 0;
    struct pp_plan *back = NULL;
    struct pp_provenance *pback = NULL;
    struct pp_error err;
    FILE *f = open_memstream(&buf, &len);

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(pp_plan_write_prov(plan, dag, format, "rt", prov, f) == PP_OK);
    FUZZ_CHECK(fclose(f) == 0);
    if (pp_plan_read(&back, &pback, "rt", buf, len, dag, &err) != PP_OK) {
        fprintf(stderr, "plan round trip failed: %s\n", err.msg);
        abort();
    }
    FUZZ_CHECK(memcmp(back->mhz, plan->mhz, plan->n * sizeof *plan->mhz) == 0);
    FUZZ_CHECK(!pback == !prov);
    FUZZ_CHECK(!prov || pback->stages == prov->stages);
    pp_provenance_free(pback);
    pp_plan_free(back);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_dags();
    for (int d = 0; d < 2; d++) {
        struct pp_plan *plan = NULL;
        struct pp_provenance *prov = NULL;
        struct pp_error err = {0};
        int rc = parse(&plan, &prov, "fuzz", (const char *)data, size,
                       dags[d], &err);
        if (rc != PP_OK) {
            pp_provenance_free(prov);
            fuzz_check_error(rc, &err, "fuzz", plan);
            continue;
        }
        FUZZ_CHECK(plan->n == dags[d]->n);
        for (size_t i = 0; i < plan->n; i++)
            FUZZ_CHECK(plan->mhz[i] > 0);
        round_trip(dags[d], plan, prov, PP_PLAN_YAML);
        round_trip(dags[d], plan, prov, PP_PLAN_JSON);
        round_trip(dags[d], plan, prov, PP_PLAN_ZEUS);
        pp_provenance_free(prov);
        pp_plan_free(plan);
    }
    return 0;
}
