/* Little-endian fields read byte by byte from untrusted buffers (boot
 * information, ELF objects): never through a cast struct pointer, which
 * WP's memory model cannot follow soundly. */
#ifndef SPINEL_BYTES_H
#define SPINEL_BYTES_H

#include <stdint.h>
#include "lib/bytes.acsl"

/*@ requires \valid_read(p + (0 .. 1));
    terminates \true;
    assigns \nothing;
    ensures \result == Le16(p);
*/
uint16_t le16(const uint8_t *p);

/*@ requires \valid_read(p + (0 .. 3));
    terminates \true;
    assigns \nothing;
    ensures \result == Le32(p);
*/
uint32_t le32(const uint8_t *p);

/*@ requires \valid_read(p + (0 .. 7));
    terminates \true;
    assigns \nothing;
    ensures \result == Le64(p);
*/
uint64_t le64(const uint8_t *p);

#endif
