/* IPv4 headers (RFC 791): version 4, header length, total length, no
 * fragments, header checksum; options are skipped. Model in
 * spec/net/ipv4.acsl. */
#ifndef SPINEL_NET_IPV4_H
#define SPINEL_NET_IPV4_H

#include <stdint.h>
#include "net/wire.h"
#include "net/csum.h"

#define IPV4_HDR 20u       /* without options */
#define IPV4_DF 0x4000u    /* don't fragment; the bits below: MF, offset */
#define IPV4_PROTO_ICMP 1u
#define IPV4_PROTO_UDP 17u

struct ipv4_hdr {
    uint8_t ihl; /* header length in 32-bit words */
    uint8_t tos;
    uint16_t total; /* header and payload */
    uint16_t id;
    uint16_t frag; /* flags and fragment offset */
    uint8_t ttl;
    uint8_t proto;
    uint16_t csum;
    uint32_t src;
    uint32_t dst;
    struct net_view payload; /* after the options, up to total */
};

enum ipv4_err {
    IPV4_OK = 0,
    IPV4_ERR_SHORT = 320,       /* shorter than IPV4_HDR */
    IPV4_ERR_VERSION = 321,     /* not version 4 */
    IPV4_ERR_IHL = 322,         /* header length under 5 words */
    IPV4_ERR_TOTAL_SHORT = 323, /* total length under the header length */
    IPV4_ERR_TOTAL_LONG = 324,  /* total length past the view (the frame) */
    IPV4_ERR_FRAGMENT = 325,    /* more fragments, or an offset */
    IPV4_ERR_CHECKSUM = 326     /* the header's sum is not all ones */
};

#include "net/ipv4.acsl"

/* Reads the header in the view v of frame[0 .. len) (an Ethernet
 * payload, perhaps padded past the total length). Refusals in this order;
 * *out is written only on success. */
/*@ requires \valid_read(frame + (0 .. len - 1)) && NetViewIn(v, len);
    requires \valid(out) && \separated(out, frame + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior short:
      assumes v.len < IPV4_HDR;
      ensures \result == IPV4_ERR_SHORT;
    behavior version:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) != 4;
      ensures \result == IPV4_ERR_VERSION;
    behavior ihl:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) == 4 && Ipv4Ihl(frame + v.off) < 5;
      ensures \result == IPV4_ERR_IHL;
    behavior total_short:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) == 4 && Ipv4Ihl(frame + v.off) >= 5;
      assumes Ipv4Total(frame + v.off) < Ipv4HdrLen(frame + v.off);
      ensures \result == IPV4_ERR_TOTAL_SHORT;
    behavior total_long:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) == 4 && Ipv4Ihl(frame + v.off) >= 5;
      assumes Ipv4HdrLen(frame + v.off) <= Ipv4Total(frame + v.off) && Ipv4Total(frame + v.off) > v.len;
      ensures \result == IPV4_ERR_TOTAL_LONG;
    behavior fragment:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) == 4 && Ipv4Ihl(frame + v.off) >= 5;
      assumes Ipv4HdrLen(frame + v.off) <= Ipv4Total(frame + v.off) <= v.len;
      assumes Ipv4Fragment(frame + v.off);
      ensures \result == IPV4_ERR_FRAGMENT;
    behavior checksum:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) == 4 && Ipv4Ihl(frame + v.off) >= 5;
      assumes Ipv4HdrLen(frame + v.off) <= Ipv4Total(frame + v.off) <= v.len;
      assumes !Ipv4Fragment(frame + v.off) && !CsumOk(frame + v.off, Ipv4HdrLen(frame + v.off), 0);
      ensures \result == IPV4_ERR_CHECKSUM;
    behavior ok:
      assumes v.len >= IPV4_HDR && Ipv4Version(frame + v.off) == 4 && Ipv4Ihl(frame + v.off) >= 5;
      assumes Ipv4HdrLen(frame + v.off) <= Ipv4Total(frame + v.off) <= v.len;
      assumes !Ipv4Fragment(frame + v.off) && CsumOk(frame + v.off, Ipv4HdrLen(frame + v.off), 0);
      ensures \result == IPV4_OK;
      ensures Ipv4Is(frame + v.off, v, out);
      ensures NetViewIn(out->payload, len);
    complete behaviors;
    disjoint behaviors;
*/
int ipv4_parse(const uint8_t *frame, uint32_t len, struct net_view v, struct ipv4_hdr *out);

/* Writes a header without options, with h's tos, total, id, frag, ttl,
 * proto, src and dst and its checksum, into buf[0 .. IPV4_HDR). */
/*@ requires \valid(buf + (0 .. IPV4_HDR - 1)) && \valid_read(h);
    requires \separated(buf + (0 .. IPV4_HDR - 1), h);
    terminates \true;
    assigns buf[0 .. IPV4_HDR - 1];
    ensures Ipv4Built(buf, h);
*/
void ipv4_build(uint8_t *buf, const struct ipv4_hdr *h);

#endif
