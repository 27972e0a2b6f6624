// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A JIT's page: guest code and data in one writable, executable page. Once
 * the guest ran the code there, QEMU write-protects the page on the host
 * (to notice code changes), while the guest still sees it writable. A host
 * library writing its output there (hlt_stamp) must work as natively.
 * tests/hostmem/tbpage.sh compares with plain emulation.
 *   tbpage-guest
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "hlt.h"

/* A function returning 42, in this guest's machine code. */
#if defined(__x86_64__)
static const uint8_t code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };       /* mov $42, %eax; ret */
#elif defined(__aarch64__)
static const uint32_t code[] = { 0x52800540, 0xd65f03c0 };                 /* mov w0, #42; ret */
#elif defined(__riscv)
static const uint32_t code[] = { 0x02a00513, 0x00008067 };                 /* li a0, 42; ret */
#endif

int main(void)
{
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memcpy(page, code, sizeof(code));
    __builtin___clear_cache((char *)page, (char *)page + sizeof(code));
    int (*fn)(void) = (int (*)(void))(uintptr_t)page;
    printf("code: %d\n", fn());

    /* The library's output lands in the page the guest just ran code from. */
    char *out = (char *)page + 2048;
    hlt_stamp(out, 3);
    printf("stamp in the code page: '%s'\n", out);
    /* The guest changes its code afterwards: QEMU must see it (its translation is dropped). */
    printf("code again: %d\n", fn());
    return 0;
}
