// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plugin/bridge.c without a guest: host calls that finish at once, and the
 * error paths (no registers to enter the guest with, callbacks from threads
 * the bridge did not start, RESUME with nothing waiting).
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "bridge.h"
#include "hostlink/protocol.h"
#include <qemu-plugin.h>
#include "qemu_stubs.h"

static const struct bridge_guest guest = { .trampoline = 0x1000, .callback_entry = 0x2000 };

static int64_t add(const uint64_t *args)
{
    return (int64_t)(args[0] + args[1]);
}

static int64_t call_guest(const uint64_t *args)
{
    struct hostlink_callback_block b = { .fn = args[0] };
    /* The stubs have no registers: entering the guest fails, the call is given up. */
    bridge_call_guest_block(&b, sizeof(b), args[0]);
    return 7;
}

static void test_host_call_without_callbacks(void **state)
{
    (void)state;
    for (uint64_t i = 0; i < 1000; i++) {
        uint64_t args[2] = { i, 1 };
        assert_int_equal(bridge_start("add", add, args, 2, &guest), (int64_t)i + 1);
    }
}

static void test_callback_that_cannot_enter_the_guest(void **state)
{
    (void)state;
    uint64_t args[1] = { 0x4000 };
    g_string_truncate(stub_log, 0);
    for (int i = 0; i < 3; i++) {   /* given up each time, frames recycled */
        assert_int_equal(bridge_start("cb", call_guest, args, 1, &guest), -EFAULT);
    }
    assert_non_null(strstr(stub_log->str, "cb: cannot read the guest's registers"));
    uint64_t two[2] = { 2, 3 };
    assert_int_equal(bridge_start("add", add, two, 2, &guest), 5);
}

static void *foreign_thread(void *arg)
{
    struct hostlink_callback_block b = { .fn = 0x4000 };
    *(bool *)arg = bridge_call_guest_block(&b, sizeof(b), 0x4000);
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
    assert_int_equal(bridge_resume(), -EINVAL);
    assert_int_equal(bridge_resume(), -EINVAL);
}

static void test_too_many_arguments(void **state)
{
    (void)state;
    uint64_t args[BRIDGE_MAX_ARGS + 1] = { 0 };
    assert_int_equal(bridge_start("x", add, args, BRIDGE_MAX_ARGS + 1, &guest), -ENOMEM);
}

int main(void)
{
    bridge_init(guest_abi_find("x86_64"));
    qemu_plugin_outs("");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_call_without_callbacks),
        cmocka_unit_test(test_callback_that_cannot_enter_the_guest),
        cmocka_unit_test(test_callback_from_a_foreign_thread),
        cmocka_unit_test(test_resume_with_nothing_waiting),
        cmocka_unit_test(test_too_many_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
