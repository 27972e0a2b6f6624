# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh after the whole suite (make check), or alone
# (make check-mutations: tests/run.sh tests/mutations.sh): breaks hostlink
# on purpose, one way at a time, in a scratch copy of the tree, rebuilds,
# and runs the tests that must notice. A mutation the tests do not catch
# fails, and so does one that no longer applies (its text is gone from the
# file it targets). The tests run on the x86_64 guest only
# (HOSTLINK_TEST_ARCHES), for time. MUTATIONS="NAME ..." runs only those;
# MUTATIONS=ci the few make check runs (each takes a minute or two: all of
# them are for make check-mutations).

mutation_scratch=$(mktemp -d)
[ "${MUTATIONS:-}" != ci ] ||
    MUTATIONS="host-stub no-redirect drop-errno zalloc-on-host truncate-64 hostmem-off"

# mutation NAME FILE SED_EXPRESSION TEST_FILE...
mutation() {
    local name=$1 file=$2 expr=$3 tree="$mutation_scratch/$1" out; shift 3
    [ -z "${MUTATIONS:-}" ] || [[ " $MUTATIONS " == *" $name "* ]] || return 0
    mkdir -p "$tree"
    # Times kept, so that make rebuilds only what the mutation touches.
    (cd "$top" && git ls-files -z | xargs -0 cp -p --parents -t "$tree")
    cp -a "$top/build" "$tree/"
    sed -i "$expr" "$tree/$file"
    if cmp -s "$top/$file" "$tree/$file"; then
        fail "mutation $name: still applies to $file" "its text is gone: update the mutation"; return
    fi
    touch "$tree/$file"
    if ! out=$(make -C "$tree" -j"$(nproc)" all 2>&1); then
        fail "mutation $name: the mutated tree builds" "$(tail -5 <<<"$out")"; return
    fi
    # A build older than the sources regenerates files and may undo the mutation.
    if cmp -s "$top/$file" "$tree/$file"; then
        fail "mutation $name: still in $file after make" "the build undid it: run make all first"; return
    fi
    # A mutation may make a guest hang (truncate-64 makes zlib's crc32
    # combination loop forever): that fails its test after 90 s.
    out=$(cd "$tree" && HOSTLINK_TEST_ARCHES=x86_64 HOSTLINK_TEST_TIMEOUT=90 tests/run.sh "${@/#/$tree/}" 2>&1)
    if [ $? -ne 0 ]; then
        pass "mutation $name: caught ($(grep -c '^not ok' <<<"$out") failing tests, first:$(grep -m1 '^not ok' <<<"$out" | cut -c7-))"
    else
        fail "mutation $name: caught by $*" "no test failed"
    fi
    rm -rf "$tree"
}

mutation host-stub build/gen/zlib-host.c \
    's/uLong r = real_crc32(a_crc, a_buf, a_len);/uLong r = real_crc32(a_crc, a_buf, a_len) ^ 1;/' \
    tests/zlib/zlib.sh
mutation no-redirect plugin/loader.c \
    's/struct hostlink_lib \*lib = lib_for(path);/struct hostlink_lib *lib = NULL; (void)lib_for;/' \
    tests/zlib/zlib.sh tests/passthrough/modes.sh
mutation drop-errno gen/emit_host.c \
    's/c->err = errno;/c->err = 0;/' \
    tests/zlib/zlib.sh
mutation zalloc-on-host build/gen/zlib-host.c \
    's/n_swaps = hl_swap_in(swaps, n_swaps, (char \*)a_strm + offsetof(__typeof__(\*a_strm), \(zalloc\|zfree\)), &sigs\[[01]\]);/a_strm->\1 = Z_NULL;/' \
    tests/zlib/zlib.sh
mutation struct-result-dropped gen/emit_common.c \
    's/%smemcpy(hl_ptr(%s->ret), &%s, sizeof(%s));/%s(void)%s; (void)%s; (void)%s;/' \
    tests/callbacks/types.sh
mutation sentinel-as-closure plugin/libs/generated.h \
    's/return v < 4096 || v >= (uint64_t)-4096;/return v == 0;/' \
    tests/callbacks/types.sh
