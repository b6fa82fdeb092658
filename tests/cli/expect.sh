# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# expect.sh - how the command-line tests compare what a run wrote with what
# is expected: byte for byte, with a unified diff on a mismatch.  Sourced
# by run.sh (the golden cases) and man-examples.sh (the manual's EXAMPLES)
# so that both report a mismatch the same way.

# expect_files EXPECTED_DIR ACTUAL_DIR NAME...: compares EXPECTED_DIR/NAME
# with ACTUAL_DIR/NAME for each NAME (which may contain slashes).  Prints
# nothing and returns 0 when all are equal; otherwise prints, for each
# difference, a unified diff labelled "expected NAME" and "actual NAME",
# or a line saying which of the two files is missing, and returns 1.
expect_files() {
    local exp=$1 act=$2 f bad=0
    shift 2
    for f in "$@"; do
        if [ ! -f "$exp/$f" ]; then
            echo "--- $f: expected file missing"
            bad=1
        elif [ ! -f "$act/$f" ]; then
            echo "--- $f: expected but not written"
            bad=1
        elif ! cmp -s "$exp/$f" "$act/$f"; then
            diff -u --label "expected $f" --label "actual $f" \
                "$exp/$f" "$act/$f"
            bad=1
        fi
    done
    return "$bad"
}
