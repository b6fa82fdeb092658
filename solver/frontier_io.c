/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_io.c - frontier files: every point's plan, losslessly.
 *
 * A line-based text format (man perseus-plan-profiles(5)):
 *
 *   perseus-plan-frontier 3
 *   model exact|lowtime
 *   blocking W                              (formats 2 and 3)
 *   provenance {"tool": ..., ...}           (format 3 only)
 *   schedule NAME MICROBATCHES CHUNKS
 *   kinds K1 K2 ...
 *   gpus G
 *   instructions N
 *   i GPU STAGE KIND MB CHUNK [ID]          (N lines, schedule order)
 *   points P
 *   p TIME ENERGY COMPUTE BLOCKING MODEL_TIME MODEL_ENERGY C IDX MHZ ...
 *
 * W is what the whole pipeline draws while it blocks, G * K * P_b, for the
 * deadline rule (pp_frontier_lookup); format 1 files lack it and are read
 * with W unknown (the published rule).  The provenance line (graph.h) is
 * what the frontier was solved for, in one line of JSON; it is written
 * when the frontier has one (format 3, else 2).  Each point lists its C
 * frequency
 * changes from the previous point (the
 * first point: every instruction), so the size grows with the number of
 * changes, not points x instructions.  Numbers are written as the
 * shortest text that reads back to the same double (pp_num_put).  Reading validates everything and
 * reports FILE:LINE:COL.  Counts announced in the header are checked
 * against the bytes left before anything is allocated for them (an
 * instruction line takes at least 12 bytes, a point line 16), so memory
 * stays proportional to the file, however large the numbers it claims.
 */
#include "solver.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

int pp_frontier_write(const struct pp_frontier *fr, const struct pp_dag *dag,
                      FILE *f)
{
    fprintf(f, "perseus-plan-frontier %d\nmodel %s\nblocking ",
            fr->prov ? 3 : 2,
            fr->model == PP_MODEL_LOWTIME ? "lowtime" : "exact");
    pp_num_put(f, isfinite(fr->pblock) ? fr->pblock : 0.0);
    if (fr->prov) {
        fputs("\nprovenance ", f);
        pp_provenance_put_json(f, fr->prov);
    }
    fprintf(f, "\nschedule %s %d %d\nkinds", dag->schedule, dag->microbatches,
            dag->chunks);
    for (int k = 0; k < dag->nkinds; k++)
        fprintf(f, " %s", dag->kinds[k]);
    fprintf(f, "\ngpus %d\ninstructions %zu\n", dag->ngpus, dag->n);
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        fprintf(f, "i %d %d %d %d %d%s%s\n", in->gpu, in->stage, in->kind,
                in->mb, in->chunk, in->id ? " " : "", in->id ? in->id : "");
    }
    fprintf(f, "points %zu\n", fr->npoints);
    for (size_t p = 0; p < fr->npoints; p++) {
        const struct pp_point *pt = &fr->pts[p];
        const double v[] = {pt->time,       pt->energy,     pt->e_compute,
                            pt->e_blocking, pt->time_model, pt->energy_model};
        fputc('p', f);
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
            fputc(' ', f);
            pp_num_put(f, v[k]);
        }
        if (p == 0) {
            fprintf(f, " %zu", fr->ninstr);
            for (size_t i = 0; i < fr->ninstr; i++)
                fprintf(f, " %zu %d", i, fr->base_mhz[i]);
        } else {
            size_t a = fr->chg_off[p - 1], b = fr->chg_off[p];
            fprintf(f, " %zu", b - a);
            for (size_t k = a; k < b; k++)
                fprintf(f, " %u %d", fr->chg_idx[k], fr->chg_mhz[k]);
        }
        fputc('\n', f);
    }
    return ferror(f) ? PP_EIO : PP_OK;
}

/* Shortest instruction line ("i 0 0 0 0 0\n") and point line. */
#define MIN_INSTR_LINE 12
#define MIN_POINT_LINE 16

/* A cursor over the text that knows its line and column. */
struct cur {
    const char *name, *s, *end, *line_start;
    long line;
    long tcol; /* column of the last token read */
    struct pp_error *err;
};

