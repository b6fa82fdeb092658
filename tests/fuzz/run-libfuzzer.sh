#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-libfuzzer.sh - build the fuzz targets of tests/fuzz/ as libFuzzer
# binaries (clang, -fsanitize=fuzzer,address,undefined) and run them.
#
# The library sources (profiles/base/, profiles/, graph/, solver/) are
# compiled once with -fsanitize=fuzzer-no-link,address,undefined into one
# static archive per module, and each fuzz_NAME.c is linked against them
# with libFuzzer's main instead of replay.c.  Each target then runs for
# SECONDS with its seed corpus (tests/fuzz/corpus/NAME,
# tests/fuzz/regress/NAME) read-only: new inputs go to OUT/corpus/NAME,
# crashes, leaks and timeouts to OUT/artifacts/NAME/, the log to
# OUT/logs/NAME.log.  UBSan halts on the first error
# (-fno-sanitize-recover).  A crash found here is a bug: fix it, copy the
# input into tests/fuzz/regress/NAME/ so that `meson test --suite fuzz`
# replays it from then on.
#
# usage: run-libfuzzer.sh [-t SECONDS] [-j JOBS] [-o OUT] [-l MAXLEN]
#                         [-b] [TARGET...] [-- LIBFUZZER-OPTION...]
#
#   -t SECONDS  fuzzing time per target (default 60)
#   -j JOBS     targets run at the same time (default 1)
#   -o OUT      build and output directory (default build-libfuzzer in the
#               source root)
#   -l MAXLEN   longest input libFuzzer generates (default 16384)
#   -b          build only
#   TARGET      profile yamltree dag plan plan_zeus frontier fit (default:
#               all)
#
# The exit status is 0 if no target found anything, 1 otherwise.  Needs
# clang with libFuzzer (Debian: clang, libclang-rt-*-dev) and the
# project's -dev packages.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
all_targets=(profile yamltree dag plan plan_zeus frontier fit)

seconds=60
jobs=1
out=$root/build-libfuzzer
maxlen=16384
build_only=0
targets=()
extra=()

while [ $# -gt 0 ]; do
    case $1 in
    -t) seconds=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    -l) maxlen=$2; shift 2 ;;
    -b) build_only=1; shift ;;
    -h|--help)
        sed -n '/^# usage:/,/^# project/s/^# \{0,1\}//p' "$0"
        exit 0 ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "run-libfuzzer.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    case " ${all_targets[*]} " in
    *" $t "*) ;;
    *) echo "run-libfuzzer.sh: unknown target $t (one of: ${all_targets[*]})" >&2
       exit 2 ;;
    esac
done

CC=${CC:-clang}
if ! command -v "$CC" >/dev/null; then
    echo "run-libfuzzer.sh: $CC not found (apt-get install clang)" >&2
    exit 2
fi
case $out in /*) ;; *) out=$PWD/$out ;; esac
mkdir -p "$out/obj" "$out/bin" "$out/logs" || exit 2

sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -DPP_VERSION='"fuzz"' -g -O1
        -fno-omit-frame-pointer "${sanitize[@]}"
        -I"$root/profiles/base" -I"$root/profiles" -I"$root/graph"
        -I"$root/solver"
        $(pkg-config --cflags yaml-0.1 igraph gsl))
libs=($(pkg-config --libs yaml-0.1 igraph gsl) -lglpk -lm)

# ---- build ---------------------------------------------------------------
for mod in profiles/base profiles graph solver; do
    lib=${mod##*/}
    objs=()
    for src in "$root/$mod"/*.c; do
        obj=$out/obj/$lib-$(basename "${src%.c}").o
        objs+=("$obj")
        "$CC" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" &
    done
    wait || true
    for obj in "${objs[@]}"; do
        [ -f "$obj" ] || { echo "run-libfuzzer.sh: compiling $mod failed" >&2; exit 2; }
    done
    rm -f "$out/obj/lib$lib.a"
    ar rcs "$out/obj/lib$lib.a" "${objs[@]}" || exit 2
done
for t in "${targets[@]}"; do
    src=$here/fuzz_$t.c
    defs=()
    if [ "$t" = profile ]; then
        src=$root/tests/profiles/fuzz_profile.c
        defs=(-DPP_LIBFUZZER)
    fi
    "$CC" "${cflags[@]}" "${defs[@]}" -fsanitize=fuzzer -I"$here" "$src" \
        "$out/obj/libsolver.a" "$out/obj/libgraph.a" "$out/obj/libprofiles.a" \
        "$out/obj/libbase.a" "${libs[@]}" -o "$out/bin/fuzz_$t" || exit 2
done
echo "built ${targets[*]} in $out/bin"
[ "$build_only" = 1 ] && exit 0

# ---- run -----------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

run_one() {
    local t=$1 seeds=("$here/corpus/$1" "$here/regress/$1")
    [ "$t" = profile ] && seeds+=("$root/tests/profiles/corpus")
    local dict=()
    [ -f "$here/dict/$t.dict" ] && dict=(-dict="$here/dict/$t.dict")
    mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
    "$out/bin/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 \
        -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
        -artifact_prefix="$out/artifacts/$t/" "${dict[@]}" "${extra[@]}" \
        "$out/corpus/$t" "${seeds[@]}" >"$out/logs/$t.log" 2>&1
}

for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        sleep 1
    done
    echo "fuzzing $t for ${seconds}s (log: $out/logs/$t.log)"
    run_one "$t" &
done
wait

status=0
printf '%-10s %12s %8s %8s %8s  %s\n' target executions cov ft corpus found
for t in "${targets[@]}"; do
    log=$out/logs/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
    found=$(find "$out/artifacts/$t" -type f 2>/dev/null | wc -l)
    what=none
    if [ "$found" -gt 0 ] || grep -q '^==[0-9]*==ERROR\|^SUMMARY:' "$log"; then
        what="$found artifact(s) in $out/artifacts/$t"
        status=1
    fi
    printf '%-10s %12s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" \
        "${ft:-?}" "${corp:-?}" "$what"
done
exit $status
