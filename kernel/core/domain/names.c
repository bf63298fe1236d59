/* Symbol names: hash and equality. */
#include "domain/names.h"

uint32_t name_hash(const uint8_t *s, uint32_t len)
{
    uint64_t h = 5381;
    /*@ loop invariant 0 <= i <= len && h == NameHash(s, i) && h < 4294967296;
        loop assigns i, h;
        loop variant len - i;
    */
    for (uint32_t i = 0; i < len; i++)
        h = (h * 33u + s[i]) % 4294967296u;
    return (uint32_t)h;
}

int name_equal(const uint8_t *a, uint32_t alen, const uint8_t *b, uint32_t blen)
{
    if (alen != blen)
        return 0;
    /*@ loop invariant 0 <= i <= alen;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] == b[k];
        loop assigns i;
        loop variant alen - i;
    */
    for (uint32_t i = 0; i < alen; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}
