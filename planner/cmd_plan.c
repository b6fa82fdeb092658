/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_plan.c - `perseus-plan plan`: the frontier, one plan, Zeus files.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "machine.h"
#include "report.h"
#include "svg_cli.h"
#include "whatif.h"

static const char plan_usage[] =
    "usage: perseus-plan plan -p PROFILE [-s SCHEDULE] [-M N] [-S N] [-V N]\n"
    "                         [-b W|a100|a40] [-K N] [--model exact|lowtime]\n"
    "                         [--unit-time S] [--filter-order artifact|zeus]\n"
    "                         [--fit FILE]\n"
    "                         [--deadline S | --slowdown F] [--emit FILE]\n"
    "                         [--zeus-dir DIR [--points N]] [--save FILE]\n"
    "                         [--resolution S] [--certify [--certify-points N]]\n"
    "                         [--svg FILE [--svg-width W]] [--maxflow dinic|igraph]\n"
    "                         [--threads N] [--method auto|walk|deadline]\n"
    "                         [--straggler G:F[:P]] [--max-input SIZE]\n"
    "                         [-f human|json|yaml|csv] [-o FILE] [-q] [-v]\n"
    "\n"
    "Compute the iteration time-energy frontier (Perseus iterative min cut)\n"
    "and pick a plan: the minimum-energy point no slower than the deadline\n"
    "(default: no slowdown, which removes intrinsic energy bloat).  Times\n"
    "and energies printed are realized: evaluated from the profile's\n"
    "measured values for the plan that would be deployed.\n"
    "\n"
    "  -p, --profile FILE       per-stage profile (CSV or YAML; - is stdin)\n"
    "  -s, --schedule NAME|FILE 1f1b (default), gpipe, interleaved, or a\n"
    "                           custom DAG (.yaml)\n"
    "  -M, --microbatches N     microbatches per iteration\n"
    "  -S, --stages N           pipeline GPUs (default: from the profile)\n"
    "  -V, --chunks N           model chunks per GPU (interleaved)\n"
    "  -b, --blocking-power W   blocking power per GPU in W, or a100, a40\n"
    "  -K, --gpus-per-stage N   tensor-parallel GPUs per stage (default 1)\n"
    "      --model M            exact (default): convex hull of the measured\n"
    "                           points, exact breakpoints; lowtime: the\n"
    "                           published reference's fitted model, step by\n"
    "                           step\n"
    "      --unit-time S        lowtime time unit (default 0.001 s)\n"
    "      --filter-order O     lowtime: artifact (default) or zeus\n"
    "      --fit FILE           lowtime: fitted a,b,c per stage and\n"
    "                           instruction (CSV stage,instruction,a,b,c)\n"
    "                           instead of fitting\n"
    "      --deadline S         pick the point for iteration time S seconds\n"
    "      --slowdown F         pick the point for T_min * (1 + F): a\n"
    "                           fraction below 1 (0.05), a percentage (5%)\n"
    "                           or a ratio T'/T_min (x1.05)\n"
    "      --emit FILE          write the chosen plan (.py: Zeus format,\n"
    "                           .json: JSON, otherwise YAML)\n"
    ;

