/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Values in call and callback blocks: 64-bit slots. Integers are sign- or
 * zero-extended, plain char zero-extended (its 8 bits: signed on one
 * architecture, unsigned on another, the receiver's cast gives it back its
 * own signedness), pointers widened, float and double kept as bit patterns
 * (a float in the low 32 bits). A struct or union passed by value travels
 * as its address (hl_from_ptr). Used alike by guest thunks and host stubs.
 */
#ifndef HOSTLINK_SLOTS_H
#define HOSTLINK_SLOTS_H

#include <stdint.h>
#include <string.h>

static inline void *hl_ptr(uint64_t v) { return (void *)(uintptr_t)v; }
static inline uint64_t hl_from_sint(int64_t v) { return (uint64_t)v; }
static inline uint64_t hl_from_uint(uint64_t v) { return v; }
static inline uint64_t hl_from_char(char c) { return (unsigned char)c; }
static inline uint64_t hl_from_ptr(const volatile void *p) { return (uint64_t)(uintptr_t)p; }
static inline uint64_t hl_from_fn(void (*p)(void)) { return (uint64_t)(uintptr_t)p; }

static inline uint64_t hl_from_f32(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof(u));
    return u;
}

static inline uint64_t hl_from_f64(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof(u));
    return u;
}

static inline float hl_f32(uint64_t v)
{
    uint32_t u = (uint32_t)v;
    float f;
    memcpy(&f, &u, sizeof(f));
    return f;
}

static inline double hl_f64(uint64_t v)
{
    double d;
    memcpy(&d, &v, sizeof(d));
    return d;
}

#endif
