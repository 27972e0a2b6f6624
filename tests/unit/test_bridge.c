// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plugin/bridge.c without QEMU: this test plays the guest runtime (the
 * stubs make guest memory this process's memory). Host calls that finish
 * at once, callbacks handed out through the caller's block and resumed,
 * nested calls, calls abandoned by a guest that left a callback, and the
 * error paths (a block that cannot be written, an unmapped callback,
 * callbacks from threads the bridge did not start, RESUME with nothing
 * waiting or the wrong block).
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>
#include "bridge.h"
#include "hostlink/protocol.h"
#include <qemu-plugin.h>
#include "qemu_stubs.h"

/* Any mapped address serves as a "guest function": the test never calls it. */
#define GUEST_FN ((uint64_t)(uintptr_t)&guest_code)
static const char guest_code[16];

static int64_t add(const uint64_t *args)
{
    return (int64_t)(args[0] + args[1]);
}

/* Calls "guest" callback args[0] args[1] times with 1, 2, ...; sums the results. */
static int64_t sum_callbacks(const uint64_t *args)
{
    int64_t sum = 0;
    for (uint64_t i = 1; i <= args[1]; i++) {
        struct hostlink_callback_block b = { .fn = args[0], .sig = 3, .args = { i } };
        if (!bridge_call_guest_block(&b, args[0])) {
            return -1;
        }
        sum += (int64_t)b.ret;
    }
    return sum;
}

/* The guest's side: answers each callback in @b with 10 * its argument. */
static int64_t run_guest(struct hostlink_callback_block *b, int64_t r, unsigned *seen)
{
    while (r == HOSTLINK_CALLBACK) {
        assert_int_equal(b->fn, GUEST_FN);
        assert_int_equal(b->sig, 3);
        b->ret = b->args[0] * 10;
        ++*seen;
        r = bridge_resume((uintptr_t)b);
    }
    return r;
}

static void test_host_call_without_callbacks(void **state)
{
    (void)state;
    struct hostlink_callback_block b;
    for (uint64_t i = 0; i < 1000; i++) {
        uint64_t args[2] = { i, 1 };
        assert_int_equal(bridge_start("add", add, args, 2, (uintptr_t)&b, NULL), (int64_t)i + 1);
    }
}

static void test_callbacks_through_the_block(void **state)
{
    (void)state;
    struct hostlink_callback_block b;
    for (uint64_t n = 0; n < 50; n++) {
        uint64_t args[2] = { GUEST_FN, n };
        unsigned seen = 0;
        int64_t r = bridge_start("sum", sum_callbacks, args, 2, (uintptr_t)&b, NULL);
        assert_int_equal(run_guest(&b, r, &seen), (int64_t)(5 * n * (n + 1)));
        assert_int_equal(seen, n);
    }
    /* The innermost call's block only: nothing waits now. */
    assert_int_equal(bridge_resume((uintptr_t)&b), -EINVAL);
}

/* A callback that makes a host call of its own, which calls back too. */
static int64_t outer_call(const uint64_t *args)
{
    struct hostlink_callback_block b = { .fn = args[0], .sig = 3, .args = { 1 } };
    return bridge_call_guest_block(&b, args[0]) ? (int64_t)b.ret : -1;
}

static void test_nested_calls(void **state)
{
    (void)state;
    struct hostlink_callback_block blocks[2];   /* a nested call's block lies below */
    uint64_t args[1] = { GUEST_FN };
    int64_t r = bridge_start("outer", outer_call, args, 1, (uintptr_t)&blocks[1], NULL);
    assert_int_equal(r, HOSTLINK_CALLBACK);
    uint64_t nested[2] = { GUEST_FN, 4 };
    unsigned seen = 0;
    r = bridge_start("inner", sum_callbacks, nested, 2, (uintptr_t)&blocks[0], NULL);
    assert_int_equal(run_guest(&blocks[0], r, &seen), 100);
    assert_int_equal(seen, 4);
    blocks[1].ret = 99;
    assert_int_equal(bridge_resume((uintptr_t)&blocks[1]), 99);
}

