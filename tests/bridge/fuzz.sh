# SPDX-License-Identifier: GPL-2.0-or-later
# 20000 garbage magic syscalls (random ops, handles, function ids, blocks,
# callback blocks, arguments; callbacks answered with garbage) from a fixed seed: every one answered, QEMU still running, and
# the garbage really reached the plugin's live handles (not ENOSYS from a
# QEMU without it: the control run below shows what that looks like).

fuzz_answers() { sed -n 's/^answers: //p' <<<"$1"; }
fuzz_count() { grep -oE "(^| )$1=[0-9]+" <<<"$2" | cut -d= -f2; }
for arch in $RUNTIME_ARCHES; do
    out=$(hostlink_run "$arch" hlt "$B/$arch/tests/fuzz-guest" 2>&1)
    expect_eq "$arch: 20000 garbage calls through the magic syscall, then a working call" \
"nothing registered yet: -1
20000 garbage calls answered, some with errors: yes
a library call afterwards: 5" "$(grep -v '^answers: ' <<<"$out")"
    answers=$(fuzz_answers "$out")
    check "$arch: fuzz: the plugin answered every garbage call (no ENOSYS), some ran, some faulted, some called back: $answers" \
        test "$(fuzz_count ENOSYS "$answers")" = 0 -a "$(fuzz_count ran "$answers")" -gt 0 \
             -a "$(fuzz_count EFAULT "$answers")" -gt 0 -a "$(fuzz_count EINVAL "$answers")" -gt 0 \
             -a "$(fuzz_count callbacks "$answers")" -gt 0
    hlt_fns=$(awk -F'\t' '$1 == "fn" && $4 == "hlt" { n += $6 } END { print n + 0 }' "$hl_stats")
    check "$arch: fuzz: the host ran hlt functions for the garbage calls ($hlt_fns > the program's 2)" \
        test "$hlt_fns" -gt 2
    # Control: the same program under QEMU without the plugin gets ENOSYS only.
    answers=$(fuzz_answers "$(qemu "$arch" -E LD_LIBRARY_PATH="$B/$arch/genuine" "$B/$arch/tests/fuzz-guest" 2>&1)")
    expect_eq "$arch: fuzz control: without the plugin every garbage call is ENOSYS" \
        "ran=0 EINVAL=0 EFAULT=0 EPERM=0 ENOSYS=20000 callbacks=0" "$answers"
done
unset -f fuzz_answers fuzz_count
