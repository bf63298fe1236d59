/* Laws of the packet models, proved from the contracts in the net headers alone:
 * parsing what a builder wrote gives back exactly the fields it was given
 * (Ethernet, ARP, IPv4, ICMP echo, UDP), the checksums included; and a
 * UDP datagram built in the payload view of an IPv4 header just parsed,
 * with that header's addresses, parses back too. Not linked anywhere. */
#include "net/arp.h"
#include "net/ether.h"
#include "net/icmp.h"
#include "net/ipv4.h"
#include "net/udp.h"

/*@ requires ETHER_HDR <= len && \valid(frame + (0 .. len - 1)) && \valid(out);
    requires \valid_read(dst + (0 .. 5)) && \valid_read(src + (0 .. 5));
    requires \separated(frame + (0 .. len - 1), dst + (0 .. 5), src + (0 .. 5), out);
    requires type >= ETHER_TYPE_MIN;
    terminates \true;
    assigns frame[0 .. ETHER_HDR - 1], *out;
    ensures \result == ETHER_OK && out->type == type;
    ensures MacIs(&out->dst[0], dst) && MacIs(&out->src[0], src);
    ensures out->payload.off == ETHER_HDR && out->payload.len == len - ETHER_HDR;
*/
int law_ether_round_trip(uint8_t *frame, uint32_t len, const uint8_t *dst, const uint8_t *src, uint16_t type,
                         struct ether_hdr *out)
{
    ether_build(frame, dst, src, type);
    return ether_parse(frame, len, out);
}

/*@ requires \valid(frame + (0 .. len - 1)) && NetViewIn(v, len) && v.len >= ARP_LEN;
    requires \valid_read(a) && \valid(out) && \separated(frame + (0 .. len - 1), a, out);
    requires a->op == ARP_OP_REQUEST || a->op == ARP_OP_REPLY;
    terminates \true;
    assigns frame[v.off .. v.off + ARP_LEN - 1], *out;
    ensures \result == ARP_OK && out->op == a->op && out->spa == a->spa && out->tpa == a->tpa;
    ensures MacIs(&out->sha[0], &a->sha[0]) && MacIs(&out->tha[0], &a->tha[0]);
*/
int law_arp_round_trip(uint8_t *frame, uint32_t len, struct net_view v, const struct arp_pkt *a,
                       struct arp_pkt *out)
{
    arp_build(frame + v.off, a);
    //@ assert ArpHtypeOk(frame + v.off) && ArpPtypeOk(frame + v.off) && ArpHlenOk(frame + v.off);
    //@ assert ArpPlenOk(frame + v.off) && ArpOpOk(frame + v.off);
    return arp_parse(frame, len, v, out);
}

/* A header without options whose total fits the view, not a fragment. */
/*@ requires \valid(frame + (0 .. len - 1)) && NetViewIn(v, len);
    requires \valid_read(h) && \valid(out) && \separated(frame + (0 .. len - 1), h, out);
    requires IPV4_HDR <= h->total <= v.len && h->frag % IPV4_DF == 0;
    terminates \true;
    assigns frame[v.off .. v.off + IPV4_HDR - 1], *out;
    ensures \result == IPV4_OK && out->ihl == 5 && out->tos == h->tos && out->total == h->total;
    ensures out->id == h->id && out->frag == h->frag && out->ttl == h->ttl && out->proto == h->proto;
    ensures out->src == h->src && out->dst == h->dst;
    ensures out->payload.off == v.off + IPV4_HDR && out->payload.len == h->total - IPV4_HDR;
*/
int law_ipv4_round_trip(uint8_t *frame, uint32_t len, struct net_view v, const struct ipv4_hdr *h,
                        struct ipv4_hdr *out)
{
    ipv4_build(frame + v.off, h);
    //@ assert Ipv4Version(frame + v.off) == 4 && Ipv4HdrLen(frame + v.off) == IPV4_HDR;
    //@ assert Ipv4Total(frame + v.off) == h->total && !Ipv4Fragment(frame + v.off);
    //@ assert CsumOk(frame + v.off, Ipv4HdrLen(frame + v.off), 0);
    return ipv4_parse(frame, len, v, out);
}

