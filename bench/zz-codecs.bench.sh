# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's xz, bzip2 and mksquashfs through hostlink against the host's own
# programs (native) and plain emulation, per guest (issue 9). Runs after
# zlib.bench.sh (name order), whose row machinery (zb_row, checks and all)
# and generated text file it uses; wall-clock seconds of whole runs.
#
# CODECS_BENCH_MIB (default 64; BENCH_SIZE sets it too) sets the size of
# the xz and bzip2 input and of the tree mksquashfs packs (1 MiB files cut
# from the same text). At 64 MiB these are the bench's longest rows: plain
# emulation of xz -6 takes minutes, so a run slower than BENCH_ONCE_S is
# not repeated (zb_row), and the native figure of a workload (the host's
# own program) is measured once for all three guests. `BENCH_ONLY=codecs
# make bench` runs only these rows.

cb_mib=${CODECS_BENCH_MIB:-64}
# cb_prog ARCH NAME: Debian's program for the guest (the host's own on x86_64).
# CODECS_BENCH_PROGS (default all three): the programs whose rows run.
cb_prog() {
    local root=$B/sysroot/$1 d
    [[ " ${CODECS_BENCH_PROGS:-xz bzip2 mksquashfs} " == *" $2 "* ]] || return 0
    [ "$1" != x86_64 ] || root=""
    for d in /usr/bin /bin /usr/sbin; do
        [ ! -x "$root$d/$2" ] || { echo "$root$d/$2"; return; }
    done
}
# cb_unxz_to ORIGINAL FILE / cb_bunzip_to / cb_unsquash_to TREE IMAGE: the host's tools read the output back.
cb_unxz_to() { xz -dc "$2" | cmp -s - "$1"; }
cb_bunzip_to() { bzip2 -dc "$2" | cmp -s - "$1"; }
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

# The expected time, from rates measured on this 2-core VM when it was
# quiet (seconds per MiB: native; plain emulation on x86_64, aarch64,
# riscv64 guests; hostlink is about native): a loaded machine takes longer.
cb_estimate() {
    local arches=" $GUEST_ARCHES " once=${BENCH_ONCE_S:-20}
    awk -v mib="$cb_mib" -v runs="$RUNS" -v once="$once" -v arches="$arches" 'BEGIN {
        # workload: native, plain x86_64, aarch64, riscv64 (s/MiB)
        w["xz"] = "0.42 1.1 1.7 1.6"; w["bzip2"] = "0.10 0.25 0.35 0.33"; w["mksquashfs"] = "0.03 0.09 0.12 0.11"
        split("x86_64 aarch64 riscv64", a, " ")
        for (k in w) {
            split(w[k], r, " ")
            n = r[1] * mib; total += n * (n > once ? 1 : runs)          # native: once for all guests
            for (i = 1; i <= 3; i++) {
                if (index(arches, " " a[i] " ") == 0) continue
                p = r[i + 1] * mib; total += p * (p > once ? 1 : runs)
                h = k == "xz" && a[i] == "riscv64" ? p : n       # riscv64 xz keeps liblzma emulated
                total += h * (h > once ? 1 : runs)
            }
        }
        printf "# expected: about %.0f minutes on a quiet machine (%d MiB; runs over %d s are not repeated)\n",
            total / 60, mib, once
    }'
}

echo
echo "Debian's xz, bzip2 and mksquashfs, $cb_mib MiB: wall-clock seconds (best of $RUNS runs; runs over ${BENCH_ONCE_S:-20} s once)"
cb_estimate
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
        xz_prog=$(cb_prog "$arch" xz) bz_prog=$(cb_prog "$arch" bzip2) sq_prog=$(cb_prog "$arch" mksquashfs)
        target=codec
        [ "$arch" != aarch64 ] || target=codec-aarch64
        zb_wall=1
        if [ -z "$xz_prog" ]; then
            echo "# $arch: no xz row (no Debian xz: make sysroot; or not in CODECS_BENCH_PROGS)"
        else
            zb_native=(xz -6 -T1 -c "$cb_file")
            zb_verify=(cb_unxz_to "$cb_file")
            if [ "$arch" = riscv64 ]; then
                # The version-skew rule keeps liblzma emulated for it: the row
                # checks that it is, and that hostlink then costs nothing.
                zb_emulated="lacks" zb_note=" (liblzma emulated: xz needs XZ_5.6.0)"
                zb_row "$arch" "xz -6 -T1, $cb_mib MiB file" liblzma emulated "$xz_prog" -6 -T1 -c "$cb_file"
                zb_emulated="" zb_note=""
            else
                zb_row "$arch" "xz -6 -T1, $cb_mib MiB file" liblzma "$target" "$xz_prog" -6 -T1 -c "$cb_file"
            fi
        fi
        if [ -n "$bz_prog" ]; then
            zb_native=(bzip2 -9 -c "$cb_file")
            zb_verify=(cb_bunzip_to "$cb_file")
            zb_row "$arch" "bzip2 -9, $cb_mib MiB file" bzip2 "$target" "$bz_prog" -9 -c "$cb_file"
        fi
        if [ -n "$sq_prog" ]; then
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
            zb_row "$arch" "mksquashfs -comp zstd -processors 1, $cb_mib MiB tree" libzstd codec \
                "$sq_prog" "${sq_args[@]}"
            zb_note="" zb_digest=(sha256sum)
        fi
        zb_wall="" zb_verify=() zb_native=()
    done
fi
zb_mib=$saved_mib
