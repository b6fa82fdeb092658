/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fitfile.c - fitted lowtime coefficients read from a CSV file.
 *
 * Format: a header "stage,instruction,a,b,c" (those column names, in that
 * order) and one row per (stage, instruction) giving the coefficients of
 * cost(d) = a * exp(b * d) + c with d in time units.  Pairs not listed are
 * fitted as usual.  Errors name FILE:LINE:COL.  The text is split at each
 * '\n' by hand (CRLF tolerated, blank lines skipped but counted, so line
 * numbers are those an editor shows); a NUL byte is an error rather than
 * the silent end of the file.  Numbers are read with pp_num_parse(), so
 * '.' is the decimal point whatever the locale.  Each row's coefficients
 * must pass pp_fit_check() (a cost the solver can plan with, finite over
 * the profile's times), checked here so that the message points at the
 * coefficient in the file rather than at the solver.
 */
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "readfile.h"

/* S for a message: cut to 40 bytes ("..." after 37) into BUF[48]. */
static const char *cut(char buf[48], const char *s)
{
    size_t n = strlen(s);
    snprintf(buf, 48, "%.*s%s", n > 40 ? 37 : (int)n, s, n > 40 ? "..." : "");
    return buf;
}

/* Line and column (one-based, bytes) of TEXT + OFF. */
static void position(const char *text, size_t off, long *line, long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

int pp_fit_check(const double abc[3], const char **why)
{
    double a = abc[0], b = abc[1], c = abc[2];

    if (!isfinite(a) || !isfinite(b) || !isfinite(c)) {
        *why = "must be a finite number";
        return !isfinite(a) ? 0 : !isfinite(b) ? 1 : 2;
    }
    if (a < 0) {
        *why = "must be at least 0 (the cost must fall as the duration "
               "grows)";
        return 0;
    }
    if (b > 0) {
        *why = "must be at most 0 (the cost must not grow with the "
               "duration)";
        return 1;
    }
    if (a > PP_FIT_MAX_COST) {
        *why = "must be at most 1e15 J (the cost over the profile's times "
               "lies between c and a + c)";
        return 0;
    }
    if (fabs(c) > PP_FIT_MAX_COST) {
        *why = "must be within -1e15..1e15 J (the cost over the profile's "
               "times lies between c and a + c)";
        return 2;
    }
    if (a + c > PP_FIT_MAX_COST) {
        *why = "must keep a + c at most 1e15 J (the cost over the "
               "profile's times lies between c and a + c)";
        return 0;
    }
    return -1;
}

/*
 * One row LN (line LINE of PATH, split in place) into its stage and
 * kind's three coefficients of FIT.  Returns 0, or PP_EINPUT with
 * file:line:col.
 */
static int read_row(const char *path, long line, char *ln,
                    const struct pp_profile *prof, double *fit,
                    struct pp_error *err)
{
    char *f[5], shown[48];
    long col[5];
    int nf = 0;
    char *p = ln;
    for (;;) {
        if (nf == 5) { /* a sixth field */
            nf++;
            break;
        }
        col[nf] = (long)(p - ln) + 1;
        f[nf++] = p;
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    if (nf != 5)
        return pp_error_at(err, PP_EINPUT, path, line, 1,
                           "expected 5 fields: stage,instruction,a,b,c");
    long stage;
    if (pp_parse_long(f[0], &stage) || stage < 0 || stage >= prof->nstages)
        return pp_error_at(err, PP_EINPUT, path, line, col[0],
                           "stage \"%s\" is not in the profile (0..%d)",
                           cut(shown, f[0]), prof->nstages - 1);
    int kind = pp_profile_kind(prof, f[1]);
    if (kind < 0)
        return pp_error_at(err, PP_EINPUT, path, line, col[1],
                           "stage %ld: the profile has no instruction "
                           "\"%s\"", stage, cut(shown, f[1]));
    double *dst = &fit[3 * ((size_t)stage * prof->nkinds + kind)];
    if (!isnan(dst[0]))
        return pp_error_at(err, PP_EINPUT, path, line, 1,
                           "stage %ld %s is listed twice", stage, f[1]);
    for (int k = 0; k < 3; k++)
        if (pp_num_parse(f[2 + k], &dst[k]) != PP_NUM_OK)
            return pp_error_at(err, PP_EINPUT, path, line, col[2 + k],
                               "stage %ld %s: coefficient %c is not a "
                               "finite number: \"%s\"",
                               stage, f[1], "abc"[k], cut(shown, f[2 + k]));
    const char *why;
    int bad = pp_fit_check(dst, &why);
    if (bad >= 0)
        return pp_error_at(err, PP_EINPUT, path, line, col[2 + bad],
                           "stage %ld %s: coefficient %c %s, got %s",
                           stage, f[1], "abc"[bad], why,
                           cut(shown, f[2 + bad]));
    return PP_OK;
}

int pp_fit_load(double **out, const char *path, const struct pp_profile *prof,
                struct pp_error *err)
{
    char *text = NULL;
    size_t len;
    double *fit = NULL;
    int rc;
    size_t nsets = (size_t)prof->nstages * prof->nkinds;

    *out = NULL;
    if ((rc = pp_read_file(path, &text, &len, err)))
        return rc;
    path = strcmp(path, "-") == 0 ? "<stdin>" : path; /* for messages */
    fit = malloc((nsets ? nsets : 1) * 3 * sizeof *fit);
    if (!fit) {
        rc = pp_error_nomem(err);
        goto out;
    }
    for (size_t k = 0; k < 3 * nsets; k++)
        fit[k] = NAN;
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        long l, c;
        position(text, (size_t)(nul - text), &l, &c);
        rc = pp_error_at(err, PP_EINPUT, path, l, c, "NUL byte in the file");
        goto out;
    }
    long line = 0;
    int header = 0;
    char *next = text, *end = text + len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        next += 3; /* a UTF-8 byte order mark, as a spreadsheet writes */
    while (next < end) {
        char *ln = next, *nl = memchr(next, '\n', (size_t)(end - next));
        size_t l = nl ? (size_t)(nl - ln) : (size_t)(end - ln);
        next = nl ? nl + 1 : end;
        line++;
        if (l > pp_read_max_line()) {
            char limit[PP_READ_LIMIT_TEXT];
            rc = pp_error_at(err, PP_EINPUT, path, line, 1,
                             "line longer than the line limit of %s",
                             pp_read_limit_text(limit, pp_read_max_line()));
            goto out;
        }
        ln[l] = '\0'; /* the '\n', or the NUL after the text */
        if (l && ln[l - 1] == '\r')
            ln[--l] = '\0';
        const char *cr = memchr(ln, '\r', l);
        if (cr) {
            rc = pp_error_at(err, PP_EINPUT, path, line, (long)(cr - ln) + 1,
                             "carriage return without a line feed: the file "
                             "seems to have CR-only (classic Mac OS) line "
                             "ends; convert them to LF or CRLF");
            goto out;
        }
        if (l == 0)
            continue;
        if (!header) {
            if (strcmp(ln, "stage,instruction,a,b,c")) {
                rc = pp_error_at(err, PP_EINPUT, path, line, 1,
                                 "the header must be \"stage,instruction,a,"
                                 "b,c\"");
                goto out;
            }
            header = 1;
            continue;
        }
        if ((rc = read_row(path, line, ln, prof, fit, err)))
            goto out;
    }
    if (!header) {
        rc = pp_error_at(err, PP_EINPUT, path, 0, 0, "empty file");
        goto out;
    }
    *out = fit;
    fit = NULL;
    rc = PP_OK;
out:
    free(fit);
    free(text);
    return rc;
}
