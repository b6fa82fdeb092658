/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg.c - text, colour and document primitives shared by the SVG charts.
 *
 * Text written into a chart is escaped for XML: the five special
 * characters become entities, control characters blanks and bytes that do
 * not start a valid UTF-8 sequence (overlong forms, surrogates and code
 * points above U+10FFFF included) '?'; long text is cut at a number of
 * characters with an ellipsis.  Where a label fits is decided by a width
 * estimate for a generic sans-serif font, 0.6 em per character (on the wide
 * side).  The colour scale is viridis: perceptually uniform, readable in
 * grey and with colour blindness.  A page's text sizes follow its width
 * (svg_page_init): a picture made at the width it is printed at keeps
 * 7.5-9 pt text in a 3.5 in column.  Its head is the title, naming the
 * profile, schedule and sizes (svg_title), and notes, each wrapped at
 * blanks to the page.  Each chart is a document opened by svg_doc_begin()
 * and closed by svg_doc_end(), which flushes and reports a write error
 * once; the C numeric locale is switched on (uselocale) around
 * each chart so that printf writes '.' whatever the caller's LC_NUMERIC.
 */
#include "svg.h"
#include "svg_internal.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <strings.h>

/* Text                                                                     */

/* Length of the valid UTF-8 sequence at P (lead byte >= 0x80), 0 if none. */
static size_t utf8_len(const unsigned char *p)
{
    size_t len;
    unsigned lo = 0x80, hi = 0xbf;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (p[0] == 0xe0)
        lo = 0xa0; /* overlong */
    else if (p[0] == 0xed)
        hi = 0x9f; /* surrogates */
    else if (p[0] == 0xf0)
        lo = 0x90;
    else if (p[0] == 0xf4)
        hi = 0x8f;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if (p[k] < 0x80 || p[k] > 0xbf)
            return 0;
    return len;
}

/* Characters (code points) in S. */
static size_t nchars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

double svg_text_width(const char *s, double size)
{
    return (double)nchars(s) * size * 0.6;
}

/* The first LEN bytes of S escaped for XML, at most MAX characters (then
 * an ellipsis); a UTF-8 sequence cut at LEN becomes '?'. */
static void put_textn(FILE *f, const char *s, size_t len, size_t max)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    for (size_t k = 0; p < end && *p; k++) {
        if (k == max) {
            fputs("\xe2\x80\xa6", f);
            return;
        }
        unsigned c = *p;
        size_t n = 1;
        if (c >= 0x80) {
            n = utf8_len(p);
            if (n && n <= (size_t)(end - p))
                fwrite(p, 1, n, f);
            else {
                fputc('?', f);
                n = 1;
            }
        } else if (c == '&')
            fputs("&amp;", f);
        else if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c == '\'')
            fputs("&apos;", f);
        else
            fputc(c < 0x20 || c == 0x7f ? ' ' : (int)c, f);
        p += n;
    }
}

void svg_put_text(FILE *f, const char *s, size_t max)
{
    put_textn(f, s, strlen(s), max);
}

/* V with 6 significant digits, without an exponent for large values. */
const char *svg_qty(char *buf, size_t len, double v)
{
    if (fabs(v) >= 1e5 && fabs(v) < 1e15)
        snprintf(buf, len, "%.0f", v);
    else
        snprintf(buf, len, "%.6g", v);
    return buf;
}

/* <text> at (X, Y) of SIZE px; ANCHOR and EXTRA attributes may be NULL. */
void svg_text(FILE *f, double x, double y, double size, const char *anchor,
              const char *extra, const char *s, size_t max)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.3g\"", x, y, size);
    if (anchor)
        fprintf(f, " text-anchor=\"%s\"", anchor);
    if (extra)
        fprintf(f, " %s", extra);
    fputc('>', f);
    svg_put_text(f, s, max);
    fputs("</text>\n", f);
}

struct svg_rgb svg_viridis(double t)
{
    static const unsigned char stop[9][3] = {
        {0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b},
        {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
        {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25}};
    t = t < 0 || !isfinite(t) ? 0 : t > 1 ? 1 : t;
    int k = (int)(t * 8);
    k = k > 7 ? 7 : k;
    double u = t * 8 - k;
    struct svg_rgb c = {
        (int)lround(stop[k][0] + u * (stop[k + 1][0] - stop[k][0])),
        (int)lround(stop[k][1] + u * (stop[k + 1][1] - stop[k][1])),
        (int)lround(stop[k][2] + u * (stop[k + 1][2] - stop[k][2]))};
    return c;
}

int svg_is_dark(struct svg_rgb c)
{
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 128;
}

void svg_cloc_begin(struct svg_cloc *l)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}

void svg_cloc_end(struct svg_cloc *l)
{
    if (l->c) {
        uselocale(l->old);
        freelocale(l->c);
    }
}

/* Page and head                                                            */

void svg_page_init(struct svg_page *pg, double w, double def)
{
    if (!(w > 0))
        w = def;
    w = w < SVG_WIDTH_MIN   ? SVG_WIDTH_MIN
        : w > SVG_WIDTH_MAX ? SVG_WIDTH_MAX
                            : w;
    /* 0 on a 3.5 in column (336 px at 96 px/in), 1 from 1000 px on */
    double k = (w - 336.0) / (1000.0 - 336.0);
    k = k < 0 ? 0 : k > 1 ? 1 : k;
    pg->w = w;
    pg->h = 0;
    pg->fs_tick = 10.0 + 2.0 * k;
    pg->fs = 10.5 + 2.0 * k;
    pg->fs_label = 11.0 + 3.0 * k;
    pg->fs_title = 12.5 + 4.5 * k;
}

double svg_line_h(double fs)
{
    return fs * 1.35;
}

