# SPDX-License-Identifier: GPL-2.0-or-later
# zlib pass-through: every guest program of tests/zlib must print exactly
# the same natively (x86_64 guest on an x86_64 host), emulated (hostlink
# run --lib none) and with zlib run on the host (--lib zlib). Key lines
# are also pinned to text taken from a native run, and the .gz file the
# guest writes must be readable by the host's gzip. The cross guests run
# with their Debian sysroot's zlib when emulated (make sysroot); where that
# is another zlib release than the host's, the few release-dependent lines
# are checked against that release's pins instead (see "zlib versions").

zlib_progs="roundtrip stream alloc back gz misc threads wide"
# zlib-roundtrip's 16 and 64 MiB cases take minutes emulated: make check
# runs it "quick" in every mode, then whole passed through only, against the
# host's own native run of the whole program (the same zlib: the output must
# be the same); make check-long runs it whole in every mode.
zlib_long=${HOSTLINK_LONG:-}
zlib_tmp=$(mktemp -d)
zlib_have_cli() { [ -x "$B/bin/hostlink" ]; }
zlib_have_cli || echo "# skip: hostlink command not built"

# zlib_run MODE ARCH PROG [whole]: the program's output (stdout and stderr, so that
# anything hostlink adds shows up as a difference) and its exit status.
# MODE: native, emulated or passthrough; "whole" runs zlib-roundtrip with its big
# cases in make check too. zlib-gz writes MODE-ARCH.gz.
zlib_run() {
    local mode=$1 arch=$2 prog=$3 args=()
    local bin="$B/$arch/tests/zlib-$prog"
    [ "$prog" != gz ] || args=("$zlib_tmp/$mode-$arch.gz")
    [ "$prog" != wide ] || args=("$zlib_tmp/wide-$mode-$arch.gz")
    [ "$prog" != roundtrip ] || [ -n "$zlib_long" ] || [ "${4:-}" = whole ] || args=(quick)
    case $mode in
    native) "$bin" "${args[@]}" ;;
    emulated)
        if zlib_have_cli; then hostlink_run "$arch" none "$bin" "${args[@]}"
        else qemu "$arch" "$bin" "${args[@]}"; fi ;;
    passthrough) hostlink_run "$arch" zlib "$bin" "${args[@]}" ;;
    esac 2>&1
    echo "exit status $?"
}

# Key lines, as printed by a native x86_64 run.
zlib_pin_roundtrip='compress2 random len=0 level=-1: Z_OK clen=8 crc32=c36c0b3c adler32=081f0119 uncompress=Z_OK same=yes
deflate random len=0 level=-1 wbits=15 mem=8 default: clen=8 crc32=c36c0b3c adler32=081f0119 inflate=Z_STREAM_END same=yes auto=yes
compress2 text len=0 level=-1: Z_OK clen=8 crc32=c36c0b3c adler32=081f0119 uncompress=Z_OK same=yes
deflate text len=0 level=-1 wbits=15 mem=8 default: clen=8 crc32=c36c0b3c adler32=081f0119 inflate=Z_STREAM_END same=yes auto=yes
deflate text len=67108864 level=1 wbits=15 mem=8 default: clen=17795510 crc32=1db96d5c adler32=50d5518d inflate=Z_STREAM_END same=yes auto=yes
roundtrip: 338 checks, 0 failed
exit status 0'
zlib_grep_roundtrip='len=0 |len=67108864|^roundtrip:|^exit'

zlib_pin_stream='1-byte deflate: Z_STREAM_END calls=24698 total_in=20000 total_out=4697 adler=9acb0021 crc32=1b1c3a2e
1-byte inflate: Z_STREAM_END calls=20433 total_in=4697 total_out=20000 adler=9acb0021 same=yes
inflateSync: Z_OK skipped to 2543 inflate: Z_STREAM_END second half same=yes
inflateGetHeader: Z_OK inflate=Z_STREAM_END done=1 text=1 time=1234567890 os=3 extra_len=11 extra=same name=name.txt comment=a comment hcrc=1
stream: 104 checks, 0 failed
exit status 0'
zlib_grep_stream='^1-byte|^inflateSync|^inflateGetHeader|^stream:|^exit'

