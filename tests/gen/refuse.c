// SPDX-License-Identifier: GPL-2.0-or-later
/* Library behind refuse.h: only its exports matter to the generator. */
#include "refuse.h"

long double scale(long double x) { return 2 * x; }
int say(const char *fmt, ...) { (void)fmt; return 0; }
int shared_count;
const char *const greetings[2] = { "hello", "bye" };
const char refuse_version[4] = "1.0";
int opt(int op, ...) { return op; }
int opt_cb(int op, int (*f)(int), ...) { (void)f; return op; }
int say_to(FILE *f, const char *fmt, ...) { (void)f; (void)fmt; return 0; }
int say_n(int n, const char *fmt, ...) { (void)fmt; return n; }
int say_at(int level, const char *fmt, ...) { (void)fmt; return level; }
int vsay_at(int level, const char *fmt, va_list ap) { (void)fmt; (void)ap; return level; }
int old_style() { return 0; }
int many(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l, int m,
         int n, int o, int p, int q, int r, int s, int t, int u, int v, int w, int x, int y)
{
    return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r + s + t + u + v + w + x + y;
}
int apply17(seventeen_fn f) { (void)f; return 0; }
int apply_varargs(varargs_fn f) { (void)f; return 0; }
int apply_takes_fn(takes_fn f) { (void)f; return 0; }
int apply_gets_ops(gets_ops_fn f) { (void)f; return 0; }
struct with_callback *ops_table(void) { return 0; }
int to_stream(FILE *f) { (void)f; return 0; }
FILE *from_stream(void) { return NULL; }
int apply_stream(stream_fn f) { (void)f; return 0; }
int to_stream_p(FILE **f) { (void)f; return 0; }
int in_dir(DIR *d) { (void)d; return 0; }
int jump(jmp_buf env) { (void)env; return 0; }
int sigjump(sigjmp_buf env) { (void)env; return 0; }
int wrong_longjmp(int x) { return x; }
int vsay(const char *fmt, va_list ap) { (void)fmt; (void)ap; return 0; }
int in_locale(locale_t l) { (void)l; return 0; }
int lock(pthread_mutex_t *m) { (void)m; return 0; }
int thread_id(pthread_t t) { (void)t; return 0; }
int match(const regex_t *re) { (void)re; return 0; }
int convert_cd(iconv_t cd) { (void)cd; return 0; }
int post(sem_t *s) { (void)s; return 0; }
int logged(struct with_file *w) { (void)w; return 0; }
int precise(struct with_long_double *p) { (void)p; return 0; }
int by_value_cb(struct with_callback ops) { return ops.value; }
struct with_callback make_ops(void) { struct with_callback r = { 0, 0 }; return r; }
struct holder get_holder(void) { struct holder h = { 0 }; return h; }
int apply_gets_const_ops(gets_const_ops_fn f) { (void)f; return 0; }
int apply_gets_holder(gets_holder_fn f) { (void)f; return 0; }
int msg_len(const struct msg *m) { return m->n; }
int deep(struct deep0 *d) { (void)d; return 0; }
int handler_slot(int (**slot)(int)) { (void)slot; return 0; }
int handlers(struct handlers *h) { (void)h; return 0; }
struct opaque { int x; };
int opaque_by_value(struct opaque o) { return o.x; }
double complex_abs(_Complex double z) { return __real__ z; }
vec4 vec_add(vec4 a) { return a + a; }
__int128 wide(__int128 x) { return x; }
int atomic_get(_Atomic int x) { return x; }
int stat_size(const struct stat *st) { return (int)st->st_size; }
int apply_stat(int (*f)(const struct stat *st)) { (void)f; return 0; }
#if defined(__x86_64__)
__float128 quad(__float128 x) { return x; }
#endif

int keep_bad(struct kept_bad *t) { return t->version; }
int use_kept_holder(struct kept_holder *h) { return h->ops->version; }
int fine(int x) { return x; }
int classify(char c) { return (signed char)c < 0; }
int sum_pair(struct pair p) { return p.a + p.b; }
union number negate(union number n) { n.l = -n.l; return n; }
struct flags toggle(struct flags f) { f.a ^= 1; return f; }
int apply9(int (*f)(int, int, int, int, int, int, int, int, int)) { return f(1, 2, 3, 4, 5, 6, 7, 8, 9); }
int first_of(const char buf[29]) { return buf[0]; }
int hour(const struct tm *tm) { return tm->tm_hour; }
long nanos(struct timespec ts) { return ts.tv_nsec; }
int has_signal(const sigset_t *set, int sig) { return sigismember(set, sig); }
int release(void *p, void (*dispose)(void *)) { if (dispose) dispose(p); return 0; }
long position(const struct pair *p) { return p->a; }
int context(const char **buf, int *offset) { *buf = ""; *offset = 0; return 0; }
int count(void) { return 3; }
int call_later(void (*fn)(void)) { return fn != 0; }
int call_other(int (*fn)(int)) { return fn != 0; }
