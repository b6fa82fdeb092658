/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_sweep.c - `perseus-plan sweep`: straggler what-if over a grid of
 * slowdowns, Perseus against all-max frequency and EnvPipe.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "numfmt.h"
#include "report.h"
#include "svg_cli.h"
#include "whatif.h"

static const char sweep_usage[] =
    "usage: perseus-plan sweep -p PROFILE [-s SCHEDULE] [-M N] [-S N] [-V N]\n"
    "                          [-b W|a100|a40] [-K N] [--pipelines N]\n"
    "                          [--slowdowns A:B:STEP|S1,S2,...]\n"
    "                          [--model exact|lowtime] [--unit-time S]\n"
    "                          [--filter-order artifact|zeus]\n"
    "                          [--svg FILE [--svg-width W]]\n"
    "                          [--method auto|walk|deadline]\n"
    "                          [--values realized|model] [--max-input SIZE]\n"
    "                          [-f human|json|yaml|csv] [-o FILE] [-q] [-v]\n"
    "\n"
    "Straggler what-if: for each slowdown s = T'/T_min (T_min: the all-max\n"
    "iteration time) one pipeline straggles and the others must wait until\n"
    "T'.  Perseus runs the plan for an iteration lasting T' (past T* too,\n"
    "slower plans instead of blocking); 'T*+block' is the published rule\n"
    "(past T*, the T* plan, then blocking).  All-max and EnvPipe run their\n"
    "one plan and block.  The straggler itself costs each method's\n"
    "no-slowdown energy times s.  Savings are against all-max, per\n"
    "non-straggler pipeline and for the whole cluster.\n"
    "\n"
    "  -p, --profile FILE       per-stage profile (CSV or YAML)\n"
    "  -s, --schedule NAME|FILE 1f1b (default), gpipe, interleaved, or YAML\n"
    "  -M, --microbatches N     microbatches per iteration\n"
    "  -S, --stages N           pipeline GPUs (default: from the profile)\n"
    "  -V, --chunks N           model chunks per GPU (interleaved)\n"
    "  -b, --blocking-power W   blocking power per GPU in W, or a100, a40\n"
    "  -K, --gpus-per-stage N   tensor-parallel GPUs per stage (default 1)\n"
    "      --pipelines N        data-parallel pipelines (default 1)\n"
    "      --slowdowns G        s = T'/T_min: A:B:STEP (default\n"
    "                           1.00:1.50:0.01) or a list S1,S2,...; each\n"
    "                           1.05, 5% or x1.05 (STEP: 0.05 or 5%)\n"
    "      --model M            exact (default) or lowtime\n"
    "      --unit-time S        lowtime time unit (default 0.001 s)\n"
    "      --filter-order O     lowtime: artifact (default) or zeus\n"
    "      --values V           realized (default): Perseus plans evaluated\n"
    "                           from the measurements; model: the model's own\n"
    "                           times and energies, slowdowns from its fastest\n"
    "                           time (the published analysis)\n"
    "      --straggler G:F[:P]  a straggler inside a pipeline instead of\n"
    "                           --slowdowns: GPU(s) G (list or all) F (list)\n"
    "                           times slower, drawing P times the power\n"
    "      --method M           walk: the whole frontier; deadline: plans\n"
    "                           at the slowdowns only (exact model, realized\n"
    "                           values; T* and the published rule are then\n"
    "                           unknown); auto (default): deadline above\n"
    "                           1024 instructions, else walk\n"
    "      --svg FILE           chart of the savings against s, T* and the\n"
    "                           peak marked; with --straggler, per GPU the\n"
    "                           saving and T'/T_min against the factor\n"
    "      --svg-width W        its width: px, or with a unit (3.5in, 8cm;\n"
    "                           default 1000)\n"
    "      --max-input SIZE     read inputs up to SIZE bytes, their lines up\n"
    "                           to SIZE/16: bytes, or with K, M, G (64M,\n"
    "                           2G; default 1G)\n"
    "  -f, --format FMT         human (default), json, yaml, csv\n"
    "  -o, --output FILE        write to FILE (atomically)\n"
    "  -q, --quiet              no diagnostics\n"
    "  -v, --verbose            more diagnostics\n"
    "  -h, --help               this help\n";

