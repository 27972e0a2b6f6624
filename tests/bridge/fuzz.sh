# SPDX-License-Identifier: GPL-2.0-or-later
# 20000 garbage magic syscalls (random ops, handles, function ids, blocks,
# arguments) from a fixed seed: every one answered, QEMU still running.

for arch in $RUNTIME_ARCHES; do
    expect_eq "$arch: 20000 garbage calls through the magic syscall, then a working call" \
"nothing registered yet: -1
20000 garbage calls answered, some with errors: yes
a library call afterwards: 5" \
        "$(hostlink_run "$arch" hlt "$B/$arch/tests/fuzz-guest" 2>&1)"
done
