/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mcf.c - minimum-cost circulation by cost scaling push-relabel (mcf.h).
 *
 * Method.  Goldberg and Tarjan, "Finding minimum-cost circulations by
 * successive approximation", Mathematics of Operations Research 15(3), 1990,
 * doi:10.1287/moor.15.3.430, with the heuristics of Goldberg, "An efficient
 * implementation of a scaling minimum-cost flow algorithm", Journal of
 * Algorithms 22(1), 1997, doi:10.1006/jagm.1995.0805.  Costs are multiplied
 * by N + 1 (N nodes) so that a flow that is 1-optimal in scaled units is
 * optimal: every residual cycle has at most N arcs, so its cost is above
 * -1 in the original units, hence at least 0.  Starting from the largest
 * violation eps_0 of the starting flow and potentials, each phase divides
 * eps by ALPHA and "refines": arcs whose reduced cost breaks
 * eps-optimality are saturated or emptied, then the excesses are
 * discharged by FIFO push-relabel (push on arcs of negative reduced cost,
 * relabel to the largest price that makes an arc admissible).  A global
 * price update (Dial's buckets over arc lengths floor(rc / eps) + 1,
 * backwards from the deficits, stopped once every excess is reached)
 * runs at the start of each phase and after every N / 8 relabels.  The last
 * phase has eps = 1.  Complexity O(N^2 M log(N C)) for N nodes, M arcs and
 * largest violation C (the bound of the FIFO variant).
 *
 * Where to start.  Measured on the deadline networks (1F1B 32 x 128 and
 * interleaved 32 x 512, tests/bench/bench_deadline.c): a cold start's
 * first phase at eps_0 / ALPHA (the textbook) routes flow the next phase
 * moves again; starting at eps_0 / ALPHA^2 takes 35-45% less CPU
 * (ALPHA^3 no better).  A warm start's eps_0 is one arc's cost change
 * (the deadline's return arc) while every other arc is still optimal: its
 * first phase at eps_0 / ALPHA^5 took half the CPU of eps_0 / ALPHA over
 * a 51-deadline sweep; ALPHA^6 was slower again and ALPHA^7 six times
 * slower (the excess then crawls eps by eps).
 *
 * Parallel arcs.  Consecutive input arcs with the same tail and head form
 * one group, a single arc with a convex piecewise-linear cost: its
 * segments, sorted by cost (ties by input order), fill in that order, so
 * the group has one forward residual arc (the cheapest segment not full)
 * and one backward one (the dearest segment with flow).  Filling in cost
 * order loses no optimal flow (an exchange argument) and makes the
 * eps-optimality of the group equivalent to that of those two arcs.  The
 * deadline network has about ten parallel segments per instruction: the
 * groups cut the arcs scanned by push and relabel about fourfold.
 *
 * Exact potentials.  After the last phase the flow is optimal; potentials
 * floor(p / (N + 1)) break the reduced-cost conditions by at most 1 per
 * arc, and a FIFO label-correcting pass (Bellman-Ford-Moore) over the
 * residual arcs, started from them, makes them exact.  An optimal flow
 * has no negative residual cycle, so the pass ends; a node lowered more
 * than N times would mean one, and the solve fails instead.  On the
 * deadline networks the flow is optimal about half-way through the
 * phases (at eps near 16 cost units) and the rest only polishes prices:
 * so from eps <= 64 cost units on, the same pass is tried after every
 * phase with a budget of 64 N price changes (it took about 22 N where it
 * succeeded), and success ends the solve early.
 *
 * Warm start.  pp_mcf_run keeps the flow and the exact potentials; the
 * next run with new costs starts from them, so eps_0 is the largest
 * violation the new costs cause (one arc's cost change, for the deadline
 * network) and arcs the change does not reach stay as they are.
 *
 * Why this method (measured on the deadline networks, CPU seconds at 1F1B
 * 32 x 128 / 64 x 1024, tests/bench/bench_deadline.c): LEMON's network
 * simplex 1.7-2.3 / over 300, LEMON's cost scaling 1.1 / 27-48, this
 * file 0.2 / 15-18 (0.16 / 14 since the half-arc records were split).  Successive shortest paths (or primal-dual) would
 * warm-start naturally, since a new deadline changes one arc's cost, but
 * each augmentation crosses one breakpoint of the time-cost frontier, and
 * between two deadlines 1% apart at 64 x 1024 there are thousands (every
 * instruction changes hull segment several times over the sweep); cost
 * scaling moves all of them at once per phase.
 *
 * Arithmetic.  Capacities add up to less than 2^62 (checked), so excesses
 * and flows fit in int64; scaled costs are at most 2^58 and potentials
 * are kept in [-2^60, 0] (re-centred every phase), so reduced costs fit
 * too; a potential pushed beyond that fails the solve (PP_MCF_RANGE)
 * rather than overflow.  Nothing is random: the same input gives the same
 * flow and potentials.
 */
#include "mcf.h"

#include <stdlib.h>
#include <string.h>

/* eps is divided by this every phase (Goldberg 1997 measured 8 to 16). */
#define ALPHA 12
#define CAP_LIMIT ((int64_t)1 << 62)
#define COST_LIMIT ((int64_t)1 << 58)
#define POT_LIMIT ((int64_t)1 << 60)
/* A global price update after every N / UPDATE_EVERY relabels (1, 3, 8,
 * 10, 20 measured on deadline networks: 8 to 10 best, 30% below 1). */
#define UPDATE_EVERY 8
/* Try exact potentials after phases with eps <= EXACT_TRY cost units,
 * giving up after EXACT_BUDGET x N price changes. */
#define EXACT_TRY 64
#define EXACT_BUDGET 64

/*
 * Half-arcs.  Every group appears twice, once in its tail's and once in
 * its head's adjacency; node v's half-arcs are numbered first[v] ..
 * first[v+1]-1, contiguous, so that push, relabel and the price update
 * read them in order and touch nothing else of the far node but its
 * price.  Half-arc i is three records in three arrays, each read by
 * different loops (the solver is bound by memory traffic: a 48-byte
 * record read whole by every loop cost a third more CPU at 64 x 1024):
 *   arc[i]:  its residual arc (capacity RES, scaled cost COST), the far
 *            node and its twin in the far node's adjacency: what push,
 *            relabel and the exact potentials read;
 *   rarc[i]: the residual arc of the opposite direction, far node to
 *            this one, and the far node again: what the price update,
 *            which searches backwards, reads;
 *   meta[i]: its group << 2, flagged forward (seen from the tail) and
 *            multi (more than one segment): what a push reads.
 */
struct harc {
    int64_t res, cost;
    int32_t to;
    uint32_t twin;
};
struct rarc {
    int64_t res, cost;
    int32_t to;
};
#define H_FWD 1u
#define H_MULTI 2u
#define H_GRP(meta) ((meta) >> 2)

/*
 * A group of parallel arcs tail -> head.  Its segments are s0..s1-1 of
 * the segment arrays, cost ascending; FLOW fills them in that order and K
 * is the segment that would take more flow (s1 when all are full).  HF
 * and HB are its half-arcs at the tail and at the head.
 */
struct grp {
    int64_t flow;
    uint32_t k, s0, s1, hf, hb;
};

struct pp_mcf {
    int32_t n;
    size_t narcs, ng, nloop;
    uint32_t nseg;
    struct grp *g;
    /* segments: input arc, unscaled cost, capacity, cumulative capacity
     * within the group (ucum[s] = caps of s0..s) */
    uint32_t *sarc;
    int64_t *scost, *scap, *ucum;
    uint32_t *loop; /* self-loops and empty arcs, and their capacity */
    int64_t *lcap;
    uint32_t *first;
    struct harc *arc;
    struct rarc *rarc;
    uint32_t *meta;
    int64_t *p, *e, *psave;
    uint32_t *cur;
    /* FIFO of active nodes (ring of N) and the global update's buckets */
    int32_t *queue, *bnext, *bprev, *bhead;
    int64_t *dist;
    int64_t scale;
    int warm;
};

/* ------------------------------------------------------------------------ */
/* Groups                                                                   */

static int64_t ucum_before(const struct pp_mcf *m, const struct grp *g,
                           uint32_t s)
{
    return s > g->s0 ? m->ucum[s - 1] : 0;
}

static int32_t gtail(const struct pp_mcf *m, const struct grp *g)
{
    return m->arc[g->hb].to;
}

/* Recompute K and the residual arcs of G's half-arcs from its flow. */
static void settle(const struct pp_mcf *m, struct grp *g)
{
    uint32_t k = g->k;
    int64_t fres = 0, bres = 0;
    /* costs even of empty residual arcs: a one-segment group's stay put,
     * and push then only moves capacity */
    int64_t fcost = m->scost[g->s1 - 1] * m->scale;
    int64_t bcost = -m->scost[g->s0] * m->scale;

    while (k < g->s1 && g->flow >= m->ucum[k])
        k++;
    while (k > g->s0 && g->flow < m->ucum[k - 1])
        k--;
    g->k = k;
    if (k < g->s1) {
        fres = m->ucum[k] - g->flow;
        fcost = m->scost[k] * m->scale;
    }
    int64_t before = ucum_before(m, g, k);
    if (g->flow > before) {
        bres = g->flow - before;
        bcost = -m->scost[k] * m->scale;
    } else if (k > g->s0) {
        bres = m->scap[k - 1];
        bcost = -m->scost[k - 1] * m->scale;
    }
    struct harc *f = &m->arc[g->hf], *b = &m->arc[g->hb];
    struct rarc *fr = &m->rarc[g->hf], *br = &m->rarc[g->hb];
    f->res = br->res = fres;
    f->cost = br->cost = fcost;
    b->res = fr->res = bres;
    b->cost = fr->cost = bcost;
}

void pp_mcf_free(struct pp_mcf *m)
{
    if (!m)
        return;
    free(m->g);
    free(m->sarc);
    free(m->scost);
    free(m->scap);
    free(m->ucum);
    free(m->loop);
    free(m->lcap);
    free(m->first);
    free(m->arc);
    free(m->rarc);
    free(m->meta);
    free(m->p);
    free(m->e);
    free(m->psave);
    free(m->cur);
    free(m->queue);
    free(m->bnext);
    free(m->bprev);
    free(m->bhead);
    free(m->dist);
    free(m);
}

int pp_mcf_new(struct pp_mcf **out, int32_t nnodes, size_t narcs,
               const int32_t *tail, const int32_t *head, const int64_t *cap)
{
    struct pp_mcf *m = NULL;
    int64_t capsum = 0;

    *out = NULL;
    if (nnodes < 1 || nnodes > INT32_MAX - 1 || narcs >= UINT32_MAX / 2 ||
        (narcs > 0 && (!tail || !head || !cap)))
        return PP_MCF_INVALID;
    for (size_t a = 0; a < narcs; a++) {
        if (tail[a] < 0 || tail[a] >= nnodes || head[a] < 0 ||
            head[a] >= nnodes || cap[a] < 0)
            return PP_MCF_INVALID;
        if (cap[a] >= CAP_LIMIT - capsum)
            return PP_MCF_RANGE;
        capsum += cap[a];
    }
    m = calloc(1, sizeof *m);
    if (!m)
        return PP_MCF_NOMEM;
    m->n = nnodes;
    m->narcs = narcs;
    m->scale = (int64_t)nnodes + 1;
    size_t nal = narcs ? narcs : 1, nn = (size_t)nnodes;
    m->g = malloc(nal * sizeof *m->g);
    m->sarc = malloc(nal * sizeof *m->sarc);
    m->scost = malloc(nal * sizeof *m->scost);
    m->scap = malloc(nal * sizeof *m->scap);
    m->ucum = malloc(nal * sizeof *m->ucum);
    m->loop = malloc(nal * sizeof *m->loop);
    m->lcap = malloc(nal * sizeof *m->lcap);
    m->first = calloc(nn + 1, sizeof *m->first);
    m->p = calloc(nn, sizeof *m->p);
    m->e = calloc(nn, sizeof *m->e);
    m->psave = malloc(nn * sizeof *m->psave);
    m->cur = malloc(nn * sizeof *m->cur);
    m->queue = malloc(nn * sizeof *m->queue);
    m->bnext = malloc(nn * sizeof *m->bnext);
    m->bprev = malloc(nn * sizeof *m->bprev);
    m->bhead = malloc((nn + 1) * sizeof *m->bhead);
    m->dist = malloc(nn * sizeof *m->dist);
    if (!m->g || !m->sarc || !m->scost || !m->scap || !m->ucum || !m->loop ||
        !m->lcap || !m->first || !m->p || !m->e || !m->psave || !m->cur ||
        !m->queue || !m->bnext || !m->bprev || !m->bhead || !m->dist)
        goto fail;

    /* groups of consecutive parallel arcs; self-loops and arcs of zero
     * capacity apart (they hold no segment: a segment always has room or
     * flow, which settle relies on) */
    for (size_t a = 0; a < narcs;) {
        if (tail[a] == head[a] || cap[a] == 0) {
            m->lcap[m->nloop] = cap[a];
            m->loop[m->nloop++] = (uint32_t)a++;
            continue;
        }
        struct grp *g = &m->g[m->ng++];
        int32_t u = tail[a], v = head[a];
        memset(g, 0, sizeof *g);
        g->s0 = g->k = m->nseg;
        for (; a < narcs && tail[a] == u && head[a] == v; a++) {
            if (cap[a] == 0) {
                m->lcap[m->nloop] = 0;
                m->loop[m->nloop++] = (uint32_t)a;
                continue;
            }
            m->sarc[m->nseg] = (uint32_t)a;
            m->scap[m->nseg] = cap[a];
            m->scost[m->nseg] = 0;
            m->nseg++;
        }
        g->s1 = m->nseg;
        m->first[u + 1]++;
        m->first[v + 1]++;
    }
    for (size_t v = 0; v < nn; v++)
        m->first[v + 1] += m->first[v];
    m->arc = calloc(2 * m->ng + 1, sizeof *m->arc);
    m->rarc = calloc(2 * m->ng + 1, sizeof *m->rarc);
    m->meta = calloc(2 * m->ng + 1, sizeof *m->meta);
    if (!m->arc || !m->rarc || !m->meta)
        goto fail;
    memcpy(m->cur, m->first, nn * sizeof *m->cur); /* fill pointers */
    for (size_t gi = 0; gi < m->ng; gi++) {
        struct grp *g = &m->g[gi];
        uint32_t meta = (uint32_t)gi << 2 |
                        (g->s1 - g->s0 > 1 ? H_MULTI : 0);
        int32_t u = tail[m->sarc[g->s0]], v = head[m->sarc[g->s0]];
        g->hf = m->cur[u]++;
        g->hb = m->cur[v]++;
        m->arc[g->hf] = (struct harc){.to = v, .twin = g->hb};
        m->arc[g->hb] = (struct harc){.to = u, .twin = g->hf};
        m->rarc[g->hf] = (struct rarc){.to = v};
        m->rarc[g->hb] = (struct rarc){.to = u};
        m->meta[g->hf] = meta | H_FWD;
        m->meta[g->hb] = meta;
    }
    *out = m;
    return PP_MCF_OK;
fail:
    pp_mcf_free(m);
    return PP_MCF_NOMEM;
}

/*
 * Load COST into the segments: sort each group's segments by cost (ties
 * by input arc, insertion sort: groups are short), rebuild the cumulative
 * capacities and K.  The group's total flow is kept.
 */
static int load_costs(struct pp_mcf *m, const int64_t *cost)
{
    int64_t lim = COST_LIMIT / m->scale;

    for (size_t a = 0; a < m->nloop; a++)
        if (cost[m->loop[a]] > lim || cost[m->loop[a]] < -lim)
            return PP_MCF_RANGE;
    for (size_t gi = 0; gi < m->ng; gi++) {
        struct grp *g = &m->g[gi];
        for (uint32_t s = g->s0; s < g->s1; s++) {
            int64_t c = cost[m->sarc[s]];
            if (c > lim || c < -lim)
                return PP_MCF_RANGE;
            m->scost[s] = c;
        }
        for (uint32_t s = g->s0 + 1; s < g->s1; s++) {
            int64_t c = m->scost[s], u = m->scap[s];
            uint32_t a = m->sarc[s], t = s;
            while (t > g->s0 && (m->scost[t - 1] > c || (m->scost[t - 1] == c &&
                                                         m->sarc[t - 1] > a))) {
                m->scost[t] = m->scost[t - 1];
                m->scap[t] = m->scap[t - 1];
                m->sarc[t] = m->sarc[t - 1];
                t--;
            }
            m->scost[t] = c;
            m->scap[t] = u;
            m->sarc[t] = a;
        }
        int64_t sum = 0;
        for (uint32_t s = g->s0; s < g->s1; s++)
            m->ucum[s] = sum += m->scap[s];
        g->k = g->s0;
        settle(m, g);
    }
    return PP_MCF_OK;
}

/* ------------------------------------------------------------------------ */
/* Push-relabel                                                             */

/* Move DELTA along half-arc A (V to its far node W). */
static inline void push(struct pp_mcf *m, uint32_t a, int32_t v, int32_t w,
                        int64_t delta)
{
    uint32_t meta = m->meta[a];
    if (meta & H_MULTI) {
        struct grp *g = &m->g[H_GRP(meta)];
        g->flow += (meta & H_FWD) ? delta : -delta;
        settle(m, g);
    } else {
        struct harc *h = &m->arc[a];
        uint32_t t = h->twin;
        h->res -= delta;
        m->rarc[t].res -= delta;
        m->arc[t].res += delta;
        m->rarc[a].res += delta;
    }
    m->e[v] -= delta;
    m->e[w] += delta;
}

/* Flow of G (kept in the group only for multi-segment ones). */
static int64_t gflow(const struct pp_mcf *m, const struct grp *g)
{
    return g->s1 - g->s0 > 1 ? g->flow : m->arc[g->hb].res;
}

/*
 * Global price update at EPS.  dist[v] = length of a shortest residual
 * path from v to a node with a deficit, arc lengths floor(rc / eps) + 1
 * (>= 0 under eps-optimality), by Dial's buckets (bhead[d] lists nodes of
 * tentative distance d, doubly linked through bnext/bprev), distances
 * capped at LEVELS.  Stops once every node with an excess is reached;
 * nodes not yet final get the level reached (their true distance is at
 * least that), which keeps eps-optimality.  Then p[v] -= eps dist[v].
 */
static void price_update(struct pp_mcf *m, int64_t eps)
{
    int32_t n = m->n;
    int64_t levels = n, todo = 0, level = 0;
    const int64_t done = -1;

    if (levels > POT_LIMIT / 4 / eps)
        levels = POT_LIMIT / 4 / eps;
    for (int32_t v = 0; v < n; v++) {
        m->dist[v] = INT64_MAX;
        todo += m->e[v] > 0;
    }
    for (int64_t d = 0; d <= levels; d++)
        m->bhead[d] = -1;
    for (int32_t v = n; v-- > 0;)
        if (m->e[v] < 0) {
            m->dist[v] = 0;
            m->bprev[v] = -1;
            m->bnext[v] = m->bhead[0];
            if (m->bhead[0] >= 0)
                m->bprev[m->bhead[0]] = v;
            m->bhead[0] = v;
        }
    /* final nodes are marked by done - dist (below -1) */
    for (level = 0; level <= levels && todo > 0; level++) {
        while (m->bhead[level] >= 0 && todo > 0) {
            int32_t v = m->bhead[level];
            m->bhead[level] = m->bnext[v];
            if (m->bnext[v] >= 0)
                m->bprev[m->bnext[v]] = -1;
            m->dist[v] = done - level;
            if (m->e[v] > 0)
                todo--;
            int64_t pv = m->p[v];
            for (uint32_t i = m->first[v]; i < m->first[v + 1]; i++) {
                const struct rarc *h = &m->rarc[i]; /* w -> v */
                if (h->res <= 0)
                    continue;
                int32_t w = h->to;
                int64_t dw = m->dist[w];
                if (dw < 0)
                    continue; /* final */
                int64_t rc = h->cost + m->p[w] - pv;
                int64_t len = rc < 0 ? 0 : rc / eps + 1;
                if (len > levels - level)
                    continue;
                int64_t nd = level + len;
                if (nd >= dw)
                    continue;
                if (dw != INT64_MAX) { /* unlink from bucket dw */
                    if (m->bprev[w] >= 0)
                        m->bnext[m->bprev[w]] = m->bnext[w];
                    else
                        m->bhead[dw] = m->bnext[w];
                    if (m->bnext[w] >= 0)
                        m->bprev[m->bnext[w]] = m->bprev[w];
                }
                m->dist[w] = nd;
                m->bprev[w] = -1;
                m->bnext[w] = m->bhead[nd];
                if (m->bhead[nd] >= 0)
                    m->bprev[m->bhead[nd]] = w;
                m->bhead[nd] = w;
            }
        }
        if (todo == 0)
            break;
    }
    if (level > levels)
        level = levels;
    for (int32_t v = 0; v < n; v++) {
        int64_t d = m->dist[v] < 0 ? done - m->dist[v] : level;
        if (d > level)
            d = level;
        m->p[v] -= eps * d;
        m->cur[v] = m->first[v];
    }
}

/*
 * Saturate or empty, in every group, the segments whose reduced cost
 * breaks eps-optimality: the flow is clamped to [lo, hi], lo = the
 * segments of reduced cost < -eps full, hi = those of reduced cost > eps
 * empty (costs ascend, so both are prefixes).
 */
static void saturate(struct pp_mcf *m, int64_t eps)
{
    for (size_t gi = 0; gi < m->ng; gi++) {
        struct grp *g = &m->g[gi];
        const struct harc *hf = &m->arc[g->hf];
        const struct rarc *hr = &m->rarc[g->hf];
        int32_t u = gtail(m, g), v = hf->to;
        int64_t dp = m->p[u] - m->p[v];
        /* quick test on the residual arcs */
        if ((hf->res == 0 || hf->cost + dp >= -eps) &&
            (hr->res == 0 || hr->cost - dp >= -eps))
            continue;
        int64_t lo = 0, hi = 0, f = gflow(m, g);
        for (uint32_t s = g->s0; s < g->s1; s++) {
            int64_t rc = m->scost[s] * m->scale + dp;
            if (rc < -eps)
                lo = m->ucum[s];
            if (rc <= eps)
                hi = m->ucum[s];
            else
                break;
        }
        int64_t nf = f < lo ? lo : f > hi ? hi : f;
        if (nf != f) {
            m->e[u] -= nf - f;
            m->e[v] += nf - f;
            g->flow = nf;
            settle(m, g);
        }
    }
}

/* One refine phase at EPS; PP_MCF_RANGE if a price runs out of range. */
static int refine(struct pp_mcf *m, int64_t eps)
{
    int32_t n = m->n, qh = 0, qn = 0;
    int64_t top = INT64_MIN, relabels = 0;

    for (int32_t v = 0; v < n; v++)
        if (m->p[v] > top)
            top = m->p[v];
    for (int32_t v = 0; v < n; v++) {
        m->p[v] -= top;
        if (m->p[v] < -POT_LIMIT)
            return PP_MCF_RANGE;
    }
    saturate(m, eps);
    for (int32_t v = 0; v < n; v++)
        if (m->e[v] > 0)
            m->queue[qn++] = v;
    if (qn == 0)
        return PP_MCF_OK;
    price_update(m, eps);
    while (qn > 0) {
        int32_t v = m->queue[qh];
        qh = qh + 1 == n ? 0 : qh + 1;
        qn--;
        /* discharge v */
        while (m->e[v] > 0) {
            uint32_t i, end = m->first[v + 1];
            int64_t pv = m->p[v];
            for (i = m->cur[v]; i < end; i++) {
                const struct harc *h = &m->arc[i];
                if (h->res <= 0 || h->cost + pv - m->p[h->to] >= 0)
                    continue;
                int32_t w = h->to;
                int64_t delta = h->res < m->e[v] ? h->res : m->e[v];
                int wasactive = m->e[w] > 0;
                push(m, i, v, w, delta);
                if (!wasactive && m->e[w] > 0) {
                    int32_t t = qh + qn;
                    m->queue[t >= n ? t - n : t] = w;
                    qn++;
                }
                if (m->e[v] == 0)
                    break;
            }
            if (m->e[v] == 0) {
                m->cur[v] = i;
                break;
            }
            /* relabel: the largest price with an admissible arc */
            int64_t best = INT64_MIN;
            for (i = m->first[v]; i < end; i++) {
                const struct harc *h = &m->arc[i];
                if (h->res > 0 && m->p[h->to] - h->cost > best)
                    best = m->p[h->to] - h->cost;
            }
            if (best == INT64_MIN)
                return PP_MCF_FAILED; /* excess with no way out */
            best -= eps;
            if (best < -POT_LIMIT)
                return PP_MCF_RANGE;
            m->p[v] = best;
            m->cur[v] = m->first[v];
            if (++relabels >= (n + 7) / UPDATE_EVERY) {
                relabels = 0;
                price_update(m, eps);
            }
        }
    }
    return PP_MCF_OK;
}

/* ------------------------------------------------------------------------ */
/* Exact potentials and the driver                                          */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/*
 * Exact potentials of an optimal flow (file header): p <- floor(p /
 * scale), then FIFO label correcting over residual arcs with unscaled
 * costs.  Gives up (returns 1) after BUDGET price changes or when a node
 * changes more than N times (a negative cycle: the flow is not optimal).
 * Uses queue and bnext (in-queue flag) and dist (change counts).
 */
static int exact_potentials(struct pp_mcf *m, int64_t budget)
{
    int32_t n = m->n, qh = 0, qn = 0;

    for (int32_t v = 0; v < n; v++) {
        m->p[v] = floor_div(m->p[v], m->scale);
        m->queue[qn++] = v;
        m->bnext[v] = 1;
        m->dist[v] = 0;
    }
    while (qn > 0) {
        int32_t v = m->queue[qh];
        qh = qh + 1 == n ? 0 : qh + 1;
        qn--;
        m->bnext[v] = 0;
        for (uint32_t i = m->first[v]; i < m->first[v + 1]; i++) {
            const struct harc *h = &m->arc[i];
            if (h->res <= 0)
                continue;
            int32_t w = h->to;
            int64_t c = h->cost / m->scale;
            if (c + m->p[v] - m->p[w] >= 0)
                continue;
            m->p[w] = c + m->p[v];
            if (m->p[w] < -POT_LIMIT || ++m->dist[w] > n || --budget < 0)
                return 1;
            if (!m->bnext[w]) {
                int32_t t = qh + qn;
                m->queue[t >= n ? t - n : t] = w;
                qn++;
                m->bnext[w] = 1;
            }
        }
    }
    return PP_MCF_OK;
}

int pp_mcf_run(struct pp_mcf *m, const int64_t *cost, int64_t *flow,
               int64_t *pot)
{
    int32_t n = m->n;
    int rc;

    if ((m->narcs > 0 && (!cost || !flow)) || !pot)
        return PP_MCF_INVALID;
    int warm = m->warm;
    m->warm = 0; /* until this run succeeds */
    if (warm)
        for (size_t gi = 0; gi < m->ng; gi++)
            m->g[gi].flow = gflow(m, &m->g[gi]);
    else
        for (size_t gi = 0; gi < m->ng; gi++)
            m->g[gi].flow = 0;
    rc = load_costs(m, cost);
    if (rc)
        return rc;
    if (warm) {
        for (int32_t v = 0; v < n; v++) {
            if (m->p[v] > POT_LIMIT / m->scale ||
                m->p[v] < -POT_LIMIT / m->scale)
                return PP_MCF_RANGE;
            m->p[v] *= m->scale;
        }
    } else {
        memset(m->p, 0, (size_t)n * sizeof *m->p);
    }
    memset(m->e, 0, (size_t)n * sizeof *m->e);

    /* the largest violation of the starting flow and potentials */
    int64_t eps = 0;
    for (size_t gi = 0; gi < m->ng; gi++) {
        const struct harc *h = &m->arc[m->g[gi].hf];
        const struct rarc *r = &m->rarc[m->g[gi].hf];
        int64_t dp = m->p[m->arc[h->twin].to] - m->p[h->to];
        if (h->res > 0 && -(h->cost + dp) > eps)
            eps = -(h->cost + dp);
        if (r->res > 0 && -(r->cost - dp) > eps)
            eps = -(r->cost - dp);
    }
    /* the first phase at eps_0 / ALPHA^2 cold, eps_0 / ALPHA^5 warm (file
     * header), and at least one phase if eps_0 > 1 */
    if (eps > 1) {
        int64_t div = warm ? (int64_t)ALPHA * ALPHA * ALPHA * ALPHA : ALPHA;
        eps = eps / div > 2 ? eps / div : 2;
    }
    while (eps > 1) {
        eps = eps / ALPHA > 1 ? eps / ALPHA : 1;
        rc = refine(m, eps);
        if (rc)
            return rc;
        /* early exit (file header): once eps is a few cost units the
         * flow is often optimal already */
        if (eps > 1 && eps <= EXACT_TRY * m->scale) {
            memcpy(m->psave, m->p, (size_t)n * sizeof *m->p);
            if (exact_potentials(m, EXACT_BUDGET * (int64_t)n) == 0)
                break;
            memcpy(m->p, m->psave, (size_t)n * sizeof *m->p);
        }
    }
    if (eps <= 1 && exact_potentials(m, INT64_MAX) != 0)
        return PP_MCF_FAILED; /* a negative cycle after the last phase */
    for (size_t gi = 0; gi < m->ng; gi++) {
        const struct grp *g = &m->g[gi];
        int64_t gf = gflow(m, g);
        for (uint32_t s = g->s0; s < g->s1; s++) {
            int64_t f = gf - ucum_before(m, g, s);
            flow[m->sarc[s]] = f < 0 ? 0 : f > m->scap[s] ? m->scap[s] : f;
        }
    }
    for (size_t a = 0; a < m->nloop; a++) /* reduced cost = cost */
        flow[m->loop[a]] = cost[m->loop[a]] < 0 ? m->lcap[a] : 0;
    memcpy(pot, m->p, (size_t)n * sizeof *pot);
    m->warm = 1;
    return PP_MCF_OK;
}

int pp_mcf_solve(enum pp_mcf_method method, int32_t nnodes, size_t narcs,
                 const int32_t *tail, const int32_t *head, const int64_t *cap,
                 const int64_t *cost, int64_t *flow, int64_t *pot)
{
    struct pp_mcf *m;
    int rc;

    if (method != PP_MCF_SCALING)
        return pp_mcf_lemon_solve(method, nnodes, narcs, tail, head, cap, cost,
                                  flow, pot);
    rc = pp_mcf_new(&m, nnodes, narcs, tail, head, cap);
    if (rc)
        return rc;
    rc = pp_mcf_run(m, cost, flow, pot);
    pp_mcf_free(m);
    return rc;
}
