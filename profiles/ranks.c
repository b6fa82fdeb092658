/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ranks.c - checking and aggregating Zeus per-rank profile rows.
 *
 * The rows are sorted twice.  By (stage, dp_rank, tp_rank, line), each
 * stage's distinct ranks form one run that must be exactly the grid
 * (0,0), (0,1), ..., (D-1,T-1), D and T one more than the largest dp_rank
 * and tp_rank anywhere, so a walk along the run finds the first missing
 * rank.  By (stage, kind, frequency descending, dp_rank, tp_rank, line),
 * duplicates are adjacent and every (stage, kind, frequency) is one run
 * that must hold that same grid once, in order; the run is then reduced
 * as ranks.h describes: for each dp_rank in turn the maximum time and the
 * sum of the energies of its T rows, in tp_rank order, then the means of
 * those D values.  The order of the additions is fixed, so the result
 * does not depend on the order of the rows in the file.  Messages about a
 * missing rank look for a row elsewhere that shows what is missing, which
 * scans the rows once more, only on that error path.  O(n log n) for n
 * rows in all.
 */
#include "ranks.h"

#include <stdint.h>
#include <stdlib.h>

#include "numfmt.h"

int pp_ranks_push(struct pp_rankrows *rr, const struct pp_rankrow *row,
                  struct pp_error *err)
{
    if (rr->n == rr->cap) {
        size_t ncap = rr->cap ? 2 * rr->cap : 256;
        if (ncap > SIZE_MAX / sizeof *rr->r)
            return pp_error_nomem(err);
        struct pp_rankrow *nr = realloc(rr->r, ncap * sizeof *nr);
        if (!nr)
            return pp_error_nomem(err);
        rr->r = nr;
        rr->cap = ncap;
    }
    rr->r[rr->n++] = *row;
    return PP_OK;
}

void pp_ranks_free(struct pp_rankrows *rr)
{
    free(rr->r);
    rr->r = NULL;
    rr->n = rr->cap = 0;
}

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

static int cmp_by_rank(const void *pa, const void *pb)
{
    const struct pp_rankrow *a = pa, *b = pb;
    int c;
    if ((c = cmp_int(a->row.stage, b->row.stage)) ||
        (c = cmp_int(a->dp, b->dp)) || (c = cmp_int(a->tp, b->tp)))
        return c;
    return (a->row.line > b->row.line) - (a->row.line < b->row.line);
}

static int cmp_by_freq(const void *pa, const void *pb)
{
    const struct pp_rankrow *a = pa, *b = pb;
    int c;
    if ((c = cmp_int(a->row.stage, b->row.stage)) ||
        (c = cmp_int(a->row.kind, b->row.kind)) ||
        (c = cmp_int(b->row.mhz, a->row.mhz)) || /* highest first */
        (c = cmp_int(a->dp, b->dp)) || (c = cmp_int(a->tp, b->tp)))
        return c;
    return (a->row.line > b->row.line) - (a->row.line < b->row.line);
}

static int same_rank(const struct pp_rankrow *a, const struct pp_rankrow *b)
{
    return a->row.stage == b->row.stage && a->dp == b->dp && a->tp == b->tp;
}

static int same_option(const struct pp_rankrow *a, const struct pp_rankrow *b)
{
    return a->row.stage == b->row.stage && a->row.kind == b->row.kind &&
           a->row.mhz == b->row.mhz;
}

/* After cmp_by_freq: the repeat that comes first in the file. */
static int check_duplicates(const struct pp_rankrows *rr,
                            const struct pp_rows *rows, struct pp_error *err)
{
    const struct pp_rankrow *dup = NULL, *first = NULL;
    size_t g = 0;

    for (size_t i = 1; i < rr->n; i++) {
        const struct pp_rankrow *a = &rr->r[g], *b = &rr->r[i];
        if (!same_option(a, b) || a->dp != b->dp || a->tp != b->tp) {
            g = i;
            continue;
        }
        if (!dup || b->row.line < dup->row.line) {
            dup = b;
            first = a;
        }
    }
    if (!dup)
        return PP_OK;
    return pp_error_at(err, PP_EINPUT, rows->name, dup->row.line, dup->row.col,
                       "duplicate row for stage %d %s at %d MHz, dp_rank %d "
                       "tp_rank %d (first on line %ld)",
                       dup->row.stage, rows->kinds[dup->row.kind], dup->row.mhz,
                       dup->dp, dup->tp, first->row.line);
}

