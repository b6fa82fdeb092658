/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_svg.c - the SVG pictures of planner/svg*.c.
 *
 * Each chart is rendered into memory for a small built-in case (1F1B, 4
 * GPUs, 6 microbatches; a profile of nine frequencies parsed from CSV text
 * written here; plans from pp_solver_plan_uniform or set by hand; pp_eval;
 * pp_frontier_solve) and read back by a small XML checker written here:
 * one root <svg>, tags balanced and properly nested, attributes quoted and
 * not repeated, only the five predefined entities and character
 * references, valid UTF-8.  It records every element with its parent, id,
 * fill, height and font size, so the tests can count what they expect: one
 * <rect> per instruction under <g id="boxes">, one critical-path bar per
 * critical instruction (thin, beside the boxes), the colour bar's ticks
 * and marks, names in every box once the page has grown, a window's boxes
 * only, the title's subject, the frontier's points before and past T*,
 * marked points, a line broken at a NaN, a series of NaN left out, a
 * vertical line and a spot, text of 10 px or more on a 3.5 in column;
 * panels stacked (ids unique, one x label, one legend); the straggler
 * sweep's chart (a line per GPU in each panel, the legend by T', the ring
 * at each factor on the line of the longest T', every point inside its
 * plot, the GPUs drawn past the limit, a single factor along the GPUs),
 * and `sweep --straggler --svg` run whole, its rings against its table.
 * When xmllint and rsvg-convert (a real renderer) are installed each
 * document is also checked with them.  Also: XML escaping of titles (with
 * invalid UTF-8), inconsistent input, write errors (/dev/full), numbers
 * under a decimal-comma locale, and a 64-GPU, 102400-instruction timeline
 * (size and no per-box extras at 1000 px; the default width's limit).
 */
#include <criterion/criterion.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "svg.h"

/* ------------------------------------------------------------------------ */
/* A tiny XML checker                                                       */

struct el {
    char name[16];
    char id[32];
    char fill[16];
    double height, font_size; /* the attributes, NAN if absent */
    long parent; /* index, -1 for the root */
    size_t text_at; /* offset of the text right after the start tag */
};

struct doc {
    const char *s;
    struct el *el;
    size_t nel, cap;
    char err[160];
};

static int is_name_char(char c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == ':' || (!first && ((c >= '0' && c <= '9') || c == '-' ||
                                   c == '.'));
}

static int valid_utf8(const unsigned char *p)
{
    while (*p) {
        size_t len = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2
                                 : (*p & 0xf0) == 0xe0 ? 3
                                 : (*p & 0xf8) == 0xf0 ? 4 : 0;
        if (!len || (len == 2 && *p < 0xc2))
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((p[k] & 0xc0) != 0x80)
                return 0;
        p += len;
    }
    return 1;
}

/* Character data up to STOP: entities must be known, no '<'. */
static const char *chars(struct doc *d, const char *p, char stop)
{
    static const char *const ent[] = {"amp;", "lt;", "gt;", "quot;",
                                      "apos;"};
    for (; *p && *p != stop; p++) {
        if (*p == '<' && stop != '<')
            return snprintf(d->err, sizeof d->err, "'<' in an attribute"),
                   NULL;
        if (*p != '&')
            continue;
        size_t k = 0;
        while (k < 5 && strncmp(p + 1, ent[k], strlen(ent[k])) != 0)
            k++;
        if (k == 5 && p[1] == '#') {
            const char *q = p + 2 + (p[2] == 'x');
            while ((*q >= '0' && *q <= '9') || (p[2] == 'x' &&
                   ((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F'))))
                q++;
            if (*q == ';' && q > p + 2 + (p[2] == 'x'))
                continue;
        }
        if (k == 5)
            return snprintf(d->err, sizeof d->err, "bad entity at %.10s", p),
                   NULL;
    }
    return p;
}

static int xml_parse(struct doc *d, const char *s)
{
    long stack[256];
    int depth = 0, roots = 0;
    const char *p = s;
    memset(d, 0, sizeof *d);
    d->s = s;
    if (!valid_utf8((const unsigned char *)s))
        return snprintf(d->err, sizeof d->err, "invalid UTF-8"), -1;
    while (*p) {
        if (*p != '<') {
            const char *q = chars(d, p, '<');
            if (!q)
                return -1;
            if (depth == 0)
                for (; p < q; p++)
                    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
                        return snprintf(d->err, sizeof d->err,
                                        "text outside the root"), -1;
            p = q;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0 || strncmp(p, "<?", 2) == 0) {
            const char *end = strstr(p, p[1] == '!' ? "-->" : "?>");
            if (!end)
                return snprintf(d->err, sizeof d->err, "unclosed"), -1;
            p = end + 2;
            continue;
        }
        int closing = p[1] == '/';
        const char *n = p + 1 + closing, *q = n;
        if (!is_name_char(*q, 1))
            return snprintf(d->err, sizeof d->err, "bad tag %.12s", p), -1;
        while (is_name_char(*q, 0))
            q++;
        size_t nlen = (size_t)(q - n);
        if (closing) {
            if (depth == 0 || strlen(d->el[stack[depth - 1]].name) != nlen ||
                strncmp(d->el[stack[depth - 1]].name, n, nlen) != 0)
                return snprintf(d->err, sizeof d->err, "mismatched </%.*s>",
                                (int)nlen, n), -1;
            depth--;
            while (*q == ' ' || *q == '\n')
                q++;
            if (*q != '>')
                return snprintf(d->err, sizeof d->err, "bad end tag"), -1;
            p = q + 1;
            continue;
        }
        if (depth == 0 && roots++)
            return snprintf(d->err, sizeof d->err, "two roots"), -1;
        if (d->nel == d->cap) {
            d->cap = d->cap ? 2 * d->cap : 1024;
            d->el = realloc(d->el, d->cap * sizeof *d->el);
            cr_assert_not_null(d->el);
        }
        struct el *e = &d->el[d->nel];
        memset(e, 0, sizeof *e);
        snprintf(e->name, sizeof e->name, "%.*s", (int)nlen, n);
        e->height = e->font_size = NAN;
        e->parent = depth ? stack[depth - 1] : -1;
        char seen[16][24];
        int nseen = 0;
        for (;;) {
            while (*q == ' ' || *q == '\n' || *q == '\t')
                q++;
            if (*q == '>' || (q[0] == '/' && q[1] == '>'))
                break;
            const char *a = q;
            if (!is_name_char(*q, 1))
                return snprintf(d->err, sizeof d->err, "bad attribute in "
                                "<%s>", e->name), -1;
            while (is_name_char(*q, 0))
                q++;
            int alen = (int)(q - a);
            for (int k = 0; k < nseen; k++)
                if ((int)strlen(seen[k]) == alen &&
                    strncmp(seen[k], a, (size_t)alen) == 0)
                    return snprintf(d->err, sizeof d->err, "repeated %.*s",
                                    alen, a), -1;
            if (nseen < 16)
                snprintf(seen[nseen++], sizeof seen[0], "%.*s", alen, a);
            if (q[0] != '=' || (q[1] != '"' && q[1] != '\''))
                return snprintf(d->err, sizeof d->err, "unquoted %.*s", alen,
                                a), -1;
            const char *v = q + 2, *end = chars(d, v, q[1]);
            if (!end)
                return -1;
            if (!*end)
                return snprintf(d->err, sizeof d->err, "unclosed value"),
                       -1;
            if (alen == 2 && strncmp(a, "id", 2) == 0)
                snprintf(e->id, sizeof e->id, "%.*s", (int)(end - v), v);
            if (alen == 4 && strncmp(a, "fill", 4) == 0)
                snprintf(e->fill, sizeof e->fill, "%.*s", (int)(end - v), v);
            if (alen == 6 && strncmp(a, "height", 6) == 0)
                e->height = strtod(v, NULL);
            if (alen == 9 && strncmp(a, "font-size", 9) == 0)
                e->font_size = strtod(v, NULL);
            q = end + 1;
        }
        d->nel++;
        if (*q == '/') {
            p = q + 2;
        } else {
            if (depth == 256)
                return snprintf(d->err, sizeof d->err, "too deep"), -1;
            stack[depth++] = (long)(d->nel - 1);
            p = q + 1;
        }
        e->text_at = (size_t)(p - s);
    }
    if (depth)
        return snprintf(d->err, sizeof d->err, "<%s> not closed",
                        d->el[stack[depth - 1]].name), -1;
    if (roots != 1 || strcmp(d->el[0].name, "svg") != 0)
        return snprintf(d->err, sizeof d->err, "root is not <svg>"), -1;
    return 0;
}

/* Is element K inside (or itself) the element with id ID? */
static int within(const struct doc *d, size_t k, const char *id)
{
    for (long a = (long)k; a >= 0; a = d->el[a].parent)
        if (strcmp(d->el[a].id, id) == 0)
            return 1;
    return 0;
}

/* Elements NAME inside the element with id ID (any id if NULL). */
static size_t count(const struct doc *d, const char *name, const char *id)
{
    size_t c = 0;
    for (size_t k = 0; k < d->nel; k++)
        c += strcmp(d->el[k].name, name) == 0 && (!id || within(d, k, id));
    return c;
}

/* Is there a <text> inside ID whose text starts with TEXT then '<'? */
static int has_text(const struct doc *d, const char *id, const char *text)
{
    size_t len = strlen(text);
    for (size_t k = 0; k < d->nel; k++)
        if (strcmp(d->el[k].name, "text") == 0 && (!id || within(d, k, id)) &&
            strncmp(d->s + d->el[k].text_at, text, len) == 0 &&
            d->s[d->el[k].text_at + len] == '<')
            return 1;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Rendering into memory                                                    */

struct out {
    char *buf;
    size_t len;
    FILE *f;
};

static void out_begin(struct out *o)
{
    o->buf = NULL;
    o->f = open_memstream(&o->buf, &o->len);
    cr_assert_not_null(o->f);
}

/* The document's page width: its root's width, which its viewBox
 * repeats. */
static double page_width(const char *s)
{
    const char *p = strstr(s, "<svg ");
    double w = -1, vw = -2;
    cr_assert_not_null(p);
    cr_assert_eq(sscanf(strstr(p, " width=\""), " width=\"%lf\"", &w), 1);
    cr_assert_eq(sscanf(strstr(p, " viewBox=\"0 0 "), " viewBox=\"0 0 %lf", &vw),
                 1);
    cr_assert_eq(w, vw, "width %g, viewBox width %g", w, vw);
    return w;
}

/* Run TOOL ARGS on O's document in a file, its output discarded (its
 * stderr must stay empty); its exit status, or -1 when TOOL is not
 * installed. */
static int run_tool(const struct out *o, const char *tool, const char *args)
{
    char cmd[512], path[] = "/tmp/test_svg_XXXXXX", err[64];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    if (system(cmd) != 0)
        return -1;
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, o->buf, o->len), (ssize_t)o->len);
    close(fd);
    snprintf(err, sizeof err, "%s.err", path);
    snprintf(cmd, sizeof cmd, "%s %s %s >/dev/null 2>%s", tool, args, path,
             err);
    int rc = system(cmd);
    FILE *f = fopen(err, "r");
    cr_assert_not_null(f);
    int c = fgetc(f);
    fclose(f);
    unlink(err);
    unlink(path);
    cr_assert_eq(c, EOF, "%s wrote to stderr", tool);
    return rc;
}

/* Close O, check the document into D; with xmllint and rsvg-convert (a
 * real renderer), when installed, too. */
static void out_check(struct out *o, struct doc *d)
{
    cr_assert_eq(fclose(o->f), 0);
    cr_assert_eq(xml_parse(d, o->buf), 0, "not well-formed: %s", d->err);
    cr_assert(strstr(o->buf, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    double w = page_width(o->buf);
    cr_assert(w >= SVG_WIDTH_MIN && w <= SVG_WIDTH_MAX, "width %g", w);
    int rc = run_tool(o, "xmllint", "--noout --nonet --huge");
    cr_assert(rc == -1 || rc == 0, "xmllint rejects the document");
    rc = run_tool(o, "rsvg-convert", "");
    cr_assert(rc == -1 || rc == 0, "rsvg-convert cannot render the document");
}

static void doc_free(struct doc *d, struct out *o)
{
    free(d->el);
    free(o->buf);
}

/* ------------------------------------------------------------------------ */
/* Inputs                                                                   */

/* The profile's frequencies, and three of them. */
static const int all_freqs[9] = {1410, 1350, 1290, 1245, 1200,
                                 1140, 1080, 1035, 990};
static const int freqs[3] = {1410, 1200, 990};

/* S stages, forward/backward at nine frequencies: lower is slower and,
 * per execution, cheaper. */
static struct pp_profile *profile(int S)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    fprintf(f, "stage,instruction,frequency,time,energy\n");
    for (int s = 0; s < S; s++)
        for (int k = 0; k < 2; k++)
            for (int q = 0; q < 9; q++) {
                double t = (0.040 + 0.002 * (s % 4)) * (k ? 2 : 1) *
                           pow(1410.0 / all_freqs[q], 0.9);
                double w = 120 + 180 * pow(all_freqs[q] / 1410.0, 2);
                fprintf(f, "%d,%s,%d,%.6f,%.6f\n", s, k ? "backward" :
                        "forward", all_freqs[q], t, t * w);
            }
    cr_assert_eq(fclose(f), 0);
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_profile_parse_csv(&p, "mem.csv", text, len, &err), 0,
                 "%s", err.msg);
    free(text);
    return p;
}

struct cas {
    struct pp_profile *prof;
    struct pp_dag *dag;
    struct pp_plan *plan;
    struct pp_eval *ev;
    struct pp_energy en;
};

/* 1F1B on S GPUs, M microbatches; MIXED 1: frequencies cycle by index
 * through freqs[], 2: through all_freqs[]; 0: all at the maximum. */
static void setup(struct cas *c, int S, int M, int mixed)
{
    struct pp_error err = {0};
    c->prof = profile(S);
    c->en.blocking_power = 60;
    c->en.gpus_per_stage = 1;
    cr_assert_eq(pp_graph_build(&c->dag, PP_SCHED_1F1B, S, M, 1, &err), 0);
    cr_assert_eq(pp_solver_plan_uniform(&c->plan, c->dag, c->prof,
                                        PP_FREQ_MAX, &c->en, &err),
                 0, "%s", err.msg);
    for (size_t i = 0; mixed && i < c->dag->n; i++)
        c->plan->mhz[i] = mixed == 1 ? freqs[i % 3] : all_freqs[i % 9];
    cr_assert_eq(pp_eval(&c->ev, c->dag, c->prof, c->plan, &c->en, &err), 0,
                 "%s", err.msg);
}

static void teardown(struct cas *c)
{
    pp_eval_free(c->ev);
    pp_plan_free(c->plan);
    pp_graph_free(c->dag);
    pp_profile_free(c->prof);
}


/* ------------------------------------------------------------------------ */
/* Timeline                                                                 */

/* INFO with only a title. */
static struct svg_info titled(const char *title)
{
    struct svg_info in;
    memset(&in, 0, sizeof in);
    in.title = title;
    return in;
}

/* Every font-size outside the boxes' names is at least MIN px, theirs at
 * least 6.5 px. */
static void fonts_at_least(const struct doc *d, double min)
{
    for (size_t k = 0; k < d->nel; k++) {
        double fs = d->el[k].font_size;
        if (isnan(fs))
            continue;
        double lim = within(d, k, "labels") ? 6.5 : min;
        cr_assert_geq(fs, lim, "<%s> in %ld: font-size %g < %g",
                      d->el[k].name, d->el[k].parent, fs, lim);
    }
}

/* Occurrences of S in the document. */
static size_t occurrences(const char *buf, const char *s)
{
    size_t n = 0;
    for (const char *p = strstr(buf, s); p; p = strstr(p + 1, s))
        n++;
    return n;
}

Test(svg, timeline_elements)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("1F1B 4x6");
    setup(&c, 4, 6, 0);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(count(&d, "rect", "boxes"), c.dag->n);
    cr_assert_eq(count(&d, "rect", "critical"), c.ev->ncritical);
    cr_assert(c.ev->ncritical > 0);
    for (int g = 0; g < 4; g++) {
        char label[16];
        snprintf(label, sizeof label, "GPU %d", g);
        cr_assert(has_text(&d, "rows", label), "no %s", label);
    }
    cr_assert(!has_text(&d, "rows", "GPU 4"));
    cr_assert(has_text(&d, "axes", "time (s)"));
    cr_assert(has_text(&d, "head", "1F1B 4x6"));
    cr_assert(has_text(&d, "legend", "frequency (MHz)"));
    cr_assert(has_text(&d, "legend", "1410"));
    cr_assert(!has_text(&d, "legend", "1200"));
    /* one swatch, the critical path's sample (box and bar) and idle's */
    cr_assert_eq(count(&d, "rect", "legend"), 4);
    char crit[64];
    snprintf(crit, sizeof crit, "critical path (%zu instructions)",
             c.ev->ncritical);
    cr_assert(has_text(&d, "legend", crit));
    /* the critical path is a bar beside the boxes, not over them */
    double box_h = INFINITY, bar_h = 0;
    for (size_t k = 0; k < d.nel; k++) {
        if (strcmp(d.el[k].name, "rect"))
            continue;
        if (within(&d, k, "boxes") && d.el[k].height < box_h)
            box_h = d.el[k].height;
        if (within(&d, k, "critical") && d.el[k].height > bar_h)
            bar_h = d.el[k].height;
    }
    cr_assert(bar_h > 0 && bar_h <= 4 && box_h > 6 * bar_h,
              "critical bars %g px high, boxes %g px", bar_h, box_h);
    /* boxes are tens of pixels wide here: names inside them */
    cr_assert(has_text(&d, "labels", "F0"));
    cr_assert(has_text(&d, "labels", "B5"));
    cr_assert(!has_text(&d, "labels", "F6"));
    doc_free(&d, &o);
    teardown(&c);
}

Test(svg, timeline_colour_scale)
{
    struct cas c;
    struct out o;
    struct doc d;
    setup(&c, 4, 6, 1);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, NULL), 0);
    out_check(&o, &d);
    cr_assert_eq(count(&d, "rect", "boxes"), c.dag->n);
    /* three frequencies: each a tick of the colour bar */
    for (int q = 0; q < 3; q++) {
        char mhz[16];
        snprintf(mhz, sizeof mhz, "%d", freqs[q]);
        cr_assert(has_text(&d, "legend", mhz), "no tick for %s", mhz);
    }
    cr_assert_eq(count(&d, "linearGradient", NULL), 1);
    cr_assert_eq(count(&d, "stop", NULL), 9);
    cr_assert_eq(count(&d, "rect", "legend"), 1 + 2 + 1);
    cr_assert_eq(occurrences(o.buf, "v-3"), 3); /* marks: frequencies used */
    /* three colours among the boxes' groups, as many as frequencies */
    char fills[8][16];
    int nfill = 0;
    for (size_t k = 0; k < d.nel; k++) {
        if (strcmp(d.el[k].name, "g") || !d.el[k].fill[0] ||
            !within(&d, k, "boxes"))
            continue;
        int j = 0;
        while (j < nfill && strcmp(fills[j], d.el[k].fill))
            j++;
        if (j == nfill) {
            cr_assert(nfill < 8);
            snprintf(fills[nfill++], sizeof fills[0], "%s", d.el[k].fill);
        }
    }
    cr_assert_eq(nfill, 3);
    doc_free(&d, &o);
    teardown(&c);
}

Test(svg, timeline_colour_bar_round_ticks)
{
    struct cas c;
    struct out o;
    struct doc d;
    setup(&c, 4, 6, 2);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, NULL), 0);
    out_check(&o, &d);
    /* nine frequencies: ticks at round values, a mark at each used */
    cr_assert_eq(occurrences(o.buf, "v-3"), 9);
    cr_assert(has_text(&d, "legend", "1000"));
    cr_assert(has_text(&d, "legend", "1400"));
    cr_assert(!has_text(&d, "legend", "990"));
    cr_assert(!has_text(&d, "legend", "1245"));
    doc_free(&d, &o);
    teardown(&c);
}

