# SPDX-License-Identifier: GPL-2.0-or-later
# The hostlink command: help, run (exit status, arguments, architecture from
# the ELF header, QEMU command line, errors), list and doctor.

# These tests check the command line the CLI builds for the default plugin.
cli_saved_plugin=${HOSTLINK_PLUGIN-}
unset HOSTLINK_PLUGIN

cli_hl="$B/bin/hostlink"
cli_tmp=$(mktemp -d)
# hostlink finds its root through /proc/self/exe: symlinks resolved.
cli_root=$(cd "$top" && pwd -P)

# cli_status CMD...: prints CMD's exit status and the first line it wrote to stderr.
cli_status() {
    local err rc
    err=$("$@" 2>&1 >/dev/null); rc=$?
    printf '%s %s\n' "$rc" "${err%%$'\n'*}"
}

# A fake QEMU prefix whose qemu-ARCH print their name and arguments.
mkdir -p "$cli_tmp/qemu/bin"
for arch in $GUEST_ARCHES; do
    printf '#!/bin/sh\necho "${0##*/}"\nprintf "%%s\\n" "$@"\n' >"$cli_tmp/qemu/bin/qemu-$arch"
    chmod +x "$cli_tmp/qemu/bin/qemu-$arch"
done
# cli_expect ARCH PLUGIN-OPTIONS ARGS...: what the fake qemu-ARCH prints
# when `run` gives it -L (not for x86_64), -plugin and ARGS. The plugin also
# gets the -L as sysroot= and the real path of the program (the first of
# ARGS that is a file) as exe=, after hostlibdir=.
cli_expect() {
    local arch=$1 popts=$2 own="$cli_root/build/sysroot/$1" cross="guest_sysroot_$1" root="" prog a
    local lines=("qemu-$arch"); shift 2
    for a in "$@"; do [ -z "${prog:-}" ] && [ -f "$a" ] && prog=$a; done
    if [ "$arch" != x86_64 ]; then
        if [ -d "$own" ]; then root=$own; else root=${!cross}; fi
        lines+=(-L "$root")
    fi
    popts="${popts/%hostlibdir=$cli_root\/build\/host/hostlibdir=$cli_root/build/host${root:+,sysroot=$root},exe=$(readlink -f "$prog")}"
    popts="${popts/hostlibdir=$cli_root\/build\/host,stats/hostlibdir=$cli_root/build/host${root:+,sysroot=$root},exe=$(readlink -f "$prog"),stats}"
    lines+=(-plugin "$cli_root/build/plugin/libhostlink.so$popts")
    # Without --lib every library is on, the preloaded libc-sort shim too.
    if [[ "$popts" != *",lib="* ]]; then
        lines+=(-E "LD_PRELOAD=$cli_root/build/$arch/thunks/libhostlink-libc-sort-thunk.so")
    fi
    lines+=("$@")
    printf '%s\n' "${lines[@]}"
}

# --- help ---------------------------------------------------------------------
cli_help=$("$cli_hl" --help)
for word in run list doctor --arch --lib --stats --sysroot --qemu-arg HOSTLINK_QEMU HOSTLINK_ROOT QEMU_LD_PREFIX; do
    check "cli: help mentions $word" grep -q -e "$word" <<<"$cli_help"
done
expect_eq "cli: no arguments print the help" "$cli_help" "$("$cli_hl")"
expect_eq "cli: 'help' prints the help" "$cli_help" "$("$cli_hl" help)"
expect_eq "cli: unknown command is a usage error" "2 hostlink: unknown command 'frobnicate'" \
    "$(cli_status "$cli_hl" frobnicate)"

