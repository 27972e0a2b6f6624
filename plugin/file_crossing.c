// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The host stream for a guest FILE * is made with fopencookie, with a
 * small buffer of its own (glibc reads a cookie stream one buffer at a
 * time: unbuffered would be a guest callback per byte). Each refill, write
 * or seek is one guest fread, fwrite (then fflush: the host's fflush has
 * no hook to reach the guest's buffer) or fseeko/ftello. When the host
 * call returns, the host stream holds nothing: pending output is flushed,
 * and what it read ahead (or the library pushed back) goes back to the
 * guest's FILE, with fseeko when those are the bytes just read from it,
 * else with ungetc. The guest's FILE is then the only buffer, and its
 * position the stream's. Data moves through a bounce buffer in guest
 * memory, which the guest's stdio may pass to read(2) and write(2); the
 * host copies in and out of it.
 */
#include <errno.h>
#include <glib.h>
#include <stdio_ext.h>
#include <string.h>
#include "bridge.h"
#include "file_crossing.h"
#include "host_file.h"
#include "log.h"
#include "tls.h"
#include "hostlink/protocol.h"

/* What the host stream's reads do: ask the guest, or answer without it (to set its flags). */
enum reads { READS_LIVE, READS_EOF, READS_ERROR };

/*
 * The host stream's buffer: big enough that a library's block reads take
 * a few callbacks (libbz2 reads 5000 bytes), small enough that giving the
 * read-ahead back after every call stays cheap (libbz2 tests for the end
 * of the file, a one-byte read, in every BZ2_bzRead).
 */
#define HOST_BUFFER 1024

struct crossing {
    uint64_t guest;             /* the guest's FILE * */
    FILE *host;
    enum reads reads;
    bool dirty;                 /* on the list of a thread whose host calls used it */
    bool unseekable;            /* fseeko failed once: give bytes back with ungetc */
    struct crossing *next_dirty;
    size_t last_read;           /* bytes the last guest read put in buf */
    unsigned char buf[HOST_BUFFER];
};

static GMutex lock;
static GHashTable *by_guest;    /* guest FILE * -> struct crossing */
static GHashTable *by_host;     /* host stream -> struct crossing, once there is one */

static HL_THREAD_LOCAL struct crossing *dirty;
/* This guest thread's buffer (BUFFER operation), shared by all its crossings. */
static HL_THREAD_LOCAL uint64_t bounce_at, bounce_size;

/* Runs runtime operation @op on @c's guest FILE; false (errno set) if it could not run. */
static bool guest_op(struct hostlink_callback_block *b, uint64_t op, const struct crossing *c,
                     uint64_t a1, uint64_t a2)
{
    *b = (struct hostlink_callback_block){ .sig = op, .args = { c->guest, a1, a2 } };
    if (!bridge_call_guest_block(b, c->guest)) {
        errno = EIO;
        return false;
    }
    if (b->args[3]) {
        errno = (int)b->args[3];
    }
    return true;
}

/*
 * @c is used by this thread's host call: settle it when the call returns,
 * and after every later host call of this thread (until it is closed): a
 * library may keep the stream (OpenSSL's BIO_new_fp) and write to it in
 * later calls that do not take the FILE *.
 */
static void mark_used(struct crossing *c)
{
    if (!c->dirty) {
        c->dirty = true;
        c->next_dirty = dirty;
        dirty = c;
    }
}

/*
 * Gives the host stream the guest's EOF and error flags. There is no call
 * that sets them: a read that answers EOF, or fails, without asking the
 * guest does. Only with nothing pushed back, which the read would return.
 */
static void set_flags(struct crossing *c, bool eof, bool error)
{
    if (!!feof(c->host) == eof && !!ferror(c->host) == error) {
        return;
    }
    clearerr(c->host);
    if (error) {                /* first: once at EOF, reads are not even tried */
        c->reads = READS_ERROR;
        fgetc(c->host);
    }
    if (eof) {
        c->reads = READS_EOF;
        fgetc(c->host);
    }
    c->reads = READS_LIVE;
}

static bool have_bounce(const struct crossing *c)
{
    struct hostlink_callback_block b;
    if (!bounce_at && guest_op(&b, HOSTLINK_CB_FILE_BUFFER, c, 0, 0) && b.ret && b.args[1]) {
        bounce_at = b.ret;
        bounce_size = b.args[1];
    }
    if (!bounce_at) {
        errno = ENOMEM;
    }
    return bounce_at != 0;
}

static ssize_t cookie_read(void *cookie, char *buf, size_t size)
{
    struct crossing *c = cookie;
    struct hostlink_callback_block b;

    mark_used(c);
    if (c->reads == READS_EOF) {
        return 0;
    }
    if (c->reads == READS_ERROR) {
        errno = EIO;
        return -1;
    }
    if (!have_bounce(c)) {
        return -1;
    }
    size_t want = size < bounce_size ? size : bounce_size;
    if (!guest_op(&b, HOSTLINK_CB_FILE_READ, c, bounce_at, want)) {
        return -1;
    }
    if (b.ret > size || (b.ret == 0 && b.args[3])) {
        return -1;
    }
    memcpy(buf, (const void *)(uintptr_t)bounce_at, b.ret);
    c->last_read = (unsigned char *)buf == c->buf ? b.ret : 0;
    return (ssize_t)b.ret;
}

/* Short of @size: an error (the stream's error flag), as fopencookie says. */
static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
    struct crossing *c = cookie;
    struct hostlink_callback_block b;
    size_t done = 0;

    mark_used(c);
    if (!have_bounce(c)) {
        return 0;
    }
    while (done < size) {
        size_t n = size - done < bounce_size ? size - done : bounce_size;
        memcpy((void *)(uintptr_t)bounce_at, buf + done, n);
        if (!guest_op(&b, HOSTLINK_CB_FILE_WRITE, c, bounce_at, n)) {
            break;
        }
        done += b.ret <= n ? b.ret : 0;
        if (b.ret != n) {
            break;
        }
    }
    return (ssize_t)done;
}