Test(svg, timeline_without_plan)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("no plan");
    setup(&c, 4, 6, 0);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, NULL, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(count(&d, "rect", "boxes"), c.dag->n);
    cr_assert(has_text(&d, "legend", "not given"));
    doc_free(&d, &o);
    teardown(&c);
}

Test(svg, title_escaped)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("a<b & \"c\" 'd' \xff\x01 \xc3\xa9");
    setup(&c, 1, 2, 0);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "head",
                       "a&lt;b &amp; &quot;c&quot; &apos;d&apos; ?  \xc3\xa9"));
    cr_assert_eq(count(&d, "rect", "boxes"), c.dag->n);
    doc_free(&d, &o);
    teardown(&c);
}

/* The subject: profile without directories and extension, the GPU only
 * where the profile's name lacks it, schedule and sizes; the plan, its
 * time and energy under the title. */
Test(svg, timeline_subject)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in;
    memset(&in, 0, sizeof in);
    in.profile = "/data/x/gpt3-175b+a100_sxm_bf16.csv";
    in.gpu = "A100";
    in.plan = "p.yaml";
    setup(&c, 4, 6, 0);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "head", "Timeline: gpt3-175b+a100_sxm_bf16, 1F1B, "
                                   "S\xc2\xa0=\xc2\xa0" "4, M\xc2\xa0=\xc2\xa0"
                                   "6"));
    char note[128];
    snprintf(note, sizeof note, "plan p.yaml: iteration time %.6g\xc2\xa0s",
             c.ev->time);
    cr_assert(strstr(o.buf, note), "no \"%s\"", note);
    doc_free(&d, &o);
    in.profile = "prof.yaml";
    in.gpu = "H100";
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert(strstr(o.buf, ">Timeline: prof on H100, 1F1B, S"));
    doc_free(&d, &o);
    teardown(&c);
}