zlib_pin_alloc='deflate level=6 wbits=15 memLevel=8
  init     zalloc=5 zfree=0 bytes=268096 outstanding=268096 max=268096
  deflate  zalloc=5 zfree=0 bytes=268096 outstanding=268096 max=268096
  copy     zalloc=10 zfree=0 bytes=536192 outstanding=536192 max=536192
  end      zalloc=10 zfree=10 bytes=536192 outstanding=0 max=536192
inflate wbits=15
  init     zalloc=1 zfree=0 bytes=7160 outstanding=7160 max=7160
  inflate  zalloc=2 zfree=0 bytes=39928 outstanding=39928 max=39928
  finish   zalloc=2 zfree=0 bytes=39928 outstanding=39928 max=39928
  end      zalloc=2 zfree=2 bytes=39928 outstanding=0 max=39928
failing zalloc: deflateInit=Z_MEM_ERROR calls=1 inflateInit=Z_MEM_ERROR calls=1
alloc: 106 checks, 0 failed
exit status 0'
# The second case (level 6, zlib framing, memLevel 8) and its inflate.
zlib_key_alloc() {
    awk '/^deflate /{n++} n==2' <<<"$1"
    grep -E '^failing|^alloc:|^exit' <<<"$1"
}

zlib_pin_back='original: len=204800 crc32=c5ea1105
chunks of 1000: Z_STREAM_END in_calls=42 out_calls=7 out_bytes=204800 crc32=c5ea1105 left_in=0
chunks of 1: Z_STREAM_END in_calls=41384 out_calls=7 out_bytes=204800 crc32=c5ea1105 left_in=0
all at once: Z_STREAM_END in_calls=1 out_calls=7 out_bytes=204800 crc32=c5ea1105 left_in=0
512-byte window: Z_STREAM_END in_calls=73 out_calls=400 out_bytes=204800 crc32=c5ea1105 left_in=0
stored blocks: Z_STREAM_END in_calls=51 out_calls=7 out_bytes=204800 crc32=c5ea1105 left_in=0
fixed blocks: Z_STREAM_END in_calls=18 out_calls=7 out_bytes=204800 crc32=c5ea1105 left_in=0
out stops on call 3: Z_BUF_ERROR in_calls=21 out_calls=3 out_bytes=98304 crc32=61d69512 next_in=set (out stopped)
input ends early: Z_BUF_ERROR in_calls=22 out_calls=4 out_bytes=99623 crc32=ce3dc92c next_in=NULL (in ran dry)
corrupt: Z_DATA_ERROR in_calls=1 out_calls=0 out_bytes=0 crc32=00000000 msg="invalid block type"
back: 41 checks, 0 failed
exit status 0'

zlib_pin_gz='gzopen wb6: ok
gzbuffer(16384)=0
gzwrite=13
gzputs=12
gzputc=120 gzputc=10
gzprintf=43
gzflush(Z_SYNC_FLUSH)=Z_OK gzoffset=85 gztell=70
gzsetparams(9, Z_FILTERED)=Z_OK
gzwrite text=100000
gzseek(+100, SEEK_CUR)=100170
gzfwrite=5 gzwrite(0 bytes)=0 gztell=100220
gzerror=Z_OK ""
gzclose_w=Z_OK
file: 20866 bytes crc32=7264b87b header=1f8b0800 mtime=00000000
content: 100220 bytes crc32=5313028a
gzbuffer(4096)=0 gzgets: "hello, world\n"
gzdirect=0
gzgets: "second line\n"
gzgetc=120 gzungetc=121 gzgetc=121 (gzgetc)=10
gzgets: "int=42 str=abc float=3.250 neg=-7 hex=0xff\n"
gztell=70 gzread(1000)=1000 same=yes
gzseek(+500, SEEK_CUR)=1570 gzread(100)=100 same=yes
gzseek(13, SEEK_SET)=13 gzgets: "second line\n"
gzrewind=0 gztell=0 gzeof=0
gzfread(all)=100220 same=yes gzeof=1 gzoffset=20866
gzread at end=0 gzgetc at end=-1 gzerror=Z_OK ""
gzclose_r=Z_OK
gzdopen(fd, wb1): ok gzwrite=100000 gzclose=Z_OK
gzdopen(fd, rb): ok gzread=100000 same=yes gzclose=Z_OK fd closed: yes
gzopen wT: gzputs=11 gzclose=Z_OK file is plain: yes
read back: gzread=11 same=yes gzdirect=1 gzclose=Z_OK
gzopen ab9: ok gzputs=14 gzclose=Z_OK read both: 27 same=yes
bad crc: read 98304 then -1, gzerror=Z_DATA_ERROR "incorrect data check" after gzclearerr=Z_OK "" gzclose=Z_OK
truncated: read 47376 then 0, gzerror=Z_BUF_ERROR "unexpected end of file" after gzclearerr=Z_OK "" gzclose=Z_OK
gzopen missing: NULL errno=ENOENT
gzopen mode "": NULL
gz: 9 checks, 0 failed
exit status 0'
# What the file zlib-gz writes decompresses to (100220 bytes).
zlib_gz_sha256=98537aefe8c0e506a18ad596d6ec3336bc66edb6f5bbfdee4fd9bf13c8b776e3

