# SPDX-License-Identifier: GPL-2.0-or-later
# Callbacks from host threads: a thread of libhlt calls a guest callback
# 20000 times in a row; each call is two thread hand-overs (host thread to
# guest service thread and back). Checked: the sum is the emulated one and
# hlt_thread_loop ran on the host.
echo "Callbacks from host threads: ns per callback (best of $RUNS runs x 5 rounds)"
printf '%-8s %-40s %9s\n' guest operation ns
ht_tsv="$B/bench/hostthread.tsv"
mkdir -p "$B/bench"
printf 'arch\thost_thread_callback_ns\n' >"$ht_tsv"
for arch in $RUNTIME_ARCHES; do
    bench="$B/$arch/bench/hostthread-bench"
    want=$(hostlink_run "$arch" none "$bench" | cut -d' ' -f2)
    trip="" why=""
    for _ in $(seq "$RUNS"); do
        out=$(hostlink_run "$arch" hlt "$bench")
        [ "${out#* }" = "$want" ] || why="sum ${out#* } differs from the emulated $want"
        [ "$(host_calls hlt hlt_thread_loop)" -gt 0 ] || why="hlt_thread_loop did not run on the host"
        trip+=" ${out%% *}"
    done
    if [ -n "$why" ]; then
        printf '%-8s %-40s %9s\n' "$arch" "host-thread callback round trip" "FAILED: $why"
        continue
    fi
    trip=$(min <<<"$trip")
    printf '%-8s %-40s %9s\n' "$arch" "host-thread callback round trip" "$trip"
    printf '%s\t%s\n' "$arch" "$trip" >>"$ht_tsv"
done
