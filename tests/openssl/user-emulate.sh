# SPDX-License-Identifier: GPL-2.0-or-later
# HOSTLINK_EMULATE naming one library of the libcrypto+libssl unit
# (plugin/emulate_env.h): the plugin applies it to the whole unit before
# the guest opens anything, so the guest's own libssl and libcrypto load
# together (no thunk of either: a genuine libssl bound to the libcrypto
# thunk would miss the functions the thunk leaves out). On every guest,
# Debian's `openssl dgst` and a TLS 1.3 handshake (tests/openssl/
# ossl-guest.c verify) with HOSTLINK_EMULATE=libssl print what plain
# emulation prints, exit 0, say why for both libraries and run nothing of
# them on the host; the positive control, without HOSTLINK_EMULATE, runs
# them on the host (riscv64's openssl program: emulated by the version
# rule instead, as tests/openssl/programs.sh checks). x86_64 also: naming
# libcrypto, or all, and a program profile that emulates libssl.

ue_tmp=$(mktemp -d)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$ue_tmp/key.pem" 2>/dev/null
openssl req -x509 -new -key "$ue_tmp/key.pem" -subj /CN=hostlink-emulate -days 2 -config /dev/null \
    -out "$ue_tmp/cert.pem" 2>/dev/null
seq 1 20000 >"$ue_tmp/data"

# ue_case ARCH NAME LIB:FN CMD...: CMD (stdin: the data) emulated, with
# HOSTLINK_EMULATE=libssl, and as asked (the control: LIB's FN on the host).
ue_case() {
    local arch=$1 name=$2 spec=$3 plain user rc; shift 3
    plain=$(hostlink_run "$arch" none "$@" <"$ue_tmp/data" 2>&1; echo "exit $?")
    user=$(HOSTLINK_EMULATE=libssl hostlink_run "$arch" libcrypto,libssl "$@" <"$ue_tmp/data" 2>&1; echo "exit $?")
    expect_eq "$arch: $name, HOSTLINK_EMULATE=libssl: output and status as emulated" "$plain" "$user"
    expect_eq "$arch: $name: plain emulation exits 0" "exit 0" "${plain##*$'\n'}"
    expect_emulated "$arch: $name: libssl emulated as asked" libssl "HOSTLINK_EMULATE asks"
    expect_emulated "$arch: $name: libcrypto emulated with it" libcrypto \
        "libssl, which shares its objects, is emulated (HOSTLINK_EMULATE asks)"
    hostlink_run "$arch" libcrypto,libssl "$@" <"$ue_tmp/data" >/dev/null 2>&1
    rc=$?
    if [ -z "$spec" ]; then
        expect_emulated "$arch: $name: control: emulated by the version rule" libcrypto "which the thunk made from the host's"
    else
        expect_eq "$arch: $name: control: exit 0" 0 "$rc"
        expect_host "$arch: $name: control: ${spec#*:} on the host" "${spec%%:*}" "${spec#*:}"
    fi
}

for a in $RUNTIME_ARCHES; do
    if [ "$a" = x86_64 ]; then ue_bin=$(command -v openssl); else ue_bin=$B/sysroot/$a/usr/bin/openssl; fi
    # riscv64's openssl (trixie's 3.5) needs functions the host's 3.0 lacks.
    ue_spec=libcrypto:BIO_read
    [ "$a" != riscv64 ] || ue_spec=""
    if [ -x "$ue_bin" ]; then
        ue_case "$a" "openssl dgst -sha256" "$ue_spec" "$ue_bin" dgst -sha256
    else
        echo "# skip: no Debian openssl for $a (make sysroot)"
    fi
    if [ -x "$B/$a/tests/ossl-guest" ]; then
        ue_case "$a" "TLS 1.3 handshake" libssl:SSL_do_handshake "$B/$a/tests/ossl-guest" verify \
            "$ue_tmp/key.pem" "$ue_tmp/cert.pem"
    else
        echo "# skip: no ossl-guest for $a (no libssl-dev in its sysroot: make sysroot)"
    fi
done

# HOSTLINK_EMULATE naming the other one, or all: the same for both (x86_64).
a=x86_64
for ue_named in libcrypto all; do
    out=$(HOSTLINK_EMULATE=$ue_named hostlink_run $a libcrypto,libssl "$B/$a/tests/ossl-guest" verify \
        "$ue_tmp/key.pem" "$ue_tmp/cert.pem" >/dev/null 2>&1; echo $?)
    expect_eq "$a: HOSTLINK_EMULATE=$ue_named: verify works" 0 "$out"
    expect_emulated "$a: HOSTLINK_EMULATE=$ue_named: libcrypto emulated" libcrypto "HOSTLINK_EMULATE asks"
    expect_emulated "$a: HOSTLINK_EMULATE=$ue_named: libssl emulated" libssl "HOSTLINK_EMULATE asks"
done

# A program's profile (plugin/profile.h) naming libssl: the same, from the
# start (a profile the first run left, with the line added by hand).
prog=$B/$a/tests/ossl-guest
HOSTLINK_PROFILE=on HOSTLINK_CACHE=$ue_tmp/cache hostlink_run $a libcrypto,libssl "$prog" verify \
    "$ue_tmp/key.pem" "$ue_tmp/cert.pem" >/dev/null 2>&1
expect_host "$a: profile: the first run on the host" libssl SSL_do_handshake
ue_profile=$(ls "$ue_tmp"/cache/profiles/* 2>/dev/null)
echo "emulate libssl callback-bound (written by the test)" >>"${ue_profile:-$ue_tmp/no-profile}"
out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$ue_tmp/cache hostlink_run $a libcrypto,libssl "$prog" verify \
    "$ue_tmp/key.pem" "$ue_tmp/cert.pem" >/dev/null 2>&1; echo $?)
expect_eq "$a: profile emulates libssl: verify works" 0 "$out"
expect_emulated "$a: profile emulates libssl: libssl emulated" libssl "the program's profile"
expect_emulated "$a: profile emulates libssl: libcrypto emulated with it" libcrypto \
    "libssl, which shares its objects, is emulated (callback-bound in an earlier run"
rm -rf "$ue_tmp"
