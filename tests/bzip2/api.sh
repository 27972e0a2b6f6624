# SPDX-License-Identifier: GPL-2.0-or-later
# libbz2 through hostlink on every guest: tests/bzip2/bz-guest.c uses guest
# FILEs with libbz2 (guest writes before and after, positions, reading what
# the guest opened and partly read, concatenated streams, pipes, fmemopen,
# I/O errors and the guest's error flags) and calls every function of
# bzlib.h with the edges of its integer arguments. Its lines must be those
# of plain emulation, and every function must have run on the host.

bz_api_fns=$(awk -F'\t' '$2 == "host" { print $1 }' "$B/gen/bzip2.functions" 2>/dev/null)
for a in $RUNTIME_ARCHES; do
    prog="$B/$a/tests/bz-guest"
    if [ ! -x "$prog" ]; then
        echo "# skip: no bz-guest for $a (no libbz2 of the guest's: make sysroot)"
        continue
    fi
    run_both "bzip2 api $a" "$a" bzip2 "$prog"      # status 0: every check passes
    bz_api_tmp=$run_dir
    expect_eq "bzip2 api $a: the same lines as plain emulation" \
        "$(cat "$bz_api_tmp/none.out")" "$(cat "$bz_api_tmp/bzip2.out")"
    # shellcheck disable=SC2086
    expect_host "bzip2 api $a: every function of libbz2 ran on the host" bzip2 $bz_api_fns
    rm -rf "$bz_api_tmp"
done
