/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_fit.c - fuzz target for fitted-coefficient files (pp_fit_load).
 *
 * pp_fit_load() reads a path, so each input is written to one temporary
 * file (created once, truncated and rewritten for every input, removed at
 * exit) and loaded against a fixed profile of 2 stages with the kinds
 * forward, backward and w.1.  A failure must follow the error contract
 * (fuzz.h), naming the file.  A result holds, for every (stage, kind),
 * either three finite coefficients or three NaNs ("fit as usual").
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "profile.h"
#include "solver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char profile_csv[] = "stage,instruction,frequency,time,energy\n"
                                  "0,forward,1410,0.05,20\n"
                                  "0,backward,1410,0.1,40\n"
                                  "0,w.1,1410,0.02,8\n"
                                  "1,forward,1410,0.055,22\n"
                                  "1,backward,1410,0.11,44\n"
                                  "1,w.1,1410,0.021,8.5\n";

static struct pp_profile *prof;
static char path[64];
static int fd = -1;

static void cleanup(void)
{
    if (fd >= 0)
        unlink(path);
}

static void init(void)
{
    struct pp_error err;
    if (prof)
        return;
    if (pp_profile_parse_csv(&prof, "profile", profile_csv,
                             sizeof profile_csv - 1, &err) != PP_OK) {
        fprintf(stderr, "fuzz_fit: %s\n", err.msg);
        abort();
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%.40s/pp-fuzz-fit.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0);
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double *fit = NULL;
    struct pp_error err = {0};
    size_t nsets;

    init();
    FUZZ_CHECK(ftruncate(fd, 0) == 0);
    for (size_t done = 0; done < size;) {
        ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);
        FUZZ_CHECK(w > 0);
        done += (size_t)w;
    }
    int rc = pp_fit_load(&fit, path, prof, &err);
    if (rc != PP_OK) {
        fuzz_check_error(rc, &err, path, fit);
        return 0;
    }
    nsets = (size_t)prof->nstages * (size_t)prof->nkinds;
    for (size_t k = 0; k < nsets; k++) {
        const double *c = &fit[3 * k];
        if (isnan(c[0]))
            FUZZ_CHECK(isnan(c[1]) && isnan(c[2]));
        else
            FUZZ_CHECK(isfinite(c[0]) && isfinite(c[1]) && isfinite(c[2]));
    }
    free(fit);
    return 0;
}
