/* Big-endian fields of packets, read and written byte by byte: never
 * through a cast struct pointer, which WP's memory model cannot follow
 * soundly. Model in spec/net/wire.acsl. */
#ifndef SPINEL_NET_WIRE_H
#define SPINEL_NET_WIRE_H

#include <stdint.h>

/* Where a header's payload lies in the frame: [off, off + len). */
struct net_view {
    uint32_t off;
    uint32_t len;
};

#define NET_MAC_LEN 6u

#include "net/wire.acsl"

/*@ requires \valid_read(p + (0 .. 1));
    terminates \true;
    assigns \nothing;
    ensures \result == Be16(p);
*/
uint16_t be16(const uint8_t *p);

/*@ requires \valid_read(p + (0 .. 3));
    terminates \true;
    assigns \nothing;
    ensures \result == Be32(p);
*/
uint32_t be32(const uint8_t *p);

/*@ requires \valid(p + (0 .. 1));
    terminates \true;
    assigns p[0 .. 1];
    ensures Be16(p) == v;
*/
void put_be16(uint8_t *p, uint16_t v);

/*@ requires \valid(p + (0 .. 3));
    terminates \true;
    assigns p[0 .. 3];
    ensures Be32(p) == v;
*/
void put_be32(uint8_t *p, uint32_t v);

/* Copies a hardware address: to[0 .. 6) = from[0 .. 6). */
/*@ requires \valid(to + (0 .. 5)) && \valid_read(from + (0 .. 5));
    requires \separated(to + (0 .. 5), from + (0 .. 5));
    terminates \true;
    assigns to[0 .. 5];
    ensures MacIs(to, from);
*/
void mac_copy(uint8_t *to, const uint8_t *from);

#endif
