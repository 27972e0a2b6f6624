# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's optipng -o2 on a set of PNGs (tests/png/mkpng.py's good ones,
# PNG_BENCH_SCALE times their test size, default 12: 732x564 pixels each)
# through hostlink, against the host's own optipng (native) and plain
# emulation, per guest. Runs after zlib.bench.sh (name order), whose row
# machinery (zb_row) it uses; wall-clock seconds of whole runs.
#
# optipng writes its files into a directory: after each run the host's
# pngfix must read every one back, and the hostlink run's files must be
# plain emulation's, byte for byte (the native program may be another
# release than a guest's: riscv64's is 0.7.8, the host's 0.7.7).

pb_scale=${PNG_BENCH_SCALE:-12}
pb_dir="$B/bench/png-$pb_scale"
pb_prog() { if [ "$1" = x86_64 ]; then echo /usr/bin/optipng; else echo "$B/sysroot/$1/usr/bin/optipng"; fi; }

# pb_check FILE: the outputs of the run that wrote $zb_out.MODE pass, and
# the hostlink run's are the plain run's; keeps a digest per mode.
pb_check() {
    local mode=${1##*.} f digest
    for f in "$pb_dir"/out/*.png; do
        pngfix --quiet "$f" >/dev/null || return 1
    done
    digest=$(cat "$pb_dir"/out/*.png | sha256sum | cut -c1-16)
    echo "$digest" >"$pb_dir/digest.$mode"
    [ "$mode" != hostlink ] || [ "$digest" = "$(cat "$pb_dir/digest.plain" 2>/dev/null)" ]
}

echo
echo "Debian's optipng -o2, $(( 61 * pb_scale ))x$(( 47 * pb_scale )) PNGs: wall-clock seconds (best of $RUNS runs)"
if ! command -v python3 >/dev/null || ! command -v optipng >/dev/null; then
    echo "# no python3 or no host optipng: no optipng rows"
else
    if [ ! -f "$pb_dir/in/rgb8.png" ]; then
        rm -rf "$B"/bench/png-*
        mkdir -p "$pb_dir/in"
        python3 "$top/tests/png/mkpng.py" "$pb_dir/in" "$pb_scale"
        rm -f "$pb_dir"/in/bad-*.png
    fi
    pb_inputs=("$pb_dir"/in/*.png)
    for arch in $GUEST_ARCHES; do
        prog=$(pb_prog "$arch")
        if [ ! -x "$prog" ]; then
            echo "# $arch: no Debian optipng (make sysroot)"
            continue
        fi
        rm -f "$pb_dir"/digest.*
        args=(-o2 -quiet -clobber -dir "$pb_dir/out" "${pb_inputs[@]}")
        zb_wall=1 zb_verify=(pb_check) zb_native=(optipng "${args[@]}")
        guest_v=$(awk '$1 == "optipng" { print $2 }' "$B/sysroot/$arch/.packages" 2>/dev/null || true)
        host_v=$(dpkg-query -W -f '${Version}' optipng 2>/dev/null || true)
        [ -z "$guest_v" ] || [ "${guest_v%%[-+]*}" = "${host_v%%[-+]*}" ] ||
            zb_note=" (native: host optipng ${host_v%%[-+]*}; guest ${guest_v%%[-+]*})"
        zb_row "$arch" "optipng -o2, ${#pb_inputs[@]} PNGs" libpng16 "" "$prog" "${args[@]}"
        zb_wall="" zb_verify=() zb_native=() zb_note=""
    done
fi
