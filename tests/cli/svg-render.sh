#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# svg-render.sh - every kind of picture the command line draws, rendered
# by a real renderer.
#
# Draws the timeline (eval --svg), the frontier (plan --svg), the sweep
# chart (sweep --svg) and the straggler chart (sweep --straggler --svg)
# for the shipped 8-stage example profile: 1F1B 8 x 24 and interleaved
# 4 x 16 with 2 chunks, at the default width, on a 3.5 in column
# (--svg-width 3.5in, 8cm) and in a time window; a sweep planned by the
# deadline solver (no T*, the published rule's series all NaN); a
# straggler at one factor (the GPUs along x).  With the shared data, also
# the measured GPT-3 A100 profile at 8 x 24 and 8 x 96, and its straggler
# chart.  Each picture must:
#   - be rendered by rsvg-convert (librsvg) with exit status 0 and nothing
#     on stderr (a parse error fails);
#   - give a PNG exactly as wide and high as the SVG's width and height;
#   - have the width asked for (336 px for 3.5in, 302 for 8cm) or, for a
#     timeline by default, at least 1000 px;
#   - carry the title the picture is of, naming the profile and sizes.
# Exit 77 (skipped) when rsvg-convert is not installed: a test that did
# not render anything does not pass.
#
# usage: svg-render.sh [--pp PATH] [--shared DIR] [--keep DIR]
#   --keep DIR  write the SVG and PNG files into DIR (to look at them)
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pp=$root/build/planner/perseus-plan
shared=$root/../shared
keep=
while [ $# -gt 0 ]; do
    case $1 in
    --pp) pp=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: svg-render.sh [--pp PATH] [--shared DIR] [--keep DIR]"
       exit 2 ;;
    esac
done
if ! command -v rsvg-convert >/dev/null 2>&1; then
    echo "rsvg-convert not found (Debian: librsvg2-bin): skipped"
    exit 77
fi
# paths as given are from where we were started: make them absolute
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
pp=$(abs "$pp")
shared=$(abs "$shared")
[ -n "$keep" ] && keep=$(abs "$keep")
export LC_ALL=C
cd "$root" || exit 1
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
out=${keep:-$t}
mkdir -p "$out" || exit 1
n=0 bad=0

fail() {
    echo "FAIL $*"
    bad=$((bad + 1))
}

