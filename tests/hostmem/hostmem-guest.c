// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest syscalls on memory a host library owns (tests/hostmem): zlib's
 * version string, libhlt's read-only text, its static area and its heap.
 * Under plain emulation these are the guest libraries' own memory; through
 * hostlink they are the host's, which QEMU does not know. Every line must
 * read the same both ways.
 *   hostmem-guest DIR       every buffer syscall (DIR: a scratch directory)
 *   hostmem-guest signals   blocking reads into host memory, interrupted
 *   hostmem-guest limits    what stays with QEMU (EFAULT through hostlink)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include "hlt.h"

#define HEAP_SIZE 10000         /* spans three pages */

static int pipe_r, pipe_w;

static void report(const char *what, long got, long want)
{
    if (got == want) {
        printf("%s: ok\n", what);
    } else if (got < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld, expected %ld\n", what, got, want);
    }
}

/* Reads back n bytes from the pipe into guest memory; returns the library's checksum. */
static unsigned long drain(size_t n)
{
    char *back = malloc(n);
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(pipe_r, back + got, n - got);
        if (r <= 0) {
            break;
        }
        got += r;
    }
    unsigned long sum = got == n ? hlt_mem_sum(back, n) : 0;
    free(back);
    return sum;
}

static void same(const char *what, unsigned long a, unsigned long b)
{
    printf("%s: %s\n", what, a == b ? "same bytes" : "DIFFERENT bytes");
}

static void writes(char *heap)
{
    const char *ver = zlibVersion();
    const char *text = hlt_mem_text();

    report("write zlibVersion()", write(pipe_w, ver, strlen(ver)), strlen(ver));
    same("  read back", drain(strlen(ver)), hlt_mem_sum(ver, strlen(ver)));
    report("write library text", write(pipe_w, text, strlen(text)), strlen(text));
    same("  read back", drain(strlen(text)), hlt_mem_sum(text, strlen(text)));
    report("write library heap", write(pipe_w, heap, HEAP_SIZE), HEAP_SIZE);
    same("  read back", drain(HEAP_SIZE), hlt_mem_sum(heap, HEAP_SIZE));

    /* Guest and host memory in one call; the iovec array in host memory. */
    char guest[100];
    memset(guest, 'g', sizeof(guest));
    struct iovec *iov = (struct iovec *)(hlt_mem_area() + HLT_MEM_AREA_SIZE - 2 * sizeof(struct iovec));
    iov[0] = (struct iovec){ guest, sizeof(guest) };
    iov[1] = (struct iovec){ heap, HEAP_SIZE };
    report("writev guest + heap, iovecs in library data", writev(pipe_w, iov, 2), sizeof(guest) + HEAP_SIZE);
    char *both = malloc(sizeof(guest) + HEAP_SIZE);
    memcpy(both, guest, sizeof(guest));
    memcpy(both + sizeof(guest), heap, HEAP_SIZE);
    same("  read back", drain(sizeof(guest) + HEAP_SIZE), hlt_mem_sum(both, sizeof(guest) + HEAP_SIZE));
    free(both);
}

static void reads(void)
{
    char *area = hlt_mem_area();
    char *src = malloc(HLT_MEM_AREA_SIZE);
    for (int i = 0; i < HLT_MEM_AREA_SIZE; i++) {
        src[i] = (char)(i * 13 + 1);
    }
    /* Less than a pipe's capacity: written first, then read in one call. */
    size_t n = 12000;
    memset(area, 0, HLT_MEM_AREA_SIZE);
    if (write(pipe_w, src, n) != (ssize_t)n) {
        printf("pipe write failed\n");
    }
    report("read into library data", read(pipe_r, area + 100, n), n);
    same("  library sees", hlt_mem_sum(area + 100, n), hlt_mem_sum(src, n));

    memset(area, 0, HLT_MEM_AREA_SIZE);
    if (write(pipe_w, src, 3000) != 3000) {
        printf("pipe write failed\n");
    }
    char guest[1000];
    struct iovec iov[2] = { { guest, sizeof(guest) }, { area + 4000, 2000 } };
    report("readv guest + library data", readv(pipe_r, iov, 2), 3000);
    same("  library sees", hlt_mem_sum(area + 4000, 2000), hlt_mem_sum(src + 1000, 2000));
    free(src);
}

