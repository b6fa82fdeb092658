/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpers.h - shared helpers for the profiles unit tests.
 *
 * Parsing text held in string literals, asserting an exact error message,
 * and locating the data directories that meson passes in the environment
 * (PP_SHARED_DIR: ../shared with the measured profiles, may be absent;
 * PP_EXAMPLES_DIR: profiles/examples in the source tree).
 */
#ifndef PP_TEST_PROFILES_HELPERS_H
#define PP_TEST_PROFILES_HELPERS_H

#include <stddef.h>

#include "profile.h"

/* Parse TEXT as CSV / YAML named "prof.csv" / "prof.yaml"; assert success. */
struct pp_profile *csv_ok(const char *text);
struct pp_profile *yaml_ok(const char *text);

/* Parse TEXT and assert it fails with PP_EINPUT and exactly MSG. */
void csv_fails(const char *text, const char *msg);
void yaml_fails(const char *text, const char *msg);

/* Assert option I of (stage, kind) has these values. */
void expect_option(const struct pp_profile *p, int stage, const char *kind,
                   size_t i, int mhz, double time, double energy);

/*
 * Path of FILE inside the directory named by environment variable VAR,
 * or NULL (after cr_skip_test) when the variable or directory is missing.
 * The result is malloc'ed.
 */
char *data_path(const char *var, const char *file);

/*
 * Write TEXT to "prof" SUFFIX in a new temporary directory; returns the
 * malloc'ed path.  temp_remove() deletes both and frees the path.
 */
char *temp_file(const char *suffix, const char *text);
void temp_remove(char *path);

#endif
