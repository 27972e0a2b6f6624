// SPDX-License-Identifier: GPL-2.0-or-later
/* plugin/guest_mem.c: access checks never fault and notice mapping changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>
#include "guest_mem.h"

static long page;

static uint64_t addr(const void *p) { return (uint64_t)(uintptr_t)p; }

static void test_readable_writable_and_holes(void **state)
{
    (void)state;
    char *area = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_ptr_not_equal(area, MAP_FAILED);
    mprotect(area + page, page, PROT_READ);
    munmap(area + 2 * page, page);
    guest_mem_changed();

    assert_true(guest_mem_ok(addr(area), page, true));
    assert_true(guest_mem_ok(addr(area) + 10, page, false));      /* into the read-only page */
    assert_false(guest_mem_ok(addr(area) + 10, page, true));
    assert_false(guest_mem_ok(addr(area) + page, 2 * page, false)); /* runs into the hole */
    assert_false(guest_mem_ok(addr(area) + 3 * page - 1, 2, false));
    assert_true(guest_mem_ok(addr(area) + 3 * page, page, true));
    assert_true(guest_mem_ok(0, 0, true));                        /* empty range */
    assert_false(guest_mem_ok(0, 4, false));                      /* NULL */
    assert_false(guest_mem_ok(UINT64_MAX - 2, 8, false));         /* wraps */
    munmap(area, 2 * page);
    munmap(area + 3 * page, page);
}

static void test_cache_forgets_after_mapping_change(void **state)
{
    (void)state;
    char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(guest_mem_ok(addr(p), page, true));
    mprotect(p, page, PROT_READ);
    guest_mem_changed();        /* the plugin calls this on the guest's mprotect */
    assert_false(guest_mem_ok(addr(p), page, true));
    munmap(p, page);
    guest_mem_changed();
    assert_false(guest_mem_ok(addr(p), 1, false));
}

static void test_known_to_qemu(void **state)
{
    (void)state;
    char *p = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 3 * page, page);
    guest_mem_changed();

    assert_true(guest_mem_known(addr(p) + 10, 100));
    assert_true(guest_mem_known(addr(p) + 10, 100));                 /* from the cache */
    assert_true(guest_mem_known(addr(p) + page, page));              /* beside it: merged */
    assert_true(guest_mem_known(addr(p), 2 * page));                 /* the merged range */
    assert_false(guest_mem_known(addr(p) + 2 * page, 2 * page));     /* into the hole */
    assert_true(guest_mem_known(0, 0));
    assert_false(guest_mem_known(UINT64_MAX - 2, 8));
    for (int i = 0; i < 20; i++) {                                   /* more ranges than slots */
        assert_true(guest_mem_known(addr(&i), sizeof(i)));
        assert_true(guest_mem_known(addr(p) + (i % 3) * page, 1));
    }
    munmap(p, 3 * page);
    guest_mem_changed();        /* the plugin calls this on the guest's munmap */
    assert_false(guest_mem_known(addr(p) + 10, 100));

    char buf[8], src[8] = "abcdefg";
    assert_true(guest_mem_read_any(addr(src), buf, sizeof(buf)));
    assert_memory_equal(buf, src, sizeof(buf));
    assert_false(guest_mem_read_any(addr(p), buf, sizeof(buf)));
}

static void test_large_range(void **state)
{
    (void)state;
    size_t len = 300 * page;    /* more pages than one probe batch */
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    assert_true(guest_mem_ok(addr(p), len, true));
    assert_int_equal(p[0], 1);  /* the write probe put the byte back */
    munmap(p + 250 * page, page);
    guest_mem_changed();
    assert_false(guest_mem_ok(addr(p), len, true));
    munmap(p, len);
}

static void test_strings(void **state)
{
    (void)state;
    char buf[16];
    char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + page, page);
    /* a string that ends just before the hole */
    memcpy(p + page - 6, "hello", 6);
    assert_true(guest_mem_read_string(addr(p + page - 6), buf, sizeof(buf)));
    assert_string_equal(buf, "hello");
    /* one that runs into it */
    memset(p + page - 4, 'x', 4);
    assert_false(guest_mem_read_string(addr(p + page - 4), buf, sizeof(buf)));
    /* one longer than the buffer */
    memset(p, 'y', 64);
    p[64] = 0;
    assert_false(guest_mem_read_string(addr(p), buf, sizeof(buf)));
    munmap(p, page);
}

static void test_shared_address_space(void **state)
{
    (void)state;
    int local = 42;
    assert_true(guest_mem_shared(addr(&local)));
}

int main(void)
{
    page = sysconf(_SC_PAGESIZE);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readable_writable_and_holes),
        cmocka_unit_test(test_cache_forgets_after_mapping_change),
        cmocka_unit_test(test_known_to_qemu),
        cmocka_unit_test(test_large_range),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_shared_address_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
