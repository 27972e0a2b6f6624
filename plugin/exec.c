// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Child programs stay under hostlink (exec.h). Runs in the syscall filter
 * of the exec'ing thread; a successful host execve replaces this QEMU.
 */
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exec.h"
#include "guest_mem.h"
#include "log.h"

/* Same values on every guest hostlink supports (and on the host). */
#define GUEST_AT_FDCWD       (-100)
#define GUEST_AT_EMPTY_PATH  0x1000

/*
 * The kernel's limits: one argument string, "#!" line, nested scripts; and
 * all strings of argv or envp together (the kernel's depends on the stack
 * limit: a quarter of it, 2 MiB by default; this is generous).
 */
#define MAX_ARG_STRLEN  (32 * 4096)
#define MAX_ARG_STRINGS 0x7fffffff
#define MAX_ARG_TOTAL   (64u << 20)
#define SCRIPT_LINE     256
#define MAX_NESTING     4

static const struct guest_abi *abi;
static unsigned guest_machine;  /* ELF e_machine of this guest */
static char *qemu_exe;          /* this QEMU binary */
static char *sysroot;           /* -L, or NULL */
static char *plugin_arg;        /* -plugin PATH,opt,opt... as this QEMU got it, but exe= */
static char *self_exe;          /* the guest program's file: what /proc/self/exe names */
static char *thunk_dir;         /* thunkdir=, absolute: where the preloaded shims are */