/* What missing_rank looks for in a row, given a stage S and rank (D, T). */
enum witness {
    W_OTHER_STAGE, /* the rank (D, T) in a stage other than S */
    W_TP,          /* tp_rank T */
    W_TP_ABOVE,    /* tp_rank above T */
    W_DP,          /* dp_rank D */
    W_DP_ABOVE,    /* dp_rank above D */
};

static int is_witness(const struct pp_rankrow *x, enum witness w, int s, int d,
                      int t)
{
    switch (w) {
    case W_OTHER_STAGE:
        return x->row.stage != s && x->dp == d && x->tp == t;
    case W_TP:
        return x->tp == t;
    case W_TP_ABOVE:
        return x->tp > t;
    case W_DP:
        return x->dp == d;
    case W_DP_ABOVE:
        return x->dp > d;
    }
    return 0;
}

/* The first row in the file that is a witness W, or NULL. */
static const struct pp_rankrow *first_row(const struct pp_rankrows *rr,
                                          enum witness w, int s, int d, int t)
{
    const struct pp_rankrow *best = NULL;
    for (size_t i = 0; i < rr->n; i++)
        if (is_witness(&rr->r[i], w, s, d, t) &&
            (!best || rr->r[i].row.line < best->row.line))
            best = &rr->r[i];
    return best;
}

/* A row's "stage 2 backward at 1230 MHz: " prefix. */
static const char *row_prefix(char *buf, size_t len, const struct pp_rows *rows,
                              const struct pp_rankrow *x)
{
    struct pp_rowctx ctx = {x->row.stage, rows->kinds[x->row.kind], x->row.mhz};
    return pp_rowctx_prefix(buf, len, &ctx);
}

/*
 * Stage S has no row at all for (D, T): say why, pointing at the row that
 * shows it best.  Another stage has that rank; or no row has tp_rank T (or
 * dp_rank D), and a higher one shows the gap; or each exists, but not
 * together.
 */
static int missing_rank(const struct pp_rankrows *rr,
                        const struct pp_rows *rows, int s, int d, int t,
                        struct pp_error *err)
{
    const struct pp_rankrow *w;
    char pre[160];

    if ((w = first_row(rr, W_OTHER_STAGE, s, d, t)))
        return pp_error_at(err, PP_EINPUT, rows->name, w->row.line, w->row.col,
                           "stage %d has rows for dp_rank %d tp_rank %d, "
                           "stage %d has none",
                           w->row.stage, d, t, s);
    if (!first_row(rr, W_TP, s, d, t)) {
        w = first_row(rr, W_TP_ABOVE, s, d, t);
        return pp_error_at(err, PP_EINPUT, rows->name, w->row.line, w->tp_col,
                           "%stp_rank %d, but no row has tp_rank %d (ranks "
                           "are numbered from 0)",
                           row_prefix(pre, sizeof pre, rows, w), w->tp, t);
    }
    if (!first_row(rr, W_DP, s, d, t)) {
        w = first_row(rr, W_DP_ABOVE, s, d, t);
        return pp_error_at(err, PP_EINPUT, rows->name, w->row.line, w->dp_col,
                           "%sdp_rank %d, but no row has dp_rank %d (ranks "
                           "are numbered from 0)",
                           row_prefix(pre, sizeof pre, rows, w), w->dp, d);
    }
    w = first_row(rr, W_TP, s, d, t);
    return pp_error_at(err, PP_EINPUT, rows->name, w->row.line, w->row.col,
                       "stage %d has rows for dp_rank %d tp_rank %d, but no "
                       "stage has any for dp_rank %d tp_rank %d",
                       w->row.stage, w->dp, t, d, t);
}

/*
 * After cmp_by_rank: every stage present has every (dp, tp) in
 * 0..ndp-1 x 0..ntp-1.  The grid index d * ntp + t needs 64 bits (up to
 * 1e12).  On failure the rows are left sorted by rank, which
 * missing_rank does not mind.
 */
