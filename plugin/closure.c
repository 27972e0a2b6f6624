// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host-callable stand-ins for guest function pointers ("closures"): one
 * per (guest function, signature), made on first use and kept for the
 * life of the process, so a host library may store one and call it later.
 * Each is a few bytes of code in a page of its own kind that loads its
 * struct closure and jumps to closure_entry, which notes the closure for
 * this thread and jumps on to its signature's generated receive function
 * with the arguments as the caller left them; there is no fixed limit.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "bridge.h"
#include "guest_mem.h"
#include "libs/generated.h"
#include "log.h"
#include "service.h"
#include "tls.h"

struct closure {
    uint64_t guest_fn;
    struct hostlink_lib *lib;
    const struct hl_sig *sig;
    void *code;
};

void closure_entry(void);
void (*closure_enter(struct closure *c))(void) __attribute__((used));

#define SLOT 32                 /* bytes of code per closure */
#define PAGE 4096

static GMutex lock;
static GHashTable *by_guest;    /* "fn/sig" key -> closure */
static GHashTable *by_code;     /* code address -> closure */
static GHashTable *released;    /* host functions a host library showed the guest */
static unsigned used = PAGE / SLOT;    /* slots handed out in the newest code page */

/* movabs $c, %r11; movabs $closure_entry, %rax; jmp *%rax */
static void write_stub(uint8_t *at, struct closure *c)
{
    uint64_t target = (uintptr_t)closure_entry, self = (uintptr_t)c;
    at[0] = 0x49, at[1] = 0xbb;
    memcpy(at + 2, &self, 8);
    at[10] = 0x48, at[11] = 0xb8;
    memcpy(at + 12, &target, 8);
    at[20] = 0xff, at[21] = 0xe0;
}

/*
 * A closure with its code. Code pages are written in full, then made
 * executable once and never written again (another thread may be running
 * a stub in them); each stub is bound to its struct closure from the start
 * and only the struct is filled in when the closure is handed out.
 */
static struct closure *new_closure(void)
{
    static struct closure *batch;

    if (used == PAGE / SLOT) {
        uint8_t *code = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (code == MAP_FAILED) {
            return NULL;
        }
        batch = g_new0(struct closure, PAGE / SLOT);
        for (unsigned i = 0; i < PAGE / SLOT; i++) {
            batch[i].code = code + i * SLOT;
            write_stub(batch[i].code, &batch[i]);
        }
        if (mprotect(code, PAGE, PROT_READ | PROT_EXEC) != 0) {
            return NULL;
        }
        used = 0;
    }
    return &batch[used++];
}

/*
 * A host function the guest may hand back: one a host library stored in a
 * struct the guest owns (zlib's zcalloc in z_stream.zalloc). Any other
 * address is taken for a guest function, so the guest cannot make host
 * code call arbitrary host addresses.
 */
static bool is_released_host_function(uint64_t fn)
{
    return g_hash_table_contains(released, (void *)(uintptr_t)fn);
}

/* Recent answers per thread: a qsort comparator is looked up on every call. */
#define RECENT 16
struct recent {
    uint64_t guest_fn;
    const struct hl_sig *sig;
    void *host;
};
static HL_THREAD_LOCAL struct recent *recent;

static void *slow_lookup(struct hostlink_lib *lib, uint64_t guest_fn, const struct hl_sig *sig);

void *hl_closure_of(struct hostlink_lib *lib, uint64_t guest_fn, const struct hl_sig *sig)
{
    if (hl_fn_sentinel(guest_fn)) {
        return (void *)(uintptr_t)guest_fn;
    }
    if (!recent) {
        recent = g_new0(struct recent, RECENT);
    }
    struct recent *r = &recent[(guest_fn >> 4) % RECENT];
    if (r->guest_fn != guest_fn || r->sig != sig) {
        *r = (struct recent){ guest_fn, sig, slow_lookup(lib, guest_fn, sig) };
    }
    return r->host;
}

