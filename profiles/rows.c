/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rows.c - field checks and whole-profile validation shared by both readers.
 *
 * A reader checks each field as it meets it (pp_field_*), so the message can
 * point at the field and name as much of the row as is already known, then
 * appends the row (pp_rows_push).  pp_rows_finish() sorts the rows by
 * (stage, kind, frequency descending, line) in O(n log n); after the sort
 * duplicates are adjacent, the stages present can be checked for gaps in one
 * pass, and every (stage, kind) group is one contiguous run that becomes the
 * option array of the profile as it is.  Kinds keep their order of first
 * appearance, except that "forward" is always kind 0 and "backward" kind 1
 * when present, which the schedule builders rely on.  Kind names are found
 * through a hash table (FNV-1a, open addressing), so a profile with very
 * many kinds reads in linear time too.
 */
#include "rows.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/* ---- field checks ------------------------------------------------------ */

const char *pp_rowctx_prefix(char *buf, size_t len, const struct pp_rowctx *ctx)
{
    if (!ctx || ctx->stage < 0)
        buf[0] = '\0';
    else if (!ctx->kind)
        snprintf(buf, len, "stage %d: ", ctx->stage);
    else if (ctx->mhz <= 0)
        snprintf(buf, len, "stage %d %s: ", ctx->stage, ctx->kind);
    else
        snprintf(buf, len, "stage %d %s at %d MHz: ", ctx->stage, ctx->kind,
                 ctx->mhz);
    return buf;
}

/* TEXT without surrounding blanks, cut to 40 bytes, optionally quoted. */
static const char *shown(char *buf, size_t len, const char *text, int quote)
{
    size_t n;
    while (*text == ' ' || *text == '\t' || *text == '\r')
        text++;
    n = strlen(text);
    while (n > 0 &&
           (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r'))
        n--;
    snprintf(buf, len, "%s%.*s%s%s", quote ? "\"" : "", n > 40 ? 37 : (int)n,
             text, n > 40 ? "..." : "", quote ? "\"" : "");
    return buf;
}

/*
 * Parse a whole number in 0..MAX (MIN is 0 or 1); "1410.0" counts as whole.
 * On failure the message says WHAT must be DESC.
 */
static int whole_number(const char *name, long line, long col,
                        const struct pp_rowctx *ctx, const char *what,
                        const char *desc, const char *text, int min, int max,
                        int *out, struct pp_error *err)
{
    char pre[160], got[64], hint[160];
    double v = 0;
    enum pp_num_status st = pp_num_parse(text, &v);

    if (st == PP_NUM_OK && v >= min && v == floor(v) && v <= max &&
        !pp_num_leading_zero(text, NULL, 0)) {
        *out = (int)v;
        return PP_OK;
    }
    pp_rowctx_prefix(pre, sizeof pre, ctx); /* only for a message: slow */
    if (pp_num_leading_zero(text, hint, sizeof hint))
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%s%s must be written without a leading zero (%s), "
                           "got %s",
                           pre, what, hint, shown(got, sizeof got, text, 0));
    if (st == PP_NUM_EMPTY)
        return pp_error_at(err, PP_EINPUT, name, line, col, "%s%s is empty",
                           pre, what);
    if (st != PP_NUM_OK || v < min || v != floor(v))
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%s%s must be %s, got %s", pre, what, desc,
                           shown(got, sizeof got, text, st != PP_NUM_OK));
    if (v > max)
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%s%s must be at most %d, got %s", pre, what, max,
                           shown(got, sizeof got, text, 0));
    *out = (int)v;
    return PP_OK;
}

int pp_field_stage(const char *name, long line, long col, const char *text,
                   int *out, struct pp_error *err)
{
    return whole_number(name, line, col, NULL, "stage",
                        "a non-negative integer", text, 0, PP_MAX_STAGE, out,
                        err);
}

int pp_field_mhz(const char *name, long line, long col,
                 const struct pp_rowctx *ctx, const char *text, int *out,
                 struct pp_error *err)
{
    return whole_number(name, line, col, ctx, "frequency",
                        "a positive integer (MHz)", text, 1, PP_MAX_MHZ, out,
                        err);
}

