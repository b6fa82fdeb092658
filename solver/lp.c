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
 * of any real-frequency plan meeting T; this file computes it with GLPK as
 * an independent certificate for the min-cut frontier code.
 *
 * Formulation.  Instruction i has cost vertices (t_ik, c_ik), k = 0..n_i-1,
 * and segments k = 0..n_i-2 of length l_ik = t_i,k+1 - t_ik and slope m_ik.
 * Its duration is d_i = t_i0 + sum_k x_ik with 0 <= x_ik <= l_ik, and its
 * cost c_i0 + sum_k m_ik x_ik.  The slopes increase (convexity), so filling
 * a segment before the ones to its left is never cheaper: at an optimum this
 * cost equals the PWL cost at d_i, and the LP
 *
 *     minimise   sum_ik m_ik x_ik                       (+ sum_i c_i0)
 *     subject to s_j - s_i - sum_k x_ik >= t_i0          every edge i -> j
 *                s_i + sum_k x_ik <= T - t_i0            every sink i
 *                s_i >= 0,  0 <= x_ik <= l_ik
 *
 * is the relaxation exactly.  The deadline row is needed only at sinks:
 * durations are non-negative, so every instruction finishes before some
 * sink starts.  This segment form has one row per edge; the epigraph form
 * (z_i >= c_ik + m_ik (d_i - t_ik)) adds a row per segment and measured
 * 5 to 20 times slower in GLPK on 1F1B DAGs.
 *
 * Layout: GLPK is 1-based; column 1 + i is s_i, column 1 + n + segoff[i] + k
 * is x_ik; rows 1..m are the edges in CSR order, then the sinks in index
 * order.  Every row touches distinct columns (self-loops are cycles, which
 * are rejected), so the matrix has no duplicate entries (GLPK aborts on
 * one).  Times and costs are rescaled by powers of two (exact in floating
 * point), so the LP is the same whatever the units of the input.
 *
 * Solving.  Dual simplex starts from a basis built here, not from GLPK's
 * slack basis: every instruction at its minimum-cost vertex (x_ik at its
 * upper bound where m_ik < 0, else at 0) and, as basic variables, the start
 * times along the longest-path tree of that plan.  With all row duals zero
 * the reduced costs are the slopes, so this basis is dual feasible and its
 * only primal infeasibility is at sinks later than T: dual simplex then
 * shortens instructions, cheapest first, much like the min-cut method of
 * Phillips and Dessouky (Management Science 24(4), 1977).  The long-step
 * (bound-flipping) ratio test moves many x_ik between their bounds in one
 * iteration.  GLPK's presolver would discard this basis, so it is off.
 * Measured on a 5,008-instruction 1F1B DAG with 10-vertex costs: 5k to 9k
 * iterations, against 12k to 15k from GLPK's own start with presolve and
 * 36k to 64k in the epigraph form (over 40 s).  If GLPK refuses the basis
 * as singular or ill-conditioned, it retries from its own.
 *
 * Everything is validated (finite, increasing, convex, acyclic, deadline at
 * least the fastest iteration time) before GLPK is touched, so NaN never
 * reaches it.  All GLPK calls are in this file, guarded by glp_error_hook +
 * setjmp/longjmp; a terminal hook swallows GLPK's output (keeping the tail
 * for error messages) and glp_free_env() releases its environment after
 * every solve.
 *
 * Complexity: validation, the fastest-iteration check and the starting basis
 * are O(n + m + K) (m edges, K segments); the LP has n + K columns,
 * m + sinks rows and about 2m + (out-degree + sink) * K non-zeros.  Simplex
 * is exponential in the worst case; in practice the iterations grow about
 * linearly with n on 1F1B DAGs, each costing O(m + K) or more.
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
    char *rtype;  /* nrows: GLP_LO or GLP_UP */
    double *rval; /* nrows: the bound */
    char *ctype;  /* ncols: GLP_LO or GLP_DB */
    double *cub;  /* ncols: upper bound (every lower bound is 0) */
    double *cobj; /* ncols */
    int *ia, *ja; /* nnz + 1, 1-based like GLPK; [0] unused */
    double *ar;   /* nnz + 1 */
    char *rstat;  /* nrows: starting basis, GLP_BS or GLP_NL */
    char *cstat;  /* ncols: starting basis, GLP_BS, GLP_NL or GLP_NU */
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
    size_t bad = pp_pwl_nonconvex(p, CONVEX_RTOL);
    if (bad)
        return pp_error_set(err, PP_EINPUT,
                            "%s: cost is not convex at vertex %zu "
                            "(%g s, %g)",
                            who, bad, p->t[bad], p->c[bad]);
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

