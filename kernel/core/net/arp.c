/* ARP packets for IPv4 over Ethernet. */
#include "net/arp.h"

/* The first fault of the fixed fields at p, or ARP_OK. */
/*@ requires \valid_read(p + (0 .. ARP_LEN - 1));
    terminates \true;
    assigns \nothing;
    ensures !ArpHtypeOk(p) ==> \result == ARP_ERR_HTYPE;
    ensures ArpHtypeOk(p) && !ArpPtypeOk(p) ==> \result == ARP_ERR_PTYPE;
    ensures ArpHtypeOk(p) && ArpPtypeOk(p) && !ArpHlenOk(p) ==> \result == ARP_ERR_HLEN;
    ensures ArpHtypeOk(p) && ArpPtypeOk(p) && ArpHlenOk(p) && !ArpPlenOk(p) ==> \result == ARP_ERR_PLEN;
    ensures ArpHtypeOk(p) && ArpPtypeOk(p) && ArpHlenOk(p) && ArpPlenOk(p) && !ArpOpOk(p) ==>
      \result == ARP_ERR_OP;
    ensures ArpHtypeOk(p) && ArpPtypeOk(p) && ArpHlenOk(p) && ArpPlenOk(p) && ArpOpOk(p) ==>
      \result == ARP_OK;
*/
static int arp_check(const uint8_t *p)
{
    if (be16(p) != ARP_HTYPE_ETHER)
        return ARP_ERR_HTYPE;
    if (be16(p + 2) != ARP_PTYPE_IPV4)
        return ARP_ERR_PTYPE;
    if (p[4] != NET_MAC_LEN)
        return ARP_ERR_HLEN;
    if (p[5] != 4)
        return ARP_ERR_PLEN;
    uint16_t op = be16(p + 6);
    if (op != ARP_OP_REQUEST && op != ARP_OP_REPLY)
        return ARP_ERR_OP;
    return ARP_OK;
}

/* The fields of the packet at p. */
/*@ requires \valid_read(p + (0 .. ARP_LEN - 1));
    requires \valid(out) && \separated(out, p + (0 .. ARP_LEN - 1));
    terminates \true;
    assigns *out;
    ensures ArpIs(p, out);
*/
static void arp_fill(const uint8_t *p, struct arp_pkt *out)
{
    out->op = be16(p + 6);
    mac_copy(out->sha, p + 8);
    out->spa = be32(p + 14);
    mac_copy(out->tha, p + 18);
    out->tpa = be32(p + 24);
}

int arp_parse(const uint8_t *frame, uint32_t len, struct net_view v, struct arp_pkt *out)
{
    (void)len; /* the contract's bound: v lies inside the frame */
    if (v.len < ARP_LEN)
        return ARP_ERR_SHORT;
    const uint8_t *p = frame + v.off;
    int err = arp_check(p);
    if (err != ARP_OK)
        return err;
    arp_fill(p, out);
    return ARP_OK;
}

/* The fixed fields: Ethernet and IPv4, their lengths. */
/*@ requires \valid(buf + (0 .. 5));
    terminates \true;
    assigns buf[0 .. 5];
    ensures ArpHtypeOk(buf) && ArpPtypeOk(buf) && ArpHlenOk(buf) && ArpPlenOk(buf);
*/
static void arp_build_fixed(uint8_t *buf)
{
    put_be16(buf, ARP_HTYPE_ETHER);
    put_be16(buf + 2, ARP_PTYPE_IPV4);
    buf[4] = NET_MAC_LEN;
    buf[5] = 4;
}

void arp_build(uint8_t *buf, const struct arp_pkt *a)
{
    arp_build_fixed(buf);
    put_be16(buf + 6, a->op);
    mac_copy(buf + 8, a->sha);
    put_be32(buf + 14, a->spa);
    mac_copy(buf + 18, a->tha);
    put_be32(buf + 24, a->tpa);
}