/* By default the page grows until every box holds its name; at 1000 px
 * the forward boxes are too narrow. */
Test(svg, timeline_width_grows)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("t");
    setup(&c, 4, 24, 0);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert_gt(page_width(o.buf), 1000);
    cr_assert_eq(count(&d, "text", "labels"), c.dag->n);
    doc_free(&d, &o);
    in.width = 1000;
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(page_width(o.buf), 1000);
    cr_assert_lt(count(&d, "text", "labels"), c.dag->n);
    doc_free(&d, &o);
    teardown(&c);
}

/* A window: only the boxes that overlap it, and the head says so. */
Test(svg, timeline_window)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("t");
    setup(&c, 4, 24, 1);
    in.t0 = c.ev->time / 4;
    in.t1 = c.ev->time / 2;
    size_t inside = 0;
    for (size_t i = 0; i < c.dag->n; i++)
        inside += c.ev->start[i] < in.t1 &&
                  c.ev->start[i] + c.ev->dur[i] > in.t0;
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert(inside > 0 && inside < c.dag->n);
    cr_assert_eq(count(&d, "rect", "boxes"), inside);
    cr_assert(strstr(o.buf, "; showing "));
    cr_assert_leq(count(&d, "rect", "critical"), c.ev->ncritical);
    doc_free(&d, &o);
    /* a window past the iteration: empty, not the whole iteration */
    in.t0 = c.ev->time * 2;
    in.t1 = c.ev->time * 3;
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(count(&d, "rect", "boxes"), 0);
    cr_assert(strstr(o.buf, "; showing "));
    doc_free(&d, &o);
    teardown(&c);
}

