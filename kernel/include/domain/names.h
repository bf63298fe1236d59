/* Symbol names as the domain linker handles them: bytes with a length
 * (inside an object's string table, see elf.h), hashed for lookup and
 * compared byte by byte. */
#ifndef SPINEL_NAMES_H
#define SPINEL_NAMES_H

#include <stdint.h>
#include "domain/names.acsl"

/* The djb2 hash of s[0 .. len), modulo 2^32. */
/*@ requires \valid_read(s + (0 .. len - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == NameHash(s, len);
*/
uint32_t name_hash(const uint8_t *s, uint32_t len);

/* 1 if a[0 .. alen) and b[0 .. blen) are the same name, else 0. */
/*@ requires \valid_read(a + (0 .. alen - 1)) && \valid_read(b + (0 .. blen - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> NamesEqual(a, alen, b, blen);
*/
int name_equal(const uint8_t *a, uint32_t alen, const uint8_t *b, uint32_t blen);

#endif
