/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared declarations of the hostlink command-line tool. */
#ifndef HOSTLINK_CLI_H
#define HOSTLINK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Exit statuses of hostlink's own failures. `run` passes the program's
 * status through, so its own errors use env(1)'s codes, which programs
 * rarely use themselves.
 */
#define EXIT_USAGE      2       /* bad command line for list/doctor/help */
#define EXIT_HOSTLINK   125     /* run: bad options, missing plugin */
#define EXIT_CANNOT_RUN 126     /* run: PROG is not a supported ELF program */
#define EXIT_NOT_FOUND  127     /* run: PROG or QEMU not found or exec failed */

/* util.c: messages are prefixed with "hostlink: "; allocation failure exits. */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool is_dir(const char *path);
bool is_file(const char *path);

/* A growing NULL-terminated argument vector. */
struct strvec {
    char **v;
    size_t n, cap;
};
void strvec_push(struct strvec *sv, const char *s);     /* copies s */

/* paths.c: guest architectures and where the project's pieces live. */
struct arch {
    const char *name;           /* as in qemu-<name> and build/<name> */
    unsigned machine;           /* ELF e_machine */
    const char *cross_sysroot;  /* -L fallback; NULL: the host's own root */
};
extern const struct arch arches[];
extern const size_t n_arches;
const struct arch *arch_by_name(const char *name);
const struct arch *arch_by_machine(unsigned machine);
const char *arch_names(void);   /* "x86_64, aarch64, riscv64" */

/*
 * Where hostlink's files are: ROOT/build in a checkout, PREFIX/lib/hostlink
 * installed; HOSTLINK_ROOT=ROOT picks a checkout. Exits when unknown.
 */
const char *files_dir(void);
const char *project_root(void); /* the checkout: HOSTLINK_ROOT, else files_dir()/.. */
char *qemu_path(const struct arch *a);
char *plugin_path(void);
/*
 * QEMU's -L for @a when `run` has no --sysroot: the user's QEMU_LD_PREFIX,
 * else ROOT/build/sysroot/ARCH, else the cross toolchain's; NULL: no -L.
 */
char *guest_sysroot(const struct arch *a);
char *thunk_dir(const struct arch *a);
/* Host builds of the libraries the project makes itself (demo, tests). */
char *host_lib_dir(void);
char *libs_list_path(void);
char *probe_path(const struct arch *a);
char *profile_dir(void);        /* NULL: no cache directory known */

/* elf.c: 64-bit little-endian ELF files. Errors come back as text in *why. */
bool elf_machine(const char *path, unsigned *machine, const char **why);
const char *elf_machine_name(unsigned machine);  /* NULL when not known */
/* Sets found[i] when names[i] is a defined symbol in .dynsym. */
bool elf_exports(const char *path, const char *const *names, bool *found,
                 size_t n, const char **why);
/* The GNU build id of @path as lower-case hex in @hex; false when it has none. */
bool elf_build_id(const char *path, char *hex, size_t len);

/* libs.c: build/share/hostlink/libs.list. */
struct lib_entry {
    char *name, *soname, *thunk, *desc;   /* thunk: its file name, as the generator made it */
    bool preload;               /* a shim the guest must preload (4th field "preload") */
};
/* False with a message in *error (free it) on a missing or malformed file. */
bool libs_list_read(const char *path, struct lib_entry **libs, size_t *n, char **error);
void libs_free(struct lib_entry *libs, size_t n);

/* run.c: the QEMU command line shared by `run` and `doctor`. */
struct run_opts {
    const struct arch *arch;
    const char **libs;          /* lib= values; none: every library */
    size_t n_libs;
    bool stats;                 /* --stats: a table on stderr */
    const char *stats_file;     /* --stats=FILE: records appended to FILE */
    const char *sysroot;        /* --sysroot; NULL: guest_sysroot() */
    const char *exe;            /* the program, absolute: the plugin's exe= */
    bool no_policy;             /* HOSTLINK_POLICY=off: every call stays where --lib says */
    char *profile;              /* the program's profile file, or NULL */
    const char **qemu_args;
    size_t n_qemu_args;
};
/*
 * Pushes QEMU, its -L, -plugin (and -0 ARGV0 unless NULL) options and the
 * extra QEMU arguments; the caller adds the program and its arguments.
 */
void qemu_command(struct strvec *cmd, const struct run_opts *o, const char *argv0);

/* @prog's call-policy profile in the cache, keyed by its build id; NULL without one. */
char *profile_of(const char *prog);
/* The guest architecture of a program from its ELF header; exits when unsupported. */
const struct arch *detect_arch(const char *prog);
/*
 * Runs @prog (argv[0] @argv0 unless NULL, then @args) under QEMU with the
 * plugin; @o->arch NULL: detect_arch(). Without statistics it execs QEMU;
 * with them QEMU runs as a child, and when it exits the process tree's
 * records are summed (stats_tree) before hostlink exits as the program did.
 */
_Noreturn void run_program(struct run_opts *o, const char *prog, const char *argv0,
                           char *const *args, int nargs);

/*
 * stats_tree.c: sums the records the plugin appended to @path after
 * @offset by the processes descending from this one, the top-level
 * program being @top; prints the total as a table to @table (unless NULL)
 * and, when @records, appends it to @path as tree/treelib/treefn/treesys
 * records (README). False when @path cannot be read.
 */
bool stats_tree(const char *path, long offset, pid_t top, FILE *table, bool records);

/* usage.c: the help text. */
void usage(FILE *out);

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_sysroot(int argc, char **argv);
int cmd_binfmt(int argc, char **argv);

#endif
