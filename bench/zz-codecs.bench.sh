# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's xz and mksquashfs through hostlink against the host's own
# programs (native) and plain emulation, per guest. Runs after
# zlib.bench.sh (name order), whose row machinery (zb_row, checks and all)
# and generated text file it uses; wall-clock seconds of whole runs.
#
# CODECS_BENCH_MIB (default 64) sets the size of the xz input and of the
# tree mksquashfs packs (1 MiB files cut from the same text).

cb_mib=${CODECS_BENCH_MIB:-64}
cb_prog() { if [ "$1" = x86_64 ]; then echo "/usr/bin/$2"; else echo "$B/sysroot/$1/usr/bin/$2"; fi; }
# cb_unxz_to ORIGINAL FILE / cb_unsquash_to TREE IMAGE: the host's tools read the output back.
cb_unxz_to() { xz -dc "$2" | cmp -s - "$1"; }
# cb_tree_digest: the digest of the files of the squashfs image on stdin.
cb_tree_digest() {
    local t
    t=$(mktemp -d)
    cat >"$t/img"
    unsquashfs -no-progress -d "$t/t" "$t/img" >/dev/null &&
        (cd "$t/t" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum
    rm -rf "$t"
}
cb_unsquash_to() {
    local out
    out=$(mktemp -d) && unsquashfs -no-progress -d "$out/t" "$2" >/dev/null && diff -r -q "$1" "$out/t" >/dev/null
    local rc=$?
    rm -rf "$out"
    return $rc
}

echo
echo "Debian's xz and mksquashfs, $cb_mib MiB: wall-clock seconds (best of $RUNS runs)"
saved_mib=$zb_mib
zb_mib=$cb_mib
if cb_file=$(zb_pigz_file); then
    cb_tree="$B/bench/squashfs-tree-$cb_mib"
    if [ ! -d "$cb_tree" ]; then
        rm -rf "$B"/bench/squashfs-tree-*
        mkdir -p "$cb_tree/parts"
        (cd "$cb_tree/parts" && split -b 1048576 -a 4 "$cb_file" part.)
        for d in $(seq 1 10); do
            mkdir -p "$cb_tree/small/$d"
            for f in $(seq 1 100); do echo "small file $d/$f" >"$cb_tree/small/$d/$f"; done
        done
    fi
    for arch in $GUEST_ARCHES; do
        xz_prog=$(cb_prog "$arch" xz) sq_prog=$(cb_prog "$arch" mksquashfs)
        zb_wall=1
        if [ ! -x "$xz_prog" ]; then
            echo "# $arch: no Debian xz (make sysroot)"
        elif [ "$arch" = riscv64 ]; then
            # The version-skew rule keeps liblzma emulated for it: no host work to show.
            echo "# $arch: Debian's xz needs liblzma's XZ_5.6.0, which the host lacks: liblzma stays emulated, no row"
        else
            zb_native=(xz -6 -T1 -c "$cb_file")
            zb_verify=(cb_unxz_to "$cb_file")
            zb_row "$arch" "xz -6 -T1, $cb_mib MiB file" liblzma "" "$xz_prog" -6 -T1 -c "$cb_file"
        fi
        if [ -x "$sq_prog" ]; then
            # Written to stdout, a regular file here (zb_wall), so that it can seek.
            sq_args=("$cb_tree" /dev/stdout -comp zstd -noappend -no-progress -quiet -processors 1
                     -mkfs-time 0 -all-time 0)
            zb_native=(mksquashfs "${sq_args[@]}")
            zb_verify=(cb_unsquash_to "$cb_tree")
            guest_v=$(awk '$1 == "libzstd1" { print $2 }' "$B/sysroot/$arch/.packages" 2>/dev/null || true)
            host_v=$(dpkg-query -W -f '${Version}' libzstd1)
            [ -z "$guest_v" ] || [ "${guest_v%%[-+]*}" = "${host_v%%[-+]*}" ] ||
                zb_note=" (guest libzstd ${guest_v%%[-+]*}, host ${host_v%%[-+]*})"
            zb_digest=(cb_tree_digest)
            zb_row "$arch" "mksquashfs -comp zstd -processors 1, $cb_mib MiB tree" libzstd "" "$sq_prog" "${sq_args[@]}"
            zb_note="" zb_digest=(sha256sum)
        fi
        zb_wall="" zb_verify=() zb_native=()
    done
fi
zb_mib=$saved_mib
