/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * frontier_internal.h - the frontier walk's shared state (internal).
 *
 * The walk (frontier.c sets it up and drives it) is one iterative
 * minimum-cut loop with two steppers: the lowtime model's, one tau a step
 * exactly as the reference (frontier_lowtime.c), and the exact model's,
 * breakpoint to breakpoint on convex hulls (frontier_exact.c).  Both use
 * the activity-on-arc form of the DAG, its critical arcs and the flow
 * network kept on them (frontier_net.c), and store their points in a
 * frontier (frontier_points.c).  struct walk holds what every part shares;
 * struct lt_walk and struct ex_walk what one stepper alone uses.
 *
 * Layout of the AOA form: instruction i is arc i, from vertex 2i (start)
 * to 2i+1 (finish); the dummy arcs of instruction j (its successors, then
 * an arc from the source 2n if it has no predecessor, then one to the sink
 * 2n+1 if it has no successor) start at dbase[j].
 */
#ifndef PP_FRONTIER_INTERNAL_H
#define PP_FRONTIER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "flow.h"
#include "hulls.h"
#include "lowtime.h"
#include "realq.h"
#include "round.h"
#include "solver.h"

struct arc {
    int32_t u, v;
    int32_t instr; /* instruction index, or -1 for a dummy arc */
    int32_t a, b;  /* dummy: endpoint instructions (-1 for source/sink) */
};

/*
 * What rounding and evaluating one plan needs: one per realization worker
 * (realq.h); the first also serves the lowtime model and inline
 * realization.
 */
struct rctx {
    struct pp_rounder round;         /* exact only */
    int *mhz;
    double *rt, *rstart, *busy;
};

/* The lowtime model's per-instruction fitted costs. */
struct lt_walk {
    size_t nsets;                    /* profile (stage, kind) pairs */
    struct pp_ltspec *specs;         /* per pair */
    struct pp_ltspec **spec;         /* per instruction */
};

/* The exact model: hulls, a schedule kept as slacks, the kept cut. */
struct ex_walk {
    struct pp_hulls h;
    int32_t *seg;                    /* per instruction: hull vertex index */
    int64_t *dnew;                   /* durations after a step */
    int8_t *rate;                    /* step: +1 speeds up, -1 slows */
    double ecost;                    /* the instructions' model energy,
                                        kept per step */
    double res;                      /* realization resolution, s */
    int64_t *slack;                  /* per arc, under the schedule the
                                        steps keep (see ex_step) */
    size_t *cross, ncross;           /* arcs crossing the cut, kept as the
                                        cut changes */
    size_t *xpos;                    /* per arc, its index in cross or NOX */
    size_t *vinc_off;                /* per AOA vertex but s and t, */
    int32_t *vinc;                   /* the arcs at it */
    struct pp_frontier *fr;          /* the realization queue's commits */
    struct pp_realq *rq;
};

struct walk {
    const struct pp_dag *dag;
    const struct pp_profile *prof;
    const struct pp_solve_opts *opts;
    size_t n;
    int ngpus;
    double kpb;                      /* K * P_b */
    int *kindmap;                    /* DAG kind -> profile kind */
    const struct pp_opset **opset;   /* per instruction */
    struct arc *arcs;
    size_t narcs;
    size_t *dbase;                   /* per instruction: its first dummy
                                        arc, then source, then sink arc */
    int64_t *d, *es, *lf, T;         /* durations, schedule, makespan */
    struct pp_flownet *net;
    int net_ready;                   /* net holds the arcs (net_arcs) */
    unsigned char *side;             /* per AOA vertex: source side */
    unsigned char *crit;             /* per arc: in the network (zero
                                        float, walk_backward(); exact: zero
                                        slack, ex_step()) */
    size_t *flip, nflip;             /* arcs whose crit changed since the
                                        network last saw them */
    unsigned char *flipped;          /* per arc: listed in flip */
    int32_t *speed, *slow;           /* the cut: instructions to move */
    size_t nspeed, nslow;
    /* realized plans: in the exact model, rc[w] belongs to realization
     * worker w (realq.h) while the solver steps on; prev_mhz to the
     * point store's commits */
    struct rctx rc[PP_REALQ_MAX_WORKERS];
    int nrc, nworkers;               /* contexts; workers (0: inline) */
    int *prev_mhz;
    struct lt_walk lt;
    struct ex_walk ex;
};

/* frontier_net.c: the AOA form, criticality, the flow network ---------- */

/* Bounds of instruction i's network arc for this step. */
typedef void (*capfn)(const struct walk *w, size_t i, int64_t *lb,
                      int64_t *ub);

int walk_build_arcs(struct walk *w);
void walk_forward(struct walk *w);
/* forward, then latest finishes and criticality (zero float) */
void walk_schedule(struct walk *w);

/* Arc k's criticality is c: record a change for the flow network. */
static inline void walk_set_crit(struct walk *w, size_t k, int c)
{
    if (c == w->crit[k])
        return;
    w->crit[k] = (unsigned char)c;
    if (!w->flipped[k]) {
        w->flipped[k] = 1;
        w->flip[w->nflip++] = k;
    }
}

int walk_net_update(struct walk *w, capfn caps, int64_t dummy_ub,
                    struct pp_error *err);
int walk_cut_stop(int rc, int64_t value, const char **why);
int walk_on_cut(struct walk *w, size_t k, const char **why);
int walk_cut(struct walk *w, capfn caps, int64_t dummy_ub, int64_t thr,
             int64_t *value, const char **why, struct pp_error *err);

/* frontier_points.c: the point store ----------------------------------- */

/* Append point PT with plan MHZ to FR; PREV holds the last point's plan
 * and becomes MHZ.  PP_OK or PP_ENOMEM. */
int pp_frontier_add(struct pp_frontier *fr, const struct pp_point *pt,
                    const int *mhz, int *prev);
/* Keep only the points some deadline lookup could choose. */
int pp_frontier_prune(struct pp_frontier *fr);

/* frontier.c: realized values of a plan -------------------------------- */
void walk_realized(const struct walk *w, struct rctx *rc, const int *mhz,
                   struct pp_point *pt);

/* the steppers --------------------------------------------------------- */
int lt_init(struct walk *w, struct pp_error *err);
void lt_free(struct walk *w);
int lt_run(struct walk *w, struct pp_frontier *fr, struct pp_error *err);
int ex_init(struct walk *w, struct pp_error *err);
void ex_free(struct walk *w);
int ex_run(struct walk *w, struct pp_frontier *fr, struct pp_error *err);
int ex_realize_job(void *ctx, int wk, const int64_t *d, const int32_t *seg,
                   struct pp_point *pt, int *mhz);
int ex_commit(void *ctx, const struct pp_point *pt, const int *mhz);

#endif
