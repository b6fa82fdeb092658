/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_golden.c - every published frontier except the two largest A40
 * cases (test_golden_slow.c), which take several seconds each.
 */
#include <criterion/criterion.h>

#include "golden.h"

Test(golden, a100_gpt3_12) { golden_case("a100_sxm", "gpt3-175b", 12); }
Test(golden, a100_gpt3_24) { golden_case("a100_sxm", "gpt3-175b", 24); }
Test(golden, a100_gpt3_48) { golden_case("a100_sxm", "gpt3-175b", 48); }
Test(golden, a100_gpt3_96) { golden_case("a100_sxm", "gpt3-175b", 96); }
Test(golden, a100_bloom_12) { golden_case("a100_sxm", "bloom", 12); }
Test(golden, a100_bloom_24) { golden_case("a100_sxm", "bloom", 24); }
Test(golden, a100_bloom_48) { golden_case("a100_sxm", "bloom", 48); }
Test(golden, a100_bloom_96) { golden_case("a100_sxm", "bloom", 96); }
Test(golden, a40_gpt3_12) { golden_case("a40", "gpt3-175b", 12); }
Test(golden, a40_gpt3_24) { golden_case("a40", "gpt3-175b", 24); }
Test(golden, a40_bloom_12) { golden_case("a40", "bloom", 12); }
Test(golden, a40_bloom_24) { golden_case("a40", "bloom", 24); }
