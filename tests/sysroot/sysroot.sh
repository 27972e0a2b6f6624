# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own pigz and minizip from the project's guest sysroots
# (toolchain/sysroot.sh, `make sysroot`) under plain QEMU: what they write
# the host's gzip and unzip read back byte for byte, and the reverse.
# Then the same unmodified programs through `hostlink run --lib zlib`: they
# must write exactly the files they write emulated (`--lib none`), and
# deflate must really have run on the host.

sysroot_tmp=$(mktemp -d)
# About 4 MiB: text that compresses well and a random part that does not.
seq 1 100000 | awk '{ print $1, $1 * $1 % 9973, "hostlink sysroot test line" }' \
    > "$sysroot_tmp/data"
head -c 262144 /dev/urandom >> "$sysroot_tmp/data"

# sysroot_run ARCH PROG ARGS...: a program of ARCH's sysroot under plain
# QEMU, run in ARCH's scratch directory (so zip entries get plain names).
sysroot_run() {
    local arch=$1 prog=$2 root="$B/sysroot/$1"; shift 2
    (cd "$sysroot_tmp/$arch" &&
     ${QEMU_LAUNCHER:-} "$QEMU_BIN/qemu-$arch" -L "$root" "$root/usr/bin/$prog" "$@")
}
sysroot_pigz_runs() { sysroot_run "$1" pigz --version 2>&1 | grep -q '^pigz [0-9]'; }
sysroot_host_gunzip() {
    gzip -t "$sysroot_tmp/$1/data.gz" &&
        gzip -dc "$sysroot_tmp/$1/data.gz" | cmp - "$sysroot_tmp/data"
}
sysroot_guest_gunzip() { sysroot_run "$1" pigz -dc host.gz | cmp - "$sysroot_tmp/data"; }
sysroot_host_unzip() { unzip -p "$sysroot_tmp/$1/out.zip" data | cmp - "$sysroot_tmp/data"; }

# sysroot_hl ARCH LIB PROG ARGS...: a program of ARCH's sysroot through
# `hostlink run --lib LIB` (hostlink_run), in the scratch directory
# ARCH/LIB; the run's statistics are kept in ARCH/LIB.stats.
sysroot_hl() {
    local arch=$1 lib=$2 prog=$3 dir="$sysroot_tmp/$1/$2" rc; shift 3
    (cd "$dir" && hostlink_run "$arch" "$lib" "$B/sysroot/$arch/usr/bin/$prog" "$@" >/dev/null 2>&1)
    rc=$?
    cp "$hl_stats" "$dir.stats"
    return $rc
}
# sysroot_same ARCH FILE: FILE written through hostlink = FILE written emulated.
sysroot_same() { cmp "$sysroot_tmp/$1/none/$2" "$sysroot_tmp/$1/zlib/$2"; }
# sysroot_host_deflate ARCH: hostlink's statistics count deflate calls on the host.
sysroot_host_deflate() {
    awk -F'\t' '$1 == "fn" && $4 == "zlib" && $5 == "deflate" && $6 > 0 { found = 1 } END { exit !found }' \
        "$sysroot_tmp/$1/zlib.stats"
}

for sysroot_arch in aarch64 riscv64; do
    if [ ! -f "$B/sysroot/$sysroot_arch/.complete" ]; then
        echo "# skip: no sysroot for $sysroot_arch, run make sysroot"
        continue
    fi
    a=$sysroot_arch
    mkdir -p "$sysroot_tmp/$a"
    cp "$sysroot_tmp/data" "$sysroot_tmp/$a/data"
    gzip -9 -c "$sysroot_tmp/data" > "$sysroot_tmp/$a/host.gz"

    check "sysroot $a: Debian's pigz runs" sysroot_pigz_runs "$a"
    check "sysroot $a: pigz -6 -k writes data.gz" sysroot_run "$a" pigz -6 -k data
    check "sysroot $a: host gzip reads pigz's output byte-identically" sysroot_host_gunzip "$a"
    check "sysroot $a: pigz -dc reads host gzip's output byte-identically" sysroot_guest_gunzip "$a"

    check "sysroot $a: minizip writes out.zip" sysroot_run "$a" minizip -o -6 out.zip data
    if ! command -v unzip >/dev/null; then
        echo "# skip: no unzip on the host to read minizip's zip"
    else
        expect_eq "sysroot $a: host unzip -l lists minizip's entry" \
            "$(wc -c < "$sysroot_tmp/data") data" \
            "$(unzip -l "$sysroot_tmp/$a/out.zip" 2>&1 | awk '$4 == "data" { print $1, $4 }')"
        check "sysroot $a: host unzip reads minizip's entry byte-identically" sysroot_host_unzip "$a"
    fi

    if [ ! -x "$B/bin/hostlink" ]; then
        echo "# skip: hostlink command not built: no pass-through runs of pigz and minizip"
        continue
    fi
    # Both directories get a copy with the same time stamp: pigz stores the
    # name and mtime in the gzip header, minizip the mtime in the zip entry.
    for lib in none zlib; do
        mkdir -p "$sysroot_tmp/$a/$lib"
        cp -p "$sysroot_tmp/$a/data" "$sysroot_tmp/$a/$lib/data"
    done
    for lib in none zlib; do
        check "sysroot $a: pigz -6 -k through hostlink --lib $lib" sysroot_hl "$a" "$lib" pigz -6 -k data
    done
    check "sysroot $a: pigz through hostlink writes the data.gz it writes emulated" sysroot_same "$a" data.gz
    check "sysroot $a: host gzip reads pigz's output through hostlink byte-identically" \
        bash -c "gzip -dc '$sysroot_tmp/$a/zlib/data.gz' | cmp - '$sysroot_tmp/data'"
    check "sysroot $a: pigz through hostlink ran deflate on the host" sysroot_host_deflate "$a"

    for lib in none zlib; do
        check "sysroot $a: minizip through hostlink --lib $lib" sysroot_hl "$a" "$lib" minizip -o -6 out.zip data
    done
    check "sysroot $a: minizip through hostlink writes the out.zip it writes emulated" sysroot_same "$a" out.zip
    ! command -v unzip >/dev/null ||
        check "sysroot $a: host unzip reads minizip's output through hostlink byte-identically" \
            bash -c "unzip -p '$sysroot_tmp/$a/zlib/out.zip' data | cmp - '$sysroot_tmp/data'"
    check "sysroot $a: minizip through hostlink ran deflate on the host" sysroot_host_deflate "$a"
done
unset -f sysroot_run sysroot_pigz_runs sysroot_host_gunzip sysroot_guest_gunzip sysroot_host_unzip \
    sysroot_hl sysroot_same sysroot_host_deflate
rm -rf "$sysroot_tmp"
