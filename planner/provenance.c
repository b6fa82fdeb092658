/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * provenance.c - plans that know their inputs: the provenance a plan file
 * records (graph.h, struct pp_provenance) made from the command's inputs,
 * and compared with them when a plan is checked or evaluated.
 */
#include "cli.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

struct pp_provenance *inputs_provenance(const struct inputs *in,
                                        const char *model)
{
    struct pp_provenance *p = NULL;
    char hex[PP_HASH_HEXSZ];
    if (pp_provenance_new(&p))
        return NULL;
    p->tool = strdup("perseus-plan " PP_VERSION);
    p->profile = strdup(in->prof->path);
    p->profile_hash = strdup(pp_hash_hex(hex, in->prof->hash));
    p->schedule = strdup(in->dag->schedule);
    p->model = model ? strdup(model) : NULL;
    if (!p->tool || !p->profile || !p->profile_hash || !p->schedule ||
        (model && !p->model)) {
        pp_provenance_free(p);
        return NULL;
    }
    p->stages = in->dag->ngpus;
    p->microbatches = in->dag->microbatches;
    p->chunks = in->dag->chunks;
    p->gpus_per_stage = in->energy.gpus_per_stage;
    p->blocking_power = in->energy.blocking_power;
    return p;
}

/* Append "; "-separated text to BUF (LEN bytes, holding *USED). */
static void add(char *buf, size_t len, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
    va_list ap;
    if (*used >= len)
        return;
    if (*used) {
        int k = snprintf(buf + *used, len - *used, "; ");
        *used += k > 0 ? (size_t)k : 0;
        if (*used >= len)
            return;
    }
    va_start(ap, fmt);
    int k = vsnprintf(buf + *used, len - *used, fmt, ap);
    va_end(ap);
    *used += k > 0 ? (size_t)k : 0;
}

int provenance_mismatch(const struct pp_provenance *p,
                        const struct inputs *in, char *buf, size_t len)
{
    const struct pp_dag *d = in->dag;
    char hex[PP_HASH_HEXSZ];
    size_t used = 0;
    int n = 0;
    buf[0] = '\0';
    if (!p)
        return 0;
    pp_hash_hex(hex, in->prof->hash);
    if (p->profile_hash && strcmp(p->profile_hash, hex)) {
        add(buf, len, &used, "the profile %s (fnv1a64 %s), not %s (fnv1a64 "
                             "%s)",
            p->profile ? p->profile : "?", p->profile_hash, in->prof->path,
            hex);
        n++;
    }
    if (p->schedule && strcmp(p->schedule, d->schedule)) {
        add(buf, len, &used, "the %s schedule, not %s", p->schedule,
            d->schedule);
        n++;
    }
    if (p->stages >= 0 && p->stages != d->ngpus) {
        add(buf, len, &used, "%ld stages, not %d", p->stages,
            d->ngpus);
        n++;
    }
    if (p->microbatches >= 0 && p->microbatches != d->microbatches) {
        add(buf, len, &used, "%ld microbatches, not %d",
            p->microbatches, d->microbatches);
        n++;
    }
    if (p->chunks >= 0 && p->chunks != d->chunks) {
        add(buf, len, &used, "%ld chunks per GPU, not %d", p->chunks,
            d->chunks);
        n++;
    }
    if (p->gpus_per_stage >= 0 &&
        p->gpus_per_stage != in->energy.gpus_per_stage) {
        add(buf, len, &used, "-K %ld, not %d", p->gpus_per_stage,
            in->energy.gpus_per_stage);
        n++;
    }
    if (!isnan(p->blocking_power) &&
        p->blocking_power != in->energy.blocking_power) {
        char a[PP_NUM_BUFSZ], b[PP_NUM_BUFSZ];
        add(buf, len, &used, "blocking power %s W, not %s W",
            pp_num_format(a, p->blocking_power),
            pp_num_format(b, in->energy.blocking_power));
        n++;
    }
    return n;
}
