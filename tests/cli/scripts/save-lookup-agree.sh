#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# save-lookup-agree.sh PLAN-ARGS... -- LOOKUP-ARGS... - a saved frontier
# gives the plan that plan itself chooses.
#
# Runs `perseus-plan plan PLAN-ARGS LOOKUP-ARGS --save $T/frontier
# --emit $T/plan.yaml`, then `perseus-plan lookup $T/frontier LOOKUP-ARGS`
# (the deadline or slowdown options) in the YAML, JSON and Zeus formats,
# and checks that each plan lookup writes is byte for byte the one plan
# emitted in that format.  Prints lookup's report line.  Needs PP and T
# from tests/cli/run.sh.
set -u
plan_args=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do plan_args+=("$1"); shift; done
shift
lookup_args=("$@")

$PP plan "${plan_args[@]}" "${lookup_args[@]}" -q --save "$T/frontier" \
    --emit "$T/plan.yaml" >/dev/null || exit
for ext in json py; do
    $PP plan "${plan_args[@]}" "${lookup_args[@]}" -q \
        --emit "$T/plan.$ext" >/dev/null || exit
done
$PP lookup "$T/frontier" "${lookup_args[@]}" -o "$T/lookup.yaml" || exit
bad=0
for f in yaml:yaml json:json zeus:py; do
    $PP lookup "$T/frontier" "${lookup_args[@]}" -q -f "${f%:*}" \
        >"$T/lookup.${f#*:}" || exit
    if cmp -s "$T/plan.${f#*:}" "$T/lookup.${f#*:}"; then
        echo "lookup -f ${f%:*}: the plan's own plan.${f#*:}"
    else
        echo "lookup -f ${f%:*} differs from plan --emit plan.${f#*:}:"
        diff "$T/plan.${f#*:}" "$T/lookup.${f#*:}" | head -n 10
        bad=1
    fi
done
exit "$bad"