static void positioned(const char *dir, char *heap)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/positioned", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char *area = hlt_mem_area();

    report("pwrite64 library heap", pwrite(fd, heap, HEAP_SIZE, 500), HEAP_SIZE);
    memset(area, 0, HLT_MEM_AREA_SIZE);
    report("pread64 into library data", pread(fd, area, HEAP_SIZE, 500), HEAP_SIZE);
    same("  library sees", hlt_mem_sum(area, HEAP_SIZE), hlt_mem_sum(heap, HEAP_SIZE));

    struct iovec out[2] = { { heap, 3000 }, { (char *)hlt_mem_text(), 10 } };
    report("pwritev library heap + text", pwritev(fd, out, 2, 20000), 3010);
    memset(area, 0, HLT_MEM_AREA_SIZE);
    struct iovec in[2] = { { area, 3000 }, { area + 8000, 10 } };
    report("preadv into library data", preadv(fd, in, 2, 20000), 3010);
    same("  library sees", hlt_mem_sum(area, 3000) + hlt_mem_sum(area + 8000, 10),
         hlt_mem_sum(heap, 3000) + hlt_mem_sum(hlt_mem_text(), 10));

    report("pwritev2 library heap", pwritev2(fd, out, 1, 30000, 0), 3000);
    memset(area, 0, HLT_MEM_AREA_SIZE);
    report("preadv2 into library data", preadv2(fd, in, 1, 30000, 0), 3000);
    same("  library sees", hlt_mem_sum(area, 3000), hlt_mem_sum(heap, 3000));
    /* Offset -1: the file position, which the calls above left alone. */
    report("preadv2 at the file position", preadv2(fd, in, 1, -1, 0), 3000);
    char *start = malloc(3000);
    same("  library sees", hlt_mem_sum(area, 3000),
         pread(fd, start, 3000, 0) == 3000 ? hlt_mem_sum(start, 3000) : 0);
    free(start);
    close(fd);

    /* Descriptors whose data QEMU passes unchanged. */
    fd = eventfd(0, 0);
    uint64_t *count = (uint64_t *)(area + 200);
    *count = 42;
    report("write eventfd from library data", write(fd, count, 8), 8);
    *count = 0;
    report("read eventfd into library data", read(fd, count, 8), 8);
    printf("  count %llu\n", (unsigned long long)*count);
    close(fd);

    /* A file QEMU makes up: its contents are QEMU's either way. */
    fd = open("/proc/self/cmdline", O_RDONLY);
    char guest[256];
    ssize_t g = read(fd, guest, sizeof(guest));
    memset(area, 0, HLT_MEM_AREA_SIZE);
    ssize_t h = pread(fd, area, sizeof(guest), 0);
    printf("pread64 of /proc/self/cmdline into library data: %s\n",
           g > 0 && g == h && memcmp(guest, area, g) == 0 ? "what read gave" : "DIFFERENT");
    close(fd);
}

static void sockets(const char *dir, char *heap)
{
    int sv[2];
    char *area = hlt_mem_area();

    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv);
    report("send library heap", send(sv[0], heap, 5000, 0), 5000);
    memset(area, 0, HLT_MEM_AREA_SIZE);
    report("recv into library data", recv(sv[1], area, HLT_MEM_AREA_SIZE, 0), 5000);
    same("  library sees", hlt_mem_sum(area, 5000), hlt_mem_sum(heap, 5000));

    /* Destination address in host memory; source address received into it. */
    char path[4096];
    snprintf(path, sizeof(path), "%s/sock", dir);
    int bound = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_un *to = (struct sockaddr_un *)(area + 12000);
    memset(to, 0, sizeof(*to));
    to->sun_family = AF_UNIX;
    memcpy(to->sun_path, path, strlen(path) < sizeof(to->sun_path) ? strlen(path) + 1 : 0);
    struct sockaddr_un guest_copy = *to;     /* bind is not a buffer syscall */
    if (bind(bound, (struct sockaddr *)&guest_copy, sizeof(guest_copy)) != 0) {
        printf("bind: %s\n", strerror(errno));
    }
    const char *text = hlt_mem_text();
    report("sendto library text, address in library data",
           sendto(sv[0], text, strlen(text), 0, (struct sockaddr *)to, sizeof(*to)), strlen(text));
    socklen_t *fromlen = (socklen_t *)(area + 13000);
    struct sockaddr_un *from = (struct sockaddr_un *)(area + 13100);
    *fromlen = sizeof(*from);
    report("recvfrom into library data, address too",
           recvfrom(bound, area, 100, 0, (struct sockaddr *)from, fromlen), strlen(text));
    same("  library sees", hlt_mem_sum(area, strlen(text)), hlt_mem_sum(text, strlen(text)));
    printf("  sender address: family %d, length %u\n", from->sun_family, (unsigned)*fromlen);

    /* A message entirely in host memory, passing a descriptor. */
    struct msghdr *msg = (struct msghdr *)(area + 14000);
    struct iovec *iov = (struct iovec *)(area + 14100);
    char *control = area + 14200;
    memset(msg, 0, sizeof(*msg));
    iov[0] = (struct iovec){ heap, 1000 };
    iov[1] = (struct iovec){ (char *)text, 5 };
    msg->msg_iov = iov;
    msg->msg_iovlen = 2;
    msg->msg_control = control;
    msg->msg_controllen = CMSG_SPACE(sizeof(int));
    struct cmsghdr *c = CMSG_FIRSTHDR(msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pipe_w, sizeof(int));
    report("sendmsg library heap + text, header, iovecs, descriptor in library data",
           sendmsg(sv[0], msg, 0), 1005);

    char *in = area + 4096;
    memset(in, 0, 2000);
    iov[0] = (struct iovec){ in, 600 };
    iov[1] = (struct iovec){ in + 1000, 600 };
    msg->msg_controllen = 64;
    memset(control, 0, 64);
    report("recvmsg into library data, header and control too", recvmsg(sv[1], msg, 0), 1005);
    char sent[1005];
    memcpy(sent, heap, 1000);
    memcpy(sent + 1000, text, 5);
    same("  library sees", hlt_mem_sum(in, 600) * 7 + hlt_mem_sum(in + 1000, 405),
         hlt_mem_sum(sent, 600) * 7 + hlt_mem_sum(sent + 600, 405));
    c = CMSG_FIRSTHDR(msg);
    int passed = -1;
    if (c && c->cmsg_type == SCM_RIGHTS) {
        memcpy(&passed, CMSG_DATA(c), sizeof(int));
    }
    printf("  descriptor received: %s, flags %d\n",
           passed >= 0 && write(passed, "x", 1) == 1 && drain(1) == hlt_mem_sum("x", 1) ? "works" : "MISSING",
           msg->msg_flags);
    close(passed);
    close(bound);
    close(sv[0]);
    close(sv[1]);
}