# --- run: real QEMU and plugin ------------------------------------------------
for arch in $GUEST_ARCHES; do
    cli_prog="$B/$arch/tests/cli-exit"
    # No --arch: the ELF header picks qemu-$arch (another QEMU could not run it).
    "$cli_hl" run --lib none -- "$cli_prog" 3; expect_eq "cli: $arch: run passes exit status 3 through" 3 $?
    "$cli_hl" run --lib none -- "$cli_prog" 0; expect_eq "cli: $arch: run passes exit status 0 through" 0 $?
    expect_eq "cli: $arch: run without -- passes arguments in" "$(printf 'a\nb c\n--lib')" \
        "$("$cli_hl" run --lib none "$cli_prog" 0 a "b c" --lib)"
done
"$cli_hl" run --arch x86_64 --lib none "$B/x86_64/tests/cli-exit" 5
expect_eq "cli: run --arch x86_64" 5 $?
PATH="$B/x86_64/tests:$PATH" "$cli_hl" run --lib none cli-exit 6
expect_eq "cli: run looks PROG up in PATH" 6 $?
# The plugin's default: every library enabled, thunks looked up in build/ARCH/thunks.
expect_eq "cli: run with the default libraries" "$(printf 'x\ny')" \
    "$("$cli_hl" run "$B/x86_64/tests/cli-exit" 0 x y)"

# --- run: the QEMU command line (fake QEMU) -----------------------------------
for arch in $GUEST_ARCHES; do
    expect_eq "cli: $arch: ELF header selects qemu-$arch, its -L and thunk directory" \
        "$(cli_expect "$arch" ",thunkdir=$cli_root/build/$arch/thunks,hostlibdir=$cli_root/build/host" "$B/$arch/tests/cli-exit" 1)" \
        "$(HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run "$B/$arch/tests/cli-exit" 1)"
done
# --stats alone also records to a file of its own, for the tree's total (TMP here).
expect_eq "cli: --lib, --stats and --qemu-arg reach QEMU in order" \
    "$(cli_expect aarch64 ",lib=zlib,lib=demo-callback-qsort,lib=hlt,thunkdir=$cli_root/build/aarch64/thunks,hostlibdir=$cli_root/build/host,stats=on,statsfile=TMP" \
        -d plugin "$B/x86_64/tests/cli-exit" -- -x)" \
    "$(HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --arch=aarch64 --lib zlib --stats \
        --lib=demo-callback-qsort,hlt --qemu-arg -d --qemu-arg=plugin -- "$B/x86_64/tests/cli-exit" -- -x 2>/dev/null |
        sed 's|statsfile=/tmp/hostlink-stats-[A-Za-z0-9]*|statsfile=TMP|')"
expect_eq "cli: --stats=FILE becomes statsfile=FILE, commas escaped" \
    "$cli_root/build/plugin/libhostlink.so,lib=none,thunkdir=$cli_root/build/x86_64/thunks,hostlibdir=$cli_root/build/host,exe=/usr/bin/true,statsfile=/tmp/a,,b.tsv" \
    "$(HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib none --stats=/tmp/a,b.tsv /bin/true | sed -n 3p)"
expect_eq "cli: --stats= without a file name is refused" \
    "125 hostlink: run: --stats=FILE needs a file name" "$(cli_status "$cli_hl" run --stats= /bin/true)"
expect_eq "cli: --lib libc-sort preloads its shim after the user's LD_PRELOAD" \
    "$(printf -- '-E\nLD_PRELOAD=/lib/x86_64-linux-gnu/libm.so.6:%s' "$cli_root/build/x86_64/thunks/libhostlink-libc-sort-thunk.so")" \
    "$(LD_PRELOAD=/lib/x86_64-linux-gnu/libm.so.6 HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib libc-sort /bin/true | sed -n 4,5p)"
expect_eq "cli: another guest's shim in the user's LD_PRELOAD is replaced by this guest's" \
    "$(printf -- '-E\nLD_PRELOAD=/lib/x86_64-linux-gnu/libm.so.6:%s' "$cli_root/build/x86_64/thunks/libhostlink-libc-sort-thunk.so")" \
    "$(LD_PRELOAD="$cli_root/build/riscv64/thunks/libhostlink-libc-sort-thunk.so /lib/x86_64-linux-gnu/libm.so.6" \
       HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib libc-sort /bin/true 2>/dev/null | sed -n 4,5p)"