/* An echo message filling the view, whatever its payload. */
/*@ requires \valid(frame + (0 .. len - 1)) && NetViewIn(v, len) && ICMP_HDR <= v.len <= ICMP_MAX;
    requires \valid(out) && \separated(frame + (0 .. len - 1), out);
    requires type == ICMP_ECHO_REQUEST || type == ICMP_ECHO_REPLY;
    terminates \true;
    assigns frame[v.off .. v.off + ICMP_HDR - 1], *out;
    ensures \result == ICMP_OK && out->type == type && out->code == 0 && out->id == id && out->seq == seq;
    ensures out->payload.off == v.off + ICMP_HDR && out->payload.len == v.len - ICMP_HDR;
*/
int law_icmp_round_trip(uint8_t *frame, uint32_t len, struct net_view v, uint8_t type, uint16_t id, uint16_t seq,
                        struct icmp_echo *out)
{
    icmp_build(frame + v.off, v.len, type, id, seq);
    //@ assert CsumOk(frame + v.off, v.len, 0) && IcmpEcho(frame + v.off) && frame[v.off + 1] == 0;
    return icmp_parse(frame, len, v, out);
}

/* A datagram filling the view, whatever its payload: its checksum is
 * present and right for these addresses. */
/*@ requires \valid(frame + (0 .. len - 1)) && NetViewIn(v, len) && UDP_HDR <= v.len <= UDP_MAX;
    requires \valid(out) && \separated(frame + (0 .. len - 1), out);
    terminates \true;
    assigns frame[v.off .. v.off + UDP_HDR - 1], *out;
    ensures \result == UDP_OK && out->sport == sport && out->dport == dport && out->len == v.len;
    ensures out->csum != 0;
    ensures out->payload.off == v.off + UDP_HDR && out->payload.len == v.len - UDP_HDR;
*/
int law_udp_round_trip(uint8_t *frame, uint32_t len, struct net_view v, uint32_t src, uint32_t dst,
                       uint16_t sport, uint16_t dport, struct udp_hdr *out)
{
    udp_build(frame + v.off, v.len, src, dst, sport, dport);
    //@ assert UdpLen(frame + v.off) == v.len;
    //@ assert UdpCsumOk(frame + v.off, src, dst);
    return udp_parse(frame, len, v, src, dst, out);
}

/* UDP over IPv4: an IPv4 header built and parsed gives a payload view in
 * which a UDP datagram built with the parsed addresses parses back. */
/*@ requires \valid(frame + (0 .. len - 1)) && NetViewIn(v, len);
    requires \valid_read(h) && \valid(ip) && \valid(u);
    requires \separated(frame + (0 .. len - 1), h, ip, u) && \separated(ip, u, h);
    requires IPV4_HDR + UDP_HDR <= h->total <= v.len && h->frag % IPV4_DF == 0 && h->proto == IPV4_PROTO_UDP;
    terminates \true;
    assigns frame[v.off .. v.off + IPV4_HDR + UDP_HDR - 1], *ip, *u;
    ensures ok: \result == UDP_OK;
    ensures ip: ip->proto == IPV4_PROTO_UDP && ip->src == h->src && ip->dst == h->dst;
    ensures udp: u->sport == sport && u->dport == dport && u->len == h->total - IPV4_HDR;
    ensures payload: u->payload.off == v.off + IPV4_HDR + UDP_HDR && u->payload.len == h->total - IPV4_HDR - UDP_HDR;
*/
int law_udp_over_ipv4(uint8_t *frame, uint32_t len, struct net_view v, const struct ipv4_hdr *h, uint16_t sport,
                      uint16_t dport, struct ipv4_hdr *ip, struct udp_hdr *u)
{
    /* The IPv4 round trip above. */
    int r = law_ipv4_round_trip(frame, len, v, h, ip);
    //@ assert r == IPV4_OK;
    (void)r;
    struct net_view pv = ip->payload;
    uint32_t src = ip->src, dst = ip->dst;
    //@ assert src == h->src && dst == h->dst && ip->proto == IPV4_PROTO_UDP;
    //@ assert pv.off == v.off + IPV4_HDR && pv.len == h->total - IPV4_HDR && NetViewIn(pv, len);
    /* The UDP round trip above, at the parsed payload view. */
    return law_udp_round_trip(frame, len, pv, src, dst, sport, dport, u);
}
