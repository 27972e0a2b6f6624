/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The magic-syscall protocol between guest thunks and the hostlink plugin.
 * Shared by guest code (any guest compiler) and the plugin: plain C, no
 * types whose layout differs between architectures.
 *
 * A guest issues syscall(HOSTLINK_SYSCALL, op, a1, ..., a5). Without the
 * plugin, QEMU (or a real kernel) answers -ENOSYS, which the guest runtime
 * takes to mean "no hostlink here".
 */
#ifndef HOSTLINK_PROTOCOL_H
#define HOSTLINK_PROTOCOL_H

/* Reserved syscall number: far above every real syscall on our guests. */
#define HOSTLINK_SYSCALL 4096

/*
 * This protocol's version, part of every description hash (gen/model.c):
 * a thunk built for another one is refused at HOSTLINK_OP_OPEN (-EPROTO)
 * and the guest uses its own library. 2: callbacks come back as
 * HOSTLINK_CALLBACK.
 */
#define HOSTLINK_PROTOCOL 2

/* Operations, the first syscall argument (#defines: assembly includes this). */

/* 1 was START of the first demo, before thunks were generated. */

/*
 * Guest callbacks. The ops that run a host function which may call guest
 * function pointers (CALL, CALL_HOST, SERVE) take the address of a struct
 * hostlink_callback_block of the calling guest thread as their fifth
 * argument (a5; 0: the call takes no callbacks). When the host function
 * calls back, the op returns HOSTLINK_CALLBACK with the callback written
 * to that block; the guest runs it (the thunk's callback entry with the
 * block's address), leaves its result in the block and issues RESUME with
 * the same block, which again returns HOSTLINK_CALLBACK for the next
 * callback or the op's own result once the host function is done. No
 * guest register but the syscall's result is touched, and the callbacks
 * run on the guest's stack below the caller, as ordinary calls.
 */
#define HOSTLINK_CALLBACK 0x686c63 /* "hlc": no op that calls back returns it otherwise */

/*
 * (a5: the callback block) a guest callback of the host call waiting on
 * this block returned: -> as the op that started the call. -EINVAL when no
 * host call of this thread waits on that block.
 */
#define HOSTLINK_OP_RESUME 2

/* () -> 0 when hostlink is active for this process (for `hostlink doctor`). */
#define HOSTLINK_OP_STATUS 3

/*
 * (name, description_hash, flags, thunk_info) -> handle >= 0 for
 * HOSTLINK_OP_CALL, where thunk_info is a struct hostlink_thunk_info, or -ENOENT (not passed through here,
 * or the host library cannot be loaded), -EPROTO (the thunk and the
 * plugin were generated from different descriptions or protocol versions:
 * the hash covers HOSTLINK_PROTOCOL). After a failure the
 * plugin stops handing this thunk to the guest's loader, so the genuine
 * library can be loaded.
 */
#define HOSTLINK_OP_OPEN 4
/*
 * flags: the thunk is about to dlopen the genuine library, for calls the
 * call policy leaves to it, while the library stays passed through: the
 * plugin leaves this thread's next open of the soname alone. -> 0.
 */
#define HOSTLINK_OPEN_GENUINE 2

/*
 * (handle, function_id, call_block, 0, callback block) -> 0 with the call block's ret and err
 * filled in, or -errno when the call could not be made (-EFAULT: the host
 * function faulted on a bad guest pointer). -ECANCELED, only for functions
 * the description calls stateless: the plugin gave the call up at one of
 * its guest callbacks (it is callback-bound); the thunk runs the genuine
 * guest function instead, from the start. HOSTLINK_CALL_UNWOUND, only for
 * libraries with a longjmp key (plugin/unwind.h): the host library
 * longjmp'd; the thunk calls args[0] (the guest's longjmp) with args[1]
 * (the jmp_buf) and args[2] (the value).
 */
#define HOSTLINK_OP_CALL 5
#define HOSTLINK_CALL_UNWOUND 1

