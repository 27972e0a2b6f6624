# SPDX-License-Identifier: GPL-2.0-or-later
# libc-sort: qsort, qsort_r and bsearch through the preloaded shim, against
# the guest's own C library, on every guest architecture.

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/sort-guest"
    plain=$(hostlink_run "$arch" none "$prog" 2>&1)
    check "$arch: libc-sort: the guest's own C library sorts and searches" \
        grep -q "bsearch returns a pointer into the array: yes" <<<"$plain"
    expect_eq "$arch: libc-sort: qsort, qsort_r context, bsearch hits and misses as the guest libc" \
        "$plain" "$(hostlink_run "$arch" libc-sort "$prog" 2>&1)"
    expect_eq "$arch: libc-sort: qsort, qsort_r and bsearch ran on the host, each call" \
        "2 1 1006" "$(host_calls libc-sort qsort) $(host_calls libc-sort qsort_r) $(host_calls libc-sort bsearch)"
done
