/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * shared.h - the measured data in $PP_SHARED_DIR/data/sosp24/emulation for
 * the solver tests: paths into it, its stage profiles, and the settings
 * the reference ran them with.  Where a file is absent the calling test
 * is skipped (cr_skip_test); binaries whose every test needs the data
 * also exit 77 up front when the directory is absent (shared_main.c).
 */
#ifndef PP_TEST_SHARED_H
#define PP_TEST_SHARED_H

#include <stddef.h>

#include "solver.h"

/* "$PP_SHARED_DIR/data/sosp24/emulation/" followed by FMT, written to BUF
 * of SIZE bytes.  Skips the test when PP_SHARED_DIR is unset or empty or
 * the file is absent; asserts that the path fits. */
void shared_path(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Splits LINE (modified in place; a trailing CR/LF dropped) at commas
 * into at most MAX fields F; returns how many. */
int csv_split(char *line, char **f, int max);

/* The measured profile stage_profile/MODEL+GPU_bf16.csv, loaded (asserts
 * that it loads; skips the test when absent).  The caller frees it with
 * pp_profile_free. */
struct pp_profile *shared_profile(const char *model, const char *gpu);

/* The per-GPU blocking power the reference measured for GPU ("a40" or
 * "a100_sxm"), in W. */
double shared_blocking_power(const char *gpu);

/* The reference's pipeline: 1F1B on 8 stages with MB microbatches
 * (asserts that it builds).  The caller frees it with pp_graph_free. */
struct pp_dag *shared_dag(int mb);

#endif
