/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * svg_cli.h - the picture options that eval, plan and sweep share (--svg
 * FILE, --svg-width W; eval's --svg-window A:B) and the picture's subject
 * taken from the command's inputs.
 */
#ifndef PP_SVG_CLI_H
#define PP_SVG_CLI_H

#include "cli.h"
#include "svg.h"

/* getopt_long codes, clear of the commands' own (256...) and cli.h's. */
enum { OPT_SVG_FILE = 320, OPT_SVG_WIDTH, OPT_SVG_WINDOW };
/* clang-format off */
#define SVG_LONGOPTS                                                         \
    {"svg", required_argument, NULL, OPT_SVG_FILE},                          \
    {"svg-width", required_argument, NULL, OPT_SVG_WIDTH}
#define SVG_WINDOW_LONGOPT                                                   \
    {"svg-window", required_argument, NULL, OPT_SVG_WINDOW}
/* clang-format on */

/* A picture asked for: PATH (NULL: none) and what svg.h's functions take.
 * GPU holds the GPU's name when it comes from a --blocking-power preset. */
struct svg_request {
    const char *path;
    struct svg_info info;
    char gpu[16];
};

/*
 * Handle a picture option C with argument ARG into Q; returns 1 if
 * handled, 0 if C is not a picture option, -1 after printing a usage error
 * naming CMD.  --svg-width takes px or a length with a unit (in, cm, mm,
 * pt; 96 px to the inch), from SVG_WIDTH_MIN to SVG_WIDTH_MAX px;
 * --svg-window A:B seconds, 0 <= A < B.
 */
int svg_option(struct svg_request *q, const char *cmd, int c, const char *arg);

/* Q's subject from the loaded inputs: the profile's name, the GPU (a YAML
 * profile's, or the --blocking-power preset's), schedule, S, M and V. */
void svg_describe(struct svg_request *q, const struct inputs *in);

#endif
