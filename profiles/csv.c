/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.c - the Perseus profile CSV: "stage,instruction,frequency,time,energy".
 *
 * Reading is a single pass over the text held in memory.  next_record()
 * splits one record into fields following RFC 4180 (fields separated by
 * commas; a field in double quotes may hold commas, newlines and "" for a
 * quote), tolerating what real files contain: CRLF line ends, blanks around
 * fields, blank lines, a UTF-8 byte order mark.  Each field remembers the
 * line and 1-based byte column where its text (or opening quote) starts,
 * which is where a message about it points.  The header names the columns;
 * the five needed ones are found by name in any order and the rest ignored.
 * Each data row is checked field by field in the order stage, instruction,
 * frequency, time, energy (so a message can name the row), and the rows
 * then go through the checks shared with YAML in rows.c.  A record longer
 * than the line limit (readfile.h) is an error before it is copied.
 *
 * A header that also names dp_rank, pp_rank and tp_rank is Zeus's per-rank
 * form (one row per GPU): the rank fields are checked after the frequency,
 * pp_rank must equal the stage, and the rows are aggregated per stage by
 * ranks.c before rows.c sees them.  Naming only some of the three is an
 * error rather than an ignored column, since such a file would otherwise
 * be read as duplicate rows.
 */
#include "profile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "numfmt.h"
#include "ranks.h"
#include "readfile.h"
#include "rows.h"

/* The five needed columns, then those of the per-rank form (rank, the
 * global rank, is optional there and only checked to be a number). */
enum {
    COL_STAGE,
    COL_KIND,
    COL_FREQ,
    COL_TIME,
    COL_ENERGY,
    NNEEDED,
    COL_DP = NNEEDED,
    COL_PP,
    COL_TP,
    COL_RANK,
    NCOLS
};

static const char *const column_names[NCOLS] = {
    "stage",   "instruction", "frequency", "time", "energy",
    "dp_rank", "pp_rank",     "tp_rank",   "rank",
};

/* The header's layout: field index of each column found. */
struct layout {
    size_t col[NCOLS];
    int found[NCOLS];
    size_t nfields;
    int per_rank; /* dp_rank, pp_rank and tp_rank are all there */
};

struct field {
    size_t off;     /* text at rec->buf + off, NUL-terminated */
    long line, col; /* one-based */
};

struct record {
    struct field *f;
    size_t n, cap;
    char *buf; /* the record's field texts, each NUL-terminated */
    size_t used, bcap;
    long line; /* where the record starts */
};

struct reader {
    const char *name, *text;
    size_t len, pos;
    long line;        /* line of text[pos] */
    size_t linestart; /* offset of that line's first byte */
    struct pp_error *err;
};

/* The error for a record longer than the line limit. */
static int too_long(struct reader *in, long line)
{
    char limit[PP_READ_LIMIT_TEXT];
    return pp_error_at(in->err, PP_EINPUT, in->name, line, 1,
                       "line longer than the line limit of %s",
                       pp_read_limit_text(limit, pp_read_max_line()));
}

static int put_byte(struct reader *in, struct record *rec, char c)
{
    if (rec->used >= pp_read_max_line())
        return too_long(in, rec->line);
    if (rec->used == rec->bcap) {
        size_t ncap = rec->bcap ? 2 * rec->bcap : 256;
        char *nb = ncap > rec->bcap ? realloc(rec->buf, ncap) : NULL;
        if (!nb)
            return pp_error_nomem(in->err);
        rec->buf = nb;
        rec->bcap = ncap;
    }
    rec->buf[rec->used++] = c;
    return PP_OK;
}

static int put_field(struct reader *in, struct record *rec,
                     const struct field *fl)
{
    if (rec->n == rec->cap) {
        size_t ncap = rec->cap ? 2 * rec->cap : 16;
        if (ncap > SIZE_MAX / sizeof *rec->f)
            return pp_error_nomem(in->err);
        struct field *nf = realloc(rec->f, ncap * sizeof *nf);
        if (!nf)
            return pp_error_nomem(in->err);
        rec->f = nf;
        rec->cap = ncap;
    }
    rec->f[rec->n++] = *fl;
    return put_byte(in, rec, '\0');
}