/* Under the lock. */
static void make_tables(void)
{
    if (!by_guest) {
        by_guest = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        by_code = g_hash_table_new(g_direct_hash, g_direct_equal);
        released = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
}

static void *slow_lookup(struct hostlink_lib *lib, uint64_t guest_fn, const struct hl_sig *sig)
{
    char key[48];
    struct closure *c;

    /* A guest stub we made for a host function: that function again. */
    void *host = library_stub_target(lib, guest_fn, (unsigned)(sig - lib->sigs));
    if (host) {
        return host;
    }

    g_mutex_lock(&lock);
    make_tables();
    if (g_hash_table_contains(by_code, (void *)(uintptr_t)guest_fn)) {
        g_mutex_unlock(&lock);
        return (void *)(uintptr_t)guest_fn;     /* one of ours came back */
    }
    snprintf(key, sizeof(key), "%llx/%p", (unsigned long long)guest_fn, (const void *)sig);
    c = g_hash_table_lookup(by_guest, key);
    if (!c) {
        if (is_released_host_function(guest_fn)) {
            g_mutex_unlock(&lock);
            return (void *)(uintptr_t)guest_fn;
        }
        if (!(c = new_closure())) {
            g_mutex_unlock(&lock);
            hl_log("cannot make room for another callback stand-in");
            return NULL;
        }
        c->guest_fn = guest_fn;
        c->lib = lib;
        c->sig = sig;
        g_hash_table_insert(by_guest, g_strdup(key), c);
        g_hash_table_insert(by_code, c->code, c);
    }
    g_mutex_unlock(&lock);
    return c->code;
}

/* The closure this thread called last: set by closure_enter, read by hl_callback. */
static HL_THREAD_LOCAL struct closure *entered;

/* From closure_entry: where the closure's caller goes on to. */
void (*closure_enter(struct closure *c))(void)
{
    entered = c;
    return c->sig->receive;
}

bool hl_callback(struct hostlink_callback_block *b)
{
    struct closure *c = entered;
    b->fn = c->guest_fn;
    b->sig = (uint64_t)(c->sig - c->lib->sigs);
    /* A host library's own thread has no guest thread: a service thread runs it. */
    return bridge_in_host_call() ? bridge_call_guest_block(b, c->guest_fn)
                                 : service_call(library_service(c->lib), b, c->guest_fn);
}

unsigned hl_swap_in_of(struct hostlink_lib *lib, struct hl_swap *swaps, unsigned n, void *field,
                       const struct hl_sig *sig)
{
    uint64_t guest;
    memcpy(&guest, field, sizeof(guest));
    void *host = hl_closure_of(lib, guest, sig);
    if ((uintptr_t)host != guest) {
        memcpy(field, &host, sizeof(host));
    }
    swaps[n++] = (struct hl_swap){ field, guest, host, lib, sig };
    return n;
}

/*
 * The host library put host function @fn where the guest can see it: the
 * guest gets a stub it can call instead, and the function may come back.
 */
static void release(struct hl_swap *s, void *fn)
{
    uint8_t byte;
    if (!hl_fn_sentinel((uintptr_t)fn) && !guest_mem_read((uintptr_t)fn, &byte, 1)) {
        g_mutex_lock(&lock);
        make_tables();
        g_hash_table_add(released, fn);
        g_mutex_unlock(&lock);
        uint64_t stub = hl_guest_fn_of(s->lib, (void (*)(void))fn, s->sig);
        memcpy(s->field, &stub, sizeof(stub));
    }
}

void hl_swap_out(struct hl_swap *swaps, unsigned n)
{
    while (n--) {
        void *now;
        memcpy(&now, swaps[n].field, sizeof(now));
        /* Put the guest's value back unless the host library changed the field. */
        if (now == swaps[n].installed) {
            memcpy(swaps[n].field, &swaps[n].guest, sizeof(swaps[n].guest));
        } else if (swaps[n].sig) {
            release(&swaps[n], now);
        }
    }
}