/* The power of two s with x * s in [1, 2) (1 if x is not positive): an
 * exact rescaling factor. */
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
    free(m->cub);
    free(m->cobj);
    free(m->ia);
    free(m->ja);
    free(m->ar);
    free(m->rstat);
    free(m->cstat);
}

/* a + b, or SIZE_MAX if it exceeds LIMIT (sizes that GLPK's int can hold). */
static size_t add_lim(size_t a, size_t b, size_t limit)
{
    if (a > limit || b > limit - a)
        return SIZE_MAX;
    return a + b;
}

/*
 * Count rows, columns and non-zeros (layout in the file header) and
 * allocate M.  SEGOFF[n + 1] receives each instruction's first segment.
 */
static int model_alloc(struct lp_model *m, const struct pp_dag *dag,
                       const struct pp_pwl *const *costs, size_t *segoff,
                       struct pp_error *err)
{
    const size_t lim = (size_t)INT_MAX - 1;
    size_t n = dag->n, nrows = dag->nedges, nseg = 0, nnz = 0;

    for (size_t i = 0; i < n; i++) {
        size_t seg = costs[i]->n - 1;
        size_t out = dag->succ_off[i + 1] - dag->succ_off[i];
        segoff[i] = nseg;
        nseg = add_lim(nseg, seg, lim);
        if (out == 0) { /* sink row: s_i and the x_ik */
            nrows = add_lim(nrows, 1, lim);
            nnz = add_lim(nnz, 1 + seg, lim);
        } else { /* out edge rows: s_j, s_i and the x_ik */
            size_t per = add_lim(2, seg, lim);
            nnz = add_lim(nnz, per <= lim / out ? per * out : SIZE_MAX, lim);
        }
    }
    segoff[n] = nseg;
    size_t ncols = add_lim(n, nseg, lim);
    if (nrows > lim || ncols > lim || nnz > lim)
        return pp_error_set(err, PP_ERANGE,
                            "LP too large for GLPK (%zu instructions, %zu "
                            "edges, %zu cost segments)",
                            n, dag->nedges, nseg);
    m->nrows = (int)nrows;
    m->ncols = (int)ncols;
    m->nnz = 0;
    m->rtype = malloc(nrows);
    m->rval = malloc(nrows * sizeof *m->rval);
    m->rstat = malloc(nrows);
    m->ctype = malloc(ncols);
    m->cub = malloc(ncols * sizeof *m->cub);
    m->cobj = malloc(ncols * sizeof *m->cobj);
    m->cstat = malloc(ncols);
    m->ia = malloc((nnz + 1) * sizeof *m->ia);
    m->ja = malloc((nnz + 1) * sizeof *m->ja);
    m->ar = malloc((nnz + 1) * sizeof *m->ar);
    if (!m->rtype || !m->rval || !m->rstat || !m->ctype || !m->cub ||
        !m->cobj || !m->cstat || !m->ia || !m->ja || !m->ar)
        return pp_error_nomem(err);
    return PP_OK;
}

