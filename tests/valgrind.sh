#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/valgrind.sh BUILD_DIR - run the CLI on the shipped examples and the
# Criterion test binaries under valgrind (definite and indirect leaks count
# as errors; Criterion forks each test, so children are traced) and fail if
# any process reports an error.  Slow (minutes); not part of `meson test`.
set -u
build=${1:-build}
pp=$build/planner/perseus-plan
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
vg=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
    --trace-children=yes --log-file="$logs/log.%p")
ex=profiles/examples/gpt-4stage-a100.yaml
t=$(mktemp -d)
"${vg[@]}" "$pp" plan -q -p $ex -M 8 --save "$t/f.txt" --emit "$t/p.py" --svg "$t/f.svg" -o /dev/null
"${vg[@]}" "$pp" lookup "$t/f.txt" --slowdown 0.1 -q -o /dev/null
"${vg[@]}" "$pp" eval -p $ex -M 8 --plan "$t/p.py" --svg "$t/t.svg" -o /dev/null
"${vg[@]}" "$pp" plan -q -p $ex -M 8 --model lowtime --certify -o /dev/null
"${vg[@]}" "$pp" sweep -q -p $ex -M 8 --slowdowns 1.0,1.2 -o /dev/null
"${vg[@]}" "$pp" compare -q -p $ex -M 8 -o /dev/null
"${vg[@]}" "$pp" check -q -p $ex -M 8 --max-slowdown 0 -o /dev/null
"${vg[@]}" "$pp" eval -p tests/cli/data/bad-number.csv -M 2 -b a100 --frequency max 2>/dev/null
"${vg[@]}" "$pp" schedule -s graph/examples/zb-4stage.yaml >/dev/null
rm -rf "$t"
for b in "$build"/tests/*/test_*; do
    [ -x "$b" ] && [ -f "$b" ] || continue
    case $b in *golden*|*test_solver_lp) continue ;; esac # minutes under valgrind
    "${vg[@]}" "$b" >/dev/null 2>&1
done
n=$(ls "$logs" | wc -l)
bad=$(grep -l "ERROR SUMMARY: [1-9]" "$logs"/log.* | wc -l)
echo "valgrind: $n processes, $bad with errors"
[ "$bad" -eq 0 ] || grep -h -A20 "ERROR SUMMARY: [1-9]\|definitely lost" "$logs"/log.* | head -80
[ "$bad" -eq 0 ]