static const char plan_usage_more[] =
    "      --certify            solve the LP relaxation (GLPK) at deadlines\n"
    "                           spread from T_min to T* and report the\n"
    "                           lower bound and each plan's gap to it\n"
    "      --certify-points N   how many deadlines (default 5)\n"
    "      --svg FILE           frontier picture (T_min, T*, chosen, all-max)\n"
    "      --svg-width W        its width: px, 3.5in, 8cm (default 1000)\n"
    "      --save FILE          write the whole frontier, every point's plan,\n"
    "                           for 'perseus-plan lookup'\n"
    "      --resolution S       exact model: realize a plan about every S\n"
    "                           seconds of iteration time (default: 1e-4\n"
    "                           of the slowest iteration time)\n"
    "      --zeus-dir DIR       write Zeus freqs_pipeline_%05d.py files for\n"
    "                           points evenly spaced in time, numbered as\n"
    "                           Zeus does: 00000 the slowest (T*), the\n"
    "                           larger the number the shorter the\n"
    "                           iteration; and DIR/index.csv listing them\n"
    "      --points N           how many (default 10; both ends included)\n"
    "      --method M           walk, deadline (plans at T_min and T' only,\n"
    "                           with LP bounds) or auto (default: deadline\n"
    "                           above 1024 instructions where it can)\n"
    "      --maxflow E          the walk's max flow: dinic (default) or igraph\n"
    "                           (cross-check)\n"
    "      --straggler G:F[:P]  plan the pipeline whose GPU G runs F times\n"
    "                           slower, drawing P times the power\n"
    "      --threads N          the walk, exact model: threads that round and\n"
    "                           evaluate plans while the solver steps on\n"
    "                           (0-8; 0: the solver's thread does it;\n"
    "                           default: the CPUs online, at most 4, or 0\n"
    "                           on one CPU)\n"
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
    "  -f, --format FMT         human (default), json, yaml, csv\n"
    "  -o, --output FILE        write the frontier to FILE (atomically)\n"
    "  -q, --quiet              no progress or diagnostics\n"
    "  -v, --verbose            more diagnostics\n"
    "  -h, --help               this help\n";

/* --zeus-dir's files are numbered %05d; --certify solves an LP per
 * deadline; the solver takes at most 8 threads besides its own. */
#define PLAN_MAX_ZEUS 10000
#define PLAN_MAX_CERTIFY 1000
#define PLAN_MAX_THREADS 8

enum {
    OPT_DEADLINE = 256, OPT_SLOWDOWN,
    OPT_EMIT, OPT_ZEUSDIR, OPT_POINTS, OPT_MAXFLOW, OPT_THRESHOLD, OPT_SAVE,
    OPT_RESOLUTION, OPT_CERTIFY, OPT_CERTIFY_POINTS, OPT_FIT, OPT_THREADS,
    OPT_STRAGGLER
};

struct plan_state {
    /* options */
    const char *emit, *zdir, *save, *fitpath;
    const char *straggler; /* --straggler, parsed once the DAG is known */
    struct svg_request svg; /* --svg, --svg-width */
    double deadline, slowdown; /* slowdown: the ratio T'/T_min, or NAN */
    int npoints, certify, cpoints;
    /* results */
    double *fit;
    struct pp_frontier *fr;
    struct pp_plan *allmax;
    struct pp_eval *ev;
    double *cdl, *cbound; /* --certify, or the deadline solver's own
                             certificate: deadlines and lower bounds */
    long *cpt;            /* and the point chosen for each */
    struct frontier_summary sum;
};

static int plan_option(struct run *r, int c, const char *arg)
{
    struct plan_state *a = r->state;
    int t = svg_option(&a->svg, "plan", c, arg);
    if (t)
        return t;
    switch (c) {
    case OPT_DEADLINE:
        return parse_double_opt("plan", "--deadline", arg, 0, &a->deadline)
                   ? -1 : 1;
    case OPT_SLOWDOWN: {
        struct pp_dec f;
        if (parse_slowdown("plan", "--slowdown", arg, SD_FRACTION, &f))
            return -1;
        a->slowdown = slowdown_ratio(f);
        return 1;
    }
    case OPT_EMIT:
        a->emit = arg;
        return 1;
    case OPT_ZEUSDIR:
        a->zdir = arg;
        return 1;
    case OPT_POINTS:
        return parse_int_opt("plan", "--points", arg, 1, PLAN_MAX_ZEUS,
                             "the Zeus file names number them with 5 digits",
                             &a->npoints) ? -1 : 1;
    case OPT_MAXFLOW: {
        static const char *const names[] = {"dinic", "igraph"};
        static const enum pp_flow_backend v[] = {PP_FLOW_DINIC, PP_FLOW_IGRAPH};
        if (parse_choice("plan", "--maxflow", arg, names, 2, &t))
            return -1;
        r->so.flow_backend = v[t];
        return 1;
    }
    case OPT_THRESHOLD:
        if (parse_int_opt("plan", "--residual-threshold", arg, 0,
                          1000000000, NULL, &t))
            return -1;
        r->so.residual_threshold = t;
        return 1;
    case OPT_FIT:
        a->fitpath = arg;
        return 1;
    case OPT_CERTIFY:
        a->certify = 1;
        return 1;
    case OPT_CERTIFY_POINTS:
        a->certify = 1;
        return parse_int_opt("plan", "--certify-points", arg, 1,
                             PLAN_MAX_CERTIFY, "each is an LP solve",
                             &a->cpoints) ? -1 : 1;
    case OPT_SAVE:
        a->save = arg;
        return 1;
    case OPT_RESOLUTION:
        return parse_double_opt("plan", "--resolution", arg, 0,
                                &r->so.resolution) ? -1 : 1;
    case OPT_STRAGGLER:
        a->straggler = arg;
        return 1;
    case OPT_THREADS:
        if (parse_int_opt("plan", "--threads", arg, 0, PLAN_MAX_THREADS, NULL,
                          &t))
            return -1;
        r->so.threads = t;
        return 1;
    }
    return 0;
}

