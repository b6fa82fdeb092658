#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Hostile input, one command per line of cases.txt: "STATUS ARGS...", run as
# perseus-plan ARGS from the source root (bash expands ARGS: $P is the
# example CSV profile, $Y its YAML, $D tests/cli/data, $S a scratch
# directory), standard input from /dev/null.  Each case must
#   - end with STATUS within 60 s (no unbounded work);
#   - if STATUS is not 0: say one thing on standard error, one line
#     starting "perseus-plan: " (plus the "Try ..." line of a usage error,
#     or the list of outputs a failed write left alone), with no control
#     character (sanitizer reports fail here);
#   - if STATUS is 0: write no non-finite number (nan, inf) anywhere;
#   - leave $S as it found it but for the files it was asked to write: the
#     file keep.txt (mode 0600) the same, no temporary file behind.
# Prints one line per failure and ends with "N passed, N failed"; exits 1
# if any failed.
#
# usage: tests/cli/hostile/run.sh --pp BIN [CASES]
set -u
pp= list=$(dirname "$0")/cases.txt
while [ $# -gt 0 ]; do
    case $1 in
    --pp) pp=$2; shift 2 ;;
    *) list=$1; shift ;;
    esac
done
[ -x "$pp" ] || { echo "usage: $0 --pp BIN [CASES]" >&2; exit 2; }
pp=$(cd "$(dirname "$pp")" && pwd)/$(basename "$pp")
export LC_ALL=C
P=profiles/examples/gpt-4stage-a100.csv
Y=profiles/examples/gpt-4stage-a100.yaml
D=tests/cli/data
work=$(mktemp -d /tmp/pp-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0 n=0

bad() {
    echo "FAIL line $n: $*"
    echo "    perseus-plan $args"
    sed 's/^/    | /' "$work/err" | head -5
    fail=$((fail + 1))
}

while IFS= read -r line; do
    n=$((n + 1))
    case $line in '' | '#'*) continue ;; esac
    want=${line%% *}
    args=${line#* }
    S=$work/s
    rm -rf "$S" && mkdir "$S"
    printf 'keep\n' >"$S/keep.txt" && chmod 600 "$S/keep.txt"
    eval "set -- $args"
    timeout 60 "$pp" "$@" </dev/null >"$work/out" 2>"$work/err"
    got=$?
    if [ $got = 124 ]; then bad "still running after 60 s"; continue; fi
    if [ "$got" != "$want" ]; then bad "exit status $got, expected $want"; continue; fi
    if [ "$want" != 0 ]; then
        lines=$(grep -vc -e "^Try 'perseus-plan" \
            -e '^perseus-plan: since an output failed, none was replaced' "$work/err")
        if [ "$lines" != 1 ] || ! head -1 "$work/err" | grep -q '^perseus-plan: '; then
            bad "not a one-line message"; continue
        fi
        if LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' <"$work/err"); then
            bad "a control character in the message"; continue
        fi
    elif grep -rqiwE -- '-?nan|-?inf(inity)?' "$work/out" "$S"; then
        bad "a non-finite number in the output"; continue
    fi
    if [ "$(cat "$S/keep.txt")" != keep ] || [ "$(stat -c %a "$S/keep.txt")" != 600 ]; then
        bad "keep.txt changed"; continue
    fi
    if ls -A "$S" | grep -q '\.tmp'; then bad "a temporary file left behind"; continue; fi
    pass=$((pass + 1))
done <"$list"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