/* On a 3.5 in column (336 px) the text stays at 10 px or more. */
Test(svg, timeline_narrow_legible)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("Timeline of a long title that wraps");
    in.width = 336;
    setup(&c, 8, 16, 1);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(page_width(o.buf), 336);
    fonts_at_least(&d, 10);
    cr_assert_eq(count(&d, "rect", "boxes"), c.dag->n);
    doc_free(&d, &o);
    teardown(&c);
}

Test(svg, timeline_rejects_foreign_plan)
{
    struct cas c;
    struct pp_plan *p = NULL;
    setup(&c, 4, 6, 0);
    cr_assert_eq(pp_plan_new(&p, c.dag->n - 1), 0);
    FILE *f = fopen("/dev/null", "w");
    cr_assert_not_null(f);
    cr_assert_eq(svg_timeline(f, c.dag, c.ev, p, NULL), PP_EINPUT);
    fclose(f);
    pp_plan_free(p);
    teardown(&c);
}

Test(svg, timeline_64_gpus_100k_instructions, .timeout = 120)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("big");
    in.width = 1000;
    setup(&c, 64, 800, 1);
    cr_assert_eq(c.dag->n, 102400);
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(count(&d, "rect", "boxes"), c.dag->n);
    /* boxes under a pixel: no tooltips or names, about 50 bytes a box */
    cr_assert_eq(count(&d, "title", "boxes"), 0);
    cr_assert_eq(count(&d, "text", "labels"), 0);
    cr_assert_lt(o.len, 60 * c.dag->n + 200000, "%zu bytes", o.len);
    cr_assert(has_text(&d, "rows", "GPU 63"));
    doc_free(&d, &o);
    /* by default the page grows, up to its limit */
    in.width = 0;
    out_begin(&o);
    cr_assert_eq(svg_timeline(o.f, c.dag, c.ev, c.plan, &in), 0);
    cr_assert_eq(fclose(o.f), 0);
    cr_assert_eq(page_width(o.buf), SVG_WIDTH_AUTO_MAX);
    free(o.buf);
    teardown(&c);
}

/* ------------------------------------------------------------------------ */
/* Frontier                                                                 */

static struct pp_frontier *frontier(const struct cas *c)
{
    struct pp_solve_opts so;
    struct pp_frontier *fr = NULL;
    struct pp_error err = {0};
    pp_solve_opts_init(&so);
    so.energy = c->en;
    cr_assert_eq(pp_frontier_solve(&fr, c->dag, c->prof, &so, &err), 0,
                 "%s", err.msg);
    cr_assert(fr->npoints >= 2);
    return fr;
}

/* Points in the polyline with id ID, 0 if there is none. */
static size_t polyline_points(const char *s, const char *id)
{
    char key[64];
    snprintf(key, sizeof key, "<polyline id=\"%s\"", id);
    const char *p = strstr(s, key);
    if (!p)
        return 0;
    p = strstr(p, "points=\"");
    cr_assert_not_null(p);
    size_t n = 0;
    for (p += 8; *p != '"'; p++)
        n += *p == ',';
    return n;
}

Test(svg, frontier_elements)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in = titled("frontier");
    setup(&c, 4, 6, 0);
    struct pp_frontier *fr = frontier(&c);
    double tmin = fr->pts[pp_frontier_fastest(fr)].time;
    double tstar = fr->pts[pp_frontier_min_energy(fr)].time;
    long chosen = pp_frontier_lookup(fr, tmin * 1.05);
    size_t beyond = 0;
    for (size_t p = 0; p < fr->npoints; p++)
        beyond += fr->pts[p].time > tstar;
    cr_assert(chosen >= 0);
    cr_assert(beyond > 0, "no point past T*: the test shows less");
    out_begin(&o);
    cr_assert_eq(svg_frontier(o.f, fr, chosen, c.ev->time, c.ev->e_total,
                              &in), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "axes", "iteration time (s)"));
    cr_assert(has_text(&d, "axes", "energy (J)"));
    /* up to T* solid, past it (from T* on) dashed */
    cr_assert_eq(polyline_points(o.buf, "frontier"), fr->npoints - beyond);
    cr_assert_eq(polyline_points(o.buf, "beyond"), beyond ? beyond + 1 : 0);
    cr_assert_eq(strstr(o.buf, ">past T* (") != NULL, beyond > 0);
    cr_assert(has_text(&d, "marks", "T*"));
    cr_assert(has_text(&d, "marks", "all-max"));
    /* the chosen point is T_min or its own label */
    cr_assert(has_text(&d, "marks", "T_min") ||
              has_text(&d, "marks", "chosen = T_min"));
    cr_assert(strstr(o.buf, ">chosen"));
    cr_assert(has_text(&d, "legend", "chosen point"));
    cr_assert(has_text(&d, "legend", "T*: minimum energy"));
    doc_free(&d, &o);

    /* no chosen point, no baseline */
    out_begin(&o);
    cr_assert_eq(svg_frontier(o.f, fr, -1, NAN, NAN, NULL), 0);
    out_check(&o, &d);
    cr_assert_null(strstr(o.buf, "chosen"));
    cr_assert_null(strstr(o.buf, "all-max"));
    cr_assert(has_text(&d, "marks", "T_min"));
    cr_assert_eq(polyline_points(o.buf, "frontier") +
                     polyline_points(o.buf, "beyond"),
                 fr->npoints + (beyond > 0));
    doc_free(&d, &o);
    pp_frontier_free(fr);
    teardown(&c);
}