enum { OPT_PIPES = 256, OPT_SLOWS, OPT_VALUES, OPT_STRAGGLER };

/* The table's columns (enum pp_method), short. */
enum { M_ALLMAX = PP_METHOD_ALLMAX, M_ENVPIPE = PP_METHOD_ENVPIPE,
       M_PERSEUS = PP_METHOD_PERSEUS, M_PUBLISHED = PP_METHOD_PUBLISHED };

struct sweep_state {
    /* options */
    int pipes;
    enum pp_whatif_values values;
    struct svg_request svg; /* --svg, --svg-width */
    double *grid; /* the slowdowns, n of them */
    size_t n;
    const char *straggler; /* --straggler, parsed once the DAG is known */
    /* results */
    struct pp_straggler *st;         /* n stragglers (--straggler) */
    double (*published)[PP_NMETHODS]; /* their published accounting */
    struct whatif w;
    struct pp_whatif_row *rows; /* n */
    size_t peak;                /* the row of Perseus's best cluster saving */
};

static int sweep_option(struct run *r, int c, const char *arg)
{
    struct sweep_state *a = r->state;
    int h = svg_option(&a->svg, "sweep", c, arg);
    if (h)
        return h;
    switch (c) {
    case OPT_PIPES:
        return parse_int_opt("sweep", "--pipelines", arg, 1, CLI_MAX_GPUS,
                             NULL, &a->pipes) ? -1 : 1;
    case OPT_SLOWS:
        free(a->grid);
        a->grid = NULL;
        return parse_slowdown_grid("sweep", "--slowdowns", arg, &a->grid,
                                   &a->n) ? -1 : 1;
    case OPT_STRAGGLER:
        a->straggler = arg;
        return 1;
    case OPT_VALUES: {
        static const char *const names[] = {"realized", "model"};
        static const enum pp_whatif_values v[] = {PP_VALUES_REALIZED,
                                                  PP_VALUES_MODEL};
        int k;
        if (parse_choice("sweep", "--values", arg, names, 2, &k))
            return -1;
        a->values = v[k];
        return 1;
    }
    }
    return 0;
}

/* The machine formats' fields of a row, the same in csv, json and yaml:
 * energies of one non-straggler pipeline until T' (J), Perseus's plan time
 * and blocking, savings against all-max per pipeline and for the cluster,
 * the cluster's energies (J) and Perseus against EnvPipe.  Unknown values
 * (the published rule after the deadline solver) are null, empty in CSV. */
enum field_kind { F_NUM, F_BOOL };
struct field {
    const char *name;
    enum field_kind kind;
    int what, m; /* what: one of the W_* below; m: the method */
};
enum { W_S, W_DEADLINE, W_E_PLAN, W_TIME, W_E_BLOCK, W_SAVING_PIPE,
       W_SAVING_CLUSTER, W_E_CLUSTER, W_VS_ENVPIPE, W_BEYOND };
