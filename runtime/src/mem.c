/*
 * The few C library functions the compiler may call on its own (struct copies, zeroing).
 * Only built for wasm; native tests use the host's libc. Byte loops keep the module free of
 * bulk-memory instructions, which not every wasm reader handles.
 */
#include "tg_internal.h"

/* wasm loads and stores need no alignment, so whole words move at any address. */
typedef uint64_t __attribute__((aligned(1), may_alias)) tg_u64_unaligned;

void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    for (; n >= 8; n -= 8, d += 8, s += 8)
        *(tg_u64_unaligned *)d = *(const tg_u64_unaligned *)s;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = (const uint8_t *)a;
    const uint8_t *y = (const uint8_t *)b;
    size_t i = 0;
    /* Skip equal words, then find the first differing byte. */
    while (i + 8 <= n && *(const tg_u64_unaligned *)(x + i) == *(const tg_u64_unaligned *)(y + i))
        i += 8;
    for (; i < n; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}
