/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lp.c - the LP relaxation of frequency planning at one deadline (GLPK).
 *
 * With every instruction's effective cost replaced by a convex piecewise-
 * linear function of its duration, planning at a deadline T is the classic
 * project time-cost tradeoff LP (Fulkerson, "A network flow computation for
 * project cost curves", Management Science 7(2), 1961,
 * doi:10.1287/mnsc.7.2.167; used by Perseus, Chung et al., SOSP 2024,
 * doi:10.1145/3694715.3695970).  Its optimum is a lower bound on the energy
 * of any real-frequency plan meeting T, and this file computes it exactly as
 * an independent certificate for the min-cut frontier code.
 *
 * The LP, for instructions i = 0..n-1 with cost vertices (t_ik, c_ik):
 *
 *     minimise   sum_i z_i
 *     subject to s_j - s_i - d_i >= 0                for every edge i -> j
 *                s_i + d_i      <= T                for every sink i
 *                z_i - m_ik d_i >= c_ik - m_ik t_ik  for every segment k of i
 *                t_i0 <= d_i <= t_i,last,  s_i >= 0, z_i free
 *
 * with m_ik the slope of segment k (epigraph form: for a convex cost the
 * largest of the segment lines is the cost itself).  A single-vertex cost
 * fixes d_i and z_i.  The deadline row is needed only at sinks: durations
 * are non-negative, so every other instruction finishes before some sink
 * starts.  Column layout: s_i is column 1 + i, d_i is 1 + n + i, z_i is
 * 1 + 2n + i (GLPK is 1-based); rows are the edges in CSR order, then the
 * sinks, then the segments.  Every row touches distinct columns, so the
 * matrix has no duplicate entries (GLPK aborts on one).  Times and costs are
 * rescaled by powers of two (exact in floating point) so that the LP is the
 * same whatever the units of the input.
 *
 * Everything is validated (finite, increasing, convex, acyclic, deadline at
 * least the fastest iteration time) before GLPK is touched, so NaN never
 * reaches it.  All GLPK calls are in this file, guarded by glp_error_hook +
 * setjmp/longjmp; a terminal hook swallows GLPK's output (keeping the tail
 * for error messages) and glp_free_env() releases its environment after
 * every solve.
 *
 * Complexity: validation and the fastest-iteration check are O(n + m + K)
 * (m edges, K segments); the LP has 3n columns, m + sinks + K rows and
 * 3m + 2(sinks + K) non-zeros.  Dual simplex is exponential in the worst
 * case; on 1F1B DAGs it takes about a second at 5,000 instructions.
 */
#include "solver.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Relative slack allowed when the deadline is below the fastest time. */
#define DEADLINE_RTOL 1e-12
/* Relative slack allowed in the convexity check (rounding in hull code). */
#define CONVEX_RTOL 1e-9

/* The LP in plain arrays, built and checked before GLPK sees it. */
struct lp_model {
    int nrows, ncols, nnz;
    char *rtype;        /* nrows: GLP_LO or GLP_UP */
    double *rval;       /* nrows: the bound */
    char *ctype;        /* ncols: GLP_LO, GLP_DB, GLP_FX or GLP_FR */
    double *clb, *cub;  /* ncols */
    double *cobj;       /* ncols */
    int *ia, *ja;       /* nnz + 1, 1-based like GLPK; [0] unused */
    double *ar;         /* nnz + 1 */
};

static void label(const struct pp_dag *dag, size_t i, char *buf, size_t len)
{
    if (!dag->ins) {
        snprintf(buf, len, "instruction %zu", i);
        return;
    }
    const struct pp_instr *in = &dag->ins[i];
    if (in->id) {
        snprintf(buf, len, "instruction %zu (%s)", i, in->id);
        return;
    }
    const char *kind = "instruction";
    if (dag->kinds && in->kind >= 0 && in->kind < dag->nkinds &&
        dag->kinds[in->kind])
        kind = dag->kinds[in->kind];
    snprintf(buf, len, "instruction %zu (gpu %d %s mb %d)", i, in->gpu,
             kind, in->mb);
}

/*
 * Check one cost: n >= 1, finite, t[0] >= 0, t strictly increasing, finite
 * slopes, convex (every vertex on or below the chord of its neighbours, up
 * to CONVEX_RTOL of the costs involved).
 */