/*
 * (handle, signature, host_function, call_block, callback block) -> as HOSTLINK_OP_CALL:
 * a guest stub standing in for a host function pointer the guest was given
 * (zlib's own zcalloc in z_stream.zalloc) calls it. Only host functions a
 * host library handed to the guest can be called this way.
 */
#define HOSTLINK_OP_CALL_HOST 6

/*
 * (handle, flags, key, 0, callback block) -> what the calling guest "service" thread does
 * next. A thunk whose library calls guest callbacks from threads of its
 * own (description key host-threads) starts service threads that sit in
 * this call: the plugin runs the callbacks host threads ask for on them,
 * from inside the call, as it runs the callbacks of a host call.
 *   flags HOSTLINK_SERVE_EXPECT: the first service thread is about to be
 *     started; returns the key (>= 0) it must show.
 *   flags HOSTLINK_SERVE_NEW, key: a new service thread's first call.
 *   flags 0: a service thread's later calls.
 *   flags HOSTLINK_SERVE_SPAWN_FAILED, key: the thread asked for could not
 *     be started; returns 0 at once.
 *   flags HOSTLINK_SERVE_PAUSE, key: from a program thread about to fork
 *     (the thunk's atfork handler): every service thread is told to end
 *     (HOSTLINK_SERVE_STOP) once its callback is done; returns 0 when all
 *     have ended, so the fork child inherits none of their vCPUs (QEMU's
 *     plugin core asserts when a child's new thread reuses the index of
 *     one that was alive at the fork), -ETIMEDOUT after 2 s without.
 *     Host threads' callbacks wait meanwhile.
 *   flags HOSTLINK_SERVE_RESUME, key: after the fork, in the parent; the
 *     thunk then starts a first service thread again (EXPECT).
 * A serving call returns
 *   HOSTLINK_SERVE_STOP   the service is over: end the thread
 *   HOSTLINK_SERVE_SPAWN  start one more service thread, then call again
 *   -EFAULT               a callback could not be entered: call again
 *   -EINVAL               (not a service thread, wrong key) end the thread
 */
#define HOSTLINK_OP_SERVE 7
#define HOSTLINK_SERVE_NEW 1
#define HOSTLINK_SERVE_EXPECT 2
#define HOSTLINK_SERVE_SPAWN_FAILED 4
#define HOSTLINK_SERVE_PAUSE 8
#define HOSTLINK_SERVE_RESUME 16
#define HOSTLINK_SERVE_STOP 0
#define HOSTLINK_SERVE_SPAWN 1

/*
 * (what, stream, a, b) -> a host stdio call on a host FILE * that a host
 * library returned to the guest (plugin/host_file.c; the guest's stream
 * over it is guest/runtime/host_file.c). @stream is the value the guest
 * got for it without HOSTLINK_HOST_FILE; -EBADF if the plugin did not
 * hand it out or it was closed since, -EFAULT for a bad buffer.
 *   READ (buf, n)         fread into guest buffer @buf -> bytes read, or -errno if none and an error
 *   WRITE (buf, n)        fwrite, then fflush -> n, or -errno
 *   SEEK (offset, whence) fseeko (none for 0, SEEK_CUR), then ftello -> the position, or -errno
 *   CLOSE ()              fclose -> 0 or -errno; the stream is gone either way
 */
#define HOSTLINK_OP_FILE 8
#define HOSTLINK_FILE_READ 1
#define HOSTLINK_FILE_WRITE 2
#define HOSTLINK_FILE_SEEK 3
#define HOSTLINK_FILE_CLOSE 4

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * A FILE * slot holding this bit is a host stream a host library returned
 * (its address in the other bits), not a guest FILE *: no user address of
 * our guests or of the host has bit 63 set.
 */
#define HOSTLINK_HOST_FILE (UINT64_C(1) << 63)

/* A function's arguments (OpenSSL's OSSL_HTTP_transfer takes 20); callbacks take up to 16. */
#define HOSTLINK_MAX_ARGS 24