/* The title names the subject and the model; on a 3.5 in column the
 * legend keeps the names only and the text stays at 10 px or more. */
Test(svg, frontier_subject_and_column)
{
    struct cas c;
    struct out o;
    struct doc d;
    struct svg_info in;
    memset(&in, 0, sizeof in);
    in.profile = "profiles/mem.csv";
    in.schedule = "1f1b";
    in.stages = 4;
    in.microbatches = 6;
    in.model = "exact";
    setup(&c, 4, 6, 0);
    struct pp_frontier *fr = frontier(&c);
    out_begin(&o);
    cr_assert_eq(svg_frontier(o.f, fr, 0, c.ev->time, c.ev->e_total, &in), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "head", "Time-energy frontier: mem, 1F1B, "
                                   "S\xc2\xa0=\xc2\xa0" "4, M\xc2\xa0=\xc2\xa0"
                                   "6"));
    cr_assert(strstr(o.buf, ">exact model: "));
    doc_free(&d, &o);
    in.width = 336;
    out_begin(&o);
    cr_assert_eq(svg_frontier(o.f, fr, 0, c.ev->time, c.ev->e_total, &in), 0);
    out_check(&o, &d);
    cr_assert_eq(page_width(o.buf), 336);
    fonts_at_least(&d, 10);
    cr_assert(has_text(&d, "legend", "T*"));
    cr_assert(has_text(&d, "legend", "chosen"));
    cr_assert(!has_text(&d, "legend", "T*: minimum energy"));
    doc_free(&d, &o);
    pp_frontier_free(fr);
    teardown(&c);
}

/* ------------------------------------------------------------------------ */
/* Line chart                                                               */

/* Number of 'M' (pen-up moves) in the d attribute of the Sth <path> under
 * the element with id "series". */
static int moves(const struct doc *d, size_t s)
{
    for (size_t k = 0; k < d->nel; k++) {
        if (strcmp(d->el[k].name, "path") || !within(d, k, "series") ||
            s-- > 0)
            continue;
        /* the start tag ends just before text_at */
        const char *end = d->s + d->el[k].text_at, *p = end;
        while (p > d->s && p[-1] != '<')
            p--;
        const char *q = strstr(p, " d=\"");
        cr_assert(q && q < end);
        int m = 0;
        for (q += 4; *q != '"'; q++)
            m += *q == 'M';
        return m;
    }
    cr_assert_fail("no path %zu", s);
    return -1;
}

Test(svg, lines_break_at_nan)
{
    struct out o;
    struct doc d;
    double x[5] = {0, 0.05, 0.1, 0.15, 0.2};
    double a[5] = {0, 8, 12, 14, 15}, b[5] = {1, 7, NAN, 13, 14};
    const struct svg_series ser[2] = {{"exact", a, 0, NULL},
                                      {"lowtime & co", b, 0, NULL}};
    const char *notes[2] = {"profile mem.csv", "second note"};
    struct svg_chart c;
    struct svg_info in = titled("sweep");
    memset(&c, 0, sizeof c);
    c.xlabel = "slowdown s";
    c.ylabel = "savings (%)";
    c.n = 5;
    c.x = x;
    c.nseries = 2;
    c.series = ser;
    c.notes = notes;
    c.nnotes = 2;
    out_begin(&o);
    cr_assert_eq(svg_lines(o.f, &c, &in), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "head", "sweep"));
    cr_assert(has_text(&d, "axes", "slowdown s"));
    cr_assert(strstr(o.buf, ">savings (%)</text>"));
    cr_assert(has_text(&d, "legend", "exact"));
    cr_assert(has_text(&d, "legend", "lowtime &amp; co"));
    cr_assert(has_text(&d, "head", "profile mem.csv"));
    cr_assert(has_text(&d, "head", "second note"));
    cr_assert_eq(count(&d, "path", "series"), 2);
    cr_assert_eq(moves(&d, 0), 1);
    cr_assert_eq(moves(&d, 1), 2);
    /* 5 + 4 point markers */
    cr_assert_eq(count(&d, "circle", "series"), 9);
    doc_free(&d, &o);
}

/* A series of NaN only is left out, legend included; the y axis from
 * zero; a vertical line inside the x range named at the plot's top and in
 * the legend, one outside left out; a spot ringed and labelled. */
Test(svg, lines_marks_and_missing_series)
{
    struct out o;
    struct doc d;
    double x[4] = {1.0, 1.1, 1.2, 1.3};
    double a[4] = {12, 20, 25, 24}, b[4] = {11, 11, 10, 10};
    double none[4] = {NAN, NAN, NAN, NAN};
    const struct svg_series ser[3] = {{"EnvPipe", b, 0, NULL},
                                      {"Perseus", a, 0, NULL},
                                      {"published", none, 1, NULL}};
    const struct svg_vline vl[2] = {{1.15, "T*", "T* (minimum energy)"},
                                    {2.0, "far", "far away"}};
    const struct svg_spot sp = {1, 2, "peak 25%"};
    struct svg_chart c;
    memset(&c, 0, sizeof c);
    c.what = "Energy saving";
    c.n = 4;
    c.x = x;
    c.nseries = 3;
    c.series = ser;
    c.vlines = vl;
    c.nvlines = 2;
    c.spots = &sp;
    c.nspots = 1;
    c.y_from_zero = 1;
    out_begin(&o);
    cr_assert_eq(svg_lines(o.f, &c, NULL), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "head", "Energy saving"));
    cr_assert_eq(count(&d, "path", "series"), 2);
    cr_assert(has_text(&d, "legend", "Perseus"));
    cr_assert(!has_text(&d, "legend", "published"));
    cr_assert(has_text(&d, "axes", "0"));
    cr_assert_eq(count(&d, "path", "vlines"), 1);
    cr_assert(has_text(&d, "vlines", "T*"));
    cr_assert(has_text(&d, "legend", "T* (minimum energy)"));
    cr_assert(!strstr(o.buf, "far"));
    cr_assert_eq(count(&d, "circle", "spots"), 1);
    cr_assert(strstr(o.buf, ">peak 25%</text>"));
    doc_free(&d, &o);
}

/* ------------------------------------------------------------------------ */
/* Stacked panels and the straggler chart                                   */

/* The start tag of element K: from its '<' to just before its text. */
static const char *tag_of(const struct doc *d, size_t k, const char **end)
{
    const char *p = d->s + d->el[k].text_at;
    *end = p;
    while (p > d->s && p[-1] != '<')
        p--;
    return p;
}

/* Attribute NAME of element K as a number; NAN if it has none. */
static double attr_num(const struct doc *d, size_t k, const char *name)
{
    const char *end, *p = tag_of(d, k, &end);
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *a = strstr(p, key);
    return a && a < end ? strtod(a + strlen(key), NULL) : NAN;
}