static const struct field fields[] = {
    {"s", F_NUM, W_S, 0},
    {"deadline", F_NUM, W_DEADLINE, 0},
    {"allmax_energy", F_NUM, W_E_PLAN, M_ALLMAX},
    {"envpipe_energy", F_NUM, W_E_PLAN, M_ENVPIPE},
    {"perseus_energy", F_NUM, W_E_PLAN, M_PERSEUS},
    {"perseus_time", F_NUM, W_TIME, M_PERSEUS},
    {"perseus_blocking", F_NUM, W_E_BLOCK, M_PERSEUS},
    {"published_energy", F_NUM, W_E_PLAN, M_PUBLISHED},
    {"published_time", F_NUM, W_TIME, M_PUBLISHED},
    {"published_blocking", F_NUM, W_E_BLOCK, M_PUBLISHED},
    {"envpipe_saving", F_NUM, W_SAVING_PIPE, M_ENVPIPE},
    {"perseus_saving", F_NUM, W_SAVING_PIPE, M_PERSEUS},
    {"published_saving", F_NUM, W_SAVING_PIPE, M_PUBLISHED},
    {"envpipe_cluster_saving", F_NUM, W_SAVING_CLUSTER, M_ENVPIPE},
    {"perseus_cluster_saving", F_NUM, W_SAVING_CLUSTER, M_PERSEUS},
    {"published_cluster_saving", F_NUM, W_SAVING_CLUSTER, M_PUBLISHED},
    {"allmax_cluster_energy", F_NUM, W_E_CLUSTER, M_ALLMAX},
    {"envpipe_cluster_energy", F_NUM, W_E_CLUSTER, M_ENVPIPE},
    {"perseus_cluster_energy", F_NUM, W_E_CLUSTER, M_PERSEUS},
    {"published_cluster_energy", F_NUM, W_E_CLUSTER, M_PUBLISHED},
    {"perseus_vs_envpipe_cluster_saving", F_NUM, W_VS_ENVPIPE, 0},
    {"beyond_tstar", F_BOOL, W_BEYOND, 0},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static double pipe_saving(const struct pp_whatif_row *r, int m)
{
    return 1 - r->e_plan[m] / r->e_plan[M_ALLMAX];
}

static double field_value(const struct field *fd, const struct pp_whatif_row *r)
{
    switch (fd->what) {
    case W_S: return r->s;
    case W_DEADLINE: return r->deadline;
    case W_E_PLAN: return r->e_plan[fd->m];
    case W_TIME: return r->time[fd->m];
    case W_E_BLOCK: return r->e_block[fd->m];
    case W_SAVING_PIPE: return pipe_saving(r, fd->m);
    case W_SAVING_CLUSTER: return r->saving[fd->m];
    case W_E_CLUSTER: return r->e_cluster[fd->m];
    case W_VS_ENVPIPE:
        return 1 - r->e_cluster[M_PERSEUS] / r->e_cluster[M_ENVPIPE];
    default: return r->beyond_tstar;
    }
}

/* V with printf format FMT, or "-" as wide where V is not a number (the
 * published rule on a partial frontier). */
static void put_cell(FILE *f, const char *fmt, int width, double v)
{
    if (isnan(v))
        fprintf(f, "%*s", width, "-");
    else
        fprintf(f, fmt, v);
}

static void print_human(FILE *f, const struct whatif *w,
                        const struct pp_whatif_row *rows, size_t n,
                        int pipes, size_t peak, double tstar)
{
    const struct pp_energy *en = &w->in->energy;
    fprintf(f, "T_min %.6f s (%s), ", w->acct.t_min,
            w->acct.values == PP_VALUES_MODEL ? "Perseus model, fastest"
                                              : "all-max frequency");
    if (w->fr->partial)
        fprintf(f, "T* not computed (the deadline solver planned at the "
                   "slowdowns only; --method walk computes it), ");
    else
        fprintf(f, "T* %.6f s (%.3fx), ", tstar, tstar / w->acct.t_min);
    fprintf(f, "%d pipeline(s) of %d GPUs x %d, P_b %.2f W\n", pipes,
            w->in->dag->ngpus, en->gpus_per_stage, en->blocking_power);
    if (w->envpipe_capped == PP_ENVPIPE_CAPPED)
        fprintf(f, "note: EnvPipe stopped at its cap of %d rounds\n",
                w->envpipe_rounds);
    fprintf(f, "\n%6s %10s | %11s %11s %11s %11s | %8s %8s %8s | %8s %8s "
               "%8s\n",
            "s", "T' s", "all-max J", "EnvPipe J", "Perseus J", "T*+block J",
            "EnvPipe", "Perseus", "T*+block", "EnvPipe", "Perseus",
            "T*+block");
    fprintf(f, "%6s %10s | %47s | %26s | %26s\n", "", "",
            "energy of one non-straggler pipeline", "saving, pipeline",
            "saving, cluster");
    for (size_t k = 0; k < n; k++) {
        const struct pp_whatif_row *r = &rows[k];
        fprintf(f, "%6.3f %10.6f | %11.3f %11.3f %11.3f ", r->s,
                r->deadline, r->e_plan[M_ALLMAX], r->e_plan[M_ENVPIPE],
                r->e_plan[M_PERSEUS]);
        put_cell(f, "%11.3f", 11, r->e_plan[M_PUBLISHED]);
        fprintf(f, " | %7.2f%% %7.2f%% ", 100 * pipe_saving(r, M_ENVPIPE),
                100 * pipe_saving(r, M_PERSEUS));
        put_cell(f, "%7.2f%%", 8, 100 * pipe_saving(r, M_PUBLISHED));
        fprintf(f, " | %7.2f%% %7.2f%% ", 100 * r->saving[M_ENVPIPE],
                100 * r->saving[M_PERSEUS]);
        put_cell(f, "%7.2f%%", 8, 100 * r->saving[M_PUBLISHED]);
        fprintf(f, "%s\n", r->beyond_tstar ? "  > T*" : "");
    }
    fprintf(f, "\nPerseus's cluster saving peaks at s = %.3f (%.2f%%).  "
               "Perseus runs the plan for an iteration lasting T'; T*+block "
               "is the published rule (past T*, marked '> T*', the T* plan, "
               "then blocking).\n",
            rows[peak].s, 100 * rows[peak].saving[M_PERSEUS]);
}

/* The report; 0 or -1 after a write error (machine.h). */
static int print_rows(FILE *f, enum out_format fmt, const struct whatif *w,
                      const struct pp_whatif_row *rows, size_t n, int pipes,
                      size_t peak)
{
    double tstar = w->fr->pts[pp_frontier_min_energy(w->fr)].time;
    struct mw m;
    if (fmt == FMT_HUMAN) {
        print_human(f, w, rows, n, pipes, peak, tstar);
        return 0;
    }
    mw_begin(&m, f, fmt, 2);
    mw_num(&m, "t_min", w->acct.t_min);
    mw_num(&m, "t_star", w->fr->partial ? NAN : tstar);
    mw_int(&m, "pipelines", pipes);
    mw_num(&m, "peak_s", rows[peak].s);
    mw_int(&m, "envpipe_rounds", w->envpipe_rounds);
    mw_list_begin(&m, "rows");
    for (size_t k = 0; k < n; k++) {
        mw_item_begin(&m);
        for (size_t q = 0; q < NFIELDS; q++) {
            double v = field_value(&fields[q], &rows[k]);
            if (fields[q].kind == F_BOOL)
                mw_bool(&m, fields[q].name, v != 0);
            else
                mw_num(&m, fields[q].name, v);
        }
        mw_item_end(&m);
    }
    mw_list_end(&m);
    return mw_end(&m);
}

/* The chart: each method's saving against s, T* and Perseus's peak. */
static int write_svg(struct sweep_state *a, const struct inputs *in)
{
    static const int ms[] = {M_ENVPIPE, M_PERSEUS, M_PUBLISHED};
    static const char *const names[] = {"EnvPipe", "Perseus",
                                        "Perseus, T* then block (published)"};
    enum { NS = sizeof ms / sizeof ms[0] };
    const struct pp_frontier *fr = a->w.fr;
    struct outfile out;
    struct svg_series ser[NS];
    char note[2][160], tname[64], peak[64];
    double *x = malloc(a->n * sizeof *x), *y[NS] = {NULL};
    double tstar = fr->pts[pp_frontier_min_energy(fr)].time / a->w.acct.t_min;
    int rc = EXIT_FAIL;
    if (!x)
        goto out;
    for (int q = 0; q < NS; q++)
        if (!(y[q] = malloc(a->n * sizeof *y[q])))
            goto out;
    /* one pipeline: the cluster is the straggler alone, so chart what a
     * pipeline that waits for a straggler saves */
    for (size_t k = 0; k < a->n; k++) {
        const struct pp_whatif_row *r = &a->rows[k];
        x[k] = r->s;
        for (int q = 0; q < NS; q++)
            y[q][k] = 100 * (a->pipes > 1 ? r->saving[ms[q]]
                                          : pipe_saving(r, ms[q]));
    }
    for (int q = 0; q < NS; q++)
        ser[q] = (struct svg_series){names[q], y[q], ms[q] == M_PUBLISHED,
                                     NULL};
    if (a->pipes > 1)
        snprintf(note[0], sizeof note[0], "cluster of %d pipelines, one "
                 "straggling; savings against all-max frequency", a->pipes);
    else
        snprintf(note[0], sizeof note[0], "one pipeline waiting for a "
                 "straggler; savings against all-max frequency");
    snprintf(note[1], sizeof note[1], "T* and the published rule not "
             "computed: the deadline solver planned at the slowdowns only "
             "(--method walk computes them)");
    snprintf(tname, sizeof tname, "T* (minimum energy), s = %.3f", tstar);
    snprintf(peak, sizeof peak, "peak %.1f%% at s = %.3f",
             y[1][a->peak], a->rows[a->peak].s);
    const char *notes[] = {note[0], note[1]};
    struct svg_vline vl = {fr->partial ? NAN : tstar, "T*", tname};
    struct svg_spot sp = {1, a->peak, peak};
    struct svg_chart c = {.what = "Energy saving under a straggler",
                          .xlabel = "straggler slowdown s = T' / T_min",
                          .ylabel = "energy saving (%)", .n = a->n, .x = x,
                          .nseries = NS, .series = ser, .notes = notes,
                          .nnotes = fr->partial ? 2 : 1, .vlines = &vl,
                          .nvlines = 1, .spots = &sp, .nspots = 1,
                          .y_from_zero = 1};
    svg_describe(&a->svg, in);
    a->svg.info.pipelines = a->pipes;
    if (!(rc = out_open(&out, a->svg.path)))
        rc = out_finish(&out, svg_lines(out.f, &c, &a->svg.info));
out:
    free(x);
    for (int q = 0; q < NS; q++)
        free(y[q]);
    return rc;
}

/* The --straggler chart: per straggler its GPU, time factor, cluster
 * saving with its own plan and with the published accounting, and s. */
static int write_straggler_svg(struct sweep_state *a, const struct inputs *in)
{
    struct svg_straggler_case *c = malloc(a->n * sizeof *c);
    struct outfile out;
    char note[2][200];
    const char *notes[2] = {note[0], note[1]};
    int rc;
    if (!c) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_FAIL;
    }
    for (size_t k = 0; k < a->n; k++)
        c[k] = (struct svg_straggler_case){
            a->st[k].gpu, a->st[k].time_factor,
            100 * a->rows[k].saving[M_PERSEUS],
            100 * a->published[k][M_PERSEUS], a->rows[k].s};
    if (a->pipes > 1)
        snprintf(note[0], sizeof note[0], "One of %d pipelines has a slow "
                 "GPU and runs its fastest plan (T'), the others their plans "
                 "for T'; savings vs all-max.", a->pipes);
    else
        snprintf(note[0], sizeof note[0], "One pipeline with a slow GPU, "
                 "running its fastest plan; saving vs all-max.");
    snprintf(note[1], sizeof note[1], "The slow GPU draws %g times the "
             "power.", a->st[0].power_factor);
    svg_describe(&a->svg, in);
    a->svg.info.pipelines = a->pipes;
    if (!(rc = out_open(&out, a->svg.path)))
        rc = out_finish(&out, svg_straggler(out.f, c, a->n, notes,
                                            a->st[0].power_factor != 1 ? 2
                                                                       : 1,
                                            &a->svg.info));
    free(c);
    return rc;
}

