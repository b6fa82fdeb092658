#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# man-examples.sh - run every command of the EXAMPLES section of
# perseus-plan(1) and compare what it prints and writes with the expected
# output in tests/cli/man-examples.
#
# Commands are the `.Dl $ ...` lines and the `$ ...` lines of `.Bd -literal`
# blocks (a line ending in `\e` continues on the next).  They run in order,
# with `perseus-plan` replaced by PATH, LC_ALL=C and stdin from /dev/null,
# in one scratch directory that links the source tree's shipped
# directories, so relative paths work as from the source root and files
# the examples write land in the scratch directory (a later example may
# read them).
#
# Example number N (from 01) whose command is `perseus-plan VERB ...` has
# the directory man-examples/NN-VERB holding:
#   cmd          the command as the manual gives it
#   stdout       its expected standard output, exact
#   stderr       its expected standard error, exact
#   files/PATH   each file it writes (new or changed in the scratch
#                directory), exact
#   status-only  optional: the example's output depends on timing or on
#                the machine, for the reason the file gives; only cmd and
#                the exit status are checked.
# Every example must exit with status 0.  A mismatch is reported with its
# diff (see expect.sh); cmd is compared too, so that a changed example
# fails until its output is blessed again.
#
# usage: man-examples.sh [--pp PATH] [--bless] [MANPAGE]
#
# --bless writes the actual output of every example that exits with 0 as
# its expected output and removes directories of examples that no longer
# exist: read every file it changes (git diff tests/cli/man-examples).
# The last line is "N passed, N failed".
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
expected_dir=$here/man-examples
. "$here/expect.sh"

pp=${PP:-$root/build/planner/perseus-plan}
bless=0
while [ $# -gt 0 ]; do
    case $1 in
    --pp) pp=$2; shift 2 ;;
    --bless) bless=1; shift ;;
    -*) echo "man-examples.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
man=${1:-$root/man/perseus-plan.1}
case $pp in /*) ;; *) pp=$PWD/$pp ;; esac
export LC_ALL=C
unset LANG LANGUAGE

# Print the commands, one per record, records separated by NUL.
extract() {
    awk '
    /^\.Sh / { inex = ($0 == ".Sh EXAMPLES"); next }
    !inex { next }
    /^\.Bd / { inbd = 1; next }
    /^\.Ed/ { inbd = 0; next }
    function unescape(s) {
        gsub(/\\&/, "", s); gsub(/\\-/, "-", s); gsub(/\\e/, "\\", s)
        return s
    }
    function emit(s) { printf "%s%c", s, 0 }
    /^\.Dl \$ / { emit(unescape(substr($0, 7))); next }
    inbd && cont { cmd = cmd "\n" unescape($0)
                   if ($0 !~ /\\e$/) { emit(cmd); cont = 0 }
                   next }
    inbd && /^\$ / { cmd = unescape(substr($0, 3))
                     if ($0 ~ /\\e$/) cont = 1; else emit(cmd)
                     next }
    ' "$man"
}

# snapshot: one line "checksum size path" per regular file in the scratch
# directory (not below the linked source directories), sorted.
snapshot() {
    (cd "$t/work" && find . -type f -exec cksum {} + | sed 's| \./| |' | sort)
}

t=$(mktemp -d "${TMPDIR:-/tmp}/pp-man.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
mkdir "$t/work" "$t/actual"
for d in profiles graph man tests; do ln -s "$root/$d" "$t/work/$d"; done

n=0 npass=0 nfail=0
names=()
while IFS= read -r -d '' cmd; do
    n=$((n + 1))
    oneline=$(printf '%s' "$cmd" | tr '\n' ' ' | sed 's/\\ */ /g; s/  */ /g')
    case $cmd in
    perseus-plan\ *) ;;
    *) echo "FAIL example $n does not start with perseus-plan: $oneline"
       nfail=$((nfail + 1)); continue ;;
    esac
    verb=${cmd#perseus-plan }
    verb=${verb%%[ $'\n']*}
    name=$(printf '%02d-%s' "$n" "$verb")
    names+=("$name")
    exp=$expected_dir/$name act=$t/actual/$name
    mkdir -p "$act/files"
    printf '%s\n' "$cmd" >"$act/cmd"

    snapshot >"$t/before"
    (cd "$t/work" && PP=$pp bash -c "\"\$PP\"${cmd#perseus-plan}" \
        </dev/null >"$act/stdout" 2>"$act/stderr")
    s=$?
    snapshot >"$t/after"
    # Files the example wrote: lines of after that are not in before.
    comm -13 "$t/before" "$t/after" | cut -d ' ' -f 3- | while IFS= read -r f; do
        mkdir -p "$act/files/$(dirname "$f")"
        cp "$t/work/$f" "$act/files/$f"
    done
    written=$(cd "$act/files" && find . -type f | sed 's|^\./|files/|' | sort)

    if [ "$s" -ne 0 ]; then
        echo "FAIL $name (exit $s): $oneline"
        cat "$act/stderr" "$act/stdout" | sed 's/^/    /'
        nfail=$((nfail + 1))
        continue
    fi
    if [ "$bless" = 1 ]; then
        mkdir -p "$exp"
        rm -rf "$exp/files"
        cp -R "$act/cmd" "$act/stdout" "$act/stderr" "$act/files" "$exp/"
        [ -n "$written" ] || rmdir "$exp/files"
        echo "BLESS $name: $oneline"
        npass=$((npass + 1))
        continue
    fi

    if [ -f "$exp/status-only" ]; then
        out=$(expect_files "$exp" "$act" cmd)
        why=" (exit status only: $(head -n 1 "$exp/status-only"))"
    else
        # The files written and the files expected, each once.
        mapfile -t files < <({ printf '%s\n' "$written"
            [ -d "$exp/files" ] && cd "$exp/files" &&
                find . -type f | sed 's|^\./|files/|'; } | sed '/^$/d' | sort -u)
        out=$(expect_files "$exp" "$act" cmd stdout stderr "${files[@]}")
        why=
    fi
    if [ -n "$out" ]; then
        echo "FAIL $name: $oneline"
        printf '%s\n' "$out" | sed 's/^/    /'
        nfail=$((nfail + 1))
    else
        echo "ok   $name: $oneline$why"
        npass=$((npass + 1))
    fi
done < <(extract)

if [ "$n" -eq 0 ]; then
    echo "no EXAMPLES commands found in $man"
    exit 1
fi

# Expected directories of examples the manual no longer has.
for d in "$expected_dir"/*/; do
    [ -d "$d" ] || continue
    d=${d%/}
    d=${d##*/}
    case " ${names[*]} " in *" $d "*) continue ;; esac
    if [ "$bless" = 1 ]; then
        rm -rf "${expected_dir:?}/$d"
        echo "REMOVE $d: no such example in $man"
    else
        echo "FAIL $d: no such example in $man (expected output left over)"
        nfail=$((nfail + 1))
    fi
done

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
