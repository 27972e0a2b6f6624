// SPDX-License-Identifier: GPL-2.0-or-later
/* plugin/options.c: what the plugin accepts and refuses on its command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include "libs/libs.h"
#include "options.h"

/* The plugin's table is generated; two entries are enough here. */
static struct hostlink_lib demo_lib = { .name = "demo-callback-qsort" };
static struct hostlink_lib zlib_lib = { .name = "zlib", .soname = "libz.so.1" };
struct hostlink_lib *const hostlink_libs[] = { &demo_lib, &zlib_lib, NULL };

static bool parse(const char *line, struct options *opts, char **error)
{
    g_auto(GStrv) argv = line[0] ? g_strsplit(line, ",", -1) : g_new0(char *, 1);
    *error = NULL;
    /* options keep pointers into argv, as into QEMU's: keep them alive */
    static GPtrArray *keep;
    if (!keep) {
        keep = g_ptr_array_new();
    }
    bool ok = options_parse((int)g_strv_length(argv), argv, opts, error);
    g_ptr_array_add(keep, g_steal_pointer(&argv));
    return ok;
}

static void test_no_options_enables_every_library(void **state)
{
    (void)state;
    struct options o;
    char *err;
    assert_true(parse("", &o, &err));
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        assert_true((*l)->enabled);
    }
    assert_null(o.thunk_dir);
}

static void test_lib_none_enables_nothing(void **state)
{
    (void)state;
    struct options o;
    char *err;
    assert_true(parse("lib=none", &o, &err));
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        assert_false((*l)->enabled);
    }
}

static void test_named_library_and_thunkdir(void **state)
{
    (void)state;
    struct options o;
    char *err;
    assert_true(parse("lib=demo-callback-qsort,thunkdir=/opt/thunks,stats=on,statsfile=/tmp/s.tsv",
                      &o, &err));
    assert_true(hostlink_lib_find("demo-callback-qsort")->enabled);
    assert_false(hostlink_lib_find("zlib")->enabled);
    assert_string_equal(o.thunk_dir, "/opt/thunks");
    assert_true(o.stats);
    assert_string_equal(o.stats_file, "/tmp/s.tsv");
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct { const char *line, *message; } bad[] = {
        { "colour=blue", "unknown option 'colour=blue'" },
        { "lib=zstd", "unknown library 'zstd' (known: demo-callback-qsort" },
        { "lib", "option 'lib' needs a value" },
        { "stats=maybe", "option 'stats=maybe' takes on or off" },
        { "thunkdir=", "option 'thunkdir=' needs a value" },
        { "statsfile=", "option 'statsfile=' needs a value" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct options o;
        char *err;
        assert_false(parse(bad[i].line, &o, &err));
        assert_non_null(err);
        assert_non_null(strstr(err, bad[i].message));
        g_free(err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_options_enables_every_library),
        cmocka_unit_test(test_lib_none_enables_nothing),
        cmocka_unit_test(test_named_library_and_thunkdir),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
