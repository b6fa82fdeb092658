/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_hash.c - FNV-1a 64 against the published test vectors, and the hex
 * text plans record.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "hash.h"

Test(hash, fnv1a64_vectors)
{
    /* the reference vectors of the FNV authors: "", "a", "foobar" */
    cr_expect_eq(pp_hash_fnv1a64("", 0), 0xcbf29ce484222325ULL);
    cr_expect_eq(pp_hash_fnv1a64("a", 1), 0xaf63dc4c8601ec8cULL);
    cr_expect_eq(pp_hash_fnv1a64("foobar", 6), 0x85944171f73967e8ULL);
}

Test(hash, one_byte_changes_the_hash)
{
    char a[] = "stage,instruction,frequency,time,energy\n0,forward,1410,0.04,16.8\n";
    char b[sizeof a];
    memcpy(b, a, sizeof a);
    b[sizeof a - 3] = '9';
    cr_expect_neq(pp_hash_fnv1a64(a, sizeof a - 1),
                  pp_hash_fnv1a64(b, sizeof b - 1));
}

Test(hash, hex_has_sixteen_digits)
{
    char buf[PP_HASH_HEXSZ];
    cr_expect_str_eq(pp_hash_hex(buf, 0xaf63dc4c8601ec8cULL),
                     "af63dc4c8601ec8c");
    cr_expect_str_eq(pp_hash_hex(buf, 0x1ULL), "0000000000000001");
}
