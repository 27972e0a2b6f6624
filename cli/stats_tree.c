// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The statistics of a whole process tree (cli.h): the plugin's per-process
 * records (plugin/stats.h) that this run appended to the file, summed.
 * A record belongs to the tree when its process's parent chain, as the
 * proc records give it, reaches this hostlink process; orphans reach it
 * too, since `run` makes itself their subreaper.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include "cli.h"

#define MAX_FIELDS 12

/* One line split at tabs, in place. */
struct record {
    char *f[MAX_FIELDS];
    size_t n;
};

/* A summed quantity under a key of up to five fields ("" when unused). */
struct total {
    char *key[5];
    uint64_t a, b;
};

struct totals {
    struct total *v;
    size_t n;
};

static struct total *total_of(struct totals *t, const char *const key[5])
{
    for (size_t i = 0; i < t->n; i++) {
        size_t k = 0;

        while (k < 5 && strcmp(t->v[i].key[k], key[k]) == 0) {
            k++;
        }
        if (k == 5) {
            return &t->v[i];
        }
    }
    t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
    for (size_t k = 0; k < 5; k++) {
        t->v[t->n].key[k] = xstrdup(key[k]);
    }
    t->v[t->n].a = t->v[t->n].b = 0;
    return &t->v[t->n++];
}

static void totals_free(struct totals *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < 5; k++) {
            free(t->v[i].key[k]);
        }
    }
    free(t->v);
}

/* Every proc record's pid -> parent, and which of them are in the tree. */
struct procs {
    long *pid, *ppid;
    bool *member;
    size_t n;
};

static bool in_tree(const struct procs *p, long pid, long root, unsigned depth)
{
    if (pid == root) {
        return true;
    }
    if (depth > p->n) {
        return false;           /* a cycle of reused pids */
    }
    for (size_t i = 0; i < p->n; i++) {
        if (p->pid[i] == pid && in_tree(p, p->ppid[i], root, depth + 1)) {
            return true;
        }
    }
    return false;
}

static bool member(const struct procs *p, long pid)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->pid[i] == pid && p->member[i]) {
            return true;
        }
    }
    return false;
}

static struct record split(char *line)
{
    struct record r = { .n = 0 };
    char *save = NULL;

    line[strcspn(line, "\n")] = '\0';
    for (char *f = strtok_r(line, "\t", &save); f && r.n < MAX_FIELDS;
         f = strtok_r(NULL, "\t", &save)) {
        r.f[r.n++] = f;
    }
    return r;
}

static char *read_from(const char *path, long offset)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t len = 0;

    if (!f) {
        /* No process wrote (all were killed): an empty tree. */
        return errno == ENOENT ? xstrdup("") : NULL;
    }
    if (fseek(f, offset, SEEK_SET) == 0) {
        FILE *mem = open_memstream(&text, &len);
        char buf[8192];
        size_t got;

        while (mem && (got = fread(buf, 1, sizeof(buf), f)) > 0) {
            fwrite(buf, 1, got, mem);
        }
        if (mem) {
            fclose(mem);
        }
    }
    fclose(f);
    return text;
}