#define MACHINE_OF(arch, machine, fallback) \
    if (strcmp(#arch, abi->name) == 0) { guest_machine = machine; }

/* Options whose values are paths: made absolute, the guest may chdir. */
static const char *const path_options[] = { "thunkdir=", "hostlibdir=", "statsfile=", "sysroot=" };

/* QEMU's -plugin syntax: options after commas, a literal comma doubled. */
static void append_escaped(GString *s, const char *text)
{
    for (const char *p = text; *p; p++) {
        g_string_append_c(s, *p);
        if (*p == ',') {
            g_string_append_c(s, ',');
        }
    }
}

void exec_init(const struct guest_abi *guest_abi, int argc, char **argv, const char *root)
{
    Dl_info self;
    g_autofree char *cwd = g_get_current_dir();
    GString *arg;

    abi = guest_abi;
    HOSTLINK_GUEST_ARCHES(MACHINE_OF)
    qemu_exe = g_file_read_link("/proc/self/exe", NULL);
    sysroot = root && *root ? (g_path_is_absolute(root) ? g_strdup(root)
                                                       : g_build_filename(cwd, root, NULL))
                            : NULL;
    if (!dladdr((void *)exec_init, &self) || !self.dli_fname) {
        return;                 /* plugin_arg stays NULL: children are left to QEMU */
    }
    arg = g_string_new(NULL);
    append_escaped(arg, self.dli_fname);
    for (int i = 0; i < argc; i++) {
        const char *value = argv[i];
        g_autofree char *absolute = NULL;

        if (strncmp(argv[i], "exe=", 4) == 0) {
            self_exe = g_path_is_absolute(argv[i] + 4) ? g_strdup(argv[i] + 4)
                                                      : g_build_filename(cwd, argv[i] + 4, NULL);
            continue;           /* each program has its own */
        }
        if (strncmp(argv[i], "profile=", 8) == 0) {
            continue;           /* keyed by the parent's build id: a child runs without one */
        }
        for (size_t k = 0; k < G_N_ELEMENTS(path_options); k++) {
            size_t len = strlen(path_options[k]);
            if (strncmp(argv[i], path_options[k], len) == 0 && !g_path_is_absolute(argv[i] + len)) {
                absolute = g_strdup_printf("%.*s%s/%s", (int)len, argv[i], cwd, argv[i] + len);
                value = absolute;
            }
        }
        if (strncmp(value, "thunkdir=", 9) == 0) {
            thunk_dir = g_strdup(value + 9);
        }
        g_string_append_c(arg, ',');
        append_escaped(arg, value);
    }
    plugin_arg = g_string_free(arg, false);
}

/* A NULL-terminated guest array of strings, copied; NULL with *err on bad input. */
static GPtrArray *read_strings(uint64_t addr, int *err)
{
    GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *buf = g_malloc(MAX_ARG_STRLEN);
    size_t total = 0;

    for (uint64_t i = 0; addr; i++) {   /* a NULL array is an empty one, as on Linux */
        uint64_t ptr;

        if (i >= MAX_ARG_STRINGS) {
            *err = E2BIG;
            goto bad;
        }
        if (!guest_mem_read(addr + i * sizeof(ptr), &ptr, sizeof(ptr))) {
            *err = EFAULT;
            goto bad;
        }
        if (!ptr) {
            break;
        }
        if (!guest_mem_read_string(ptr, buf, MAX_ARG_STRLEN)) {
            /* Unreadable, or longer than the kernel takes. */
            *err = guest_mem_read(ptr, buf, 1) ? E2BIG : EFAULT;
            goto bad;
        }
        total += strlen(buf) + 1;
        if (total > MAX_ARG_TOTAL) {
            *err = E2BIG;
            goto bad;
        }
        g_ptr_array_add(list, g_strdup(buf));
    }
    return list;
bad:
    g_ptr_array_free(list, true);
    return NULL;
}

/*
 * The file @fd names, by its path: the new QEMU opens it after the exec,
 * when a close-on-exec @fd is gone. /proc/self/fd/N when it has no path.
 */
static char *fd_path(int fd)
{
    g_autofree char *link = g_strdup_printf("/proc/self/fd/%d", fd);
    char *target = g_file_read_link(link, NULL);
    struct stat st;

    if (target && target[0] == '/' && stat(target, &st) == 0) {
        return target;
    }
    g_free(target);
    return g_steal_pointer(&link);
}

/*
 * The host file QEMU would use for guest path @path: an absolute path in
 * the sysroot when it is there, else as it stands (relative ones from the
 * guest's working directory, which is QEMU's; from @dirfd for execveat).
 */
static char *host_path(const char *path, int dirfd, bool empty_path)
{
    g_autofree char *own_exe = g_strdup_printf("/proc/%d/exe", (int)getpid());
    struct stat st;

    if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, own_exe) == 0) {
        return self_exe ? g_strdup(self_exe) : NULL;  /* the guest's, not QEMU's */
    }
    if (empty_path && !*path) {
        return fd_path(dirfd);
    }
    if (path[0] == '/') {
        if (sysroot) {
            g_autofree char *in_root = g_strconcat(sysroot, path, NULL);
            if (stat(in_root, &st) == 0) {
                return g_steal_pointer(&in_root);
            }
        }
        return g_strdup(path);
    }
    if (dirfd != GUEST_AT_FDCWD) {
        g_autofree char *dir = fd_path(dirfd);
        return g_strdup_printf("%s/%s", dir, path);
    }
    return g_strdup(path);
}

/*
 * Reads the start of executable file @file into @buf; its length, or
 * -errno as execve would fail (ENOENT, EACCES for a directory or a file
 * without execute permission).
 */
static ssize_t read_start(const char *file, char *buf, size_t cap)
{
    struct stat st;
    ssize_t len;
    int fd = open(file, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return -errno;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || access(file, X_OK) != 0) {
        close(fd);
        return -EACCES;
    }
    len = pread(fd, buf, cap, 0);
    close(fd);
    return len < 0 ? -errno : len;
}

/* e_machine of a 64-bit little-endian executable, or 0. */
static unsigned elf_machine(const char *buf, size_t len)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;

    if (len < sizeof(*eh) || memcmp(buf, ELFMAG, SELFMAG) != 0 ||
        buf[EI_CLASS] != ELFCLASS64 || buf[EI_DATA] != ELFDATA2LSB ||
        (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)) {
        return 0;
    }
    return eh->e_machine;
}