static int cookie_seek(void *cookie, off64_t *pos, int whence)
{
    struct crossing *c = cookie;
    struct hostlink_callback_block b;

    mark_used(c);
    if (!guest_op(&b, HOSTLINK_CB_FILE_SEEK, c, (uint64_t)*pos, (uint64_t)whence) ||
        (int64_t)b.ret < 0) {
        return -1;
    }
    *pos = (off64_t)b.ret;
    return 0;
}

/* The host library fclosed the stream: its API took the FILE over. */
static int cookie_close(void *cookie)
{
    struct crossing *c = cookie;
    struct hostlink_callback_block b;

    if (!c->guest) {            /* a stand-in that was never handed out */
        g_free(c);
        return 0;
    }
    bool ran = guest_op(&b, HOSTLINK_CB_FILE_CLOSE, c, 0, 0);
    g_mutex_lock(&lock);
    g_hash_table_remove(by_guest, (void *)(uintptr_t)c->guest);
    g_hash_table_remove(by_host, c->host);
    g_mutex_unlock(&lock);
    /* Not on the dirty list: settling reads only from streams not being closed. */
    for (struct crossing **p = &dirty; *p; p = &(*p)->next_dirty) {
        if (*p == c) {
            *p = c->next_dirty;
            break;
        }
    }
    g_free(c);
    return ran && b.ret == 0 ? 0 : -1;
}

/* A new stand-in for @guest, not yet handed out; NULL if none can be made. */
static struct crossing *new_crossing(uint64_t guest)
{
    static const cookie_io_functions_t io = { cookie_read, cookie_write, cookie_seek, cookie_close };
    struct crossing *c = g_new0(struct crossing, 1);

    if (!(c->host = fopencookie(c, "r+", io))) {
        g_free(c);
        return NULL;
    }
    if (setvbuf(c->host, (char *)c->buf, _IOFBF, sizeof(c->buf)) != 0) {
        fclose(c->host);        /* c->guest is 0: frees c, leaves the guest alone */
        return NULL;
    }
    c->guest = guest;
    return c;
}

static gboolean has_host(gpointer key, gpointer value, gpointer host)
{
    (void)key;
    return ((struct crossing *)value)->host == host;
}

uint64_t file_crossing_guest_of(FILE *host)
{
    g_mutex_lock(&lock);
    struct crossing *c = by_guest ? g_hash_table_find(by_guest, has_host, host) : NULL;
    uint64_t guest = c ? c->guest : 0;
    g_mutex_unlock(&lock);
    return guest;
}