/* Does S hold T, ignoring ASCII case? */
static int holds(const char *s, const char *t)
{
    size_t n = strlen(t);
    for (; n && *s; s++)
        if (strncasecmp(s, t, n) == 0)
            return 1;
    return 0;
}

/* The schedule's name as written in papers. */
static const char *schedule_name(const char *s)
{
    if (!strcmp(s, "1f1b"))
        return "1F1B";
    if (!strcmp(s, "gpipe"))
        return "GPipe";
    if (!strcmp(s, "interleaved"))
        return "interleaved 1F1B";
    if (!strcmp(s, "custom"))
        return "custom schedule";
    return s;
}

/* INFO's subject, "gpt3-175b+a100_sxm_bf16, 1F1B, S = 8, M = 96", in BUF
 * (LEN bytes, at least 1); empty if INFO says nothing. */
static void subject(char *buf, size_t len, const struct svg_info *in)
{
    size_t u = 0;
#define ADD(...)                                                               \
    do {                                                                       \
        int r_ = snprintf(buf + u, len - u, __VA_ARGS__);                      \
        u += r_ > 0 && (size_t)r_ < len - u ? (size_t)r_ : 0;                  \
    } while (0)
    buf[0] = '\0';
    if (in->profile && *in->profile) {
        const char *b = strrchr(in->profile, '/'), *dot;
        b = !strcmp(in->profile, "-") ? "stdin" : b ? b + 1 : in->profile;
        size_t n = strlen(b);
        if ((dot = strrchr(b, '.')) && dot != b &&
            (!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".yaml") ||
             !strcasecmp(dot, ".yml")))
            n = (size_t)(dot - b);
        ADD("%.*s", (int)(n < 200 ? n : 200), b);
    }
    if (in->gpu && *in->gpu && !(in->profile && holds(in->profile, in->gpu)))
        ADD("%son %s", u ? " " : "", in->gpu);
    if (in->schedule)
        ADD("%s%s", u ? ", " : "", schedule_name(in->schedule));
    /* no-break spaces: a line is not wrapped inside "S = 8" */
    if (in->stages > 0)
        ADD("%sS" NBSP "=" NBSP "%d", u ? ", " : "", in->stages);
    if (in->microbatches > 0)
        ADD("%sM" NBSP "=" NBSP "%d", u ? ", " : "", in->microbatches);
    if (in->chunks > 1)
        ADD("%sV" NBSP "=" NBSP "%d", u ? ", " : "", in->chunks);
    if (in->pipelines > 1)
        ADD("%s%d" NBSP "pipelines", u ? ", " : "", in->pipelines);
#undef ADD
}

const char *svg_title(char *buf, size_t len, const char *what,
                      const struct svg_info *info)
{
    char sub[400];
    if (info && info->title) {
        snprintf(buf, len, "%s", info->title);
        return buf;
    }
    static const struct svg_info none;
    subject(sub, sizeof sub, info ? info : &none);
    snprintf(buf, len, "%s%s%s", what ? what : "", what && *sub ? ": " : "",
             sub);
    return buf;
}

/* S wrapped at blanks into lines at most W px wide in a font of FS px,
 * appended to HD. */
static void head_wrap(struct svg_head *hd, const struct svg_page *pg,
                      const char *s, double fs, int bold)
{
    size_t maxc = (size_t)((pg->w - 16) / (fs * (bold ? 0.64 : 0.6)));
    maxc = maxc < 8 ? 8 : maxc;
    while (*s && hd->n < SVG_HEAD_MAX) {
        size_t chars = 0, brk = 0, k = 0;
        while (*s == ' ')
            s++;
        for (; s[k]; k++) {
            if (((unsigned char)s[k] & 0xc0) == 0x80)
                continue;
            if (s[k] == ' ')
                brk = k;
            if (++chars > maxc && brk)
                break;
        }
        size_t n = s[k] ? brk : k;
        if (!n)
            break;
        hd->line[hd->n].s = s;
        hd->line[hd->n].len = n;
        hd->line[hd->n].bold = bold;
        hd->n++;
        hd->h += svg_line_h(fs);
        s += n;
    }
}

void svg_head_init(struct svg_head *hd, const struct svg_page *pg,
                   const char *title)
{
    hd->title = title && *title ? title : NULL;
    hd->n = 0;
    hd->h = 8;
    if (hd->title)
        head_wrap(hd, pg, title, pg->fs_title, 1);
}

void svg_head_note(struct svg_head *hd, const struct svg_page *pg,
                   const char *note)
{
    if (note && *note)
        head_wrap(hd, pg, note, pg->fs, 0);
}

void svg_doc_begin(FILE *f, const struct svg_page *pg,
                   const struct svg_head *hd)
{
    double w = pg->w, h = pg->h, y = 8;
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
            "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"sans-serif\">\n",
            w, h, w, h);
    if (hd->title) {
        fputs("<title>", f);
        svg_put_text(f, hd->title, (size_t)-1);
        fputs("</title>\n", f);
    }
    fprintf(f,
            "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n"
            "<g id=\"head\" text-anchor=\"middle\">\n",
            w, h);
    for (size_t k = 0; k < hd->n; k++) {
        double fs = hd->line[k].bold ? pg->fs_title : pg->fs;
        y += svg_line_h(fs);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.3g\"%s>", w / 2,
                y - fs * 0.35, fs,
                hd->line[k].bold ? " font-weight=\"bold\""
                                 : " fill=\"#444444\"");
        put_textn(f, hd->line[k].s, hd->line[k].len, (size_t)-1);
        fputs("</text>\n", f);
    }
    fputs("</g>\n", f);
}

int svg_doc_end(FILE *f)
{
    fputs("</svg>\n", f);
    if (fflush(f) != 0 || ferror(f))
        return PP_EIO;
    return PP_OK;
}
