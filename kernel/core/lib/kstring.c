/* Freestanding memory and string helpers. Contracts in kstring.h. */
#include "lib/kstring.h"

void kmemset(uint8_t *dst, uint8_t c, size_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> dst[j] == c;
        loop assigns i, dst[0 .. n - 1];
        loop variant n - i; */
    for (size_t i = 0; i < n; i++)
        dst[i] = c;
}

void kmemcpy(uint8_t *dst, const uint8_t *src, size_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant BytesEqual{Here,Pre}(dst, src, i);
        loop assigns i, dst[0 .. n - 1];
        loop variant n - i; */
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

/* dst below src: copying upwards reads each source byte before it is overwritten. */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires dst <= src;
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures BytesEqual{Post,Pre}(dst, src, n);
*/
static void copy_up(uint8_t *dst, const uint8_t *src, size_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant BytesEqual{Here,Pre}(dst, src, i);
        loop invariant \forall integer j; i <= j < n ==> src[j] == \at(src[j], Pre);
        loop assigns i, dst[0 .. n - 1];
        loop variant n - i; */
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

/* dst above src: copying downwards, for the same reason. */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires !(dst <= src);
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures BytesEqual{Post,Pre}(dst, src, n);
*/
static void copy_down(uint8_t *dst, const uint8_t *src, size_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; i <= j < n ==> dst[j] == \at(src[j], Pre);
        loop invariant \forall integer j; 0 <= j < i ==> src[j] == \at(src[j], Pre);
        loop assigns i, dst[0 .. n - 1];
        loop variant i; */
    for (size_t i = n; i > 0; i--)
        dst[i - 1] = src[i - 1];
}

void kmemmove(uint8_t *dst, const uint8_t *src, size_t n)
{
    const uint8_t *to = dst; /* same type as src: no cast in the comparison */
    if (to <= src)
        copy_up(dst, src, n);
    else
        copy_down(dst, src, n);
}

int kmemcmp(const uint8_t *a, const uint8_t *b, size_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant BytesEqual{Here,Here}(a, b, i);
        loop assigns i;
        loop variant n - i; */
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            //@ assert FirstDifference(a, b, i, n);
            return a[i] < b[i] ? -1 : 1;
        }
    }
    return 0;
}

size_t kstrnlen(const char *s, size_t max)
{
    /*@ loop invariant 0 <= i <= max;
        loop invariant NoNul(s, i);
        loop assigns i;
        loop variant max - i; */
    for (size_t i = 0; i < max; i++)
        if (s[i] == 0)
            return i;
    return max;
}