/*
 * Arguments and result of a passed-through call, in guest memory. Integer
 * arguments are sign- or zero-extended to 64 bits; float and double travel
 * as their bit patterns (a float in the low 32 bits).
 */
struct hostlink_call_block {
    uint64_t args[HOSTLINK_MAX_ARGS];
    uint64_t ret;
    int64_t err;                /* errno the host function left, 0 if none */
};

/*
 * What a thunk tells the plugin when it opens its library: its guest stubs for host function pointers
 * (stubs_per_sig for each callback signature; the plugin writes the host
 * function of stub i of signature k to host_fns[k * per_sig + i]), and the
 * call policy's per-function counters (guest_turns[id]: how many calls of
 * a stateless function the thunk sends to the genuine guest library, one
 * less each call, before it tries the host again; written by the plugin).
 */
struct hostlink_thunk_info {
    uint64_t n_sigs;
    uint64_t stubs_per_sig;
    uint64_t host_fns;          /* guest uint64_t[n_sigs * stubs_per_sig], written by the plugin */
    uint64_t stub_addrs;        /* guest uint64_t[n_sigs * stubs_per_sig]: the stubs' addresses */
    uint64_t n_fns;
    uint64_t guest_turns;       /* guest uint32_t[n_fns], written by the plugin */
};

/*
 * A guest callback the host library makes: the plugin writes it to the
 * calling thread's block (HOSTLINK_CALLBACK) for the thunk's callback entry.
 * A sig at or above HOSTLINK_CB_RUNTIME is no callback signature but an
 * operation of the thunk runtime itself (guest/runtime/file.c).
 */
struct hostlink_callback_block {
    uint64_t fn;                /* the guest function */
    uint64_t sig;               /* its signature, numbered per thunk library */
    uint64_t args[HOSTLINK_MAX_ARGS];
    uint64_t ret;
    uint64_t mark;              /* the plugin's; a guest that reused the stack overwrote it */
};

/*
 * Runtime operations on a guest FILE * that crossed to a host library
 * (plugin/file_crossing.c asks, the guest's own stdio does them). args[0]
 * is the guest FILE *, BUF a guest buffer the BUFFER operation handed out;
 * on failure the guest writes its errno to args[3].
 *   BUFFER ()             -> ret: a buffer of this guest thread, args[1]: its size
 *   READ (f, BUF, n)      -> ret: bytes fread into BUF
 *   WRITE (f, BUF, n)     fwrite of BUF's first n bytes, then fflush -> ret: bytes written
 *   SEEK (f, off, whence) -> ret: the new position (ftello), or -1
 *   UNREAD (f, BUF, n)    ungetc of BUF's first n bytes, last first -> ret: bytes taken back
 *   CLOSE (f)             -> ret: fclose's result
 *   FLAGS (f)             -> ret: 1 if feof, | 2 if ferror
 */
#define HOSTLINK_CB_RUNTIME 0x10000u
#define HOSTLINK_CB_FILE_BUFFER (HOSTLINK_CB_RUNTIME + 1)
#define HOSTLINK_CB_FILE_READ (HOSTLINK_CB_RUNTIME + 2)
#define HOSTLINK_CB_FILE_WRITE (HOSTLINK_CB_RUNTIME + 3)
#define HOSTLINK_CB_FILE_SEEK (HOSTLINK_CB_RUNTIME + 4)
#define HOSTLINK_CB_FILE_UNREAD (HOSTLINK_CB_RUNTIME + 5)
#define HOSTLINK_CB_FILE_CLOSE (HOSTLINK_CB_RUNTIME + 6)
#define HOSTLINK_CB_FILE_FLAGS (HOSTLINK_CB_RUNTIME + 7)
/*
 * (addr) -> ret: 0 if the guest may write to the byte at addr, else an
 * errno. The guest asks QEMU (a read(-1, addr, 1) QEMU checks before it
 * looks at the descriptor), which lifts the write protection it put on a
 * page it translated code from (plugin/fault.c).
 */
#define HOSTLINK_CB_UNPROTECT (HOSTLINK_CB_RUNTIME + 8)
#endif

#endif
