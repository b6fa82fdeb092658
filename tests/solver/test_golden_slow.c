/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_golden_slow.c - the four largest published frontiers (A40, 48 and
 * 96 microbatches, up to 65,844 points each).
 */
#include <criterion/criterion.h>

#include "golden.h"

Test(golden_slow, a40_gpt3_48, .timeout = 600) { golden_case("a40", "gpt3-175b", 48); }
Test(golden_slow, a40_gpt3_96, .timeout = 600) { golden_case("a40", "gpt3-175b", 96); }
Test(golden_slow, a40_bloom_48, .timeout = 600) { golden_case("a40", "bloom", 48); }
Test(golden_slow, a40_bloom_96, .timeout = 600) { golden_case("a40", "bloom", 96); }
