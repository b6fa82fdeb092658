/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deadline_internal.h - knobs of the deadline solver for its bench and
 * tests.
 */
#ifndef PP_DEADLINE_INTERNAL_H
#define PP_DEADLINE_INTERNAL_H

#include "deadline.h"
#include "mcf.h"

/* The circulation solver used by later pp_deadline_solve calls (default
 * PP_MCF_SCALING, mcf.c; the LEMON ones cross-check it). */
void pp_deadline_set_method(struct pp_deadline *ds, enum pp_mcf_method m);

/* Whether PP_MCF_SCALING starts each solve from the last one's flow and
 * potentials (default 1) or cold. */
void pp_deadline_set_warm(struct pp_deadline *ds, int warm);

/* The circulation network at DEADLINE_NS (deadline.c's layout), owned by
 * DS and valid until its next solve or pp_deadline_network call: for
 * tests that compare flow solvers on it. */
struct pp_deadline_net {
    int32_t nnodes;
    size_t narcs;
    const int32_t *tail, *head;
    const int64_t *cap, *cost;
};
void pp_deadline_network(struct pp_deadline *ds, int64_t deadline_ns,
                         struct pp_deadline_net *net);

#endif