static void test_abandoned_call_is_dropped(void **state)
{
    (void)state;
    struct hostlink_callback_block blocks[2], *caller = &blocks[1], *below = &blocks[0];
    uint64_t args[2] = { GUEST_FN, 5 };
    g_string_truncate(stub_log, 0);
    /* The guest leaves the first callback (a longjmp) and calls again from the same place. */
    assert_int_equal(bridge_start("left", sum_callbacks, args, 2, (uintptr_t)caller, NULL),
                     HOSTLINK_CALLBACK);
    uint64_t two[2] = { 2, 3 };
    assert_int_equal(bridge_start("add", add, two, 2, (uintptr_t)caller, NULL), 5);
    assert_non_null(strstr(stub_log->str, "left: abandoned by a guest callback"));
    assert_int_equal(bridge_resume((uintptr_t)caller), -EINVAL);
    /* A call from below, but the caller's mark was overwritten: left for good too. */
    g_string_truncate(stub_log, 0);
    assert_int_equal(bridge_start("left", sum_callbacks, args, 2, (uintptr_t)caller, NULL),
                     HOSTLINK_CALLBACK);
    caller->mark = 0;
    uint64_t deeper[2] = { GUEST_FN, 1 };
    unsigned seen = 0;
    int64_t r = bridge_start("sum", sum_callbacks, deeper, 2, (uintptr_t)below, NULL);
    assert_int_equal(run_guest(below, r, &seen), 10);
    assert_non_null(strstr(stub_log->str, "left: abandoned by a guest callback"));
    assert_int_equal(bridge_resume((uintptr_t)caller), -EINVAL);
}

static void test_callback_that_cannot_enter_the_guest(void **state)
{
    (void)state;
    uint64_t args[2] = { GUEST_FN, 1 };
    g_string_truncate(stub_log, 0);
    /* A block the guest cannot write. */
    void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(ro != MAP_FAILED);
    for (int i = 0; i < 3; i++) {   /* given up each time, frames recycled */
        assert_int_equal(bridge_start("cb", sum_callbacks, args, 2, (uintptr_t)ro, NULL), -EFAULT);
    }
    assert_non_null(strstr(stub_log->str, "cb: the guest's callback block is not writable"));
    munmap(ro, 4096);
    /* An unmapped callback. */
    struct hostlink_callback_block b;
    uint64_t unmapped[2] = { 0x10, 1 };
    assert_int_equal(bridge_start("cb", sum_callbacks, unmapped, 2, (uintptr_t)&b, NULL), -EFAULT);
    assert_non_null(strstr(stub_log->str, "cb: guest callback address not mapped"));
    /* No block at all: the callbacks get nothing, the call goes on. */
    assert_int_equal(bridge_start("noblock", sum_callbacks, args, 2, 0, NULL), -1);
    assert_non_null(strstr(stub_log->str, "noblock: the guest gave no callback block"));
    uint64_t two[2] = { 2, 3 };
    assert_int_equal(bridge_start("add", add, two, 2, (uintptr_t)&b, NULL), 5);
}

static void *foreign_thread(void *arg)
{
    struct hostlink_callback_block b = { .fn = GUEST_FN };
    *(bool *)arg = bridge_call_guest_block(&b, GUEST_FN);
    return NULL;
}

static void test_callback_from_a_foreign_thread(void **state)
{
    (void)state;
    bool ran = true;
    pthread_t t;
    pthread_create(&t, NULL, foreign_thread, &ran);
    pthread_join(t, NULL);
    assert_false(ran);
    assert_non_null(strstr(stub_log->str, "on a thread outside a host call"));
}

static void test_resume_with_nothing_waiting(void **state)
{
    (void)state;
    struct hostlink_callback_block blocks[2];
    assert_int_equal(bridge_resume(0), -EINVAL);
    assert_int_equal(bridge_resume((uintptr_t)&blocks[1]), -EINVAL);
    /* A call waits, but on another block (below its own): it keeps waiting. */
    uint64_t args[2] = { GUEST_FN, 2 };
    unsigned seen = 0;
    int64_t r = bridge_start("sum", sum_callbacks, args, 2, (uintptr_t)&blocks[1], NULL);
    assert_int_equal(bridge_resume((uintptr_t)&blocks[0]), -EINVAL);
    assert_int_equal(run_guest(&blocks[1], r, &seen), 30);
}

static void test_too_many_arguments(void **state)
{
    (void)state;
    uint64_t args[BRIDGE_MAX_ARGS + 1] = { 0 };
    assert_int_equal(bridge_start("x", add, args, BRIDGE_MAX_ARGS + 1, 0, NULL), -ENOMEM);
}

int main(void)
{
    qemu_plugin_outs("");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_call_without_callbacks),
        cmocka_unit_test(test_callbacks_through_the_block),
        cmocka_unit_test(test_nested_calls),
        cmocka_unit_test(test_abandoned_call_is_dropped),
        cmocka_unit_test(test_callback_that_cannot_enter_the_guest),
        cmocka_unit_test(test_callback_from_a_foreign_thread),
        cmocka_unit_test(test_resume_with_nothing_waiting),
        cmocka_unit_test(test_too_many_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