static int check_cost(const struct pp_dag *dag, size_t i,
                      const struct pp_pwl *p, struct pp_error *err)
{
    char who[160];

    label(dag, i, who, sizeof who);
    if (!p || p->n < 1 || !p->t || !p->c)
        return pp_error_set(err, PP_EINPUT, "%s: missing or empty cost", who);
    for (size_t k = 0; k < p->n; k++) {
        if (!isfinite(p->t[k]) || !isfinite(p->c[k]))
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost vertex %zu is not finite "
                                "(time %g, cost %g)",
                                who, k, p->t[k], p->c[k]);
    }
    if (p->t[0] < 0)
        return pp_error_set(err, PP_EINPUT, "%s: negative duration %g s",
                            who, p->t[0]);
    for (size_t k = 1; k < p->n; k++) {
        if (!(p->t[k] > p->t[k - 1]))
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost vertex times must be strictly "
                                "increasing (vertex %zu at %g s, vertex %zu "
                                "at %g s)",
                                who, k - 1, p->t[k - 1], k, p->t[k]);
        double m = (p->c[k] - p->c[k - 1]) / (p->t[k] - p->t[k - 1]);
        if (!isfinite(m))
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost slope between vertices %zu and %zu "
                                "is not finite",
                                who, k - 1, k);
    }
    for (size_t k = 1; k + 1 < p->n; k++) {
        double w = (p->t[k] - p->t[k - 1]) / (p->t[k + 1] - p->t[k - 1]);
        double chord = p->c[k - 1] + w * (p->c[k + 1] - p->c[k - 1]);
        double tol = CONVEX_RTOL * (fabs(p->c[k - 1]) + fabs(p->c[k]) +
                                    fabs(p->c[k + 1]));
        if (p->c[k] > chord + tol)
            return pp_error_set(err, PP_EINPUT,
                                "%s: cost is not convex at vertex %zu "
                                "(%g s, %g)",
                                who, k, p->t[k], p->c[k]);
    }
    return PP_OK;
}

/*
 * Check the CSR successor arrays and compute a topological order (Kahn),
 * O(n + m).  ORDER and INDEG have n entries.
 */
static int topo_order(const struct pp_dag *dag, size_t *order, size_t *indeg,
                      struct pp_error *err)
{
    size_t n = dag->n;

    if (!dag->succ_off || (dag->nedges > 0 && !dag->succ))
        return pp_error_set(err, PP_EINPUT, "DAG has no successor arrays");
    if (dag->succ_off[0] != 0 || dag->succ_off[n] != dag->nedges)
        return pp_error_set(err, PP_EINPUT,
                            "DAG successor offsets are inconsistent "
                            "(%zu edges, offsets end at %zu)",
                            dag->nedges, dag->succ_off[n]);
    for (size_t i = 0; i < n; i++) {
        if (dag->succ_off[i + 1] < dag->succ_off[i])
            return pp_error_set(err, PP_EINPUT,
                                "DAG successor offsets decrease at "
                                "instruction %zu", i);
    }
    memset(indeg, 0, n * sizeof *indeg);
    for (size_t e = 0; e < dag->nedges; e++) {
        if (dag->succ[e] >= n)
            return pp_error_set(err, PP_EINPUT,
                                "DAG edge %zu points to instruction %zu of "
                                "%zu", e, dag->succ[e], n);
        indeg[dag->succ[e]]++;
    }
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < n; i++)
        if (indeg[i] == 0)
            order[tail++] = i;
    while (head < tail) {
        size_t i = order[head++];
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++)
            if (--indeg[dag->succ[e]] == 0)
                order[tail++] = dag->succ[e];
    }
    if (tail < n) {
        char who[160];
        size_t i = 0;
        while (indeg[i] == 0)
            i++;
        label(dag, i, who, sizeof who);
        return pp_error_set(err, PP_EINPUT,
                            "DAG has a cycle through %s", who);
    }
    return PP_OK;
}

