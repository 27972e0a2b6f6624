# SPDX-License-Identifier: GPL-2.0-or-later
# make check-package (not in make check: minutes): the package that make
# deb built, installed with `apt install ./hostlink_*.deb` in a clean
# Debian bookworm root (toolchain/cleanroot.sh: mmdebstrap from the mirror,
# cached) entered with chroot, with no checkout in it: its files are what
# make install PREFIX=/usr installs, `hostlink doctor` passes, and Debian's
# arm64 pigz, added to a guest root there with `hostlink sysroot add`, runs
# under the installed hostlink with zlib on the host and gives plain
# emulation's bytes. Needs root. /proc and /dev are mounted in the root for
# the run and unmounted after it, also when it fails (trap).

if [ "$(id -u)" -ne 0 ]; then
    echo "# skipped: needs root (chroot)"
    return 0
fi
cr_deb=$(ls -t "$B"/deb/hostlink_*_amd64.deb 2>/dev/null | head -1)
if [ -z "$cr_deb" ]; then
    fail "clean root: no package in build/deb (make deb)"
    return 0
fi
cr_tar=$("$top/toolchain/cleanroot.sh")
cr_root=$(mktemp -d /var/tmp/hostlink-clean-root.XXXXXX)
cr_cleanup() {
    local m
    for m in proc dev; do
        mountpoint -q "$cr_root/$m" && umount -l "$cr_root/$m"
    done
    # Only once nothing is mounted in it.
    grep -q " $cr_root/" /proc/mounts || rm -rf "$cr_root"
}
trap 'cr_cleanup' EXIT
trap 'cr_cleanup; exit 130' INT TERM
tar -xf "$cr_tar" -C "$cr_root"
mount -t proc proc "$cr_root/proc"
mount --bind /dev "$cr_root/dev"
cp /etc/resolv.conf "$cr_root/etc/resolv.conf"
cp "$cr_deb" "$cr_root/tmp/"
# in_root CMD: a login-like environment in the clean root.
in_root() { chroot "$cr_root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

check "clean root: no hostlink and no checkout before" \
    bash -c '! test -e "$1/usr/bin/hostlink" && ! test -e "$1/$2"' _ "$cr_root" "$top"
out=$(in_root sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/${cr_deb##*/}" 2>&1)
check "clean root: apt install ./${cr_deb##*/} (with its dependencies from the mirror)" \
    in_root dpkg-query -W -f='${Status}' hostlink
[ "$(in_root dpkg-query -W -f='${Status}' hostlink 2>/dev/null)" = "install ok installed" ] ||
    printf '%s\n' "$out" | tail -20 | sed 's/^/#   /'

# The package holds what make install PREFIX=/usr installs.
cr_stage=$(mktemp -d)
make -s -C "$top" install PREFIX=/usr DESTDIR="$cr_stage" >/dev/null
expect_eq "clean root: the package's files are make install PREFIX=/usr's (and its docs)" \
    "$(cd "$cr_stage" && find . ! -type d | sed 's|^\.||; s|\.1$|.1.gz|' | sort)" \
    "$(in_root dpkg -L hostlink | grep -v '^/usr/share/doc/' |
       while read -r f; do [ -d "$cr_root$f" ] || echo "$f"; done | sort)"
rm -rf "$cr_stage"

doctor=$(in_root hostlink doctor 2>&1)
expect_eq "clean root: hostlink doctor passes" "all checks passed" "$(tail -1 <<<"$doctor")"
[ "$(tail -1 <<<"$doctor")" = "all checks passed" ] || printf '%s\n' "$doctor" | grep -v '^ok' | sed 's/^/#   /'
check "clean root: ... with the installed files" grep -qx "hostlink files: /usr/lib/hostlink" <<<"$doctor"

out=$(in_root hostlink sysroot add --arch aarch64 --dir /root/arm64 pigz 2>&1)
check "clean root: hostlink sysroot add --arch aarch64 pigz" in_root test -x /root/arm64/usr/bin/pigz
in_root test -x /root/arm64/usr/bin/pigz || printf '%s\n' "$out" | tail -20 | sed 's/^/#   /'
head -c 300000 /dev/urandom | base64 >"$cr_root/root/in.txt"
in_root sh -c 'hostlink run --lib none --sysroot /root/arm64 -- /root/arm64/usr/bin/pigz -c /root/in.txt >/root/plain.gz'
in_root sh -c 'hostlink run --stats=/root/stats.tsv --sysroot /root/arm64 -- /root/arm64/usr/bin/pigz -c /root/in.txt >/root/hl.gz'
check "clean root: arm64 pigz under the installed hostlink: what the host's gzip reads back" \
    cmp "$cr_root/root/in.txt" <(gzip -dc "$cr_root/root/hl.gz")
check "clean root: ... plain emulation's bytes" cmp "$cr_root/root/plain.gz" "$cr_root/root/hl.gz"
check "clean root: ... with deflate on the host" \
    awk -F'\t' '$1 == "treefn" && $4 == "zlib" && $5 == "deflate" && $6 > 0 { ok = 1 } END { exit !ok }' \
    "$cr_root/root/stats.tsv"

cr_cleanup
trap - EXIT INT TERM
check "clean root: unmounted and removed after the test" test ! -e "$cr_root"
unset -f cr_cleanup in_root
