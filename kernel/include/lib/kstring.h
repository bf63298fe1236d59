/* Freestanding memory and string helpers used by the kernel. */
#ifndef SPINEL_KSTRING_H
#define SPINEL_KSTRING_H

#include <stddef.h>
#include <stdint.h>

#include "lib/kstring.acsl"

/*@ requires \valid(dst + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \forall integer i; 0 <= i < n ==> dst[i] == c;
*/
void kmemset(uint8_t *dst, uint8_t c, size_t n);

/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures BytesEqual{Post,Pre}(dst, src, n);
*/
void kmemcpy(uint8_t *dst, const uint8_t *src, size_t n);

/* Like kmemcpy, but the ranges may overlap: dst ends up holding what src
 * held before the call. */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures BytesEqual{Post,Pre}(dst, src, n);
*/
void kmemmove(uint8_t *dst, const uint8_t *src, size_t n);

/* Compares bytes as unsigned values, like memcmp. */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    terminates \true;
    assigns \nothing;
    behavior equal:
      assumes BytesEqual{Pre,Pre}(a, b, n);
      ensures \result == 0;
    behavior differ:
      assumes !BytesEqual{Pre,Pre}(a, b, n);
      ensures \exists integer i; FirstDifference(a, b, i, n) &&
        (a[i] < b[i] ==> \result < 0) && (a[i] > b[i] ==> \result > 0);
    complete behaviors;
    disjoint behaviors;
*/
int kmemcmp(const uint8_t *a, const uint8_t *b, size_t n);

/* Length of s up to its NUL, or max if there is none within max bytes. */
/*@ requires StringReadable(s, max);
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result <= max;
    ensures NoNul(s, \result);
    ensures \result < max ==> s[\result] == 0;
*/
size_t kstrnlen(const char *s, size_t max);

#endif
