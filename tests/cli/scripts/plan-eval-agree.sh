#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# plan-eval-agree.sh EXT PLAN-ARGS... - round trip of a plan file.
#
# Runs `perseus-plan plan PLAN-ARGS -f json --emit $T/plan.EXT`, then
# `perseus-plan eval` on the emitted plan with the same profile and
# schedule options, and checks that the iteration time and energy eval
# prints are exactly (as printed: the shortest text that reads back to
# the same double) those of the chosen
# frontier point in the plan's JSON output.  Prints the chosen point and
# the eval report (its plan path shown as $T) so the golden case records
# them.  Needs PP and T from tests/cli/run.sh.
set -u
ext=$1
shift

# json_field FILE LINE-PATTERN KEY: the value of "KEY" on the first line of
# FILE matching LINE-PATTERN (the JSON writers put one record per line).
json_field() {
    grep -m 1 -e "$2" "$1" | sed -n "s/.*\"$3\": \([^,}]*\).*/\1/p"
}

# The eval options: everything but plan-only options and their values.
eval_args=()
skip=0
for a in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case $a in
    --deadline|--slowdown|--model|--unit-time|--filter-order|--method) skip=1 ;;
    *) eval_args+=("$a") ;;
    esac
done

$PP plan "$@" -q -f json --emit "$T/plan.$ext" >"$T/frontier.json" || exit
chosen=$(json_field "$T/frontier.json" '"chosen": ' chosen)
pt=$(json_field "$T/frontier.json" "{\"point\": $chosen," time)
pe=$(json_field "$T/frontier.json" "{\"point\": $chosen," energy)
if [ -z "$chosen" ] || [ -z "$pt" ] || [ -z "$pe" ]; then
    echo "cannot find the chosen point in the plan's JSON output"
    exit 1
fi
echo "plan: chosen point $chosen: time $pt s, energy $pe J"

$PP eval "${eval_args[@]}" --plan "$T/plan.$ext" -f json >"$T/eval.json" || exit
et=$(json_field "$T/eval.json" '"time": ' time)
ee=$(json_field "$T/eval.json" '"energy": ' energy)
echo "eval: time $et s, energy $ee J"
$PP eval "${eval_args[@]}" --plan "$T/plan.$ext" | sed "s|$T/|\$T/|g"

if [ "$et" != "$pt" ] || [ "$ee" != "$pe" ]; then
    echo "MISMATCH: eval of the emitted plan differs from the plan's point"
    exit 1
fi
echo "eval of plan.$ext equals the chosen point"
