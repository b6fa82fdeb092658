#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# man-examples.sh [--pp PATH] [MANPAGE] - run every command of the EXAMPLES
# section of perseus-plan(1) and expect exit status 0.
#
# Commands are the `.Dl $ ...` lines and the `$ ...` lines of `.Bd -literal`
# blocks (a line ending in `\e` continues on the next).  They run in order,
# with `perseus-plan` replaced by PATH, in one scratch directory that links
# the source tree's shipped directories, so relative paths work as from the
# source root and files the examples write land in the scratch directory.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pp=${PP:-$root/build/planner/perseus-plan}
if [ "${1-}" = --pp ]; then pp=$2; shift 2; fi
man=${1:-$root/man/perseus-plan.1}
case $pp in /*) ;; *) pp=$PWD/$pp ;; esac
export LC_ALL=C

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

t=$(mktemp -d "${TMPDIR:-/tmp}/pp-man.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
for d in profiles graph man tests; do ln -s "$root/$d" "$t/$d"; done

n=0 bad=0
while IFS= read -r -d '' cmd; do
    n=$((n + 1))
    case $cmd in
    perseus-plan\ *) ;;
    *) echo "FAIL: example does not start with perseus-plan: $cmd"
       bad=$((bad + 1)); continue ;;
    esac
    run="\"\$PP\"${cmd#perseus-plan}"
    (cd "$t" && PP=$pp bash -c "$run" </dev/null >"$t/.out" 2>&1)
    s=$?
    if [ "$s" -eq 0 ]; then
        echo "ok   $(printf '%s' "$cmd" | tr '\n' ' ' | sed 's/\\ */ /g; s/  */ /g')"
    else
        echo "FAIL (exit $s): $cmd"
        sed 's/^/    /' "$t/.out"
        bad=$((bad + 1))
    fi
done < <(extract)

if [ "$n" -eq 0 ]; then
    echo "no EXAMPLES commands found in $man"
    exit 1
fi
echo "$((n - bad)) of $n examples ran with exit status 0"
[ "$bad" -eq 0 ]
