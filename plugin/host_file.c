// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every operation is one host stdio call on the host FILE, straight into
 * or out of the guest's buffer (guest addresses are host addresses), so a
 * guest fread of a megabyte is one call. Writes are flushed: the guest's
 * fflush reaches nothing (its stream holds no data), so the host FILE
 * must not hold the guest's data either.
 */
#include <errno.h>
#include <glib.h>
#include <stdio_ext.h>
#include "file_crossing.h"
#include "guest_mem.h"
#include "host_file.h"
#include "log.h"
#include "hostlink/protocol.h"

static GMutex lock;
static GHashTable *handed_out;  /* host FILE *s the guest holds */
static int n_handed_out;        /* read without the lock: none, nothing to settle */

uint64_t hl_from_file(FILE *host)
{
    if (!host) {
        return 0;
    }
    uint64_t guest = file_crossing_guest_of(host);
    if (guest) {
        return guest;
    }
    g_mutex_lock(&lock);
    if (!handed_out) {
        handed_out = g_hash_table_new(NULL, NULL);
    }
    g_hash_table_add(handed_out, host);
    __atomic_store_n(&n_handed_out, g_hash_table_size(handed_out), __ATOMIC_RELEASE);
    g_mutex_unlock(&lock);
    return (uint64_t)(uintptr_t)host | HOSTLINK_HOST_FILE;
}

FILE *host_file_lookup(uint64_t v)
{
    FILE *f = (FILE *)(uintptr_t)(v & ~HOSTLINK_HOST_FILE);

    g_mutex_lock(&lock);
    bool ok = handed_out && g_hash_table_contains(handed_out, f);
    g_mutex_unlock(&lock);
    return ok ? f : NULL;
}

/* -errno of a failed stdio call (EIO if it left none). */
static int64_t failed(void)
{
    return errno ? -errno : -EIO;
}

static int64_t file_read(FILE *f, uint64_t buf, uint64_t n)
{
    if (!guest_mem_ok(buf, n, true)) {
        return -EFAULT;
    }
    /* The guest reads only when its own stream's EOF flag is clear: so is this one's. */
    clearerr(f);
    errno = 0;
    size_t got = fread((void *)(uintptr_t)buf, 1, n, f);
    return got == 0 && ferror(f) ? failed() : (int64_t)got;
}

static int64_t file_write(FILE *f, uint64_t buf, uint64_t n)
{
    if (!guest_mem_ok(buf, n, false)) {
        return -EFAULT;
    }
    errno = 0;
    size_t done = fwrite((const void *)(uintptr_t)buf, 1, n, f);
    if (done < n || fflush(f) != 0) {
        return done ? (int64_t)done : failed();
    }
    return (int64_t)done;
}

static int64_t file_seek(FILE *f, int64_t offset, int whence)
{
    errno = 0;
    /* ftell alone for "where": it works on pipes (an error) and keeps the buffer. */
    if (!(offset == 0 && whence == SEEK_CUR) && fseeko(f, offset, whence) != 0) {
        return failed();
    }
    off_t at = ftello(f);
    return at < 0 ? failed() : at;
}

static int64_t file_close(FILE *f)
{
    g_mutex_lock(&lock);
    g_hash_table_remove(handed_out, f);
    __atomic_store_n(&n_handed_out, g_hash_table_size(handed_out), __ATOMIC_RELEASE);
    g_mutex_unlock(&lock);
    errno = 0;
    return fclose(f) == 0 ? 0 : failed();
}

static void flush_pending(gpointer key, gpointer value, gpointer unused)
{
    (void)value;
    (void)unused;
    if (__fpending(key)) {
        fflush(key);
    }
}

void host_file_settle(void)
{
    if (__atomic_load_n(&n_handed_out, __ATOMIC_ACQUIRE) == 0) {
        return;
    }
    g_mutex_lock(&lock);
    g_hash_table_foreach(handed_out, flush_pending, NULL);
    g_mutex_unlock(&lock);
}

int64_t host_file_op(const uint64_t *args)
{
    static bool warned;
    FILE *f = host_file_lookup(args[1]);

    if (!f) {
        hl_log_once(&warned, "a guest stream names a host FILE * that is not open: EBADF");
        return -EBADF;
    }
    switch (args[0]) {
    case HOSTLINK_FILE_READ: return file_read(f, args[2], args[3]);
    case HOSTLINK_FILE_WRITE: return file_write(f, args[2], args[3]);
    case HOSTLINK_FILE_SEEK: return file_seek(f, (int64_t)args[2], (int)args[3]);
    case HOSTLINK_FILE_CLOSE: return file_close(f);
    default: return -EINVAL;
    }
}
