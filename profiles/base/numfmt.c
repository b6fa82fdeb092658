/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * numfmt.c - locale-independent number parsing and exact formatting.
 *
 * strtod() and printf("%g") follow LC_NUMERIC, and strtod() also accepts
 * hexadecimal floats, "nan(...)" and "infinity", none of which belong in a
 * profile.  pp_num_parse() therefore checks the decimal syntax itself and
 * only then converts, swapping '.' for the locale's decimal point when that
 * differs, so the result is the correctly rounded value in any locale.
 * pp_num_format() tries 15, 16 and 17 significant digits and keeps the
 * first text that converts back to the same double (17 always does for
 * IEEE doubles).  That is the shortest such text: a normal double is within
 * 2^-53 of itself relative, less than half the spacing of 15-digit
 * decimals, so if a text of at most 15 digits reads back to it, "%.15g"
 * prints exactly that text (with its trailing zeros stripped).  Subnormals
 * have fewer bits and try every precision from 1.  Exponents are avoided
 * where Python's repr() avoids them, and the locale's decimal point is
 * swapped back to '.'.  For the measured profiles this reproduces the
 * published files' text exactly.  pp_num_put() writes that text for the
 * machine formats.
 */
#include "numfmt.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"

/* Number texts up to SMALL_NUM_TEXT bytes are converted in a buffer on
 * the stack, longer ones in one on the heap: a 202-digit integer is a
 * number, if a huge one, and is then refused as out of range by the field
 * it is in, not as "not a number".  Text longer than MAX_NUM_TEXT is not
 * a number: every double written out exactly in decimal takes at most
 * 1077 characters (the smallest subnormal), and this bound keeps a
 * megabyte of digits from being copied. */
#define SMALL_NUM_TEXT 127
#define MAX_NUM_TEXT 2048

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* S without the blanks around it: its first non-blank character, and in
 * *N the length up to and including its last (0 if all blank).  Every
 * parser here starts with it, so that each allows the same blanks. */
static const char *trimmed(const char *s, size_t *n)
{
    while (is_blank(*s))
        s++;
    *n = strlen(s);
    while (*n > 0 && is_blank(s[*n - 1]))
        (*n)--;
    return s;
}

/* Does [s, s+n) spell nan or infinity in one of the usual ways? */
static int nonfinite_word(const char *s, size_t n)
{
    static const char *const words[] = {"nan",  "inf",  "infinity",
                                        ".nan", ".inf", NULL};
    if (n > 0 && (*s == '+' || *s == '-')) {
        s++;
        n--;
    }
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
            return 1;
    return 0;
}

/* Length of the decimal number at S (0 if there is none). */
static size_t scan_decimal(const char *s)
{
    const char *p = s;
    size_t digits = 0;

    if (*p == '+' || *p == '-')
        p++;
    while (is_digit(*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (is_digit(*p)) {
            p++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        if (!is_digit(*q))
            return 0;
        while (is_digit(*q))
            q++;
        p = q;
    }
    return (size_t)(p - s);
}

enum pp_num_status pp_num_parse(const char *s, double *out)
{
    const struct lconv *lc = localeconv();
    const char *dp =
        lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
    size_t dplen = strlen(dp);
    char small[SMALL_NUM_TEXT + 16], *buf = small;
    size_t n, k = 0;

    s = trimmed(s, &n);
    if (n == 0)
        return PP_NUM_EMPTY;
    if (scan_decimal(s) != n)
        return nonfinite_word(s, n) ? PP_NUM_NONFINITE : PP_NUM_BAD;
    if (n > MAX_NUM_TEXT || dplen > 8)
        return PP_NUM_BAD;
    if (n > SMALL_NUM_TEXT && !(buf = malloc(n + 16))) /* one point, <= 8 */
        return PP_NUM_BAD; /* out of memory for a number: refuse it */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            memcpy(buf + k, dp, dplen);
            k += dplen;
        } else {
            buf[k++] = s[i];
        }
    }
    buf[k] = '\0';
    double v = strtod(buf, NULL);
    if (buf != small)
        free(buf);
    if (!isfinite(v))
        return PP_NUM_NONFINITE;
    *out = v;
    return PP_NUM_OK;
}

