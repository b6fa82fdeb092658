/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_machine.c - the machine-format writer (planner/machine.c): one
 * sequence of calls written as JSON, YAML and CSV, compared byte for byte,
 * with unknown values, strings that need quoting, a nested mapping, an
 * empty list and a document without a list.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "machine.h"

/* The document every format test writes. */
static int write_doc(FILE *f, enum out_format fmt)
{
    struct mw m;
    mw_begin(&m, f, fmt, 3);
    mw_str(&m, "name", "a, \"b\"");
    mw_num(&m, "t", 0.1 + 0.2);
    mw_num(&m, "unknown", NAN);
    mw_map_begin(&m, "inputs");
    mw_int(&m, "stages", 4);
    mw_str(&m, "profile", NULL);
    mw_map_end(&m);
    mw_list_begin(&m, "rows");
    for (int k = 0; k < 2; k++) {
        mw_item_begin(&m);
        mw_int(&m, "k", k);
        mw_num(&m, "s", k ? 1.2 : 1e-5);
        mw_bool(&m, "ok", k);
        mw_item_end(&m);
    }
    mw_list_end(&m);
    mw_list_begin(&m, "empty");
    mw_list_end(&m);
    return mw_end(&m);
}

static void check(enum out_format fmt, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f);
    cr_assert_eq(write_doc(f, fmt), 0);
    cr_assert_eq(fclose(f), 0);
    cr_expect_str_eq(buf, want);
    free(buf);
}

Test(machine, json)
{
    check(FMT_JSON, "{\n"
                    "  \"format_version\": 3,\n"
                    "  \"name\": \"a, \\\"b\\\"\",\n"
                    "  \"t\": 0.30000000000000004,\n"
                    "  \"unknown\": null,\n"
                    "  \"inputs\": {\n"
                    "    \"stages\": 4,\n"
                    "    \"profile\": null\n"
                    "  },\n"
                    "  \"rows\": [\n"
                    "    {\"k\": 0, \"s\": 1.0e-05, \"ok\": false},\n"
                    "    {\"k\": 1, \"s\": 1.2, \"ok\": true}\n"
                    "  ],\n"
                    "  \"empty\": []\n"
                    "}\n");
}

Test(machine, yaml)
{
    check(FMT_YAML, "format_version: 3\n"
                    "name: \"a, \\\"b\\\"\"\n"
                    "t: 0.30000000000000004\n"
                    "unknown: null\n"
                    "inputs:\n"
                    "  stages: 4\n"
                    "  profile: null\n"
                    "rows:\n"
                    "  - {k: 0, s: 1.0e-05, ok: false}\n"
                    "  - {k: 1, s: 1.2, ok: true}\n"
                    "empty: []\n");
}

Test(machine, csv_is_the_first_list_with_the_top_level_fields)
{
    /* no format_version; the nested mapping and the later list are left
     * out; unknown is an empty cell; the comma and quotes are quoted */
    check(FMT_CSV, "k,s,ok,name,t,unknown\n"
                   "0,1.0e-05,0,\"a, \"\"b\"\"\",0.30000000000000004,\n"
                   "1,1.2,1,\"a, \"\"b\"\"\",0.30000000000000004,\n");
}

Test(machine, csv_without_a_list_is_one_row)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct mw m;
    mw_begin(&m, f, FMT_CSV, 1);
    mw_bool(&m, "valid", 0);
    mw_str(&m, "error", "x.csv:2:3: bad");
    cr_assert_eq(mw_end(&m), 0);
    fclose(f);
    cr_expect_str_eq(buf, "valid,error\n0,x.csv:2:3: bad\n");
    free(buf);
}