mutation truncate-64 include/hostlink/slots.h \
    's/hl_from_sint(int64_t v) { return (uint64_t)v; }/hl_from_sint(int64_t v) { return (uint64_t)(int64_t)(int32_t)v; }/; s/hl_from_uint(uint64_t v) { return v; }/hl_from_uint(uint64_t v) { return (uint32_t)v; }/' \
    tests/zlib/zlib.sh
mutation policy-never-bound plugin/policy.c \
    's/    v.bound = bound(v.host_per_cb, rt);/    v.bound = false;/' \
    tests/policy/policy.sh
mutation policy-old-bar plugin/policy.c \
    's/    return host_per_cb \* 5 < round_trip \* 2;/    return host_per_cb * 3 < round_trip * 2;/' \
    tests/unit/unit.sh
mutation bridge-abandon-unnoticed plugin/bridge.c \
    's/((resuming ? block_at > top->block_at : block_at >= top->block_at) ||/((0 \&\& (resuming ? block_at > top->block_at : block_at >= top->block_at)) ||/' \
    tests/unit/unit.sh tests/png/api.sh
mutation bridge-mark-unchecked plugin/bridge.c \
    's/        guest_block(f)->mark == canary(f);/        true;/' \
    tests/unit/unit.sh
mutation thunk-ignores-policy guest/include/hostlink/thunk.h \
    's/    if (__builtin_expect(n == 0, 1)) {/    if (1) {/' \
    tests/policy/policy.sh
mutation hostmem-off plugin/hostmem.c \
    's/    if ((uint64_t)num >= NR_TABLE || !kind_of\[num\]) {/    if (1) {/' \
    tests/hostmem/hostmem.sh
mutation hostmem-signalfd plugin/hostmem.c \
    's/"anon_inode:inotify",/"anon_inode:inotify", "anon_inode:[signalfd]",/' \
    tests/hostmem/hostmem.sh
mutation host-thread-callback-lost plugin/service.c \
    's/if (svc->threads + svc->expected > 0) {/if (0) {/' \
    tests/callbacks/hostthreads.sh
mutation file-pushback-lost plugin/file_crossing.c \
    's/guest_op(&b, HOSTLINK_CB_FILE_UNREAD, c, bounce_at, n);/(void)bounce_at;/' \
    tests/file/file.sh
mutation file-read-ahead-kept plugin/file_crossing.c \
    's/            give_back(c, back, n);/            (void)give_back;/' \
    tests/file/file.sh
mutation skew-allows-all plugin/skew.c \
    's/    ok = g_hash_table_contains(allowed, lib);/    ok = true; (void)g_hash_table_contains;/' \
    tests/codecs/skew.sh
mutation const-allocator-swapped-in-place gen/emit_host.c \
    's/        } else if (f->copied) {/        } else if (0) {/' \
    tests/codecs/alloc.sh
mutation host-file-output-kept plugin/host_file.c \
    's/    if (__atomic_load_n(&n_handed_out, __ATOMIC_ACQUIRE) == 0) {/    if (1) {/' \
    tests/file/returned.sh
mutation host-file-not-unwrapped guest/runtime/host_file.c \
    's/            v = s->host;/            (void)s;/' \
    tests/file/returned.sh
mutation code-page-not-lifted plugin/fault.c \
    's/    if (tries > 2) {/    if (tries > 0) {/' \
    tests/hostmem/tbpage.sh
mutation kept-table-not-converted plugin/kept.c \
    's/            now = host ? hl_closure_of(lib, v, f->sig)$/            now = host ? (const void *)(uintptr_t)v/' \
    tests/sqlite/api.sh
mutation kept-filled-field-left plugin/kept.c \
    's/    if (!before \&\& now) {/    if (!before \&\& now \&\& 0) {/' \
    tests/sqlite/api.sh
mutation tree-sum-top-only cli/stats_tree.c \
    's/        procs.member\[i\] = in_tree(&procs, procs.pid\[i\], root, 0);/        procs.member[i] = procs.pid[i] == (long)top; (void)in_tree; (void)root;/' \
    tests/stats/tree.sh
