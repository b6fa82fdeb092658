/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * realq.c - realize frontier points on a second thread; see realq.h.
 *
 * A ring of PP_REALQ_DEPTH job slots.  The submitter owns slot
 * tail % DEPTH while tail - head < DEPTH and fills it without the lock; the
 * worker owns slot head % DEPTH while head < tail.  One mutex guards head,
 * tail, stop and rc; one condition variable signals both ways.
 */
#include "realq.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct job {
    int64_t *d;
    int32_t *seg;
    struct pp_point pt;
};

struct pp_realq {
    size_t n;
    pp_realq_fn fn;
    void *ctx;
    int threaded;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job job[PP_REALQ_DEPTH];
    size_t head, tail; /* jobs taken by the worker / submitted */
    int stop;
    int rc;            /* first error of fn */
};

int pp_cpus_online(void)
{
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    return c > 1 ? (int)(c < 1024 ? c : 1024) : 1;
}

static void *worker(void *arg)
{
    struct pp_realq *q = arg;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->head == q->tail && !q->stop)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->head == q->tail)
            break; /* stopped and drained */
        struct job *j = &q->job[q->head % PP_REALQ_DEPTH];
        int failed = q->rc != PP_OK;
        pthread_mutex_unlock(&q->mu);
        int rc = failed ? PP_OK : q->fn(q->ctx, j->d, j->seg, &j->pt);
        pthread_mutex_lock(&q->mu);
        if (rc && q->rc == PP_OK)
            q->rc = rc;
        q->head++;
        pthread_cond_broadcast(&q->cv);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

static void free_jobs(struct pp_realq *q)
{
    for (int k = 0; k < PP_REALQ_DEPTH; k++) {
        free(q->job[k].d);
        free(q->job[k].seg);
    }
}

int pp_realq_start(struct pp_realq **out, size_t n, int threads,
                   pp_realq_fn fn, void *ctx)
{
    struct pp_realq *q = calloc(1, sizeof *q);
    *out = NULL;
    if (!q)
        return PP_ENOMEM;
    q->n = n;
    q->fn = fn;
    q->ctx = ctx;
    if (threads > 1) {
        size_t nn = n ? n : 1;
        for (int k = 0; k < PP_REALQ_DEPTH; k++) {
            q->job[k].d = malloc(nn * sizeof *q->job[k].d);
            q->job[k].seg = malloc(nn * sizeof *q->job[k].seg);
            if (!q->job[k].d || !q->job[k].seg) {
                free_jobs(q);
                free(q);
                return PP_ENOMEM;
            }
        }
        if (pthread_mutex_init(&q->mu, NULL) == 0) {
            if (pthread_cond_init(&q->cv, NULL) == 0) {
                if (pthread_create(&q->th, NULL, worker, q) == 0)
                    q->threaded = 1;
                else
                    pthread_cond_destroy(&q->cv);
            }
            if (!q->threaded)
                pthread_mutex_destroy(&q->mu);
        }
        if (!q->threaded)
            free_jobs(q); /* no thread: realize inline */
    }
    *out = q;
    return PP_OK;
}

int pp_realq_submit(struct pp_realq *q, const int64_t *d, const int32_t *seg,
                    const struct pp_point *pt)
{
    if (!q->threaded) {
        struct pp_point p = *pt;
        if (q->rc == PP_OK)
            q->rc = q->fn(q->ctx, d, seg, &p);
        return q->rc;
    }
    pthread_mutex_lock(&q->mu);
    while (q->tail - q->head == PP_REALQ_DEPTH)
        pthread_cond_wait(&q->cv, &q->mu);
    int rc = q->rc;
    pthread_mutex_unlock(&q->mu);
    if (rc)
        return rc;
    struct job *j = &q->job[q->tail % PP_REALQ_DEPTH];
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
    if (q->threaded) {
        pthread_mutex_lock(&q->mu);
        q->stop = 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        pthread_join(q->th, NULL);
        pthread_cond_destroy(&q->cv);
        pthread_mutex_destroy(&q->mu);
        free_jobs(q);
    }
    int rc = q->rc;
    free(q);
    return rc;
}
