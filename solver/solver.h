/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * solver.h - evaluation, cost models, the time-energy frontier, the LP.
 *
 * Energy model (SPEC section 1).  A pipeline of G GPUs per data-parallel
 * replica, each stage spanning K tensor-parallel GPUs (profile energies are
 * the stage's total), blocking power P_b per GPU:
 *
 *   E(plan) = sum_i e_i + K * P_b * (G * T - sum_i t_i)
 *
 * where T is the iteration time (longest path with the plan's times).  For a
 * fixed T, minimising E is minimising the effective cost
 * sum_i (e_i - K * P_b * t_i).
 *
 * Cost models used by the planner:
 *   - exact (default): per (stage, kind) the lower convex hull of the
 *     measured (time, effective energy) points from the fastest option to the
 *     minimum-cost one; piecewise linear, nothing fitted or invented.
 *   - lowtime: the reference's quantised, Pareto-filtered exponential fit
 *     (SPEC section 2), reproduced step for step.
 */
#ifndef PP_SOLVER_H
#define PP_SOLVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "graph.h"
#include "profile.h"

struct pp_energy {
    double blocking_power; /* W per GPU, >= 0 */
    int gpus_per_stage;    /* K >= 1 */
};

/* ------------------------------------------------------------------------ */
/* Evaluation of one plan against measured profiles                         */

struct pp_eval {
    double time;       /* iteration time T, s (longest path) */
    double e_compute;  /* sum of instruction energies, J */
    double e_blocking; /* K * P_b * sum over GPUs of idle time, J */
    double e_total;    /* e_compute + e_blocking */
    int ngpus;
    double *busy;      /* ngpus: sum of instruction times per GPU, s */
    double *idle;      /* ngpus: T - busy */
    double *start;     /* n: earliest start of every instruction, s */
    double *dur;       /* n: duration of every instruction, s */
    double *slack;     /* n: how much later it could start (latest minus
                          earliest start) without lengthening T, s */
    size_t *critical;  /* ncritical: one critical path, source to sink */
    size_t ncritical;
};

/*
 * Evaluate PLAN on DAG with PROFILE's measured times and energies.  Every
 * instruction's (stage, kind, frequency) must exist in the profile; an
 * absent one is PP_EINPUT naming the instruction and frequency.  On success
 * *out owns a new result (pp_eval_free).
 */
int pp_eval(struct pp_eval **out, const struct pp_dag *dag,
            const struct pp_profile *prof, const struct pp_plan *plan,
            const struct pp_energy *en, struct pp_error *err);
void pp_eval_free(struct pp_eval *ev);

/*
 * Longest path (iteration time) of DAG with durations DUR[n]; if START is
 * not NULL it receives earliest starts.  O(n + edges).
 */
double pp_longest_path(const struct pp_dag *dag, const double *dur,
                       double *start);

/*
 * Check that every (stage, kind) used by DAG exists in PROFILE (kind names
 * are matched by name).  Fills KINDMAP[dag->nkinds] with profile kind
 * indices.  PP_EINPUT names the first missing stage or kind.
 */
int pp_bind_profile(const struct pp_dag *dag, const struct pp_profile *prof,
                    int *kindmap, struct pp_error *err);

/* Uniform plans: every instruction at MHZ (must exist), at its own maximum
 * frequency (mhz == PP_FREQ_MAX) or at the frequency where its own measured
 * energy is lowest (PP_FREQ_MIN_ENERGY; ties: the higher frequency).  EN is
 * unused for now and may be NULL. */
#define PP_FREQ_MAX (-1)
#define PP_FREQ_MIN_ENERGY (-2)
int pp_solver_plan_uniform(struct pp_plan **out, const struct pp_dag *dag,
                           const struct pp_profile *prof, int mhz,
                           const struct pp_energy *en, struct pp_error *err);

/* ------------------------------------------------------------------------ */
/* Piecewise-linear convex costs (the exact model, and the LP)              */

/*
 * A convex piecewise-linear cost of one instruction: vertices (t[k], c[k])
 * with t strictly increasing and slopes non-decreasing (convex); c is the
 * effective cost.  mhz[k] is the real frequency at each vertex.  Durations
 * outside [t[0], t[n-1]] are not allowed.  n >= 1.
 */
struct pp_pwl {
    size_t n;
    double *t;
    double *c;
    int *mhz;
};

/*
 * Lower convex hull of the options in SET, in (time, effective cost), from the
 * fastest option to the one of minimum effective cost.  OUT's arrays are
 * allocated (pp_pwl_clear frees them).
 */
int pp_pwl_hull(struct pp_pwl *out, const struct pp_opset *set,
                const struct pp_energy *en, struct pp_error *err);
void pp_pwl_clear(struct pp_pwl *pwl);
/* The first vertex k (1 <= k <= n - 2) of PWL above the chord of its
 * neighbours by more than RTOL times the sum of the three costs' sizes,
 * or 0 if PWL is convex (to that tolerance). */
size_t pp_pwl_nonconvex(const struct pp_pwl *pwl, double rtol);

/* Cost at duration d (linear interpolation); d clamped to the range. */
double pp_pwl_eval(const struct pp_pwl *pwl, double d);

/*
 * LP relaxation at one deadline (GLPK, dual simplex): minimise
 * sum_i cost_i(d_i) subject to precedence and longest path <= DEADLINE, with
 * cost_i the convex PWL COSTS[i] (one per instruction, may share storage).
 * On success *opt_cost is the optimum (effective cost, without the
 * G*K*P_b*T term) and DUR (if not NULL, n entries) the optimal durations.
 * PP_EINPUT if the deadline is below the fastest possible iteration time,
 * PP_ESOLVER if GLPK fails.  Never prints.
 */
int pp_lp_solve(const struct pp_dag *dag, const struct pp_pwl *const *costs,
                double deadline, double *opt_cost, double *dur,
                struct pp_error *err);

/*
 * Lower bounds on the energy (J) of any real-frequency plan with iteration
 * time <= DEADLINES[q] (certify.c): the LP relaxation on the convex hulls of
 * the measured points.  BOUNDS has ND entries.  Deadlines must be at least
 * the fastest iteration time.  Cost: a few LP solves per deadline.
 */
int pp_certify(const struct pp_dag *dag, const struct pp_profile *prof,
               const struct pp_energy *en, const double *deadlines, size_t nd,
               double *bounds, struct pp_error *err);

/*
 * The same bound for iterations that last DEADLINES[q] whatever the plan
 * (the straggler case, pp_frontier_lookup): the LP optimum at
 * min(D, the slowest useful time) plus G * K * P_b * D.
 */
int pp_certify_lasting(const struct pp_dag *dag, const struct pp_profile *prof,
                       const struct pp_energy *en, const double *deadlines,
                       size_t nd, double *bounds, struct pp_error *err);

/* ------------------------------------------------------------------------ */
/* The time-energy frontier                                                 */

enum pp_model { PP_MODEL_EXACT, PP_MODEL_LOWTIME };

/* The lowtime model's Pareto filter order (SPEC section 2): filter on raw
 * energy, then subtract blocking (the artifact), or the reverse (Zeus). */
enum pp_filter_order { PP_FILTER_ARTIFACT, PP_FILTER_ZEUS };

/* Maximum-flow code for the cuts: the planner's own Dinic (default, kept
 * incrementally in the exact model) or igraph's push-relabel (a
 * cross-check). */
enum pp_flow_backend { PP_FLOW_DINIC, PP_FLOW_IGRAPH };

/* How plans are found (exact model): the walk over every breakpoint of the
 * frontier (pp_frontier_solve), or the deadline solver at the deadlines a
 * command needs (pp_frontier_at).  AUTO: pp_solve_pick. */
enum pp_solve_method { PP_SOLVE_AUTO, PP_SOLVE_WALK, PP_SOLVE_DEADLINE };

/* Above this many instructions AUTO picks the deadline solver where a
 * command needs plans at a few deadlines only (measured: README, "How
 * planning time grows"). */
#define PP_WALK_MAX_INSTR 1024

struct pp_solve_opts {
    enum pp_model model;
    struct pp_energy energy;
    double unit_time;  /* lowtime: tau, s (default 1e-3) */
    enum pp_filter_order filter_order; /* lowtime */
    /* lowtime: optional fitted (a, b, c) per profile (stage, kind), indexed
     * stage * prof->nkinds + kind, NAN a where absent; NULL to fit. */
    const double *fit;
    enum pp_flow_backend flow_backend;
    enum pp_solve_method method; /* for the callers: pp_solve_pick */
    /* lowtime: residuals above this many 1e-6 J units are traversable when
     * finding the cut (the reference compares a float residual > 1e-6). */
    long residual_threshold;
    /* exact: realize a plan about every this many seconds of iteration
     * time, between breakpoints and where breakpoints are denser (0: the
     * default, 1e-4 of the slowest iteration time) */
    double resolution;
    /* exact: threads that round and evaluate plans while the solver steps
     * on (0: none, the solver's thread does it; negative, the default: the
     * CPUs online if more than one, at most 4).  The frontier is the same. */
    int threads;
    void (*progress)(void *ctx, size_t done, size_t expected);
    void *progress_ctx;
};

/*
 * Read fitted lowtime coefficients (CSV "stage,instruction,a,b,c") for
 * PROF into a new array usable as pp_solve_opts.fit (free it).
 */
int pp_fit_load(double **out, const char *path, const struct pp_profile *prof,
                struct pp_error *err);

/*
 * Fitted costs the solver can use.  The cut's capacities need
 * cost(d) = a * exp(b * d) + c to fall as d grows, and not ever faster:
 * a >= 0 and b <= 0 (the reference's fit rejects a < 0 too).  Then for
 * every duration d >= 1 (every profile time is at least one time unit,
 * whatever the unit) the cost lies between c and a + c, so bounding c and
 * a + c by PP_FIT_MAX_COST J (a thousand times the largest profile energy)
 * bounds it over all the profile's times, and sums over 2^24 instructions
 * stay finite.  pp_fit_check returns -1 if ABC = (a, b, c) is usable, or
 * the index of the coefficient at fault with *why saying what it must be.
 */
#define PP_FIT_MAX_COST 1e15
int pp_fit_check(const double abc[3], const char **why);

/* Defaults: exact model, P_b 0, K 1, tau 1 ms, artifact order, Dinic,
 * method AUTO. */
void pp_solve_opts_init(struct pp_solve_opts *o);

/*
 * The method O asks for on DAG: WALK or DEADLINE.  AUTO is the walk where
 * WHOLE (the caller needs the whole frontier: to save or draw it, or T*),
 * for the lowtime model (which only walks), and up to PP_WALK_MAX_INSTR
 * instructions; the deadline solver otherwise.  An explicit DEADLINE with
 * the lowtime model or WHOLE is returned as asked (callers refuse it).
 */
enum pp_solve_method pp_solve_pick(const struct pp_solve_opts *o,
                                   const struct pp_dag *dag, int whole);

/*
 * Ranges of the options (options.c).  Times are counted in 64-bit
 * integers (ns, or units of tau), so the resolution and the time unit lie
 * where profile times do, from 1 ns to 1e9 s (profiles/rows.h).  The
 * pipeline's blocking power G * K * P_b is at most 1e12 W (a million GPUs
 * at a million W each), which keeps every energy finite and is what a
 * frontier file may state.  A solve may realize at most
 * PP_SOLVE_MAX_POINTS points: pp_frontier_solve estimates how many a
 * resolution (exact: the span of iteration times over the resolution) or
 * a time unit (lowtime: one step per unit of the span) asks for before it
 * starts, and refuses more, naming the smallest value that would do.
 * The defaults give about 10,000 (exact) or the span in milliseconds.
 */
#define PP_SOLVE_MIN_SECONDS 1e-9
#define PP_SOLVE_MAX_SECONDS 1e9
#define PP_SOLVE_MAX_PIPELINE_BLOCKING 1e12
#define PP_SOLVE_MAX_POINTS 1000000

/*
 * Check O: known enums, residual threshold >= 0, energy as
 * pp_energy_check for one GPU, unit time within
 * PP_SOLVE_MIN_SECONDS..PP_SOLVE_MAX_SECONDS, resolution 0 or within it.
 * PP_EINPUT (not a number, unknown enum) or PP_ERANGE (out of range) with
 * a message naming the value and the range; pp_frontier_solve calls it
 * first.
 */
int pp_solve_opts_check(const struct pp_solve_opts *o, struct pp_error *err);

/*
 * Check EN for a pipeline of NGPUS GPUs: K >= 1, P_b finite and >= 0, and
 * NGPUS * K * P_b <= PP_SOLVE_MAX_PIPELINE_BLOCKING.  pp_eval and
 * pp_frontier_solve call it.
 */
int pp_energy_check(const struct pp_energy *en, int ngpus,
                    struct pp_error *err);

struct pp_point {
    double time_model;   /* model iteration time, s */
    double energy_model; /* model energy: sum of model costs + G K P_b T */
    double time;         /* realized: evaluated from measured values */
    double energy;       /* realized total energy, J */
    double e_compute;    /* realized computation energy */
    double e_blocking;   /* realized blocking energy */
};

/*
 * A frontier: points in solve order (slowest first).  Plans are stored as
 * the first point's plan plus, for point p > 0, the frequency changes from
 * point p - 1: instructions chg_idx[chg_off[p-1] .. chg_off[p]-1] take
 * frequencies chg_mhz[...].  Memory grows with the number of changes, not
 * points x instructions.
 */
struct pp_frontier {
    enum pp_model model;
    size_t ninstr;
    size_t npoints;
    struct pp_point *pts;
    int *base_mhz;     /* ninstr */
    size_t *chg_off;   /* npoints (chg_off[0] = 0 unused for point 0) */
    uint32_t *chg_idx;
    int *chg_mhz;
    size_t nchg, cap_chg, cap_pts;
    size_t steps;      /* solver iterations */
    char stop_reason[128];
    /* G * K * P_b (W): what the whole pipeline draws while it blocks, for
     * the deadline rule; NAN where unknown (frontier files of format 1) */
    double pblock;
    /* 1: points only at the deadlines asked for (pp_frontier_at), so T*
     * and the published rule are unknown; 0: a walk's whole frontier */
    int partial;
    /* what the frontier was solved for (owned, freed with the frontier;
     * NULL if unknown): saved in frontier files (format 3) so that plans
     * looked up from them record it too; the solver leaves it NULL */
    struct pp_provenance *prov;
};

/*
 * Solve the whole frontier of DAG on PROFILE.  On success *out owns it
 * (pp_frontier_free).  Errors: PP_EINPUT (profile does not cover the
 * schedule, fit impossible...), PP_ENOMEM, PP_ESOLVER.
 */
int pp_frontier_solve(struct pp_frontier **out, const struct pp_dag *dag,
                      const struct pp_profile *prof,
                      const struct pp_solve_opts *opts, struct pp_error *err);
void pp_frontier_free(struct pp_frontier *fr);

/*
 * The work bound of pp_frontier_solve alone, for a caller that wants to
 * refuse a resolution or a time unit before it does anything else: 1 if
 * OPTS would have pp_frontier_solve realize more than PP_SOLVE_MAX_POINTS
 * points on DAG and PROF (the message in *ERR names the value and the
 * smallest that would do), else 0, also when another of its checks fails
 * (the solve reports that).  The same set-up as the solve, without its
 * threads: O(n + edges + profile).
 */
int pp_frontier_check_work(const struct pp_dag *dag,
                           const struct pp_profile *prof,
                           const struct pp_solve_opts *opts,
                           struct pp_error *err);

/*
 * Plans at given deadlines without walking the frontier (frontier_at.c):
 * the exact model's relaxation solved at each deadline (deadline.h), its
 * durations rounded to measured frequencies as the walk's points are, and
 * the plan evaluated.  *OUT gets a frontier holding one point per distinct
 * deadline, slowest first; POINT[q] is deadline q's point and BOUND[q] a
 * lower bound (J) on the energy of any plan for an iteration lasting
 * DEADLINES[q] (the relaxation's dual; see pp_certify_lasting).  Deadlines
 * past the slowest useful time are planned at it.  PP_EINPUT for a
 * deadline below T_min or another model than exact; the solver's errors
 * otherwise.  Cost per deadline: one min-cost circulation on the
 * activity-on-arc network plus one rounding, whatever the number of
 * frontier breakpoints.
 */
int pp_frontier_at(struct pp_frontier **out, const struct pp_dag *dag,
                   const struct pp_profile *prof,
                   const struct pp_solve_opts *opts, const double *deadlines,
                   size_t nd, long *point, double *bound,
                   struct pp_error *err);

/* Reconstruct point P's plan into MHZ[ninstr]. */
void pp_frontier_plan_at(const struct pp_frontier *fr, size_t p, int *mhz);

/*
 * The plan for deadline D: the iteration lasts D whatever the plan (a
 * straggler, or the deadline itself, sets it), so the energy to minimise
 * is a point's energy plus the pipeline blocking for the rest,
 * E + pblock * (D - T) (pp_frontier_energy_lasting), over points with
 * T <= D (+1e-12 relative).  In the exact model this also picks the
 * points past T*, which are dominated in (T, E) but spend the wait
 * running slower instead of blocking.  The lowtime model, and frontiers
 * whose pblock is unknown, keep the published rule
 * (pp_frontier_lookup_published).  Ties go to the earlier point.  Returns
 * the index, or -1 if D is below every point's time.  O(points).
 */
long pp_frontier_lookup(const struct pp_frontier *fr, double deadline);

/*
 * The published rule (SPEC section 1; the reference and Perseus): among
 * points with T <= D (+1e-12 relative), the one of minimum energy -- for
 * D past T*, T*, and the pipeline blocks for the rest.
 */
long pp_frontier_lookup_published(const struct pp_frontier *fr,
                                  double deadline);

/* Energy (J) of an iteration lasting D >= T with point P's plan: its
 * energy plus the pipeline blocking for D - T; NAN if that is not 0 and
 * pblock is unknown. */
double pp_frontier_energy_lasting(const struct pp_frontier *fr, size_t p,
                                  double deadline);

/*
 * Frontier files (frontier_io.c; man perseus-plan-profiles(5)): write FR for
 * DAG; read one back with the DAG's instruction table (enough to write plan
 * files).  Reading reports FILE:LINE:COL errors and accepts everything
 * writing writes; writing returns PP_ERANGE, before writing anything, for
 * a frontier holding a number reading would refuse (not finite, a time or
 * energy not positive), PP_EIO if a write fails.
 */
int pp_frontier_write(const struct pp_frontier *fr, const struct pp_dag *dag,
                      FILE *f);
int pp_frontier_read(struct pp_frontier **out, struct pp_dag **dag,
                     const char *name, const char *text, size_t len,
                     struct pp_error *err);

/* Index of the fastest point (T_min) and of the minimum-energy point (T*). */
size_t pp_frontier_fastest(const struct pp_frontier *fr);
size_t pp_frontier_min_energy(const struct pp_frontier *fr);

/* ------------------------------------------------------------------------ */
/* One slow GPU inside a pipeline (straggler.c)                             */

struct pp_straggler {
    int gpu;             /* the slow GPU (a stage of built-in schedules) */
    double time_factor;  /* its instructions take this many times as long,
                            1 to 100 */
    double power_factor; /* and draw this many times the power, (0, 10] */
};

/*
 * PROF with the profile stages that GPU S->gpu runs in DAG slowed: their
 * times times S->time_factor, their energies times time_factor *
 * power_factor (a throttled GPU is slower at the same clock and may draw
 * less).  On success *OUT owns a new profile (pp_profile_free).  PP_EINPUT
 * for a GPU outside the DAG, factors out of range, or a stage the GPU
 * shares with another GPU; PP_ENOMEM.  O(profile + n).
 */
int pp_straggler_profile(struct pp_profile **out, const struct pp_dag *dag,
                         const struct pp_profile *prof,
                         const struct pp_straggler *s, struct pp_error *err);

/* ------------------------------------------------------------------------ */
/* Baselines (baselines.c; SPEC section 3)                                  */

/* How pp_baseline_envpipe stopped (*capped). */
enum pp_envpipe_stop {
    PP_ENVPIPE_ENVELOPE = 0, /* the critical path lies on the envelope */
    PP_ENVPIPE_CAPPED = 1,   /* max_rounds rounds done, not converged */
    PP_ENVPIPE_STUCK = 2,    /* off-envelope critical instructions are all
                                at their maximum: nothing left to raise */
};
#define PP_ENVPIPE_DEFAULT_ROUNDS 10000 /* the published re-implementation */

/*
 * EnvPipe (Choi et al., USENIX ATC 2023) as SPEC section 3 describes and
 * the Perseus artifact re-implements it.  The outer envelope is every
 * instruction of the last GPU plus, on every GPU, the first "forward" and
 * the last "backward" in its order; those start at their maximum
 * frequency, every other instruction at the frequency of its lowest
 * measured energy (ties: the higher).  Each round takes one critical path
 * (ties: lowest instruction index; finish times within 1e-9 of T relative
 * are tied) and raises, among its off-envelope instructions below their
 * maximum, those at the lowest frequency by one measured step of their
 * (stage, kind).  Stops when the path is all envelope, when nothing on it
 * can be raised, or after MAX_ROUNDS (>= 0; PP_ENVPIPE_DEFAULT_ROUNDS is
 * the published cap) rounds.  *rounds (may be NULL) receives the rounds
 * done, *capped (may be NULL) an enum pp_envpipe_stop.  EN does not
 * influence the plan (may be NULL).  O(rounds (n + edges)); rounds <=
 * sum over instructions of (options - 1).  On success *out owns a new plan;
 * on failure *out is NULL (PP_EINPUT: profile does not cover the schedule
 * or MAX_ROUNDS < 0; PP_ENOMEM).
 */
int pp_baseline_envpipe(struct pp_plan **out, const struct pp_dag *dag,
                        const struct pp_profile *prof,
                        const struct pp_energy *en, int max_rounds,
                        int *rounds, int *capped, struct pp_error *err);

/*
 * Zeus-style single knob: the one frequency (present in every (stage, kind)
 * the schedule uses) whose uniform plan has the least energy (pp_eval with
 * EN, required) with iteration time <= DEADLINE (+1e-12 relative; INFINITY:
 * no constraint); energy ties go to the higher frequency.  *mhz (may be
 * NULL) receives it.  PP_EINPUT naming the deadline and the fastest uniform
 * time if none meets it, or if no frequency is common to all.  O(F (n +
 * edges)) for F candidate frequencies.  Ownership as pp_baseline_envpipe.
 */
int pp_baseline_uniform(struct pp_plan **out, int *mhz,
                        const struct pp_dag *dag,
                        const struct pp_profile *prof,
                        const struct pp_energy *en, double deadline,
                        struct pp_error *err);


/* ------------------------------------------------------------------------ */
/* Straggler what-if (whatif.c; SPEC section 1)                             */

/* The methods a what-if compares, in the order of its columns: Perseus
 * with the deadline rule (pp_frontier_lookup: the plan for an iteration
 * lasting T', past T* too), and with the published rule
 * (pp_frontier_lookup_published: past T*, the T* plan, then blocking). */
enum pp_method {
    PP_METHOD_ALLMAX,
    PP_METHOD_ENVPIPE,
    PP_METHOD_PERSEUS,
    PP_METHOD_PUBLISHED
};
#define PP_NMETHODS 4

/* Which times and energies judge Perseus's frontier points. */
enum pp_whatif_values {
    PP_VALUES_REALIZED, /* evaluated from the measurements (time, energy) */
    PP_VALUES_MODEL,    /* the model's own (time_model, energy_model), as the
                           published analysis did */
};

/*
 * One case of a what-if: Perseus's frontier and the baselines' evaluations,
 * borrowed (they must outlive it; nothing is owned, nothing to free), and
 * what pp_whatif_init derives from them.
 */
struct pp_whatif {
    const struct pp_frontier *fr;
    const struct pp_eval *allmax;
    const struct pp_eval *envpipe; /* NULL: EnvPipe's columns are NaN */
    enum pp_whatif_values values;
    double blocking; /* G * K * P_b, W: the pipeline with every GPU idle */
    double t_min;    /* what slowdowns multiply: the all-max iteration time
                        (realized), or the model's fastest time (model) */
    size_t p_nos;    /* the point Perseus runs at no slowdown: the lookup
                        rule at t_min, the fastest point if none meets it */
};

/*
 * Fill *W for FR (at least one point), ALLMAX (required), ENVPIPE (may be
 * NULL) and a pipeline of NGPUS GPUs with EN's K and P_b.  PP_EINPUT if one
 * is missing, NGPUS or K is below 1 or P_b is negative or not finite; *W is
 * then zeroed.  O(points).
 */
int pp_whatif_init(struct pp_whatif *w, const struct pp_frontier *fr,
                   const struct pp_eval *allmax, const struct pp_eval *envpipe,
                   int ngpus, const struct pp_energy *en,
                   enum pp_whatif_values values, struct pp_error *err);

/* Per method (indexed by enum pp_method), at one straggler slowdown. */
struct pp_whatif_row {
    double s, deadline;                /* s and T' = s * t_min, s */
    double time[PP_NMETHODS];          /* the plan's own iteration time, s */
    double e_plan[PP_NMETHODS];        /* one non-straggler pipeline until
                                          T', J */
    double e_block[PP_NMETHODS];       /* of which blocking after its plan
                                          ends, J */
    double e_cluster[PP_NMETHODS];     /* the straggler and the N - 1
                                          others, J */
    double saving[PP_NMETHODS];        /* 1 - e_cluster / all-max's */
    int beyond_tstar; /* T' > T* (realized): the published rule blocks;
                         0 where T* is unknown (a partial frontier, whose
                         published-rule columns are NaN) */
};

/*
 * The cluster accounting of N = PIPELINES pipelines, one straggling by S
 * (T' = S * w->t_min): the straggler costs each method's no-slowdown energy
 * times S; the N - 1 others run the method's plan for T' (all-max and
 * EnvPipe their one plan, Perseus the point its rule picks for T', on the
 * values W judges by) and block, G * K * P_b, until T'.  PP_EINPUT if S is
 * below 1 or not finite or PIPELINES below 1; *ROW is written only on
 * success.  O(points).
 */
int pp_whatif_row(const struct pp_whatif *w, double s, int pipelines,
                  struct pp_whatif_row *row, struct pp_error *err);

/*
 * A straggler inside the straggling pipeline (pp_straggler_profile): that
 * pipeline runs its own fastest plan, so the iteration lasts T' = T, its
 * all-max time, and it costs E[m] per method m (all-max, EnvPipe and
 * Perseus's no-slowdown plan, all on the slowed profile; the published
 * rule's column charges Perseus's).
 */
struct pp_whatif_straggler {
    double t;                /* T' (s): the straggling pipeline's time */
    double e[PP_NMETHODS];   /* its energy per method until T', J */
};

/*
 * The cluster accounting with a straggler inside one pipeline: as
 * pp_whatif_row at s = ST->t / w->t_min for the N - 1 others, but the
 * straggling pipeline costs ST->e[m] (its own plan) instead of its
 * no-slowdown energy times s.  PUBLISHED[m] (may be NULL) receives the
 * saving of the published accounting (energy times s) at the same s.
 * PP_EINPUT if T' is below t_min or not finite.
 */
int pp_whatif_straggler_row(const struct pp_whatif *w,
                            const struct pp_whatif_straggler *st,
                            int pipelines, struct pp_whatif_row *row,
                            double *published, struct pp_error *err);

#endif
