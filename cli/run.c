// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `hostlink run`: runs a guest program under qemu-<arch> with the hostlink
 * plugin. It execs QEMU, so the program's exit status is hostlink's.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"

/* QEMU's option syntax takes ",," for a literal comma inside a value. */
static void append_escaped(char **s, const char *prefix, const char *value)
{
    size_t len = strlen(*s), extra = strlen(prefix);
    char *out;

    for (const char *p = value; *p; p++) {
        extra += *p == ',' ? 2 : 1;
    }
    out = *s = xrealloc(*s, len + extra + 1);
    out += len;
    out = stpcpy(out, prefix);
    for (const char *p = value; *p; p++) {
        *out++ = *p;
        if (*p == ',') {
            *out++ = ',';
        }
    }
    *out = '\0';
}

static bool selected(const struct run_opts *o, const char *name)
{
    for (size_t i = 0; i < o->n_libs; i++) {
        if (strcmp(o->libs[i], name) == 0) {
            return true;
        }
    }
    return o->n_libs == 0;      /* no --lib: every library */
}

/*
 * The user's LD_PRELOAD without hostlink's own shims (FILES/ARCH/thunks/):
 * a guest that execs a program of another architecture (through
 * binfmt_misc) passes its own guest's shim on, which the other guest's
 * loader cannot load. NULL when nothing is left.
 */
static char *user_preloads(void)
{
    const char *user = getenv("LD_PRELOAD");
    char *copy, *save = NULL, *kept = NULL, *own = xasprintf("%s/", files_dir());

    if (!user || !*user) {
        free(own);
        return NULL;
    }
    copy = xstrdup(user);
    for (char *item = strtok_r(copy, ": ", &save); item; item = strtok_r(NULL, ": ", &save)) {
        if (strncmp(item, own, strlen(own)) == 0 && strstr(item + strlen(own), "/thunks/")) {
            continue;
        }
        char *more = xasprintf("%s%s%s", kept ? kept : "", kept ? ":" : "", item);
        free(kept);
        kept = more;
    }
    free(copy);
    free(own);
    return kept;
}

/*
 * Shims of selected preload libraries (libc-sort) go into the guest's
 * LD_PRELOAD, after whatever the user's environment already has there;
 * exec_qemu keeps LD_PRELOAD from QEMU itself, a host program.
 */
static void push_preloads(struct strvec *cmd, const struct run_opts *o, const char *thunks)
{
    struct lib_entry *libs;
    size_t n;
    char *error, *list = NULL, *user = user_preloads();

    if (libs_list_read(libs_list_path(), &libs, &n, &error)) {
        for (size_t i = 0; i < n; i++) {
            if (libs[i].preload && selected(o, libs[i].name)) {
                char *item = xasprintf("%s%s%s/%s", list ? list : "", list ? ":" : "", thunks,
                                       libs[i].thunk);
                free(list);
                list = item;
            }
        }
        libs_free(libs, n);
    } else {
        free(error);            /* no list: nothing to preload */
    }
    if (list || user) {
        char *env = xasprintf("LD_PRELOAD=%s%s%s", user ? user : "", user && list ? ":" : "",
                              list ? list : "");
        strvec_push(cmd, "-E");
        strvec_push(cmd, env);
        free(env);
    }
    free(list);
    free(user);
}

