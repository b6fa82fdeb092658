/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan.c - frequency plans and the project's plan format (YAML and JSON).
 *
 *   format_version: 1
 *   schedule: 1f1b
 *   gpus:
 *     - gpu: 0
 *       instructions:
 *         - {kind: forward, microbatch: 0, chunk: 0, frequency: 1410}
 *
 * One entry per GPU, in GPU order; each lists that GPU's instructions in
 * execution order.  Custom DAGs also carry each instruction's id.  JSON
 * is the same tree ("comment" holds the comment; YAML writes it as '#'
 * lines).  A plan written with its provenance (what it was made for,
 * provenance.c) is format_version 2 and holds it in "provenance"; one
 * without is format_version 1, as before, and both are read.  Reading goes through the YAML tree loader (JSON is YAML) and
 * checks the plan against the DAG position by position, so a plan written
 * for another schedule is rejected at the first instruction that differs.
 * Only integers and names are written, so the output does not depend on the
 * locale.  pp_plan_parse() also accepts the Zeus format (zeus.c): a plan
 * whose first token is '[' is a Python list, never a YAML/JSON mapping.
 */
#include "graph.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "json.h"
#include "readfile.h"
#include "yamltree.h"

int pp_plan_new(struct pp_plan **out, size_t n)
{
    struct pp_plan *plan = calloc(1, sizeof *plan);
    *out = NULL;
    if (!plan || !(plan->mhz = calloc(n ? n : 1, sizeof *plan->mhz))) {
        free(plan);
        return PP_ENOMEM;
    }
    plan->n = n;
    *out = plan;
    return PP_OK;
}

void pp_plan_free(struct pp_plan *plan)
{
    if (!plan)
        return;
    free(plan->mhz);
    free(plan->source);
    free(plan->line);
    free(plan->col);
    free(plan);
}

int pp_plan_track(struct pp_plan *plan, const char *name)
{
    size_t n = plan->n ? plan->n : 1;
    plan->source = strdup(name);
    plan->line = calloc(n, sizeof *plan->line);
    plan->col = calloc(n, sizeof *plan->col);
    return plan->source && plan->line && plan->col ? PP_OK : PP_ENOMEM;
}

int pp_is_name(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!isalnum((unsigned char)s[n]) && !strchr("_-.", s[n]))
            return 0;
    return n >= 1 && n <= 64;
}

void pp_put_yaml_scalar(FILE *f, const char *s)
{
    static const char *const special[] = {
        "null",  "Null",  "NULL", "true", "True", "TRUE", "false",
        "False", "FALSE", "yes",  "Yes",  "YES",  "no",   "No",
        "NO",    "on",    "On",   "ON",   "off",  "Off",  "OFF",
        "y",     "Y",     "n",    "N",    NULL};
    int plain = (isalpha((unsigned char)s[0]) || s[0] == '_') && pp_is_name(s);
    for (size_t k = 0; plain && special[k]; k++)
        if (strcmp(s, special[k]) == 0)
            plain = 0;
    if (plain)
        fputs(s, f);
    else
        pp_json_put_string(f, s);
}

/* Write COMMENT as "# " lines (one per line of COMMENT). */
static void put_comment_lines(FILE *f, const char *comment)
{
    while (comment && *comment) {
        size_t l = strcspn(comment, "\n");
        fprintf(f, "# %.*s\n", (int)l, comment);
        comment += l + (comment[l] == '\n');
    }
}

static void put_yaml(const struct pp_plan *plan, const struct pp_dag *dag,
                     const char *comment, const struct pp_provenance *prov,
                     FILE *f)
{
    put_comment_lines(f, comment);
    fprintf(f, "format_version: %d\nschedule: ", prov ? 2 : 1);
    pp_put_yaml_scalar(f, dag->schedule);
    if (prov) {
        fputs("\nprovenance:\n", f);
        pp_provenance_put_yaml(f, prov, 2);
        fputs("gpus:\n", f);
    } else {
        fputs("\ngpus:\n", f);
    }
    for (int g = 0; g < dag->ngpus; g++) {
        fprintf(f, "  - gpu: %d\n    instructions:%s\n", g,
                dag->gpu_off[g] == dag->gpu_off[g + 1] ? " []" : "");
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            const struct pp_instr *in = &dag->ins[i];
            fputs("      - {", f);
            if (in->id) {
                fputs("id: ", f);
                pp_put_yaml_scalar(f, in->id);
                fputs(", ", f);
            }
            fputs("kind: ", f);
            pp_put_yaml_scalar(f, dag->kinds[in->kind]);
            fprintf(f, ", microbatch: %d, chunk: %d, frequency: %d}\n", in->mb,
                    in->chunk, plan->mhz[i]);
        }
    }
}

