/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * zeus.c - the Zeus Pipeline Frequency Optimizer plan format.
 *
 * The lowtime reference writes one freqs_pipeline_%05d.py file per frontier
 * point: a Python list literal holding one list per pipeline stage (GPU) of
 * (instruction, MHz) tuples in execution order, one stage list per line,
 * followed by '#' comment lines:
 *
 *   [
 *   [('forward', 1410), ('forward', 1395), ('backward', 1410)],
 *   [('forward', 1380), ('backward', 1410), ('backward', 1410)],
 *   ]
 *   # Iteration 12: ...
 *
 * perseus-plan adds its own comment and, in the comment line starting
 * "# perseus-plan provenance: ", what the plan was made for as one line
 * of JSON (graph.h, struct pp_provenance): Python's eval(), which is how
 * the Zeus server loads the file, ignores comments.
 *
 * Writing reproduces that layout (Python's repr of each stage list).
 * Reading needs no Python: a hand-written tokenizer knows brackets,
 * parentheses, commas, quoted strings ('...' or "..." with \\ \' \" \n \t
 * escapes), integers, '#' comments and blanks, and a recursive-descent
 * parser over the grammar
 *
 *   plan  := '[' [stage {',' stage} [',']] ']'
 *   stage := '[' [tuple {',' tuple} [',']] ']'
 *   tuple := '(' STRING ',' INTEGER [','] ')'
 *
 * checks each tuple against the DAG as it goes (GPU count, instructions per
 * GPU, kind at each position) and reports FILE:LINE:COL of the token at
 * fault, naming the GPU, the position and the schedule's instruction.
 */
#include "graph.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void pp_put_python_string(FILE *f, const char *s)
{
    fputc('\'', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else
            fputc(*p, f);
    }
    fputc('\'', f);
}

int pp_plan_write_zeus(const struct pp_plan *plan, const struct pp_dag *dag,
                       const char *comment, const struct pp_provenance *prov,
                       FILE *f)
{
    fputs("[\n", f);
    for (int g = 0; g < dag->ngpus; g++) {
        fputc('[', f);
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            fputs(k > dag->gpu_off[g] ? ", (" : "(", f);
            pp_put_python_string(f, dag->kinds[dag->ins[i].kind]);
            fprintf(f, ", %d)", plan->mhz[i]);
        }
        fputs("],\n", f);
    }
    fputs("]\n", f);
    while (comment && *comment) {
        size_t l = strcspn(comment, "\n");
        fprintf(f, "# %.*s\n", (int)l, comment);
        comment += l + (comment[l] == '\n');
    }
    if (prov) {
        fputs(PP_ZEUS_PROVENANCE, f);
        pp_provenance_put_json(f, prov);
        fputc('\n', f);
    }
    return ferror(f) ? PP_EIO : PP_OK;
}

int pp_zeus_provenance(struct pp_provenance **out, const char *name,
                       const char *text, size_t len, struct pp_error *err)
{
    const size_t plen = sizeof PP_ZEUS_PROVENANCE - 1;
    size_t found = len;
    long found_line = 0, line = 1;
    *out = NULL;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        if (e - i >= plen && !memcmp(text + i, PP_ZEUS_PROVENANCE, plen)) {
            if (found < len)
                return pp_error_at(err, PP_EINPUT, name, line, 1,
                                   "a second provenance line (the first is "
                                   "line %ld)",
                                   found_line);
            found = i;
            found_line = line;
        }
        i = e + 1;
        line++;
    }
    if (found == len)
        return PP_OK;
    size_t end = found;
    while (end < len && text[end] != '\n')
        end++;
    return pp_provenance_parse_line(out, name, text, found + plen, end, err);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */

enum tok {
    T_END,
    T_LBRACK,
    T_RBRACK,
    T_LPAREN,
    T_RPAREN,
    T_COMMA,
    T_STR,
    T_INT
};

#define MAX_STR 256

struct lexer {
    const char *name, *text;
    size_t len, i;
    long line, col;        /* of the next unread byte */
    enum tok tok;          /* current token */
    long tline, tcol;      /* its position */
    char str[MAX_STR + 1]; /* T_STR: its value */
    long num;              /* T_INT: its value (clamped to LONG_MAX) */
    struct pp_error *err;
};

static void advance(struct lexer *lx)
{
    if (lx->text[lx->i++] == '\n') {
        lx->line++;
        lx->col = 1;
    } else {
        lx->col++;
    }
}

static int lex_error(struct lexer *lx, const char *what)
{
    return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->line, lx->col, "%s",
                       what);
}