zlib_pin_misc='zlibVersion: matches ZLIB_VERSION
zlibCompileFlags: nonzero=yes uInt=4 uLong=8 voidpf=8 z_off_t=8
crc32("123456789")=cbf43926 adler32("123456789")=091e01de
initial values: crc32=00000000 adler32=00000001
crc32 a=2505989a b=675d45f1 a+b=f7781c91 combine=f7781c91 same=yes
adler32 a=d5cad716 b=2e09bd7b a+b=6cb7949f combine=6cb7949f same=yes
crc32_combine_op same=yes
crc32_z same as crc32: yes adler32_z same as adler32: yes
crc32(NULL buffer)=00000000 adler32(NULL buffer)=00000001
get_crc_table: [1]=77073096 [128]=edb88320 [255]=2d02ef8d crc32 of table=6fcf9e13
compressBound: 0->13 1->14 100->113 65536->65569 1048576->1048909 1073741824->1074069549
zError(Z_OK)=""
zError(Z_STREAM_END)="stream end"
zError(Z_NEED_DICT)="need dictionary"
zError(Z_ERRNO)="file error"
zError(Z_STREAM_ERROR)="stream error"
zError(Z_DATA_ERROR)="data error"
zError(Z_MEM_ERROR)="insufficient memory"
zError(Z_BUF_ERROR)="buffer error"
zError(Z_VERSION_ERROR)="incompatible version"
compress: clen=10720 crc32=0085304c
uncompress2: Z_OK out=50000 used=10720 same=yes
uncompress short of room: Z_BUF_ERROR out=49999
uncompress2 truncated input: Z_DATA_ERROR out=23021 used=5360
uncompress corrupt: Z_DATA_ERROR
uncompress bad header: Z_DATA_ERROR
compress2 into 5 bytes: Z_BUF_ERROR
compress2 level 10: Z_STREAM_ERROR
deflateInit_ version "0.9": Z_VERSION_ERROR inflateInit_ wrong stream size: Z_VERSION_ERROR
misc: 13 checks, 0 failed
exit status 0'

zlib_pin_threads='thread 0: ok clen=71884 crc32=ca4bedec zalloc=0 zfree=0 foreign=0
thread 1: ok clen=68348 crc32=6d697602 zalloc=24 zfree=24 foreign=0
thread 2: ok clen=27318 crc32=f17be547 zalloc=0 zfree=0 foreign=0
thread 3: ok clen=61709 crc32=f6b86408 zalloc=24 zfree=24 foreign=0
thread 4: ok clen=62373 crc32=ac32b418 zalloc=0 zfree=0 foreign=0
thread 5: ok clen=25555 crc32=f25ab14a zalloc=24 zfree=24 foreign=0
thread 6: ok clen=86195 crc32=0a35d1f5 zalloc=0 zfree=0 foreign=0
thread 7: ok clen=86106 crc32=9b17802f zalloc=24 zfree=24 foreign=0
threads: 8 checks, 0 failed
exit status 0'

zlib_pin_wide='wide: 11 checks, 0 failed
exit status 0'
zlib_grep_wide='^wide:|^exit'

# What must have run on the host when each program is passed through (the
# run's own statistics): a silent fallback to the guest's zlib fails these.
zlib_host_roundtrip="compress2 uncompress compressBound deflateInit2_ deflateBound deflate deflateEnd
    inflateInit2_ inflate inflateEnd crc32 adler32 adler32_z"
zlib_host_stream="deflateInit_ deflateCopy deflateSetDictionary deflateGetDictionary deflateSetHeader
    deflatePrime deflateParams deflateTune deflatePending deflateReset inflateInit_ inflateCopy
    inflateSetDictionary inflateGetDictionary inflateSync inflateSyncPoint inflateGetHeader
    inflatePrime inflateMark inflateCodesUsed inflateValidate inflateReset inflateReset2"
