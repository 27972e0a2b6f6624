// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * liblzma's guest allocator (the null-default key of libs/liblzma.hl).
 * With a NULL allocator liblzma uses malloc and free, and lzma.h tells
 * programs to free() what some functions allocate for them (decoded filter
 * options, filter strings) or has lzma_filters_free() free() options the
 * program allocated. Through the host those would be the host's malloc and
 * free meeting the guest's: for those functions NULL becomes this
 * allocator, so that memory lives in the guest's heap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <lzma.h>

static void *guest_alloc(void *opaque, size_t nmemb, size_t size)
{
    (void)opaque;
    return size && nmemb > SIZE_MAX / size ? NULL : malloc(nmemb * size);
}

static void guest_free(void *opaque, void *ptr)
{
    (void)opaque;
    free(ptr);
}

__attribute__((visibility("hidden"))) const lzma_allocator hl_lzma_guest_allocator = { guest_alloc, guest_free,
                                                                                        NULL };
