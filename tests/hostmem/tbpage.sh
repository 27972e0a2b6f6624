# SPDX-License-Identifier: GPL-2.0-or-later
# A host library writing into a page QEMU write-protected because it
# translated guest code from it (tests/hostmem/tbpage-guest.c, a JIT's
# page): the guest asks QEMU to lift the protection (plugin/fault.c) and
# the write goes on, as under plain emulation, on every guest.

for a in $RUNTIME_ARCHES; do
    tb_none=$(hostlink_run "$a" none "$B/$a/tests/tbpage-guest" 2>&1)
    expect_eq "tbpage $a: emulated, the stamp lands in the code page" "code: 42
stamp in the code page: '03 Jan 2026 12:34:56 +0000'
code again: 42" "$tb_none"
    tb_hl=$(hostlink_run "$a" hlt "$B/$a/tests/tbpage-guest" 2>&1)
    expect_eq "tbpage $a: through hostlink, the same" "$tb_none" "$tb_hl"
    expect_host "tbpage $a: hlt_stamp ran on the host" hlt hlt_stamp
done