zlib_host_alloc="deflateInit2_ deflateInit_ deflateCopy deflate deflateEnd inflateInit2_ inflateInit_
    inflate inflateEnd"
zlib_host_back="inflateBackInit_ inflateBack inflateBackEnd deflateInit2_ deflate crc32"
zlib_host_gz="gzopen gzdopen gzbuffer gzwrite gzputs gzputc gzprintf gzvprintf gzflush gzsetparams gzseek gzfwrite
    gzerror gzclose_w gzgets gzdirect gzgetc gzungetc gzread gztell gzrewind gzeof gzfread gzoffset
    gzclose_r gzclose gzclearerr"
zlib_host_misc="zlibVersion zlibCompileFlags crc32 adler32 crc32_combine adler32_combine
    crc32_combine_gen crc32_combine_op crc32_z adler32_z get_crc_table compressBound zError compress
    uncompress uncompress2 compress2 deflateInit_ inflateInit_"
zlib_host_threads="deflateInit2_ deflate deflateEnd inflateInit2_ inflate inflateEnd"
zlib_host_wide="crc32_combine64 crc32_combine crc32_combine_gen64 crc32_combine_gen crc32_combine_op
    adler32_combine64 adler32_combine compressBound deflateBound deflatePrime deflateResetKeep
    deflateParams inflateMark inflatePrime inflateUndermine inflateResetKeep inflateReset2 gzopen64
    gztell64 gzfwrite gzfread gzgetc_ gzseek64 gzoffset64 gzeof gzrewind gzclose"

# --- zlib versions ------------------------------------------------------------
# The pins above are what zlib 1.2.13 prints (the host's zlib). A guest whose
# own zlib is another release (riscv64: Debian forky's 1.3.2) prints a few
# lines differently when emulated; pass-through runs the host's zlib and so
# prints what the host's release prints. Where a release differs, its pins
# are the 1.2.13 ones edited below, each edit explained; everything else
# must agree between the releases too.

# zlib 1.3.2's deflate state is 16 bytes larger: its allocations at
# deflateInit (and twice that after deflateCopy) grow by that much.
zlib_pin_alloc_1_3_2=${zlib_pin_alloc//268096/268112}
zlib_pin_alloc_1_3_2=${zlib_pin_alloc_1_3_2//536192/536224}
# gzread in zlib 1.3.2 returns the data it decompressed before an error
# first and reports the error on the next call (1.3.1.2: "Return all
# available uncompressed data on error in gzread.c"): the whole damaged
# member, 100220 bytes, comes out before -1. And 1.3.2 (Debian forky's
# package, the one seen) does not report a gzip file that ends in the
# middle of a member at all: gzerror and gzclose say Z_OK, although its
# zlib.h still promises Z_BUF_ERROR (cut anywhere, even one byte of the
# trailer). The program's check of that fails under the genuine 1.3.2, and
# the pin says so.
zlib_pin_gz_1_3_2=${zlib_pin_gz/'bad crc: read 98304 '/'bad crc: read 100220 '}
zlib_pin_gz_1_3_2=${zlib_pin_gz_1_3_2/'truncated: read 47376 then 0, gzerror=Z_BUF_ERROR "unexpected end of file"'/'truncated: read 47376 then 0, gzerror=Z_OK ""FAILED: code == (truncate ? Z_BUF_ERROR : Z_DATA_ERROR) (tests/zlib/gz.c:LINE)
'}
zlib_pin_gz_1_3_2=${zlib_pin_gz_1_3_2/'gz: 9 checks, 0 failed
exit status 0'/'gz: 9 checks, 1 failed
exit status 1'}
zlib_note_1_3_2="alloc: deflate state 16 bytes larger; gz: gzread hands out data before an error, and a truncated gzip file is not reported (1.3.2 does not keep zlib.h's Z_BUF_ERROR promise)"

# zlib_pin PROG VERSION GUEST_VERSION: the pinned key lines of PROG run with
# zlib VERSION, built against the headers of GUEST_VERSION (the guest's own).
zlib_pin() {
    local pin="zlib_pin_$1" ver="zlib_pin_$1_${2//./_}" text
    text=${!ver-${!pin}}
    # zlib-misc compares zlibVersion() with the ZLIB_VERSION it was built with.
    [ "$1" != misc ] || [ "$2" = "$3" ] ||
        text=${text/'zlibVersion: matches ZLIB_VERSION'/'zlibVersion: differs from ZLIB_VERSION'}
    printf '%s\n' "$text"
}

# zlib_mask PROG: OUTPUT (stdin) with the parts that depend on the zlib
# release (see the edits above) replaced by "?": what is left must be the
# same whichever release runs.
zlib_mask() {
    case $1 in
    misc) sed 's/^zlibVersion: .*/zlibVersion: ?/' ;;
    alloc) awk '/^deflate /{ d = 1 } /^inflate /{ d = 0 }
                d && / zalloc=/{ gsub(/bytes=[0-9]+/, "bytes=?"); gsub(/outstanding=[0-9]+/, "outstanding=?")
                                 gsub(/max=[0-9]+/, "max=?") }
                { print }' ;;
    gz) awk '/^truncated: /{ print "truncated: ?"; t = 1 }
             t { if (/gzclose=/) t = 0; next }
             { sub(/^bad crc: read [0-9]+/, "bad crc: read ?")
               sub(/^gz: [0-9]+ checks, [0-9]+ failed$/, "gz: ? checks")
               sub(/^exit status [0-9]+$/, "exit status ?"); print }' ;;
    *) cat ;;
    esac
}

