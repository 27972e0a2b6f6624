// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's side of a FILE * a host library returns: a guest stream made
 * with fopencookie, unbuffered, whose reads, writes, seeks and close are
 * host stdio calls on the host FILE (HOSTLINK_OP_FILE, plugin/host_file.c).
 * Unbuffered, so the host FILE holds the stream's only buffer and position
 * and what the library does with it between the guest's calls is seen by
 * the guest, and the other way round. One guest stream per host FILE: the
 * same host FILE returned again is the same guest FILE *, and the guest
 * stream passed to the library is the host FILE itself.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>
#include "hostlink/thunk.h"

struct host_stream {
    uint64_t host;              /* the slot value: host FILE * | HOSTLINK_HOST_FILE */
    FILE *guest;
    int listed;                 /* in streams (guarded by lock) */
    struct host_stream *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct host_stream *streams;
static int n_streams;           /* read without the lock: none, no search */

static long file_op(const struct host_stream *s, long what, long a, long b)
{
    return hostlink_call(HOSTLINK_OP_FILE, what, (long)s->host, a, b, 0);
}

static ssize_t stream_read(void *cookie, char *buf, size_t size)
{
    struct host_stream *s = cookie;
    long r = file_op(s, HOSTLINK_FILE_READ, (long)buf, (long)size);
    if (r == -EFAULT && syscall(SYS_read, -1, buf, size) < 0 && errno == EBADF) {
        /* QEMU had write-protected buffer pages it translated code from, and lifted that now. */
        r = file_op(s, HOSTLINK_FILE_READ, (long)buf, (long)size);
    }
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

static ssize_t stream_write(void *cookie, const char *buf, size_t size)
{
    struct host_stream *s = cookie;
    long r = file_op(s, HOSTLINK_FILE_WRITE, (long)buf, (long)size);
    if (r < 0) {
        errno = (int)-r;
        return 0;               /* fopencookie: short of size is the error */
    }
    return r;
}

static int stream_seek(void *cookie, off64_t *pos, int whence)
{
    struct host_stream *s = cookie;
    long r = file_op(s, HOSTLINK_FILE_SEEK, (long)*pos, whence);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    *pos = r;
    return 0;
}

static int stream_close(void *cookie)
{
    struct host_stream *s = cookie;
    long r = file_op(s, HOSTLINK_FILE_CLOSE, 0, 0);

    if (s->listed) {
        pthread_mutex_lock(&lock);
        for (struct host_stream **p = &streams; *p; p = &(*p)->next) {
            if (*p == s) {
                *p = s->next;
                __atomic_sub_fetch(&n_streams, 1, __ATOMIC_RELEASE);
                break;
            }
        }
        pthread_mutex_unlock(&lock);
    }
    free(s);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return 0;
}

uint64_t hl_from_file(FILE *f)
{
    uint64_t v = hl_from_ptr(f);

    if (!f || __atomic_load_n(&n_streams, __ATOMIC_ACQUIRE) == 0) {
        return v;
    }
    pthread_mutex_lock(&lock);
    for (struct host_stream *s = streams; s; s = s->next) {
        if (s->guest == f) {
            v = s->host;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return v;
}

FILE *hl_to_file(uint64_t v)
{
    static const cookie_io_functions_t io = { stream_read, stream_write, stream_seek, stream_close };
    struct host_stream *s;
    FILE *f = NULL;

    if (!(v & HOSTLINK_HOST_FILE)) {
        return (FILE *)hl_ptr(v);
    }
    pthread_mutex_lock(&lock);
    for (s = streams; s && s->host != v; s = s->next) {
    }
    if (s) {
        f = s->guest;
    } else if ((s = calloc(1, sizeof(*s)))) {
        s->host = v;
        /* "r+": the host FILE's own mode decides what works, as it would natively. */
        if ((s->guest = fopencookie(s, "r+", io)) && setvbuf(s->guest, NULL, _IONBF, 0) == 0) {
            s->next = streams;
            s->listed = 1;
            streams = s;
            __atomic_add_fetch(&n_streams, 1, __ATOMIC_RELEASE);
            f = s->guest;
        } else {
            /* Nobody could use the host FILE: closed. */
            if (s->guest) {
                fclose(s->guest);   /* stream_close: not listed, so no lock needed */
            } else {
                file_op(s, HOSTLINK_FILE_CLOSE, 0, 0);
                free(s);
            }
            errno = ENOMEM;
        }
    } else {
        struct host_stream unlisted = { .host = v };
        file_op(&unlisted, HOSTLINK_FILE_CLOSE, 0, 0);
        errno = ENOMEM;
    }
    pthread_mutex_unlock(&lock);
    return f;
}
