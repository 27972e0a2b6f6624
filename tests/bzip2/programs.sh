# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own unmodified bzip2 (the host's for the x86_64 guest, the guest
# sysroots' for aarch64 and riscv64) through `hostlink run --lib bzip2`:
# bzip2 hands its FILEs (files it opened, stdin, stdout) to libbz2's
# BZ2_bzWriteOpen and BZ2_bzReadOpen, so this is the FILE * crossing at
# work. Every output file, message and exit status must be plain
# emulation's, what it writes the host's bzip2 must read back, and libbz2
# must have run on the host. Inputs: 0 B, 1 B, HOSTLINK_BZIP2_MIB MiB of
# text and noise (default 1; `make check-bzip2-large` uses 64), a corrupt
# and a truncated .bz2, and two streams concatenated.

bz_mib=${HOSTLINK_BZIP2_MIB:-1}
bz_tmp=$(mktemp -d)
: >"$bz_tmp/empty"
printf x >"$bz_tmp/one"
{ seq 1 $((bz_mib * 20000)) | awk '{ print $1, $1 * $1 % 7919, "hostlink bzip2 line" }'
  head -c $((bz_mib * 1048576)) /dev/urandom; } | head -c $((bz_mib * 1048576)) >"$bz_tmp/data"
bzip2 -9 -c "$bz_tmp/data" >"$bz_tmp/good.bz2"
bz_size=$(stat -c %s "$bz_tmp/good.bz2")
cp "$bz_tmp/good.bz2" "$bz_tmp/corrupt.bz2"
printf '\xde\xad\xbe\xef' | dd of="$bz_tmp/corrupt.bz2" bs=1 seek=$((bz_size / 2)) conv=notrunc 2>/dev/null
head -c $((bz_size / 2)) "$bz_tmp/good.bz2" >"$bz_tmp/truncated.bz2"
{ bzip2 -1 -c "$bz_tmp/one"; cat "$bz_tmp/good.bz2"; } >"$bz_tmp/two.bz2"

# bz_prog ARCH: Debian's bzip2 for that guest, or nothing.
bz_prog() {
    if [ "$1" = x86_64 ]; then command -v bzip2
    elif [ -x "$B/sysroot/$1/usr/bin/bzip2" ]; then echo "$B/sysroot/$1/usr/bin/bzip2"
    elif [ -x "$B/sysroot/$1/bin/bzip2" ]; then echo "$B/sysroot/$1/bin/bzip2"; fi
}

# bz_step ARCH LIB NAME ARGS...: bzip2 ARGS in ARCH/LIB, stdin from
# NAME.in if there is one, stdout to NAME.out; its status and messages
# go to the log; the stats of LIB runs are collected in LIB.stats.
bz_step() {
    local arch=$1 lib=$2 name=$3 dir="$bz_tmp/$1/$2" in=/dev/null; shift 3
    [ -f "$dir/$name.in" ] && in="$dir/$name.in"
    (cd "$dir" && hostlink_run "$arch" "$lib" "$bz_bin" "$@" <"$in" >"$name.out" 2>"$name.err")
    echo "$name: exit $?: $(cat "$dir/$name.err")" >>"$dir.log"
    cat "$hl_stats" >>"$dir.stats"
}

# bz_calls ARCH FN: host calls of libbz2's FN in all of ARCH's bzip2 runs.
bz_calls() {
    awk -F'\t' -v fn="$2" '$1 == "fn" && $4 == "bzip2" && $5 == fn { n += $6 } END { print n + 0 }' \
        "$bz_tmp/$1/bzip2.stats"
}

# bz_log ARCH LIB: the log, with the errno line after "*Possible* reason follows." masked.
bz_log() {
    awk 'masked { sub(/^bzip2: .*/, "bzip2: (stale errno)") } { masked = /Possible\* reason follows/; print }' \
        "$bz_tmp/$1/$2.log"
}

bz_same_files() {
    local a=$1 f rc=0
    # Messages (*.err) are compared, masked, in the log.
    for f in $(cd "$bz_tmp/$a/none" && ls | grep -v '\.err$'); do
        cmp "$bz_tmp/$a/none/$f" "$bz_tmp/$a/bzip2/$f" || rc=1
    done
    [ "$(cd "$bz_tmp/$a/none" && ls)" = "$(cd "$bz_tmp/$a/bzip2" && ls)" ] || rc=1
    return $rc
}

