/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_plan_zeus.c - fuzz target for the Zeus plan reader
 * (pp_plan_parse_zeus): fuzz_plan.c with FUZZ_PLAN_ZEUS, which see.  A
 * separate target because the Zeus grammar shares nothing with YAML, so
 * its corpus and its coverage are its own.
 */
#define FUZZ_PLAN_ZEUS 1
#include "fuzz_plan.c"
