# SPDX-License-Identifier: GPL-2.0-or-later
# Every kind the generator passes (gen/model.h), through libhlt on every
# guest: structs and unions by value as arguments and results both ways
# (in registers, in memory, two floats, bit-fields), plain char as its 8
# bits, 9- and 16-argument callbacks with stack-passed arguments, array
# parameters, function-pointer sentinels, a callback in a struct reached
# through a pointer, one in a struct passed by value that the library keeps. Same output as the genuine library, and the host ran it.

types_expected='struct in registers, int and double: 3.75 -21
struct in memory: 42 0.50 answer -42
two big structs and two floats: 212.00
two floats: -1.00 3.50
union: -6.50
bit-fields: 0 -4 52
callback with structs: 22.750 23302
callback returning a big struct: 300 9.00 from guest 5
library function with structs, called by the guest: 3.00 112
plain char, all 256 values both ways: 256 right; (char)-56 -> 200
plain char callback: 5427840
  nine got user element -9 attr 1099511627776 -2.50 233 4000000000 0.75
9 arguments: 225
  sixteen got 5 1.50 -10 240 4 -5 6000000000 -0.25 7 250 8 1000000 -9 10 3.50 55
16 arguments, 12 integer: 6001000559
  sixteen_fp got 0.50 -1 2.50 -3.25 4.50 0.005 -6000000000 7.00 8.125 -9.50 10.00 11 12.50 -13 10000000000 15
16 arguments, 11 floating point: 39.3800
arrays: 06 Jan 2026 12:34:56 +0000, trace 15.5, sum 5429
sentinels: 0 1 2 3, freed 1; back: 1 1 1
callback through a pointer field: a, field afterwards unchanged
callback in a struct by value, kept by the library: kkkkk'

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/types-guest"
    plain=$(hostlink_run "$arch" none "$prog" 2>&1)
    expect_eq "$arch: types: the genuine library's results" "$types_expected" "$plain"
    expect_eq "$arch: types: pass-through output identical to the genuine library's" \
        "$plain" "$(hostlink_run "$arch" hlt "$prog" 2>&1)"
    expect_host "$arch: types: structs by value (registers, memory, two floats, union, bit-fields) ran on the host" \
        hlt hlt_mixed_scale hlt_big_make hlt_big_sum hlt_vec2_swap hlt_bits_flip hlt_flags_bump
    expect_host "$arch: types: callbacks taking and returning structs, a library function with structs" \
        hlt hlt_fold_struct hlt_make_via hlt_host_mixer
    check "$arch: types: plain char both ways, 0x00..0xff (257 + 256 host calls)" \
        test "$(host_calls hlt hlt_char_bits)" -eq 257 -a "$(host_calls hlt hlt_char_xor)" -eq 256
    expect_host "$arch: types: char, 9- and 16-argument callbacks ran on the host" \
        hlt hlt_char_map hlt_call9 hlt_call16i hlt_call16d
    expect_host "$arch: types: array parameters, sentinels, nested callback struct ran on the host" \
        hlt hlt_stamp hlt_trace hlt_sum_n hlt_dispose hlt_sentinel hlt_stream_run hlt_keep_allocator \
        hlt_alloc_kept
done
