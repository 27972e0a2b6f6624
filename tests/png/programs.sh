# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own unmodified PNG programs (the host's for the x86_64 guest,
# the guest sysroots' for aarch64 and riscv64) through `hostlink run --lib
# libpng16`: optipng -o2 (its own read and write callbacks, an error
# handler that longjmps), pngcrush (png_init_io: the FILE * crossing; its
# error handler longjmps) and pngfix (libpng-tools: read callbacks,
# png_error from them, its own longjmp). Inputs made at test time by
# tests/png/mkpng.py (interlaced, palette, gray+alpha, 16-bit, 1-bit, a
# truncated file and one with a wrong CRC; HOSTLINK_PNG_SCALE multiplies
# their size, `make check-png-long` uses 8). Every file written, message
# and exit status must be plain emulation's, and libpng must have run on
# the host.

png_tmp=$(mktemp -d)
if ! python3 "$top/tests/png/mkpng.py" "$png_tmp" "${HOSTLINK_PNG_SCALE:-1}" 2>/dev/null; then
    echo "# skip: tests/png needs python3 to make its PNGs"
    rm -rf "$png_tmp"
    return 0
fi
png_inputs=$(cd "$png_tmp" && ls ./*.png)

# png_prog ARCH NAME: Debian's program NAME for that guest, or nothing.
png_prog() {
    if [ "$1" = x86_64 ]; then command -v "$2"
    elif [ -x "$B/sysroot/$1/usr/bin/$2" ]; then echo "$B/sysroot/$1/usr/bin/$2"; fi
}

# png_step ARCH LIB NAME PROG ARGS...: PROG ARGS in ARCH/LIB's directory;
# its output, messages and status go to NAME.log; the run's stats to LIB.stats.
png_step() {
    local arch=$1 lib=$2 name=$3 dir="$png_tmp/$1/$2" rc; shift 3
    (cd "$dir" && hostlink_run "$arch" "$lib" "$@" >"$name.out" 2>"$name.err")
    rc=$?
    # pngcrush prints the CPU time it took, and after "caught libpng error:"
    # a message it kept a pointer to, in a buffer of libpng's that is gone
    # by then (riscv64's genuine libpng has overwritten it: garbage bytes).
    local f
    for f in "$dir/$name.out" "$dir/$name.err"; do
        awk 'dead { $0 = "   (libpng message)" } { dead = /caught libpng error:$/; print }
             ' "$f" | sed 's/^CPU time .*/CPU time (masked)/' >"$f.masked" && mv "$f.masked" "$f"
    done
    echo "exit $rc" >>"$dir/$name.err"
    cat "$hl_stats" >>"$dir.stats"
}

png_calls() {
    awk -F'\t' -v fn="$2" '$1 == "fn" && $4 == "libpng16" && $5 == fn { n += $6 } END { print n + 0 }' \
        "$png_tmp/$1/libpng16.stats"
}

png_same_files() {
    local a=$1 rc=0 f
    [ "$(cd "$png_tmp/$a/none" && find . -type f | sort)" = "$(cd "$png_tmp/$a/libpng16" && find . -type f | sort)" ] ||
        { echo "not the same files"; rc=1; }
    for f in $(cd "$png_tmp/$a/none" && find . -type f | sort); do
        cmp "$png_tmp/$a/none/$f" "$png_tmp/$a/libpng16/$f" || rc=1
    done
    return $rc
}

# The host's libpng reads every image the programs wrote from a good input.
png_host_reads() {
    local d="$png_tmp/$1/libpng16" f rc=0
    for f in "$d"/opti/*.png "$d"/crush/*.png; do
        case "$f" in */bad-*) continue ;; esac
        pngfix --quiet "$f" >/dev/null || { echo "$f: pngfix says $?"; rc=1; }
    done
    return $rc
}

for a in $RUNTIME_ARCHES; do
    opti=$(png_prog "$a" optipng); crush=$(png_prog "$a" pngcrush); fix=$(png_prog "$a" pngfix)
    if [ -z "$opti" ] || [ -z "$crush" ] || [ -z "$fix" ]; then
        echo "# skip: no Debian optipng, pngcrush and pngfix for $a (make sysroot)"
        continue
    fi
    for lib in none libpng16; do
        d="$png_tmp/$a/$lib"
        mkdir -p "$d/opti" "$d/crush"
        : >"$d.stats"
        # shellcheck disable=SC2086
        (cd "$png_tmp" && cp $png_inputs "$d/")
        # shellcheck disable=SC2086
        png_step "$a" $lib optipng "$opti" -o2 -dir opti $png_inputs
        # shellcheck disable=SC2086
        png_step "$a" $lib pngcrush "$crush" -d crush $png_inputs
        # shellcheck disable=SC2086
        png_step "$a" $lib pngfix "$fix" --prefix=fixed- --strip=unsafe $png_inputs
    done
    for p in optipng pngcrush pngfix; do
        expect_eq "png $a: $p's output, messages and exit status are plain emulation's" \
            "$(cat "$png_tmp/$a/none/$p".{out,err})" "$(cat "$png_tmp/$a/libpng16/$p".{out,err})"
    done
    check "png $a: every file written is plain emulation's, byte for byte" png_same_files "$a"
    check "png $a: the host's libpng reads what optipng and pngcrush wrote" png_host_reads "$a"
    check "png $a: optipng and pngfix fail on the bad files" \
        grep -q "exit [1-9]" "$png_tmp/$a/libpng16/optipng.err" "$png_tmp/$a/libpng16/pngfix.err"
    missing=""
    for fn in png_create_read_struct_2 png_set_read_fn png_read_png png_write_png png_set_write_fn \
              png_init_io png_read_info png_read_row png_write_row png_error png_destroy_read_struct; do
        [ "$(png_calls "$a" $fn)" -gt 0 ] || missing+=" $fn"
    done
    expect_eq "png $a: libpng's functions ran on the host" "" "$missing"
    echo "# png $a: host calls: png_read_row $(png_calls "$a" png_read_row), png_write_row $(png_calls "$a" png_write_row)," \
         "png_error $(png_calls "$a" png_error)"
done
rm -rf "$png_tmp"
