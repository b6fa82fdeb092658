/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * genprofile.c - generate the example profiles from a simple physical model.
 *
 * The shipped examples (gpt-*.csv, gpt-4stage-a100.yaml) are synthetic, not
 * measurements: this program computes them from the model documented in
 * README.md next to it.  For an instruction whose time at the highest
 * frequency fmax is t_max, at frequency f (x = f / fmax):
 *
 *     time(f)   = t_max * ((1 - a) + a / x)     a: compute-bound fraction
 *     power(f)  = P_max * (s + (1 - s) * x^k)   s: frequency-independent
 *     energy(f) = power(f) * time(f)               share, k: steepness
 *
 * The memory-bound part (1 - a) does not speed up with the clock and the
 * frequency-independent power (leakage, HBM, board) is paid for as long as
 * the instruction runs, so below some frequency both time and energy rise.
 * Values are rounded to 6 significant digits so the output does not depend
 * on the last bits of pow() and is reproducible byte for byte.
 *
 * Usage: genprofile DIR          write the example files into DIR
 *        genprofile --check DIR  exit 1 unless DIR holds exactly them
 *        genprofile --summary    print the curve shape of each model
 * Built by meson, not installed; the test "examples-up-to-date" runs
 * --check on profiles/examples.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "profile.h"
#include "readfile.h"

struct gpu_model {
    const char *name; /* file name part */
    const char *gpu;  /* YAML metadata */
    int fmax, fmin, step;
    double p_max;        /* W at fmax, busy */
    double s, k;         /* power(f) = p_max * (s + (1 - s) * x^k) */
    double a_fwd, a_bwd; /* compute-bound fraction of forward / backward */
    double t_fwd;        /* forward time per microbatch at fmax, one stage */
    double blocking_power;
};

static const struct gpu_model gpus[] = {
    {"a100", "A100", 1410, 855, 15, 420.0, 0.55, 7.0, 0.65, 0.75, 0.040, 83.64},
    {"a40", "A40", 1740, 855, 15, 300.0, 0.525, 4.5, 0.40, 0.50, 0.088, 70.38},
};

/* Per-stage workload imbalance (deterministic, a few percent). */
static const double imbalance[] = {1.000, 1.021, 0.987, 1.013,
                                   0.979, 1.026, 0.992, 1.015};
#define LM_HEAD 1.20 /* the last stage also runs the output layer */
#define BWD_WORK 2.0 /* backward does about twice the forward's work */

static const char *const kinds[] = {"forward", "backward"};

struct output {
    const char *file;
    int gpu; /* index into gpus */
    int nstages;
    int yaml;
};

static const struct output outputs[] = {
    {"gpt-4stage-a100.csv", 0, 4, 0},  {"gpt-8stage-a100.csv", 0, 8, 0},
    {"gpt-4stage-a40.csv", 1, 4, 0},   {"gpt-8stage-a40.csv", 1, 8, 0},
    {"gpt-4stage-a100.yaml", 0, 4, 1},
};
#define NOUTPUTS (sizeof outputs / sizeof outputs[0])

static double round6(double v)
{
    char buf[64];
    double r = v;
    snprintf(buf, sizeof buf, "%.6g", v);
    pp_num_parse(buf, &r);
    return r;
}

/* Time and energy of one instruction at X = f / fmax, per unit workload. */
static void model(const struct gpu_model *g, double a, double x, double *t,
                  double *e)
{
    *t = (1.0 - a) + a / x;
    *e = *t * g->p_max * (g->s + (1.0 - g->s) * pow(x, g->k));
}

static struct pp_profile *build(const struct output *o)
{
    const struct gpu_model *g = &gpus[o->gpu];
    int nf = (g->fmax - g->fmin) / g->step + 1;
    struct pp_profile *p = calloc(1, sizeof *p);

