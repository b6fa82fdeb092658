/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml.c - the YAML profile format (format_version 1), read and written.
 *
 * The document (man page perseus-plan-profiles(5)) is a mapping with
 * metadata (format_version, gpu, blocking_power, frequency_unit) and a
 * list of stages; each stage maps instruction kinds to a list of options
 * {frequency, time, energy}.  Reading walks the tree from yamltree.c,
 * rejecting unknown keys and wrongly typed values at their node, and feeds
 * every option through the same field checks and whole-profile validation
 * as the CSV reader (rows.c), so both formats accept the same profiles and
 * word errors alike.  Writing prints numbers with pp_num_format(), the
 * shortest text that reads back to the same double, so CSV -> YAML -> CSV
 * is exact.
 */
#include "profile.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hash.h"
#include "numfmt.h"
#include "rows.h"
#include "yamltree.h"

struct yreader {
    const char *name;
    struct pp_rows rows;
    long *seen_line; /* by stage number: line of its entry, 0 if none yet */
    size_t nseen;    /* entries in seen_line */
    struct pp_error *err;
};

/* A required key: its value, or an error pointing at the mapping. */
static const struct pp_ynode *need(struct yreader *y,
                                   const struct pp_ynode *map,
                                   const struct pp_rowctx *ctx, const char *key)
{
    char pre[160];
    const struct pp_ynode *v = pp_ymap_get(map, key);
    if (!v)
        pp_error_at(y->err, PP_EINPUT, y->name, map->line, map->col,
                    "%s%s is missing", pp_rowctx_prefix(pre, sizeof pre, ctx),
                    key);
    return v;
}

/* The text of a plain scalar, or NULL after an error "WHAT must be DESC". */
static const char *plain_text(struct yreader *y, const struct pp_ynode *node,
                              const struct pp_rowctx *ctx, const char *what,
                              const char *desc)
{
    char pre[160], got[80];
    if (node->type == PP_YSCALAR && !node->quoted)
        return node->str;
    pp_error_at(y->err, PP_EINPUT, y->name, node->line, node->col,
                "%s%s must be %s, got %s",
                pp_rowctx_prefix(pre, sizeof pre, ctx), what, desc,
                pp_ynode_describe(node, got, sizeof got));
    return NULL;
}

static int read_option(struct yreader *y, const struct pp_ynode *opt,
                       struct pp_rowctx *ctx, int kind)
{
    static const char *const keys[] = {"frequency", "time", "energy", NULL};
    struct pp_row row = {ctx->stage, kind, 0, 0, 0, opt->line, opt->col};
    const struct pp_ynode *v;
    const char *s;
    char what[200];
    int rc;

    snprintf(what, sizeof what, "stage %d %s option", ctx->stage, ctx->kind);
    if ((rc = pp_ymap_check_keys(opt, y->name, what, keys, y->err)) != PP_OK)
        return rc;
    if (!(v = need(y, opt, ctx, "frequency")) ||
        !(s = plain_text(y, v, ctx, "frequency", "a positive integer (MHz)")))
        return PP_EINPUT;
    if ((rc = pp_field_mhz(y->name, v->line, v->col, ctx, s, &row.mhz,
                           y->err)) != PP_OK)
        return rc;
    struct pp_rowctx full = {ctx->stage, ctx->kind, row.mhz};
    if (!(v = need(y, opt, &full, "time")) ||
        !(s = plain_text(y, v, &full, "time", "a number")))
        return PP_EINPUT;
    if ((rc = pp_field_time(y->name, v->line, v->col, &full, s, &row.time,
                            y->err)) != PP_OK)
        return rc;
    if (!(v = need(y, opt, &full, "energy")) ||
        !(s = plain_text(y, v, &full, "energy", "a number")))
        return PP_EINPUT;
    if ((rc = pp_field_energy(y->name, v->line, v->col, &full, s, &row.energy,
                              y->err)) != PP_OK)
        return rc;
    return pp_rows_push(&y->rows, &row, y->err);
}

/*
 * Remember stage S (at AT); an error if an earlier entry had it.  Lines are
 * kept by stage number (S <= PP_MAX_STAGE, so at most 800 kB), which makes
 * this O(1): a search through the entries seen so far made a profile of
 * many stages quadratic.
 */
static int note_stage(struct yreader *y, const struct pp_ynode *at, int s)
{
    if ((size_t)s >= y->nseen) {
        size_t ncap = y->nseen ? y->nseen : 16;
        while (ncap <= (size_t)s)
            ncap *= 2;
        long *nl = realloc(y->seen_line, ncap * sizeof *nl);
        if (!nl)
            return pp_error_nomem(y->err);
        memset(nl + y->nseen, 0, (ncap - y->nseen) * sizeof *nl);
        y->seen_line = nl;
        y->nseen = ncap;
    }
    if (y->seen_line[s])
        return pp_error_at(y->err, PP_EINPUT, y->name, at->line, at->col,
                           "stage %d appears twice (first on line %ld)", s,
                           y->seen_line[s]);
    y->seen_line[s] = at->line;
    return PP_OK;
}

