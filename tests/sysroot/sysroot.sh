# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own pigz and minizip from the project's guest sysroots
# (toolchain/sysroot.sh, `make sysroot`) under plain QEMU: what they write
# the host's gzip and unzip read back byte for byte, and the reverse.

sysroot_tmp=$(mktemp -d)
# About 1 MiB: text that compresses well and a random part that does not.
seq 1 60000 | awk '{ print $1, $1 * $1 % 9973, "hostlink sysroot test line" }' \
    > "$sysroot_tmp/data"
head -c 131072 /dev/urandom >> "$sysroot_tmp/data"

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
        continue
    fi
    expect_eq "sysroot $a: host unzip -l lists minizip's entry" \
        "$(wc -c < "$sysroot_tmp/data") data" \
        "$(unzip -l "$sysroot_tmp/$a/out.zip" 2>&1 | awk '$4 == "data" { print $1, $4 }')"
    check "sysroot $a: host unzip reads minizip's entry byte-identically" sysroot_host_unzip "$a"
done
unset -f sysroot_run sysroot_pigz_runs sysroot_host_gunzip sysroot_guest_gunzip sysroot_host_unzip
rm -rf "$sysroot_tmp"
