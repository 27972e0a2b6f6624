// SPDX-License-Identifier: GPL-2.0-or-later
/* plugin/coro.c: starting, yielding, resuming, finishing, abandoning, nesting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "coro.h"

struct counter {
    struct coro *co;
    int steps;
    int yields;
};

static void count_and_yield(void *arg)
{
    struct counter *c = arg;
    for (int i = 0; i < c->yields; i++) {
        c->steps++;
        assert_ptr_equal(coro_self(), c->co);
        coro_yield(c->co);
    }
    c->steps++;
}

static void test_runs_to_completion_without_yield(void **state)
{
    (void)state;
    struct counter c = { coro_get(), 0, 0 };
    assert_non_null(c.co);
    coro_start(c.co, count_and_yield, &c);
    assert_true(coro_finished(c.co));
    assert_int_equal(c.steps, 1);
    assert_null(coro_self());
    coro_put(c.co);
}

static void test_yield_and_resume(void **state)
{
    (void)state;
    struct counter c = { coro_get(), 0, 3 };
    coro_start(c.co, count_and_yield, &c);
    for (int i = 1; i <= 3; i++) {
        assert_false(coro_finished(c.co));
        assert_int_equal(c.steps, i);
        coro_resume(c.co);
    }
    assert_true(coro_finished(c.co));
    assert_int_equal(c.steps, 4);
    coro_put(c.co);
}

static void test_abandoned_coroutine_is_reusable(void **state)
{
    (void)state;
    struct counter c = { coro_get(), 0, 5 };
    coro_start(c.co, count_and_yield, &c);
    assert_false(coro_finished(c.co));
    coro_put(c.co);             /* given up half-way */

    struct counter d = { coro_get(), 0, 1 };
    coro_start(d.co, count_and_yield, &d);
    coro_resume(d.co);
    assert_true(coro_finished(d.co));
    assert_int_equal(d.steps, 2);
    coro_put(d.co);
}

/* A coroutine that starts another one, like a nested host call. */
struct nest { struct coro *co; int depth; int *deepest; };

static void nest_down(void *arg)
{
    struct nest *n = arg;
    if (n->depth > *n->deepest) {
        *n->deepest = n->depth;
    }
    if (n->depth < 20) {
        struct nest inner = { coro_get(), n->depth + 1, n->deepest };
        coro_start(inner.co, nest_down, &inner);
        assert_true(coro_finished(inner.co));
        assert_ptr_equal(coro_self(), n->co);
        coro_put(inner.co);
    }
}

static void test_nesting(void **state)
{
    (void)state;
    int deepest = 0;
    struct nest n = { coro_get(), 1, &deepest };
    coro_start(n.co, nest_down, &n);
    assert_true(coro_finished(n.co));
    assert_int_equal(deepest, 20);
    coro_put(n.co);
}

static void test_many_coroutines_alive(void **state)
{
    (void)state;
    enum { N = 50 };
    struct counter c[N];
    for (int i = 0; i < N; i++) {
        c[i] = (struct counter){ coro_get(), 0, 2 };
        coro_start(c[i].co, count_and_yield, &c[i]);
    }
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < N; i++) {
            coro_resume(c[i].co);
        }
    }
    for (int i = 0; i < N; i++) {
        assert_true(coro_finished(c[i].co));
        assert_int_equal(c[i].steps, 3);
        coro_put(c[i].co);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_to_completion_without_yield),
        cmocka_unit_test(test_yield_and_resume),
        cmocka_unit_test(test_abandoned_coroutine_is_reusable),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_many_coroutines_alive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