static int read_stage(struct yreader *y, const struct pp_ynode *entry)
{
    static const char *const keys[] = {"stage", "instructions", NULL};
    struct pp_rowctx ctx = {-1, NULL, 0};
    const struct pp_ynode *v, *ins;
    const char *s;
    int rc;

    if ((rc = pp_ymap_check_keys(entry, y->name, "a stage entry", keys,
                                 y->err)) != PP_OK)
        return rc;
    if (!(v = need(y, entry, NULL, "stage")) ||
        !(s = plain_text(y, v, NULL, "stage", "a non-negative integer")))
        return PP_EINPUT;
    if ((rc = pp_field_stage(y->name, v->line, v->col, s, &ctx.stage,
                             y->err)) != PP_OK ||
        (rc = note_stage(y, v, ctx.stage)) != PP_OK)
        return rc;
    if (!(ins = need(y, entry, &ctx, "instructions")))
        return PP_EINPUT;
    if (ins->type != PP_YMAP) {
        char got[80];
        return pp_error_at(y->err, PP_EINPUT, y->name, ins->line, ins->col,
                           "stage %d: instructions must be a mapping from "
                           "instruction to options, got %s",
                           ctx.stage, pp_ynode_describe(ins, got, sizeof got));
    }
    for (size_t i = 0; i < ins->n; i++) {
        const struct pp_ynode *key = ins->items[2 * i];
        const struct pp_ynode *opts = ins->items[2 * i + 1];
        int kind;
        ctx.kind = NULL;
        if ((rc = pp_field_kind(y->name, key->line, key->col, &ctx, key->str,
                                y->err)) != PP_OK ||
            (rc = pp_rows_kind(&y->rows, key->str, &kind, y->err)) != PP_OK)
            return rc;
        ctx.kind = key->str;
        if (opts->type != PP_YSEQ) {
            char got[80];
            return pp_error_at(
                y->err, PP_EINPUT, y->name, opts->line, opts->col,
                "stage %d %s: options must be a sequence, "
                "got %s",
                ctx.stage, ctx.kind, pp_ynode_describe(opts, got, sizeof got));
        }
        for (size_t j = 0; j < opts->n; j++)
            if ((rc = read_option(y, opts->items[j], &ctx, kind)) != PP_OK)
                return rc;
    }
    return PP_OK;
}

/* Metadata into P; the tree was already checked for unknown keys. */
static int read_metadata(struct yreader *y, const struct pp_ynode *root,
                         struct pp_profile *p)
{
    const struct pp_ynode *v;
    const char *s;
    int rc;

    if ((v = pp_ymap_get(root, "gpu"))) {
        if ((rc = pp_ynode_string(v, y->name, "gpu", &s, y->err)) != PP_OK)
            return rc;
        if (!(p->gpu = strdup(s)))
            return pp_error_nomem(y->err);
    }
    if ((v = pp_ymap_get(root, "blocking_power"))) {
        if ((rc = pp_ynode_double(v, y->name, "blocking_power (W per GPU)",
                                  &p->blocking_power, y->err)) != PP_OK)
            return rc;
        if (p->blocking_power < 0)
            return pp_error_at(y->err, PP_EINPUT, y->name, v->line, v->col,
                               "blocking_power must not be negative, got %s",
                               v->str);
        if (p->blocking_power > PP_MAX_BLOCKING_POWER)
            return pp_error_at(y->err, PP_EINPUT, y->name, v->line, v->col,
                               "blocking_power must be at most 1e6 W per GPU "
                               "(no GPU draws that much: milliwatts?), "
                               "got %.40s",
                               v->str);
    }
    return PP_OK;
}

/* The keys of the document's root mapping. */
static const char *const root_keys[] = {"format_version", "gpu",
                                        "blocking_power", "frequency_unit",
                                        "stages",         NULL};

/* format_version, frequency_unit, stages: everything before the rows. */
static int read_header(struct yreader *y, const struct pp_ynode *root,
                       const struct pp_ynode **stages)
{
    const char *const *keys = root_keys;
    const struct pp_ynode *v;
    const char *unit;
    long version;
    int rc;

    if ((rc = pp_ymap_check_keys(root, y->name, "the profile", keys, y->err)) !=
        PP_OK)
        return rc;
    if (!(v = need(y, root, NULL, "format_version")) ||
        (rc = pp_ynode_long(v, y->name, "format_version", &version, y->err)) !=
            PP_OK)
        return PP_EINPUT;
    if (version != 1)
        return pp_error_at(y->err, PP_EINPUT, y->name, v->line, v->col,
                           "unsupported format_version %ld (this version "
                           "reads format_version 1)",
                           version);
    if ((v = pp_ymap_get(root, "frequency_unit"))) {
        if ((rc = pp_ynode_string(v, y->name, "frequency_unit", &unit,
                                  y->err)) != PP_OK)
            return rc;
        if (strcasecmp(unit, "MHz") != 0)
            return pp_error_at(y->err, PP_EINPUT, y->name, v->line, v->col,
                               "frequency_unit must be MHz, got \"%s\"", unit);
    }
    if (!(v = need(y, root, NULL, "stages")))
        return PP_EINPUT;
    if (v->type != PP_YSEQ || v->n == 0) {
        char got[80];
        return pp_error_at(y->err, PP_EINPUT, y->name, v->line, v->col,
                           "stages must be a non-empty sequence, got %s",
                           v->type == PP_YSEQ
                               ? "an empty one"
                               : pp_ynode_describe(v, got, sizeof got));
    }
    *stages = v;
    return PP_OK;
}

