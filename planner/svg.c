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
 * grey and with colour blindness.  Each chart is a document opened by
 * svg_doc_begin() and closed by svg_doc_end(), which flushes and reports a
 * write error once; the C numeric locale is switched on (uselocale) around
 * each chart so that printf writes '.' whatever the caller's LC_NUMERIC.
 */
#include "svg.h"
#include "svg_internal.h"

#include <locale.h>
#include <math.h>
#include <string.h>

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

/* Write S escaped for XML, at most MAX characters (then an ellipsis). */
void svg_put_text(FILE *f, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t k = 0; *p; k++) {
        if (k == max) {
            fputs("\xe2\x80\xa6", f);
            return;
        }
        unsigned c = *p;
        size_t len = 1;
        if (c >= 0x80) {
            len = utf8_len(p);
            if (len)
                fwrite(p, 1, len, f);
            else {
                fputc('?', f);
                len = 1;
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
        p += len;
    }
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

void svg_doc_begin(FILE *f, double h, const char *title, double top)
{
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
            "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"sans-serif\">\n"
            "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
            SVG_WIDTH, h, SVG_WIDTH, h, SVG_WIDTH, h);
    if (title && *title) {
        fputs("<title>", f);
        svg_put_text(f, title, (size_t)-1);
        fputs("</title>\n", f);
        svg_text(f, SVG_WIDTH / 2, top, 17, "middle", "font-weight=\"bold\"",
                 title, (size_t)((SVG_WIDTH - 40) / (17 * 0.6)));
    }
}

int svg_doc_end(FILE *f)
{
    fputs("</svg>\n", f);
    if (fflush(f) != 0 || ferror(f))
        return PP_EIO;
    return PP_OK;
}
