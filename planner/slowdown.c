/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * slowdown.c - slowdowns as users type them (cli.h): N%, xR, or a plain
 * number in the option's own convention, a fraction or a ratio.  Values
 * are parsed as exact decimals (numfmt.h), so 5%, 0.05 and x1.05 are one
 * slowdown, rounded to a double once.  A plain number outside a slowdown
 * below 100% was probably typed in the other convention (the sweep's 1.05
 * as plan's --slowdown would plan for twice T_min): it is refused with the
 * values it could have meant, computed in decimals so the hint repeats the
 * digits typed.  A sweep's grid of slowdowns, A:B:STEP or a list, is
 * computed in the same exact decimals.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1, as a decimal. */
static const struct pp_dec dec_one = {1, 0};

double slowdown_ratio(struct pp_dec frac)
{
    struct pp_dec r;
    return pp_dec_add(frac, dec_one, &r) ? 1.0 + pp_dec_double(frac)
                                         : pp_dec_double(r);
}

/* The hint for a plain number V outside its convention's range. */
static void plain_hint(struct pp_dec v, enum sd_plain plain, char *why,
                       size_t n)
{
    char t[5][PP_DEC_BUFSZ];
    struct pp_dec minus1 = {-1, 0}, two = {2, 0};
#define DEC(k, val) pp_dec_format(t[k], (val))
    if (plain == SD_FRACTION && pp_dec_cmp(v, two) < 0) {
        /* 1 <= V < 2: the ratio V, or V x 100 percent */
        struct pp_dec f, r;
        pp_dec_add(v, minus1, &f);
        pp_dec_add(v, dec_one, &r);
        snprintf(why, n, "a plain slowdown is a fraction below 1; did you "
                         "mean x%s (%s%%, %s)? For %s%% slower, write %s%% "
                         "or x%s",
                 DEC(0, v), DEC(1, ((struct pp_dec){f.m, f.e + 2})),
                 DEC(2, f), DEC(3, ((struct pp_dec){v.m, v.e + 2})), t[3],
                 DEC(4, r));
    } else if (plain == SD_FRACTION) {
        /* V >= 2: V percent, or V x 100 percent */
        struct pp_dec r;
        pp_dec_add(v, dec_one, &r);
        snprintf(why, n, "a plain slowdown is a fraction below 1; did you "
                         "mean %s%% (%s)? For %s%% slower, write %s%% or x%s",
                 DEC(0, v), DEC(1, ((struct pp_dec){v.m, v.e - 2})),
                 DEC(2, ((struct pp_dec){v.m, v.e + 2})), t[2], DEC(3, r));
    } else if (pp_dec_cmp(v, dec_one) < 0) {
        /* 0 <= V < 1: the fraction V, the ratio 1 + V */
        struct pp_dec r;
        pp_dec_add(v, dec_one, &r);
        snprintf(why, n, "a plain slowdown here is a ratio T'/T_min of at "
                         "least 1; did you mean %s (%s%%, x%s)?",
                 DEC(0, r), DEC(1, ((struct pp_dec){v.m, v.e + 2})), t[0]);
    } else {
        /* V >= 2: V percent, or V times as slow */
        struct pp_dec r, f;
        pp_dec_add((struct pp_dec){v.m, v.e - 2}, dec_one, &r);
        pp_dec_add(v, minus1, &f);
        snprintf(why, n, "a plain slowdown here is a ratio T'/T_min below 2; "
                         "did you mean %s%% (%s)? For %s times as slow, "
                         "write x%s (%s%%)",
                 DEC(0, v), DEC(1, r), t[0], t[0],
                 DEC(2, ((struct pp_dec){f.m, f.e + 2})));
    }
#undef DEC
}

/* S as an exact decimal into *V, a trailing '%' dividing it by 100 (and
 * setting *PCT); 0, or -1 if it is not such a number. */
static int dec_or_percent(const char *s, struct pp_dec *v, int *pct)
{
    size_t len = strlen(s);
    char num[64];
    *pct = len > 0 && s[len - 1] == '%';
    len -= (size_t)*pct;
    if (len >= sizeof num)
        return -1;
    memcpy(num, s, len);
    num[len] = '\0';
    if (pp_dec_parse(num, v) != PP_NUM_OK)
        return -1;
    v->e -= 2 * *pct;
    return 0;
}

int slowdown_parse(const char *arg, enum sd_plain plain, struct pp_dec *frac,
                   char *why, size_t whylen)
{
    struct pp_dec v;
    int pct, ratio = arg[0] == 'x';
    if (dec_or_percent(ratio ? arg + 1 : arg, &v, &pct)) {
        snprintf(why, whylen, "should be %s, a percentage (5%%) or a ratio "
                              "T'/T_min (x1.05)",
                 plain == SD_FRACTION ? "a fraction (0.05)"
                                      : "a ratio (1.05)");
        return -1;
    }
    if (pct) {
        if (v.m < 0) {
            snprintf(why, whylen, "a slowdown is at least 0%%");
            return -1;
        }
        *frac = v;
        return 0;
    }
    struct pp_dec minus1 = {-1, 0};
    if (ratio || plain == SD_RATIO) {
        if (pp_dec_cmp(v, dec_one) < 0 && (ratio || v.m < 0)) {
            snprintf(why, whylen, "a ratio T'/T_min is at least 1");
            return -1;
        }
        if (!ratio && (pp_dec_cmp(v, dec_one) < 0 ||
                       pp_dec_cmp(v, (struct pp_dec){2, 0}) >= 0)) {
            plain_hint(v, plain, why, whylen);
            return -1;
        }
        if (pp_dec_add(v, minus1, frac)) {
            snprintf(why, whylen, "the ratio is too precise");
            return -1;
        }
        return 0;
    }
    if (v.m < 0) {
        snprintf(why, whylen, "a slowdown is at least 0");
        return -1;
    }
    if (pp_dec_cmp(v, dec_one) >= 0) {
        plain_hint(v, plain, why, whylen);
        return -1;
    }
    *frac = v;
    return 0;
}

int parse_fraction_opt(const char *cmd, const char *opt, const char *arg,
                       double *out)
{
    struct pp_dec v;
    int pct;
    if (dec_or_percent(arg, &v, &pct) || pp_dec_cmp(v, dec_one) >= 0) {
        die_usage(cmd, "invalid argument \"%s\" for %s; should be a fraction "
                       "below 1 (0.1) or a percentage below 100%% (10%%)",
                  arg, opt);
        return -1;
    }
    *out = pp_dec_double(v);
    return 0;
}

int parse_slowdown(const char *cmd, const char *opt, const char *arg,
                   enum sd_plain plain, struct pp_dec *frac)
{
    char why[256];
    if (slowdown_parse(arg, plain, frac, why, sizeof why)) {
        die_usage(cmd, "invalid argument \"%s\" for %s: %s", arg, opt, why);
        return -1;
    }
    return 0;
}

/* A grid's STEP: a plain positive number (a difference of ratios) or
 * percentage points ("5%"); 0 or -1. */
static int parse_step(const char *t, struct pp_dec *out)
{
    int pct;
    return dec_or_percent(t, out, &pct) || out->m <= 0 ? -1 : 0;
}

/*
 * How many slowdowns A:B:STEP holds (A <= B; fractions T'/T_min - 1 and a
 * step), with A, B and STEP brought to one exponent *E in *A, *B, *ST; 0
 * with WHY filled if more than SLOWDOWN_MAX_GRID, or if the three need
 * more digits together than exact decimals hold.
 */
static size_t grid_count(struct pp_dec *a, struct pp_dec *b, struct pp_dec *st,
                         int *e, char *why, size_t len)
{
    double est = (pp_dec_double(*b) - pp_dec_double(*a)) / pp_dec_double(*st);
    *e = a->e < b->e ? a->e : b->e;
    *e = *e < st->e ? *e : st->e;
    if (est < SLOWDOWN_MAX_GRID &&
        (pp_dec_shift(*a, a->e - *e, a) || pp_dec_shift(*b, b->e - *e, b) ||
         pp_dec_shift(*st, st->e - *e, st))) {
        snprintf(why, len, "A, B and STEP together need more than 18 "
                           "significant digits");
        return 0;
    }
    if (est >= SLOWDOWN_MAX_GRID ||
        (b->m - a->m) / st->m >= SLOWDOWN_MAX_GRID) {
        snprintf(why, len, "the grid holds %.3g slowdowns, more than the %d "
                           "a sweep takes",
                 est + 1, SLOWDOWN_MAX_GRID);
        return 0;
    }
    return (size_t)((b->m - a->m) / st->m) + 1;
}

/*
 * B of A:B:STEP (fraction A, step ST) typed as plain number refused in
 * the ratio convention (1e9: a ratio below 2 was expected): if the grid
 * would be too large however B is read, even as the percentage, the
 * smallest reading, say so in WHY instead of the convention's hint.
 */
static void plain_end_count(struct pp_dec a, const char *b, struct pp_dec st,
                            char *why, size_t len)
{
    struct pp_dec v;
    if (*b == 'x' || strchr(b, '%') || pp_dec_parse(b, &v) != PP_NUM_OK)
        return;
    double est = (pp_dec_double(v) / 100 - pp_dec_double(a)) /
                 pp_dec_double(st);
    if (est >= SLOWDOWN_MAX_GRID)
        snprintf(why, len, "the grid holds at least %.3g slowdowns however "
                           "B is read (as a ratio or as %s%%), more than "
                           "the %d a sweep takes",
                 est + 1, b, SLOWDOWN_MAX_GRID);
}

/* A:B:STEP, its three parts in ITEM, into a new array *V of *M values;
 * 0, or -1 with WHY filled (or empty if the form itself is wrong). */
static int range_grid(char **item, size_t ni, double **v, size_t *m,
                      char *why, size_t len)
{
    struct pp_dec a, b, st;
    int e;
    if (ni != 3 || slowdown_parse(item[0], SD_RATIO, &a, why, len))
        return -1;
    int bad_b = slowdown_parse(item[1], SD_RATIO, &b, why, len);
    if (parse_step(item[2], &st)) {
        if (!bad_b)
            snprintf(why, len, "STEP should be a number > 0 or percentage "
                               "points (5%%)");
        return -1;
    }
    if (bad_b) {
        plain_end_count(a, item[1], st, why, len);
        return -1;
    }
    if (pp_dec_cmp(b, a) < 0) {
        snprintf(why, len, "B is below A");
        return -1;
    }
    size_t cnt = grid_count(&a, &b, &st, &e, why, len);
    if (!cnt)
        return -1;
    if (!(*v = malloc(cnt * sizeof **v))) {
        snprintf(why, len, "out of memory");
        return -1;
    }
    for (size_t k = 0; k < cnt; k++)
        (*v)[k] = slowdown_ratio((struct pp_dec){a.m + (long long)k * st.m, e});
    *m = cnt;
    return 0;
}

/* The NI slowdowns in ITEM into a new array *V; 0, or -1 with WHY. */
static int list_grid(char **item, size_t ni, double **v, char *why,
                     size_t len)
{
    if (ni > SLOWDOWN_MAX_GRID) {
        snprintf(why, len, "%zu slowdowns, more than the %d a sweep takes",
                 ni, SLOWDOWN_MAX_GRID);
        return -1;
    }
    if (!(*v = malloc(ni * sizeof **v))) {
        snprintf(why, len, "out of memory");
        return -1;
    }
    for (size_t k = 0; k < ni; k++) {
        struct pp_dec f;
        if (slowdown_parse(item[k], SD_RATIO, &f, why, len))
            return -1;
        (*v)[k] = slowdown_ratio(f);
    }
    return 0;
}

int parse_slowdown_grid(const char *cmd, const char *opt, const char *arg,
                        double **out, size_t *n)
{
    char *copy = strdup(arg), **item = NULL, why[256] = "";
    double *v = NULL;
    size_t ni = 0, m = 0;
    int range = strchr(arg, ':') != NULL, rc;
    if (!copy) {
        message("out of memory");
        return -1;
    }
    if (split_items(cmd, opt, arg, copy, range ? ':' : ',',
                    range ? "A:B:STEP" : "the list of slowdowns", &item,
                    &ni)) {
        free(copy);
        return -1;
    }
    rc = range ? range_grid(item, ni, &v, &m, why, sizeof why)
               : list_grid(item, ni, &v, why, sizeof why);
    if (!range)
        m = ni;
    free(item);
    free(copy);
    if (!rc) {
        *out = v;
        *n = m;
        return 0;
    }
    free(v);
    if (*why)
        die_usage(cmd, "invalid argument \"%s\" for %s: %s", arg, opt, why);
    else
        die_usage(cmd, "invalid argument \"%s\" for %s; should be A:B:STEP "
                       "or a comma-separated list of slowdowns s = T'/T_min "
                       "(1.05, 5%% or x1.05)",
                  arg, opt);
    return -1;
}
