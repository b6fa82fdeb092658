/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * machine.c - JSON, YAML and CSV from one sequence of calls (machine.h).
 *
 * JSON and YAML are written as the calls come: a mapping's fields one per
 * line, indented two spaces per level, a record as one flow mapping per
 * line.  CSV needs the header before the first row and the top-level
 * scalars in every row, so it keeps the scalars' text, builds the header
 * from the first record's keys and each row in memory (open_memstream),
 * and writes a row when its record ends.
 */
#include "machine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "numfmt.h"

enum vkind { V_NULL, V_NUM, V_INT, V_STR, V_BOOL };
struct val {
    enum vkind kind;
    double num;
    long long i;
    const char *s;
};

static void indent(struct mw *m, int n)
{
    fprintf(m->f, "%*s", n, "");
}

/* An RFC 4180 field: quoted when it holds a comma, a quote or a line
 * break, with quotes doubled. */
static void csv_string(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_val(FILE *f, enum out_format fmt, const struct val *v)
{
    int csv = fmt == FMT_CSV;
    switch (v->kind) {
    case V_NULL:
        if (!csv)
            fputs("null", f);
        break;
    case V_NUM:
        pp_num_put(f, v->num);
        break;
    case V_INT:
        fprintf(f, "%lld", v->i);
        break;
    case V_STR:
        if (csv)
            csv_string(f, v->s);
        else
            pp_json_put_string(f, v->s);
        break;
    case V_BOOL:
        fputs(csv ? (v->i ? "1" : "0") : (v->i ? "true" : "false"), f);
        break;
    }
}

/* A top-level scalar, kept for the CSV rows. */
static void keep_top(struct mw *m, const char *key, const struct val *v)
{
    char *buf = NULL, *k = strdup(key);
    size_t len = 0;
    FILE *s = open_memstream(&buf, &len);
    char **nk = realloc(m->top_key, (m->ntop + 1) * sizeof *nk);
    if (nk)
        m->top_key = nk;
    char **nv = nk ? realloc(m->top_val, (m->ntop + 1) * sizeof *nv) : NULL;
    if (nv)
        m->top_val = nv;
    if (!s || !k || !nk || !nv) {
        if (s)
            fclose(s);
        free(buf);
        free(k);
        m->failed = 1;
        return;
    }
    put_val(s, FMT_CSV, v);
    if (fclose(s)) {
        free(buf);
        free(k);
        m->failed = 1;
        return;
    }
    m->top_key[m->ntop] = k;
    m->top_val[m->ntop++] = buf;
}

/* The key of a field, with what comes before it; SEP follows the colon
 * (a YAML mapping or list that opens on the next line has none). */
static void put_key(struct mw *m, const char *key, const char *sep)
{
    int js = m->fmt == FMT_JSON;
    if (m->in_item) {
        fputs(m->first[MW_MAX_DEPTH] ? "" : ", ", m->f);
        m->first[MW_MAX_DEPTH] = 0;
    } else {
        if (js)
            fputs(m->first[m->depth] ? "\n" : ",\n", m->f);
        indent(m, 2 * (m->depth + js));
        m->first[m->depth] = 0;
    }
    fprintf(m->f, js ? "\"%s\":%s" : "%s:%s", key, sep);
}

static void field(struct mw *m, const char *key, const struct val *v)
{
    if (m->fmt == FMT_CSV) {
        if (m->in_item && m->lists == 1 && m->row) {
            if (!m->header_done)
                fprintf(m->hdr, "%s%s", m->row_cells ? "," : "", key);
            if (m->row_cells++)
                fputc(',', m->row);
            put_val(m->row, FMT_CSV, v);
        } else if (m->depth == 0 && !m->in_list && m->lists == 0) {
            keep_top(m, key, v);
        }
        return;
    }
    put_key(m, key, " ");
    put_val(m->f, m->fmt, v);
    if (m->fmt == FMT_YAML && !m->in_item)
        fputc('\n', m->f);
}

void mw_begin(struct mw *m, FILE *f, enum out_format fmt, int version)
{
    memset(m, 0, sizeof *m);
    m->f = f;
    m->fmt = fmt;
    m->first[0] = 1;
    if (fmt == FMT_JSON)
        fputc('{', f);
    if (fmt != FMT_CSV)
        mw_int(m, "format_version", version);
}

void mw_num(struct mw *m, const char *key, double v)
{
    struct val x = {.kind = isfinite(v) ? V_NUM : V_NULL, .num = v};
    field(m, key, &x);
}

void mw_int(struct mw *m, const char *key, long long v)
{
    struct val x = {.kind = V_INT, .i = v};
    field(m, key, &x);
}

void mw_str(struct mw *m, const char *key, const char *s)
{
    struct val x = {.kind = s ? V_STR : V_NULL, .s = s};
    field(m, key, &x);
}

void mw_bool(struct mw *m, const char *key, int b)
{
    struct val x = {.kind = V_BOOL, .i = b != 0};
    field(m, key, &x);
}

void mw_map_begin(struct mw *m, const char *key)
{
    if (m->depth + 1 >= MW_MAX_DEPTH) {
        m->failed = 1;
        return;
    }
    if (m->fmt != FMT_CSV) {
        put_key(m, key, m->fmt == FMT_JSON ? " {" : "\n");
    }
    m->first[++m->depth] = 1;
}

void mw_map_end(struct mw *m)
{
    if (m->depth == 0)
        return;
    if (m->fmt == FMT_JSON) {
        if (!m->first[m->depth]) {
            fputc('\n', m->f);
            indent(m, 2 * m->depth);
        }
        fputc('}', m->f);
    }
    m->depth--;
}

void mw_list_begin(struct mw *m, const char *key)
{
    m->lists++;
    m->in_list = 1;
    m->first_item = 1;
    if (m->fmt == FMT_CSV)
        return;
    put_key(m, key, m->fmt == FMT_JSON ? " [" : "");
}

void mw_item_begin(struct mw *m)
{
    m->first[MW_MAX_DEPTH] = 1;
    if (m->fmt == FMT_CSV) {
        if (m->lists != 1 || m->depth)
            return;
        m->row_cells = 0;
        m->row = open_memstream(&m->row_buf, &m->row_len);
        if (!m->header_done && !m->hdr)
            m->hdr = open_memstream(&m->hdr_buf, &m->hdr_len);
        if (!m->row || (!m->header_done && !m->hdr))
            m->failed = 1;
        m->in_item = m->row && (m->header_done || m->hdr);
        return;
    }
    m->in_item = 1;
    fputs(m->fmt == FMT_JSON && !m->first_item ? ",\n" : "\n", m->f);
    indent(m, 2 * (m->depth + (m->fmt == FMT_JSON ? 2 : 1)));
    fputs(m->fmt == FMT_JSON ? "{" : "- {", m->f);
}

/* Write the CSV header once, then the row with the top-level cells. */
static void csv_row(struct mw *m)
{
    if (!m->header_done) {
        if (fclose(m->hdr))
            m->failed = 1;
        m->hdr = NULL;
        fputs(m->hdr_buf ? m->hdr_buf : "", m->f);
        for (size_t k = 0; k < m->ntop; k++)
            fprintf(m->f, "%s%s", m->row_cells || k ? "," : "",
                    m->top_key[k]);
        fputc('\n', m->f);
        m->header_done = 1;
    }
    if (fclose(m->row))
        m->failed = 1;
    m->row = NULL;
    fputs(m->row_buf ? m->row_buf : "", m->f);
    for (size_t k = 0; k < m->ntop; k++)
        fprintf(m->f, "%s%s", m->row_cells || k ? "," : "", m->top_val[k]);
    fputc('\n', m->f);
    free(m->row_buf);
    m->row_buf = NULL;
}

void mw_item_end(struct mw *m)
{
    if (m->fmt == FMT_CSV) {
        if (m->in_item && m->row)
            csv_row(m);
    } else {
        fputc('}', m->f); /* a separator comes with the next item */
    }
    m->in_item = 0;
    m->first_item = 0;
}

void mw_list_end(struct mw *m)
{
    if (m->fmt == FMT_JSON) {
        if (!m->first_item) {
            fputc('\n', m->f);
            indent(m, 2 * (m->depth + 1));
        }
        fputc(']', m->f);
    } else if (m->fmt == FMT_YAML) {
        fputs(m->first_item ? " []\n" : "\n", m->f);
    }
    m->in_list = 0;
}

int mw_end(struct mw *m)
{
    if (m->fmt == FMT_JSON)
        fputs("\n}\n", m->f);
    if (m->fmt == FMT_CSV && !m->header_done && m->ntop) {
        /* no list: one row of the top-level scalars */
        for (size_t k = 0; k < m->ntop; k++)
            fprintf(m->f, "%s%s", k ? "," : "", m->top_key[k]);
        fputc('\n', m->f);
        for (size_t k = 0; k < m->ntop; k++)
            fprintf(m->f, "%s%s", k ? "," : "", m->top_val[k]);
        fputc('\n', m->f);
    }
    for (size_t k = 0; k < m->ntop; k++) {
        free(m->top_key[k]);
        free(m->top_val[k]);
    }
    free(m->top_key);
    free(m->top_val);
    if (m->hdr)
        fclose(m->hdr);
    if (m->row)
        fclose(m->row);
    free(m->hdr_buf);
    free(m->row_buf);
    int rc = ferror(m->f) ? PP_EIO : m->failed ? PP_ENOMEM : PP_OK;
    memset(m, 0, sizeof *m);
    return rc;
}