    if (!p || !(p->path = strdup(o->file)) ||
        !(p->kinds = calloc(2, sizeof *p->kinds)))
        goto fail;
    p->nkinds = 2;
    p->nstages = o->nstages;
    p->blocking_power = o->yaml ? g->blocking_power : NAN;
    if (o->yaml && !(p->gpu = strdup(g->gpu)))
        goto fail;
    for (int k = 0; k < 2; k++)
        if (!(p->kinds[k] = strdup(kinds[k])))
            goto fail;
    if (!(p->sets = calloc((size_t)o->nstages * 2, sizeof *p->sets)))
        goto fail;
    for (int s = 0; s < o->nstages; s++) {
        double work = imbalance[s] * (s == o->nstages - 1 ? LM_HEAD : 1.0);
        for (int k = 0; k < 2; k++) {
            struct pp_opset *set = &p->sets[s * 2 + k];
            double a = k == 0 ? g->a_fwd : g->a_bwd;
            double t_max = g->t_fwd * work * (k == 0 ? 1.0 : BWD_WORK);
            if (!(set->opt = calloc((size_t)nf, sizeof *set->opt)))
                goto fail;
            set->n = (size_t)nf;
            for (int i = 0; i < nf; i++) {
                int mhz = g->fmax - i * g->step;
                double t, e;
                model(g, a, (double)mhz / g->fmax, &t, &e);
                set->opt[i].mhz = mhz;
                set->opt[i].time = round6(t_max * t);
                set->opt[i].energy = round6(t_max * e);
            }
        }
    }
    return p;
fail:
    pp_profile_free(p);
    return NULL;
}

/* The file's text in a malloc'ed buffer (NULL if out of memory). */
static char *render(const struct output *o, size_t *len)
{
    struct pp_profile *p = build(o);
    char *buf = NULL;
    FILE *f = NULL;
    int rc = PP_EIO;

    if (!p || !(f = open_memstream(&buf, len)))
        goto out;
    if (o->yaml)
        fputs("# Synthetic example profile: made by profiles/examples/"
              "genprofile.c from\n# the model in profiles/examples/"
              "README.md, not measured on a GPU.\n",
              f);
    rc = o->yaml ? pp_profile_write_yaml(p, f) : pp_profile_write_csv(p, f);
out:
    if (f && fclose(f) != 0)
        rc = PP_EIO;
    pp_profile_free(p);
    if (rc != PP_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int write_all(const char *dir, int check)
{
    int bad = 0;
    for (size_t i = 0; i < NOUTPUTS; i++) {
        char path[4096], tmp[4200];
        size_t len, oldlen;
        char *text = render(&outputs[i], &len), *old = NULL;
        struct pp_error err;
        snprintf(path, sizeof path, "%s/%s", dir, outputs[i].file);
        if (!text) {
            fprintf(stderr, "genprofile: %s: out of memory\n", path);
            return 1;
        }
        if (check) {
            if (pp_read_file(path, &old, &oldlen, &err) != PP_OK) {
                fprintf(stderr, "genprofile: %s\n", err.msg);
                bad = 1;
            } else if (oldlen != len || memcmp(old, text, len) != 0) {
                fprintf(stderr,
                        "genprofile: %s is not what the generator "
                        "makes; run: genprofile %s\n",
                        path, dir);
                bad = 1;
            }
            free(old);
            free(text);
            continue;
        }
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        FILE *f = fopen(tmp, "wb");
        int ok = f && fwrite(text, 1, len, f) == len;
        if (f && fclose(f) != 0)
            ok = 0;
        if (!ok || rename(tmp, path) != 0) {
            perror(path);
            remove(tmp);
            bad = 1;
        }
        free(text);
    }
    return bad;
}

/* Where each model's energy is lowest, relative to the fmax point. */
static void summary(void)
{
    for (size_t g = 0; g < sizeof gpus / sizeof gpus[0]; g++) {
        const struct gpu_model *m = &gpus[g];
        for (int k = 0; k < 2; k++) {
            double a = k == 0 ? m->a_fwd : m->a_bwd, t1, e1, t, e;
            double best_e = INFINITY, best_t = 0, tl = 0, el = 0;
            int best_f = 0;
            model(m, a, 1.0, &t1, &e1);
            for (int f = m->fmax; f >= m->fmin; f -= m->step) {
                model(m, a, (double)f / m->fmax, &t, &e);
                if (e < best_e) {
                    best_e = e;
                    best_t = t;
                    best_f = f;
                }
                tl = t;
                el = e;
            }
            printf("%-5s %-8s min energy at %d MHz (%.3f fmax): time x%.3f, "
                   "energy x%.3f; at %d MHz: time x%.3f, energy x%.3f\n",
                   m->name, kinds[k], best_f, (double)best_f / m->fmax,
                   best_t / t1, best_e / e1, m->fmin, tl / t1, el / e1);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--summary") == 0) {
        summary();
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--check") == 0)
        return write_all(argv[2], 1);
    if (argc == 2 && argv[1][0] != '-')
        return write_all(argv[1], 0);
    fprintf(stderr, "usage: genprofile DIR | --check DIR | --summary\n");
    return 2;
}
