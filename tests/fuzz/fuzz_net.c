/* libFuzzer harness for the receive path's parsers: any bytes are a frame,
 * parsed as the stack will (Ethernet, then ARP, or IPv4 and then ICMP or
 * UDP). Every view a parser returns must lie inside the frame, and inside
 * the view it was parsed from; every refusal must be a code of its
 * module. The frame is copied to a buffer of its exact size, so ASan sees
 * a read one byte past it. An accepted ICMP echo or UDP datagram is
 * rebuilt in a copy with the fields the parser gave, and must parse back
 * to them. */
#include <stdlib.h>
#include <string.h>
#include "net/arp.h"
#include "net/ether.h"
#include "net/icmp.h"
#include "net/ipv4.h"
#include "net/udp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void inside(struct net_view in, struct net_view out, uint32_t len)
{
    if ((uint64_t)out.off + out.len > len || out.off < in.off || (uint64_t)out.off + out.len > (uint64_t)in.off + in.len)
        abort();
}

static void known(int err, int lo, int hi)
{
    if (err != 0 && (err < lo || err > hi))
        abort();
}

static void icmp_again(const uint8_t *f, uint32_t len, struct net_view v, const struct icmp_echo *e)
{
    uint8_t *c = malloc(len ? len : 1);
    struct icmp_echo b;
    memcpy(c, f, len);
    icmp_build(c + v.off, v.len, e->type, e->id, e->seq);
    if (icmp_parse(c, len, v, &b) != ICMP_OK || b.type != e->type || b.id != e->id || b.seq != e->seq)
        abort();
    free(c);
}

static void udp_again(const uint8_t *f, uint32_t len, const struct ipv4_hdr *ip, const struct udp_hdr *u)
{
    uint8_t *c = malloc(len ? len : 1);
    struct udp_hdr b;
    struct net_view v = {ip->payload.off, u->len};
    memcpy(c, f, len);
    udp_build(c + v.off, v.len, ip->src, ip->dst, u->sport, u->dport);
    if (udp_parse(c, len, v, ip->src, ip->dst, &b) != UDP_OK || b.sport != u->sport || b.dport != u->dport ||
        b.len != u->len || b.csum == 0)
        abort();
    free(c);
}

static void ip_layer(const uint8_t *f, uint32_t len, struct net_view v)
{
    struct ipv4_hdr ip;
    int err = ipv4_parse(f, len, v, &ip);
    known(err, IPV4_ERR_SHORT, IPV4_ERR_CHECKSUM);
    if (err)
        return;
    inside(v, ip.payload, len);
    const uint8_t *p = f + v.off;
    uint32_t src = (uint32_t)p[12] << 24 | (uint32_t)p[13] << 16 | (uint32_t)p[14] << 8 | p[15];
    if (ip.ihl < 5 || ip.payload.off != v.off + 4u * ip.ihl || ip.src != src || ip.total != (p[2] << 8 | p[3]))
        abort();
    if (ip.proto == IPV4_PROTO_ICMP) {
        struct icmp_echo e;
        err = icmp_parse(f, len, ip.payload, &e);
        known(err, ICMP_ERR_SHORT, ICMP_ERR_CODE);
        if (!err) {
            inside(ip.payload, e.payload, len);
            icmp_again(f, len, ip.payload, &e);
        }
    } else if (ip.proto == IPV4_PROTO_UDP) {
        struct udp_hdr u;
        err = udp_parse(f, len, ip.payload, ip.src, ip.dst, &u);
        known(err, UDP_ERR_SHORT, UDP_ERR_CHECKSUM);
        if (!err) {
            inside(ip.payload, u.payload, len);
            udp_again(f, len, &ip, &u);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    uint32_t len = (uint32_t)size;
    uint8_t *f = malloc(len ? len : 1);
    memcpy(f, data, len);
    struct ether_hdr e;
    int err = ether_parse(f, len, &e);
    known(err, ETHER_ERR_SHORT, ETHER_ERR_LENGTH);
    if (!err) {
        inside((struct net_view){0, len}, e.payload, len);
        if (e.type == ETHER_TYPE_ARP) {
            struct arp_pkt a;
            known(arp_parse(f, len, e.payload, &a), ARP_ERR_SHORT, ARP_ERR_OP);
        } else if (e.type == ETHER_TYPE_IPV4) {
            ip_layer(f, len, e.payload);
        }
    }
    free(f);
    return 0;
}
