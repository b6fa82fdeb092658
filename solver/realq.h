/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * realq.h - realize frontier points on a second thread, in order (internal).
 *
 * The exact model's frontier alternates solver steps and realizations
 * (rounding the relaxed durations to measured frequencies, then evaluating
 * the plan).  Given a snapshot of the durations, a realization needs nothing
 * from the steps that follow, so a worker thread can realize while the
 * solver steps on.  The caller submits jobs (durations, hull segments, the
 * model's point); the worker runs FN on each, one at a time, in submission
 * order -- so FN sees exactly the sequence an inline loop would, and the
 * frontier is bit-identical whatever the thread count.
 *
 * At most PP_REALQ_DEPTH jobs wait; submit blocks while the queue is full.
 * FN runs on the worker only (or inline, on the caller's thread, when the
 * queue was started with threads <= 1): it must not share mutable state
 * with the submitting thread.
 */
#ifndef PP_REALQ_H
#define PP_REALQ_H

#include <stddef.h>
#include <stdint.h>

#include "solver.h"

#define PP_REALQ_DEPTH 4

/* Realize one job; returns PP_OK or a negative PP_E* code. */
typedef int (*pp_realq_fn)(void *ctx, const int64_t *d, const int32_t *seg,
                           struct pp_point *pt);

struct pp_realq;

/*
 * A queue for jobs over N instructions.  THREADS <= 1, or a system that
 * cannot start a thread, runs FN inline in pp_realq_submit.  Returns PP_OK
 * or PP_ENOMEM.
 */
int pp_realq_start(struct pp_realq **out, size_t n, int threads,
                   pp_realq_fn fn, void *ctx);

/*
 * Queue a job: D and SEG (N entries each) and PT are copied.  Returns the
 * first error FN has returned so far (after which jobs are dropped), else
 * PP_OK.
 */
int pp_realq_submit(struct pp_realq *q, const int64_t *d, const int32_t *seg,
                    const struct pp_point *pt);

/*
 * Wait for every job, stop the worker and free Q (NULL is a no-op).
 * Returns the first error FN returned, else PP_OK.
 */
int pp_realq_finish(struct pp_realq *q);

/* CPUs online (at least 1). */
int pp_cpus_online(void);

#endif