/* Cost of P at D (linear interpolation, D clamped to the range), O(log n). */
static double pwl_at(const struct pp_pwl *p, double d)
{
    if (d <= p->t[0])
        return p->c[0];
    if (d >= p->t[p->n - 1])
        return p->c[p->n - 1];
    size_t lo = 0, hi = p->n - 1; /* t[lo] <= d < t[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->t[mid] <= d)
            lo = mid;
        else
            hi = mid;
    }
    double w = (d - p->t[lo]) / (p->t[hi] - p->t[lo]);
    return p->c[lo] + w * (p->c[hi] - p->c[lo]);
}

/* 2^-round(log2(x)) for x > 0, else 1: an exact rescaling factor. */
static double pow2_scale(double x)
{
    int e;
    if (!(x > 0) || !isfinite(x))
        return 1.0;
    frexp(x, &e);
    return ldexp(1.0, -(e - 1));
}

static void model_free(struct lp_model *m)
{
    free(m->rtype);
    free(m->rval);
    free(m->ctype);
    free(m->clb);
    free(m->cub);
    free(m->cobj);
    free(m->ia);
    free(m->ja);
    free(m->ar);
}

static int model_alloc(struct lp_model *m, size_t nrows, size_t ncols,
                       size_t nnz, struct pp_error *err)
{
    if (nrows > INT_MAX || ncols > INT_MAX || nnz >= INT_MAX)
        return pp_error_set(err, PP_ERANGE,
                            "LP too large for GLPK (%zu rows, %zu columns, "
                            "%zu non-zeros)",
                            nrows, ncols, nnz);
    m->nrows = (int)nrows;
    m->ncols = (int)ncols;
    m->nnz = 0;
    m->rtype = malloc(nrows);
    m->rval = malloc(nrows * sizeof *m->rval);
    m->ctype = malloc(ncols);
    m->clb = malloc(ncols * sizeof *m->clb);
    m->cub = malloc(ncols * sizeof *m->cub);
    m->cobj = malloc(ncols * sizeof *m->cobj);
    m->ia = malloc((nnz + 1) * sizeof *m->ia);
    m->ja = malloc((nnz + 1) * sizeof *m->ja);
    m->ar = malloc((nnz + 1) * sizeof *m->ar);
    if (!m->rtype || !m->rval || !m->ctype || !m->clb || !m->cub ||
        !m->cobj || !m->ia || !m->ja || !m->ar)
        return pp_error_nomem(err);
    return PP_OK;
}

static void put(struct lp_model *m, int row, int col, double v)
{
    if (v == 0.0)
        return;
    m->nnz++;
    m->ia[m->nnz] = row;
    m->ja[m->nnz] = col;
    m->ar[m->nnz] = v;
}

/*
 * Fill the model (layout in the file header).  TS and CS scale times and
 * costs; DEADLINE is already scaled.
 */
static void model_fill(struct lp_model *m, const struct pp_dag *dag,
                       const struct pp_pwl *const *costs, double deadline,
                       double ts, double cs)
{
    int n = (int)dag->n;
    int row = 0;

    for (int i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        int s = 1 + i, d = 1 + n + i, z = 1 + 2 * n + i;
        m->ctype[s - 1] = GLP_LO;
        m->clb[s - 1] = 0.0;
        m->cub[s - 1] = 0.0;
        m->cobj[s - 1] = 0.0;
        m->cobj[d - 1] = 0.0;
        m->cobj[z - 1] = 1.0;
        if (p->n == 1) {
            m->ctype[d - 1] = GLP_FX;
            m->clb[d - 1] = m->cub[d - 1] = p->t[0] * ts;
            m->ctype[z - 1] = GLP_FX;
            m->clb[z - 1] = m->cub[z - 1] = p->c[0] * cs;
        } else {
            m->ctype[d - 1] = GLP_DB;
            m->clb[d - 1] = p->t[0] * ts;
            m->cub[d - 1] = p->t[p->n - 1] * ts;
            m->ctype[z - 1] = GLP_FR;
            m->clb[z - 1] = m->cub[z - 1] = 0.0;
        }
    }
    /* Precedence rows: s_j - s_i - d_i >= 0. */
    for (int i = 0; i < n; i++) {
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            int j = (int)dag->succ[e];
            row++;
            m->rtype[row - 1] = GLP_LO;
            m->rval[row - 1] = 0.0;
            put(m, row, 1 + j, 1.0);
            put(m, row, 1 + i, -1.0);
            put(m, row, 1 + n + i, -1.0);
        }
    }
    /* Deadline rows at sinks: s_i + d_i <= T. */
    for (int i = 0; i < n; i++) {
        if (dag->succ_off[i + 1] != dag->succ_off[i])
            continue;
        row++;
        m->rtype[row - 1] = GLP_UP;
        m->rval[row - 1] = deadline;
        put(m, row, 1 + i, 1.0);
        put(m, row, 1 + n + i, 1.0);
    }
    /* Epigraph rows: z_i - m_k d_i >= c_k - m_k t_k (scaled). */
    for (int i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        for (size_t k = 0; k + 1 < p->n; k++) {
            double t0 = p->t[k] * ts, t1 = p->t[k + 1] * ts;
            double c0 = p->c[k] * cs, c1 = p->c[k + 1] * cs;
            double slope = (c1 - c0) / (t1 - t0);
            row++;
            m->rtype[row - 1] = GLP_LO;
            m->rval[row - 1] = c0 - slope * t0;
            put(m, row, 1 + 2 * n + i, 1.0);
            put(m, row, 1 + n + i, -slope);
        }
    }
}

