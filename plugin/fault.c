// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include "bridge.h"
#include "fault.h"

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

static void on_fault(int sig, siginfo_t *info, void *uc)
{
    /* si_code > 0: raised by the hardware, not sent by kill(). */
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