bool stats_tree(const char *path, long offset, pid_t top, FILE *table, bool records)
{
    char *text = read_from(path, offset), *save = NULL;
    struct procs procs = { 0 };
    struct totals fns = { 0 }, libs = { 0 }, sys = { 0 };
    long root = (long)getpid();
    size_t images = 0, processes = 0;
    char *copy;

    if (!text) {
        msg("stats: cannot read %s: %s", path, strerror(errno));
        return false;
    }
    /* First pass: who is whose child. */
    copy = xstrdup(text);
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        struct record r = split(line);

        if (r.n == 4 && strcmp(r.f[0], "proc") == 0) {
            procs.pid = xrealloc(procs.pid, (procs.n + 1) * sizeof(long));
            procs.ppid = xrealloc(procs.ppid, (procs.n + 1) * sizeof(long));
            procs.pid[procs.n] = strtol(r.f[1], NULL, 10);
            procs.ppid[procs.n++] = strtol(r.f[2], NULL, 10);
        }
    }
    free(copy);
    procs.member = xmalloc(procs.n * sizeof(bool));
    for (size_t i = 0; i < procs.n; i++) {
        procs.member[i] = in_tree(&procs, procs.pid[i], root, 0);
    }
    for (size_t i = 0; i < procs.n; i++) {
        bool seen = false;

        if (!procs.member[i]) {
            continue;
        }
        images++;
        for (size_t k = 0; k < i && !seen; k++) {
            seen = procs.pid[k] == procs.pid[i];
        }
        processes += !seen;
    }
    /* Second pass: sum the tree's records. */
    save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        struct record r = split(line);

        if (r.n < 2 || !member(&procs, strtol(r.f[1], NULL, 10))) {
            continue;
        }
        if (strcmp(r.f[0], "fn") == 0 && r.n == 7) {
            const char *key[5] = { r.f[2], r.f[3], r.f[4], "", "" };
            struct total *t = total_of(&fns, key);
            t->a += strtoull(r.f[5], NULL, 10);
            t->b += strtoull(r.f[6], NULL, 10);
        } else if (strcmp(r.f[0], "lib") == 0 && (r.n == 5 || r.n == 6)) {
            const char *key[5] = { r.f[2], r.f[3], r.f[4], r.n == 6 ? r.f[5] : "", "" };
            total_of(&libs, key)->a++;
        } else if (strcmp(r.f[0], "sys") == 0 && r.n == 5) {
            const char *key[5] = { r.f[2], r.f[3], "", "", "" };
            total_of(&sys, key)->a += strtoull(r.f[4], NULL, 10);
        }
    }
    free(text);

    if (table) {
        fprintf(table, "hostlink stats: total over the process tree of pid %ld: %zu process%s, "
                "%zu program%s\n", (long)top, processes, processes == 1 ? "" : "es", images,
                images == 1 ? "" : "s");
        fprintf(table, "hostlink stats: %-10s %-28s %12s %14s\n", "library", "function", "calls",
                "host ms");
        for (size_t i = 0; i < libs.n; i++) {
            if (strcmp(libs.v[i].key[2], "emulated") == 0) {
                fprintf(table, "hostlink stats: %-10s emulated in %llu program%s: %s\n",
                        libs.v[i].key[1], (unsigned long long)libs.v[i].a,
                        libs.v[i].a == 1 ? "" : "s", libs.v[i].key[3]);
            }
        }
        for (size_t i = 0; i < fns.n; i++) {
            fprintf(table, "hostlink stats: %-10s %-28s %12llu %14.3f\n", fns.v[i].key[1],
                    fns.v[i].key[2], (unsigned long long)fns.v[i].a, fns.v[i].b / 1e6);
        }
        for (size_t i = 0; i < sys.n; i++) {
            fprintf(table, "hostlink stats: %-10s %-28s %12llu\n", "syscall", sys.v[i].key[1],
                    (unsigned long long)sys.v[i].a);
        }
        fflush(table);
    }
    if (records) {
        char *out = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&out, &len);
        int fd;

        if (!mem) {
            die(EXIT_HOSTLINK, "out of memory");
        }
        fprintf(mem, "tree\t%ld\t%zu\t%zu\n", (long)top, processes, images);
        for (size_t i = 0; i < libs.n; i++) {
            fprintf(mem, "treelib\t%ld\t%s\t%s\t%s\t%llu%s%s\n", (long)top, libs.v[i].key[0],
                    libs.v[i].key[1], libs.v[i].key[2], (unsigned long long)libs.v[i].a,
                    *libs.v[i].key[3] ? "\t" : "", libs.v[i].key[3]);
        }
        for (size_t i = 0; i < fns.n; i++) {
            fprintf(mem, "treefn\t%ld\t%s\t%s\t%s\t%llu\t%llu\n", (long)top, fns.v[i].key[0],
                    fns.v[i].key[1], fns.v[i].key[2], (unsigned long long)fns.v[i].a,
                    (unsigned long long)fns.v[i].b);
        }
        for (size_t i = 0; i < sys.n; i++) {
            fprintf(mem, "treesys\t%ld\t%s\t%s\t%llu\n", (long)top, sys.v[i].key[0],
                    sys.v[i].key[1], (unsigned long long)sys.v[i].a);
        }
        fclose(mem);
        /* One write, as the plugin's per-process records. */
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0 || write(fd, out, len) != (ssize_t)len) {
            msg("stats: cannot append the tree's total to %s: %s", path, strerror(errno));
        }
        if (fd >= 0) {
            close(fd);
        }
        free(out);
    }
    totals_free(&fns);
    totals_free(&libs);
    totals_free(&sys);
    free(procs.pid);
    free(procs.ppid);
    free(procs.member);
    return true;
}
