/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * realq.h - realize frontier points on worker threads, in order (internal).
 *
 * The exact model's frontier alternates solver steps and realizations
 * (rounding the relaxed durations to measured frequencies, then evaluating
 * the plan).  Given a snapshot of the durations, a realization needs nothing
 * from the steps that follow, so worker threads can realize while the
 * solver steps on.  The caller submits jobs (durations, hull segments, the
 * model's point); a worker runs FN on a job, writing the plan and the
 * realized values, and COMMIT then takes the finished jobs one at a time in
 * submission order -- so COMMIT sees exactly the sequence an inline loop
 * would, and the frontier is bit-identical whatever the number of workers.
 *
 * FN runs on the workers concurrently (worker W with its own scratch,
 * W < workers) or, with no workers, inline on the caller's thread as worker
 * 0; it must not touch state the submitting thread changes.  COMMIT runs
 * under the queue's lock, one job at a time.  At most 2 x workers + 2 jobs
 * wait; submit blocks while the queue is full.
 */
#ifndef PP_REALQ_H
#define PP_REALQ_H

#include <stddef.h>
#include <stdint.h>

#include "solver.h"

#define PP_REALQ_MAX_WORKERS 8

/* Realize one job on worker W: fill PT's realized values and MHZ (n
 * entries).  Returns PP_OK or a negative PP_E* code. */
typedef int (*pp_realq_fn)(void *ctx, int w, const int64_t *d,
                           const int32_t *seg, struct pp_point *pt, int *mhz);
/* Take a finished job (in submission order). */
typedef int (*pp_realq_commit)(void *ctx, const struct pp_point *pt,
                               const int *mhz);

struct pp_realq;

/*
 * A queue for jobs over N instructions with WORKERS threads (0: realize
 * inline in pp_realq_submit; also when no thread can be started).  Returns
 * PP_OK or PP_ENOMEM.
 */
int pp_realq_start(struct pp_realq **out, size_t n, int workers,
                   pp_realq_fn fn, pp_realq_commit commit, void *ctx);

/*
 * Queue a job: D and SEG (N entries each) and PT are copied.  Returns the
 * first error FN or COMMIT has returned so far (after which jobs are
 * dropped), else PP_OK.
 */
int pp_realq_submit(struct pp_realq *q, const int64_t *d, const int32_t *seg,
                    const struct pp_point *pt);

/*
 * Wait for every job, stop the workers and free Q (NULL is a no-op).
 * Returns the first error FN or COMMIT returned, else PP_OK.
 */
int pp_realq_finish(struct pp_realq *q);

/* Workers worth starting by default: the CPUs online if more than one (at
 * most 4), else 0. */
int pp_realq_default_workers(void);

#endif
