#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test file tests/*/*.sh (or those named) and prints TAP-style
# lines and a closing "N passed, N failed". Exit status 1 on any failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$top"/tests/*/*.sh)
for f in "${files[@]}"; do
    echo "# ${f#"$top"/}"
    . "$f"
done
if [ ${#failures[@]} -gt 0 ]; then
    printf '# failed: %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