/* GLPK guard: the jump target and the tail of GLPK's terminal output. */
struct glpk_guard {
    jmp_buf jb;
    char text[512];
    size_t len;
};

static void on_glpk_error(void *info)
{
    struct glpk_guard *g = info;
    longjmp(g->jb, 1);
}

/* Keep the last sizeof text - 1 bytes GLPK wanted to print; print nothing. */
static int on_glpk_term(void *info, const char *s)
{
    struct glpk_guard *g = info;
    size_t cap = sizeof g->text - 1;
    size_t n = strlen(s);

    if (n >= cap) {
        s += n - cap;
        n = cap;
        g->len = 0;
    } else if (g->len + n > cap) {
        size_t drop = g->len + n - cap;
        memmove(g->text, g->text + drop, g->len - drop);
        g->len -= drop;
    }
    memcpy(g->text + g->len, s, n);
    g->len += n;
    g->text[g->len] = '\0';
    return 1;
}

/* GLPK's captured text on one line, for an error message. */
static const char *glpk_text(struct glpk_guard *g)
{
    char *s = g->text;
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    return n ? s : "no message";
}

/*
 * Load M into GLPK, run dual simplex with presolve, and read the column
 * values into X[ncols].  Every GLPK call of the project is in here.  G lives
 * in the caller's frame: the hooks write to it between setjmp and longjmp,
 * which would leave a local of this function indeterminate (C11 7.13.2.1).
 */
static int run_glpk(const struct lp_model *m, struct glpk_guard *g, double *x,
                    struct pp_error *err)
{
    glp_prob *lp;
    glp_smcp parm;
    int rc, status;

    g->len = 0;
    g->text[0] = '\0';
    if (setjmp(g->jb)) {
        /* GLPK hit an internal error; its environment is unusable and
         * glp_free_env() also frees the problem object. */
        glp_free_env();
        return pp_error_set(err, PP_ESOLVER, "GLPK failed: %s",
                            glpk_text(g));
    }
    glp_error_hook(on_glpk_error, g);
    glp_term_hook(on_glpk_term, g);

    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, m->nrows);
    glp_add_cols(lp, m->ncols);
    for (int r = 0; r < m->nrows; r++) {
        if (m->rtype[r] == GLP_UP)
            glp_set_row_bnds(lp, r + 1, GLP_UP, 0.0, m->rval[r]);
        else
            glp_set_row_bnds(lp, r + 1, GLP_LO, m->rval[r], 0.0);
    }
    for (int c = 0; c < m->ncols; c++) {
        glp_set_col_bnds(lp, c + 1, m->ctype[c], m->clb[c], m->cub[c]);
        if (m->cobj[c] != 0.0)
            glp_set_obj_coef(lp, c + 1, m->cobj[c]);
    }
    glp_load_matrix(lp, m->nnz, m->ia, m->ja, m->ar);

    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_DUALP;
    parm.presolve = GLP_ON;
    rc = glp_simplex(lp, &parm);
    status = rc == 0 ? glp_get_status(lp) : GLP_UNDEF;
    if (rc == GLP_ENOPFS || status == GLP_NOFEAS) {
        glp_free_env();
        return pp_error_set(err, PP_ESOLVER,
                            "GLPK found the LP infeasible although the "
                            "deadline is not below the fastest iteration "
                            "time (numerical trouble)");
    }
    if (rc != 0 || status != GLP_OPT) {
        glp_free_env();
        return pp_error_set(err, PP_ESOLVER,
                            "GLPK simplex failed (return code %d, status %d)",
                            rc, status);
    }
    for (int c = 0; c < m->ncols; c++)
        x[c] = glp_get_col_prim(lp, c + 1);
    glp_delete_prob(lp);
    glp_free_env();
    return PP_OK;
}

