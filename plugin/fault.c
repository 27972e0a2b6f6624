// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include "bridge.h"
#include "fault.h"
#include "tls.h"
#include "hostlink/protocol.h"

static struct sigaction qemu_segv, qemu_bus;

static void pass_on(int sig, siginfo_t *info, void *uc)
{
    struct sigaction *prev = sig == SIGSEGV ? &qemu_segv : &qemu_bus;

    if (prev->sa_flags & SA_SIGINFO) {
        prev->sa_sigaction(sig, info, uc);
    } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
        prev->sa_handler(sig);
    } else {
        signal(sig, SIG_DFL);   /* returning re-executes the access: default action */
    }
}

/*
 * A host call's write into a page QEMU write-protected because it
 * translated guest code from it (the guest sees it writable): the guest
 * asks QEMU to lift the protection, which it does only for such pages,
 * and the write is retried. True if it was lifted. The same address
 * faulting again at once is given up (a page truly read-only to the
 * guest, or one QEMU keeps protecting).
 */
static bool lifted_by_guest(const siginfo_t *info, ucontext_t *uc)
{
    static HL_THREAD_LOCAL uint64_t last_addr;
    static HL_THREAD_LOCAL unsigned tries;
    uint64_t addr = (uintptr_t)info->si_addr;

#if defined(__x86_64__)
    bool write = uc->uc_mcontext.gregs[REG_ERR] & 2;    /* the page-fault error code's W bit */
#else
    bool write = false;
#endif
    if (info->si_signo != SIGSEGV || info->si_code != SEGV_ACCERR || !write) {
        return false;
    }
    tries = addr == last_addr ? tries + 1 : 1;
    last_addr = addr;
    if (tries > 2) {
        return false;
    }
    struct hostlink_callback_block b = { .sig = HOSTLINK_CB_UNPROTECT, .args = { addr } };
    /* The guest runs with this thread's usual mask: QEMU needs SIGSEGV for guest code. */
    pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    return bridge_call_guest_block(&b, addr) && b.ret == 0;
}

static void on_fault(int sig, siginfo_t *info, void *uc)
{
    /* si_code > 0: raised by the hardware, not sent by kill(). */
    if (info->si_code > 0 && bridge_in_host_call() && lifted_by_guest(info, uc)) {
        return;                 /* retries the write; sigreturn restores the mask */
    }
    if (info->si_code > 0 && bridge_in_host_call()) {
        /* Leaving the handler by a jump: restore the mask it was entered with. */
        pthread_sigmask(SIG_SETMASK, &((ucontext_t *)uc)->uc_sigmask, NULL);
        bridge_host_call_faulted();     /* does not return */
    }
    pass_on(sig, info, uc);
}

static void install(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sigaction(SIGSEGV, NULL, &qemu_segv);
    sigaction(SIGBUS, NULL, &qemu_bus);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = (qemu_segv.sa_flags | SA_SIGINFO) & ~SA_RESETHAND;
    sa.sa_mask = qemu_segv.sa_mask;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

void fault_catch_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
}
