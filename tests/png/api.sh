# SPDX-License-Identifier: GPL-2.0-or-later
# libpng through hostlink (--lib libpng16): the test program png-guest's
# hard cases (tests/png/png-guest.c) on every guest, each run as plain
# emulation and through hostlink, with the same output, messages and exit
# status, and the host's libpng doing the work:
#  - the default error handler: "libpng error: ..." and png_longjmp to the
#    program's setjmp(png_jmpbuf()): the host call ends at its unwind point
#    and the guest thunk makes the guest's longjmp (plugin/unwind.h);
#  - an error handler that longjmps itself, also out of png_error called in
#    a read callback (two host calls left at once): each abandoned call is
#    ended, none piles up;
#  - an error handler that returns, png_error/png_chunk_error/png_longjmp
#    called by the program, warnings;
#  - read, write and flush callbacks, the progressive reader;
#  - png_init_io on a FILE the program read the signature from (the FILE *
#    crossing), positions as natively, and on one it writes row by row
#    (the last chunk, IEND, is a small write no cookie call sees).

png_tmp=$(mktemp -d)
if ! python3 "$top/tests/png/mkpng.py" "$png_tmp" 2>/dev/null; then
    echo "# skip: tests/png needs python3 to make its PNGs"
    rm -rf "$png_tmp"
    return 0
fi
host_png=$(sed -n 's/^#define PNG_LIBPNG_VER_STRING "\(.*\)"$/\1/p' /usr/include/libpng16/png.h)

# png_case ARCH LIB CASE: the case's stdout, stderr and exit status, in one text.
png_case() {
    local out err rc
    out=$(hostlink_run "$1" "$2" "$B/$1/tests/png-guest" "$3" "$png_tmp" 2>"$png_tmp/err")
    rc=$?
    printf '%s\n--- stderr\n%s\n--- exit %d\n' "$out" "$(cat "$png_tmp/err")" $rc
}

# png_logged ARCH CASE: the plugin's log of a hostlink run of CASE.
png_logged() {
    local log="$png_tmp/plugin.log"
    "${hl_timeout[@]}" "$B/bin/hostlink" run --arch "$1" --lib libpng16 --stats="$hl_coverage" \
        --qemu-arg -d --qemu-arg plugin --qemu-arg -D --qemu-arg "$log" \
        -- "$B/$1/tests/png-guest" "$2" "$png_tmp" >/dev/null 2>&1
    grep '^hostlink: ' "$log"
}

# The functions each case must have run on the host.
declare -A png_evidence=(
    [default-handler]="png_set_longjmp_fn png_init_io png_read_png png_destroy_read_struct"
    [own-handler]="png_create_read_struct_2 png_set_read_fn png_read_png png_error png_get_error_ptr png_get_io_ptr"
    [handler-returns]="png_set_longjmp_fn png_read_png"
    [program-errors]="png_error png_chunk_error png_longjmp png_warning png_create_write_struct_2"
    [callbacks]="png_set_write_fn png_write_info png_write_image png_write_end png_set_flush png_get_text"
    [progressive]="png_set_progressive_read_fn png_process_data png_get_progressive_ptr png_read_update_info"
    [file-io]="png_init_io png_set_sig_bytes png_read_info png_read_row png_read_end png_get_libpng_ver"
    [file-write]="png_init_io png_write_info png_write_row png_write_end png_destroy_write_struct"
)

for a in $RUNTIME_ARCHES; do
    if [ ! -x "$B/$a/tests/png-guest" ]; then
        echo "# skip: no libpng-dev for $a (make sysroot)"
        continue
    fi
    for c in default-handler own-handler handler-returns program-errors callbacks progressive file-io file-write; do
        plain=$(png_case "$a" none "$c")
        hl=$(png_case "$a" libpng16 "$c")
        # png_get_libpng_ver: the host's release through hostlink, the guest's emulated.
        if [ "$c" = file-io ]; then
            expect_eq "png $a $c: the library is the host's libpng $host_png" "libpng $host_png" \
                "$(grep '^libpng ' <<<"$hl")"
            plain=$(grep -v '^libpng ' <<<"$plain"); hl=$(grep -v '^libpng ' <<<"$hl")
        fi
        expect_eq "png $a $c: output, messages and exit status are plain emulation's" "$plain" "$hl"
        # shellcheck disable=SC2086
        expect_host "png $a $c: libpng ran on the host" libpng16 ${png_evidence[$c]}
    done
    expect_eq "png $a: the default handler's 14 errors end their host calls and longjmp in the guest" \
        "14 longjmp'd, 0 abandoned" \
        "$(png_logged "$a" default-handler | awk '/longjmp.d \(value 1\)/ { j++ } /abandoned/ { b++ }
                                                 END { printf "%d longjmp'"'"'d, %d abandoned", j, b }')"
    expect_eq "png $a: an error handler's longjmp ends each abandoned call: 20 reads, 10 png_error from a read callback" \
        "10 png_error, 20 png_read_png" \
        "$(png_logged "$a" own-handler | awk '/png_error: abandoned/ { e++ } /png_read_png: abandoned/ { r++ }
                                             END { printf "%d png_error, %d png_read_png", e, r }')"
done
rm -rf "$png_tmp"