static enum pp_plan_format format_for(const char *path)
{
    size_t n = strlen(path);
    if (n > 3 && !strcasecmp(path + n - 3, ".py"))
        return PP_PLAN_ZEUS;
    if (n > 5 && !strcasecmp(path + n - 5, ".json"))
        return PP_PLAN_JSON;
    return PP_PLAN_YAML;
}

static const char *format_name(enum pp_plan_format fmt)
{
    return fmt == PP_PLAN_ZEUS ? "Zeus" : fmt == PP_PLAN_JSON ? "JSON"
                                                               : "YAML";
}

/* Point P's plan, picked for DEADLINE, to PATH in FMT, with the
 * provenance of the inputs (IN, and the frontier's model). */
static int write_plan(const struct pp_frontier *fr, const struct inputs *in,
                      size_t p, double deadline, const char *path,
                      enum pp_plan_format fmt)
{
    const struct pp_dag *dag = in->dag;
    struct pp_plan *plan = NULL;
    struct pp_provenance *prov = NULL;
    struct outfile out;
    char comment[256];
    int rc;
    if (pp_plan_new(&plan, dag->n) ||
        !(prov = inputs_provenance(in, fr->model == PP_MODEL_LOWTIME
                                           ? "lowtime"
                                           : "exact"))) {
        pp_plan_free(plan);
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_FAIL;
    }
    prov->deadline = deadline;
    prov->time = fr->pts[p].time;
    prov->energy = fr->pts[p].energy;
    pp_frontier_plan_at(fr, p, plan->mhz);
    snprintf(comment, sizeof comment,
             "perseus-plan frontier point %zu: time %.9g s, energy %.9g J",
             p, fr->pts[p].time, fr->pts[p].energy);
    if (!(rc = out_open(&out, path)))
        rc = out_finish(&out, pp_plan_write_prov(plan, dag, fmt, comment,
                                                 prov, out.f));
    pp_plan_free(plan);
    pp_provenance_free(prov);
    return rc;
}

/*
 * --zeus-dir: NPOINTS plans for deadlines evenly spaced from T* down to
 * T_min, numbered as the Zeus documentation and the lowtime reference
 * number theirs: freqs_pipeline_00000.py is the slowest (T*, least
 * energy), and the larger the number, the shorter the iteration.  Then
 * index.csv lists them: file, frontier point, deadline, time, energy and
 * slowdown against T_min.  The directory is written as a whole
 * (outfile.h): an earlier one of these files only is replaced.
 */
/* Is NAME one of the files zeus_dir writes? */
static int zeus_name(const char *name)
{
    static const char pre[] = "freqs_pipeline_";
    size_t n = sizeof pre - 1;
    if (!strcmp(name, "index.csv"))
        return 1;
    if (strncmp(name, pre, n) || strlen(name) != n + 5 + 3)
        return 0;
    for (size_t k = n; k < n + 5; k++)
        if (name[k] < '0' || name[k] > '9')
            return 0;
    return !strcmp(name + n + 5, ".py");
}

