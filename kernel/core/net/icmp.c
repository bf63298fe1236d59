/* ICMP echo messages. */
#include "net/icmp.h"

int icmp_parse(const uint8_t *frame, uint32_t len, struct net_view v, struct icmp_echo *out)
{
    (void)len; /* the contract's bound: v lies inside the frame */
    if (v.len < ICMP_HDR)
        return ICMP_ERR_SHORT;
    const uint8_t *p = frame + v.off;
    if (csum_sum(0, p, v.len) != 0xffffu)
        return ICMP_ERR_CHECKSUM;
    if (p[0] != ICMP_ECHO_REPLY && p[0] != ICMP_ECHO_REQUEST)
        return ICMP_ERR_TYPE;
    if (p[1] != 0)
        return ICMP_ERR_CODE;
    out->type = p[0];
    out->code = p[1];
    out->csum = be16(p + 2);
    out->id = be16(p + 4);
    out->seq = be16(p + 6);
    out->payload.off = v.off + ICMP_HDR;
    out->payload.len = v.len - ICMP_HDR;
    return ICMP_OK;
}

void icmp_build(uint8_t *buf, uint32_t n, uint8_t type, uint16_t id, uint16_t seq)
{
    buf[0] = type;
    buf[1] = 0;
    put_be16(buf + 4, id);
    put_be16(buf + 6, seq);
    csum_store(buf, n, 2, 0, 0);
}