static void put_json(const struct pp_plan *plan, const struct pp_dag *dag,
                     const char *comment, const struct pp_provenance *prov,
                     FILE *f)
{
    fprintf(f, "{\n  \"format_version\": %d,\n", prov ? 2 : 1);
    if (comment) {
        fputs("  \"comment\": ", f);
        pp_json_put_string(f, comment);
        fputs(",\n", f);
    }
    if (prov) {
        fputs("  \"provenance\": ", f);
        pp_provenance_put_json(f, prov);
        fputs(",\n", f);
    }
    fputs("  \"schedule\": ", f);
    pp_json_put_string(f, dag->schedule);
    fputs(",\n  \"gpus\": [", f);
    for (int g = 0; g < dag->ngpus; g++) {
        fprintf(f, "%s\n    {\"gpu\": %d, \"instructions\": [", g ? "," : "",
                g);
        for (size_t k = dag->gpu_off[g]; k < dag->gpu_off[g + 1]; k++) {
            size_t i = dag->gpu_seq[k];
            const struct pp_instr *in = &dag->ins[i];
            fputs(k > dag->gpu_off[g] ? ",\n      {" : "\n      {", f);
            if (in->id) {
                fputs("\"id\": ", f);
                pp_json_put_string(f, in->id);
                fputs(", ", f);
            }
            fputs("\"kind\": ", f);
            pp_json_put_string(f, dag->kinds[in->kind]);
            fprintf(f,
                    ", \"microbatch\": %d, \"chunk\": %d, \"frequency\": %d}",
                    in->mb, in->chunk, plan->mhz[i]);
        }
        fputs(dag->gpu_off[g] == dag->gpu_off[g + 1] ? "]}" : "\n    ]}", f);
    }
    fputs("\n  ]\n}\n", f);
}

int pp_plan_write_prov(const struct pp_plan *plan, const struct pp_dag *dag,
                       enum pp_plan_format format, const char *comment,
                       const struct pp_provenance *prov, FILE *f)
{
    if (!plan || !dag || plan->n != dag->n)
        return PP_EINPUT;
    if (format == PP_PLAN_YAML)
        put_yaml(plan, dag, comment, prov, f);
    else if (format == PP_PLAN_JSON)
        put_json(plan, dag, comment, prov, f);
    else if (format == PP_PLAN_ZEUS)
        return pp_plan_write_zeus(plan, dag, comment, prov, f);
    else
        return PP_EINPUT;
    return ferror(f) ? PP_EIO : PP_OK;
}

