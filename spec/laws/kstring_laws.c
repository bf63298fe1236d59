/* Laws of the byte model, proved from the contracts in kstring.h alone.
 * Not linked anywhere. */
#include "lib/kstring.h"

/* What was copied compares equal to its source. */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \result == 0;
*/
int law_copy_then_equal(uint8_t *dst, const uint8_t *src, size_t n)
{
    kmemcpy(dst, src, n);
    return kmemcmp(dst, src, n);
}

/* A buffer filled with one byte differs from a buffer filled with another. */
/*@ requires n > 0 && \valid(a + (0 .. n - 1)) && \valid(b + (0 .. n - 1));
    requires \separated(a + (0 .. n - 1), b + (0 .. n - 1));
    terminates \true;
    assigns a[0 .. n - 1], b[0 .. n - 1];
    ensures \result < 0;
*/
int law_set_orders(uint8_t *a, uint8_t *b, size_t n)
{
    kmemset(a, 1, n);
    kmemset(b, 2, n);
    return kmemcmp(a, b, n);
}