/* Index of the Nth (from 0) element NAME inside ID, or d->nel. */
static size_t nth(const struct doc *d, const char *name, const char *id,
                  size_t n)
{
    for (size_t k = 0; k < d->nel; k++)
        if (!strcmp(d->el[k].name, name) && within(d, k, id) && n-- == 0)
            return k;
    return d->nel;
}

/* The points of the Nth <path> inside ID, up to MAX, into XY; how many. */
static size_t path_xy(const struct doc *d, const char *id, size_t n,
                      double (*xy)[2], size_t max)
{
    size_t k = nth(d, "path", id, n), m = 0;
    cr_assert_lt(k, d->nel, "no path %zu in %s", n, id);
    const char *end, *p = strstr(tag_of(d, k, &end), " d=\"");
    cr_assert(p && p < end);
    for (p += 4; *p != '"' && m < max;) {
        char *q;
        p++; /* M or L */
        xy[m][0] = strtod(p, &q);
        xy[m][1] = strtod(q, &q);
        m++;
        p = q;
        while (*p == ' ')
            p++;
    }
    return m;
}

/* The text of the Nth <text> inside ID, as written, in BUF. */
static void nth_text(const struct doc *d, const char *id, size_t n, char *buf,
                     size_t len)
{
    size_t k = nth(d, "text", id, n);
    cr_assert_lt(k, d->nel, "no text %zu in %s", n, id);
    const char *t = d->s + d->el[k].text_at;
    snprintf(buf, len, "%.*s", (int)strcspn(t, "<"), t);
}

/* Every id in D only once. */
static void ids_unique(const struct doc *d)
{
    for (size_t a = 0; a < d->nel; a++)
        for (size_t b = a + 1; *d->el[a].id && b < d->nel; b++)
            cr_assert(strcmp(d->el[a].id, d->el[b].id), "id %s twice",
                      d->el[a].id);
}

/* The plot rectangle of group ID (an "axes" group): x, y, w, h. */
static void plot_rect(const struct doc *d, const char *id, double r[4])
{
    size_t k = nth(d, "rect", id, 0);
    cr_assert_lt(k, d->nel, "no rect in %s", id);
    r[0] = attr_num(d, k, "x");
    r[1] = attr_num(d, k, "y");
    r[2] = attr_num(d, k, "width");
    r[3] = d->el[k].height;
}

/* Every point of the paths inside SERIES lies in the plot of AXES. */
static void paths_inside(const struct doc *d, const char *series,
                         const char *axes)
{
    double r[4], xy[64][2];
    plot_rect(d, axes, r);
    for (size_t n = 0; n < count(d, "path", series); n++) {
        size_t m = path_xy(d, series, n, xy, 64);
        for (size_t k = 0; k < m; k++)
            cr_assert(xy[k][0] >= r[0] - 0.01 && xy[k][0] <= r[0] + r[2] +
                      0.01 && xy[k][1] >= r[1] - 0.01 &&
                      xy[k][1] <= r[1] + r[3] + 0.01,
                      "%s path %zu point %zu (%g, %g) outside the plot",
                      series, n, k, xy[k][0], xy[k][1]);
    }
}

/* Two panels: ids of their own, one x axis label (the lower panel's), the
 * lower panel under the upper one, the same x at the same px, a series in
 * both panels once in the legend. */
Test(svg, stacked_panels)
{
    struct out o;
    struct doc d;
    double x[3] = {1, 2, 3}, a[3] = {1, 2, 3}, b[3] = {3, 2, 1},
           c2[3] = {10, 20, 15};
    const struct svg_series s0[2] = {{"a", a, 0, NULL}, {"b", b, 1, NULL}};
    const struct svg_series s1[2] = {{"a", c2, 0, NULL},
                                     {"c", b, 2, "#555555"}};
    struct svg_chart p[2];
    memset(p, 0, sizeof p);
    for (int q = 0; q < 2; q++) {
        p[q].n = 3;
        p[q].x = x;
        p[q].nseries = 2;
    }
    p[0].series = s0;
    p[1].series = s1;
    p[0].xlabel = "upper x";
    p[1].xlabel = "lower x";
    p[0].ylabel = "upper y";
    p[1].ylabel = "lower y";
    out_begin(&o);
    cr_assert_eq(svg_lines_stacked(o.f, p, 2, NULL), 0);
    out_check(&o, &d);
    ids_unique(&d);
    cr_assert_eq(count(&d, "path", "series"), 2);
    cr_assert_eq(count(&d, "path", "series-2"), 2);
    cr_assert(!strstr(o.buf, ">upper x<"));
    cr_assert(has_text(&d, "axes-2", "lower x"));
    cr_assert(strstr(o.buf, ">upper y<") && strstr(o.buf, ">lower y<"));
    cr_assert_eq(count(&d, "text", "legend"), 3);
    char t[3][32];
    for (size_t k = 0; k < 3; k++)
        nth_text(&d, "legend", k, t[k], sizeof t[k]);
    cr_assert_str_eq(t[0], "a");
    cr_assert_str_eq(t[1], "b");
    cr_assert_str_eq(t[2], "c");
    /* the dotted grey reference and the dashed one */
    cr_assert(strstr(o.buf, "stroke=\"#555555\" stroke-dasharray=\"2 3\""));
    cr_assert(strstr(o.buf, "stroke=\"#d55e00\" stroke-dasharray=\"7 4\""));
    double r0[4], r1[4], u[3][2], l[3][2];
    plot_rect(&d, "axes", r0);
    plot_rect(&d, "axes-2", r1);
    cr_assert_gt(r1[1], r0[1] + r0[3]);
    cr_assert_eq(path_xy(&d, "series", 0, u, 3), 3);
    cr_assert_eq(path_xy(&d, "series-2", 0, l, 3), 3);
    for (size_t k = 0; k < 3; k++)
        cr_assert_float_eq(u[k][0], l[k][0], 1e-9);
    paths_inside(&d, "series", "axes");
    paths_inside(&d, "series-2", "axes-2");
    doc_free(&d, &o);
    cr_assert_eq(svg_lines_stacked(o.f, p, 0, NULL), PP_EINPUT);
    cr_assert_eq(svg_lines_stacked(o.f, p, SVG_PANELS_MAX + 1, NULL),
                 PP_EINPUT);
}

/* A straggler sweep of 4 GPUs at 3 factors, given out of order.  T' / T_min
 * (s) at time x 1.1, 1.3, 1.5:
 *   GPU 0  1.01  1.02  1.05
 *   GPU 2  1.06  1.12  1.25    (given before GPU 1)
 *   GPU 1  1.06  1.10  1.20
 *   GPU 3  1.04  1.15  1.40
 * so the GPU that hurts most is GPU 2 at 1.1 (a tie with GPU 1: the first
 * given) and GPU 3 at 1.3 and 1.5; ranked at 1.5: GPUs 3, 2, 1, 0.  The
 * savings fall with s at 1.5 but not at 1.1, so the ring is not simply on
 * the lowest saving.  A first case for GPU 0 at 1.5 with s 9 is replaced
 * by the later one. */
