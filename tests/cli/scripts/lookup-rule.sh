#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lookup-rule.sh PLAN-ARGS... -- DEADLINE... - plan picks its point by the
# lookup rule.
#
# For each DEADLINE (seconds, or "none" for the default, no slowdown) runs
# `perseus-plan plan PLAN-ARGS [--deadline D] -f json` and checks the
# chosen point against the rule applied independently to the printed
# frontier: among the points with time <= D (with no deadline: <= T_min),
# the least energy of an iteration lasting D -- energy + P * (D - time),
# P the pipeline's blocking power -- in the exact model, the least energy
# in the lowtime model (the published rule).  Prints one line per
# deadline.  Needs PP from tests/cli/run.sh.
set -u
plan_args=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do plan_args+=("$1"); shift; done
shift
bad=0
for d in "$@"; do
    if [ "$d" = none ]; then dl=(); else dl=(--deadline "$d"); fi
    out=$($PP plan "${plan_args[@]}" "${dl[@]}" -q -f json) || exit
    awk -v d="$d" '
    function num(key,   s) {
        if (!match($0, "\"" key "\": [^,}]*")) return ""
        s = substr($0, RSTART, RLENGTH); sub(/^[^:]*: /, "", s); return s
    }
    /^  "chosen": / { chosen = num("chosen") + 0 }
    /^  "t_min": / { tmin = num("t_min") + 0 }
    /^  "pipeline_blocking_power": / { pb = num("pipeline_blocking_power") + 0 }
    /^  "model": / { lasting = num("model") == "\"exact\"" }
    /^ *\{"point": / { p = num("point") + 0; t[p] = num("time") + 0
                       e[p] = num("energy") + 0; n++ }
    END {
        lim = (d == "none") ? tmin : d + 0
        best = -1
        for (p in t) {
            r[p] = lasting ? e[p] + pb * (lim - t[p]) : e[p]
            if (t[p] <= lim && (best < 0 || r[p] < r[best])) best = p
        }
        if (best < 0) { printf "deadline %s: no point meets it\n", d; exit 1 }
        if (t[chosen] > lim || r[chosen] != r[best]) {
            printf "deadline %s: plan chose point %d (%.6f s, %.3f J), " \
                   "the rule gives point %d (%.6f s, %.3f J)\n", d, chosen,
                   t[chosen], e[chosen], best, t[best], e[best]
            exit 1
        }
        printf "deadline %s: point %d of %d, %.6f s, %.3f J", d, chosen, n,
               t[chosen], e[chosen]
        if (lasting) printf " (%.3f J lasting the deadline)", r[chosen]
        printf ": the lookup rule\n"
    }' <<<"$out" || bad=1
done
exit "$bad"
