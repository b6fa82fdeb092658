/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_json.c - unit tests for pp_json_put_string().
 *
 * Exact literals for the characters RFC 8259 requires escaped and for
 * those that must pass unchanged; then every byte from 1 to 127 inside a
 * string, written and read back through the YAML tree loader (JSON is YAML
 * flow style, and plan files rely on that): the literal holds no raw
 * control character and reads back to the same bytes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "yamltree.h"

/* S written by pp_json_put_string(), malloc'ed. */
static char *literal(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    pp_json_put_string(f, s);
    cr_assert_eq(ferror(f), 0);
    cr_assert_eq(fclose(f), 0);
    cr_assert_not_null(buf);
    return buf;
}

static void expect_literal(const char *s, const char *want)
{
    char *got = literal(s);
    cr_expect_str_eq(got, want);
    free(got);
}

Test(json, escapes)
{
    expect_literal("", "\"\"");
    expect_literal("1f1b", "\"1f1b\"");
    expect_literal("say \"hi\"", "\"say \\\"hi\\\"\"");
    expect_literal("C:\\dir", "\"C:\\\\dir\"");
    expect_literal("a\nb\tc", "\"a\\nb\\tc\"");
    expect_literal("\x01\x08\x0c\r\x1f", "\"\\u0001\\u0008\\u000c\\u000d"
                                         "\\u001f\"");
    expect_literal("del\x7f", "\"del\\u007f\"");
}

Test(json, passes_text_unchanged)
{
    /* '/' may be escaped in JSON but need not be; UTF-8 is not decoded. */
    expect_literal("a/b 'c' {d: [e]} #f", "\"a/b 'c' {d: [e]} #f\"");
    expect_literal("\xc3\xa9t\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x99\x82",
                   "\"\xc3\xa9t\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x99\x82\"");
}

Test(json, every_ascii_byte_reads_back)
{
    for (int c = 1; c < 0x80; c++) {
        char s[] = {'a', (char)c, 'z', '\0'};
        char *lit = literal(s);
        for (const unsigned char *p = (const unsigned char *)lit; *p; p++)
            cr_expect(*p >= 0x20 && *p != 0x7f,
                      "byte 0x%02x: raw 0x%02x in the literal %s", c, *p, lit);
        struct pp_ynode *root = NULL;
        struct pp_error err = {0};
        cr_assert_eq(pp_yaml_load(&root, "t.json", lit, strlen(lit), &err),
                     PP_OK, "byte 0x%02x: %s", c, err.msg);
        cr_assert_eq(root->type, PP_YSCALAR);
        cr_expect(root->quoted);
        cr_expect_str_eq(root->str, s, "byte 0x%02x does not read back", c);
        pp_ynode_free(root);
        free(lit);
    }
}
