#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# machine-formats.sh --pp PATH - read every machine-readable output back
# with Python's json and csv modules, and PyYAML where installed
# (machine-formats.py says what is checked); skipped (exit 77) when
# python3 is not installed.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pp=$root/build/planner/perseus-plan
[ "$1" = --pp ] && pp=$2
case $pp in /*) ;; *) pp=$PWD/$pp ;; esac
if ! command -v python3 >/dev/null 2>&1; then
    echo "python3 not found: skipped"
    exit 77
fi
cd "$root" && LC_ALL=C python3 "$here/machine-formats.py" "$pp"
