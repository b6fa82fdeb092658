#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# man-lint.sh - lint the manual pages with mandoc(1) at warning level and
# above; skipped (exit 77) when mandoc is not installed.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v mandoc >/dev/null 2>&1; then
    echo "mandoc not found: skipped"
    exit 77
fi
mandoc -T lint -W warning "$root/man/perseus-plan.1" \
    "$root/man/perseus-plan-profiles.5"
s=$?
[ "$s" -eq 0 ] && echo "mandoc -T lint -W warning: clean"
exit "$s"