expect_eq "cli: ... and dropped when this run preloads nothing" "/bin/true" \
    "$(LD_PRELOAD="$cli_root/build/riscv64/thunks/libhostlink-libc-sort-thunk.so" \
       HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib zlib /bin/true 2>/dev/null | sed -n 4p)"
expect_eq "cli: --lib none is passed as lib=none" \
    "$cli_root/build/plugin/libhostlink.so,lib=none,thunkdir=$cli_root/build/x86_64/thunks,hostlibdir=$cli_root/build/host,exe=/usr/bin/true" \
    "$(HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib none /bin/true | sed -n 3p)"
expect_eq "cli: a program found on PATH keeps its name as argv[0]" \
    "$(printf -- '-0\ncli-exit\n%s' "$B/x86_64/tests/cli-exit")" \
    "$(PATH="$B/x86_64/tests:$PATH" HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib none cli-exit | sed -n 4,6p)"
# The guest's root: --sysroot, else the user's QEMU_LD_PREFIX, else the project's.
mkdir -p "$cli_tmp/guest root"
expect_eq "cli: --sysroot DIR is QEMU's -L, made absolute" "$(printf -- '-L\n%s' "$cli_tmp/guest root")" \
    "$(cd "$cli_tmp" && HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --sysroot "guest root" --arch aarch64 --lib none /bin/true | sed -n 2,3p)"
expect_eq "cli: --sysroot works for x86_64 guests too" "$(printf -- '-L\n%s' "$cli_tmp/guest root")" \
    "$(HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --sysroot="$cli_tmp/guest root" --lib none /bin/true | sed -n 2,3p)"
expect_eq "cli: the user's QEMU_LD_PREFIX is honoured" "$(printf -- '-L\n%s' "$cli_tmp/guest root")" \
    "$(QEMU_LD_PREFIX="$cli_tmp/guest root" HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --arch riscv64 --lib none /bin/true | sed -n 2,3p)"
expect_eq "cli: --sysroot wins over QEMU_LD_PREFIX" "$(printf -- '-L\n%s' "$cli_tmp/guest root")" \
    "$(QEMU_LD_PREFIX=/nonexistent HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --sysroot "$cli_tmp/guest root" --arch riscv64 --lib none /bin/true | sed -n 2,3p)"
expect_eq "cli: a missing --sysroot is refused" \
    "125 hostlink: run: --sysroot $cli_tmp/none: No such file or directory" \
    "$(cli_status "$cli_hl" run --sysroot "$cli_tmp/none" /bin/true)"
if [ -d "$B/sysroot/aarch64" ]; then
    ln -s "$B/sysroot/aarch64" "$cli_tmp/arm64-root"
    expect_eq "cli: a real run with --sysroot loads the guest's libraries from it" \
        "$(hostlink_run aarch64 none "$B/aarch64/tests/zlib-fallback")" \
        "$("$cli_hl" run --sysroot "$cli_tmp/arm64-root" --lib zlib -- "$B/aarch64/tests/zlib-fallback")"
    check "cli: ... and not from elsewhere (an empty --sysroot cannot run it)" \
        bash -c '! "$0" run --sysroot "$1" --lib zlib -- "$2"' "$cli_hl" "$cli_tmp/guest root" "$B/aarch64/tests/zlib-fallback"
fi
# QEMU reads ",," as a comma inside an option value.
mkdir -p "$cli_tmp/a,b/build"
ln -s "$B/plugin" "$cli_tmp/a,b/build/plugin"
expect_eq "cli: commas in the plugin options are escaped" \
    "$cli_tmp/a,,b/build/plugin/libhostlink.so,lib=none,thunkdir=$cli_tmp/a,,b/build/x86_64/thunks,hostlibdir=$cli_tmp/a,,b/build/host,exe=/usr/bin/true" \
    "$(HOSTLINK_ROOT="$cli_tmp/a,b" HOSTLINK_QEMU="$cli_tmp/qemu" "$cli_hl" run --lib none /bin/true | sed -n 3p)"
