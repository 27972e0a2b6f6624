# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own unmodified openssl program (the host's for the x86_64 guest,
# the guest sysroots' for aarch64 and riscv64) through hostlink, libcrypto
# and libssl together (one unit, plugin/unit.h): digests and encryption
# round trips identical to the host's openssl, RSA and EC keys and a
# self-signed certificate the host's openssl verifies, `speed`, and a
# TLS 1.3 handshake and transfer between a guest s_server and a guest
# s_client. Where the version-skew rule keeps OpenSSL emulated (riscv64:
# Debian trixie's 3.5 against the host's 3.0) the test checks that it says
# so for both libraries and that the results are still right.
# HOSTLINK_OPENSSL_MIB sets the size of the digested and encrypted file
# (default: 1/4), HOSTLINK_OPENSSL_TLS_MIB the size of the file s_server
# serves (default: 1/8), HOSTLINK_OPENSSL_RSA_BITS the RSA key's size
# (default 2048: riscv64 makes a 3072-bit key emulated in about 10 s);
# `make check-long` uses 64, 16 and 3072.

os_kib=$(( ${HOSTLINK_OPENSSL_MIB:-0} * 1024 ))
[ "$os_kib" -gt 0 ] || os_kib=256
os_tls_kib=$(( ${HOSTLINK_OPENSSL_TLS_MIB:-0} * 1024 ))
[ "$os_tls_kib" -gt 0 ] || os_tls_kib=128
os_rsa_bits=${HOSTLINK_OPENSSL_RSA_BITS:-2048}
os_tmp=$(mktemp -d)
seq 1 $((os_kib * 60)) | awk '{ print $1, $1 * $1 % 7919, "hostlink openssl line" }' |
    head -c $((os_kib * 1024 / 2)) >"$os_tmp/data"
head -c $((os_kib * 1024 / 2)) /dev/urandom >>"$os_tmp/data"
os_pass=pass:hostlink-test
os_salt=0011223344556677

# os_prog ARCH: Debian's openssl for that guest, or nothing.
os_prog() {
    if [ "$1" = x86_64 ]; then command -v openssl
    elif [ -x "$B/sysroot/$1/usr/bin/openssl" ]; then echo "$B/sysroot/$1/usr/bin/openssl"; fi
}

# os_free_port: a TCP port nothing listens on (from the host's table).
os_free_port() {
    local p
    for p in $(shuf -i 20000-60000 -n 50); do
        ss -ltn 2>/dev/null | awk '{ print $4 }' | grep -q ":$p\$" || { echo "$p"; return; }
    done
    echo 44330
}

# os_run ARCH LIBS ARGS...: the guest's openssl through hostlink.
os_run() {
    local arch=$1 libs=$2; shift 2
    hostlink_run "$arch" "$libs" "$os_bin" "$@"
}

# os_evidence ARCH NAME LIB:FN...: the last run passed OpenSSL through
# (each FN of LIB ran on the host), or, where the skew rule keeps it
# emulated, said so for both libraries.
os_evidence() {
    local arch=$1 name=$2 spec; shift 2
    if [ "$os_skewed" = yes ]; then
        expect_emulated "$arch: $name: libcrypto emulated with it (version skew)" libcrypto "which the thunk made from the host's"
        expect_emulated "$arch: $name: libssl emulated with it" libssl "which the thunk made from the host's"
        return
    fi
    for spec in "$@"; do
        expect_host "$arch: $name: ${spec#*:} on the host" "${spec%%:*}" "${spec#*:}"
    done
}