int pp_parse_double(const char *s, double *out)
{
    return s && pp_num_parse(s, out) == PP_NUM_OK ? PP_OK : PP_EINPUT;
}

int pp_parse_long(const char *s, long *out)
{
    size_t n, k = 0;
    if (!s)
        return PP_EINPUT;
    s = trimmed(s, &n);
    k = n > 0 && (*s == '+' || *s == '-');
    if (k == n)
        return PP_EINPUT;
    for (size_t i = k; i < n; i++)
        if (!is_digit(s[i]))
            return PP_EINPUT;
    errno = 0;
    long v = strtol(s, NULL, 10); /* stops at the first trailing blank */
    if (errno == ERANGE)
        return PP_ERANGE;
    *out = v;
    return PP_OK;
}

int pp_num_leading_zero(const char *s, char *hint, size_t len)
{
    const char *p, *d;
    size_t n;
    unsigned long long oct = 0;
    int octal = 1, big = 0;

    s = trimmed(s, &n);
    p = s + (n > 0 && (*s == '+' || *s == '-'));
    if (p + 2 > s + n || p[0] != '0')
        return 0;
    for (d = p; d < s + n; d++) {
        if (!is_digit(*d))
            return 0;
        octal &= *d < '8';
        if (oct > (~0ULL >> 3))
            big = 1;
        oct = oct * 8 + (unsigned long long)(*d - '0');
    }
    if (!hint || !len)
        return 1;
    if (!octal)
        snprintf(hint, len, "YAML 1.1 readers such as PyYAML read %.*s as a "
                 "string", (int)n, s);
    else if (big)
        snprintf(hint, len, "YAML 1.1 readers such as PyYAML read %.*s as an "
                 "octal number", (int)n, s);
    else
        snprintf(hint, len, "YAML 1.1 readers such as PyYAML read %.*s as the "
                 "octal number %s%llu", (int)n, s, *s == '-' ? "-" : "", oct);
    return 1;
}