expect_eq "cli: a root with a comma works with the real QEMU" 0 \
    "$(HOSTLINK_ROOT="$cli_tmp/a,b" HOSTLINK_QEMU="$B/qemu" "$cli_hl" run --lib none "$B/x86_64/tests/cli-exit" 0; echo $?)"

# --- run: errors ----------------------------------------------------------------
printf 'not a program\n' >"$cli_tmp/text"; chmod +x "$cli_tmp/text"
expect_eq "cli: a non-ELF program is refused" \
    "126 hostlink: $cli_tmp/text: not an ELF file; hostlink runs 64-bit little-endian Linux programs (x86_64, aarch64, riscv64)" \
    "$(cli_status "$cli_hl" run "$cli_tmp/text")"
# ELF headers: 64-bit little-endian ppc64 (e_machine 21), and a 32-bit one.
{ printf '\177ELF\002\001\001'; head -c 9 /dev/zero; printf '\002\000\025\000'; head -c 44 /dev/zero; } >"$cli_tmp/ppc64"
{ printf '\177ELF\001\001\001'; head -c 9 /dev/zero; printf '\002\000\003\000'; head -c 44 /dev/zero; } >"$cli_tmp/i386"
expect_eq "cli: an unsupported ELF machine is refused" \
    "126 hostlink: $cli_tmp/ppc64: ELF machine 21 (ppc64) is not a supported guest architecture (supported: x86_64, aarch64, riscv64)" \
    "$(cli_status "$cli_hl" run "$cli_tmp/ppc64")"
expect_eq "cli: a 32-bit ELF program is refused" \
    "126 hostlink: $cli_tmp/i386: 32-bit ELF file; hostlink runs 64-bit little-endian Linux programs (x86_64, aarch64, riscv64)" \
    "$(cli_status "$cli_hl" run "$cli_tmp/i386")"
expect_eq "cli: an unknown --arch is refused" \
    "125 hostlink: run: unknown architecture 'mips' (known: x86_64, aarch64, riscv64)" \
    "$(cli_status "$cli_hl" run --arch mips /bin/true)"
expect_eq "cli: --lib none with another --lib is refused" \
    "125 hostlink: run: --lib none cannot be combined with other --lib values" \
    "$(cli_status "$cli_hl" run --lib zlib --lib none /bin/true)"
expect_eq "cli: --lib none,NAME is refused" \
    "125 hostlink: run: --lib none cannot be combined with other --lib values" \
    "$(cli_status "$cli_hl" run --lib=none,zlib /bin/true)"
# The known names come from build/share/hostlink/libs.list.
cli_known="none, $("$cli_hl" list | awk '{printf "%s%s", sep, $1; sep=", "}')"
expect_eq "cli: an unknown --lib is refused before QEMU starts" \
    "125 hostlink: run: unknown library 'zlibb' (known: $cli_known; see hostlink list)" \
    "$(cli_status "$cli_hl" run --lib zlibb /bin/true)"
expect_eq "cli: an unknown name in a --lib list is refused" \
    "125 hostlink: run: unknown library 'zlibb' (known: $cli_known; see hostlink list)" \
    "$(cli_status "$cli_hl" run --lib zlib,zlibb /bin/true)"
expect_eq "cli: unknown run option" "125 hostlink: run: unknown option '--bogus' (see hostlink help)" \
    "$(cli_status "$cli_hl" run --bogus /bin/true)"
expect_eq "cli: option without its value" "125 hostlink: run: --lib needs a value" \
    "$(cli_status "$cli_hl" run --lib)"
expect_eq "cli: run without a program" \
    "125 hostlink: run: no program given (hostlink run [OPTIONS] [--] PROG [ARGS...])" \
    "$(cli_status "$cli_hl" run --lib none --)"
