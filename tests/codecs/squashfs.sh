# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own mksquashfs and unsquashfs on every guest with each
# compressor: zlib (gzip), liblzma (xz), liblz4 and libzstd, whose
# functions the programs' compressor threads (guest threads) call
# concurrently. The image must be the one written under plain emulation
# (where the guest's library is the host's release), the host's
# unsquashfs must read it, and unsquashfs through hostlink must give the
# tree back, with the library's work done on the host both ways.
. "$top/tests/codecs/common.inc"

sq_tmp=$(mktemp -d)
# 2000 tiny files in 20 directories, a compressible and a random file.
for d in $(seq 1 20); do
    mkdir -p "$sq_tmp/tree/d$d"
    for f in $(seq 1 100); do echo "file $d/$f: $((d * f))" > "$sq_tmp/tree/d$d/f$f"; done
done
seq 1 20000 > "$sq_tmp/tree/seq"
head -c 65536 /dev/urandom > "$sq_tmp/tree/random"

# sq_make ARCH LIB COMP: Debian's mksquashfs of the tree into ARCH/LIB.COMP.
sq_make() {
    hostlink_run "$1" "$2" "$(codec_prog "$1" mksquashfs)" "$sq_tmp/tree" "$sq_tmp/$1/$2.$3" \
        -comp "$3" -noappend -no-progress -quiet -processors 2 -mkfs-time 0 -all-time 0 </dev/null
}
# sq_unpack ARCH LIB COMP: Debian's unsquashfs of ARCH/LIB.COMP, compared with the tree.
sq_unpack() {
    rm -rf "$sq_tmp/$1/out"
    hostlink_run "$1" "$2" "$(codec_prog "$1" unsquashfs)" -no-progress -quiet -processors 2 \
        -d "$sq_tmp/$1/out" "$sq_tmp/$1/$2.$3" >/dev/null </dev/null && diff -r "$sq_tmp/tree" "$sq_tmp/$1/out"
}
sq_host_unpack() {
    rm -rf "$sq_tmp/host-out"
    unsquashfs -no-progress -d "$sq_tmp/host-out" "$1" >/dev/null && diff -r "$sq_tmp/tree" "$sq_tmp/host-out"
}

# compressor, library, Debian package, functions mksquashfs and unsquashfs run on the host
sq_cases="gzip zlib zlib1g deflate uncompress
xz liblzma liblzma5 lzma_stream_buffer_encode lzma_stream_buffer_decode
lz4 liblz4 liblz4-1 LZ4_compress_default LZ4_decompress_safe
zstd libzstd libzstd1 ZSTD_compressCCtx ZSTD_decompress"

for sq_arch in $RUNTIME_ARCHES; do
    long_or_on "$sq_arch" riscv64 || continue
    if [ -z "$(codec_prog "$sq_arch" mksquashfs)" ]; then
        echo "# skip: no Debian mksquashfs for $sq_arch (make sysroot)"
        continue
    fi
    a=$sq_arch
    mkdir -p "$sq_tmp/$a"
    while read -r comp lib pkg enc dec; do
        check "squashfs $a: mksquashfs -comp $comp emulated" sq_make "$a" none "$comp"
        check "squashfs $a: mksquashfs -comp $comp through hostlink" sq_make "$a" "$lib" "$comp"
        expect_host "squashfs $a: mksquashfs -comp $comp ran $enc on the host" "$lib" "$enc"
        if codec_same_version "$a" "$pkg"; then
            check "squashfs $a: -comp $comp image as under plain emulation" \
                cmp "$sq_tmp/$a/none.$comp" "$sq_tmp/$a/$lib.$comp"
        else
            echo "# squashfs $a: $pkg differs from the host's release: images compared as trees only"
        fi
        check "squashfs $a: the host's unsquashfs reads the -comp $comp image" \
            sq_host_unpack "$sq_tmp/$a/$lib.$comp"
        check "squashfs $a: unsquashfs through hostlink gives the tree back ($comp)" \
            sq_unpack "$a" "$lib" "$comp"
        expect_host "squashfs $a: unsquashfs ran $dec on the host" "$lib" "$dec"
    done <<<"$sq_cases"
done
unset -f sq_make sq_unpack sq_host_unpack
rm -rf "$sq_tmp"
