#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test file tests/*/*.sh (or those named; after the whole suite,
# tests/coverage.sh and tests/mutations.sh) and prints TAP-style
# lines and a closing "N passed, N failed". Exit status 1 on any failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    # The whole suite, then its coverage, then mutations it must catch.
    files=("$top"/tests/*/*.sh "$top/tests/coverage.sh" "$top/tests/mutations.sh")
    : >"$hl_coverage"
fi
for hl_file in "${files[@]}"; do
    echo "# ${hl_file#"$top"/}"
    hl_file_started=$SECONDS hl_file_name=${hl_file#"$top"/}
    . "$hl_file"
    # Per-file wall time: what keeps make check inside its budget.
    echo "# $hl_file_name: $((SECONDS - hl_file_started)) s"
done
rm -f "$hl_stats"
if [ ${#failures[@]} -gt 0 ]; then
    printf '# failed: %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
