/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_data.c - the measured SOSP'24 profiles and the shipped examples.
 *
 * The measured profiles (PP_SHARED_DIR/data/sosp24/emulation/stage_profile)
 * must load with their published shape and values, and writing them back
 * must give the published text (apart from its CRLF line ends).  These
 * tests skip when ../shared is absent.  The synthetic examples
 * (PP_EXAMPLES_DIR) must load and show the curve shape that
 * profiles/examples/README.md promises.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "readfile.h"

#define SOSP "data/sosp24/emulation/stage_profile/"

static struct pp_profile *load(const char *var, const char *file)
{
    char *path = data_path(var, file);
    struct pp_profile *p = NULL;
    struct pp_error err = {0};
    cr_assert_eq(pp_profile_load(&p, path, &err), PP_OK, "%s", err.msg);
    free(path);
    return p;
}

/* Every stage and kind has exactly the frequencies hi, hi-15, ..., lo. */
static void expect_grid(const struct pp_profile *p, int hi, int lo)
{
    size_t n = (size_t)(hi - lo) / 15 + 1;
    for (int s = 0; s < p->nstages; s++) {
        for (int k = 0; k < p->nkinds; k++) {
            const struct pp_opset *set = pp_profile_ops(p, s, k);
            cr_assert_eq(set->n, n, "stage %d kind %d: %zu options", s, k,
                         set->n);
            for (size_t i = 0; i < n; i++)
                cr_assert_eq(set->opt[i].mhz, hi - 15 * (int)i);
        }
    }
    char buf[200];
    cr_expect_eq(pp_profile_freqsets_differ(p, buf, sizeof buf), 0);
}

static void check_measured(const char *file, int hi, int stage,
                           const char *kind, int mhz, double t, double e)
{
    struct pp_profile *p = load("PP_SHARED_DIR", file);
    cr_assert_eq(p->nstages, 8);
    cr_assert_eq(p->nkinds, 2);
    cr_expect_str_eq(p->kinds[0], "forward");
    cr_expect_str_eq(p->kinds[1], "backward");
    expect_grid(p, hi, 855);
    const struct pp_option *o =
        pp_opset_find(pp_profile_ops(p, stage, pp_profile_kind(p, kind)), mhz);
    cr_assert_not_null(o);
    cr_expect_eq(o->time, t, "time %.17g", o->time);
    cr_expect_eq(o->energy, e, "energy %.17g", o->energy);
    pp_profile_free(p);
}

Test(measured, gpt3_a100)
{
    check_measured(SOSP "gpt3-175b+a100_sxm_bf16.csv", 1410, 0, "forward", 1410,
                   0.05016166687011708, 23.80547200000007);
    check_measured(SOSP "gpt3-175b+a100_sxm_bf16.csv", 1410, 7, "backward", 855,
                   0.1495409803390502, 35.01260866666662);
}

Test(measured, bloom_a100)
{
    check_measured(SOSP "bloom+a100_sxm_bf16.csv", 1410, 3, "backward", 1200,
                   0.10838826084136959, 36.337026000000535);
}

Test(measured, gpt3_a40)
{
    check_measured(SOSP "gpt3-175b+a40_bf16.csv", 1740, 0, "forward", 1740,
                   0.11248032760620108, 33.59392799949646);
    check_measured(SOSP "gpt3-175b+a40_bf16.csv", 1740, 3, "backward", 1200,
                   0.3004002742767334, 65.91604800081254);
}

Test(measured, bloom_a40)
{
    check_measured(SOSP "bloom+a40_bf16.csv", 1740, 7, "backward", 855,
                   0.3198547916412353, 56.22687100028992);
}

/* Writing a measured profile gives its published text, rows and digits. */
Test(measured, write_reproduces_published_text)
{
    static const char *const files[] = {SOSP "gpt3-175b+a100_sxm_bf16.csv",
                                        SOSP "bloom+a40_bf16.csv"};
    for (size_t i = 0; i < 2; i++) {
        char *path = data_path("PP_SHARED_DIR", files[i]);
        char *orig = NULL, *out = NULL;
        size_t olen = 0, len = 0, j = 0;
        struct pp_error err = {0};
        struct pp_profile *p = load("PP_SHARED_DIR", files[i]);
        cr_assert_eq(pp_read_file(path, &orig, &olen, &err), PP_OK);
        for (size_t k = 0; k < olen; k++) /* drop the CRs */
            if (orig[k] != '\r')
                orig[j++] = orig[k];
        orig[j] = '\0';
        FILE *f = open_memstream(&out, &len);
        cr_assert_not_null(f);
        cr_assert_eq(pp_profile_write_csv(p, f), PP_OK);
        fclose(f);
        cr_expect_str_eq(out, orig, "%s differs", files[i]);
        free(out);
        free(orig);
        free(path);
        pp_profile_free(p);
    }
}

