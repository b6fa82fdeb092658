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
 *
 * Reading is as strict as the profile readers, and accepts what
 * pp_frontier_write writes for any DAG (graph.h's limits hold for both):
 * GPU, stage, microbatch and chunk numbers up to PP_GRAPH_MAX_NUMBER;
 * every GPU runs an instruction; no instruction twice (the same id, or
 * without ids the same gpu, kind, microbatch and chunk); a built-in
 * schedule name (1f1b, gpipe, interleaved) means exactly the instructions
 * pp_graph_build makes for the stated counts, in its order, any other
 * name a custom DAG; times and energies finite and positive, computation
 * and blocking energy not negative and adding up to the energy (within
 * ENERGY_SUM_TOL); frequencies 1 to 1000000 MHz, as in profiles; a
 * point's changes listed by increasing instruction.  The writer refuses
 * (PP_ERANGE) a frontier holding a number the reader would refuse.
 */
#include "solver.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/* Does FR hold only numbers pp_frontier_read accepts back? */
static int writable(const struct pp_frontier *fr)
{
    if (isfinite(fr->pblock) &&
        !(fr->pblock >= 0 && fr->pblock <= PP_SOLVE_MAX_PIPELINE_BLOCKING))
        return 0;
    for (size_t p = 0; p < fr->npoints; p++) {
        const struct pp_point *pt = &fr->pts[p];
        if (!(pt->time > 0) || !isfinite(pt->time) || !(pt->energy > 0) ||
            !isfinite(pt->energy) || !(pt->e_compute >= 0) ||
            !isfinite(pt->e_compute) || !(pt->e_blocking >= 0) ||
            !isfinite(pt->e_blocking) || !(pt->time_model > 0) ||
            !isfinite(pt->time_model) || !isfinite(pt->energy_model))
            return 0;
    }
    return 1;
}

int pp_frontier_write(const struct pp_frontier *fr, const struct pp_dag *dag,
                      FILE *f)
{
    if (!writable(fr))
        return PP_ERANGE;
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
    const char *text; /* the whole file */
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
    if (c->s + 1 < c->end && c->s[0] == '\r' && c->s[1] != '\n')
        return fail(c, (long)(c->s - c->line_start) + 1,
                    "carriage return without a line feed: the file seems to "
                    "have CR-only (classic Mac OS) line ends; convert them "
                    "to LF or CRLF");
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

/* A message "frontier file: ..." at column COL of the current line. */
static int failf(struct cur *c, long col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failf(struct cur *c, long col, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fail(c, col, msg);
}

/* What a file states about its schedule, and the built-in schedule it
 * names rebuilt (NULL for any other name: a custom DAG). */
struct sched {
    char *name;
    long mb, chunks;
    long line, col;      /* of the name */
    struct pp_dag *want; /* the built-in schedule, to compare against */
};

/*
 * For a built-in schedule name, rebuild that schedule from the counts the
 * file states; the instruction lines must then be exactly its
 * instructions, in its order (which is the order pp_frontier_write writes
 * them), with its kinds.  The count is checked against the file's first,
 * so a file cannot make this build a schedule larger than it is.
 */
static int expect_builtin(struct cur *c, struct sched *sc, long gpus, long n,
                          char *const *kinds, int nkinds)
{
    int kind = pp_schedule_parse(sc->name);
    struct pp_error why = {0};

    if (kind < 0)
        return PP_OK;
    long v = kind == PP_SCHED_INTERLEAVED ? sc->chunks : 1;
    if (kind != PP_SCHED_INTERLEAVED && sc->chunks != 1)
        return pp_error_at(c->err, PP_EINPUT, c->name, sc->line, sc->col,
                           "frontier file: schedule %s has 1 chunk per GPU, "
                           "the file states %ld",
                           sc->name, sc->chunks);
    /* 2 * gpus * mb * v in double: exact below 2^53, and compared only */
    double count = 2.0 * (double)gpus * (double)sc->mb * (double)v;
    if (count != (double)n)
        return pp_error_at(c->err, PP_EINPUT, c->name, sc->line, sc->col,
                           "frontier file: schedule %s with %ld GPUs, %ld "
                           "microbatches and %ld chunks has %.0f "
                           "instructions, the file states %ld",
                           sc->name, gpus, sc->mb, v, count, n);
    if (pp_graph_build(&sc->want, (enum pp_schedule_kind)kind, (int)gpus,
                       (int)sc->mb, (int)v, &why) == PP_ENOMEM)
        return pp_error_nomem(c->err);
    if (!sc->want)
        return pp_error_at(c->err, PP_EINPUT, c->name, sc->line, sc->col,
                           "frontier file: %s", why.msg);
    int same = nkinds == sc->want->nkinds;
    for (int k = 0; same && k < nkinds; k++)
        same = strcmp(kinds[k], sc->want->kinds[k]) == 0;
    if (!same)
        return pp_error_at(c->err, PP_EINPUT, c->name, sc->line + 1, 1,
                           "frontier file: the kinds of schedule %s are "
                           "forward backward, in that order",
                           sc->name);
    return PP_OK;
}

/* One instruction line into *in, checked against the built-in schedule
 * if there is one (its instruction I). */
static int read_instr(struct cur *c, const struct sched *sc, long gpus,
                      int nkinds, long i, struct pp_instr *in)
{
    static const char *const field[] = {"gpu", "stage", "kind", "microbatch",
                                        "chunk"};
    const long max[] = {gpus - 1, PP_GRAPH_MAX_NUMBER, nkinds - 1,
                        PP_GRAPH_MAX_NUMBER, sc->chunks - 1};
    long v[5];
    size_t tl;
    long col;
    int rc;

    if ((rc = word(c, "i")))
        return rc;
    for (int f = 0; f < 5; f++) {
        if ((rc = num_long(c, 0, max[f], &v[f])))
            return rc;
        if (!sc->want)
            continue;
        const struct pp_instr *w = &sc->want->ins[i];
        const long wants[5] = {w->gpu, w->stage, w->kind, w->mb, w->chunk};
        long want = wants[f];
        if (v[f] == want)
            continue;
        char label[160];
        pp_graph_label(sc->want, (size_t)i, label, sizeof label);
        if (f == 2)
            return failf(c, c->tcol,
                         "instruction %ld of the %s schedule is %s: kind %s "
                         "expected, got %s",
                         i, sc->name, label, sc->want->kinds[want],
                         sc->want->kinds[v[f]]);
        return failf(c, c->tcol,
                     "instruction %ld of the %s schedule is %s: %s %ld "
                     "expected, got %ld",
                     i, sc->name, label, field[f], want, v[f]);
    }
    *in = (struct pp_instr){(int)v[0], (int)v[1], (int)v[2], (int)v[3],
                            (int)v[4], 0, NULL};
    if (tok(c, &tl, &col)) {
        if (sc->want)
            return fail(c, col,
                        "instructions of a built-in schedule have no id");
        c->s -= tl;
        if ((rc = name_tok(c, &in->id)))
            return rc;
    }
    return end_line(c);
}

static int cmp_instr(const void *pa, const void *pb)
{
    const struct pp_instr *a = *(const struct pp_instr *const *)pa;
    const struct pp_instr *b = *(const struct pp_instr *const *)pb;
    if (a->id || b->id) { /* ids: compared as names, then by position */
        int d = strcmp(a->id ? a->id : "", b->id ? b->id : "");
        if (d)
            return d;
    } else {
        const int ka[] = {a->gpu, a->kind, a->mb, a->chunk};
        const int kb[] = {b->gpu, b->kind, b->mb, b->chunk};
        for (int k = 0; k < 4; k++)
            if (ka[k] != kb[k])
                return ka[k] < kb[k] ? -1 : 1;
    }
    return a < b ? -1 : a > b;
}

/*
 * The instructions of any schedule: every GPU runs one at least, ids are
 * given for all or none, and no two are the same instruction (the same
 * id, or without ids the same gpu, kind, microbatch and chunk).  FIRST is
 * the line of instruction 0.  O(n log n).
 */
static int check_instrs(struct cur *c, struct pp_instr *ins, long n,
                        long gpus, long gpus_line, char *const *kinds,
                        long first)
{
    struct pp_instr **ord = malloc((size_t)n * sizeof *ord);
    unsigned char *used = calloc((size_t)gpus, 1);
    int rc = PP_OK;

    if (!ord || !used) {
        rc = pp_error_nomem(c->err);
        goto out;
    }
    for (long i = 0; i < n; i++) {
        used[ins[i].gpu] = 1;
        ord[i] = &ins[i];
        if (!ins[i].id != !ins[0].id) {
            rc = pp_error_at(c->err, PP_EINPUT, c->name, first + i, 1,
                             "frontier file: instruction %ld %s an id but "
                             "instruction 0 %s: ids are given for all or "
                             "none",
                             i, ins[i].id ? "has" : "lacks",
                             ins[0].id ? "has one" : "does not");
            goto out;
        }
    }
    for (long g = 0; g < gpus; g++)
        if (!used[g]) {
            rc = pp_error_at(c->err, PP_EINPUT, c->name, gpus_line, 6,
                             "frontier file: gpu %ld runs no instruction "
                             "(gpus must be numbered 0..G-1 without gaps)",
                             g);
            goto out;
        }
    qsort(ord, (size_t)n, sizeof *ord, cmp_instr);
    const struct pp_instr *dup = NULL, *orig = NULL;
    for (long k = 1; k < n; k++) {
        const struct pp_instr *a = ord[k - 1], *b = ord[k];
        int same = a->id ? strcmp(a->id, b->id) == 0
                         : a->gpu == b->gpu && a->kind == b->kind &&
                               a->mb == b->mb && a->chunk == b->chunk;
        if (same && (!dup || b < dup)) { /* a is the earlier */
            dup = b;
            orig = a;
        }
    }
    if (dup) {
        long at = first + (dup - ins), was = first + (orig - ins);
        if (dup->id)
            rc = pp_error_at(c->err, PP_EINPUT, c->name, at, 1,
                             "frontier file: duplicate instruction id "
                             "\"%s\" (first on line %ld)",
                             dup->id, was);
        else
            rc = pp_error_at(c->err, PP_EINPUT, c->name, at, 1,
                             "frontier file: duplicate instruction: gpu %d "
                             "%s microbatch %d chunk %d (first on line %ld)",
                             dup->gpu, kinds[dup->kind], dup->mb,
                             dup->chunk, was);
    }
out:
    free(used);
    free(ord);
    return rc;
}

/* A number of a point line: finite, and positive (or >= 0, or any). */
enum sign { POSITIVE, NONNEG, ANY };

static int point_num(struct cur *c, const char *what, enum sign sign,
                     double *out)
{
    int rc = num_double(c, out);
    if (rc)
        return rc;
    if (sign == POSITIVE && !(*out > 0))
        return failf(c, c->tcol, "%s must be positive, got %.17g", what,
                     *out);
    if (sign == NONNEG && !(*out >= 0))
        return failf(c, c->tcol, "%s must not be negative, got %.17g", what,
                     *out);
    return PP_OK;
}

/* Relative difference allowed between a point's energy and the sum of its
 * computation and blocking energy: the file holds the very doubles, so
 * this is only room for a value edited with fewer digits. */
#define ENERGY_SUM_TOL 1e-9

/* The numbers of point line P; the changes follow. */
static int read_point_values(struct cur *c, struct pp_point *pt)
{
    int rc;
    long ecol;

    if ((rc = point_num(c, "time", POSITIVE, &pt->time)) ||
        (rc = point_num(c, "energy", POSITIVE, &pt->energy)))
        return rc;
    ecol = c->tcol;
    if ((rc = point_num(c, "computation energy", NONNEG, &pt->e_compute)) ||
        (rc = point_num(c, "blocking energy", NONNEG, &pt->e_blocking)))
        return rc;
    double sum = pt->e_compute + pt->e_blocking;
    if (!(fabs(sum - pt->energy) <= ENERGY_SUM_TOL * pt->energy))
        return failf(c, ecol,
                     "energy %.17g is not the sum of the computation "
                     "energy %.17g and the blocking energy %.17g",
                     pt->energy, pt->e_compute, pt->e_blocking);
    if ((rc = point_num(c, "model time", POSITIVE, &pt->time_model)) ||
        (rc = point_num(c, "model energy", ANY, &pt->energy_model)))
        return rc;
    return PP_OK;
}

/* Frequencies a plan may give, as in profiles (profiles/rows.h). */
#define MAX_MHZ 1000000

static int read_mhz(struct cur *c, long *mhz)
{
    int rc = num_long(c, LONG_MIN, LONG_MAX, mhz);
    if (rc)
        return rc;
    if (*mhz < 1 || *mhz > MAX_MHZ)
        return failf(c, c->tcol,
                     "frequency must be from 1 to %d MHz, got %ld", MAX_MHZ,
                     *mhz);
    return PP_OK;
}

/* Room for one more change in FR. */
static int grow_changes(struct pp_frontier *fr)
{
    if (fr->nchg < fr->cap_chg)
        return PP_OK;
    size_t cap = fr->cap_chg ? 2 * fr->cap_chg : 4096;
    uint32_t *ix = realloc(fr->chg_idx, cap * sizeof *ix);
    if (!ix)
        return PP_ENOMEM;
    fr->chg_idx = ix;
    int *mz = realloc(fr->chg_mhz, cap * sizeof *mz);
    if (!mz)
        return PP_ENOMEM;
    fr->chg_mhz = mz;
    fr->cap_chg = cap;
    return PP_OK;
}

/* Point line P: its values, then the first point's plan or the changes
 * from the point before, instruction indices increasing. */
static int read_point(struct cur *c, struct pp_frontier *fr, long p, long n)
{
    struct pp_point *pt = &fr->pts[p];
    long nc, prev = -1;
    int rc;

    if ((rc = word(c, "p")) || (rc = read_point_values(c, pt)) ||
        (rc = num_long(c, p == 0 ? n : 0, n, &nc)))
        return rc;
    for (long k = 0; k < nc; k++) {
        long idx, mhz;
        if ((rc = num_long(c, p == 0 ? k : 0, p == 0 ? k : n - 1, &idx)))
            return rc;
        if (idx <= prev)
            return failf(c, c->tcol,
                         "the instructions a point changes must be listed "
                         "in increasing order, once each: %ld after %ld",
                         idx, prev);
        prev = idx;
        if ((rc = read_mhz(c, &mhz)))
            return rc;
        if (p == 0) {
            fr->base_mhz[idx] = (int)mhz;
            continue;
        }
        if (grow_changes(fr))
            return pp_error_nomem(c->err);
        fr->chg_idx[fr->nchg] = (uint32_t)idx;
        fr->chg_mhz[fr->nchg++] = (int)mhz;
    }
    fr->chg_off[p] = fr->nchg;
    fr->npoints++;
    return end_line(c);
}

/*
 * The lines before the schedule: the format version (1 to 3), the model,
 * from version 2 the blocking power, from version 3 the provenance.
 */
static int read_header(struct cur *c, struct pp_frontier *fr)
{
    long v, col;
    size_t tl;
    int rc;
    if ((rc = word(c, "perseus-plan-frontier")) ||
        (rc = num_long(c, 1, 3, &v)) || (rc = end_line(c)) ||
        (rc = word(c, "model")))
        return rc;
    const char *m = tok(c, &tl, &col);
    if (m && tl == 5 && !memcmp(m, "exact", 5))
        fr->model = PP_MODEL_EXACT;
    else if (m && tl == 7 && !memcmp(m, "lowtime", 7))
        fr->model = PP_MODEL_LOWTIME;
    else
        return fail(c, col, "model must be exact or lowtime");
    if ((rc = end_line(c)))
        return rc;
    fr->pblock = NAN;
    if (v >= 2) {
        if ((rc = word(c, "blocking")) || (rc = num_double(c, &fr->pblock)))
            return rc;
        if (!(fr->pblock >= 0 &&
              fr->pblock <= PP_SOLVE_MAX_PIPELINE_BLOCKING))
            return failf(c, c->tcol, "blocking power must be from 0 to %g W",
                         PP_SOLVE_MAX_PIPELINE_BLOCKING);
        if ((rc = end_line(c)))
            return rc;
    }
    if (v >= 3) {
        if ((rc = word(c, "provenance")))
            return rc;
        const char *e = memchr(c->s, '\n', (size_t)(c->end - c->s));
        size_t start = (size_t)(c->s - c->text),
               stop = e ? (size_t)(e - c->text) : (size_t)(c->end - c->text);
        if ((rc = pp_provenance_parse_line(&fr->prov, c->name, c->text, start,
                                           stop, c->err)))
            return rc;
        c->s = c->text + stop;
        if ((rc = end_line(c)))
            return rc;
    }
    return PP_OK;
}

/* The kind names of the "kinds" line into *KINDS (a new array of
 * PP_GRAPH_MAX_KINDS + 1, freed by the caller with its *NKINDS names). */
static int read_kinds(struct cur *c, char ***kinds, int *nkinds)
{
    size_t tl;
    long col = c->tcol;
    int rc;
    if (!(*kinds = calloc(PP_GRAPH_MAX_KINDS + 1, sizeof **kinds)))
        return pp_error_nomem(c->err);
    while (tok(c, &tl, &col)) {
        if (*nkinds == PP_GRAPH_MAX_KINDS)
            return failf(c, col, "more than %d instruction kinds",
                         PP_GRAPH_MAX_KINDS);
        c->s -= tl;
        if ((rc = name_tok(c, &(*kinds)[(*nkinds)++])))
            return rc;
    }
    if (*nkinds == 0)
        return fail(c, col, "no instruction kinds");
    return PP_OK;
}

int pp_frontier_read(struct pp_frontier **out, struct pp_dag **dagout,
                     const char *name, const char *text, size_t len,
                     struct pp_error *err)
{
    struct cur c = {name, text, text + len, text, 1, 0, err, text};
    struct pp_frontier *fr = NULL;
    struct pp_dag *dag = NULL;
    struct pp_instr *ins = NULL;
    struct sched sc = {0};
    char **kinds = NULL;
    int nkinds = 0, rc;
    long gpus, gpus_line, n = 0, np, first;

    *out = NULL;
    *dagout = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.s = c.line_start = text + 3; /* a byte order mark: no column */
    fr = calloc(1, sizeof *fr);
    if (!fr) {
        rc = pp_error_nomem(err);
        goto out;
    }
    if ((rc = read_header(&c, fr)) || (rc = word(&c, "schedule")))
        goto out;
    sc.line = c.line;
    if ((rc = name_tok(&c, &sc.name)))
        goto out;
    sc.col = c.tcol;
    if ((rc = num_long(&c, 0, PP_GRAPH_MAX_NUMBER, &sc.mb)) ||
        (rc = num_long(&c, 1, PP_GRAPH_MAX_NUMBER + 1L, &sc.chunks)) ||
        (rc = end_line(&c)) || (rc = word(&c, "kinds")) ||
        (rc = read_kinds(&c, &kinds, &nkinds)) || (rc = end_line(&c)) ||
        (rc = word(&c, "gpus")))
        goto out;
    gpus_line = c.line;
    if ((rc = num_long(&c, 1, (long)PP_GRAPH_MAX_INSTR, &gpus)) ||
        (rc = end_line(&c)) || (rc = word(&c, "instructions")) ||
        (rc = num_long(&c, 1, (long)PP_GRAPH_MAX_INSTR, &n)))
        goto out;
    if (n < gpus) {
        rc = failf(&c, c.tcol,
                   "%ld instruction%s cannot keep %ld GPUs busy: every GPU "
                   "runs one at least",
                   n, n == 1 ? "" : "s", gpus);
        goto out;
    }
    if ((rc = room_for(&c, n, MIN_INSTR_LINE, "instructions")) ||
        (rc = expect_builtin(&c, &sc, gpus, n, kinds, nkinds)) ||
        (rc = end_line(&c)))
        goto out;
    ins = calloc((size_t)n, sizeof *ins);
    if (!ins) {
        rc = pp_error_nomem(err);
        goto out;
    }
    first = c.line;
    for (long i = 0; i < n; i++)
        if ((rc = read_instr(&c, &sc, gpus, nkinds, i, &ins[i])))
            goto out;
    if ((rc = check_instrs(&c, ins, n, gpus, gpus_line, kinds, first)))
        goto out;
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
    dag->schedule = sc.name;
    sc.name = NULL;
    dag->microbatches = (int)sc.mb;
    dag->chunks = (int)sc.chunks;
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
    for (long p = 0; p < np; p++)
        if ((rc = read_point(&c, fr, p, n)))
            goto out;
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
    free(sc.name);
    pp_graph_free(sc.want);
    pp_graph_free(dag);
    pp_frontier_free(fr);
    return rc;
}
