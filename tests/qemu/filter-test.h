/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Protocol between filter-plugin.c and filter-guest.c: syscall(FT_SYSCALL, op, ...). */
#ifndef FILTER_TEST_H
#define FILTER_TEST_H

#define FT_SYSCALL      4096
#define FT_OP_SWAP24    1   /* (x) -> x with bytes 0 and 2 swapped */
#define FT_OP_ERRNO     2   /* () -> -EPERM */
#define FT_OP_REVERSE   3   /* (addr, len) -> byte sum; buffer reversed in place */
#define FT_OP_REDIRECT  4   /* (fn, arg): guest continues at fn(arg) */
#define FT_OP_UNKNOWN   99  /* the plugin declines: QEMU answers -ENOSYS */

#endif