static int zeus_dir(const struct pp_frontier *fr, const char *dir,
                    int npoints, double tmin, const struct inputs *in)
{
    const char *tmpdir;
    if (out_dir_open(dir, zeus_name, &tmpdir))
        return EXIT_FAIL;
    double tmax = fr->pts[pp_frontier_min_energy(fr)].time;
    long *pt = malloc((size_t)npoints * sizeof *pt);
    double *dl = malloc((size_t)npoints * sizeof *dl);
    size_t plen = strlen(tmpdir) + 32;
    char *path = malloc(plen);
    struct outfile out;
    int rc = EXIT_FAIL;
    if (!pt || !dl || !path) {
        fprintf(stderr, "%s: out of memory\n", progname);
        goto out;
    }
    for (int k = 0; k < npoints; k++) {
        dl[k] = npoints == 1 ? tmin
                             : tmax - (tmax - tmin) * k / (npoints - 1);
        if (k == npoints - 1)
            dl[k] = tmin;
        pt[k] = pp_frontier_lookup(fr, dl[k]);
        if (pt[k] < 0)
            pt[k] = (long)pp_frontier_fastest(fr);
        snprintf(path, plen, "%s/freqs_pipeline_%05d.py", tmpdir, k);
        if ((rc = write_plan(fr, in, (size_t)pt[k], dl[k], path,
                             PP_PLAN_ZEUS)))
            goto out;
    }
    snprintf(path, plen, "%s/index.csv", tmpdir);
    if ((rc = out_open(&out, path)))
        goto out;
    struct mw m;
    mw_begin(&m, out.f, FMT_CSV, 1);
    mw_list_begin(&m, "plans");
    for (int k = 0; k < npoints; k++) {
        const struct pp_point *q = &fr->pts[pt[k]];
        char name[32];
        snprintf(name, sizeof name, "freqs_pipeline_%05d.py", k);
        mw_item_begin(&m);
        mw_str(&m, "file", name);
        mw_int(&m, "point", pt[k]);
        mw_num(&m, "deadline", dl[k]);
        mw_num(&m, "time", q->time);
        mw_num(&m, "energy", q->energy);
        mw_num(&m, "slowdown", q->time / tmin - 1.0);
        mw_item_end(&m);
    }
    mw_list_end(&m);
    if ((rc = out_finish(&out, mw_end(&m))))
        goto out;
    note(in, "wrote %d Zeus plan%s to %s/: freqs_pipeline_00000.py the "
             "slowest (%.6f s), freqs_pipeline_%05d.py the fastest (%.6f s); "
             "the list is %s/index.csv",
         npoints, npoints == 1 ? "" : "s", dir, fr->pts[pt[0]].time,
         npoints - 1, fr->pts[pt[npoints - 1]].time, dir);
out:
    free(pt);
    free(dl);
    free(path);
    return rc;
}

/* Whether plan needs the whole frontier: to save or draw it, write Zeus
 * files across it, certify points across it or realize it densely. */
static int needs_whole(const struct run *r)
{
    const struct plan_state *a = r->state;
    return a->save || a->svg.path || a->zdir || a->certify ||
           r->so.resolution > 0;
}

