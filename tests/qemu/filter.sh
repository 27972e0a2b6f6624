# SPDX-License-Identifier: GPL-2.0-or-later
# The project's QEMU patches: syscall filter, qemu_plugin_set_pc and guest
# memory access from a filter, on every guest architecture.

for arch in $GUEST_ARCHES; do
    check "qemu-$arch exports the v6 plugin API" \
        bash -c "nm -D '$QEMU_BIN/qemu-$arch' | grep -q ' qemu_plugin_register_vcpu_syscall_filter_cb\$' &&
                 nm -D '$QEMU_BIN/qemu-$arch' | grep -q ' qemu_plugin_set_pc\$'"

    expect_eq "$arch: no plugin: ordinary syscalls work, 4096 is ENOSYS" \
"getpid matches: yes
write reaches the kernel
write returned 25
unclaimed 4096: -1 errno=ENOSYS" \
        "$(qemu "$arch" "$B/$arch/tests/filter-guest" plain 2>&1)"

    expect_eq "$arch: filter consumes 4096, set_pc redirects with the argument intact" \
"getpid matches: yes
write reaches the kernel
write returned 25
unclaimed 4096: -1 errno=ENOSYS
swap24: 0xffcc66
errno op: -1 errno=EPERM
reverse: sum=876 buf=kniltsoh
reverse bad address: -1 errno=EFAULT
redirect: landed with the argument intact
redirect 0: landed with 0
redirect 1: landed with 1
redirect 2: landed with 2" \
        "$(qemu "$arch" -plugin "$B/tests/filter-plugin.so" "$B/$arch/tests/filter-guest" plugin 2>&1)"
done
