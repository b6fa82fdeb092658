/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * flow_internal.h - the flow network's layout and what its parts share
 * (internal to flow*.c; the method is in flow.h, the layout in flow.c).
 *
 * flow.c holds the network, its arcs and bounds, the residual network's
 * build and the cut driver; flow_dinic.c the feasible-flow super arcs and
 * Dinic's maximum flow; flow_igraph.c igraph's push-relabel as a
 * cross-check; flow_recut.c the cut kept between steps.
 */
#ifndef PP_FLOW_INTERNAL_H
#define PP_FLOW_INTERNAL_H

#include "flow.h"

struct pp_flownet {
    int nv;
    size_t na, cap_a;
    int *au, *av;
    int64_t *alb, *aub;
    int64_t *af;          /* flow of an arc off, or of every arc unbuilt */
    unsigned char *aon;   /* arc is on (part of the network) */
    /* residual network, valid while built (for source bs, sink bt) */
    int built, bs, bt;
    size_t *apos, *arev;  /* per arc: positions of u -> v and v -> u */
    size_t ts;            /* position of t -> s */
    size_t *vsup;         /* per vertex: position of v -> S (v -> T next) */
    size_t tbase;         /* T -> v is at tbase + v */
    size_t nh, cap_h;
    int *hto;
    int64_t *hcap;
    size_t *hrev;
    long *harc;           /* per position: its user arc, or -1 */
    int cap_v;
    size_t *adj_off, *iter;
    int *level, *queue;
    int nq;  /* vertices queued by the last search: the only level >= 0 */
    size_t *path;
    /* per vertex: flow in - flow out over the arcs that are on; between
     * cuts 0 except at the dirty vertices and at bs, bt */
    int64_t *bal;
    int *dirty;
    unsigned char *mark;
    int ndirty;
    /* arcs whose residual went near PP_FLOW_INF this cut (see push) */
    size_t *big;
    unsigned char *abig;
    size_t nbig;
    /* incremental cuts (pp_flownet_recut): the source side kept as a
     * search tree, valid while tree is set */
    int tree;
    unsigned char *side;  /* the caller's side array the tree describes */
    size_t *par;          /* per source-side vertex: the half-arc from its
                             parent (NOPAR for s and orphans) */
    unsigned *stamp;      /* per vertex: when dist was last verified */
    int *dist;            /* per vertex: tree depth, valid if stamp == now */
    unsigned now;
    unsigned *fstamp;     /* per vertex: its parent chain met an orphan, if
                             fstamp == fails (no orphan adopted since) */
    unsigned fails;
    unsigned *seen;       /* per vertex: reached by the probe of this mark */
    unsigned pmark;
    size_t *dpar;         /* per vertex: the half-arc a probe reached it by */
    size_t *tpar;         /* per vertex off the source side: the half-arc
                             to the next vertex of a path to t an earlier
                             probe found, or NOPAR; checked before use */
    int *stk, *vis;       /* a probe's path, and all it reached */
    unsigned char *act;   /* per vertex: in the active queue aq */
    int *aq, *orph, *chg;
    unsigned char *chgm;  /* per vertex: 0, or listed in chg with its side
                             before the cut + 1 */
    int norph, nchg;
    size_t *tch;          /* arcs re-bounded or turned off since the last
                             cut (while tree is set) */
    unsigned char *atch;
    size_t ntch;
};

#define NOPAR ((size_t)-1)

/* flow.c */
int64_t fl_clamp(int64_t f, int64_t lb, int64_t ub);
int64_t fl_arc_flow(const struct pp_flownet *net, size_t k);
void fl_unbalance(struct pp_flownet *net, int v, int64_t df);
void fl_set_arc(struct pp_flownet *net, size_t k, int64_t f, int64_t old);
void fl_untree(struct pp_flownet *net);
void fl_unbuild(struct pp_flownet *net);
int fl_build(struct pp_flownet *net, int s, int t);

/* flow_dinic.c */
int64_t fl_open_super(struct pp_flownet *net, int s, int t);
int64_t fl_out_flow(const struct pp_flownet *net, int v);
void fl_close_super(struct pp_flownet *net, int s, int t);
void fl_restore_big(struct pp_flownet *net);
void fl_push(struct pp_flownet *net, size_t p, int64_t f);
int64_t fl_dinic(struct pp_flownet *net, int s, int t, int64_t limit);
void fl_source_side(struct pp_flownet *net, int s, int64_t threshold,
                    int have_levels, unsigned char *side);

/* flow_igraph.c */
int fl_igraph_flow(struct pp_flownet *net, int s, int t, int64_t *value,
                   struct pp_error *err);

#endif
