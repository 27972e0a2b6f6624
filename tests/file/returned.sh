# SPDX-License-Identifier: GPL-2.0-or-later
# FILE *s a host library returns (hlf_open, hlf_fdopen) on every guest:
# tests/file/returned-guest.c writes, reads, seeks and closes them, and the
# library uses them in between (given the stream, or the one it kept).
# Every line must be what the genuine library gives under plain emulation,
# with the functions that made the streams run on the host; bad requests
# of the plugin for such streams get error codes.

for a in $RUNTIME_ARCHES; do
    run_both "returned FILE $a" "$a" hlf "$B/$a/tests/returned-guest"
    ret_tmp=$run_dir
    expect_host "returned FILE $a: the streams were made and used on the host" hlf \
        hlf_open hlf_fdopen hlf_same hlf_is_kept hlf_kept_puts hlf_kept_getc hlf_write hlf_read hlf_seek hlf_close
    expect_eq "returned FILE $a: the same observations as the genuine library emulated" \
        "$(cat "$ret_tmp/none.out")" "$(cat "$ret_tmp/hlf.out")"
    check "returned FILE $a: the observations are all there" grep -q "^pipe: read back" "$ret_tmp/hlf.out"
    expect_eq "returned FILE $a: both files the same" "$(cat "$ret_tmp/none/r.txt" | sha256sum)" \
        "$(cat "$ret_tmp/hlf/r.txt" | sha256sum)"
    hostlink_run "$a" hlf "$B/$a/tests/returned-guest" "$ret_tmp/hlf" forge >"$ret_tmp/forge.out" 2>&1
    expect_eq "returned FILE $a: bad requests get error codes" \
        "forge: read into page 0: EFAULT
forge: unknown operation: EINVAL
forge: a stream never handed out: EBADF
forge: a stream closed since: EBADF" "$(cat "$ret_tmp/forge.out")"
    expect_host "returned FILE $a: the forged requests named a real host stream" hlf hlf_address
    rm -rf "$ret_tmp"
done