static const char *tok(struct cur *c, size_t *len, long *col)
{
    while (c->s < c->end && (*c->s == ' ' || *c->s == '\t'))
        c->s++;
    const char *b = c->s;
    while (c->s < c->end && !isspace((unsigned char)*c->s))
        c->s++;
    *len = (size_t)(c->s - b);
    *col = c->tcol = (long)(b - c->line_start) + 1;
    return *len ? b : NULL;
}

static int fail(struct cur *c, long col, const char *what)
{
    return pp_error_at(c->err, PP_EINPUT, c->name, c->line, col,
                       "frontier file: %s", what);
}

static int end_line(struct cur *c)
{
    size_t len;
    long col;
    if (tok(c, &len, &col))
        return fail(c, col, "unexpected text at the end of the line");
    if (c->s < c->end && *c->s == '\r')
        c->s++;
    if (c->s >= c->end || *c->s != '\n')
        return fail(c, col, "line is not terminated");
    c->s++;
    c->line++;
    c->line_start = c->s;
    return PP_OK;
}

static int word(struct cur *c, const char *want)
{
    size_t len;
    long col;
    const char *t = tok(c, &len, &col);
    if (!t || len != strlen(want) || memcmp(t, want, len)) {
        char msg[96];
        snprintf(msg, sizeof msg, "expected \"%s\"", want);
        return fail(c, t ? col : (long)(c->s - c->line_start) + 1, msg);
    }
    return PP_OK;
}

static int num_long(struct cur *c, long min, long max, long *out)
{
    size_t len;
    long col;
    char buf[64];
    const char *t = tok(c, &len, &col);
    if (!t || len >= sizeof buf)
        return fail(c, (long)(c->s - c->line_start) + 1, "expected an integer");
    memcpy(buf, t, len);
    buf[len] = '\0';
    if (pp_parse_long(buf, out) || *out < min || *out > max)
        return fail(c, col, "integer out of range or malformed");
    return PP_OK;
}

static int num_double(struct cur *c, double *out)
{
    size_t len;
    long col;
    char buf[64];
    const char *t = tok(c, &len, &col);
    if (!t || len >= sizeof buf)
        return fail(c, (long)(c->s - c->line_start) + 1, "expected a number");
    memcpy(buf, t, len);
    buf[len] = '\0';
    if (pp_parse_double(buf, out))
        return fail(c, col, "malformed number");
    return PP_OK;
}

/*
 * A copy of the next token in *out; 0 or a PP_E* code.  Schedule names,
 * kinds and ids are always names (1 to 64 letters, digits, '_', '-', '.'):
 * anything else, a NUL byte above all, would not survive being written
 * out again.
 */
static int name_tok(struct cur *c, char **out)
{
    size_t len;
    long col;
    const char *t = tok(c, &len, &col);
    *out = NULL;
    if (!t)
        return fail(c, col, "expected a name");
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)t[i]) && t[i] != '_' && t[i] != '-' &&
            t[i] != '.')
            return fail(c, col + (long)i,
                        "a name may hold only letters, digits, '_', '-' "
                        "and '.'");
    if (len > 64)
        return fail(c, col, "a name is at most 64 characters");
    if (!(*out = malloc(len + 1)))
        return pp_error_nomem(c->err);
    memcpy(*out, t, len);
    (*out)[len] = '\0';
    return PP_OK;
}

/* The count just read (COUNT items of at least MINLINE bytes each, one per
 * line) must fit in what is left of the file. */
static int room_for(struct cur *c, long count, size_t minline,
                    const char *what)
{
    char msg[128];
    if ((size_t)count <= (size_t)(c->end - c->s) / minline)
        return PP_OK;
    snprintf(msg, sizeof msg,
             "%ld %s announced, but the rest of the file is too short to "
             "hold them",
             count, what);
    return fail(c, c->tcol, msg);
}