void qemu_command(struct strvec *cmd, const struct run_opts *o, const char *argv0)
{
    char *qemu = qemu_path(o->arch);
    char *sysroot = o->sysroot ? xstrdup(o->sysroot) : guest_sysroot(o->arch);
    char *plugin = plugin_path(), *thunks = thunk_dir(o->arch), *hostlibs = host_lib_dir();
    char *popt = xstrdup("");

    strvec_push(cmd, qemu);
    if (sysroot) {
        strvec_push(cmd, "-L");
        strvec_push(cmd, sysroot);
    }
    append_escaped(&popt, "", plugin);
    for (size_t i = 0; i < o->n_libs; i++) {
        append_escaped(&popt, ",lib=", o->libs[i]);
    }
    append_escaped(&popt, ",thunkdir=", thunks);
    append_escaped(&popt, ",hostlibdir=", hostlibs);
    if (sysroot) {
        append_escaped(&popt, ",sysroot=", sysroot);   /* for the programs the guest execs */
    }
    if (o->exe) {
        append_escaped(&popt, ",exe=", o->exe);        /* what /proc/self/exe names */
    }
    if (o->stats) {
        append_escaped(&popt, ",stats=", "on");
    }
    if (o->stats_file) {
        append_escaped(&popt, ",statsfile=", o->stats_file);
    }
    if (o->no_policy) {
        append_escaped(&popt, ",policy=", "off");
    }
    if (o->profile) {
        append_escaped(&popt, ",profile=", o->profile);
    }
    strvec_push(cmd, "-plugin");
    strvec_push(cmd, popt);
    push_preloads(cmd, o, thunks);
    if (argv0) {
        strvec_push(cmd, "-0");
        strvec_push(cmd, argv0);
    }
    for (size_t i = 0; i < o->n_qemu_args; i++) {
        strvec_push(cmd, o->qemu_args[i]);
    }
    free(qemu);
    free(sysroot);
    free(plugin);
    free(thunks);
    free(hostlibs);
    free(popt);
}

/* HOSTLINK_POLICY / HOSTLINK_PROFILE: "off" turns it off; anything else leaves it on. */
static bool env_off(const char *name)
{
    const char *v = getenv(name);
    return v && strcmp(v, "off") == 0;
}

/* The program's profile in the cache, keyed by its build id; NULL without one. */
char *profile_of(const char *prog)
{
    char id[129], *dir = profile_dir(), *path;

    if (!dir || !elf_build_id(prog, id, sizeof(id))) {
        free(dir);
        return NULL;
    }
    path = xasprintf("%s/%s", dir, id);
    free(dir);
    return path;
}

/* Like execvp's search: the first executable regular file on PATH. */
static char *find_program(const char *name)
{
    const char *path = getenv("PATH");

    if (strchr(name, '/')) {
        return xstrdup(name);
    }
    if (!path) {
        path = "/bin:/usr/bin";     /* execvp's default */
    }
    for (const char *p = path; *name; ) {
        const char *end = strchrnul(p, ':');
        /* An empty PATH element means the current directory. */
        char *cand = end == p ? xasprintf("./%s", name)
                              : xasprintf("%.*s/%s", (int)(end - p), p, name);

        if (is_file(cand) && access(cand, X_OK) == 0) {
            return cand;
        }
        free(cand);
        if (!*end) {
            break;
        }
        p = end + 1;
    }
    return NULL;
}

/* The guest architecture from the program's ELF header; exits when unsupported. */
const struct arch *detect_arch(const char *prog)
{
    const struct arch *a;
    const char *why, *mname;
    unsigned machine;

    if (!elf_machine(prog, &machine, &why)) {
        if (errno == ENOENT) {
            die(EXIT_NOT_FOUND, "%s: %s", prog, why);
        }
        die(EXIT_CANNOT_RUN, "%s: %s; hostlink runs 64-bit little-endian Linux programs (%s)",
            prog, why, arch_names());
    }
    a = arch_by_machine(machine);
    if (!a) {
        mname = elf_machine_name(machine);
        die(EXIT_CANNOT_RUN, "%s: ELF machine %u%s%s%s is not a supported guest architecture "
            "(supported: %s)", prog, machine, mname ? " (" : "", mname ? mname : "",
            mname ? ")" : "", arch_names());
    }
    return a;
}

/*
 * Matches "--name VALUE" and "--name=VALUE" at argv[*i], moving *i past
 * what it used. The value may start with '-' (--qemu-arg -d).
 */
static bool option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t len = strlen(name);

    if (strncmp(argv[*i], name, len) != 0) {
        return false;
    }
    if (argv[*i][len] == '=') {
        *value = argv[*i] + len + 1;
        return true;
    }
    if (argv[*i][len] != '\0') {
        return false;
    }
    if (*i + 1 >= argc) {
        die(EXIT_HOSTLINK, "run: %s needs a value", name);
    }
    *value = argv[++*i];
    return true;
}