static int lex_string(struct lexer *lx)
{
    char q = lx->text[lx->i];
    size_t n = 0;
    advance(lx);
    for (;;) {
        if (lx->i >= lx->len || lx->text[lx->i] == '\n')
            return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline,
                               lx->tcol, "unterminated string");
        char c = lx->text[lx->i];
        if (c == q) {
            advance(lx);
            break;
        }
        if (c == '\\') {
            advance(lx);
            if (lx->i >= lx->len) /* not a NUL: the text ends */
                return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline,
                                   lx->tcol, "unterminated string");
            c = lx->text[lx->i];
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
            else if (c != '\\' && c != '\'' && c != '"')
                return lex_error(lx, "unsupported escape in string (only "
                                     "\\\\ \\' \\\" \\n \\t)");
        }
        if (c == '\0')
            return lex_error(lx, "NUL character in string");
        if (n == MAX_STR)
            return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline,
                               lx->tcol, "string longer than %d bytes",
                               MAX_STR);
        lx->str[n++] = c;
        advance(lx);
    }
    lx->str[n] = '\0';
    lx->tok = T_STR;
    return PP_OK;
}

static int lex_int(struct lexer *lx)
{
    int neg = lx->text[lx->i] == '-';
    long v = 0;
    if (neg)
        advance(lx);
    if (lx->i >= lx->len || !isdigit((unsigned char)lx->text[lx->i]))
        return lex_error(lx, "expected a digit after '-'");
    size_t end = lx->i, nz = lx->i;
    while (end < lx->len && isdigit((unsigned char)lx->text[end]))
        end++;
    while (nz + 1 < end && lx->text[nz] == '0')
        nz++;
    if (nz > lx->i && lx->text[nz] != '0') /* Python allows 00, not 01 */
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "%.*s has a leading zero, which Python 3 refuses "
                           "(write %.*s)",
                           (int)(end - lx->i < 40 ? end - lx->i : 40),
                           lx->text + lx->i,
                           (int)(end - nz < 40 ? end - nz : 40),
                           lx->text + nz);
    while (lx->i < lx->len && isdigit((unsigned char)lx->text[lx->i])) {
        int d = lx->text[lx->i] - '0';
        v = v > (LONG_MAX - d) / 10 ? LONG_MAX : v * 10 + d;
        advance(lx);
    }
    if (lx->i < lx->len && (isalnum((unsigned char)lx->text[lx->i]) ||
                            strchr("._", lx->text[lx->i])))
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "frequencies must be integers (MHz)");
    lx->num = neg ? -v : v;
    lx->tok = T_INT;
    return PP_OK;
}

/* Read the next token into lx->tok. */
static int next(struct lexer *lx)
{
    for (;;) {
        while (lx->i < lx->len && isspace((unsigned char)lx->text[lx->i]))
            advance(lx);
        if (lx->i < lx->len && lx->text[lx->i] == '#') {
            while (lx->i < lx->len && lx->text[lx->i] != '\n')
                advance(lx);
            continue;
        }
        break;
    }
    lx->tline = lx->line;
    lx->tcol = lx->col;
    if (lx->i >= lx->len) {
        lx->tok = T_END;
        return PP_OK;
    }
    unsigned char c = (unsigned char)lx->text[lx->i];
    enum tok t = T_END;
    switch (c) {
    case '[':
        t = T_LBRACK;
        break;
    case ']':
        t = T_RBRACK;
        break;
    case '(':
        t = T_LPAREN;
        break;
    case ')':
        t = T_RPAREN;
        break;
    case ',':
        t = T_COMMA;
        break;
    default:
        break;
    }
    if (t != T_END) {
        lx->tok = t;
        advance(lx);
        return PP_OK;
    }
    if (c == '\'' || c == '"')
        return lex_string(lx);
    if (c == '-' || isdigit(c))
        return lex_int(lx);
    if (isprint(c))
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->line, lx->col,
                           "unexpected character '%c'", c);
    return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->line, lx->col,
                       "unexpected byte 0x%02x", c);
}

static const char *tok_name(enum tok t)
{
    static const char *const names[] = {"end of file", "'['",       "']'",
                                        "'('",         "')'",       "','",
                                        "a string",    "an integer"};
    return names[t];
}

static int expect(struct lexer *lx, enum tok t, const char *what)
{
    if (lx->tok != t)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "expected %s %s, got %s", tok_name(t), what,
                           tok_name(lx->tok));
    return next(lx);
}

/* After an item of a list closed by CLOSE: ',' (then maybe CLOSE) or CLOSE.
 * Sets *more when another item follows. */
static int separator(struct lexer *lx, enum tok close, const char *what,
                     int *more)
{
    int rc;
    *more = 0;
    if (lx->tok == T_COMMA) {
        if ((rc = next(lx)) < 0)
            return rc;
        *more = lx->tok != close;
        return PP_OK;
    }
    if (lx->tok != close)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "expected ',' or %s after %s, got %s",
                           tok_name(close), what, tok_name(lx->tok));
    return PP_OK;
}

