// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's side of FILE * crossing: a host library given a guest FILE *
 * reads, writes, seeks and closes it through these, run by the guest's
 * own stdio, so the stream stays one stream (its buffer, position and
 * flags are the guest's). Data moves through a per-thread bounce buffer in
 * guest memory, which the plugin fills and empties: the guest's stdio may
 * hand buffers straight to read(2) and write(2), and those need guest
 * memory.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>
#include "hostlink/thunk.h"

#define BOUNCE_SIZE (64 * 1024)

static pthread_key_t bounce_key;
static pthread_once_t bounce_once = PTHREAD_ONCE_INIT;
static int bounce_key_ok;

static void make_bounce_key(void)
{
    /* free itself as the destructor: it outlives this thunk if it is unloaded. */
    bounce_key_ok = pthread_key_create(&bounce_key, free) == 0;
}

/* This thread's bounce buffer, or NULL. */
static unsigned char *bounce(void)
{
    pthread_once(&bounce_once, make_bounce_key);
    if (!bounce_key_ok) {
        return NULL;
    }
    unsigned char *b = pthread_getspecific(bounce_key);
    if (!b && (b = malloc(BOUNCE_SIZE)) && pthread_setspecific(bounce_key, b) != 0) {
        free(b);
        b = NULL;
    }
    return b;
}

void hl_runtime_callback(struct hostlink_callback_block *b)
{
    FILE *f = (FILE *)(uintptr_t)b->args[0];
    unsigned char *buf = (unsigned char *)(uintptr_t)b->args[1];
    size_t n = b->args[2] > BOUNCE_SIZE ? BOUNCE_SIZE : (size_t)b->args[2], done = 0;

    errno = 0;
    b->args[3] = 0;
    switch (b->sig) {
    case HOSTLINK_CB_FILE_BUFFER:
        b->ret = (uintptr_t)bounce();
        b->args[1] = b->ret ? BOUNCE_SIZE : 0;
        return;
    case HOSTLINK_CB_FILE_READ:
        done = fread(buf, 1, n, f);
        b->ret = done;
        if (done < n && ferror(f)) {
            b->args[3] = errno ? (uint64_t)errno : EIO;
        }
        return;
    case HOSTLINK_CB_FILE_WRITE:
        done = fwrite(buf, 1, n, f);
        /* The host's own fflush cannot reach this FILE: every write is flushed. */
        if (done == n && fflush(f) != 0) {
            done = 0;
        }
        b->ret = done;
        if (done < n) {
            b->args[3] = errno ? (uint64_t)errno : EIO;
        }
        return;
    case HOSTLINK_CB_FILE_SEEK: {
        off_t off = (off_t)b->args[1];
        int whence = (int)b->args[2];
        /* ftello alone for "where am I": it works on pipes and keeps the buffer. */
        off_t pos = off == 0 && whence == SEEK_CUR ? ftello(f)
                  : fseeko(f, off, whence) == 0 ? ftello(f) : -1;
        b->ret = (uint64_t)(int64_t)pos;
        if (pos < 0) {
            b->args[3] = errno ? (uint64_t)errno : EINVAL;
        }
        return;
    }
    case HOSTLINK_CB_FILE_UNREAD:
        while (done < n && ungetc(buf[n - 1 - done], f) != EOF) {
            done++;
        }
        b->ret = done;
        return;
    case HOSTLINK_CB_FILE_CLOSE:
        b->ret = (uint64_t)(int64_t)fclose(f);
        if (b->ret) {
            b->args[3] = errno ? (uint64_t)errno : EIO;
        }
        return;
    case HOSTLINK_CB_FILE_FLAGS:
        b->ret = (feof(f) ? 1u : 0u) | (ferror(f) ? 2u : 0u);
        return;
    case HOSTLINK_CB_UNPROTECT:
        /* Not a FILE operation, but the runtime's other one: EBADF means the write check passed. */
        b->ret = syscall(SYS_read, -1, (void *)(uintptr_t)b->args[0], 1) < 0 && errno == EBADF ? 0
               : errno ? (uint64_t)errno : EFAULT;
        return;
    default:
        b->ret = (uint64_t)-1;
        b->args[3] = ENOSYS;
    }
}
