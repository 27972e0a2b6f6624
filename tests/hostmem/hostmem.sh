# SPDX-License-Identifier: GPL-2.0-or-later
# Guest syscalls on memory a host library owns (issue 9 item 0): zlib's
# version string, libhlt's text, static data and heap. Under plain emulation
# that memory is the guest libraries' own; through hostlink it is the host's,
# which QEMU's syscalls refuse (EFAULT), so the plugin performs the buffer
# syscalls on the host (plugin/hostmem.c). Output identical to plain
# emulation, and the stats show every syscall of the set ran on the host.

hostmem_expected="$(cat <<'END'
write zlibVersion(): ok
  read back: same bytes
write library text: ok
  read back: same bytes
write library heap: ok
  read back: same bytes
writev guest + heap, iovecs in library data: ok
  read back: same bytes
read into library data: ok
  library sees: same bytes
readv guest + library data: ok
  library sees: same bytes
pwrite64 library heap: ok
pread64 into library data: ok
  library sees: same bytes
pwritev library heap + text: ok
preadv into library data: ok
  library sees: same bytes
pwritev2 library heap: ok
preadv2 into library data: ok
  library sees: same bytes
preadv2 at the file position: ok
  library sees: same bytes
write eventfd from library data: ok
read eventfd into library data: ok
  count 42
pread64 of /proc/self/cmdline into library data: what read gave
send library heap: ok
recv into library data: ok
  library sees: same bytes
sendto library text, address in library data: ok
recvfrom into library data, address too: ok
  library sees: same bytes
  sender address: family 0, length 0
sendmsg library heap + text, header, iovecs, descriptor in library data: ok
recvmsg into library data, header and control too: ok
  library sees: same bytes
  descriptor received: works, flags 0
write from address 8: -1 Bad address
write from a kernel address: -1 Bad address
read into the library's read-only text: -1 Bad address
writev of address 16 and library data: -1 Bad address
writev with its iovecs at address 24: -1 Bad address
writev of 2000000 iovecs in library data: -1 Invalid argument
write library data to fd 1000: -1 Bad file descriptor
send library data on a pipe: -1 Socket operation on non-socket
bytes in the pipe: -1 Resource temporarily unavailable
END
)"
hostmem_syscalls="read write pread64 pwrite64 readv writev preadv pwritev preadv2 pwritev2 sendto recvfrom sendmsg recvmsg"

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/hostmem-guest"
    dir=$(mktemp -d)
    plain=$(hostlink_run "$arch" none "$prog" "$dir" 2>&1)
    rm -rf "$dir" && mkdir "$dir"
    expect_eq "$arch: hostmem: plain emulation gives the native answers" "$hostmem_expected" "$plain"
    out=$(hostlink_run "$arch" zlib,hlt "$prog" "$dir" 2>&1)
    expect_eq "$arch: hostmem: buffer syscalls on host library memory, output identical to plain emulation" \
        "$plain" "$out"
    expect_host "$arch: hostmem: the memory came from host libraries" zlib zlibVersion
    expect_host "$arch: hostmem: the memory came from host libraries (hlt)" hlt \
        hlt_mem_text hlt_mem_area hlt_mem_heap hlt_mem_free hlt_mem_sum
    for sc in $hostmem_syscalls; do
        check "$arch: hostmem: $sc on host library memory ran on the host" \
            test "$(host_syscalls "$sc")" -gt 0
    done
    rm -rf "$dir"

    # Blocking reads into host memory: a signal handler interrupts them as
    # natively (EINTR without SA_RESTART; with it the read goes on).
    plain=$(hostlink_run "$arch" none "$prog" signals 2>&1)
    expect_eq "$arch: hostmem: plain emulation: blocked reads and signals" \
"blocked read, handler without SA_RESTART: -1 Interrupted system call, handler ran 1 time(s)
blocked read, handler with SA_RESTART: 4, handler ran 2 time(s) in all" "$plain"
    log=$(mktemp)
    out=$("$B/bin/hostlink" run --arch "$arch" --lib zlib --lib hlt --qemu-arg -d --qemu-arg plugin \
          --qemu-arg -D --qemu-arg "$log" -- "$prog" signals 2>&1)
    expect_eq "$arch: hostmem: blocked reads into host memory and signals, as under plain emulation" \
        "$plain" "$out"
    check "$arch: hostmem: the blocked reads ran on the host" \
        grep -q "hostlink: read: a buffer is host library memory, which QEMU does not know: done on the host" "$log"

    # A descriptor whose data QEMU translates (signalfd) stays with QEMU:
    # EFAULT on host memory, with one log line; guest memory still works.
    out=$("$B/bin/hostlink" run --arch "$arch" --lib zlib --lib hlt --qemu-arg -d --qemu-arg plugin \
          --qemu-arg -D --qemu-arg "$log" -- "$prog" limits 2>&1)
    expect_eq "$arch: hostmem: signalfd into host memory: EFAULT and one log line (documented limit)" \
"read signalfd into library data: -1 Bad address
read signalfd into guest memory: ok
  signal 10
hostlink: read: fd N is of a kind whose data QEMU translates (signalfd, netlink...): a buffer in host library memory gets EFAULT" \
        "$out
$(sed -E 's/fd [0-9]+ /fd N /' "$log")"
    rm -f "$log"
done
