# SPDX-License-Identifier: GPL-2.0-or-later
# libpng's own test program, pngtest (from Debian's libpng1.6 source of
# each guest's release: toolchain/libpng-source.sh, mk/png.mk), built
# against the guest's libpng-dev: it reads pngtest.png with png_init_io
# (the FILE * crossing), writes it back row by row with read, write and
# user-chunk callbacks, its own error and warning handlers and user
# transforms, and compares the files. Through hostlink its output, messages,
# exit status and written file must be plain emulation's. riscv64's pngtest
# is libpng 1.6.48's and takes functions the host's 1.6.39 lacks
# (png_set_cLLI_fixed...): libpng stays emulated for it, by the
# version-skew rule, and says why.

pt_tmp=$(mktemp -d)
for a in $RUNTIME_ARCHES; do
    prog="$B/$a/tests/pngtest"
    if [ ! -x "$prog" ]; then
        echo "# skip: no pngtest for $a (libpng's source could not be fetched: toolchain/libpng-source.sh)"
        continue
    fi
    release=$(sed -n 's/^#define PNG_LIBPNG_VER_STRING "\(.*\)"$/\1/p' \
        "$(if [ "$a" = x86_64 ]; then echo /usr/include; else echo "$B/sysroot/$a/usr/include"; fi)/libpng16/png.h")
    for lib in none libpng16; do
        d="$pt_tmp/$a/$lib"
        mkdir -p "$d"
        cp "$B/libpng-src/$release/pngtest.png" "$d/"
        (cd "$d" && hostlink_run "$a" "$lib" "$prog" pngtest.png pngout.png >out 2>err; echo "exit $?" >>err)
    done
    expect_eq "pngtest $a: output, messages and exit status are plain emulation's" \
        "$(cat "$pt_tmp/$a/none/"{out,err})" "$(cat "$pt_tmp/$a/libpng16/"{out,err})"
    check "pngtest $a: libpng passes its own test" grep -q "libpng passes test" "$pt_tmp/$a/libpng16/out"
    check "pngtest $a: the file it wrote is plain emulation's" cmp "$pt_tmp/$a/none/pngout.png" "$pt_tmp/$a/libpng16/pngout.png"
    if [ "$release" = "$(sed -n 's/^#define PNG_LIBPNG_VER_STRING "\(.*\)"$/\1/p' /usr/include/libpng16/png.h)" ]; then
        expect_host "pngtest $a: libpng ran on the host" libpng16 png_init_io png_read_info png_read_rows \
            png_write_rows png_set_read_user_chunk_fn png_set_write_user_transform_fn png_read_end png_write_end
    else
        expect_emulated "pngtest $a: libpng $release's pngtest keeps libpng emulated (the host's lacks functions)" \
            libpng16 "which the thunk made from the host's libpng16.so.16 lacks"
    fi
done
rm -rf "$pt_tmp"