int pp_field_rank(const char *name, long line, long col,
                  const struct pp_rowctx *ctx, const char *what,
                  const char *text, int *out, struct pp_error *err)
{
    return whole_number(name, line, col, ctx, what, "a non-negative integer",
                        text, 0, PP_MAX_RANK, out, err);
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

int pp_field_kind(const char *name, long line, long col,
                  const struct pp_rowctx *ctx, const char *text,
                  struct pp_error *err)
{
    char pre[160], got[64];
    const char *p = text;

    while (name_char(*p))
        p++;
    if (*text != '\0' && *p == '\0')
        return PP_OK;
    pp_rowctx_prefix(pre, sizeof pre, ctx);
    if (*text == '\0')
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%sinstruction is empty", pre);
    if (*p != '\0')
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%sinstruction must be a name of letters, digits, "
                           "'_', '-' and '.', got %s",
                           pre, shown(got, sizeof got, text, 1));
    return PP_OK;
}

int pp_field_positive(const char *name, long line, long col,
                      const struct pp_rowctx *ctx, const char *what,
                      const char *text, double *out, struct pp_error *err)
{
    char pre[160], got[64];
    double v = 0;
    enum pp_num_status st = pp_num_parse(text, &v);

    if (st == PP_NUM_OK && v > 0) {
        *out = v;
        return PP_OK;
    }
    pp_rowctx_prefix(pre, sizeof pre, ctx);
    switch (st) {
    case PP_NUM_EMPTY:
        return pp_error_at(err, PP_EINPUT, name, line, col, "%s%s is empty",
                           pre, what);
    case PP_NUM_BAD:
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%s%s must be a number, got %s", pre, what,
                           shown(got, sizeof got, text, 1));
    case PP_NUM_NONFINITE:
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%s%s must be finite, got %s", pre, what,
                           shown(got, sizeof got, text, 0));
    case PP_NUM_OK:
        break;
    }
    if (!(v > 0))
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%s%s must be positive, got %s", pre, what,
                           shown(got, sizeof got, text, 0));
    *out = v;
    return PP_OK;
}

int pp_field_time(const char *name, long line, long col,
                  const struct pp_rowctx *ctx, const char *text, double *out,
                  struct pp_error *err)
{
    char pre[160], got[64];
    double v;
    int rc = pp_field_positive(name, line, col, ctx, "time", text, &v, err);

    if (rc != PP_OK)
        return rc;
    if (v < PP_MIN_TIME)
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%stime must be at least 1e-9 s (the planner "
                           "counts whole nanoseconds), got %s",
                           pp_rowctx_prefix(pre, sizeof pre, ctx),
                           shown(got, sizeof got, text, 0));
    if (v > PP_MAX_TIME)
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%stime must be at most 1e9 s (longer overflows "
                           "the planner's 64-bit nanosecond arithmetic), "
                           "got %s",
                           pp_rowctx_prefix(pre, sizeof pre, ctx),
                           shown(got, sizeof got, text, 0));
    *out = v;
    return PP_OK;
}

int pp_field_energy(const char *name, long line, long col,
                    const struct pp_rowctx *ctx, const char *text, double *out,
                    struct pp_error *err)
{
    char pre[160], got[64];
    double v;
    int rc = pp_field_positive(name, line, col, ctx, "energy", text, &v, err);

    if (rc != PP_OK)
        return rc;
    if (v > PP_MAX_ENERGY)
        return pp_error_at(err, PP_EINPUT, name, line, col,
                           "%senergy must be at most 1e12 J (more overflows "
                           "the planner's 64-bit microjoule arithmetic), "
                           "got %s",
                           pp_rowctx_prefix(pre, sizeof pre, ctx),
                           shown(got, sizeof got, text, 0));
    *out = v;
    return PP_OK;
}

/* ---- collecting rows --------------------------------------------------- */

