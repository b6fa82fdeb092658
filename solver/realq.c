/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * realq.c - realize frontier points on worker threads; see realq.h.
 *
 * A ring of DEPTH job slots and three counters, all guarded by one mutex:
 * done <= taken <= tail.  Jobs [done, tail) are in the ring; a worker takes
 * job `taken` and runs FN on it without the lock; the thread that finishes
 * a job commits, under the lock, every finished job from `done` on.  The
 * submitter owns slot tail % DEPTH while tail - done < DEPTH and fills it
 * without the lock.  One condition variable signals every change.
 */
#include "realq.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct job {
    int64_t *d;
    int32_t *seg;
    int *mhz;
    struct pp_point pt;
    int finished;
    int rc;
};

struct worker {
    struct pp_realq *q;
    int w;
    pthread_t th;
};

struct pp_realq {
    size_t n;
    pp_realq_fn fn;
    pp_realq_commit commit;
    void *ctx;
    int nworkers; /* started */
    struct worker wk[PP_REALQ_MAX_WORKERS];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t depth;
    struct job *job;
    size_t done, taken, tail;
    int stop;
    int rc; /* first error of fn or commit */
};

int pp_realq_default_workers(void)
{
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    return c > 1 ? (int)(c < 4 ? c : 4) : 0;
}

/* Commit finished jobs from `done` on; the lock is held. */
static void commit_ready(struct pp_realq *q)
{
    while (q->done < q->taken && q->job[q->done % q->depth].finished) {
        struct job *j = &q->job[q->done % q->depth];
        if (q->rc == PP_OK)
            q->rc = j->rc ? j->rc : q->commit(q->ctx, &j->pt, j->mhz);
        j->finished = 0;
        q->done++;
    }
}

static void *work(void *arg)
{
    struct worker *me = arg;
    struct pp_realq *q = me->q;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->taken == q->tail && !q->stop)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->taken == q->tail)
            break; /* stopped and nothing left */
        struct job *j = &q->job[q->taken++ % q->depth];
        int failed = q->rc != PP_OK;
        pthread_mutex_unlock(&q->mu);
        int rc = failed ? PP_OK
                        : q->fn(q->ctx, me->w, j->d, j->seg, &j->pt, j->mhz);
        pthread_mutex_lock(&q->mu);
        j->rc = rc;
        j->finished = 1;
        commit_ready(q);
        pthread_cond_broadcast(&q->cv);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

static void free_q(struct pp_realq *q)
{
    if (q->job)
        for (size_t k = 0; k < q->depth; k++) {
            free(q->job[k].d);
            free(q->job[k].seg);
            free(q->job[k].mhz);
        }
    free(q->job);
    free(q);
}

int pp_realq_start(struct pp_realq **out, size_t n, int workers,
                   pp_realq_fn fn, pp_realq_commit commit, void *ctx)
{
    struct pp_realq *q = calloc(1, sizeof *q);
    size_t nn = n ? n : 1;
    *out = NULL;
    if (!q)
        return PP_ENOMEM;
    if (workers > PP_REALQ_MAX_WORKERS)
        workers = PP_REALQ_MAX_WORKERS;
    q->n = n;
    q->fn = fn;
    q->commit = commit;
    q->ctx = ctx;
    q->depth = workers > 0 ? 2 * (size_t)workers + 2 : 1;
    q->job = calloc(q->depth, sizeof *q->job);
    if (!q->job) {
        free_q(q);
        return PP_ENOMEM;
    }
    for (size_t k = 0; k < q->depth; k++) {
        q->job[k].d = malloc(nn * sizeof *q->job[k].d);
        q->job[k].seg = malloc(nn * sizeof *q->job[k].seg);
        q->job[k].mhz = malloc(nn * sizeof *q->job[k].mhz);
        if (!q->job[k].d || !q->job[k].seg || !q->job[k].mhz) {
            free_q(q);
            return PP_ENOMEM;
        }
    }
    if (workers > 0 && pthread_mutex_init(&q->mu, NULL) == 0) {
        if (pthread_cond_init(&q->cv, NULL) == 0) {
            for (int w = 0; w < workers; w++) {
                q->wk[w] = (struct worker){q, w, 0};
                if (pthread_create(&q->wk[w].th, NULL, work, &q->wk[w]))
                    break;
                q->nworkers++;
            }
            if (!q->nworkers)
                pthread_cond_destroy(&q->cv);
        }
        if (!q->nworkers)
            pthread_mutex_destroy(&q->mu);
    }
    *out = q;
    return PP_OK;
}

int pp_realq_submit(struct pp_realq *q, const int64_t *d, const int32_t *seg,
                    const struct pp_point *pt)
{
    if (!q->nworkers) {
        struct job *j = &q->job[0];
        j->pt = *pt;
        if (q->rc == PP_OK)
            q->rc = q->fn(q->ctx, 0, d, seg, &j->pt, j->mhz);
        if (q->rc == PP_OK)
            q->rc = q->commit(q->ctx, &j->pt, j->mhz);
        return q->rc;
    }
    pthread_mutex_lock(&q->mu);
    while (q->tail - q->done == q->depth)
        pthread_cond_wait(&q->cv, &q->mu);
    int rc = q->rc;
    size_t slot = q->tail % q->depth;
    pthread_mutex_unlock(&q->mu);
    if (rc)
        return rc;
    struct job *j = &q->job[slot];
    memcpy(j->d, d, q->n * sizeof *d);
    memcpy(j->seg, seg, q->n * sizeof *seg);
    j->pt = *pt;
    pthread_mutex_lock(&q->mu);
    q->tail++;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return PP_OK;
}

int pp_realq_finish(struct pp_realq *q)
{
    if (!q)
        return PP_OK;
    if (q->nworkers) {
        pthread_mutex_lock(&q->mu);
        q->stop = 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        for (int w = 0; w < q->nworkers; w++)
            pthread_join(q->wk[w].th, NULL);
        pthread_cond_destroy(&q->cv);
        pthread_mutex_destroy(&q->mu);
    }
    int rc = q->rc;
    free_q(q);
    return rc;
}
