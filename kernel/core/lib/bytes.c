/* Little-endian readers for untrusted bytes. Arithmetic rather than
 * shifts: the provers handle it without bit-vectors. */
#include "lib/bytes.h"

uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] + 256u * p[1]); }

uint32_t le32(const uint8_t *p) { return p[0] + 256u * (p[1] + 256u * (p[2] + 256u * p[3])); }

uint64_t le64(const uint8_t *p) { return le32(p) + 4294967296u * le32(p + 4); }