int pp_plan_write(const struct pp_plan *plan, const struct pp_dag *dag,
                  enum pp_plan_format format, const char *comment, FILE *f)
{
    return pp_plan_write_prov(plan, dag, format, comment, NULL, f);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */

struct reader {
    const char *name;
    const struct pp_dag *dag;
    struct pp_plan *plan;
    struct pp_provenance **prov; /* where the provenance goes, or NULL */
    struct pp_error *err;
};

/* Check field KEY of M (may be absent) is the integer WANT. */
static int check_int(struct reader *r, const struct pp_ynode *m,
                     const char *key, long want, const char *pos,
                     const char *label)
{
    const struct pp_ynode *v = pp_ymap_get(m, key);
    char what[160];
    long x;
    int rc;

    if (!v)
        return PP_OK;
    snprintf(what, sizeof what, "%s: %s", pos, key);
    if ((rc = pp_ynode_long(v, r->name, what, &x, r->err)) < 0)
        return rc;
    if (x != want)
        return pp_error_at(r->err, PP_EINPUT, r->name, v->line, v->col,
                           "%s: %s %ld does not match the schedule's %s", pos,
                           key, x, label);
    return PP_OK;
}

/* Check field KEY of M (may be absent) is the string WANT. */
static int check_str(struct reader *r, const struct pp_ynode *m,
                     const char *key, const char *want, const char *pos,
                     const char *label)
{
    const struct pp_ynode *v = pp_ymap_get(m, key);
    char what[160];
    const char *s;
    int rc;

    if (!v)
        return PP_OK;
    snprintf(what, sizeof what, "%s: %s", pos, key);
    if ((rc = pp_ynode_string(v, r->name, what, &s, r->err)) < 0)
        return rc;
    if (!want)
        return pp_error_at(r->err, PP_EINPUT, r->name, v->line, v->col,
                           "%s: %s given but the schedule's instructions have "
                           "none",
                           pos, key);
    if (strcmp(s, want) != 0)
        return pp_error_at(r->err, PP_EINPUT, r->name, v->line, v->col,
                           "%s: %s \"%.64s\" does not match the schedule's %s",
                           pos, key, s, label);
    return PP_OK;
}

static int read_item(struct reader *r, const struct pp_ynode *m, int g,
                     size_t k, size_t i)
{
    static const char *const keys[] = {"id",    "kind",      "microbatch",
                                       "chunk", "frequency", NULL};
    const struct pp_instr *in = &r->dag->ins[i];
    char pos[64], label[160], what[256];
    const struct pp_ynode *v;
    long mhz;
    int rc;

    snprintf(pos, sizeof pos, "gpu %d position %zu", g, k);
    pp_graph_label(r->dag, i, label, sizeof label);
    if ((rc = pp_ymap_check_keys(m, r->name, pos, keys, r->err)) < 0)
        return rc;
    /* chunk may be left out where every chunk is 0 */
    static const char *const required[] = {"kind", "microbatch", "frequency",
                                           "chunk"};
    for (size_t q = 0; q < (r->dag->chunks > 1 ? 4u : 3u); q++)
        if (!pp_ymap_get(m, required[q]))
            return pp_error_at(r->err, PP_EINPUT, r->name, m->line, m->col,
                               "%s (%s): missing field \"%s\"", pos, label,
                               required[q]);
    if ((rc = check_str(r, m, "kind", r->dag->kinds[in->kind], pos, label)) <
            0 ||
        (rc = check_str(r, m, "id", in->id, pos, label)) < 0 ||
        (rc = check_int(r, m, "microbatch", in->mb, pos, label)) < 0 ||
        (rc = check_int(r, m, "chunk", in->chunk, pos, label)) < 0)
        return rc;
    v = pp_ymap_get(m, "frequency");
    snprintf(what, sizeof what, "%s (%s): frequency", pos, label);
    if ((rc = pp_ynode_long(v, r->name, what, &mhz, r->err)) < 0)
        return rc;
    if (mhz <= 0 || mhz > INT_MAX)
        return pp_error_at(r->err, PP_EINPUT, r->name, v->line, v->col,
                           "%s must be a positive integer (MHz), got %ld", what,
                           mhz);
    r->plan->mhz[i] = (int)mhz;
    r->plan->line[i] = v->line;
    r->plan->col[i] = v->col;
    return PP_OK;
}

static int read_gpu(struct reader *r, const struct pp_ynode *e, int g)
{
    static const char *const keys[] = {"gpu", "instructions", NULL};
    const struct pp_dag *dag = r->dag;
    const struct pp_ynode *v, *list;
    char what[64];
    long x;
    int rc;

    snprintf(what, sizeof what, "gpus[%d]", g);
    if ((rc = pp_ymap_check_keys(e, r->name, what, keys, r->err)) < 0)
        return rc;
    if (!(v = pp_ymap_get(e, "gpu")) ||
        !(list = pp_ymap_get(e, "instructions")))
        return pp_error_at(r->err, PP_EINPUT, r->name, e->line, e->col,
                           "%s: missing field \"%s\"", what,
                           v ? "instructions" : "gpu");
    snprintf(what, sizeof what, "gpus[%d]: gpu", g);
    if ((rc = pp_ynode_long(v, r->name, what, &x, r->err)) < 0)
        return rc;
    if (x != g)
        return pp_error_at(r->err, PP_EINPUT, r->name, v->line, v->col,
                           "expected gpu %d here, got gpu %ld (gpus must be "
                           "listed in order 0..%d)",
                           g, x, dag->ngpus - 1);
    size_t want = dag->gpu_off[g + 1] - dag->gpu_off[g];
    if (list->type != PP_YSEQ)
        return pp_error_at(r->err, PP_EINPUT, r->name, list->line, list->col,
                           "gpu %d: instructions must be a list", g);
    if (list->n != want)
        return pp_error_at(r->err, PP_EINPUT, r->name, list->line, list->col,
                           "gpu %d: the plan lists %zu instructions but the "
                           "schedule has %zu",
                           g, list->n, want);
    for (size_t k = 0; k < want; k++)
        if ((rc = read_item(r, list->items[k], g, k,
                            dag->gpu_seq[dag->gpu_off[g] + k])) < 0)
            return rc;
    return PP_OK;
}

static int parse_project(struct reader *r, const char *text, size_t len)
{
    static const char *const keys[] = {"format_version", "schedule", "comment",
                                       "provenance", "gpus", NULL};
    struct pp_ynode *root = NULL;
    const struct pp_ynode *v;
    long version;
    int rc;

    if ((rc = pp_yaml_load_keys(&root, r->name, text, len, keys, "the plan",
                                r->err)) < 0 ||
        (rc = pp_ymap_check_keys(root, r->name, "the plan", keys, r->err)) < 0)
        goto out;
    rc = PP_EINPUT;
    if (!(v = pp_ymap_get(root, "format_version"))) {
        pp_error_at(r->err, rc, r->name, root->line, root->col,
                    "missing field \"format_version\"");
        goto out;
    }
    if ((rc = pp_ynode_long(v, r->name, "format_version", &version, r->err)) <
        0)
        goto out;
    rc = PP_EINPUT;
    if (version != 1 && version != 2) {
        pp_error_at(r->err, rc, r->name, v->line, v->col,
                    "unsupported format_version %ld (this version reads 1 "
                    "and 2)",
                    version);
        goto out;
    }
    if ((v = pp_ymap_get(root, "provenance"))) {
        struct pp_provenance *p = NULL;
        if (version < 2) {
            pp_error_at(r->err, rc, r->name, v->line, v->col,
                        "provenance needs format_version 2");
            goto out;
        }
        if ((rc = pp_provenance_from_node(&p, v, r->name, r->err)) < 0)
            goto out;
        if (r->prov)
            *r->prov = p;
        else
            pp_provenance_free(p);
        rc = PP_EINPUT;
    }
    if (!(v = pp_ymap_get(root, "gpus"))) {
        pp_error_at(r->err, rc, r->name, root->line, root->col,
                    "missing field \"gpus\"");
        goto out;
    }
    if (v->type != PP_YSEQ) {
        pp_error_at(r->err, rc, r->name, v->line, v->col,
                    "gpus must be a list");
        goto out;
    }
    if (v->n != (size_t)r->dag->ngpus) {
        pp_error_at(r->err, rc, r->name, v->line, v->col,
                    "the plan has %zu gpus but the schedule has %d", v->n,
                    r->dag->ngpus);
        goto out;
    }
    for (int g = 0; g < r->dag->ngpus; g++)
        if ((rc = read_gpu(r, v->items[g], g)) < 0)
            goto out;
    rc = PP_OK;
out:
    pp_ynode_free(root);
    return rc;
}

/* Does TEXT start, after a byte order mark, blanks and '#' comments,
 * with '['? */
static int looks_like_zeus(const char *text, size_t len)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len) {
        if (text[i] == '#')
            while (i < len && text[i] != '\n')
                i++;
        else if (isspace((unsigned char)text[i]))
            i++;
        else
            return text[i] == '[';
    }
    return 0;
}

