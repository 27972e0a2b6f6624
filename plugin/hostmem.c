// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/vfs.h>
#include <unistd.h>
#include "guest_mem.h"
#include "hostmem.h"
#include "log.h"
#include "tls.h"

#define NR_TABLE 512                /* above every buffer syscall number of our guests */
#define MAX_SPANS (IOV_MAX + 4)     /* iovecs, plus a message's header, name and control */
#define MAX_RW 0x7ffff000u          /* the most Linux moves in one call */
#define ANON_INODE_FS_MAGIC 0x09041934

/*
 * The guests' iovec and msghdr are the host's: every guest is LP64 Linux,
 * little-endian, and the kernel's generic socket ABI (MSG_*, SOL_SOCKET,
 * SCM_*, RWF_*) is the same on x86_64, aarch64 and riscv64.
 */
G_STATIC_ASSERT(sizeof(struct iovec) == 16 && sizeof(struct msghdr) == 56);

enum shape {
    ONE_BUFFER,     /* (fd, buf, len, ...) */
    IOVEC,          /* (fd, iov, iovcnt, ...) */
    ADDRESSED,      /* sendto/recvfrom: (fd, buf, len, flags, addr, addrlen) */
    MESSAGE,        /* sendmsg/recvmsg: (fd, msghdr, flags) */
};

static const struct {
    const char *name;
    long host_nr;
    enum shape shape;
    bool fills;         /* the syscall writes into the buffers */
} bsys[BSYS_COUNT] = {
    [BSYS_READ] = { "read", SYS_read, ONE_BUFFER, true },
    [BSYS_WRITE] = { "write", SYS_write, ONE_BUFFER, false },
    [BSYS_PREAD64] = { "pread64", SYS_pread64, ONE_BUFFER, true },
    [BSYS_PWRITE64] = { "pwrite64", SYS_pwrite64, ONE_BUFFER, false },
    [BSYS_READV] = { "readv", SYS_readv, IOVEC, true },
    [BSYS_WRITEV] = { "writev", SYS_writev, IOVEC, false },
    [BSYS_PREADV] = { "preadv", SYS_preadv, IOVEC, true },
    [BSYS_PWRITEV] = { "pwritev", SYS_pwritev, IOVEC, false },
    [BSYS_PREADV2] = { "preadv2", SYS_preadv2, IOVEC, true },
    [BSYS_PWRITEV2] = { "pwritev2", SYS_pwritev2, IOVEC, false },
    [BSYS_SENDTO] = { "sendto", SYS_sendto, ADDRESSED, false },
    [BSYS_RECVFROM] = { "recvfrom", SYS_recvfrom, ADDRESSED, true },
    [BSYS_SENDMSG] = { "sendmsg", SYS_sendmsg, MESSAGE, false },
    [BSYS_RECVMSG] = { "recvmsg", SYS_recvmsg, MESSAGE, true },
};

static uint8_t kind_of[NR_TABLE];   /* guest number -> enum buffer_syscall + 1; 0: none */
static uint64_t on_host[BSYS_COUNT];
static bool told_on_host[BSYS_COUNT], told_fd_kind;

/* The memory a syscall reads or writes, gathered before deciding. */
struct span {
    uint64_t addr, len;
    bool fill;
};
struct request {
    struct span span[MAX_SPANS];
    struct iovec iov[IOV_MAX];
    unsigned n;
    bool host_only;     /* a structure read (iovecs, msghdr) is memory only the host knows */
};
static HL_THREAD_LOCAL struct request *scratch;

void hostmem_init(const struct guest_abi *abi)
{
    for (unsigned k = 0; k < BSYS_COUNT; k++) {
        int64_t nr = abi->nr_buffer_io[k];
        g_assert(nr >= 0 && nr < NR_TABLE);     /* a mistake in plugin/abi/, not guest input */
        kind_of[nr] = k + 1;
    }
}

static bool add_span(struct request *rq, uint64_t addr, uint64_t len, bool fill)
{
    if (len > MAX_RW || rq->n == MAX_SPANS) {
        return false;
    }
    rq->span[rq->n++] = (struct span){ addr, len, fill };
    return true;
}

/* Copies a structure the syscall reads (an iovec array, a msghdr) from wherever it is. */
static bool fetch(struct request *rq, uint64_t addr, void *dst, size_t len, bool fill)
{
    if (!add_span(rq, addr, len, fill)) {
        return false;
    }
    if (guest_mem_known(addr, len)) {
        return guest_mem_read(addr, dst, len);
    }
    return (rq->host_only = guest_mem_read_any(addr, dst, len));
}

static bool add_iovecs(struct request *rq, uint64_t addr, uint64_t count, bool fill)
{
    if (count > IOV_MAX) {
        return false;                   /* QEMU answers EINVAL */
    }
    if (!fetch(rq, addr, rq->iov, count * sizeof(struct iovec), false)) {
        return false;
    }
    for (uint64_t i = 0; i < count; i++) {
        if (!add_span(rq, (uintptr_t)rq->iov[i].iov_base, rq->iov[i].iov_len, fill)) {
            return false;
        }
    }
    return true;
}

/*
 * Whether some memory of the request is the host's own: unknown to QEMU
 * (which would answer EFAULT) yet accessible. The host kernel then checks
 * every buffer as it does natively: a bad pointer beside it gets EFAULT or
 * a short count, never a fault.
 */
static bool uses_host_memory(const struct request *rq)
{
    if (rq->host_only) {
        return true;
    }
    for (unsigned i = 0; i < rq->n; i++) {
        const struct span *s = &rq->span[i];
        if (s->len && !guest_mem_known(s->addr, s->len) && guest_mem_ok(s->addr, s->len, s->fill)) {
            return true;
        }
    }
    return false;
}