mutation binfmt-argv0-lost cli/binfmt.c \
    's/line = binfmt_line(name, 0, magic, mask, BINFMT_HEADER_LEN, wrapper, "PF");/line = binfmt_line(name, 0, magic, mask, BINFMT_HEADER_LEN, wrapper, "F");/' \
    tests/binfmt/binfmt.sh

mutation png-unwind-ignored guest/include/hostlink/thunk.h \
    's/        if (r == HOSTLINK_CALL_UNWOUND) {/        if (0) {/' \
    tests/png/api.sh
mutation png-host-allocator libs/libpng16-guest.c \
    's/NULL, guest_malloc,/NULL, 0 ? guest_malloc : NULL,/; s/^\( *\)guest_free);/\10 ? guest_free : NULL);/' \
    tests/png/programs.sh
mutation file-small-write-kept plugin/file_crossing.c \
    's/        if (!holds_something(c)) {/        if (!holds_something(c) || !__freading(c->host)) {/' \
    tests/png/api.sh
# libcrypto and libssl are one unit: with the unit forgotten, libssl alone is
# passed through while libcrypto stays emulated (tests/openssl/api.sh).
mutation unit-ignored plugin/unit.c \
    's/if (\*l != lib \&\& strlen((\*l)->name) == len/if (0 \&\& *l != lib \&\& strlen((*l)->name) == len/' \
    tests/openssl/api.sh
mutation fork-keeps-service guest/runtime/service.c \
    's/    pthread_atfork(before_fork, after_fork_parent, after_fork_child);/    (void)before_fork; (void)after_fork_parent; (void)after_fork_child;/' \
    tests/callbacks/hostthreads.sh
mutation encoding-left-to-guest gen/emit_host.c \
    's/        emit_filled_fields(out, s, "from_guest");/        (void)0;/' \
    tests/expat/api.sh
# HOSTLINK_EMULATE applied after the units are settled (as the thunks once
# applied it): libssl alone is emulated, its genuine library binds to the
# libcrypto thunk and misses what the thunk leaves out (user-emulate.sh).
mutation emulate-env-after-units plugin/hostlink.c \
    's/^    emulate_env_apply();.*$/    (void)0;/; s/^    unit_settle();\(.*\)$/    unit_settle(); emulate_env_apply();\1/' \
    tests/openssl/user-emulate.sh
# liblzma's and libzstd's worker threads call the guest's allocator: without
# a service thread those callbacks get 0 (LZMA_MEM_ERROR, zstd's allocation
# error) where plain emulation compresses (tests/codecs/api.sh).
mutation lzma-workers-unserved libs/liblzma.hl 's/^host-threads yes$/# host-threads off/' tests/codecs/api.sh
mutation zstd-workers-unserved libs/libzstd.hl 's/^host-threads yes$/# host-threads off/' tests/codecs/api.sh
# liblzma's NULL allocator where the program frees the memory (or the
# library frees the program's) must be the guest's malloc/free: without it
# the program's free() gets host pointers.
mutation lzma-null-allocator-on-host libs/liblzma.hl 's/^null-default /# null-default /' tests/codecs/api.sh
# The alias key's width check (gen/alias.h): with integer widths forgotten,
# XML_GetInputContext64's int64_t * would pass as int * (tests/gen/gen.sh).
mutation alias-width gen/alias.c \
    "s/is_unsigned(c) ? 'u' : 'i', clang_Type_getSizeOf(c)/is_unsigned(c) ? 'u' : 'i', 8LL/" \
    tests/gen/gen.sh

# SQLite extensions: loaded by the host's loader (on x86_64 it opens the guest's
# .so and hands it the host's table: the extension's calls skip the thunk).
mutation sqlite-ext-host-loader libs/sqlite3-guest.c \
    's/    return load(db, zFile, zProc, pzErrMsg);/    return hl_next_sqlite3_load_extension(db, zFile, zProc, pzErrMsg);/' \
    tests/sqlite/loadext.sh
mutation sqlite-ext-sql-unchecked libs/sqlite3-guest.c \
    's/    if (!sql_may_load(db)) {/    if (!sql_may_load(db) \&\& 0) {/' \
    tests/sqlite/loadext.sh

rm -rf "$mutation_scratch"
unset -f mutation
