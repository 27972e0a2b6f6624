# SPDX-License-Identifier: GPL-2.0-or-later
# Exported constant data (issue 10, item 3; gen/data.h): a program reading
# libhlt's hlt_version through the thunk sees the host library's bytes
# ("hlt 2.0", the guests' build says "hlt 1.0"), by copy relocation on
# x86_64 and through the GOT on aarch64 and riscv64, and the library agrees.

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/varargs-guest"
    expect_eq "$arch: data: plain emulation: the guest library's constant" \
        'program sees "hlt 1.0" (8 bytes), the library has "hlt 1.0"' "$(hostlink_run "$arch" none "$prog" data 2>&1)"
    expect_eq "$arch: data: through hostlink: the host library's constant, as the library sees it" \
        'program sees "hlt 2.0" (8 bytes), the library has "hlt 2.0"' "$(hostlink_run "$arch" hlt "$prog" data 2>&1)"
    expect_host "$arch: data: ... and the library's copy came from the host" hlt hlt_version_copy
done
check "data: the thunk defines hlt_version as an object of the host's size" bash -c \
    'nm -D -S --defined-only "$1" | grep -q " 0*8 R hlt_version$"' _ \
    "$B/x86_64/thunks/libhlt-thunk.so"