/*
 * Gathers the memory of buffer syscall @k; false when it cannot (a count
 * QEMU rejects, an unreadable iovec array): QEMU then answers.
 */
static bool gather(struct request *rq, enum buffer_syscall k, const uint64_t a[6])
{
    bool fill = bsys[k].fills;
    struct msghdr msg;
    uint32_t addrlen;

    rq->n = 0;
    rq->host_only = false;
    switch (bsys[k].shape) {
    case ONE_BUFFER:
        return add_span(rq, a[1], a[2], fill);
    case IOVEC:
        return add_iovecs(rq, a[1], a[2], fill);
    case ADDRESSED:
        if (!add_span(rq, a[1], a[2], fill)) {
            return false;
        }
        if (!a[4]) {
            return true;
        }
        if (!fill) {
            return add_span(rq, a[4], (uint32_t)a[5], false);
        }
        if (!a[5]) {
            return true;                /* the kernel answers as it would natively */
        }
        return fetch(rq, a[5], &addrlen, sizeof(addrlen), true) &&
            add_span(rq, a[4], addrlen, true);
    case MESSAGE:
        if (!fetch(rq, a[1], &msg, sizeof(msg), fill)) {
            return false;
        }
        return (!msg.msg_name || add_span(rq, (uintptr_t)msg.msg_name, msg.msg_namelen, fill)) &&
            (!msg.msg_control || add_span(rq, (uintptr_t)msg.msg_control, msg.msg_controllen, fill)) &&
            add_iovecs(rq, (uintptr_t)msg.msg_iov, msg.msg_iovlen, fill);
    }
    return false;
}

/*
 * Anonymous-inode descriptors whose data QEMU passes unchanged to guests of
 * the host's byte order (it only byte-swaps their 64-bit counters and
 * event headers). signalfd is not among them: QEMU renumbers signals.
 */
static bool anon_fd_untranslated(int fd)
{
    static const char *const same[] = {
        "anon_inode:[eventfd]", "anon_inode:[timerfd]", "anon_inode:inotify",
    };
    char link[64], target[64];
    ssize_t n;

    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    if ((n = readlink(link, target, sizeof(target) - 1)) < 0) {
        return false;
    }
    target[n] = '\0';
    for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
        if (strcmp(target, same[i]) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * Whether the host may serve @fd directly: QEMU translates what some
 * descriptors read or write (signalfd's siginfo, netlink and packet
 * sockets), so those stay with QEMU. A descriptor that is not open gets
 * its EBADF from the host as natively.
 */
static bool fd_untranslated(int fd)
{
    struct stat st;
    struct statfs fs;
    int domain;
    socklen_t len = sizeof(domain);

    if (fstat(fd, &st) != 0) {
        return true;
    }
    switch (st.st_mode & S_IFMT) {
    case S_IFREG:
        /* Anonymous inodes may call themselves regular on some kernels. */
        if (fstatfs(fd, &fs) == 0 && fs.f_type == ANON_INODE_FS_MAGIC) {
            return anon_fd_untranslated(fd);
        }
        return true;
    case S_IFBLK:
    case S_IFCHR:
    case S_IFIFO:
        return true;
    case S_IFSOCK:
        return getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) != 0 ||
            (domain != AF_NETLINK && domain != AF_PACKET);
    default:
        return anon_fd_untranslated(fd);
    }
}

bool hostmem_filter(int64_t num, const uint64_t a[6], uint64_t *sysret)
{
    if ((uint64_t)num >= NR_TABLE || !kind_of[num]) {
        return false;
    }
    enum buffer_syscall k = kind_of[num] - 1;

    /*
     * The common case first: one buffer QEMU knows. (A length beyond what
     * the kernel moves is QEMU's to judge: no page-by-page look at it.)
     */
    if (bsys[k].shape == ONE_BUFFER && (a[2] > MAX_RW || guest_mem_known(a[1], a[2]))) {
        return false;
    }
    if (!scratch && !(scratch = g_try_new(struct request, 1))) {
        return false;
    }
    struct request *rq = scratch;
    if (!gather(rq, k, a) || !uses_host_memory(rq)) {
        return false;                   /* QEMU's answer is the native one */
    }
    if (!fd_untranslated((int)a[0])) {
        hl_log_once(&told_fd_kind, "%s: fd %d is of a kind whose data QEMU translates (signalfd, "
                    "netlink...): a buffer in host library memory gets EFAULT", bsys[k].name, (int)a[0]);
        return false;
    }
    /*
     * Blocking calls block here as in QEMU; a guest signal handler
     * interrupts them as the host kernel decides from its SA_RESTART.
     */
    long r = syscall(bsys[k].host_nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    *sysret = r < 0 ? (uint64_t)-(int64_t)errno : (uint64_t)r;
    __atomic_add_fetch(&on_host[k], 1, __ATOMIC_RELAXED);
    hl_log_once(&told_on_host[k], "%s: a buffer is host library memory, which QEMU does not "
                "know: done on the host", bsys[k].name);
    return true;
}

uint64_t hostmem_done_on_host(enum buffer_syscall k, const char **name)
{
    *name = bsys[k].name;
    return __atomic_load_n(&on_host[k], __ATOMIC_RELAXED);
}

void hostmem_zero_counts(void)
{
    for (unsigned k = 0; k < BSYS_COUNT; k++) {
        __atomic_store_n(&on_host[k], 0, __ATOMIC_RELAXED);
    }
}