/* Options that qualify another, or apply to one model only. */
static int plan_needs(struct run *r)
{
    static const struct {
        int opt;
        enum pp_model model;
    } model_only[] = {{OPT_FIT, PP_MODEL_LOWTIME},
                      {OPT_THRESHOLD, PP_MODEL_LOWTIME},
                      {OPT_RESOLUTION, PP_MODEL_EXACT},
                      {OPT_THREADS, PP_MODEL_EXACT}};
    for (size_t k = 0; k < sizeof model_only / sizeof *model_only; k++)
        if (run_model_only(r, model_only[k].opt, model_only[k].model))
            return EXIT_USAGE;
    if (run_needs(r, OPT_POINTS, OPT_ZEUSDIR) ||
        run_needs(r, OPT_SVG_WIDTH, OPT_SVG_FILE))
        return EXIT_USAGE;
    if (r->so.method == PP_SOLVE_DEADLINE && needs_whole(r)) {
        die_usage("plan", "--method deadline plans at given deadlines only: "
                          "not with --save, --svg, --zeus-dir, --certify or "
                          "--resolution, which need the whole frontier");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int plan_check(struct run *r)
{
    struct plan_state *a = r->state;
    if (!isnan(a->deadline) && !isnan(a->slowdown)) {
        die_usage("plan", "give at most one of --deadline and --slowdown");
        return EXIT_USAGE;
    }
    if (plan_needs(r))
        return EXIT_USAGE;
    const char *opts[] = {"--emit", "--svg", "--save"};
    const char *paths[] = {a->emit, a->svg.path, a->save};
    int rc = check_stdout_once("plan", report_on_stdout(&r->in), 3, opts,
                               paths);
    /* before solving: a --zeus-dir that cannot be replaced */
    if (!rc && a->zdir && out_dir_check(a->zdir, zeus_name))
        rc = EXIT_FAIL;
    return rc;
}

/* The deadline solver: plans at T_min and at the deadline only, each with
 * the relaxation's lower bound as its certificate. */
static int solve_at(struct run *r, double target)
{
    struct plan_state *a = r->state;
    struct frontier_summary *sum = &a->sum;
    size_t n = isnan(target) ? 1 : 2;
    a->cdl = malloc(n * sizeof *a->cdl);
    a->cbound = malloc(n * sizeof *a->cbound);
    a->cpt = malloc(n * sizeof *a->cpt);
    if (!a->cdl || !a->cbound || !a->cpt) {
        pp_error_nomem(&r->err);
        return run_error(r);
    }
    a->cdl[0] = a->ev->time;
    if (n == 2)
        a->cdl[1] = target;
    progress_attach(&r->so, &r->in);
    int rc = pp_frontier_at(&a->fr, r->in.dag, r->in.prof, &r->so, a->cdl, n,
                            a->cpt, a->cbound, &r->err);
    progress_done(&r->so);
    if (rc)
        return run_error(r);
    sum->ncert = n;
    sum->cert_deadline = a->cdl;
    sum->cert_point = a->cpt;
    sum->cert_bound = a->cbound;
    return EXIT_OK;
}

/* --straggler: plan the pipeline with that GPU slowed (its profile
 * replaced by the slowed copy; T_min is then its own all-max time). */
static int slow_gpu(struct run *r)
{
    struct plan_state *a = r->state;
    struct pp_straggler *st = NULL;
    struct pp_profile *sp = NULL;
    size_t n = 0;
    if (parse_stragglers("plan", a->straggler, r->in.dag->ngpus, &st, &n))
        return EXIT_USAGE;
    if (n != 1) {
        free(st);
        die_usage("plan", "--straggler takes one GPU and one factor here "
                          "(sweep takes lists)");
        return EXIT_USAGE;
    }
    int rc = pp_straggler_profile(&sp, r->in.dag, r->in.prof, st, &r->err);
    if (!rc) {
        note(&r->in, "straggler: GPU %d takes %g times as long at %g times "
                     "the power", st->gpu, st->time_factor, st->power_factor);
        pp_profile_free(r->in.prof);
        r->in.prof = sp;
    }
    free(st);
    return rc ? run_error(r) : EXIT_OK;
}

/* The frontier, all-max and the point the deadline picks, into a->sum. */
static int solve(struct run *r)
{
    struct plan_state *a = r->state;
    struct inputs *in = &r->in;
    struct frontier_summary *sum = &a->sum;
    if (a->fitpath) {
        if (pp_fit_load(&a->fit, a->fitpath, in->prof, &r->err))
            return run_error(r);
        r->so.fit = a->fit;
    }
    if (a->straggler) {
        int src = slow_gpu(r);
        if (src)
            return src;
    }
    /* a resolution or a time unit too fine for this span, before work */
    if (work_check(r, OPT_RESOLUTION, PP_MODEL_EXACT) ||
        work_check(r, OPT_SOLVE_UNIT, PP_MODEL_LOWTIME))
        return EXIT_USAGE;
    r->so.energy = in->energy;
    if (pp_solver_plan_uniform(&a->allmax, in->dag, in->prof, PP_FREQ_MAX,
                               &in->energy, &r->err) ||
        pp_eval(&a->ev, in->dag, in->prof, a->allmax, &in->energy, &r->err))
        return run_error(r);
    /* the deadline solver only where plan_check allowed it */
    if (pp_solve_pick(&r->so, in->dag, needs_whole(r)) ==
        PP_SOLVE_DEADLINE) {
        static const int walk_only[] = {OPT_MAXFLOW, OPT_THREADS};
        static const char *const names[] = {"--maxflow", "--threads"};
        for (size_t k = 0; k < 2; k++)
            if (run_given(r, walk_only[k])) {
                die_usage("plan", "%s applies to the walk, but the deadline "
                                  "solver makes this plan (--method %s); "
                                  "give --method walk to use it",
                          names[k], r->so.method == PP_SOLVE_DEADLINE
                                        ? "deadline"
                                        : "auto picks it above 1024 "
                                          "instructions");
                return EXIT_USAGE;
            }
        double dl = !isnan(a->deadline) ? a->deadline
                    : !isnan(a->slowdown) ? a->ev->time * a->slowdown
                                          : NAN;
        int rc = solve_at(r, dl);
        if (rc)
            return rc;
    } else {
        progress_attach(&r->so, in);
        int src = pp_frontier_solve(&a->fr, in->dag, in->prof, &r->so,
                                    &r->err);
        progress_done(&r->so);
        if (src)
            return run_error(r);
    }

    const struct pp_frontier *fr = a->fr;
    sum->fr = fr;
    sum->model = r->so.model == PP_MODEL_LOWTIME ? "lowtime" : "exact";
    sum->t_min = fr->pts[pp_frontier_fastest(fr)].time;
    sum->allmax_time = a->ev->time;
    sum->allmax_energy = a->ev->e_total;
    sum->deadline = NAN;
    double target = sum->t_min;
    if (!isnan(a->deadline))
        target = sum->deadline = a->deadline;
    else if (!isnan(a->slowdown))
        target = sum->deadline = sum->t_min * a->slowdown;
    if (fr->partial) {
        /* the deadline solver planned at these very deadlines */
        if (sum->ncert == 2)
            target = sum->deadline = a->cdl[1];
        sum->chosen = sum->ncert == 2 ? a->cpt[1] : a->cpt[0];
        sum->published = -1;
        return EXIT_OK;
    }
    sum->chosen = pp_frontier_lookup(fr, target);
    sum->published = pp_frontier_lookup_published(fr, target);
    if (sum->chosen < 0) {
        fprintf(stderr, "%s: plan: deadline %.9g s is below the fastest "
                        "iteration time T_min = %.9g s\n",
                progname, target, sum->t_min);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* --certify: LP lower bounds at deadlines spread from T_min to T*. */
static int certify(struct run *r)
{
    struct plan_state *a = r->state;
    struct frontier_summary *sum = &a->sum;
    const struct pp_frontier *fr = a->fr;
    int n = a->cpoints;
    double tstar = fr->pts[pp_frontier_min_energy(fr)].time;
    a->cdl = malloc((size_t)n * sizeof *a->cdl);
    a->cbound = malloc((size_t)n * sizeof *a->cbound);
    a->cpt = malloc((size_t)n * sizeof *a->cpt);
    if (!a->cdl || !a->cbound || !a->cpt) {
        pp_error_nomem(&r->err);
        return run_error(r);
    }
    for (int q = 0; q < n; q++) {
        a->cdl[q] = n == 1 ? sum->t_min
                           : sum->t_min + (tstar - sum->t_min) * q / (n - 1);
        a->cpt[q] = pp_frontier_lookup(fr, a->cdl[q]);
    }
    /* the deadline rule's plans against the bound for iterations lasting
     * the deadline; the published rule's against iterations ending with
     * the plan (below T* the two bounds are the same) */
    int (*bound)(const struct pp_dag *, const struct pp_profile *,
                 const struct pp_energy *, const double *, size_t, double *,
                 struct pp_error *) =
        fr->model == PP_MODEL_EXACT ? pp_certify_lasting : pp_certify;
    if (bound(r->in.dag, r->in.prof, &r->in.energy, a->cdl, (size_t)n,
              a->cbound, &r->err))
        return run_error(r);
    sum->ncert = (size_t)n;
    sum->cert_deadline = a->cdl;
    sum->cert_point = a->cpt;
    sum->cert_bound = a->cbound;
    if (r->in.format == FMT_CSV)
        note(&r->in, "the certificate is reported in the human, json and "
                     "yaml formats only");
    return EXIT_OK;
}

/* The side files come before the report: if one fails, the report (-o)
 * is untouched. */
static int side_files(struct run *r)
{
    struct plan_state *a = r->state;
    const struct frontier_summary *sum = &a->sum;
    const struct pp_dag *dag = r->in.dag;
    struct outfile out;
    int rc;
    if (a->emit) {
        enum pp_plan_format fmt = format_for(a->emit);
        const struct pp_point *pt = &a->fr->pts[sum->chosen];
        if ((rc = write_plan(a->fr, &r->in, (size_t)sum->chosen,
                             isnan(sum->deadline) ? sum->t_min
                                                  : sum->deadline,
                             a->emit, fmt)))
            return rc;
        if (strcmp(a->emit, "-"))
            note(&r->in, "wrote %s: the %s plan of frontier point %ld "
                         "(%.6f s, %.3f J)",
                 a->emit, format_name(fmt), sum->chosen, pt->time,
                 pt->energy);
    }
    if (a->zdir &&
        (rc = zeus_dir(a->fr, a->zdir, a->npoints, sum->t_min, &r->in)))
        return rc;
    if (a->svg.path) {
        svg_describe(&a->svg, &r->in);
        a->svg.info.model = sum->model;
        if ((rc = out_open(&out, a->svg.path)) ||
            (rc = out_finish(&out, svg_frontier(out.f, a->fr, sum->chosen,
                                                sum->allmax_time,
                                                sum->allmax_energy,
                                                &a->svg.info))))
            return rc;
    }
    if (a->save) {
        /* the frontier file records the inputs, for lookup's plans */
        if (!(a->fr->prov = inputs_provenance(&r->in, sum->model))) {
            fprintf(stderr, "%s: out of memory\n", progname);
            return EXIT_FAIL;
        }
        if ((rc = out_open(&out, a->save)) ||
            (rc = out_finish(&out, pp_frontier_write(a->fr, dag, out.f))))
            return rc;
    }
    return EXIT_OK;
}

static int plan_compute(struct run *r)
{
    struct plan_state *a = r->state;
    int rc;
    if ((rc = solve(r)) || (a->certify && (rc = certify(r))))
        return rc;
    return side_files(r);
}

static int plan_report(struct run *r, FILE *f)
{
    struct plan_state *a = r->state;
    return report_frontier(f, r->in.format, &r->in, &a->sum);
}

static void plan_cleanup(struct run *r)
{
    struct plan_state *a = r->state;
    free(a->fit);
    free(a->cdl);
    free(a->cbound);
    free(a->cpt);
    pp_eval_free(a->ev);
    pp_plan_free(a->allmax);
    pp_frontier_free(a->fr);
}

static const struct option plan_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"deadline", required_argument, NULL, OPT_DEADLINE},
    {"slowdown", required_argument, NULL, OPT_SLOWDOWN},
    {"emit", required_argument, NULL, OPT_EMIT},
    {"zeus-dir", required_argument, NULL, OPT_ZEUSDIR},
    {"points", required_argument, NULL, OPT_POINTS},
    {"maxflow", required_argument, NULL, OPT_MAXFLOW},
    {"residual-threshold", required_argument, NULL, OPT_THRESHOLD},
    {"save", required_argument, NULL, OPT_SAVE},
    {"resolution", required_argument, NULL, OPT_RESOLUTION},
    {"straggler", required_argument, NULL, OPT_STRAGGLER},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"certify", no_argument, NULL, OPT_CERTIFY},
    {"fit", required_argument, NULL, OPT_FIT},
    SVG_LONGOPTS,
    {"certify-points", required_argument, NULL, OPT_CERTIFY_POINTS},
    {NULL, 0, NULL, 0},
};

static const struct plan_state plan_init = {
    .deadline = NAN, .slowdown = NAN, .npoints = 10, .cpoints = 5};

const struct verb verb_plan = {
    .name = "plan",
    .summary = "compute the time-energy frontier and emit a plan",
    .usage = plan_usage,
    .usage_more = plan_usage_more,
    .longopts = plan_longopts,
    .flags = VERB_PROFILE,
    .state_size = sizeof(struct plan_state),
    .state_init = &plan_init,
    .option = plan_option,
    .check = plan_check,
    .compute = plan_compute,
    .report = plan_report,
    .cleanup = plan_cleanup,
};
