/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Declarations hostlink-gen must refuse, each for its own reason
 * (tests/gen/gen.sh asserts every reason), and some it must pass.
 */
#ifndef REFUSE_H
#define REFUSE_H

#include <dirent.h>
#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <regex.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

typedef int (*seventeen_fn)(int, int, int, int, int, int, int, int, int, int, int, int, int, int,
                            int, int, int);
typedef int (*varargs_fn)(int, ...);
typedef int (*takes_fn)(int (*inner)(int));
struct with_callback { int (*cb)(int); int value; };
typedef void (*gets_ops_fn)(struct with_callback *ops);
struct with_file { FILE *log; };
struct with_long_double { long double x; };
struct deep4 { int (*cb)(int); };
struct deep3 { struct deep4 *next; };
struct deep2 { struct deep3 *next; };
struct deep1 { struct deep2 *next; };
struct deep0 { struct deep1 *next; };
struct opaque;
typedef float vec4 __attribute__((vector_size(16)));

/* Refused: */
long double scale(long double x);               /* another format on each guest */
int say(const char *fmt, ...);                  /* variadic */
extern int shared_count;                        /* a variable: refused */
extern const char *const greetings[2];          /* constant pointers: refused */
extern const char refuse_version[4];            /* constant characters: passed */
int opt(int op, ...);                           /* varargs key with a struct case */
int opt_cb(int op, int (*f)(int), ...);         /* varargs key, a callback among its fixed arguments */
int say_to(FILE *f, const char *fmt, ...);      /* printf key, FILE * fixed argument: passed */
int say_n(int n, const char *fmt, ...);         /* printf key naming n as its format */
int say_at(int level, const char *fmt, ...);    /* printf key: passed */
int vsay_at(int level, const char *fmt, va_list ap);    /* printf key: passed */
int old_style();                                /* no prototype */
int many(int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int);
int apply17(seventeen_fn f);                    /* callback with 17 arguments */
int apply_varargs(varargs_fn f);                /* variadic callback */
int apply_takes_fn(takes_fn f);                 /* callback taking a function pointer */
int apply_gets_ops(gets_ops_fn f);              /* callback given a struct it fills with callbacks: passes */
struct with_callback *ops_table(void);          /* host callbacks in a struct for the guest */
/* Kept callback tables (kept key, gen/kept.h): */
struct kept_bad { int version; int (*run)(int); struct with_callback *inner; };
int keep_bad(struct kept_bad *t);               /* points to callbacks that are not kept */
struct kept_ok { int version; int (*run)(int); };
struct kept_holder { const struct kept_ok *ops; };
int use_kept_holder(struct kept_holder *h);     /* a carrier as a host function's parameter */
int to_stream(FILE *f);                         /* FILE * parameter: crosses */
FILE *from_stream(void);                        /* FILE * result: crosses */
typedef int (*stream_fn)(FILE *);
int apply_stream(stream_fn f);                  /* FILE * to a guest callback: refused */
int to_stream_p(FILE **f);
int in_dir(DIR *d);
int jump(jmp_buf env);
int sigjump(sigjmp_buf env);
/* Named by the longjmp key, but neither returns a jmp_buf nor takes a longjmp. */
int wrong_longjmp(int x);
int vsay(const char *fmt, va_list ap);
int in_locale(locale_t l);
int lock(pthread_mutex_t *m);
int thread_id(pthread_t t);
int match(const regex_t *re);
int convert_cd(iconv_t cd);
int post(sem_t *s);
int logged(struct with_file *w);                /* a FILE * in a struct */
int precise(struct with_long_double *p);        /* long double in a struct */
struct with_callback make_ops(void);            /* function pointer in a struct result */
struct holder { struct with_callback *ops; };
struct holder get_holder(void);                 /* ... behind a pointer in a struct result */
typedef void (*gets_const_ops_fn)(const struct with_callback *ops);
int apply_gets_const_ops(gets_const_ops_fn f);  /* callback given host callbacks to read */
typedef void (*gets_holder_fn)(struct holder *h);
int apply_gets_holder(gets_holder_fn f);        /* callback given callbacks two levels down */
int deep(struct deep0 *d);                      /* callback 5 pointers deep */
int handler_slot(int (**slot)(int));            /* a function pointer behind a pointer */
struct handlers { int (*table[4])(int); };
int handlers(struct handlers *h);               /* function pointers in an array field */
int opaque_by_value(struct opaque o);           /* incomplete type by value */
double complex_abs(_Complex double z);
vec4 vec_add(vec4 a);
__int128 wide(__int128 x);
int atomic_get(_Atomic int x);
int stat_size(const struct stat *st);           /* layout differs on aarch64/riscv64 */
int apply_stat(int (*f)(const struct stat *st));    /* ... in a callback's argument */
#if defined(__x86_64__)
__float128 quad(__float128 x);                  /* no conversion (x86_64 only) */
#endif

/* Passed: */
int fine(int x);
int classify(char c);                           /* plain char: its 8 bits */
struct pair { int a, b; };
int sum_pair(struct pair p);                    /* struct by value */
union number { double d; long l; };
union number negate(union number n);            /* union by value */
struct flags { unsigned a : 3; int b : 5; };
struct flags toggle(struct flags f);            /* bit-fields: layout checked */
int apply9(int (*f)(int, int, int, int, int, int, int, int, int));   /* 9 arguments */
int first_of(const char buf[29]);               /* array parameter */
int hour(const struct tm *tm);                  /* plain data of the C library */
long nanos(struct timespec ts);
int has_signal(const sigset_t *set, int sig);
int release(void *p, void (*dispose)(void *));  /* sentinels pass unchanged at run time */
int by_value_cb(struct with_callback ops);      /* the copy's callback becomes a closure */
struct msg { int n; char data[]; };
int msg_len(const struct msg *m);               /* flexible array member */

/*
 * The alias key (gen/alias.h): a newer release's functions under new names,
 * declared by the guests' headers only (the host's library lacks them).
 */
long position(const struct pair *p);
int context(const char **buf, int *offset);
int count(void);
#if !defined(__x86_64__)
int64_t position64(const struct pair *p);       /* position under a new name on 64-bit guests */
int context64(const char **buf, int64_t *offset);   /* not context: int64_t * is not int * */
uint64_t count64(void);                         /* count's int widened */
#endif
/* fn-type key: a type that is no function pointer; a parameter that is not void (*)(void). */
int call_later(void (*fn)(void));
int call_other(int (*fn)(int));

#endif
