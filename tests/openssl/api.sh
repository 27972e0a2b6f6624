# SPDX-License-Identifier: GPL-2.0-or-later
# OpenSSL's hard cases (tests/openssl/ossl-guest.c) on every guest, through
# hostlink and emulated: the PEM password callback, the SSL_CTX_set_verify
# callback in a TLS 1.3 handshake held in memory, a BIO on a guest FILE *
# between the guest's own writes, BIO_printf/BIO_snprintf formats,
# ERR_add_error_data and ERR_raise_data with a second thread whose error
# queue stays its own. Output identical to plain emulation's; host
# evidence for each; where the version-skew rule keeps OpenSSL emulated
# (riscv64) both libraries say so. Also: libcrypto and libssl are one
# unit, so asking for one of them alone leaves both emulated, with a line each.

oa_tmp=$(mktemp -d)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$oa_tmp/key.pem" 2>/dev/null
openssl req -x509 -new -key "$oa_tmp/key.pem" -subj /CN=hostlink-api -days 2 -config /dev/null \
    -out "$oa_tmp/cert.pem" 2>/dev/null

# oa_case ARCH TEST FN...: TEST through hostlink and emulated; FNs of
# libcrypto or libssl (LIB:FN) must have run on the host.
oa_case() {
    local arch=$1 t=$2 prog=$B/$1/tests/ossl-guest; shift 2
    local plain host rc_plain rc_host spec
    plain=$(hostlink_run "$arch" none "$prog" "$t" "$oa_tmp/key.pem" "$oa_tmp/cert.pem" 2>&1)
    rc_plain=$?
    host=$(hostlink_run "$arch" libcrypto,libssl "$prog" "$t" "$oa_tmp/key.pem" "$oa_tmp/cert.pem" 2>&1)
    rc_host=$?
    expect_eq "$arch: $t: output and status as emulated" "$plain
exit $rc_plain" "$host
exit $rc_host"
    [ "$rc_plain" -eq 0 ] || fail "$arch: $t: emulated run failed" "$plain"
    if [ "$oa_skewed" = yes ]; then
        expect_emulated "$arch: $t: libcrypto emulated (version skew)" libcrypto "which the thunk made from the host's"
        expect_emulated "$arch: $t: libssl emulated with it" libssl "shares its objects"
        return
    fi
    for spec in "$@"; do
        expect_host "$arch: $t: ${spec#*:} on the host" "${spec%%:*}" "${spec#*:}"
    done
}

for a in $RUNTIME_ARCHES; do
    if [ ! -x "$B/$a/tests/ossl-guest" ]; then
        echo "# skip: no ossl-guest for $a (no libssl-dev in its sysroot: make sysroot)"
        continue
    fi
    # Built against the guest's own OpenSSL (riscv64: 3.5's headers), it
    # needs only 3.0's functions and versions: passed through everywhere.
    oa_skewed=no
    oa_case "$a" pem libcrypto:PEM_write_bio_PrivateKey libcrypto:PEM_read_bio_PrivateKey
    oa_case "$a" verify libssl:SSL_CTX_set_verify libssl:SSL_do_handshake libcrypto:X509_STORE_CTX_get_current_cert
    oa_case "$a" file libcrypto:BIO_new_fp libcrypto:BIO_printf
    oa_case "$a" printf libcrypto:BIO_printf libcrypto:BIO_snprintf
    oa_case "$a" errors libcrypto:ERR_add_error_data libcrypto:ERR_set_error libcrypto:ERR_peek_error
done

# One unit: libssl alone or libcrypto alone leaves both emulated, and the
# program still works (positive control: both). HOSTLINK_EMULATE naming
# one: tests/openssl/user-emulate.sh.
a=x86_64
prog=$B/$a/tests/ossl-guest
expect_eq "unit: both: verify works" 0 "$(hostlink_run $a libcrypto,libssl "$prog" verify "$oa_tmp/key.pem" "$oa_tmp/cert.pem" >/dev/null 2>&1; echo $?)"
expect_host "unit: both: on the host" libssl SSL_do_handshake
hostlink_run $a libssl "$prog" verify "$oa_tmp/key.pem" "$oa_tmp/cert.pem" >"$oa_tmp/ssl-only.out" 2>&1
expect_eq "unit: libssl alone: verify works" 0 $?
expect_emulated "unit: libssl alone: libssl emulated, libcrypto not selected" libssl "libcrypto, which shares its objects, is not selected"
hostlink_run $a libcrypto "$prog" verify "$oa_tmp/key.pem" "$oa_tmp/cert.pem" >/dev/null 2>&1
expect_eq "unit: libcrypto alone: verify works" 0 $?
expect_emulated "unit: libcrypto alone: libcrypto emulated" libcrypto "libssl, which shares its objects, is not selected"
rm -rf "$oa_tmp"
