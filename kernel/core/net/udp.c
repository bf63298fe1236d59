/* UDP datagrams over IPv4. */
#include "net/udp.h"

/* The plain sum of the pseudo-header. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == UdpPseudo(src, dst, ulen);
*/
static uint64_t udp_pseudo(uint32_t src, uint32_t dst, uint32_t ulen)
{
    return (uint64_t)(src / 65536u) + src % 65536u + dst / 65536u + dst % 65536u + IPV4_PROTO_UDP + ulen;
}

int udp_parse(const uint8_t *frame, uint32_t len, struct net_view v, uint32_t src, uint32_t dst,
              struct udp_hdr *out)
{
    (void)len; /* the contract's bound: v lies inside the frame */
    if (v.len < UDP_HDR)
        return UDP_ERR_SHORT;
    const uint8_t *p = frame + v.off;
    uint16_t ulen = be16(p + 4);
    if (ulen < UDP_HDR)
        return UDP_ERR_LEN_SHORT;
    if (ulen > v.len)
        return UDP_ERR_LEN_LONG;
    uint16_t csum = be16(p + 6);
    if (csum != 0 && csum_sum(udp_pseudo(src, dst, ulen), p, ulen) != 0xffffu)
        return UDP_ERR_CHECKSUM;
    out->sport = be16(p);
    out->dport = be16(p + 2);
    out->len = ulen;
    out->csum = csum;
    out->payload.off = v.off + UDP_HDR;
    out->payload.len = ulen - UDP_HDR;
    return UDP_OK;
}

void udp_build(uint8_t *buf, uint32_t n, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport)
{
    put_be16(buf, sport);
    put_be16(buf + 2, dport);
    put_be16(buf + 4, (uint16_t)n);
    csum_store(buf, n, 6, udp_pseudo(src, dst, n), 1);
}