/* ---- the shipped examples ---- */

/* Energy minimum of SET relative to its highest-frequency option. */
static void energy_minimum(const struct pp_opset *set, double *t_ratio,
                           double *e_ratio, size_t *at)
{
    *at = 0;
    for (size_t i = 1; i < set->n; i++)
        if (set->opt[i].energy < set->opt[*at].energy)
            *at = i;
    *t_ratio = set->opt[*at].time / set->opt[0].time;
    *e_ratio = set->opt[*at].energy / set->opt[0].energy;
}

static void check_example(const char *file, int nstages, int hi)
{
    struct pp_profile *p = load("PP_EXAMPLES_DIR", file);
    cr_assert_eq(p->nstages, nstages);
    cr_assert_eq(p->nkinds, 2);
    expect_grid(p, hi, 855);
    for (int s = 0; s < nstages; s++) {
        const struct pp_opset *fw = pp_profile_ops(p, s, 0);
        const struct pp_opset *bw = pp_profile_ops(p, s, 1);
        double bw_over_fw = bw->opt[0].time / fw->opt[0].time;
        cr_expect(bw_over_fw > 1.8 && bw_over_fw < 2.2, "%s stage %d: %g", file,
                  s, bw_over_fw);
        for (int k = 0; k < 2; k++) {
            const struct pp_opset *set = k ? bw : fw;
            double tr, er;
            size_t at;
            energy_minimum(set, &tr, &er, &at);
            cr_expect(er >= 0.70 && er <= 0.80, "%s stage %d: E ratio %g", file,
                      s, er);
            cr_expect(tr >= 1.10 && tr <= 1.25, "%s stage %d: t ratio %g", file,
                      s, tr);
            /* Below the minimum both time and energy rise. */
            cr_expect(at + 1 < set->n,
                      "%s: minimum at the lowest listed "
                      "frequency",
                      file);
            for (size_t i = at + 1; i < set->n; i++) {
                cr_expect_gt(set->opt[i].energy, set->opt[i - 1].energy);
                cr_expect_gt(set->opt[i].time, set->opt[i - 1].time);
            }
        }
    }
    /* The last stage carries the LM head: 15-25% over the others' mean. */
    double sum = 0;
    for (int s = 0; s < nstages - 1; s++)
        sum += pp_profile_ops(p, s, 0)->opt[0].time;
    double last = pp_profile_ops(p, nstages - 1, 0)->opt[0].time;
    double excess = last / (sum / (nstages - 1)) - 1;
    cr_expect(excess >= 0.15 && excess <= 0.25, "%s: last stage +%g", file,
              excess);
    pp_profile_free(p);
}

Test(examples, a100)
{
    check_example("gpt-4stage-a100.csv", 4, 1410);
    check_example("gpt-8stage-a100.csv", 8, 1410);
    struct pp_profile *p = load("PP_EXAMPLES_DIR", "gpt-8stage-a100.csv");
    double t = pp_profile_ops(p, 0, 0)->opt[0].time;
    double e = pp_profile_ops(p, 0, 0)->opt[0].energy;
    cr_expect(t >= 0.03 && t <= 0.06, "A100 forward %g s", t);
    cr_expect(e >= 15 && e <= 25, "A100 forward %g J", e);
    pp_profile_free(p);
}

Test(examples, a40)
{
    check_example("gpt-4stage-a40.csv", 4, 1740);
    check_example("gpt-8stage-a40.csv", 8, 1740);
}

Test(examples, yaml_matches_csv)
{
    struct pp_profile *y = load("PP_EXAMPLES_DIR", "gpt-4stage-a100.yaml");
    struct pp_profile *c = load("PP_EXAMPLES_DIR", "gpt-4stage-a100.csv");
    cr_expect_str_eq(y->gpu, "A100");
    cr_expect_eq(y->blocking_power, 83.64);
    cr_assert_eq(y->nstages, c->nstages);
    for (int i = 0; i < y->nstages * y->nkinds; i++) {
        cr_assert_eq(y->sets[i].n, c->sets[i].n);
        for (size_t j = 0; j < y->sets[i].n; j++) {
            cr_expect_eq(y->sets[i].opt[j].mhz, c->sets[i].opt[j].mhz);
            cr_expect_eq(y->sets[i].opt[j].time, c->sets[i].opt[j].time);
            cr_expect_eq(y->sets[i].opt[j].energy, c->sets[i].opt[j].energy);
        }
    }
    pp_profile_free(y);
    pp_profile_free(c);
}
