/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hash.c - FNV-1a 64 of a byte string: each byte is XORed into the state,
 * which is then multiplied by the FNV prime modulo 2^64.  Small, needs no
 * table, and spreads single-byte changes over every bit, which is all a
 * check that a plan was made from this very profile needs.
 */
#include "hash.h"

#include <inttypes.h>
#include <stdio.h>

uint64_t pp_hash_fnv1a64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

char *pp_hash_hex(char buf[PP_HASH_HEXSZ], uint64_t h)
{
    snprintf(buf, PP_HASH_HEXSZ, "%016" PRIx64, h);
    return buf;
}
