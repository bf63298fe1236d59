/* UDP over IPv4 (RFC 768): ports, length, and a checksum over the IPv4
 * pseudo-header and the datagram (0: none sent). Model in
 * spec/net/udp.acsl. */
#ifndef SPINEL_NET_UDP_H
#define SPINEL_NET_UDP_H

#include <stdint.h>
#include "net/wire.h"
#include "net/csum.h"
#include "net/ipv4.h"

#define UDP_HDR 8u
#define UDP_MAX 65515u /* an IPv4 datagram's 65535 bytes less its header */

struct udp_hdr {
    uint16_t sport;
    uint16_t dport;
    uint16_t len; /* header and payload */
    uint16_t csum;
    struct net_view payload;
};

enum udp_err {
    UDP_OK = 0,
    UDP_ERR_SHORT = 340,     /* the view is shorter than UDP_HDR */
    UDP_ERR_LEN_SHORT = 341, /* the length field is under UDP_HDR */
    UDP_ERR_LEN_LONG = 342,  /* the length field is past the view (the IPv4 payload) */
    UDP_ERR_CHECKSUM = 343   /* a checksum is present and wrong */
};

#include "net/udp.acsl"

/* Reads the datagram in the view v of frame[0 .. len) (an IPv4 payload
 * from src to dst). Refusals in this order; *out is written only on
 * success. */
/*@ requires \valid_read(frame + (0 .. len - 1)) && NetViewIn(v, len);
    requires \valid(out) && \separated(out, frame + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior short:
      assumes v.len < UDP_HDR;
      ensures \result == UDP_ERR_SHORT;
    behavior len_short:
      assumes v.len >= UDP_HDR && UdpLen(frame + v.off) < UDP_HDR;
      ensures \result == UDP_ERR_LEN_SHORT;
    behavior len_long:
      assumes v.len >= UDP_HDR && UdpLen(frame + v.off) >= UDP_HDR && UdpLen(frame + v.off) > v.len;
      ensures \result == UDP_ERR_LEN_LONG;
    behavior checksum:
      assumes v.len >= UDP_HDR && UDP_HDR <= UdpLen(frame + v.off) <= v.len;
      assumes !UdpCsumOk(frame + v.off, src, dst);
      ensures \result == UDP_ERR_CHECKSUM;
    behavior ok:
      assumes v.len >= UDP_HDR && UDP_HDR <= UdpLen(frame + v.off) <= v.len;
      assumes UdpCsumOk(frame + v.off, src, dst);
      ensures \result == UDP_OK;
      ensures UdpIs(frame + v.off, v, out);
      ensures NetViewIn(out->payload, len);
    complete behaviors;
    disjoint behaviors;
*/
int udp_parse(const uint8_t *frame, uint32_t len, struct net_view v, uint32_t src, uint32_t dst,
              struct udp_hdr *out);

/* Writes the header (ports, length n) and the checksum of the datagram
 * buf[0 .. n) from src to dst, whose payload the caller wrote past the
 * header. */
/*@ requires UDP_HDR <= n <= UDP_MAX && \valid(buf + (0 .. n - 1));
    terminates \true;
    assigns buf[0 .. UDP_HDR - 1];
    ensures UdpBuilt(buf, n, src, dst, sport, dport);
*/
void udp_build(uint8_t *buf, uint32_t n, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport);

#endif
