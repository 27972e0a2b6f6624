# SPDX-License-Identifier: GPL-2.0-or-later
# hostlink binfmt install/status/remove (cli/binfmt.c) with the kernel's
# binfmt_misc: Debian's aarch64 and riscv64 pigz and dash, run directly,
# go through hostlink (zlib on the host, argv[0] and exit status kept,
# output as plain emulation's), also when a guest of the other architecture
# runs them; x86_64, the host's own, is refused; a
# registration of someone else's for the same programs (a stand-in for
# qemu-user-binfmt's qemu-aarch64) makes install refuse, --force disables
# it and remove enables it again, or registers it again when it has gone.
# An arm64 chroot with hostlink and the host's libraries bind-mounted runs
# its own programs directly through hostlink.
# The machine is left as it was found, entries and mount, also when a test
# fails or the run is interrupted (trap). Needs root.

bf=/proc/sys/fs/binfmt_misc
if [ "$(id -u)" -ne 0 ] || ! grep -qw binfmt_misc /proc/filesystems; then
    echo "# skipped: needs root and binfmt_misc"
    return 0
fi
bf_was_mounted=false
grep -q " $bf binfmt_misc " /proc/mounts && bf_was_mounted=true
# bf_snapshot: every entry with what it says (and the global status).
bf_snapshot() {
    if ! grep -q " $bf binfmt_misc " /proc/mounts; then echo "not mounted"; return; fi
    for f in "$bf"/*; do
        [ "${f##*/}" = register ] && continue
        echo "== ${f##*/}"; cat "$f"
    done
}
bf_run_state_before=$(test -e /run/hostlink && echo present || echo absent)
bf_before=$(bf_snapshot)
bf_hostlink="$B/bin/hostlink"
bf_fake=':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/nonexistent/qemu-aarch64-stand-in:P'
bf_mounts=()                    # the chroot's, unmounted last first
bf_restore() {
    local i
    for ((i = ${#bf_mounts[@]} - 1; i >= 0; i--)); do umount "${bf_mounts[i]}"; done
    bf_mounts=()
    "$bf_hostlink" binfmt remove >/dev/null 2>&1
    if ! grep -q "^== qemu-aarch64$" <<<"$bf_before" && [ -e "$bf/qemu-aarch64" ]; then
        echo -1 >"$bf/qemu-aarch64"
    fi
    for f in "$bf"/hostlink-*; do [ -e "$f" ] && echo -1 >"$f"; done
    if ! $bf_was_mounted && grep -q " $bf binfmt_misc " /proc/mounts; then umount "$bf"; fi
}
trap 'bf_restore' EXIT
# The scratch directory goes only when nothing is mounted in it (/dev is).
bf_rm_tmp() { [ -n "${bf_tmp:-}" ] && ! grep -q " $bf_tmp/" /proc/mounts && rm -rf "$bf_tmp"; }
trap 'bf_restore; bf_rm_tmp; exit 130' INT TERM

$bf_was_mounted || mount -t binfmt_misc binfmt_misc "$bf"
bf_clean=$(bf_snapshot)
bf_tmp=$(mktemp -d)
head -c 100000 /dev/urandom | base64 >"$bf_tmp/in.txt"

# Someone else's registration first: install refuses and changes nothing.
if grep -q "^== qemu-aarch64$" <<<"$bf_clean"; then
    echo "# a qemu-aarch64 registration exists here: the stand-in is not needed"
else
    printf '%s' "$bf_fake" >"$bf/register"
fi
bf_with_other=$(bf_snapshot)
out=$("$bf_hostlink" binfmt install 2>&1)
expect_eq "binfmt: install refuses to replace another aarch64 registration (status 1)" 1 "$?"
check "binfmt: ... saying which and how to force it" \
    grep -q "qemu-aarch64 already runs aarch64 programs.*--force" <<<"$out"
expect_eq "binfmt: ... and changes nothing" "$bf_with_other" "$(bf_snapshot)"

out=$("$bf_hostlink" binfmt install --force 2>&1)
expect_eq "binfmt: install --force registers hostlink" 0 "$?"
check "binfmt: ... for aarch64 and riscv64, flags PF, the wrapper as interpreter" \
    grep -qx "flags: PF" "$bf/hostlink-aarch64" "$bf/hostlink-riscv64"
check "binfmt: ... the interpreter is hostlink-binfmt" \
    grep -qx "interpreter $(realpath "$B/bin/hostlink-binfmt")" "$bf/hostlink-riscv64"
check "binfmt: ... and disables the other one" grep -qx disabled "$bf/qemu-aarch64"
status=$("$bf_hostlink" binfmt status)
check "binfmt: status shows hostlink for aarch64" grep -q "^aarch64: hostlink (hostlink-aarch64, enabled" <<<"$status"
check "binfmt: status shows the other registration disabled by install --force" \
    grep -q "^aarch64: qemu-aarch64 (disabled by hostlink binfmt install --force" <<<"$status"
check "binfmt: status shows x86_64 not registered" grep -qx "x86_64: not registered" <<<"$status"

for arch in aarch64 riscv64; do
    pigz="$B/sysroot/$arch/usr/bin/pigz" dash="$B/sysroot/$arch/bin/dash"
    [ -x "$pigz" ] && [ -x "$dash" ] || { echo "# no $arch sysroot: direct runs skipped"; continue; }
    plain=$("$bf_hostlink" run --lib none -- "$pigz" -c "$bf_tmp/in.txt" | md5sum)
    rm -f "$bf_tmp/stats.tsv"
    direct=$(HOSTLINK_STATS="$bf_tmp/stats.tsv" "$pigz" -c "$bf_tmp/in.txt" | md5sum)
    expect_eq "binfmt $arch: pigz run directly gives plain emulation's bytes" "$plain" "$direct"
    check "binfmt $arch: ... with deflate on the host (HOSTLINK_STATS)" \
        awk -F'\t' -v a="$arch" '$1 == "fn" && $3 == a && $4 == "zlib" && $5 == "deflate" && $6 > 0 { ok = 1 } END { exit !ok }' "$bf_tmp/stats.tsv"
    check "binfmt $arch: ... and the tree's total" grep -q "^treefn	.*	$arch	zlib	deflate	" "$bf_tmp/stats.tsv"
    expect_eq "binfmt $arch: argv[0] is kept (flag P)" "custom-name" \
        "$(bash -c 'exec -a custom-name "$1" -c "echo \$0"' _ "$dash")"
    "$dash" -c 'exit 7'
    expect_eq "binfmt $arch: the exit status is the program's" 7 "$?"
done

# A guest of one architecture running another's program: binfmt_misc sends
# it to hostlink too, without the first guest's preloaded shim.
rv_dash="$B/sysroot/riscv64/bin/dash" a64_pigz="$B/sysroot/aarch64/usr/bin/pigz"
if [ -x "$rv_dash" ] && [ -x "$a64_pigz" ]; then
    rm -f "$bf_tmp/stats.tsv"
    out=$(HOSTLINK_STATS="$bf_tmp/stats.tsv" "$bf_hostlink" run -- "$rv_dash" -c \
          "$a64_pigz -c $bf_tmp/in.txt | $a64_pigz -dc | cmp - $bf_tmp/in.txt && echo same" 2>&1)
    expect_eq "binfmt: a riscv64 dash runs aarch64 pigz directly: same bytes, nothing on stderr" "same" "$out"
    check "binfmt: ... both aarch64 pigz under hostlink, zlib on the host" \
        test "$(awk -F'\t' '$1 == "fn" && $3 == "aarch64" && $4 == "zlib" { p[$2] = 1 } END { print length(p) }' "$bf_tmp/stats.tsv")" -eq 2
fi

# A chroot of the guest's architecture: the arm64 sysroot (under an overlay,
# so that the cache stays as it is) with hostlink's files and the host's
# x86_64 libraries bind-mounted at their own paths; the kernel starts the
# wrapper it opened at registration (F), the guest root is / in there.
bf_lower=$(realpath "$B/sysroot/aarch64" 2>/dev/null)
if [ -x "$bf_lower/usr/bin/pigz" ] && grep -qw overlay /proc/filesystems; then
    bf_root="$bf_tmp/chroot/root" bf_qemu=$(realpath "$B/qemu")
    mkdir -p "$bf_tmp/chroot/upper" "$bf_tmp/chroot/work" "$bf_root"
    bf_mount() {                # TARGET MOUNT-ARGS...
        local t=$1; shift
        mkdir -p "$t" && mount "$@" "$t" && bf_mounts+=("$t")
    }
    bf_mount "$bf_root" -t overlay overlay \
        -o "lowerdir=$bf_lower,upperdir=$bf_tmp/chroot/upper,workdir=$bf_tmp/chroot/work"
    bf_mount "$bf_root/proc" -t proc proc
    bf_mount "$bf_root/dev" --bind /dev
    for d in /usr/lib/x86_64-linux-gnu /usr/lib64 "$B" "$bf_qemu"; do
        bf_mount "$bf_root$d" --bind -o ro "$d"
    done
    ln -sfn usr/lib64 "$bf_root/lib64"
    mkdir -p "$bf_root/tmp"
    cp "$bf_tmp/in.txt" "$bf_root/tmp/"
    out=$(QEMU_LD_PREFIX=/ HOSTLINK_STATS=/tmp/stats.tsv chroot "$bf_root" /bin/sh -c \
          'uname -m; pigz -c /tmp/in.txt | pigz -dc >/tmp/out.txt; echo "exit $?"' 2>&1)
    expect_eq "binfmt: an arm64 chroot's own sh, uname and pigz run directly" "aarch64
exit 0" "$out"
    check "binfmt: ... pigz's bytes round-trip" cmp "$bf_tmp/in.txt" "$bf_root/tmp/out.txt"
    check "binfmt: ... with zlib on the host in both pigz" \
        test "$(awk -F'\t' '$1 == "fn" && $3 == "aarch64" && $4 == "zlib" { p[$2] = 1 } END { print length(p) }' "$bf_root/tmp/stats.tsv")" -eq 2
    for ((i = ${#bf_mounts[@]} - 1; i >= 0; i--)); do umount "${bf_mounts[i]}"; done
    bf_mounts=()
    check "binfmt: ... and the chroot's mounts are gone after it" \
        bash -c '! grep -q " $1" /proc/mounts' _ "$bf_tmp/chroot"
    unset -f bf_mount
fi

out=$("$bf_hostlink" binfmt install --arch x86_64 2>&1)
expect_eq "binfmt: x86_64, the host's own architecture, is refused (status 1)" 1 "$?"
check "binfmt: ... saying why" grep -q "x86_64 is this host's own architecture" <<<"$out"
check "binfmt: ... and not registered" test ! -e "$bf/hostlink-x86_64"

"$bf_hostlink" binfmt remove >/dev/null
expect_eq "binfmt: remove leaves the entries as they were before install" "$bf_with_other" "$(bf_snapshot)"

# The other registration gone meanwhile: remove registers it again.
"$bf_hostlink" binfmt install --force --arch aarch64 >/dev/null
echo -1 >"$bf/qemu-aarch64"
out=$("$bf_hostlink" binfmt remove 2>&1)
check "binfmt: remove registers a disabled registration again when it has gone" \
    grep -q "^registered qemu-aarch64 again" <<<"$out"
expect_eq "binfmt: ... exactly as it was" "$bf_with_other" "$(bf_snapshot)"

bf_restore
trap - EXIT INT TERM
expect_eq "binfmt: the machine is left as found (entries, mount)" "$bf_before" "$(bf_snapshot)"
expect_eq "binfmt: ... and /run/hostlink as it was" "$bf_run_state_before" \
    "$(test -e /run/hostlink && echo present || echo absent)"
bf_rm_tmp
unset -f bf_snapshot bf_restore bf_rm_tmp