/* Adds the names in "a,b" to the lib= list; "none" must stand alone. */
static void add_libs(struct run_opts *o, const char *value)
{
    char *copy = xstrdup(value), *save = NULL;
    size_t before = o->n_libs;
    bool none = false;

    for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        o->libs = xrealloc(o->libs, (o->n_libs + 1) * sizeof(*o->libs));
        o->libs[o->n_libs++] = xstrdup(name);
    }
    free(copy);
    if (o->n_libs == before) {
        die(EXIT_HOSTLINK, "run: --lib needs a library name (see hostlink list)");
    }
    for (size_t i = 0; i < o->n_libs; i++) {
        none |= strcmp(o->libs[i], "none") == 0;
    }
    if (none && o->n_libs > 1) {
        die(EXIT_HOSTLINK, "run: --lib none cannot be combined with other --lib values");
    }
}

/* Every --lib name must be one the library list knows: QEMU's own error is vague. */
static void check_lib_names(const struct run_opts *o)
{
    struct lib_entry *libs;
    size_t n;
    char *error;

    if (o->n_libs == 0 || strcmp(o->libs[0], "none") == 0) {
        return;
    }
    if (!libs_list_read(libs_list_path(), &libs, &n, &error)) {
        die(EXIT_HOSTLINK, "run: %s", error);
    }
    for (size_t i = 0; i < o->n_libs; i++) {
        size_t k = 0;

        while (k < n && strcmp(libs[k].name, o->libs[i]) != 0) {
            k++;
        }
        if (k == n) {
            char *known = xstrdup("none");
            for (k = 0; k < n; k++) {
                char *more = xasprintf("%s, %s", known, libs[k].name);
                free(known);
                known = more;
            }
            die(EXIT_HOSTLINK, "run: unknown library '%s' (known: %s; see hostlink list)",
                o->libs[i], known);
        }
    }
    libs_free(libs, n);
}

/* --sysroot DIR: an existing directory, made absolute (a guest may chdir before it execs). */
static const char *sysroot_option(const char *dir)
{
    char *abs = realpath(dir, NULL);

    if (!abs || !is_dir(abs)) {
        die(EXIT_HOSTLINK, "run: --sysroot %s: %s", dir, abs ? "not a directory" : strerror(errno));
    }
    return abs;
}

/* Execs QEMU with the plugin to run @prog with @argv0 and @args. */
static _Noreturn void exec_qemu(const struct run_opts *o, const char *prog, const char *argv0,
                                char *const *args, int nargs)
{
    struct strvec cmd = { 0 };

    qemu_command(&cmd, o, argv0);
    strvec_push(&cmd, prog);
    for (int k = 0; k < nargs; k++) {
        strvec_push(&cmd, args[k]);
    }
    /* The guest has it through -E (push_preloads); the host's loader must not load guest code. */
    unsetenv("LD_PRELOAD");
    execv(cmd.v[0], cmd.v);
    if (errno == ENOENT) {
        die(EXIT_NOT_FOUND, "QEMU %s not found: run make, or set HOSTLINK_QEMU to the "
            "prefix of a plugin-capable QEMU", cmd.v[0]);
    }
    die(EXIT_NOT_FOUND, "cannot run %s: %s", cmd.v[0], strerror(errno));
}

/* Exits as the program did: with its status, or killed by the same signal. */
static _Noreturn void exit_like(int status)
{
    if (WIFSIGNALED(status)) {
        signal(WTERMSIG(status), SIG_DFL);
        prctl(PR_SET_DUMPABLE, 0);      /* the program dumped core already, if it did */
        raise(WTERMSIG(status));
    }
    exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_HOSTLINK);
}

static pid_t child;

/* What is sent to hostlink alone goes to the program (a terminal's go to both). */
static void forward(int sig)
{
    if (child > 0) {
        kill(child, sig);
    }
}

/*
 * With statistics, QEMU runs as a child, so that once it exits the
 * records of the whole process tree can be summed (stats_tree). hostlink
 * becomes the subreaper of the tree: orphans keep a parent chain to it.
 */
