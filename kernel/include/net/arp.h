/* ARP for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type
 * 0x0800, address lengths 6 and 4, request or reply. Model in
 * spec/net/arp.acsl. */
#ifndef SPINEL_NET_ARP_H
#define SPINEL_NET_ARP_H

#include <stdint.h>
#include "net/wire.h"

#define ARP_LEN 28u
#define ARP_HTYPE_ETHER 1u
#define ARP_PTYPE_IPV4 0x0800u
#define ARP_OP_REQUEST 1u
#define ARP_OP_REPLY 2u

struct arp_pkt {
    uint16_t op;
    uint8_t sha[6]; /* sender hardware address */
    uint32_t spa;   /* sender IPv4 address */
    uint8_t tha[6]; /* target hardware address */
    uint32_t tpa;   /* target IPv4 address */
};

enum arp_err {
    ARP_OK = 0,
    ARP_ERR_SHORT = 310, /* shorter than ARP_LEN */
    ARP_ERR_HTYPE = 311, /* hardware type is not Ethernet */
    ARP_ERR_PTYPE = 312, /* protocol type is not IPv4 */
    ARP_ERR_HLEN = 313,  /* hardware address length is not 6 */
    ARP_ERR_PLEN = 314,  /* protocol address length is not 4 */
    ARP_ERR_OP = 315     /* neither request nor reply */
};

#include "net/arp.acsl"

/* Reads the packet in the view v of frame[0 .. len) (an Ethernet
 * payload); bytes past ARP_LEN (padding) are ignored. Refusals in this
 * order; *out is written only on success. */
/*@ requires \valid_read(frame + (0 .. len - 1)) && NetViewIn(v, len);
    requires \valid(out) && \separated(out, frame + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior short:
      assumes v.len < ARP_LEN;
      ensures \result == ARP_ERR_SHORT;
    behavior htype:
      assumes v.len >= ARP_LEN && !ArpHtypeOk(frame + v.off);
      ensures \result == ARP_ERR_HTYPE;
    behavior ptype:
      assumes v.len >= ARP_LEN && ArpHtypeOk(frame + v.off) && !ArpPtypeOk(frame + v.off);
      ensures \result == ARP_ERR_PTYPE;
    behavior hlen:
      assumes v.len >= ARP_LEN && ArpHtypeOk(frame + v.off) && ArpPtypeOk(frame + v.off);
      assumes !ArpHlenOk(frame + v.off);
      ensures \result == ARP_ERR_HLEN;
    behavior plen:
      assumes v.len >= ARP_LEN && ArpHtypeOk(frame + v.off) && ArpPtypeOk(frame + v.off);
      assumes ArpHlenOk(frame + v.off) && !ArpPlenOk(frame + v.off);
      ensures \result == ARP_ERR_PLEN;
    behavior op:
      assumes v.len >= ARP_LEN && ArpHtypeOk(frame + v.off) && ArpPtypeOk(frame + v.off);
      assumes ArpHlenOk(frame + v.off) && ArpPlenOk(frame + v.off) && !ArpOpOk(frame + v.off);
      ensures \result == ARP_ERR_OP;
    behavior ok:
      assumes v.len >= ARP_LEN && ArpHtypeOk(frame + v.off) && ArpPtypeOk(frame + v.off);
      assumes ArpHlenOk(frame + v.off) && ArpPlenOk(frame + v.off) && ArpOpOk(frame + v.off);
      ensures \result == ARP_OK;
      ensures ArpIs(frame + v.off, out);
    complete behaviors;
    disjoint behaviors;
*/
int arp_parse(const uint8_t *frame, uint32_t len, struct net_view v, struct arp_pkt *out);

/* Writes the packet with a's fields into buf[0 .. ARP_LEN). */
/*@ requires \valid(buf + (0 .. ARP_LEN - 1)) && \valid_read(a);
    requires \separated(buf + (0 .. ARP_LEN - 1), a);
    terminates \true;
    assigns buf[0 .. ARP_LEN - 1];
    ensures ArpBuilt(buf, a);
*/
void arp_build(uint8_t *buf, const struct arp_pkt *a);

#endif
