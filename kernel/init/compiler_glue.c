/* gcc may emit calls to memset/memcpy/memmove/memcmp even in freestanding
 * code (struct copies, zeroing): route them to the proved helpers. */
#include <stddef.h>
#include "lib/kstring.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memset(void *dst, int c, size_t n)
{
    kmemset(dst, (uint8_t)c, n);
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    kmemcpy(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    kmemmove(dst, src, n);
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) { return kmemcmp(a, b, n); }