/* Standard output once; the default grid, when --slowdowns is not
 * given. */
static int sweep_check(struct run *r)
{
    struct sweep_state *a = r->state;
    const char *opt = "--svg";
    if (check_stdout_once("sweep", report_on_stdout(&r->in), 1, &opt,
                          &a->svg.path) ||
        run_needs(r, OPT_SVG_WIDTH, OPT_SVG_FILE))
        return EXIT_USAGE;
    if (a->straggler && a->grid) {
        die_usage("sweep", "give at most one of --slowdowns and --straggler");
        return EXIT_USAGE;
    }
    if (a->straggler && a->values == PP_VALUES_MODEL) {
        die_usage("sweep", "--straggler needs --values realized");
        return EXIT_USAGE;
    }
    if (r->so.method == PP_SOLVE_DEADLINE && a->values == PP_VALUES_MODEL) {
        die_usage("sweep", "--method deadline needs --values realized (the "
                           "model's own values come from the walk)");
        return EXIT_USAGE;
    }
    if (!a->grid && parse_slowdown_grid("sweep", "--slowdowns", "1.00:1.50:0.01",
                                        &a->grid, &a->n))
        return EXIT_USAGE;
    return EXIT_OK;
}

/*
 * --straggler: for each straggler, the straggling pipeline planned on its
 * own (its T' and energies), then the others' plans for that T' and the
 * cluster accounting with the straggler's own plan (and the published
 * accounting beside it).
 */
