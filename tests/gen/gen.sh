# SPDX-License-Identifier: GPL-2.0-or-later
# hostlink-gen refuses what it cannot pass through, naming the function,
# the parameter, the type and why (every reason of gen/model.h), and
# generates the rest readably: code that compiles for every guest.

gen_tmp=$(mktemp -d)
gen_out=$(cd "$top" && "$B/gen/hostlink-gen" -L "$B/host" tests/gen/refuse.hl "$gen_tmp" \
          aarch64-linux-gnu riscv64-linux-gnu 2>&1)
gen_status=$?
expect_eq "gen: a description with unsupported declarations is refused (exit 1)" 1 "$gen_status"
while IFS= read -r why; do
    [ -n "$why" ] && check "gen: says: ${why:8:90}" grep -qF -- "$why" <<<"$gen_out"
done <<'EOF_REASONS'
refuse: scale: parameter x: long double: long double has another format on each guest; no conversion is described
refuse: scale: result: long double: long double has another format on each guest; no conversion is described
refuse: say: variadic: describe its format with a printf key, or its option argument with a varargs key (gen/varargs.h)
refuse: opt: case 2: structs, and pointers to structs with callback fields other than kept tables, are not passed as variable arguments
refuse: call_later: parameter fn: fn-type key: 'int' is not a function pointer type
refuse: call_other: parameter fn: fn-type key: the parameter is not void (*)(void)
refuse: say_n: printf key: format=N does not name a pointer parameter
refuse: opt_cb: variadic with a callback or struct among its fixed arguments: not supported
refuse: shared_count: data object: int: a variable the program and the library share: the program's copy (copy relocation) and the host library's would be two objects, each blind to the other's writes; exclude it with a reason
refuse: greetings: data object: const char *const[2]: constant data other than numbers and characters (pointers would be host addresses): not passed; exclude it with a reason
refuse: old_style: declared without a prototype
refuse: many: more than 24 arguments
refuse: apply17: parameter f: seventeen_fn: callback type needs a prototype with at most 16 fixed arguments
refuse: apply_varargs: parameter f: varargs_fn: callback type needs a prototype with at most 16 fixed arguments
refuse: apply_takes_fn: parameter f: callback takes_fn argument 1: int (*)(int): function-pointer arguments of callbacks are not supported
refuse: apply_gets_const_ops: parameter f: callback gets_const_ops_fn argument 1: const struct with_callback *: its callback fields would reach the guest unconverted
refuse: apply_gets_holder: parameter f: callback gets_holder_fn argument 1: struct holder *: its callback fields would reach the guest unconverted
refuse: ops_table: result: struct with_callback *: its callback fields would reach the guest unconverted
refuse: apply_stream: parameter f: callback stream_fn argument 1: struct _IO_FILE *: a FILE * crosses only as a function's parameter or result: as a callback's, a struct field or behind a pointer nothing converts it
refuse: to_stream_p: parameter f: FILE **: a stdio stream of the guest's C library: only a FILE * parameter or result crosses (as a stream over the other side's)
refuse: keep_bad: parameter t: struct kept_bad: field inner: a kept callback table pointing to callbacks that are not kept (name its struct in the kept key too)
refuse: use_kept_holder: parameter h: struct kept_holder *: holds pointers to kept callback tables: only a callback's argument converts them (gen/kept.h)
refuse: wrong_longjmp: result: int: longjmp key: the result must point to a jmp_buf
refuse: wrong_longjmp: longjmp key: no parameter is a function taking a jmp_buf first
refuse: in_dir: parameter d: DIR *: a directory stream of the guest's C library
refuse: jump: parameter env: struct __jmp_buf_tag *: holds guest registers and stack addresses: only the guest can longjmp to it
refuse: sigjump: parameter env: struct __jmp_buf_tag *: holds guest registers and stack addresses: only the guest can longjmp to it
refuse: vsay: parameter ap: struct __va_list_tag *: variable arguments are laid out by each guest's calling convention
refuse: in_locale: parameter l: locale_t: points into the guest C library's locale data
refuse: lock: parameter m: pthread_mutex_t *: a thread object of the guest's C library
refuse: thread_id: parameter t: pthread_t: a thread object of the guest's C library
refuse: match: parameter re: const regex_t *: compiled by the guest's C library, which owns its state
refuse: convert_cd: parameter cd: iconv_t: a conversion descriptor of the guest's C library
refuse: post: parameter s: sem_t *: a thread object of the guest's C library
refuse: logged: parameter w: struct with_file *: field log (FILE *): a stdio stream of the guest's C library: only a FILE * parameter or result crosses (as a stream over the other side's)
refuse: precise: parameter p: struct with_long_double *: field x (long double): long double has another format on each guest; no conversion is described
refuse: make_ops: result: struct with_callback: field cb: function pointers in this struct passed by value are not converted
refuse: get_holder: result: struct holder: field ops: its callback fields would cross unconverted
refuse: deep: parameter d: struct deep3: field next: callback fields more than 3 pointers deep are not swapped
refuse: handler_slot: parameter slot: int (**)(int): a function pointer behind a pointer or in an array is not converted
refuse: handlers: parameter h: struct handlers *: field table (int (*[4])(int)): a function pointer behind a pointer or in an array is not converted
refuse: opaque_by_value: parameter o: struct opaque: incomplete type passed by value
refuse: complex_abs: parameter z: _Complex double: _Complex by value: no conversion is described
refuse: vec_add: parameter a: vec4: vector types have another calling convention on each guest
refuse: wide: parameter x: __int128: 128-bit integers: no conversion is described
refuse: atomic_get: parameter x: _Atomic(int): _Atomic by value: no conversion is described
refuse: quad: parameter x: __float128: unsupported type (Float128)
refuse: stat_size: parameter st: const struct stat *: layout on aarch64-linux-gnu differs from the host's
refuse: apply_stat: parameter f: int (*)(const struct stat *): layout on aarch64-linux-gnu differs from the host's
refuse: stateless nosuch: not a generated function of this library
refuse: context64: parameter offset: int64_t *: alias: on aarch64-linux-gnu (its headers) it is *(i8), but context's on the host is int * (*(i4)): not the same function under another name
refuse: context64: parameter offset: int64_t *: alias: on x86_64-linux-gnu (the key's prototype) it is *(i8), but context's on the host is int * (*(i4)): not the same function under another name
refuse: count64: result: uint64_t: alias: on riscv64-linux-gnu (its headers) it is u8, but count's on the host is int (i4): not the same function under another name
refuse: count64w: result: uint64_t: alias: on x86_64-linux-gnu (the key's prototype) it is u8, but count's on the host is int (i4): not the same function under another name
refuse: position64b: alias: nonnegative, but the results are the same type: leave it out
refuse: nowhere64: alias: aarch64-linux-gnu's headers do not declare nowhere64: give its prototype in the key
refuse: fine2: alias: nosuch_old is not a function the host's librefuse.so exports and its headers declare
refuse: scale: alias: the host's librefuse.so exports scale itself
hostlink-gen: refuse: refused (see above)
EOF_REASONS
for ok in by_value_cb msg_len fine classify sum_pair negate toggle apply9 first_of hour nanos has_signal release to_stream from_stream apply_gets_ops; do
    check "gen: passes $ok()" bash -c '! grep -q "refuse: $1:" <<<"$2"' _ "$ok" "$gen_out"
done
check "gen: nothing is written for a refused description" bash -c '[ -z "$(ls -A "$1")" ]' _ "$gen_tmp"

# What passes generates code that compiles: plain char, structs, unions and
# bit-fields by value, 9-argument callbacks, arrays, plain-data structs of
# the C library; a special and an emulated function; cflags defines reach
# the host side.
gen_out=$(cd "$top" && "$B/gen/hostlink-gen" -L "$B/host" tests/gen/accept.hl "$gen_tmp" \
          aarch64-linux-gnu riscv64-linux-gnu 2>&1)
expect_eq "gen: the passed declarations generate without complaint" "" "$gen_out"
for arch in $RUNTIME_ARCHES; do
    gen_cc=gcc
    [ "$arch" = x86_64 ] || gen_cc=$arch-linux-gnu-gcc
    check "gen: $arch: the generated thunk compiles" "$gen_cc" -std=c11 -Wall -Wextra -Werror \
        -D_GNU_SOURCE -I"$top/tests/gen" -I"$top/include" -I"$top/guest/include" -c "$gen_tmp/accept-guest.c" \
        -o "$gen_tmp/accept-$arch.o"
done
check "gen: the generated host stubs compile" cc -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE \
    -I"$top/tests/gen" -I"$top/include" -I"$top/plugin" $(pkg-config --cflags glib-2.0) -c \
    "$gen_tmp/accept-host.c" -o "$gen_tmp/accept-host.o"
check "gen: cflags -D reaches the host stubs" grep -q "^#define REFUSE_EXTRA 1" "$gen_tmp/accept-host.c"
check "gen: an emulated function calls the genuine library, with its reason" \
    grep -q "Always the genuine guest library's: takes a FILE \*; runs in the guest's C library" "$gen_tmp/accept-guest.c"
expect_eq "gen: emulated and special functions are guest-side for coverage" "say	guest
to_stream	guest" "$(grep -P '\tguest(\t|$)' "$gen_tmp/accept.functions" | cut -f1,2)"
check "gen: an emulated function's reason is in the function list" \
    grep -qP '^to_stream\tguest\temulated: takes a FILE \*; runs in the guest.s C library$' "$gen_tmp/accept.functions"
check "gen: an excluded function is left out of the thunk and the host stubs" \
    bash -c '! grep -q "nanos" "$1/accept-guest.c" "$1/accept-host.c"' _ "$gen_tmp"
check "gen: ... and listed as left out, with its reason (hostlink list --functions)" \
    grep -qP '^nanos\tleft-out\tleft out to test the key$' "$gen_tmp/accept.functions"
check "gen: a struct result is written where the caller's ret slot points" \
    grep -q "memcpy(hl_ptr(c->ret), &r, sizeof(r));" "$gen_tmp/accept-host.c"
check "gen: a FILE * among a printf-style function's fixed arguments crosses as a host stream" \
    grep -q "FILE \*a_f = hl_file_stream(c->args\[0\]);" "$gen_tmp/accept-host.c"
check "gen: plain char travels as its 8 bits" grep -q "hl_from_char(c)" "$gen_tmp/accept-guest.c"
# The alias key (gen/alias.h): the same function under a new name passes, the
# host binding the old one; a widened result only with "nonnegative", checked.
check "gen: an alias is a host function, listed with what it stands for" \
    grep -qP '^position64\thost\talias of position$' "$gen_tmp/accept.functions"
check "gen: ... the thunk exports it with the old one's types" \
    grep -qF "HL_EXPORT long position64(const struct pair *p)" "$gen_tmp/accept-guest.c"
check "gen: ... and the host binds the old one for it" \
    grep -q '"position64", NULL, call_position64, (void \*\*)&real_position64, .host_name = "position"' \
    "$gen_tmp/accept-host.c"
check "gen: a nonnegative alias gives the guest its wider result" \
    grep -q "^HL_EXPORT uint64_t count64(void)" "$gen_tmp/accept-guest.c"
check "gen: ... and checks the claim on every call" grep -q 'if (r < 0) {' "$gen_tmp/accept-host.c"
rm -rf "$gen_tmp"

gen_bad=$(mktemp)
printf 'name x\nsoname libx.so\nhost libx.so\nheader x.h\nemulate lonely\n' >"$gen_bad"
expect_eq "gen: emulate without a reason is an error in the description" \
    "$gen_bad:5: 'emulate' needs a function and a reason" "$("$B/gen/hostlink-gen" "$gen_bad" /tmp 2>&1)"
rm -f "$gen_bad"

# The zlib thunk exports exactly what the real library does, versions included.
check "gen: the x86_64 zlib thunk exports the real libz's symbols and versions" bash -c \
    'diff <(nm -D --defined-only --with-symbol-versions "$1" | awk "{print \$3}" | sort) \
          <(nm -D --defined-only --with-symbol-versions "$2" | awk "{print \$3}" | sort)' _ \
    "$(gcc -print-file-name=libz.so.1)" "$B/x86_64/thunks/libz-thunk.so"

# The thunk's file name is the generator's rule alone (the plugin, the CLI
# and make read it from what the generator writes): the soname up to the
# first ".so" that is a whole part, then "-thunk.so".
gen_tmp=$(mktemp -d)
sed 's/^soname .*/soname       libhlt.sox.so.3/' "$top/libs/hlt.hl" >"$gen_tmp/hlt.hl"
(cd "$top" && "$B/gen/hostlink-gen" -L "$B/host" "$gen_tmp/hlt.hl" "$gen_tmp" >/dev/null 2>&1)
expect_eq "gen: the thunk name keeps the soname up to its .so part" \
    "libhlt.sox.so.3 libhlt.sox-thunk.so" "$(cut -f2,3 --output-delimiter=' ' "$gen_tmp/hlt.list" 2>&1)"
check "gen: the plugin's table names the same thunk" grep -q '"libhlt.sox-thunk.so"' "$gen_tmp/hlt-host.c"
expect_eq "gen: libs.list names each built thunk" "" \
    "$(cut -f3 "$B"/gen/*.list | while read -r t; do [ -f "$B/x86_64/thunks/$t" ] || echo "missing $t"; done)"
rm -rf "$gen_tmp"

# The shared ELF reader bounds-checks: a library whose version definitions
# point past its end, or one cut short, is refused with the reason.
gen_tmp=$(mktemp -d)
python3 - "$(gcc -print-file-name=libz.so.1)" "$gen_tmp/libz.so.1" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28); shnum, = struct.unpack_from('<H', b, 0x3c)
for i in range(shnum):
    if struct.unpack_from('<I', b, shoff + i * 64 + 4)[0] == 0x6ffffffd:   # SHT_GNU_verdef
        struct.pack_into('<Q', b, shoff + i * 64 + 24, len(b) - 8)          # sh_offset
open(sys.argv[2], 'wb').write(b)
PY
sed 's/^host .*/host libz.so.1/' "$top/libs/zlib.hl" >"$gen_tmp/zlib.hl"
expect_eq "gen: version definitions outside the library are refused" \
    "$gen_tmp/libz.so.1: malformed version definitions" \
    "$(cd "$top" && "$B/gen/hostlink-gen" -L "$gen_tmp" "$gen_tmp/zlib.hl" "$gen_tmp" 2>&1)"
head -c 3000 "$(gcc -print-file-name=libz.so.1)" >"$gen_tmp/libz.so.1"
expect_eq "gen: a library cut short is refused" "$gen_tmp/libz.so.1: no usable section headers" \
    "$(cd "$top" && "$B/gen/hostlink-gen" -L "$gen_tmp" "$gen_tmp/zlib.hl" "$gen_tmp" 2>&1)"
rm -rf "$gen_tmp"
