// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include <qemu-plugin.h>
#include "tls.h"
#include "guest_mem.h"

#define PAGE 4096u              /* the smallest page of any of our guests */
#define USER_LIMIT (1ull << 56) /* above every user address of our guests */
#define IOV_MAX_BATCH 64        /* pages probed per pair of kernel calls */

static HL_THREAD_LOCAL GByteArray *scratch;

static GByteArray *buffer(void)
{
    if (!scratch) {
        scratch = g_byte_array_sized_new(PAGE);
    }
    return scratch;
}

static bool range_sane(uint64_t addr, uint64_t len)
{
    return addr != 0 && addr < USER_LIMIT && len <= USER_LIMIT - addr;
}

bool guest_mem_read(uint64_t addr, void *dst, size_t len)
{
    GByteArray *buf = buffer();

    if (len == 0) {
        return true;
    }
    if (!range_sane(addr, len) || !qemu_plugin_read_memory_vaddr(addr, buf, len)) {
        return false;
    }
    memcpy(dst, buf->data, len);
    return true;
}

/*
 * Per-thread cache of pages found accessible, direct-mapped by page number,
 * valid while its generation matches the process-wide one.
 */
#define CACHE_SLOTS 64
struct page_note {
    uint64_t page;
    unsigned generation;
    bool writable;
};
static HL_THREAD_LOCAL struct page_note *cache;   /* CACHE_SLOTS, allocated on first use */
static unsigned generation = 1;

void guest_mem_changed(void)
{
    __atomic_add_fetch(&generation, 1, __ATOMIC_RELEASE);
}

static struct page_note *note_for(uint64_t page)
{
    static struct page_note nowhere;    /* no cache: notes go nowhere, nothing matches */

    if (!cache && !(cache = g_try_new0(struct page_note, CACHE_SLOTS))) {
        nowhere.generation = 0;
        return &nowhere;
    }
    return &cache[(page / PAGE) % CACHE_SLOTS];
}

static bool known_ok(uint64_t page, bool write, unsigned gen)
{
    struct page_note *n = note_for(page);
    return n->generation == gen && n->page == page && (n->writable || !write);
}

/*
 * Probes one byte of each page with process_vm_readv on ourselves, and for
 * writes puts the same byte back with process_vm_writev: the kernel checks
 * the host protection (which mirrors the guest's) and fails with EFAULT
 * instead of faulting.
 */
static bool probe(struct iovec *remote, unsigned n, bool write)
{
    uint8_t bytes[IOV_MAX_BATCH];
    struct iovec local[IOV_MAX_BATCH];

    for (unsigned i = 0; i < n; i++) {
        local[i] = (struct iovec){ &bytes[i], 1 };
    }
    ssize_t want = n;
    return process_vm_readv(getpid(), local, n, remote, n, 0) == want &&
        (!write || process_vm_writev(getpid(), local, n, remote, n, 0) == want);
}

/* Probes the @n pages queued in @remote and notes them in the cache. */
static bool probe_and_note(struct iovec *remote, const uint64_t *pages, unsigned n,
                           bool write, unsigned gen)
{
    if (n == 0) {
        return true;
    }
    if (!probe(remote, n, write)) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        *note_for(pages[i]) = (struct page_note){ pages[i], gen, write };
    }
    return true;
}

bool guest_mem_ok(uint64_t addr, uint64_t len, bool write)
{
    struct iovec remote[IOV_MAX_BATCH];
    uint64_t pages[IOV_MAX_BATCH];
    unsigned n = 0;
    unsigned gen = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);

    if (len == 0) {
        return true;
    }
    if (!range_sane(addr, len)) {
        return false;
    }
    for (uint64_t p = addr & ~(uint64_t)(PAGE - 1); p < addr + len; p += PAGE) {
        if (known_ok(p, write, gen)) {
            continue;
        }
        pages[n] = p;
        remote[n++] = (struct iovec){ (void *)(uintptr_t)(p < addr ? addr : p), 1 };
        if (n == IOV_MAX_BATCH) {
            if (!probe_and_note(remote, pages, n, write, gen)) {
                return false;
            }
            n = 0;
        }
    }
    return probe_and_note(remote, pages, n, write, gen);
}

/*
 * Per-thread ranges found known to QEMU, replaced round-robin, merged when
 * they touch: a buffer walked through in pieces stays one range.
 */
