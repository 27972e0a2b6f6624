// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plugin/policy.c: when calls count as callback-bound, what a stateless
 * function's thunk counter is set to, switching back, the library verdict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "libs/generated.h"
#include "policy.h"

/* Function 0 is stateless (qsort-like), function 1 is not. */
static struct hl_fn fns[] = { { .name = "sort", .stateless = true }, { .name = "parse" } };
static struct hostlink_lib lib = { .name = "t", .fns = fns, .n_fns = 2 };
struct hostlink_lib *const hostlink_libs[] = { &lib, NULL };
struct policy_lib *library_policy(const struct hostlink_lib *l) { (void)l; return NULL; }

/* The thunk's counters: guest addresses are host addresses. */
static uint32_t turns[2];

/* @n callbacks of a 250 ns round trip each, and @host_per_cb ns of host work each. */
static struct bridge_cost cost(uint64_t n, uint64_t host_per_cb)
{
    return (struct bridge_cost){ .callbacks = n, .host_ns = n * host_per_cb, .host_segments = n,
                                 .away_min_ns = 250 };
}

static void policy_lib_freep(struct policy_lib **p)
{
    policy_lib_free(*p);
}
/* A new policy for each test, freed when it ends. */
#define FRESH(p) __attribute__((cleanup(policy_lib_freep))) struct policy_lib *p = fresh()

static struct policy_lib *fresh(void)
{
    memset(turns, 0, sizeof(turns));
    return policy_lib_new(&lib, (uintptr_t)turns);
}

static void test_few_callbacks_are_not_judged(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost c = cost(7, 0);
    assert_false(policy_watch(p, 0, &c, true));
    assert_int_equal(turns[0], 0);
    g_autoptr(GString) out = g_string_new(NULL);
    policy_table(out, p);
    assert_string_equal(out->str, "");
}

static void test_stateless_given_up_mid_call_then_probed(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost bound = cost(63, 20), heavy = cost(63, 2000);

    assert_true(policy_watch(p, 0, &bound, false));    /* give the call up */
    assert_int_equal(turns[0], 16);
    turns[0] = 0;                                      /* the thunk used its turns */
    assert_true(policy_watch(p, 0, &bound, false));    /* a probe, still bound */
    assert_int_equal(turns[0], 32);
    turns[0] = 0;
    assert_false(policy_watch(p, 0, &heavy, true));    /* clearly not, once: probe again */
    assert_int_equal(turns[0], 0);
    assert_false(policy_watch(p, 0, &heavy, true));    /* twice: back on the host */
    assert_int_equal(turns[0], 0);
    g_autoptr(GString) out = g_string_new(NULL);
    policy_records(out, 7, "x86_64", p);
    assert_non_null(strstr(out->str, "policy\t7\tx86_64\tt\tsort\thost\t2\t2\t1\t1\tno longer callback-bound: "));
}

static void test_bound_at_the_end_switches_from_the_next_call(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost bound = cost(15, 50);
    assert_false(policy_watch(p, 0, &bound, true));
    assert_int_equal(turns[0], 16);
}

static void test_a_preempted_segment_is_left_out(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost c = cost(63, 20);
    c.long_segments = 1;        /* 5 ms away from the CPU in one of them */
    assert_true(policy_watch(p, 0, &c, false));
}

static void test_long_host_work_is_not_callback_bound(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost c = { .callbacks = 64, .host_segments = 10, .long_segments = 54,
                             .host_ns = 1000, .away_min_ns = 250 };
    assert_false(policy_watch(p, 0, &c, false));
    assert_false(policy_watch(p, 0, &c, true));
    assert_int_equal(turns[0], 0);
}

static void test_host_work_stays_on_the_host(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost between = cost(200, 150), heavy = cost(200, 5000);
    assert_false(policy_watch(p, 0, &between, false));
    assert_false(policy_watch(p, 0, &between, true));
    assert_false(policy_watch(p, 0, &heavy, true));
    assert_int_equal(turns[0], 0);
    char why[200];
    assert_false(policy_lib_callback_bound(p, why, sizeof(why)));
}

/* The bar: host time per callback under 2/5 of the 250 ns round trip. */
static void test_the_bar(void **state)
{
    (void)state;
    char why[200];
    for (unsigned host = 90; host <= 110; host += 20) {
        FRESH(p);
        struct bridge_cost c = cost(256, host);
        policy_watch(p, 1, &c, true);
        for (int i = 0; i < 8; i++) {
            policy_watch(p, 1, &c, true);
        }
        assert_int_equal(policy_lib_callback_bound(p, why, sizeof(why)), host < 100);
    }
}

static void test_stateful_never_given_up_but_judged_for_the_profile(void **state)
{
    (void)state;
    FRESH(p);
    struct bridge_cost bound = cost(256, 10);
    char why[200];
    assert_false(policy_watch(p, 1, &bound, false));
    assert_false(policy_watch(p, 1, &bound, true));
    assert_int_equal(turns[1], 0);
    assert_true(policy_lib_callback_bound(p, why, sizeof(why)));
    assert_non_null(strstr(why, "callback-bound: 256 callbacks timed, host 10 ns per callback"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_few_callbacks_are_not_judged),
        cmocka_unit_test(test_stateless_given_up_mid_call_then_probed),
        cmocka_unit_test(test_bound_at_the_end_switches_from_the_next_call),
        cmocka_unit_test(test_a_preempted_segment_is_left_out),
        cmocka_unit_test(test_long_host_work_is_not_callback_bound),
        cmocka_unit_test(test_host_work_stays_on_the_host),
        cmocka_unit_test(test_the_bar),
        cmocka_unit_test(test_stateful_never_given_up_but_judged_for_the_profile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