static int straggler_compute(struct run *r)
{
    struct sweep_state *a = r->state;
    struct inputs *in = &r->in;
    struct pp_whatif_straggler *sw = NULL;
    struct pp_plan *plan = NULL;
    struct pp_eval *ev = NULL;
    int rc = EXIT_FAIL;
    if (parse_stragglers("sweep", a->straggler, in->dag->ngpus, &a->st,
                         &a->n))
        return EXIT_USAGE;
    free(a->grid);
    a->grid = malloc(a->n * sizeof *a->grid);
    sw = malloc(a->n * sizeof *sw);
    a->rows = calloc(a->n, sizeof *a->rows);
    a->published = calloc(a->n, sizeof *a->published);
    if (!a->grid || !sw || !a->rows || !a->published) {
        pp_error_nomem(&r->err);
        rc = run_error(r);
        goto out;
    }
    /* the healthy T_min the slowdowns of the others count from */
    if (pp_solver_plan_uniform(&plan, in->dag, in->prof, PP_FREQ_MAX,
                               &in->energy, &r->err) ||
        pp_eval(&ev, in->dag, in->prof, plan, &in->energy, &r->err)) {
        rc = run_error(r);
        goto out;
    }
    for (size_t k = 0; k < a->n; k++) {
        if (straggler_case(in, &r->so, &a->st[k], &sw[k], &r->err)) {
            rc = run_error(r);
            goto out;
        }
        a->grid[k] = sw[k].t / ev->time;
        if (a->grid[k] < 1.0)
            a->grid[k] = 1.0;
    }
    if ((rc = whatif_prepare(&a->w, in, &r->so, 1, a->values, a->grid,
                             a->n)))
        goto out;
    for (size_t k = 0; k < a->n; k++) {
        if (pp_whatif_straggler_row(&a->w.acct, &sw[k], a->pipes,
                                    &a->rows[k], a->published[k], &r->err)) {
            rc = run_error(r);
            goto out;
        }
        if (a->rows[k].saving[M_PERSEUS] > a->rows[a->peak].saving[M_PERSEUS])
            a->peak = k;
    }
    rc = EXIT_OK;
out:
    free(sw);
    pp_eval_free(ev);
    pp_plan_free(plan);
    return rc;
}