static int check_grid(const struct pp_rankrows *rr, const struct pp_rows *rows,
                      int ndp, int ntp, struct pp_error *err)
{
    int64_t total = (int64_t)ndp * ntp;
    size_t i = 0;

    while (i < rr->n) {
        int s = rr->r[i].row.stage;
        int64_t k = 0; /* the next rank expected, as a grid index */
        while (i < rr->n && rr->r[i].row.stage == s) {
            const struct pp_rankrow *x = &rr->r[i];
            if ((int64_t)x->dp * ntp + x->tp != k)
                return missing_rank(rr, rows, s, (int)(k / ntp), (int)(k % ntp),
                                    err);
            k++;
            while (i < rr->n && same_rank(&rr->r[i], x))
                i++;
        }
        if (k < total)
            return missing_rank(rr, rows, s, (int)(k / ntp), (int)(k % ntp),
                                err);
    }
    return PP_OK;
}

/*
 * One (stage, kind, frequency) run G[0..n), sorted by rank: check that it
 * is the whole grid and append its aggregate to ROWS.
 */
static int reduce_option(const struct pp_rankrow *g, size_t n,
                         struct pp_rows *rows, int ndp, int ntp,
                         struct pp_error *err)
{
    const struct pp_rankrow *w = g; /* the run's first row in the file */
    char pre[160], got[PP_NUM_BUFSZ];
    int64_t k = 0, total = (int64_t)ndp * ntp;

    for (size_t j = 1; j < n; j++)
        if (g[j].row.line < w->row.line)
            w = &g[j];
    for (size_t j = 0; j <= n && k < total; j++, k++) {
        if (j < n && (int64_t)g[j].dp * ntp + g[j].tp == k)
            continue;
        return pp_error_at(err, PP_EINPUT, rows->name, w->row.line, w->row.col,
                           "%smeasured for dp_rank %d tp_rank %d but not for "
                           "dp_rank %d tp_rank %d",
                           row_prefix(pre, sizeof pre, rows, w), w->dp, w->tp,
                           (int)(k / ntp), (int)(k % ntp));
    }

    /* Now n == ndp * ntp and g[d * ntp + t] is rank (d, t). */
    double time = 0, energy = 0;
    for (int d = 0; d < ndp; d++) {
        const struct pp_rankrow *rep = &g[(size_t)d * (size_t)ntp];
        double tmax = rep[0].row.time, esum = rep[0].row.energy;
        for (int t = 1; t < ntp; t++) {
            if (rep[t].row.time > tmax)
                tmax = rep[t].row.time;
            esum += rep[t].row.energy;
        }
        time += tmax;
        energy += esum;
    }
    time /= ndp;
    energy /= ndp;
    if (energy > PP_MAX_ENERGY)
        return pp_error_at(err, PP_EINPUT, rows->name, w->row.line, w->row.col,
                           "%senergy summed over %d tensor-parallel ranks "
                           "must be at most 1e12 J (more overflows the "
                           "planner's 64-bit microjoule arithmetic), got %s",
                           row_prefix(pre, sizeof pre, rows, w), ntp,
                           pp_num_format(got, energy));

    struct pp_row out = w->row;
    out.time = time;
    out.energy = energy;
    return pp_rows_push(rows, &out, err);
}

int pp_ranks_aggregate(struct pp_rankrows *rr, struct pp_rows *rows, int *tp,
                       int *dp, struct pp_error *err)
{
    int ndp = 0, ntp = 0, rc;

    for (size_t i = 0; i < rr->n; i++) {
        if (rr->r[i].dp >= ndp)
            ndp = rr->r[i].dp + 1;
        if (rr->r[i].tp >= ntp)
            ntp = rr->r[i].tp + 1;
    }
    qsort(rr->r, rr->n, sizeof *rr->r, cmp_by_freq);
    if ((rc = check_duplicates(rr, rows, err)) != PP_OK)
        return rc;
    qsort(rr->r, rr->n, sizeof *rr->r, cmp_by_rank);
    if ((rc = check_grid(rr, rows, ndp, ntp, err)) != PP_OK)
        return rc;
    qsort(rr->r, rr->n, sizeof *rr->r, cmp_by_freq);
    for (size_t i = 0, end; i < rr->n; i = end) {
        for (end = i + 1; end < rr->n && same_option(&rr->r[end], &rr->r[i]);
             end++)
            ;
        if ((rc = reduce_option(&rr->r[i], end - i, rows, ndp, ntp, err)) !=
            PP_OK)
            return rc;
    }
    *tp = ntp;
    *dp = ndp;
    return PP_OK;
}