/*
 * Splits a "#!" line as the kernel does: the interpreter up to the first
 * blank, then everything else (trimmed) as one optional argument. False
 * when there is no interpreter.
 */
static bool parse_script(char *buf, size_t len, char **interp, char **arg)
{
    char *end, *p;

    buf[len] = '\0';
    end = strchr(buf, '\n');
    if (end) {
        *end = '\0';
    }
    p = buf + 2;
    p += strspn(p, " \t");
    if (!*p) {
        return false;
    }
    *interp = p;
    p += strcspn(p, " \t");
    if (*p) {
        *p++ = '\0';
    }
    p += strspn(p, " \t");
    end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
        *--end = '\0';
    }
    *arg = *p ? p : NULL;
    return true;
}

/* Is @name one the host's dynamic loader reads (for the guest's loader, not QEMU's)? */
static bool loader_variable(const char *entry)
{
    return strncmp(entry, "LD_", 3) == 0;
}

/*
 * execve()s this QEMU on @file with the guest's @argv and @envp. The
 * guest's LD_* variables reach the guest through -E, never QEMU's own
 * loader. Returns -errno when that cannot be done.
 */
static int exec_qemu(const char *file, GPtrArray *argv, GPtrArray *envp)
{
    g_autoptr(GPtrArray) cmd = g_ptr_array_new();
    g_autoptr(GPtrArray) env = g_ptr_array_new();

    g_ptr_array_add(cmd, qemu_exe);
    if (sysroot) {
        g_ptr_array_add(cmd, "-L");
        g_ptr_array_add(cmd, sysroot);
    }
    g_autoptr(GString) arg = g_string_new(plugin_arg);

    g_string_append(arg, ",exe=");
    append_escaped(arg, file);
    g_ptr_array_add(cmd, "-plugin");
    g_ptr_array_add(cmd, arg->str);
    for (guint i = 0; i < envp->len; i++) {
        char *entry = envp->pdata[i];
        if (!loader_variable(entry)) {
            g_ptr_array_add(env, entry);
        } else if (strchr(entry, ',')) {
            return -EINVAL;     /* QEMU's -E would split it */
        } else {
            g_ptr_array_add(cmd, "-E");
            g_ptr_array_add(cmd, entry);
        }
    }
    g_ptr_array_add(env, NULL);
    g_ptr_array_add(cmd, "-0");
    g_ptr_array_add(cmd, argv->len ? argv->pdata[0] : "");
    g_ptr_array_add(cmd, (char *)file);
    for (guint i = 1; i < argv->len; i++) {
        g_ptr_array_add(cmd, argv->pdata[i]);
    }
    g_ptr_array_add(cmd, NULL);
    execve(qemu_exe, (char **)cmd->pdata, (char **)env->pdata);
    return -errno;
}

/*
 * A host program gets the guest's environment without the guest shims
 * hostlink put in LD_PRELOAD (the host's loader cannot load them, and says
 * so on stderr); LD_PRELOAD goes when nothing else is in it.
 */
static void drop_guest_preloads(GPtrArray *envp)
{
    for (guint i = 0; thunk_dir && i < envp->len; i++) {
        const char *entry = envp->pdata[i];

        if (strncmp(entry, "LD_PRELOAD=", 11) != 0) {
            continue;
        }
        g_auto(GStrv) items = g_strsplit_set(entry + 11, ": ", -1);
        g_autoptr(GString) kept = g_string_new(NULL);
        size_t len = strlen(thunk_dir);

        for (char **p = items; *p; p++) {
            if (**p && !(strncmp(*p, thunk_dir, len) == 0 && (*p)[len] == '/')) {
                g_string_append_printf(kept, "%s%s", kept->len ? ":" : "", *p);
            }
        }
        if (kept->len) {
            g_free(envp->pdata[i]);
            envp->pdata[i] = g_strconcat("LD_PRELOAD=", kept->str, NULL);
        } else {
            g_ptr_array_remove_index(envp, i--);
        }
    }
}

