# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers sourced by tests/run.sh for every tests/*/*.sh file.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B="$top/build"
QEMU_BIN="$B/qemu/bin"
PLUGIN="${HOSTLINK_PLUGIN:-$B/plugin/libhostlink.so}"
. <(sed -n 's/^\(guest_sysroot_[a-z0-9_]*\) *:= *\(.*\)$/\1=\2/p; s/^GUEST_ARCHES *:= *\(.*\)$/GUEST_ARCHES="\1"/p' "$top/mk/guest-arch.mk")
# Guests that have a hostlink runtime (thunks, demo, bridge tests).
RUNTIME_ARCHES=$(ls "$top/guest/arch")
# Reproducible runs: no call-policy profile (only tests/policy/ turns it on).
export HOSTLINK_PROFILE=off
passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() {
    failed=$((failed + 1)); failures+=("$1"); echo "not ok - $1"
    [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/#   /'
}

# check NAME CMD...: passes when CMD exits 0.
check() {
    local name=$1 out; shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
    if [ "$2" == "$3" ]; then pass "$1"
    else fail "$1" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -40)"; fi
}

# qemu ARCH ARGS...: run a guest under the project's QEMU for ARCH,
# started through $QEMU_LAUNCHER if set (the benchmark pins it to a core).
qemu() {
    local arch=$1; shift
    local root="guest_sysroot_$arch"
    ${QEMU_LAUNCHER:-} "$QEMU_BIN/qemu-$arch" -L "${!root}" "$@"
}

# hostlink_run ARCH LIBS PROG ARGS...: run a guest program through the
# hostlink command with the given --lib list ("zlib", "zlib,libc-sort",
# "none" for plain emulation with the same loader set-up).
hostlink_run() {
    local arch=$1 libs=$2; shift 2
    local opts=() l
    for l in ${libs//,/ }; do opts+=(--lib "$l"); done
    ${QEMU_LAUNCHER:-} "$B/bin/hostlink" run --arch "$arch" "${opts[@]}" -- "$@"
}