static void put(struct lp_model *m, int row, int col, double v)
{
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
                       const struct pp_pwl *const *costs,
                       const size_t *segoff, double deadline, double ts,
                       double cs)
{
    int n = (int)dag->n;
    int row = 0;

    for (int i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        m->ctype[i] = GLP_LO;
        m->cub[i] = 0.0;
        m->cobj[i] = 0.0;
        for (size_t k = 0; k + 1 < p->n; k++) {
            size_t c = (size_t)n + segoff[i] + k;
            double t0 = p->t[k] * ts, t1 = p->t[k + 1] * ts;
            m->ctype[c] = GLP_DB;
            m->cub[c] = t1 - t0;
            m->cobj[c] = (p->c[k + 1] * cs - p->c[k] * cs) / (t1 - t0);
        }
    }
    /* Precedence rows: s_j - s_i - sum_k x_ik >= t_i0. */
    for (int i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        int x0 = 1 + n + (int)segoff[i];
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            row++;
            m->rtype[row - 1] = GLP_LO;
            m->rval[row - 1] = p->t[0] * ts;
            put(m, row, 1 + (int)dag->succ[e], 1.0);
            put(m, row, 1 + i, -1.0);
            for (int k = 0; k + 1 < (int)p->n; k++)
                put(m, row, x0 + k, -1.0);
        }
    }
    /* Deadline rows at sinks: s_i + sum_k x_ik <= T - t_i0. */
    for (int i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        int x0 = 1 + n + (int)segoff[i];
        if (dag->succ_off[i + 1] != dag->succ_off[i])
            continue;
        row++;
        m->rtype[row - 1] = GLP_UP;
        m->rval[row - 1] = deadline - p->t[0] * ts;
        put(m, row, 1 + i, 1.0);
        for (int k = 0; k + 1 < (int)p->n; k++)
            put(m, row, x0 + k, 1.0);
    }
}

/*
 * The starting basis (file header): x_ik at its upper bound where the slope
 * is negative, else at 0; the basic variables are the slacks of every row
 * except one tight edge into each instruction that has predecessors (the
 * edge its earliest start comes from, in the plan at those durations), and
 * the start times of those instructions.  In topological order each such
 * edge row has exactly one basic start time not yet covered, so the basis
 * matrix is triangular with unit diagonal: never singular.  ORDER is a
 * topological order; TREE and START are scratch (n entries).  O(n + m + K).
 */