# The PNG's width and height from its IHDR chunk (bytes 16-23).
png_size() {
    od -An -tu1 -j16 -N8 "$1" |
        awk '{ printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4,
                                 (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

# check NAME WIDTH TITLE: render NAME.svg; WIDTH is the width asked for,
# or "auto" (at least 1000 px); TITLE must start its <title>.
check() {
    local name=$1 want=$2 title=$3 svg=$out/$1.svg
    n=$((n + 1))
    if [ ! -s "$svg" ]; then
        fail "$name: no picture"
        return
    fi
    if ! rsvg-convert -o "$out/$name.png" "$svg" 2>"$t/err" || [ -s "$t/err" ]; then
        fail "$name: rsvg-convert cannot render it:"
        sed 's/^/    /' "$t/err"
        return
    fi
    local w h pw ph
    read -r w h < <(sed -n 's/^<svg [^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1 \2/p' "$svg")
    read -r pw ph < <(png_size "$out/$name.png")
    if [ "${w:-x}" != "$pw" ] || [ "${h:-x}" != "$ph" ]; then
        fail "$name: the SVG says ${w:-?} x ${h:-?} px, the PNG is $pw x $ph"
    elif [ "$want" = auto ] && [ "$w" -lt 1000 ]; then
        fail "$name: $w px wide, less than 1000"
    elif [ "$want" != auto ] && [ "$w" != "$want" ]; then
        fail "$name: $w px wide, not $want"
    fi
    if ! grep -qF "<title>$title" "$svg"; then
        fail "$name: its title does not start with \"$title\":"
        grep -o '<title>[^<]*' "$svg" | head -1 | sed 's/^/    /'
    fi
}

# draw NAME COMMAND...: run perseus-plan COMMAND quietly, writing NAME.svg.
draw() {
    local name=$1
    shift
    if ! "$pp" "$@" -q --svg "$out/$name.svg" >/dev/null 2>"$t/err"; then
        fail "$name: perseus-plan $*:"
        sed 's/^/    /' "$t/err"
    fi
}

nb=$'\xc2\xa0'
ex=profiles/examples/gpt-8stage-a100.csv
s8="gpt-8stage-a100, 1F1B, S${nb}=${nb}8"
draw frontier plan -p $ex -b a100 -M 24 --emit "$t/p24.yaml"
check frontier 1000 "Time-energy frontier: $s8, M${nb}=${nb}24"
draw frontier-column plan -p $ex -b a100 -M 24 --svg-width 3.5in
check frontier-column 336 "Time-energy frontier: $s8, M${nb}=${nb}24"
draw timeline eval -p $ex -b a100 -M 24 --plan "$t/p24.yaml"
check timeline auto "Timeline: $s8, M${nb}=${nb}24"
draw timeline-column eval -p $ex -b a100 -M 24 --plan "$t/p24.yaml" \
    --svg-width 3.5in --svg-window 0:1.5
check timeline-column 336 "Timeline: $s8, M${nb}=${nb}24"
draw timeline-interleaved eval -p $ex -b a100 -s interleaved -S 4 -V 2 \
    -M 16 --frequency min-energy
check timeline-interleaved auto \
    "Timeline: gpt-8stage-a100, interleaved 1F1B, S${nb}=${nb}4, M${nb}=${nb}16, V${nb}=${nb}2"
draw sweep sweep -p $ex -b a100 -M 24 --pipelines 16 --slowdowns 1:1.3:0.05
check sweep 1000 "Energy saving under a straggler: $s8, M${nb}=${nb}24, 16${nb}pipelines"
draw sweep-deadline sweep -p $ex -b a100 -M 24 --pipelines 16 \
    --slowdowns 1:1.3:0.05 --method deadline --svg-width 8cm
check sweep-deadline 302 "Energy saving under a straggler: $s8"
draw straggler sweep -p $ex -b a100 -M 24 --pipelines 16 \
    --straggler all:1.05,1.2,1.5
check straggler 1000 "A slow GPU in one pipeline: $s8, M${nb}=${nb}24, 16${nb}pipelines"
draw straggler-one sweep -p $ex -b a100 -M 24 --straggler 3,7:1.2:0.9 \
    --svg-width 3.5in
check straggler-one 336 "A slow GPU in one pipeline: $s8, M${nb}=${nb}24"

gpt3=$shared/data/sosp24/emulation/stage_profile/gpt3-175b+a100_sxm_bf16.csv
if [ -f "$gpt3" ]; then
    for m in 24 96; do
        draw gpt3-frontier-$m plan -p "$gpt3" -b a100 -S 8 -M $m \
            --emit "$t/g$m.yaml"
        check gpt3-frontier-$m 1000 \
            "Time-energy frontier: gpt3-175b+a100_sxm_bf16, 1F1B, S${nb}=${nb}8, M${nb}=${nb}$m"
        draw gpt3-timeline-$m eval -p "$gpt3" -b a100 -S 8 -M $m \
            --plan "$t/g$m.yaml"
        check gpt3-timeline-$m auto \
            "Timeline: gpt3-175b+a100_sxm_bf16, 1F1B, S${nb}=${nb}8, M${nb}=${nb}$m"
    done
    draw gpt3-straggler sweep -p "$gpt3" -b a100 -S 8 -M 24 --pipelines 16 \
        --straggler 3,7:1.1,1.3
    check gpt3-straggler 1000 \
        "A slow GPU in one pipeline: gpt3-175b+a100_sxm_bf16, 1F1B, S${nb}=${nb}8, M${nb}=${nb}24, 16${nb}pipelines"
else
    echo "no $gpt3: the measured profile's pictures skipped"
fi
echo "$n pictures rendered, $bad failures"
[ "$bad" -eq 0 ]
