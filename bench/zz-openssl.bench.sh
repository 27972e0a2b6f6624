# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's openssl speed per guest: natively (the host's openssl), under
# plain QEMU and through hostlink (libcrypto and libssl). Throughput, so
# higher is better: AES-256-GCM and SHA-256 through EVP at 16 KiB blocks
# (and AES at 16 B blocks, which shows the per-call cost of a pass-through
# call), RSA-2048 signatures per second. Uses zlib.bench.sh's zb_plain.
# Every figure needs speed's report of that test in every way of running,
# and the hostlink figure host evidence (the EVP function the program
# calls for it ran on the host). A guest whose libcrypto stays emulated by
# the version rule (riscv64: trixie's 3.5 against the host's 3.0) says so,
# and its target is then plain emulation's figure (within 2 %).
# The rows go to $ob_tsv (build/bench/openssl.tsv, named by bench/run.sh),
# which readme-table.sh writes into the README as a table of its own
# (throughput, not seconds).
#
# OPENSSL_BENCH_SECONDS (default 3; BENCH_SIZE: 1) is how long each speed
# test runs.

ob_secs=${OPENSSL_BENCH_SECONDS:-${BENCH_SIZE:+1}}
ob_secs=${ob_secs:-3}
ob_prog() { if [ "$1" = x86_64 ]; then command -v openssl; else echo "$B/sysroot/$1/usr/bin/openssl"; fi; }

# ob_value ALG: the figure of speed's output on stdin: k bytes/s for the
# EVP tests (the 16 KiB or 16 B column, the only one), sign/s for RSA
# (found by its heading: OpenSSL 3.5 adds encrypt and decrypt columns).
ob_value() {
    case $1 in
    rsa2048) awk '/sign\/s/ { for (i = 1; i <= NF; i++) if ($i == "sign/s") col = i + 3 }
                  /^rsa +2048 bits/ && col { v = $col } END { if (v != "") print v }' ;;
    *) awk -v alg="$1" 'tolower($1) == alg { v = $NF; sub(/k$/, "", v) } END { if (v != "") print v }' ;;
    esac
}

# ob_measure MODE ARCH ALG ARGS...: the figure, or nothing if the run failed.
ob_measure() {
    local mode=$1 arch=$2 alg=$3 prog; shift 3
    prog=$(ob_prog "$arch")
    case $mode in
    native) ${QEMU_LAUNCHER:-} openssl speed -seconds "$ob_secs" "$@" 2>/dev/null ;;
    plain) zb_plain "$arch" "$prog" speed -seconds "$ob_secs" "$@" 2>/dev/null ;;
    hostlink) hostlink_run "$arch" libcrypto,libssl "$prog" speed -seconds "$ob_secs" "$@" 2>/dev/null ;;
    esac | ob_value "$alg"
}

# ob_row ARCH WORKLOAD ALG EVIDENCE_FN TARGET ARGS...
ob_row() {
    local arch=$1 name=$2 alg=$3 fn=$4 target=$5 mode v why; shift 5
    declare -A best=()
    local failed="" skewed=""
    for _ in $(seq "$RUNS"); do
        for mode in native plain hostlink; do
            v=$(ob_measure "$mode" "$arch" "$alg" "$@")
            if [ -z "$v" ]; then failed="$mode run failed"; continue; fi
            if [ "$mode" = hostlink ] && [ "$(host_calls libcrypto "$fn")" -eq 0 ]; then
                why=$(awk -F'\t' '$1 == "lib" && $4 == "libcrypto" && $5 == "emulated" { print $6 }' "$hl_stats" | head -1)
                if [[ $why == *"which the thunk made from the host's"* ]]; then
                    skewed="libcrypto emulated (version rule)"
                else
                    failed=${why:+libcrypto emulated: $why}
                    failed=${failed:-no host call of $fn}
                fi
            fi
            best[$mode]=$(printf '%s\n%s\n' "${best[$mode]:-0}" "$v" | sort -g | tail -1)
        done
    done
    local n=${best[native]:-n/a} p=${best[plain]:-n/a} h=${best[hostlink]:-n/a} hn hp goal=""
    hn=$(awk -v a="$h" -v b="$n" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else print "n/a" }')
    hp=$(awk -v a="$h" -v b="$p" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else print "n/a" }')
    if [ -n "$skewed" ]; then
        goal="$skewed: hl>=0.98x plain: $(awk -v r="${hp%x}" 'BEGIN { print (r + 0 >= 0.98) ? "met" : "MISSED" }')"
    elif [ -n "$target" ]; then
        goal="hl>=${target}x native: $(awk -v r="${hn%x}" -v t="$target" 'BEGIN { print (r + 0 >= t) ? "met" : "MISSED" }')"
    fi
    [ -z "$failed" ] || { h=FAILED hn="" hp="" goal=$failed; }
    printf '%-8s %-44s %12s %12s %12s %8s %8s  %s\n' "$arch" "$name" "$n" "$p" "$h" "$hn" "$hp" "$goal"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arch" "$name" "$n" "$p" "$h" "$hn" "$hp" "$goal" >>"$ob_tsv"
}

echo
echo "openssl speed, ${ob_secs} s per test: throughput (best of $RUNS runs; higher is better)"
mkdir -p "$(dirname "$ob_tsv")"
printf 'arch\tworkload\tnative\tplain\thostlink\thostlink_per_native\thostlink_per_plain\ttarget\n' >"$ob_tsv"
printf '%-8s %-44s %12s %12s %12s %8s %8s  %s\n' guest workload native plain hostlink hl/nat hl/plain target
for arch in $GUEST_ARCHES; do
    if [ ! -x "$(ob_prog "$arch")" ]; then
        echo "# $arch: no Debian openssl (make sysroot)"
        continue
    fi
    ob_row "$arch" "AES-256-GCM, 16 KiB blocks (1000 B/s)" aes-256-gcm EVP_EncryptUpdate 0.9 -evp aes-256-gcm -bytes 16384
    ob_row "$arch" "SHA-256, 16 KiB blocks (1000 B/s)" sha256 EVP_Digest 0.9 -evp sha256 -bytes 16384
    ob_row "$arch" "AES-256-GCM, 16 B blocks (1000 B/s)" aes-256-gcm EVP_EncryptUpdate "" -evp aes-256-gcm -bytes 16
    ob_row "$arch" "RSA-2048 signatures (sign/s)" rsa2048 EVP_PKEY_sign "" rsa2048
done