expect_eq "cli: a program not on PATH" "127 hostlink: no-such-program-here: command not found" \
    "$(cli_status "$cli_hl" run no-such-program-here)"
expect_eq "cli: a missing program" "127 hostlink: $cli_tmp/missing: No such file or directory" \
    "$(cli_status "$cli_hl" run --arch x86_64 "$cli_tmp/missing")"
expect_eq "cli: a missing plugin says to run make" \
    "125 hostlink: plugin $cli_tmp/build/plugin/libhostlink.so not found: run make in $cli_tmp (or set HOSTLINK_ROOT)" \
    "$(HOSTLINK_ROOT=$cli_tmp cli_status "$cli_hl" run /bin/true)"
expect_eq "cli: a missing QEMU" \
    "127 hostlink: QEMU $cli_tmp/bin/qemu-x86_64 not found: run make, or set HOSTLINK_QEMU to the prefix of a plugin-capable QEMU" \
    "$(HOSTLINK_QEMU=$cli_tmp cli_status "$cli_hl" run /bin/true)"

# --- list -----------------------------------------------------------------------
mkdir -p "$cli_tmp/root/build/share/hostlink"
ln -s "$B/plugin" "$B/qemu" "$cli_tmp/root/build/"
printf '%s\n' '# name	soname	thunk	description' '' \
    'zlib	libz.so.1	libz-thunk.so	compression (deflate, inflate, crc32)' \
    'demo-callback-qsort	libdemo-callback-qsort.so	libdemo-callback-qsort-thunk.so	the callback demo' \
    '  # indented comment' 'nodesc	libnodesc.so.2.1	nodesc-thunk.so' >"$cli_tmp/root/build/share/hostlink/libs.list"
expect_eq "cli: list prints the libraries as a table" \
"zlib                 libz.so.1                  compression (deflate, inflate, crc32)
demo-callback-qsort  libdemo-callback-qsort.so  the callback demo
nodesc               libnodesc.so.2.1" \
    "$(HOSTLINK_ROOT="$cli_tmp/root" "$cli_hl" list)"
expect_eq "cli: list without libs.list fails" \
    "1 hostlink: cannot read the library list $cli_tmp/build/share/hostlink/libs.list: No such file or directory (run make to generate it)" \
    "$(HOSTLINK_ROOT=$cli_tmp cli_status "$cli_hl" list)"
mkdir -p "$cli_tmp/bad/build/share/hostlink"
printf '# ok\nzlib\tlibz.so.1\n' >"$cli_tmp/bad/build/share/hostlink/libs.list"
expect_eq "cli: list names a malformed line" \
    "1 hostlink: $cli_tmp/bad/build/share/hostlink/libs.list:2: expected name<TAB>soname<TAB>thunk<TAB>description" \
    "$(HOSTLINK_ROOT="$cli_tmp/bad" cli_status "$cli_hl" list)"
printf 'zlib\tlibz.so.1\t../libz.so.1\tescapes\n' >"$cli_tmp/bad/build/share/hostlink/libs.list"
expect_eq "cli: a thunk name with a slash is malformed" \
    "1 hostlink: $cli_tmp/bad/build/share/hostlink/libs.list:1: expected name<TAB>soname<TAB>thunk<TAB>description" \
    "$(HOSTLINK_ROOT="$cli_tmp/bad" cli_status "$cli_hl" list)"

# --- doctor -----------------------------------------------------------------------
cli_doctor=$("$cli_hl" doctor)
for arch in $GUEST_ARCHES; do
    check "cli: doctor: the project's qemu-$arch exports the plugin API" \
        grep -qx "ok   qemu-$arch: $cli_root/build/qemu/bin/qemu-$arch exports qemu_plugin_register_vcpu_syscall_filter_cb and qemu_plugin_set_pc" <<<"$cli_doctor"
    check "cli: doctor: hostlink is active on $arch" \
        grep -qx "ok   active $arch: the plugin answers the probe (guest_base is 0)" <<<"$cli_doctor"