bz_host_reads() {
    local d="$bz_tmp/$1/bzip2"
    bzip2 -dc "$d/data.bz2" | cmp - "$bz_tmp/data" && bzip2 -dc "$d/stdout.out" | cmp - "$bz_tmp/data" &&
        bzip2 -dc "$d/empty.bz2" | cmp - /dev/null && bzip2 -dc "$d/one.bz2" | cmp - "$bz_tmp/one"
}

for a in $RUNTIME_ARCHES; do
    long_or_on "$a" aarch64 || continue
    bz_bin=$(bz_prog "$a")
    if [ -z "$bz_bin" ]; then
        echo "# skip: no Debian bzip2 for $a (make sysroot)"
        continue
    fi
    for lib in none bzip2; do
        d="$bz_tmp/$a/$lib"
        mkdir -p "$d"
        : >"$d.log"
        : >"$d.stats"
        cp -p "$bz_tmp"/{empty,one,data,good.bz2,corrupt.bz2,truncated.bz2,two.bz2} "$d/"
        cp "$bz_tmp/data" "$d/stdout.in"
        cp "$bz_tmp/good.bz2" "$d/stdin.in"
        bz_step "$a" $lib compress -9 -k empty one data           # files bzip2 opens
        bz_step "$a" $lib stdout -9                               # stdin to stdout
        bz_step "$a" $lib decompress -d -c good.bz2
        bz_step "$a" $lib stdin -d                                # stdin to stdout
        bz_step "$a" $lib test -t good.bz2 data.bz2 empty.bz2 one.bz2
        bz_step "$a" $lib concatenated -d -c two.bz2
        bz_step "$a" $lib corrupt -d -k corrupt.bz2
        bz_step "$a" $lib corrupt-test -t corrupt.bz2
        bz_step "$a" $lib truncated -d -c truncated.bz2
        rm -f "$d"/*.in
    done
    # After "*Possible* reason follows." bzip2 prints strerror(errno) of
    # whatever last set errno. Emulated on aarch64 that is QEMU refusing to
    # grow the heap (brk), which glibc reports as ENOMEM before it falls
    # back to mmap; through hostlink libbz2's big buffers are the host's,
    # the guest's heap never has to grow, and errno is 0 as on a machine.
    expect_eq "bzip2 $a: exit statuses and messages are plain emulation's (but for a stale errno)" \
        "$(bz_log "$a" none)" "$(bz_log "$a" bzip2)"
    if ! cmp -s "$bz_tmp/$a/none.log" "$bz_tmp/$a/bzip2.log"; then
        echo "# bzip2 $a: the stale errno bzip2 prints differs:" \
             "$(diff "$bz_tmp/$a/none.log" "$bz_tmp/$a/bzip2.log" | grep '^[<>]' | tr '\n' ' ')"
    fi
    check "bzip2 $a: every file written is plain emulation's, byte for byte" bz_same_files "$a"
    check "bzip2 $a: the host's bzip2 reads what it wrote" bz_host_reads "$a"
    check "bzip2 $a: -d gives back the data" cmp "$bz_tmp/$a/bzip2/decompress.out" "$bz_tmp/data"
    check "bzip2 $a: two streams give both" \
        cmp "$bz_tmp/$a/bzip2/concatenated.out" <(cat "$bz_tmp/one" "$bz_tmp/data")
    check "bzip2 $a: the corrupt file fails (exit 2)" grep -q '^corrupt: exit 2:' "$bz_tmp/$a/bzip2.log"
    missing=""
    for fn in BZ2_bzWriteOpen BZ2_bzWrite BZ2_bzWriteClose64 BZ2_bzReadOpen BZ2_bzRead \
              BZ2_bzReadGetUnused BZ2_bzReadClose; do
        [ "$(bz_calls "$a" $fn)" -gt 0 ] || missing+=" $fn"
    done
    expect_eq "bzip2 $a: libbz2's FILE functions ran on the host" "" "$missing"
    echo "# bzip2 $a: host calls: BZ2_bzWrite $(bz_calls "$a" BZ2_bzWrite), BZ2_bzRead $(bz_calls "$a" BZ2_bzRead)"
done
rm -rf "$bz_tmp"