/*
 * Runs guest path @path with @argv and @envp as the kernel would, under
 * this QEMU. Returns 1 to leave it to QEMU, else -errno (a successful exec
 * does not return).
 */
static int run(char *path, int dirfd, bool empty_path, GPtrArray *argv, GPtrArray *envp)
{
    char buf[SCRIPT_LINE + 1];
    g_autofree char *file = NULL;

    for (int depth = 0; ; depth++) {
        char *interp, *arg;
        ssize_t len;
        unsigned machine;

        g_free(file);
        file = host_path(path, dirfd, empty_path);
        if (!file) {
            return 1;
        }
        len = read_start(file, buf, SCRIPT_LINE);
        if (len == -ENOENT) {
            return 1;           /* QEMU says so, and execvp tries the next PATH entry */
        }
        if (len < 0) {
            return (int)len;
        }
        machine = elf_machine(buf, (size_t)len);
        if (machine == guest_machine) {
            return exec_qemu(file, argv, envp);
        }
        if (machine == EM_X86_64) {
            /* A host program: the host runs it, as a machine with binfmt would. */
            drop_guest_preloads(envp);
            g_ptr_array_add(argv, NULL);
            g_ptr_array_add(envp, NULL);
            execve(file, (char **)argv->pdata, (char **)envp->pdata);
            return -errno;
        }
        if (len < 2 || buf[0] != '#' || buf[1] != '!' || depth >= MAX_NESTING) {
            return 1;           /* not ours: QEMU does what the kernel does */
        }
        if (!parse_script(buf, (size_t)len, &interp, &arg)) {
            return -ENOEXEC;
        }
        /*
         * argv[0] gives way to: interpreter, its argument, the script.
         * Copied first: @path may be argv[0] itself (a script's script).
         */
        char *script = dirfd == GUEST_AT_FDCWD || path[0] == '/'
                       ? g_strdup(path) : g_strdup_printf("/dev/fd/%d/%s", dirfd, path);
        if (argv->len) {
            g_ptr_array_remove_index(argv, 0);
        }
        g_ptr_array_insert(argv, 0, script);
        if (arg) {
            g_ptr_array_insert(argv, 0, g_strdup(arg));
        }
        g_ptr_array_insert(argv, 0, g_strdup(interp));
        path = argv->pdata[0];
        dirfd = GUEST_AT_FDCWD;
        empty_path = false;
    }
}

bool exec_filter(int64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                 uint64_t *sysret)
{
    static bool warned;
    bool at = num == abi->nr_execveat;
    uint64_t path_addr = at ? a2 : a1, argv_addr = at ? a3 : a2, envp_addr = at ? a4 : a3;
    int dirfd = at ? (int)a1 : GUEST_AT_FDCWD, err = 0, r;
    bool empty_path = at && (a5 & GUEST_AT_EMPTY_PATH);
    g_autoptr(GPtrArray) argv = NULL;
    g_autoptr(GPtrArray) envp = NULL;
    g_autofree char *path = g_malloc(PATH_MAX);

    if (!plugin_arg || !qemu_exe || !guest_machine) {
        return false;
    }
    if (!guest_mem_read_string(path_addr, path, PATH_MAX)) {
        *sysret = (uint64_t)-(guest_mem_read(path_addr, path, 1) ? ENAMETOOLONG : EFAULT);
        return true;
    }
    argv = read_strings(argv_addr, &err);
    envp = argv ? read_strings(envp_addr, &err) : NULL;
    if (!envp) {
        *sysret = (uint64_t)-err;
        return true;
    }
    r = run(path, dirfd, empty_path, argv, envp);
    if (r == 1) {
        return false;
    }
    hl_log_once(&warned, "exec of %s failed: %s", path, g_strerror(-r));
    *sysret = (uint64_t)r;
    return true;
}
