/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Eight threads compress and decompress different data at the same time,
 * half of them through a counting allocator of their own. Under
 * pass-through each guest thread has its own host calls in flight, and
 * the allocator calls come back to the right thread.
 */
#include "zt.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define ROUNDS 4

struct job {
    int id;
    pthread_t self;           /* thread that must see the allocator calls */
    atomic_int foreign;       /* allocator calls seen on another thread */
    unsigned long allocs, frees;
    unsigned long clen, crc;  /* of the last round's compressed bytes */
    int ok;
};

static pthread_barrier_t start;

static voidpf job_alloc(voidpf opaque, uInt items, uInt size)
{
    struct job *j = opaque;
    if (!pthread_equal(j->self, pthread_self()))
        atomic_fetch_add(&j->foreign, 1);
    j->allocs++;
    return calloc(items, size);
}

static void job_free(voidpf opaque, voidpf p)
{
    struct job *j = opaque;
    if (!pthread_equal(j->self, pthread_self()))
        atomic_fetch_add(&j->foreign, 1);
    j->frees++;
    free(p);
}

static int round_trip(struct job *j, const unsigned char *src, size_t len, int level)
{
    size_t cap = compressBound(len);
    unsigned char *z = zt_alloc(cap), *out = zt_alloc(len + 1);
    z_stream d = {0}, i = {0};
    int ok = 1;

    if (j->id % 2) {
        d.zalloc = i.zalloc = job_alloc;
        d.zfree = i.zfree = job_free;
        d.opaque = i.opaque = j;
    }
    ok &= deflateInit2(&d, level, Z_DEFLATED, 15 + 16 * (j->id % 4 == 3), 8,
                       Z_DEFAULT_STRATEGY) == Z_OK;
    d.next_in = (unsigned char *)src;
    d.avail_in = (uInt)len;
    d.next_out = z;
    d.avail_out = (uInt)cap;
    ok &= deflate(&d, Z_FINISH) == Z_STREAM_END;
    j->clen = d.total_out;
    j->crc = zt_crc(z, d.total_out);
    ok &= deflateEnd(&d) == Z_OK;

    ok &= inflateInit2(&i, 47) == Z_OK;
    i.next_in = z;
    i.avail_in = (uInt)j->clen;
    i.next_out = out;
    i.avail_out = (uInt)len + 1;
    ok &= inflate(&i, Z_FINISH) == Z_STREAM_END;
    ok &= i.total_out == len && !memcmp(out, src, len);
    ok &= inflateEnd(&i) == Z_OK;
    free(z);
    free(out);
    return ok;
}

static void *worker(void *arg)
{
    struct job *j = arg;
    size_t len = 300000 + (size_t)j->id * 4099;
    unsigned char *src = zt_data(len, j->id % 3 == 2 ? ZT_RUNS : ZT_TEXT, 1000 + (uint32_t)j->id);

    j->self = pthread_self();
    j->ok = 1;
    pthread_barrier_wait(&start);
    for (int r = 0; r < ROUNDS; r++)
        j->ok &= round_trip(j, src, len, 1 + (j->id + r) % 9);
    free(src);
    return NULL;
}

int main(void)
{
    static struct job jobs[THREADS];
    pthread_t t[THREADS];

    pthread_barrier_init(&start, NULL, THREADS);
    for (int k = 0; k < THREADS; k++) {
        jobs[k].id = k;
        if (pthread_create(&t[k], NULL, worker, &jobs[k])) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    for (int k = 0; k < THREADS; k++)
        pthread_join(t[k], NULL);
    for (int k = 0; k < THREADS; k++) {
        struct job *j = &jobs[k];
        printf("thread %d: %s clen=%lu crc32=%08lx zalloc=%lu zfree=%lu foreign=%d\n", k,
               j->ok ? "ok" : "FAILED", j->clen, j->crc, j->allocs, j->frees,
               atomic_load(&j->foreign));
        ZT_CHECK(j->ok && j->allocs == j->frees && atomic_load(&j->foreign) == 0);
    }
    return zt_finish("threads");
}