static _Noreturn void run_with_tree_stats(struct run_opts *o, const char *prog, const char *argv0,
                                          char *const *args, int nargs)
{
    static const int forwarded[] = { SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM };
    char tmp[] = "/tmp/hostlink-stats-XXXXXX";
    bool own_file = !o->stats_file;
    struct stat st;
    long offset = 0;
    int status;

    if (own_file) {
        int fd = mkstemp(tmp);
        if (fd < 0) {
            die(EXIT_HOSTLINK, "run: cannot make a statistics file in /tmp: %s", strerror(errno));
        }
        close(fd);
        o->stats_file = tmp;
    } else if (stat(o->stats_file, &st) == 0) {
        offset = (long)st.st_size;      /* earlier runs' records stay out of the sum */
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    child = fork();
    if (child < 0) {
        die(EXIT_HOSTLINK, "run: cannot start QEMU: %s", strerror(errno));
    }
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);       /* hostlink killed: so is the program */
        exec_qemu(o, prog, argv0, args, nargs);
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++) {
        signal(forwarded[i], forward);
    }
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            die(EXIT_HOSTLINK, "run: lost QEMU: %s", strerror(errno));
        }
    }
    stats_tree(o->stats_file, offset, child, o->stats ? stderr : NULL, !own_file);
    if (own_file) {
        unlink(tmp);
    }
    exit_like(status);
}
void run_program(struct run_opts *o, const char *prog, const char *argv0, char *const *args,
                 int nargs)
{
    char *plugin = plugin_path();

    if (!o->arch) {
        o->arch = detect_arch(prog);
    }
    o->exe = realpath(prog, NULL);
    if (!is_file(plugin)) {
        die(EXIT_HOSTLINK, "plugin %s not found: run make in %s (or set HOSTLINK_ROOT)",
            plugin, project_root());
    }
    free(plugin);
    if (o->stats || o->stats_file) {
        run_with_tree_stats(o, prog, argv0, args, nargs);
    }
    exec_qemu(o, prog, argv0, args, nargs);
}

int cmd_run(int argc, char **argv)
{
    struct run_opts o = { 0 };
    const char *value, *argv0 = NULL;
    char *prog;
    bool no_profile = env_off("HOSTLINK_PROFILE");
    int i;

    o.no_policy = env_off("HOSTLINK_POLICY");
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        /* The first word that is not an option is the program. */
        if (a[0] != '-' || a[1] == '\0') {
            break;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--stats") == 0) {
            o.stats = true;
        } else if (strcmp(a, "--no-profile") == 0) {
            no_profile = true;
        } else if (strncmp(a, "--stats=", 8) == 0) {
            if (!a[8]) {
                die(EXIT_HOSTLINK, "run: --stats=FILE needs a file name");
            }
            o.stats_file = a + 8;
        } else if (option_value(argc, argv, &i, "--arch", &value)) {
            o.arch = arch_by_name(value);
            if (!o.arch) {
                die(EXIT_HOSTLINK, "run: unknown architecture '%s' (known: %s)", value,
                    arch_names());
            }
        } else if (option_value(argc, argv, &i, "--lib", &value)) {
            add_libs(&o, value);
        } else if (option_value(argc, argv, &i, "--sysroot", &value)) {
            o.sysroot = sysroot_option(value);
        } else if (option_value(argc, argv, &i, "--qemu-arg", &value)) {
            o.qemu_args = xrealloc(o.qemu_args, (o.n_qemu_args + 1) * sizeof(*o.qemu_args));
            o.qemu_args[o.n_qemu_args++] = value;
        } else {
            die(EXIT_HOSTLINK, "run: unknown option '%s' (see hostlink help)", a);
        }
    }
    if (i >= argc) {
        die(EXIT_HOSTLINK, "run: no program given (hostlink run [OPTIONS] [--] PROG [ARGS...])");
    }

    prog = find_program(argv[i]);
    if (!prog) {
        die(EXIT_NOT_FOUND, "%s: command not found", argv[i]);
    }
    /* With --arch nothing reads PROG before QEMU, whose message is vaguer. */
    if (access(prog, F_OK) != 0) {
        die(EXIT_NOT_FOUND, "%s: %s", prog, strerror(errno));
    }
    /* A program found on PATH keeps the name it was called by as argv[0]. */
    if (strcmp(prog, argv[i]) != 0) {
        argv0 = argv[i];
    }
    check_lib_names(&o);
    if (!no_profile && !o.no_policy) {
        o.profile = profile_of(prog);
    }

    run_program(&o, prog, argv0, argv + i + 1, argc - i - 1);
}