int pp_profile_parse_yaml(struct pp_profile **out, const char *name,
                          const char *text, size_t len, struct pp_error *err)
{
    struct yreader y = {.name = name, .rows = {.name = name}, .err = err};
    struct pp_ynode *root = NULL;
    const struct pp_ynode *stages = NULL;
    struct pp_profile *p = NULL;
    int rc;

    *out = NULL;
    if ((rc = pp_yaml_load_keys(&root, name, text, len, root_keys,
                                "the profile", err)) != PP_OK ||
        (rc = read_header(&y, root, &stages)) != PP_OK)
        goto out;
    for (size_t i = 0; i < stages->n; i++)
        if ((rc = read_stage(&y, stages->items[i])) != PP_OK)
            goto out;
    if ((rc = pp_rows_finish(&y.rows, &p, err)) != PP_OK ||
        (rc = read_metadata(&y, root, p)) != PP_OK)
        goto out;
    p->hash = pp_hash_fnv1a64(text, len);
out:
    if (rc != PP_OK) {
        pp_profile_free(p);
        p = NULL;
    }
    *out = p;
    pp_rows_free(&y.rows);
    free(y.seen_line);
    pp_ynode_free(root);
    return rc;
}

/*
 * The code point of the UTF-8 sequence at S and its length in *len, or -1
 * (and *len 1) if S does not start a valid sequence.
 */
static long utf8_at(const unsigned char *s, int *len)
{
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    long cp = n == 4 ? s[0] & 0x07 : n == 3 ? s[0] & 0x0F : s[0] & 0x1F;
    *len = 1;
    if (n == 1 || s[0] > 0xF4)
        return -1;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    static const long least[5] = {0, 0, 0x80, 0x800, 0x10000}; /* overlong */
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = n;
    return cp;
}

/*
 * S as a YAML double-quoted scalar that reads back as the same bytes.
 * Escaped: '"', '\\', the C0 controls and DEL, and the code points libyaml
 * refuses in its input (C1 controls, U+FFFE, U+FFFF) or folds as line breaks
 * (U+0085, U+2028, U+2029), as \xNN or \uNNNN.
 */
static void put_quoted(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    while (*p) {
        unsigned char c = *p;
        int len;
        long cp;
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
            p++;
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(f, "\\x%02X", c);
            p++;
        } else if (c < 0x80) {
            fputc(c, f);
            p++;
        } else if ((cp = utf8_at(p, &len)) >= 0x80 && cp <= 0x9F) {
            fprintf(f, "\\x%02lX", cp);
            p += len;
        } else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFFFE ||
                   cp == 0xFFFF) {
            fprintf(f, "\\u%04lX", cp);
            p += len;
        } else { /* other UTF-8, or a byte that is not: as it is */
            fwrite(p, 1, (size_t)len, f);
            p += len;
        }
    }
    fputc('"', f);
}

int pp_profile_write_yaml(const struct pp_profile *p, FILE *f)
{
    char a[PP_NUM_BUFSZ], b[PP_NUM_BUFSZ];

    fputs("# perseus-plan profile, see perseus-plan-profiles(5)\n"
          "format_version: 1\n",
          f);
    if (p->gpu) {
        fputs("gpu: ", f);
        put_quoted(f, p->gpu);
        fputc('\n', f);
    }
    if (!isnan(p->blocking_power))
        fprintf(f, "blocking_power: %s\n", pp_num_format(a, p->blocking_power));
    fputs("frequency_unit: MHz\nstages:\n", f);
    for (int s = 0; s < p->nstages; s++) {
        fprintf(f, "  - stage: %d\n    instructions:\n", s);
        for (int k = 0; k < p->nkinds; k++) {
            const struct pp_opset *set = pp_profile_ops(p, s, k);
            const char *kn = p->kinds[k];
            /* Names are [A-Za-z0-9_.-]+; quote those YAML could misread. */
            if ((kn[0] >= 'a' && kn[0] <= 'z') ||
                (kn[0] >= 'A' && kn[0] <= 'Z') || kn[0] == '_')
                fprintf(f, "      %s:\n", kn);
            else
                fprintf(f, "      \"%s\":\n", kn);
            for (size_t i = 0; i < set->n; i++)
                fprintf(f, "        - {frequency: %d, time: %s, energy: %s}\n",
                        set->opt[i].mhz, pp_num_format(a, set->opt[i].time),
                        pp_num_format(b, set->opt[i].energy));
        }
    }
    return ferror(f) ? PP_EIO : PP_OK;
}