for a in $RUNTIME_ARCHES; do
    long_or_on "$a" aarch64 || continue
    os_bin=$(os_prog "$a")
    if [ -z "$os_bin" ]; then
        echo "# skip: no Debian openssl for $a (make sysroot)"
        continue
    fi
    d="$os_tmp/$a"
    mkdir -p "$d"
    # Skewed: the guest's libcrypto is another release than the host's (3.5 on riscv64).
    guest_ver=$(os_run "$a" none version | awk '{ print $2 }')
    os_skewed=no
    [ "$(cut -d. -f1-2 <<<"$guest_ver")" = "$(openssl version | awk '{ print $2 }' | cut -d. -f1-2)" ] ||
        os_skewed=yes
    echo "# $a: guest openssl $guest_ver, host $(openssl version | awk '{ print $2 }'), skewed: $os_skewed"

    # Digests: the host's openssl prints the same.
    for md in sha256 sha512; do
        os_run "$a" libcrypto,libssl dgst -"$md" <"$os_tmp/data" >"$d/$md.out" 2>"$d/$md.err"
        os_evidence "$a" "dgst -$md" libcrypto:BIO_read libcrypto:BIO_f_md
        expect_eq "$a: dgst -$md as the host's openssl" "$(openssl dgst -"$md" <"$os_tmp/data")" "$(cat "$d/$md.out")"
    done

    # Encryption with a fixed salt: the same bytes as the host's; each decrypts the other's.
    os_run "$a" libcrypto,libssl enc -aes-256-cbc -pbkdf2 -S "$os_salt" -pass "$os_pass" \
        -in "$os_tmp/data" -out "$d/data.enc"
    os_evidence "$a" "enc -aes-256-cbc -pbkdf2" libcrypto:BIO_write libcrypto:PKCS5_PBKDF2_HMAC
    openssl enc -aes-256-cbc -pbkdf2 -S "$os_salt" -pass "$os_pass" -in "$os_tmp/data" -out "$d/host.enc"
    check "$a: enc: the host's openssl encrypts the same bytes" cmp "$d/host.enc" "$d/data.enc"
    os_run "$a" libcrypto,libssl enc -d -aes-256-cbc -pbkdf2 -S "$os_salt" -pass "$os_pass" -in "$d/host.enc" -out "$d/data.dec"
    check "$a: enc -d: decrypts the host's file" cmp "$os_tmp/data" "$d/data.dec"
    expect_eq "$a: enc -d: wrong password fails" 1 \
        "$(os_run "$a" libcrypto,libssl enc -d -aes-256-cbc -pbkdf2 -pass pass:wrong -in "$d/host.enc" \
           -out /dev/null 2>/dev/null; echo $?)"

    # Keys and a self-signed certificate that the host's openssl verifies.
    os_run "$a" libcrypto,libssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$os_rsa_bits" -out "$d/rsa.pem" 2>/dev/null
    os_evidence "$a" "genpkey RSA" libcrypto:EVP_PKEY_keygen
    check "$a: genpkey RSA-$os_rsa_bits: the host's openssl checks the key" openssl pkey -in "$d/rsa.pem" -check -noout
    expect_eq "$a: genpkey RSA-$os_rsa_bits: the key has $os_rsa_bits bits" "Private-Key: ($os_rsa_bits bit, 2 primes)" \
        "$(openssl pkey -in "$d/rsa.pem" -noout -text | head -1)"
    os_run "$a" libcrypto,libssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/ec.pem"
    check "$a: genpkey EC P-256: the host's openssl checks the key" openssl pkey -in "$d/ec.pem" -check -noout
    os_run "$a" libcrypto,libssl req -x509 -new -key "$d/rsa.pem" -subj /CN=hostlink-test -days 2 \
        -config /dev/null -out "$d/cert.pem"
    os_evidence "$a" "req -x509" libcrypto:X509_sign_ctx
    expect_eq "$a: req -x509: the host's openssl verifies the certificate" "$d/cert.pem: OK" \
        "$(openssl verify -CAfile "$d/cert.pem" "$d/cert.pem" 2>&1)"
    # (The fingerprint: the subject's spelling changed in OpenSSL 3.2.)
    expect_eq "$a: x509: the guest reads its certificate as the host does" \
        "$(openssl x509 -in "$d/cert.pem" -noout -fingerprint -sha256)" \
        "$(os_run "$a" libcrypto,libssl x509 -in "$d/cert.pem" -noout -fingerprint -sha256)"

    # speed runs and reports.
    os_run "$a" libcrypto,libssl speed -evp aes-256-gcm -seconds 1 -bytes 16384 >"$d/speed.out" 2>&1
    os_evidence "$a" "speed -evp aes-256-gcm" libcrypto:EVP_EncryptUpdate
    check "$a: speed -evp aes-256-gcm reports" grep -q "^AES-256-GCM .*k$" "$d/speed.out"

    # TLS 1.3 between a guest s_server and a guest s_client on 127.0.0.1:
    # the client fetches a file through s_server's -WWW.
    port=$(os_free_port)
    head -c $((os_tls_kib * 1024)) /dev/urandom >"$d/served"
    (cd "$d" && os_run "$a" libcrypto,libssl s_server -accept "127.0.0.1:$port" -naccept 1 -tls1_3 \
        -cert cert.pem -key rsa.pem -WWW -quiet >"$d/server.out" 2>&1; cp "$hl_stats" "$d/server.stats") &
    server=$!
    for _ in $(seq 1 100); do ss -ltn | grep -q "127.0.0.1:$port " && break; sleep 0.2; done
    printf 'GET /served HTTP/1.0\r\n\r\n' |
        os_run "$a" libcrypto,libssl s_client -connect "127.0.0.1:$port" -tls1_3 -quiet -ign_eof \
            -CAfile "$d/cert.pem" -verify_return_error >"$d/client.out" 2>"$d/client.err"
    expect_eq "$a: s_client: exit status" 0 $?
    os_evidence "$a" "s_client" libssl:SSL_new libssl:SSL_read
    wait "$server"
    expect_eq "$a: s_client: TLSv1.3 verified" 1 "$(grep -c 'verify return:1' "$d/client.err" | awk '{ print ($1 > 0) }')"
    check "$a: TLS 1.3: the $os_tls_kib KiB file arrives whole" cmp "$d/served" <(sed '1,/^\r$/d' "$d/client.out")
    cp "$d/server.stats" "$hl_stats"
    os_evidence "$a" "s_server" libssl:SSL_new libssl:SSL_write
done
rm -rf "$os_tmp"