int pp_plan_read(struct pp_plan **out, struct pp_provenance **prov,
                 const char *name, const char *text, size_t len,
                 const struct pp_dag *dag, struct pp_error *err)
{
    struct reader r = {.name = name, .dag = dag, .prov = prov, .err = err};
    int rc;

    *out = NULL;
    if (prov)
        *prov = NULL;
    if (looks_like_zeus(text, len)) {
        struct pp_provenance *p = NULL;
        if ((rc = pp_zeus_provenance(&p, name, text, len, err)) < 0)
            return rc;
        if (prov)
            *prov = p;
        else
            pp_provenance_free(p);
        return pp_plan_parse_zeus(out, name, text, len, dag, err);
    }
    if (pp_plan_new(&r.plan, dag->n) < 0)
        return pp_error_nomem(err);
    if (pp_plan_track(r.plan, name) < 0) {
        pp_plan_free(r.plan);
        return pp_error_nomem(err);
    }
    rc = parse_project(&r, text, len);
    if (rc < 0) {
        pp_plan_free(r.plan);
        return rc;
    }
    *out = r.plan;
    return PP_OK;
}

int pp_plan_parse(struct pp_plan **out, const char *name, const char *text,
                  size_t len, const struct pp_dag *dag, struct pp_error *err)
{
    return pp_plan_read(out, NULL, name, text, len, dag, err);
}

int pp_plan_load(struct pp_plan **out, const char *path,
                 const struct pp_dag *dag, struct pp_error *err)
{
    return pp_plan_read_file(out, NULL, path, dag, err);
}

int pp_plan_read_file(struct pp_plan **out, struct pp_provenance **prov,
                      const char *path, const struct pp_dag *dag,
                      struct pp_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    if (prov)
        *prov = NULL;
    rc = pp_read_file(path, &text, &len, err);
    if (rc < 0)
        goto out;
    rc = pp_plan_read(out, prov, strcmp(path, "-") == 0 ? "<stdin>" : path,
                      text, len, dag, err);
out:
    free(text);
    return rc;
}