static const struct svg_straggler_case sweep4[] = {
    {0, 1.5, 1, 1, 9.0},
    {0, 1.1, 20.0, 19.5, 1.01}, {0, 1.3, 22.0, 21.5, 1.02},
    {2, 1.5, 24.0, 23.0, 1.25}, {2, 1.1, 18.0, 17.5, 1.06},
    {2, 1.3, 23.0, 22.0, 1.12}, {1, 1.1, 21.0, 20.0, 1.06},
    {1, 1.3, 21.5, 21.0, 1.10}, {1, 1.5, 24.5, 23.5, 1.20},
    {3, 1.3, 26.0, 25.0, 1.15}, {3, 1.1, 19.0, 18.5, 1.04},
    {3, 1.5, 22.5, 21.0, 1.40}, {0, 1.5, 25.0, 24.5, 1.05},
};

/* Is ring N of group SPOTS on point K of path P of SERIES? */
static int ring_on(const struct doc *d, const char *spots, size_t n,
                   const char *series, size_t p, size_t k)
{
    double xy[8][2];
    size_t c = nth(d, "circle", spots, n);
    cr_assert_lt(c, d->nel, "no ring %zu in %s", n, spots);
    cr_assert_eq(attr_num(d, c, "r"), 6.5);
    cr_assert_gt(path_xy(d, series, p, xy, 8), k);
    return fabs(attr_num(d, c, "cx") - xy[k][0]) < 0.01 &&
           fabs(attr_num(d, c, "cy") - xy[k][1]) < 0.01;
}

Test(svg, straggler_rings_the_longest_T)
{
    struct out o;
    struct doc d;
    const char *notes[1] = {"cluster of 4 pipelines"};
    struct svg_info in = titled("straggler");
    size_t n = sizeof sweep4 / sizeof sweep4[0];
    out_begin(&o);
    cr_assert_eq(svg_straggler(o.f, sweep4, n, notes, 1, &in), 0);
    out_check(&o, &d);
    ids_unique(&d);
    /* a line per GPU in each panel and one reference */
    cr_assert_eq(count(&d, "path", "series"), 5);
    cr_assert_eq(count(&d, "path", "series-2"), 5);
    static const char *const legend[] = {
        "GPU 3", "GPU 2", "GPU 1", "GPU 0",
        "GPU 3, published (energy \xc3\x97 s)",
        "T&apos; = factor \xc3\x97 T_min"};
    char t[64];
    cr_assert_eq(count(&d, "text", "legend"), 6);
    for (size_t k = 0; k < 6; k++) {
        nth_text(&d, "legend", k, t, sizeof t);
        cr_assert_str_eq(t, legend[k]);
    }
    cr_assert(has_text(&d, "head", "cluster of 4 pipelines"));
    cr_assert(strstr(o.buf, "ringed: GPU 2 at \xc3\x97 1.1, GPU 3 at "
                            "\xc3\x97 1.3 to 1.5."));
    /* x ascending: 1.1, 1.3, 1.5 */
    double xy[4][2], top[3];
    cr_assert_eq(path_xy(&d, "series-2", 0, xy, 4), 3);
    cr_assert(xy[0][0] < xy[1][0] && xy[1][0] < xy[2][0]);
    /* the ring at each factor is on the line of the longest T' (the top
     * one: no GPU line is above it), in both panels: GPU 2 (line 1) at
     * 1.1, GPU 3 (line 0) at 1.3 and 1.5 */
    static const size_t worst_line[3] = {1, 0, 0};
    cr_assert_eq(count(&d, "circle", "spots"), 3);
    cr_assert_eq(count(&d, "circle", "spots-2"), 3);
    for (size_t k = 0; k < 3; k++) {
        cr_assert(ring_on(&d, "spots-2", k, "series-2", worst_line[k], k),
                  "factor %zu: ring not on line %zu", k, worst_line[k]);
        cr_assert(ring_on(&d, "spots", k, "series", worst_line[k], k));
        top[k] = INFINITY;
        for (size_t g = 0; g < 4; g++) {
            cr_assert_eq(path_xy(&d, "series-2", g, xy, 4), 3);
            top[k] = xy[k][1] < top[k] ? xy[k][1] : top[k];
        }
        cr_assert_eq(path_xy(&d, "series-2", worst_line[k], xy, 4), 3);
        cr_assert_float_eq(xy[k][1], top[k], 1e-9);
    }
    /* the y ranges hold every value */
    paths_inside(&d, "series", "axes");
    paths_inside(&d, "series-2", "axes-2");
    doc_free(&d, &o);
}

/* Past SVG_STRAGGLER_LINES GPUs the ones with the longest T' are drawn;
 * a 3.5 in column stays legible. */
Test(svg, straggler_many_gpus)
{
    enum { G = SVG_STRAGGLER_LINES + 2 };
    struct svg_straggler_case c[2 * G];
    struct out o;
    struct doc d;
    struct svg_info in = titled("many");
    in.width = 336;
    for (int g = 0; g < G; g++) {
        c[2 * g] = (struct svg_straggler_case){g, 1.1, 20 + g, 19, 1 + g / 100.0};
        c[2 * g + 1] = (struct svg_straggler_case){g, 1.2, 21 - g, 20, 1.1 - g / 100.0};
    }
    out_begin(&o);
    cr_assert_eq(svg_straggler(o.f, c, 2 * G, NULL, 0, &in), 0);
    out_check(&o, &d);
    fonts_at_least(&d, 10);
    cr_assert_eq(count(&d, "path", "series"), SVG_STRAGGLER_LINES + 1);
    char t[32], want[160];
    nth_text(&d, "legend", 0, t, sizeof t);
    cr_assert_str_eq(t, "GPU 0");
    snprintf(want, sizeof want, "The %d of %d GPUs", SVG_STRAGGLER_LINES, G);
    cr_assert(strstr(o.buf, want), "no note \"%s\"", want);
    /* the GPU that hurts most at 1.1, GPU 13, is not drawn: one ring */
    cr_assert_eq(count(&d, "circle", "spots-2"), 1);
    cr_assert(strstr(o.buf, "GPU 13 at \xc3\x97 1.1, GPU 0 at \xc3\x97 1.2."));
    doc_free(&d, &o);
}

/* One factor: the GPUs along x, sorted, whole ticks; the ring on the
 * longest T'. */
Test(svg, straggler_single_factor)
{
    const struct svg_straggler_case c[] = {{5, 1.2, 20, 21, 1.01},
                                           {1, 1.2, 19, 21, 1.15},
                                           {3, 1.2, 22, 21, 1.02}};
    struct out o;
    struct doc d;
    double xy[3][2];
    out_begin(&o);
    cr_assert_eq(svg_straggler(o.f, c, 3, NULL, 0, NULL), 0);
    out_check(&o, &d);
    cr_assert(has_text(&d, "axes-2", "slow GPU"));
    cr_assert_eq(count(&d, "path", "series"), 2);
    cr_assert_eq(count(&d, "path", "series-2"), 2);
    cr_assert(has_text(&d, "axes-2", "1") && has_text(&d, "axes-2", "5"));
    cr_assert(!has_text(&d, "axes-2", "1.5"));
    cr_assert_eq(path_xy(&d, "series-2", 0, xy, 3), 3);
    cr_assert(xy[0][0] < xy[1][0] && xy[1][0] < xy[2][0]);
    /* GPU 1, the first point, hurts most: the top of the line */
    cr_assert(ring_on(&d, "spots-2", 0, "series-2", 0, 0));
    cr_assert(xy[0][1] < xy[1][1] && xy[0][1] < xy[2][1]);
    cr_assert(strstr(o.buf, "ringed: GPU 1.<"));
    cr_assert(has_text(&d, "legend", "time \xc3\x97 1.2, own plan"));
    doc_free(&d, &o);
    struct svg_straggler_case bad = {0, NAN, 1, 1, 1};
    out_begin(&o);
    cr_assert_eq(svg_straggler(o.f, c, 0, NULL, 0, NULL), PP_EINPUT);
    cr_assert_eq(svg_straggler(o.f, &bad, 1, NULL, 0, NULL), PP_EINPUT);
    cr_assert_eq(svg_straggler(NULL, c, 3, NULL, 0, NULL), PP_EINPUT);
    fclose(o.f);
    free(o.buf);
}

