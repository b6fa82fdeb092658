/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * profile.c - loading profiles by file type, and queries on a loaded profile.
 *
 * pp_profile_load() reads the whole input once and hands it to the CSV or
 * YAML reader (csv.c, yaml.c); both end in pp_rows_finish() (rows.c), so a
 * profile is fully validated whichever format it came from.  The queries
 * rely on the invariants established there: stages 0..nstages-1 each have
 * every kind, and each option set is sorted by frequency, highest first,
 * without repeats, so pp_opset_find() is a binary search (O(log n)).
 */
#include "profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readfile.h"

void pp_profile_free(struct pp_profile *p)
{
    if (!p)
        return;
    if (p->sets)
        for (int i = 0; i < p->nstages * p->nkinds; i++)
            free(p->sets[i].opt);
    free(p->sets);
    for (int k = 0; p->kinds && k < p->nkinds; k++)
        free(p->kinds[k]);
    free(p->kinds);
    free(p->gpu);
    free(p->path);
    free(p);
}

int pp_profile_kind(const struct pp_profile *p, const char *name)
{
    for (int k = 0; k < p->nkinds; k++)
        if (strcmp(p->kinds[k], name) == 0)
            return k;
    return -1;
}

const struct pp_opset *pp_profile_ops(const struct pp_profile *p, int stage,
                                      int kind)
{
    if (stage < 0 || stage >= p->nstages || kind < 0 || kind >= p->nkinds)
        return NULL;
    return &p->sets[stage * p->nkinds + kind];
}

const struct pp_option *pp_opset_find(const struct pp_opset *set, int mhz)
{
    size_t lo = 0, hi = set ? set->n : 0;

    /* Invariant: the option, if present, is in opt[lo, hi). */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int f = set->opt[mid].mhz;
        if (f == mhz)
            return &set->opt[mid];
        if (f > mhz) /* descending order: look right */
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int pp_blocking_preset(const char *name, double *watts)
{
    /*
     * Blocking power measured by the Perseus authors (SOSP'24 artifact):
     * the power a GPU draws while it waits on communication.
     */
    static const struct {
        const char *name;
        double watts;
    } presets[] = {
        {"a100", 83.64},
        {"a100_sxm", 83.64},
        {"a40", 70.38},
    };

    if (!name)
        return PP_EINPUT;
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        if (strcasecmp(name, presets[i].name) == 0) {
            *watts = presets[i].watts;
            return PP_OK;
        }
    }
    return PP_EINPUT;
}

/* First frequency in exactly one of A and B (both sorted descending). */
static int first_difference(const struct pp_opset *a, const struct pp_opset *b,
                            int *mhz, int *in_a)
{
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        if (j == b->n || (i < a->n && a->opt[i].mhz > b->opt[j].mhz)) {
            *mhz = a->opt[i].mhz;
            *in_a = 1;
            return 1;
        }
        if (i == a->n || b->opt[j].mhz > a->opt[i].mhz) {
            *mhz = b->opt[j].mhz;
            *in_a = 0;
            return 1;
        }
        i++;
        j++;
    }
    return 0;
}

int pp_profile_freqsets_differ(const struct pp_profile *p, char *buf,
                               size_t len)
{
    for (int s = 1; s < p->nstages; s++) {
        for (int k = 0; k < p->nkinds; k++) {
            int mhz, in_first;
            if (!first_difference(pp_profile_ops(p, 0, k),
                                  pp_profile_ops(p, s, k), &mhz, &in_first))
                continue;
            if (buf && len && in_first)
                snprintf(buf, len,
                         "stage %d %s has no %d MHz option, "
                         "stage 0 %s has one",
                         s, p->kinds[k], mhz, p->kinds[k]);
            else if (buf && len)
                snprintf(buf, len,
                         "stage %d %s has a %d MHz option, "
                         "stage 0 %s has none",
                         s, p->kinds[k], mhz, p->kinds[k]);
            return 1;
        }
    }
    return 0;
}

/* Extension .yaml or .yml, any case. */
static int yaml_extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return 0;
    return strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0;
}

/*
 * For stdin: the first line of a CSV profile is its header, which starts
 * with "stage" or at least contains a comma; YAML starts otherwise (a JSON
 * object's "{" line may contain commas too).  A byte order mark, blank
 * lines and blanks before the first line that is not blank are skipped,
 * as both readers skip them.
 */
static int looks_like_csv(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                       text[i] == '\n'))
        i++;
    const char *line = text + i;
    size_t n = 0;
    while (i + n < len && line[n] != '\n')
        n++;
    if (n >= 5 && (memcmp(line, "stage", 5) == 0 ||
                   (n >= 6 && memcmp(line, "\"stage", 6) == 0)))
        return 1;
    if (n > 0 && (line[0] == '{' || line[0] == '[' || line[0] == '#'))
        return 0;
    return memchr(line, ',', n) != NULL;
}

int pp_profile_load(struct pp_profile **out, const char *path,
                    struct pp_error *err)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *text = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    if ((rc = pp_read_file(path, &text, &len, err)) != PP_OK)
        goto out;
    int yaml = strcmp(path, "-") == 0 ? !looks_like_csv(text, len)
                                      : yaml_extension(path);
    if (yaml)
        rc = pp_profile_parse_yaml(out, name, text, len, err);
    else
        rc = pp_profile_parse_csv(out, name, text, len, err);
out:
    free(text);
    return rc;
}
