# SPDX-License-Identifier: GPL-2.0-or-later
# Child processes stay under hostlink (plugin/exec.c): Debian's own sh,
# make, find, xargs and python3 from the guest sysroots run guest programs
# that keep zlib on the host in every child, with the output and exit
# codes of plain emulation; on x86_64 the host's own sh gives exactly what
# it gives natively (argv, argv[0], envp, fds, exit codes, "#!" scripts,
# failed execs). Paths are looked up as QEMU looks them up: the sysroot
# first, then the host, whose x86_64 programs run natively.

exec_tmp=$(mktemp -d)
head -c 200000 /dev/urandom | base64 >"$exec_tmp/data.txt"
mkdir -p "$exec_tmp/tree"
for f in a b c; do head -c 50000 "$exec_tmp/data.txt" >"$exec_tmp/tree/$f.txt"; done
cp "$exec_tmp/tree/a.txt" "$exec_tmp/tree/b.txt" "$exec_tmp/"
printf '#!/bin/sh -e\necho "script: $0 $1"\nuname -m\n' >"$exec_tmp/script.sh"
printf '#!%s/script.sh from-nested\necho never\n' "$exec_tmp" >"$exec_tmp/nested.sh"
chmod +x "$exec_tmp/script.sh" "$exec_tmp/nested.sh"
printf 'not a program\n' >"$exec_tmp/noexec"
printf 'all: a.gz b.gz\n\t@wc -c < a.gz; wc -c < b.gz\n%%.gz: %%.txt\n\t@pigz -c $< > $@\n' >"$exec_tmp/Makefile"

# exec_pids LIB: how many processes of the last hostlink_run ran LIB on the host.
exec_pids() {
    awk -F'\t' -v lib="$1" '$1 == "fn" && $4 == lib && $6 > 0 { pid[$2] = 1 }
                            END { print length(pid) }' "$hl_stats"
}
# exec_run ARCH LIBS SH SCRIPT: SCRIPT run by the guest shell SH in the
# scratch directory with a PATH of the guest's own directories; prints its
# output and "exit N".
exec_run() {
    local arch=$1 libs=$2 sh=$3 script=$4
    (cd "$exec_tmp" && PATH=/usr/bin:/bin hostlink_run "$arch" "$libs" "$sh" -c "$script" 2>&1
     echo "exit $?")
}

# --- x86_64: the host's own programs as the guest, compared with native ------
exec_native() { (cd "$exec_tmp" && PATH=/usr/bin:/bin /bin/sh -c "$1" 2>&1; echo "exit $?"); }
while IFS= read -r script; do
    expect_eq "exec x86_64: like native: $script" "$(exec_native "$script")" \
        "$(exec_run x86_64 zlib /bin/sh "$script")"
done <<'SCRIPTS'
sh -c 'exit 3'; echo "child said $?"; exit 4
sh -c 'echo "argv: $0 $1 $2"' zero one 'two words'
exec 3>fd3.out; sh -c 'echo via-fd3 >&3'; exec 3>&-; cat fd3.out
FOO=bar LD_LIBRARY_PATH=/nonexistent sh -c 'echo "env: $FOO $LD_LIBRARY_PATH"'
./script.sh arg | head -1
./nested.sh arg | head -1
./noexec; echo "noexec: $?"
./missing-program; echo "missing: $?"
printf '%s\n' x y | xargs -n1 sh -c 'echo "xargs: $0"'
find tree -name 'a.txt' -exec sh -c 'echo "found: $1"' sh {} \;
SCRIPTS
exec_run x86_64 zlib /bin/sh 'sh -c "sh -c \"exit 0\""' >/dev/null
check "exec x86_64: each exec'd child ran under the plugin (4 processes recorded)" \
    test "$(awk -F'\t' '$1 == "proc" { p[$2] = 1 } END { print length(p) }' "$hl_stats")" -ge 3
expect_eq "exec x86_64: host pigz in a pipeline: same bytes" "same
exit 0" "$(exec_run x86_64 zlib /bin/sh 'pigz -c data.txt | pigz -dc | cmp - data.txt && echo same')"
check "exec x86_64: both pigz processes ran zlib on the host" test "$(exec_pids zlib)" -ge 2