int pp_frontier_read(struct pp_frontier **out, struct pp_dag **dagout,
                     const char *name, const char *text, size_t len,
                     struct pp_error *err)
{
    struct cur c = {name, text, text + len, text, 1, 0, err};
    struct pp_frontier *fr = NULL;
    struct pp_dag *dag = NULL;
    struct pp_instr *ins = NULL;
    char **kinds = NULL, *sched = NULL;
    int nkinds = 0, rc;
    long v, gpus, n, np, mb, chunks;
    size_t tl;
    long col;

    *out = NULL;
    *dagout = NULL;
    fr = calloc(1, sizeof *fr);
    if (!fr) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = word(&c, "perseus-plan-frontier")) ||
        (rc = num_long(&c, 1, 3, &v)) || (rc = end_line(&c)) ||
        (rc = word(&c, "model")))
        goto out;
    const char *m = tok(&c, &tl, &col);
    if (m && tl == 5 && !memcmp(m, "exact", 5))
        fr->model = PP_MODEL_EXACT;
    else if (m && tl == 7 && !memcmp(m, "lowtime", 7))
        fr->model = PP_MODEL_LOWTIME;
    else {
        rc = fail(&c, col, "model must be exact or lowtime");
        goto out;
    }
    if ((rc = end_line(&c)))
        goto out;
    fr->pblock = NAN;
    if (v >= 2) {
        if ((rc = word(&c, "blocking")) ||
            (rc = num_double(&c, &fr->pblock)))
            goto out;
        if (!(fr->pblock >= 0 && fr->pblock <= 1e12)) {
            rc = fail(&c, c.tcol, "blocking power must be from 0 to 1e12 W");
            goto out;
        }
        if ((rc = end_line(&c)))
            goto out;
    }
    if (v >= 3) {
        if ((rc = word(&c, "provenance")))
            goto out;
        const char *e = memchr(c.s, '\n', (size_t)(c.end - c.s));
        size_t start = (size_t)(c.s - text),
               stop = e ? (size_t)(e - text) : len;
        if ((rc = pp_provenance_parse_line(&fr->prov, name, text, start, stop,
                                           err)))
            goto out;
        c.s = text + stop;
        if ((rc = end_line(&c)))
            goto out;
    }
    if ((rc = word(&c, "schedule")))
        goto out;
    if ((rc = name_tok(&c, &sched)))
        goto out;
    if ((rc = num_long(&c, 0, 1L << 30, &mb)) ||
        (rc = num_long(&c, 1, 1L << 20, &chunks)) || (rc = end_line(&c)) ||
        (rc = word(&c, "kinds")))
        goto out;
    kinds = calloc(65, sizeof *kinds);
    if (!kinds) {
        rc = pp_error_nomem(err);
        goto out;
    }
    while (tok(&c, &tl, &col)) {
        if (nkinds == 64) {
            rc = fail(&c, col, "more than 64 instruction kinds");
            goto out;
        }
        c.s -= tl;
        if ((rc = name_tok(&c, &kinds[nkinds++])))
            goto out;
    }
    if (nkinds == 0) {
        rc = fail(&c, col, "no instruction kinds");
        goto out;
    }
    if ((rc = end_line(&c)) || (rc = word(&c, "gpus")) ||
        (rc = num_long(&c, 1, 1L << 24, &gpus)) || (rc = end_line(&c)) ||
        (rc = word(&c, "instructions")) ||
        (rc = num_long(&c, 1, 1L << 24, &n)) ||
        (rc = room_for(&c, n, MIN_INSTR_LINE, "instructions")) ||
        (rc = end_line(&c)))
        goto out;
    ins = calloc((size_t)n, sizeof *ins);
    if (!ins) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (long i = 0; i < n; i++) {
        long g, st, k, b, ch;
        if ((rc = word(&c, "i")) || (rc = num_long(&c, 0, gpus - 1, &g)) ||
            (rc = num_long(&c, 0, 1L << 24, &st)) ||
            (rc = num_long(&c, 0, nkinds - 1, &k)) ||
            (rc = num_long(&c, 0, 1L << 30, &b)) ||
            (rc = num_long(&c, 0, chunks - 1, &ch)))
            goto out;
        ins[i] = (struct pp_instr){(int)g, (int)st, (int)k, (int)b, (int)ch,
                                   0, NULL};
        if (tok(&c, &tl, &col)) {
            c.s -= tl;
            if ((rc = name_tok(&c, &ins[i].id)))
                goto out;
        }
        if ((rc = end_line(&c)))
            goto out;
    }
    if ((rc = pp_graph_from_arrays(&dag, (int)gpus, (size_t)n, ins, nkinds,
                                   (const char *const *)kinds, 0, NULL,
                                   err))) {
        if (rc == PP_EINPUT && err) {
            char msg[PP_ERRMSG_MAX];
            memcpy(msg, err->msg, sizeof msg);
            pp_error_at(err, rc, name, 0, 0, "frontier file: %s", msg);
        }
        goto out;
    }
    free(dag->schedule);
    dag->schedule = sched;
    sched = NULL;
    dag->microbatches = (int)mb;
    dag->chunks = (int)chunks;
    if ((rc = word(&c, "points")) || (rc = num_long(&c, 1, 1L << 40, &np)) ||
        (rc = room_for(&c, np, MIN_POINT_LINE, "points")) ||
        (rc = end_line(&c)))
        goto out;
    fr->ninstr = (size_t)n;
    fr->npoints = 0;
    fr->base_mhz = malloc((size_t)n * sizeof *fr->base_mhz);
    fr->pts = malloc((size_t)np * sizeof *fr->pts);
    fr->chg_off = calloc((size_t)np, sizeof *fr->chg_off);
    fr->cap_pts = (size_t)np;
    if (!fr->base_mhz || !fr->pts || !fr->chg_off) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (long p = 0; p < np; p++) {
        struct pp_point *pt = &fr->pts[p];
        long nc;
        if ((rc = word(&c, "p")) || (rc = num_double(&c, &pt->time)) ||
            (rc = num_double(&c, &pt->energy)) ||
            (rc = num_double(&c, &pt->e_compute)) ||
            (rc = num_double(&c, &pt->e_blocking)) ||
            (rc = num_double(&c, &pt->time_model)) ||
            (rc = num_double(&c, &pt->energy_model)) ||
            (rc = num_long(&c, p == 0 ? n : 0, n, &nc)))
            goto out;
        for (long k = 0; k < nc; k++) {
            long idx, mhz;
            if ((rc = num_long(&c, p == 0 ? k : 0, p == 0 ? k : n - 1, &idx)) ||
                (rc = num_long(&c, 1, 1000000, &mhz)))
                goto out;
            if (p == 0) {
                fr->base_mhz[idx] = (int)mhz;
                continue;
            }
            if (fr->nchg == fr->cap_chg) {
                size_t cap = fr->cap_chg ? 2 * fr->cap_chg : 4096;
                uint32_t *ix = realloc(fr->chg_idx, cap * sizeof *ix);
                int *mz = ix ? realloc(fr->chg_mhz, cap * sizeof *mz) : NULL;
                if (ix)
                    fr->chg_idx = ix;
                if (!ix || !mz) {
                    rc = pp_error_nomem(err);
                    goto out;
                }
                fr->chg_mhz = mz;
                fr->cap_chg = cap;
            }
            fr->chg_idx[fr->nchg] = (uint32_t)idx;
            fr->chg_mhz[fr->nchg++] = (int)mhz;
        }
        fr->chg_off[p] = fr->nchg;
        fr->npoints++;
        if ((rc = end_line(&c)))
            goto out;
    }
    if (c.s != c.end) {
        rc = fail(&c, 1, "unexpected text after the last point");
        goto out;
    }
    snprintf(fr->stop_reason, sizeof fr->stop_reason, "read from %s", name);
    *out = fr;
    *dagout = dag;
    fr = NULL;
    dag = NULL;
    rc = PP_OK;
out:
    if (ins)
        for (long i = 0; i < n; i++)
            free(ins[i].id);
    free(ins);
    if (kinds)
        for (int k = 0; k < nkinds; k++)
            free(kinds[k]);
    free(kinds);
    free(sched);
    pp_graph_free(dag);
    pp_frontier_free(fr);
    return rc;
}