/* Addresses the compiler cannot see through. */
static void *address(volatile uintptr_t a)
{
    return (void *)a;
}

static void bad_pointers(void)
{
    char *area = hlt_mem_area();

    report("write from address 8", write(pipe_w, address(8), 4), 4);
    report("write from a kernel address", write(pipe_w, address(0xffff800000000000ull), 4), 4);
    report("read into the library's read-only text", read(pipe_r, (char *)hlt_mem_text(), 4), 4);
    struct iovec *iov = (struct iovec *)area;
    /* (A bad pointer after good ones: short count or EFAULT, by file kind.) */
    iov[0] = (struct iovec){ address(16), 10 };
    iov[1] = (struct iovec){ area + 100, 10 };
    report("writev of address 16 and library data", writev(pipe_w, iov, 2), 20);
    report("writev with its iovecs at address 24", writev(pipe_w, address(24), 1), 10);
    report("writev of 2000000 iovecs in library data", writev(pipe_w, iov, 2000000), 20);
    report("write library data to fd 1000", write(1000, area, 4), 4);
    report("send library data on a pipe", send(pipe_w, area, 4, 0), 4);
    /* Nothing above reached the pipe. */
    char left[100];
    report("bytes in the pipe", read(pipe_r, left, sizeof(left)), 0);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

/* A read into host memory blocks until interrupted or fed. */
static void signals(void)
{
    struct sigaction sa = { .sa_handler = on_alarm };
    struct itimerval in_100ms = { .it_value = { 0, 100000 } };
    char *area = hlt_mem_area();

    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &in_100ms, NULL);
    ssize_t r = read(pipe_r, area, 10);
    printf("blocked read, handler without SA_RESTART: %zd %s, handler ran %d time(s)\n",
           r, r < 0 ? strerror(errno) : "", (int)alarms);

    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid_t child = fork();
    if (child == 0) {
        usleep(400000);
        if (write(pipe_w, "late", 4) != 4) {
            _exit(1);
        }
        _exit(0);
    }
    setitimer(ITIMER_REAL, &in_100ms, NULL);
    r = read(pipe_r, area, 10);
    printf("blocked read, handler with SA_RESTART: %zd, handler ran %d time(s) in all\n",
           r, (int)alarms);
    waitpid(child, NULL, 0);
}

/* What stays with QEMU: a descriptor whose data QEMU translates. */
static void limits(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int sfd = signalfd(-1, &set, 0);
    raise(SIGUSR1);
    struct signalfd_siginfo *info = (struct signalfd_siginfo *)hlt_mem_area();
    report("read signalfd into library data", read(sfd, info, sizeof(*info)), sizeof(*info));
    raise(SIGUSR1);
    struct signalfd_siginfo guest;
    report("read signalfd into guest memory", read(sfd, &guest, sizeof(guest)), sizeof(guest));
    printf("  signal %u\n", guest.ssi_signo);
}

int main(int argc, char **argv)
{
    int fds[2];

    if (argc != 2 || pipe(fds) != 0) {
        fprintf(stderr, "usage: hostmem-guest DIR|signals|limits\n");
        return 2;
    }
    pipe_r = fds[0];
    pipe_w = fds[1];
    setvbuf(stdout, NULL, _IONBF, 0);
    if (strcmp(argv[1], "signals") == 0) {
        signals();
    } else if (strcmp(argv[1], "limits") == 0) {
        limits();
    } else {
        /* Every read finds its data written before: none may wait (and hang the test). */
        fcntl(pipe_r, F_SETFL, O_NONBLOCK);
        char *heap = hlt_mem_heap(HEAP_SIZE);
        writes(heap);
        reads();
        positioned(argv[1], heap);
        sockets(argv[1], heap);
        bad_pointers();
        hlt_mem_free(heap);
    }
    return 0;
}