done
check "cli: doctor: the plugin is found" grep -qx "ok   plugin: $cli_root/build/plugin/libhostlink.so" <<<"$cli_doctor"
expect_eq "cli: doctor: a guest_base other than 0 is reported" \
    "FAIL active x86_64: probe says 'hostlink: inactive (Function not implemented)' (guest_base not 0? check QEMU_GUEST_BASE and -B; run with --qemu-arg -d --qemu-arg plugin for the plugin's reason)" \
    "$(QEMU_GUEST_BASE=0x10000000 "$cli_hl" doctor | grep '^FAIL active x86_64')"

# Thunks by the names in the list (the generator's rule), in a root of our own.
mkdir -p "$cli_tmp/root/build/x86_64/thunks"
touch "$cli_tmp/root/build/x86_64/thunks/libz-thunk.so" "$cli_tmp/root/build/x86_64/thunks/nodesc-thunk.so"
cli_doctor=$(HOSTLINK_ROOT="$cli_tmp/root" "$cli_hl" doctor); cli_rc=$?
expect_eq "cli: doctor fails when a check fails" 1 "$cli_rc"
expect_eq "cli: doctor checks each library's thunk on each guest" \
"ok   libs.list: $cli_tmp/root/build/share/hostlink/libs.list: 3 libraries
ok   thunk x86_64 libz-thunk.so: $cli_tmp/root/build/x86_64/thunks/libz-thunk.so
FAIL thunk x86_64 libdemo-callback-qsort-thunk.so: $cli_tmp/root/build/x86_64/thunks/libdemo-callback-qsort-thunk.so missing (run make; the guest loader would open the emulated libdemo-callback-qsort.so)
ok   thunk x86_64 nodesc-thunk.so: $cli_tmp/root/build/x86_64/thunks/nodesc-thunk.so" \
    "$(grep -e libs.list -e 'thunk x86_64' <<<"$cli_doctor")"
check "cli: doctor skips a guest whose probe is not built" \
    grep -qx "skip active aarch64: $cli_tmp/root/build/aarch64/bin/hostlink-probe not built (guest compiler for aarch64 missing?)" <<<"$cli_doctor"

# QEMU binaries that are not a plugin-capable QEMU.
mkdir -p "$cli_tmp/notqemu/bin"
cp /bin/true "$cli_tmp/notqemu/bin/qemu-x86_64"
printf '#!/bin/sh\n' >"$cli_tmp/notqemu/bin/qemu-aarch64"; chmod +x "$cli_tmp/notqemu/bin/qemu-aarch64"
# A truncated QEMU: the shared ELF reader checks every offset against the file.
head -c 4096 "$B/qemu/bin/qemu-riscv64" >"$cli_tmp/notqemu/bin/qemu-riscv64"; chmod +x "$cli_tmp/notqemu/bin/qemu-riscv64"
cli_doctor=$(HOSTLINK_QEMU="$cli_tmp/notqemu" "$cli_hl" doctor)
expect_eq "cli: doctor tells a QEMU without the plugin API" \
"FAIL qemu-x86_64: $cli_tmp/notqemu/bin/qemu-x86_64 does not export qemu_plugin_register_vcpu_syscall_filter_cb (not a plugin-capable QEMU 11.0 or the project's patched QEMU)
FAIL qemu-aarch64: $cli_tmp/notqemu/bin/qemu-aarch64: not an ELF file
FAIL qemu-riscv64: $cli_tmp/notqemu/bin/qemu-riscv64: no usable section headers" \
    "$(grep '^FAIL qemu-' <<<"$cli_doctor")"

rm -rf "$cli_tmp"
unset -f cli_status cli_expect
unset cli_hl cli_tmp cli_root cli_known cli_help cli_doctor cli_prog cli_rc

if [ -n "$cli_saved_plugin" ]; then
    export HOSTLINK_PLUGIN=$cli_saved_plugin
fi
