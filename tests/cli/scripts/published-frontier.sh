#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# published-frontier.sh PROFILE FRONTIER PLAN-ARGS... - the lowtime model
# against a frontier published with the Perseus artifact.
#
# Runs `perseus-plan plan -p PROFILE --model lowtime PLAN-ARGS -f csv`
# and compares its model_time and model_energy columns (the reference's
# own accounting: fitted costs, integer time steps) with the published
# `time,energy` file point by point.  Prints the number of points and
# whether every one agrees within a relative 1e-9; lists the first few
# that do not.  Needs PP (and SHARED in the paths) from tests/cli/run.sh.
set -u
profile=$1 published=$2
shift 2
out=$($PP plan -p "$profile" --model lowtime "$@" -q -f csv) || exit

awk -F, -v tol=1e-9 '
function rel(a, b) { d = a - b; if (d < 0) d = -d; m = (b < 0 ? -b : b);
                     return m > 0 ? d / m : d }
NR == FNR { if (FNR > 1) { pt[FNR - 1] = $1; pe[FNR - 1] = $2; np = FNR - 1 }
            next }
FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{ n++; mt[n] = $(col["model_time"]); me[n] = $(col["model_energy"]) }
END {
    printf "published %d points, perseus-plan %d\n", np, n
    bad = 0
    for (i = 1; i <= np && i <= n; i++)
        if (rel(mt[i], pt[i]) > tol || rel(me[i], pe[i]) > tol) {
            if (++bad <= 5)
                printf "point %d: published %s %s, got %s %s\n", i - 1,
                       pt[i], pe[i], mt[i], me[i]
        }
    if (np != n || bad) { printf "%d points differ\n", bad; exit 1 }
    printf "every point agrees within %s (relative)\n", tol
}' "$published" - <<<"$out"
