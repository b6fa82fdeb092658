#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run.sh - golden tests of the perseus-plan command line, stored as data.
#
# Each directory tests/cli/cases/NAME holds one case:
#   cmd     a bash script run from the source root with LC_ALL=C, stdin
#           from /dev/null and these variables set:
#             PP      path of the perseus-plan binary
#             SHARED  the shared data directory (../shared)
#             T       an empty scratch directory, removed afterwards
#   stdout  the expected standard output, exact
#   stderr  the expected standard error, exact
#   status  the expected exit status
#   xfail   optional: the case shows a known bug; the file says which.
#           A mismatch is reported (with its diff) and skipped, a match
#           fails so that the marker gets removed.
# A case whose cmd mentions $SHARED is skipped when that directory is
# missing.  See tests/cli/README.md.
#
# usage: run.sh [--pp PATH] [--shared DIR] [--bless] [CASE...]
#        run.sh --registered NAME...
#
# With no CASE every case runs, and the last line is "N passed, N failed".
# With one CASE the exit status is 0 (pass), 1 (fail) or 77 (skipped), as
# meson expects.  --bless writes the actual output of the given cases (or
# of all) as their expected output: read every file it changes.
# --registered checks that the NAMEs (the cases meson.build registers) are
# exactly the case directories.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cases_dir=$here/cases
. "$here/expect.sh"

pp=${PP:-$root/build/planner/perseus-plan}
shared=${SHARED:-$root/../shared}
bless=0
registered=0

while [ $# -gt 0 ]; do
    case $1 in
    --pp) pp=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --bless) bless=1; shift ;;
    --registered) registered=1; shift ;;
    --help|-h)
        sed -n '/^# usage:/,/^# exactly/s/^# \{0,1\}//p' "$0"
        exit 0 ;;
    --) shift; break ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done

if [ "$registered" = 1 ]; then
    want=$(printf '%s\n' "$@" | sort)
    have=$(cd "$cases_dir" && for d in */; do printf '%s\n' "${d%/}"; done | sort)
    if [ "$want" != "$have" ]; then
        echo "case directories and tests/cli/meson.build disagree:"
        diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$have") |
            sed -n '3,$p' | sed 's/^-/  only in meson.build: /; s/^+/  only in cases\/: /' |
            grep 'only in'
        exit 1
    fi
    echo "$(printf '%s\n' "$want" | wc -l) cases registered"
    exit 0
fi

case $pp in /*) ;; *) pp=$PWD/$pp ;; esac
if [ ! -x "$pp" ]; then
    echo "run.sh: $pp: no such executable (give --pp PATH)" >&2
    exit 2
fi
case $shared in /*) ;; *) shared=$PWD/$shared ;; esac

export LC_ALL=C
unset LANG LANGUAGE

npass=0 nfail=0 nskip=0 nxfail=0
failed=() xfailed=()

# run_case NAME: prints a report line; returns 0 pass, 1 fail, 77 skip.
run_case() {
    local name=$1 dir=$cases_dir/$1 t out rc
    if [ ! -f "$dir/cmd" ]; then
        echo "FAIL $name: no such case ($dir/cmd missing)"
        return 1
    fi
    if grep -q '\$SHARED\|\${SHARED}' "$dir/cmd" && [ ! -d "$shared" ]; then
        echo "SKIP $name: $shared is absent"
        return 77
    fi
    t=$(mktemp -d "${TMPDIR:-/tmp}/pp-cli.XXXXXX") || return 1
    mkdir "$t/scratch"
    (cd "$root" && PP=$pp SHARED=$shared T=$t/scratch \
        bash "$dir/cmd" </dev/null >"$t/stdout" 2>"$t/stderr")
    echo $? >"$t/status"

    if [ "$bless" = 1 ]; then
        cp "$t/stdout" "$t/stderr" "$t/status" "$dir/"
        rm -rf "$t"
        echo "BLESS $name (status $(cat "$dir/status"))"
        return 0
    fi

    out=$(expect_files "$dir" "$t" status stdout stderr)
    rm -rf "$t"

    if [ -f "$dir/xfail" ]; then
        if [ -n "$out" ]; then
            echo "XFAIL $name: known bug: $(head -n 1 "$dir/xfail")"
            printf '%s\n' "$out" | sed 's/^/    /'
            return 77
        fi
        echo "FAIL $name: passes now; remove $dir/xfail"
        return 1
    fi
    if [ -n "$out" ]; then
        echo "FAIL $name"
        printf '%s\n' "$out" | sed 's/^/    /'
        return 1
    fi
    echo "ok   $name"
    return 0
}

if [ $# -eq 0 ]; then
    set -- $(cd "$cases_dir" && for d in */; do printf '%s\n' "${d%/}"; done)
    single=0
else
    [ $# -eq 1 ] && single=1 || single=0
fi

for name in "$@"; do
    name=${name%/}
    name=${name##*/}
    run_case "$name"
    case $? in
    0) npass=$((npass + 1)) ;;
    77) if [ -f "$cases_dir/$name/xfail" ]; then
            nxfail=$((nxfail + 1)); xfailed+=("$name")
        else
            nskip=$((nskip + 1))
        fi ;;
    *) nfail=$((nfail + 1)); failed+=("$name") ;;
    esac
done

if [ "$single" = 1 ]; then
    [ "$nfail" -gt 0 ] && exit 1
    [ "$npass" -gt 0 ] && exit 0
    exit 77
fi
[ "$nskip" -gt 0 ] && echo "$nskip skipped"
[ "$nxfail" -gt 0 ] && echo "$nxfail known bugs (xfail): ${xfailed[*]}"
[ "$nfail" -gt 0 ] && echo "failed: ${failed[*]}"
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
