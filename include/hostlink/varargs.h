/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Variable arguments of a passed-through variadic function (printf-style:
 * `printf` in a library description). The guest thunk walks the format
 * with the guest's own va_arg, so every argument is read with its real
 * type, and writes them here; the call block's slot after the fixed
 * arguments holds this block's address. The host stub then makes an
 * ordinary variadic call with them (HL_VA_ARGS below).
 *
 * Shared by guest thunks and host stubs: plain C, the same layout on every
 * architecture.
 */
#ifndef HOSTLINK_VARARGS_H
#define HOSTLINK_VARARGS_H

#include <stdint.h>

/* Arguments a format may consume (a `*` width or precision counts). */
#define HOSTLINK_VA_MAX 32

/* n of a format the guest refused (%n, %m, positional, long double, too many). */
#define HOSTLINK_VA_REFUSED UINT64_MAX

struct hostlink_va {
    uint64_t n;                 /* arguments in v, or HOSTLINK_VA_REFUSED */
    uint64_t doubles;           /* bit i: v[i] is a double's bit pattern, else an integer
                                   or pointer sign- or zero-extended to 64 bits */
    uint64_t v[HOSTLINK_VA_MAX];
};

/*
 * The calling convention of variadic arguments, per architecture (the
 * host's and every guest's, the one place these facts live): how many
 * integer and floating-point registers carry them before the stack. Each
 * stack slot is 8 bytes, integers and doubles alike, in argument order.
 * riscv64 (LP64D) passes variadic doubles in integer registers.
 */
#if defined(__x86_64__)
#define HL_VA_GP_REGS 6
#define HL_VA_FP_REGS 8
#elif defined(__aarch64__)
#define HL_VA_GP_REGS 8
#define HL_VA_FP_REGS 8
#elif defined(__riscv) && __riscv_xlen == 64
#define HL_VA_GP_REGS 8
#define HL_VA_FP_REGS 0
#else
#error "variadic calling convention of this architecture not described"
#endif

/* The arguments sorted the way that convention takes them. */
struct hl_va_regs {
    uint64_t gp[8];
    double fp[8];
    uint64_t stack[HOSTLINK_VA_MAX];
};

/*
 * Sorts @va's arguments for a call whose fixed arguments already take
 * @gp_used integer and @fp_used floating-point registers: the first
 * integers into the free integer registers, the first doubles into the
 * free floating-point ones, the rest onto the stack in their order. A
 * callee's va_arg reads them back in the order of @va. 0 if n is more
 * than HOSTLINK_VA_MAX (HOSTLINK_VA_REFUSED included), else 1.
 */
static inline int hl_va_sort(const struct hostlink_va *va, unsigned gp_used, unsigned fp_used,
                             struct hl_va_regs *out)
{
    int gp = (int)gp_used, fp = (int)fp_used, sp = 0;

    if (va->n > HOSTLINK_VA_MAX) {
        return 0;
    }
    __builtin_memset(out, 0, sizeof(*out));
    for (unsigned i = 0; i < va->n; i++) {
        int in_fp = HL_VA_FP_REGS > 0 && ((va->doubles >> i) & 1);
        if (in_fp && fp < HL_VA_FP_REGS) {
            __builtin_memcpy(&out->fp[fp++ - (int)fp_used], &va->v[i], sizeof(double));
        } else if (!in_fp && gp < HL_VA_GP_REGS) {
            out->gp[gp++ - (int)gp_used] = va->v[i];
        } else {
            out->stack[sp++] = va->v[i];
        }
    }
    return 1;
}

/*
 * HL_VA_ARGS(r, G, F): the argument list of a variadic call whose fixed
 * arguments take G integer and F floating-point registers (literal
 * numbers 0..8): one argument per free integer register, one double per
 * free floating-point register, then HOSTLINK_VA_MAX stack slots. With
 * every register filled, the stack slots land where the callee's va_arg
 * looks for the rest; unused registers and slots are never read.
 */
