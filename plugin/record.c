// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host copies of the guest's const structs of callbacks (lzma_allocator):
 * the guest's may be in read-only memory or in use by several threads at
 * once, so its fields cannot be swapped in place; the host library gets a
 * copy whose function pointers are host stand-ins. Runs on a host call's
 * coroutine, under the fault net: a bad guest pointer ends the call.
 */
#include <glib.h>
#include <string.h>
#include "libs/generated.h"

struct copy {
    const void *guest;
    const struct hl_record *record;
    void *snapshot;             /* the guest's bytes it was made from */
    void *host;
    struct copy *next;
};

static GMutex lock;
static struct copy *copies;     /* few: one per allocator a program uses */

static void *make_copy(struct hostlink_lib *lib, const void *guest, const struct hl_record *r)
{
    void *host = g_memdup2(guest, r->size);

    for (unsigned i = 0; i < r->n_fields; i++) {
        const struct hl_record_field *f = &r->fields[i];
        char *at = (char *)host + f->offset;
        uint64_t value;
        void *stand_in;

        memcpy(&value, at, sizeof(value));
        stand_in = f->sig ? hl_closure_of(lib, value, f->sig)
                          : (void *)hl_record_copy_of(lib, (const void *)(uintptr_t)value, f->record);
        memcpy(at, &stand_in, sizeof(stand_in));
    }
    return host;
}

const void *hl_record_copy_of(struct hostlink_lib *lib, const void *guest, const struct hl_record *r)
{
    struct copy *c;
    void *snapshot;

    if (!guest) {
        return NULL;
    }
    /* Read before the lock: a fault here must not leave it held. */
    snapshot = g_memdup2(guest, r->size);
    g_mutex_lock(&lock);
    for (c = copies; c; c = c->next) {
        if (c->guest == guest && c->record == r && memcmp(c->snapshot, snapshot, r->size) == 0) {
            break;
        }
    }
    g_mutex_unlock(&lock);
    if (c) {
        g_free(snapshot);
        return c->host;
    }
    c = g_new0(struct copy, 1);
    *c = (struct copy){ guest, r, snapshot, make_copy(lib, guest, r), NULL };
    g_mutex_lock(&lock);
    c->next = copies;
    copies = c;
    g_mutex_unlock(&lock);
    return c->host;
}

unsigned hl_swap_record_in_of(struct hostlink_lib *lib, struct hl_swap *swaps, unsigned n,
                              void *field, const struct hl_record *r)
{
    uint64_t guest;
    const void *host;

    memcpy(&guest, field, sizeof(guest));
    host = hl_record_copy_of(lib, (const void *)(uintptr_t)guest, r);
    if ((uintptr_t)host != guest) {
        memcpy(field, &host, sizeof(host));
    }
    swaps[n++] = (struct hl_swap){ field, guest, (void *)host, lib, NULL };
    return n;
}

/* Each callback field of @host (kind @r) replaced by what @convert makes of it. */
static void convert_fields(struct hostlink_lib *lib, void *host, const struct hl_record *r,
                           uint64_t (*convert)(struct hostlink_lib *, uint64_t, const struct hl_sig *))
{
    if (!host) {
        return;
    }
    for (unsigned i = 0; i < r->n_fields; i++) {
        char *at = (char *)host + r->fields[i].offset;
        uint64_t value;

        memcpy(&value, at, sizeof(value));
        value = convert(lib, value, r->fields[i].sig);
        memcpy(at, &value, sizeof(value));
    }
}

static uint64_t to_guest_fn(struct hostlink_lib *lib, uint64_t host_fn, const struct hl_sig *sig)
{
    return hl_fn_sentinel(host_fn) ? host_fn : hl_guest_fn_of(lib, (void (*)(void))(uintptr_t)host_fn, sig);
}

static uint64_t to_closure(struct hostlink_lib *lib, uint64_t guest_fn, const struct hl_sig *sig)
{
    return (uintptr_t)hl_closure_of(lib, guest_fn, sig);
}

void hl_record_for_guest_of(struct hostlink_lib *lib, void *host, const struct hl_record *r)
{
    convert_fields(lib, host, r, to_guest_fn);
}

void hl_record_from_guest_of(struct hostlink_lib *lib, void *host, const struct hl_record *r)
{
    convert_fields(lib, host, r, to_closure);
}
