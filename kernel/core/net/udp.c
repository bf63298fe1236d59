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

/* The first fault of the datagram at p, in a view of n >= UDP_HDR bytes, or UDP_OK. */
/*@ requires UDP_HDR <= n && \valid_read(p + (0 .. n - 1));
    terminates \true;
    assigns \nothing;
    ensures UdpLen(p) < UDP_HDR ==> \result == UDP_ERR_LEN_SHORT;
    ensures UdpLen(p) >= UDP_HDR && UdpLen(p) > n ==> \result == UDP_ERR_LEN_LONG;
    ensures UDP_HDR <= UdpLen(p) <= n && !UdpCsumOk(p, src, dst) ==> \result == UDP_ERR_CHECKSUM;
    ensures UDP_HDR <= UdpLen(p) <= n && UdpCsumOk(p, src, dst) ==> \result == UDP_OK;
*/
static int udp_check(const uint8_t *p, uint32_t n, uint32_t src, uint32_t dst)
{
    uint16_t ulen = be16(p + 4);
    if (ulen < UDP_HDR)
        return UDP_ERR_LEN_SHORT;
    if (ulen > n)
        return UDP_ERR_LEN_LONG;
    if (be16(p + 6) == 0)
        return UDP_OK;
    if (csum_sum(udp_pseudo(src, dst, ulen), p, ulen) != 0xffffu)
        return UDP_ERR_CHECKSUM;
    return UDP_OK;
}

/* The fields of the datagram at p, read from the view v. */
/*@ requires UDP_HDR <= v.len && \valid_read(p + (0 .. v.len - 1));
    requires v.off + v.len <= 4294967295;
    requires UDP_HDR <= UdpLen(p) <= v.len;
    requires \valid(out) && \separated(out, p + (0 .. v.len - 1));
    terminates \true;
    assigns *out;
    ensures UdpIs(p, v, out);
*/
static void udp_fill(const uint8_t *p, struct net_view v, struct udp_hdr *out)
{
    out->sport = be16(p);
    out->dport = be16(p + 2);
    out->len = be16(p + 4);
    out->csum = be16(p + 6);
    out->payload.off = v.off + UDP_HDR;
    out->payload.len = (uint32_t)(out->len - UDP_HDR);
}

int udp_parse(const uint8_t *frame, uint32_t len, struct net_view v, uint32_t src, uint32_t dst,
              struct udp_hdr *out)
{
    (void)len; /* the contract's bound: v lies inside the frame */
    if (v.len < UDP_HDR)
        return UDP_ERR_SHORT;
    const uint8_t *p = frame + v.off;
    int err = udp_check(p, v.len, src, dst);
    if (err != UDP_OK)
        return err;
    udp_fill(p, v, out);
    return UDP_OK;
}

void udp_build(uint8_t *buf, uint32_t n, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport)
{
    put_be16(buf, sport);
    put_be16(buf + 2, dport);
    put_be16(buf + 4, (uint16_t)n);
    csum_store(buf, n, 6, udp_pseudo(src, dst, n), 1);
}