#define KNOWN_SLOTS 8
struct known_range {
    uint64_t lo, hi;
    unsigned generation;
};
struct known_ranges {
    struct known_range slot[KNOWN_SLOTS];
    unsigned next;
    unsigned last_hit;          /* tried first: buffers tend to be used again */
};
static HL_THREAD_LOCAL struct known_ranges *known;    /* allocated on first use */

static void remember_known(uint64_t lo, uint64_t hi, unsigned gen)
{
    if (!known && !(known = g_try_new0(struct known_ranges, 1))) {
        return;
    }
    for (unsigned i = 0; i < KNOWN_SLOTS; i++) {
        struct known_range *r = &known->slot[i];
        if (r->generation == gen && r->lo <= hi && lo <= r->hi) {
            r->lo = MIN(r->lo, lo);
            r->hi = MAX(r->hi, hi);
            return;
        }
    }
    known->slot[known->next++ % KNOWN_SLOTS] = (struct known_range){ lo, hi, gen };
}

/* Asks QEMU about each page of a range no cached range covers; notes the answer. */
static __attribute__((noinline)) bool learn_known(uint64_t addr, uint64_t len, unsigned gen)
{
    uint8_t byte;

    if (!range_sane(addr, len)) {
        return false;
    }
    for (unsigned i = 0; known && i < KNOWN_SLOTS; i++) {
        const struct known_range *r = &known->slot[i];
        if (r->generation == gen && r->lo <= addr && addr + len <= r->hi) {
            known->last_hit = i;
            return true;
        }
    }
    uint64_t lo = addr & ~(uint64_t)(PAGE - 1);
    uint64_t hi = (addr + len + PAGE - 1) & ~(uint64_t)(PAGE - 1);
    for (uint64_t p = lo; p < hi; p += PAGE) {
        /* QEMU's accessor fails exactly for pages its page table lacks. */
        if (!guest_mem_read(p, &byte, 1)) {
            return false;
        }
    }
    remember_known(lo, hi, gen);
    return true;
}

bool guest_mem_known(uint64_t addr, uint64_t len)
{
    unsigned gen = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);

    if (len == 0) {
        return true;
    }
    /* The hot path, kept free of calls: the range that answered last time. */
    if (known) {
        const struct known_range *r = &known->slot[known->last_hit];
        if (r->generation == gen && r->lo <= addr && addr + len <= r->hi && addr + len > addr) {
            return true;
        }
    }
    return learn_known(addr, len, gen);
}

bool guest_mem_read_any(uint64_t addr, void *dst, size_t len)
{
    struct iovec local = { dst, len };
    struct iovec remote = { (void *)(uintptr_t)addr, len };

    if (len == 0) {
        return true;
    }
    return range_sane(addr, len) &&
        process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)len;
}

bool guest_mem_read_string(uint64_t addr, char *dst, size_t cap)
{
    size_t got = 0;

    while (got < cap) {
        /* Never read across a page we were not asked about. */
        size_t chunk = PAGE - ((addr + got) & (PAGE - 1));
        if (chunk > cap - got) {
            chunk = cap - got;
        }
        if (!guest_mem_read(addr + got, dst + got, chunk)) {
            return false;
        }
        char *nul = memchr(dst + got, '\0', chunk);
        if (nul) {
            return true;
        }
        got += chunk;
    }
    return false;
}

bool guest_mem_shared(uint64_t probe)
{
    static int verdict;         /* 0 unknown, 1 shared, -1 not */
    int v = __atomic_load_n(&verdict, __ATOMIC_RELAXED);

    if (v == 0) {
        /*
         * Read the same bytes through QEMU and straight from our own
         * address space; process_vm_readv reports EFAULT instead of
         * faulting when the host address is not mapped.
         */
        uint8_t via_qemu[64], direct[64];
        struct iovec local = { direct, sizeof(direct) };
        struct iovec remote = { (void *)(uintptr_t)probe, sizeof(direct) };
        bool same = guest_mem_read(probe, via_qemu, sizeof(via_qemu)) &&
            process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)sizeof(direct) &&
            memcmp(via_qemu, direct, sizeof(direct)) == 0;
        v = same ? 1 : -1;
        __atomic_store_n(&verdict, v, __ATOMIC_RELAXED);
    }
    return v == 1;
}