#define HL_VA_CAT_(a, b) a##b
#define HL_VA_CAT(a, b) HL_VA_CAT_(a, b)
#define HL_VA_ARGS(r, G, F) HL_VA_CAT(HL_VA_GP_AFTER_, G)(r) HL_VA_CAT(HL_VA_FP_AFTER_, F)(r) HL_VA_STACK(r)
#define HL_VA_STACK(r) (r).stack[0], (r).stack[1], (r).stack[2], (r).stack[3], (r).stack[4], (r).stack[5], (r).stack[6], (r).stack[7], (r).stack[8], (r).stack[9], (r).stack[10], (r).stack[11], (r).stack[12], (r).stack[13], (r).stack[14], (r).stack[15], (r).stack[16], (r).stack[17], (r).stack[18], (r).stack[19], (r).stack[20], (r).stack[21], (r).stack[22], (r).stack[23], (r).stack[24], (r).stack[25], (r).stack[26], (r).stack[27], (r).stack[28], (r).stack[29], (r).stack[30], (r).stack[31]
#define HL_VA_GP0(r) 
#define HL_VA_GP1(r) (r).gp[0],
#define HL_VA_GP2(r) (r).gp[0], (r).gp[1],
#define HL_VA_GP3(r) (r).gp[0], (r).gp[1], (r).gp[2],
#define HL_VA_GP4(r) (r).gp[0], (r).gp[1], (r).gp[2], (r).gp[3],
#define HL_VA_GP5(r) (r).gp[0], (r).gp[1], (r).gp[2], (r).gp[3], (r).gp[4],
#define HL_VA_GP6(r) (r).gp[0], (r).gp[1], (r).gp[2], (r).gp[3], (r).gp[4], (r).gp[5],
#define HL_VA_GP7(r) (r).gp[0], (r).gp[1], (r).gp[2], (r).gp[3], (r).gp[4], (r).gp[5], (r).gp[6],
#define HL_VA_GP8(r) (r).gp[0], (r).gp[1], (r).gp[2], (r).gp[3], (r).gp[4], (r).gp[5], (r).gp[6], (r).gp[7],
#define HL_VA_FP0(r) 
#define HL_VA_FP1(r) (r).fp[0],
#define HL_VA_FP2(r) (r).fp[0], (r).fp[1],
#define HL_VA_FP3(r) (r).fp[0], (r).fp[1], (r).fp[2],
#define HL_VA_FP4(r) (r).fp[0], (r).fp[1], (r).fp[2], (r).fp[3],
#define HL_VA_FP5(r) (r).fp[0], (r).fp[1], (r).fp[2], (r).fp[3], (r).fp[4],
#define HL_VA_FP6(r) (r).fp[0], (r).fp[1], (r).fp[2], (r).fp[3], (r).fp[4], (r).fp[5],
#define HL_VA_FP7(r) (r).fp[0], (r).fp[1], (r).fp[2], (r).fp[3], (r).fp[4], (r).fp[5], (r).fp[6],
#define HL_VA_FP8(r) (r).fp[0], (r).fp[1], (r).fp[2], (r).fp[3], (r).fp[4], (r).fp[5], (r).fp[6], (r).fp[7],
#if HL_VA_GP_REGS == 6
#define HL_VA_GP_AFTER_0 HL_VA_GP6
#define HL_VA_GP_AFTER_1 HL_VA_GP5
#define HL_VA_GP_AFTER_2 HL_VA_GP4
#define HL_VA_GP_AFTER_3 HL_VA_GP3
#define HL_VA_GP_AFTER_4 HL_VA_GP2
#define HL_VA_GP_AFTER_5 HL_VA_GP1
#define HL_VA_GP_AFTER_6 HL_VA_GP0
#define HL_VA_GP_AFTER_7 HL_VA_GP0
#define HL_VA_GP_AFTER_8 HL_VA_GP0
#else
#define HL_VA_GP_AFTER_0 HL_VA_GP8
#define HL_VA_GP_AFTER_1 HL_VA_GP7
#define HL_VA_GP_AFTER_2 HL_VA_GP6
#define HL_VA_GP_AFTER_3 HL_VA_GP5
#define HL_VA_GP_AFTER_4 HL_VA_GP4
#define HL_VA_GP_AFTER_5 HL_VA_GP3
#define HL_VA_GP_AFTER_6 HL_VA_GP2
#define HL_VA_GP_AFTER_7 HL_VA_GP1
#define HL_VA_GP_AFTER_8 HL_VA_GP0
#endif
#if HL_VA_FP_REGS == 8
#define HL_VA_FP_AFTER_0 HL_VA_FP8
#define HL_VA_FP_AFTER_1 HL_VA_FP7
#define HL_VA_FP_AFTER_2 HL_VA_FP6
#define HL_VA_FP_AFTER_3 HL_VA_FP5
#define HL_VA_FP_AFTER_4 HL_VA_FP4
#define HL_VA_FP_AFTER_5 HL_VA_FP3
#define HL_VA_FP_AFTER_6 HL_VA_FP2
#define HL_VA_FP_AFTER_7 HL_VA_FP1
#define HL_VA_FP_AFTER_8 HL_VA_FP0
#else
#define HL_VA_FP_AFTER_0 HL_VA_FP0
#define HL_VA_FP_AFTER_1 HL_VA_FP0
#define HL_VA_FP_AFTER_2 HL_VA_FP0
#define HL_VA_FP_AFTER_3 HL_VA_FP0
#define HL_VA_FP_AFTER_4 HL_VA_FP0
#define HL_VA_FP_AFTER_5 HL_VA_FP0
#define HL_VA_FP_AFTER_6 HL_VA_FP0
#define HL_VA_FP_AFTER_7 HL_VA_FP0
#define HL_VA_FP_AFTER_8 HL_VA_FP0
#endif

#endif