int pp_lp_solve(const struct pp_dag *dag, const struct pp_pwl *const *costs,
                double deadline, double *opt_cost, double *dur,
                struct pp_error *err)
{
    struct lp_model m;
    struct glpk_guard guard;
    size_t *order = NULL, *indeg = NULL;
    double *finish = NULL, *x = NULL;
    size_t n, nsinks = 0, nseg = 0;
    double fastest = 0.0, tsum = 0.0, cmax = 0.0;
    int ret;

    memset(&m, 0, sizeof m);
    if (!dag || !costs || !opt_cost)
        return pp_error_set(err, PP_EINPUT, "LP: missing argument");
    n = dag->n;
    if (n < 1)
        return pp_error_set(err, PP_EINPUT, "LP: the DAG has no instructions");
    if (!isfinite(deadline))
        return pp_error_set(err, PP_EINPUT, "deadline %g is not finite",
                            deadline);
    for (size_t i = 0; i < n; i++) {
        ret = check_cost(dag, i, costs[i], err);
        if (ret < 0)
            return ret;
    }
    if (n > (SIZE_MAX / sizeof(double)) / 3)
        return pp_error_set(err, PP_ERANGE, "LP: too many instructions");

    order = malloc(n * sizeof *order);
    indeg = malloc(n * sizeof *indeg);
    finish = calloc(n, sizeof *finish);
    if (!order || !indeg || !finish) {
        ret = pp_error_nomem(err);
        goto out;
    }
    ret = topo_order(dag, order, indeg, err);
    if (ret < 0)
        goto out;

    /* Fastest iteration time: longest path with every d_i = t_i0.  FINISH
     * first holds earliest starts, then finishes, in topological order. */
    for (size_t h = 0; h < n; h++) {
        size_t i = order[h];
        finish[i] += costs[i]->t[0];
        if (finish[i] > fastest)
            fastest = finish[i];
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++)
            if (finish[dag->succ[e]] < finish[i])
                finish[dag->succ[e]] = finish[i];
    }
    if (deadline < fastest * (1.0 - DEADLINE_RTOL)) {
        ret = pp_error_set(err, PP_EINPUT,
                           "deadline %.9g s is below the fastest possible "
                           "iteration time %.9g s (every instruction at its "
                           "fastest option)",
                           deadline, fastest);
        goto out;
    }
    if (deadline < fastest)
        deadline = fastest;

    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        if (dag->succ_off[i + 1] == dag->succ_off[i])
            nsinks++;
        nseg += p->n - 1;
        tsum += p->t[p->n - 1];
        for (size_t k = 0; k < p->n; k++)
            if (fabs(p->c[k]) > cmax)
                cmax = fabs(p->c[k]);
    }
    if (dag->nedges > SIZE_MAX / 4 || nseg > SIZE_MAX / 4 ||
        dag->nedges + nsinks + nseg < dag->nedges + nsinks) {
        ret = pp_error_set(err, PP_ERANGE, "LP: too many rows");
        goto out;
    }
    ret = model_alloc(&m, dag->nedges + nsinks + nseg, 3 * n,
                      3 * dag->nedges + 2 * nsinks + 2 * nseg, err);
    if (ret < 0)
        goto out;
    x = malloc(3 * n * sizeof *x);
    if (!x) {
        ret = pp_error_nomem(err);
        goto out;
    }

    /* Scale so the mean slowest duration and the largest |cost| are near 1;
     * powers of two, so scaling and unscaling are exact. */
    double ts = pow2_scale(tsum / (double)n);
    double cs = pow2_scale(cmax);
    model_fill(&m, dag, costs, deadline * ts, ts, cs);

    ret = run_glpk(&m, &guard, x, err);
    if (ret < 0)
        goto out;

    /* Report cost_i(d_i) at the optimal durations, clamped to their range
     * against GLPK's feasibility tolerance; reuse FINISH for them. */
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        double d = x[n + i] / ts;
        if (d < p->t[0])
            d = p->t[0];
        if (d > p->t[p->n - 1])
            d = p->t[p->n - 1];
        finish[i] = d;
        total += pwl_at(p, d);
    }
    *opt_cost = total;
    if (dur)
        memcpy(dur, finish, n * sizeof *dur);
    ret = PP_OK;
out:
    free(x);
    model_free(&m);
    free(finish);
    free(indeg);
    free(order);
    return ret;
}