static int error_at(struct reader *in, size_t pos, const char *what)
{
    return pp_error_at(in->err, PP_EINPUT, in->name, in->line,
                       (long)(pos - in->linestart + 1), "%s", what);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* A carriage return at text[p] that does not end a line with the line
 * feed after it, and is not the last byte: a file with CR-only line ends
 * (classic Mac OS) would otherwise read as one long line, its header
 * "missing" every column but the first few. */
static int lone_cr(const struct reader *in, size_t p)
{
    return in->text[p] == '\r' && p + 1 < in->len && in->text[p + 1] != '\n';
}

static int cr_error(struct reader *in, size_t p)
{
    return error_at(in, p,
                    "carriage return without a line feed: the file seems "
                    "to have CR-only (classic Mac OS) line ends; convert "
                    "them to LF or CRLF");
}

/* A quoted field starting at the quote at text[p]; *pp gets the end. */
static int quoted_field(struct reader *in, struct record *rec, size_t *pp)
{
    const char *t = in->text;
    long qline = in->line;
    long qcol = (long)(*pp - in->linestart + 1);
    size_t p = *pp + 1;
    int rc;

    for (;;) {
        if (p >= in->len)
            return pp_error_at(in->err, PP_EINPUT, in->name, qline, qcol,
                               "quoted field is never closed");
        if (t[p] == '\0')
            return error_at(in, p, "NUL byte in the file");
        if (t[p] == '"') {
            if (p + 1 < in->len && t[p + 1] == '"') {
                if ((rc = put_byte(in, rec, '"')) != PP_OK)
                    return rc;
                p += 2;
                continue;
            }
            p++;
            break;
        }
        if ((rc = put_byte(in, rec, t[p])) != PP_OK)
            return rc;
        if (t[p++] == '\n') {
            in->line++;
            in->linestart = p;
        }
    }
    while (p < in->len && is_blank(t[p]))
        p++;
    if (p < in->len && lone_cr(in, p))
        return cr_error(in, p);
    if (p < in->len && t[p] == '\r')
        p++;
    if (p < in->len && t[p] != ',' && t[p] != '\n')
        return error_at(in, p, "unexpected text after a closing quote");
    *pp = p;
    return PP_OK;
}

static int plain_field(struct reader *in, struct record *rec, size_t *pp)
{
    const char *t = in->text;
    size_t p = *pp, start = p, end;
    int rc;

    while (p < in->len && t[p] != ',' && t[p] != '\n') {
        if (p - in->linestart >= pp_read_max_line()) /* before copying */
            return too_long(in, in->line);
        if (t[p] == '"')
            return error_at(in, p,
                            "quote inside an unquoted field (quote "
                            "the whole field)");
        if (t[p] == '\0')
            return error_at(in, p, "NUL byte in the file");
        if (lone_cr(in, p))
            return cr_error(in, p);
        p++;
    }
    for (end = p; end > start && (is_blank(t[end - 1]) || t[end - 1] == '\r');
         end--)
        ;
    for (size_t i = start; i < end; i++)
        if ((rc = put_byte(in, rec, t[i])) != PP_OK)
            return rc;
    *pp = p;
    return PP_OK;
}

/* Skip blank lines; then read one record.  Returns 1, 0 at the end, or
 * a negative error code. */
static int next_record(struct reader *in, struct record *rec)
{
    const char *t = in->text;
    int rc;

    rec->n = 0;
    rec->used = 0;
    for (;;) {
        size_t p = in->pos;
        while (p < in->len && (is_blank(t[p]) || t[p] == '\r'))
            p++;
        if (p >= in->len) {
            in->pos = in->len;
            return 0;
        }
        if (t[p] != '\n')
            break;
        in->pos = p + 1;
        in->line++;
        in->linestart = in->pos;
    }
    rec->line = in->line;
    for (;;) {
        size_t p = in->pos;
        while (p < in->len && is_blank(t[p]))
            p++;
        struct field fl = {rec->used, in->line, (long)(p - in->linestart + 1)};
        if (p < in->len && t[p] == '"')
            rc = quoted_field(in, rec, &p);
        else
            rc = plain_field(in, rec, &p);
        if (rc != PP_OK || (rc = put_field(in, rec, &fl)) != PP_OK)
            return rc;
        if (p < in->len && t[p] == ',') {
            in->pos = p + 1;
            continue;
        }
        if (p < in->len) { /* the '\n' */
            p++;
            in->line++;
            in->linestart = p;
        }
        in->pos = p;
        return 1;
    }
}

/*
 * Map the columns to field indices.  A repeated column is an error if it
 * is read: always for the needed ones, for the rank columns only in the
 * per-rank form (elsewhere they are extra columns, ignored).
 */
static int read_header(struct reader *in, struct record *rec,
                       struct layout *lay)
{
    size_t again[NCOLS] = {0}; /* field index + 1 of a repeat, 0 if none */
    int nranks = 0;

    lay->nfields = rec->n;
    for (size_t i = 0; i < rec->n; i++) {
        const char *name = rec->buf + rec->f[i].off;
        for (int c = 0; c < NCOLS; c++) {
            if (strcmp(name, column_names[c]) != 0)
                continue;
            if (lay->found[c]) {
                if (!again[c])
                    again[c] = i + 1;
                continue;
            }
            lay->found[c] = 1;
            lay->col[c] = i;
        }
    }
    for (int c = COL_DP; c <= COL_TP; c++)
        nranks += lay->found[c];
    lay->per_rank = nranks == 3;
    int rep = -1; /* the column repeated first in the header */
    for (int c = 0; c < NCOLS; c++)
        if (again[c] && (c < NNEEDED || lay->per_rank) &&
            (rep < 0 || again[c] < again[rep]))
            rep = c;
    if (rep >= 0) {
        const struct field *f = &rec->f[again[rep] - 1];
        return pp_error_at(in->err, PP_EINPUT, in->name, f->line, f->col,
                           "column \"%s\" appears twice (fields %zu and %zu)",
                           column_names[rep], lay->col[rep] + 1, again[rep]);
    }
    for (int c = 0; c < NNEEDED; c++)
        if (!lay->found[c])
            return pp_error_at(in->err, PP_EINPUT, in->name, rec->line, 1,
                               "missing column \"%s\"", column_names[c]);
    for (int c = COL_DP; c <= COL_TP && nranks > 0 && !lay->per_rank; c++)
        if (!lay->found[c])
            return pp_error_at(in->err, PP_EINPUT, in->name, rec->line, 1,
                               "missing column \"%s\" (a per-rank profile "
                               "has dp_rank, pp_rank and tp_rank)",
                               column_names[c]);
    return PP_OK;
}

/*
 * The rank fields of a per-rank row whose stage, kind and frequency CTX
 * holds; pp_rank must be the stage.
 */
static int read_ranks(struct reader *in, const struct layout *lay,
                      const struct field *const f[], const char *const s[],
                      const struct pp_rowctx *ctx, struct pp_rankrow *rr)
{
    int v, rc;
    char pre[160];

    if (lay->found[COL_RANK] &&
        (rc = pp_field_rank(in->name, f[COL_RANK]->line, f[COL_RANK]->col, ctx,
                            "rank", s[COL_RANK], &v, in->err)) != PP_OK)
        return rc;
    if ((rc = pp_field_rank(in->name, f[COL_DP]->line, f[COL_DP]->col, ctx,
                            "dp_rank", s[COL_DP], &rr->dp, in->err)) != PP_OK ||
        (rc = pp_field_rank(in->name, f[COL_PP]->line, f[COL_PP]->col, ctx,
                            "pp_rank", s[COL_PP], &v, in->err)) != PP_OK)
        return rc;
    if (v != ctx->stage)
        return pp_error_at(
            in->err, PP_EINPUT, in->name, f[COL_PP]->line, f[COL_PP]->col,
            "%spp_rank must equal the stage, %d, got %d",
            pp_rowctx_prefix(pre, sizeof pre, ctx), ctx->stage, v);
    if ((rc = pp_field_rank(in->name, f[COL_TP]->line, f[COL_TP]->col, ctx,
                            "tp_rank", s[COL_TP], &rr->tp, in->err)) != PP_OK)
        return rc;
    rr->dp_col = f[COL_DP]->col;
    rr->tp_col = f[COL_TP]->col;
    return PP_OK;
}

static int read_row(struct reader *in, struct record *rec,
                    const struct layout *lay, struct pp_rows *rows,
                    struct pp_rankrows *ranks)
{
    struct pp_row row = {.line = rec->line, .col = 1};
    struct pp_rankrow rr = {.dp = 0};
    struct pp_rowctx ctx = {-1, NULL, 0};
    const struct field *f[NCOLS] = {NULL};
    const char *s[NCOLS] = {NULL};
    int rc;

    if (rec->n != lay->nfields)
        return pp_error_at(in->err, PP_EINPUT, in->name, rec->line, 1,
                           "row has %zu fields, the header has %zu", rec->n,
                           lay->nfields);
    for (int c = 0; c < NCOLS; c++) {
        if (!lay->found[c])
            continue;
        f[c] = &rec->f[lay->col[c]];
        s[c] = rec->buf + f[c]->off;
    }
    if ((rc = pp_field_stage(in->name, f[COL_STAGE]->line, f[COL_STAGE]->col,
                             s[COL_STAGE], &row.stage, in->err)) != PP_OK)
        return rc;
    ctx.stage = row.stage;
    if ((rc = pp_field_kind(in->name, f[COL_KIND]->line, f[COL_KIND]->col, &ctx,
                            s[COL_KIND], in->err)) != PP_OK ||
        (rc = pp_rows_kind(rows, s[COL_KIND], &row.kind, in->err)) != PP_OK)
        return rc;
    ctx.kind = s[COL_KIND];
    if ((rc = pp_field_mhz(in->name, f[COL_FREQ]->line, f[COL_FREQ]->col, &ctx,
                           s[COL_FREQ], &row.mhz, in->err)) != PP_OK)
        return rc;
    ctx.mhz = row.mhz;
    if (lay->per_rank && (rc = read_ranks(in, lay, f, s, &ctx, &rr)) != PP_OK)
        return rc;
    if ((rc = pp_field_time(in->name, f[COL_TIME]->line, f[COL_TIME]->col, &ctx,
                            s[COL_TIME], &row.time, in->err)) != PP_OK ||
        (rc = pp_field_energy(in->name, f[COL_ENERGY]->line, f[COL_ENERGY]->col,
                              &ctx, s[COL_ENERGY], &row.energy, in->err)) !=
            PP_OK)
        return rc;
    if (!lay->per_rank)
        return pp_rows_push(rows, &row, in->err);
    rr.row = row;
    return pp_ranks_push(ranks, &rr, in->err);
}

int pp_profile_parse_csv(struct pp_profile **out, const char *name,
                         const char *text, size_t len, struct pp_error *err)
{
    struct reader in = {name, text, len, 0, 1, 0, err};
    struct record rec = {0};
    struct pp_rows rows = {.name = name};
    struct pp_rankrows ranks = {0};
    struct layout lay = {.nfields = 0};
    int tp = 1, dp = 1, rc;

    *out = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        in.pos = in.linestart = 3;
    rc = next_record(&in, &rec);
    if (rc == 0)
        rc = pp_error_at(err, PP_EINPUT, name, 0, 0,
                         "empty file (expected the header "
                         "stage,instruction,frequency,time,energy)");
    if (rc < 0 || (rc = read_header(&in, &rec, &lay)) != PP_OK)
        goto out;
    while ((rc = next_record(&in, &rec)) == 1)
        if ((rc = read_row(&in, &rec, &lay, &rows, &ranks)) != PP_OK)
            goto out;
    if (rc < 0)
        goto out;
    if (rows.n == 0 && ranks.n == 0) {
        rc = pp_error_at(err, PP_EINPUT, name, 0, 0,
                         "no data rows after the header");
        goto out;
    }
    if (lay.per_rank &&
        (rc = pp_ranks_aggregate(&ranks, &rows, &tp, &dp, err)) != PP_OK)
        goto out;
    if ((rc = pp_rows_finish(&rows, out, err)) != PP_OK)
        goto out;
    if (lay.per_rank) {
        (*out)->rank_rows = ranks.n;
        (*out)->tp_degree = tp;
        (*out)->dp_degree = dp;
    }
    (*out)->hash = pp_hash_fnv1a64(text, len);
out:
    pp_ranks_free(&ranks);
    pp_rows_free(&rows);
    free(rec.f);
    free(rec.buf);
    return rc;
}

/*
 * Highest frequency below BELOW among all kinds of stage S, or 0.  Each
 * option set is sorted by frequency, highest first, so a binary search
 * finds its first option below BELOW: O(kinds log options) per call (a
 * linear scan made writing a stage of F frequencies O(F^2)).
 */
static int next_mhz(const struct pp_profile *p, int s, int below)
{
    int best = 0;
    for (int k = 0; k < p->nkinds; k++) {
        const struct pp_opset *set = pp_profile_ops(p, s, k);
        size_t lo = 0, hi = set->n;
        while (lo < hi) { /* first index with mhz < below is in [lo, hi] */
            size_t mid = lo + (hi - lo) / 2;
            if (set->opt[mid].mhz < below)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo < set->n && set->opt[lo].mhz > best)
            best = set->opt[lo].mhz;
    }
    return best;
}

/*
 * Readers number kinds by first appearance (after forward and backward), so
 * rows ordered by frequency keep the kind order only if, in stage 0, each
 * such kind's highest frequency is at least the next one's.
 */
static int freq_order_keeps_kinds(const struct pp_profile *p)
{
    int prev = -1;
    for (int k = 0; k < p->nkinds; k++) {
        if (strcmp(p->kinds[k], "forward") == 0 ||
            strcmp(p->kinds[k], "backward") == 0)
            continue;
        int top = pp_profile_ops(p, 0, k)->opt[0].mhz;
        if (prev >= 0 && top > prev)
            return 0;
        prev = top;
    }
    return 1;
}

static void put_row(FILE *f, int s, const char *kind, const struct pp_option *o)
{
    char t[PP_NUM_BUFSZ], e[PP_NUM_BUFSZ];
    fprintf(f, "%d,%s,%d,%s,%s\n", s, kind, o->mhz, pp_num_format(t, o->time),
            pp_num_format(e, o->energy));
}

int pp_profile_write_csv(const struct pp_profile *p, FILE *f)
{
    int by_freq = freq_order_keeps_kinds(p);

    /* Rows as measured profiles order them (by stage, then frequency from
     * the highest, then kind) unless that would reorder the kinds when read
     * back; then by stage, kind, frequency. */
    fputs("stage,instruction,frequency,time,energy\n", f);
    for (int s = 0; s < p->nstages; s++) {
        if (!by_freq) {
            for (int k = 0; k < p->nkinds; k++) {
                const struct pp_opset *set = pp_profile_ops(p, s, k);
                for (size_t i = 0; i < set->n; i++)
                    put_row(f, s, p->kinds[k], &set->opt[i]);
            }
            continue;
        }
        for (int mhz = next_mhz(p, s, PP_MAX_MHZ + 1); mhz > 0;
             mhz = next_mhz(p, s, mhz)) {
            for (int k = 0; k < p->nkinds; k++) {
                const struct pp_option *o =
                    pp_opset_find(pp_profile_ops(p, s, k), mhz);
                if (o)
                    put_row(f, s, p->kinds[k], o);
            }
        }
    }
    return ferror(f) ? PP_EIO : PP_OK;
}
