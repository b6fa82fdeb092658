/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_eval.c - the plan evaluator pp_eval (solver/eval.c) against an
 * independent computation.
 *
 * Nothing the expected values come from is project code: this file parses
 * the measured profiles (PP_SHARED_DIR/data/sosp24/emulation/stage_profile)
 * with its own small CSV reader, writes down the synchronous 1F1B order of
 * SPEC 2.5 itself (stage s: w = min(S - s, M) warm-up forwards, then for
 * i = 0..M-1: B_i, then F_{i+w} if i + w < M), finds every start time by
 * relaxing start(s, k) = max(finish of the previous instruction of stage s,
 * finish of F(s-1, m) for a forward, finish of B(s+1, m) for a backward
 * (the last stage's backward: its own forward)) until nothing changes, and
 * applies E = sum_i e_i + K * P_b * (G * T - sum_i t_i).  The project only
 * supplies what is under test and its inputs: the profile it loads, the DAG
 * of pp_graph_build, the plans of pp_solver_plan_uniform (whose frequencies
 * are checked against this file's own choice) and pp_eval's result, which must
 * agree to 1e-9 relative in T, the energies, every GPU's busy and idle time
 * and every instruction's start; its critical path must be a chain of tight
 * 1F1B dependencies from time 0 to T.  Cases: the four measured profiles
 * with S = 8 and M in {1, 3, 8, 12, 24, 96}, S = 4 on stages 0..3, K = 1
 * and 8, uniform plans (maximum, minimum-energy, three fixed frequencies)
 * and a seeded random per-instruction plan.  Three tests need no data:
 * 2-stage, 2-microbatch known answers worked out by hand (a mixed plan, the
 * maximum plan, and the minimum-energy plan on a profile with tied
 * energies), and the error for a plan frequency absent from the profile.
 * Data tests skip when PP_SHARED_DIR is unset or the files are absent.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared.h"
#include "solver.h"

#define REL 1e-9

/* ------------------------------------------------------------------------ */
/* Independent profile reader                                               */

#define REF_MAXSTAGES 16
#define REF_MAXOPTS 256

enum { KF = 0, KB = 1 }; /* forward, backward */

struct ref_opt {
    int mhz;
    double t, e;
};

struct ref_set {
    size_t n;
    struct ref_opt opt[REF_MAXOPTS];
};

struct ref_prof {
    int nstages;
    struct ref_set set[REF_MAXSTAGES][2];
};

static const char *kind_name(int k)
{
    return k == KF ? "forward" : "backward";
}

static int kind_of(const char *name)
{
    if (strcmp(name, "forward") == 0)
        return KF;
    if (strcmp(name, "backward") == 0)
        return KB;
    return -1;
}

/* Read a `stage,instruction,frequency,time,energy` CSV (columns by name). */
static void ref_read(struct ref_prof *rp, const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    memset(rp, 0, sizeof *rp);
    char line[1024];
    char *fld[32];
    cr_assert_not_null(fgets(line, sizeof line, f), "%s: empty", path);
    int nf = csv_split(line, fld, 32);
    int col[5] = {-1, -1, -1, -1, -1};
    static const char *const names[5] = {"stage", "instruction", "frequency",
                                         "time", "energy"};
    for (int i = 0; i < nf; i++)
        for (int c = 0; c < 5; c++)
            if (strcmp(fld[i], names[c]) == 0)
                col[c] = i;
    for (int c = 0; c < 5; c++)
        cr_assert_geq(col[c], 0, "%s: no column %s", path, names[c]);
    long lineno = 1;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '\n' || line[0] == '\r' || line[0] == '\0')
            continue;
        nf = csv_split(line, fld, 32);
        for (int c = 0; c < 5; c++)
            cr_assert_lt(col[c], nf, "%s:%ld: short row", path, lineno);
        char *end;
        long s = strtol(fld[col[0]], &end, 10);
        cr_assert(*end == '\0' && s >= 0 && s < REF_MAXSTAGES,
                  "%s:%ld: stage", path, lineno);
        int k = kind_of(fld[col[1]]);
        cr_assert_geq(k, 0, "%s:%ld: instruction %s", path, lineno,
                      fld[col[1]]);
        long mhz = strtol(fld[col[2]], &end, 10);
        cr_assert(*end == '\0' && mhz > 0, "%s:%ld: frequency", path, lineno);
        double t = strtod(fld[col[3]], &end);
        cr_assert(*end == '\0' && t > 0, "%s:%ld: time", path, lineno);
        double e = strtod(fld[col[4]], &end);
        cr_assert(*end == '\0' && e > 0, "%s:%ld: energy", path, lineno);
        struct ref_set *set = &rp->set[s][k];
        cr_assert_lt(set->n, (size_t)REF_MAXOPTS);
        set->opt[set->n++] = (struct ref_opt){(int)mhz, t, e};
        if (s + 1 > rp->nstages)
            rp->nstages = (int)s + 1;
    }
    fclose(f);
    for (int s = 0; s < rp->nstages; s++)
        for (int k = 0; k < 2; k++)
            cr_assert_gt(rp->set[s][k].n, 0u, "%s: stage %d %s missing",
                         path, s, kind_name(k));
}

static const struct ref_opt *ref_find(const struct ref_prof *rp, int s, int k,
                                      int mhz)
{
    const struct ref_set *set = &rp->set[s][k];
    for (size_t i = 0; i < set->n; i++)
        if (set->opt[i].mhz == mhz)
            return &set->opt[i];
    return NULL;
}

static int ref_max_mhz(const struct ref_prof *rp, int s, int k)
{
    const struct ref_set *set = &rp->set[s][k];
    int best = set->opt[0].mhz;
    for (size_t i = 1; i < set->n; i++)
        if (set->opt[i].mhz > best)
            best = set->opt[i].mhz;
    return best;
}

/* Lowest measured energy; ties go to the higher frequency. */
static int ref_min_energy_mhz(const struct ref_prof *rp, int s, int k)
{
    const struct ref_set *set = &rp->set[s][k];
    const struct ref_opt *best = &set->opt[0];
    for (size_t i = 1; i < set->n; i++) {
        const struct ref_opt *o = &set->opt[i];
        if (o->e < best->e || (o->e == best->e && o->mhz > best->mhz))
            best = o;
    }
    return best->mhz;
}

/* Frequencies measured for every (stage < S, kind), descending; count. */
static size_t ref_common_mhz(const struct ref_prof *rp, int S, int *out,
                             size_t cap)
{
    size_t n = 0;
    const struct ref_set *s0 = &rp->set[0][KF];
    for (size_t i = 0; i < s0->n; i++) {
        int mhz = s0->opt[i].mhz;
        int all = 1;
        for (int s = 0; s < S && all; s++)
            for (int k = 0; k < 2 && all; k++)
                all = ref_find(rp, s, k, mhz) != NULL;
        if (all && n < cap)
            out[n++] = mhz;
    }
    for (size_t a = 1; a < n; a++) /* insertion sort, descending */
        for (size_t b = a; b > 0 && out[b - 1] < out[b]; b--) {
            int t = out[b];
            out[b] = out[b - 1];
            out[b - 1] = t;
        }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Independent 1F1B evaluation                                              */

/* Index of (stage s, kind k, microbatch m) in the reference arrays. */
static size_t rix(int M, int s, int k, int m)
{
    return ((size_t)s * 2 + (size_t)k) * (size_t)M + (size_t)m;
}

struct ref_step {
    int k, m;
};

/* The 1F1B order of stage s (2M steps) from the SPEC 2.5 rule. */
static void ref_order(int S, int M, int s, struct ref_step *seq)
{
    int w = S - s < M ? S - s : M;
    size_t n = 0;
    for (int m = 0; m < w; m++)
        seq[n++] = (struct ref_step){KF, m};
    for (int i = 0; i < M; i++) {
        seq[n++] = (struct ref_step){KB, i};
        if (i + w < M)
            seq[n++] = (struct ref_step){KF, i + w};
    }
    cr_assert_eq(n, (size_t)(2 * M));
}

struct ref_result {
    double T, e_compute, e_blocking, e_total;
    double busy[REF_MAXSTAGES], idle[REF_MAXSTAGES];
    double *start, *dur; /* rix-indexed */
};

static void ref_result_free(struct ref_result *r)
{
    free(r->start);
    free(r->dur);
}

/*
 * Evaluate an S-stage, M-microbatch 1F1B with frequencies MHZ (rix-indexed)
 * on stages 0..S-1 of RP, K GPUs per stage, blocking power PB.
 */
static void ref_eval(struct ref_result *r, const struct ref_prof *rp, int S,
                     int M, const int *mhz, int K, double pb)
{
    size_t n = (size_t)S * 2 * (size_t)M;
    struct ref_step *seq = malloc((size_t)S * 2 * (size_t)M * sizeof *seq);
    double *fin = calloc(n, sizeof *fin);
    r->start = calloc(n, sizeof *r->start);
    r->dur = calloc(n, sizeof *r->dur);
    cr_assert(seq && fin && r->start && r->dur);
    double sum_t = 0.0, sum_e = 0.0;
    for (int s = 0; s < S; s++) {
        ref_order(S, M, s, seq + (size_t)s * 2 * M);
        r->busy[s] = 0.0;
        for (int k = 0; k < 2; k++)
            for (int m = 0; m < M; m++) {
                size_t x = rix(M, s, k, m);
                const struct ref_opt *o = ref_find(rp, s, k, mhz[x]);
                cr_assert_not_null(o, "reference: stage %d %s has no %d MHz",
                                   s, kind_name(k), mhz[x]);
                r->dur[x] = o->t;
                r->busy[s] += o->t;
                sum_t += o->t;
                sum_e += o->e;
            }
    }
    /* Relax until nothing changes; sweeps alternate stage direction. */
    int changed = 1;
    long passes = 0, maxpasses = 4L * S * M + 16;
    while (changed) {
        changed = 0;
        cr_assert_lt(passes++, maxpasses, "reference relaxation diverges");
        for (int q = 0; q < S; q++) {
            int s = passes % 2 ? q : S - 1 - q;
            const struct ref_step *sq = seq + (size_t)s * 2 * M;
            double prev = 0.0;
            for (int j = 0; j < 2 * M; j++) {
                int k = sq[j].k, m = sq[j].m;
                double ready = prev;
                double dep = 0.0;
                if (k == KF && s > 0)
                    dep = fin[rix(M, s - 1, KF, m)];
                else if (k == KB && s < S - 1)
                    dep = fin[rix(M, s + 1, KB, m)];
                else if (k == KB)
                    dep = fin[rix(M, s, KF, m)];
                if (dep > ready)
                    ready = dep;
                size_t x = rix(M, s, k, m);
                double f = ready + r->dur[x];
                if (f != fin[x] || ready != r->start[x]) {
                    fin[x] = f;
                    r->start[x] = ready;
                    changed = 1;
                }
                prev = f;
            }
        }
    }
    r->T = 0.0;
    for (size_t x = 0; x < n; x++)
        if (fin[x] > r->T)
            r->T = fin[x];
    for (int s = 0; s < S; s++)
        r->idle[s] = r->T - r->busy[s];
    r->e_compute = sum_e;
    r->e_blocking = K * pb * (S * r->T - sum_t);
    r->e_total = sum_e + r->e_blocking;
    free(seq);
    free(fin);
}

/* ------------------------------------------------------------------------ */
/* Comparison                                                               */

static int close_to(double a, double b, double scale)
{
    double m = fmax(fabs(a), fabs(b));
    if (scale > m)
        m = scale;
    return fabs(a - b) <= REL * m;
}

/* (kind index in the DAG) -> reference kind, by name. */
static void dag_kindmap(const struct pp_dag *dag, int *map)
{
    cr_assert_leq(dag->nkinds, 8);
    for (int k = 0; k < dag->nkinds; k++) {
        map[k] = kind_of(dag->kinds[k]);
        cr_assert_geq(map[k], 0, "unexpected kind %s", dag->kinds[k]);
    }
}

/* The DAG holds exactly the instructions and per-GPU order of SPEC 2.5. */
static void check_dag_shape(const struct pp_dag *dag, int S, int M)
{
    int km[8];
    dag_kindmap(dag, km);
    cr_assert_eq(dag->ngpus, S);
    cr_assert_eq(dag->n, (size_t)S * 2 * M);
    struct ref_step *seq = malloc((size_t)2 * M * sizeof *seq);
    cr_assert_not_null(seq);
    for (int s = 0; s < S; s++) {
        ref_order(S, M, s, seq);
        cr_assert_eq(dag->gpu_off[s + 1] - dag->gpu_off[s], (size_t)2 * M);
        for (int j = 0; j < 2 * M; j++) {
            const struct pp_instr *in =
                &dag->ins[dag->gpu_seq[dag->gpu_off[s] + j]];
            cr_assert(in->gpu == s && in->stage == s &&
                          km[in->kind] == seq[j].k && in->mb == seq[j].m,
                      "S=%d M=%d gpu %d position %d: got gpu %d stage %d %s "
                      "mb %d, SPEC 2.5 says %s mb %d",
                      S, M, s, j, in->gpu, in->stage, dag->kinds[in->kind],
                      in->mb, kind_name(seq[j].k), seq[j].m);
        }
    }
    free(seq);
}

/* Is a -> b a dependency of the 1F1B DAG (by the SPEC 2.5 rule)? */
static int ref_is_dep(int S, int M, const struct pp_instr *a, int ka,
                      const struct pp_instr *b, int kb)
{
    if (a->gpu == b->gpu) {
        struct ref_step *seq = malloc((size_t)2 * M * sizeof *seq);
        cr_assert_not_null(seq);
        ref_order(S, M, a->gpu, seq);
        int ok = 0;
        for (int j = 0; j + 1 < 2 * M; j++)
            if (seq[j].k == ka && seq[j].m == a->mb && seq[j + 1].k == kb &&
                seq[j + 1].m == b->mb)
                ok = 1;
        free(seq);
        return ok;
    }
    if (a->mb != b->mb || ka != kb)
        return 0;
    return (ka == KF && b->gpu == a->gpu + 1) ||
           (ka == KB && b->gpu == a->gpu - 1);
}

/*
 * Compare pp_eval's result EV for DAG with the reference R.  WHAT names
 * the case in messages.
 */
static void compare(const struct pp_eval *ev, const struct ref_result *r,
                    const struct pp_dag *dag, int S, int M, double pb, int K,
                    const char *what)
{
    int km[8];
    dag_kindmap(dag, km);
    cr_assert(close_to(ev->time, r->T, 0),
              "%s: T %.17g, expected %.17g", what, ev->time, r->T);
    cr_assert(close_to(ev->e_compute, r->e_compute, 0),
              "%s: e_compute %.17g, expected %.17g", what, ev->e_compute,
              r->e_compute);
    cr_assert(close_to(ev->e_blocking, r->e_blocking, K * pb * S * r->T),
              "%s: e_blocking %.17g, expected %.17g", what, ev->e_blocking,
              r->e_blocking);
    cr_assert(close_to(ev->e_total, r->e_total, 0),
              "%s: E %.17g, expected %.17g", what, ev->e_total, r->e_total);
    cr_assert_eq(ev->ngpus, S, "%s: ngpus %d", what, ev->ngpus);
    for (int g = 0; g < S; g++) {
        cr_assert(close_to(ev->busy[g], r->busy[g], 0),
                  "%s: gpu %d busy %.17g, expected %.17g", what, g,
                  ev->busy[g], r->busy[g]);
        cr_assert(close_to(ev->idle[g], r->idle[g], r->T),
                  "%s: gpu %d idle %.17g, expected %.17g", what, g,
                  ev->idle[g], r->idle[g]);
    }
    for (size_t i = 0; i < dag->n; i++) {
        const struct pp_instr *in = &dag->ins[i];
        size_t x = rix(M, in->gpu, km[in->kind], in->mb);
        cr_assert(close_to(ev->dur[i], r->dur[x], 0),
                  "%s: gpu %d %s mb %d duration %.17g, expected %.17g", what,
                  in->gpu, dag->kinds[in->kind], in->mb, ev->dur[i],
                  r->dur[x]);
        cr_assert(close_to(ev->start[i], r->start[x], r->T),
                  "%s: gpu %d %s mb %d start %.17g, expected %.17g", what,
                  in->gpu, dag->kinds[in->kind], in->mb, ev->start[i],
                  r->start[x]);
    }
    /* The critical path: from time 0 to T through tight dependencies. */
    cr_assert_gt(ev->ncritical, 0u, "%s: empty critical path", what);
    cr_assert_not_null(ev->critical);
    size_t c0 = ev->critical[0], cl = ev->critical[ev->ncritical - 1];
    cr_assert(close_to(r->start[rix(M, dag->ins[c0].gpu, km[dag->ins[c0].kind],
                                    dag->ins[c0].mb)],
                       0.0, r->T),
              "%s: critical path starts after time 0", what);
    {
        size_t x = rix(M, dag->ins[cl].gpu, km[dag->ins[cl].kind],
                       dag->ins[cl].mb);
        cr_assert(close_to(r->start[x] + r->dur[x], r->T, r->T),
                  "%s: critical path ends before T", what);
    }
    double len = 0.0;
    for (size_t c = 0; c < ev->ncritical; c++) {
        const struct pp_instr *b = &dag->ins[ev->critical[c]];
        size_t xb = rix(M, b->gpu, km[b->kind], b->mb);
        len += r->dur[xb];
        if (c == 0)
            continue;
        const struct pp_instr *a = &dag->ins[ev->critical[c - 1]];
        size_t xa = rix(M, a->gpu, km[a->kind], a->mb);
        cr_assert(ref_is_dep(S, M, a, km[a->kind], b, km[b->kind]),
                  "%s: critical path step %zu (gpu %d %s mb %d -> gpu %d %s "
                  "mb %d) is not a dependency",
                  what, c, a->gpu, dag->kinds[a->kind], a->mb, b->gpu,
                  dag->kinds[b->kind], b->mb);
        cr_assert(close_to(r->start[xa] + r->dur[xa], r->start[xb], r->T),
                  "%s: critical path step %zu is not tight", what, c);
    }
    cr_assert(close_to(len, r->T, 0),
              "%s: critical path length %.17g, T %.17g", what, len, r->T);
    /* Slack: the critical path has none; starting every instruction as
     * late as its slack allows still meets every dependency and T, and
     * each then ends exactly at T or at the latest start of a successor
     * (so no slack could be larger). */
    for (size_t c = 0; c < ev->ncritical; c++)
        cr_assert(close_to(ev->slack[ev->critical[c]], 0.0, r->T),
                  "%s: slack %.17g on the critical path", what,
                  ev->slack[ev->critical[c]]);
    for (size_t i = 0; i < dag->n; i++) {
        double end = ev->start[i] + ev->slack[i] + ev->dur[i];
        int tight = close_to(end, ev->time, ev->time);
        cr_assert(ev->slack[i] >= 0 && end <= ev->time * (1 + 1e-12),
                  "%s: instruction %zu ends at %.17g > T", what, i, end);
        for (size_t e = dag->succ_off[i]; e < dag->succ_off[i + 1]; e++) {
            size_t j = dag->succ[e];
            double ls = ev->start[j] + ev->slack[j];
            cr_assert(end <= ls + 1e-12 * ev->time,
                      "%s: %zu -> %zu violated at the latest starts", what, i,
                      j);
            tight |= close_to(end, ls, ev->time);
        }
        cr_assert(tight, "%s: instruction %zu could start later", what, i);
    }
}

/* ------------------------------------------------------------------------ */
/* Cases on the measured profiles                                           */

static const char *const profile_files[4] = {
    "gpt3-175b+a100_sxm_bf16.csv",
    "bloom+a100_sxm_bf16.csv",
    "gpt3-175b+a40_bf16.csv",
    "bloom+a40_bf16.csv",
};

static double blocking_power_of(const char *file)
{
    return strstr(file, "a100") ? 83.64 : 70.38;
}

/* splitmix64: a fixed, portable generator for the random plans. */
static uint64_t rng_next(uint64_t *st)
{
    uint64_t z = (*st += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

enum { PLAN_MAX, PLAN_MINE, PLAN_FIXED, PLAN_RANDOM };

/*
 * One (profile, S, M) case: build the DAG, then for every plan and K in
 * {1, 8} compare pp_eval with the reference.  Returns the number of
 * comparisons.
 */
static int run_case(const char *file, const struct ref_prof *rp,
                    const struct pp_profile *prof, int S, int M,
                    uint64_t seed)
{
    struct pp_error err = {0};
    struct pp_dag *dag = NULL;
    double pb = blocking_power_of(file);
    int rc = pp_graph_build(&dag, PP_SCHED_1F1B, S, M, 1, &err);
    cr_assert_eq(rc, 0, "pp_graph_build S=%d M=%d: %s", S, M, err.msg);
    check_dag_shape(dag, S, M);
    int km[8];
    dag_kindmap(dag, km);

    int common[REF_MAXOPTS];
    size_t ncommon = ref_common_mhz(rp, S, common, REF_MAXOPTS);
    cr_assert_geq(ncommon, 3u, "%s: fewer than 3 common frequencies", file);
    int fixed[3] = {common[ncommon / 4], common[ncommon / 2],
                    common[ncommon - 1]};

    size_t nref = (size_t)S * 2 * M;
    int *mhz = malloc(nref * sizeof *mhz);
    cr_assert_not_null(mhz);
    int count = 0;
    struct {
        int kind, fixed;
        const char *name;
    } plans[] = {
        {PLAN_MAX, 0, "max"},          {PLAN_MINE, 0, "min-energy"},
        {PLAN_FIXED, fixed[0], "fixed"}, {PLAN_FIXED, fixed[1], "fixed"},
        {PLAN_FIXED, fixed[2], "fixed"}, {PLAN_RANDOM, 0, "random"},
    };
    for (size_t p = 0; p < sizeof plans / sizeof plans[0]; p++) {
        /* The reference's frequencies. */
        uint64_t st = seed ^ ((uint64_t)S << 40) ^ ((uint64_t)M << 20);
        for (int s = 0; s < S; s++)
            for (int k = 0; k < 2; k++)
                for (int m = 0; m < M; m++) {
                    size_t x = rix(M, s, k, m);
                    switch (plans[p].kind) {
                    case PLAN_MAX: mhz[x] = ref_max_mhz(rp, s, k); break;
                    case PLAN_MINE:
                        mhz[x] = ref_min_energy_mhz(rp, s, k);
                        break;
                    case PLAN_FIXED: mhz[x] = plans[p].fixed; break;
                    default: {
                        const struct ref_set *set = &rp->set[s][k];
                        mhz[x] = set->opt[rng_next(&st) % set->n].mhz;
                    }
                    }
                }
        /* The project's plan, checked against the reference's choice. */
        struct pp_plan *plan = NULL;
        if (plans[p].kind == PLAN_RANDOM) {
            cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
            for (size_t i = 0; i < dag->n; i++) {
                const struct pp_instr *in = &dag->ins[i];
                plan->mhz[i] = mhz[rix(M, in->gpu, km[in->kind], in->mb)];
            }
        } else {
            int arg = plans[p].kind == PLAN_MAX    ? PP_FREQ_MAX
                      : plans[p].kind == PLAN_MINE ? PP_FREQ_MIN_ENERGY
                                                   : plans[p].fixed;
            rc = pp_solver_plan_uniform(&plan, dag, prof, arg, NULL, &err);
            cr_assert_eq(rc, 0, "%s S=%d M=%d pp_solver_plan_uniform(%d): %s",
                         file, S, M, arg, err.msg);
            cr_assert_eq(plan->n, dag->n);
            for (size_t i = 0; i < dag->n; i++) {
                const struct pp_instr *in = &dag->ins[i];
                int want = mhz[rix(M, in->gpu, km[in->kind], in->mb)];
                cr_assert_eq(plan->mhz[i], want,
                             "%s S=%d M=%d %s plan: gpu %d %s mb %d at %d "
                             "MHz, expected %d",
                             file, S, M, plans[p].name, in->gpu,
                             dag->kinds[in->kind], in->mb, plan->mhz[i],
                             want);
            }
        }
        for (int K = 1; K <= 8; K += 7) {
            char what[256];
            snprintf(what, sizeof what, "%s S=%d M=%d K=%d plan %s %d", file,
                     S, M, K, plans[p].name, plans[p].fixed);
            struct ref_result r;
            ref_eval(&r, rp, S, M, mhz, K, pb);
            struct pp_energy en = {pb, K};
            struct pp_eval *ev = NULL;
            rc = pp_eval(&ev, dag, prof, plan, &en, &err);
            cr_assert_eq(rc, 0, "%s: pp_eval: %s", what, err.msg);
            cr_assert_not_null(ev);
            compare(ev, &r, dag, S, M, pb, K, what);
            pp_eval_free(ev);
            ref_result_free(&r);
            count++;
        }
        pp_plan_free(plan);
    }
    free(mhz);
    pp_graph_free(dag);
    return count;
}

static void run_profile(int which, int S, const int *Ms, size_t nM)
{
    const char *file = profile_files[which];
    char path[1024];
    shared_path(path, sizeof path, "stage_profile/%s", file);
    struct ref_prof *rp = malloc(sizeof *rp);
    cr_assert_not_null(rp);
    ref_read(rp, path);
    cr_assert_eq(rp->nstages, 8, "%s: %d stages", file, rp->nstages);
    struct pp_profile *prof = NULL;
    struct pp_error err = {0};
    int rc = pp_profile_load(&prof, path, &err);
    cr_assert_eq(rc, 0, "pp_profile_load %s: %s", path, err.msg);
    int count = 0;
    for (size_t i = 0; i < nM; i++)
        count += run_case(file, rp, prof, S, Ms[i], 0x5eed0000u + which);
    cr_assert_eq(count, (int)nM * 12);
    pp_profile_free(prof);
    free(rp);
}

static const int M8[] = {1, 3, 8, 12, 24, 96};
static const int M4[] = {1, 2, 4, 7, 12, 24};

Test(eval_data, gpt3_a100_s8) { run_profile(0, 8, M8, 6); }
Test(eval_data, bloom_a100_s8) { run_profile(1, 8, M8, 6); }
Test(eval_data, gpt3_a40_s8) { run_profile(2, 8, M8, 6); }
Test(eval_data, bloom_a40_s8) { run_profile(3, 8, M8, 6); }
Test(eval_data, gpt3_a100_s4) { run_profile(0, 4, M4, 6); }
Test(eval_data, bloom_a100_s4) { run_profile(1, 4, M4, 6); }
Test(eval_data, gpt3_a40_s4) { run_profile(2, 4, M4, 6); }
Test(eval_data, bloom_a40_s4) { run_profile(3, 4, M4, 6); }

/* ------------------------------------------------------------------------ */
/* A known answer worked out by hand                                        */

/*
 * Two stages, two frequencies; times and energies are binary fractions so
 * every sum below is exact.
 *
 *   stage kind      1000 MHz (t, e)   800 MHz (t, e)
 *   0     forward   1.0   4.0         1.5   3.5
 *   0     backward  2.0   8.0         3.0   7.0
 *   1     forward   1.25  5.0         2.0   4.5
 *   1     backward  2.5  10.0         3.5   9.0
 */
static const char tiny_csv[] =
    "stage,instruction,frequency,time,energy\n"
    "0,forward,1000,1.0,4.0\n"
    "0,forward,800,1.5,3.5\n"
    "0,backward,1000,2.0,8.0\n"
    "0,backward,800,3.0,7.0\n"
    "1,forward,1000,1.25,5.0\n"
    "1,forward,800,2.0,4.5\n"
    "1,backward,1000,2.5,10.0\n"
    "1,backward,800,3.5,9.0\n";

/* Instruction of DAG on GPU G of kind NAME and microbatch MB. */
static size_t find_ins(const struct pp_dag *dag, int g, const char *name,
                       int mb)
{
    for (size_t i = 0; i < dag->n; i++)
        if (dag->ins[i].gpu == g && dag->ins[i].mb == mb &&
            strcmp(dag->kinds[dag->ins[i].kind], name) == 0)
            return i;
    cr_assert_fail("no instruction gpu %d %s mb %d", g, name, mb);
    return 0;
}

static void tiny_setup(struct pp_profile **prof, struct pp_dag **dag)
{
    struct pp_error err = {0};
    int rc = pp_profile_parse_csv(prof, "tiny.csv", tiny_csv,
                                  strlen(tiny_csv), &err);
    cr_assert_eq(rc, 0, "tiny profile: %s", err.msg);
    rc = pp_graph_build(dag, PP_SCHED_1F1B, 2, 2, 1, &err);
    cr_assert_eq(rc, 0, "pp_graph_build: %s", err.msg);
    cr_assert_eq((*dag)->n, 8u);
}

/*
 * S = 2, M = 2: stage 0 (w = 2) runs F0 F1 B0 B1, stage 1 (w = 1) runs
 * F0 B0 F1 B1.  Plan: stage 0 forwards at 800 MHz, everything else at
 * 1000 MHz.  P_b = 2 W, K = 3.
 *
 *   stage 0 F0   [0,    1.5 ]
 *   stage 0 F1   [1.5,  3.0 ]  after F0
 *   stage 1 F0   [1.5,  2.75]  after stage 0 F0
 *   stage 1 B0   [2.75, 5.25]  after stage 1 F0
 *   stage 1 F1   [5.25, 6.5 ]  max(stage 1 B0 5.25, stage 0 F1 3.0)
 *   stage 1 B1   [6.5,  9.0 ]  after stage 1 F1
 *   stage 0 B0   [5.25, 7.25]  max(stage 0 F1 3.0, stage 1 B0 5.25)
 *   stage 0 B1   [9.0, 11.0 ]  max(stage 0 B0 7.25, stage 1 B1 9.0)
 *
 *   T = 11.  busy: gpu 0 1.5+1.5+2+2 = 7, gpu 1 1.25+2.5+1.25+2.5 = 7.5;
 *   idle: 4 and 3.5 (sum 7.5 = G*T - sum t = 22 - 14.5).
 *   e_compute = 3.5+3.5+8+8 + 5+10+5+10 = 53;
 *   e_blocking = K * P_b * 7.5 = 3 * 2 * 7.5 = 45;  E = 98.
 *   Critical path: s0 F0, s1 F0, s1 B0, s1 F1, s1 B1, s0 B1
 *   (1.5 + 1.25 + 2.5 + 1.25 + 2.5 + 2 = 11).
 */
Test(eval_known, two_stage_two_microbatch)
{
    struct pp_profile *prof = NULL;
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    tiny_setup(&prof, &dag);
    struct pp_plan *plan = NULL;
    cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
    for (size_t i = 0; i < dag->n; i++)
        plan->mhz[i] = 1000;
    plan->mhz[find_ins(dag, 0, "forward", 0)] = 800;
    plan->mhz[find_ins(dag, 0, "forward", 1)] = 800;

    struct pp_energy en = {2.0, 3};
    struct pp_eval *ev = NULL;
    int rc = pp_eval(&ev, dag, prof, plan, &en, &err);
    cr_assert_eq(rc, 0, "pp_eval: %s", err.msg);
    cr_assert_float_eq(ev->time, 11.0, 1e-12);
    cr_assert_float_eq(ev->e_compute, 53.0, 1e-12);
    cr_assert_float_eq(ev->e_blocking, 45.0, 1e-12);
    cr_assert_float_eq(ev->e_total, 98.0, 1e-12);
    cr_assert_eq(ev->ngpus, 2);
    cr_assert_float_eq(ev->busy[0], 7.0, 1e-12);
    cr_assert_float_eq(ev->busy[1], 7.5, 1e-12);
    cr_assert_float_eq(ev->idle[0], 4.0, 1e-12);
    cr_assert_float_eq(ev->idle[1], 3.5, 1e-12);

    static const struct {
        int g;
        const char *kind;
        int mb;
        double start, dur;
    } want[8] = {
        {0, "forward", 0, 0.0, 1.5},    {0, "forward", 1, 1.5, 1.5},
        {1, "forward", 0, 1.5, 1.25},   {1, "backward", 0, 2.75, 2.5},
        {1, "forward", 1, 5.25, 1.25},  {1, "backward", 1, 6.5, 2.5},
        {0, "backward", 0, 5.25, 2.0},  {0, "backward", 1, 9.0, 2.0},
    };
    for (int k = 0; k < 8; k++) {
        size_t i = find_ins(dag, want[k].g, want[k].kind, want[k].mb);
        cr_assert_float_eq(ev->start[i], want[k].start, 1e-12,
                           "gpu %d %s mb %d start %g", want[k].g,
                           want[k].kind, want[k].mb, ev->start[i]);
        cr_assert_float_eq(ev->dur[i], want[k].dur, 1e-12,
                           "gpu %d %s mb %d duration %g", want[k].g,
                           want[k].kind, want[k].mb, ev->dur[i]);
    }
    static const struct {
        int g;
        const char *kind;
        int mb;
    } path[6] = {
        {0, "forward", 0},  {1, "forward", 0}, {1, "backward", 0},
        {1, "forward", 1},  {1, "backward", 1}, {0, "backward", 1},
    };
    cr_assert_eq(ev->ncritical, 6u, "critical path of %zu", ev->ncritical);
    for (int k = 0; k < 6; k++)
        cr_assert_eq(ev->critical[k],
                     find_ins(dag, path[k].g, path[k].kind, path[k].mb),
                     "critical path step %d", k);
    pp_eval_free(ev);

    /*
     * The all-1000 MHz plan via pp_solver_plan_uniform(PP_FREQ_MAX): stage 0
     * F0 [0,1], F1 [1,2]; stage 1 F0 [1,2.25], B0 [2.25,4.75], F1 [4.75,6],
     * B1 [6,8.5]; stage 0 B0 [4.75,6.75], B1 [8.5,10.5].  T = 10.5; busy
     * 6 and 7.5, idle 4.5 and 3; e_compute 54, e_blocking 3*2*7.5 = 45,
     * E = 99.
     */
    pp_plan_free(plan);
    rc = pp_solver_plan_uniform(&plan, dag, prof, PP_FREQ_MAX, NULL, &err);
    cr_assert_eq(rc, 0, "pp_solver_plan_uniform: %s", err.msg);
    rc = pp_eval(&ev, dag, prof, plan, &en, &err);
    cr_assert_eq(rc, 0, "pp_eval: %s", err.msg);
    cr_assert_float_eq(ev->time, 10.5, 1e-12);
    cr_assert_float_eq(ev->e_compute, 54.0, 1e-12);
    cr_assert_float_eq(ev->e_blocking, 45.0, 1e-12);
    cr_assert_float_eq(ev->e_total, 99.0, 1e-12);
    cr_assert_float_eq(ev->idle[0], 4.5, 1e-12);
    cr_assert_float_eq(ev->idle[1], 3.0, 1e-12);
    pp_eval_free(ev);
    pp_plan_free(plan);
    pp_graph_free(dag);
    pp_profile_free(prof);
}

/*
 * The minimum-energy plan with ties: the tiny profile plus 900 MHz rows
 * that tie the lowest energy of stage 0 forward (3.5 J, 1.25 s) and of
 * stage 1 backward (9.0 J, 3.0 s).  Ties go to the higher frequency, so the
 * plan is stage 0 forward 900, stage 0 backward 800 (7 J), stage 1 forward
 * 800 (4.5 J), stage 1 backward 900:
 *
 *   stage 0 F0 [0, 1.25], F1 [1.25, 2.5]
 *   stage 1 F0 [1.25, 3.25], B0 [3.25, 6.25], F1 [6.25, 8.25],
 *           B1 [8.25, 11.25]
 *   stage 0 B0 [6.25, 9.25] (after stage 1 B0), B1 [11.25, 14.25]
 *
 *   T = 14.25; busy 2*1.25 + 2*3 = 8.5 and 2*2 + 2*3 = 10; idle 5.75 and
 *   4.25 (sum 10 = 2*14.25 - 18.5); e_compute 2*(3.5 + 7 + 4.5 + 9) = 48;
 *   with P_b = 2 W, K = 3: e_blocking 60, E = 108.  (Ties to the lower
 *   frequency would give 800 MHz everywhere and T = 15.5.)
 */
Test(eval_known, min_energy_plan_with_ties)
{
    static const char extra[] = "0,forward,900,1.25,3.5\n"
                                "1,backward,900,3.0,9.0\n";
    char csv[sizeof tiny_csv + sizeof extra];
    snprintf(csv, sizeof csv, "%s%s", tiny_csv, extra);
    struct pp_profile *prof = NULL;
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    int rc = pp_profile_parse_csv(&prof, "ties.csv", csv, strlen(csv), &err);
    cr_assert_eq(rc, 0, "ties profile: %s", err.msg);
    rc = pp_graph_build(&dag, PP_SCHED_1F1B, 2, 2, 1, &err);
    cr_assert_eq(rc, 0, "pp_graph_build: %s", err.msg);
    struct pp_plan *plan = NULL;
    rc = pp_solver_plan_uniform(&plan, dag, prof, PP_FREQ_MIN_ENERGY, NULL,
                                &err);
    cr_assert_eq(rc, 0, "pp_solver_plan_uniform: %s", err.msg);
    for (int mb = 0; mb < 2; mb++) {
        cr_assert_eq(plan->mhz[find_ins(dag, 0, "forward", mb)], 900);
        cr_assert_eq(plan->mhz[find_ins(dag, 0, "backward", mb)], 800);
        cr_assert_eq(plan->mhz[find_ins(dag, 1, "forward", mb)], 800);
        cr_assert_eq(plan->mhz[find_ins(dag, 1, "backward", mb)], 900);
    }
    struct pp_energy en = {2.0, 3};
    struct pp_eval *ev = NULL;
    rc = pp_eval(&ev, dag, prof, plan, &en, &err);
    cr_assert_eq(rc, 0, "pp_eval: %s", err.msg);
    cr_assert_float_eq(ev->time, 14.25, 1e-12);
    cr_assert_float_eq(ev->busy[0], 8.5, 1e-12);
    cr_assert_float_eq(ev->busy[1], 10.0, 1e-12);
    cr_assert_float_eq(ev->idle[0], 5.75, 1e-12);
    cr_assert_float_eq(ev->idle[1], 4.25, 1e-12);
    cr_assert_float_eq(ev->e_compute, 48.0, 1e-12);
    cr_assert_float_eq(ev->e_blocking, 60.0, 1e-12);
    cr_assert_float_eq(ev->e_total, 108.0, 1e-12);
    cr_assert_float_eq(ev->start[find_ins(dag, 0, "backward", 0)], 6.25,
                       1e-12);
    pp_eval_free(ev);
    pp_plan_free(plan);
    pp_graph_free(dag);
    pp_profile_free(prof);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */

Test(eval_errors, frequency_absent_from_profile)
{
    struct pp_profile *prof = NULL;
    struct pp_dag *dag = NULL;
    struct pp_error err = {0};
    tiny_setup(&prof, &dag);
    struct pp_plan *plan = NULL;
    cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
    for (size_t i = 0; i < dag->n; i++)
        plan->mhz[i] = 1000;
    plan->mhz[find_ins(dag, 1, "backward", 1)] = 900;

    struct pp_energy en = {2.0, 1};
    struct pp_eval *ev = (struct pp_eval *)1;
    int rc = pp_eval(&ev, dag, prof, plan, &en, &err);
    cr_assert_eq(rc, PP_EINPUT, "pp_eval returned %d", rc);
    cr_assert_eq(err.code, PP_EINPUT);
    cr_assert_null(ev, "no result on failure");
    cr_assert_not_null(strstr(err.msg, "900"), "message: %s", err.msg);
    cr_assert_not_null(strstr(err.msg, "backward"), "message: %s", err.msg);
    cr_assert_not_null(strstr(err.msg, "gpu 1"), "message: %s", err.msg);
    cr_assert_not_null(strstr(err.msg, "mb 1"), "message: %s", err.msg);

    /* Another instruction, another kind and frequency. */
    pp_plan_free(plan);
    cr_assert_eq(pp_plan_new(&plan, dag->n), 0);
    for (size_t i = 0; i < dag->n; i++)
        plan->mhz[i] = 800;
    plan->mhz[find_ins(dag, 0, "forward", 1)] = 1400;
    memset(&err, 0, sizeof err);
    rc = pp_eval(&ev, dag, prof, plan, &en, &err);
    cr_assert_eq(rc, PP_EINPUT);
    cr_assert_not_null(strstr(err.msg, "1400"), "message: %s", err.msg);
    cr_assert_not_null(strstr(err.msg, "forward"), "message: %s", err.msg);
    cr_assert_not_null(strstr(err.msg, "gpu 0"), "message: %s", err.msg);
    cr_assert_not_null(strstr(err.msg, "mb 1"), "message: %s", err.msg);
    pp_plan_free(plan);
    pp_graph_free(dag);
    pp_profile_free(prof);
}
