# SPDX-License-Identifier: GPL-2.0-or-later
# FILE * crossing on every guest: tests/file/file-guest.c hands its FILEs
# (files, pipes, fmemopen, stdout) to libhlf, which reads, writes, seeks,
# pushes back, tests flags and closes them, between the guest's own uses.
# Every line must be what the genuine library gives under plain emulation,
# but two: the host stream has no file descriptor (fileno() is -1), and
# it buffers small writes, so a write the guest's FILE refuses fails at the
# host stream's flush (the end of the call at the latest), not in fwrite.
# (The functions returning streams are tests/file/returned.sh's.)

for a in $RUNTIME_ARCHES; do
    run_both "file $a" "$a" hlf "$B/$a/tests/file-guest"
    file_tmp=$run_dir
    expect_eq "file $a: the same observations as the genuine library emulated" \
        "$(grep -Ev '^(fileno|write-return):' "$file_tmp/none.out")" \
        "$(grep -Ev '^(fileno|write-return):' "$file_tmp/hlf.out")"
    expect_eq "file $a: fileno() of the host stream is -1, a refused small write fails at flush (documented)" \
        "fileno: 0 write-return: 1" "$(grep -E '^(fileno|write-return):' "$file_tmp/hlf.out" | sort | tr '\n' ' ' | sed 's/ $//')"
    # shellcheck disable=SC2046
    expect_host "file $a: every function ran on the host" hlf \
        $(awk -F'\t' '$2 == "host" && $1 !~ /^hlf_(open|fdopen|same|is_kept|kept_puts|kept_getc|address)$/ { print $1 }' \
              "$B/gen/hlf.functions")
    rm -rf "$file_tmp"
done
