/* Big-endian packet fields. Arithmetic rather than shifts: the provers
 * handle it without bit-vectors. */
#include "net/wire.h"

uint16_t be16(const uint8_t *p) { return (uint16_t)(256u * p[0] + p[1]); }

uint32_t be32(const uint8_t *p) { return 65536u * be16(p) + be16(p + 2); }

void put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v / 256u);
    p[1] = (uint8_t)(v % 256u);
}

void put_be32(uint8_t *p, uint32_t v)
{
    put_be16(p, (uint16_t)(v / 65536u));
    put_be16(p + 2, (uint16_t)(v % 65536u));
}

void mac_copy(uint8_t *to, const uint8_t *from)
{
    /*@ loop invariant 0 <= i <= 6;
        loop invariant \forall integer k; 0 <= k < i ==> to[k] == from[k];
        loop assigns i, to[0 .. 5];
        loop variant 6 - i; */
    for (uint32_t i = 0; i < 6; i++)
        to[i] = from[i];
}
