/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * golden.h - compare the lowtime model with the published frontiers.
 */
#ifndef PP_TEST_GOLDEN_H
#define PP_TEST_GOLDEN_H

/* Solve GPU/MODEL with M microbatches (S = 8, artifact filter order) and
 * compare every point with the reference frontier; skips the test when
 * its files are absent (without any shared data, shared_main.c exits 77
 * before the tests run). */
void golden_case(const char *gpu, const char *model, int mb);

#endif