/* One (kind, MHz) tuple for position K of GPU G (instruction I). */
static int parse_tuple(struct lexer *lx, const struct pp_dag *dag, int g,
                       size_t k, size_t i, struct pp_plan *plan)
{
    char label[160];
    long line, col;
    int rc, more;

    pp_graph_label(dag, i, label, sizeof label);
    if ((rc = expect(lx, T_LPAREN, "to open an (instruction, MHz) tuple")) < 0)
        return rc;
    if (lx->tok != T_STR)
        return expect(lx, T_STR, "(the instruction kind)");
    if (strcmp(lx->str, dag->kinds[dag->ins[i].kind]) != 0)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "gpu %d position %zu: kind '%s' does not match "
                           "the schedule's %s",
                           g, k, lx->str, label);
    if ((rc = next(lx)) < 0 ||
        (rc = expect(lx, T_COMMA, "after the instruction kind")) < 0)
        return rc;
    if (lx->tok != T_INT)
        return expect(lx, T_INT, "(the frequency in MHz)");
    line = lx->tline;
    col = lx->tcol;
    if (lx->num <= 0 || lx->num > INT_MAX)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, line, col,
                           "gpu %d position %zu (%s): frequency must be a "
                           "positive integer (MHz), got %ld",
                           g, k, label, lx->num);
    plan->mhz[i] = (int)lx->num;
    plan->line[i] = line;
    plan->col[i] = col;
    if ((rc = next(lx)) < 0 ||
        (rc = separator(lx, T_RPAREN, "the frequency", &more)) < 0)
        return rc;
    if (more)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "expected ')' after the frequency: a tuple holds "
                           "(instruction, MHz)");
    return next(lx);
}

static int parse_stage(struct lexer *lx, const struct pp_dag *dag, int g,
                       struct pp_plan *plan)
{
    size_t want = dag->gpu_off[g + 1] - dag->gpu_off[g], k = 0;
    int rc, more = lx->tok != T_RBRACK;

    while (more) {
        if (k == want)
            return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline,
                               lx->tcol,
                               "gpu %d: the plan lists more than %zu "
                               "instructions, the number in the schedule",
                               g, want);
        if ((rc = parse_tuple(lx, dag, g, k, dag->gpu_seq[dag->gpu_off[g] + k],
                              plan)) < 0 ||
            (rc = separator(lx, T_RBRACK, "a tuple", &more)) < 0)
            return rc;
        k++;
    }
    if (k < want)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "gpu %d: the plan lists %zu instructions but the "
                           "schedule has %zu",
                           g, k, want);
    return next(lx); /* the stage's ']' */
}

static int parse_plan(struct lexer *lx, const struct pp_dag *dag,
                      struct pp_plan *plan)
{
    int rc, g = 0, more;

    if ((rc = next(lx)) < 0 ||
        (rc = expect(lx, T_LBRACK, "to open the list of stages")) < 0)
        return rc;
    more = lx->tok != T_RBRACK;
    while (more) {
        if (g == dag->ngpus)
            return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline,
                               lx->tcol,
                               "the plan has more than %d stage lists, the "
                               "number of gpus in the schedule",
                               dag->ngpus);
        if ((rc = expect(lx, T_LBRACK, "to open a stage list")) < 0 ||
            (rc = parse_stage(lx, dag, g, plan)) < 0 ||
            (rc = separator(lx, T_RBRACK, "a stage list", &more)) < 0)
            return rc;
        g++;
    }
    if (g < dag->ngpus)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "the plan has %d stage lists but the schedule has "
                           "%d gpus",
                           g, dag->ngpus);
    if ((rc = next(lx)) < 0)
        return rc;
    if (lx->tok != T_END)
        return pp_error_at(lx->err, PP_EINPUT, lx->name, lx->tline, lx->tcol,
                           "unexpected %s after the list of stages",
                           tok_name(lx->tok));
    return PP_OK;
}

int pp_plan_parse_zeus(struct pp_plan **out, const char *name, const char *text,
                       size_t len, const struct pp_dag *dag,
                       struct pp_error *err)
{
    struct lexer lx = {.name = name,
                       .text = text,
                       .len = len,
                       .line = 1,
                       .col = 1,
                       .err = err};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        lx.i = 3; /* a UTF-8 byte order mark: not a column */
    struct pp_plan *plan = NULL;
    int rc;

    *out = NULL;
    if ((rc = pp_plan_new(&plan, dag->n)) < 0 ||
        (rc = pp_plan_track(plan, name)) < 0) {
        pp_error_nomem(err);
        goto out;
    }
    if ((rc = parse_plan(&lx, dag, plan)) < 0)
        goto out;
    *out = plan;
    plan = NULL;
out:
    pp_plan_free(plan);
    return rc;
}
