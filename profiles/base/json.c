/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.c - JSON string literals.
 *
 * The literal is written byte by byte: JSON escapes are defined on code
 * points, but every character that needs one is ASCII, and no byte of a
 * multi-byte UTF-8 sequence is below 0x80, so UTF-8 passes through intact
 * without being decoded.  Of the short escapes only \n and \t are used,
 * the two that occur in real text (multi-line comments, tabs in paths);
 * the rest of the control characters are rare enough to read as \u00XX.
 */
#include "json.h"

void pp_json_put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}