static size_t hash_name(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* Slot of NAME in r->khash: its kind's slot, or the empty one to fill. */
static size_t kind_slot(const struct pp_rows *r, const char *name)
{
    size_t mask = r->hcap - 1, i = hash_name(name) & mask;
    while (r->khash[i] && strcmp(r->kinds[r->khash[i] - 1], name) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Rebuild khash at twice the size (it is kept at most half full). */
static int grow_hash(struct pp_rows *r, struct pp_error *err)
{
    size_t ncap = r->hcap ? 2 * r->hcap : 16;
    int *nh = calloc(ncap, sizeof *nh);
    if (!nh)
        return pp_error_nomem(err);
    free(r->khash);
    r->khash = nh;
    r->hcap = ncap;
    for (int k = 0; k < r->nkinds; k++)
        r->khash[kind_slot(r, r->kinds[k])] = k + 1;
    return PP_OK;
}

int pp_rows_kind(struct pp_rows *r, const char *name, int *idx,
                 struct pp_error *err)
{
    int rc;
    if (2 * ((size_t)r->nkinds + 1) > r->hcap &&
        (rc = grow_hash(r, err)) != PP_OK)
        return rc;
    size_t slot = kind_slot(r, name);
    if (r->khash[slot]) {
        *idx = r->khash[slot] - 1;
        return PP_OK;
    }
    if (r->nkinds == r->kcap) {
        if (r->kcap > INT_MAX / 2)
            return pp_error_nomem(err);
        int ncap = r->kcap ? 2 * r->kcap : 4;
        char **nk = realloc(r->kinds, (size_t)ncap * sizeof *nk);
        if (!nk)
            return pp_error_nomem(err);
        r->kinds = nk;
        r->kcap = ncap;
    }
    char *copy = strdup(name);
    if (!copy)
        return pp_error_nomem(err);
    r->kinds[r->nkinds] = copy;
    *idx = r->nkinds++;
    r->khash[slot] = *idx + 1;
    return PP_OK;
}

int pp_rows_push(struct pp_rows *r, const struct pp_row *row,
                 struct pp_error *err)
{
    if (r->n == r->cap) {
        size_t ncap = r->cap ? 2 * r->cap : 256;
        if (ncap > SIZE_MAX / sizeof *r->row)
            return pp_error_nomem(err);
        struct pp_row *nr = realloc(r->row, ncap * sizeof *nr);
        if (!nr)
            return pp_error_nomem(err);
        r->row = nr;
        r->cap = ncap;
    }
    r->row[r->n++] = *row;
    return PP_OK;
}

void pp_rows_free(struct pp_rows *r)
{
    for (int k = 0; k < r->nkinds; k++)
        free(r->kinds[k]);
    free(r->kinds);
    free(r->row);
    free(r->khash);
    r->kinds = NULL;
    r->row = NULL;
    r->khash = NULL;
    r->n = r->cap = 0;
    r->nkinds = r->kcap = 0;
    r->hcap = 0;
}

/* ---- whole-profile checks ---------------------------------------------- */

static int cmp_rows(const void *pa, const void *pb)
{
    const struct pp_row *a = pa, *b = pb;
    if (a->stage != b->stage)
        return a->stage < b->stage ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->mhz != b->mhz)
        return a->mhz > b->mhz ? -1 : 1; /* highest frequency first */
    return (a->line > b->line) - (a->line < b->line);
}

/* Put "forward" first and "backward" second; renumber the rows. */
static int order_kinds(struct pp_rows *r, struct pp_error *err)
{
    static const char *const fixed[] = {"forward", "backward"};
    int *newidx = NULL, next = 0, rc = PP_OK;
    char **sorted = NULL;

    newidx = malloc((size_t)r->nkinds * sizeof *newidx);
    sorted = malloc((size_t)r->nkinds * sizeof *sorted);
    if (!newidx || !sorted) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (int k = 0; k < r->nkinds; k++)
        newidx[k] = -1;
    for (int f = 0; f < 2; f++)
        for (int k = 0; k < r->nkinds; k++)
            if (strcmp(r->kinds[k], fixed[f]) == 0)
                newidx[k] = next++;
    for (int k = 0; k < r->nkinds; k++)
        if (newidx[k] < 0)
            newidx[k] = next++;
    for (int k = 0; k < r->nkinds; k++)
        sorted[newidx[k]] = r->kinds[k];
    for (size_t i = 0; i < r->n; i++)
        r->row[i].kind = newidx[r->row[i].kind];
    free(r->kinds);
    r->kinds = sorted;
    r->kcap = r->nkinds;
    sorted = NULL;
    free(r->khash); /* indexes the old order; no lookups after this */
    r->khash = NULL;
    r->hcap = 0;
out:
    free(sorted);
    free(newidx);
    return rc;
}

/* Report the duplicate whose second occurrence comes first in the file. */
static int check_duplicates(const struct pp_rows *r, struct pp_error *err)
{
    const struct pp_row *dup = NULL, *first = NULL;
    size_t g = 0;

    for (size_t i = 1; i < r->n; i++) {
        const struct pp_row *a = &r->row[g], *b = &r->row[i];
        if (a->stage != b->stage || a->kind != b->kind || a->mhz != b->mhz) {
            g = i;
            continue;
        }
        if (!dup || b->line < dup->line) {
            dup = b;
            first = a;
        }
    }
    if (!dup)
        return PP_OK;
    return pp_error_at(err, PP_EINPUT, r->name, dup->line, dup->col,
                       "duplicate row for stage %d %s at %d MHz (first on "
                       "line %ld)",
                       dup->stage, r->kinds[dup->kind], dup->mhz, first->line);
}

static int check_stages(const struct pp_rows *r, struct pp_error *err)
{
    int maxstage = r->row[r->n - 1].stage, expect = 0, gap = -1, ngaps = 0;

    for (size_t i = 0; i < r->n; i++) {
        int s = r->row[i].stage;
        if (s < expect)
            continue;
        if (s > expect) {
            if (gap < 0)
                gap = expect;
            ngaps += s - expect;
        }
        expect = s + 1;
    }
    if (gap < 0)
        return PP_OK;
    if (ngaps == 1)
        return pp_error_at(err, PP_EINPUT, r->name, 0, 0,
                           "stage %d is missing (stages 0..%d present "
                           "otherwise)",
                           gap, maxstage);
    return pp_error_at(err, PP_EINPUT, r->name, 0, 0,
                       "stage %d is missing (%d of stages 0..%d are missing)",
                       gap, ngaps, maxstage);
}

/* Rows are sorted and stages have no gaps: every stage has every kind? */
static int check_kinds(const struct pp_rows *r, int nstages,
                       struct pp_error *err)
{
    size_t i = 0;
    for (int s = 0; s < nstages; s++) {
        for (int k = 0; k < r->nkinds; k++) {
            if (i < r->n && r->row[i].stage == s && r->row[i].kind == k) {
                while (i < r->n && r->row[i].stage == s && r->row[i].kind == k)
                    i++;
                continue;
            }
            return pp_error_at(err, PP_EINPUT, r->name, 0, 0,
                               "stage %d has no %s rows", s, r->kinds[k]);
        }
    }
    return PP_OK;
}

int pp_rows_finish(struct pp_rows *r, struct pp_profile **out,
                   struct pp_error *err)
{
    struct pp_profile *p = NULL;
    int rc;

    *out = NULL;
    if (r->n == 0)
        return pp_error_at(err, PP_EINPUT, r->name, 0, 0, "no data rows");
    if ((rc = order_kinds(r, err)) != PP_OK)
        return rc;
    qsort(r->row, r->n, sizeof *r->row, cmp_rows);
    if ((rc = check_duplicates(r, err)) != PP_OK ||
        (rc = check_stages(r, err)) != PP_OK ||
        (rc = check_kinds(r, r->row[r->n - 1].stage + 1, err)) != PP_OK)
        return rc;

    p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(r->name))) {
        rc = pp_error_nomem(err);
        goto out;
    }
    p->blocking_power = NAN;
    p->tp_degree = p->dp_degree = 1;
    p->nstages = r->row[r->n - 1].stage + 1;
    p->nkinds = r->nkinds;
    p->kinds = r->kinds; /* ownership moves to the profile */
    r->kinds = NULL;
    r->nkinds = r->kcap = 0;
    /* Every (stage, kind) has a row, so nstages * nkinds <= n: no overflow. */
    p->sets = calloc((size_t)p->nstages * (size_t)p->nkinds, sizeof *p->sets);
    if (!p->sets) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t i = 0, end; i < r->n; i = end) {
        const struct pp_row *g = &r->row[i];
        struct pp_opset *set = &p->sets[g->stage * p->nkinds + g->kind];
        for (end = i; end < r->n && r->row[end].stage == g->stage &&
                      r->row[end].kind == g->kind;
             end++)
            ;
        set->opt = malloc((end - i) * sizeof *set->opt);
        if (!set->opt) {
            rc = pp_error_nomem(err);
            goto out;
        }
        set->n = end - i;
        for (size_t j = i; j < end; j++) {
            struct pp_option *o = &set->opt[j - i];
            o->mhz = r->row[j].mhz;
            o->time = r->row[j].time;
            o->energy = r->row[j].energy;
            o->line = r->row[j].line;
        }
    }
out:
    if (rc != PP_OK) {
        pp_profile_free(p);
        return rc;
    }
    *out = p;
    return PP_OK;
}