/* The straggler table: per straggler its T', s, its own energies, the
 * cluster savings with its own plan and with the published accounting;
 * then, per factor, the GPU that hurts most (the longest T'). */
static void print_stragglers(FILE *f, enum out_format fmt,
                             const struct sweep_state *a, int pipes)
{
    const struct whatif *w = &a->w;
    int js = fmt == FMT_JSON;
    if (fmt == FMT_HUMAN)
        fprintf(f, "T_min %.6f s (all-max, no straggler), %d pipeline(s) of "
                   "%d GPUs x %d, P_b %.2f W\n\n"
                   "%4s %7s %7s %10s %6s | %11s %11s %11s | %8s %8s %8s | "
                   "%8s %8s\n"
                   "%38s | %35s | %26s | %17s\n",
                w->acct.t_min, pipes, w->in->dag->ngpus,
                w->in->energy.gpus_per_stage, w->in->energy.blocking_power,
                "GPU", "time x", "power x", "T' s", "s", "all-max J",
                "EnvPipe J", "Perseus J", "EnvPipe", "Perseus", "T*+block",
                "EnvPipe", "Perseus", "", "the straggling pipeline, own plan",
                "saving, cluster", "energy x s");
    else if (fmt == FMT_CSV)
        fprintf(f, "gpu,time_factor,power_factor,deadline,s,"
                   "straggler_allmax_energy,straggler_envpipe_energy,"
                   "straggler_perseus_energy,envpipe_cluster_saving,"
                   "perseus_cluster_saving,published_cluster_saving,"
                   "envpipe_cluster_saving_energy_x_s,"
                   "perseus_cluster_saving_energy_x_s\n");
    else {
        fputs(js ? "{\"format_version\": 1, \"t_min\": " : "format_version: 1\nt_min: ", f);
        pp_num_put(f, w->acct.t_min);
        fprintf(f, js ? ", \"pipelines\": %d,\n \"stragglers\": [\n"
                      : "\npipelines: %d\nstragglers:\n",
                pipes);
    }
    for (size_t k = 0; k < a->n; k++) {
        const struct pp_whatif_row *r = &a->rows[k];
        const struct pp_straggler *s = &a->st[k];
        double ea = r->e_cluster[M_ALLMAX] - (pipes - 1) * r->e_plan[M_ALLMAX],
               ee = r->e_cluster[M_ENVPIPE] -
                    (pipes - 1) * r->e_plan[M_ENVPIPE],
               ep = r->e_cluster[M_PERSEUS] -
                    (pipes - 1) * r->e_plan[M_PERSEUS];
        if (fmt == FMT_HUMAN) {
            fprintf(f, "%4d %7.3f %7.3f %10.6f %6.3f | %11.3f %11.3f %11.3f "
                       "| %7.2f%% %7.2f%% ",
                    s->gpu, s->time_factor, s->power_factor, r->deadline,
                    r->s, ea, ee, ep, 100 * r->saving[M_ENVPIPE],
                    100 * r->saving[M_PERSEUS]);
            put_cell(f, "%7.2f%%", 8, 100 * r->saving[M_PUBLISHED]);
            fprintf(f, " | %7.2f%% %7.2f%%\n", 100 * a->published[k][M_ENVPIPE],
                    100 * a->published[k][M_PERSEUS]);
            continue;
        }
        double v[] = {s->time_factor, s->power_factor, r->deadline, r->s, ea,
                      ee, ep, r->saving[M_ENVPIPE], r->saving[M_PERSEUS],
                      r->saving[M_PUBLISHED], a->published[k][M_ENVPIPE],
                      a->published[k][M_PERSEUS]};
        static const char *const names[] = {
            "time_factor", "power_factor", "deadline", "s",
            "straggler_allmax_energy", "straggler_envpipe_energy",
            "straggler_perseus_energy", "envpipe_cluster_saving",
            "perseus_cluster_saving", "published_cluster_saving",
            "envpipe_cluster_saving_energy_x_s",
            "perseus_cluster_saving_energy_x_s"};
        if (fmt == FMT_CSV)
            fprintf(f, "%d", s->gpu);
        else
            fprintf(f, js ? "  {\"gpu\": %d" : "  - {gpu: %d", s->gpu);
        for (size_t q = 0; q < sizeof v / sizeof v[0]; q++) {
            if (fmt != FMT_CSV)
                fprintf(f, js ? ", \"%s\": " : ", %s: ", names[q]);
            else
                fputc(',', f);
            if (isnan(v[q]))
                fputs(fmt == FMT_CSV ? "" : "null", f);
            else
                pp_num_put(f, v[q]);
        }
        fputs(fmt == FMT_CSV ? "\n" : js && k + 1 < a->n ? "},\n" : "}\n", f);
    }
    if (js)
        fprintf(f, " ]}\n");
    if (fmt != FMT_HUMAN)
        return;
    /* per time factor, the GPU whose straggling costs the most time */
    for (size_t k = 0; k < a->n; k++) {
        size_t worst = k;
        int first = 1;
        for (size_t q = 0; q < k && first; q++)
            first = a->st[q].time_factor != a->st[k].time_factor;
        if (!first)
            continue;
        for (size_t q = k; q < a->n; q++)
            if (a->st[q].time_factor == a->st[k].time_factor &&
                a->rows[q].deadline > a->rows[worst].deadline)
                worst = q;
        fprintf(f, "%stime x %.3f: GPU %d hurts most (T' %.6f s, s = %.3f)\n",
                k ? "" : "\n", a->st[k].time_factor, a->st[worst].gpu,
                a->rows[worst].deadline, a->rows[worst].s);
    }
}

