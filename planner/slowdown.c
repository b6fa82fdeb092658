/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * slowdown.c - slowdowns as users type them (cli.h): N%, xR, or a plain
 * number in the option's own convention, a fraction or a ratio.  Values
 * are parsed as exact decimals (numfmt.h), so 5%, 0.05 and x1.05 are one
 * slowdown, rounded to a double once.  A plain number outside a slowdown
 * below 100% was probably typed in the other convention (the sweep's 1.05
 * as plan's --slowdown would plan for twice T_min): it is refused with the
 * values it could have meant, computed in decimals so the hint repeats the
 * digits typed.
 */
#include "cli.h"

#include <stdio.h>
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

int slowdown_parse(const char *arg, enum sd_plain plain, struct pp_dec *frac,
                   char *why, size_t whylen)
{
    size_t len = strlen(arg);
    char num[64];
    struct pp_dec v;
    int pct = len > 0 && arg[len - 1] == '%', ratio = arg[0] == 'x';
    const char *body = ratio ? arg + 1 : arg;
    size_t blen = strlen(body) - (size_t)pct;
    if (blen >= sizeof num || (memcpy(num, body, blen), num[blen] = '\0',
                               pp_dec_parse(num, &v) != PP_NUM_OK)) {
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
        *frac = (struct pp_dec){v.m, v.e - 2};
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
    size_t len = strlen(arg);
    char num[64];
    struct pp_dec v;
    int pct = len > 0 && arg[len - 1] == '%';
    if (len - (size_t)pct >= sizeof num ||
        (memcpy(num, arg, len - (size_t)pct), num[len - (size_t)pct] = '\0',
         pp_dec_parse(num, &v) != PP_NUM_OK) ||
        pp_dec_cmp((struct pp_dec){v.m, v.e - 2 * pct}, dec_one) >= 0) {
        die_usage(cmd, "invalid argument \"%s\" for %s; should be a fraction "
                       "below 1 (0.1) or a percentage below 100%% (10%%)",
                  arg, opt);
        return -1;
    }
    *out = pp_dec_double((struct pp_dec){v.m, v.e - 2 * pct});
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