static void model_basis(struct lp_model *m, const struct pp_dag *dag,
                        const struct pp_pwl *const *costs,
                        const size_t *segoff, const size_t *order,
                        size_t *tree, double *start)
{
    size_t n = dag->n;

    for (int r = 0; r < m->nrows; r++)
        m->rstat[r] = GLP_BS;
    for (size_t i = 0; i < n; i++) {
        tree[i] = SIZE_MAX;
        start[i] = 0.0;
    }
    for (size_t h = 0; h < n; h++) {
        size_t i = order[h];
        const struct pp_pwl *p = costs[i];
        double d = p->t[0];
        for (size_t k = 0; k + 1 < p->n; k++) {
            int down = p->c[k + 1] < p->c[k];
            m->cstat[n + segoff[i] + k] = down ? GLP_NU : GLP_NL;
            if (down)
                d += p->t[k + 1] - p->t[k];
        }
        double fin = start[i] + d;
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            size_t j = dag->succ[e];
            if (tree[j] == SIZE_MAX || fin > start[j]) {
                start[j] = fin;
                tree[j] = e;
            }
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (tree[j] == SIZE_MAX) {
            m->cstat[j] = GLP_NL;
        } else {
            m->cstat[j] = GLP_BS;
            m->rstat[tree[j]] = GLP_NL;
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


/* Run the simplex with our parameters; return glp_simplex's code. */
static int simplex(glp_prob *lp)
{
    glp_smcp parm;

    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_DUALP;     /* dual; primal if dual fails */
    parm.r_test = GLP_RT_FLIP; /* long-step ratio test */
    parm.aorn = GLP_USE_AT;    /* pivot rows from row-wise A */
    parm.presolve = GLP_OFF;   /* keep the starting basis */
    return glp_simplex(lp, &parm);
}

/*
 * Load M into GLPK, solve, and read the column values into X[ncols].  Every
 * GLPK call of the project is in here.  G lives in the caller's frame: the
 * hooks write to it between setjmp and longjmp, which would leave a local of
 * this function indeterminate (C11 7.13.2.1).
 */
static int run_glpk(const struct lp_model *m, struct glpk_guard *g, double *x,
                    struct pp_error *err)
{
    glp_prob *lp;
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
        glp_set_row_stat(lp, r + 1, m->rstat[r]);
    }
    for (int c = 0; c < m->ncols; c++) {
        glp_set_col_bnds(lp, c + 1, m->ctype[c], 0.0, m->cub[c]);
        glp_set_obj_coef(lp, c + 1, m->cobj[c]);
        glp_set_col_stat(lp, c + 1, m->cstat[c]);
    }
    glp_load_matrix(lp, m->nnz, m->ia, m->ja, m->ar);

    rc = simplex(lp);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        /* Our basis was refused (numerically): start from GLPK's own. */
        glp_adv_basis(lp, 0);
        rc = simplex(lp);
    }
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
    size_t *order = NULL, *scratch = NULL, *segoff = NULL;
    double *finish = NULL, *x = NULL;
    size_t n;
    double fastest = 0.0, tsum = 0.0, cmax = 0.0;
    int ret;

    memset(&m, 0, sizeof m);
    if (!dag || !costs || !opt_cost)
        return pp_error_set(err, PP_EINPUT, "LP: missing argument");
    n = dag->n;
    if (n < 1)
        return pp_error_set(err, PP_EINPUT,
                            "LP: the DAG has no instructions");
    if (!isfinite(deadline))
        return pp_error_set(err, PP_EINPUT, "deadline %g is not finite",
                            deadline);
    for (size_t i = 0; i < n; i++) {
        ret = check_cost(dag, i, costs[i], err);
        if (ret < 0)
            return ret;
    }
    if (n >= (size_t)INT_MAX)
        return pp_error_set(err, PP_ERANGE, "LP: too many instructions");

    order = malloc(n * sizeof *order);
    scratch = malloc(n * sizeof *scratch);
    segoff = malloc((n + 1) * sizeof *segoff);
    finish = calloc(n, sizeof *finish);
    if (!order || !scratch || !segoff || !finish) {
        ret = pp_error_nomem(err);
        goto out;
    }
    ret = pp_graph_order(dag, order, scratch, err);
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

    ret = model_alloc(&m, dag, costs, segoff, err);
    if (ret < 0)
        goto out;
    x = malloc((size_t)m.ncols * sizeof *x);
    if (!x) {
        ret = pp_error_nomem(err);
        goto out;
    }

    /* Scale so the mean slowest duration and the largest |cost| are near 1;
     * powers of two, so scaling and unscaling are exact. */
    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        tsum += p->t[p->n - 1];
        for (size_t k = 0; k < p->n; k++)
            if (fabs(p->c[k]) > cmax)
                cmax = fabs(p->c[k]);
    }
    double ts = pow2_scale(tsum / (double)n);
    double cs = pow2_scale(cmax);
    model_fill(&m, dag, costs, segoff, deadline * ts, ts, cs);
    model_basis(&m, dag, costs, segoff, order, scratch, finish);

    ret = run_glpk(&m, &guard, x, err);
    if (ret < 0)
        goto out;

    /* d_i = t_i0 + sum_k x_ik, clamped to its range against GLPK's
     * feasibility tolerance; report cost_i(d_i).  FINISH holds them. */
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        const struct pp_pwl *p = costs[i];
        double d = p->t[0] * ts;
        for (size_t k = segoff[i]; k < segoff[i + 1]; k++)
            d += x[n + k];
        d /= ts;
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
    free(segoff);
    free(scratch);
    free(order);
    return ret;
}