# zlib_so_version LIBZ: "1.2.13" from the file libz.so.1 resolves to
# (libz.so.1.2.13); nothing when that name does not tell.
zlib_so_version() {
    local f
    f=$(readlink -f "$1" 2>/dev/null) || return 0
    [[ ${f##*/} =~ ^libz\.so\.([0-9]+\.[0-9.]*[0-9])$ ]] && echo "${BASH_REMATCH[1]}"
    return 0
}
# The host's zlib, which the plugin loads (dlopen "libz.so.1").
zlib_host_ver=$(zlib_so_version "$( (command -v ldconfig >/dev/null && ldconfig -p || /sbin/ldconfig -p) 2>/dev/null |
    awk '$1 == "libz.so.1" && /x86-64/ { print $NF; exit }')")
# zlib_guest_version ARCH: the zlib the guest's loader finds under `hostlink
# run` (build/sysroot/ARCH when it exists, else the cross sysroot).
zlib_guest_version() {
    local root="guest_sysroot_$1" d
    if [ "$1" = "$(uname -m)" ]; then echo "$zlib_host_ver"; return; fi
    root=${!root}
    [ ! -d "$B/sysroot/$1" ] || root="$B/sysroot/$1"
    for d in "lib/$1-linux-gnu" "usr/lib/$1-linux-gnu" lib usr/lib; do
        if [ -e "$root/$d/libz.so.1" ]; then zlib_so_version "$root/$d/libz.so.1"; return; fi
    done
}

# zlib_key PROG OUTPUT: the lines of OUTPUT that zlib_pin_PROG pins (with
# the source line of any FAILED check left out).
zlib_key() {
    local grep_var="zlib_grep_$1"
    if [ "$1" = alloc ]; then zlib_key_alloc "$2"
    elif [ -n "${!grep_var:-}" ]; then grep -E "${!grep_var}" <<<"$2"
    else printf '%s\n' "$2"; fi | sed -E 's/(FAILED: .*\(tests\/zlib\/[a-z]+\.c:)[0-9]+\)$/\1LINE)/'
}

declare -A zlib_out=() zlib_ver=()  # MODE -> output of the program at hand, zlib release
for arch in $GUEST_ARCHES; do
    if [ ! -x "$B/$arch/tests/zlib-misc" ]; then
        echo "# skip: $arch: zlib test programs not built (no zlib for this guest's compiler)"
        continue
    fi
    modes=()
    [ "$arch" != "$(uname -m)" ] || modes+=(native)
    modes+=(emulated)
    zlib_have_cli && modes+=(passthrough)
    guest_ver=$(zlib_guest_version "$arch")
    zlib_ver=([native]=$zlib_host_ver [emulated]=$guest_ver [passthrough]=$zlib_host_ver)
    # Releases are only told apart when both are known; else all must agree.
    same_ver=yes
    [ -z "$guest_ver" ] || [ -z "$zlib_host_ver" ] || [ "$guest_ver" = "$zlib_host_ver" ] || same_ver=""
    if [ -z "$same_ver" ]; then
        note="zlib_note_${guest_ver//./_}"
        echo "# note: $arch: the guest's zlib is $guest_ver (emulated), the host's $zlib_host_ver" \
             "(pass-through); outputs are compared apart from what depends on the release," \
             "which is checked against each release's pins${!note:+ ($guest_ver: ${!note})}"
    fi

    for prog in $zlib_progs; do
        for mode in "${modes[@]}"; do
            zlib_out[$mode]=$(zlib_run "$mode" "$arch" "$prog")
            if [ "$mode" = passthrough ]; then
                host_fns="zlib_host_$prog"
                expect_host "$arch zlib-$prog: passed through, zlib ran on the host" zlib ${!host_fns}
            fi
        done
        # Each mode against the one before it: native = emulated = pass-through.
        prev=""
        for mode in "${modes[@]}"; do
            if [ -z "$prev" ]; then :
            elif [ "${zlib_ver[$prev]}" = "${zlib_ver[$mode]}" ] || [ -n "$same_ver" ]; then
                expect_eq "$arch zlib-$prog: $mode prints what $prev prints" \
                    "${zlib_out[$prev]}" "${zlib_out[$mode]}"
            else
                name="$mode (zlib ${zlib_ver[$mode]}) prints what $prev (zlib ${zlib_ver[$prev]}) prints"
                expect_eq "$arch zlib-$prog: $name, apart from release-dependent parts" \
                    "$(zlib_mask "$prog" <<<"${zlib_out[$prev]}")" \
                    "$(zlib_mask "$prog" <<<"${zlib_out[$mode]}")"
            fi
            prev=$mode
        done
        # The key lines of the last mode, and of any mode that ran another release.
        for mode in "${modes[@]}"; do
            [ "$prog" != roundtrip ] || [ -n "$zlib_long" ] || break
            [ "$mode" = "$prev" ] || [ "${zlib_ver[$mode]}" != "${zlib_ver[$prev]}" ] || continue
            ver=${zlib_ver[$mode]:-$zlib_host_ver} label=$mode
            [ -n "$same_ver" ] || label="$mode, zlib $ver"
            expect_eq "$arch zlib-$prog: key lines as pinned ($label)" \
                "$(zlib_pin "$prog" "$ver" "${guest_ver:-$ver}")" \
                "$(zlib_key "$prog" "${zlib_out[$mode]}")"
        done
        # The allocator calls, named: they cross from host zlib into the guest.
        # (Their sizes depend on the zlib release: only the counts when they differ.)
        if [ "$prog" = alloc ] && zlib_have_cli; then
            zlib_calls() { if [ -n "$same_ver" ]; then grep zalloc=; else grep -oE '^ *[a-z]+ +zalloc=[0-9]+ zfree=[0-9]+'; fi; }
            calls=$(zlib_calls <<<"${zlib_out[emulated]}")
            expect_eq "$arch zlib-alloc: the guest's zalloc/zfree counts, emulated = pass-through" \
                "$calls" "$(zlib_calls <<<"${zlib_out[passthrough]}")"
            check "$arch zlib-alloc: ... and the counts were found (8 stages)" \
                test "$(grep -c 'zalloc=[1-9]' <<<"$calls")" -ge 8
            unset -f zlib_calls
        fi
    done

    if [ -z "$zlib_long" ] && zlib_have_cli; then
        [ -n "${zlib_native_whole:-}" ] || zlib_native_whole=$(zlib_run native x86_64 roundtrip whole)
        out=$(zlib_run passthrough "$arch" roundtrip whole)
        expect_host "$arch zlib-roundtrip whole (16 and 64 MiB): passed through, zlib ran on the host" zlib $zlib_host_roundtrip
        expect_eq "$arch zlib-roundtrip whole: passed through prints what the host's native run prints" \
            "$zlib_native_whole" "$out"
        expect_eq "$arch zlib-roundtrip whole: key lines as pinned" \
            "$(zlib_pin roundtrip "$zlib_host_ver" "$zlib_host_ver")" "$(zlib_key roundtrip "$out")"
    fi
    for mode in "${modes[@]}"; do
        gzfile="$zlib_tmp/$mode-$arch.gz"
        expect_eq "$arch zlib-gz: host gzip reads the file written $mode" \
            "$zlib_gz_sha256  -" "$(gzip -dc "$gzfile" 2>&1 | sha256sum)"
    done
done
unset zlib_out zlib_ver zlib_long zlib_native_whole
rm -rf "$zlib_tmp"