/* The whole command: sweep --straggler with -f csv and --svg on the
 * shipped 4-stage example.  At each factor the chart rings, in both
 * panels, the line of the GPU the table says has the longest T' (its
 * largest s, the first row on a tie), and names it; a line per GPU. */
Test(svg, straggler_sweep_chart_matches_table, .timeout = 120)
{
    const char *ex = getenv("PP_EXAMPLES_DIR");
    if (!ex)
        cr_skip_test("PP_EXAMPLES_DIR is not set");
    char dir[] = "/tmp/test_svg_sweep_XXXXXX", prof[512], csv[64], svg[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(prof, sizeof prof, "%s/gpt-4stage-a100.csv", ex);
    snprintf(csv, sizeof csv, "%s/t.csv", dir);
    snprintf(svg, sizeof svg, "%s/c.svg", dir);
    char *argv[] = {"sweep", "-p", prof, "-b", "a100", "-M", "8",
                    "--pipelines", "4", "--straggler", "all:1.05,1.2,1.5",
                    "-f", "csv", "-o", csv, "--svg", svg, "-q", NULL};
    cr_assert_eq(verb_run(&verb_sweep, 18, argv), 0);
    /* the table: gpu,time_factor,power_factor,deadline,s,... */
    FILE *f = fopen(csv, "r");
    cr_assert_not_null(f);
    char line[1024];
    int gpu[12], worst[3] = {-1, -1, -1};
    double fac[12], s[12], best[3];
    size_t n = 0;
    cr_assert_not_null(fgets(line, sizeof line, f));
    while (n < 12 && fgets(line, sizeof line, f)) {
        double pw, dl;
        cr_assert_eq(sscanf(line, "%d,%lf,%lf,%lf,%lf", &gpu[n], &fac[n],
                            &pw, &dl, &s[n]), 5);
        n++;
    }
    fclose(f);
    cr_assert_eq(n, 12);
    static const double fs[3] = {1.05, 1.2, 1.5};
    for (size_t k = 0; k < n; k++)
        for (int q = 0; q < 3; q++)
            if (fac[k] == fs[q] && (worst[q] < 0 || s[k] > best[q])) {
                worst[q] = gpu[k];
                best[q] = s[k];
            }
    /* the chart */
    struct out o;
    struct doc d;
    o.f = fopen(svg, "r");
    cr_assert_not_null(o.f);
    o.buf = calloc(1, 1 << 20);
    cr_assert_not_null(o.buf);
    o.len = fread(o.buf, 1, (1 << 20) - 1, o.f);
    fclose(o.f);
    cr_assert_eq(xml_parse(&d, o.buf), 0, "%s", d.err);
    cr_assert_eq(count(&d, "path", "series"), 5);
    cr_assert_eq(count(&d, "path", "series-2"), 5);
    cr_assert_eq(count(&d, "circle", "spots-2"), 3);
    for (int q = 0; q < 3; q++) {
        char name[16], t[32];
        size_t line_of = 4;
        snprintf(name, sizeof name, "GPU %d", worst[q]);
        for (size_t k = 0; k < 4; k++) {
            nth_text(&d, "legend", k, t, sizeof t);
            line_of = strcmp(t, name) ? line_of : k;
        }
        cr_assert_lt(line_of, 4, "%s not in the legend", name);
        cr_assert(ring_on(&d, "spots-2", (size_t)q, "series-2", line_of,
                          (size_t)q), "x %g: %s not ringed", fs[q], name);
        cr_assert(ring_on(&d, "spots", (size_t)q, "series", line_of,
                          (size_t)q));
    }
    paths_inside(&d, "series", "axes");
    paths_inside(&d, "series-2", "axes-2");
    doc_free(&d, &o);
    unlink(csv);
    unlink(svg);
    cr_assert_eq(rmdir(dir), 0);
}

/* ------------------------------------------------------------------------ */
/* Errors and locale                                                        */

/* A chart of one series through X[0..n-1], Y. */
static struct svg_chart one_series(size_t n, const double *x,
                                   const struct svg_series *s)
{
    struct svg_chart c;
    memset(&c, 0, sizeof c);
    c.what = "t";
    c.xlabel = "x";
    c.ylabel = "y";
    c.n = n;
    c.x = x;
    c.nseries = 1;
    c.series = s;
    return c;
}

Test(svg, write_error)
{
    struct cas c;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        cr_skip_test("no /dev/full");
    setup(&c, 4, 6, 0);
    double x[2] = {0, 1}, a[2] = {1, 2};
    const struct svg_series s = {NULL, a, 0, NULL};
    struct svg_chart ch = one_series(2, x, &s);
    cr_assert_eq(svg_timeline(f, c.dag, c.ev, c.plan, NULL), PP_EIO);
    clearerr(f);
    cr_assert_eq(svg_lines(f, &ch, NULL), PP_EIO);
    fclose(f);
    teardown(&c);
}

Test(svg, numbers_ignore_decimal_comma_locale)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8",
                                        "fr_FR.UTF-8", "fr_FR.utf8",
                                        "nl_NL.UTF-8", NULL};
    char probe[16];
    int k = 0;
    for (; names[k]; k++)
        if (setlocale(LC_ALL, names[k])) {
            snprintf(probe, sizeof probe, "%.1f", 0.5);
            if (strcmp(probe, "0,5") == 0)
                break;
        }
    if (!names[k])
        cr_skip_test("no locale with a decimal comma installed");
    struct out o;
    struct doc d;
    double x[3] = {0.25, 0.5, 0.75}, a[3] = {1.5, 2.5, 3.5};
    const struct svg_series s = {NULL, a, 0, NULL};
    struct svg_chart ch = one_series(3, x, &s);
    out_begin(&o);
    cr_assert_eq(svg_lines(o.f, &ch, NULL), 0);
    out_check(&o, &d);
    const char *p = strstr(o.buf, " d=\"M");
    cr_assert_not_null(p);
    /* "M123.45 678.90": a '.' and no ',' in the coordinates */
    cr_assert(strspn(p + 5, "0123456789.") > 3 && p[5 + strcspn(p + 5, " ")]
              == ' ');
    cr_assert(memchr(p + 5, ',', strcspn(p + 5, "\"")) == NULL);
    cr_assert(has_text(&d, "axes", "0.50"));
    setlocale(LC_ALL, "C");
    doc_free(&d, &o);
}