FILE *hl_file_stream(uint64_t guest)
{
    static bool warned, warned_host;
    struct crossing *c, *made = NULL;

    if (!guest) {
        return NULL;
    }
    if (guest & HOSTLINK_HOST_FILE) {
        FILE *host = host_file_lookup(guest);
        if (!host) {
            hl_log_once(&warned_host, "a host FILE * the guest passes back is not open; the host library gets NULL");
        }
        return host;
    }
    g_mutex_lock(&lock);
    if (!by_guest) {
        by_guest = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    c = g_hash_table_lookup(by_guest, (void *)(uintptr_t)guest);
    g_mutex_unlock(&lock);
    bool reused = c != NULL;
    if (!c && !(made = new_crossing(guest))) {
        hl_log_once(&warned, "cannot make a host stream for a guest FILE *; the host library gets NULL");
        return NULL;
    }
    if (!c) {
        g_mutex_lock(&lock);
        if (!(c = g_hash_table_lookup(by_guest, (void *)(uintptr_t)guest))) {
            g_hash_table_insert(by_guest, (void *)(uintptr_t)guest, made);
            if (!by_host) {
                __atomic_store_n(&by_host, g_hash_table_new(g_direct_hash, g_direct_equal), __ATOMIC_RELEASE);
            }
            g_hash_table_insert(by_host, made->host, made);
            c = made;
            made = NULL;
        }
        g_mutex_unlock(&lock);
        if (made) {             /* another thread made one first */
            made->guest = 0;
            fclose(made->host);
        }
    }
    /*
     * A crossing made before is handed out again, maybe for another FILE
     * the guest opened at a freed one's address (pngtest reopens its files
     * for reading and writing): the host stream's notion of its position
     * and direction is stale. A seek to where the guest's FILE is (its
     * ftello, nothing moves) resets both; on a pipe it fails harmlessly.
     */
    if (reused) {
        fseeko(c->host, 0, SEEK_CUR);
    }
    /* The host library may test the stream's flags first (libbz2 does): the guest's. */
    struct hostlink_callback_block b;
    if (guest_op(&b, HOSTLINK_CB_FILE_FLAGS, c, 0, 0)) {
        set_flags(c, b.ret & 1, b.ret & 2);
    }
    mark_used(c);
    return c->host;
}

/*
 * Gives @n bytes the host stream held back to the guest's FILE: a step
 * back when they are the last bytes read from it (none pushed back in
 * between), else ungetc, last first.
 */
static void give_back(struct crossing *c, const unsigned char *back, size_t n)
{
    struct hostlink_callback_block b;

    if (!c->unseekable && n <= c->last_read && memcmp(back, c->buf + c->last_read - n, n) == 0) {
        if (guest_op(&b, HOSTLINK_CB_FILE_SEEK, c, (uint64_t)-(int64_t)n, SEEK_CUR) &&
            (int64_t)b.ret >= 0) {
            return;
        }
        c->unseekable = true;   /* a pipe: it stays one */
    }
    if (have_bounce(c)) {
        memcpy((void *)(uintptr_t)bounce_at, back, n);
        guest_op(&b, HOSTLINK_CB_FILE_UNREAD, c, bounce_at, n);
    }
}

uint64_t hl_file_guest_of(const void *p)
{
    struct crossing *c = NULL;

    if (!p || !__atomic_load_n(&by_host, __ATOMIC_ACQUIRE)) {
        return (uintptr_t)p;    /* no stream made yet: the common case, no lock */
    }
    g_mutex_lock(&lock);
    c = g_hash_table_lookup(by_host, p);
    g_mutex_unlock(&lock);
    return c ? c->guest : (uintptr_t)p;
}

/*
 * Whether @c's host stream holds anything: output not yet written, input
 * read ahead, or bytes pushed back (glibc keeps those in a backup area).
 * A host call may fill the buffer without a cookie call (a library's
 * small fwrite), so every stream this thread used is looked at.
 */
static bool holds_something(const struct crossing *c)
{
    return __fpending(c->host) || c->host->_IO_read_ptr < c->host->_IO_read_end ||
        c->host->_IO_save_base != NULL;
}

void file_crossing_settle(void)
{
    for (struct crossing *c = dirty; c; c = c->next_dirty) {
        unsigned char back[2 * HOST_BUFFER];
        size_t n = 0, got;

        if (!holds_something(c)) {
            c->last_read = 0;
            continue;
        }
        if (__fpending(c->host)) {
            fflush(c->host);
        }
        bool eof = feof(c->host), error = ferror(c->host);
        if (!eof) {
            /* What it holds comes first, then a read answering EOF. */
            c->reads = READS_EOF;
            while (n < sizeof(back) && (got = fread(back + n, 1, sizeof(back) - n, c->host)) > 0) {
                n += got;
            }
            c->reads = READS_LIVE;
        }
        if (n) {
            give_back(c, back, n);
        }
        c->last_read = 0;
        set_flags(c, eof, error);
    }
    host_file_settle();
}
