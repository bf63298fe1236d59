/* Ethernet II headers: destination, source, ethertype (14 bytes). Model
 * in spec/net/ether.acsl. */
#ifndef SPINEL_NET_ETHER_H
#define SPINEL_NET_ETHER_H

#include <stdint.h>
#include "net/wire.h"

#define ETHER_HDR 14u
#define ETHER_TYPE_MIN 0x0600u /* below: an IEEE 802.3 length, not a type */
#define ETHER_TYPE_IPV4 0x0800u
#define ETHER_TYPE_ARP 0x0806u

struct ether_hdr {
    uint8_t dst[6];
    uint8_t src[6];
    uint16_t type;
    struct net_view payload; /* the rest of the frame */
};

/* The network stack's codes: 300 .. 349 (ether 300, arp 310, ipv4 320,
 * icmp 330, udp 340), after the applications' (200 .. 209). */
enum ether_err {
    ETHER_OK = 0,
    ETHER_ERR_SHORT = 300, /* shorter than a header */
    ETHER_ERR_LENGTH = 301 /* the type field is an 802.3 length (< 0x600) */
};

#include "net/ether.acsl"

/* Reads the header of frame[0 .. len); writes *out only on success. */
/*@ requires \valid_read(frame + (0 .. len - 1));
    requires \valid(out) && \separated(out, frame + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior short:
      assumes len < ETHER_HDR;
      ensures \result == ETHER_ERR_SHORT;
    behavior length:
      assumes len >= ETHER_HDR && Be16(frame + 12) < ETHER_TYPE_MIN;
      ensures \result == ETHER_ERR_LENGTH;
    behavior ok:
      assumes len >= ETHER_HDR && Be16(frame + 12) >= ETHER_TYPE_MIN;
      ensures \result == ETHER_OK;
      ensures EtherIs(frame, len, out);
    complete behaviors;
    disjoint behaviors;
*/
int ether_parse(const uint8_t *frame, uint32_t len, struct ether_hdr *out);

/* Writes a header into buf[0 .. ETHER_HDR). */
/*@ requires \valid(buf + (0 .. ETHER_HDR - 1));
    requires \valid_read(dst + (0 .. 5)) && \valid_read(src + (0 .. 5));
    requires \separated(buf + (0 .. ETHER_HDR - 1), dst + (0 .. 5), src + (0 .. 5));
    terminates \true;
    assigns buf[0 .. ETHER_HDR - 1];
    ensures EtherBuilt(buf, dst, src, type);
*/
void ether_build(uint8_t *buf, const uint8_t *dst, const uint8_t *src, uint16_t type);

#endif
