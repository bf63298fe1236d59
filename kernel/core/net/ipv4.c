/* IPv4 headers. */
#include "net/ipv4.h"

/* The first fault of the header at p, inside n bytes (n >= IPV4_HDR), or IPV4_OK. */
/*@ requires n >= IPV4_HDR && \valid_read(p + (0 .. n - 1));
    terminates \true;
    assigns \nothing;
    ensures Ipv4Version(p) != 4 ==> \result == IPV4_ERR_VERSION;
    ensures Ipv4Version(p) == 4 && Ipv4Ihl(p) < 5 ==> \result == IPV4_ERR_IHL;
    ensures Ipv4Version(p) == 4 && Ipv4Ihl(p) >= 5 && Ipv4Total(p) < Ipv4HdrLen(p) ==>
      \result == IPV4_ERR_TOTAL_SHORT;
    ensures Ipv4Version(p) == 4 && Ipv4Ihl(p) >= 5 && Ipv4HdrLen(p) <= Ipv4Total(p) && Ipv4Total(p) > n ==>
      \result == IPV4_ERR_TOTAL_LONG;
    ensures Ipv4Version(p) == 4 && Ipv4Ihl(p) >= 5 && Ipv4HdrLen(p) <= Ipv4Total(p) <= n && Ipv4Fragment(p) ==>
      \result == IPV4_ERR_FRAGMENT;
    ensures Ipv4Version(p) == 4 && Ipv4Ihl(p) >= 5 && Ipv4HdrLen(p) <= Ipv4Total(p) <= n && !Ipv4Fragment(p) &&
      !CsumOk(p, Ipv4HdrLen(p), 0) ==> \result == IPV4_ERR_CHECKSUM;
    ensures Ipv4Version(p) == 4 && Ipv4Ihl(p) >= 5 && Ipv4HdrLen(p) <= Ipv4Total(p) <= n && !Ipv4Fragment(p) &&
      CsumOk(p, Ipv4HdrLen(p), 0) ==> \result == IPV4_OK;
*/
static int ipv4_check(const uint8_t *p, uint32_t n)
{
    if (p[0] / 16u != 4)
        return IPV4_ERR_VERSION;
    uint32_t hlen = 4u * (p[0] % 16u);
    if (hlen < IPV4_HDR)
        return IPV4_ERR_IHL;
    uint16_t total = be16(p + 2);
    if (total < hlen)
        return IPV4_ERR_TOTAL_SHORT;
    if (total > n)
        return IPV4_ERR_TOTAL_LONG;
    if (be16(p + 6) % IPV4_DF != 0)
        return IPV4_ERR_FRAGMENT;
    if (csum_sum(0, p, hlen) != 0xffffu)
        return IPV4_ERR_CHECKSUM;
    return IPV4_OK;
}

/* The fields of the header at p, read from the view v; the payload from
 * the end of the options up to the total length. */
/*@ requires IPV4_HDR <= v.len && \valid_read(p + (0 .. v.len - 1));
    requires v.off + v.len <= 4294967295;
    requires 5 <= Ipv4Ihl(p) && Ipv4HdrLen(p) <= Ipv4Total(p) <= v.len;
    requires \valid(out) && \separated(out, p + (0 .. v.len - 1));
    terminates \true;
    assigns *out;
    ensures Ipv4Is(p, v, out);
*/
static void ipv4_fill(const uint8_t *p, struct net_view v, struct ipv4_hdr *out)
{
    uint32_t hlen = 4u * (p[0] % 16u);
    out->ihl = p[0] % 16u;
    out->tos = p[1];
    out->total = be16(p + 2);
    out->id = be16(p + 4);
    out->frag = be16(p + 6);
    out->ttl = p[8];
    out->proto = p[9];
    out->csum = be16(p + 10);
    out->src = be32(p + 12);
    out->dst = be32(p + 16);
    out->payload.off = v.off + hlen;
    out->payload.len = (uint32_t)(out->total - hlen);
}

int ipv4_parse(const uint8_t *frame, uint32_t len, struct net_view v, struct ipv4_hdr *out)
{
    (void)len; /* the contract's bound: v lies inside the frame */
    if (v.len < IPV4_HDR)
        return IPV4_ERR_SHORT;
    const uint8_t *p = frame + v.off;
    int err = ipv4_check(p, v.len);
    if (err != IPV4_OK)
        return err;
    ipv4_fill(p, v, out);
    return IPV4_OK;
}

/* Version, IHL 5 and the fields up to the protocol. */
/*@ requires \valid(buf + (0 .. 9)) && \valid_read(h) && \separated(buf + (0 .. 9), h);
    terminates \true;
    assigns buf[0 .. 9];
    ensures Ipv4Head(buf, h);
*/
static void ipv4_put_head(uint8_t *buf, const struct ipv4_hdr *h)
{
    buf[0] = 0x45;
    buf[1] = h->tos;
    put_be16(buf + 2, h->total);
    put_be16(buf + 4, h->id);
    put_be16(buf + 6, h->frag);
    buf[8] = h->ttl;
    buf[9] = h->proto;
}

void ipv4_build(uint8_t *buf, const struct ipv4_hdr *h)
{
    ipv4_put_head(buf, h);
    put_be32(buf + 12, h->src);
    put_be32(buf + 16, h->dst);
    //@ assert fields: Ipv4Head(buf, h) && Be32(buf + 12) == h->src && Be32(buf + 16) == h->dst;
    csum_store(buf, IPV4_HDR, 10, 0, 0);
    //@ assert head: Ipv4Head(buf, h);
    //@ assert addresses: Be32(buf + 12) == h->src && Be32(buf + 16) == h->dst;
}
