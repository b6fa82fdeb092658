/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.h - writing strings as JSON string literals.
 *
 * Every JSON (and JSON-style YAML) output of the project quotes its strings
 * here, so plan files and reports escape the same way.
 */
#ifndef PP_JSON_H
#define PP_JSON_H

#include <stdio.h>

/*
 * Write S to F as a JSON string literal (RFC 8259, section 7): '"' and '\'
 * get a backslash, newline and tab their short escapes \n and \t, every
 * other control character (U+0000 to U+001F) and DEL (0x7F) a \u00XX
 * escape with lowercase hex; all other bytes, UTF-8 included, are written
 * unchanged (S is not checked for valid UTF-8).  Escaping DEL, which JSON
 * allows raw, makes the literal also a YAML double-quoted scalar, since
 * YAML does not allow a raw DEL.  Write errors are left in F's error flag.
 */
void pp_json_put_string(FILE *f, const char *s);

#endif
