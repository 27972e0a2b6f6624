# SPDX-License-Identifier: GPL-2.0-or-later
# liblzma with the program's own allocator, a const struct in read-only
# memory given as an argument and through lzma_stream.allocator, on every
# guest: the host calls the guest's allocation functions through a copy of
# the struct (plugin/record.c), and the program says what it says under
# plain emulation.

for alloc_arch in $RUNTIME_ARCHES; do
    prog="$B/$alloc_arch/tests/lzma-alloc"
    if [ ! -x "$prog" ]; then
        echo "# skip: no lzma-alloc for $alloc_arch (make sysroot)"
        continue
    fi
    alloc_none=$(hostlink_run "$alloc_arch" none "$prog" 2>&1; echo "exit $?")
    alloc_hl=$(hostlink_run "$alloc_arch" liblzma "$prog" 2>&1; echo "exit $?")
    expect_host "lzma-alloc $alloc_arch: liblzma ran on the host" liblzma \
        lzma_easy_buffer_encode lzma_stream_decoder lzma_code lzma_end
    expect_eq "lzma-alloc $alloc_arch: the guest's allocator served the host's liblzma, as under plain emulation" \
        "$alloc_none" "$alloc_hl"
done