static int sweep_compute(struct run *r)
{
    struct sweep_state *a = r->state;
    int rc;
    if (work_check(r, OPT_SOLVE_UNIT, PP_MODEL_LOWTIME))
        return EXIT_USAGE;
    if (a->straggler)
        return straggler_compute(r);
    if ((rc = whatif_prepare(&a->w, &r->in, &r->so, 1, a->values,
                             a->grid, a->n)))
        return rc;
    a->rows = calloc(a->n, sizeof *a->rows);
    if (!a->rows) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_FAIL;
    }
    for (size_t k = 0; k < a->n; k++) {
        if (pp_whatif_row(&a->w.acct, a->grid[k], a->pipes, &a->rows[k],
                          &r->err))
            return run_error(r);
        if (a->rows[k].saving[M_PERSEUS] > a->rows[a->peak].saving[M_PERSEUS])
            a->peak = k;
    }
    return EXIT_OK;
}

static int sweep_report(struct run *r, FILE *f)
{
    struct sweep_state *a = r->state;
    if (a->straggler) {
        print_stragglers(f, r->in.format, a, a->pipes);
        return 0;
    }
    return print_rows(f, r->in.format, &a->w, a->rows, a->n, a->pipes,
                      a->peak);
}

static int sweep_after(struct run *r)
{
    struct sweep_state *a = r->state;
    if (!a->svg.path)
        return EXIT_OK;
    return a->straggler ? write_straggler_svg(a, &r->in)
                        : write_svg(a, &r->in);
}

