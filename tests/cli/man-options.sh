#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# man-options.sh [--pp PATH] - the manual's option lists match --help.
#
# Every command that `perseus-plan --help` lists (but help) needs a
# subsection ".Ss perseus-plan COMMAND" in perseus-plan(1) whose .It
# entries name exactly the options `perseus-plan COMMAND --help` shows,
# with the same short and long names, in the same order.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pp=${PP:-$root/build/planner/perseus-plan}
if [ "${1-}" = --pp ]; then pp=$2; shift 2; fi
man=${1:-$root/man/perseus-plan.1}
export LC_ALL=C

cmds=$("$pp" --help | awk '/^Commands:/ { on = 1; next }
                           on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
if [ -z "$cmds" ]; then
    echo "no commands found in perseus-plan --help"
    exit 1
fi
bad=0 n=0 nc=0
for c in $cmds; do
    [ "$c" = help ] && continue
    nc=$((nc + 1))
    # One line per option, "-p --profile" or "--model".
    from_man=$(awk -v want=".Ss perseus-plan $c" '
        /^\.S[sh] / { on = ($0 == want); next }
        on && /^\.It Fl / {
            short = ""; long = ""
            if ($3 ~ /^-/) long = "-" $3
            else {
                short = "-" $3
                for (i = 4; i < NF; i++)
                    if ($i == "," && $(i + 1) == "Fl" && $(i + 2) ~ /^-/) {
                        long = "-" $(i + 2); break
                    }
            }
            print (short != "" && long != "") ? short " " long : short long
        }' "$man")
    from_help=$("$pp" "$c" --help | sed -n \
        -e 's/^  \(-[A-Za-z0-9]\), \(--[a-z0-9-]*\).*/\1 \2/p' \
        -e 's/^      \(--[a-z0-9-]*\).*/\1/p')
    n=$((n + $(grep -c . <<<"$from_help")))
    if [ -z "$from_man" ]; then
        echo "$c: no \".Ss perseus-plan $c\" subsection with .It Fl entries"
        bad=$((bad + 1))
    elif [ "$from_man" != "$from_help" ]; then
        echo "$c: the manual's options differ from $c --help:"
        diff -u --label "$c --help" --label "perseus-plan.1" \
            <(printf '%s\n' "$from_help") <(printf '%s\n' "$from_man") |
            sed -n '3,$p' | sed 's/^/    /'
        bad=$((bad + 1))
    fi
done
echo "$n options of $nc commands checked, $bad commands differ"
[ "$bad" -eq 0 ]
