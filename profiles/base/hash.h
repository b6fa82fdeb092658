/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hash.h - a content hash of input files, for plans that record what they
 * were made from.
 */
#ifndef PP_HASH_H
#define PP_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Characters of a hash printed by pp_hash_hex, with its NUL. */
#define PP_HASH_HEXSZ 17

/*
 * FNV-1a, 64 bits (Fowler, Noll and Vo; offset basis 14695981039346656037,
 * prime 1099511628211) of LEN bytes at DATA.  Not cryptographic: it tells
 * one profile from another, not a forged one from the real one.  O(LEN).
 */
uint64_t pp_hash_fnv1a64(const void *data, size_t len);

/* H as 16 lowercase hexadecimal digits into BUF; returns BUF. */
char *pp_hash_hex(char buf[PP_HASH_HEXSZ], uint64_t h);

#endif