static void sweep_cleanup(struct run *r)
{
    struct sweep_state *a = r->state;
    free(a->rows);
    free(a->grid);
    free(a->st);
    free(a->published);
    whatif_free(&a->w);
}

static const struct option sweep_longopts[] = {
    COMMON_LONGOPTS,
    SOLVE_LONGOPTS,
    {"pipelines", required_argument, NULL, OPT_PIPES},
    {"slowdowns", required_argument, NULL, OPT_SLOWS},
    SVG_LONGOPTS,
    {"values", required_argument, NULL, OPT_VALUES},
    {"straggler", required_argument, NULL, OPT_STRAGGLER},
    {NULL, 0, NULL, 0},
};

static const struct sweep_state sweep_init = {.pipes = 1,
                                              .values = PP_VALUES_REALIZED};

const struct verb verb_sweep = {
    .name = "sweep",
    .summary = "straggler what-if: savings over a grid of slowdowns",
    .usage = sweep_usage,
    .longopts = sweep_longopts,
    .flags = VERB_PROFILE,
    .state_size = sizeof(struct sweep_state),
    .state_init = &sweep_init,
    .option = sweep_option,
    .check = sweep_check,
    .compute = sweep_compute,
    .report = sweep_report,
    .after = sweep_after,
    .cleanup = sweep_cleanup,
};
