# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own xz on every guest, emulated (--lib none) and through
# hostlink (--lib liblzma): compressing single- and multi-threaded,
# decompressing, listing, testing and a corrupt file. Everything it writes
# and says must be what it writes and says emulated, the host's xz must
# read what it wrote, and liblzma must have run on the host, except where
# the version-skew rule keeps it emulated: riscv64's xz (Debian trixie)
# needs lzma_mt_block_size@XZ_5.6.0, which the host's liblzma 5.4 lacks.
. "$top/tests/codecs/common.inc"

xz_tmp=$(mktemp -d)
# 512 KiB: text that compresses well, then 64 KiB that does not.
seq 1 60000 | awk '{ print $1, $1 * 7 % 1009, "xz test line" }' | head -c 458752 > "$xz_tmp/data"
head -c 65536 /dev/urandom >> "$xz_tmp/data"

# xz_run ARCH LIB OUT ARGS...: Debian's xz through hostlink; stdout to
# OUT, stderr to OUT.err, exit status to OUT.rc. Returns 0.
xz_run() {
    local arch=$1 lib=$2 out=$3; shift 3
    (cd "$xz_tmp/$arch/$lib" && hostlink_run "$arch" "$lib" "$(codec_prog "$arch" xz)" "$@" \
        >"$out" 2>"$out.err"; echo $? >"$out.rc")
}
# xz_same ARCH FILE: FILE (and its .err and .rc) as under plain emulation.
xz_same() {
    local f
    for f in "$2" "$2.err" "$2.rc"; do
        cmp "$xz_tmp/$1/none/$f" "$xz_tmp/$1/liblzma/$f" || return 1
    done
}
# xz_evidence NAME ARCH FN...: liblzma ran on the host, or on riscv64 it
# was kept emulated by the version-skew rule, with its reason.
xz_evidence() {
    local name=$1 arch=$2; shift 2
    if [ "$arch" = riscv64 ]; then
        expect_emulated "$name: liblzma stays emulated, xz needs XZ_5.6.0" liblzma \
            "xz needs lzma_mt_block_size@XZ_5.6.0"
    else
        expect_host "$name: liblzma ran on the host" liblzma "$@"
    fi
}

for xz_arch in $RUNTIME_ARCHES; do
    long_or_on "$xz_arch" aarch64 || continue
    if [ -z "$(codec_prog "$xz_arch" xz)" ]; then
        echo "# skip: no Debian xz for $xz_arch (make sysroot)"
        continue
    fi
    a=$xz_arch
    for lib in none liblzma; do
        mkdir -p "$xz_tmp/$a/$lib"
        cp "$xz_tmp/data" "$xz_tmp/$a/$lib/data"
    done
    for lib in none liblzma; do
        xz_run "$a" "$lib" t1.xz -6 -T1 -c data
        [ "$lib" = none ] || xz_evidence "xz $a: xz -6 -T1" "$a" lzma_stream_encoder lzma_code
        # Four blocks on two threads: liblzma's own threads on the host.
        xz_run "$a" "$lib" t2.xz -6 -T2 --block-size=131072 -c data
        [ "$lib" = none ] || xz_evidence "xz $a: xz -6 -T2" "$a" lzma_stream_encoder_mt lzma_code
        # xz 5.4 and later decode with the multithreaded decoder.
        xz_run "$a" "$lib" back -d -c -T2 t2.xz
        [ "$lib" = none ] || xz_evidence "xz $a: xz -d -T2" "$a" lzma_stream_decoder_mt lzma_code
        xz_run "$a" "$lib" list -l --verbose t2.xz
        [ "$lib" = none ] || xz_evidence "xz $a: xz -l" "$a" lzma_file_info_decoder lzma_index_end
        # -lvv decodes each block header and shows its filters; -vv shows the
        # filter chain: memory liblzma allocates with a NULL allocator and xz
        # free()s (its progress line has times and speeds: the filter chain
        # and memory lines are compared).
        xz_run "$a" "$lib" listvv -lvv t2.xz
        [ "$lib" = none ] || xz_evidence "xz $a: xz -lvv" "$a" lzma_block_header_decode lzma_str_from_filters
        xz_run "$a" "$lib" vv -vv -1 -T1 -c data
        grep -e ': Filter chain: ' -e ' of memory' "$xz_tmp/$a/$lib/vv.err" >"$xz_tmp/$a/$lib/vv.msg"
        [ "$lib" = none ] || xz_evidence "xz $a: xz -vv" "$a" lzma_str_from_filters
        xz_run "$a" "$lib" test -t t1.xz
        # A corrupt file: bytes in the middle of the compressed data replaced.
        cp "$xz_tmp/$a/$lib/t1.xz" "$xz_tmp/$a/$lib/bad.xz"
        printf 'hostlink' | dd of="$xz_tmp/$a/$lib/bad.xz" bs=1 seek=4000 conv=notrunc status=none
        xz_run "$a" "$lib" bad -t bad.xz
        [ "$lib" = none ] || xz_evidence "xz $a: xz -t of a corrupt file" "$a" lzma_code
    done
    for f in t1.xz t2.xz back list listvv test bad; do
        check "xz $a: $f (output, messages, exit status) as under plain emulation" xz_same "$a" "$f"
    done
    for f in vv vv.msg vv.rc; do
        check "xz $a: xz -vv's $f as under plain emulation" cmp "$xz_tmp/$a/none/$f" "$xz_tmp/$a/liblzma/$f"
    done
    check "xz $a: xz -vv shows the filter chain" grep -q 'Filter chain' "$xz_tmp/$a/liblzma/vv.msg"
    check "xz $a: the host's xz reads xz -6 -T1 output" \
        bash -c "xz -dc '$xz_tmp/$a/liblzma/t1.xz' | cmp - '$xz_tmp/data'"
    check "xz $a: the host's xz reads xz -6 -T2 output" \
        bash -c "xz -dc '$xz_tmp/$a/liblzma/t2.xz' | cmp - '$xz_tmp/data'"
    check "xz $a: xz -d gives the data back" cmp "$xz_tmp/$a/liblzma/back" "$xz_tmp/data"
    expect_eq "xz $a: a corrupt file fails with exit status 1" 1 "$(cat "$xz_tmp/$a/liblzma/bad.rc")"
done
unset -f xz_run xz_same xz_evidence
rm -rf "$xz_tmp"