# --- guests with a Debian sysroot: their own sh, make, find, xargs, python3 ---
for arch in $RUNTIME_ARCHES; do
    sh="$B/sysroot/$arch/bin/sh"
    [ "$arch" != x86_64 ] || continue
    [ -x "$sh" ] || { fail "exec $arch: no shell in $B/sysroot/$arch (toolchain/sysroot.sh)"; continue; }

    # exec_same NAME SCRIPT: the output of plain emulation, then the same
    # with zlib passed through (the run host_calls and exec_pids look at).
    exec_same() {
        local plain
        plain=$(exec_run "$arch" none "$sh" "$2")
        exec_out=$(exec_run "$arch" zlib "$sh" "$2")
        expect_eq "exec $arch: $1: as plain emulation" "$plain" "$exec_out"
    }
    exec_same "sh | pigz | pigz -d" \
        'pigz -c data.txt | pigz -dc | cmp - data.txt && echo same; pigz -c data.txt | wc -c'
    expect_host "exec $arch: ... with zlib on the host" zlib deflate crc32
    check "exec $arch: ... in every pigz process (3)" test "$(exec_pids zlib)" -ge 3

    exec_same "make -j2 running pigz" 'make -s -j2 && ls a.gz b.gz && rm a.gz b.gz'
    check "exec $arch: ... both recipes ran zlib on the host" test "$(exec_pids zlib)" -ge 2

    exec_same "find -exec and xargs running pigz" \
        'find tree -name "*.txt" -exec pigz -k -f {} +; ls tree; printf "%s\n" tree/*.gz | xargs -n1 pigz -t && echo tested; rm tree/*.gz'
    check "exec $arch: ... pigz ran zlib on the host each time (4 processes)" test "$(exec_pids zlib)" -ge 4

    if long_or_on "$arch" aarch64; then
        exec_same "python3 subprocess" 'python3 -c "import subprocess, sys
r = subprocess.run([\"pigz\", \"-c\", \"data.txt\"], capture_output=True)
print(len(r.stdout), r.returncode)
print(subprocess.run([\"sh\", \"-c\", \"exit 7\"]).returncode)
sys.exit(subprocess.call([\"python3\", \"-c\", \"import sys; print(sys.orig_argv[0]); sys.exit(5)\"], executable=\"/usr/bin/python3\"))"'
        check "exec $arch: ... the pigz it ran used zlib on the host" test "$(exec_pids zlib)" -ge 1
        expect_eq "exec $arch: python3 subprocess: exit codes and argv[0]" "7
python3
exit 5" "$(tail -n +2 <<<"$exec_out")"
    fi

    # One shell for the rest: a "#!" script of the guest's sh; QEMU's lookup
    # order (uname is the sysroot's, gcc is not there: the host's, run
    # natively); exit codes, fds and environment; a file that is no program.
    expect_eq "exec $arch: #! scripts, host programs, exit codes, fds, environment, failed exec" \
        "script: ./script.sh arg
$arch
$arch
x86_64-linux-gnu
child said 3
via-fd3
env: bar /nonexistent
$sh: 5: ./noexec: Permission denied
noexec 126
exit 4" "$(exec_run "$arch" zlib "$sh" './script.sh arg; uname -m; gcc -dumpmachine
sh -c "exit 3"; echo "child said $?"
exec 3>fd3.out; sh -c "echo via-fd3 >&3"; exec 3>&-; cat fd3.out
FOO=bar LD_LIBRARY_PATH=/nonexistent sh -c "echo env: \$FOO \$LD_LIBRARY_PATH"
./noexec; echo "noexec $?"; exit 4')"
done

# Bad exec arguments get Linux's errno and the process lives on; an
# execveat of an open file (fexecve) runs the program under hostlink.
exec_bad_expected=$("$B/x86_64/tests/exec-guest" /bin/sh 2>&1)
for arch in $RUNTIME_ARCHES; do
    sh=/bin/sh
    [ "$arch" = x86_64 ] || sh="$B/sysroot/$arch/bin/sh"
    expect_eq "exec $arch: bad arguments fail as on Linux; fexecve works" "$exec_bad_expected" \
        "$(hostlink_run "$arch" zlib "$B/$arch/tests/exec-guest" "$sh" 2>&1)"
done

# A host program (the host's mawk: the sysroots have none) run from a guest
# that hostlink gave the libc-sort shim (LD_PRELOAD): the host's loader
# sees the rest of LD_PRELOAD, not the guest's shim (nor complains of it).
for arch in $RUNTIME_ARCHES; do
    [ "$arch" != x86_64 ] && [ -x "$B/sysroot/$arch/bin/sh" ] || continue
    expect_eq "exec $arch: a host program gets the guest's LD_PRELOAD without hostlink's guest shim" \
        "LD_PRELOAD=/lib/x86_64-linux-gnu/libm.so.6
exit 0" \
        "$(LD_PRELOAD= exec_run "$arch" zlib,libc-sort "$B/sysroot/$arch/bin/sh" \
             'LD_PRELOAD="$LD_PRELOAD:/lib/x86_64-linux-gnu/libm.so.6" /usr/bin/mawk "BEGIN { print \"LD_PRELOAD=\" ENVIRON[\"LD_PRELOAD\"] }"')"
done

rm -rf "$exec_tmp"
unset -f exec_pids exec_run exec_native exec_same
unset exec_tmp exec_out exec_bad_expected script sh