char *pp_num_format(char buf[PP_NUM_BUFSZ], double v)
{
    const struct lconv *lc = localeconv();
    const char *dp =
        lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";

    if (!isfinite(v)) {
        snprintf(buf, PP_NUM_BUFSZ, "%s",
                 isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"));
        return buf;
    }
    for (int prec = v != 0 && fabs(v) < DBL_MIN ? 1 : 15; prec <= 17;
         prec++) {
        snprintf(buf, PP_NUM_BUFSZ, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /*
     * "2e+01" is short but unfriendly: like Python's repr(), use an exponent
     * only below 1e-4 or from 1e16 on.  More digits than the shortest still
     * read back exactly, being at least as close to V.
     */
    char *e = strchr(buf, 'e');
    if (e) {
        long x = strtol(e + 1, NULL, 10);
        if (x >= 0 && x < 16)
            snprintf(buf, PP_NUM_BUFSZ, "%.*g", (int)x + 1, v);
    }
    if (strcmp(dp, ".") != 0) {
        char *at = strstr(buf, dp);
        if (at) {
            size_t dplen = strlen(dp);
            *at = '.';
            memmove(at + 1, at + dplen, strlen(at + dplen) + 1);
        }
    }
    return buf;
}

void pp_num_put(FILE *f, double v)
{
    char buf[PP_NUM_BUFSZ + 2];
    pp_num_format(buf, v);
    char *e = strchr(buf, 'e');
    if (e && !memchr(buf, '.', (size_t)(e - buf))) {
        memmove(e + 2, e, strlen(e) + 1);
        e[0] = '.';
        e[1] = '0';
    }
    fputs(buf, f);
}

/* Exact decimals --------------------------------------------------------- */

#define DEC_MAX 999999999999999999LL /* 18 digits */

enum pp_num_status pp_dec_parse(const char *s, struct pp_dec *out)
{
    double unused;
    enum pp_num_status st = pp_num_parse(s, &unused);
    if (st != PP_NUM_OK)
        return st;
    size_t n;
    s = trimmed(s, &n);
    int neg = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    long long m = 0;
    int e = 0, digits = 0, point = 0;
    for (; is_digit(*s) || *s == '.'; s++) {
        if (*s == '.') {
            point = 1;
            continue;
        }
        if (m == 0 && *s == '0') { /* leading zeros: no digit, but scale */
            e -= point;
            continue;
        }
        if (++digits > 18)
            return PP_NUM_BAD;
        m = 10 * m + (*s - '0');
        e -= point;
    }
    if (*s == 'e' || *s == 'E') {
        long x = strtol(s + 1, NULL, 10);
        if (x > 300 || x < -300)
            return PP_NUM_BAD;
        e += (int)x;
    }
    if (m == 0)
        e = 0;
    out->m = neg ? -m : m;
    out->e = e;
    return PP_NUM_OK;
}

int pp_dec_shift(struct pp_dec a, int k, struct pp_dec *out)
{
    for (; k > 0; k--) {
        if (a.m > DEC_MAX / 10 || a.m < -DEC_MAX / 10)
            return -1;
        a.m *= 10;
        a.e--;
    }
    *out = a;
    return 0;
}

/* A and B with the same exponent, the smaller of the two. */
static int align(struct pp_dec *a, struct pp_dec *b)
{
    if (a->e > b->e)
        return pp_dec_shift(*a, a->e - b->e, a);
    return pp_dec_shift(*b, b->e - a->e, b);
}

int pp_dec_add(struct pp_dec a, struct pp_dec b, struct pp_dec *out)
{
    if (align(&a, &b))
        return -1;
    long long m = a.m + b.m; /* |a.m|, |b.m| <= DEC_MAX: no overflow */
    if (m > DEC_MAX || m < -DEC_MAX)
        return -1;
    out->m = m;
    out->e = a.e;
    return 0;
}

int pp_dec_cmp(struct pp_dec a, struct pp_dec b)
{
    if (align(&a, &b)) { /* far apart in scale: the doubles decide */
        double x = pp_dec_double(a), y = pp_dec_double(b);
        return (x > y) - (x < y);
    }
    return (a.m > b.m) - (a.m < b.m);
}

double pp_dec_double(struct pp_dec d)
{
    char buf[PP_DEC_BUFSZ];
    double v = 0;
    snprintf(buf, sizeof buf, "%llde%d", d.m, d.e);
    pp_num_parse(buf, &v);
    return v;
}

char *pp_dec_format(char buf[PP_DEC_BUFSZ], struct pp_dec d)
{
    static const char zeros[] = "000000000000000000000000"; /* 24 */
    char dig[24];
    int n = snprintf(dig, sizeof dig, "%lld", d.m < 0 ? -d.m : d.m);
    int e = d.m ? d.e : 0;
    while (n > 1 && e < 0 && dig[n - 1] == '0') /* trailing zeros */
        dig[--n] = '\0', e++;
    const char *sign = d.m < 0 ? "-" : "";
    if (e > 24 || -(n + e) > 24) /* too long written out */
        snprintf(buf, PP_DEC_BUFSZ, "%s%se%d", sign, dig, e);
    else if (e >= 0)
        snprintf(buf, PP_DEC_BUFSZ, "%s%s%.*s", sign, dig, e, zeros);
    else if (n + e > 0)
        snprintf(buf, PP_DEC_BUFSZ, "%s%.*s.%s", sign, n + e, dig,
                 dig + n + e);
    else
        snprintf(buf, PP_DEC_BUFSZ, "%s0.%.*s%s", sign, -(n + e), zeros, dig);
    return buf;
}
